/* Static routes, name servers and the address rules shared by the commands and the data model. */
#include "config_net.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "platform.h"
#include "xalloc.h"

void config_net_clone(struct config_store *copy, const struct config_store *cs)
{
    copy->caproutes = cs->nroutes;
    copy->routes = NULL;
    if (cs->nroutes) {
        copy->routes = xmalloc(cs->nroutes * sizeof *cs->routes);
        memcpy(copy->routes, cs->routes, cs->nroutes * sizeof *cs->routes);
    }
    copy->caproutes_aside = cs->nroutes_aside;
    copy->routes_aside = NULL;
    if (cs->nroutes_aside) {
        copy->routes_aside = xmalloc(cs->nroutes_aside * sizeof *cs->routes_aside);
        memcpy(copy->routes_aside, cs->routes_aside, cs->nroutes_aside * sizeof *cs->routes_aside);
    }
    copy->subnets.cap = copy->subnets.n = cs->subnets.n;
    copy->subnets.v = NULL;
    if (cs->subnets.n) {
        copy->subnets.v = xmalloc(cs->subnets.n * sizeof *cs->subnets.v);
        memcpy(copy->subnets.v, cs->subnets.v, cs->subnets.n * sizeof *cs->subnets.v);
    }
    copy->capname_servers = cs->nname_servers;
    copy->name_servers = NULL;
    if (cs->nname_servers) {
        copy->name_servers = xmalloc(cs->nname_servers * sizeof *cs->name_servers);
        memcpy(copy->name_servers, cs->name_servers, cs->nname_servers * sizeof *cs->name_servers);
    }
}

void config_net_free(struct config_store *cs)
{
    free(cs->subnets.v);
    free(cs->routes);
    free(cs->routes_aside);
    free(cs->name_servers);
}

static int u32cmp(struct in_addr a, struct in_addr b)
{
    uint32_t x = ntohl(a.s_addr), y = ntohl(b.s_addr);
    return x < y ? -1 : x > y;
}

static int route_cmp(const struct ip_route *a, const struct ip_route *b)
{
    int c = u32cmp(a->prefix, b->prefix);
    if (!c)
        c = u32cmp(a->mask, b->mask);
    if (!c)
        c = strcasecmp(a->ifname, b->ifname);
    if (!c)
        c = u32cmp(a->gateway, b->gateway);
    return c;
}

struct ip_route *config_route_find(struct config_store *cs, const struct ip_route *r)
{
    for (size_t i = 0; i < cs->nroutes; i++)
        if (route_cmp(&cs->routes[i], r) == 0)
            return &cs->routes[i];
    return NULL;
}

struct ip_route *config_route_add(struct config_store *cs, const struct ip_route *r)
{
    struct ip_route *x = config_route_find(cs, r);
    if (x) {
        x->distance = r->distance;
        return x;
    }
    size_t at = 0;
    while (at < cs->nroutes && route_cmp(&cs->routes[at], r) < 0)
        at++;
    cs->routes = xgrow(cs->routes, &cs->caproutes, cs->nroutes + 1, sizeof *cs->routes);
    memmove(&cs->routes[at + 1], &cs->routes[at], (cs->nroutes - at) * sizeof *cs->routes);
    cs->routes[at] = *r;
    cs->nroutes++;
    return &cs->routes[at];
}

void config_route_delete(struct config_store *cs, struct ip_route *r)
{
    size_t at = (size_t)(r - cs->routes);
    memmove(r, r + 1, (cs->nroutes - at - 1) * sizeof *r);
    cs->nroutes--;
}

void config_route_key(const struct ip_route *r, struct strbuf *out)
{
    char a[INET_ADDRSTRLEN], m[INET_ADDRSTRLEN], g[INET_ADDRSTRLEN];
    inet_ntop(AF_INET, &r->prefix, a, sizeof a);
    inet_ntop(AF_INET, &r->mask, m, sizeof m);
    sb_printf(out, "%s %s", a, m);
    if (r->ifname[0])
        sb_printf(out, " %s", r->ifname);
    if (r->gateway.s_addr)
        sb_printf(out, " %s", inet_ntop(AF_INET, &r->gateway, g, sizeof g));
}

