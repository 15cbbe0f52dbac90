/* Echo packets, ICMP errors and statistics: the diagnostics' parts that need no socket. */
#include "diag_pkt.h"

#include <arpa/inet.h>
#include <string.h>

uint16_t diag_checksum(const void *data, size_t len)
{
    const uint8_t *p = data;
    uint32_t sum = 0;
    for (; len > 1; p += 2, len -= 2)
        sum += (uint32_t)p[0] << 8 | p[1];
    if (len)
        sum += (uint32_t)p[0] << 8;
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    return (uint16_t)~sum;
}

size_t diag_echo_data_size(int family, unsigned size, bool size_is_datagram)
{
    if (!size_is_datagram)
        return size;
    unsigned headers =
        (family == AF_INET6 ? DIAG_IPV6_HEADER : DIAG_IPV4_HEADER) + DIAG_ICMP_HEADER;
    return size > headers ? size - headers : 0;
}

unsigned diag_echo_datagram(int family, size_t data)
{
    return (unsigned)data + (family == AF_INET6 ? DIAG_IPV6_HEADER : DIAG_IPV4_HEADER) +
           DIAG_ICMP_HEADER;
}

size_t diag_echo_build(uint8_t *buf, size_t cap, int family, uint16_t id, uint16_t seq, size_t data)
{
    size_t len = DIAG_ICMP_HEADER + data;
    if (cap < len)
        return 0;
    buf[0] = family == AF_INET6 ? 128 : 8; /* echo request */
    buf[1] = 0;
    buf[2] = buf[3] = 0;
    buf[4] = (uint8_t)(id >> 8);
    buf[5] = (uint8_t)id;
    buf[6] = (uint8_t)(seq >> 8);
    buf[7] = (uint8_t)seq;
    /* IOS's data pattern, which an operator recognises in a capture. */
    for (size_t i = 0; i < data; i++)
        buf[DIAG_ICMP_HEADER + i] = i % 2 ? 0xCD : 0xAB;
    if (family != AF_INET6) {
        uint16_t sum = diag_checksum(buf, len);
        buf[2] = (uint8_t)(sum >> 8);
        buf[3] = (uint8_t)sum;
    }
    return len;
}

bool diag_echo_parse(const uint8_t *buf, size_t len, int family, bool ip_header, uint16_t *id,
                     uint16_t *seq)
{
    if (ip_header && family == AF_INET) {
        if (len < DIAG_IPV4_HEADER || buf[0] >> 4 != 4)
            return false;
        size_t ihl = (size_t)(buf[0] & 0x0f) * 4;
        if (ihl < DIAG_IPV4_HEADER || ihl > len)
            return false;
        buf += ihl;
        len -= ihl;
    }
    if (len < DIAG_ICMP_HEADER)
        return false;
    if (buf[0] != (family == AF_INET6 ? 129 : 0) || buf[1] != 0) /* echo reply */
        return false;
    *id = (uint16_t)(buf[4] << 8 | buf[5]);
    *seq = (uint16_t)(buf[6] << 8 | buf[7]);
    return true;
}

enum diag_icmp_kind diag_icmp_classify(int family, uint8_t type, uint8_t code)
{
    if (family == AF_INET6) {
        switch (type) {
        case 1: /* destination unreachable */
            return code == 4 ? DIAG_ICMP_PORT_UNREACH : DIAG_ICMP_UNREACH;
        case 2:
            return DIAG_ICMP_TOO_BIG;
        case 3:
            return DIAG_ICMP_TIME_EXCEEDED;
        default:
            return DIAG_ICMP_OTHER;
        }
    }
    switch (type) {
    case 3: /* destination unreachable */
        if (code == 3)
            return DIAG_ICMP_PORT_UNREACH;
        return code == 4 ? DIAG_ICMP_TOO_BIG : DIAG_ICMP_UNREACH;
    case 4:
        return DIAG_ICMP_QUENCH;
    case 11:
        return DIAG_ICMP_TIME_EXCEEDED;
    default:
        return DIAG_ICMP_OTHER;
    }
}

/* Traceroute's mark of an unreachable: IOS's !N, !H, !P, !A, or U for the rest. */
static char unreach_mark(int family, uint8_t code)
{
    if (family == AF_INET6) {
        switch (code) {
        case 0:
            return 'N';
        case 1:
            return 'A';
        case 3:
            return 'H';
        default:
            return 'U';
        }
    }
    switch (code) {
    case 0:
    case 6:
    case 11:
        return 'N';
    case 1:
    case 7:
    case 12:
        return 'H';
    case 2:
        return 'P';
    case 9:
    case 10:
    case 13:
        return 'A';
    default:
        return 'U';
    }
}

char diag_icmp_mark(int family, uint8_t type, uint8_t code, bool trace)
{
    enum diag_icmp_kind k = diag_icmp_classify(family, type, code);
    if (trace) {
        switch (k) {
        case DIAG_ICMP_TIME_EXCEEDED:
        case DIAG_ICMP_PORT_UNREACH:
            return 0;
        case DIAG_ICMP_UNREACH:
            return unreach_mark(family, code);
        case DIAG_ICMP_TOO_BIG:
            return 'F';
        case DIAG_ICMP_QUENCH:
            return 'Q';
        default:
            return '?';
        }
    }
    switch (k) {
    case DIAG_ICMP_PORT_UNREACH:
    case DIAG_ICMP_UNREACH:
        return 'U';
    case DIAG_ICMP_TOO_BIG:
        return 'M';
    case DIAG_ICMP_QUENCH:
        return 'Q';
    case DIAG_ICMP_TIME_EXCEEDED:
        return '&';
    default:
        return '?';
    }
}

void diag_stats_add(struct diag_result *r, int64_t rtt_us)
{
    r->sent++;
    if (rtt_us < 0) {
        r->failure++;
        return;
    }
    uint64_t us = (uint64_t)rtt_us;
    if (r->success == 0 || us < r->min_us)
        r->min_us = us;
    if (r->success == 0 || us > r->max_us)
        r->max_us = us;
    r->sum_us += us;
    r->success++;
}
