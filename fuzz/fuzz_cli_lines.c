/* Command lines as an operator types them, through the one parser of cwmpd.
 *
 * The input is a sequence of lines. Each line is first asked for `?` help and TAB completion, as
 * cwmpsh does while the operator types, then executed, in a privileged session whose mode the
 * lines themselves change (configure terminal, interface e0/0, exit, end, disable...). After the
 * last line the running configuration must survive render -> load -> render unchanged. */
#include <stdlib.h>
#include <string.h>

#include "grammar.h"
#include "harness.h"

static void login(struct agent_session *s, struct agent *a)
{
    agent_session_init(s, a, "fuzz", "vty 0");
}

/* The caret of help errors is placed after the prompt, as on an operator's screen. */
static int prompt_length(struct agent *a, const struct agent_session *s)
{
    struct strbuf prompt = STRBUF_INIT;
    grammar_prompt(a->grammar, &s->cli, a->running->hostname, &prompt);
    int len = (int)prompt.len;
    sb_free(&prompt);
    return len;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct agent *a = fuzz_agent();
    fuzz_agent_reset(a);
    struct agent_session s;
    login(&s, a);
    struct strbuf out = STRBUF_INIT;
    const uint8_t *p = data, *end = data + size;
    while (p < end) {
        const uint8_t *nl = memchr(p, '\n', (size_t)(end - p));
        size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
        char *line = fuzz_cstr(p, len);
        p += len + (nl ? 1 : 0);

        sb_reset(&out);
        grammar_help(a->grammar, &s.cli, line, prompt_length(a, &s), &out);
        free(grammar_complete(a->grammar, &s.cli, line));
        sb_reset(&out);
        agent_exec_line(a, &s, line, &out);
        free(line);
        /* exit or logout at EXEC level ends the session: the operator logs in again. */
        if (s.cli.closing)
            login(&s, a);
    }
    sb_free(&out);
    fuzz_check_render_roundtrip(a);
    return 0;
}
