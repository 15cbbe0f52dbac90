/* Unit tests of the grammar engine: the builtin definitions, IOS matching rules, help, completion,
 * error texts and carets, output modifiers, and the checks on definition files. */
#include <check.h>
#include <ctype.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agent.h"
#include "handlers.h"
#include "grammar.h"
#include "grammar_int.h"
#include "unit.h"

/* What the recording handler saw last. */
static struct {
    char handler[64];
    bool negate;
    char args[512];
    int calls;
} seen;

static int record(struct cmd_call *c)
{
    snprintf(seen.handler, sizeof seen.handler, "%s", cmd_def_handler(c->cmd));
    seen.negate = c->negate;
    seen.args[0] = '\0';
    for (size_t i = 0; i < c->nargs; i++) {
        size_t len = strlen(seen.args);
        snprintf(seen.args + len, sizeof seen.args - len, "%s%s=%s", i ? " " : "", c->args[i].name,
                 c->args[i].value);
    }
    seen.calls++;
    sb_puts(c->out, "line one\nline two\n");
    return 0;
}

static bool builtin_handler(const char *name)
{
    for (size_t j = 0; j < grammar_builtin_handler_count; j++)
        if (!strcmp(name, grammar_builtin_handlers[j].name))
            return true;
    return false;
}

/* Bindings of the recorder for every handler name the engine does not provide, each once. */
static struct cmd_binding *recorder_table(const struct grammar *g, size_t *nb)
{
    size_t n = grammar_command_count(g);
    struct cmd_binding *b = calloc(n + 1, sizeof *b);
    *nb = 0;
    for (size_t i = 0; i < n; i++) {
        const char *h = cmd_def_handler(grammar_command(g, i));
        bool seen_before = false;
        for (size_t j = 0; h && j < *nb; j++)
            seen_before = seen_before || !strcmp(b[j].name, h);
        if (h && !builtin_handler(h) && !seen_before)
            b[(*nb)++] = (struct cmd_binding){h, record, ""};
    }
    return b;
}

static void bind_recorder(struct grammar *g)
{
    size_t nb;
    struct cmd_binding *b = recorder_table(g, &nb);
    struct strbuf err = STRBUF_INIT;
    ck_assert_msg(grammar_bind(g, b, nb, NULL, &err) == 0, "%s", sb_str(&err));
    sb_free(&err);
    free(b);
}

/* The builtin definitions, finalized, with only the engine's own handlers bound. */
static struct grammar *builtin_unbound(void)
{
    struct strbuf err = STRBUF_INIT;
    struct grammar *g = grammar_new();
    int rc = grammar_load_builtin(g, &err);
    if (rc == 0)
        rc = grammar_finalize(g, &err);
    ck_assert_msg(rc == 0, "builtin grammar: %s", sb_str(&err));
    sb_free(&err);
    return g;
}

/* What binding a table and then asking for unbound handlers reports: the start-up check of
 * cwmpd (agent_bind_handlers) on a table of our choosing. */
static char *binding_faults(struct grammar *g, const struct cmd_binding *t, size_t n)
{
    struct strbuf faults = STRBUF_INIT;
    grammar_bind(g, t, n, NULL, &faults);
    grammar_unbound(g, &faults);
    return sb_detach(&faults);
}

static struct grammar *builtin(void)
{
    struct grammar *g = builtin_unbound();
    bind_recorder(g);
    return g;
}

static struct grammar *custom(const char *text, struct strbuf *err)
{
    struct grammar *g = grammar_new();
    if (grammar_load_text(g, "test.cmd", text, err) < 0 || grammar_finalize(g, err) < 0) {
        grammar_free(g);
        return NULL;
    }
    bind_recorder(g);
    return g;
}

static void enter(struct grammar *g, struct cli_session *s, const char *mode, const char *arg)
{
    cli_session_init(s, g, PRIV_PRIVILEGED);
    int m = grammar_mode_id(g, mode);
    ck_assert_int_ge(m, 0);
    if (m != grammar_exec_mode(g)) {
        if (m != grammar_config_mode(g))
            cli_session_push(s, grammar_config_mode(g), "");
        cli_session_push(s, m, arg);
    }
}

/* Executes a line as from a pipe; returns the status and leaves the output in out. */
static enum cmd_status run(struct grammar *g, struct cli_session *s, const char *line,
                           struct strbuf *out)
{
    sb_reset(out);
    seen.handler[0] = '\0';
    struct exec_opts o = {.caret_column = -1};
    return grammar_execute(g, s, line, out, &o);
}

static char *help(struct grammar *g, struct cli_session *s, const char *line, int caret_column)
{
    struct strbuf out = STRBUF_INIT;
    grammar_help(g, s, line, caret_column, &out);
    return sb_detach(&out);
}

/* How many lines sample_line makes of a sequence: an any-order group's options left out, then
 * given in the reverse of their order, as many times as it takes to use each choice of each. */
static size_t sample_variants(const struct syn_seq *seq)
{
    size_t v = 1;
    for (size_t i = 0; i < seq->n; i++)
        if (seq->tok[i].type == TOK_GROUP)
            for (size_t m = 0; m < seq->tok[i].group->n; m++)
                if (seq->tok[i].group->members[m].n + 1 > v)
                    v = seq->tok[i].group->members[m].n + 1;
    return v;
}

/* A line that a syntax expansion accepts: first choices, sample values for arguments; its
 * variant-th form for an any-order group (sample_variants). */
static void sample_line(const struct syn_seq *seq, struct strbuf *line, size_t variant)
{
    for (size_t i = 0; i < seq->n; i++) {
        const struct syn_token *t = &seq->tok[i];
        if (t->type == TOK_GROUP) {
            for (size_t m = t->group->n; variant > 0 && m-- > 0;) {
                const struct syn_expansion *e = &t->group->members[m];
                sample_line(&e->seq[(variant - 1) % e->n], line, 0);
            }
            continue;
        }
        if (line->len && t->type != TOK_IFNUM)
            sb_putc(line, ' ');
        switch (t->type) {
        case TOK_KEYWORD:
        case TOK_IFTYPE:
            sb_puts(line, t->text);
            break;
        case TOK_WORD:
            sb_puts(line, "sample");
            break;
        case TOK_LINE:
            sb_puts(line, "some  text");
            break;
        case TOK_RANGE:
            sb_printf(line, "%lld", t->hi);
            break;
        case TOK_IPV4:
            sb_puts(line, "10.1.2.3");
            break;
        case TOK_HOST:
            sb_puts(line, "ntp.example.net");
            break;
        case TOK_URL:
            sb_puts(line, "http://acs.example/cwmp");
            break;
        case TOK_IFNUM:
            sb_printf(line, "%lld", t->iftype->lo[0]);
            break;
        case TOK_LINK:
            sb_puts(line, "show running-config");
            break;
        case TOK_GROUP:
            break;
        }
    }
}

static void check_expansions(struct grammar *g, const struct cmd_def *c, int mode,
                             const char *syntax, bool negate)
{
    struct syn_expansion e;
    struct strbuf err = STRBUF_INIT, out = STRBUF_INIT;
    ck_assert_int_eq(syntax_expand(g, syntax, &e, &err), 0);
    for (size_t i = 0; i < e.n; i++)
        for (size_t v = 0; v < sample_variants(&e.seq[i]); v++) {
            struct strbuf line = STRBUF_INIT;
            if (negate)
                sb_puts(&line, "no");
            sample_line(&e.seq[i], &line, v);
            struct cli_session s;
            enter(g, &s, grammar_mode_name(g, mode), "Ethernet0/0");
            enum cmd_status st = run(g, &s, sb_str(&line), &out);
            ck_assert_msg(st == CMD_OK, "%s: \"%s\" in %s: status %d\n%s", cmd_def_source(c),
                          sb_str(&line), grammar_mode_name(g, mode), st, sb_str(&out));
            if (cmd_def_handler(c) && seen.handler[0]) {
                ck_assert_str_eq(seen.handler, cmd_def_handler(c));
                ck_assert_int_eq(seen.negate, negate);
            }
            sb_free(&line);
        }
    syntax_expansion_free(&e);
    sb_free(&err);
    sb_free(&out);
}

START_TEST(every_command_parses_its_own_syntax)
{
    struct grammar *g = builtin();
    size_t checked = 0;
    for (size_t i = 0; i < grammar_command_count(g); i++) {
        const struct cmd_def *c = grammar_command(g, i);
        for (size_t m = 0; m < grammar_mode_count(g); m++) {
            if (!cmd_def_in_mode(c, (int)m))
                continue;
            check_expansions(g, c, (int)m, cmd_def_syntax(c), false);
            if (cmd_def_no_syntax(c))
                check_expansions(g, c, (int)m, cmd_def_no_syntax(c), true);
            checked++;
        }
    }
    ck_assert_uint_gt(checked, 50);
    grammar_free(g);
}
END_TEST

/* The first line that a syntax accepts. */
static void first_sample(const struct grammar *g, const char *syntax, struct strbuf *line)
{
    struct syn_expansion e;
    struct strbuf err = STRBUF_INIT;
    ck_assert_int_eq(syntax_expand(g, syntax, &e, &err), 0);
    sample_line(&e.seq[0], line, 0);
    syntax_expansion_free(&e);
    sb_free(&err);
}

/* A session of the agent in mode m, entered as an operator enters it (the command that enters it
 * creates what its handlers expect: the interface, the pool). */
