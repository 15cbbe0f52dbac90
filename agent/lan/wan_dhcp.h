/* The WAN side's DHCP as cwmpd reads it off the wire (TR-069 §3.1, IOS's autoinstall), whatever
 * DHCP client runs: a DHCPv4 ACK to this device carries the ACS's sub-options (option 43 or 125)
 * and the TFTP servers of autoinstall (options 150, 66, 67); a NAK, the device's own RELEASE or
 * DECLINE, or the lease running out ends what it named. A DHCPv6 Reply carries them in option 17
 * under enterprise 3561. A parser and nothing else: no I/O, no allocation; every length is
 * checked, since whoever answers DHCP on the WAN writes these bytes. */
#ifndef CWMP_WAN_DHCP_H
#define CWMP_WAN_DHCP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dhcp_acs.h"
#include "dhcp_packet.h"
#include "strbuf.h"

#define WAN_DHCP_OPT_MAX  1024 /* the most of one option's value that is kept (as the LAN's) */
#define WAN_DHCP_TFTP_MAX 255  /* the comma-separated TFTP servers (63 addresses of option 150) */

/* What a DHCPv4 message to or from this device means to the WAN watcher. */
enum wan_dhcp_event {
    WAN_DHCP_IGNORE, /* another device's, a client's request, an OFFER, a malformed one */
    WAN_DHCP_ACK,    /* a lease (or an INFORM's answer) for this device: what it carries */
    WAN_DHCP_END,    /* the lease ended: a NAK to this device, its own RELEASE or DECLINE */
};

struct wan_dhcp4 {
    struct dhcp_msg m; /* type, chaddr, yiaddr, lease time (dhcp_packet.h) */
    /* The ACS's option: 43 when there, else 125 (as the hooks choose); has_acs false: neither. */
    bool has_acs;
    enum acs_dhcp_source acs_src;
    uint8_t acs[WAN_DHCP_OPT_MAX];
    size_t acs_len;
    /* Option 150's addresses in their order, else option 66's name: "" when neither. */
    char tftp[WAN_DHCP_TFTP_MAX + 1];
    char bootfile[256]; /* option 67, "" when none */
};

/* Parses a DHCPv4 message (from the BOOTP op field on). Returns 0, or -1 with the reason in why.
 * An option 150 that is not whole addresses, or an option 66 or 67 that is not printable text,
 * is dropped with its reason in why but does not fail the message. */
int wan_dhcp4_parse(const uint8_t *p, size_t len, struct wan_dhcp4 *out, struct strbuf *why);

/* What a parsed message means for the interface whose hardware address is mac. */
enum wan_dhcp_event wan_dhcp4_event(const struct wan_dhcp4 *w, const uint8_t mac[6]);

/* DHCPv6 message types that matter (RFC 8415). */
enum {
    DHCP6_SOLICIT = 1,
    DHCP6_ADVERTISE = 2,
    DHCP6_REQUEST = 3,
    DHCP6_CONFIRM = 4,
    DHCP6_RENEW = 5,
    DHCP6_REBIND = 6,
    DHCP6_REPLY = 7,
    DHCP6_RELEASE = 8,
    DHCP6_DECLINE = 9,
    DHCP6_INFORMATION_REQUEST = 11,
};

struct wan_dhcp6 {
    uint8_t type;
    uint32_t xid; /* 24 bits */
    bool has_acs; /* option 17 under enterprise 3561: its whole value, the number included */
    uint8_t acs[WAN_DHCP_OPT_MAX];
    size_t acs_len;
    /* The longest valid lifetime of the addresses and prefixes the message gives (0xffffffff:
     * for ever); has_lifetime false when it gives none (an Information-request's answer). */
    bool has_lifetime;
    uint32_t valid;
    bool status_error; /* a Status Code option other than Success at the top level */
};

/* Parses a DHCPv6 message (the UDP payload). Relayed messages are refused. Returns 0, or -1 with
 * the reason in why. */
int wan_dhcp6_parse(const uint8_t *p, size_t len, struct wan_dhcp6 *out, struct strbuf *why);

/* Whether a DHCPv6 message type is a client's, sent with a transaction id the Reply repeats. */
bool wan_dhcp6_from_client(uint8_t type);

/* The UDP payload of an IPv6 packet between DHCPv6 ports (546, 547), without extension headers.
 * Returns 0 with *payload, *plen and the destination port, or -1 with why. */
int dhcp_ipv6_payload(const uint8_t *p, size_t len, const uint8_t **payload, size_t *plen,
                      unsigned *dport, struct strbuf *why);

#endif
