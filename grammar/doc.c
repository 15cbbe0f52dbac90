/* Reading command definitions back: accessors for tests and the generated command reference. */
#include <stdlib.h>
#include <string.h>

#include "grammar_int.h"
#include "xalloc.h"

size_t grammar_command_count(const struct grammar *g)
{
    return g->ncmds;
}

const struct cmd_def *grammar_command(const struct grammar *g, size_t i)
{
    return i < g->ncmds ? &g->cmds[i] : NULL;
}

const char *cmd_def_syntax(const struct cmd_def *c)
{
    return c->syntax;
}

const char *cmd_def_no_syntax(const struct cmd_def *c)
{
    return c->no_syntax;
}

const char *cmd_def_handler(const struct cmd_def *c)
{
    return c->handler;
}

const char *cmd_def_default(const struct cmd_def *c)
{
    return c->default_text;
}

const char *cmd_def_doc(const struct cmd_def *c)
{
    return c->doc;
}

const char *cmd_def_source(const struct cmd_def *c)
{
    return c->source;
}

int cmd_def_privilege(const struct cmd_def *c)
{
    return c->privilege;
}

int cmd_def_enters(const struct cmd_def *c)
{
    return c->enters;
}

bool cmd_def_readonly(const struct cmd_def *c)
{
    return c->readonly;
}

bool cmd_def_output(const struct cmd_def *c)
{
    return c->output;
}

bool cmd_def_in_mode(const struct cmd_def *c, int mode)
{
    for (size_t i = 0; i < c->nmodes; i++)
        if (c->modes[i] == mode) return true;
    return false;
}

void cmd_def_token_help(const struct grammar *g, const struct cmd_def *c, struct strbuf *out)
{
    (void)g;
    for (size_t i = 0; i < c->nhelp; i++)
        sb_printf(out, "%s  %s\n", c->help[i].token, c->help[i].help);
}

/* roff needs backslashes doubled and a leading dot or quote neutralised. */
static void roff(struct strbuf *out, const char *s)
{
    if (*s == '.' || *s == '\'') sb_puts(out, "\\&");
    for (; *s; s++) {
        if (*s == '\\')
            sb_puts(out, "\\e");
        else if (*s == '-')
            sb_puts(out, "\\-");
        else
            sb_putc(out, *s);
    }
}

/* Keywords bold, arguments italic, as man pages show syntax. */
static void roff_syntax(struct strbuf *out, const char *syntax)
{
    const char *p = syntax;
    while (*p) {
        if (strchr("[]{}| ", *p)) {
            sb_putc(out, *p++);
            continue;
        }
        const char *e = p;
        while (*e && !strchr("[]{}| ", *e))
            e++;
        char *tok = xstrndup(p, (size_t)(e - p));
        char *dollar = strchr(tok, '$');
        if (dollar) *dollar = '\0';
        bool arg = tok[0] == '<' || (tok[0] >= 'A' && tok[0] <= 'Z');
        sb_puts(out, arg ? "\\fI" : "\\fB");
        roff(out, tok);
        sb_puts(out, "\\fR");
        free(tok);
        p = e;
    }
}

static const char *entered_by(const struct grammar *g, int mode)
{
    for (size_t i = 0; i < g->ncmds; i++)
        if (g->cmds[i].enters == mode) return g->cmds[i].syntax;
    return NULL;
}

