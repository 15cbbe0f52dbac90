/* Reading the declarative command definition files (.cmd); see grammar/README.md. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "grammar_int.h"
#include "xalloc.h"

struct grammar *grammar_new(void)
{
    struct grammar *g = xcalloc(1, sizeof *g);
    return g;
}

static void cmd_def_free(struct cmd_def *c)
{
    free(c->syntax);
    free(c->no_syntax);
    free(c->handler);
    free(c->args);
    free(c->args_seen);
    for (size_t i = 0; i < c->nmode_names; i++)
        free(c->mode_names[i]);
    free(c->mode_names);
    free(c->modes);
    free(c->enters_name);
    free(c->default_text);
    free(c->doc);
    for (size_t i = 0; i < c->nhelp; i++) {
        free(c->help[i].token);
        free(c->help[i].help);
    }
    free(c->help);
    free(c->source);
}

void grammar_free(struct grammar *g)
{
    if (!g)
        return;
    for (size_t i = 0; i < g->nmodes; i++) {
        struct mode_def *m = &g->modes[i];
        free(m->name);
        free(m->prompt);
        free(m->heading);
        free(m->no_help);
        free(m->parent_name);
        if (!g->frozen)
            gnode_free(m->root);
    }
    free(g->frozen);
    free(g->modes);
    for (size_t i = 0; i < g->niftypes; i++) {
        free(g->iftypes[i].name);
        free(g->iftypes[i].format);
        free(g->iftypes[i].help);
    }
    free(g->iftypes);
    for (size_t i = 0; i < g->ncmds; i++)
        cmd_def_free(&g->cmds[i]);
    free(g->cmds);
    for (size_t i = 0; i < g->npipes; i++) {
        free(g->pipes[i].token);
        free(g->pipes[i].help);
    }
    free(g->pipes);
    free(g);
}

/* The parser's position in one file. */
struct defs_reader {
    struct grammar *g;
    const char *source;
    int line;
    struct strbuf *err;
    enum { BLOCK_NONE, BLOCK_MODE, BLOCK_CMD } block;
    size_t index; /* of the current mode or command */
};

static int defs_error(struct defs_reader *r, const char *what, const char *detail)
{
    sb_printf(r->err, "%s:%d: %s%s%s\n", r->source, r->line, what, detail ? ": " : "",
              detail ? detail : "");
    return -1;
}

/* Splits "keyword rest of line" into the keyword and the trimmed rest. */
static void split_first(char *s, char **first, char **rest)
{
    while (isspace((unsigned char)*s))
        s++;
    *first = s;
    while (*s && !isspace((unsigned char)*s))
        s++;
    if (*s) {
        *s++ = '\0';
        while (isspace((unsigned char)*s))
            s++;
    }
    *rest = s;
}

static char *append_text(char *old, const char *more)
{
    if (!old)
        return xstrdup(more);
    size_t a = strlen(old), b = strlen(more);
    old = xrealloc(old, a + b + 2);
    old[a] = ' ';
    memcpy(old + a + 1, more, b + 1);
    return old;
}

static int mode_attribute(struct defs_reader *r, char *key, char *value)
{
    struct mode_def *m = &r->g->modes[r->index];
    if (!strcmp(key, "prompt")) {
        free(m->prompt);
        m->prompt = xstrdup(value);
    } else if (!strcmp(key, "heading")) {
        free(m->heading);
        m->heading = xstrdup(value);
    } else if (!strcmp(key, "parent")) {
        free(m->parent_name);
        m->parent_name = xstrdup(value);
    } else if (!strcmp(key, "no")) {
        free(m->no_help);
        m->no_help = xstrdup(value);
    } else if (!strcmp(key, "config") && !*value) {
        m->config = true;
    } else {
        return defs_error(r, "unknown mode attribute", key);
    }
    return 0;
}