static void agent_enter(struct agent *a, struct agent_session *s, int m)
{
    struct grammar *g = a->grammar;
    struct strbuf out = STRBUF_INIT, line = STRBUF_INIT;
    agent_session_init(s, a, "test", "vty 0");
    if (m != grammar_exec_mode(g))
        ck_assert_int_eq(agent_exec_line(a, s, "configure terminal", &out), CMD_OK);
    /* A pool's class: below a pool, naming a class that exists. */
    if (!strcmp(grammar_mode_name(g, m), "dhcp-pool-class")) {
        ck_assert_int_eq(agent_exec_line(a, s, "ip dhcp class C1", &out), CMD_OK);
        ck_assert_int_eq(agent_exec_line(a, s, "ip dhcp pool P1", &out), CMD_OK);
        ck_assert_int_eq(agent_exec_line(a, s, "class C1", &out), CMD_OK);
    }
    for (size_t i = 0;
         m != grammar_exec_mode(g) && m != grammar_config_mode(g) && i < grammar_command_count(g);
         i++) {
        const struct cmd_def *c = grammar_command(g, i);
        if (cmd_def_enters(c) != m || !cmd_def_in_mode(c, grammar_config_mode(g)))
            continue;
        /* An Ethernet port: it has every interface command (speed, duplex). */
        if (!strcmp(grammar_mode_name(g, m), "config-if"))
            sb_puts(&line, "interface Ethernet0/0");
        else
            first_sample(g, cmd_def_syntax(c), &line);
        ck_assert_msg(agent_exec_line(a, s, sb_str(&line), &out) == CMD_OK, "%s: %s", sb_str(&line),
                      sb_str(&out));
        break;
    }
    ck_assert_int_eq(cli_session_mode(&s->cli), m);
    sb_free(&line);
    sb_free(&out);
}

static void run_real(struct agent *a, const struct cmd_def *c, int m, const char *syntax,
                     bool negate)
{
    struct syn_expansion e;
    struct strbuf err = STRBUF_INIT, out = STRBUF_INIT;
    ck_assert_int_eq(syntax_expand(a->grammar, syntax, &e, &err), 0);
    for (size_t i = 0; i < e.n; i++)
        for (size_t v = 0; v < sample_variants(&e.seq[i]); v++) {
            struct strbuf line = STRBUF_INIT;
            if (negate)
                sb_puts(&line, "no");
            sample_line(&e.seq[i], &line, v);
            struct agent_session s;
            agent_enter(a, &s, m);
            enum cmd_status st = agent_exec_line(a, &s, sb_str(&line), &out);
            ck_assert_msg(st == CMD_OK || st == CMD_FAILED, "%s: \"%s\": status %d\n%s",
                          cmd_def_source(c), sb_str(&line), st, sb_str(&out));
            sb_reset(&out);
            sb_free(&line);
        }
    syntax_expansion_free(&e);
    sb_free(&err);
    sb_free(&out);
}

/* cwmpd's handlers read what their bindings declare: every configuration command, and every
 * command that only reads, runs its real handler on each form of its syntax (a handler asking for
 * an undeclared name aborts). The others act (reload, copy, delete): the integration tests run
 * them. */
START_TEST(real_handlers_read_declared_arguments)
{
    struct agent a;
    char dir[64];
    unit_agent_start(&a, dir);
    struct grammar *g = a.grammar;
    size_t ran = 0;
    for (size_t i = 0; i < grammar_command_count(g); i++) {
        const struct cmd_def *c = grammar_command(g, i);
        for (size_t m = 0; m < grammar_mode_count(g); m++) {
            if (!cmd_def_in_mode(c, (int)m) || !cmd_def_handler(c) ||
                (!grammar_mode_is_config(g, (int)m) && !cmd_def_readonly(c)))
                continue;
            run_real(&a, c, (int)m, cmd_def_syntax(c), false);
            if (cmd_def_no_syntax(c))
                run_real(&a, c, (int)m, cmd_def_no_syntax(c), true);
            ran++;
        }
    }
    ck_assert_uint_gt(ran, 80);
    unit_agent_stop(&a, dir);
}
END_TEST

static char *running_config(struct agent *a)
{
    struct agent_session s;
    struct strbuf out = STRBUF_INIT;
    agent_session_init(&s, a, "test", "vty 0");
    ck_assert_int_eq(agent_exec_line(a, &s, "show running-config", &out), CMD_OK);
    return sb_detach(&out);
}

/* The keywords a syntax starts with: `session retry limit` of `session retry limit <0-15>$x`. */
static void leading_keywords(const char *syntax, struct strbuf *out)
{
    for (const char *p = syntax; *p && !strchr("[{<", *p) && !isupper((unsigned char)*p);) {
        size_t len = strcspn(p, " ");
        sb_printf(out, "%s%.*s", out->len ? " " : "", (int)len, p);
        p += len;
        p += strspn(p, " ");
    }
}

/* Where typing the documented default is not the way to check it. */
static const char *const default_not_typed[][2] = {
    /* a description (it depends on the device's identity), not a value */
    {"cwmp_management_username", NULL},
    /* the zone shown while none is set (Time.LocalTimeZoneName): typing it sets one */
    {"clock_timezone", NULL},
    /* a setting of the operator's session, not of the configuration */
    {"terminal_length", NULL},
    /* IOS's `lease 1` is one day */
    {"dhcp_lease", "lease 1"},
};

/* What a command documents as its default is what the code does without it: typing the
 * documented default, or the `no` form, leaves a fresh running-config as it was (defaults are not
 * shown), for every command that documents one. */
START_TEST(documented_defaults_are_the_code_defaults)
{
    size_t checked = 0;
    struct grammar *g0 = builtin_unbound();
    for (size_t i = 0; i < grammar_command_count(g0); i++) {
        const struct cmd_def *d = grammar_command(g0, i);
        if (!cmd_def_default(d))
            continue;
        const char *dflt = cmd_def_default(d), *typed = NULL;
        bool skip = false;
        for (size_t k = 0; k < sizeof default_not_typed / sizeof default_not_typed[0]; k++)
            if (!strcmp(cmd_def_handler(d), default_not_typed[k][0])) {
                skip = default_not_typed[k][1] == NULL;
                typed = default_not_typed[k][1];
            }
        if (skip)
            continue;
        struct agent a;
        char dir[64];
        unit_agent_start(&a, dir);
        const struct cmd_def *c = grammar_command(a.grammar, i);
        int m = 0;
        while (!cmd_def_in_mode(c, m))
            m++;
        struct agent_session s;
        agent_enter(&a, &s, m);
        char *before = running_config(&a);
        struct strbuf line = STRBUF_INIT, out = STRBUF_INIT;
        if (typed) {
            sb_puts(&line, typed);
        } else {
            bool off = !strcmp(dflt, "disabled") || !strncmp(dflt, "none", 4);
            if (off)
                sb_puts(&line, "no ");
            leading_keywords(cmd_def_syntax(c), &line);
            if (off || strcmp(dflt, "enabled") != 0)
                sb_printf(&line, " %s", dflt);
            if (off)
                sb_truncate(&line, line.len - strlen(dflt) - 1);
        }
        ck_assert_msg(agent_exec_line(&a, &s, sb_str(&line), &out) == CMD_OK, "%s: \"%s\": %s",
                      cmd_def_source(c), sb_str(&line), sb_str(&out));
        char *after = running_config(&a);
        ck_assert_msg(
            !strcmp(before, after),
            "%s: the documented default \"%s\" (%s) is not the code's:\n%s\n-- became --\n%s",
            cmd_def_source(c), dflt, sb_str(&line), before, after);
        free(after);
        /* `no` sets the default, but for what is on by default: `no service dhcp`, and `no
         * logging buffered`, which turns buffering off. */
        if (cmd_def_no_syntax(c) && strcmp(dflt, "enabled") != 0 &&
            strcmp(cmd_def_handler(c), "logging_buffered") != 0) {
            sb_reset(&line);
            sb_puts(&line, "no");
            first_sample(a.grammar, cmd_def_no_syntax(c), &line);
            ck_assert_int_eq(agent_exec_line(&a, &s, sb_str(&line), &out), CMD_OK);
            after = running_config(&a);
            ck_assert_msg(!strcmp(before, after), "%s: \"%s\" does not restore the default",
                          cmd_def_source(c), sb_str(&line));
            free(after);
        }
        free(before);
        sb_free(&line);
        sb_free(&out);
        unit_agent_stop(&a, dir);
        checked++;
    }
    ck_assert_uint_ge(checked, 18);
    grammar_free(g0);
}
END_TEST

START_TEST(every_handler_name_is_known_to_the_engine_or_bound)
{
    /* cwmpd's own tables, bound as it binds them at start-up. */
    struct grammar *g = builtin_unbound();
    struct agent *a = calloc(1, sizeof *a);
    a->grammar = g;
    struct strbuf err = STRBUF_INIT;
    int rc = agent_bind_handlers(a, &err);
    ck_assert_msg(rc == 0 && err.len == 0, "%s", sb_str(&err));
    char *unbound = binding_faults(g, NULL, 0);
    ck_assert_str_eq(unbound, "");
    free(unbound);
    sb_free(&err);
    free(a);
    grammar_free(g);
}
END_TEST

/* The check above fails when it should: a table that leaves a handler out, names one no command
 * has, or binds one twice. */
