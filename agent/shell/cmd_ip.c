/* IP services of the router itself: static routes (Layer3Forwarding), name servers and time
 * servers (Time.NTPServer1..5). */
#include <arpa/inet.h>
#include <ctype.h>
#include <stdio.h>
#include <strings.h>
#include <string.h>

#include "configuration.h"
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

/* Host names as NTP servers are written: letters, digits, hyphens and dots. */
static bool host_name_valid(const char *s)
{
    size_t len = strlen(s);
    if (len == 0 || len > NTP_HOST_MAX || s[0] == '.' || s[0] == '-')
        return false;
    for (size_t i = 0; i < len; i++)
        if (!isalnum((unsigned char)s[i]) && s[i] != '-' && s[i] != '.')
            return false;
    return true;
}

static int ntp_server(struct cmd_call *c)
{
    struct config_store *cs = call_store(c);
    const char *host = cmd_arg(c, "peer");
    if (!host_name_valid(host))
        return cmd_fail(c, "Invalid NTP server name: %s", host);
    for (size_t i = 0; i < cs->nntp; i++) {
        if (strcasecmp(cs->ntp[i].host, host) != 0)
            continue;
        if (c->negate) {
            memmove(&cs->ntp[i], &cs->ntp[i + 1], (cs->nntp - i - 1) * sizeof cs->ntp[0]);
            cs->nntp--;
        } else {
            cs->ntp[i].prefer = cmd_has(c, "prefer");
        }
        return 0;
    }
    if (c->negate)
        return 0;
    if (cs->nntp == NTP_SERVERS_MAX)
        return cmd_fail(c, "NTP server table full: at most %d servers (Time.NTPServer1 to %d)",
                        NTP_SERVERS_MAX, NTP_SERVERS_MAX);
    snprintf(cs->ntp[cs->nntp].host, sizeof cs->ntp[0].host, "%s", host);
    cs->ntp[cs->nntp].prefer = cmd_has(c, "prefer");
    cs->nntp++;
    return 0;
}

static const struct cmd_binding table[] = {
    {"ip_route", ip_route, "prefix mask gateway ifname distance"},
    {"ip_name_server", ip_name_server, "server"},
    {"ntp_server", ntp_server, "peer prefer"},
};
HANDLER_TABLE(ip_handlers, table);
