/* What the fuzz targets of fuzz/ share.
 *
 * Every target defines LLVMFuzzerTestOneInput. It is linked either with libFuzzer (make fuzz,
 * clang) or with replay.c (make check, any compiler), which feeds it the files of the target's
 * corpus. */
#ifndef CWMP_FUZZ_HARNESS_H
#define CWMP_FUZZ_HARNESS_H

#include <stddef.h>
#include <stdint.h>

#include "agent.h"

/* The entry point libFuzzer calls for each input; always returns 0. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The agent the agent-level targets share: grammar, handlers and a state directory in a temporary
 * directory, created on first use (building the grammar for every input would drown the parser's
 * own cost) and removed at exit. */
struct agent *fuzz_agent(void);

/* Makes inputs independent of each other: an empty running configuration, no startup-config
 * (write memory in one input must not change what copy startup-config does in the next), an
 * empty CWMP state (fuzz_agent_reset_cwmp) and no DHCP leases. */
void fuzz_agent_reset(struct agent *a);

/* Resets the CWMP state of an agent: as after a start with no cwmp-state file. */
void fuzz_agent_reset_cwmp(struct agent *a);

/* The property every configuration must have: rendering it, loading that text into an empty store
 * as a startup-config and rendering again gives the same bytes, and no line is rejected. Aborts
 * (so that libFuzzer keeps the input) with both texts on stderr when it does not hold. */
void fuzz_check_render_roundtrip(struct agent *a);

/* A directory of this process's own, for the files a target hands to a parser that reads files:
 * made on first use under $TMPDIR, else /dev/shm (state files are fsynced: free on a tmpfs,
 * costly on a disk), else /tmp, and removed with everything in it at exit, by fuzz_fail and on a
 * sanitizer's report where the runtime lets us (clang's). */
const char *fuzz_temp_dir(void);

/* Writes the input as the file name of fuzz_temp_dir (replacing it) and returns its path, valid
 * until the next call. */
const char *fuzz_write_file(const char *name, const uint8_t *data, size_t size);

/* A NUL-terminated copy of the input (an embedded NUL ends the text early, as it would for C). */
char *fuzz_cstr(const uint8_t *data, size_t size);

/* Reports a broken property and aborts. */
void fuzz_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

#endif
