/* Set-Cookie: one Netscape cookie a header, read as RFC 6265 section 5.2 reads it (which is how
 * servers really write it: an Expires date holds a comma, so a header is never split on commas),
 * then held to the storage rules of section 5.3. Where an attribute repeats, the last one counts
 * (section 5.3 says "the last attribute in the cookie-attribute-list"). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cookie_int.h"
#include "xalloc.h"

/* [*s, *e) without the spaces and tabs around it. */
static void trim(const char **s, const char **e)
{
    while (*s < *e && (**s == ' ' || **s == '\t'))
        (*s)++;
    while (*e > *s && ((*e)[-1] == ' ' || (*e)[-1] == '\t'))
        (*e)--;
}

static bool is_attr(const char *name, size_t len, const char *want)
{
    return len == strlen(want) && !strncasecmp(name, want, len);
}

/* What the attributes said, before the rules look at the origin. */
struct ns_attrs {
    bool have_max_age, have_expires, secure, http_only;
    long long max_age, expires;
    struct strbuf domain; /* in lower case, as given (with its dot); empty: none */
    struct strbuf path;   /* empty: none (the default path) */
    const char *too_long; /* the attribute whose value passed COOKIE_MAX_ATTR */
};

static void read_attr(struct ns_attrs *a, const char *name, size_t nlen, const char *v, size_t vlen)
{
    if (is_attr(name, nlen, "Expires")) {
        long long t;
        if (cookie_parse_date_n(v, vlen, &t)) { /* section 5.2.1: a bad date is ignored */
            a->have_expires = true;
            a->expires = t;
        }
    } else if (is_attr(name, nlen, "Max-Age")) {
        /* section 5.2.2: digits, or a minus and digits; anything else is ignored */
        bool minus = vlen > 0 && v[0] == '-';
        long long s;
        if (cookie_parse_seconds(v + minus, vlen - minus, &s)) {
            a->have_max_age = true;
            a->max_age = minus ? -s : s;
        }
    } else if (is_attr(name, nlen, "Domain")) {
        if (vlen > COOKIE_MAX_ATTR) {
            a->too_long = "Domain";
        } else if (vlen > 0) { /* section 5.2.3: an empty Domain is ignored */
            sb_reset(&a->domain);
            for (size_t i = 0; i < vlen; i++)
                sb_putc(&a->domain, (char)tolower((unsigned char)v[i]));
        }
    } else if (is_attr(name, nlen, "Path")) {
        if (vlen > COOKIE_MAX_ATTR) {
            a->too_long = "Path";
        } else {
            /* section 5.2.4: a Path that does not start with a slash means the default path */
            sb_reset(&a->path);
            if (vlen > 0 && v[0] == '/')
                sb_append(&a->path, v, vlen);
        }
    } else if (is_attr(name, nlen, "Secure")) {
        a->secure = true;
    } else if (is_attr(name, nlen, "HttpOnly")) {
        a->http_only = true;
    }
}

/* Section 5.3 steps 4 to 6: where the cookie goes, or why it goes nowhere. */
static bool place(const struct cookie_req *rq, const struct ns_attrs *a, struct cookie *c,
                  struct strbuf *why)
{
    const char *given = sb_str(&a->domain);
    const char *d = given[0] == '.' ? given + 1 : given; /* section 5.2.3 drops the dot */
    if (!*d) {
        c->host_only = true;
        c->domain = xstrdup(rq->host);
        return true;
    }
    if (!strcmp(d, rq->host)) {
        /* The host itself. Section 5.3 step 5 makes a Domain that is a public suffix and the
         * host host-only, and so do we for an address (which only ever matches itself); for a
         * name with a dot it is a domain cookie. */
        c->host_only = !strchr(d, '.') || cookie_is_ip(d);
        c->domain = xstrdup(d);
        return true;
    }
    if (!strchr(d, '.')) {
        /* Without a public suffix list, a bare top-level label is the one suffix we can tell:
         * Domain=com would hand the cookie to every host of .com. */
        sb_printf(why, "Domain %.*s%s is a top-level domain", CLIP(given, CLIP_TEXT));
        return false;
    }
    if (!cookie_domain_match_netscape(rq->host, d)) {
        sb_printf(why, "Domain %.*s%s does not domain-match the host", CLIP(given, CLIP_TEXT));
        return false;
    }
    c->host_only = false;
    c->domain = xstrdup(d);
    return true;
}

