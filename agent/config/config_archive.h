/* The configuration archive (`archive` in configuration mode): copies of the running
 * configuration saved under the archive path with a number appended, `path flash:config` giving
 * flash:config-1, flash:config-2 and so on, by `archive config`, by `write memory` with
 * `write-memory` set, and every `time-period` minutes. At most `maximum` copies are kept: saving
 * one more deletes the oldest, and the numbers go on growing (flash:config-11 follows
 * flash:config-10 and deletes flash:config-1), as IOS does. As on IOS the list is the agent's
 * memory, not a file: after a restart it starts again from 1. */
#ifndef CWMP_CONFIG_ARCHIVE_H
#define CWMP_CONFIG_ARCHIVE_H

#include <stdint.h>

#include "strbuf.h"

struct agent;

/* The most copies IOS keeps (the range of `maximum`). */
#define ARCHIVE_COPIES_MAX 14

/* Saves the running configuration as the archive's next file. Returns 0; or -1 with the IOS
 * message in err ("% No archive path specified", "%Error opening flash:NAME (reason)"), the
 * archive as it was. Only flash: paths are archived to: another path is refused. */
int config_archive_save(struct agent *a, struct strbuf *err);

/* show archive: the maximum, how many copies there are, the next file's name and the list, one
 * row per copy allowed, the newest marked "<- Most Recent". */
void config_archive_show(struct agent *a, struct strbuf *out);

/* Follows the running configuration's `time-period`: arms the timer that archives every that
 * many minutes, re-armed only when the period changed (another change of the configuration does
 * not put the next archive off). Called at start and at every change of the configuration. */
void config_archive_schedule(struct agent *a);
/* The timer's work: archives (a failure is logged) and arms the timer again. */
void config_archive_periodic(struct agent *a);
/* The milliseconds the periodic timer is armed for, 0 when it is not (for tests). */
uint64_t config_archive_period_ms(const struct agent *a);

void config_archive_free(struct agent *a);

#endif
