/* The pure parts of the diagnostics: ICMP echo packets built and read, the errors of the error
 * queue told apart, the round-trip statistics. No socket here, so that unit tests reach all of
 * it. */
#ifndef CWMP_DIAG_PKT_H
#define CWMP_DIAG_PKT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"

#define DIAG_ICMP_HEADER 8u
#define DIAG_IPV4_HEADER 20u
#define DIAG_IPV6_HEADER 40u

/* The Internet checksum (RFC 1071) of len bytes. */
uint16_t diag_checksum(const void *data, size_t len);

/* The ICMP data bytes of an echo: size itself, or size less the IP and ICMP headers when it is
 * IOS's datagram size (never below zero). */
size_t diag_echo_data_size(int family, unsigned size, bool size_is_datagram);
/* The datagram's size as IOS prints it: the IP and ICMP headers and the data. */
unsigned diag_echo_datagram(int family, size_t data);

/* Writes an echo request (ICMP for AF_INET, with its checksum; ICMPv6 for AF_INET6, whose
 * checksum the kernel computes) of data bytes of IOS's pattern (0xABCD) into buf; returns its
 * length, or 0 when cap is too small. */
size_t diag_echo_build(uint8_t *buf, size_t cap, int family, uint16_t id, uint16_t seq,
                       size_t data);

/* Reads what an ICMP socket received: an echo reply sets *id and *seq and returns true. ip_header:
 * the bytes start with the IPv4 header (a raw IPv4 socket). Anything else (our own request looped
 * back, another ICMP message, a short packet) is false. */
bool diag_echo_parse(const uint8_t *buf, size_t len, int family, bool ip_header, uint16_t *id,
                     uint16_t *seq);

/* What an ICMP error (an ICMP or ICMPv6 type and code) means. */
enum diag_icmp_kind {
    DIAG_ICMP_OTHER,         /* not an error a probe cares about */
    DIAG_ICMP_TIME_EXCEEDED, /* a router on the way: a traceroute hop */
    DIAG_ICMP_PORT_UNREACH,  /* the host itself answered a UDP probe */
    DIAG_ICMP_UNREACH,       /* another destination unreachable: the way ends there */
    DIAG_ICMP_TOO_BIG,       /* fragmentation needed, packet too big */
    DIAG_ICMP_QUENCH,        /* source quench */
};
enum diag_icmp_kind diag_icmp_classify(int family, uint8_t type, uint8_t code);
/* IOS's mark of an ICMP error: ping ('U', 'Q', 'M', '&' for a time exceeded, '?'), traceroute
 * ('H', 'N', 'P', 'A', 'U', printed with a '!'; 0 for a time exceeded or a port unreachable,
 * which are answers). */
char diag_icmp_mark(int family, uint8_t type, uint8_t code, bool trace);

/* Counts an answered echo (rtt_us >= 0) or a lost one in the result. */
void diag_stats_add(struct diag_result *r, int64_t rtt_us);

#endif
