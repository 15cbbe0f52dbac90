/* Compiling the definitions into one token tree per mode, and the checks done on the way. The
 * trees are graphs where an any-order group is (its nodes have several parents): nothing walks
 * them but down from a root. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "grammar_int.h"
#include "strmap.h"
#include "xalloc.h"

struct gnode *gnode_new(enum tok_type type, const char *text, const char *name)
{
    struct gnode *n = xcalloc(1, sizeof *n);
    n->type = type;
    n->text = xstrdup(text);
    n->name = xstrdup(name ? name : text);
    n->link_mode = -1;
    n->min_priv = 16;
    return n;
}

void gnode_free(struct gnode *n)
{
    if (!n)
        return;
    if (n->parents > 1) {
        n->parents--; /* an any-order group's node: another parent still holds it */
        return;
    }
    for (size_t i = 0; i < n->nkids; i++)
        gnode_free(n->kids[i]);
    free(n->kids);
    free(n->text);
    free(n->name);
    free(n->help);
    free(n);
}

void gnode_add_kid(struct gnode *parent, struct gnode *kid)
{
    parent->kids = xgrow(parent->kids, &parent->capkids, parent->nkids + 1, sizeof *parent->kids);
    parent->kids[parent->nkids++] = kid;
    kid->parents++;
}

static bool same_token(const struct gnode *n, const struct syn_token *t)
{
    if (n->type != t->type || n->pipe != PIPE_NONE)
        return false;
    if (n->type == TOK_KEYWORD || n->type == TOK_IFTYPE)
        return !strcasecmp(n->text, t->text);
    return !strcmp(n->text, t->text) && !strcmp(n->name, t->name) && n->iftype == t->iftype &&
           n->link_mode == t->link_mode;
}

/* How a token is written in a syntax string: A.B.C.D$low, <0-15>, IFNAME$x, session. */
static void token_spelling(const struct syn_token *t, struct strbuf *out)
{
    const char *base = t->type == TOK_IFNUM ? "IFNAME" : t->text;
    sb_puts(out, base);
    if (strcmp(t->name, base) != 0 && t->type != TOK_KEYWORD && t->type != TOK_IFTYPE)
        sb_printf(out, "$%s", t->name);
}

/* The help a command gives for a token: under its exact spelling first (A.B.C.D$low), then
 * under the bare token (A.B.C.D). */
static const char *cmd_help_for(const struct cmd_def *c, const struct syn_token *t)
{
    struct strbuf spelling = STRBUF_INIT;
    token_spelling(t, &spelling);
    const char *bare = t->type == TOK_IFNUM ? "IFNAME" : t->text;
    const char *found = NULL;
    for (size_t i = 0; i < c->nhelp && !found; i++)
        if (!strcasecmp(c->help[i].token, sb_str(&spelling)))
            found = c->help[i].help;
    for (size_t i = 0; i < c->nhelp && !found; i++)
        if (!strcasecmp(c->help[i].token, bare))
            found = c->help[i].help;
    sb_free(&spelling);
    return found;
}

static struct gnode *find_kid(struct gnode *parent, const struct syn_token *t)
{
    for (size_t i = 0; i < parent->nkids; i++)
        if (same_token(parent->kids[i], t))
            return parent->kids[i];
    return NULL;
}

/* Help for a token of a `no` form that its command did not describe: the same token at the same
 * place of the positive form. */
static const char *help_in_tree(struct gnode *root, const struct syn_seq *seq, size_t upto)
{
    struct gnode *n = root;
    for (size_t i = 0; n && i <= upto; i++)
        n = find_kid(n, &seq->tok[i]);
    return n ? n->help : NULL;
}

/* Interface types describe themselves; their numbers say whose number they are. */
static char *default_help(const struct syn_token *t)
{
    if (t->type == TOK_IFTYPE)
        return xstrdup(t->iftype->help);
    if (t->type == TOK_IFNUM) {
        struct strbuf h = STRBUF_INIT;
        sb_printf(&h, "%s interface number", t->iftype->name);
        return sb_detach(&h);
    }
    return NULL;
}

