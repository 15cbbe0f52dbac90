/* InternetGatewayDevice.LANDevice.{i}: one per interface without `cwmp wan`, with the interface
 * itself as its one LANEthernetInterfaceConfig, and its hosts: the DHCP leases seen on it
 * (tr111.h). LANHostConfigManagement is in dm_lanhost.c. */
#include <string.h>
#include <time.h>

#include "dm_net.h"
#include "lan.h"

static void list_lan(struct dm_ctx *c, const struct dm_inst *parent, struct dm_list *out)
{
    (void)parent;
    for (size_t i = 0; i < c->store->nifs; i++)
        if (!c->store->ifs[i].cwmp_wan)
            dm_list_add(out, c->store->ifs[i].name, &c->store->ifs[i]);
}

/* Hosts are the bound DHCP leases seen on the interface, keyed by MAC address (TR-098's unique
 * key). A manually addressed device sends no DHCP: it is not listed. */
static void list_hosts(struct dm_ctx *c, const struct dm_inst *parent, struct dm_list *out)
{
    const struct iface *f = dm_iface(parent);
    for (size_t i = 0; i < c->agent->leases->n; i++) {
        struct lease *l = &c->agent->leases->v[i];
        if (!lease_bound(l) || strcmp(l->ifname, f->name) != 0)
            continue;
        char mac[18];
        mac_format(l->mac, mac);
        dm_list_add(out, mac, l);
    }
}

static int get_host_count(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    struct dm_list l = {0};
    list_hosts(c, in, &l);
    sb_printf(out, "%zu", l.n);
    dm_list_free(&l);
    return 0;
}

static const struct lease *host(const struct dm_inst *in)
{
    return in->obj[in->depth - 1];
}

static int get_host_ip(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)c;
    dm_put_ip(out, host(in)->addr);
    return 0;
}

static int get_host_source(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)c;
    (void)in;
    sb_puts(out, "DHCP");
    return 0;
}

static int get_host_lease(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)c;
    sb_printf(out, "%lld", lease_remaining(host(in), (long long)time(NULL)));
    return 0;
}

static int get_host_mac(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)c;
    char mac[18];
    mac_format(host(in)->mac, mac);
    sb_puts(out, mac);
    return 0;
}

/* The LAN's one LANEthernetInterfaceConfig: the interface itself. */
static int get_host_l2(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    struct strbuf table = STRBUF_INIT;
    sb_printf(&table, "InternetGatewayDevice.LANDevice.%u.LANEthernetInterfaceConfig.", in->num[0]);
    unsigned n = cwmp_instance_number(c->state, sb_str(&table), dm_iface(in)->name);
    sb_printf(out, "%s%u", sb_str(&table), n);
    sb_free(&table);
    return 0;
}

static int get_host_name(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)c;
    sb_puts(out, host(in)->hostname);
    return 0;
}

static int get_ethernet(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)c;
    (void)in;
    sb_puts(out, "Ethernet");
    return 0;
}

static const char *const host_sources[] = {"DHCP", "Static", "AutoIP", NULL};
static const char *const host_types[] = {"Ethernet", "USB",  "802.11", "HomePNA",
                                         "HomePlug", "MoCA", "Other",  NULL};

DM_STAT_GETTER(get_tx_bytes, tx_bytes)
DM_STAT_GETTER(get_rx_bytes, rx_bytes)
DM_STAT_GETTER(get_tx_packets, tx_packets)
DM_STAT_GETTER(get_rx_packets, rx_packets)
DM_STAT_GETTER(get_tx_errors, tx_errors)
DM_STAT_GETTER(get_rx_errors, rx_errors)
DM_STAT_GETTER(get_tx_dropped, tx_dropped)
DM_STAT_GETTER(get_rx_dropped, rx_dropped)
DM_STAT_GETTER(get_multicast, multicast)

#define LD  "InternetGatewayDevice.LANDevice."
#define LEI LD "{i}.LANEthernetInterfaceConfig."
#define LES LEI "{i}.Stats."
#define LH  LD "{i}.Hosts.Host.{i}."

