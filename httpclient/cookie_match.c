/* Which hosts and paths a cookie belongs to: the domain-match and path-match rules of RFC 6265
 * (Netscape cookies) and RFC 2965, which differ in small ways that decide where a session cookie
 * goes, so each is written as its RFC words it. */
#include <arpa/inet.h>
#include <string.h>
#include <strings.h>

#include "cookie_int.h"

bool cookie_is_ip(const char *host)
{
    unsigned char addr[sizeof(struct in6_addr)];
    return strchr(host, ':') != NULL || inet_pton(AF_INET, host, addr) == 1;
}

/* Does host end with suffix (case-insensitively), with at least one byte before it? */
static bool ends_with(const char *host, const char *suffix)
{
    size_t h = strlen(host), s = strlen(suffix);
    return h > s && !strcasecmp(host + h - s, suffix);
}

bool cookie_domain_match_2965(const char *host, const char *domain)
{
    if (!strcasecmp(host, domain))
        return true;
    /* "A is a HDN string and has the form NB, where N is a non-empty name string, B has the form
     * .B'": an address is no HDN, so 10.0.0.1 does not match .0.1. */
    return domain[0] == '.' && ends_with(host, domain) && !cookie_is_ip(host);
}

bool cookie_domain_match_netscape(const char *host, const char *domain)
{
    if (!strcasecmp(host, domain))
        return true;
    size_t h = strlen(host), d = strlen(domain);
    return d > 0 && ends_with(host, domain) && host[h - d - 1] == '.' && !cookie_is_ip(host);
}

bool cookie_path_match(const char *request_path, const char *cookie_path, int version)
{
    size_t n = strlen(cookie_path);
    if (strncmp(request_path, cookie_path, n) != 0)
        return false;
    /* RFC 2965 is a plain prefix ("/tec/waldo path-matches /tec", and so does "/tecfoo"); RFC
     * 6265 wants the prefix to end at a slash, so that Path=/acme is not sent to /acmefoo. */
    if (version >= 1)
        return true;
    return request_path[n] == '\0' || request_path[n] == '/' ||
           (n > 0 && cookie_path[n - 1] == '/');
}

void cookie_default_path(const char *request_path, struct strbuf *out)
{
    sb_reset(out);
    const char *last = request_path && request_path[0] == '/' ? strrchr(request_path, '/') : NULL;
    if (!last || last == request_path)
        sb_putc(out, '/');
    else
        sb_append(out, request_path, (size_t)(last - request_path));
}

void cookie_default_path_2965(const char *request_path, struct strbuf *out)
{
    sb_reset(out);
    if (!request_path || request_path[0] != '/')
        sb_putc(out, '/');
    else
        sb_append(out, request_path, (size_t)(strrchr(request_path, '/') - request_path) + 1);
}

void cookie_effective_host(const char *host, struct strbuf *out)
{
    sb_reset(out);
    sb_puts(out, host);
    if (!strchr(host, '.') && !cookie_is_ip(host))
        sb_puts(out, ".local");
}

const char *cookie_domain_key(const char *domain)
{
    return domain[0] == '.' ? domain + 1 : domain;
}
