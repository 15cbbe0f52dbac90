/* A session's place in the mode hierarchy, and its prompt. */
#include <stdio.h>
#include <string.h>

#include "grammar_int.h"

void cli_session_init(struct cli_session *s, const struct grammar *g, int privilege)
{
    memset(s, 0, sizeof *s);
    s->depth = 1;
    s->stack[0].mode = grammar_exec_mode(g);
    s->privilege = privilege;
}

int cli_session_mode(const struct cli_session *s)
{
    return s->stack[s->depth - 1].mode;
}

const struct mode_frame *cli_session_frame(const struct cli_session *s)
{
    return &s->stack[s->depth - 1];
}

int cli_session_push(struct cli_session *s, int mode, const char *arg)
{
    if (s->depth >= MODE_STACK_MAX)
        return -1;
    struct mode_frame *f = &s->stack[s->depth++];
    f->mode = mode;
    snprintf(f->arg, sizeof f->arg, "%s", arg ? arg : "");
    return 0;
}

void cli_session_to_exec(struct cli_session *s)
{
    s->depth = 1;
}

void grammar_prompt(const struct grammar *g, const struct cli_session *s, const char *hostname,
                    struct strbuf *out)
{
    sb_puts(out, hostname);
    int mode = cli_session_mode(s);
    /* IOS: `>` at levels 0 and 1, `#` from level 2 up (what a level may run is its commands). */
    if (mode == grammar_exec_mode(g))
        sb_putc(out, s->privilege > PRIV_USER ? '#' : '>');
    else
        sb_puts(out, g->modes[mode].prompt);
}

int grammar_exec_mode(const struct grammar *g)
{
    return grammar_mode_id(g, "exec");
}

int grammar_config_mode(const struct grammar *g)
{
    return grammar_mode_id(g, "config");
}

const char *grammar_mode_name(const struct grammar *g, int mode)
{
    return mode >= 0 && (size_t)mode < g->nmodes ? g->modes[mode].name : NULL;
}

bool grammar_mode_is_config(const struct grammar *g, int mode)
{
    return mode >= 0 && (size_t)mode < g->nmodes && g->modes[mode].config;
}

size_t grammar_mode_count(const struct grammar *g)
{
    return g->nmodes;
}

const char *grammar_mode_heading(const struct grammar *g, int mode)
{
    return g->modes[mode].heading;
}

const char *grammar_mode_prompt(const struct grammar *g, int mode)
{
    return g->modes[mode].prompt;
}
