/* testacs: the state shared by the HTTP front end and the session engine.
 *
 * Everything here is touched only by libmicrohttpd's one internal thread while the server runs,
 * and by the main thread before it starts and after it stopped: no locks are needed. */
#ifndef TESTACS_ACS_H
#define TESTACS_ACS_H

#include <stdbool.h>
#include <stddef.h>

#include "auth.h"
#include "files.h"
#include "record.h"
#include "script.h"
#include "strbuf.h"
#include "tree.h"
#include "validate.h"

enum cookie_mode { COOKIE_NONE, COOKIE_NETSCAPE, COOKIE_RFC2965 };

/* One HTTP request, as the engine sees it. */
struct http_request {
    const char *method;
    const char *path;
    const char *version; /* "HTTP/1.1" */
    const char *headers; /* "Name: value\n" per header, in the order received */
    const char *body;    /* may hold NUL bytes; body[len] is always NUL */
    size_t len;
    const char *content_type;  /* NULL when absent */
    const char *soapaction;    /* NULL when absent */
    const char *authorization; /* NULL when absent */
    const char *cookie;        /* NULL when absent */
    unsigned port;             /* the client's TCP port */
    struct auth_conn *conn;    /* per-connection digest state */
};

#define ANSWER_MAX_HEADERS 4

/* What to send back: a status and body, or closing the connection without a word. */
struct http_answer {
    int status;
    struct strbuf body;
    bool close;
    double delay;   /* seconds to wait before answering (the `wait` step) */
    char *wait_for; /* a file to wait for before answering (the `wait-for` step) */
    size_t nheaders;
    char *header_name[ANSWER_MAX_HEADERS];
    char *header_value[ANSWER_MAX_HEADERS];
};

void answer_init(struct http_answer *a);
void answer_free(struct http_answer *a);
void answer_header(struct http_answer *a, const char *name, const char *value);

/* The ACS request the CPE owes a response to. */
struct outstanding {
    bool active;
    char method[80];
    char id[80];
    bool has_id;
};

struct session {
    int number; /* 0 before the first session */
    bool open;
    bool answered_inform;               /* the Inform got its InformResponse (or a final answer) */
    int msgno;                          /* messages of this session so far */
    int stray_msgno;                    /* messages outside any session (recorded as session 0) */
    const struct session_script *steps; /* NULL: InformResponse then 204 */
    size_t next;                        /* index of the next step */
    char ns[80];                        /* the cwmp namespace of the session */
    char cookie[40];                    /* the session cookie's value, "" when none given */
    bool pending_hold;                  /* the next envelope carries HoldRequests */
    bool hold_active;                   /* the latest envelope carried HoldRequests */
    int pending_fault;                  /* the next CPE request gets this fault (0: none) */
    bool pending_move_on;               /* the next CPE request gets the next step instead */
    struct outstanding expect;
    unsigned long next_id;    /* for the cwmp:ID of ACS requests */
    unsigned session_timeout; /* the SessionTimeout of the envelope being written, 0: none */
    struct tree_read tree;    /* the read-tree step under way */
    char cr_url[512];         /* the Inform's ConnectionRequestURL, "" when none */
};

struct acs {
    /* configuration */
    const char *path;
    char **extra_paths; /* paths of the script's redirect URLs, also served */
    size_t nextra_paths;
    unsigned port; /* the port listened on (for @PORT@) */
    struct auth_conf auth;
    enum cookie_mode cookie;
    int version;          /* the ACS's own CWMP version x10 (10, 11, 12, 14), 0 = follow the CPE */
    const char *field_ns; /* --cwmp-ns: the namespace the ACS speaks (cwmp-1-3...), NULL: none */
    const char *tls_cert; /* PEM files: serve HTTPS instead of HTTP when both are set */
    const char *tls_key;
    struct files_conf files; /* the file server on the same port (--files) */
    struct script script;
    struct recorder rec;
    struct validator *validator; /* NULL without --schema */
    /* state */
    struct session s;
};

/* Decides the answer to one request and records it. */
void acs_handle(struct acs *acs, const struct http_request *rq, struct http_answer *ans);

/* Whether the ACS serves this path (the --path, or a path the script redirects to). */
bool acs_serves_path(const struct acs *acs, const char *path);

#endif
