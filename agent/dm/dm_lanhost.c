/* InternetGatewayDevice.LANDevice.{i}.LANHostConfigManagement: the `ip dhcp pool` serving the
 * interface (dm_iface_pool), and the interface's own address as its one IPInterface.
 *
 * IOS pools have a network and a mask, not an address range; the range is what the network
 * leaves after `ip dhcp excluded-address` ranges at its edges, which is how IOS operators limit
 * it. So MinAddress is the network's first host, or the address after an excluded range that
 * starts there; MaxAddress likewise from the last host; ReservedAddresses are the other excluded
 * addresses wholly inside the network (a single address, as `ip dhcp excluded-address A` writes
 * one, is always reserved, never an edge). Writing MinAddress or MaxAddress sets the edge range,
 * writing ReservedAddresses replaces the others. A setter on an interface no pool serves creates
 * one named after the interface over the interface's subnet. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dm_net.h"
#include "lan.h"
#include "xalloc.h"

#define LEASE_MAX (365 * 86400 + 23 * 3600 + 59 * 60) /* lease 365 23 59 */

static struct dhcp_pool *pool_of(struct dm_ctx *c, const struct dm_inst *in)
{
    return dm_iface_pool(c, dm_iface(in));
}

static struct dhcp_pool *pool_for_write(struct dm_ctx *c, const struct dm_inst *in)
{
    struct iface *f = dm_iface(in);
    struct dhcp_pool *p = pool_of(c, in);
    if (p)
        return p;
    if (f->addr_mode == IF_ADDR_POOL)
        return config_pool_get(c->store, f->pool); /* named but not yet defined */
    struct in_addr a, m;
    if (!dm_iface_ipv4(c, f, &a, &m) || config_pool_find(c->store, f->name))
        return NULL;
    p = config_pool_get(c->store, f->name);
    p->has_network = true;
    p->mask = m;
    p->network.s_addr = a.s_addr & m.s_addr;
    return p;
}

/* The hosts of a pool's network, host byte order. */
struct span {
    uint32_t first, last;
};

static bool pool_span(const struct dhcp_pool *p, struct span *s)
{
    if (!p || !p->has_network)
        return false;
    uint32_t n = ntohl(p->network.s_addr), m = ntohl(p->mask.s_addr);
    bool p2p = m >= 0xFFFFFFFEu; /* /31 and /32 have no network or broadcast address */
    s->first = p2p ? n : n + 1;
    s->last = p2p ? (n | ~m) : (n | ~m) - 1;
    return true;
}

static uint32_t lo_of(const struct dhcp_excluded *e)
{
    return ntohl(e->low.s_addr);
}

static uint32_t hi_of(const struct dhcp_excluded *e)
{
    return ntohl((e->has_high ? e->high : e->low).s_addr);
}

/* The excluded range at the bottom (or top) edge of the span, the widest when several are. */
static struct dhcp_excluded *edge(struct config_store *cs, const struct span *s, bool bottom)
{
    struct dhcp_excluded *best = NULL;
    for (size_t i = 0; i < cs->nexcluded; i++) {
        struct dhcp_excluded *e = &cs->excluded[i];
        if (!e->has_high)
            continue;
        if (bottom && lo_of(e) == s->first && (!best || hi_of(e) > hi_of(best)))
            best = e;
        if (!bottom && hi_of(e) == s->last && (!best || lo_of(e) < lo_of(best)))
            best = e;
    }
    return best;
}

static bool reserved_entry(struct config_store *cs, const struct span *s, size_t i)
{
    const struct dhcp_excluded *e = &cs->excluded[i];
    return lo_of(e) >= s->first && hi_of(e) <= s->last && e != edge(cs, s, true) &&
           e != edge(cs, s, false);
}