struct insert_ctx {
    struct grammar *g;
    struct cmd_def *cmd;
    struct gnode *positive_root; /* for help of `no` forms */
    bool via_default;            /* inserting `no` forms under `default` */
    struct strbuf *err;
    int rc;
};

/* An any-order group of a syntax, built once at the node where its sequences reach it. */
struct group_inst {
    struct gnode *at;
    const struct syn_group *grp;
    /* What follows the group, built under this detached node as the sequences go on, then given
     * to every node where the group may stop (ends, with at). */
    struct gnode *cont;
    struct gnode **ends;
    size_t nends, capends;
};
struct group_insts {
    struct group_inst *v;
    size_t n, cap;
};

static struct gnode *insert_token(struct insert_ctx *ic, struct gnode *at,
                                  const struct syn_seq *seq, size_t i)
{
    const struct syn_token *t = &seq->tok[i];
    struct gnode *n = find_kid(at, t);
    if (!n) {
        n = gnode_new(t->type, t->text, t->name);
        n->lo = t->lo;
        n->hi = t->hi;
        n->iftype = t->iftype;
        n->link_mode = t->link_mode;
        gnode_add_kid(at, n);
    }
    if (!n->help) {
        const char *h = cmd_help_for(ic->cmd, t);
        if (!h && ic->positive_root)
            h = help_in_tree(ic->positive_root, seq, i);
        n->help = h ? xstrdup(h) : default_help(t);
    }
    return n;
}

static void set_end(struct insert_ctx *ic, struct gnode *n)
{
    if (n->end && n->end != ic->cmd) {
        sb_printf(ic->err, "%s: \"%s\" collides with %s \"%s\"\n", ic->cmd->source, ic->cmd->syntax,
                  n->end->source, n->end->syntax);
        ic->rc = -1;
        return;
    }
    n->end = ic->cmd;
}

static const char *pipe_help(const struct grammar *g, const char *token)
{
    for (size_t i = 0; i < g->npipes; i++)
        if (!strcmp(g->pipes[i].token, token))
            return g->pipes[i].help;
    return NULL;
}

static struct gnode *pipe_kid(const struct grammar *g, struct gnode *at, enum tok_type type,
                              const char *text, enum pipe_kind kind)
{
    for (size_t i = 0; i < at->nkids; i++)
        if (at->kids[i]->pipe == kind)
            return at->kids[i];
    struct gnode *n = gnode_new(type, text, type == TOK_LINE ? "REGEX" : text);
    n->pipe = kind;
    const char *h = pipe_help(g, text);
    n->help = h ? xstrdup(h) : NULL;
    gnode_add_kid(at, n);
    return n;
}

/* `| begin|count|exclude|include|section LINE` after a command that prints. */
static void add_pipes(struct insert_ctx *ic, struct gnode *end)
{
    static const struct {
        const char *word;
        enum pipe_kind kind;
    } mods[] = {{"begin", PIPE_BEGIN},
                {"count", PIPE_COUNT},
                {"exclude", PIPE_EXCLUDE},
                {"include", PIPE_INCLUDE},
                {"section", PIPE_SECTION}};
    struct gnode *bar = pipe_kid(ic->g, end, TOK_KEYWORD, "|", PIPE_BAR);
    for (size_t i = 0; i < sizeof mods / sizeof mods[0]; i++) {
        struct gnode *m = pipe_kid(ic->g, bar, TOK_KEYWORD, mods[i].word, mods[i].kind);
        struct gnode *re = pipe_kid(ic->g, m, TOK_LINE, "LINE", PIPE_REGEX);
        set_end(ic, re);
    }
}

static void add_end(struct gnode ***v, size_t *n, size_t *cap, struct gnode *node)
{
    for (size_t i = 0; i < *n; i++)
        if ((*v)[i] == node)
            return;
    *v = xgrow(*v, cap, *n + 1, sizeof **v);
    (*v)[(*n)++] = node;
}

