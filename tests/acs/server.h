/* The HTTP front end over libmicrohttpd: collects each POST, hands it to the session engine,
 * sends back its answer. */
#ifndef TESTACS_SERVER_H
#define TESTACS_SERVER_H

#include <pthread.h>
#include <stdbool.h>

#include "acs.h"

struct server {
    struct acs *acs;
    struct MHD_Daemon *daemon;
    /* A `wait` step sleeps in libmicrohttpd's thread; stopping must be able to cut it short. */
    pthread_mutex_t lock;
    pthread_cond_t wake;
    bool stopping;
    char *tls_cert, *tls_key; /* PEM text, with --tls-cert and --tls-key */
    struct files *files;      /* with --files */
};

/* Listens on addr ("127.0.0.1:0", "[::1]:7547") and serves. The port chosen is in acs->port.
 * Returns 0, or -1 with a message on standard error. */
int server_start(struct server *srv, struct acs *acs, const char *addr);

/* Stops serving: open connections are closed, a pending `wait` ends at once. */
void server_stop(struct server *srv);

#endif
