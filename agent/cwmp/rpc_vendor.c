/* Cisco's vendor RPCs, X_00000C_SetConfiguration and X_00000C_ShowStatus: IOS configuration lines
 * and EXEC commands from the ACS, through the same grammar and handlers as cwmpsh.
 *
 * SetConfiguration always works on a copy of the configuration it changes (the running one, or
 * the startup-config read into a store) and makes it the real one in a single step at the end, so
 * a block that is rolled back was never visible to a shell or a notification scan. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "configuration.h"
#include "core.h"
#include "cwmp_session.h"
#include "dm.h"
#include "fileio.h"
#include "loop.h"
#include "rpc.h"
#include "xalloc.h"

#define VENDOR_ARG_MAX         64     /* ErrorOption, Target */
#define VENDOR_COMMAND_MAX     256    /* an element of ConfigCommandList or ExecCommandList */
#define VENDOR_MAX_LINES       100000 /* lines in one request */
#define SHOW_STATUS_MAX_OUTPUT (4u * 1024u * 1024u)

/* A failing line's FaultCode is the parser's result (enum cmd_status in grammar.h): 1 invalid
 * input, 2 incomplete command, 3 ambiguous command, 4 rejected by the command itself, 5 not
 * allowed in a block (a `do` command that would change the device). */

/* ---- arguments ---- */

/* A fault 9003 whose text names the argument. */
static int invalid_argument(struct rpc_call *c, const char *fmt, const char *what)
{
    snprintf(c->fault_buf, sizeof c->fault_buf, fmt, what);
    c->fault_string = c->fault_buf;
    return 9003;
}

/* An optional string argument: NULL when absent; -1 (and the fault) when too long. */
static int optional_arg(struct rpc_call *c, const char *name, char **out)
{
    *out = NULL;
    xmlNodePtr n = soap_child(c->req->body, name);
    if (!n)
        return 0;
    *out = soap_text(n);
    if (strlen(*out) > VENDOR_ARG_MAX) {
        free(*out);
        *out = NULL;
        invalid_argument(c, "Invalid arguments: %s is longer than 64 characters", name);
        return -1;
    }
    return 0;
}

struct line_list {
    char **v;
    size_t n, cap;
};

static void lines_add(struct line_list *l, char *line)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 64;
        l->v = xrealloc(l->v, l->cap * sizeof *l->v);
    }
    l->v[l->n++] = line;
}

static void lines_free(struct line_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
}

static bool block_line(void *arg, size_t lineno, const char *line)
{
    (void)lineno;
    struct line_list *l = arg;
    /* One line past the limit is kept, and reading stops there: a block of exactly
     * VENDOR_MAX_LINES lines is allowed, a longer one is told apart and refused. (Stopping at
     * the limit itself refused a block of exactly 100,000 lines.) */
    lines_add(l, xstrdup(line));
    return l->n <= VENDOR_MAX_LINES;
}

/* The elements of an array argument (ConfigCommandList, ExecCommandList), each one command.
 * Returns 0, or a fault with the offending element named. */
static int command_list(struct rpc_call *c, xmlNodePtr list, const char *name, struct line_list *l)
{
    size_t i = 0;
    for (xmlNodePtr n = soap_first_element(list); n; n = soap_next_element(n)) {
        i++;
        char *t = soap_text(n);
        char where[96];
        snprintf(where, sizeof where, "%s element %zu", name, i);
        bool too_long = strlen(t) > VENDOR_COMMAND_MAX, lines = strpbrk(t, "\r\n") != NULL;
        if (too_long || lines) {
            free(t);
            return invalid_argument(c,
                                    too_long ? "Invalid arguments: %s is longer than 256 characters"
                                             : "Invalid arguments: %s holds more than one line",
                                    where);
        }
        if (l->n >= VENDOR_MAX_LINES) {
            free(t);
            return invalid_argument(c, "Invalid arguments: more than 100000 commands in %s", name);
        }
        lines_add(l, t);
    }
    return 0;
}

/* ---- X_00000C_SetConfiguration ---- */

enum error_option { EO_ROLLBACK, EO_STOP, EO_CONTINUE };

