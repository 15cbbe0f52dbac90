/* Static routes, name servers, the DHCP service and a pool's DNS options, Ethernet speed and
 * duplex, the IP MTU: the commands behind the data model's LAN, WAN and Layer3Forwarding
 * parameters. */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "config_net.h"
#include "handlers.h"
#include "xalloc.h"

static int ip_route(struct cmd_call *c)
{
    struct config_store *cs = call_store(c);
    struct ip_route r = {.prefix = arg_ipv4(c, "prefix"), .mask = arg_ipv4(c, "mask")};
    r.gateway = arg_ipv4(c, "gateway");
    const char *ifname = cmd_arg(c, "ifname");
    if (ifname)
        snprintf(r.ifname, sizeof r.ifname, "%s", ifname);
    r.distance = (int)arg_long(c, "distance");
    if (!mask_contiguous(r.mask) || (r.prefix.s_addr & ~r.mask.s_addr))
        return cmd_fail(c, "Inconsistent address and mask");
    if (c->negate) {
        /* Without a next hop or an interface, every route to the prefix goes. */
        bool any = !ifname && !r.gateway.s_addr, found = false;
        for (size_t i = cs->nroutes; i-- > 0;) {
            struct ip_route *x = &cs->routes[i];
            if (x->prefix.s_addr != r.prefix.s_addr || x->mask.s_addr != r.mask.s_addr)
                continue;
            if (any || (x->gateway.s_addr == r.gateway.s_addr && !strcmp(x->ifname, r.ifname))) {
                config_route_delete(cs, x);
                found = true;
            }
        }
        return found ? 0 : cmd_fail(c, "No matching route to delete");
    }
    if (ifname && !config_iface_find(cs, ifname))
        return cmd_fail(c, "Interface %s does not exist", ifname);
    if (r.gateway.s_addr == INADDR_BROADCAST || (!ifname && !r.gateway.s_addr))
        return cmd_fail(c, "Invalid next hop address");
    config_route_add(cs, &r);
    return 0;
}

static bool have_server(const struct in_addr *v, size_t n, struct in_addr a)
{
    for (size_t i = 0; i < n; i++)
        if (v[i].s_addr == a.s_addr)
            return true;
    return false;
}

/* IOS appends to the list; each server appears once. */
static int ip_name_server(struct cmd_call *c)
{
    struct config_store *cs = call_store(c);
    if (c->negate && !cmd_arg(c, "server")) {
        cs->nname_servers = 0;
        return 0;
    }
    for (size_t i = 0; cmd_arg_nth(c, "server", i); i++) {
        struct in_addr a = arg_ipv4_nth(c, "server", i);
        if (c->negate) {
            for (size_t k = 0; k < cs->nname_servers; k++)
                if (cs->name_servers[k].s_addr == a.s_addr) {
                    memmove(&cs->name_servers[k], &cs->name_servers[k + 1],
                            (cs->nname_servers - k - 1) * sizeof *cs->name_servers);
                    cs->nname_servers--;
                    break;
                }
            continue;
        }
        if (have_server(cs->name_servers, cs->nname_servers, a))
            continue;
        if (cs->nname_servers == NAME_SERVERS_MAX)
            return cmd_fail(c, "Name server table full: at most %d servers", NAME_SERVERS_MAX);
        cs->name_servers = xgrow(cs->name_servers, &cs->capname_servers, cs->nname_servers + 1,
                                 sizeof *cs->name_servers);
        cs->name_servers[cs->nname_servers++] = a;
    }
    return 0;
}

static int service_dhcp(struct cmd_call *c)
{
    call_store(c)->dhcp_service_off = c->negate;
    return 0;
}

static struct dhcp_pool *current_pool(struct cmd_call *c)
{
    return config_pool_get(call_store(c), c->frame->arg);
}

static int dhcp_dns_server(struct cmd_call *c)
{
    struct dhcp_pool *p = current_pool(c);
    p->ndns = 0;
    if (c->negate)
        return 0;
    for (size_t i = 0; i < DHCP_ROUTERS_MAX && cmd_arg_nth(c, "server", i); i++)
        p->dns[p->ndns++] = arg_ipv4_nth(c, "server", i);
    return 0;
}

static int dhcp_domain_name(struct cmd_call *c)
{
    struct dhcp_pool *p = current_pool(c);
    if (c->negate) {
        p->domain[0] = '\0';
        return 0;
    }
    const char *name = cmd_arg(c, "domain");
    if (!dhcp_domain_valid(name)) /* it goes into DHCP option 15 as is */
        return cmd_fail(c, "Invalid domain name: %s", name);
    snprintf(p->domain, sizeof p->domain, "%s", name);
    return 0;
}

static struct iface *ethernet_port(struct cmd_call *c, const char *what)
{
    struct iface *f = config_iface_get(call_store(c), c->frame->arg);
    if (!iface_is_ethernet(f->name)) {
        cmd_fail(c, "%s is not supported on %s", what, f->name);
        return NULL;
    }
    return f;
}

static int if_speed(struct cmd_call *c)
{
    struct iface *f = ethernet_port(c, "Speed");
    if (!f)
        return -1;
    static const struct {
        const char *word;
        int mbps;
    } speeds[] = {{"10", 10}, {"100", 100}, {"1000", 1000}, {"10000", 10000}};
    f->speed = 0;
    if (c->negate)
        return 0;
    for (size_t i = 0; i < sizeof speeds / sizeof speeds[0]; i++)
        if (cmd_has(c, speeds[i].word))
            f->speed = speeds[i].mbps;
    return 0;
}

static int if_duplex(struct cmd_call *c)
{
    struct iface *f = ethernet_port(c, "Duplex");
    if (!f)
        return -1;
    f->duplex = IF_DUPLEX_AUTO;
    if (c->negate)
        return 0;
    if (cmd_has(c, "full"))
        f->duplex = IF_DUPLEX_FULL;
    else if (cmd_has(c, "half"))
        f->duplex = IF_DUPLEX_HALF;
    return 0;
}

/* The default needs no line: `ip mtu 1500` is `no ip mtu`, as IOS shows neither. */
static int if_ip_mtu(struct cmd_call *c)
{
    struct iface *f = config_iface_get(call_store(c), c->frame->arg);
    int mtu = c->negate ? 0 : (int)arg_long(c, "bytes");
    f->ip_mtu = mtu == IF_IP_MTU_DEFAULT ? 0 : mtu;
    return 0;
}

static const struct cmd_binding table[] = {
    {"ip_route", ip_route, "prefix mask gateway ifname distance"},
    {"ip_name_server", ip_name_server, "server"},
    {"service_dhcp", service_dhcp, ""},
    {"dhcp_dns_server", dhcp_dns_server, "server"},
    {"dhcp_domain_name", dhcp_domain_name, "domain"},
    {"if_speed", if_speed, "10 100 1000 10000"},
    {"if_duplex", if_duplex, "full half"},
    {"if_ip_mtu", if_ip_mtu, "bytes"},
};
HANDLER_TABLE(net_handlers, table);