static void write_command(const struct grammar *g, const struct cmd_def *c, struct strbuf *out)
{
    sb_puts(out, ".TP\n");
    roff_syntax(out, c->syntax);
    sb_putc(out, '\n');
    if (c->doc) {
        roff(out, c->doc);
        sb_putc(out, '\n');
    }
    if (c->nhelp > 0) {
        sb_puts(out, ".RS\n");
        for (size_t i = 0; i < c->nhelp; i++) {
            sb_puts(out, ".TP 16\n");
            roff_syntax(out, c->help[i].token);
            sb_putc(out, '\n');
            roff(out, c->help[i].help);
            sb_putc(out, '\n');
        }
        sb_puts(out, ".RE\n");
    }
    sb_puts(out, ".IP\n");
    if (c->no_syntax) {
        sb_puts(out, "No form: \\fBno\\fR ");
        roff_syntax(out, c->no_syntax);
        sb_puts(out, ".\n.br\n");
    }
    if (c->default_text) {
        sb_puts(out, "Default: ");
        roff(out, c->default_text);
        sb_puts(out, ".\n.br\n");
    }
    if (c->enters >= 0) {
        sb_puts(out, "Enters: ");
        roff(out, g->modes[c->enters].name);
        sb_puts(out, " mode.\n.br\n");
    }
    sb_printf(out, "Privilege: %d%s%s.\n", c->privilege,
              c->output ? "; output modifiers allowed" : "",
              c->readonly ? "; read-only (allowed in X_00000C_ShowStatus)" : "");
}

void grammar_write_manpage(const struct grammar *g, const char *version, struct strbuf *out)
{
    sb_printf(out, ".TH CWMPD\\-COMMANDS 7 \"\" \"cwmpd %s\" \"cwmpd manual\"\n", version);
    sb_puts(out,
            ".\\\" Generated from grammar/*.cmd by cmddoc: edit those files, not this page.\n");
    sb_puts(out, ".SH NAME\ncwmpd\\-commands \\- the IOS commands of cwmpsh and of cwmpd's "
                 "configuration, by mode\n");
    sb_puts(out,
            ".SH DESCRIPTION\n"
            "This page lists every command that \\fBcwmpd\\fR(8) accepts from \\fBcwmpsh\\fR(1), "
            "from its startup\\-config and from the ACS's X_00000C_SetConfiguration and "
            "X_00000C_ShowStatus RPCs. It is generated from the same grammar files that the "
            "parser compiles, so the two cannot disagree.\n"
            ".PP\n"
            "Keywords may be abbreviated to any unique prefix; arguments are typed in full. "
            "\\fI<lo\\-hi>\\fR is a decimal number in that range, \\fIA.B.C.D\\fR an IPv4 "
            "address, \\fIWORD\\fR one word, \\fILINE\\fR the rest of the line, \\fIURL\\fR a URL, "
            "\\fIIFNAME\\fR an interface name (Ethernet0/0, e0/0, or \\(lqethernet 0/0\\(rq). "
            "[x] is optional, {x|y} a choice. Configuration commands take a \\fBno\\fR form "
            "that removes the setting or restores its default; in configuration modes "
            "\\fBdo\\fR runs an EXEC command. Commands that print accept one output modifier: "
            "\\fB| begin\\fR, \\fB| count\\fR, \\fB| exclude\\fR, \\fB| include\\fR or "
            "\\fB| section\\fR followed by a POSIX extended regular expression.\n");
    sb_puts(out, ".SH MODES\n");
    for (size_t m = 0; m < g->nmodes; m++) {
        const struct mode_def *md = &g->modes[m];
        sb_puts(out, ".TP\n.B ");
        roff(out, md->name);
        sb_puts(out, "\nPrompt: \\fBRouter");
        roff(out, *md->prompt ? md->prompt : "> (user) or Router# (privileged)");
        sb_puts(out, "\\fR");
        const char *by = entered_by(g, (int)m);
        if (by) {
            sb_puts(out, "; entered with \\fB");
            roff(out, by);
            sb_puts(out, "\\fR");
        }
        sb_puts(out, ".\n");
    }
    for (size_t m = 0; m < g->nmodes; m++) {
        sb_puts(out, ".SH \"");
        roff(out, g->modes[m].heading);
        sb_puts(out, "\"\n");
        for (size_t i = 0; i < g->ncmds; i++)
            if (cmd_def_in_mode(&g->cmds[i], (int)m)) write_command(g, &g->cmds[i], out);
    }
    sb_puts(out, ".SH SEE ALSO\n\\fBcwmpsh\\fR(1), \\fBcwmpd\\fR(8), \\fBcwmpd.conf\\fR(5)\n");
}
