/* configure replace: the running configuration replaced by a whole saved one, as IOS does it:
 * the difference between the two applied through the parser (the lines only the running
 * configuration has negated with their `no` forms, the new ones added), in passes until the
 * running configuration renders as the file does, in one transaction (config_txn.h) that is
 * swapped in only then: a fault anywhere leaves the running configuration as it was. */
#ifndef CWMP_CONFIG_REPLACE_H
#define CWMP_CONFIG_REPLACE_H

#include <stddef.h>

#include "strbuf.h"

struct agent;
struct config_store;

/* IOS stops after five passes, which keeps a difference that never settles from looping. */
#define CONFIG_REPLACE_MAX_PASSES 5

/* The lines that take the configuration rendered as cur to the one rendered as target, for one
 * pass: first the negations (from the bottom up, so that what refers to an earlier line goes
 * before it), then the additions, each block's lines after its header. A line of *lines each
 * (free them and the array). */
void config_replace_diff(const char *cur, const char *target, char ***lines, size_t *n);

/* Replaces the running configuration by text (a configuration file's lines, named name in the
 * messages), by user on line where. Returns the passes it took (0: the same configuration), the
 * change announced; or -1 with err saying why, nothing changed: a line of the file the parser
 * refuses (with its number), lines the passes could not apply, or a difference left after
 * CONFIG_REPLACE_MAX_PASSES passes. */
int config_replace(struct agent *a, const char *text, const char *name, const char *user,
                   const char *where, struct strbuf *err);

#endif
