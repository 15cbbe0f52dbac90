/* Reading command definitions back: accessors for tests, and the command reference page
 * (cwmpd-commands(7)) generated from the loaded grammar, so that the page lists exactly what the
 * parser accepts. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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
        if (c->modes[i] == mode)
            return true;
    return false;
}

void cmd_def_token_help(const struct grammar *g, const struct cmd_def *c, struct strbuf *out)
{
    (void)g;
    for (size_t i = 0; i < c->nhelp; i++)
        sb_printf(out, "%s  %s\n", c->help[i].token, c->help[i].help);
}

/* --- the command reference page --- */

/* Text for a roff text line: backslashes and minus signs escaped (a command typed from the page
 * must keep its ASCII hyphens), and a leading dot or quote neutralised. */
static void roff_n(struct strbuf *out, const char *s, size_t len)
{
    if (len > 0 && (*s == '.' || *s == '\''))
        sb_puts(out, "\\&");
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '\\')
            sb_puts(out, "\\e");
        else if (s[i] == '-')
            sb_puts(out, "\\-");
        else
            sb_putc(out, s[i]);
    }
}

static void roff(struct strbuf *out, const char *s)
{
    roff_n(out, s, strlen(s));
}

/* A help text as a sentence: final period, and a capital first letter unless the text starts with
 * something typed as is (http://). */
static void roff_sentence(struct strbuf *out, const char *s)
{
    size_t len = strlen(s);
    if (len == 0)
        return;
    size_t word = 0;
    while (word < len && isalpha((unsigned char)s[word]))
        word++;
    bool plain = word == len || s[word] == ' ' || s[word] == ',';
    char first = plain ? (char)toupper((unsigned char)s[0]) : s[0];
    roff_n(out, &first, 1);
    roff_n(out, s + 1, len - 1);
    if (s[len - 1] != '.')
        sb_putc(out, '.');
}

static bool is_syntax_punct(char c)
{
    return c == '[' || c == ']' || c == '{' || c == '}' || c == '|';
}

/* Typed tokens start with '<' or a capital (WORD, A.B.C.D, IFNAME); keywords are lower case or
 * digits (the 0, 7 and 9 of password types). */
static bool is_argument(const char *tok)
{
    return tok[0] == '<' || isupper((unsigned char)tok[0]);
}

/* The length of a token as displayed: without its $name. */
static size_t display_len(const char *tok, size_t len)
{
    const char *dollar = memchr(tok, '$', len);
    return dollar ? (size_t)(dollar - tok) : len;
}

/* One token of a syntax string, keyword in bold and argument in italics, as man pages show
 * syntax. */
static void roff_token(struct strbuf *out, const char *tok, size_t len)
{
    sb_puts(out, is_argument(tok) ? "\\fI" : "\\fB");
    roff_n(out, tok, display_len(tok, len));
    sb_puts(out, "\\fR");
}

static void roff_syntax(struct strbuf *out, const char *syntax)
{
    const char *p = syntax;
    while (*p) {
        if (is_syntax_punct(*p) || *p == ' ') {
            sb_putc(out, *p++);
            continue;
        }
        size_t len = 0;
        while (p[len] && p[len] != ' ' && !is_syntax_punct(p[len]))
            len++;
        roff_token(out, p, len);
        p += len;
    }
}

/* Walks the tokens of a syntax string: each call yields the next token and whether it sits inside
 * brackets or braces (an option or a choice rather than a fixed word of the command). */
struct syntax_walk {
    const char *p;
    int depth;
};

static bool syntax_next(struct syntax_walk *w, const char **tok, size_t *len, bool *optional)
{
    for (;;) {
        char c = *w->p;
        if (!c)
            return false;
        if (c == '[' || c == '{')
            w->depth++;
        else if (c == ']' || c == '}')
            w->depth--;
        else if (c != ' ' && c != '|')
            break;
        w->p++;
    }
    *tok = w->p;
    *len = 0;
    while (w->p[*len] && w->p[*len] != ' ' && !is_syntax_punct(w->p[*len]))
        (*len)++;
    w->p += *len;
    *optional = w->depth > 0;
    return true;
}

