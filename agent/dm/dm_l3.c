/* InternetGatewayDevice.Layer3Forwarding: the default connection (`cwmp wan default`) and the
 * static routes (`ip route`) as the Forwarding table, which the ACS may change, add to and delete
 * from. An instance is an `ip route` line as long as it is a complete one (a consistent
 * destination and mask, a next hop or an interface) and enabled; otherwise it waits aside, out of
 * running-config (config_store.routes_aside). A line's instance is keyed by the line (without its
 * distance); when the ACS changes the line, the new line takes the instance's number. Policy
 * routing (SourceIPAddress, SourceSubnetMask) does not exist in IOS static routes: both read
 * empty and only empty is accepted. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "dm_net.h"
#include "xalloc.h"

#define CONN_PATTERN(kind) DM_ROOT "WANDevice.{i}.WANConnectionDevice.{i}." kind ".{i}."

static int get_default_service(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)in;
    const struct iface *f = config_wan_default(c->store);
    if (f)
        dm_conn_path(c, f, out);
    return 0;
}

/* The path of a WAN connection (with or without its trailing dot) makes its interface the
 * `cwmp wan default` one; anything else is refused. */
static int set_default_service(struct dm_ctx *c, const struct dm_inst *in, const char *v)
{
    (void)in;
    if (!c->agent || !*v)
        return 9007;
    struct strbuf path = STRBUF_INIT;
    sb_puts(&path, v);
    if (v[strlen(v) - 1] != '.')
        sb_putc(&path, '.');
    struct dm_lookup l;
    int rc = dm_lookup(c->agent->dm, c, sb_str(&path), &l);
    sb_free(&path);
    if (rc)
        return 9007;
    const char *pattern = l.it.node->pattern;
    if (strcmp(pattern, CONN_PATTERN("WANIPConnection")) &&
        strcmp(pattern, CONN_PATTERN("WANPPPConnection"))) {
        dm_lookup_release(&l);
        return 9007;
    }
    struct iface *f = l.it.inst.obj[0];
    dm_lookup_release(&l);
    config_wan_set_default(c->store, f);
    return 0;
}

static void list_routes(struct dm_ctx *c, const struct dm_inst *parent, struct dm_list *out)
{
    (void)parent;
    struct strbuf key = STRBUF_INIT;
    for (size_t i = 0; i < c->store->nroutes; i++) {
        sb_reset(&key);
        config_route_key(&c->store->routes[i], &key);
        dm_list_add(out, sb_str(&key), &c->store->routes[i]);
    }
    for (size_t i = 0; i < c->store->nroutes_aside; i++)
        dm_list_add(out, c->store->routes_aside[i].key, &c->store->routes_aside[i]);
    sb_free(&key);
}

#define FW_TABLE "InternetGatewayDevice.Layer3Forwarding.Forwarding."

static bool is_aside(const struct config_store *cs, const struct ip_route *r)
{
    return r >= cs->routes_aside && r < cs->routes_aside + cs->nroutes_aside;
}

/* A route that can be an `ip route` line, as the command accepts it. */
static bool route_complete(const struct config_store *cs, const struct ip_route *r)
{
    if (!mask_contiguous(r->mask) || (r->prefix.s_addr & ~r->mask.s_addr))
        return false;
    if (r->gateway.s_addr == INADDR_BROADCAST)
        return false;
    if (r->ifname[0])
        return config_iface_find((struct config_store *)cs, r->ifname) != NULL;
    return r->gateway.s_addr != 0;
}

static void aside_add(struct config_store *cs, const struct ip_route *r)
{
    cs->routes_aside = xgrow(cs->routes_aside, &cs->caproutes_aside, cs->nroutes_aside + 1,
                             sizeof *cs->routes_aside);
    cs->routes_aside[cs->nroutes_aside++] = *r;
}

static void route_remove(struct config_store *cs, struct ip_route *r)
{
    if (is_aside(cs, r)) {
        size_t at = (size_t)(r - cs->routes_aside);
        memmove(r, r + 1, (cs->nroutes_aside - at - 1) * sizeof *r);
        cs->nroutes_aside--;
    } else {
        config_route_delete(cs, r);
    }
}

/* Puts the changed route nr of instance in where it now belongs, keeping the instance's number:
 * a line (keyed by the line) when complete and enabled, else aside (keyed by its number).
 * 9007 when it would be a line that exists already (as another instance). */
