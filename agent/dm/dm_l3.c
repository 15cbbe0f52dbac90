/* InternetGatewayDevice.Layer3Forwarding: the default connection (`cwmp wan default`) and the
 * static routes (`ip route`) as the Forwarding table. Forwarding is read-only in this version but
 * for MTU (the egress interface's): AddObject, DeleteObject and writes need a route identity that
 * survives a change of its destination, which IOS route lines do not have. Policy routing
 * (SourceIPAddress, SourceSubnetMask) does not exist in IOS static routes: both read empty. */
#include <string.h>

#include "core.h"
#include "dm_net.h"

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
    sb_free(&key);
}

static int get_count(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)in;
    sb_printf(out, "%zu", c->store->nroutes);
    return 0;
}

static const struct ip_route *route(const struct dm_inst *in)
{
    return in->obj[in->depth - 1];
}

static int get_enabled(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)c;
    (void)in;
    sb_puts(out, "Enabled");
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
    DM_TABLE(L3 "Forwarding.", list_routes, "ip route lines"),
    DM_OBJECT(FW, "ip route"),
    DM_RO(FW "Enable", DMT_BOOL, dm_get_true, "fixed: true"),
    DM_RO(FW "Status", DMT_STRING, get_enabled, "fixed: Enabled"),
    DM_RO(FW "StaticRoute", DMT_BOOL, dm_get_true, "fixed: true"),
    DM_RO(FW "Type", DMT_STRING, get_type, "ip route: Default, Host (/32) or Network"),
    DM_RO(FW "DestIPAddress", DMT_STRING, get_dest, "ip route: prefix"),
    DM_RO(FW "DestSubnetMask", DMT_STRING, get_dest_mask, "ip route: mask"),
    DM_RO(FW "SourceIPAddress", DMT_STRING, dm_get_empty, "none: no policy routing"),
    DM_RO(FW "SourceSubnetMask", DMT_STRING, dm_get_empty, "none: no policy routing"),
    DM_RO(FW "GatewayIPAddress", DMT_STRING, get_gateway, "ip route: next hop"),
    DM_RO(FW "Interface", DMT_STRING, get_interface,
          "ip route: the interface's connection (named, or holding the next hop)"),
    DM_RO(FW "ForwardingMetric", DMT_INT, get_metric, "ip route: distance (-1: not given)"),
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