/* The help of a token as the engine finds it for `?`: under its exact spelling (A.B.C.D$low), then
 * under the bare token (A.B.C.D). */
static const char *token_help(const struct cmd_def *c, const char *tok, size_t len)
{
    for (size_t i = 0; i < c->nhelp; i++)
        if (strlen(c->help[i].token) == len && !strncasecmp(c->help[i].token, tok, len))
            return c->help[i].help;
    size_t bare = display_len(tok, len);
    for (size_t i = 0; i < c->nhelp && bare < len; i++)
        if (strlen(c->help[i].token) == bare && !strncasecmp(c->help[i].token, tok, bare))
            return c->help[i].help;
    return NULL;
}

/* Mode names as a reader says them ("CWMP agent configuration"), from the `?` heading. */
static void mode_title(const struct grammar *g, int m, struct strbuf *out)
{
    const struct mode_def *md = &g->modes[m];
    if (m == grammar_exec_mode(g)) {
        sb_puts(out, "EXEC");
        return;
    }
    if (m == grammar_config_mode(g)) {
        sb_puts(out, "global configuration");
        return;
    }
    const char *h = md->heading;
    size_t len = strlen(h);
    if (len > 0 && h[len - 1] == ':')
        len--;
    static const char suffix[] = " commands";
    if (len > sizeof suffix - 1 &&
        !strncmp(h + len - (sizeof suffix - 1), suffix, sizeof suffix - 1))
        len -= sizeof suffix - 1;
    /* "Interface configuration" becomes "interface configuration"; "CWMP ..." stays. */
    size_t start = out->len;
    sb_append(out, h, len);
    if (len > 1 && islower((unsigned char)h[1]))
        out->buf[start] = (char)tolower((unsigned char)out->buf[start]);
}

static void mode_title_roff(const struct grammar *g, int m, bool capital, struct strbuf *out)
{
    struct strbuf t = STRBUF_INIT;
    mode_title(g, m, &t);
    if (capital && t.len > 0)
        t.buf[0] = (char)toupper((unsigned char)t.buf[0]);
    roff(out, sb_str(&t));
    sb_free(&t);
}

static void mode_prompt_roff(const struct grammar *g, int m, struct strbuf *out)
{
    sb_puts(out, "\\fBRouter");
    roff(out, g->modes[m].prompt);
    sb_puts(out, "\\fR");
}

/* A syntax as plain text: argument names are for handlers, not readers. */
static void roff_syntax_plain(struct strbuf *out, const char *syntax)
{
    struct strbuf plain = STRBUF_INIT;
    for (const char *p = syntax; *p;) {
        if (*p != '$') {
            sb_putc(&plain, *p++);
            continue;
        }
        while (*p && *p != ' ' && !is_syntax_punct(*p))
            p++;
    }
    roff(out, sb_str(&plain));
    sb_free(&plain);
}

static const struct cmd_def *entered_by(const struct grammar *g, int mode)
{
    for (size_t i = 0; i < g->ncmds; i++)
        if (g->cmds[i].enters == mode)
            return &g->cmds[i];
    return NULL;
}

static bool in_every_config_mode(const struct grammar *g, const struct cmd_def *c)
{
    for (size_t m = 0; m < g->nmodes; m++)
        if (g->modes[m].config != cmd_def_in_mode(c, (int)m))
            return false;
    return true;
}

/* A command is described once, in the section of the first mode it is declared for. */
static int home_mode(const struct cmd_def *c)
{
    int home = -1;
    for (size_t i = 0; i < c->nmodes; i++)
        if (home < 0 || c->modes[i] < home)
            home = c->modes[i];
    return home;
}