static void excluded_add(struct config_store *cs, uint32_t lo, uint32_t hi, bool range)
{
    cs->excluded = xgrow(cs->excluded, &cs->capexcluded, cs->nexcluded + 1, sizeof *cs->excluded);
    struct dhcp_excluded *e = &cs->excluded[cs->nexcluded++];
    e->low.s_addr = htonl(lo);
    e->high.s_addr = htonl(hi);
    e->has_high = range;
}

static void excluded_remove(struct config_store *cs, struct dhcp_excluded *e)
{
    size_t at = (size_t)(e - cs->excluded);
    memmove(e, e + 1, (cs->nexcluded - at - 1) * sizeof *e);
    cs->nexcluded--;
}

static void put_host(struct strbuf *out, uint32_t h)
{
    struct in_addr a = {htonl(h)};
    dm_put_ip(out, a);
}

static int get_min(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    struct span s;
    if (!pool_span(pool_of(c, in), &s))
        return 0;
    const struct dhcp_excluded *e = edge(c->store, &s, true);
    put_host(out, e ? hi_of(e) + 1 : s.first);
    return 0;
}

static int get_max(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    struct span s;
    if (!pool_span(pool_of(c, in), &s))
        return 0;
    const struct dhcp_excluded *e = edge(c->store, &s, false);
    put_host(out, e ? lo_of(e) - 1 : s.last);
    return 0;
}

/* The pool whose range a Min/MaxAddress write sets: an address outside the pool's network moves
 * the network there (same mask), as when the ACS renumbers the LAN. */
static struct dhcp_pool *pool_holding(struct dm_ctx *c, const struct dm_inst *in, struct in_addr a,
                                      struct span *s)
{
    struct dhcp_pool *p = pool_for_write(c, in);
    if (!p || !p->has_network)
        return NULL;
    p->network.s_addr = a.s_addr & p->mask.s_addr;
    pool_span(p, s);
    uint32_t h = ntohl(a.s_addr);
    return h >= s->first && h <= s->last ? p : NULL;
}

static int set_edge(struct dm_ctx *c, const struct dm_inst *in, const char *v, bool bottom)
{
    struct in_addr a;
    struct span s;
    if (!dm_parse_ip(v, &a) || !pool_holding(c, in, a, &s))
        return 9007;
    uint32_t h = ntohl(a.s_addr);
    struct dhcp_excluded *e = edge(c->store, &s, bottom);
    if (h == (bottom ? s.first : s.last)) {
        if (e)
            excluded_remove(c->store, e);
    } else if (e) {
        if (bottom)
            e->high.s_addr = htonl(h - 1);
        else
            e->low.s_addr = htonl(h + 1);
    } else {
        excluded_add(c->store, bottom ? s.first : h + 1, bottom ? h - 1 : s.last, true);
    }
    return 0;
}

static int set_min(struct dm_ctx *c, const struct dm_inst *in, const char *v)
{
    return set_edge(c, in, v, true);
}

static int set_max(struct dm_ctx *c, const struct dm_inst *in, const char *v)
{
    return set_edge(c, in, v, false);
}

#define RESERVED_MAX 256 /* characters, TR-098 */

static int get_reserved(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    struct span s;
    if (!pool_span(pool_of(c, in), &s))
        return 0;
    size_t start = out->len;
    for (size_t i = 0; i < c->store->nexcluded; i++) {
        if (!reserved_entry(c->store, &s, i))
            continue;
        const struct dhcp_excluded *e = &c->store->excluded[i];
        for (uint32_t h = lo_of(e); h <= hi_of(e) && h >= lo_of(e); h++) {
            char buf[INET_ADDRSTRLEN];
            struct in_addr a = {htonl(h)};
            inet_ntop(AF_INET, &a, buf, sizeof buf);
            if (out->len - start + strlen(buf) + 1 > RESERVED_MAX)
                return 0; /* the list TR-098 allows is full */
            if (out->len > start)
                sb_putc(out, ',');
            sb_puts(out, buf);
        }
    }
    return 0;
}

