/* What the UDP connection requests' replay protection remembers (TR-069 Annex G): the timestamp
 * of the last request accepted and the ids of the last ones, in a small file of the state
 * directory written atomically, so that a restart does not open the door to a request captured
 * before it. */
#ifndef CWMP_UDP_CR_REPLAY_H
#define CWMP_UDP_CR_REPLAY_H

#include <stdbool.h>

#include "strbuf.h"

#define UDP_CR_REPLAY_FILE "udp-cr-replay"
#define UDP_CR_VALUE_MAX   256 /* the longest value of one query field kept */
#define UDP_CR_IDS         16  /* the ids of the last accepted requests remembered */

struct udp_cr_replay {
    bool any;
    unsigned long long last_ts;
    char ids[UDP_CR_IDS][UDP_CR_VALUE_MAX + 1]; /* a ring, "" unused */
    unsigned next;                              /* where the next id goes: the oldest one */
};

/* Reads the file into rp (emptied first); a missing file is an empty memory. Returns 0, or -1
 * with the reason in err (rp then holds what was read before the bad line). */
int udp_cr_replay_load(const char *path, struct udp_cr_replay *rp, struct strbuf *err);
/* Writes it atomically. Returns 0 or a negative errno. */
int udp_cr_replay_save(const char *path, const struct udp_cr_replay *rp);

#endif
