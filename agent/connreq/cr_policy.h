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
 * in any second from one address (an IPv6 /64 counts as one; beyond: 503 for every request with
 * credentials from there, without looking at them, which makes guessing a password slow, while
 * the ACS elsewhere still gets in). The last CR_FAILED_ADDRESSES addresses that failed are kept. */
#define CR_SESSIONS_LIMIT    10
#define CR_SESSIONS_PERIOD_S 60
#define CR_FAILED_LIMIT      20
#define CR_FAILED_PERIOD_MS  1000
#define CR_FAILED_ADDRESSES  64
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

/* The wrong credentials of each source address, in a window each: a table of the addresses
 * that failed last (the one whose last failure is oldest gives its place to a new one). */
struct cr_failures {
    struct cr_failed_address {
        unsigned char key[9]; /* the family, then the IPv4 address or the IPv6 /64 */
        uint64_t last_ms;     /* 0: unused */
        struct rate_window w;
    } a[CR_FAILED_ADDRESSES];
};

void cr_failures_init(struct cr_failures *f);
void cr_failures_free(struct cr_failures *f);
/* Whether one more failure from sa at now_ms stays within the limit. */
bool cr_failures_room(const struct cr_failures *f, const struct sockaddr *sa, uint64_t now_ms);
/* Counts a failure from sa at now_ms. */
void cr_failures_take(struct cr_failures *f, const struct sockaddr *sa, uint64_t now_ms);

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