static int set_reserved(struct dm_ctx *c, const struct dm_inst *in, const char *v)
{
    struct in_addr list[64];
    size_t n;
    struct span s;
    struct dhcp_pool *p = pool_for_write(c, in);
    if (!dm_parse_ip_list(v, list, 64, &n) || !pool_span(p, &s))
        return 9007;
    for (size_t i = 0; i < n; i++)
        if (ntohl(list[i].s_addr) < s.first || ntohl(list[i].s_addr) > s.last)
            return 9007;
    for (size_t i = c->store->nexcluded; i-- > 0;)
        if (reserved_entry(c->store, &s, i))
            excluded_remove(c->store, &c->store->excluded[i]);
    for (size_t i = 0; i < n; i++) {
        bool dup = false;
        for (size_t k = 0; k < i; k++)
            dup |= list[k].s_addr == list[i].s_addr;
        if (!dup)
            excluded_add(c->store, ntohl(list[i].s_addr), ntohl(list[i].s_addr), false);
    }
    return 0;
}

static int get_mask(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    const struct dhcp_pool *p = pool_of(c, in);
    if (p && p->has_network)
        dm_put_ip(out, p->mask);
    return 0;
}

static int set_mask(struct dm_ctx *c, const struct dm_inst *in, const char *v)
{
    struct in_addr m;
    struct dhcp_pool *p = pool_for_write(c, in);
    if (!dm_parse_mask(v, &m) || !m.s_addr || !p || !p->has_network)
        return 9007;
    p->mask = m;
    p->network.s_addr &= m.s_addr;
    return 0;
}

/* DNSServers and IPRouters: a pool's `dns-server` or `default-router` list, both as long. */
static struct in_addr *addr_list(struct dhcp_pool *p, bool routers, int **n)
{
    *n = routers ? &p->nrouters : &p->ndns;
    return routers ? p->routers : p->dns;
}

static int get_addr_list(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out,
                         bool routers)
{
    struct dhcp_pool *p = pool_of(c, in);
    int *n;
    if (p) {
        const struct in_addr *list = addr_list(p, routers, &n);
        dm_put_ip_list(out, list, (size_t)*n, 64);
    }
    return 0;
}

static int set_addr_list(struct dm_ctx *c, const struct dm_inst *in, const char *v, bool routers)
{
    struct in_addr list[DHCP_ROUTERS_MAX];
    size_t n;
    struct dhcp_pool *p = pool_for_write(c, in);
    if (!p || !dm_parse_ip_list(v, list, DHCP_ROUTERS_MAX, &n))
        return 9007;
    int *count;
    memcpy(addr_list(p, routers, &count), list, n * sizeof *list);
    *count = (int)n;
    return 0;
}

static int get_dns(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    return get_addr_list(c, in, out, false);
}

static int set_dns(struct dm_ctx *c, const struct dm_inst *in, const char *v)
{
    return set_addr_list(c, in, v, false);
}

static int get_routers(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    return get_addr_list(c, in, out, true);
}

static int set_routers(struct dm_ctx *c, const struct dm_inst *in, const char *v)
{
    return set_addr_list(c, in, v, true);
}

static int get_domain(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    const struct dhcp_pool *p = pool_of(c, in);
    if (p)
        sb_puts(out, p->domain);
    return 0;
}

static int set_domain(struct dm_ctx *c, const struct dm_inst *in, const char *v)
{
    struct dhcp_pool *p = pool_for_write(c, in);
    if (!p || (*v && !dhcp_domain_valid(v)))
        return 9007;
    snprintf(p->domain, sizeof p->domain, "%s", v);
    return 0;
}

static int get_lease(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    const struct dhcp_pool *p = pool_of(c, in);
    if (!p || p->lease == LEASE_DEFAULT)
        sb_puts(out, "86400");
    else if (p->lease == LEASE_INFINITE)
        sb_puts(out, "-1");
    else
        sb_printf(out, "%d", p->lease_days * 86400 + p->lease_hours * 3600 + p->lease_minutes * 60);
    return 0;
}

