/* The cookie jar: what the parsers accepted, kept in the order first stored (what show prints),
 * replaced, deleted and evicted by the rules of RFC 6265 section 5.3 and RFC 2965 section 3.3.3,
 * and turned back into Cookie and Cookie2 headers. The jar owns every cookie in it, and frees each
 * one it lets go. The log never receives a value: cookie values are session credentials, and debug
 * output ends up in terminals and syslog.
 *
 * Where the RFCs leave a choice, or could be read two ways, the jar:
 * - sends $Port without a value for a Port that had none (RFC 2965 section 3.3.4: "the same
 *   value, if any"), and $Domain with the dot section 3.2.2 supplies;
 * - defaults an RFC 2965 Path to the request path up to and including its last slash (section
 *   3.3.1; RFC 6265 stops before it);
 * - rejects Set-Cookie2's Domain=host for that very host, as section 3.3.2 does once the dot is
 *   supplied (.host does not domain-match host);
 * - compares domains without their leading dot to replace a cookie, count a domain's cookies and
 *   filter, so both kinds of cookie for one domain are one cookie (RFC 2965 section 9.1);
 * - reports an eviction as COOKIE_EXPIRED with "evicted": the events stay those of cookie.h;
 * - rejects a whole header holding a control character (tab aside), and a cookie with an
 *   attribute value over COOKIE_MAX_ATTR bytes. */
#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cookie_int.h"
#include "xalloc.h"

struct cookie_jar {
    struct cookie **v; /* in the order first stored: a replacement keeps its place */
    size_t n, cap;
    cookie_log_fn log;
    void *log_arg;
};

struct cookie_jar *cookie_jar_new(void)
{
    return xcalloc(1, sizeof(struct cookie_jar));
}

void cookie_free(struct cookie *c)
{
    if (!c)
        return;
    free(c->name);
    free(c->value);
    free(c->domain);
    free(c->path);
    free(c->comment);
    free(c->comment_url);
    free(c->port_attr);
    free(c);
}

void cookie_jar_free(struct cookie_jar *jar)
{
    if (!jar)
        return;
    for (size_t i = 0; i < jar->n; i++)
        cookie_free(jar->v[i]);
    free(jar->v);
    free(jar);
}

void cookie_jar_set_log(struct cookie_jar *jar, cookie_log_fn fn, void *arg)
{
    jar->log = fn;
    jar->log_arg = arg;
}

size_t cookie_jar_count(const struct cookie_jar *jar)
{
    return jar->n;
}

