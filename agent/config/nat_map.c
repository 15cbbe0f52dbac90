/* Port mappings over the store's NAT rules (nat_map.h). */
#include "nat_map.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config_net.h"
#include "strmap.h"
#include "xalloc.h"

/* The WAN address, looked up at most once for a pass over every rule, and only when a rule needs
 * it: it may come from DHCP, which costs a getifaddrs(3), and finding the WAN interface is a walk
 * over every interface. */
struct wan {
    const struct config_store *cs;
    bool looked, known;
    struct in_addr addr;
};

static bool wan_address(struct wan *w, struct in_addr *a)
{
    if (!w->looked) {
        w->known = config_wan_default_ipv4(w->cs, &w->addr);
        w->looked = true;
    }
    *a = w->addr;
    return w->known;
}

static bool global_with(const struct nat_rule *r, struct wan *w, struct in_addr *g)
{
    if (!r->wan_global) {
        *g = r->global;
        return true;
    }
    return wan_address(w, g);
}

static bool active_with(const struct nat_rule *r, struct wan *w, struct in_addr *g)
{
    return nat_rule_complete(r) && !r->disabled && global_with(r, w, g);
}

void nat_rule_free(struct nat_rule *r)
{
    free(r->key);
    free(r->description);
    r->key = r->description = NULL;
}

/* ---- the index by protocol and ExternalPort (struct nat_index) ---- */

static size_t bucket_of(const struct nat_index *x, enum nat_proto proto, uint16_t port)
{
    /* Multiplicative hashing, its high bits folded into the low ones that choose the bucket:
     * consecutive ports (the usual block of mappings) spread evenly. */
    uint32_t h = ((uint32_t)port << 1 | (proto == NAT_UDP)) * 2654435769u;
    return (size_t)(h ^ h >> 16) & (x->nbuckets - 1);
}

/* Links the rule at position at into its bucket's chain, which lists its rules in their order in
 * nat[]: a walk over a key's rules meets them in the order a walk over every rule would. */
static void index_link(struct config_store *cs, size_t at)
{
    struct nat_index *x = &cs->nat_index;
    uint32_t *p = &x->head[bucket_of(x, cs->nat[at].proto, cs->nat[at].global_port)];
    while (*p && *p < at + 1)
        p = &x->next[*p - 1];
    x->next[at] = *p;
    *p = (uint32_t)at + 1;
}

static void index_unlink(struct config_store *cs, size_t at)
{
    struct nat_index *x = &cs->nat_index;
    uint32_t *p = &x->head[bucket_of(x, cs->nat[at].proto, cs->nat[at].global_port)];
    while (*p != at + 1)
        p = &x->next[*p - 1];
    *p = x->next[at];
}

/* Every rule indexed anew: when the table grows, and when a deletion moved the rules after it. */
static void index_rebuild(struct config_store *cs)
{
    struct nat_index *x = &cs->nat_index;
    size_t want = 16;
    while (want < cs->nnat)
        want *= 2;
    if (want != x->nbuckets) {
        free(x->head);
        x->head = xmalloc(want * sizeof *x->head);
        x->nbuckets = want;
    }
    memset(x->head, 0, x->nbuckets * sizeof *x->head);
    x->next = xgrow(x->next, &x->capnext, cs->nnat, sizeof *x->next);
    /* From the last rule to the first, each one the head of its chain: in order, without a walk
     * along the chains. */
    for (size_t i = cs->nnat; i-- > 0;) {
        size_t b = bucket_of(x, cs->nat[i].proto, cs->nat[i].global_port);
        x->next[i] = x->head[b];
        x->head[b] = (uint32_t)i + 1;
    }
}

void nat_index_clone(struct config_store *copy, const struct config_store *cs)
{
    const struct nat_index *x = &cs->nat_index;
    struct nat_index *y = &copy->nat_index;
    memset(y, 0, sizeof *y);
    if (!x->nbuckets)
        return;
    y->nbuckets = x->nbuckets;
    y->head = xmalloc(x->nbuckets * sizeof *y->head);
    memcpy(y->head, x->head, x->nbuckets * sizeof *y->head);
    y->next = xgrow(NULL, &y->capnext, cs->nnat, sizeof *y->next);
    if (cs->nnat)
        memcpy(y->next, x->next, cs->nnat * sizeof *y->next);
}