struct failed_line {
    char *command;
    int code;
};

struct set_config {
    struct failed_line *v;
    size_t n, cap;
};

static void failed_add(struct set_config *f, const char *command, int code)
{
    if (f->n == f->cap) {
        f->cap = f->cap ? 2 * f->cap : 8;
        f->v = xrealloc(f->v, f->cap * sizeof *f->v);
    }
    f->v[f->n].command = xstrdup(command);
    f->v[f->n].code = code;
    f->n++;
}

static void write_set_config_faults(struct soap_writer *w, void *arg)
{
    const struct set_config *f = arg;
    for (size_t i = 0; i < f->n; i++) {
        soap_start(w, "cwmp:X_00000C_SetConfigurationFault");
        soap_elem(w, "Command", f->v[i].command);
        soap_elemf(w, "FaultCode", "%d", f->v[i].code);
        soap_end(w);
    }
}

static void free_set_config_faults(void *arg)
{
    struct set_config *f = arg;
    for (size_t i = 0; i < f->n; i++)
        free(f->v[i].command);
    free(f->v);
    free(f);
}

static int parse_error_option(struct rpc_call *c, const char *v, enum error_option *eo)
{
    /* Without one, all or nothing: the safe reading of a block. */
    if (!v || !*v || !strcasecmp(v, "rollback"))
        *eo = EO_ROLLBACK;
    else if (!strcasecmp(v, "stop"))
        *eo = EO_STOP;
    else if (!strcasecmp(v, "continue"))
        *eo = EO_CONTINUE;
    else
        return invalid_argument(
            c, "Invalid arguments: ErrorOption %s is not rollback, stop or continue", v);
    return 0;
}

static int parse_target(struct rpc_call *c, const char *v, bool *startup)
{
    if (!v || !*v || !strcasecmp(v, "running-config"))
        *startup = false;
    else if (!strcasecmp(v, "startup-config"))
        *startup = true;
    else
        return invalid_argument(
            c, "Invalid arguments: Target %s is not running-config or startup-config", v);
    return 0;
}

static bool startup_line(void *arg, size_t lineno, const char *line)
{
    (void)lineno;
    config_lines_run(arg, line);
    return true;
}

/* The startup-config as a store, for the startup-config target: what the device would run
 * after a reload. Lines it cannot take are left out, as a reload would leave them. */
static struct config_store *startup_store(struct agent *a)
{
    struct config_store *cs = config_store_new();
    char *text;
    size_t len;
    if (file_read_all(a->startup_path, STARTUP_CONFIG_MAX, &text, &len) == 0) {
        struct config_lines cl;
        config_lines_begin(&cl, a, cs, "startup-config", "config");
        config_text_each_line(text, startup_line, &cl);
        config_lines_end(&cl);
        free(text);
    }
    return cs;
}

struct run_faults {
    struct rpc_call *c;
    struct set_config *faults;
};

static void line_failed(void *arg, size_t index, const char *line, int status, const char *message)
{
    struct run_faults *f = arg;
    if (!f->faults->n)
        snprintf(f->c->fault_buf, sizeof f->c->fault_buf,
                 "Invalid arguments: command %zu \"%.80s\": %.100s", index + 1, line, message);
    failed_add(f->faults, line, status);
}

/* Runs the lines on the transaction's working copy; what failed goes to faults. Returns how many
 * applied. */
static size_t run_lines(struct rpc_call *c, struct config_store *working,
                        const struct line_list *lines, enum error_option eo,
                        struct set_config *faults)
{
    struct run_faults f = {.c = c, .faults = faults};
    return config_txn_lines(c->agent, working, "the ACS", "cwmp", lines->v, lines->n,
                            eo == EO_CONTINUE ? CONFIG_TXN_GO_ON : 0, line_failed, &f);
}

struct set_config_run {
    const struct line_list *lines;
    enum error_option eo;
    struct set_config *faults;
    bool startup;
    size_t applied; /* lines that applied */
    bool ran;       /* the lines ran (on a working copy) */
    bool committed; /* what applied was committed */
};

