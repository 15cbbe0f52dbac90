/* Cookie headers as an ACS (or whatever answers at its URL) sends them, through the cookie jar of
 * the HTTP client: the Set-Cookie and Set-Cookie2 parsers, the storage rules, and the Cookie and
 * Cookie2 headers cwmpd sends back.
 *
 * The input is lines. The first is the origin, "HOST PORT PATH [https]" (missing fields keep
 * acs.example.com 80 /acs); each following line is a response header value, received from that
 * origin as a Set-Cookie and as a Set-Cookie2, one second apart. After each, the request headers
 * are asked for the origin, for "/" of the same host over https, and for the parent domain on
 * another port. Then the session ends and the jar is cleared.
 *
 * Besides not crashing: the Cookie and Cookie2 values are one line without control characters
 * (a CR or LF there is a header injection by the server into cwmpd's next request; a tab is
 * fine); the jar holds at most COOKIE_MAX_TOTAL cookies, COOKIE_MAX_PER_DOMAIN a domain, one per
 * name, domain and path, each within COOKIE_MAX_BYTES with at most COOKIE_MAX_PORTS ports; a
 * Netscape cookie's path starts with '/'; log messages are one short line; after the end of the
 * session only persistent unexpired cookies are left; clear empties the jar. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cookie.h"
#include "harness.h"

#define T0 1700000000LL
/* Log lines quote names, domains and paths cut to a few dozen bytes each. */
#define LOG_LINE_MAX 1024

/* Tabs are allowed: HTTP field values may hold them, and they break no line. */
static bool has_control(const char *s)
{
    for (; *s; s++)
        if (((unsigned char)*s < 0x20 && *s != '\t') || *s == 0x7f)
            return true;
    return false;
}

static void check_log(void *arg, enum cookie_event ev, const char *message)
{
    (void)arg;
    if (ev > COOKIE_EXPIRED)
        fuzz_fail("log event %d", (int)ev);
    if (strlen(message) > LOG_LINE_MAX)
        fuzz_fail("a log line of %zu bytes: %.200s...", strlen(message), message);
    if (has_control(message))
        fuzz_fail("a control character in the log line: %s", message);
}

struct census {
    const struct cookie *seen[COOKIE_MAX_TOTAL + 1];
    size_t n;
    long long now;
    bool after_session;
    bool pairs; /* compare every two cookies (quadratic: not after every line) */
};

static const char *domain_key(const char *d)
{
    return d[0] == '.' ? d + 1 : d;
}

static void check_cookie(void *arg, const struct cookie *c)
{
    struct census *cs = arg;
    if (cs->n > COOKIE_MAX_TOTAL)
        fuzz_fail("more than %d cookies in the jar", COOKIE_MAX_TOTAL);
    if (!c->name || !c->value || !c->domain || !c->path)
        fuzz_fail("a cookie without name, value, domain or path");
    if (!c->name[0])
        fuzz_fail("a cookie with an empty name");
    if (strlen(c->name) + strlen(c->value) > COOKIE_MAX_BYTES)
        fuzz_fail("cookie %s is over %d bytes", c->name, COOKIE_MAX_BYTES);
    if (c->nports > COOKIE_MAX_PORTS)
        fuzz_fail("cookie %s has %zu ports", c->name, c->nports);
    if (c->version != 0 && c->version != 1)
        fuzz_fail("cookie %s has version %d", c->name, c->version);
    if (c->version == 0 && c->path[0] != '/')
        fuzz_fail("Netscape cookie %s has path \"%s\"", c->name, c->path);
    if (cs->after_session && (!c->persistent || c->expires <= cs->now))
        fuzz_fail("cookie %s outlived the session (persistent %d, expires %lld)", c->name,
                  c->persistent, c->expires);
    size_t same_domain = 1;
    for (size_t i = 0; cs->pairs && i < cs->n; i++) {
        const struct cookie *o = cs->seen[i];
        bool dom = !strcasecmp(domain_key(o->domain), domain_key(c->domain));
        same_domain += dom;
        if (dom && !strcmp(o->name, c->name) && !strcmp(o->path, c->path))
            fuzz_fail("cookie %s stored twice for %s path %s", c->name, c->domain, c->path);
    }
    if (same_domain > COOKIE_MAX_PER_DOMAIN)
        fuzz_fail("more than %d cookies for %s", COOKIE_MAX_PER_DOMAIN, c->domain);
    cs->seen[cs->n++] = c;
}