void nat_index_free(struct config_store *cs)
{
    free(cs->nat_index.head);
    free(cs->nat_index.next);
    memset(&cs->nat_index, 0, sizeof cs->nat_index);
}

bool nat_index_valid(const struct config_store *cs)
{
    const struct nat_index *x = &cs->nat_index;
    if (cs->nnat > x->nbuckets || x->capnext < cs->nnat)
        return false;
    size_t seen = 0;
    for (size_t b = 0; b < x->nbuckets; b++) {
        uint32_t last = 0;
        for (uint32_t i = x->head[b]; i; last = i, i = x->next[i - 1])
            if (i > cs->nnat || i <= last || ++seen > cs->nnat ||
                bucket_of(x, cs->nat[i - 1].proto, cs->nat[i - 1].global_port) != b)
                return false;
    }
    return seen == cs->nnat;
}

#define NONE ((size_t)-1)

/* The first rule at or after chain link p (a position + 1) with this key, NONE when none. */
static size_t key_from(const struct config_store *cs, uint32_t p, enum nat_proto proto,
                       uint16_t port)
{
    for (; p; p = cs->nat_index.next[p - 1])
        if (cs->nat[p - 1].proto == proto && cs->nat[p - 1].global_port == port)
            return p - 1;
    return NONE;
}

/* The rules with this protocol and ExternalPort, in their order in nat[]: for (i = key_first(..);
 * i != NONE; i = key_next(cs, i)). */
static size_t key_first(const struct config_store *cs, enum nat_proto proto, uint16_t port)
{
    const struct nat_index *x = &cs->nat_index;
    return x->nbuckets ? key_from(cs, x->head[bucket_of(x, proto, port)], proto, port) : NONE;
}

static size_t key_next(const struct config_store *cs, size_t at)
{
    return key_from(cs, cs->nat_index.next[at], cs->nat[at].proto, cs->nat[at].global_port);
}

static struct nat_rule *append(struct config_store *cs, const struct nat_rule *r)
{
    cs->nat = xgrow(cs->nat, &cs->capnat, cs->nnat + 1, sizeof *cs->nat);
    cs->nat[cs->nnat] = *r;
    size_t at = cs->nnat++;
    struct nat_index *x = &cs->nat_index;
    if (cs->nnat > x->nbuckets) { /* at most one rule a bucket on average */
        index_rebuild(cs);
    } else {
        x->next = xgrow(x->next, &x->capnext, cs->nnat, sizeof *x->next);
        index_link(cs, at);
    }
    return &cs->nat[at];
}

void nat_rule_set_proto(struct config_store *cs, struct nat_rule *r, enum nat_proto proto)
{
    size_t at = (size_t)(r - cs->nat);
    index_unlink(cs, at);
    r->proto = proto;
    index_link(cs, at);
}

void nat_rule_set_port(struct config_store *cs, struct nat_rule *r, uint16_t global_port)
{
    size_t at = (size_t)(r - cs->nat);
    index_unlink(cs, at);
    r->global_port = global_port;
    index_link(cs, at);
}

struct nat_rule *nat_rule_add(struct config_store *cs, const char *key)
{
    struct nat_rule r = {.proto = NAT_TCP, .extendable = true, .wan_global = true};
    r.key = xstrdup(key);
    return append(cs, &r);
}

void nat_rule_delete(struct config_store *cs, struct nat_rule *r)
{
    size_t at = (size_t)(r - cs->nat);
    nat_rule_free(r);
    memmove(r, r + 1, (cs->nnat - at - 1) * sizeof *r);
    cs->nnat--;
    /* The rules after it moved: as linear as the move itself. */
    index_rebuild(cs);
}

bool nat_rule_complete(const struct nat_rule *r)
{
    return r->local.s_addr && r->local_port && r->global_port;
}

bool nat_rule_global(const struct config_store *cs, const struct nat_rule *r, struct in_addr *g)
{
    struct wan w = {.cs = cs};
    return global_with(r, &w, g);
}

