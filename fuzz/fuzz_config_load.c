/* A startup-config of arbitrary text, loaded as cwmpd loads one at start.
 *
 * Besides not crashing, the loader must keep its promise (agent.h): every bad line is reported
 * once, with its line number, and the count it returns is the number of bad lines. Whatever was
 * accepted must then survive render -> load -> render unchanged. */
#include <stdlib.h>
#include <string.h>

#include "harness.h"

struct reports {
    int count;
    int last_line;
    int lines; /* in the text */
};

static void on_bad_line(void *arg, int lineno, const char *line, const char *message)
{
    struct reports *r = arg;
    if (lineno <= r->last_line || lineno > r->lines)
        fuzz_fail("bad line reported as line %d (after line %d, in a text of %d lines)", lineno,
                  r->last_line, r->lines);
    if (!line || !message || !*message)
        fuzz_fail("line %d reported without its text or without a message", lineno);
    r->last_line = lineno;
    r->count++;
}

/* Lines as the loader counts them: a final line without a newline counts, an empty tail does not.
 */
static int count_lines(const char *text)
{
    int n = 0;
    for (const char *p = text; *p; n++) {
        const char *nl = strchr(p, '\n');
        if (!nl)
            return n + 1;
        p = nl + 1;
    }
    return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct agent *a = fuzz_agent();
    fuzz_agent_reset(a);
    char *text = fuzz_cstr(data, size);
    struct reports r = {.lines = count_lines(text)};
    int bad = agent_load_config_text(a, text, "startup-config", on_bad_line, &r);
    if (bad != r.count)
        fuzz_fail("agent_load_config_text returned %d bad lines but reported %d", bad, r.count);
    free(text);
    fuzz_check_render_roundtrip(a);
    return 0;
}