static int route_settle(struct dm_ctx *c, const struct dm_inst *in, struct ip_route *old,
                        struct ip_route nr)
{
    struct config_store *cs = c->store;
    unsigned number = in->num[in->depth - 1];
    bool line = !nr.disabled && route_complete(cs, &nr);
    if (line) {
        struct ip_route *same = config_route_find(cs, &nr);
        if (same && same != old)
            return 9007;
    }
    route_remove(cs, old);
    struct strbuf key = STRBUF_INIT;
    if (line) {
        nr.key[0] = '\0';
        config_route_add(cs, &nr);
        config_route_key(&nr, &key);
    } else {
        snprintf(nr.key, sizeof nr.key, "#%u", number);
        aside_add(cs, &nr);
        sb_puts(&key, nr.key);
    }
    if (c->state && number)
        cwmp_instance_alias(c->state, FW_TABLE, sb_str(&key), number);
    sb_free(&key);
    return 0;
}

static int add_route(struct dm_ctx *c, const struct dm_inst *parent, struct strbuf *key)
{
    (void)parent;
    struct ip_route r = {.distance = 0};
    unsigned number = c->state ? cwmp_instance_next(c->state, FW_TABLE) : 1;
    for (;; number++) {
        snprintf(r.key, sizeof r.key, "#%u", number);
        size_t i = 0;
        while (i < c->store->nroutes_aside && strcmp(c->store->routes_aside[i].key, r.key))
            i++;
        if (i == c->store->nroutes_aside)
            break;
    }
    aside_add(c->store, &r);
    sb_puts(key, r.key);
    return 0;
}

static int del_route(struct dm_ctx *c, const struct dm_inst *in)
{
    route_remove(c->store, in->obj[in->depth - 1]);
    return 0;
}

static int get_count(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)in;
    sb_printf(out, "%zu", c->store->nroutes + c->store->nroutes_aside);
    return 0;
}

static const struct ip_route *route(const struct dm_inst *in)
{
    return in->obj[in->depth - 1];
}

static struct ip_route *route_w(const struct dm_inst *in)
{
    return in->obj[in->depth - 1];
}

static int get_enable(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)c;
    dm_put_bool(out, !route(in)->disabled);
    return 0;
}

static int set_enable(struct dm_ctx *c, const struct dm_inst *in, const char *v)
{
    struct ip_route nr = *route(in);
    nr.disabled = !dm_bool(v);
    return route_settle(c, in, route_w(in), nr);
}

static const char *const status_values[] = {"Disabled", "Enabled", "Error", NULL};

static int get_status(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    const struct ip_route *r = route(in);
    sb_puts(out, !is_aside(c->store, r) ? "Enabled" : r->disabled ? "Disabled" : "Error");
    return 0;
}

static int get_type(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)c;
    const struct ip_route *r = route(in);
    if (!r->prefix.s_addr && !r->mask.s_addr)
        sb_puts(out, "Default");
    else if (r->mask.s_addr == INADDR_BROADCAST)
        sb_puts(out, "Host");
    else
        sb_puts(out, "Network");
    return 0;
}

static const char *const type_values[] = {"Default", "Network", "Host", NULL};

/* Type follows the destination: Default makes it 0.0.0.0/0, Host makes the mask /32; Network is
 * accepted for any other destination (and for one still to come). */
static int set_type(struct dm_ctx *c, const struct dm_inst *in, const char *v)
{
    struct ip_route nr = *route(in);
    if (!strcmp(v, "Default")) {
        nr.prefix.s_addr = nr.mask.s_addr = 0;
    } else if (!strcmp(v, "Host")) {
        nr.mask.s_addr = INADDR_BROADCAST;
    } else if (!nr.mask.s_addr && nr.prefix.s_addr == 0 && !is_aside(c->store, route(in))) {
        return 9007; /* a default route is not a network route */
    } else if (nr.mask.s_addr == INADDR_BROADCAST) {
        return 9007;
    } else {
        return 0;
    }
    return route_settle(c, in, route_w(in), nr);
}

static int set_dest(struct dm_ctx *c, const struct dm_inst *in, const char *v)
{
    struct ip_route nr = *route(in);
    if (!dm_parse_ip(v, &nr.prefix))
        return 9007;
    return route_settle(c, in, route_w(in), nr);
}