START_TEST(binding_faults_are_reported)
{
    struct grammar *g = builtin_unbound();
    size_t nb;
    struct cmd_binding *b = recorder_table(g, &nb);
    ck_assert_uint_gt(nb, 10);
    size_t left_out = 0;
    while (strcmp(b[left_out].name, "cwmp_session_retry_limit") != 0)
        left_out++;
    b[left_out] = (struct cmd_binding){"cwmp_session_retry_limits", record, ""};
    b[nb++] = (struct cmd_binding){"hostname", record, ""};
    char *faults = binding_faults(g, b, nb);
    ck_assert_msg(
        strstr(faults, "handler cwmp_session_retry_limits is bound but no command uses it\n"), "%s",
        faults);
    ck_assert_msg(strstr(faults, "handler hostname is bound twice\n"), "%s", faults);
    ck_assert_msg(strstr(faults, "handler cwmp_session_retry_limit of \"session retry limit "),
                  "%s", faults);
    free(faults);
    free(b);
    grammar_free(g);

    /* An engine handler bound again is a duplicate too. */
    g = builtin_unbound();
    struct cmd_binding exit_again = {"mode_exit", record, ""};
    struct strbuf err = STRBUF_INIT;
    ck_assert_int_eq(grammar_bind(g, &exit_again, 1, NULL, &err), -1);
    ck_assert_str_eq(sb_str(&err), "handler mode_exit is bound twice\n");
    sb_free(&err);
    grammar_free(g);
}
END_TEST

static int read_x(struct cmd_call *c)
{
    sb_printf(c->out, "x=%s", cmd_arg(c, "x") ? cmd_arg(c, "x") : "(null)");
    return 0;
}

static int read_word(struct cmd_call *c)
{
    sb_printf(c->out, "WORD=%s", cmd_arg(c, "WORD") ? cmd_arg(c, "WORD") : "(null)");
    return 0;
}

static struct grammar *arg_grammar(void)
{
    struct strbuf err = STRBUF_INIT;
    struct grammar *g = grammar_new();
    int rc = grammar_load_text(g, "test.cmd",
                               "mode exec\n heading Exec commands:\n no Negate\n"
                               "mode config\n config\n heading Configure commands:\n"
                               "cmd set WORD$x\n mode exec\n handler h\n help set Set\n"
                               " help WORD A word\n"
                               "cmd put [WORD$x]\n mode exec\n handler h\n help put Put\n"
                               " help WORD A word\n"
                               "cmd drop WORD\n mode exec\n handler k\n help drop Drop\n"
                               " help WORD A word\n"
                               "cmd fill <1-9>$x\n mode exec\n handler f\n help fill Fill\n"
                               " help <1-9> A number\n no fill\n"
                               "cmd empty\n mode exec\n handler e\n help empty Empty\n",
                               &err);
    if (rc == 0)
        rc = grammar_finalize(g, &err);
    ck_assert_msg(rc == 0, "%s", sb_str(&err));
    sb_free(&err);
    return g;
}

/* Each name a binding declares must come from the syntax (or `no` form) of every command of its
 * handler, as a keyword or a typed token's $name, never a token's text. */
START_TEST(declared_arguments_are_checked_against_the_syntax)
{
    struct grammar *g = arg_grammar();
    const struct cmd_binding good[] = {
        {"h", read_x, "x"},
        {"k", read_word, ""},
        {"f", read_x, "x fill"},
        {"e", read_x, ""},
    };
    char *faults = binding_faults(g, good, 4);
    ck_assert_str_eq(faults, "");
    free(faults);
    struct cli_session s;
    struct strbuf out = STRBUF_INIT;
    cli_session_init(&s, g, PRIV_PRIVILEGED);
    ck_assert_int_eq(grammar_execute(g, &s, "set abc", &out, NULL), CMD_OK);
    ck_assert_str_eq(sb_str(&out), "x=abc");
    sb_reset(&out);
    ck_assert_int_eq(grammar_execute(g, &s, "put", &out, NULL), CMD_OK);
    ck_assert_str_eq(sb_str(&out), "x=(null)");
    sb_free(&out);
    grammar_free(g);

    g = arg_grammar();
    const struct cmd_binding bad[] = {
        {"h", read_x, "x set"},   /* `put` has no keyword set */
        {"k", read_word, "WORD"}, /* token text */
        {"f", read_x, "y"},       /* neither in fill <1-9>$x nor in its no form */
        {"e", read_x, "x"},
    };
    faults = binding_faults(g, bad, 4);
    ck_assert_str_eq(faults,
                     "test.cmd:12: handler h reads \"set\", which \"put [WORD$x]\" does not give\n"
                     "test.cmd:17: handler k reads \"WORD\", which \"drop WORD\" does not give\n"
                     "test.cmd:22: handler f reads \"y\", which \"fill <1-9>$x\" does not give\n"
                     "test.cmd:28: handler e reads \"x\", which \"empty\" does not give\n");
    free(faults);
    grammar_free(g);
}
END_TEST

/* A handler asking for a name its binding did not declare is a bug: it gets NULL, and an abort
 * where assertions are on (tests and debug builds). */
START_TEST(undeclared_arguments_are_refused)
{
    struct grammar *g = arg_grammar();
    const struct cmd_binding t[] = {
        {"h", read_x, ""}, /* reads x without declaring it */
        {"k", read_word, ""},
        {"f", read_x, "x"},
        {"e", read_x, ""},
    };
    char *faults = binding_faults(g, t, 4);
    ck_assert_str_eq(faults, "");
    free(faults);
    struct cli_session s;
    struct strbuf out = STRBUF_INIT;
    cli_session_init(&s, g, PRIV_PRIVILEGED);
    grammar_execute(g, &s, "set abc", &out, NULL);
#ifdef NDEBUG
    ck_assert_str_eq(sb_str(&out), "x=(null)");
    raise(SIGABRT);
#endif
    ck_abort_msg("an undeclared argument was handed out: %s", sb_str(&out));
}
END_TEST

START_TEST(abbreviations_and_interface_names)
{
    struct grammar *g = builtin();
    struct cli_session s;
    struct strbuf out = STRBUF_INIT;
    enter(g, &s, "exec", "");
    ck_assert_int_eq(run(g, &s, "conf t", &out), CMD_OK);
    ck_assert_str_eq(seen.handler, "configure_terminal");
    ck_assert_int_eq(cli_session_mode(&s), grammar_config_mode(g));
    static const char *const forms[][2] = {
        {"int e0/0", "Ethernet0/0"},
        {"interface ethernet 0/0", "Ethernet0/0"},
        {"INTERFACE Ethernet0/1", "Ethernet0/1"},
        {"int gi0/0/0", "GigabitEthernet0/0/0"},
        {"int vlan102", "Vlan102"},
        {"int vl 102", "Vlan102"},
        {"int atm0", "ATM0"},
        {"int e00/01", "Ethernet0/1"},
    };
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        enter(g, &s, "config", "");
        ck_assert_msg(run(g, &s, forms[i][0], &out) == CMD_OK, "%s: %s", forms[i][0], out.buf);
        ck_assert_str_eq(s.stack[s.depth - 1].arg, forms[i][1]);
        ck_assert_int_eq(cli_session_mode(&s), grammar_mode_id(g, "config-if"));
    }
    enter(g, &s, "config", "");
    ck_assert_int_eq(run(g, &s, "int vlan5000", &out), CMD_INVALID);
    ck_assert_int_eq(run(g, &s, "int e0/0/0/0", &out), CMD_INVALID);
    ck_assert_int_eq(run(g, &s, "int ethernet", &out), CMD_INCOMPLETE);
    enter(g, &s, "exec", "");
    ck_assert_int_eq(run(g, &s, "sh run", &out), CMD_OK);
    ck_assert_str_eq(seen.handler, "show_running_config");
    grammar_free(g);
    sb_free(&out);
}
END_TEST

START_TEST(later_tokens_settle_an_abbreviation)
{
    struct strbuf err = STRBUF_INIT, out = STRBUF_INIT;
    struct grammar *g = custom("mode exec\n heading Exec commands:\nmode config\n config\n"
                               " heading Configure commands:\n"
                               "cmd show ip bgp\n mode exec\n handler a\n help show Show\n"
                               " help ip IP\n help bgp BGP\n"
                               "cmd show interfaces counters\n mode exec\n handler b\n"
                               " help interfaces Interfaces\n help counters Counters\n"
                               "cmd set ip address\n mode exec\n handler c\n help set Set\n"
                               " help ip IP\n help address Address\n"
                               "cmd set name WORD\n mode exec\n handler d\n"
                               " help name Name\n help WORD A name\n"
                               "cmd set name all\n mode exec\n handler e\n help all All\n",
                               &err);
    ck_assert_msg(g != NULL, "%s", sb_str(&err));
    struct cli_session s;
    enter(g, &s, "exec", "");
    /* `s` and `i` are each ambiguous alone; the last word completes only one command. */
    ck_assert_int_eq(run(g, &s, "s i b", &out), CMD_OK);
    ck_assert_str_eq(seen.handler, "a");
    ck_assert_int_eq(run(g, &s, "s i c", &out), CMD_OK);
    ck_assert_str_eq(seen.handler, "b");
    ck_assert_int_eq(run(g, &s, "s i a", &out), CMD_OK);
    ck_assert_str_eq(seen.handler, "c");
    ck_assert_int_eq(run(g, &s, "s i", &out), CMD_AMBIGUOUS);
    ck_assert_str_eq(sb_str(&out), "% Ambiguous command:  \"s i\"\n");
    ck_assert_int_eq(run(g, &s, "sh i", &out), CMD_AMBIGUOUS);
    ck_assert_int_eq(run(g, &s, "sh ip", &out), CMD_INCOMPLETE);
    /* An abbreviated keyword does not win over an argument (`a` may be `all` or a name); a
     * keyword typed in full does. */
    ck_assert_int_eq(run(g, &s, "s n a", &out), CMD_AMBIGUOUS);
    ck_assert_int_eq(run(g, &s, "s n all", &out), CMD_OK);
    ck_assert_str_eq(seen.handler, "e");
    ck_assert_int_eq(run(g, &s, "s n x", &out), CMD_OK);
    ck_assert_str_eq(seen.handler, "d");
    grammar_free(g);
    sb_free(&err);
    sb_free(&out);
}
END_TEST

