/* The HTTP client's cookie jar: Netscape cookies (Set-Cookie, as RFC 6265 now defines them) and
 * RFC 2965 cookies (Set-Cookie2, Cookie2, $Version, $Path, $Domain, $Port), which libcurl does not
 * speak. One jar per client session; the jar never does I/O and takes the time as an argument, so
 * every rule is testable without a clock or a network. */
#ifndef CWMP_COOKIE_H
#define CWMP_COOKIE_H

#include <stdbool.h>
#include <stddef.h>

#include "strbuf.h"

/* Bounds (RFC 2965 section 5.3 asks for at least 4096 bytes a cookie, 20 a domain, 300 in all). */
#define COOKIE_MAX_BYTES      4096
#define COOKIE_MAX_PER_DOMAIN 20
#define COOKIE_MAX_TOTAL      300
#define COOKIE_MAX_PORTS      16

/* Where a request goes (or a response came from): what the matching rules look at. */
struct cookie_origin {
    const char *host; /* the request-host, lower or mixed case; an IPv6 address without [] */
    unsigned port;    /* the request-port (80/443 when the URL has none) */
    const char *path; /* the request-URI's path, "/..." (no query) */
    bool secure;      /* https */
};

struct cookie {
    char *name;
    char *value;   /* as received, quotes included for RFC 2965 quoted-strings */
    char *domain;  /* the domain it is sent to; RFC 2965: with its leading dot when it had one */
    char *path;    /* the path it is sent under */
    char *comment; /* RFC 2965 Comment, or NULL */
    char *comment_url; /* RFC 2965 CommentURL, or NULL */
    char *port_attr;   /* RFC 2965 Port as received ("" for a Port without a value), or NULL */
    unsigned ports[COOKIE_MAX_PORTS]; /* the ports it may go to (nports 0: any) */
    size_t nports;
    int version;        /* 0: Netscape, 1: RFC 2965 */
    bool host_only;     /* Netscape without Domain: only the exact host */
    bool domain_given;  /* RFC 2965: the Domain attribute was given ($Domain is sent back) */
    bool path_given;    /* RFC 2965: the Path attribute was given ($Path is sent back) */
    bool secure;        /* only over https */
    bool http_only;     /* Netscape HttpOnly (kept and shown; a CPE has no scripts) */
    bool persistent;    /* has an expiry (Max-Age or Expires) and no Discard */
    long long expires;  /* Unix time; meaningful when persistent (else LLONG_MAX, or the Max-Age
                         * deadline of an RFC 2965 Discard cookie, which still ends it) */
    long long created;  /* Unix time it was first stored */
    unsigned long sent; /* how many requests carried it */
};

/* What the jar reports, for `debug ip http cookie`. message never holds a cookie's value. */
enum cookie_event { COOKIE_RECEIVED, COOKIE_STORED, COOKIE_REJECTED, COOKIE_SENT, COOKIE_EXPIRED };
typedef void (*cookie_log_fn)(void *arg, enum cookie_event ev, const char *message);

struct cookie_jar;

struct cookie_jar *cookie_jar_new(void);
void cookie_jar_free(struct cookie_jar *jar);
/* Reports every event to fn (NULL: none). */
void cookie_jar_set_log(struct cookie_jar *jar, cookie_log_fn fn, void *arg);

/* Takes the value of one response header from origin: a Set-Cookie (set_cookie2 false: one
 * Netscape cookie) or a Set-Cookie2 (one or more RFC 2965 cookies separated by commas). Each
 * cookie is stored, replaces the one with the same name, domain and path, deletes it (Max-Age=0
 * or an Expires in the past), or is rejected by the RFCs' rules with the reason logged. Never
 * fails on any input. Returns how many cookies were stored (deletions count as stored). */
int cookie_jar_receive(struct cookie_jar *jar, const struct cookie_origin *origin, bool set_cookie2,
                       const char *value, long long now);

/* The request headers for origin at time now: out gets the Cookie header's value (empty when no
 * cookie applies; RFC 2965 form with $Version, $Path, $Domain, $Port when any cookie sent is
 * version 1), cookie2 the Cookie2 header's value ($Version="1" when a Netscape cookie is sent,
 * to say that RFC 2965 is understood; else empty). Cookies are ordered by longest path first;
 * each sent one's counter goes up. Expired cookies are dropped on the way. */
void cookie_jar_request_headers(struct cookie_jar *jar, const struct cookie_origin *origin,
                                long long now, struct strbuf *out, struct strbuf *cookie2);

/* The end of a client session: drops session cookies (no expiry, or Discard) and expired ones.
 */
void cookie_jar_end_session(struct cookie_jar *jar, long long now);

/* Filters for show and clear: NULL fields match anything; domain matches the stored domain with
 * or without its leading dot, case-insensitively; name exactly. */
struct cookie_filter {
    const char *domain;
    const char *name;
};
typedef void (*cookie_visit_fn)(void *arg, const struct cookie *c);
/* Visits the cookies that match, in the order they were first stored. Returns how many. */
size_t cookie_jar_foreach(const struct cookie_jar *jar, const struct cookie_filter *f,
                          cookie_visit_fn fn, void *arg);
/* Removes the cookies that match. Returns how many. */
size_t cookie_jar_clear(struct cookie_jar *jar, const struct cookie_filter *f);
size_t cookie_jar_count(const struct cookie_jar *jar);

/* The rules themselves, exposed for tests. */
/* RFC 2965 section 1 domain-match: host equals domain, or domain starts with a dot and host
 * ends with it (case-insensitive). */
bool cookie_domain_match_2965(const char *host, const char *domain);
/* RFC 6265 section 5.1.3 (Netscape): host equals domain, or ends with "." domain and is not an IP
 * address. */
bool cookie_domain_match_netscape(const char *host, const char *domain);
/* RFC 6265 section 5.1.4 path-match (RFC 2965's prefix rule is the same without the boundary
 * check: version selects). */
bool cookie_path_match(const char *request_path, const char *cookie_path, int version);
/* The default path: the request path up to, not including, its last slash ("/" when none). */
void cookie_default_path(const char *request_path, struct strbuf *out);
/* RFC 6265 section 5.1.1: an Expires date in any of the forms servers send (RFC 1123, RFC 850,
 * asctime, two-digit years), as Unix time; false when it is no date (Expires is then ignored). */
bool cookie_parse_date(const char *text, long long *t);

#endif
