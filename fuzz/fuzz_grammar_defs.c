/* Command definition files (.cmd, grammar/README.md) of arbitrary text.
 *
 * The input is a definition file, optionally followed by a line "%%" and command lines. The file
 * is loaded into a new grammar alone, then after the definitions built into cwmpd, and each
 * grammar is finalized. A grammar that finalizes is one the engine promises to run: its reference
 * page is generated (as cmddoc does), `?` is asked on the empty line of every mode, and the command
 * lines are asked for help and completion and executed. No handler is bound but the engine's own
 * (exit, end...): the others answer "% Command not available", which is all this target needs. */
#include <stdlib.h>
#include <string.h>

#include "grammar.h"
#include "harness.h"
#include "xalloc.h"

static void run_lines(struct grammar *g, const char *lines)
{
    struct cli_session s;
    cli_session_init(&s, g, PRIV_PRIVILEGED);
    struct strbuf out = STRBUF_INIT;
    const char *p = lines;
    while (*p) {
        size_t len = strcspn(p, "\n");
        char *line = xstrndup(p, len);
        p += len + (p[len] ? 1 : 0);
        sb_reset(&out);
        grammar_help(g, &s, line, 0, &out);
        free(grammar_complete(g, &s, line));
        sb_reset(&out);
        grammar_execute(g, &s, line, &out, NULL);
        free(line);
        if (s.closing)
            cli_session_init(&s, g, PRIV_PRIVILEGED);
    }
    sb_free(&out);
}

static void exercise(struct grammar *g, const char *lines)
{
    struct strbuf out = STRBUF_INIT;
    grammar_write_manpage(g, "fuzz", &out);
    for (size_t i = 0; i < grammar_command_count(g); i++) {
        sb_reset(&out);
        cmd_def_token_help(g, grammar_command(g, i), &out);
    }
    int exec = grammar_exec_mode(g);
    for (size_t m = 0; m < grammar_mode_count(g); m++) {
        struct cli_session s;
        cli_session_init(&s, g, PRIV_PRIVILEGED);
        if ((int)m != exec)
            cli_session_push(&s, (int)m, "");
        sb_reset(&out);
        grammar_prompt(g, &s, "Router", &out);
        sb_reset(&out);
        grammar_help(g, &s, "", -1, &out);
    }
    sb_free(&out);
    run_lines(g, lines);
}

static void load(const char *defs, const char *lines, bool with_builtin)
{
    struct grammar *g = grammar_new();
    struct strbuf err = STRBUF_INIT;
    if (with_builtin && grammar_load_builtin(g, &err) < 0)
        fuzz_fail("the built-in definitions do not load: %s", sb_str(&err));
    /* As cwmpd and cmddoc do: a grammar whose files did not load is never finalized. */
    if (grammar_load_text(g, "fuzz.cmd", defs, &err) == 0 && grammar_finalize(g, &err) == 0)
        exercise(g, lines);
    sb_free(&err);
    grammar_free(g);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *defs = fuzz_cstr(data, size);
    const char *lines = "";
    char *sep = strncmp(defs, "%%\n", 3) == 0 ? defs : strstr(defs, "\n%%\n");
    if (sep) {
        char *rest = sep == defs ? defs + 3 : sep + 4;
        sep[sep == defs ? 0 : 1] = '\0';
        lines = rest;
    }
    load(defs, lines, false);
    load(defs, lines, true);
    free(defs);
    return 0;
}