START_TEST(exact_keywords_beat_arguments)
{
    struct grammar *g = builtin();
    struct cli_session s;
    struct strbuf out = STRBUF_INIT;
    enter(g, &s, "config-cwmp", "");
    ck_assert_int_eq(run(g, &s, "management server password 7", &out), CMD_INCOMPLETE);
    ck_assert_int_eq(run(g, &s, "management server password 0 lab", &out), CMD_OK);
    ck_assert_str_eq(seen.args, "management=management server=server password=password "
                                "0=0 password=lab");
    ck_assert_int_eq(run(g, &s, "management server password lab", &out), CMD_OK);
    ck_assert_int_eq(run(g, &s, "enable", &out), CMD_OK);
    ck_assert_str_eq(seen.handler, "cwmp_enable");
    ck_assert_int_eq(run(g, &s, "enable d", &out), CMD_OK);
    ck_assert_str_eq(seen.handler, "cwmp_enable_download");
    grammar_free(g);
    sb_free(&out);
}
END_TEST

START_TEST(error_messages_and_carets)
{
    struct grammar *g = builtin();
    struct cli_session s;
    struct strbuf out = STRBUF_INIT;
    enter(g, &s, "config-if", "Ethernet0/0");
    /* `ad` prefixes `address`, `adr` does not: the caret goes under the r. */
    ck_assert_int_eq(run(g, &s, "ip adress 1.1.1.1 255.0.0.0", &out), CMD_INVALID);
    ck_assert_str_eq(sb_str(&out), "ip adress 1.1.1.1 255.0.0.0\n"
                                   "     ^\n"
                                   "% Invalid input detected at '^' marker.\n\n");
    enter(g, &s, "config", "");
    /* An argument that fails as a whole gets the caret under its first character. */
    ck_assert_int_eq(run(g, &s, "ntp server 0255.255.1", &out), CMD_INVALID);
    ck_assert_str_eq(sb_str(&out), "ntp server 0255.255.1\n"
                                   "           ^\n"
                                   "% Invalid input detected at '^' marker.\n\n");
    /* On a terminal the caret is counted from the start of the prompt. */
    sb_reset(&out);
    struct exec_opts o = {.caret_column = 15};
    ck_assert_int_eq(grammar_execute(g, &s, "ip dhcp pool", &out, &o), CMD_INCOMPLETE);
    ck_assert_str_eq(sb_str(&out), "% Incomplete command.\n\n");
    sb_reset(&out);
    ck_assert_int_eq(grammar_execute(g, &s, "show mac address-table", &out, &o), CMD_INVALID);
    ck_assert_str_eq(sb_str(&out),
                     "                ^\n% Invalid input detected at '^' marker.\n\n");
    enter(g, &s, "exec", "");
    ck_assert_int_eq(run(g, &s, "co", &out), CMD_AMBIGUOUS);
    ck_assert_str_eq(sb_str(&out), "% Ambiguous command:  \"co\"\n");
    ck_assert_int_eq(run(g, &s, "  co  ", &out), CMD_AMBIGUOUS);
    ck_assert_str_eq(sb_str(&out), "% Ambiguous command:  \"co\"\n");
    ck_assert_int_eq(run(g, &s, "xyz", &out), CMD_INVALID);
    ck_assert_str_eq(sb_str(&out),
                     "% Unknown command or computer name, or unable to find computer address\n");
    ck_assert_int_eq(run(g, &s, "show running-config extra", &out), CMD_INVALID);
    ck_assert_str_eq(sb_str(&out), "show running-config extra\n"
                                   "                    ^\n"
                                   "% Invalid input detected at '^' marker.\n\n");
    /* A complete command followed by a word it does not take: the caret under that word. */
    enter(g, &s, "exec", "");
    ck_assert_int_eq(run(g, &s, "terminal length 5 6", &out), CMD_INVALID);
    ck_assert_str_eq(sb_str(&out), "terminal length 5 6\n"
                                   "                  ^\n"
                                   "% Invalid input detected at '^' marker.\n\n");
    enter(g, &s, "config", "");
    ck_assert_int_eq(run(g, &s, "hostname a b", &out), CMD_INVALID);
    ck_assert_str_eq(sb_str(&out), "hostname a b\n"
                                   "           ^\n"
                                   "% Invalid input detected at '^' marker.\n\n");
    /* Comments and empty lines are accepted and do nothing. */
    ck_assert_int_eq(run(g, &s, "", &out), CMD_OK);
    ck_assert_int_eq(run(g, &s, "! a comment", &out), CMD_OK);
    ck_assert_str_eq(sb_str(&out), "");
    grammar_free(g);
    sb_free(&out);
}
END_TEST

START_TEST(hostile_lines_are_answered)
{
    struct grammar *g = builtin();
    struct cli_session s;
    struct strbuf out = STRBUF_INIT, line = STRBUF_INIT;
    enter(g, &s, "config", "");
    for (int i = 0; i < 500; i++)
        sb_puts(&line, "ip ");
    ck_assert_int_eq(run(g, &s, sb_str(&line), &out), CMD_INVALID);
    sb_reset(&line);
    sb_pad(&line, 'a', 100000);
    ck_assert_int_eq(run(g, &s, sb_str(&line), &out), CMD_INVALID);
    ck_assert_int_eq(run(g, &s, "hostname \x01\x02\x7f", &out), CMD_INCOMPLETE);
    ck_assert_int_eq(run(g, &s, "ntp server 1.2.3.4.5", &out), CMD_INVALID);
    ck_assert_int_eq(run(g, &s, "ntp server 256.1.1.1", &out), CMD_INVALID);
    ck_assert_int_eq(run(g, &s, "ntp server 1..1.1", &out), CMD_INVALID);
    ck_assert_int_eq(run(g, &s, "ntp server -bad.example", &out), CMD_INVALID);
    ck_assert_int_eq(run(g, &s, "ntp server pool.ntp.org", &out), CMD_OK);
    ck_assert_int_eq(run(g, &s, "ntp server 10.0.0.1", &out), CMD_OK);
    ck_assert_str_eq(seen.args, "ntp=ntp server=server peer=10.0.0.1");
    enter(g, &s, "config-cwmp", "");
    ck_assert_int_eq(run(g, &s, "session retry limit 16", &out), CMD_INVALID);
    ck_assert_int_eq(run(g, &s, "session retry limit -1", &out), CMD_INVALID);
    ck_assert_int_eq(run(g, &s, "session retry limit 99999999999999999999999", &out), CMD_INVALID);
    ck_assert_int_eq(run(g, &s, "session retry limit 015", &out), CMD_OK);
    sb_free(&line);
    sb_free(&out);
    grammar_free(g);
}
END_TEST

/* `default COMMAND` runs the command's `no` form in every configuration mode: each `no` form of
 * the builtin definitions, typed after `default`, reaches its handler negated, except where the
 * mode spells a command `default WORD ...` of its own (default interface IFNAME), which keeps its
 * line. */
