/* `?` help and TAB completion, answered from the same trees that execution uses. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "grammar_int.h"
#include "xalloc.h"

/* Help lines stop short of the 80th column, where terminals wrap on their own. */
#define HELP_WIDTH 79

/* Matches every complete word of the line (all of them, or all but the partial last one) in the
 * session's mode, then in its parents, as execution would. Returns the mode that matched, or -1
 * with the failure in *r. */
static int match_prefix(const struct grammar *g, const struct cli_session *s, struct input *view,
                        struct match_result *r)
{
    size_t best_caret = 0;
    for (int m = cli_session_mode(s); m >= 0; m = g->modes[m].parent) {
        match_input(g, m, s->privilege, view, r);
        match_filter_best(r);
        if (r->npaths > 0)
            return m;
        if (r->caret > best_caret)
            best_caret = r->caret;
        match_result_free(r);
    }
    memset(r, 0, sizeof *r);
    r->caret = best_caret;
    return -1;
}

struct candidates {
    const struct gnode **v;
    size_t n, cap;
    bool cr;
};

static void cand_add(struct candidates *c, const struct gnode *n)
{
    for (size_t i = 0; i < c->n; i++)
        if (!strcasecmp(c->v[i]->text, n->text) && c->v[i]->type == n->type)
            return;
    c->v = xgrow(c->v, &c->cap, c->n + 1, sizeof *c->v);
    c->v[c->n++] = n;
}

/* What may follow each kept path's last token. */
static void collect(const struct grammar *g, const struct match_result *r, int privilege,
                    const char *partial, size_t plen, bool with_partial, struct candidates *c)
{
    for (size_t p = 0; p < r->npaths; p++) {
        const struct gnode *last = r->paths[p].last;
        if (!with_partial && node_ends(last, privilege))
            c->cr = true;
        if (!with_partial && last->type == TOK_LINE)
            cand_add(c, last); /* a LINE goes on for as long as the operator types */
        struct gnode *const *kids;
        size_t nkids;
        gnode_children(g, last, &kids, &nkids);
        for (size_t i = 0; i < nkids; i++) {
            const struct gnode *k = kids[i];
            if (!node_visible(k, privilege))
                continue;
            if (k->type == TOK_LINK) {
                struct gnode *const *lk;
                size_t nlk;
                gnode_children(g, k, &lk, &nlk);
                for (size_t j = 0; j < nlk; j++)
                    if (node_visible(lk[j], privilege) &&
                        (!with_partial || token_could_match(lk[j], partial, plen)))
                        cand_add(c, lk[j]);
                continue;
            }
            if (!with_partial || token_could_match(k, partial, plen))
                cand_add(c, k);
        }
    }
}

static bool is_keyword(const struct gnode *n)
{
    return n->type == TOK_KEYWORD || n->type == TOK_IFTYPE;
}

/* IOS lists arguments first, in the order they were defined, then keywords alphabetically, then
 * the output modifier bar. */
static int cand_rank(const struct gnode *n)
{
    if (n->pipe == PIPE_BAR)
        return 2;
    return is_keyword(n) ? 1 : 0;
}

static int cand_cmp(const void *a, const void *b)
{
    const struct gnode *x = *(const struct gnode *const *)a, *y = *(const struct gnode *const *)b;
    int rx = cand_rank(x), ry = cand_rank(y);
    if (rx != ry)
        return rx - ry;
    if (rx == 1)
        return strcasecmp(x->text, y->text);
    return 0;
}

static void sort_candidates(struct candidates *c)
{
    if (c->n == 0)
        return;
    /* qsort is not stable: keep arguments in definition order by sorting keywords only. */
    size_t first_kw = 0;
    const struct gnode **tmp = xmalloc((c->n + 1) * sizeof *tmp);
    size_t k = 0;
    for (size_t i = 0; i < c->n; i++)
        if (cand_rank(c->v[i]) == 0)
            tmp[k++] = c->v[i];
    first_kw = k;
    for (size_t i = 0; i < c->n; i++)
        if (cand_rank(c->v[i]) != 0)
            tmp[k++] = c->v[i];
    qsort(tmp + first_kw, k - first_kw, sizeof *tmp, cand_cmp);
    memcpy(c->v, tmp, c->n * sizeof *tmp);
    free(tmp);
}

