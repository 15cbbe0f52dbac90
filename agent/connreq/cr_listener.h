/* One listener of the connection-request server: a libmicrohttpd daemon on a socket of ours,
 * driven by the agent's loop (MHD_USE_EPOLL without an internal thread: the loop watches the
 * daemon's epoll descriptor and a timer follows MHD_get_timeout), with the resource bounds of
 * cwmpd(8), "CONNECTION REQUESTS". What is answered is the caller's (cr_server.c). */
#ifndef CWMP_CR_LISTENER_H
#define CWMP_CR_LISTENER_H

#include <microhttpd.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

#include "strbuf.h"

/* The limits are cwmpd's: past one, the connection least recently active (accepted, or its last
 * request begun) is closed to make room for the new one, rather than the new one refused, so that
 * idle clients cannot keep the ACS out. libmicrohttpd's own limit is higher (it would refuse),
 * and only bounds how many connections a burst of accepts holds before cwmpd closes some. */
#define CR_MAX_CONNECTIONS 16
#define CR_MAX_PER_IP      8
#define CR_MHD_CONNECTIONS (2 * CR_MAX_CONNECTIONS)
#define CR_IDLE_TIMEOUT_S  5            /* a connection with no traffic for that long is closed */
#define CR_CONN_MEMORY     (8u * 1024u) /* per connection: request and response headers */
#define CR_NONCES          64           /* digest nonces whose counts are tracked (replays) */

struct agent;
struct loop;
struct loop_timer;

/* What every daemon is given. The buffers must outlive the daemons. */
struct cr_daemon_conf {
    MHD_AccessHandlerCallback on_request;
    MHD_RequestCompletedCallback on_completed;
    void *cls;
    const unsigned char *random; /* the seed of the digest nonces */
    size_t random_len;
    const char *key_pem, *cert_pem; /* HTTPS: the key and certificate; NULL for plain HTTP */
    struct agent *agent;            /* for libmicrohttpd's own messages (debug cwmp) */
};

/* A connection of a listener, known from libmicrohttpd's notifications. */
struct cr_conn {
    int fd; /* -1: the entry is free */
    struct sockaddr_storage peer;
    uint64_t active_ms; /* when it was accepted or its last request began */
    bool evicted;       /* shut down to make room; libmicrohttpd closes it */
};

struct cr_listener {
    struct loop *loop;
    MHD_AccessHandlerCallback on_request; /* the caller's, called after the activity is noted */
    void *cls;
    struct agent *agent;
    struct cr_conn conn[CR_MHD_CONNECTIONS];
    unsigned long closed; /* connections closed so far: whether a run closed any */
    struct MHD_Daemon *d; /* NULL: not listening */
    int epoll_fd;
    struct sockaddr_storage bound; /* the address and port listened on */
    struct loop_timer *timer;
    unsigned zero_runs; /* runs in a row that libmicrohttpd asked for at once, without activity */
};

/* Listens on want (port 0: the system chooses; bound tells). Returns 0, or -1 with the reason
 * in err. */
int cr_listener_start(struct cr_listener *l, struct loop *loop, const struct sockaddr_storage *want,
                      const struct cr_daemon_conf *conf, struct strbuf *err);
/* Closes the socket and every connection; a no-op when not listening. */
void cr_listener_stop(struct cr_listener *l);

#endif
