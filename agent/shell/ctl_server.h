/* The control socket: cwmpsh connections, each an operator's session with its own mode stack,
 * privilege, terminal settings and history. */
#ifndef CWMP_CTL_SERVER_H
#define CWMP_CTL_SERVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "core.h"
#include "grammar/grammar_defaults.h"
#include "strbuf.h"

#define SHELL_HISTORY_MAX   10
#define CTL_MAX_SHELLS      32
#define DEFAULT_TERM_LENGTH CMD_DEFAULT_TERMINAL_LENGTH

struct shell;
/* Receives the operator's answer to a question (shell_ask); returns 0, or -1 when the command
 * that asked failed (a bad secret, a refused destination), which the shell's status reports. */
typedef int (*shell_input_fn)(struct shell *sh, const char *text, bool cancelled,
                              struct strbuf *out);
/* The shell of a deferred reply went away before the reply (shell_defer). */
typedef void (*shell_cancel_fn)(void *arg);

struct shell {
    struct agent_session as;
    struct ctl_server *srv;
    int fd;
    struct strbuf in, out;
    bool hello_done;
    bool close_after_flush;
    uid_t uid;
    char user[64];
    char tty[64];
    char location[128];
    char line_name[16];
    int vty; /* -1 for the console */
    bool interactive, console;
    uint64_t last_active_ms;
    int term_length;
    bool monitor;
    char *history[SHELL_HISTORY_MAX];
    int nhistory;
    shell_input_fn pending;
    char *pending_prompt;
    bool pending_echo;
    int pending_tries;
    void *pending_data; /* kept with the question (shell_ask_about) */
    void (*pending_data_free)(void *);
    void *answer_data; /* the same, while the answer's callback runs */
    void (*answer_data_free)(void *);
    bool deferred; /* the reply to the current request comes later (shell_defer) */
    shell_cancel_fn defer_cancel;
    shell_cancel_fn defer_abort; /* the operator asked to stop it (an ABORT frame) */
    void *defer_arg;
    struct loop_timer *resume_timer; /* runs the requests that waited for a deferred reply */
    struct shell *next;
};

struct ctl_server *ctl_server_new(struct agent *a, const char *path, struct strbuf *err);
void ctl_server_free(struct ctl_server *srv);
/* Sends log and debug lines to every shell that monitors (the server registers itself as a log
 * sink that calls it with every message). */
void ctl_server_broadcast(struct ctl_server *srv, const char *text, size_t len);
struct shell *ctl_server_shells(struct ctl_server *srv);

/* Asks the operator a question; fn gets the answer. Only for sessions with a shell. */
void shell_ask(struct shell *sh, const char *question, bool echo, shell_input_fn fn);
/* shell_ask with what the command needs to act on the answer (the file to delete, the copy to
 * start): while fn runs it is sh->answer_data. fn may take it (and set sh->answer_data to NULL),
 * for a next question or for work that goes on; otherwise free_data frees it after fn, or when
 * the question is abandoned. */
void shell_ask_about(struct shell *sh, const char *question, bool echo, shell_input_fn fn,
                     void *data, void (*free_data)(void *));

/* A command that finishes later (a file transfer) defers its reply: its handler (or the answer to
 * its question) calls shell_defer; the shell then gets what the command printed so far but no
 * status and no prompt, and its next requests wait (cwmpsh sends none meanwhile). shell_resume
 * sends the rest of the output, the status and the prompt, and lets the waiting requests run.
 * When the shell goes away first, cancel(arg) runs instead, and shell_resume must not be called. */
void shell_defer(struct shell *sh, shell_cancel_fn cancel, void *arg);
void shell_resume(struct shell *sh, const struct strbuf *out, bool ok);
/* While a reply is deferred: output that goes to the shell now, as it comes (ping's marks), rather
 * than with the reply. */
void shell_stream(struct shell *sh, const char *text, size_t len);
/* A deferred command that can stop early (ping, traceroute): abort(arg) runs when the shell sends
 * an ABORT frame (ctl_proto.h) meanwhile; it ends the command, with shell_resume, at once or
 * later. Call after shell_defer. */
void shell_defer_abortable(struct shell *sh, shell_cancel_fn abort);

/* Writes what is queued for every shell, as much as each takes without waiting; true when nothing
 * is left. Before cwmpd executes itself again (reload), which closes every connection, the loop
 * calls it until it is true or a deadline passes. */
bool ctl_server_flush(struct ctl_server *srv);

/* A shell not bound to a socket, for tests and the fuzz target: frames go in with shell_receive
 * and replies collect in sh->out. */
struct shell *shell_new_detached(struct ctl_server *srv);
/* Processes the bytes received; returns -1 when the connection must be closed. */
int shell_receive(struct shell *sh, const void *data, size_t len);
void shell_free(struct shell *sh);
/* The shell's user, the Unix user uid (its name, or the number when it has none), and the
 * privilege level the session starts at: that of the `username` entry of that name, else 1. The
 * control server calls it with the peer's credentials (SO_PEERCRED) when it accepts a shell. */
void shell_identify(struct shell *sh, uid_t uid);
/* A server without a socket, for tests and the fuzz target. */
struct ctl_server *ctl_server_new_detached(struct agent *a);

#endif
