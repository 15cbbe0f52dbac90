/* Executing a line: match, choose the command as IOS does, collect its arguments, run its
 * handler, move between modes, and filter the output through `|` modifiers. */
#include <assert.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grammar_int.h"
#include "utf8.h"
#include "xalloc.h"

/* The outcome of matching a line in one mode. */
struct choice {
    enum cmd_status status;
    int mode;
    size_t caret;
    const struct match_path *path; /* the chosen path when status is CMD_OK */
};

static bool path_negated(const struct match_path *p)
{
    if (p->last->end_negated)
        return true;
    for (size_t i = 0; i < p->n; i++)
        if (p->steps[i].node->negate)
            return true;
    return false;
}

static void choose(const struct match_result *r, int privilege, struct choice *c)
{
    c->path = NULL;
    c->caret = r->caret;
    if (r->npaths == 0) {
        c->status = CMD_INVALID;
        return;
    }
    const struct match_path *found = NULL;
    for (size_t i = 0; i < r->npaths; i++) {
        const struct match_path *p = &r->paths[i];
        if (!node_ends(p->last, privilege))
            continue;
        if (found && (found->last->end != p->last->end || path_negated(found) != path_negated(p))) {
            c->status = CMD_AMBIGUOUS;
            return;
        }
        if (!found)
            found = p;
    }
    if (found && !r->truncated) {
        c->status = CMD_OK;
        c->path = found;
        return;
    }
    c->status = match_abbrev_ambiguous(r) ? CMD_AMBIGUOUS : CMD_INCOMPLETE;
}

/* IOS reports the failure that got furthest: a line that matched to its end (incomplete,
 * ambiguous) over one that stopped early, and a later caret over an earlier one. */
static bool better_failure(const struct choice *a, const struct choice *b)
{
    bool a_full = a->status != CMD_INVALID, b_full = b->status != CMD_INVALID;
    if (a_full != b_full)
        return a_full;
    if (!a_full)
        return a->caret > b->caret;
    return false;
}

static void trimmed(const char *line, struct strbuf *out)
{
    const char *s = line;
    while (isspace((unsigned char)*s))
        s++;
    size_t len = strlen(s);
    while (len > 0 && isspace((unsigned char)s[len - 1]))
        len--;
    sb_append(out, s, len);
}

void grammar_format_error(struct strbuf *out, enum cmd_status status, const char *line,
                          size_t caret, int caret_column)
{
    switch (status) {
    case CMD_INVALID:
        if (caret_column >= 0) {
            sb_pad(out, ' ', (size_t)caret_column + caret);
        } else {
            sb_puts(out, line);
            sb_putc(out, '\n');
            sb_pad(out, ' ', caret);
        }
        sb_puts(out, "^\n% Invalid input detected at '^' marker.\n\n");
        break;
    case CMD_INCOMPLETE:
        sb_puts(out, "% Incomplete command.\n\n");
        break;
    case CMD_AMBIGUOUS:
        sb_puts(out, "% Ambiguous command:  \"");
        trimmed(line, out);
        sb_puts(out, "\"\n");
        break;
    case CMD_OK:
    case CMD_FAILED:
    case CMD_FORBIDDEN:
        break;
    }
}

/* The arguments of a call. A value is the word itself (the input's copy of it, NUL-terminated),
 * a keyword's text in the graph, or, for the rest of a line and an interface's canonical name, a
 * string of its own (owned): nothing outlives the call, and most lines allocate nothing here. */
struct arg_list {
    struct cmd_arg *v;
    char **owned;
    size_t n, nowned;
};

static void arg_add(struct arg_list *a, const char *name, const char *value, bool keyword)
{
    a->v[a->n].name = name;
    a->v[a->n].value = value;
    a->v[a->n].keyword = keyword;
    a->n++;
}

static char *arg_own(struct arg_list *a, char *value)
{
    a->owned[a->nowned++] = value;
    return value;
}

static void arg_list_free(struct arg_list *a)
{
    for (size_t i = 0; i < a->nowned; i++)
        free(a->owned[i]);
    free(a->v);
}

struct pipe_spec {
    enum pipe_kind kind;
    char *regex;
};

