/* The kernel's connection tracking, read for show ip nat translations: the entries whose
 * addresses or ports NAT changed, in IOS's four addresses. The table is /proc/net/nf_conntrack, or
 * the file CWMPD_CONNTRACK names (the same lines, or those of `conntrack -L`: tests and systems
 * that keep the table elsewhere). */
#ifndef CWMP_CONNTRACK_H
#define CWMP_CONNTRACK_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stdint.h>

#define CONNTRACK_DEFAULT_PATH "/proc/net/nf_conntrack"

/* One translation as IOS shows it: inside global, inside local, outside local, outside global. */
struct nat_translation {
    char proto[8]; /* tcp, udp, icmp */
    struct in_addr inside_global, inside_local, outside_local, outside_global;
    uint16_t ig_port, il_port, ol_port, og_port; /* ICMP: the echo identifier */
};

/* One line of the table; false when it is no IPv4 TCP, UDP or ICMP entry that NAT translated. */
bool conntrack_parse_line(const char *line, struct nat_translation *t);

/* The table's path: CWMPD_CONNTRACK, else CONNTRACK_DEFAULT_PATH. */
const char *conntrack_path(void);

#endif