void cookie_parse_netscape(const struct cookie_req *rq, const char *text, long long now,
                           cookie_take_fn take, void *arg)
{
    const char *end = text + strlen(text);
    const char *semi = strchr(text, ';');
    const char *pair_end = semi ? semi : end;
    const char *eq = memchr(text, '=', (size_t)(pair_end - text));
    if (!eq) {
        take(arg, NULL, NULL, "no '=' in its name-value pair");
        return;
    }
    const char *ns = text, *ne = eq, *vs = eq + 1, *ve = pair_end;
    trim(&ns, &ne);
    trim(&vs, &ve);
    /* Section 5.2 step 5 ignores a cookie with an empty name (RFC 6265bis would keep it as a
     * value-only cookie); the jar keys cookies by name, and a server that wants a session kept
     * names its cookie. */
    if (ns == ne) {
        take(arg, NULL, NULL, "empty name");
        return;
    }
    char *name = xstrndup(ns, (size_t)(ne - ns));
    struct cookie *c = NULL;
    struct strbuf why = STRBUF_INIT;
    struct ns_attrs a = {.domain = STRBUF_INIT, .path = STRBUF_INIT};
    size_t bytes = (size_t)(ne - ns) + (size_t)(ve - vs);
    if (bytes > COOKIE_MAX_BYTES) {
        sb_printf(&why, "name and value are %zu bytes, more than %d", bytes, COOKIE_MAX_BYTES);
        goto reject;
    }
    for (const char *p = semi; p && p < end;) {
        p++; /* the ';' */
        const char *av_end = strchr(p, ';');
        if (!av_end)
            av_end = end;
        const char *an = p, *eq2 = memchr(p, '=', (size_t)(av_end - p));
        const char *ane = eq2 ? eq2 : av_end, *av = eq2 ? eq2 + 1 : av_end, *ave = av_end;
        trim(&an, &ane);
        trim(&av, &ave);
        read_attr(&a, an, (size_t)(ane - an), av, (size_t)(ave - av));
        p = av_end;
    }
    if (a.too_long) {
        sb_printf(&why, "its %s is longer than %d bytes", a.too_long, COOKIE_MAX_ATTR);
        goto reject;
    }
    c = xcalloc(1, sizeof *c);
    if (!place(rq, &a, c, &why)) {
        cookie_free(c);
        goto reject;
    }
    c->name = name;
    c->value = xstrndup(vs, (size_t)(ve - vs));
    if (a.path.len)
        c->path = sb_detach(&a.path);
    else {
        struct strbuf dp = STRBUF_INIT;
        cookie_default_path(rq->path, &dp);
        c->path = sb_detach(&dp);
    }
    c->version = 0;
    c->secure = a.secure;
    c->http_only = a.http_only;
    /* Section 5.3 step 3: Max-Age wins over Expires; zero or less is "the earliest time". */
    c->persistent = a.have_max_age || a.have_expires;
    if (a.have_max_age)
        c->expires = a.max_age <= 0 ? COOKIE_GONE : cookie_time_add(now, a.max_age);
    else if (a.have_expires)
        c->expires = a.expires;
    else
        c->expires = COOKIE_NEVER;
    c->created = now;
    sb_free(&a.domain);
    sb_free(&a.path);
    take(arg, c, c->name, NULL);
    return;
reject:
    take(arg, NULL, name, sb_str(&why));
    free(name);
    sb_free(&why);
    sb_free(&a.domain);
    sb_free(&a.path);
}