static void collect_args(const struct input *in, const struct match_path *p, struct arg_list *args,
                         struct pipe_spec *pipe, bool *via_link)
{
    /* At most one argument and one owned string a step: one block for both lists. */
    args->v = xmalloc(p->n * (sizeof *args->v + sizeof *args->owned) + 1);
    args->owned = (char **)(args->v + p->n);
    for (size_t i = 0; i < p->n; i++) {
        const struct path_step *st = &p->steps[i];
        const struct gnode *n = st->node;
        const struct input_word *w = st->from.wi < in->n ? &in->w[st->from.wi] : NULL;
        if (n->negate)
            continue;
        if (n->type == TOK_LINK) {
            *via_link = true;
            continue;
        }
        if (n->pipe == PIPE_BAR)
            continue;
        if (n->pipe != PIPE_NONE && n->pipe != PIPE_REGEX) {
            pipe->kind = n->pipe;
            continue;
        }
        const char *value;
        if (n->type == TOK_LINE) {
            const char *s = in->line + w->start;
            size_t len = strlen(s);
            while (len > 0 && isspace((unsigned char)s[len - 1]))
                len--;
            if (n->pipe == PIPE_REGEX) {
                pipe->regex = xstrndup(s, len);
                continue;
            }
            value = arg_own(args, xstrndup(s, len));
        } else if (n->type == TOK_KEYWORD || n->type == TOK_IFTYPE) {
            if (n->type == TOK_IFTYPE)
                continue; /* the interface number carries the whole name */
            value = n->text;
        } else if (n->type == TOK_IFNUM) {
            char canon[64];
            ifnum_parse(n->iftype, w->text + st->from.off, w->len - st->from.off, canon,
                        sizeof canon);
            size_t tlen = strlen(n->iftype->name), clen = strlen(canon);
            char *name = xmalloc(tlen + clen + 1);
            memcpy(name, n->iftype->name, tlen);
            memcpy(name + tlen, canon, clen + 1);
            value = arg_own(args, name);
        } else {
            value = w->text;
        }
        arg_add(args, n->name, value, n->type == TOK_KEYWORD);
    }
}

/* The frame of the given mode on the session's stack (searching from the top). */
static int frame_index(const struct cli_session *s, int mode)
{
    for (int i = s->depth - 1; i >= 0; i--)
        if (s->stack[i].mode == mode)
            return i;
    return -1;
}

static enum cmd_status run(struct grammar *g, struct cli_session *s, const struct input *in,
                           const struct choice *c, struct strbuf *out, const struct exec_opts *opts)
{
    const struct cmd_def *cmd = c->path->last->end;
    struct arg_list args = {0};
    struct pipe_spec pipe = {PIPE_NONE, NULL};
    bool via_link = false;
    collect_args(in, c->path, &args, &pipe, &via_link);
    if (!cmd->readonly && (opts->readonly_only || (via_link && opts->do_readonly_only))) {
        sb_puts(out, "% This command is not allowed here: it would change the device\n");
        free(pipe.regex);
        arg_list_free(&args);
        return CMD_FORBIDDEN;
    }
    /* What a command keeps may reach the ACS as an XML value (ProvisioningCode, a URL, a name),
     * which must be UTF-8: a word that is not is refused whole, never stored and later mangled. */
    for (size_t i = 0; i < args.n && !cmd->readonly; i++) {
        if (!args.v[i].keyword && !utf8_valid(args.v[i].value, strlen(args.v[i].value))) {
            sb_puts(out, "% Invalid input: not UTF-8 text\n");
            free(pipe.regex);
            arg_list_free(&args);
            return CMD_FAILED;
        }
    }
    if (opts->check_only) {
        free(pipe.regex);
        arg_list_free(&args);
        return CMD_OK;
    }
    s->ran_readonly = cmd->readonly;

    /* A line that fell through to a parent mode leaves the sub-modes above it. */
    int fi = frame_index(s, c->mode);
    if (fi >= 0)
        s->depth = fi + 1;
    int run_mode = via_link ? grammar_exec_mode(g) : c->mode;
    int run_frame = via_link ? 0 : s->depth - 1;

    struct cmd_call call = {
        .grammar = g,
        .session = s,
        .cmd = cmd,
        .negate = path_negated(c->path),
        .mode = run_mode,
        .frame = &s->stack[run_frame],
        .args = args.v,
        .nargs = args.n,
        .out = out,
        .ctx = g->ctx,
    };
    const char *last = cmd_last_value(&call);
    /* As snprintf(enter_arg, size, "%s", last) would, truncated; without its cost each line. */
    size_t elen = last ? strnlen(last, sizeof call.enter_arg - 1) : 0;
    memcpy(call.enter_arg, last ? last : "", elen);
    call.enter_arg[elen] = '\0';

    size_t out_start = out->len;
    enum cmd_status st = CMD_OK;
    if (!cmd->fn) {
        sb_printf(out, "%% Command not available (%s)\n", cmd->handler ? cmd->handler : "?");
        st = CMD_FAILED;
    } else if (cmd->fn(&call) < 0) {
        st = CMD_FAILED;
    }
    if (st == CMD_OK && cmd->enters >= 0 && !call.negate && !via_link && !call.no_enter) {
        if (cli_session_push(s, cmd->enters, call.enter_arg) < 0) {
            sb_puts(out, "% Too many nested configuration modes\n");
            st = CMD_FAILED;
        }
    }
    if (pipe.kind != PIPE_NONE) {
        char *text = xstrndup(sb_str(out) + out_start, out->len - out_start);
        size_t len = out->len - out_start;
        sb_truncate(out, out_start);
        if (pipe_apply(pipe.kind, pipe.regex ? pipe.regex : "", text, len, out) < 0)
            st = CMD_FAILED;
        free(text);
    }
    free(pipe.regex);
    arg_list_free(&args);
    return st;
}