bool nat_rule_active(const struct config_store *cs, const struct nat_rule *r, struct in_addr *g)
{
    struct wan w = {.cs = cs};
    return active_with(r, &w, g);
}

/* Two rules on the same global address: both follow the WAN address, or the addresses they have
 * now are the same one. */
static bool same_global(const struct nat_rule *a, const struct nat_rule *b, struct wan *w)
{
    if (a->wan_global && b->wan_global)
        return true;
    struct in_addr ga, gb;
    return global_with(a, w, &ga) && global_with(b, w, &gb) && ga.s_addr == gb.s_addr;
}

static struct nat_rule *conflict_with(struct config_store *cs, const struct nat_rule *r,
                                      struct wan *w)
{
    if (!r->global_port)
        return NULL;
    for (size_t i = key_first(cs, r->proto, r->global_port); i != NONE; i = key_next(cs, i)) {
        struct nat_rule *x = &cs->nat[i];
        if (x != r && same_global(x, r, w))
            return x;
    }
    return NULL;
}

struct nat_rule *nat_rule_conflict(struct config_store *cs, const struct nat_rule *r)
{
    struct wan w = {.cs = cs};
    return conflict_with(cs, r, &w);
}

static const char *ip(struct in_addr a, char *buf)
{
    return inet_ntop(AF_INET, &a, buf, INET_ADDRSTRLEN);
}

static const char *proto_name(enum nat_proto p)
{
    return p == NAT_TCP ? "tcp" : "udp";
}

int nat_static_command(struct config_store *cs, const struct nat_rule *t, bool negate,
                       struct strbuf *why)
{
    if (!t->local.s_addr) {
        /* 0.0.0.0 is no host, and inside a rule it means "no InternalClient yet". */
        sb_puts(why, "Invalid inside local address 0.0.0.0");
        return -1;
    }
    struct wan w = {.cs = cs};
    /* The rules on the same protocol and port, in their order (the index): a configuration of
     * thousands of rules loads in linear time. */
    for (size_t i = key_first(cs, t->proto, t->global_port); i != NONE; i = key_next(cs, i)) {
        struct nat_rule *x = &cs->nat[i];
        struct in_addr g;
        /* Only what a line can name: a rule with all its values (enabled or not). */
        if (!nat_rule_complete(x) || !global_with(x, &w, &g) || g.s_addr != t->global.s_addr)
            continue;
        if (x->local.s_addr == t->local.s_addr && x->local_port == t->local_port) {
            if (negate) {
                nat_rule_delete(cs, x);
            } else {
                x->extendable = t->extendable;
                x->disabled = false; /* the line typed again is the rule in force again */
            }
            return 0;
        }
        /* One global port forwards to one inside address and port. */
        if (!negate) {
            char a[INET_ADDRSTRLEN], b[INET_ADDRSTRLEN];
            sb_printf(why, "Similar static entry (%s:%u -> %s:%u) already exists", ip(x->local, a),
                      x->local_port, ip(g, b), x->global_port);
            return -1;
        }
    }
    if (negate) {
        sb_puts(why, "Translation not found");
        return -1;
    }
    struct nat_rule r = *t;
    /* A line on the WAN address is a port mapping of the WAN connection: it follows the address
     * as the ACS's do, when DHCP or the ACS changes it. */
    struct in_addr wan;
    r.wan_global = wan_address(&w, &wan) && wan.s_addr == t->global.s_addr;
    r.disabled = false;
    r.key = r.description = NULL;
    append(cs, &r);
    return 0;
}

/* A port in decimal at p (without a NUL); returns its length. */
static size_t port_text(uint16_t v, char *p)
{
    char digits[5];
    size_t n = 0;
    do
        digits[n++] = (char)('0' + v % 10);
    while ((v /= 10) != 0);
    for (size_t i = 0; i < n; i++)
        p[i] = digits[n - 1 - i];
    return n;
}