/* IOS counts leases in minutes: other values cannot be configured, so they are refused. */
static int set_lease(struct dm_ctx *c, const struct dm_inst *in, const char *v)
{
    long t = strtol(v, NULL, 10);
    struct dhcp_pool *p = pool_for_write(c, in);
    if (!p || t == 0 || (t > 0 && t % 60))
        return 9007;
    if (t < 0) {
        p->lease = LEASE_INFINITE;
        return 0;
    }
    p->lease = t == 86400 ? LEASE_DEFAULT : LEASE_TIME;
    p->lease_days = (int)(t / 86400);
    p->lease_hours = (int)(t % 86400 / 3600);
    p->lease_minutes = (int)(t % 3600 / 60);
    return 0;
}

static int get_configurable(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)c;
    (void)in;
    dm_put_bool(out, true);
    return 0;
}

/* The pools are always the operator's and the ACS's to configure. */
static int set_configurable(struct dm_ctx *c, const struct dm_inst *in, const char *v)
{
    (void)c;
    (void)in;
    return dm_bool(v) ? 0 : 9007;
}

static int get_server_enable(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    dm_put_bool(out, !c->store->dhcp_service_off && pool_of(c, in));
    return 0;
}

/* IOS switches the DHCP server for every pool at once (`service dhcp`); enabling it on a LAN no
 * pool serves also creates one. */
static int set_server_enable(struct dm_ctx *c, const struct dm_inst *in, const char *v)
{
    if (!dm_bool(v)) {
        c->store->dhcp_service_off = true;
        return 0;
    }
    if (!pool_for_write(c, in))
        return 9007;
    c->store->dhcp_service_off = false;
    return 0;
}

static int get_ip_enable(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    return dm_get_if_enable(c, in, out);
}

static int get_ip_addr(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    return dm_put_iface_addr(c, dm_iface(in), out);
}

static int set_ip_addr(struct dm_ctx *c, const struct dm_inst *in, const char *v)
{
    struct in_addr a = {0};
    if (*v && !dm_parse_ip(v, &a))
        return 9007;
    return dm_set_iface_addr(c, dm_iface(in), v, *v ? dm_natural_mask(a) : a);
}

static int get_ip_mask(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    return dm_put_iface_mask(c, dm_iface(in), out);
}

static int set_ip_mask(struct dm_ctx *c, const struct dm_inst *in, const char *v)
{
    return dm_set_iface_mask(c, dm_iface(in), v);
}

static int get_ip_type(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)c;
    sb_puts(out, dm_iface(in)->addr_mode == IF_ADDR_DHCP ? "DHCP" : "Static");
    return 0;
}

static int set_ip_type(struct dm_ctx *c, const struct dm_inst *in, const char *v)
{
    return dm_set_iface_addressing(c, dm_iface(in), v);
}

/* DHCPStaticAddress.{i}: the manual bindings (an `ip dhcp pool` with `host` and
 * `hardware-address` or `client-identifier`) whose host is in the LAN's subnet, keyed by the
 * pool's name; and those AddObject made for this LAN that have no host yet. */
static bool binding_of_lan(struct dm_ctx *c, const struct iface *f, const struct dhcp_pool *p)
{
    if (p->has_network)
        return false;
    if (!p->has_host)
        return !strcmp(p->static_lan, f->name);
    struct in_addr a, m;
    return dm_iface_ipv4(c, f, &a, &m) && (p->host.s_addr & m.s_addr) == (a.s_addr & m.s_addr);
}

static void list_static(struct dm_ctx *c, const struct dm_inst *parent, struct dm_list *out)
{
    const struct iface *f = dm_iface(parent);
    for (size_t i = 0; i < c->store->npools; i++)
        if (binding_of_lan(c, f, &c->store->pools[i]))
            dm_list_add(out, c->store->pools[i].name, &c->store->pools[i]);
}

