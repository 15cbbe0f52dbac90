#include "cr_policy.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

void rate_window_init(struct rate_window *w, unsigned limit, uint64_t period_ms)
{
    memset(w, 0, sizeof *w);
    w->limit = limit;
    w->period_ms = period_ms;
    if (limit)
        w->stamps = xcalloc(limit, sizeof *w->stamps);
}

void rate_window_free(struct rate_window *w)
{
    free(w->stamps);
    w->stamps = NULL;
}

bool rate_window_room(const struct rate_window *w, uint64_t now_ms)
{
    if (!w->limit || w->used < w->limit)
        return true;
    /* Full: the oldest of the last `limit` events must have left the window. */
    return now_ms - w->stamps[w->next] >= w->period_ms;
}

bool rate_window_take(struct rate_window *w, uint64_t now_ms)
{
    if (!rate_window_room(w, now_ms))
        return false;
    if (!w->limit)
        return true;
    w->stamps[w->next] = now_ms;
    w->next = (w->next + 1) % w->limit;
    if (w->used < w->limit)
        w->used++;
    return true;
}

void cr_failures_init(struct cr_failures *f)
{
    memset(f, 0, sizeof *f);
    for (size_t i = 0; i < CR_FAILED_ADDRESSES; i++)
        rate_window_init(&f->a[i].w, CR_FAILED_LIMIT, CR_FAILED_PERIOD_MS);
}

void cr_failures_free(struct cr_failures *f)
{
    for (size_t i = 0; i < CR_FAILED_ADDRESSES; i++)
        rate_window_free(&f->a[i].w);
}

/* An IPv6 /64 is one address: a host that has one can use any address in it. */
static void failure_key(const struct sockaddr *sa, unsigned char key[9])
{
    memset(key, 0, 9);
    key[0] = (unsigned char)sa->sa_family;
    if (sa->sa_family == AF_INET6)
        memcpy(key + 1, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, 8);
    else if (sa->sa_family == AF_INET)
        memcpy(key + 1, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, 4);
}

static struct cr_failed_address *failure_find(const struct cr_failures *f,
                                              const unsigned char key[9])
{
    for (size_t i = 0; i < CR_FAILED_ADDRESSES; i++)
        if (f->a[i].last_ms && !memcmp(f->a[i].key, key, 9))
            return (struct cr_failed_address *)&f->a[i];
    return NULL;
}

bool cr_failures_room(const struct cr_failures *f, const struct sockaddr *sa, uint64_t now_ms)
{
    unsigned char key[9];
    failure_key(sa, key);
    const struct cr_failed_address *e = failure_find(f, key);
    return !e || rate_window_room(&e->w, now_ms);
}

void cr_failures_take(struct cr_failures *f, const struct sockaddr *sa, uint64_t now_ms)
{
    unsigned char key[9];
    failure_key(sa, key);
    struct cr_failed_address *e = failure_find(f, key);
    if (!e) {
        e = &f->a[0];
        for (size_t i = 1; i < CR_FAILED_ADDRESSES && e->last_ms; i++)
            if (f->a[i].last_ms < e->last_ms)
                e = &f->a[i];
        memcpy(e->key, key, 9);
        e->w.used = e->w.next = 0;
    }
    /* 0 marks an unused entry: a failure at the loop's time 0 counts as 1. */
    e->last_ms = now_ms ? now_ms : 1;
    rate_window_take(&e->w, now_ms);
}

int cr_classify(const char *method, const char *url, const char *path)
{
    /* The path is the URL's only secret besides the credentials: anything else is not there. */
    if (url[0] != '/' || strcmp(url + 1, path) != 0)
        return 404;
    if (strcmp(method, "GET") != 0)
        return 405;
    return 0;
}

static bool parse_port(const char *s, unsigned *port)
{
    if (*s < '0' || *s > '9')
        return false;
    char *end;
    errno = 0;
    unsigned long v = strtoul(s, &end, 10);
    if (errno || *end || v > 65535)
        return false;
    *port = (unsigned)v;
    return true;
}

