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
    /* Replies still to come for requests the operator gave up waiting for: their output and
     * their end are dropped when they arrive, so that they never show at a later prompt. */
    int abandoned;
    /* How long cwmpd may stay silent while a reply is awaited: after probe_ms a PING goes out,
     * and after stuck_ms without a byte client_wait reports REPLY_STUCK (0: wait for ever). */
    int probe_ms, stuck_ms;
    int64_t quiet_since_ms; /* the last request sent or byte received */
    bool probed;            /* a PING went out since then */
    bool stuck_told;        /* REPLY_STUCK was returned since then */
};

/* What a request's reply ended with. */
enum reply_kind {
    REPLY_DONE,
    REPLY_PROMPT, /* a question: answer with client_answer */
    REPLY_COMPLETION,
    REPLY_LOST,      /* the connection broke */
    REPLY_STUCK,     /* cwmpd did not answer, not even a PING, for stuck_ms; the wait may go on */
    REPLY_KEY,       /* the descriptor watched for the operator is readable */
    REPLY_ABANDONED, /* (cwmpsh's) the operator gave up waiting: the reply will be dropped */
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
/* Reads frames until the request's terminal reply, or until cwmpd has been silent for stuck_ms
 * (once per silence), or until key_fd (when not -1) is readable. A reply that ends the session
 * while abandoned replies are dropped ends the wait as a DONE with CTL_STATUS_CLOSE. */
void client_wait(struct client *c, const struct reply_sink *sink, struct reply *r, int key_fd);
/* Asks cwmpd to stop the command whose reply is awaited (Ctrl-C during a ping); its reply still
 * comes, with what the command had done. Returns -1 when the connection is gone. */
int client_abort(struct client *c);
/* The operator gave up on the request being waited for: its reply will be dropped. */
void client_abandon(struct client *c);
void reply_free(struct reply *r);
/* Reads whatever is available without blocking, passing ASYNC frames to the sink. Returns -1 when
 * the connection is gone. */
int client_poll_async(struct client *c, const struct reply_sink *sink);

#endif