static int cmd_attribute(struct defs_reader *r, char *key, char *value)
{
    struct cmd_def *c = &r->g->cmds[r->index];
    if (!strcmp(key, "mode")) {
        char *tok, *save = NULL;
        for (tok = strtok_r(value, " \t", &save); tok; tok = strtok_r(NULL, " \t", &save)) {
            c->mode_names = xrealloc(c->mode_names, (c->nmode_names + 1) * sizeof *c->mode_names);
            c->mode_names[c->nmode_names++] = xstrdup(tok);
        }
    } else if (!strcmp(key, "help")) {
        char *token, *text;
        split_first(value, &token, &text);
        if (!*token || !*text)
            return defs_error(r, "help needs a token and a text", NULL);
        c->help = xrealloc(c->help, (c->nhelp + 1) * sizeof *c->help);
        c->help[c->nhelp].token = xstrdup(token);
        c->help[c->nhelp].help = xstrdup(text);
        c->nhelp++;
    } else if (!strcmp(key, "no")) {
        if (!*value)
            return defs_error(r, "no needs a syntax", NULL);
        free(c->no_syntax);
        c->no_syntax = xstrdup(value);
    } else if (!strcmp(key, "handler")) {
        free(c->handler);
        c->handler = xstrdup(value);
    } else if (!strcmp(key, "privilege")) {
        long long p;
        if (!parse_long(value, strlen(value), &p) || p < 0 || p > 15)
            return defs_error(r, "privilege must be 0..15", value);
        c->privilege = (int)p;
    } else if (!strcmp(key, "enters")) {
        free(c->enters_name);
        c->enters_name = xstrdup(value);
    } else if (!strcmp(key, "default")) {
        free(c->default_text);
        c->default_text = xstrdup(value);
    } else if (!strcmp(key, "doc")) {
        c->doc = append_text(c->doc, value);
    } else if (!strcmp(key, "flags")) {
        char *tok, *save = NULL;
        for (tok = strtok_r(value, " \t", &save); tok; tok = strtok_r(NULL, " \t", &save)) {
            if (!strcmp(tok, "output"))
                c->output = true;
            else if (!strcmp(tok, "readonly"))
                c->readonly = true;
            else
                return defs_error(r, "unknown flag", tok);
        }
    } else {
        return defs_error(r, "unknown command attribute", key);
    }
    return 0;
}

static int top_level(struct defs_reader *r, char *key, char *value)
{
    struct grammar *g = r->g;
    if (!strcmp(key, "mode")) {
        if (!*value || strchr(value, ' '))
            return defs_error(r, "mode needs one name", NULL);
        for (size_t i = 0; i < g->nmodes; i++)
            if (!strcmp(g->modes[i].name, value))
                return defs_error(r, "mode declared twice", value);
        g->modes = xgrow(g->modes, &g->capmodes, g->nmodes + 1, sizeof *g->modes);
        struct mode_def *m = &g->modes[g->nmodes];
        memset(m, 0, sizeof *m);
        m->name = xstrdup(value);
        m->parent = -1;
        r->block = BLOCK_MODE;
        r->index = g->nmodes++;
    } else if (!strcmp(key, "iftype")) {
        char *name, *rest, *format, *help;
        split_first(value, &name, &rest);
        split_first(rest, &format, &help);
        if (!*name || !*format || !*help)
            return defs_error(r, "iftype needs a name, a number format and a help text", NULL);
        g->iftypes = xgrow(g->iftypes, &g->capiftypes, g->niftypes + 1, sizeof *g->iftypes);
        struct iftype *t = &g->iftypes[g->niftypes];
        memset(t, 0, sizeof *t);
        t->name = xstrdup(name);
        t->format = xstrdup(format);
        t->help = xstrdup(help);
        g->niftypes++;
        if (iftype_parse_format(t, r->err) < 0)
            return defs_error(r, "bad interface number format", format);
        r->block = BLOCK_NONE;
    } else if (!strcmp(key, "pipe")) {
        char *token, *help;
        split_first(value, &token, &help);
        if (!*token || !*help)
            return defs_error(r, "pipe needs a token and a help text", NULL);
        g->pipes = xgrow(g->pipes, &g->cappipes, g->npipes + 1, sizeof *g->pipes);
        g->pipes[g->npipes].token = xstrdup(token);
        g->pipes[g->npipes].help = xstrdup(help);
        g->npipes++;
        r->block = BLOCK_NONE;
    } else if (!strcmp(key, "cmd")) {
        if (!*value)
            return defs_error(r, "cmd needs a syntax", NULL);
        g->cmds = xgrow(g->cmds, &g->capcmds, g->ncmds + 1, sizeof *g->cmds);
        struct cmd_def *c = &g->cmds[g->ncmds];
        memset(c, 0, sizeof *c);
        c->syntax = xstrdup(value);
        c->privilege = -1;
        c->enters = -1;
        struct strbuf src = STRBUF_INIT;
        sb_printf(&src, "%s:%d", r->source, r->line);
        c->source = sb_detach(&src);
        r->block = BLOCK_CMD;
        r->index = g->ncmds++;
    } else {
        return defs_error(r, "unknown declaration", key);
    }
    return 0;
}