int cr_parse_listen(const char *spec, struct sockaddr_storage *ss, socklen_t *len,
                    struct strbuf *err)
{
    memset(ss, 0, sizeof *ss);
    const char *colon = strrchr(spec, ':');
    unsigned port;
    if (!colon || !parse_port(colon + 1, &port)) {
        sb_printf(err, "--listen %s: expected [ADDRESS]:PORT ([ADDRESS]:PORT for IPv6)", spec);
        return -1;
    }
    if (colon == spec) {
        /* The port alone: the address stays the interface's. */
        struct sockaddr_in *s4 = (struct sockaddr_in *)ss;
        s4->sin_family = AF_UNSPEC;
        s4->sin_port = htons((uint16_t)port);
        *len = 0;
        return 0;
    }
    char host[INET6_ADDRSTRLEN + 2];
    size_t hlen = (size_t)(colon - spec);
    if (hlen >= sizeof host) {
        sb_printf(err, "--listen %s: not a numeric address", spec);
        return -1;
    }
    memcpy(host, spec, hlen);
    host[hlen] = '\0';
    if (host[0] == '[' && hlen > 2 && host[hlen - 1] == ']') {
        struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)ss;
        host[hlen - 1] = '\0';
        if (inet_pton(AF_INET6, host + 1, &s6->sin6_addr) == 1) {
            s6->sin6_family = AF_INET6;
            s6->sin6_port = htons((uint16_t)port);
            *len = sizeof *s6;
            return 0;
        }
    } else {
        struct sockaddr_in *s4 = (struct sockaddr_in *)ss;
        if (inet_pton(AF_INET, host, &s4->sin_addr) == 1) {
            s4->sin_family = AF_INET;
            s4->sin_port = htons((uint16_t)port);
            *len = sizeof *s4;
            return 0;
        }
    }
    sb_printf(err, "--listen %s: not a numeric address", spec);
    return -1;
}

int cr_parse_rate(const char *spec, unsigned *limit, unsigned *period_s, struct strbuf *err)
{
    if (!strcmp(spec, "0")) {
        *limit = 0;
        *period_s = 1;
        return 0;
    }
    char *end;
    errno = 0;
    unsigned long n = strtoul(spec, &end, 10);
    bool ok = spec[0] >= '0' && spec[0] <= '9' && !errno && *end == '/' && n <= CR_RATE_LIMIT_MAX;
    unsigned long s = 0;
    if (ok) {
        const char *p = end + 1;
        ok = *p >= '0' && *p <= '9';
        s = strtoul(p, &end, 10);
        ok = ok && !errno && !*end && s >= 1 && s <= CR_RATE_PERIOD_MAX_S;
    }
    if (!ok) {
        sb_printf(err, "--cr-rate %s: expected N/SECONDS (N at most %u, 1 to %u seconds) or 0",
                  spec, CR_RATE_LIMIT_MAX, CR_RATE_PERIOD_MAX_S);
        return -1;
    }
    *limit = (unsigned)n;
    *period_s = (unsigned)s;
    return 0;
}

void cr_format_endpoint(const struct sockaddr *sa, struct strbuf *out)
{
    char host[INET6_ADDRSTRLEN];
    if (sa->sa_family == AF_INET6) {
        const struct sockaddr_in6 *s6 = (const struct sockaddr_in6 *)(const void *)sa;
        inet_ntop(AF_INET6, &s6->sin6_addr, host, sizeof host);
        sb_printf(out, "[%s]:%u", host, ntohs(s6->sin6_port));
    } else {
        const struct sockaddr_in *s4 = (const struct sockaddr_in *)(const void *)sa;
        inet_ntop(AF_INET, &s4->sin_addr, host, sizeof host);
        sb_printf(out, "%s:%u", host, ntohs(s4->sin_port));
    }
}
