/* One listener of the connection-request server: a libmicrohttpd daemon on a socket of ours,
 * driven by the agent's loop (MHD_USE_EPOLL without an internal thread: the loop watches the
 * daemon's epoll descriptor and a timer follows MHD_get_timeout), with the resource bounds of
 * cwmpd(8), "CONNECTION REQUESTS". What is answered is the caller's (cr_server.c). */
#ifndef CWMP_CR_LISTENER_H
#define CWMP_CR_LISTENER_H

#include <microhttpd.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>

#include "strbuf.h"

#define CR_MAX_CONNECTIONS 16
#define CR_MAX_PER_IP      8
#define CR_IDLE_TIMEOUT_S  10
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

struct cr_listener {
    struct loop *loop;
    struct MHD_Daemon *d; /* NULL: not listening */
    int epoll_fd;
    struct sockaddr_storage bound; /* the address and port listened on */
    struct loop_timer *timer;
};

/* Listens on want (port 0: the system chooses; bound tells). Returns 0, or -1 with the reason
 * in err. */
int cr_listener_start(struct cr_listener *l, struct loop *loop, const struct sockaddr_storage *want,
                      const struct cr_daemon_conf *conf, struct strbuf *err);
/* Closes the socket and every connection; a no-op when not listening. */
void cr_listener_stop(struct cr_listener *l);

#endif
