/* WANDevice.{i}.WANConnectionDevice.{i}.WANIPConnection.{i} (any interface but a Dialer) and
 * WANPPPConnection.{i} (a Dialer): the interface's layer-3 connection, with the port mappings
 * (dm_portmap.c) on the default connection. */
#include <stdio.h>
#include <string.h>

#include "core.h"
#include "dm_net.h"
#include "dm_portmap.h"
#include "loop.h"
#include "xalloc.h"

static void list_ip(struct dm_ctx *c, const struct dm_inst *parent, struct dm_list *out)
{
    if (!iface_is_dialer(dm_iface(parent)->name))
        dm_list_iface(c, parent, out);
}

static void list_ppp(struct dm_ctx *c, const struct dm_inst *parent, struct dm_list *out)
{
    if (iface_is_dialer(dm_iface(parent)->name))
        dm_list_iface(c, parent, out);
}

/* The `cwmp wan default` interface's connection is the default connection. */
static bool is_default(struct dm_ctx *c, const struct dm_inst *in)
{
    (void)c;
    return dm_iface(in)->cwmp_wan_default;
}

enum conn_state { CONN_UNCONFIGURED, CONN_OFF, CONN_NO_LINK, CONN_NO_ADDRESS, CONN_UP };

static enum conn_state state_of(struct dm_ctx *c, const struct iface *f)
{
    struct if_stats st;
    struct in_addr a, m;
    if (f->addr_mode == IF_ADDR_NONE)
        return CONN_UNCONFIGURED;
    if (f->shutdown)
        return CONN_OFF;
    dm_if_stats(c, f->name, &st);
    if (!st.up)
        return CONN_NO_LINK;
    return dm_iface_ipv4(c, f, &a, &m) ? CONN_UP : CONN_NO_ADDRESS;
}

static int get_status(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    static const char *const text[] = {"Unconfigured", "Disconnected", "Disconnected", "Connecting",
                                       "Connected"};
    sb_puts(out, text[state_of(c, dm_iface(in))]);
    return 0;
}

static int get_last_error(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    static const char *const text[] = {"ERROR_NONE", "ERROR_NOT_ENABLED_FOR_INTERNET",
                                       "ERROR_NO_CARRIER", "ERROR_IP_CONFIGURATION", "ERROR_NONE"};
    sb_puts(out, text[state_of(c, dm_iface(in))]);
    return 0;
}

/* cwmpd does not watch links come and go yet: a connection that is up counts from cwmpd's start. */
static int get_uptime(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    uint64_t up = 0;
    if (c->agent && state_of(c, dm_iface(in)) == CONN_UP)
        up = (loop_now_ms() - c->agent->started_mono) / 1000;
    sb_printf(out, "%llu", (unsigned long long)up);
    return 0;
}

static int get_routed(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)c;
    (void)in;
    sb_puts(out, "IP_Routed");
    return 0;
}

/* A router's connections route: the other types are valid TR-098 values cwmpd cannot be. */
static int set_routed(struct dm_ctx *c, const struct dm_inst *in, const char *v)
{
    (void)c;
    (void)in;
    return strcmp(v, "IP_Routed") ? 9007 : 0;
}

static int get_name(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)c;
    const struct iface *f = dm_iface(in);
    sb_puts(out, f->description ? f->description : f->name);
    return 0;
}

static int set_name(struct dm_ctx *c, const struct dm_inst *in, const char *v)
{
    (void)c;
    if (strlen(v) > DESCRIPTION_MAX || strchr(v, '\n'))
        return 9007;
    str_set(&dm_iface(in)->description, *v ? v : NULL);
    return 0;
}

static int get_nat(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)c;
    dm_put_bool(out, dm_iface(in)->nat_outside);
    return 0;
}

/* `ip nat outside`; an interface is on one side of the translation only. */
static int set_nat(struct dm_ctx *c, const struct dm_inst *in, const char *v)
{
    (void)c;
    struct iface *f = dm_iface(in);
    f->nat_outside = dm_bool(v);
    if (f->nat_outside)
        f->nat_inside = false;
    return 0;
}

static int get_addressing(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)c;
    sb_puts(out, dm_iface(in)->addr_mode == IF_ADDR_DHCP ? "DHCP" : "Static");
    return 0;
}

static int set_addressing(struct dm_ctx *c, const struct dm_inst *in, const char *v)
{
    return dm_set_iface_addressing(c, dm_iface(in), v);
}

static int get_address(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    return dm_put_iface_addr(c, dm_iface(in), out);
}

