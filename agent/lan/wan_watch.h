/* ACS discovery (TR-069 §3.1) and autoinstall without a DHCP client hook: cwmpd watches the WAN
 * interfaces' DHCP itself, with a second instance of the LAN's snooper (dhcp_snoop.h), so that any
 * DHCP client works. A DHCPv4 ACK to the interface's own hardware address names the ACS (option 43,
 * else 125: acs_discovery_learn) and offers autoinstall its TFTP servers (150, else 66, and 67:
 * agent_tftp_offered); a NAK to it, its own RELEASE or DECLINE, or the lease time running out
 * without an ACK forgets the ACS. A DHCPv6 Reply to a client message the interface sent (same
 * transaction id) names the ACS with option 17 under enterprise 3561; the interface's Release or
 * the end of the longest valid lifetime the Reply gave forgets it. What one family named is
 * forgotten only by the end of that family's lease. A DHCP client hook may run as well: learning
 * the same option twice changes nothing. */
#ifndef CWMP_WAN_WATCH_H
#define CWMP_WAN_WATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "strbuf.h"

struct agent;

/* At start (agent_init): watches the Linux interfaces of --wan-dhcp, or without it the
 * interfaces of the running configuration marked `cwmp wan` (following the configuration); the
 * single name "none": no watching. */
void wan_watch_start(struct agent *a, const char *const *names, size_t n);
void wan_watch_stop(struct agent *a);
/* The running configuration changed: the watched WAN interfaces follow it (without
 * --wan-dhcp). */
void wan_watch_config_changed(struct agent *a);
/* For show cwmp session: the WAN interfaces whose DHCP is watched now, as IOS names them (with
 * the Linux name), or why none is ("off", "not permitted ...", "waiting for eth1"). */
void wan_watch_show(const struct agent *a, struct strbuf *out);
/* One DHCP message (the UDP payload) seen on a watched WAN interface whose hardware address is
 * mac: family 4 or 6, outgoing when this machine sent it. The snooper's callback; tests feed it
 * too. Does nothing before wan_watch_start. */
void wan_watch_seen(struct agent *a, const char *linux_ifname, const uint8_t mac[6], int family,
                    bool outgoing, const uint8_t *dhcp, size_t len);

#endif