static int get_static_count(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    unsigned n = 0;
    for (size_t i = 0; i < c->store->npools; i++)
        n += binding_of_lan(c, dm_iface(in), &c->store->pools[i]);
    sb_printf(out, "%u", n);
    return 0;
}

/* A new manual binding: a pool named static-N, the first N free, kept for this LAN until the
 * ACS gives it a host. */
static int add_static(struct dm_ctx *c, const struct dm_inst *parent, struct strbuf *key)
{
    for (unsigned n = 1;; n++) {
        sb_reset(key);
        sb_printf(key, "static-%u", n);
        if (!config_pool_find(c->store, sb_str(key)))
            break;
    }
    struct dhcp_pool *p = config_pool_get(c->store, sb_str(key));
    snprintf(p->static_lan, sizeof p->static_lan, "%s", dm_iface(parent)->name);
    return 0;
}

static struct dhcp_pool *binding(const struct dm_inst *in)
{
    return in->obj[in->depth - 1];
}

static int del_static(struct dm_ctx *c, const struct dm_inst *in)
{
    config_pool_delete(c->store, binding(in)->name);
    return 0;
}

static int get_chaddr(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)c;
    uint8_t mac[6];
    char text[18];
    if (dhcp_pool_client_mac(binding(in), mac)) {
        mac_format(mac, text);
        sb_puts(out, text);
    }
    return 0;
}

/* A MAC address is written as `hardware-address` (replacing a client-identifier); "" removes
 * the client. */
static int set_chaddr(struct dm_ctx *c, const struct dm_inst *in, const char *v)
{
    (void)c;
    struct dhcp_pool *p = binding(in);
    uint8_t mac[6];
    if (!*v) {
        p->client_len = 0;
        return 0;
    }
    if (!mac_parse(v, mac))
        return 9007;
    memcpy(p->client, mac, 6);
    p->client_len = 6;
    p->client_is_id = false;
    return 0;
}

static int get_yiaddr(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)c;
    if (binding(in)->has_host)
        dm_put_ip(out, binding(in)->host);
    return 0;
}

/* `host ADDRESS MASK` with the LAN's mask: an address outside the LAN's subnet would take the
 * binding out of this LAN, and is refused. "" removes the host (the binding stays this LAN's). */
static int set_yiaddr(struct dm_ctx *c, const struct dm_inst *in, const char *v)
{
    const struct iface *f = dm_iface(in);
    struct dhcp_pool *p = binding(in);
    if (!*v) {
        p->has_host = false;
        snprintf(p->static_lan, sizeof p->static_lan, "%s", f->name);
        return 0;
    }
    struct in_addr a, lan, m;
    if (!dm_parse_ip(v, &a) || !dm_iface_ipv4(c, f, &lan, &m) ||
        (a.s_addr & m.s_addr) != (lan.s_addr & m.s_addr) || a.s_addr == lan.s_addr)
        return 9007;
    uint32_t h = ntohl(a.s_addr), hm = ntohl(m.s_addr);
    if ((h & ~hm) == 0 || (h & ~hm) == ~hm)
        return 9007; /* the subnet's own address or its broadcast */
    p->has_host = true;
    p->host = a;
    p->host_mask = m;
    p->static_lan[0] = '\0';
    return 0;
}

/* DHCPConditionalServingPool.{i}: the `class` blocks of the pool serving the LAN, in their
 * order, keyed "POOL/CLASS". IOS classes are kept without match criteria (VendorClassID reads
 * empty and only empty is accepted); MinAddress and MaxAddress are the class's `address range`,
 * the pool's network when it has none. */
static void list_classes(struct dm_ctx *c, const struct dm_inst *parent, struct dm_list *out)
{
    struct dhcp_pool *p = dm_iface_pool(c, dm_iface(parent));
    struct strbuf key = STRBUF_INIT;
    for (int i = 0; p && i < p->nclasses; i++) {
        sb_reset(&key);
        sb_printf(&key, "%s/%s", p->name, p->classes[i].name);
        dm_list_add(out, sb_str(&key), &p->classes[i]);
    }
    sb_free(&key);
}