/* The argument list of a command: its typed tokens and the keywords it lets the operator choose
 * or leave out, each once, with its help. The fixed keywords are the command's name: their help
 * is what `?` shows on the way, and repeating it for every command is noise. */
struct doc_arg {
    const char *tok;
    size_t len;
    const char *help;
};

static void collect_args(const struct cmd_def *c, const char *summary, struct doc_arg **args,
                         size_t *nargs)
{
    struct syntax_walk w = {c->syntax, 0};
    const char *tok;
    size_t len;
    bool optional;
    size_t cap = 0;
    *args = NULL;
    *nargs = 0;
    while (syntax_next(&w, &tok, &len, &optional)) {
        if (!optional && !is_argument(tok))
            continue;
        const char *help = token_help(c, tok, len);
        if (!help && !is_argument(tok))
            continue;
        if (help && summary && !strcasecmp(help, summary))
            continue; /* the description says it already */
        size_t dlen = display_len(tok, len);
        bool dup = false;
        for (size_t i = 0; i < *nargs && !dup; i++)
            dup = (*args)[i].len == dlen && !strncmp((*args)[i].tok, tok, dlen) &&
                  ((*args)[i].help == help ||
                   ((*args)[i].help && help && !strcmp((*args)[i].help, help)));
        if (dup)
            continue;
        *args = xgrow(*args, &cap, *nargs + 1, sizeof **args);
        (*args)[(*nargs)++] = (struct doc_arg){tok, dlen, help};
    }
}

/* The help of the last fixed keyword: what the command does, for commands without a doc text. */
static const char *summary_help(const struct cmd_def *c)
{
    struct syntax_walk w = {c->syntax, 0};
    const char *tok, *help = NULL;
    size_t len;
    bool optional;
    while (syntax_next(&w, &tok, &len, &optional))
        if (!optional && !is_argument(tok)) {
            const char *h = token_help(c, tok, len);
            if (h)
                help = h;
        }
    return help;
}

static void write_arg_help(const struct doc_arg *a, struct strbuf *out)
{
    if (a->help) {
        roff_sentence(out, a->help);
    } else if (a->len == 6 && !strncmp(a->tok, "IFNAME", 6)) {
        sb_puts(out, "An interface name (see \\fBInterface names\\fR).");
    } else if (a->len == 4 && !strncmp(a->tok, "EXEC", 4)) {
        sb_puts(out, "A privileged EXEC command with its arguments; "
                     "\\fB?\\fR and TAB work on it as in EXEC.");
    }
    sb_putc(out, '\n');
}