START_TEST(default_runs_the_no_form_in_configuration_modes)
{
    struct grammar *g = builtin();
    struct strbuf out = STRBUF_INIT;
    size_t checked = 0;
    for (size_t i = 0; i < grammar_command_count(g); i++) {
        const struct cmd_def *c = grammar_command(g, i);
        if (!cmd_def_no_syntax(c) || !strncmp(cmd_def_no_syntax(c), "interface ", 10))
            continue;
        for (size_t m = 0; m < grammar_mode_count(g); m++) {
            if (!cmd_def_in_mode(c, (int)m) || !grammar_mode_is_config(g, (int)m))
                continue;
            struct syn_expansion e;
            struct strbuf err = STRBUF_INIT;
            ck_assert_int_eq(syntax_expand(g, cmd_def_no_syntax(c), &e, &err), 0);
            for (size_t k = 0; k < e.n; k++) {
                struct strbuf line = STRBUF_INIT;
                sb_puts(&line, "default");
                sample_line(&e.seq[k], &line, 0);
                struct cli_session s;
                enter(g, &s, grammar_mode_name(g, (int)m), "Ethernet0/0");
                enum cmd_status st = run(g, &s, sb_str(&line), &out);
                ck_assert_msg(st == CMD_OK, "%s: \"%s\" in %s: status %d\n%s", cmd_def_source(c),
                              sb_str(&line), grammar_mode_name(g, (int)m), st, sb_str(&out));
                ck_assert_str_eq(seen.handler, cmd_def_handler(c));
                ck_assert_msg(seen.negate, "\"%s\" did not run the no form", sb_str(&line));
                /* The `no` form never enters a mode. */
                ck_assert_int_eq(cli_session_mode(&s), (int)m);
                sb_free(&line);
                checked++;
            }
            syntax_expansion_free(&e);
            sb_free(&err);
        }
    }
    ck_assert_uint_gt(checked, 30);

    struct cli_session s;
    enter(g, &s, "config-cwmp", "");
    ck_assert_int_eq(run(g, &s, "default session retry limit", &out), CMD_OK);
    ck_assert_str_eq(seen.handler, "cwmp_session_retry_limit");
    ck_assert(seen.negate);
    /* Abbreviated as any keyword. */
    ck_assert_int_eq(run(g, &s, "def sess retry lim", &out), CMD_OK);
    ck_assert_str_eq(seen.handler, "cwmp_session_retry_limit");
    char *h = help(g, &s, "", -1);
    ck_assert_ptr_nonnull(strstr(h, "  default "));
    ck_assert_ptr_nonnull(strstr(h, "Set a command to its defaults\n"));
    free(h);
    h = help(g, &s, "default session retry limit ", -1);
    ck_assert_str_eq(h, "  <0-15>  Session retry count\n  <cr>\n\n");
    free(h);
    h = help(g, &s, "default ", -1);
    ck_assert_ptr_nonnull(strstr(h, "  session "));
    /* Commands without a `no` form are not offered. */
    ck_assert_ptr_null(strstr(h, "  exit "));
    ck_assert_ptr_null(strstr(h, "  end "));
    free(h);
    ck_assert_int_eq(run(g, &s, "default exit", &out), CMD_INVALID);

    /* The command spelt `default interface IFNAME` is still itself, not `no interface`. */
    enter(g, &s, "config", "");
    ck_assert_int_eq(run(g, &s, "default interface Ethernet0/1", &out), CMD_OK);
    ck_assert_str_eq(seen.handler, "interface_default");
    ck_assert(!seen.negate);
    ck_assert_int_eq(run(g, &s, "default hostname", &out), CMD_OK);
    ck_assert_str_eq(seen.handler, "hostname");
    ck_assert(seen.negate);
    /* From a sub-mode, a global command's default falls through, as any global line. */
    enter(g, &s, "config-if", "Ethernet0/0");
    ck_assert_int_eq(run(g, &s, "default hostname", &out), CMD_OK);
    ck_assert_int_eq(cli_session_mode(&s), grammar_config_mode(g));
    /* EXEC has no `default`. */
    enter(g, &s, "exec", "");
    ck_assert_int_eq(run(g, &s, "default debug all", &out), CMD_INVALID);
    grammar_free(g);
    sb_free(&out);
}
END_TEST

START_TEST(sub_modes_fall_through_to_global_configuration)
{
    struct grammar *g = builtin();
    struct cli_session s;
    struct strbuf out = STRBUF_INIT;
    enter(g, &s, "config-cwmp", "");
    ck_assert_int_eq(run(g, &s, "interface Ethernet0/1", &out), CMD_OK);
    ck_assert_int_eq(cli_session_mode(&s), grammar_mode_id(g, "config-if"));
    ck_assert_int_eq(s.depth, 3);
    ck_assert_int_eq(run(g, &s, "hostname R1", &out), CMD_OK);
    ck_assert_int_eq(cli_session_mode(&s), grammar_config_mode(g));
    /* A line valid nowhere reports the sub-mode's own error. */
    enter(g, &s, "config-if", "Ethernet0/0");
    ck_assert_int_eq(run(g, &s, "ip adress", &out), CMD_INVALID);
    ck_assert_int_eq(cli_session_mode(&s), grammar_mode_id(g, "config-if"));
    /* exit leaves one level, end all of them. */
    ck_assert_int_eq(run(g, &s, "exit", &out), CMD_OK);
    ck_assert_int_eq(cli_session_mode(&s), grammar_config_mode(g));
    ck_assert_int_eq(run(g, &s, "exit", &out), CMD_OK);
    ck_assert_int_eq(cli_session_mode(&s), grammar_exec_mode(g));
    ck_assert(!s.closing);
    ck_assert_int_eq(run(g, &s, "exit", &out), CMD_OK);
    ck_assert(s.closing);
    enter(g, &s, "dhcp-config", "POOL");
    ck_assert_int_eq(run(g, &s, "end", &out), CMD_OK);
    ck_assert_int_eq(s.depth, 1);
    grammar_free(g);
    sb_free(&out);
}
END_TEST

START_TEST(do_runs_exec_commands_in_configuration_modes)
{
    struct grammar *g = builtin();
    struct cli_session s;
    struct strbuf out = STRBUF_INIT;
    enter(g, &s, "config-if", "Ethernet0/0");
    ck_assert_int_eq(run(g, &s, "do sh run", &out), CMD_OK);
    ck_assert_str_eq(seen.handler, "show_running_config");
    ck_assert_int_eq(cli_session_mode(&s), grammar_mode_id(g, "config-if"));
    ck_assert_int_eq(run(g, &s, "do show running-config | include two", &out), CMD_OK);
    ck_assert_str_eq(sb_str(&out), "line two\n");
    ck_assert_int_eq(run(g, &s, "do", &out), CMD_INCOMPLETE);
    ck_assert_int_eq(run(g, &s, "do cwmp agent", &out), CMD_INVALID);
    grammar_free(g);
    sb_free(&out);
}
END_TEST

START_TEST(privileged_commands_do_not_exist_in_user_exec)
{
    struct grammar *g = builtin();
    struct cli_session s;
    struct strbuf out = STRBUF_INIT;
    cli_session_init(&s, g, PRIV_USER);
    ck_assert_int_eq(run(g, &s, "configure terminal", &out), CMD_INVALID);
    ck_assert_str_eq(sb_str(&out), "configure terminal\n^\n"
                                   "% Invalid input detected at '^' marker.\n\n");
    ck_assert_int_eq(run(g, &s, "show running-config", &out), CMD_INVALID);
    ck_assert_int_eq(run(g, &s, "show version", &out), CMD_OK);
    char *h = help(g, &s, "show ", -1);
    ck_assert_ptr_null(strstr(h, "running-config"));
    ck_assert_ptr_nonnull(strstr(h, "version"));
    free(h);
    h = help(g, &s, "", -1);
    ck_assert_ptr_null(strstr(h, "configure"));
    ck_assert_ptr_nonnull(strstr(h, "enable"));
    free(h);
    grammar_free(g);
    sb_free(&out);
}
END_TEST

START_TEST(help_lists_next_tokens_as_ios_does)
{
    struct grammar *g = builtin();
    struct cli_session s;
    enter(g, &s, "config-cwmp", "");
    char *h = help(g, &s, "session retry limit ", 20);
    ck_assert_str_eq(h, "  <0-15>  Session retry count\n\n");
    free(h);
    h = help(g, &s, "session retry limit 10 ", 20);
    ck_assert_str_eq(h, "  <cr>\n\n");
    free(h);
    enter(g, &s, "exec", "");
    h = help(g, &s, "show running-config ", 7);
    ck_assert_str_eq(h, "  all        Configuration with defaults\n"
                        "  interface  Show interface configuration\n"
                        "  |          Output modifiers\n"
                        "  <cr>\n\n");
    free(h);
    h = help(g, &s, "show running-config | ", 7);
    ck_assert_str_eq(h, "  begin    Begin with the line that matches\n"
                        "  count    Count number of lines which match regexp\n"
                        "  exclude  Exclude lines that match\n"
                        "  include  Include lines that match\n"
                        "  section  Filter a section of output\n\n");
    free(h);
    h = help(g, &s, "", 7);
    const char *head = "Exec commands:\n"
                       "  archive     manage archive files\n"
                       "  clear       Reset functions\n"
                       "  configure   Enter configuration mode\n";
    ck_assert_msg(strncmp(h, head, strlen(head)) == 0, "help was:\n%s", h);
    ck_assert(
        strstr(h, "  write       Write running configuration to memory, network, or terminal\n\n"));
    free(h);
    h = help(g, &s, "co", 7);
    ck_assert_str_eq(h, "configure  copy\n\n");
    free(h);
    h = help(g, &s, "xyz", 7);
    ck_assert_str_eq(h, "% Unrecognized command\n");
    free(h);
    h = help(g, &s, "show foo ", 7);
    ck_assert_str_eq(h, "            ^\n% Invalid input detected at '^' marker.\n\n");
    free(h);
    h = help(g, &s, "co ", 7);
    ck_assert_str_eq(h, "% Ambiguous command:  \"co\"\n");
    free(h);
    enter(g, &s, "config", "");
    /* Arguments first, then keywords in order. */
    h = help(g, &s, "ip dhcp ", 15);
    ck_assert_str_eq(h, "  class             Configure DHCP classes\n"
                        "  excluded-address  Prevent DHCP from assigning certain addresses\n"
                        "  pool              Configure DHCP address pools\n\n");
    free(h);
    enter(g, &s, "config-if", "Ethernet0/0");
    h = help(g, &s, "ip address ", 15);
    ck_assert_str_eq(h, "  A.B.C.D  IP address\n"
                        "  dhcp     IP Address negotiated via DHCP\n"
                        "  pool     IP Address autoconfigured from a local DHCP pool\n\n");
    free(h);
    h = help(g, &s, "description hello ", 15);
    ck_assert_str_eq(h, "  LINE  Up to 240 characters describing this interface\n  <cr>\n\n");
    free(h);
    enter(g, &s, "config", "");
    h = help(g, &s, "interface ", 15);
    ck_assert(strstr(h, "  Ethernet         IEEE 802.3\n"));
    free(h);
    h = help(g, &s, "interface ethernet ", 15);
    ck_assert_str_eq(h, "  <0-15>/<0-15>  Ethernet interface number\n\n");
    free(h);
    grammar_free(g);
}
END_TEST