static bool same_node(const struct gnode *a, const struct gnode *b)
{
    if (a->type != b->type || a->pipe != b->pipe)
        return false;
    if (a->type == TOK_KEYWORD || a->type == TOK_IFTYPE)
        return !strcasecmp(a->text, b->text);
    return !strcmp(a->text, b->text) && a->iftype == b->iftype;
}

/* Makes kid one of node's kids too: a node of an any-order group has several parents. A token
 * node already offers would give the line two paths, which the group's own rules exclude. */
static void share_kid(struct insert_ctx *ic, struct gnode *node, struct gnode *kid)
{
    for (size_t i = 0; i < node->nkids; i++)
        if (same_node(node->kids[i], kid)) {
            sb_printf(ic->err,
                      "%s: \"%s\": \"%s\" of an any-order group collides with a token "
                      "of another path\n",
                      ic->cmd->source, ic->cmd->syntax, kid->text);
            ic->rc = -1;
            return;
        }
    gnode_add_kid(node, kid);
}

/* The group's nodes, one set per SUBSET of its options already given rather than one per order:
 * the nodes where the options of subset S may stop (at, for the empty one) all get the same kids,
 * the first tokens of the options not in S, built once under a detached holder. Where an option
 * of S's set stops is a stop of S plus that option. n options make 2^n sets (32 for ping's five),
 * each a few nodes, where expanding every order made 326 copies of the options' paths. Matching
 * and help only walk down from a root, so the shared nodes change nothing for them: a line's path
 * through the group never offers an option it has passed, hence an option given twice gets the
 * caret, `?` lists only the others and TAB completes among them. */
static struct group_inst *group_instance(struct insert_ctx *ic, struct group_insts *gi,
                                         struct gnode *at, const struct syn_group *grp)
{
    for (size_t i = 0; i < gi->n; i++)
        if (gi->v[i].at == at && gi->v[i].grp == grp)
            return &gi->v[i];
    size_t nsets = (size_t)1 << grp->n, full = nsets - 1;
    struct {
        struct gnode **v;
        size_t n, cap;
    } *stops = xcalloc(nsets, sizeof *stops);
    add_end(&stops[0].v, &stops[0].n, &stops[0].cap, at);
    struct group_inst inst = {.at = at, .grp = grp, .cont = gnode_new(TOK_KEYWORD, "", "")};
    /* A set's stops come from its subsets one option smaller, all numbered below it. */
    for (size_t set = 0; set < nsets; set++) {
        for (size_t i = 0; i < stops[set].n; i++)
            add_end(&inst.ends, &inst.nends, &inst.capends, stops[set].v[i]);
        if (set == full)
            continue;
        struct gnode *holder = gnode_new(TOK_KEYWORD, "", "");
        for (size_t m = 0; m < grp->n; m++) {
            if (set & ((size_t)1 << m))
                continue;
            size_t next = set | ((size_t)1 << m);
            for (size_t q = 0; q < grp->members[m].n; q++) {
                const struct syn_seq *seq = &grp->members[m].seq[q];
                struct gnode *n = holder;
                for (size_t t = 0; t < seq->n; t++)
                    n = insert_token(ic, n, seq, t);
                add_end(&stops[next].v, &stops[next].n, &stops[next].cap, n);
            }
        }
        for (size_t i = 0; i < stops[set].n; i++)
            for (size_t k = 0; k < holder->nkids; k++)
                share_kid(ic, stops[set].v[i], holder->kids[k]);
        gnode_free(holder);
    }
    for (size_t set = 0; set < nsets; set++)
        free(stops[set].v);
    free(stops);
    gi->v = xgrow(gi->v, &gi->cap, gi->n + 1, sizeof *gi->v);
    gi->v[gi->n] = inst;
    return &gi->v[gi->n++];
}

/* Every stop of each group gets what follows it: its kids and its end. A group that follows
 * another was built at that one's cont, after it: it is done first, so that its stops' kids and
 * end reach the stops of the first through that cont. */
