/* The connection-request server: the device's HTTP server (libmicrohttpd, driven by the agent's
 * loop, no thread) that the ACS reaches at ManagementServer.ConnectionRequestURL to ask for a
 * session. `ip http server` turns on its HTTP listener (port 7547), `ip http secure-server` its
 * HTTPS one (port 7548, a self-signed certificate kept in the state directory); they listen on
 * the cwmp wan default interface's address (all addresses when there is none), or where
 * --listen says, and follow that address when it changes. Only GET on the random path, with digest
 * credentials
 * (`connection request username/password`), is accepted; what it answers and the limits are in
 * cwmpd(8), "CONNECTION REQUESTS". */
#ifndef CWMP_CR_SERVER_H
#define CWMP_CR_SERVER_H

#include <stdbool.h>
#include <sys/socket.h>

#include "strbuf.h"

struct agent;
struct config_store;
struct cr_server;

#define CWMP_CR_PORT     7547 /* IANA's cwmp port: connection requests over HTTP */
#define CWMP_CR_TLS_PORT 7548 /* and over HTTPS (ip http secure-server): the next one */

struct cr_options {
    const char *listen; /* ADDR:PORT instead of the interface's address and port 7547; NULL */
    const char *rate;   /* N/S instead of CR_SESSIONS_LIMIT/CR_SESSIONS_PERIOD_S; NULL */
};

/* Reads the options (errors in err: a bad --listen or --cr-rate) and listens if the
 * configuration says so; a failure to listen is not an error (it is logged, shown, retried). */
struct cr_server *cr_server_new(struct agent *a, const struct cr_options *o, struct strbuf *err);
void cr_server_free(struct cr_server *s);

/* The configuration changed: starts, stops or moves the listener. When that changes the
 * ConnectionRequestURL, the notification scan runs (the URL is notified actively by default). */
void cr_server_update(struct cr_server *s);

/* Where connection requests reach cwmpd, for the URL: the listener matching the ACS URL's scheme
 * when both are on, else the one on (HTTPS or not in *https); its bound address when it listens,
 * else the address and port it would listen on. False when that is every address. */
/* The limit on sessions started by connection requests (--cr-rate): at most limit (0: none) in
 * any period_s seconds. The UDP connection requests keep a window of their own under it. */
void cr_server_rate(const struct cr_server *s, unsigned *limit, unsigned *period_s);
bool cr_server_endpoint(const struct cr_server *s, struct sockaddr_storage *ss, bool *https);

/* The port of the HTTP (or HTTPS) listener: the one it is bound to, else the one it would listen
 * on (7547, 7548, or after --listen). Without a server (a->cr NULL), the default one. */
unsigned cr_server_port(const struct cr_server *s, bool https);

/* ManagementServer.ConnectionRequestURL: http(s)://ADDRESS:PORT/PATH where the server listens, or
 * would listen when it does not: port 7547 of the cwmp wan default interface's address, or the
 * --listen address and port. Without a server (a->cr NULL: unit tests), where it would listen by
 * default. */
void cr_server_url(struct agent *a, struct config_store *cs, struct strbuf *out);
/* The random path of connection requests, made once and kept in the CWMP state. */
const char *cr_server_path(struct agent *a);

/* The `show cwmp session` lines: listening or not and why, the URL, what was answered. */
void cr_server_show(struct cr_server *s, struct strbuf *out);

#endif
