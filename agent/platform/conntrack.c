/* Reading connection-tracking entries. A line holds the original direction's tuple then the
 * reply's ("src=A dst=B sport=P dport=Q src=... dst=... sport=... dport=..."): NAT is where the
 * reply is not the original turned round. A source rewritten (SNAT, masquerade) is a connection an
 * inside host opened; otherwise a destination rewritten (DNAT, a port mapping) is one from
 * outside. */
#include "conntrack.h"

#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

struct tuple {
    struct in_addr src, dst;
    uint16_t sport, dport;
    bool has_src, has_dst, has_sport, has_dport;
};

static bool port_value(const char *v, size_t len, uint16_t *out)
{
    if (len == 0 || len > 5)
        return false;
    unsigned long n = 0;
    for (size_t i = 0; i < len; i++) {
        if (v[i] < '0' || v[i] > '9')
            return false;
        n = n * 10 + (unsigned long)(v[i] - '0');
    }
    if (n > 65535)
        return false;
    *out = (uint16_t)n;
    return true;
}

static bool addr_value(const char *v, size_t len, struct in_addr *out)
{
    char text[INET_ADDRSTRLEN];
    if (len == 0 || len >= sizeof text)
        return false;
    memcpy(text, v, len);
    text[len] = '\0';
    return inet_pton(AF_INET, text, out) == 1;
}

/* Sets a field of the tuple being filled; the second src= starts the reply's. */
static bool take(struct tuple t[2], int *which, const char *key, size_t klen, const char *v,
                 size_t vlen, bool icmp)
{
    struct tuple *cur = &t[*which];
    if (klen == 3 && !memcmp(key, "src", 3)) {
        if (cur->has_src) {
            ++*which;
            if (*which == 2)
                return true; /* a third tuple (expectations): the two are read */
            cur = &t[*which];
        }
        cur->has_src = addr_value(v, vlen, &cur->src);
        return cur->has_src;
    }
    if (klen == 3 && !memcmp(key, "dst", 3))
        return (cur->has_dst = addr_value(v, vlen, &cur->dst));
    if (!icmp && klen == 5 && !memcmp(key, "sport", 5))
        return (cur->has_sport = port_value(v, vlen, &cur->sport));
    if (!icmp && klen == 5 && !memcmp(key, "dport", 5))
        return (cur->has_dport = port_value(v, vlen, &cur->dport));
    if (icmp && klen == 2 && !memcmp(key, "id", 2)) {
        /* ICMP has no ports: IOS shows the echo identifier in their place, on both sides. */
        cur->has_sport = cur->has_dport = port_value(v, vlen, &cur->sport);
        cur->dport = cur->sport;
        return cur->has_sport;
    }
    return true;
}

bool conntrack_parse_line(const char *line, struct nat_translation *t)
{
    memset(t, 0, sizeof *t);
    struct tuple tu[2];
    memset(tu, 0, sizeof tu);
    int which = 0;
    bool icmp = false, proto_seen = false;
    const char *p = line;
    while (*p && which < 2) {
        while (*p == ' ' || *p == '\t')
            p++;
        const char *w = p;
        while (*p && *p != ' ' && *p != '\t' && *p != '\n')
            p++;
        size_t len = (size_t)(p - w);
        if (*p == '\n')
            p++;
        if (len == 0)
            continue;
        /* nf_conntrack's lines start with the family ("ipv4 2"); conntrack -L's do not. */
        if (!proto_seen) {
            if (len == 4 && !memcmp(w, "ipv6", 4))
                return false;
            if ((len == 3 && (!memcmp(w, "tcp", 3) || !memcmp(w, "udp", 3))) ||
                (len == 4 && !memcmp(w, "icmp", 4))) {
                memcpy(t->proto, w, len);
                t->proto[len] = '\0';
                icmp = len == 4;
                proto_seen = true;
            }
            continue;
        }
        const char *eq = memchr(w, '=', len);
        if (!eq)
            continue;
        if (!take(tu, &which, w, (size_t)(eq - w), eq + 1, len - (size_t)(eq - w) - 1, icmp))
            return false;
    }
    if (!proto_seen || which == 0)
        return false;
    for (int i = 0; i < 2; i++)
        if (!tu[i].has_src || !tu[i].has_dst || !tu[i].has_sport || !tu[i].has_dport)
            return false;
    const struct tuple *o = &tu[0], *r = &tu[1];
    bool snat = r->dst.s_addr != o->src.s_addr || r->dport != o->sport;
    bool dnat = r->src.s_addr != o->dst.s_addr || r->sport != o->dport;
    if (snat) {
        t->inside_local = o->src, t->il_port = o->sport;
        t->inside_global = r->dst, t->ig_port = r->dport;
        t->outside_local = o->dst, t->ol_port = o->dport;
        t->outside_global = r->src, t->og_port = r->sport;
        return true;
    }
    if (dnat) {
        t->inside_global = o->dst, t->ig_port = o->dport;
        t->inside_local = r->src, t->il_port = r->sport;
        t->outside_global = o->src, t->og_port = o->sport;
        t->outside_local = r->dst, t->ol_port = r->dport;
        return true;
    }
    return false;
}

const char *conntrack_path(void)
{
    const char *p = getenv("CWMPD_CONNTRACK");
    return p && *p ? p : CONNTRACK_DEFAULT_PATH;
}
