/* The connection-request client, as GenieACS's: a new keep-alive connection per request, digest
 * (MD5, qop=auth), the connection left idle 2 s after the answer. */
#ifndef TESTACS_CONNREQ_H
#define TESTACS_CONNREQ_H

#include <libxml/tree.h>
#include <stddef.h>
#include "record.h"

/* The ConnectionRequestURL of an Inform's ParameterList into out ("" when there is none). */
void connreq_url_of(xmlNodePtr inform, char *out, size_t outlen);

/* Sends the connection request on a thread of its own; logs `connection-request STATUS` under
 * session (0 when no HTTP answer came, with why). user NULL: no credentials. */
void connreq_start(struct recorder *rec, int session, const char *url, const char *user,
                   const char *pass);

/* At exit: waits (at most the given seconds) for the requests under way. */
void connreq_wait(double seconds);

#endif
