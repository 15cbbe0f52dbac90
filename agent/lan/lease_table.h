/* The DHCP leases cwmpd knows of on its LAN interfaces, learnt by snooping DHCP (dhcp_snoop.h) or
 * pushed by a DHCP server's lease script (cwmp lease add): the Hosts tables of the LANDevices and,
 * for the leases whose device sent its TR-069 identity in option 125, the ManageableDevice table
 * (TR-111 part 1). Plain data and its file format; the agent's glue is in tr111.h. */
#ifndef CWMP_LEASE_TABLE_H
#define CWMP_LEASE_TABLE_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "configuration.h"
#include "dhcp_opt125.h"
#include "dhcp_packet.h"
#include "strbuf.h"

#define LEASES_MAX     1024 /* beyond that a new device is refused (a LAN flooding made-up MACs) */
#define LEASE_FILE_MAX (256u * 1024u)

struct lease {
    uint8_t mac[6];
    char ifname[IFNAME_MAX]; /* the IOS interface it was seen on; "" when unknown */
    struct in_addr addr;     /* 0.0.0.0: identity seen, no ACK yet */
    long long expires;       /* epoch seconds; unused when infinite */
    bool infinite;
    bool has_identity;
    struct tr111_identity id;
    char hostname[DHCP_HOSTNAME_MAX + 1];
};

struct lease_table {
    struct lease *v;
    size_t n, cap;
};

void lease_table_free(struct lease_table *t);
struct lease *lease_find(struct lease_table *t, const uint8_t mac[6]);
/* The lease of mac, created empty when new; NULL when the table is full. */
struct lease *lease_get(struct lease_table *t, const uint8_t mac[6]);
/* Removes the lease of mac; returns whether there was one. */
bool lease_remove(struct lease_table *t, const uint8_t mac[6]);
static inline bool lease_bound(const struct lease *l)
{
    return l->addr.s_addr != 0;
}
/* Seconds left (-1 infinite, 0 at most for an expired one). */
long long lease_remaining(const struct lease *l, long long now);
/* Removes the bound leases that have expired and the unbound ones older than their deadline
 * (expires is also the deadline of an identity waiting for its ACK); returns how many. */
size_t lease_table_expire(struct lease_table *t, long long now);
/* The earliest expiry among the leases, or -1 when none expires. */
long long lease_table_next_expiry(const struct lease_table *t);

/* MAC addresses: "aa:bb:cc:dd:ee:ff" out; in, also '-' separators and IOS's "aabb.ccdd.eeff". */
void mac_format(const uint8_t mac[6], char out[18]);
bool mac_parse(const char *s, uint8_t mac[6]);

/* The instance key of a device's identity in the ManageableDevice table (unique by OUI, serial
 * and class, as TR-098's uniqueKey says). */
void tr111_identity_key(const struct tr111_identity *id, struct strbuf *out);

/* The lease file: bound leases, one per line,
 *   lease MAC ADDRESS EXPIRES|infinite INTERFACE HOSTNAME [OUI SERIAL CLASS]
 * fields percent-encoded as in cwmp-state ("%" for an empty one), after a comment line. */
void lease_table_render(const struct lease_table *t, struct strbuf *out);
/* Loads text into an empty table, strictly: any bad line refuses the whole file (returns -1 with
 * the line and reason in why, the table left empty). Leases expired at now are dropped silently. */
int lease_table_parse(struct lease_table *t, const char *text, size_t len, long long now,
                      struct strbuf *why);

#endif
