/* InternetGatewayDevice.LANDevice.{i}: one per interface without `cwmp wan`, with the interface
 * itself as its one LANEthernetInterfaceConfig, and its (not yet learnt) hosts.
 * LANHostConfigManagement is in dm_lanhost.c. */
#include "dm_net.h"

static void list_lan(struct dm_ctx *c, const struct dm_inst *parent, struct dm_list *out)
{
    (void)parent;
    for (size_t i = 0; i < c->store->nifs; i++)
        if (!c->store->ifs[i].cwmp_wan)
            dm_list_add(out, c->store->ifs[i].name, &c->store->ifs[i]);
}

/* Hosts come from the DHCP server's leases, which cwmpd does not read yet: the table is empty. */
static void list_hosts(struct dm_ctx *c, const struct dm_inst *parent, struct dm_list *out)
{
    (void)c;
    (void)parent;
    (void)out;
}

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

    DM_OBJECT(LD "{i}.Hosts.", "DHCP leases (not read yet)"),
    DM_RO(LD "{i}.Hosts.HostNumberOfEntries", DMT_UINT, dm_get_zero,
          "DHCP leases (not read yet: always 0)"),
    DM_TABLE(LD "{i}.Hosts.Host.", list_hosts, "DHCP leases (not read yet: empty)"),
    DM_OBJECT(LD "{i}.Hosts.Host.{i}.", "a DHCP lease"),
};
const size_t dm_lan_def_count = sizeof dm_lan_defs / sizeof dm_lan_defs[0];