static void groups_finish(struct insert_ctx *ic, struct group_insts *gi)
{
    for (size_t i = gi->n; i-- > 0;) {
        struct group_inst *inst = &gi->v[i];
        for (size_t e = 0; e < inst->nends; e++) {
            struct gnode *stop = inst->ends[e];
            if (inst->cont->end) {
                if (stop->end && stop->end != inst->cont->end) {
                    sb_printf(ic->err, "%s: \"%s\" collides with %s \"%s\"\n", ic->cmd->source,
                              ic->cmd->syntax, stop->end->source, stop->end->syntax);
                    ic->rc = -1;
                }
                stop->end = inst->cont->end;
                stop->end_negated = inst->cont->end_negated;
            }
            for (size_t k = 0; k < inst->cont->nkids; k++)
                share_kid(ic, stop, inst->cont->kids[k]);
        }
        gnode_free(inst->cont);
        free(inst->ends);
    }
    free(gi->v);
}

static void insert_syntax(struct insert_ctx *ic, struct gnode *root, const char *syntax,
                          bool with_pipes)
{
    struct syn_expansion e;
    if (syntax_expand(ic->g, syntax, &e, ic->err) < 0) {
        sb_printf(ic->err, "%s: in this command\n", ic->cmd->source);
        ic->rc = -1;
        return;
    }
    struct group_insts gi = {0};
    for (size_t s = 0; s < e.n; s++) {
        struct gnode *n = root;
        bool refused = false;
        for (size_t i = 0; i < e.seq[s].n && !refused; i++) {
            const struct syn_token *t = &e.seq[s].tok[i];
            if (t->type != TOK_GROUP) {
                n = insert_token(ic, n, &e.seq[s], i);
            } else if (ic->positive_root) {
                /* A `no` form names what it removes; its help would come from the positive
                 * form's tree, which holds the group's options once per set. */
                sb_printf(ic->err, "%s: \"%s\": a `no` form takes no any-order group\n",
                          ic->cmd->source, ic->cmd->syntax);
                ic->rc = -1;
                refused = true;
            } else {
                n = group_instance(ic, &gi, n, t->group)->cont;
            }
        }
        if (refused)
            continue;
        if (n->type == TOK_LINK)
            continue; /* `do EXEC`: the linked mode's commands end the line */
        if (ic->via_default) {
            /* A command of its own (`default interface IFNAME`) keeps the line it spells. */
            if (!n->end) {
                n->end = ic->cmd;
                n->end_negated = true;
            }
            continue;
        }
        set_end(ic, n);
        if (with_pipes)
            add_pipes(ic, n);
    }
    groups_finish(ic, &gi);
    syntax_expansion_free(&e);
}

static struct gnode *no_node(struct mode_def *m)
{
    for (size_t i = 0; i < m->root->nkids; i++)
        if (m->root->kids[i]->negate)
            return m->root->kids[i];
    struct gnode *n = gnode_new(TOK_KEYWORD, "no", "no");
    n->negate = true;
    n->help = xstrdup(m->no_help);
    gnode_add_kid(m->root, n);
    return n;
}

#define DEFAULT_HELP "Set a command to its defaults"

/* The first word of a syntax, for comparing commands by their leading keyword. */
static size_t first_word(const char *syntax, const char **word)
{
    syntax += strspn(syntax, " ");
    *word = syntax;
    return strcspn(syntax, " ");
}

/* Whether the mode has a command of its own spelt `default WORD ...` (`default interface IFNAME`):
 * the `no` forms that start with WORD are then not offered under `default`, where they would make
 * the same line ambiguous. */
static bool own_default_command(const struct grammar *g, int mode, const char *word, size_t len)
{
    for (size_t i = 0; i < g->ncmds; i++) {
        const struct cmd_def *c = &g->cmds[i];
        const char *w;
        size_t wl = first_word(c->syntax, &w);
        if (wl != 7 || strncasecmp(w, "default", 7) != 0 || !cmd_def_in_mode(c, mode))
            continue;
        const char *second;
        size_t sl = first_word(w + wl, &second);
        if (sl == len && !strncasecmp(second, word, len))
            return true;
    }
    return false;
}

