/* Building the Inform, and the notification scan that decides what it reports. */
#ifndef CWMP_CWMP_INFORM_H
#define CWMP_CWMP_INFORM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "strbuf.h"

struct agent;

/* The parameters an Inform carried and their values, NUL-separated: what its acknowledgement
 * delivers, no more (a change made while it awaits its response is still owed). */
struct inform_carried {
    struct strbuf names, values;
    size_t n;
};
void cwmp_inform_carried_free(struct inform_carried *c);

/* The Inform in namespace ns with the queued events, the forced parameters and those whose
 * notification fired. Returns the envelope (caller frees) and a one-line summary for debug;
 * *carried (freed first) is set to the parameters it carries. */
struct cwmp_event;
char *cwmp_build_inform(struct agent *a, int ns, const char *id, const struct cwmp_event *events,
                        size_t nevents, unsigned retry_count, struct strbuf *summary, size_t *len,
                        struct inform_carried *carried);

/* Compares every notified parameter with its last value: changes are marked for the next Inform.
 * Returns how many changed; *active is set when one of them asks for a session at once. A change
 * held back by its parameter's notify_limit is not seen yet: *hold_ms is then the milliseconds
 * until the earliest such one may go (0: none held), when the scan should run again. */
size_t cwmp_notify_scan(struct agent *a, bool *active, uint64_t *hold_ms);
/* After a change made by the ACS itself (AddObject, DeleteObject): every notified parameter's
 * value now becomes the one last seen, so that the change is not notified back to it. The changes
 * made by others before must have been scanned first. */
void cwmp_notify_absorb(struct agent *a);
/* After an Inform was acknowledged: the changes it carried with their current value are delivered.
 * Returns whether changes are still owed (made while it awaited its response); *active is set
 * when one of them is of an active notification. */
bool cwmp_notify_delivered(struct agent *a, const struct inform_carried *carried, bool *active);
/* Whether changes are marked for the next Inform; *active: one of them is of an active
 * notification. */
bool cwmp_notify_owed(const struct agent *a, bool *active);

#endif