static int get_class_count(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    struct dhcp_pool *p = pool_of(c, in);
    sb_printf(out, "%d", p ? p->nclasses : 0);
    return 0;
}

static struct dhcp_pool_class *pool_class(const struct dm_inst *in)
{
    return in->obj[in->depth - 1];
}

/* A new class, class-N (the first N free), defined and added to the LAN's pool (made when the
 * LAN has none, as the other setters do). */
static int add_class(struct dm_ctx *c, const struct dm_inst *parent, struct strbuf *key)
{
    struct dhcp_pool *p = pool_for_write(c, parent);
    if (!p || p->nclasses == DHCP_POOL_CLASSES_MAX || c->store->ndhcp_classes == DHCP_CLASSES_MAX)
        return 9004; /* resources exceeded */
    char name[DHCP_CLASS_NAME_MAX + 1];
    for (unsigned n = 1;; n++) {
        snprintf(name, sizeof name, "class-%u", n);
        if (config_dhcp_class_find(c->store, name) < 0)
            break;
    }
    config_dhcp_class_add(c->store, name);
    config_pool_class_add(p, name);
    sb_printf(key, "%s/%s", p->name, name);
    return 0;
}

static int del_class(struct dm_ctx *c, const struct dm_inst *in)
{
    struct dhcp_pool *p = pool_of(c, in);
    struct dhcp_pool_class *pc = pool_class(in);
    char name[DHCP_CLASS_NAME_MAX + 1];
    snprintf(name, sizeof name, "%s", pc->name);
    config_pool_class_delete(p, pc);
    /* The class goes too unless another pool still names it. */
    for (size_t i = 0; i < c->store->npools; i++)
        if (config_pool_class_find(&c->store->pools[i], name))
            return 0;
    config_dhcp_class_delete(c->store, name);
    return 0;
}

static int get_class_min(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    const struct dhcp_pool_class *pc = pool_class(in);
    struct span sp;
    if (pc->has_range)
        dm_put_ip(out, pc->low);
    else if (pool_span(pool_of(c, in), &sp))
        dm_put_ip(out, (struct in_addr){htonl(sp.first)});
    return 0;
}

static int get_class_max(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    const struct dhcp_pool_class *pc = pool_class(in);
    struct span sp;
    if (pc->has_range)
        dm_put_ip(out, pc->high);
    else if (pool_span(pool_of(c, in), &sp))
        dm_put_ip(out, (struct in_addr){htonl(sp.last)});
    return 0;
}

/* One end of the range; the other stays (the network's edge when there was no range). An
 * address outside the pool's network is refused; a reversed range is checked once the whole
 * request is applied (class_verify), so that both ends may move in one request. */
static int set_class_end(struct dm_ctx *c, const struct dm_inst *in, const char *v, bool low)
{
    struct dhcp_pool *p = pool_of(c, in);
    struct dhcp_pool_class *pc = pool_class(in);
    struct span sp;
    struct in_addr a;
    if (!dm_parse_ip(v, &a) || !pool_span(p, &sp) || ntohl(a.s_addr) < sp.first ||
        ntohl(a.s_addr) > sp.last)
        return 9007;
    if (!pc->has_range) {
        pc->low.s_addr = htonl(sp.first);
        pc->high.s_addr = htonl(sp.last);
        pc->has_range = true;
    }
    *(low ? &pc->low : &pc->high) = a;
    return 0;
}

static int set_class_min(struct dm_ctx *c, const struct dm_inst *in, const char *v)
{
    return set_class_end(c, in, v, true);
}

static int set_class_max(struct dm_ctx *c, const struct dm_inst *in, const char *v)
{
    return set_class_end(c, in, v, false);
}

