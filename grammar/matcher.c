/* Matching a line against a mode's tree: every path that consumes the whole line, then IOS's
 * preference among them. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "grammar_int.h"
#include "xalloc.h"

/* A line could in theory match a great many paths (WORD everywhere); past this many the line is
 * reported as ambiguous rather than explored further. */
#define MAX_PATHS 256

struct dfs {
    const struct grammar *g;
    const struct input *in;
    int priv;
    struct match_result *r;
    struct path_step stack[PATH_MAX_STEPS];
    size_t depth;
};

static size_t char_index(const struct input *in, struct pos at)
{
    if (at.wi < in->n)
        return in->w[at.wi].start + at.off;
    return strlen(in->line);
}

static void record(struct dfs *d, const struct gnode *last)
{
    struct match_result *r = d->r;
    if (r->npaths == MAX_PATHS) {
        r->truncated = true;
        return;
    }
    r->paths = xgrow(r->paths, &r->cap, r->npaths + 1, sizeof *r->paths);
    struct match_path *p = &r->paths[r->npaths++];
    p->n = d->depth;
    p->steps = xmalloc((d->depth + 1) * sizeof *p->steps);
    memcpy(p->steps, d->stack, d->depth * sizeof *p->steps);
    p->last = last;
}

static void dfs(struct dfs *d, const struct gnode *node, struct pos at)
{
    if (at.wi >= d->in->n) {
        record(d, node);
        return;
    }
    /* Words remain: the line got this far, whether or not any token below accepts more (a
     * complete command followed by an extra word gets the caret under that word). */
    size_t here = char_index(d->in, at);
    if (here > d->r->caret)
        d->r->caret = here;
    if (d->depth + 1 >= PATH_MAX_STEPS || d->r->truncated)
        return;
    struct gnode *const *kids;
    size_t nkids;
    gnode_children(d->g, node, &kids, &nkids);
    for (size_t i = 0; i < nkids; i++) {
        const struct gnode *k = kids[i];
        if (!node_visible(k, d->priv))
            continue;
        struct pos next = at;
        size_t accepted = 0;
        enum match_strength m;
        if (k->type == TOK_LINK)
            m = MATCH_EXACT; /* consumes nothing: the path goes on in the linked mode */
        else
            m = token_match(k, d->in, at, &next, &accepted);
        if (m == MATCH_NONE) {
            size_t c = char_index(d->in, at) + accepted;
            if (c > d->r->caret)
                d->r->caret = c;
            continue;
        }
        d->stack[d->depth++] = (struct path_step){k, at, next, m};
        dfs(d, k, next);
        d->depth--;
    }
}

void match_input(const struct grammar *g, int mode, int privilege, const struct input *in,
                 struct match_result *r)
{
    memset(r, 0, sizeof *r);
    /* On the stack (13 KiB): a malloc of this size each line, past malloc's caches, cost more
     * than the match of a short line. */
    struct dfs dd, *d = &dd;
    d->g = g;
    d->in = in;
    d->priv = privilege;
    d->r = r;
    d->depth = 0;
    if (in->too_many_words) {
        r->caret = in->w[GRAMMAR_MAX_WORDS - 1].start;
    } else {
        dfs(d, g->modes[mode].root, (struct pos){0, 0});
    }
}

void match_result_free(struct match_result *r)
{
    for (size_t i = 0; i < r->npaths; i++)
        free(r->paths[i].steps);
    free(r->paths);
    memset(r, 0, sizeof *r);
}

/* An abbreviated keyword and an argument such as WORD are equally good matches: IOS calls the
 * line ambiguous rather than guess which the operator meant. */
static int rank(enum match_strength m)
{
    return m == MATCH_PARTIAL ? MATCH_GENERIC : (int)m;
}

/* Token by token, the first difference in strength decides. */
static int path_cmp(const struct match_path *a, const struct match_path *b)
{
    size_t n = a->n < b->n ? a->n : b->n;
    for (size_t i = 0; i < n; i++)
        if (rank(a->steps[i].strength) != rank(b->steps[i].strength))
            return rank(a->steps[i].strength) - rank(b->steps[i].strength);
    return 0;
}

void match_filter_best(struct match_result *r)
{
    if (r->npaths < 2)
        return;
    size_t best = 0;
    for (size_t i = 1; i < r->npaths; i++)
        if (path_cmp(&r->paths[i], &r->paths[best]) > 0)
            best = i;
    size_t kept = 0;
    struct match_path keep_best = r->paths[best];
    for (size_t i = 0; i < r->npaths; i++) {
        if (path_cmp(&r->paths[i], &keep_best) == 0)
            r->paths[kept++] = r->paths[i];
        else
            free(r->paths[i].steps);
    }
    r->npaths = kept;
}

bool match_abbrev_ambiguous(const struct match_result *r)
{
    if (r->truncated)
        return true;
    for (size_t a = 0; a < r->npaths; a++)
        for (size_t b = a + 1; b < r->npaths; b++) {
            const struct match_path *pa = &r->paths[a], *pb = &r->paths[b];
            size_t n = pa->n < pb->n ? pa->n : pb->n;
            for (size_t i = 0; i < n; i++) {
                const struct path_step *sa = &pa->steps[i], *sb = &pb->steps[i];
                if (sa->strength == MATCH_PARTIAL && sb->strength == MATCH_PARTIAL &&
                    strcasecmp(sa->node->text, sb->node->text) != 0)
                    return true;
            }
        }
    return false;
}
