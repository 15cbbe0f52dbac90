/* HTTP authentication of the CPE by the ACS: Basic, and Digest (RFC 2617, qop=auth, MD5 or
 * MD5-sess). Written here rather than taken from libmicrohttpd, whose helpers know no MD5-sess. */
#ifndef TESTACS_AUTH_H
#define TESTACS_AUTH_H

#include <stdbool.h>
#include <stddef.h>

#include "strbuf.h"

enum auth_mode { AUTH_NONE, AUTH_BASIC, AUTH_DIGEST, AUTH_DIGEST_SESS };

struct auth_conf {
    enum auth_mode mode;
    const char *user;
    const char *password;
    const char *realm;
    const char *qop; /* what the challenge offers, "auth" unless --digest-qop */
};

/* Digest state of one TCP connection: as GenieACS does, a nonce is good only on the connection
 * it was issued on, so a CPE that reconnects between the 401 and its retry is challenged again. */
struct auth_conn {
    char nonce[33];
    char opaque[33];
    unsigned long nc; /* highest nonce count seen with this nonce */
};

/* Returns NULL when the request is authorised, or why not (for the log). *stale is set when
 * the answer was right but for a nonce this connection was not given. */
const char *auth_check(const struct auth_conf *c, struct auth_conn *conn, const char *method,
                       const char *path, const char *authorization, bool *stale);

/* The WWW-Authenticate value of a 401; a digest challenge issues a new nonce on conn. */
void auth_challenge(const struct auth_conf *c, struct auth_conn *conn, bool stale,
                    struct strbuf *out);

/* The nonce a Digest answer uses, into out; false when there is none (not Digest, malformed, or
 * too long). The file server keeps its nonces by value rather than by connection (files.c). */
bool auth_digest_nonce(const char *authorization, char *out, size_t len);

/* n random bytes as 2n lower-case hex digits into out (2n+1 bytes). */
void random_hex(char *out, size_t n);

#endif
