#include "config_lines.h"

#include <string.h>
#include <strings.h>

void config_lines_begin(struct config_lines *cl, struct agent *a, struct config_store *store,
                        const char *user, const char *line)
{
    agent_session_init(&cl->s, a, user, line);
    cl->s.store = store;
    cl->config_mode = grammar_config_mode(a->grammar);
    sb_init(&cl->out);
    sb_init(&cl->message);
    cli_session_push(&cl->s.cli, cl->config_mode, "");
}

void config_lines_end(struct config_lines *cl)
{
    sb_free(&cl->out);
    sb_free(&cl->message);
}

/* The first `%` line of an error, for a one-line report. */
static void first_message(const char *out, struct strbuf *msg)
{
    const char *p = strstr(out, "% ");
    if (!p)
        p = out;
    sb_append(msg, p, strcspn(p, "\n"));
}

/* One word of the line and where the next starts. */
static size_t word_at(const char **p)
{
    while (**p == ' ' || **p == '\t')
        (*p)++;
    return strcspn(*p, " \t");
}

/* `configure terminal` as an operator types it from EXEC ("conf t", "config term"): blocks copied
 * from a terminal session start with it. */
static bool is_configure_terminal(const char *line)
{
    const char *p = line;
    size_t n1 = word_at(&p);
    const char *w1 = p;
    p += n1;
    size_t n2 = word_at(&p);
    const char *w2 = p;
    p += n2;
    size_t n3 = word_at(&p);
    return n1 >= 4 && n1 <= 9 && !strncasecmp(w1, "configure", n1) && n2 >= 1 && n2 <= 8 &&
           !strncasecmp(w2, "terminal", n2) && n3 == 0;
}

enum cmd_status config_lines_run(struct config_lines *cl, const char *line)
{
    struct grammar *g = cl->s.agent->grammar;
    int mode = cli_session_mode(&cl->s.cli);
    if (mode != cl->config_mode && !grammar_mode_is_config(g, mode)) {
        cli_session_to_exec(&cl->s.cli);
        cli_session_push(&cl->s.cli, cl->config_mode, "");
    }
    cl->s.cli.closing = false;
    sb_reset(&cl->out);
    sb_reset(&cl->message);
    if (is_configure_terminal(line)) {
        cli_session_to_exec(&cl->s.cli);
        cli_session_push(&cl->s.cli, cl->config_mode, "");
        return CMD_OK;
    }
    struct exec_opts opts = {.caret_column = -1, .from_file = true, .do_readonly_only = true};
    enum cmd_status st = grammar_execute(g, &cl->s.cli, line, &cl->out, &opts);
    if (st != CMD_OK)
        first_message(sb_str(&cl->out), &cl->message);
    return st;
}

void config_text_each_line(const char *text, config_text_fn fn, void *arg)
{
    struct strbuf line = STRBUF_INIT;
    size_t lineno = 0;
    for (const char *p = text; *p;) {
        size_t len = strcspn(p, "\n");
        sb_reset(&line);
        sb_append(&line, p, len);
        if (line.len > 0 && line.buf[line.len - 1] == '\r')
            sb_truncate(&line, line.len - 1);
        p += len + (p[len] ? 1 : 0);
        if (!fn(arg, ++lineno, sb_str(&line)))
            break;
    }
    sb_free(&line);
}

enum cmd_status agent_exec_line(struct agent *a, struct agent_session *s, const char *line,
                                struct strbuf *out)
{
    struct exec_opts opts = {.caret_column = -1};
    return grammar_execute(a->grammar, &s->cli, line, out, &opts);
}

void agent_session_init(struct agent_session *s, struct agent *a, const char *user,
                        const char *line)
{
    memset(s, 0, sizeof *s);
    cli_session_init(&s->cli, a->grammar, PRIV_PRIVILEGED);
    s->cli.app = s;
    s->agent = a;
    s->store = a->running;
    s->user = user;
    s->line = line;
}

struct load_ctx {
    struct config_lines cl;
    config_error_fn report;
    void *arg;
    int bad;
};

static bool load_line(void *arg, size_t lineno, const char *line)
{
    struct load_ctx *l = arg;
    if (config_lines_run(&l->cl, line) != CMD_OK) {
        l->bad++;
        if (l->report)
            l->report(l->arg, (int)lineno, line, sb_str(&l->cl.message));
    }
    return true;
}

int agent_load_config_text(struct agent *a, const char *text, const char *user,
                           config_error_fn report, void *arg)
{
    struct load_ctx l = {.report = report, .arg = arg};
    config_lines_begin(&l.cl, a, a->running, user, "config");
    config_text_each_line(text, load_line, &l);
    config_lines_end(&l.cl);
    return l.bad;
}