/* IOS's `default COMMAND` in every configuration mode: what `no COMMAND` does, offered for each
 * command that has a `no` form, under the mode's `default` keyword (shared with the commands
 * spelt `default ...`). Built after every command so that those are in the tree first. */
static void add_default_forms(struct insert_ctx *ic, int mode)
{
    struct grammar *g = ic->g;
    struct mode_def *m = &g->modes[mode];
    struct gnode *dflt = NULL;
    for (size_t i = 0; i < g->ncmds; i++) {
        struct cmd_def *c = &g->cmds[i];
        const char *w;
        if (!c->no_syntax || !cmd_def_in_mode(c, mode))
            continue;
        size_t wl = first_word(c->no_syntax, &w);
        if (own_default_command(g, mode, w, wl))
            continue;
        if (!dflt) {
            for (size_t k = 0; k < m->root->nkids && !dflt; k++) {
                struct gnode *kid = m->root->kids[k];
                if (kid->type == TOK_KEYWORD && kid->pipe == PIPE_NONE && !kid->negate &&
                    !strcasecmp(kid->text, "default"))
                    dflt = kid;
            }
            if (!dflt) {
                dflt = gnode_new(TOK_KEYWORD, "default", "default");
                dflt->help = xstrdup(DEFAULT_HELP);
                gnode_add_kid(m->root, dflt);
            }
        }
        ic->cmd = c;
        ic->positive_root = m->root;
        ic->via_default = true;
        insert_syntax(ic, dflt, c->no_syntax, false);
        ic->via_default = false;
    }
}

static int compute_priv(struct gnode *n)
{
    if (n->priv_done)
        return n->min_priv;
    n->priv_done = true;
    int p = n->end ? n->end->privilege : 16;
    if (n->type == TOK_LINK)
        p = PRIV_PRIVILEGED;
    for (size_t i = 0; i < n->nkids; i++) {
        int k = compute_priv(n->kids[i]);
        if (k < p)
            p = k;
    }
    n->min_priv = p;
    return p;
}

static void check_help(struct gnode *n, const char *mode, struct strbuf *err, int *rc)
{
    for (size_t i = 0; i < n->nkids; i++) {
        struct gnode *k = n->kids[i];
        if (k->help_done)
            continue;
        k->help_done = true;
        if (k->type != TOK_LINK && (!k->help || !*k->help)) {
            sb_printf(err, "mode %s: token \"%s\" has no help text\n", mode, k->text);
            *rc = -1;
        }
        check_help(k, mode, err, rc);
    }
}

static int resolve_modes(struct grammar *g, struct strbuf *err)
{
    int rc = 0;
    if (grammar_mode_id(g, "exec") < 0 || grammar_mode_id(g, "config") < 0) {
        sb_puts(err, "the grammar needs the modes exec and config\n");
        return -1;
    }
    for (size_t i = 0; i < g->nmodes; i++) {
        struct mode_def *m = &g->modes[i];
        if (m->parent_name) {
            m->parent = grammar_mode_id(g, m->parent_name);
            if (m->parent < 0) {
                sb_printf(err, "mode %s: unknown parent %s\n", m->name, m->parent_name);
                rc = -1;
            }
        }
        if (!m->heading) {
            sb_printf(err, "mode %s has no heading\n", m->name);
            rc = -1;
        }
        if (!m->prompt)
            m->prompt = xstrdup("");
        m->root = gnode_new(TOK_KEYWORD, "", "");
    }
    for (size_t i = 0; i < g->ncmds; i++) {
        struct cmd_def *c = &g->cmds[i];
        if (c->nmode_names == 0) {
            sb_printf(err, "%s: \"%s\" has no mode\n", c->source, c->syntax);
            rc = -1;
        }
        c->modes = xcalloc(c->nmode_names, sizeof *c->modes);
        for (size_t j = 0; j < c->nmode_names; j++) {
            c->modes[j] = grammar_mode_id(g, c->mode_names[j]);
            if (c->modes[j] < 0) {
                sb_printf(err, "%s: unknown mode %s\n", c->source, c->mode_names[j]);
                rc = -1;
            }
        }
        c->nmodes = c->nmode_names;
        if (c->enters_name) {
            c->enters = grammar_mode_id(g, c->enters_name);
            if (c->enters < 0) {
                sb_printf(err, "%s: enters unknown mode %s\n", c->source, c->enters_name);
                rc = -1;
            }
        }
        if (c->privilege < 0)
            c->privilege = PRIV_PRIVILEGED;
        if (!c->handler && !strstr(c->syntax, "EXEC")) {
            sb_printf(err, "%s: \"%s\" has no handler\n", c->source, c->syntax);
            rc = -1;
        }
    }
    return rc;
}