bool mask_contiguous(struct in_addr mask)
{
    uint32_t inv = ~ntohl(mask.s_addr);
    return (inv & (inv + 1)) == 0;
}

/* ---- the subnets of static interfaces (struct subnet_index) ---- */

/* The first entry whose subnet begins after addr (host order). */
static size_t subnets_after(const struct subnet_index *x, uint32_t addr)
{
    size_t lo = 0, hi = x->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (x->v[mid].first <= addr)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* last_max from entry at on, after the entries there changed. */
static void subnets_fix_max(struct subnet_index *x, size_t at)
{
    for (size_t i = at; i < x->n; i++) {
        uint32_t before = i ? x->v[i - 1].last_max : 0;
        x->v[i].last_max = x->v[i].last > before ? x->v[i].last : before;
    }
}

static uint32_t position(const struct config_store *cs, const struct iface *f)
{
    return (uint32_t)(f - cs->ifs);
}

static void subnets_remove(struct config_store *cs, const struct iface *f)
{
    struct subnet_index *x = &cs->subnets;
    uint32_t first = ntohl(f->addr.s_addr) & ntohl(f->mask.s_addr);
    for (size_t i = subnets_after(x, first); i-- > 0 && x->v[i].first == first;)
        if (x->v[i].pos == position(cs, f)) {
            memmove(&x->v[i], &x->v[i + 1], (x->n - i - 1) * sizeof *x->v);
            x->n--;
            subnets_fix_max(x, i);
            return;
        }
}

static void subnets_add(struct config_store *cs, const struct iface *f)
{
    struct subnet_index *x = &cs->subnets;
    uint32_t a = ntohl(f->addr.s_addr), m = ntohl(f->mask.s_addr);
    size_t at = subnets_after(x, a & m); /* after those that begin at the same address */
    x->v = xgrow(x->v, &x->cap, x->n + 1, sizeof *x->v);
    memmove(&x->v[at + 1], &x->v[at], (x->n - at) * sizeof *x->v);
    x->n++;
    struct subnet_entry *e = &x->v[at];
    e->first = a & m;
    e->last = a | ~m;
    e->pos = position(cs, f);
    subnets_fix_max(x, at);
}

void config_subnets_moved(struct config_store *cs, size_t from, int delta)
{
    struct subnet_index *x = &cs->subnets;
    for (size_t i = 0; i < x->n; i++)
        if (x->v[i].pos >= from)
            x->v[i].pos = (uint32_t)((int)x->v[i].pos + delta);
}

void config_iface_set_static(struct config_store *cs, struct iface *f, struct in_addr addr,
                             struct in_addr mask)
{
    if (f->addr_mode == IF_ADDR_STATIC)
        subnets_remove(cs, f);
    f->addr_mode = IF_ADDR_STATIC;
    f->addr = addr;
    f->mask = mask;
    str_set(&f->pool, NULL);
    subnets_add(cs, f);
}

void config_iface_set_mode(struct config_store *cs, struct iface *f, enum if_addr_mode mode)
{
    if (f->addr_mode == IF_ADDR_STATIC)
        subnets_remove(cs, f);
    f->addr_mode = mode;
    if (mode != IF_ADDR_POOL)
        str_set(&f->pool, NULL);
}

bool config_subnets_valid(const struct config_store *cs)
{
    const struct subnet_index *x = &cs->subnets;
    size_t statics = 0;
    for (size_t i = 0; i < cs->nifs; i++) {
        const struct iface *f = &cs->ifs[i];
        if (f->addr_mode != IF_ADDR_STATIC)
            continue;
        statics++;
        uint32_t a = ntohl(f->addr.s_addr), m = ntohl(f->mask.s_addr);
        size_t found = 0;
        for (size_t j = 0; j < x->n; j++)
            found += x->v[j].pos == i && x->v[j].first == (a & m) && x->v[j].last == (a | ~m);
        if (found != 1)
            return false;
    }
    uint32_t max = 0;
    for (size_t j = 0; j < x->n; j++) {
        if (j && x->v[j].first < x->v[j - 1].first)
            return false;
        max = x->v[j].last > max ? x->v[j].last : max;
        if (x->v[j].last_max != max)
            return false;
    }
    return statics == x->n;
}

bool config_iface_address_ok(const struct config_store *cs, const struct iface *f,
                             struct in_addr addr, struct in_addr mask, struct strbuf *why)
{
    uint32_t a = ntohl(addr.s_addr), m = ntohl(mask.s_addr);
    char buf[INET_ADDRSTRLEN]; /* for a refusal only: most addresses are accepted */
    /* Point-to-point masks (/31, /32) have no network or broadcast address to refuse. */
    if (!mask_contiguous(mask) || m == 0 ||
        (m < 0xFFFFFFFEu && ((a & ~m) == 0 || (a & ~m) == ~m))) {
        ipv4_text(addr, buf);
        sb_printf(why, "Bad mask 0x%08X for address %s", m, buf);
        return false;
    }
    /* The subnets that share an address with this one (the masks are contiguous: they overlap
     * when one holds the other), from the index: those that begin before its end and end at its
     * beginning or after. IOS names the first interface, in its order (ifs'), of those. */
    const struct subnet_index *x = &cs->subnets;
    uint32_t first = a & m, last = a | ~m;
    size_t overlap = cs->nifs;
    for (size_t i = subnets_after(x, last); i-- > 0 && x->v[i].last_max >= first;) {
        const struct subnet_entry *e = &x->v[i];
        if (e->last >= first && &cs->ifs[e->pos] != f && e->pos < overlap)
            overlap = e->pos;
    }
    if (overlap < cs->nifs) {
        ipv4_text(addr, buf);
        sb_printf(why, "%s overlaps with %s", buf, cs->ifs[overlap].name);
        return false;
    }
    return true;
}

bool dhcp_domain_valid(const char *s)
{
    size_t len = strlen(s);
    if (len == 0 || len > DHCP_DOMAIN_MAX || s[0] == '.' || s[0] == '-')
        return false;
    for (size_t i = 0; i < len; i++)
        if (!isalnum((unsigned char)s[i]) && s[i] != '-' && s[i] != '.')
            return false;
    return true;
}

bool dhcp_hex_parse(const char *s, uint8_t *out, size_t cap, size_t *n)
{
    *n = 0;
    while (*s) {
        size_t digits = strspn(s, "0123456789abcdefABCDEF");
        if (digits == 0 || digits > 4 || digits % 2 || (s[digits] && s[digits] != '.'))
            return false;
        for (size_t i = 0; i < digits; i += 2) {
            if (*n == cap)
                return false;
            char byte[3] = {s[i], s[i + 1], '\0'};
            out[(*n)++] = (uint8_t)strtoul(byte, NULL, 16);
        }
        s += digits;
        if (*s == '.' && !*++s)
            return false;
    }
    return *n > 0;
}

void dhcp_hex_text(const uint8_t *b, size_t n, struct strbuf *out)
{
    for (size_t i = 0; i < n; i++)
        sb_printf(out, "%s%02x", i && i % 2 == 0 ? "." : "", b[i]);
}

bool dhcp_pool_client_mac(const struct dhcp_pool *p, uint8_t mac[6])
{
    if (!p->client_is_id && p->client_len == 6) {
        memcpy(mac, p->client, 6);
        return true;
    }
    if (p->client_is_id && p->client_len == 7 && p->client[0] == 1) {
        memcpy(mac, p->client + 1, 6);
        return true;
    }
    return false;
}

int config_dhcp_class_find(const struct config_store *cs, const char *name)
{
    for (size_t i = 0; i < cs->ndhcp_classes; i++)
        if (!strcmp(cs->dhcp_classes[i], name))
            return (int)i;
    return -1;
}

bool config_dhcp_class_add(struct config_store *cs, const char *name)
{
    if (config_dhcp_class_find(cs, name) >= 0)
        return true;
    if (cs->ndhcp_classes == DHCP_CLASSES_MAX || strlen(name) > DHCP_CLASS_NAME_MAX)
        return false;
    snprintf(cs->dhcp_classes[cs->ndhcp_classes++], DHCP_CLASS_NAME_MAX + 1, "%s", name);
    return true;
}

void config_dhcp_class_delete(struct config_store *cs, const char *name)
{
    int at = config_dhcp_class_find(cs, name);
    if (at < 0)
        return;
    memmove(cs->dhcp_classes[at], cs->dhcp_classes[at + 1],
            (cs->ndhcp_classes - (size_t)at - 1) * sizeof cs->dhcp_classes[0]);
    cs->ndhcp_classes--;
    for (size_t i = 0; i < cs->npools; i++) {
        struct dhcp_pool_class *pc = config_pool_class_find(&cs->pools[i], name);
        if (pc)
            config_pool_class_delete(&cs->pools[i], pc);
    }
}

struct dhcp_pool_class *config_pool_class_find(struct dhcp_pool *p, const char *name)
{
    for (int i = 0; i < p->nclasses; i++)
        if (!strcmp(p->classes[i].name, name))
            return &p->classes[i];
    return NULL;
}

struct dhcp_pool_class *config_pool_class_add(struct dhcp_pool *p, const char *name)
{
    struct dhcp_pool_class *pc = config_pool_class_find(p, name);
    if (pc || p->nclasses == DHCP_POOL_CLASSES_MAX)
        return pc;
    pc = &p->classes[p->nclasses++];
    memset(pc, 0, sizeof *pc);
    snprintf(pc->name, sizeof pc->name, "%s", name);
    return pc;
}

void config_pool_class_delete(struct dhcp_pool *p, struct dhcp_pool_class *pc)
{
    int at = (int)(pc - p->classes);
    memmove(pc, pc + 1, (size_t)(p->nclasses - at - 1) * sizeof *pc);
    p->nclasses--;
}

static bool has_type(const char *name, const char *type)
{
    size_t n = strlen(type);
    return strncasecmp(name, type, n) == 0 && (name[n] >= '0' && name[n] <= '9');
}

bool iface_is_ethernet(const char *name)
{
    return has_type(name, "Ethernet") || has_type(name, "FastEthernet") ||
           has_type(name, "GigabitEthernet");
}

int iface_ip_mtu(const struct iface *f)
{
    return f->ip_mtu ? f->ip_mtu : IF_IP_MTU_DEFAULT;
}

bool iface_is_dialer(const char *name)
{
    return has_type(name, "Dialer");
}

bool config_iface_ipv4(const struct config_store *cs, const struct iface *f, struct in_addr *addr,
                       struct in_addr *mask)
{
    switch (f->addr_mode) {
    case IF_ADDR_STATIC:
        *addr = f->addr;
        *mask = f->mask;
        return true;
    case IF_ADDR_POOL: {
        const struct dhcp_pool *p = config_pool_find((struct config_store *)cs, f->pool);
        if (!p || !p->has_network)
            return false;
        uint32_t net = ntohl(p->network.s_addr), m = ntohl(p->mask.s_addr);
        /* The interface is the pool's router (TR-111's example: default-router 15.15.15.1). */
        addr->s_addr = htonl(m >= 0xFFFFFFFEu ? net : net + 1);
        for (int i = 0; i < p->nrouters; i++)
            if ((ntohl(p->routers[i].s_addr) & m) == net) {
                *addr = p->routers[i];
                break;
            }
        *mask = p->mask;
        return true;
    }
    case IF_ADDR_DHCP:
        return platform_if_ipv4(f->name, addr, mask);
    case IF_ADDR_NONE:
        break;
    }
    return false;
}

const struct iface *config_wan_default(const struct config_store *cs)
{
    if (!cs->wan_default[0])
        return NULL;
    const struct iface *f = config_iface_find((struct config_store *)cs, cs->wan_default);
    return f && f->cwmp_wan && f->cwmp_wan_default ? f : NULL;
}

bool config_wan_default_ipv4(const struct config_store *cs, struct in_addr *addr)
{
    const struct iface *f = config_wan_default(cs);
    struct in_addr mask;
    return f && config_iface_ipv4(cs, f, addr, &mask);
}
