/* `debug ip http cookie`: the trace of the HTTP client sessions' cookies, which the command
 * switches and every room that makes a client session (the CWMP session, file transfers)
 * attaches to it. Lines go to the log as debug messages (log.h). */
#ifndef CWMP_HTTP_DEBUG_H
#define CWMP_HTTP_DEBUG_H

#include <stdbool.h>

struct agent;
struct http_client;

/* Traces this client's cookie events while cookie debugging is on. */
void http_debug_attach(struct agent *a, struct http_client *client);
/* Switches cookie debugging on or off, for every client attached. */
void http_debug_cookies(struct agent *a, bool on);

#endif