static void write_command(const struct grammar *g, const struct cmd_def *c, struct strbuf *out)
{
    sb_puts(out, ".\\\" ");
    roff(out, c->source);
    sb_puts(out, "\n.TP\n");
    roff_syntax(out, c->syntax);
    sb_putc(out, '\n');

    const char *summary = c->doc ? NULL : summary_help(c);
    if (c->doc) {
        roff(out, c->doc);
        sb_putc(out, '\n');
    } else if (summary) {
        roff_sentence(out, summary);
        sb_putc(out, '\n');
    }

    struct doc_arg *args;
    size_t nargs;
    collect_args(c, summary, &args, &nargs);
    if (nargs > 0) {
        size_t width = 0;
        for (size_t i = 0; i < nargs; i++)
            if (args[i].len > width)
                width = args[i].len;
        width = width + 2 < 6 ? 6 : width + 2 > 20 ? 20 : width + 2;
        sb_puts(out, ".RS\n");
        for (size_t i = 0; i < nargs; i++) {
            sb_printf(out, ".TP %zu\n", width);
            roff_token(out, args[i].tok, args[i].len);
            sb_putc(out, '\n');
            write_arg_help(&args[i], out);
        }
        sb_puts(out, ".RE\n");
    }
    free(args);

    sb_puts(out, ".IP\n");
    if (c->nmodes > 1) {
        sb_puts(out, "Modes: ");
        if (in_every_config_mode(g, c)) {
            sb_puts(out, "every configuration mode.\n");
        } else {
            for (size_t i = 0; i < c->nmodes; i++) {
                if (i > 0)
                    sb_puts(out, i + 1 == c->nmodes ? " and " : ", ");
                mode_title_roff(g, c->modes[i], false, out);
            }
            sb_puts(out, ".\n");
        }
        sb_puts(out, ".br\n");
    }
    if (c->enters >= 0) {
        sb_puts(out, "Enters ");
        mode_title_roff(g, c->enters, false, out);
        sb_puts(out, " mode (");
        mode_prompt_roff(g, c->enters, out);
        sb_puts(out, ").\n.br\n");
    }
    if (c->no_syntax) {
        sb_puts(out, "No form: \\fBno\\fR ");
        roff_syntax(out, c->no_syntax);
        sb_puts(out, "\n.br\n");
    }
    if (c->default_text) {
        sb_puts(out, "Default: ");
        roff(out, c->default_text);
        sb_puts(out, ".\n.br\n");
    }
    sb_printf(out, "Privilege %d%s", c->privilege, c->privilege <= PRIV_USER ? " (user EXEC)" : "");
    if (c->output)
        sb_puts(out, "; accepts an output modifier");
    if (c->readonly)
        sb_puts(out, "; read\\-only");
    sb_puts(out, ".\n");
}