int grammar_load_text(struct grammar *g, const char *source_name, const char *text,
                      struct strbuf *err)
{
    if (g->finalized) {
        sb_printf(err, "%s: the grammar is already finalized\n", source_name);
        return -1;
    }
    struct defs_reader r = {.g = g, .source = source_name, .err = err, .block = BLOCK_NONE};
    int rc = 0;
    const char *p = text;
    while (*p) {
        const char *eol = strchr(p, '\n');
        size_t len = eol ? (size_t)(eol - p) : strlen(p);
        char *line = xstrndup(p, len);
        p += len + (eol ? 1 : 0);
        r.line++;
        size_t l = strlen(line);
        while (l > 0 && isspace((unsigned char)line[l - 1]))
            line[--l] = '\0';
        const char *first = line;
        while (isspace((unsigned char)*first))
            first++;
        if (*first == '\0' || *first == '#') {
            free(line);
            continue;
        }
        bool indented = first != line;
        char *key, *value;
        split_first(line, &key, &value);
        int lrc;
        if (!indented)
            lrc = top_level(&r, key, value);
        else if (r.block == BLOCK_MODE)
            lrc = mode_attribute(&r, key, value);
        else if (r.block == BLOCK_CMD)
            lrc = cmd_attribute(&r, key, value);
        else
            lrc = defs_error(&r, "attribute outside a mode or cmd block", key);
        free(line);
        if (lrc < 0)
            rc = -1;
    }
    return rc;
}

int grammar_load_builtin(struct grammar *g, struct strbuf *err)
{
    int rc = 0;
    for (size_t i = 0; i < grammar_source_count; i++)
        if (grammar_load_text(g, grammar_sources[i].name, grammar_sources[i].text, err) < 0)
            rc = -1;
    return rc;
}

int grammar_mode_id(const struct grammar *g, const char *name)
{
    for (size_t i = 0; i < g->nmodes; i++)
        if (!strcmp(g->modes[i].name, name))
            return (int)i;
    return -1;
}

const struct iftype *grammar_iftype(const struct grammar *g, const char *name)
{
    for (size_t i = 0; i < g->niftypes; i++)
        if (!strcasecmp(g->iftypes[i].name, name))
            return &g->iftypes[i];
    return NULL;
}

/* "<0-15>/<0-15>": one to three ranges separated by slashes. */
int iftype_parse_format(struct iftype *t, struct strbuf *err)
{
    const char *p = t->format;
    t->ncomp = 0;
    while (*p) {
        if (t->ncomp == 3 || *p != '<') {
            sb_printf(err, "interface format %s: expected <lo-hi>\n", t->format);
            return -1;
        }
        const char *dash = strchr(p, '-'), *close = strchr(p, '>');
        if (!dash || !close || dash > close ||
            !parse_long(p + 1, (size_t)(dash - p - 1), &t->lo[t->ncomp]) ||
            !parse_long(dash + 1, (size_t)(close - dash - 1), &t->hi[t->ncomp]) ||
            t->lo[t->ncomp] > t->hi[t->ncomp]) {
            sb_printf(err, "interface format %s: bad range\n", t->format);
            return -1;
        }
        t->ncomp++;
        p = close + 1;
        if (*p == '/')
            p++;
        else if (*p) {
            sb_printf(err, "interface format %s: expected /\n", t->format);
            return -1;
        }
    }
    if (t->ncomp == 0) {
        sb_printf(err, "interface format is empty\n");
        return -1;
    }
    return 0;
}