START_TEST(long_help_wraps_under_its_column)
{
    struct strbuf err = STRBUF_INIT;
    struct grammar *g = custom(
        "mode exec\n heading Exec commands:\nmode config\n config\n heading Configure commands:\n"
        "cmd frobnicate WORD\n mode exec\n handler f\n help frobnicate Frob\n"
        " help WORD A very long help text that certainly does not fit on one line of eighty "
        "columns and must wrap under the help column\n",
        &err);
    ck_assert_msg(g != NULL, "%s", sb_str(&err));
    struct cli_session s;
    enter(g, &s, "exec", "");
    char *h = help(g, &s, "frobnicate ", 7);
    ck_assert_str_eq(
        h, "  WORD  A very long help text that certainly does not fit on one line of eighty\n"
           "        columns and must wrap under the help column\n\n");
    free(h);
    grammar_free(g);
    sb_free(&err);
}
END_TEST

START_TEST(tab_completes_unique_keywords)
{
    struct grammar *g = builtin();
    struct cli_session s;
    enter(g, &s, "exec", "");
    char *c = grammar_complete(g, &s, "conf");
    ck_assert_str_eq(c, "configure ");
    free(c);
    ck_assert_ptr_null(grammar_complete(g, &s, "co"));
    ck_assert_ptr_null(grammar_complete(g, &s, "conf "));
    ck_assert_ptr_null(grammar_complete(g, &s, "xyz"));
    c = grammar_complete(g, &s, "CONF");
    ck_assert_str_eq(c, "configure ");
    free(c);
    c = grammar_complete(g, &s, "show running-config | inc");
    ck_assert_str_eq(c, "include ");
    free(c);
    enter(g, &s, "config", "");
    c = grammar_complete(g, &s, "int e0/0");
    ck_assert_str_eq(c, "Ethernet0/0 ");
    free(c);
    c = grammar_complete(g, &s, "int gi");
    ck_assert_str_eq(c, "GigabitEthernet");
    free(c);
    c = grammar_complete(g, &s, "do sh");
    ck_assert_str_eq(c, "show ");
    free(c);
    /* An argument cannot be completed. */
    ck_assert_ptr_null(grammar_complete(g, &s, "hostname r"));
    grammar_free(g);
}
END_TEST

/* The words of a line: blanks and control characters part them and are spaces in the line kept
 * (its carets and LINE arguments), from short lines to the longest, and past the last word the
 * engine takes. */
START_TEST(lines_are_split_at_blanks_and_control_characters)
{
    struct input in;
    input_split(&in, "\t ip\x01nat\x7finside\r\n");
    ck_assert_uint_eq(in.n, 3);
    ck_assert_str_eq(in.w[0].text, "ip");
    ck_assert_uint_eq(in.w[1].start, 5);
    ck_assert_str_eq(in.w[2].text, "inside");
    ck_assert_str_eq(in.line, "  ip nat inside  ");
    ck_assert(in.trailing_space);
    ck_assert(!in.too_many_words);
    input_free(&in);
    input_split(&in, "");
    ck_assert_uint_eq(in.n, 0);
    ck_assert(in.trailing_space);
    input_free(&in);
    /* Longer than the block inside struct input, and more words than the engine takes: the line
     * is kept whole (blanks as spaces), the words to the limit. */
    struct strbuf line = STRBUF_INIT;
    for (int i = 0; i < GRAMMAR_MAX_WORDS + 5; i++)
        sb_printf(&line, "w%d\t", i);
    input_split(&in, sb_str(&line));
    ck_assert(in.too_many_words);
    ck_assert_uint_eq(in.n, GRAMMAR_MAX_WORDS);
    ck_assert_str_eq(in.w[GRAMMAR_MAX_WORDS - 1].text, "w127");
    ck_assert_uint_eq(strlen(in.line), line.len);
    ck_assert_ptr_null(strchr(in.line, '\t'));
    input_free(&in);
    /* A LINE argument keeps the spacing of the line as typed, control characters as spaces. */
    struct grammar *g = builtin();
    struct cli_session s;
    struct strbuf out = STRBUF_INIT;
    enter(g, &s, "config-if", "Ethernet0/0");
    ck_assert_int_eq(run(g, &s, "description\ta\x01 b\t", &out), CMD_OK);
    ck_assert_str_eq(seen.args, "description=description text=a  b");
    grammar_free(g);
    sb_free(&out);
    sb_free(&line);
}
END_TEST

START_TEST(line_arguments_keep_their_spacing)
{
    struct grammar *g = builtin();
    struct cli_session s;
    struct strbuf out = STRBUF_INIT;
    enter(g, &s, "config-if", "Ethernet0/0");
    ck_assert_int_eq(run(g, &s, "description  uplink   to  the ISP  ", &out), CMD_OK);
    ck_assert_str_eq(seen.args, "description=description text=uplink   to  the ISP");
    grammar_free(g);
    sb_free(&out);
}
END_TEST

static void piped(enum pipe_kind kind, const char *re, const char *text, const char *want)
{
    struct strbuf out = STRBUF_INIT;
    ck_assert_int_eq(pipe_apply(kind, re, text, strlen(text), &out), 0);
    ck_assert_str_eq(sb_str(&out), want);
    sb_free(&out);
}

START_TEST(output_modifiers)
{
    const char *cfg = "!\nhostname R\n!\ninterface Ethernet0/0\n ip nat inside\n cwmp wan\n!\n"
                      "interface Vlan1\n description x\n!\ncwmp agent\n enable\n!\nend\n";
    piped(PIPE_INCLUDE, "cwmp", cfg, " cwmp wan\ncwmp agent\n");
    piped(PIPE_EXCLUDE, "^ |!", cfg,
          "hostname R\ninterface Ethernet0/0\ninterface Vlan1\n"
          "cwmp agent\nend\n");
    piped(PIPE_BEGIN, "^cwmp", cfg, "cwmp agent\n enable\n!\nend\n");
    piped(PIPE_COUNT, "^interface", cfg, "Number of lines which match regexp = 2\n");
    piped(PIPE_SECTION, "interface", cfg,
          "interface Ethernet0/0\n ip nat inside\n cwmp wan\ninterface Vlan1\n description x\n");
    /* A child line's match prints its whole section. */
    piped(PIPE_SECTION, "cwmp", cfg,
          "interface Ethernet0/0\n ip nat inside\n cwmp wan\n"
          "cwmp agent\n enable\n");
    piped(PIPE_INCLUDE, "E(th|x)ernet[0-9]", cfg, "interface Ethernet0/0\n");
    piped(PIPE_INCLUDE, "x", "no newline at end", "");
    piped(PIPE_INCLUDE, "end", "no newline at end", "no newline at end\n");
    struct strbuf out = STRBUF_INIT;
    ck_assert_int_eq(pipe_apply(PIPE_INCLUDE, "(", cfg, strlen(cfg), &out), -1);
    ck_assert_str_eq(sb_str(&out), "% Invalid regular expression \"(\"\n");
    sb_free(&out);
}
END_TEST

static void refused(const char *re, const char *why)
{
    struct strbuf out = STRBUF_INIT, want = STRBUF_INIT;
    ck_assert_msg(pipe_apply(PIPE_INCLUDE, re, "a\n", 2, &out) == -1, "accepted: %s", re);
    sb_printf(&want, "%% Invalid regular expression \"%s\": %s\n", re, why);
    ck_assert_str_eq(sb_str(&out), sb_str(&want));
    sb_free(&out);
    sb_free(&want);
}

START_TEST(costly_regular_expressions_are_refused)
{
    /* Stacked and nested repetitions, which glibc's regcomp copies out into gigabytes (fuzz
     * target set_configuration, through X_00000C_ShowStatus), and back-references, which make
     * regexec exponential. */
    refused("a++++++++++++++++++++++++++++++++", "too many repetitions");
    refused("x(a|b+)+++++++++++++++", "too many repetitions");
    refused("((a{99}){99}){99}", "too many repetitions");
    refused("(((a{40}){40}){40}){40}", "too many repetitions");
    refused("[[:alpha:]]{5000}{5000}", "too many repetitions");
    refused("a{10001}", "too many repetitions");
    refused("a{,20000}", "too many repetitions");
    refused("(.*)(.*)\\2\\1b", "back-references are not supported");
    /* Operators stacked on one atom: few atoms, but minutes in regcomp's epsilon closures. */
    refused("a+++++++)++????????????????+++++", "too many repetitions");
    refused("(ab)+*?{2}", "too many repetitions");
    /* What may match nothing, repeated: few operators, but regcomp's epsilon closures grow with
     * the square of its copies (((a{00}){99}){49}: 360 MB and 0.3 s). */
    const char *nothing = "too many repetitions of what may match nothing";
    refused("((a{00}){99}){49}", nothing);
    refused("((a?){99}){49}", nothing);
    refused("((a*){99}){20}", nothing);
    refused("(\\b){3000}", nothing);
    refused("(^){3000}", nothing);
    refused("(){3000}", nothing);
    refused("(()){3000}", nothing);
    refused("(|a){3000}", nothing);
    refused("(a|){3000}", nothing);
    refused("(a{0}|b){3000}", nothing);
    refused("(a?){1000}", nothing);
    refused("x(a{,2}){600}", nothing);
    /* What is not costly still works, brackets and escapes read as regcomp reads them. */
    const char *cfg = "interface Ethernet0/0\n ip nat inside\nntp server 1.2.3.4\n+1\n";
    piped(PIPE_INCLUDE, "a+{1}", cfg, "interface Ethernet0/0\n ip nat inside\n");
    piped(PIPE_INCLUDE, "x{9000}|ntp", cfg, "ntp server 1.2.3.4\n");
    piped(PIPE_INCLUDE, "^[\\1+]1", cfg, "+1\n");
    piped(PIPE_INCLUDE, "[]a[:digit:]]{3}|[[:digit:]]+\\.[0-9]", cfg, "ntp server 1.2.3.4\n");
    piped(PIPE_INCLUDE, "\\+1", cfg, "+1\n");
    piped(PIPE_COUNT, "(((a)))+*?", cfg, "Number of lines which match regexp = 4\n");
    piped(PIPE_INCLUDE, "a{2,}|a{,1}x|a{3,4}", cfg, "");
    piped(PIPE_INCLUDE, "(a?b){400}|^(\\b|x?)+n?tp", cfg, "ntp server 1.2.3.4\n");
    piped(PIPE_INCLUDE, "(ab){3000}|(a{0}){200}nat", cfg, " ip nat inside\n");
}
END_TEST

