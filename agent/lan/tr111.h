/* Device-gateway association (TR-069 Annex F, TR-111 part 1) in the agent: the lease table
 * (a->leases) kept from DHCP snooping and the lease commands, saved in the state directory's
 * dhcp-leases file after every change, expired by a loop timer, and the notification scan run at
 * once when the devices change, so that an ACS with active notification on
 * ManagementServer.ManageableDeviceNumberOfEntries hears of it (within the notification limit). */
#ifndef CWMP_TR111_H
#define CWMP_TR111_H

#include <stdbool.h>
#include <stdint.h>

#include "dhcp_packet.h"
#include "lease_table.h"

struct agent;
struct dm_ctx;
struct strbuf;

/* At start (agent_init): loads the lease file (a bad one is logged and set aside), arms the
 * expiry timer, and starts watching DHCP on the interfaces of --dhcp-snoop or, without it, on the
 * LAN interfaces of the running configuration. */
void tr111_start(struct agent *a, const char *const *dhcp_snoop, size_t ndhcp_snoop);
void tr111_stop(struct agent *a);
/* The running configuration changed: the watched LAN interfaces follow it. */
void tr111_config_changed(struct agent *a);
/* The Linux names of the running configuration's interfaces on one side (wan: those marked cwmp
 * wan, else the others), each once, without the loopback: what the DHCP watchers watch by
 * default (tr111.c on the LAN, wan_watch.c on the WAN). The caller frees each name and the
 * array. */
void lan_configured_ifnames(struct agent *a, bool wan, char ***names, size_t *n);

/* One DHCP message seen on a Linux interface. */
void tr111_dhcp_seen(struct agent *a, const char *linux_ifname, const struct dhcp_msg *m);
/* The lease commands: sets a bound lease (an identity already known for the MAC is kept when l
 * has none); removes one (false when there was none). */
bool tr111_lease_set(struct agent *a, const struct lease *l);
bool tr111_lease_delete(struct agent *a, const uint8_t mac[6]);

/* The IOS name of a configured interface named by its IOS name (any case) or by the Linux name
 * it maps to; false when none. */
bool tr111_iface_name(struct agent *a, const char *name, char out[IFNAME_MAX]);

/* For show: where DHCP is watched ("Ethernet0/1 (eth1)"), or why not; true when it is. */
bool tr111_snooping(const struct agent *a, struct strbuf *out);
/* The interfaces a snooper watches, "IOSNAME (linuxname), ..." (the Linux name alone where no
 * configured interface maps to it). */
struct dhcp_snoop;
void lan_snooped_ifnames(const struct agent *a, const struct dhcp_snoop *s, struct strbuf *out);

/* The state file's name in the state directory. */
#define TR111_LEASE_FILE "dhcp-leases"

/* Whether a lease is a manageable device (bound, with an identity), and whether two identities are
 * the same device. */
static inline bool tr111_manageable(const struct lease *l)
{
    return lease_bound(l) && l->has_identity;
}
bool tr111_same_identity(const struct tr111_identity *x, const struct tr111_identity *y);

#endif