/* What applied stays, except with rollback: a fault then keeps it with the old ParameterKey. */
static int set_config_apply(struct rpc_call *c, struct dm_ctx *ctx, void *arg, bool *keep)
{
    struct set_config_run *r = arg;
    r->ran = true;
    r->applied = run_lines(c, ctx->store, r->lines, r->eo, r->faults);
    if (!r->faults->n)
        return 0;
    c->fault_string = c->fault_buf;
    c->fault_extra = write_set_config_faults;
    c->fault_arg = r->faults;
    c->fault_free = free_set_config_faults;
    *keep = r->eo != EO_ROLLBACK && r->applied > 0;
    return 9003;
}

static void set_config_done(struct rpc_call *c, void *arg)
{
    struct set_config_run *r = arg;
    struct agent *a = c->agent;
    r->committed = true;
    agent_log(a, LOG_NOTICE,
              "%%CWMP-5-CONFIG: Configured from CWMP by the ACS: %zu of %zu lines applied to "
              "%s, key \"%s\"",
              r->applied, r->lines->n, r->startup ? "startup-config" : "running-config",
              a->cwmp.parameter_key);
    /* An operator's change is looked at for notifications when it is made: so is this. */
    if (!r->startup && a->engine)
        cwmp_engine_scan(a->engine);
}

int rpc_x_set_configuration(struct rpc_call *c)
{
    struct agent *a = c->agent;
    xmlNodePtr body = c->req->body;
    char *eo_text = NULL, *target_text = NULL, *key = NULL;
    struct line_list lines = {0};
    struct set_config *faults = xcalloc(1, sizeof *faults);
    enum error_option eo = EO_ROLLBACK;
    bool startup = false;
    int fault = 0;

    if (optional_arg(c, "ErrorOption", &eo_text) < 0 || optional_arg(c, "Target", &target_text) < 0)
        fault = 9003;
    if (!fault)
        fault = parse_error_option(c, eo_text, &eo);
    if (!fault)
        fault = parse_target(c, target_text, &startup);
    if (!fault) {
        key = rpc_arg(c, body, "ParameterKey", PARAMETER_KEY_MAX, &fault);
        if (!key)
            fault = invalid_argument(c,
                                     "Invalid arguments: %s is missing or longer than 32 "
                                     "characters",
                                     "ParameterKey");
    }
    xmlNodePtr block = soap_child(body, "ConfigCommandBlock");
    xmlNodePtr list = soap_child(body, "ConfigCommandList");
    if (!fault && block) {
        char *text = soap_text(block);
        config_text_each_line(text, block_line, &lines);
        free(text);
        if (lines.n > VENDOR_MAX_LINES)
            fault = invalid_argument(c, "Invalid arguments: more than 100000 lines in %s",
                                     "ConfigCommandBlock");
    }
    if (!fault && list)
        fault = command_list(c, list, "ConfigCommandList", &lines);
    if (!fault && lines.n == 0)
        fault = invalid_argument(c, "Invalid arguments: %s",
                                 "neither ConfigCommandBlock nor ConfigCommandList has a command");

    struct set_config_run r = {.lines = &lines, .eo = eo, .faults = faults, .startup = startup};
    static const struct rpc_change_ops ops = {.apply = set_config_apply, .done = set_config_done};
    if (!fault)
        fault = rpc_change(c, startup ? startup_store(a) : NULL, key, &ops, &r);
    const char *where = startup ? "startup-config" : "running-config";
    if (r.ran && !r.committed && faults->n)
        agent_log(a, LOG_NOTICE,
                  "%%CWMP-5-CONFIG: X_00000C_SetConfiguration of %zu lines to %s rolled back at "
                  "line %zu",
                  lines.n, where, r.applied + 1);
    else if (r.ran && !r.committed)
        agent_log(a, LOG_NOTICE,
                  "%%CWMP-5-CONFIG: X_00000C_SetConfiguration of %zu lines to %s not made: it "
                  "could not be saved",
                  lines.n, where);
    if (!fault) {
        soap_start(c->w, "cwmp:X_00000C_SetConfigurationResponse");
        /* 1: in the startup-config, applied at the next reload. */
        soap_elem(c->w, "Status", startup ? "1" : "0");
        soap_end(c->w);
        snprintf(c->summary, sizeof c->summary, "%zu lines applied to %s, key \"%s\"", r.applied,
                 where, key);
    }
    if (!c->fault_arg)
        free_set_config_faults(faults);
    lines_free(&lines);
    free(eo_text);
    free(target_text);
    free(key);
    return fault;
}