const struct dm_def dm_lan_defs[] = {
    DM_TABLE(LD, list_lan, "interfaces without cwmp wan"),
    DM_OBJECT(LD "{i}.", "interface IFNAME"),
    DM_RO(LD "{i}.LANEthernetInterfaceNumberOfEntries", DMT_UINT, dm_get_one,
          "fixed: the interface itself"),
    DM_RO(LD "{i}.LANUSBInterfaceNumberOfEntries", DMT_UINT, dm_get_zero, "fixed: none"),
    DM_RO(LD "{i}.LANWLANConfigurationNumberOfEntries", DMT_UINT, dm_get_zero, "fixed: none"),

    DM_TABLE(LEI, dm_list_iface, "the interface itself"),
    DM_OBJECT(LEI "{i}.", "interface IFNAME"),
    DM_ETHERNET_CONFIG(LEI "{i}."),
    DM_RW(LEI "{i}.MACAddressControlEnabled", DMT_BOOL, dm_get_false, dm_set_only_false,
          "fixed: false, no port security (true refused)"),
    DM_OBJECT(LES, "live: interface counters"),
    DM_COUNTER(LES "BytesSent", get_tx_bytes),
    DM_COUNTER(LES "BytesReceived", get_rx_bytes),
    DM_COUNTER(LES "PacketsSent", get_tx_packets),
    DM_COUNTER(LES "PacketsReceived", get_rx_packets),
    DM_COUNTER(LES "ErrorsSent", get_tx_errors),
    DM_COUNTER(LES "ErrorsReceived", get_rx_errors),
    DM_COUNTER(LES "DiscardPacketsSent", get_tx_dropped),
    DM_COUNTER(LES "DiscardPacketsReceived", get_rx_dropped),
    DM_COUNTER(LES "MulticastPacketsReceived", get_multicast),

    DM_OBJECT(LD "{i}.Hosts.", "DHCP leases seen on the interface"),
    DM_RO(LD "{i}.Hosts.HostNumberOfEntries", DMT_UINT, get_host_count,
          "live: DHCP leases seen on the interface"),
    DM_TABLE(LD "{i}.Hosts.Host.", list_hosts,
             "DHCP leases seen on the interface (snooped, or cwmp lease add)"),
    DM_OBJECT(LD "{i}.Hosts.Host.{i}.", "a DHCP lease"),
    {.path = LH "IPAddress",
     .type = DMT_STRING,
     .max = 45,
     .get = get_host_ip,
     .source = "the address leased"},
    {.path = LH "AddressSource",
     .type = DMT_STRING,
     .values = host_sources,
     .get = get_host_source,
     .source = "fixed: DHCP (only leases are listed)"},
    {.path = LH "LeaseTimeRemaining",
     .type = DMT_INT,
     .active = DM_NOTIFY_CANDENY,
     .min = -1,
     .max = 2147483647LL,
     .get = get_host_lease,
     .source = "live: seconds left, -1 infinite"},
    {.path = LH "MACAddress",
     .type = DMT_STRING,
     .max = 17,
     .get = get_host_mac,
     .source = "the client's hardware address"},
    {.path = LH "Layer2Interface",
     .type = DMT_STRING,
     .max = 256,
     .get = get_host_l2,
     .source = "the interface's LANEthernetInterfaceConfig"},
    {.path = LH "HostName",
     .type = DMT_STRING,
     .max = 64,
     .get = get_host_name,
     .source = "DHCP option 12 of the client"},
    {.path = LH "InterfaceType",
     .type = DMT_STRING,
     .values = host_types,
     .get = get_ethernet,
     .source = "fixed: Ethernet"},
    DM_RO(LH "Active", DMT_BOOL, dm_get_true, "fixed: true (a lease is dropped when it ends)"),
    {.path = LH "VendorClassID",
     .type = DMT_STRING,
     .max = 256,
     .get = dm_get_empty,
     .source = "not kept: empty"},
    {.path = LH "ClientID",
     .type = DMT_STRING,
     .max = 256,
     .get = dm_get_empty,
     .source = "not kept: empty"},
    {.path = LH "UserClassID",
     .type = DMT_STRING,
     .max = 256,
     .get = dm_get_empty,
     .source = "not kept: empty"},
};
const size_t dm_lan_def_count = sizeof dm_lan_defs / sizeof dm_lan_defs[0];