static int set_dest_mask(struct dm_ctx *c, const struct dm_inst *in, const char *v)
{
    struct ip_route nr = *route(in);
    if (!dm_parse_ip(v, &nr.mask) || !mask_contiguous(nr.mask))
        return 9007;
    return route_settle(c, in, route_w(in), nr);
}

static int set_gateway(struct dm_ctx *c, const struct dm_inst *in, const char *v)
{
    struct ip_route nr = *route(in);
    if (!*v)
        nr.gateway.s_addr = 0;
    else if (!dm_parse_ip(v, &nr.gateway) || nr.gateway.s_addr == INADDR_BROADCAST)
        return 9007;
    return route_settle(c, in, route_w(in), nr);
}

/* Only the empty source IOS static routes have (0.0.0.0 is the same). */
static int set_no_source(struct dm_ctx *c, const struct dm_inst *in, const char *v)
{
    (void)c;
    (void)in;
    return *v && strcmp(v, "0.0.0.0") ? 9007 : 0;
}

static int set_metric(struct dm_ctx *c, const struct dm_inst *in, const char *v)
{
    struct ip_route nr = *route(in);
    long d = strtol(v, NULL, 10);
    if (d != -1 && (d < 1 || d > 255))
        return 9007; /* IOS's administrative distance is 1-255 */
    nr.distance = d == -1 ? 0 : (int)d;
    return route_settle(c, in, route_w(in), nr);
}

static int get_dest(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)c;
    dm_put_ip(out, route(in)->prefix);
    return 0;
}

static int get_dest_mask(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)c;
    dm_put_ip(out, route(in)->mask);
    return 0;
}

static int get_gateway(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)c;
    if (route(in)->gateway.s_addr)
        dm_put_ip(out, route(in)->gateway);
    return 0;
}

/* The egress interface: the one the route names, else (as TR-098 asks) the one whose subnet
 * holds the next hop; NULL when neither is known. */
static struct iface *egress(struct dm_ctx *c, const struct ip_route *r)
{
    if (r->ifname[0])
        return config_iface_find(c->store, r->ifname);
    for (size_t i = 0; i < c->store->nifs; i++) {
        struct iface *f = &c->store->ifs[i];
        struct in_addr a, m;
        if (dm_iface_ipv4(c, f, &a, &m) && (r->gateway.s_addr & m.s_addr) == (a.s_addr & m.s_addr))
            return f;
    }
    return NULL;
}

static int get_interface(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    const struct iface *f = egress(c, route(in));
    if (f)
        dm_conn_path(c, f, out);
    return 0;
}

/* The interface the route names: a WAN connection's or a LAN IPInterface's path; "" names none
 * (the next hop then chooses). */
static int set_interface(struct dm_ctx *c, const struct dm_inst *in, const char *v)
{
    struct ip_route nr = *route(in);
    if (!*v) {
        nr.ifname[0] = '\0';
        return route_settle(c, in, route_w(in), nr);
    }
    if (!c->agent)
        return 9007;
    struct strbuf path = STRBUF_INIT;
    sb_puts(&path, v);
    if (v[strlen(v) - 1] != '.')
        sb_putc(&path, '.');
    struct dm_lookup l;
    int rc = dm_lookup(c->agent->dm, c, sb_str(&path), &l);
    sb_free(&path);
    if (rc)
        return 9007;
    const char *pattern = l.it.node->pattern;
    bool ok = !strcmp(pattern, CONN_PATTERN("WANIPConnection")) ||
              !strcmp(pattern, CONN_PATTERN("WANPPPConnection")) ||
              !strcmp(pattern, DM_ROOT "LANDevice.{i}.LANHostConfigManagement.IPInterface.{i}.");
    const struct iface *f = ok ? l.it.inst.obj[0] : NULL;
    if (f)
        snprintf(nr.ifname, sizeof nr.ifname, "%s", f->name);
    dm_lookup_release(&l);
    return f ? route_settle(c, in, route_w(in), nr) : 9007;
}

/* IOS routes have no MTU of their own (the feature documentation lists MTU as unsupported): a
 * route's is its egress interface's `ip mtu`, which every route through it shares. */