static void expect_defs_error(const char *text, const char *message)
{
    struct strbuf err = STRBUF_INIT;
    struct grammar *g = custom(text, &err);
    ck_assert_msg(g == NULL, "accepted: %s", text);
    ck_assert_msg(strstr(sb_str(&err), message), "error \"%s\" lacks \"%s\"", sb_str(&err),
                  message);
    sb_free(&err);
}

#define MODES                                                                                      \
    "mode exec\n heading Exec commands:\nmode config\n config\n heading Configure commands:\n"

START_TEST(bad_definitions_are_reported_with_their_place)
{
    expect_defs_error(MODES "cmd a [b\n mode exec\n handler h\n help a A\n help b B\n",
                      "unbalanced brackets");
    expect_defs_error(MODES "cmd a\n mode nowhere\n handler h\n help a A\n",
                      "unknown mode nowhere");
    expect_defs_error(MODES "cmd a b\n mode exec\n handler h\n help a A\n",
                      "token \"b\" has no help text");
    expect_defs_error(MODES "cmd a\n mode exec\n handler h\n help a A\n"
                            "cmd a\n mode exec\n handler k\n help a A\n",
                      "collides with test.cmd:");
    expect_defs_error(MODES "cmd a\n mode exec\n handler h\n colour blue\n",
                      "test.cmd:9: unknown command attribute");
    expect_defs_error(MODES "cmd a <5-1>\n mode exec\n handler h\n help a A\n", "bad range");
    expect_defs_error(MODES "cmd a LINE b\n mode exec\n handler h\n help a A\n",
                      "LINE and EXEC must be last");
    expect_defs_error(MODES "cmd Abc\n mode exec\n handler h\n", "keywords are lower case");
    expect_defs_error(MODES "cmd a\n mode exec\n help a A\n", "has no handler");
    expect_defs_error(MODES "cmd a {b|}\n mode exec\n handler h\n help a A\n help b B\n",
                      "empty alternative");
    expect_defs_error("  orphan attribute\n", "attribute outside a mode or cmd block");
    expect_defs_error("mode exec\n heading E\n", "the grammar needs the modes exec and config");
}
END_TEST

/* ping's and traceroute's options come in any order, each at most once ([[...]] groups). */
START_TEST(any_order_options)
{
    struct grammar *g = builtin();
    struct cli_session s;
    struct strbuf out = STRBUF_INIT;
    enter(g, &s, "exec", "");
    ck_assert_int_eq(run(g, &s, "ping h size 200 repeat 3", &out), CMD_OK);
    ck_assert_str_eq(seen.handler, "ping");
    ck_assert_str_eq(seen.args, "ping=ping host=h size=size size=200 repeat=repeat count=3");
    ck_assert_int_eq(run(g, &s, "ping h df timeout 1 so e0/0 rep 2", &out), CMD_OK);
    ck_assert_str_eq(seen.args, "ping=ping host=h df-bit=df-bit timeout=timeout timeout=1 "
                                "source=source ifname=Ethernet0/0 repeat=repeat count=2");
    ck_assert_int_eq(run(g, &s, "traceroute h timeout 1 probe 2 ttl 2 9", &out), CMD_OK);
    ck_assert_str_eq(seen.handler, "traceroute");
    ck_assert_str_eq(seen.args, "traceroute=traceroute host=h timeout=timeout timeout=1 "
                                "probe=probe count=2 ttl=ttl min_ttl=2 max_ttl=9");
    /* Each at most once: the caret under the option given again. */
    ck_assert_int_eq(run(g, &s, "ping h size 200 repeat 3 size 300", &out), CMD_INVALID);
    ck_assert_str_eq(sb_str(&out), "ping h size 200 repeat 3 size 300\n"
                                   "                          ^\n"
                                   "% Invalid input detected at '^' marker.\n"
                                   "\n");
    ck_assert_int_eq(run(g, &s, "traceroute h probe 2 timeout 1 pro 1", &out), CMD_INVALID);
    ck_assert_str_eq(sb_str(&out), "traceroute h probe 2 timeout 1 pro 1\n"
                                   "                               ^\n"
                                   "% Invalid input detected at '^' marker.\n"
                                   "\n");
    char *h = help(g, &s, "ping h size 200 ", 7);
    ck_assert_str_eq(h, "  df-bit   enable do not fragment bit in IP header\n"
                        "  repeat   specify repeat count\n"
                        "  source   specify source address or name\n"
                        "  timeout  specify timeout interval\n"
                        "  <cr>\n"
                        "\n");
    free(h);
    h = help(g, &s, "ping h size 200 df-bit repeat 2 timeout 1 source 1.2.3.4 ", 7);
    ck_assert_str_eq(h, "  <cr>\n"
                        "\n");
    free(h);
    h = help(g, &s, "traceroute h ttl 1 2 ", 7);
    ck_assert_str_eq(h, "  probe    specify number of probes per hop\n"
                        "  source   specify source address or name\n"
                        "  timeout  specify time out\n"
                        "  <cr>\n"
                        "\n");
    free(h);
    char *c = grammar_complete(g, &s, "ping h size 200 re");
    ck_assert_str_eq(c, "repeat ");
    free(c);
    c = grammar_complete(g, &s, "ping h d");
    ck_assert_str_eq(c, "df-bit ");
    free(c);
    /* repeat is given already: nothing left to complete. */
    ck_assert_ptr_null(grammar_complete(g, &s, "ping h repeat 2 size 200 re"));
    /* s is size or source, before either is given; source once size is. */
    ck_assert_ptr_null(grammar_complete(g, &s, "ping h s"));
    c = grammar_complete(g, &s, "ping h size 100 s");
    ck_assert_str_eq(c, "source ");
    free(c);
    /* The word after settles it (grammar/README.md, matching rules): 100 is a size. */
    ck_assert_int_eq(run(g, &s, "ping h s 100", &out), CMD_OK);
    ck_assert_str_eq(seen.args, "ping=ping host=h size=size size=100");
    grammar_free(g);
    sb_free(&out);
}
END_TEST

/* What follows a group (an option, output modifiers) comes after any subset of its options, and
 * the arguments reach the handler whatever the order. */
START_TEST(any_order_group_then_more)
{
    struct strbuf err = STRBUF_INIT, out = STRBUF_INIT;
    struct grammar *g =
        custom(MODES "pipe | Output modifiers\npipe begin B\npipe count C\npipe exclude E\n"
                     "pipe include I\npipe section S\npipe LINE Regular expression\n"
                     "cmd a [[b <1-9>$x] [c <1-9>$y] [d]] [z <1-9>$n]\n mode exec\n handler h\n"
                     " flags output\n help a A\n help b B\n help c C\n help d D\n help z Z\n"
                     " help <1-9>$x X\n help <1-9>$y Y\n help <1-9>$n N\n",
               &err);
    ck_assert_msg(g != NULL, "%s", sb_str(&err));
    struct cli_session s;
    enter(g, &s, "exec", "");
    ck_assert_int_eq(run(g, &s, "a", &out), CMD_OK);
    ck_assert_str_eq(seen.args, "a=a");
    ck_assert_int_eq(run(g, &s, "a c 2 d b 1 z 3", &out), CMD_OK);
    ck_assert_str_eq(seen.args, "a=a c=c y=2 d=d b=b x=1 z=z n=3");
    ck_assert_int_eq(run(g, &s, "a d z 4", &out), CMD_OK);
    ck_assert_str_eq(seen.args, "a=a d=d z=z n=4");
    ck_assert_int_eq(run(g, &s, "a b 1 c 2 d | include x", &out), CMD_OK);
    ck_assert_int_eq(run(g, &s, "a d c 5 | count", &out), CMD_INCOMPLETE);
    ck_assert_int_eq(run(g, &s, "a d c 5 | count y", &out), CMD_OK);
    /* After what follows the group, its options are over. */
    ck_assert_int_eq(run(g, &s, "a z 1 b 1", &out), CMD_INVALID);
    ck_assert_str_eq(sb_str(&out), "a z 1 b 1\n"
                                   "      ^\n"
                                   "% Invalid input detected at '^' marker.\n\n");
    ck_assert_int_eq(run(g, &s, "a d b 1 d", &out), CMD_INVALID);
    ck_assert_str_eq(sb_str(&out), "a d b 1 d\n"
                                   "        ^\n"
                                   "% Invalid input detected at '^' marker.\n\n");
    char *h = help(g, &s, "a d b 1 ", 7);
    ck_assert_str_eq(h, "  c     C\n"
                        "  z     Z\n"
                        "  |     Output modifiers\n"
                        "  <cr>\n"
                        "\n");
    free(h);
    h = help(g, &s, "a c 1 b 2 d ", 7);
    ck_assert_str_eq(h, "  z     Z\n"
                        "  |     Output modifiers\n"
                        "  <cr>\n"
                        "\n");
    free(h);
    h = help(g, &s, "a c 1 b 2 d z 1 ", 7);
    ck_assert_str_eq(h, "  |     Output modifiers\n"
                        "  <cr>\n"
                        "\n");
    free(h);
    char *c = grammar_complete(g, &s, "a d b 1 c 2 Z");
    ck_assert_str_eq(c, "z ");
    free(c);
    ck_assert_ptr_null(grammar_complete(g, &s, "a d b 1 c 2 d"));
    grammar_free(g);
    sb_free(&err);
    sb_free(&out);
}
END_TEST

