/* The CWMP state file (cwmp_state.h) of arbitrary text, loaded as cwmpd loads it at start: the
 * file survives restarts, so it is whatever a crash, a full disk or an operator left there.
 *
 * Besides not crashing: a file refused says why; a file loaded without error is saved, and that
 * saved text loads without error and saves again to the same bytes. A state cwmpd accepts is one
 * it can write and read back: otherwise the next restart drops the whole state (events, the
 * ParameterKey, instance numbers), or slowly changes it. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "cwmp_state.h"
#include "fileio.h"
#include "harness.h"
#include "xalloc.h"

#define SAVED_MAX (64u * 1024u * 1024u)

/* Saves s as the file name of the temporary directory and returns its text. */
static char *save_text(const struct cwmp_state *s, const char *name, size_t *len)
{
    struct strbuf path = STRBUF_INIT, err = STRBUF_INIT;
    sb_printf(&path, "%s/%s", fuzz_temp_dir(), name);
    if (cwmp_state_save(s, sb_str(&path), &err) < 0)
        fuzz_fail("cwmp_state_save: %s", sb_str(&err));
    char *text;
    int rc = file_read_all(sb_str(&path), SAVED_MAX, &text, len);
    if (rc < 0)
        fuzz_fail("cannot read back %s: %s", sb_str(&path), strerror(-rc));
    sb_free(&path);
    sb_free(&err);
    return text;
}

static int by_text(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The lines of a text, sorted: two saved states with the same records in another order compare
 * equal, which tells a text that is not canonical from a state that changed. */
static char **sorted_lines(char *text, size_t *n)
{
    char **v = NULL;
    size_t cap = 0;
    *n = 0;
    for (char *save = NULL, *l = strtok_r(text, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
        v = xgrow(v, &cap, *n + 1, sizeof *v);
        v[(*n)++] = l;
    }
    if (*n)
        qsort(v, *n, sizeof *v, by_text);
    return v;
}

static bool same_records(const char *first, const char *again)
{
    char *a = xstrdup(first), *b = xstrdup(again);
    size_t na, nb;
    char **la = sorted_lines(a, &na), **lb = sorted_lines(b, &nb);
    bool same = na == nb;
    for (size_t i = 0; same && i < na; i++)
        same = !strcmp(la[i], lb[i]);
    free(la);
    free(lb);
    free(a);
    free(b);
    return same;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *input = fuzz_write_file("input", data, size);
    struct cwmp_state s;
    struct strbuf err = STRBUF_INIT;
    int rc = cwmp_state_load(&s, input, &err);
    if (rc < 0) {
        if (!err.len)
            fuzz_fail("cwmp_state_load refused the file without a reason");
        cwmp_state_free(&s);
        sb_free(&err);
        return 0;
    }
    if (err.len)
        fuzz_fail("cwmp_state_load accepted the file with a message: %s", sb_str(&err));

    size_t len1, len2;
    char *first = save_text(&s, "saved", &len1);
    cwmp_state_free(&s);
    struct strbuf path = STRBUF_INIT;
    sb_printf(&path, "%s/saved", fuzz_temp_dir());
    if (cwmp_state_load(&s, sb_str(&path), &err) < 0)
        fuzz_fail("cwmpd cannot load the state it saved: %s\n--- saved:\n%s", sb_str(&err), first);
    char *again = save_text(&s, "again", &len2);
    bool same = len1 == len2 && memcmp(first, again, len1) == 0;
    if (!same)
        fuzz_fail("load -> save -> load -> save %s\n--- saved first:\n%s"
                  "--- saved after loading that:\n%s",
                  same_records(first, again) ? "writes the same records in another order"
                                             : "changes the state",
                  first, again);
    free(first);
    free(again);
    cwmp_state_free(&s);
    sb_free(&path);
    sb_free(&err);
    return 0;
}