enum cmd_status grammar_execute(struct grammar *g, struct cli_session *s, const char *line,
                                struct strbuf *out, const struct exec_opts *opts)
{
    static const struct exec_opts defaults = {.caret_column = -1};
    if (!opts)
        opts = &defaults;
    struct input in;
    input_split(&in, line);
    s->ran_readonly = true; /* until a command that may change something runs */
    if (in.n == 0 || in.w[0].text[0] == '!') {
        input_free(&in);
        return CMD_OK;
    }
    struct choice best = {.status = CMD_INVALID, .mode = -1, .caret = 0};
    enum cmd_status st = CMD_INVALID;
    for (int m = cli_session_mode(s); m >= 0; m = g->modes[m].parent) {
        struct match_result r;
        match_input(g, m, s->privilege, &in, &r);
        match_filter_best(&r);
        struct choice c;
        choose(&r, s->privilege, &c);
        c.mode = m;
        if (c.status == CMD_OK) {
            st = run(g, s, &in, &c, out, opts);
            match_result_free(&r);
            input_free(&in);
            return st;
        }
        if (best.mode < 0 || better_failure(&c, &best))
            best = c;
        match_result_free(&r);
    }
    st = best.status;
    /* IOS takes a lone unknown word in EXEC for a host to telnet to. */
    bool host = st == CMD_INVALID && !opts->from_file && in.n == 1 &&
                cli_session_mode(s) == grammar_exec_mode(g);
    if (host && opts->readonly_only) {
        /* Where only commands that read may run (X_00000C_ShowStatus), connecting is not one:
         * a lone unknown word is denied as a command that would change the device, rather than
         * answered as a host name (`reload` itself is a command, denied as not readonly). */
        sb_puts(out, "% This command is not allowed here: it would change the device\n");
        st = CMD_FORBIDDEN;
    } else if (host) {
        sb_puts(out, "% Unknown command or computer name, or unable to find computer address\n");
    } else {
        grammar_format_error(out, st, in.line, best.caret, opts->caret_column);
    }
    input_free(&in);
    return st;
}

/* Typed arguments first: a $name may repeat a keyword of the same command (password WORD$password).
 */
/* Whether the binding declared name. A handler reads its arguments on every line it runs: a name
 * found once is known after by its address, handlers naming their arguments with literals. */
static bool arg_declared(const struct cmd_def *c, const char *name)
{
    size_t i = 0;
    for (; c->args_seen && i < ARGS_SEEN_MAX && c->args_seen[i]; i++)
        if (c->args_seen[i] == name)
            return true;
    if (!args_list_has(c->args, name))
        return false;
    if (c->args_seen && i < ARGS_SEEN_MAX)
        c->args_seen[i] = name;
    return true;
}

const char *cmd_arg_nth(const struct cmd_call *call, const char *name, size_t nth)
{
    if (!arg_declared(call->cmd, name)) {
        /* grammar_bind checked only the declared names against the syntax: an undeclared one
         * could be a token's text or a name no .cmd file gives. */
        fprintf(stderr, "%s: handler %s reads undeclared argument \"%s\"\n", call->cmd->source,
                call->cmd->handler, name);
        assert(!"a handler reads an argument its binding does not declare");
        return NULL;
    }
    /* The first letters compared first: a handler reads each of its arguments on every line. */
    size_t left = nth;
    for (size_t i = 0; i < call->nargs; i++)
        if (!call->args[i].keyword && call->args[i].name[0] == name[0] &&
            !strcmp(call->args[i].name, name) && left-- == 0)
            return call->args[i].value;
    for (size_t i = 0; i < call->nargs; i++)
        if (call->args[i].keyword && call->args[i].name[0] == name[0] &&
            !strcmp(call->args[i].name, name) && nth-- == 0)
            return call->args[i].value;
    return NULL;
}

const char *cmd_arg(const struct cmd_call *call, const char *name)
{
    return cmd_arg_nth(call, name, 0);
}

bool cmd_has(const struct cmd_call *call, const char *name)
{
    return cmd_arg(call, name) != NULL;
}

const char *cmd_last_value(const struct cmd_call *call)
{
    for (size_t i = call->nargs; i-- > 0;)
        if (!call->args[i].keyword)
            return call->args[i].value;
    return NULL;
}
