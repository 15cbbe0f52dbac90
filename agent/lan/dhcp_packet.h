/* DHCPv4 messages as cwmpd's snooper sees them on a LAN interface: the IPv4 and UDP headers
 * around them, the BOOTP header, the magic cookie and the options that matter to the lease table
 * (53 message type, 61 client identifier, 12 host name, 50 requested address, 51 lease time,
 * 54 server identifier, 125 the device's TR-069 identity). A parser only: no I/O, no allocation;
 * every length is checked, since any device of the LAN writes these bytes. */
#ifndef CWMP_DHCP_PACKET_H
#define CWMP_DHCP_PACKET_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dhcp_opt125.h"
#include "strbuf.h"

enum dhcp_type {
    DHCP_NONE = 0, /* plain BOOTP: no option 53 */
    DHCPDISCOVER = 1,
    DHCPOFFER = 2,
    DHCPREQUEST = 3,
    DHCPDECLINE = 4,
    DHCPACK = 5,
    DHCPNAK = 6,
    DHCPRELEASE = 7,
    DHCPINFORM = 8,
};

#define DHCP_LEASE_INFINITE 0xffffffffu
#define DHCP_HOSTNAME_MAX   64
#define DHCP_CLIENT_ID_MAX  64

struct dhcp_msg {
    uint8_t op; /* 1 BOOTREQUEST (client), 2 BOOTREPLY (server) */
    enum dhcp_type type;
    uint8_t chaddr[6]; /* Ethernet hardware address (htype 1, hlen 6 only) */
    uint32_t xid;
    struct in_addr ciaddr, yiaddr;
    bool has_requested, has_lease, has_server_id;
    struct in_addr requested;             /* option 50 */
    uint32_t lease;                       /* option 51, seconds; DHCP_LEASE_INFINITE */
    struct in_addr server_id;             /* option 54 */
    char hostname[DHCP_HOSTNAME_MAX + 1]; /* option 12 when valid text, else empty */
    uint8_t client_id[DHCP_CLIENT_ID_MAX];
    size_t client_id_len; /* 0: no option 61 (a longer one is cut to its first 64 bytes) */
    /* Option 125: 1 identity found, 0 none (no option or no 3561 block), -1 refused, with the
     * reason in identity_why. A refused option 125 does not make the message unusable. */
    int identity_rc;
    struct tr111_identity identity;
    char identity_why[160];
};

/* Parses a DHCP message (from the BOOTP op field on). Returns 0, or -1 with the reason in why
 * (too short, not Ethernet, no magic cookie, an option running past its field). */
int dhcp_msg_parse(const uint8_t *p, size_t len, struct dhcp_msg *m, struct strbuf *why);

/* The UDP payload of an IPv4 packet between DHCP ports (67 or 68 on either side). Returns 0 with
 * *payload and *plen set, or -1 with why (not IPv4, a fragment, not UDP, lengths that disagree,
 * other ports). */
int dhcp_ipv4_payload(const uint8_t *p, size_t len, const uint8_t **payload, size_t *plen,
                      struct strbuf *why);

/* The value of one option of a DHCP message (p as for dhcp_msg_parse): its instances concatenated
 * (RFC 3396), in the file and sname fields too when option 52 says so, at most cap bytes (*olen
 * tells how many). Returns 1 when the option is there, 0 when not, -1 when the message is
 * malformed (why). */
int dhcp_msg_option(const uint8_t *p, size_t len, uint8_t code, uint8_t *buf, size_t cap,
                    size_t *olen, struct strbuf *why);

const char *dhcp_type_name(enum dhcp_type t);

#endif