/* ---- X_00000C_ShowStatus ---- */

struct show_result {
    char *command;
    char *response;
};

/* A ShowStatus under way: its commands run one after the other, and one that ends later (ping,
 * traceroute) makes the request wait for it (rpc_call.pending), at most SHOW_STATUS_WAIT_MS: the
 * session stays open meanwhile, and the ACS's HTTP connection idle. */
#define SHOW_STATUS_WAIT_MS 60000u

struct show_run {
    struct rpc_call *c;
    struct agent_session s;
    struct agent_defer defer;
    struct line_list commands;
    struct show_result *res;
    size_t i, total;
    struct strbuf out;
    struct loop_timer *bound;
    bool timed_out;
};

static void show_run_free(struct show_run *r)
{
    if (r->bound)
        loop_timer_cancel(r->c->agent->loop, r->bound);
    for (size_t i = 0; i < r->commands.n; i++)
        free(r->res[i].response);
    free(r->res);
    sb_free(&r->out);
    lines_free(&r->commands);
    free(r);
}

static void show_run_respond(struct show_run *r)
{
    struct rpc_call *c = r->c;
    soap_start(c->w, "cwmp:X_00000C_ShowStatusResponse");
    soap_start_array(c->w, "ExecResponseList", "cwmp:ExecResponseStruct", r->commands.n);
    for (size_t i = 0; i < r->commands.n; i++) {
        soap_start(c->w, "ExecResponseStruct");
        soap_elem(c->w, "Command", r->res[i].command);
        soap_elem(c->w, "Response", r->res[i].response);
        soap_end(c->w);
    }
    soap_end(c->w);
    soap_end(c->w);
    snprintf(c->summary, sizeof c->summary, "%zu commands, %zu bytes of output", r->commands.n,
             r->total);
}

/* The output of command i is complete: kept, within the request's limit when it ran (the note of a
 * command not run goes whole). */
static void show_run_keep(struct show_run *r, bool ran)
{
    if (ran && r->total + r->out.len > SHOW_STATUS_MAX_OUTPUT) {
        sb_truncate(&r->out, SHOW_STATUS_MAX_OUTPUT - r->total);
        sb_puts(&r->out, "\n% Output truncated: the output limit of 4194304 bytes was reached\n");
    }
    r->total += r->out.len;
    r->res[r->i].command = r->commands.v[r->i];
    r->res[r->i].response = sb_detach(&r->out);
    /* Each command runs from privileged EXEC, whatever the one before did. */
    cli_session_to_exec(&r->s.cli);
    r->i++;
}

/* Runs the commands from r->i; returns 0 when all ran, 1 when one ends later, or a fault. */
static int show_run_on(struct show_run *r)
{
    struct rpc_call *c = r->c;
    struct exec_opts opts = {.caret_column = -1, .readonly_only = true};
    while (r->i < r->commands.n) {
        sb_reset(&r->out);
        bool ran = r->total < SHOW_STATUS_MAX_OUTPUT;
        if (!ran) {
            sb_puts(&r->out, "% Not run: the output limit of 4194304 bytes was reached\n");
        } else {
            r->defer.deferred = false;
            if (grammar_execute(c->agent->grammar, &r->s.cli, r->commands.v[r->i], &r->out,
                                &opts) == CMD_FORBIDDEN) {
                snprintf(c->fault_buf, sizeof c->fault_buf,
                         "Request denied: \"%.100s\" is not a command that only reads",
                         r->commands.v[r->i]);
                c->fault_string = c->fault_buf;
                return 9001;
            }
            if (r->defer.deferred)
                return 1;
        }
        show_run_keep(r, ran);
    }
    return 0;
}