/* The trees, built node by node, copied into one block once finalized. Built so, a thousand
 * nodes cost cwmpd (which keeps them for its life) about twice their size: each node, its
 * children's array (grown by doubling from eight) and its three strings (the same few keywords
 * and help texts over and over) a small allocation of its own. The copy holds each node, each
 * array at its length and each distinct string once. Nothing changes a tree once finalized. */
struct freezer {
    size_t nodes, kids, bytes; /* what the block holds */
    struct strmap strings;     /* each distinct string: its offset in the block's strings, + 1 */
    /* The nodes of several parents (any-order groups), by address: counted, then their copy. */
    struct strmap shared;
    struct gnode *node; /* the next free node of the block */
    struct gnode **kid; /* the next free child slot */
    char *text;         /* the strings */
};

static void freeze_string(struct freezer *f, const char *s)
{
    if (s && !strmap_get(&f->strings, s)) {
        strmap_put(&f->strings, s, (void *)(uintptr_t)(f->bytes + 1));
        f->bytes += strlen(s) + 1;
    }
}

static void address_key(char *key, size_t cap, const struct gnode *n)
{
    snprintf(key, cap, "%p", (const void *)n);
}

static void freeze_count(struct freezer *f, const struct gnode *n)
{
    if (n->parents > 1) {
        char key[32];
        address_key(key, sizeof key, n);
        if (strmap_get(&f->shared, key))
            return;
        strmap_put(&f->shared, key, (void *)n); /* counted; its copy replaces it */
    }
    f->nodes++;
    f->kids += n->nkids;
    freeze_string(f, n->text);
    freeze_string(f, n->name);
    freeze_string(f, n->help);
    for (size_t i = 0; i < n->nkids; i++)
        freeze_count(f, n->kids[i]);
}

static char *frozen_string(const struct freezer *f, const char *s)
{
    return s ? f->text + (uintptr_t)strmap_get(&f->strings, s) - 1 : NULL;
}

static struct gnode *freeze_copy(struct freezer *f, const struct gnode *n)
{
    char key[32] = "";
    if (n->parents > 1) {
        address_key(key, sizeof key, n);
        struct gnode *done = strmap_get(&f->shared, key);
        if (done != n)
            return done;
    }
    struct gnode *c = f->node++;
    if (n->parents > 1)
        strmap_put(&f->shared, key, c);
    *c = *n;
    c->text = frozen_string(f, n->text);
    c->name = frozen_string(f, n->name);
    c->help = frozen_string(f, n->help);
    c->kids = n->nkids ? f->kid : NULL;
    c->capkids = n->nkids;
    f->kid += n->nkids;
    for (size_t i = 0; i < n->nkids; i++)
        c->kids[i] = freeze_copy(f, n->kids[i]);
    return c;
}