void nat_render(const struct config_store *cs, struct strbuf *out)
{
    struct wan w = {.cs = cs};
    for (size_t i = 0; i < cs->nnat; i++) {
        const struct nat_rule *r = &cs->nat[i];
        struct in_addr g;
        if (!active_with(r, &w, &g))
            continue;
        /* "ip nat inside source static %s %s %u %s %u%s\n", made in a buffer without sb_printf
         * and inet_ntop: the thousands of rules of a large configuration are rendered at each
         * commit. At most 28 + 3 + 4 * 16 + 2 * 5 + 12 bytes. */
        char line[128], *p = stpcpy(line, "ip nat inside source static ");
        p = stpcpy(p, proto_name(r->proto));
        *p++ = ' ';
        p += ipv4_text(r->local, p);
        *p++ = ' ';
        p += port_text(r->local_port, p);
        *p++ = ' ';
        p += ipv4_text(g, p);
        *p++ = ' ';
        p += port_text(r->global_port, p);
        p = stpcpy(p, r->extendable ? " extendable\n" : "\n");
        sb_append(out, line, (size_t)(p - line));
    }
}

/* ---- records ----
 *
 *   KEY FLAGS PROTO LOCAL LOCAL-PORT GLOBAL GLOBAL-PORT [DESCRIPTION]
 *
 * KEY is the registry key or "-" (derived from the line); FLAGS holds w (follows the WAN
 * address), d (disabled), x (extendable), l (a line of the startup-config saved with it, whose
 * GLOBAL is then the line's), or is "-"; the description is the rest of the text, spaces and all.
 * The CWMP state stores each record as one field, so nothing here needs quoting. */

static bool needs_record(const struct nat_rule *r)
{
    return r->key || r->wan_global || r->disabled || r->description || !nat_rule_complete(r);
}

void nat_map_records(const struct config_store *cs, char ***v, size_t *n)
{
    struct wan w = {.cs = cs};
    size_t cap = 0;
    *v = NULL;
    *n = 0;
    for (size_t i = 0; i < cs->nnat; i++) {
        const struct nat_rule *r = &cs->nat[i];
        if (!needs_record(r))
            continue;
        struct in_addr g = r->global;
        char a[INET_ADDRSTRLEN], b[INET_ADDRSTRLEN];
        struct strbuf t = STRBUF_INIT;
        sb_printf(&t, "%s ", r->key ? r->key : "-");
        size_t flags = t.len;
        if (r->wan_global)
            sb_putc(&t, 'w');
        if (r->disabled)
            sb_putc(&t, 'd');
        if (r->extendable)
            sb_putc(&t, 'x');
        if (active_with(r, &w, &g))
            sb_putc(&t, 'l');
        if (t.len == flags)
            sb_putc(&t, '-');
        sb_printf(&t, " %s %s %u %s %u", proto_name(r->proto), ip(r->local, a), r->local_port,
                  ip(g, b), r->global_port);
        if (r->description)
            sb_printf(&t, " %s", r->description);
        *v = xgrow(*v, &cap, *n + 1, sizeof **v);
        (*v)[(*n)++] = sb_detach(&t);
    }
}

static bool port(const char *s, uint16_t *p)
{
    char *end;
    unsigned long v = strtoul(s, &end, 10);
    if (!*s || *end || v > 65535 || (s[0] == '0' && s[1]))
        return false;
    *p = (uint16_t)v;
    return true;
}

/* "-", or "#" and an instance number, perhaps with "~" and a count (dm_portmap.c). */
static bool key_ok(const char *k)
{
    size_t len = strspn(k + 1, "0123456789~");
    return !strcmp(k, "-") || (k[0] == '#' && len > 0 && len <= 24 && !k[1 + len]);
}

/* Reads a record into r (its key and description allocated); false when it is malformed. */
static bool parse_record(const char *text, struct nat_rule *r, bool *line)
{
    char *copy = xstrdup(text), *f[7], *p = copy;
    for (int i = 0; i < 7; i++) {
        f[i] = p;
        p = strchr(p, ' ');
        if (p)
            *p++ = '\0';
        else if (i < 6)
            goto bad;
        else
            p = NULL;
    }
    memset(r, 0, sizeof *r);
    *line = false;
    bool ok = key_ok(f[0]) && (!strcmp(f[2], "tcp") || !strcmp(f[2], "udp")) &&
              inet_pton(AF_INET, f[3], &r->local) == 1 && port(f[4], &r->local_port) &&
              inet_pton(AF_INET, f[5], &r->global) == 1 && port(f[6], &r->global_port);
    for (const char *c = f[1]; ok && *c; c++) {
        if (*c == 'w')
            r->wan_global = true;
        else if (*c == 'd')
            r->disabled = true;
        else if (*c == 'x')
            r->extendable = true;
        else if (*c == 'l')
            *line = true;
        else if (*c != '-')
            ok = false;
    }
    if (!ok)
        goto bad;
    r->proto = !strcmp(f[2], "tcp") ? NAT_TCP : NAT_UDP;
    r->key = strcmp(f[0], "-") ? xstrdup(f[0]) : NULL;
    r->description = p ? xstrdup(p) : NULL;
    free(copy);
    return true;
bad:
    free(copy);
    return false;
}