static void jar_log(const struct cookie_jar *jar, enum cookie_event ev, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void jar_log(const struct cookie_jar *jar, enum cookie_event ev, const char *fmt, ...)
{
    if (!jar->log)
        return;
    struct strbuf m = STRBUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    sb_vprintf(&m, fmt, ap);
    va_end(ap);
    jar->log(jar->log_arg, ev, sb_str(&m));
    sb_free(&m);
}

/* How a cookie is named in the log: "name" for domain path /p. */
#define COOKIE_FMT "\"%.*s%s\" for %.*s%s path %.*s%s"
#define COOKIE_ARG(c)                                                                              \
    CLIP((c)->name, CLIP_NAME), CLIP((c)->domain, CLIP_TEXT), CLIP((c)->path, CLIP_TEXT)

/* What the stored message adds: kind, scope and lifetime. */
static void describe(struct strbuf *m, const struct cookie *c)
{
    sb_puts(m, c->version ? " (RFC 2965" : " (Netscape");
    if (c->host_only)
        sb_puts(m, ", host only");
    for (size_t i = 0; i < c->nports; i++)
        sb_printf(m, "%s%u", i ? "," : ", ports ", c->ports[i]);
    if (c->secure)
        sb_puts(m, ", secure");
    if (c->http_only)
        sb_puts(m, ", HttpOnly");
    if (c->persistent) {
        sb_puts(m, ", expires ");
        cookie_format_time(c->expires, m);
    } else if (c->expires != COOKIE_NEVER) {
        sb_puts(m, ", session, expires ");
        cookie_format_time(c->expires, m);
    } else {
        sb_puts(m, ", session");
    }
    sb_putc(m, ')');
}

static void jar_remove(struct cookie_jar *jar, size_t i)
{
    cookie_free(jar->v[i]);
    memmove(jar->v + i, jar->v + i + 1, (jar->n - i - 1) * sizeof *jar->v);
    jar->n--;
}

/* Domains compare without their leading dot, so that a Netscape Domain=.example.com (kept as
 * example.com) and an RFC 2965 one (kept as .example.com) are one cookie, as RFC 2965 section 9.1
 * wants, and count towards one domain's limit. */
static bool same_domain(const char *a, const char *b)
{
    return !strcasecmp(cookie_domain_key(a), cookie_domain_key(b));
}

static size_t jar_find(const struct cookie_jar *jar, const struct cookie *c)
{
    for (size_t i = 0; i < jar->n; i++) {
        const struct cookie *o = jar->v[i];
        if (!strcmp(o->name, c->name) && same_domain(o->domain, c->domain) &&
            !strcmp(o->path, c->path))
            return i;
    }
    return jar->n;
}

static bool expired(const struct cookie *c, long long now)
{
    return c->expires <= now;
}

/* Removes the expired cookies, and the session ones too when the session ends. */
static void sweep(struct cookie_jar *jar, long long now, bool session_end)
{
    size_t kept = 0;
    for (size_t i = 0; i < jar->n; i++) {
        struct cookie *c = jar->v[i];
        if (expired(c, now)) {
            struct strbuf t = STRBUF_INIT;
            cookie_format_time(c->expires, &t);
            jar_log(jar, COOKIE_EXPIRED, "dropped " COOKIE_FMT ": expired %s", COOKIE_ARG(c),
                    sb_str(&t));
            sb_free(&t);
            cookie_free(c);
        } else if (session_end && !c->persistent) {
            jar_log(jar, COOKIE_EXPIRED, "dropped " COOKIE_FMT ": the session ended",
                    COOKIE_ARG(c));
            cookie_free(c);
        } else {
            jar->v[kept++] = c;
        }
    }
    jar->n = kept;
}

/* The oldest cookie of a domain (NULL: of all), the first stored among equals. */
static size_t oldest(const struct cookie_jar *jar, const char *domain)
{
    size_t best = jar->n;
    for (size_t i = 0; i < jar->n; i++)
        if ((!domain || same_domain(jar->v[i]->domain, domain)) &&
            (best == jar->n || jar->v[i]->created < jar->v[best]->created))
            best = i;
    return best;
}

static size_t count_domain(const struct cookie_jar *jar, const char *domain)
{
    size_t n = 0;
    for (size_t i = 0; i < jar->n; i++)
        n += same_domain(jar->v[i]->domain, domain);
    return n;
}

/* Section 5.3 of RFC 6265: before evicting anything, the expired cookies go; then the oldest of
 * the domain over its limit, then the oldest of all. */
static void make_room(struct cookie_jar *jar, const struct cookie *c, long long now)
{
    if (count_domain(jar, c->domain) >= COOKIE_MAX_PER_DOMAIN || jar->n >= COOKIE_MAX_TOTAL)
        sweep(jar, now, false);
    while (count_domain(jar, c->domain) >= COOKIE_MAX_PER_DOMAIN) {
        size_t i = oldest(jar, c->domain);
        jar_log(jar, COOKIE_EXPIRED, "evicted " COOKIE_FMT ": more than %d cookies for %.*s%s",
                COOKIE_ARG(jar->v[i]), COOKIE_MAX_PER_DOMAIN,
                CLIP(cookie_domain_key(c->domain), CLIP_TEXT));
        jar_remove(jar, i);
    }
    while (jar->n >= COOKIE_MAX_TOTAL) {
        size_t i = oldest(jar, NULL);
        jar_log(jar, COOKIE_EXPIRED, "evicted " COOKIE_FMT ": more than %d cookies in all",
                COOKIE_ARG(jar->v[i]), COOKIE_MAX_TOTAL);
        jar_remove(jar, i);
    }
}

/* Takes c: stores it, replaces its namesake, or deletes it when it comes already expired. */
static void jar_store(struct cookie_jar *jar, struct cookie *c, long long now)
{
    size_t i = jar_find(jar, c);
    if (expired(c, now)) {
        if (i < jar->n) {
            jar_log(jar, COOKIE_STORED, "deleted " COOKIE_FMT ": it came expired", COOKIE_ARG(c));
            jar_remove(jar, i);
        } else {
            jar_log(jar, COOKIE_STORED,
                    "nothing to delete: " COOKIE_FMT " came expired and is not stored",
                    COOKIE_ARG(c));
        }
        cookie_free(c);
        return;
    }
    struct strbuf m = STRBUF_INIT;
    if (i < jar->n) {
        /* The same cookie with news: RFC 6265 keeps its creation time (and we its place and its
         * count: show tells how long the server has kept this session going). */
        struct cookie *old = jar->v[i];
        c->created = old->created;
        c->sent = old->sent;
        cookie_free(old);
        jar->v[i] = c;
        sb_puts(&m, "replaced ");
    } else {
        make_room(jar, c, now);
        jar->v = xgrow(jar->v, &jar->cap, jar->n + 1, sizeof *jar->v);
        jar->v[jar->n++] = c;
        sb_puts(&m, "stored ");
    }
    if (jar->log) {
        sb_printf(&m, COOKIE_FMT, COOKIE_ARG(c));
        describe(&m, c);
        jar->log(jar->log_arg, COOKIE_STORED, sb_str(&m));
    }
    sb_free(&m);
}

/* What the parsers report to, for one header. */
struct receipt {
    struct cookie_jar *jar;
    const struct cookie_req *rq;
    const char *header;
    long long now;
    int stored;
};

static void take(void *arg, struct cookie *c, const char *name, const char *reason)
{
    struct receipt *r = arg;
    const char *host = r->rq->host;
    if (name)
        jar_log(r->jar, COOKIE_RECEIVED, "received \"%.*s%s\" from %.*s%s (%s)",
                CLIP(name, CLIP_NAME), CLIP(host, CLIP_TEXT), r->header);
    else
        jar_log(r->jar, COOKIE_RECEIVED, "received a cookie from %.*s%s (%s)",
                CLIP(host, CLIP_TEXT), r->header);
    if (c) {
        jar_store(r->jar, c, r->now);
        r->stored++;
    } else if (name) {
        jar_log(r->jar, COOKIE_REJECTED, "rejected \"%.*s%s\" from %.*s%s: %s",
                CLIP(name, CLIP_NAME), CLIP(host, CLIP_TEXT), reason);
    } else {
        jar_log(r->jar, COOKIE_REJECTED, "rejected a cookie from %.*s%s: %s", CLIP(host, CLIP_TEXT),
                reason);
    }
}

/* A header with a control character (tab aside) is broken or hostile: a CR or LF stored in a
 * cookie would come back out as a header of the next request. */
static bool has_control(const char *s)
{
    for (; *s; s++)
        if (((unsigned char)*s < 0x20 && *s != '\t') || *s == 0x7f)
            return true;
    return false;
}

/* The origin as the rules want it: the host in lower case (hosts compare without case, and
 * Netscape domains are kept in lower case), a path that is at least "/". False for an origin
 * that could not come from a URL: no host, or control characters, which would reach the log and
 * (as a default path) the jar. */
static bool normalize(const struct cookie_origin *o, struct strbuf *host, struct cookie_req *rq)
{
    for (const char *p = o->host ? o->host : ""; *p; p++)
        sb_putc(host, (char)tolower((unsigned char)*p));
    rq->host = sb_str(host);
    rq->path = o->path && o->path[0] ? o->path : "/";
    rq->port = o->port;
    rq->secure = o->secure;
    return rq->host[0] && !has_control(rq->host) && !has_control(rq->path);
}

int cookie_jar_receive(struct cookie_jar *jar, const struct cookie_origin *origin, bool set_cookie2,
                       const char *value, long long now)
{
    struct strbuf host = STRBUF_INIT;
    struct cookie_req rq;
    bool valid = normalize(origin, &host, &rq);
    struct receipt r = {jar, &rq, set_cookie2 ? "Set-Cookie2" : "Set-Cookie", now, 0};
    if (!value) {
        /* nothing to read */
    } else if (!valid) {
        jar_log(jar, COOKIE_REJECTED,
                "rejected a %s header: a bad request origin (no host, or a control character)",
                r.header);
    } else if (has_control(value)) {
        jar_log(jar, COOKIE_REJECTED, "rejected a %s header from %.*s%s: a control character",
                r.header, CLIP(rq.host, CLIP_TEXT));
    } else if (set_cookie2) {
        cookie_parse_2965(&rq, value, now, take, &r);
    } else {
        cookie_parse_netscape(&rq, value, now, take, &r);
    }
    sb_free(&host);
    return r.stored;
}

/* Section 3.3.4 of RFC 2965 and 5.4 of RFC 6265: does c go with this request? */
static bool applies(const struct cookie *c, const struct cookie_req *rq, const char *effective)
{
    if (c->secure && !rq->secure)
        return false;
    bool domain_ok;
    if (c->version >= 1)
        domain_ok = cookie_domain_match_2965(effective, c->domain);
    else if (c->host_only)
        domain_ok = !strcasecmp(rq->host, c->domain);
    else
        domain_ok = cookie_domain_match_netscape(rq->host, c->domain);
    if (!domain_ok)
        return false;
    if (!cookie_path_match(rq->path, c->path, c->version))
        return false;
    if (c->nports == 0)
        return true;
    for (size_t i = 0; i < c->nports; i++)
        if (c->ports[i] == rq->port)
            return true;
    return false;
}

struct pick {
    struct cookie *c;
    size_t order;
};

/* More specific paths first (RFC 2965 section 3.3.4, RFC 6265 section 5.4 step 2), then the
 * earlier created, then the first stored: the order is total, so qsort's instability is moot. */
static int by_precedence(const void *a, const void *b)
{
    const struct pick *x = a, *y = b;
    size_t lx = strlen(x->c->path), ly = strlen(y->c->path);
    if (lx != ly)
        return lx > ly ? -1 : 1;
    if (x->c->created != y->c->created)
        return x->c->created < y->c->created ? -1 : 1;
    return x->order < y->order ? -1 : x->order > y->order;
}

/* $Path="..." and $Domain="...": quoted-strings, escaped (an unquoted Path may hold a quote). */
static void put_attr(struct strbuf *out, const char *name, const char *value)
{
    sb_printf(out, "; %s=\"", name);
    for (const char *p = value; *p; p++) {
        if (*p == '"' || *p == '\\')
            sb_putc(out, '\\');
        sb_putc(out, *p);
    }
    sb_putc(out, '"');
}

void cookie_jar_request_headers(struct cookie_jar *jar, const struct cookie_origin *origin,
                                long long now, struct strbuf *out, struct strbuf *cookie2)
{
    sb_reset(out);
    sb_reset(cookie2);
    sweep(jar, now, false);
    struct strbuf host = STRBUF_INIT, effective = STRBUF_INIT;
    struct cookie_req rq;
    if (!normalize(origin, &host, &rq) || jar->n == 0) {
        sb_free(&host);
        return;
    }
    cookie_effective_host(rq.host, &effective);
    struct pick *picks = xmalloc(jar->n * sizeof *picks);
    size_t n = 0;
    bool any_v0 = false, any_v1 = false;
    for (size_t i = 0; i < jar->n; i++) {
        if (!applies(jar->v[i], &rq, sb_str(&effective)))
            continue;
        picks[n++] = (struct pick){jar->v[i], i};
        any_v0 = any_v0 || jar->v[i]->version == 0;
        any_v1 = any_v1 || jar->v[i]->version >= 1;
    }
    if (n > 1)
        qsort(picks, n, sizeof *picks, by_precedence);
    /* RFC 2965 section 3.3.4: $Version first when any cookie is of version 1 (the one version
     * this jar stores), then each cookie with the attributes its Set-Cookie2 gave. */
    if (any_v1)
        sb_puts(out, "$Version=\"1\"");
    for (size_t i = 0; i < n; i++) {
        struct cookie *c = picks[i].c;
        if (out->len)
            sb_puts(out, "; ");
        sb_printf(out, "%s=%s", c->name, c->value);
        if (c->version >= 1) {
            if (c->path_given)
                put_attr(out, "$Path", c->path);
            if (c->domain_given)
                put_attr(out, "$Domain", c->domain);
            /* "the port attribute MUST be present if the Port attribute was present in the
             * Set-Cookie2 header, and it MUST have the same value, if any": a Port without a
             * value comes back as $Port alone. */
            if (c->port_attr && c->port_attr[0])
                put_attr(out, "$Port", c->port_attr);
            else if (c->port_attr)
                sb_puts(out, "; $Port");
        }
        c->sent++;
        jar_log(jar, COOKIE_SENT, "sent " COOKIE_FMT " to %.*s%s", COOKIE_ARG(c),
                CLIP(rq.host, CLIP_TEXT));
    }
    /* Section 3.3.5: a cookie of another version than ours goes with Cookie2, to tell the
     * server that RFC 2965 is understood. */
    if (any_v0)
        sb_puts(cookie2, "$Version=\"1\"");
    free(picks);
    sb_free(&host);
    sb_free(&effective);
}

void cookie_jar_end_session(struct cookie_jar *jar, long long now)
{
    sweep(jar, now, true);
}

static bool filter_match(const struct cookie *c, const struct cookie_filter *f)
{
    return !f || ((!f->domain || same_domain(c->domain, f->domain)) &&
                  (!f->name || !strcmp(c->name, f->name)));
}

size_t cookie_jar_foreach(const struct cookie_jar *jar, const struct cookie_filter *f,
                          cookie_visit_fn fn, void *arg)
{
    size_t n = 0;
    for (size_t i = 0; i < jar->n; i++) {
        if (!filter_match(jar->v[i], f))
            continue;
        if (fn)
            fn(arg, jar->v[i]);
        n++;
    }
    return n;
}

size_t cookie_jar_clear(struct cookie_jar *jar, const struct cookie_filter *f)
{
    size_t kept = 0, removed = 0;
    for (size_t i = 0; i < jar->n; i++) {
        if (filter_match(jar->v[i], f)) {
            cookie_free(jar->v[i]);
            removed++;
        } else {
            jar->v[kept++] = jar->v[i];
        }
    }
    jar->n = kept;
    return removed;
}