/* One "  token  help" entry, the help wrapped under its column at 80 characters. */
static void help_line(struct strbuf *out, const char *token, const char *help, size_t width)
{
    sb_puts(out, "  ");
    sb_puts(out, token);
    if (!help || !*help) {
        sb_putc(out, '\n');
        return;
    }
    sb_pad(out, ' ', width - strlen(token) + 2);
    size_t col = 2 + width + 2, pos = col;
    const char *p = help;
    bool first = true;
    while (*p) {
        while (*p == ' ')
            p++;
        const char *e = p;
        while (*e && *e != ' ')
            e++;
        size_t wl = (size_t)(e - p);
        if (wl == 0)
            break;
        if (!first && pos + 1 + wl > HELP_WIDTH) {
            sb_putc(out, '\n');
            sb_pad(out, ' ', col);
            pos = col;
            first = true;
        }
        if (!first) {
            sb_putc(out, ' ');
            pos++;
        }
        sb_append(out, p, wl);
        pos += wl;
        first = false;
        p = e;
    }
    sb_putc(out, '\n');
}

static void list_next_tokens(const struct grammar *g, struct candidates *c, int mode, bool heading,
                             struct strbuf *out)
{
    sort_candidates(c);
    size_t width = c->cr ? 4 : 0;
    for (size_t i = 0; i < c->n; i++)
        if (strlen(c->v[i]->text) > width)
            width = strlen(c->v[i]->text);
    if (heading)
        sb_printf(out, "%s\n", g->modes[mode].heading);
    for (size_t i = 0; i < c->n; i++)
        help_line(out, c->v[i]->text, c->v[i]->help, width);
    if (c->cr)
        help_line(out, "<cr>", NULL, width);
    sb_putc(out, '\n');
}

static void list_completions(struct candidates *c, struct strbuf *out)
{
    sort_candidates(c);
    for (size_t i = 0; i < c->n; i++) {
        if (i)
            sb_puts(out, "  ");
        sb_puts(out, c->v[i]->text);
    }
    sb_puts(out, "\n\n");
}

void grammar_help(struct grammar *g, const struct cli_session *s, const char *line,
                  int caret_column, struct strbuf *out)
{
    struct input in;
    input_split(&in, line);
    bool partial = !in.trailing_space && in.n > 0;
    size_t plen = partial ? in.w[in.n - 1].len : 0;
    const char *pword = partial ? in.w[in.n - 1].text : "";
    size_t full = in.n;
    if (partial)
        in.n--;
    struct match_result r = {0};
    int mode = in.too_many_words ? -1 : match_prefix(g, s, &in, &r);
    in.n = full;
    if (mode < 0) {
        if (in.too_many_words || r.caret == 0)
            sb_puts(out, "% Unrecognized command\n");
        else
            grammar_format_error(out, CMD_INVALID, in.line, r.caret, caret_column);
        input_free(&in);
        return;
    }
    if (match_abbrev_ambiguous(&r)) {
        grammar_format_error(out, CMD_AMBIGUOUS, in.line, 0, caret_column);
    } else {
        struct candidates c = {0};
        collect(g, &r, s->privilege, pword, plen, partial, &c);
        if (partial && c.n == 0)
            sb_puts(out, "% Unrecognized command\n");
        else if (partial)
            list_completions(&c, out);
        else
            list_next_tokens(g, &c, mode, in.n == 0, out);
        free(c.v);
    }
    match_result_free(&r);
    input_free(&in);
}

char *grammar_complete(struct grammar *g, const struct cli_session *s, const char *line)
{
    struct input in;
    input_split(&in, line);
    if (in.n == 0 || in.trailing_space || in.too_many_words) {
        input_free(&in);
        return NULL;
    }
    const struct input_word *w = &in.w[in.n - 1];
    in.n--;
    struct match_result r;
    char *result = NULL;
    int mode = match_prefix(g, s, &in, &r);
    if (mode >= 0 && !match_abbrev_ambiguous(&r)) {
        struct candidates c = {0};
        collect(g, &r, s->privilege, w->text, w->len, true, &c);
        const struct gnode *only = NULL;
        bool unique = true;
        for (size_t i = 0; i < c.n; i++) {
            if (!is_keyword(c.v[i]) || only)
                unique = false;
            only = c.v[i];
        }
        if (only && unique) {
            /* An interface type completes with the number typed after it: e0/0 -> Ethernet0/0. */
            size_t alpha = 0;
            while (alpha < w->len && isalpha((unsigned char)w->text[alpha]))
                alpha++;
            struct strbuf sb = STRBUF_INIT;
            sb_puts(&sb, only->text);
            if (only->type == TOK_IFTYPE && alpha < w->len)
                sb_printf(&sb, "%s ", w->text + alpha);
            else if (only->type == TOK_KEYWORD)
                sb_putc(&sb, ' ');
            result = sb_detach(&sb);
        }
        free(c.v);
    }
    if (mode >= 0)
        match_result_free(&r);
    in.n++;
    input_free(&in);
    return result;
}