/* Gives a line its record's data, unless following the WAN address would now make it clash with
 * another line (an address that changed since, a state file edited by hand). */
static bool attach(struct config_store *cs, struct nat_rule *x, struct nat_rule *m, struct wan *w)
{
    bool was = x->wan_global;
    x->wan_global = m->wan_global;
    if (conflict_with(cs, x, w)) {
        x->wan_global = was;
        return false;
    }
    nat_rule_free(x);
    x->key = m->key;
    x->description = m->description;
    m->key = m->description = NULL;
    return true;
}

/* A rule on the WAN address follows it, as the same line typed does: a record that says
 * otherwise would render a line that, read back, follows it (the WAN address it was saved
 * against is the one it has). */
static void follow_wan_address(struct nat_rule *r, struct wan *w)
{
    struct in_addr a;
    if (!r->wan_global && wan_address(w, &a) && a.s_addr == r->global.s_addr)
        r->wan_global = true;
}

static char taken; /* the value of a key in nat_map_restore's map */

size_t nat_map_restore(struct config_store *cs, char *const *v, size_t n, bool same_config)
{
    size_t lines = cs->nnat, dropped = 0;
    bool *claimed = xcalloc(lines + 1, sizeof *claimed);
    /* The instances' keys and the WAN address, for this pass (it changes neither the interfaces
     * nor any key but through `keys`): thousands of records are put back in linear time, with one
     * look at the WAN address (a getifaddrs(3) when it comes from DHCP). */
    struct strmap keys = STRMAP_INIT;
    for (size_t i = 0; i < cs->nnat; i++)
        if (cs->nat[i].key)
            strmap_put(&keys, cs->nat[i].key, &taken);
    struct wan w = {.cs = cs};
    for (size_t i = 0; i < n; i++) {
        struct nat_rule m;
        bool line;
        if (!parse_record(v[i], &m, &line)) {
            dropped++;
            continue;
        }
        /* Two records of one instance: a file edited by hand. */
        if (m.key && strmap_get(&keys, m.key)) {
            nat_rule_free(&m);
            dropped++;
            continue;
        }
        follow_wan_address(&m, &w);
        size_t at = lines;
        /* Its line as saved, with the global address it had then (the WAN address may be another
         * by now, or not known yet): the first such line not claimed yet. */
        for (size_t j = line ? key_first(cs, m.proto, m.global_port) : NONE;
             j != NONE && j < lines && at == lines; j = key_next(cs, j)) {
            const struct nat_rule *x = &cs->nat[j];
            if (!claimed[j] && x->local.s_addr == m.local.s_addr && x->local_port == m.local_port &&
                x->global.s_addr == m.global.s_addr)
                at = j;
        }
        char *old_key = at < lines ? cs->nat[at].key : NULL;
        if (old_key)
            strmap_del(&keys, old_key); /* freed by attach */
        if (at < lines && attach(cs, &cs->nat[at], &m, &w)) {
            claimed[at] = true;
            if (cs->nat[at].key)
                strmap_put(&keys, cs->nat[at].key, &taken);
        } else if (!line && same_config && !conflict_with(cs, &m, &w)) {
            struct nat_rule *r = append(cs, &m);
            if (r->key)
                strmap_put(&keys, r->key, &taken);
        } else {
            if (old_key)
                strmap_put(&keys, old_key, &taken); /* attach refused: kept */
            nat_rule_free(&m);
            dropped++;
        }
    }
    strmap_free(&keys);
    free(claimed);
    return dropped;
}