/* Six options of sixteen choices each: 6! x 16^6 paths through the group (12 billion), which the
 * checks of grammar_finalize walk once per node, not once per path (a minute and more of start-up
 * on a PC, far more on a CPE). */
START_TEST(large_any_order_group)
{
    struct strbuf def = STRBUF_INIT, err = STRBUF_INIT, out = STRBUF_INIT;
    sb_puts(&def, MODES "cmd a [");
    for (char o = 'b'; o <= 'g'; o++)
        sb_printf(&def, "[%c {<1-9>|x1|x2|x3|x4|x5|x6|x7|x8|x9|x10|x11|x12|x13|x14|x15}] ", o);
    sb_puts(&def, "]\n mode exec\n handler h\n help a A\n help <1-9> N\n");
    for (char o = 'b'; o <= 'g'; o++)
        sb_printf(&def, " help %c O\n", o);
    for (int x = 1; x <= 15; x++)
        sb_printf(&def, " help x%d X\n", x);
    struct grammar *g = custom(sb_str(&def), &err);
    ck_assert_msg(g != NULL, "%s", sb_str(&err));
    struct cli_session s;
    enter(g, &s, "exec", "");
    ck_assert_int_eq(run(g, &s, "a g 1 e x8 b x1 f 9 c x4 d 2", &out), CMD_OK);
    ck_assert_str_eq(seen.args,
                     "a=a g=g <1-9>=1 e=e x8=x8 b=b x1=x1 f=f <1-9>=9 c=c x4=x4 d=d <1-9>=2");
    ck_assert_int_eq(run(g, &s, "a g 1 e x8 b x1 f 9 c x4 d 2 e 1", &out), CMD_INVALID);
    char *h = help(g, &s, "a g 1 e x8 b x1 f 9 ", 7);
    ck_assert_str_eq(h, "  c     O\n"
                        "  d     O\n"
                        "  <cr>\n"
                        "\n");
    free(h);
    grammar_free(g);
    sb_free(&def);
    sb_free(&err);
    sb_free(&out);
}
END_TEST

/* A group of a grammar of the test's own: every order of every subset and nothing else. */
START_TEST(any_order_groups_in_definitions)
{
    struct strbuf err = STRBUF_INIT, out = STRBUF_INIT;
    struct grammar *g = custom(MODES "cmd a [[b] [c <1-9>$n] [d|e]] f\n mode exec\n handler h\n"
                                     " help a A\n help b B\n help c C\n help <1-9>$n N\n help d D\n"
                                     " help e E\n help f F\n",
                               &err);
    ck_assert_msg(g != NULL, "%s", sb_str(&err));
    struct cli_session s;
    enter(g, &s, "exec", "");
    static const char *const ok[] = {"a f",       "a b f",       "a c 1 f",     "a e f",
                                     "a e b f",   "a c 2 d b f", "a b e c 3 f", "a d c 4 f",
                                     "a c 5 b f", "a e c 6 b f"};
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
        ck_assert_msg(run(g, &s, ok[i], &out) == CMD_OK, "%s: %s", ok[i], sb_str(&out));
    ck_assert_int_eq(run(g, &s, "a b c 1 b f", &out), CMD_INVALID);
    ck_assert_str_eq(sb_str(&out), "a b c 1 b f\n"
                                   "        ^\n"
                                   "% Invalid input detected at '^' marker.\n\n");
    /* d and e are one option: one of them at most. */
    ck_assert_int_eq(run(g, &s, "a d b e f", &out), CMD_INVALID);
    ck_assert_str_eq(sb_str(&out), "a d b e f\n"
                                   "      ^\n"
                                   "% Invalid input detected at '^' marker.\n"
                                   "\n");
    ck_assert_int_eq(run(g, &s, "a c 1 b", &out), CMD_INCOMPLETE);
    char *h = help(g, &s, "a c 1 ", 7);
    ck_assert_str_eq(h, "  b  B\n"
                        "  d  D\n"
                        "  e  E\n"
                        "  f  F\n"
                        "\n");
    free(h);
    grammar_free(g);
    expect_defs_error(MODES "cmd a [[b] c]\n mode exec\n handler h\n help a A\n help b B\n"
                            " help c C\n",
                      "an any-order group holds only [options]");
    expect_defs_error(MODES "cmd a [[b]]\n mode exec\n handler h\n help a A\n help b B\n",
                      "an any-order group needs two options or more");
    expect_defs_error(MODES "cmd a [[b] [c] [d] [e] [f] [g] [h]]\n mode exec\n handler h\n"
                            " help a A\n",
                      "too many options in an any-order group");
    expect_defs_error(MODES "cmd a [[b] [c]\n mode exec\n handler h\n help a A\n help b B\n"
                            " help c C\n",
                      "unbalanced brackets");
    expect_defs_error(MODES "cmd a [[b [[c] [d]]] [e]]\n mode exec\n handler h\n help a A\n",
                      "any-order groups do not nest");
    expect_defs_error(MODES "cmd a [[ [b] ] [c]]\n mode exec\n handler h\n help a A\n",
                      "an option of an any-order group needs a token");
    expect_defs_error(MODES "cmd a [[b LINE] [e]]\n mode exec\n handler h\n help a A\n",
                      "LINE and EXEC must be last");
    /* Two options starting alike: the path could not tell which one was given. */
    expect_defs_error(MODES "cmd a [[b <1-9>] [c] [b x]]\n mode exec\n handler h\n help a A\n",
                      "options of an any-order group start alike");
    expect_defs_error("mode exec\n heading Exec commands:\nmode config\n config\n"
                      " heading Configure commands:\n no Negate\n"
                      "cmd a [[b] [c]]\n mode config\n handler h\n help a A\n help b B\n"
                      " help c C\n no a [[b] [c]]\n",
                      "a `no` form takes no any-order group");
    /* Another command's token where an option starts: two paths for one line. */
    expect_defs_error(MODES "cmd a [[b] [c]]\n mode exec\n handler h\n help a A\n help b B\n"
                            " help c C\ncmd a b\n mode exec\n handler k\n help b B\n",
                      "collides");
    sb_free(&err);
    sb_free(&out);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("grammar");
    TCase *tc = tcase_create("engine");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, every_command_parses_its_own_syntax);
    tcase_add_test(tc, every_handler_name_is_known_to_the_engine_or_bound);
    tcase_add_test(tc, abbreviations_and_interface_names);
    tcase_add_test(tc, later_tokens_settle_an_abbreviation);
    tcase_add_test(tc, exact_keywords_beat_arguments);
    tcase_add_test(tc, error_messages_and_carets);
    tcase_add_test(tc, hostile_lines_are_answered);
    tcase_add_test(tc, sub_modes_fall_through_to_global_configuration);
    tcase_add_test(tc, default_runs_the_no_form_in_configuration_modes);
    tcase_add_test(tc, do_runs_exec_commands_in_configuration_modes);
    tcase_add_test(tc, privileged_commands_do_not_exist_in_user_exec);
    tcase_add_test(tc, help_lists_next_tokens_as_ios_does);
    tcase_add_test(tc, long_help_wraps_under_its_column);
    tcase_add_test(tc, tab_completes_unique_keywords);
    tcase_add_test(tc, line_arguments_keep_their_spacing);
    tcase_add_test(tc, lines_are_split_at_blanks_and_control_characters);
    tcase_add_test(tc, output_modifiers);
    tcase_add_test(tc, costly_regular_expressions_are_refused);
    tcase_add_test(tc, bad_definitions_are_reported_with_their_place);
    tcase_add_test(tc, any_order_options);
    tcase_add_test(tc, any_order_groups_in_definitions);
    tcase_add_test(tc, any_order_group_then_more);
    tcase_add_test(tc, large_any_order_group);
    tcase_add_test(tc, binding_faults_are_reported);
    tcase_add_test(tc, real_handlers_read_declared_arguments);
    tcase_add_test(tc, documented_defaults_are_the_code_defaults);
    tcase_add_test(tc, declared_arguments_are_checked_against_the_syntax);
    suite_add_tcase(s, tc);
    /* The abort needs a process of its own (Check's fork mode; CK_FORK=no, as under valgrind,
     * runs every test in this one). */
    const char *fork_mode = getenv("CK_FORK");
    if (!fork_mode || strcmp(fork_mode, "no") != 0) {
        TCase *abort_tc = tcase_create("undeclared");
        tcase_add_test_raise_signal(abort_tc, undeclared_arguments_are_refused, SIGABRT);
        suite_add_tcase(s, abort_tc);
    }
    return unit_run(s);
}
