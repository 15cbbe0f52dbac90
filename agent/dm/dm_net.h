/* What the LAN, WAN and Layer3Forwarding tables share: addresses and address lists as TR-098
 * writes them, an interface's address (configured, from its pool, or obtained by DHCP), the DHCP
 * pool serving it, and the path of its layer-3 connection object. */
#ifndef CWMP_DM_NET_H
#define CWMP_DM_NET_H

#include <arpa/inet.h>

#include "configuration.h"
#include "dm_util.h"
#include "platform.h"

#define DM_IP_MAX 45 /* TR-098's IPAddress: string(45) */

/* The interface behind LANDevice.{i} and WANDevice.{i}, whose tables list interfaces; every table
 * below them passes it on as the first entity. */
static inline struct iface *dm_iface(const struct dm_inst *in)
{
    return in->obj[0];
}

void dm_put_ip(struct strbuf *out, struct in_addr a);
/* A comma-separated list, cut before the address that would make it longer than max characters
 * (TR-098 bounds these lists; 0: no bound). */
void dm_put_ip_list(struct strbuf *out, const struct in_addr *v, size_t n, size_t max);
/* A dotted quad, nothing else (inet_pton's form). */
bool dm_parse_ip(const char *s, struct in_addr *a);
/* A contiguous IPv4 mask. */
bool dm_parse_mask(const char *s, struct in_addr *m);
/* A comma-separated list (spaces allowed after commas) of at most max addresses; "" is empty. */
bool dm_parse_ip_list(const char *s, struct in_addr *v, size_t max, size_t *n);

/* The mask TR-098 writes leave an address with when none is configured: the address's class. */
struct in_addr dm_natural_mask(struct in_addr a);

/* An interface's IPv4 address and mask: static, derived from the pool `ip address pool` names
 * (its default router, else its first host), or the address DHCP gave the Linux interface.
 * False when it has none. */
bool dm_iface_ipv4(struct dm_ctx *c, const struct iface *f, struct in_addr *addr,
                   struct in_addr *mask);
/* Writes of an interface's address, mask and addressing type, by the IOS rules of `ip address`
 * (9007 where IOS would refuse), and in any order within one SetParameterValues: a mask set
 * before the address waits in the store (unrendered) for it, as does the mask of an interface
 * switched to Static before it has an address (`no ip address` until then). An address set on an
 * interface without a mask gets default_mask. "" removes the address. */
int dm_set_iface_addr(struct dm_ctx *c, struct iface *f, const char *v,
                      struct in_addr default_mask);
int dm_set_iface_mask(struct dm_ctx *c, struct iface *f, const char *v);
/* "DHCP": `ip address dhcp`; "Static": kept when static or from a pool, else `no ip address`
 * until an address is set. */
int dm_set_iface_addressing(struct dm_ctx *c, struct iface *f, const char *v);
/* An address parameter of an interface ("" when it has none) and its mask. */
int dm_put_iface_addr(struct dm_ctx *c, const struct iface *f, struct strbuf *out);
int dm_put_iface_mask(struct dm_ctx *c, const struct iface *f, struct strbuf *out);

/* The pool serving a LAN interface: the one `ip address pool` names, else the most specific pool
 * whose network holds the interface's address; NULL when none. */
struct dhcp_pool *dm_iface_pool(struct dm_ctx *c, const struct iface *f);

/* The path, without the trailing dot as TR-098's examples write it, of an interface's layer-3
 * connection object: WANDevice.N.WANConnectionDevice.M.WANIPConnection.K (WANPPPConnection for
 * a Dialer) for a cwmp wan interface, LANDevice.N.LANHostConfigManagement.IPInterface.K for the
 * others. The numbers are the registry's, as listing the tables gives them. */
void dm_conn_path(struct dm_ctx *c, const struct iface *f, struct strbuf *out);
/* Where the entity keys of the tables below LANDevice and WANDevice come from: every one of them
 * has the interface as its single entity, keyed by its name. */
