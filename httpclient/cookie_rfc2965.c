/* Set-Cookie2: RFC 2965 cookies, several a header separated by commas, each NAME=VALUE and
 * attributes whose values are tokens or quoted-strings (which may hold commas, semicolons and
 * backslash escapes, so the header is scanned, never split). Section 3.2.2 reads the attributes
 * (the first appearance of each counts), section 3.3.1 gives the defaults and section 3.3.2 the
 * reasons to reject a cookie. A malformed cookie is rejected alone: the scan resumes at the next
 * comma outside quotes, and every step moves forward, so a hostile header costs linear time. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cookie_int.h"
#include "xalloc.h"

static const char *skip_ws(const char *p)
{
    while (*p == ' ' || *p == '\t')
        p++;
    return p;
}

/* p is at a '"': the byte after the closing quote, or NULL when there is none. */
static const char *past_quoted(const char *p)
{
    for (p++; *p; p++) {
        if (*p == '\\') {
            if (!p[1])
                return NULL;
            p++;
        } else if (*p == '"') {
            return p + 1;
        }
    }
    return NULL;
}

/* The next comma outside quotes, or the end: where the scan resumes after a bad cookie. */
static const char *next_cookie(const char *p)
{
    while (*p && *p != ',') {
        if (*p == '"') {
            const char *q = past_quoted(p);
            if (!q)
                return p + strlen(p);
            p = q;
        } else {
            p++;
        }
    }
    return p;
}

/* A value at *pp: a quoted-string, kept with its quotes, or the text up to ';' or ',' without
 * the spaces around it. *pp ends at the ';', ',' or end that follows, or where the value went
 * wrong (why says how). */
static bool scan_value(const char **pp, const char **v, size_t *len, const char **why)
{
    const char *p = skip_ws(*pp);
    if (*p == '"') {
        const char *q = past_quoted(p);
        if (!q) {
            *pp = p + strlen(p);
            *why = "unterminated quoted-string";
            return false;
        }
        *v = p;
        *len = (size_t)(q - p);
        p = skip_ws(q);
        *pp = p;
        if (*p && *p != ';' && *p != ',') {
            *why = "text after a quoted-string";
            return false;
        }
        return true;
    }
    const char *s = p;
    p += strcspn(p, ";,");
    const char *e = p;
    while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
        e--;
    *v = s;
    *len = (size_t)(e - s);
    *pp = p;
    return true;
}

/* The value an attribute means: a quoted-string without its quotes and escapes, else as is. */
static void unquote(const char *v, size_t len, struct strbuf *out)
{
    sb_reset(out);
    if (len < 2 || v[0] != '"') {
        sb_append(out, v, len);
        return;
    }
    for (size_t i = 1; i + 1 < len; i++) {
        if (v[i] == '\\' && i + 2 < len)
            i++;
        sb_putc(out, v[i]);
    }
}

/* RFC 2616's token: what a NAME must be. */
static bool is_token(const char *s, size_t len)
{
    if (len == 0)
        return false;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c <= 0x20 || c >= 0x7f || strchr("()<>@,;:\\\"/[]?={}", c))
            return false;
    }
    return true;
}

/* What the attributes said. Strings are unquoted; NULL when the attribute did not appear. */
struct v1_attrs {
    char *version, *comment, *comment_url, *domain, *path, *port;
    bool discard, secure, have_max_age;
    bool port_valued; /* Port="..." (port is then a list), not Port alone */
    long long max_age;
    const char *too_long; /* the attribute whose value passed COOKIE_MAX_ATTR */
};

static void free_attrs(struct v1_attrs *a)
{
    free(a->version);
    free(a->comment);
    free(a->comment_url);
    free(a->domain);
    free(a->path);
    free(a->port);
}

static bool is_attr(const char *name, size_t len, const char *want)
{
    return len == strlen(want) && !strncasecmp(name, want, len);
}

/* Keeps the first appearance of a valued attribute (section 3.2.2: "the client SHALL use only the
 * value associated with the first appearance"). */
static void keep(char **slot, const char *attr, const struct strbuf *v, struct v1_attrs *a)
{
    if (*slot)
        return;
    if (v->len > COOKIE_MAX_ATTR && !a->too_long)
        a->too_long = attr;
    *slot = xstrndup(sb_str(v), v->len);
}