static void write_notation(const struct grammar *g, struct strbuf *out)
{
    sb_puts(out, ".SS Notation\n");
    static const char *const items[][2] = {
        {"\\fBkeyword\\fR", "Typed as shown, or abbreviated."},
        {"\\fI<lo\\-hi>\\fR", "A decimal integer from lo to hi."},
        {"\\fIA.B.C.D\\fR", "An IPv4 address in dotted\\-decimal notation."},
        {"\\fIWORD\\fR", "One word, without spaces."},
        {"\\fILINE\\fR", "The rest of the line, spaces included."},
        {"\\fIURL\\fR",
         "A URL: a scheme of letters, digits, +, \\- and ., a colon, then the rest "
         "(http://acs.example.net:7547/acs, flash:config). A command may accept only some "
         "schemes."},
        {"\\fIHOSTNAME\\fR",
         "A host name: labels of letters, digits and hyphens separated by dots, the last "
         "one not all digits (ntp.example.net)."},
        {"\\fIIFNAME\\fR", "An interface name: see \\fBInterface names\\fR below."},
        {"[\\fIx\\fR]", "\\fIx\\fR may be left out."},
        {"{\\fIx\\fR|\\fIy\\fR}", "One of \\fIx\\fR and \\fIy\\fR."},
        {"[[\\fIx\\fR] [\\fIy\\fR]]",
         "Options that may be given in any order, each at most once (\\fIy x\\fR, \\fIx\\fR, "
         "or none)."},
    };
    for (size_t i = 0; i < sizeof items / sizeof items[0]; i++)
        sb_printf(out, ".TP 12\n%s\n%s\n", items[i][0], items[i][1]);
    sb_puts(out, ".PP\n"
                 "When a command takes several arguments of the same type, the argument list "
                 "below gives their meaning in the order they are typed.\n");

    sb_puts(out, ".SS Interface names\n"
                 "An interface name is a type followed by a number. The type is a keyword: it "
                 "may be abbreviated and typed in any case, and the number may follow it "
                 "directly or after a space, so \\fBEthernet0/0\\fR, \\fBe0/0\\fR and "
                 "\\fBethernet 0/0\\fR name the same interface. A number may have fewer "
                 "components than its format (\\fBEthernet1\\fR). The types:\n");
    size_t width = 0;
    for (size_t i = 0; i < g->niftypes; i++) {
        size_t w = strlen(g->iftypes[i].name) + strlen(g->iftypes[i].format);
        if (w > width)
            width = w;
    }
    for (size_t i = 0; i < g->niftypes; i++) {
        const struct iftype *t = &g->iftypes[i];
        sb_printf(out, ".TP %zu\n\\fB", width + 2);
        roff(out, t->name);
        sb_puts(out, "\\fR\\fI");
        roff(out, t->format);
        sb_puts(out, "\\fR\n");
        roff(out, t->help);
        sb_putc(out, '\n');
    }

    sb_puts(out, ".SS Output modifiers\n"
                 "A command marked \\(lqaccepts an output modifier\\(rq may end with \\fB|\\fR, "
                 "a modifier and a POSIX extended regular expression (the rest of the line), "
                 "which filters the command's output line by line. One modifier per line:\n");
    for (size_t i = 0; i < g->npipes; i++) {
        const struct help_entry *p = &g->pipes[i];
        if (!strcmp(p->token, "|") || !strcmp(p->token, "LINE"))
            continue;
        sb_puts(out, ".TP 18\n\\fB| ");
        roff(out, p->token);
        sb_puts(out, "\\fR \\fIregexp\\fR\n");
        roff_sentence(out, p->help);
        sb_putc(out, '\n');
    }
    sb_puts(out, ".PP\n"
                 "\\fBcount\\fR prints \\(lqNumber of lines which match regexp = \\fIN\\fR\\(rq. "
                 "\\fBsection\\fR prints every top\\-level line that matches, or that has a "
                 "matching line among the indented lines under it, together with those "
                 "indented lines; \\fB!\\fR lines are left out.\n"
                 ".PP\n"
                 "A regular expression whose compiled form would be costly is refused "
                 "(\\(lq% Invalid regular expression\\(rq, with the reason): back\\-references; "
                 "more than 3 repetition operators on one atom; more than 10,000 atoms once "
                 "repetitions are written out; more than 500 of them within what may match "
                 "nothing (\\fBa{0}\\fR, \\fBa?\\fR, \\fBa*\\fR, \\fB^\\fR, \\fB\\\\b\\fR, "
                 "\\fB()\\fR, \\fB(|a)\\fR), whose cost in the C library grows with their "
                 "square. The commands of the ACS's X_00000C_ShowStatus are held to the same "
                 "bounds.\n");

    sb_puts(out, ".SS Privilege\n"
                 "A session starts in user EXEC at privilege level 1, or at the level of the "
                 "\\fBusername\\fR entry of its user (the Unix user of the shell's peer); "
                 "\\fBenable\\fR raises it to 15 (privileged EXEC) and \\fBdisable\\fR lowers "
                 "it to 1. A command whose "
                 "privilege is above the session's does not exist for that session: \\fB?\\fR "
                 "does not offer it and typing it gives the invalid\\-input error. As on IOS, "
                 "the levels between run the commands of their level and below, which in cwmpd "
                 "are those of level 1 (most commands are of level 15), with the prompt "
                 "\\fBRouter#\\fR from level 2 up; level 0 runs only \\fBenable\\fR, "
                 "\\fBdisable\\fR, \\fBexit\\fR and \\fBlogout\\fR. A command "
                 "marked read\\-only changes nothing: it is one of those that a read\\-only "
                 "execution (the ACS's X_00000C_ShowStatus request) may run.\n");
}