static void freeze_trees(struct grammar *g)
{
    struct freezer f = {.strings = STRMAP_INIT, .shared = STRMAP_INIT};
    for (size_t i = 0; i < g->nmodes; i++)
        freeze_count(&f, g->modes[i].root);
    char *block =
        xmalloc(f.nodes * sizeof(struct gnode) + f.kids * sizeof(struct gnode *) + f.bytes);
    f.node = (struct gnode *)(void *)block;
    f.kid = (struct gnode **)(void *)(block + f.nodes * sizeof(struct gnode));
    f.text = block + f.nodes * sizeof(struct gnode) + f.kids * sizeof(struct gnode *);
    size_t pos = 0;
    const char *key;
    void *value;
    while (strmap_next(&f.strings, &pos, &key, &value))
        memcpy(f.text + (uintptr_t)value - 1, key, strlen(key) + 1);
    /* The built trees go once every copy is made: the map holds shared nodes' addresses, which a
     * freed node's successor could take. */
    struct gnode **built = xmalloc((g->nmodes + 1) * sizeof *built);
    for (size_t i = 0; i < g->nmodes; i++) {
        built[i] = g->modes[i].root;
        g->modes[i].root = freeze_copy(&f, built[i]);
    }
    for (size_t i = 0; i < g->nmodes; i++)
        gnode_free(built[i]);
    free(built);
    strmap_free(&f.strings);
    strmap_free(&f.shared);
    g->frozen = block;
}

static int bind_table(struct grammar *g, const struct cmd_binding *table, size_t n, void *ctx,
                      bool unused_ok, struct strbuf *err);

int grammar_finalize(struct grammar *g, struct strbuf *err)
{
    if (g->finalized)
        return 0;
    if (resolve_modes(g, err) < 0)
        return -1;
    struct insert_ctx ic = {.g = g, .err = err, .rc = 0};
    for (size_t i = 0; i < g->ncmds; i++) {
        struct cmd_def *c = &g->cmds[i];
        ic.cmd = c;
        for (size_t j = 0; j < c->nmodes; j++) {
            struct mode_def *m = &g->modes[c->modes[j]];
            ic.positive_root = NULL;
            insert_syntax(&ic, m->root, c->syntax, c->output);
            if (c->no_syntax) {
                if (!m->no_help) {
                    sb_printf(err, "%s: mode %s has no `no` keyword\n", c->source, m->name);
                    ic.rc = -1;
                    continue;
                }
                ic.positive_root = m->root;
                insert_syntax(&ic, no_node(m), c->no_syntax, false);
            }
        }
    }
    for (size_t i = 0; i < g->nmodes; i++)
        if (g->modes[i].config && g->modes[i].no_help)
            add_default_forms(&ic, (int)i);
    for (size_t i = 0; i < g->nmodes; i++) {
        compute_priv(g->modes[i].root);
        check_help(g->modes[i].root, g->modes[i].name, err, &ic.rc);
    }
    if (ic.rc < 0)
        return -1;
    freeze_trees(g);
    g->finalized = true;
    return bind_table(g, grammar_builtin_handlers, grammar_builtin_handler_count, NULL, true, err);
}

bool args_list_has(const char *list, const char *name)
{
    /* Called for every argument a handler reads: a plain scan, no library call per word. */
    size_t len = strlen(name);
    for (const char *p = list; p && *p;) {
        while (*p == ' ')
            p++;
        const char *word = p;
        while (*p && *p != ' ')
            p++;
        if ((size_t)(p - word) == len && len > 0 && !memcmp(word, name, len))
            return true;
    }
    return false;
}

static bool expansion_gives(const struct syn_expansion *e, const char *name)
{
    for (size_t i = 0; i < e->n; i++)
        for (size_t j = 0; j < e->seq[i].n; j++) {
            const struct syn_token *t = &e->seq[i].tok[j];
            if (t->type == TOK_GROUP) {
                for (size_t m = 0; m < t->group->n; m++)
                    if (expansion_gives(&t->group->members[m], name))
                        return true;
            } else if (t->type == TOK_KEYWORD ? !strcmp(t->text, name)
                                              : t->named && !strcmp(t->name, name)) {
                return true;
            }
        }
    return false;
}

/* Whether a syntax hands a handler this name: a keyword, or the $name of a typed token (a typed
 * token without one has no name a handler may ask for). */
