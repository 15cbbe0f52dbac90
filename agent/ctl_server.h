/* The control socket: cwmpsh connections, each an operator's session with its own mode stack,
 * privilege, terminal settings and history. */
#ifndef CWMP_CTL_SERVER_H
#define CWMP_CTL_SERVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "agent.h"
#include "strbuf.h"

#define SHELL_HISTORY_MAX   10
#define CTL_MAX_SHELLS      32
#define DEFAULT_TERM_LENGTH 24

struct shell;
/* Receives the operator's answer to a question (shell_ask); returns 0, or -1 when the command
 * that asked failed (a bad secret, a refused destination), which the shell's status reports. */
typedef int (*shell_input_fn)(struct shell *sh, const char *text, bool cancelled,
                              struct strbuf *out);

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
    struct shell *next;
};

struct ctl_server *ctl_server_new(struct agent *a, const char *path, struct strbuf *err);
void ctl_server_free(struct ctl_server *srv);
/* Sends log and debug lines to every shell that monitors. */
void ctl_server_broadcast(struct ctl_server *srv, const char *text, size_t len);
struct shell *ctl_server_shells(struct ctl_server *srv);

/* Asks the operator a question; fn gets the answer. Only for sessions with a shell. */
void shell_ask(struct shell *sh, const char *question, bool echo, shell_input_fn fn);

/* A shell not bound to a socket, for tests and the fuzz target: frames go in with shell_receive
 * and replies collect in sh->out. */
struct shell *shell_new_detached(struct ctl_server *srv);
/* Processes the bytes received; returns -1 when the connection must be closed. */
int shell_receive(struct shell *sh, const void *data, size_t len);
void shell_free(struct shell *sh);
/* A server without a socket, for tests and the fuzz target. */
struct ctl_server *ctl_server_new_detached(struct agent *a);

#endif