void dm_list_iface(struct dm_ctx *c, const struct dm_inst *parent, struct dm_list *out);

/* Counters as TR-098's unsignedInt shows them: modulo 2^32. */
static inline void dm_put_counter(struct strbuf *out, uint64_t v)
{
    sb_putu(out, v & 0xFFFFFFFFu);
}

/* The live data of an interface, read once for a request that has a memo (its counters then
 * agree with each other, and thirteen files are not opened for each counter). */
void dm_if_stats(struct dm_ctx *c, const char *ios_name, struct if_stats *st);

/* A getter of one live counter of the interface (struct if_stats field). */
#define DM_STAT_GETTER(fn, field)                                                                  \
    static int fn(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)                  \
    {                                                                                              \
        struct if_stats st;                                                                        \
        dm_if_stats(c, dm_iface(in)->name, &st);                                                   \
        dm_put_counter(out, st.field);                                                             \
        return 0;                                                                                  \
    }
/* A counter's definition: read-only, and TR-098 lets the CPE refuse active notification. */
#define DM_COUNTER(p, getter)                                                                      \
    {                                                                                              \
        .path = p, .type = DMT_UINT, .active = DM_NOTIFY_CANDENY, .get = getter,                   \
        .source = "live: interface counters"                                                       \
    }

/* The Ethernet configs' MaxBitRate and DuplexMode, shared by LAN and WAN. */
extern const char *const dm_bitrate_values[];
extern const char *const dm_eth_status_values[];
extern const char *const dm_duplex_values[];
int dm_get_bitrate(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out);
int dm_set_bitrate(struct dm_ctx *c, const struct dm_inst *in, const char *v);
int dm_get_duplex(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out);
int dm_set_duplex(struct dm_ctx *c, const struct dm_inst *in, const char *v);
/* `ip mtu` from an MTU parameter (Forwarding.{i}.MTU, MaxMTUSize): 9007 outside the command's
 * range. */
int dm_set_ip_mtu(struct iface *f, const char *v);

/* Enable, EnabledForInternet: the interface is not shut down. */
int dm_get_if_enable(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out);
int dm_set_if_enable(struct dm_ctx *c, const struct dm_inst *in, const char *v);
int dm_get_if_mac(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out);
/* An Ethernet interface config's Status: Up, NoLink, Disabled. */
int dm_get_eth_status(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out);

/* The parameters LANEthernetInterfaceConfig and WANEthernetInterfaceConfig share, under prefix p
 * (which ends with a dot). */
#define DM_ETHERNET_CONFIG(p)                                                                      \
    DM_RW(p "Enable", DMT_BOOL, dm_get_if_enable, dm_set_if_enable, "interface: no shutdown"),     \
        {.path = p "Status",                                                                       \
         .type = DMT_STRING,                                                                       \
         .values = dm_eth_status_values,                                                           \
         .get = dm_get_eth_status,                                                                 \
         .source = "interface: shutdown, live link state"},                                        \
        {.path = p "MACAddress",                                                                   \
         .type = DMT_STRING,                                                                       \
         .max = 17,                                                                                \
         .get = dm_get_if_mac,                                                                     \
         .source = "live: the interface's MAC address"},                                           \
        {.path = p "MaxBitRate",                                                                   \
         .type = DMT_STRING,                                                                       \
         .flags = DMF_WRITABLE,                                                                    \
         .values = dm_bitrate_values,                                                              \
         .get = dm_get_bitrate,                                                                    \
         .set = dm_set_bitrate,                                                                    \
         .source = "interface: speed"},                                                            \
    {                                                                                              \
        .path = p "DuplexMode", .type = DMT_STRING, .flags = DMF_WRITABLE,                         \
        .values = dm_duplex_values, .get = dm_get_duplex, .set = dm_set_duplex,                    \
        .source = "interface: duplex"                                                              \
    }

#endif
