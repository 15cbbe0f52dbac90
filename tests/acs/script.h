/* The ACS script: what the ACS does, session by session (format in tests/acs/README.md). */
#ifndef TESTACS_SCRIPT_H
#define TESTACS_SCRIPT_H

#include <stdbool.h>
#include <stddef.h>

enum step_kind {
    STEP_INFORM_RESPONSE, /* how to answer the Inform */
    STEP_REQUEST,         /* an ACS request built from the script's words */
    STEP_RAW,             /* an envelope read from a file */
    STEP_READ_TREE,       /* read-tree PATH [BATCH]: GetParameterNames, then GetParameterValues */
    STEP_END,             /* 204 now */
    STEP_AGAIN,           /* the session's steps after inform-response again, for ever */
    /* Modifiers: they change how the next POST is answered and use up no request. */
    STEP_HOLD,
    STEP_FAULT,
    STEP_HTTP,
    STEP_CLOSE,
    STEP_REDIRECT,
    STEP_WAIT,
    STEP_WAIT_FOR,
    STEP_STALE,
    STEP_MOVE_ON,
};

struct step {
    enum step_kind kind;
    int line;
    bool hold;                /* inform-response hold */
    int code;                 /* inform-response fault CODE, fault CODE, http STATUS; read-tree
                                 BATCH */
    double seconds;           /* wait */
    char use_version[8];      /* inform-response use-version V, "" when none */
    unsigned session_timeout; /* inform-response session-timeout N, 0 when none */
    char *method;             /* STEP_REQUEST: the RPC's element name */
    char *body;      /* STEP_REQUEST: the Body's content; STEP_RAW: the file; STEP_REDIRECT: URL;
                        STEP_READ_TREE: PATH;
                        STEP_WAIT_FOR: the file's path */
    char *summary;   /* STEP_REQUEST: one line for the trace */
    int pause_batch; /* read-tree pause N: the batch (from 1) sent only once pause_file exists */
    char *pause_file;
};

struct session_script {
    struct step *steps;
    size_t n;
    bool connreq;            /* connection-request: one after this session's end */
    char *cr_user, *cr_pass; /* its credentials, NULL when none */
};

struct script {
    struct session_script *sessions;
    size_t n;
};

bool step_is_modifier(const struct step *st);

/* Reads a script file; raw FILE paths are relative to the script's directory. Returns 0, or -1
 * with "FILE:LINE: why" in err. */
int script_load(const char *path, struct script *out, char *err, size_t errlen);

/* A script built into testacs (--default-script): "demo". */
int script_builtin(const char *name, struct script *out, char *err, size_t errlen);

void script_free(struct script *s);

/* Builds an ACS request from its words (argv[0] is the method). Returns NULL when fine, or why
 * not. */
const char *rpc_build(int argc, char **argv, struct step *st);

#endif