static void read_attr(struct v1_attrs *a, const char *name, size_t nlen, const char *v, size_t vlen,
                      bool has_value)
{
    struct strbuf u = STRBUF_INIT;
    if (has_value)
        unquote(v, vlen, &u);
    if (is_attr(name, nlen, "Discard")) {
        a->discard = true;
    } else if (is_attr(name, nlen, "Secure")) {
        a->secure = true;
    } else if (is_attr(name, nlen, "Port")) {
        /* Port alone is meaningful: the request-port only. */
        if (!a->port)
            a->port_valued = has_value;
        keep(&a->port, "Port", &u, a);
    } else if (!has_value) {
        /* the other attributes are nothing without a value */
    } else if (is_attr(name, nlen, "Version")) {
        keep(&a->version, "Version", &u, a);
    } else if (is_attr(name, nlen, "Comment")) {
        keep(&a->comment, "Comment", &u, a);
    } else if (is_attr(name, nlen, "CommentURL")) {
        keep(&a->comment_url, "CommentURL", &u, a);
    } else if (is_attr(name, nlen, "Domain")) {
        keep(&a->domain, "Domain", &u, a);
    } else if (is_attr(name, nlen, "Path")) {
        keep(&a->path, "Path", &u, a);
    } else if (is_attr(name, nlen, "Max-Age")) {
        /* delta-seconds: a Max-Age that is not one is ignored, as RFC 6265 does */
        long long s;
        if (!a->have_max_age && cookie_parse_seconds(sb_str(&u), u.len, &s)) {
            a->have_max_age = true;
            a->max_age = s;
        }
    }
    sb_free(&u);
}

/* Port's value: 1#portnum, each 1..65535, at most COOKIE_MAX_PORTS of them. */
static bool read_ports(const char *s, struct cookie *c, struct strbuf *why)
{
    const char *p = s;
    c->nports = 0;
    for (;;) {
        p = skip_ws(p);
        if (*p == ',') { /* the # rule allows empty elements */
            p++;
            continue;
        }
        if (!*p)
            break;
        unsigned long v = 0;
        size_t n = 0;
        for (; *p >= '0' && *p <= '9'; p++, n++)
            v = v > 65535 ? v : v * 10 + (unsigned long)(*p - '0');
        p = skip_ws(p);
        if (n == 0 || v == 0 || v > 65535 || (*p && *p != ',')) {
            sb_printf(why, "Port \"%.*s%s\" is not a list of ports", CLIP(s, CLIP_TEXT));
            return false;
        }
        if (c->nports == COOKIE_MAX_PORTS) {
            sb_printf(why, "Port lists more than %d ports", COOKIE_MAX_PORTS);
            return false;
        }
        c->ports[c->nports++] = (unsigned)v;
    }
    if (c->nports == 0) {
        sb_puts(why, "Port \"\" lists no port");
        return false;
    }
    return true;
}

/* Section 3.2.2 and 3.3.2 on a Domain: the dot it must start with, and the four ways a host can
 * claim a domain it has no business setting cookies for. */
static bool check_domain(const struct cookie_req *rq, struct cookie *c, const char *given,
                         struct strbuf *why)
{
    struct strbuf d = STRBUF_INIT;
    if (given[0] != '.')
        sb_putc(&d, '.'); /* "the user agent supplies a leading dot" */
    sb_puts(&d, given);
    const char *dom = sb_str(&d), *body = dom + 1;
    const char *dot = strchr(body, '.');
    bool embedded = dot && dot > body && dot[1] != '\0';
    while (dot && !embedded) {
        dot = strchr(dot + 1, '.');
        embedded = dot && dot[1] != '\0';
    }
    struct strbuf eh = STRBUF_INIT;
    cookie_effective_host(rq->host, &eh);
    bool ok = false;
    size_t hlen = strlen(rq->host);
    if (!embedded && strcasecmp(dom, ".local") != 0) {
        sb_printf(why, "Domain %.*s%s has no embedded dot", CLIP(dom, CLIP_TEXT));
    } else if (!cookie_domain_match_2965(sb_str(&eh), dom)) {
        sb_printf(why, "Domain %.*s%s does not domain-match the effective host %.*s%s",
                  CLIP(dom, CLIP_TEXT), CLIP(sb_str(&eh), CLIP_TEXT));
    } else if (!cookie_is_ip(rq->host) && hlen > d.len &&
               !strcasecmp(rq->host + hlen - d.len, dom) &&
               memchr(rq->host, '.', hlen - d.len) != NULL) {
        sb_printf(why, "the host is more than one level below Domain %.*s%s", CLIP(dom, CLIP_TEXT));
    } else {
        c->domain = sb_detach(&d);
        c->domain_given = true;
        ok = true;
    }
    sb_free(&d);
    sb_free(&eh);
    return ok;
}