static int class_verify(struct dm_ctx *c, const struct dm_inst *in)
{
    (void)c;
    const struct dhcp_pool_class *pc = pool_class(in);
    return pc->has_range && ntohl(pc->high.s_addr) < ntohl(pc->low.s_addr) ? 9007 : 0;
}

static int set_no_vendor_class(struct dm_ctx *c, const struct dm_inst *in, const char *v)
{
    (void)c;
    (void)in;
    return *v ? 9007 : 0;
}

static const char *const addressing_values[] = {"DHCP", "Static", "AutoIP", NULL};

#define H  "InternetGatewayDevice.LANDevice.{i}.LANHostConfigManagement."
#define IP H "IPInterface."
#define POOL_RW(name, t, getter, setter, src)                                                      \
    {                                                                                              \
        .path = H name, .type = t, .flags = DMF_WRITABLE, .get = getter, .set = setter,            \
        .source = src                                                                              \
    }
#define IP_RW(name, getter, setter, src)                                                           \
    {                                                                                              \
        .path = H name, .type = DMT_STRING, .flags = DMF_WRITABLE, .max = DM_IP_MAX,               \
        .get = getter, .set = setter, .source = src                                                \
    }

const struct dm_def dm_lanhost_defs[] = {
    DM_OBJECT(H, "the ip dhcp pool serving the interface"),
    {.path = H "MACAddress",
     .type = DMT_STRING,
     .max = 17,
     .get = dm_get_if_mac,
     .source = "live: the interface's MAC address"},
    POOL_RW("DHCPServerConfigurable", DMT_BOOL, get_configurable, set_configurable,
            "fixed: true (false is refused)"),
    POOL_RW("DHCPServerEnable", DMT_BOOL, get_server_enable, set_server_enable,
            "service dhcp, and a pool serving the interface"),
    IP_RW("MinAddress", get_min, set_min, "ip dhcp pool: network, excluded range at its start"),
    IP_RW("MaxAddress", get_max, set_max, "ip dhcp pool: network, excluded range at its end"),
    {.path = H "ReservedAddresses",
     .type = DMT_STRING,
     .flags = DMF_WRITABLE,
     .max = RESERVED_MAX,
     .get = get_reserved,
     .set = set_reserved,
     .source = "ip dhcp excluded-address inside the pool's network"},
    IP_RW("SubnetMask", get_mask, set_mask, "ip dhcp pool: network mask"),
    {.path = H "DNSServers",
     .type = DMT_STRING,
     .flags = DMF_WRITABLE,
     .max = 64,
     .get = get_dns,
     .set = set_dns,
     .source = "ip dhcp pool: dns-server"},
    {.path = H "DomainName",
     .type = DMT_STRING,
     .flags = DMF_WRITABLE,
     .max = DHCP_DOMAIN_MAX,
     .get = get_domain,
     .set = set_domain,
     .source = "ip dhcp pool: domain-name"},
    {.path = H "IPRouters",
     .type = DMT_STRING,
     .flags = DMF_WRITABLE,
     .max = 64,
     .get = get_routers,
     .set = set_routers,
     .source = "ip dhcp pool: default-router"},
    {.path = H "DHCPLeaseTime",
     .type = DMT_INT,
     .flags = DMF_WRITABLE,
     .min = -1,
     .max = LEASE_MAX,
     .get = get_lease,
     .set = set_lease,
     .source = "ip dhcp pool: lease (seconds, -1 infinite)"},
    DM_RO(H "DHCPRelay", DMT_BOOL, dm_get_false, "fixed: false, no ip helper-address"),
    DM_RO(H "IPInterfaceNumberOfEntries", DMT_UINT, dm_get_one, "fixed: the interface's address"),
    DM_RO(H "DHCPConditionalPoolNumberOfEntries", DMT_UINT, get_class_count,
          "ip dhcp pool: class lines"),
    {.path = H "DHCPConditionalServingPool.",
     .type = DMT_OBJECT,
     .list = list_classes,
     .add = add_class,
     .del = del_class,
     .source = "ip dhcp pool: class blocks (and ip dhcp class)"},
    DM_OBJECT(H "DHCPConditionalServingPool.{i}.", "ip dhcp pool: class NAME"),
    DM_RW(H "DHCPConditionalServingPool.{i}.Enable", DMT_BOOL, dm_get_true, dm_set_only_true,
          "fixed: true, a class line is in force (false refused)"),
    {.path = H "DHCPConditionalServingPool.{i}.VendorClassID",
     .type = DMT_STRING,
     .flags = DMF_WRITABLE,
     .max = 256,
     .get = dm_get_empty,
     .set = set_no_vendor_class,
     .source = "none: classes without match criteria (only empty accepted)"},
    {.path = H "DHCPConditionalServingPool.{i}.MinAddress",
     .type = DMT_STRING,
     .flags = DMF_WRITABLE,
     .max = DM_IP_MAX,
     .get = get_class_min,
     .set = set_class_min,
     .verify = class_verify,
     .source = "class: address range start (else the network's first host)"},
    {.path = H "DHCPConditionalServingPool.{i}.MaxAddress",
     .type = DMT_STRING,
     .flags = DMF_WRITABLE,
     .max = DM_IP_MAX,
     .get = get_class_max,
     .set = set_class_max,
     .verify = class_verify,
     .source = "class: address range end (else the network's last host)"},
    DM_RO(H "DHCPStaticAddressNumberOfEntries", DMT_UINT, get_static_count,
          "ip dhcp pool with host in the LAN's subnet"),
    {.path = H "DHCPStaticAddress.",
     .type = DMT_OBJECT,
     .list = list_static,
     .add = add_static,
     .del = del_static,
     .source = "ip dhcp pool with host (manual bindings) in the LAN's subnet"},
    DM_OBJECT(H "DHCPStaticAddress.{i}.", "ip dhcp pool NAME: host, hardware-address"),
    DM_RW(H "DHCPStaticAddress.{i}.Enable", DMT_BOOL, dm_get_true, dm_set_only_true,
          "fixed: true, a pool is in force (false refused)"),
    {.path = H "DHCPStaticAddress.{i}.Chaddr",
     .type = DMT_STRING,
     .flags = DMF_WRITABLE,
     .max = 17,
     .get = get_chaddr,
     .set = set_chaddr,
     .source = "ip dhcp pool: hardware-address (or client-identifier 01 + MAC)"},
    {.path = H "DHCPStaticAddress.{i}.Yiaddr",
     .type = DMT_STRING,
     .flags = DMF_WRITABLE,
     .max = DM_IP_MAX,
     .get = get_yiaddr,
     .set = set_yiaddr,
     .source = "ip dhcp pool: host (with the LAN's mask)"},
    DM_TABLE(IP, dm_list_iface, "the interface's address"),
    DM_OBJECT(IP "{i}.", "interface IFNAME: ip address"),
    DM_RW(IP "{i}.Enable", DMT_BOOL, get_ip_enable, dm_set_if_enable, "interface: no shutdown"),
    IP_RW("IPInterface.{i}.IPInterfaceIPAddress", get_ip_addr, set_ip_addr,
          "interface: ip address (or its pool's router, or what DHCP gave)"),
    IP_RW("IPInterface.{i}.IPInterfaceSubnetMask", get_ip_mask, set_ip_mask,
          "interface: ip address mask"),
    {.path = IP "{i}.IPInterfaceAddressingType",
     .type = DMT_STRING,
     .flags = DMF_WRITABLE,
     .values = addressing_values,
     .get = get_ip_type,
     .set = set_ip_type,
     .source = "interface: ip address dhcp (DHCP), otherwise Static"},
};
const size_t dm_lanhost_def_count = sizeof dm_lanhost_defs / sizeof dm_lanhost_defs[0];