static void check_jar(struct cookie_jar *jar, long long now, bool after_session, bool pairs)
{
    struct census cs = {.now = now, .after_session = after_session, .pairs = pairs};
    size_t n = cookie_jar_foreach(jar, NULL, check_cookie, &cs);
    if (n != cookie_jar_count(jar) || n != cs.n)
        fuzz_fail("foreach visited %zu cookies, count says %zu", n, cookie_jar_count(jar));
}

static void request(struct cookie_jar *jar, const struct cookie_origin *o, long long now)
{
    struct strbuf out = STRBUF_INIT, c2 = STRBUF_INIT;
    sb_puts(&out, "stale");
    cookie_jar_request_headers(jar, o, now, &out, &c2);
    if (strlen(sb_str(&out)) != out.len || strlen(sb_str(&c2)) != c2.len)
        fuzz_fail("a NUL byte in the Cookie header");
    if (has_control(sb_str(&out)) || has_control(sb_str(&c2)))
        fuzz_fail("header injection: a control character in Cookie: %s", sb_str(&out));
    if (c2.len && strcmp(sb_str(&c2), "$Version=\"1\"") != 0)
        fuzz_fail("Cookie2 is %s", sb_str(&c2));
    sb_free(&out);
    sb_free(&c2);
}

/* "HOST PORT PATH [https]": what the fields give, the defaults for the rest. */
static void read_origin(char *line, struct cookie_origin *o)
{
    char *save = NULL;
    char *host = strtok_r(line, " ", &save);
    char *port = strtok_r(NULL, " ", &save);
    char *path = strtok_r(NULL, " ", &save);
    char *scheme = strtok_r(NULL, " ", &save);
    if (host)
        o->host = host;
    if (port)
        o->port = (unsigned)strtoul(port, NULL, 10);
    if (path)
        o->path = path;
    o->secure = scheme && !strcmp(scheme, "https");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *in = fuzz_cstr(data, size);
    struct cookie_origin o = {"acs.example.com", 80, "/acs", false};
    char *rest = strchr(in, '\n');
    if (rest)
        *rest++ = '\0';
    read_origin(in, &o);
    const char *parent = strchr(o.host, '.') ? strchr(o.host, '.') + 1 : o.host;
    struct cookie_origin root = {o.host, 443, "/", true};
    struct cookie_origin other = {parent, o.port + 1, o.path, o.secure};

    struct cookie_jar *jar = cookie_jar_new();
    cookie_jar_set_log(jar, check_log, NULL);
    long long now = T0;
    while (rest) {
        char *line = rest;
        rest = strchr(line, '\n');
        if (rest)
            *rest++ = '\0';
        int stored = cookie_jar_receive(jar, &o, false, line, now++);
        if (stored < 0 || stored > 1)
            fuzz_fail("one Set-Cookie stored %d cookies", stored);
        if (cookie_jar_receive(jar, &o, true, line, now++) < 0)
            fuzz_fail("Set-Cookie2 stored a negative count");
        check_jar(jar, now, false, false);
        request(jar, &o, now);
        request(jar, &root, now);
        request(jar, &other, now);
    }
    check_jar(jar, now, false, true);
    cookie_jar_end_session(jar, now + 3600);
    check_jar(jar, now + 3600, true, true);
    request(jar, &o, now + 7200);
    struct cookie_filter f = {o.host, NULL};
    size_t before = cookie_jar_count(jar), removed = cookie_jar_clear(jar, &f);
    if (removed > before || cookie_jar_count(jar) != before - removed)
        fuzz_fail("clear removed %zu of %zu, %zu left", removed, before, cookie_jar_count(jar));
    cookie_jar_clear(jar, NULL);
    if (cookie_jar_count(jar) != 0)
        fuzz_fail("clear left %zu cookies", cookie_jar_count(jar));
    cookie_jar_free(jar);
    free(in);
    return 0;
}