static int set_ip_address(struct dm_ctx *c, const struct dm_inst *in, const char *v)
{
    struct in_addr a = {0};
    if (*v && !dm_parse_ip(v, &a))
        return 9007;
    return dm_set_iface_addr(c, dm_iface(in), v, dm_natural_mask(a));
}

/* A PPP link's address is a host address unless a mask says otherwise. */
static int set_ppp_address(struct dm_ctx *c, const struct dm_inst *in, const char *v)
{
    struct in_addr host = {INADDR_BROADCAST};
    return dm_set_iface_addr(c, dm_iface(in), v, host);
}

static int get_mask(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    return dm_put_iface_mask(c, dm_iface(in), out);
}

static int set_mask(struct dm_ctx *c, const struct dm_inst *in, const char *v)
{
    return dm_set_iface_mask(c, dm_iface(in), v);
}

/* The interface's default route: one naming it, else one whose next hop is on its subnet. */
static struct ip_route *default_route(struct dm_ctx *c, const struct iface *f)
{
    struct in_addr a, m;
    bool addressed = dm_iface_ipv4(c, f, &a, &m);
    struct ip_route *via_subnet = NULL;
    for (size_t i = 0; i < c->store->nroutes; i++) {
        struct ip_route *r = &c->store->routes[i];
        if (r->prefix.s_addr || r->mask.s_addr)
            continue;
        if (!strcmp(r->ifname, f->name))
            return r;
        if (!r->ifname[0] && addressed && !via_subnet &&
            (r->gateway.s_addr & m.s_addr) == (a.s_addr & m.s_addr))
            via_subnet = r;
    }
    return via_subnet;
}

static int get_gateway(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    const struct iface *f = dm_iface(in);
    const struct ip_route *r = default_route(c, f);
    struct in_addr gw;
    if (r && r->gateway.s_addr)
        dm_put_ip(out, r->gateway);
    else if (!r && f->addr_mode == IF_ADDR_DHCP && platform_if_gateway(f->name, &gw))
        dm_put_ip(out, gw);
    return 0;
}

/* `ip route 0.0.0.0 0.0.0.0 IFNAME GATEWAY`, naming the interface so that the route stays this
 * connection's whatever the order of the request's parameters; "" removes it. */
static int set_gateway(struct dm_ctx *c, const struct dm_inst *in, const char *v)
{
    const struct iface *f = dm_iface(in);
    struct ip_route r = {.distance = 0};
    if (*v &&
        (!dm_parse_ip(v, &r.gateway) || !r.gateway.s_addr || r.gateway.s_addr == INADDR_BROADCAST))
        return 9007;
    for (struct ip_route *old; (old = default_route(c, f));)
        config_route_delete(c->store, old);
    if (!*v)
        return 0;
    snprintf(r.ifname, sizeof r.ifname, "%s", f->name);
    config_route_add(c->store, &r);
    return 0;
}

static int get_dns(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)in;
    dm_put_ip_list(out, c->store->name_servers, c->store->nname_servers, 64);
    return 0;
}

static int set_dns(struct dm_ctx *c, const struct dm_inst *in, const char *v)
{
    (void)in;
    struct in_addr list[NAME_SERVERS_MAX];
    size_t n;
    if (!dm_parse_ip_list(v, list, NAME_SERVERS_MAX, &n))
        return 9007;
    struct config_store *cs = c->store;
    cs->name_servers =
        xgrow(cs->name_servers, &cs->capname_servers, n ? n : 1, sizeof *cs->name_servers);
    memcpy(cs->name_servers, list, n * sizeof *list);
    cs->nname_servers = n;
    return 0;
}

static int get_mtu(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)c;
    sb_printf(out, "%d", iface_ip_mtu(dm_iface(in)));
    return 0;
}

static int set_mtu(struct dm_ctx *c, const struct dm_inst *in, const char *v)
{
    (void)c;
    return dm_set_ip_mtu(dm_iface(in), v);
}

/* The connection's counters: the interface's, which is what carries the connection. */
DM_STAT_GETTER(get_tx_bytes, tx_bytes)
DM_STAT_GETTER(get_rx_bytes, rx_bytes)
DM_STAT_GETTER(get_tx_packets, tx_packets)
DM_STAT_GETTER(get_rx_packets, rx_packets)
DM_STAT_GETTER(get_tx_errors, tx_errors)
DM_STAT_GETTER(get_rx_errors, rx_errors)
DM_STAT_GETTER(get_tx_dropped, tx_dropped)
DM_STAT_GETTER(get_rx_dropped, rx_dropped)

/* An IOS interface is up as long as it is not shut down: AlwaysOn, never on demand. */
static int get_always_on(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)c;
    (void)in;
    sb_puts(out, "AlwaysOn");
    return 0;
}