static bool syntax_gives(const struct grammar *g, const char *syntax, const char *name)
{
    if (!syntax)
        return false;
    struct syn_expansion e;
    struct strbuf err = STRBUF_INIT;
    bool found = false;
    if (syntax_expand(g, syntax, &e, &err) == 0) {
        found = expansion_gives(&e, name);
        syntax_expansion_free(&e);
    }
    sb_free(&err); /* a syntax that does not expand failed grammar_finalize already */
    return found;
}

/* Every name the binding declares must come from the command's syntax or its `no` form. */
static int check_declared(const struct grammar *g, const struct cmd_binding *b,
                          const struct cmd_def *c, struct strbuf *err)
{
    int rc = 0;
    const char *p = b->args ? b->args : "";
    while (*(p += strspn(p, " "))) {
        size_t w = strcspn(p, " ");
        char *name = xstrndup(p, w);
        if (!syntax_gives(g, c->syntax, name) && !syntax_gives(g, c->no_syntax, name)) {
            sb_printf(err, "%s: handler %s reads \"%s\", which \"%s\" does not give\n", c->source,
                      b->name, name, c->syntax);
            rc = -1;
        }
        free(name);
        p += w;
    }
    return rc;
}

/* unused_ok: the engine offers its own handlers to every grammar, which may not have all their
 * commands (a test's or a fuzz target's definitions). */
static int bind_table(struct grammar *g, const struct cmd_binding *table, size_t n, void *ctx,
                      bool unused_ok, struct strbuf *err)
{
    if (ctx)
        g->ctx = ctx;
    int rc = 0;
    for (size_t j = 0; j < n; j++) {
        const struct cmd_binding *b = &table[j];
        bool used = false, bound = false;
        for (size_t i = 0; i < g->ncmds; i++) {
            const struct cmd_def *c = &g->cmds[i];
            if (c->handler && !strcmp(c->handler, b->name)) {
                used = true;
                bound = bound || c->fn;
            }
        }
        /* A binding that does nothing is a misspelt name or a handler left behind by a .cmd
         * edit; binding a name twice would let the table's order decide which function runs. */
        if (!used && unused_ok)
            continue;
        if (!used || bound) {
            sb_printf(err, "handler %s is %s\n", b->name,
                      used ? "bound twice" : "bound but no command uses it");
            rc = -1;
            continue;
        }
        for (size_t i = 0; i < g->ncmds; i++) {
            struct cmd_def *c = &g->cmds[i];
            if (!c->handler || strcmp(c->handler, b->name) != 0)
                continue;
            if (check_declared(g, b, c, err) < 0)
                rc = -1;
            c->fn = b->fn;
            free(c->args);
            c->args = xstrdup(b->args ? b->args : "");
            free(c->args_seen);
            c->args_seen = xcalloc(ARGS_SEEN_MAX, sizeof *c->args_seen);
        }
    }
    return rc;
}

int grammar_bind(struct grammar *g, const struct cmd_binding *table, size_t n, void *ctx,
                 struct strbuf *err)
{
    return bind_table(g, table, n, ctx, false, err);
}

void grammar_unbound(const struct grammar *g, struct strbuf *out)
{
    for (size_t i = 0; i < g->ncmds; i++) {
        const struct cmd_def *c = &g->cmds[i];
        if (c->handler && !c->fn)
            sb_printf(out, "%s: handler %s of \"%s\" is not bound\n", c->source, c->handler,
                      c->syntax);
    }
}

void gnode_children(const struct grammar *g, const struct gnode *n, struct gnode *const **kids,
                    size_t *nkids)
{
    if (n->type == TOK_LINK) {
        const struct gnode *root = g->modes[n->link_mode].root;
        *kids = root->kids;
        *nkids = root->nkids;
        return;
    }
    *kids = n->kids;
    *nkids = n->nkids;
}

bool node_visible(const struct gnode *n, int privilege)
{
    return n->min_priv <= privilege;
}

bool node_ends(const struct gnode *n, int privilege)
{
    return n->end && n->end->privilege <= privilege;
}
