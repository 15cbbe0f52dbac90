/* The configuration the data model's LAN, WAN and routing parameters need beyond the original
 * store: static routes (`ip route`, Layer3Forwarding), name servers (`ip name-server`, the WAN
 * connections' DNSServers), the DHCP service switch (`service dhcp`, DHCPServerEnable), a pool's
 * `dns-server` and `domain-name`, an Ethernet interface's `speed` and `duplex`, an interface's
 * `ip mtu` (Forwarding.{i}.MTU, MaxMTUSize); and the address rules that the commands and the data
 * model share, so that both refuse the same values. */
#ifndef CWMP_CONFIG_NET_H
#define CWMP_CONFIG_NET_H

#include <stdbool.h>

#include "config_store.h"
#include "strbuf.h"

#define IF_DUPLEX_AUTO   0
#define IF_DUPLEX_HALF   1
#define IF_DUPLEX_FULL   2
#define NAME_SERVERS_MAX 6 /* as IOS allows */
/* `ip mtu`: IOS's least, and the most TR-098's MTU parameters (Forwarding.{i}.MTU, MaxMTUSize) can
 * hold; an interface without it has an Ethernet's 1500. */
#define IF_IP_MTU_MIN     68
#define IF_IP_MTU_MAX     1540
#define IF_IP_MTU_DEFAULT CMD_DEFAULT_IF_IP_MTU
#define DHCP_DOMAIN_MAX   64

/* `ip route PREFIX MASK {GATEWAY | IFNAME [GATEWAY]} [DISTANCE]` */
struct ip_route {
    struct in_addr prefix, mask;
    struct in_addr gateway;  /* 0.0.0.0: none */
    char ifname[IFNAME_MAX]; /* "": none */
    int distance;            /* 1-255; 0: not given */
    /* Aside routes only (config_store.routes_aside): Enable false, and the instance key ("#N"). */
    bool disabled;
    char key[16];
};

/* Called by config_store_clone and config_store_free for the fields above. */
void config_net_clone(struct config_store *copy, const struct config_store *cs);
void config_net_free(struct config_store *cs);

/* Routes are kept in the order IOS shows them: by prefix, mask, interface, next hop. A route is
 * identified by all but its distance; adding an existing one changes its distance. */
struct ip_route *config_route_find(struct config_store *cs, const struct ip_route *r);
struct ip_route *config_route_add(struct config_store *cs, const struct ip_route *r);
void config_route_delete(struct config_store *cs, struct ip_route *r);
/* A route's identity, stable while it exists: "0.0.0.0 0.0.0.0 Dialer1 10.0.0.1". */
void config_route_key(const struct ip_route *r, struct strbuf *out);

/* An interface's addressing: static with addr and mask (which config_iface_address_ok accepted),
 * or mode (not IF_ADDR_STATIC; a pool's name is cleared unless it is IF_ADDR_POOL, when the
 * caller sets it). The only writers of iface.addr_mode, and of addr and mask while it is static:
 * they keep the store's index of subnets (struct subnet_index). */
void config_iface_set_static(struct config_store *cs, struct iface *f, struct in_addr addr,
                             struct in_addr mask);
void config_iface_set_mode(struct config_store *cs, struct iface *f, enum if_addr_mode mode);
/* The interfaces at position from and after moved by delta (config_iface_get and _delete). */
void config_subnets_moved(struct config_store *cs, size_t from, int delta);
/* The index holds the subnet of every static interface, and nothing else (for tests). */
bool config_subnets_valid(const struct config_store *cs);

bool mask_contiguous(struct in_addr mask);
/* The IOS rules for an interface's static address: a contiguous mask, not the subnet's network or
 * broadcast address, no overlap with another interface's subnet. Otherwise false, with the IOS
 * message (without "% ") in why. */
bool config_iface_address_ok(const struct config_store *cs, const struct iface *f,
                             struct in_addr addr, struct in_addr mask, struct strbuf *why);

/* An interface's IPv4 address and mask: static, derived from the pool `ip address pool` names
 * (its default router in the pool's network, else its first host), or what DHCP gave the Linux
 * interface. False when it has none. */
bool config_iface_ipv4(const struct config_store *cs, const struct iface *f, struct in_addr *addr,
                       struct in_addr *mask);
/* The `cwmp wan default` interface (NULL when none), and its address as config_iface_ipv4 gives
 * it: the WAN address of port mappings, connection requests and the Inform. */
const struct iface *config_wan_default(const struct config_store *cs);
bool config_wan_default_ipv4(const struct config_store *cs, struct in_addr *addr);

/* A pool's domain-name: host-name characters, at most DHCP_DOMAIN_MAX. */
bool dhcp_domain_valid(const char *s);

/* The dotted hexadecimal of `hardware-address` and `client-identifier` (0100.5e00.5301: groups
 * of up to four digits, each group a whole number of bytes): parses into out (at most cap bytes)
 * and sets *n; false when it is not that. dhcp_hex_text writes bytes back in IOS's form, two
 * bytes a group. */
bool dhcp_hex_parse(const char *s, uint8_t *out, size_t cap, size_t *n);
void dhcp_hex_text(const uint8_t *b, size_t n, struct strbuf *out);
/* The MAC address of a manual binding: its hardware-address, or a client-identifier of type 1
 * (Ethernet) followed by six bytes. False when it has neither. */
bool dhcp_pool_client_mac(const struct dhcp_pool *p, uint8_t mac[6]);

/* `ip dhcp class` lines: the index of one, -1 when none; adding one that exists does nothing
 * (false when the table is full); removing one removes it from every pool too. A pool's class by
 * name (NULL when none), and adding one (NULL when the pool has DHCP_POOL_CLASSES_MAX). */
int config_dhcp_class_find(const struct config_store *cs, const char *name);
bool config_dhcp_class_add(struct config_store *cs, const char *name);
void config_dhcp_class_delete(struct config_store *cs, const char *name);
struct dhcp_pool_class *config_pool_class_find(struct dhcp_pool *p, const char *name);
struct dhcp_pool_class *config_pool_class_add(struct dhcp_pool *p, const char *name);
void config_pool_class_delete(struct dhcp_pool *p, struct dhcp_pool_class *pc);

/* Interface kinds: Ethernet ports take speed and duplex; Dialer interfaces are PPP. */
bool iface_is_ethernet(const char *name);
bool iface_is_dialer(const char *name);

/* An address as inet_ntop writes it (a.b.c.d), without its cost (it is sprintf): rendering
 * writes one or two a line. ipv4_text writes it NUL-terminated at p (INET_ADDRSTRLEN bytes at
 * most) and returns its length; sb_put_ipv4 appends it. */
size_t ipv4_text(struct in_addr a, char *p);
void sb_put_ipv4(struct strbuf *out, struct in_addr a);

/* Rendering (config_render_net.c): sections of running-config, and lines inside blocks. */
void render_dhcp_service(const struct config_store *cs, struct strbuf *out);
void render_name_servers(const struct config_store *cs, struct strbuf *out);
void render_routes(const struct config_store *cs, struct strbuf *out);
void render_pool_net(const struct dhcp_pool *p, struct strbuf *out);
void render_iface_net(const struct iface *f, struct strbuf *out);
void render_iface_mtu(const struct iface *f, struct strbuf *out);
/* An interface's IP MTU: `ip mtu`, else IF_IP_MTU_DEFAULT. */
int iface_ip_mtu(const struct iface *f);

#endif
