/* What the cookie jar's files share, and nothing outside httpclient/cookie*.c uses: the header
 * parsers hand the cookies they read to the jar through cookie_take_fn. */
#ifndef CWMP_COOKIE_INT_H
#define CWMP_COOKIE_INT_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

#include "cookie.h"
#include "strbuf.h"

/* The longest Domain, Path, Port, Comment or CommentURL a cookie may carry. They are stored and
 * echoed, and a jar of COOKIE_MAX_TOTAL cookies must stay small whatever a server sends; no real
 * attribute comes near (RFC 6265bis ignores attributes past 1024 bytes for the same reason). */
#define COOKIE_MAX_ATTR 1024

/* The expiry of a cookie without a deadline, and of one that is gone on arrival. */
#define COOKIE_NEVER LLONG_MAX
#define COOKIE_GONE  LLONG_MIN

/* Log messages quote names, domains and paths that a server chose: long ones are cut, so that a
 * 4 kB name does not make a 4 kB debug line. Use as "%.*s%s" with CLIP(s, max). */
#define CLIP(s, max)                                                                               \
    (strlen(s) > (max) ? (int)(max) : (int)strlen(s)), (s), (strlen(s) > (max) ? "..." : "")
#define CLIP_NAME 64
#define CLIP_TEXT 128

/* A request's origin as the parsers see it: host in lower case, path never NULL or empty. */
struct cookie_req {
    const char *host;
    const char *path;
    unsigned port;
    bool secure;
};

/* One cookie a parser read: c (the callee owns it) when it passed the rules, else NULL with the
 * reason. name is the cookie's name when the parser got that far, else NULL: text that did not
 * parse as a name may well be a value, and values never reach the log. */
typedef void (*cookie_take_fn)(void *arg, struct cookie *c, const char *name, const char *reason);

/* A Set-Cookie value: one Netscape cookie (RFC 6265 sections 5.2 and 5.3). */
void cookie_parse_netscape(const struct cookie_req *rq, const char *text, long long now,
                           cookie_take_fn take, void *arg);
/* A Set-Cookie2 value: RFC 2965 cookies separated by commas (sections 3.2.2, 3.3.1, 3.3.2). */
void cookie_parse_2965(const struct cookie_req *rq, const char *text, long long now,
                       cookie_take_fn take, void *arg);

void cookie_free(struct cookie *c);

/* A literal IPv4 or IPv6 address (anything with a colon counts: a host name never has one). */
bool cookie_is_ip(const char *host);
/* RFC 2965 section 1: the host with ".local" appended when it has no dot and is no address. */
void cookie_effective_host(const char *host, struct strbuf *out);
/* RFC 2965 section 3.3.1: the request path up to and including its last slash. */
void cookie_default_path_2965(const char *request_path, struct strbuf *out);
/* Strips one leading dot: how the per-domain limit and the filters compare domains. */
const char *cookie_domain_key(const char *domain);

/* cookie_parse_date on len bytes that need not be NUL-terminated. */
bool cookie_parse_date_n(const char *text, size_t len, long long *t);
/* Digits only, as seconds, saturating instead of overflowing; false for anything else. */
bool cookie_parse_seconds(const char *text, size_t len, long long *out);
/* now + seconds, saturating at COOKIE_NEVER. */
long long cookie_time_add(long long now, long long seconds);
/* "2024-03-01 12:00:00 UTC", for the log. */
void cookie_format_time(long long t, struct strbuf *out);

#endif
