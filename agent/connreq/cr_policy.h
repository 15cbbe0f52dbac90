/* The connection-request server's decisions that need no socket: what a request gets before its
 * credentials are looked at, the sliding windows that bound how often requests may start sessions
 * or fail authentication, and the forms of the --listen and --cr-rate options. */
#ifndef CWMP_CR_POLICY_H
#define CWMP_CR_POLICY_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/socket.h>

#include "strbuf.h"

/* The limits of cwmpd(8), "CONNECTION REQUESTS": by default at most 10 sessions started by
 * connection requests in any 60 seconds (--cr-rate); at most 20 requests with wrong credentials
 * in any second (beyond: 503 for every request with credentials, without looking at them, which
 * makes guessing a password slow). */
#define CR_SESSIONS_LIMIT    10
#define CR_SESSIONS_PERIOD_S 60
#define CR_FAILED_LIMIT      20
#define CR_FAILED_PERIOD_MS  1000
#define CR_RATE_LIMIT_MAX    10000 /* the largest N of --cr-rate N/S: a window's memory */
#define CR_RATE_PERIOD_MAX_S 86400

/* At most `limit` events in any `period_ms`: a ring of the times of the last `limit` events. */
struct rate_window {
    uint64_t *stamps;
    unsigned limit; /* 0: no limit */
    uint64_t period_ms;
    unsigned used; /* stamps in use, up to limit */
    unsigned next; /* where the next stamp goes; once full, the oldest one */
};

void rate_window_init(struct rate_window *w, unsigned limit, uint64_t period_ms);
void rate_window_free(struct rate_window *w);
/* Whether one more event at now_ms stays within the limit. */
bool rate_window_room(const struct rate_window *w, uint64_t now_ms);
/* Counts an event at now_ms if there is room; returns whether it did. */
bool rate_window_take(struct rate_window *w, uint64_t now_ms);

/* What a request gets before authentication: 404 for any path but /PATH (the random one), 405
 * for any method but GET on it, 0 when its credentials decide. */
int cr_classify(const char *method, const char *url, const char *path);

/* --listen ADDR:PORT: an IPv4 address, or an IPv6 one in brackets ([::1]:7547); port 0 lets the
 * system choose. ":PORT" alone changes the port only: ss gets family AF_UNSPEC and that port
 * (in sin_port's place) and *len 0. Returns 0, or -1 with the reason in err. */
int cr_parse_listen(const char *spec, struct sockaddr_storage *ss, socklen_t *len,
                    struct strbuf *err);
/* --cr-rate N/S: at most N sessions started by connection requests in any S seconds; "0" (or
 * N = 0): no limit. Returns 0, or -1 with the reason in err. */
int cr_parse_rate(const char *spec, unsigned *limit, unsigned *period_s, struct strbuf *err);

/* "192.0.2.1:7547", "[2001:db8::1]:7547": the host:port part of a URL for an address. */
void cr_format_endpoint(const struct sockaddr *sa, struct strbuf *out);

#endif