static void write_modes(const struct grammar *g, struct strbuf *out)
{
    sb_puts(out, ".SH MODES\n"
                 "The prompt shows the mode; \\fBRouter\\fR stands for the configured "
                 "\\fBhostname\\fR (Router by default).\n");
    for (size_t m = 0; m < g->nmodes; m++) {
        int mode = (int)m;
        sb_puts(out, ".TP\n\\fB");
        mode_title_roff(g, mode, true, out);
        sb_puts(out, "\\fR\n");
        if (mode == grammar_exec_mode(g)) {
            sb_puts(out, "Prompt \\fBRouter>\\fR in user EXEC (privilege 1), where a "
                         "session starts unless a \\fBusername\\fR entry gives its user "
                         "another level, and \\fBRouter#\\fR in privileged EXEC (privilege "
                         "15), reached with \\fBenable\\fR.\n");
            continue;
        }
        sb_puts(out, "Prompt ");
        mode_prompt_roff(g, mode, out);
        const struct cmd_def *by = entered_by(g, mode);
        if (by) {
            sb_puts(out, ", entered with \\fB");
            roff_syntax_plain(out, by->syntax);
            sb_puts(out, "\\fR");
            int from = home_mode(by);
            if (from >= 0) {
                sb_puts(out, " from ");
                mode_title_roff(g, from, false, out);
            }
        }
        sb_puts(out, ".\n");
    }
    sb_puts(out,
            ".PP\n"
            "In every configuration mode, \\fBend\\fR (Ctrl\\-Z in \\fBcwmpsh\\fR) returns to "
            "privileged EXEC and \\fBexit\\fR goes up one mode. Configuration commands change "
            "the running configuration at once; \\fBwrite memory\\fR saves it. A line that is "
            "not a command of a configuration sub\\-mode is tried in global configuration: when "
            "it runs there, the session leaves the sub\\-mode, as on IOS (\\fBinterface "
            "Ethernet0/1\\fR typed in CWMP agent configuration moves to that interface).\n"
            ".PP\n"
            "In every configuration mode, \\fBdefault\\fR followed by a command that has a "
            "\\fBno\\fR form runs that \\fBno\\fR form, which returns the command to its "
            "default, as on IOS (\\fBdefault session retry limit\\fR, \\fBdefault hostname\\fR, "
            "\\fBdefault ip address\\fR); it takes what the \\fBno\\fR form takes. Commands "
            "without a \\fBno\\fR form are not offered after \\fBdefault\\fR. Where a mode has "
            "a command of its own that starts with \\fBdefault\\fR (\\fBdefault interface\\fR "
            "in global configuration), that command is what the line runs.\n"
            ".PP\n"
            "Several shells may configure at once. When another shell deletes the interface or "
            "the DHCP pool that a shell's interface or DHCP pool configuration mode configures "
            "(\\fBno interface Vlan102\\fR), that shell's next line is not run, since it would "
            "create the object again: it is answered \\fB% Interface Vlan102 no longer "
            "exists\\fR (or \\fB% DHCP pool NAME no longer exists\\fR) and the shell is back "
            "in global configuration. An object deleted and created again meanwhile is simply "
            "configured.\n"
            ".PP\n"
            "In a startup\\-config, each line starts in global configuration or in the sub\\-mode "
            "that the previous lines entered; there \\fBend\\fR and \\fBexit\\fR close the "
            "sub\\-mode and the next line continues in global configuration (see "
            "\\fBcwmpd.conf\\fR(5)).\n");
}

static int by_syntax(const void *a, const void *b)
{
    const struct cmd_def *x = *(const struct cmd_def *const *)a;
    const struct cmd_def *y = *(const struct cmd_def *const *)b;
    int d = strcasecmp(x->syntax, y->syntax);
    return d ? d : strcmp(x->source, y->source);
}