static int set_always_on(struct dm_ctx *c, const struct dm_inst *in, const char *v)
{
    (void)c;
    (void)in;
    return strcmp(v, "AlwaysOn") ? 9007 : 0;
}

/* cwmpd runs no routing protocol: no `router rip` or `router ospf` to turn on. */
static int get_off(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)c;
    (void)in;
    sb_puts(out, "Off");
    return 0;
}

static int set_off(struct dm_ctx *c, const struct dm_inst *in, const char *v)
{
    (void)c;
    (void)in;
    return strcmp(v, "Off") ? 9007 : 0;
}

static const char *const trigger_values[] = {"OnDemand", "AlwaysOn", "Manual", NULL};
static const char *const route_rx_values[] = {"Off", "RIPv1", "RIPv2", "OSPF", NULL};

static const char *const ip_types[] = {"Unconfigured", "IP_Routed", "IP_Bridged", NULL};
static const char *const ppp_types[] = {"Unconfigured",  "IP_Routed",   "DHCP_Spoofed",
                                        "PPPoE_Bridged", "PPPoE_Relay", "PPTP_Relay",
                                        "L2TP_Relay",    NULL};
static const char *const addressing_values[] = {"DHCP", "Static", NULL};

/* What WANIPConnection and WANPPPConnection share, at path prefix P. */
#define CONN_DEFS(P, types, address_setter, src)                                                   \
    DM_OBJECT(P "{i}.", src),                                                                      \
        DM_RW(P "{i}.Enable", DMT_BOOL, dm_get_if_enable, dm_set_if_enable,                        \
              "interface: no shutdown"),                                                           \
        DM_RO(P "{i}.ConnectionStatus", DMT_STRING, get_status,                                    \
              "interface: address, shutdown, live link state"),                                    \
        DM_RO(P "{i}.PossibleConnectionTypes", DMT_STRING, get_routed, "fixed: IP_Routed"),        \
        {.path = P "{i}.ConnectionType",                                                           \
         .type = DMT_STRING,                                                                       \
         .flags = DMF_WRITABLE,                                                                    \
         .values = types,                                                                          \
         .get = get_routed,                                                                        \
         .set = set_routed,                                                                        \
         .source = "fixed: IP_Routed (the other types are refused)"},                              \
        {.path = P "{i}.Name",                                                                     \
         .type = DMT_STRING,                                                                       \
         .flags = DMF_WRITABLE,                                                                    \
         .max = 256,                                                                               \
         .get = get_name,                                                                          \
         .set = set_name,                                                                          \
         .source = "interface: description (default: the interface's name)"},                      \
        {.path = P "{i}.Uptime",                                                                   \
         .type = DMT_UINT,                                                                         \
         .active = DM_NOTIFY_CANDENY,                                                              \
         .get = get_uptime,                                                                        \
         .source = "live: seconds connected, at most since cwmpd started"},                        \
        DM_RO(P "{i}.LastConnectionError", DMT_STRING, get_last_error,                             \
              "interface: address, shutdown, live link state"),                                    \
        DM_RW(P "{i}.NATEnabled", DMT_BOOL, get_nat, set_nat, "interface: ip nat outside"),        \
        {.path = P "{i}.ExternalIPAddress",                                                        \
         .type = DMT_STRING,                                                                       \
         .flags = DMF_WRITABLE,                                                                    \
         .active = DM_NOTIFY_FORCE_DEFAULT,                                                        \
         .notify = 2,                                                                              \
         .max = DM_IP_MAX,                                                                         \
         .get = get_address,                                                                       \
         .set = address_setter,                                                                    \
         .forced_if = is_default,                                                                  \
         .source = "interface: ip address (or what DHCP gave)"},                                   \
        {.path = P "{i}.DNSServers",                                                               \
         .type = DMT_STRING,                                                                       \
         .flags = DMF_WRITABLE,                                                                    \
         .max = 64,                                                                                \
         .get = get_dns,                                                                           \
         .set = set_dns,                                                                           \
         .source = "ip name-server (the same for every connection)"},                              \
        {.path = P "{i}.MACAddress",                                                               \
         .type = DMT_STRING,                                                                       \
         .max = 17,                                                                                \
         .get = dm_get_if_mac,                                                                     \
         .source = "live: the interface's MAC address"},                                           \
        DM_RW(P "{i}.Reset", DMT_BOOL, dm_get_false, dm_set_only_false,                            \
              "none: reads false; true is refused (shutdown, then no shutdown)"),                  \
        DM_RW(P "{i}.AutoDisconnectTime", DMT_UINT, dm_get_zero, dm_set_only_zero,                 \
              "fixed: 0, never disconnected (other values refused)"),                              \
        DM_RO(P "{i}.RSIPAvailable", DMT_BOOL, dm_get_false, "fixed: false, no RSIP"),             \
        DM_RW(P "{i}.DNSEnabled", DMT_BOOL, dm_get_true, dm_set_only_true,                         \
              "fixed: true, the ip name-server resolvers are used (false refused)"),               \
        DM_RW(P "{i}.DNSOverrideAllowed", DMT_BOOL, dm_get_false, dm_set_only_false,               \
              "fixed: false, ip name-server wins over DHCP's servers (true refused)"),             \
        DM_RW(P "{i}.MACAddressOverride", DMT_BOOL, dm_get_false, dm_set_only_false,               \
              "fixed: false, no mac-address command (true refused)"),                              \
        {.path = P "{i}.ConnectionTrigger",                                                        \
         .type = DMT_STRING,                                                                       \
         .flags = DMF_WRITABLE,                                                                    \
         .values = trigger_values,                                                                 \
         .get = get_always_on,                                                                     \
         .set = set_always_on,                                                                     \
         .source = "fixed: AlwaysOn, up unless shutdown (others refused)"},                        \
        {.path = P "{i}.RouteProtocolRx",                                                          \
         .type = DMT_STRING,                                                                       \
         .flags = DMF_WRITABLE,                                                                    \
         .values = route_rx_values,                                                                \
         .get = get_off,                                                                           \
         .set = set_off,                                                                           \
         .source = "fixed: Off, no routing protocol (others refused)"},                            \
        DM_OBJECT(P "{i}.Stats.", "live: interface counters"),                                     \
        DM_COUNTER(P "{i}.Stats.EthernetBytesSent", get_tx_bytes),                                 \
        DM_COUNTER(P "{i}.Stats.EthernetBytesReceived", get_rx_bytes),                             \
        DM_COUNTER(P "{i}.Stats.EthernetPacketsSent", get_tx_packets),                             \
        DM_COUNTER(P "{i}.Stats.EthernetPacketsReceived", get_rx_packets),                         \
        DM_COUNTER(P "{i}.Stats.EthernetErrorsSent", get_tx_errors),                               \
        DM_COUNTER(P "{i}.Stats.EthernetErrorsReceived", get_rx_errors),                           \
        DM_COUNTER(P "{i}.Stats.EthernetDiscardPacketsSent", get_tx_dropped),                      \
        DM_COUNTER(P "{i}.Stats.EthernetDiscardPacketsReceived", get_rx_dropped),                  \
        DM_PORTMAP_DEFS(P "{i}.")

