/* What the Check suites share. */
#ifndef CWMP_TESTS_UNIT_H
#define CWMP_TESTS_UNIT_H

#include <check.h>
#include <stdio.h>
#include <stdlib.h>

/* Runs a suite and returns the process's exit status. */
static inline int unit_run(Suite *s)
{
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

/* The check what cannot run here (say what it lacks): the test returns without it, and make check
 * reports what as skipped, not passed (tests/driver). */
static inline void unit_skip_part(const char *what)
{
    printf("SKIP (part): %s\n", what);
    const char *parts = getenv("TEST_SKIPPED_PARTS");
    FILE *f = parts && *parts ? fopen(parts, "a") : NULL;
    if (f) {
        fprintf(f, "%s\n", what);
        fclose(f);
    }
}

struct agent;
/* An agent without a socket (agent_init_core) in a new temporary state directory, dir[64]. */
void unit_agent_start(struct agent *a, char dir[64]);
/* Frees it and removes its state directory. */
void unit_agent_stop(struct agent *a, const char *dir);

struct strbuf;
/* Runs one configuration line in a privileged session of its own, from global configuration mode;
 * returns its status (an enum cmd_status) and leaves its output in out. */
int unit_config_line(struct agent *a, const char *line, struct strbuf *out);

#endif