static void write_mode_section(const struct grammar *g, int m, struct strbuf *out)
{
    struct strbuf title = STRBUF_INIT;
    mode_title(g, m, &title);
    sb_puts(out, ".SH \"");
    for (size_t i = 0; i < title.len; i++)
        title.buf[i] = (char)toupper((unsigned char)title.buf[i]);
    roff(out, sb_str(&title));
    sb_puts(out, " COMMANDS\"\n");
    sb_free(&title);

    /* Commands described in another mode's section, named here so the mode's list is whole. */
    struct strbuf also = STRBUF_INIT;
    size_t nalso = 0;
    int where = -1;
    bool one_home = true;
    for (size_t i = 0; i < g->ncmds; i++) {
        const struct cmd_def *c = &g->cmds[i];
        if (!cmd_def_in_mode(c, m) || home_mode(c) == m)
            continue;
        if (nalso++ > 0)
            sb_puts(&also, ", ");
        roff_syntax(&also, c->syntax);
        if (where >= 0 && where != home_mode(c))
            one_home = false;
        where = home_mode(c);
    }
    int parent = g->modes[m].parent;
    if (parent >= 0 || nalso > 0) {
        sb_puts(out, "Prompt ");
        mode_prompt_roff(g, m, out);
        sb_puts(out, ".");
        if (parent >= 0) {
            sb_puts(out, " The commands of ");
            mode_title_roff(g, parent, false, out);
            sb_puts(out, " work here too, and leave this mode when they run.");
        }
        if (nalso > 0) {
            sb_puts(out, " Also available here: ");
            sb_append(out, also.buf, also.len);
            if (one_home) {
                sb_puts(out, ", described under ");
                mode_title_roff(g, where, false, out);
                sb_puts(out, " commands.");
            } else {
                sb_puts(out, ", each described in the first mode it belongs to.");
            }
        }
        sb_putc(out, '\n');
    }
    sb_free(&also);

    /* Alphabetical, as command references are. */
    const struct cmd_def **list = xcalloc(g->ncmds + 1, sizeof *list);
    size_t n = 0;
    for (size_t i = 0; i < g->ncmds; i++)
        if (home_mode(&g->cmds[i]) == m)
            list[n++] = &g->cmds[i];
    qsort(list, n, sizeof *list, by_syntax);
    for (size_t i = 0; i < n; i++)
        write_command(g, list[i], out);
    free(list);
}

void grammar_write_manpage(const struct grammar *g, const char *version, struct strbuf *out)
{
    sb_printf(out, ".TH CWMPD\\-COMMANDS 7 \"\" \"cwmpd %s\" \"cwmpd manual\"\n", version);
    sb_puts(out, ".\\\" Generated from grammar/*.cmd by cmddoc: edit those files, not this page.\n"
                 ".\\\" Each command entry is preceded by a comment naming its definition.\n"
                 ".nh\n"
                 ".ad l\n");
    sb_puts(out, ".SH NAME\n"
                 "cwmpd\\-commands \\- the IOS command reference of cwmpd and cwmpsh\n");
    sb_printf(out,
              ".SH DESCRIPTION\n"
              "This page lists, mode by mode, every command of the IOS\\-style command line "
              "that \\fBcwmpd\\fR(8) serves to \\fBcwmpsh\\fR(1) and reads from its "
              "startup\\-config (\\fBcwmpd.conf\\fR(5)): %zu commands in %zu modes. It is "
              "generated from the grammar that cwmpd's parser compiles, so it describes "
              "exactly what the parser accepts.\n"
              ".PP\n"
              "Keywords may be abbreviated to any prefix that no other keyword at the same "
              "place shares, in upper or lower case (\\fBconf t\\fR for \\fBconfigure "
              "terminal\\fR, \\fBsh run\\fR for \\fBshow running\\-config\\fR); arguments are "
              "typed in full. A line whose first word starts with \\fB!\\fR is a comment. "
              "Configuration commands have a \\fBno\\fR form, shown with each, that removes the "
              "setting or restores its default. In \\fBcwmpsh\\fR, \\fB?\\fR lists what may "
              "come next and TAB completes a keyword.\n",
              g->ncmds, g->nmodes);
    write_notation(g, out);
    write_modes(g, out);
    for (size_t m = 0; m < g->nmodes; m++)
        write_mode_section(g, (int)m, out);
    sb_puts(out, ".SH SEE ALSO\n"
                 "\\fBcwmpsh\\fR(1), \\fBcwmpd.conf\\fR(5), \\fBcwmpd\\fR(8)\n");
}