static void show_run_bound(struct loop *loop, void *arg);

/* Waits for the deferred command (its output goes on r->out as it comes). */
static void show_run_wait(struct show_run *r)
{
    r->bound = loop_timer_add(r->c->agent->loop, SHOW_STATUS_WAIT_MS, show_run_bound, r);
}

static void show_stream(void *arg, const char *text, size_t len)
{
    struct show_run *r = arg;
    sb_append(&r->out, text, len);
}

/* The deferred command ended: its output is complete, and the commands after it run. */
static void show_resume(void *arg, const struct strbuf *out, bool ok)
{
    (void)ok; /* a failing command's text is its response, as for any other */
    struct show_run *r = arg;
    if (r->bound)
        loop_timer_cancel(r->c->agent->loop, r->bound);
    r->bound = NULL;
    sb_append(&r->out, out->buf, out->len);
    if (r->timed_out)
        sb_printf(&r->out,
                  "%% Stopped: X_00000C_ShowStatus waits at most %u seconds for a command\n",
                  SHOW_STATUS_WAIT_MS / 1000u);
    r->timed_out = false;
    show_run_keep(r, true);
    /* The ABORT of the bound may end the command inside abort(): the rest runs from here. */
    int rc = show_run_on(r);
    if (rc == 1) {
        show_run_wait(r);
        return;
    }
    struct rpc_call *c = r->c;
    /* Past the first command nothing is refused: every one was checked before any ran. */
    if (rc == 0)
        show_run_respond(r);
    show_run_free(r);
    c->finished(c->finished_arg);
}

/* The bound: the command stops as Ctrl-C stops it, printing what it has (show_resume). */
static void show_run_bound(struct loop *loop, void *arg)
{
    (void)loop;
    struct show_run *r = arg;
    r->bound = NULL;
    r->timed_out = true;
    r->defer.abort(r->defer.work);
}

/* The session ended first: the command stops without a word, and the request is forgotten. */
static void show_run_cancel(void *arg)
{
    struct show_run *r = arg;
    r->defer.gone(r->defer.work);
    show_run_free(r);
}

int rpc_x_show_status(struct rpc_call *c)
{
    xmlNodePtr list = soap_child(c->req->body, "ExecCommandList");
    if (!list)
        return invalid_argument(c, "Invalid arguments: %s is missing", "ExecCommandList");
    struct show_run *r = xcalloc(1, sizeof *r);
    r->c = c;
    r->out = (struct strbuf)STRBUF_INIT;
    int fault = command_list(c, list, "ExecCommandList", &r->commands);
    if (!fault && r->commands.n == 0)
        fault = invalid_argument(c, "Invalid arguments: %s is empty", "ExecCommandList");
    agent_session_init(&r->s, c->agent, "the ACS", "cwmp");
    r->defer = (struct agent_defer){.stream = show_stream, .resume = show_resume, .arg = r};
    r->s.defer = &r->defer;
    r->res = xcalloc(r->commands.n ? r->commands.n : 1, sizeof *r->res);
    /* Every command is checked before any runs: a request with one that would change the device
     * is denied whole, also when it comes after the output limit was reached (the commands after
     * it are not run, so the loop below would not have looked at it). */
    struct exec_opts check = {.caret_column = -1, .readonly_only = true, .check_only = true};
    for (size_t i = 0; i < r->commands.n && !fault; i++) {
        sb_reset(&r->out);
        if (grammar_execute(c->agent->grammar, &r->s.cli, r->commands.v[i], &r->out, &check) ==
            CMD_FORBIDDEN) {
            snprintf(c->fault_buf, sizeof c->fault_buf,
                     "Request denied: \"%.100s\" is not a command that only reads",
                     r->commands.v[i]);
            c->fault_string = c->fault_buf;
            fault = 9001;
        }
    }
    if (!fault)
        fault = show_run_on(r);
    if (fault == 1) {
        c->pending = true;
        c->cancel = show_run_cancel;
        c->work = r;
        show_run_wait(r);
        return 0;
    }
    if (!fault)
        show_run_respond(r);
    show_run_free(r);
    return fault;
}