/* Section 3.3.1's defaults and 3.3.2's rules, turning the attributes into a cookie. */
static bool build(const struct cookie_req *rq, struct v1_attrs *a, struct cookie *c, long long now,
                  struct strbuf *why)
{
    if (!a->version) {
        sb_puts(why, "no Version attribute (RFC 2965 requires Version=1)");
        return false;
    }
    long long version;
    if (!cookie_parse_seconds(a->version, strlen(a->version), &version) || version != 1) {
        sb_printf(why, "Version %.*s%s is not 1", CLIP(a->version, CLIP_NAME));
        return false;
    }
    if (c->name[0] == '$') {
        sb_puts(why, "names starting with '$' are reserved (RFC 2965 section 3.2.2)");
        return false;
    }
    size_t bytes = strlen(c->name) + strlen(c->value);
    if (bytes > COOKIE_MAX_BYTES) {
        sb_printf(why, "name and value are %zu bytes, more than %d", bytes, COOKIE_MAX_BYTES);
        return false;
    }
    if (a->too_long) {
        sb_printf(why, "its %s is longer than %d bytes", a->too_long, COOKIE_MAX_ATTR);
        return false;
    }
    if (a->path) {
        if (strncmp(rq->path, a->path, strlen(a->path)) != 0) {
            sb_printf(why, "Path %.*s%s is not a prefix of the request path %.*s%s",
                      CLIP(a->path, CLIP_TEXT), CLIP(rq->path, CLIP_TEXT));
            return false;
        }
        c->path = a->path;
        a->path = NULL;
        c->path_given = true;
    } else {
        struct strbuf dp = STRBUF_INIT;
        cookie_default_path_2965(rq->path, &dp);
        c->path = sb_detach(&dp);
    }
    if (a->domain) {
        if (!check_domain(rq, c, a->domain, why))
            return false;
    } else {
        struct strbuf eh = STRBUF_INIT;
        cookie_effective_host(rq->host, &eh);
        c->domain = sb_detach(&eh);
    }
    if (a->port) {
        if (!a->port_valued) {
            c->ports[0] = rq->port; /* Port without a value: the port it came from */
            c->nports = 1;
        } else if (!read_ports(a->port, c, why)) {
            return false;
        } else {
            bool listed = false;
            for (size_t i = 0; i < c->nports; i++)
                listed = listed || c->ports[i] == rq->port;
            if (!listed) {
                sb_printf(why, "Port \"%.*s%s\" does not list the request port %u",
                          CLIP(a->port, CLIP_TEXT), rq->port);
                return false;
            }
        }
        c->port_attr = a->port;
        a->port = NULL;
    }
    c->version = 1;
    c->secure = a->secure;
    c->comment = a->comment;
    a->comment = NULL;
    c->comment_url = a->comment_url;
    a->comment_url = NULL;
    /* Discard makes a session cookie, which Max-Age still bounds; Max-Age=0 makes it expire
     * now, that is, deletes it. */
    c->persistent = a->have_max_age && !a->discard;
    c->expires = a->have_max_age ? cookie_time_add(now, a->max_age) : COOKIE_NEVER;
    c->created = now;
    return true;
}

/* One cookie at p; returns where it ended: at the comma that follows it, or the end. */
static const char *one_cookie(const struct cookie_req *rq, const char *p, long long now,
                              cookie_take_fn take, void *arg)
{
    const char *ns = p, *ne = p + strcspn(p, "=;,");
    p = ne;
    while (ne > ns && (ne[-1] == ' ' || ne[-1] == '\t'))
        ne--;
    if (*p != '=') {
        take(arg, NULL, NULL, "no '=' after the name");
        return next_cookie(p);
    }
    if (ne == ns) {
        take(arg, NULL, NULL, "empty name");
        return next_cookie(p);
    }
    if (!is_token(ns, (size_t)(ne - ns))) {
        /* What stands before the '=' may be anything, a value included: not logged. */
        take(arg, NULL, NULL, "the name is not a token");
        return next_cookie(p);
    }
    char *name = xstrndup(ns, (size_t)(ne - ns));
    const char *why = NULL, *v;
    size_t vlen;
    struct v1_attrs a = {0};
    struct strbuf reason = STRBUF_INIT;
    struct cookie *c = NULL;
    p++;
    if (!scan_value(&p, &v, &vlen, &why))
        goto reject;
    c = xcalloc(1, sizeof *c);
    c->value = xstrndup(v, vlen);
    while (*p == ';') {
        p = skip_ws(p + 1);
        const char *an = p, *ane;
        p += strcspn(p, "=;,");
        ane = p;
        while (ane > an && (ane[-1] == ' ' || ane[-1] == '\t'))
            ane--;
        bool has_value = *p == '=';
        const char *av = NULL;
        size_t avlen = 0;
        if (has_value) {
            p++;
            if (!scan_value(&p, &av, &avlen, &why))
                goto reject;
        }
        read_attr(&a, an, (size_t)(ane - an), av, avlen, has_value);
    }
    c->name = name;
    name = NULL;
    if (!build(rq, &a, c, now, &reason)) {
        why = sb_str(&reason);
        goto reject;
    }
    free_attrs(&a);
    sb_free(&reason);
    take(arg, c, c->name, NULL);
    return p;
reject:
    take(arg, NULL, name ? name : c->name, why);
    free(name);
    cookie_free(c);
    free_attrs(&a);
    sb_free(&reason);
    return next_cookie(p);
}

void cookie_parse_2965(const struct cookie_req *rq, const char *text, long long now,
                       cookie_take_fn take, void *arg)
{
    const char *p = text;
    for (;;) {
        p = skip_ws(p);
        if (*p == ',') { /* 1#cookie allows empty elements */
            p++;
            continue;
        }
        if (!*p)
            return;
        p = one_cookie(rq, p, now, take, arg);
    }
}
