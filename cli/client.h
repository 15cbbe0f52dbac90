/* cwmpsh's side of the control socket: connecting, sending requests, reading replies. */
#ifndef CWMPSH_CLIENT_H
#define CWMPSH_CLIENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ctl_proto.h"
#include "strbuf.h"

struct client {
    int fd;
    struct strbuf in;
    char *prompt; /* the prompt of the last DONE */
    int term_length;
    bool closed; /* the session ended (exit, logout) */
};

/* What a request's reply ended with. */
enum reply_kind {
    REPLY_DONE,
    REPLY_PROMPT, /* a question: answer with client_answer */
    REPLY_COMPLETION,
    REPLY_LOST, /* the connection broke */
};

struct reply {
    enum reply_kind kind;
    enum ctl_status status;
    bool echo;  /* REPLY_PROMPT: whether the answer may be shown */
    char *text; /* REPLY_PROMPT: the question; REPLY_COMPLETION: the replacement */
};

/* Called for each piece of command output and each asynchronous message while waiting. */
struct reply_sink {
    void (*output)(void *arg, const char *data, size_t len);
    void (*async)(void *arg, const char *data, size_t len);
    void *arg;
};

/* Returns 0, or a negative errno with its text in why. */
int client_connect(struct client *c, const char *path, char *why, size_t whylen);
void client_close(struct client *c);
int client_hello(struct client *c, uint8_t flags, const char *tty, const char *location);
int client_send(struct client *c, uint8_t type, const char *line);
int client_answer(struct client *c, const char *text, bool cancelled);
/* Reads frames until the request's terminal reply. */
void client_wait(struct client *c, const struct reply_sink *sink, struct reply *r);
void reply_free(struct reply *r);
/* Reads whatever is available without blocking, passing ASYNC frames to the sink. Returns -1 when
 * the connection is gone. */
int client_poll_async(struct client *c, const struct reply_sink *sink);

#endif