#define CD   "InternetGatewayDevice.WANDevice.{i}.WANConnectionDevice.{i}."
#define WIP  CD "WANIPConnection."
#define WPPP CD "WANPPPConnection."

const struct dm_def dm_wanconn_defs[] = {
    DM_TABLE(WIP, list_ip, "the interface, unless a Dialer"),
    CONN_DEFS(WIP, ip_types, set_ip_address, "interface IFNAME"),
    {.path = WIP "{i}.AddressingType",
     .type = DMT_STRING,
     .flags = DMF_WRITABLE,
     .values = addressing_values,
     .get = get_addressing,
     .set = set_addressing,
     .source = "interface: ip address dhcp (DHCP), otherwise Static"},
    {.path = WIP "{i}.SubnetMask",
     .type = DMT_STRING,
     .flags = DMF_WRITABLE,
     .max = DM_IP_MAX,
     .get = get_mask,
     .set = set_mask,
     .source = "interface: ip address mask (or what DHCP gave)"},
    {.path = WIP "{i}.DefaultGateway",
     .type = DMT_STRING,
     .flags = DMF_WRITABLE,
     .max = DM_IP_MAX,
     .get = get_gateway,
     .set = set_gateway,
     .source = "ip route 0.0.0.0 0.0.0.0 through the interface (or what DHCP gave)"},
    {.path = WIP "{i}.MaxMTUSize",
     .type = DMT_UINT,
     .flags = DMF_WRITABLE,
     .min = 1,
     .max = 1540,
     .get = get_mtu,
     .set = set_mtu,
     .source = "interface: ip mtu (default 1500)"},

    DM_TABLE(WPPP, list_ppp, "the interface, if a Dialer"),
    CONN_DEFS(WPPP, ppp_types, set_ppp_address, "interface DialerN"),
    DM_RO(WPPP "{i}.DefaultGateway", DMT_STRING, get_gateway,
          "ip route 0.0.0.0 0.0.0.0 through the interface"),
};
const size_t dm_wanconn_def_count = sizeof dm_wanconn_defs / sizeof dm_wanconn_defs[0];