static int get_mtu(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    const struct iface *f = egress(c, route(in));
    sb_printf(out, "%d", f ? iface_ip_mtu(f) : IF_IP_MTU_DEFAULT);
    return 0;
}

static int set_mtu(struct dm_ctx *c, const struct dm_inst *in, const char *v)
{
    struct iface *f = egress(c, route(in));
    return f ? dm_set_ip_mtu(f, v) : 9007; /* no interface to hold it */
}

static int get_metric(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)c;
    sb_printf(out, "%d", route(in)->distance ? route(in)->distance : -1);
    return 0;
}

#define L3 "InternetGatewayDevice.Layer3Forwarding."
#define FW L3 "Forwarding.{i}."

const struct dm_def dm_l3_defs[] = {
    DM_OBJECT(L3, "routing"),
    {.path = L3 "DefaultConnectionService",
     .type = DMT_STRING,
     .flags = DMF_WRITABLE,
     .max = 256,
     .get = get_default_service,
     .set = set_default_service,
     .source = "cwmp wan default: that interface's connection"},
    DM_RO(L3 "ForwardNumberOfEntries", DMT_UINT, get_count, "ip route lines"),
    {.path = L3 "Forwarding.",
     .type = DMT_OBJECT,
     .list = list_routes,
     .add = add_route,
     .del = del_route,
     .source = "ip route lines (and the ACS's instances not complete or enabled yet)"},
    DM_OBJECT(FW, "ip route"),
    DM_RW(FW "Enable", DMT_BOOL, get_enable, set_enable,
          "ip route: the line is in running-config; false keeps it aside"),
    {.path = FW "Status",
     .type = DMT_STRING,
     .values = status_values,
     .get = get_status,
     .source = "ip route: Enabled (a line), Disabled, Error (incomplete)"},
    DM_RO(FW "StaticRoute", DMT_BOOL, dm_get_true, "fixed: true"),
    {.path = FW "Type",
     .type = DMT_STRING,
     .flags = DMF_WRITABLE,
     .values = type_values,
     .get = get_type,
     .set = set_type,
     .source = "ip route: Default (0.0.0.0 0.0.0.0), Host (/32) or Network"},
    {.path = FW "DestIPAddress",
     .type = DMT_STRING,
     .flags = DMF_WRITABLE,
     .max = DM_IP_MAX,
     .get = get_dest,
     .set = set_dest,
     .source = "ip route: prefix"},
    {.path = FW "DestSubnetMask",
     .type = DMT_STRING,
     .flags = DMF_WRITABLE,
     .max = DM_IP_MAX,
     .get = get_dest_mask,
     .set = set_dest_mask,
     .source = "ip route: mask"},
    {.path = FW "SourceIPAddress",
     .type = DMT_STRING,
     .flags = DMF_WRITABLE,
     .max = DM_IP_MAX,
     .get = dm_get_empty,
     .set = set_no_source,
     .source = "none: no policy routing (only empty accepted)"},
    {.path = FW "SourceSubnetMask",
     .type = DMT_STRING,
     .flags = DMF_WRITABLE,
     .max = DM_IP_MAX,
     .get = dm_get_empty,
     .set = set_no_source,
     .source = "none: no policy routing (only empty accepted)"},
    {.path = FW "GatewayIPAddress",
     .type = DMT_STRING,
     .flags = DMF_WRITABLE,
     .max = DM_IP_MAX,
     .get = get_gateway,
     .set = set_gateway,
     .source = "ip route: next hop"},
    {.path = FW "Interface",
     .type = DMT_STRING,
     .flags = DMF_WRITABLE,
     .max = 256,
     .get = get_interface,
     .set = set_interface,
     .source = "ip route: the interface's connection (named, or holding the next hop)"},
    {.path = FW "ForwardingMetric",
     .type = DMT_INT,
     .flags = DMF_WRITABLE,
     .min = -1,
     .max = 255,
     .get = get_metric,
     .set = set_metric,
     .source = "ip route: distance (-1: not given)"},
    {.path = FW "MTU",
     .type = DMT_UINT,
     .flags = DMF_WRITABLE,
     .min = 1,
     .max = 1540,
     .get = get_mtu,
     .set = set_mtu,
     .source = "the egress interface: ip mtu (default 1500)"},
};
const size_t dm_l3_def_count = sizeof dm_l3_defs / sizeof dm_l3_defs[0];
