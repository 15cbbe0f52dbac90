/* UDP connection requests (TR-069 Annex G.2.2): one datagram holding an HTTP GET whose URL
 * carries ts (seconds since the epoch, the ACS's clock), id (never the same twice), un (the
 * ConnectionRequestUsername), cn (a random cnonce) and sig, the HMAC-SHA1 in hex of the
 * concatenation ts id un cn keyed by the ConnectionRequestPassword. No answer is ever sent: a
 * request is accepted or dropped, and counted. No socket here, for the unit tests and the
 * fuzzer. */
#ifndef CWMP_UDP_CR_H
#define CWMP_UDP_CR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "persist.h" /* struct udp_cr_replay, kept across restarts */

struct udp_cr_request {
    char ts[UDP_CR_VALUE_MAX + 1], id[UDP_CR_VALUE_MAX + 1], un[UDP_CR_VALUE_MAX + 1],
        cn[UDP_CR_VALUE_MAX + 1], sig[UDP_CR_VALUE_MAX + 1];
    unsigned long long ts_value;
};

/* Reads "GET http://HOST[:PORT][/PATH]?ts=..&id=..&un=..&cn=..&sig=.. HTTP/1.1" and its headers
 * (ignored); the fields in any order, %XX decoded. Returns 0, or -1 when it is not such a request
 * (another method or version, a field missing or twice, ts not a number). */
int udp_cr_parse(const char *buf, size_t len, struct udp_cr_request *r);

/* Whether sig is the HMAC-SHA1 of ts id un cn keyed by the password (hex, either case). */
bool udp_cr_signature_ok(const struct udp_cr_request *r, const char *password);

enum udp_cr_verdict {
    UDP_CR_ACCEPT,
    UDP_CR_MALFORMED,    /* not a UDP connection request */
    UDP_CR_BAD_USERNAME, /* un is not the ConnectionRequestUsername (or none is set) */
    UDP_CR_BAD_SIGNATURE,
    UDP_CR_OLD,    /* ts not newer than the last one accepted */
    UDP_CR_REPLAY, /* an id already accepted: the ACS's retransmission, or a replay */
};

/* Decides on one datagram: parse, username, signature, then ts and id against what was accepted
 * (an accepted one is remembered). */
enum udp_cr_verdict udp_cr_check(struct udp_cr_replay *rp, const char *buf, size_t len,
                                 const char *username, const char *password);

#endif
