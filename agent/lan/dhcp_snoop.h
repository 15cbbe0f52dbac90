/* Watching DHCP on the LAN interfaces (and, in a second instance, on the WAN's): one AF_PACKET
 * socket per Linux interface, with a classic BPF filter that lets only UDP to ports 67 and 68
 * through, non-blocking on the agent's loop. Both directions are seen (a DHCP server on this
 * machine sends its ACKs out of the interface). Needs CAP_NET_RAW; without it the caller is told
 * once and the lease commands remain. */
#ifndef CWMP_DHCP_SNOOP_H
#define CWMP_DHCP_SNOOP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "strbuf.h"

struct loop;
struct dhcp_snoop;

/* One DHCP payload (the UDP data) seen on a watched interface. */
typedef void (*dhcp_snoop_fn)(void *arg, const char *linux_ifname, const uint8_t *dhcp, size_t len);

struct dhcp_snoop *dhcp_snoop_new(struct loop *loop, dhcp_snoop_fn fn, void *arg);

/* The WAN side's (wan_watch.c): DHCPv6 too (UDP to ports 546 and 547), family 4 or 6; outgoing
 * tells a message this machine sent; mac is the interface's hardware address. */
typedef void (*dhcp_snoop_wan_fn)(void *arg, const char *linux_ifname, const uint8_t mac[6],
                                  int family, bool outgoing, const uint8_t *dhcp, size_t len);
struct dhcp_snoop *dhcp_snoop_new_wan(struct loop *loop, dhcp_snoop_wan_fn fn, void *arg);
void dhcp_snoop_free(struct dhcp_snoop *s);
/* Tells fn when an interface's socket fails (the interface went down or away): the socket is then
 * closed, and the interface no longer counts as watched until dhcp_snoop_set opens it again.
 * Without it a failed socket stays, as the LAN's does: the kernel feeds it again once its
 * interface is up. */
void dhcp_snoop_on_lost(struct dhcp_snoop *s, void (*fn)(void *arg, const char *linux_ifname));

/* Watches exactly these interfaces (Linux names): new ones are opened, others closed, one that
 * is another interface now (deleted and made again) opened again; those the system lacks are
 * skipped. Returns the number that could not be opened, their reasons in err
 * ("eth1: Operation not permitted; ..."); *eperm is set when a failure was for want of
 * privilege. */
int dhcp_snoop_set(struct dhcp_snoop *s, const char *const *names, size_t n, struct strbuf *err,
                   int *eperm);
/* How many interfaces are watched now. */
size_t dhcp_snoop_count(const struct dhcp_snoop *s);
/* The name of the ith watched interface. */
const char *dhcp_snoop_name(const struct dhcp_snoop *s, size_t i);

#endif
