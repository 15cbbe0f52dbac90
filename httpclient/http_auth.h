/* HTTP authentication of the client: RFC 2617 Digest (MD5 and MD5-sess, qop=auth, nonce count)
 * and Basic. libcurl's own Digest first sends a POST without its body to learn the challenge,
 * which is another request than the one asked (a server may act on an empty POST), and cannot be
 * told which algorithm to prefer: so the client answers challenges itself, on the same
 * connection. */
#ifndef CWMP_HTTP_AUTH_H
#define CWMP_HTTP_AUTH_H

#include <stdbool.h>
#include <stddef.h>

#include "strbuf.h"

#define HTTP_AUTH_FIELD_MAX 512

enum http_auth_scheme { HTTP_AUTH_NONE, HTTP_AUTH_BASIC, HTTP_AUTH_DIGEST };

/* One challenge (a WWW-Authenticate header). */
struct http_challenge {
    enum http_auth_scheme scheme;
    char realm[HTTP_AUTH_FIELD_MAX];
    char nonce[HTTP_AUTH_FIELD_MAX];
    char opaque[HTTP_AUTH_FIELD_MAX];
    bool md5_sess; /* algorithm=MD5-sess */
    bool qop_auth; /* qop offers "auth" */
    bool stale;
    bool unsupported; /* an algorithm or qop we cannot answer */
};

/* What a client session keeps to answer the next requests without a new challenge. */
struct http_auth_state {
    struct http_challenge ch;
    unsigned nc;
    char cnonce[33];
    bool active;
};

/* Parses one WWW-Authenticate value. Returns 0, or -1 when it is not a challenge we can read. */
int http_challenge_parse(const char *value, struct http_challenge *ch);

/* Picks among the challenges of one response: Digest before Basic, Basic only when allowed
 * (over TLS), and among Digests the preferred algorithm when several are offered. Returns the
 * index or -1. */
int http_challenge_pick(const struct http_challenge *v, size_t n, bool basic_allowed,
                        bool prefer_md5_sess);

/* Starts answering a challenge (a new cnonce, nc back to 0). */
void http_auth_start(struct http_auth_state *st, const struct http_challenge *ch);
/* The Authorization header line ("Authorization: Digest ...") for a request. */
void http_auth_header(struct http_auth_state *st, const char *method, const char *uri,
                      const char *user, const char *password, struct strbuf *out);

/* The digest response itself (exposed for the RFC 2617 test vectors). */
void http_digest_response(const char *user, const char *realm, const char *password, bool md5_sess,
                          const char *nonce, const char *nc, const char *cnonce, const char *qop,
                          const char *method, const char *uri, char out[33]);

#endif
