/* Syntax strings: `session retry limit <0-15>`, `{md5|md5-sess}`, `[A.B.C.D$high]`.
 *
 * A syntax expands into the list of every token sequence it allows; the graph builder then merges
 * the sequences of all commands of a mode into one tree. Expanding (instead of building FRR's
 * fork/join nodes) keeps matching a plain tree walk; syntax strings are short, so the product of
 * their options stays small (bounded by MAX_EXPANSIONS). An any-order group is the exception: its
 * orders would multiply (five options, 326 orders), so it stays one token that holds its options,
 * and the graph builder shares its nodes (graph.c). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "grammar_int.h"
#include "xalloc.h"

#define MAX_EXPANSIONS 512

struct syn_parser {
    const struct grammar *g;
    const char *p;
    const char *syntax;
    struct strbuf *err;
    bool failed;
};

static void group_unref(struct syn_group *grp)
{
    if (!grp || --grp->refs > 0)
        return;
    for (size_t i = 0; i < grp->n; i++)
        syntax_expansion_free(&grp->members[i]);
    free(grp->members);
    free(grp);
}

static void seq_free(struct syn_seq *s)
{
    for (size_t i = 0; i < s->n; i++) {
        free(s->tok[i].text);
        free(s->tok[i].name);
        group_unref(s->tok[i].group);
    }
    free(s->tok);
    s->tok = NULL;
    s->n = 0;
}

void syntax_expansion_free(struct syn_expansion *e)
{
    for (size_t i = 0; i < e->n; i++)
        seq_free(&e->seq[i]);
    free(e->seq);
    e->seq = NULL;
    e->n = e->cap = 0;
}

static void exp_add(struct syn_expansion *e, struct syn_seq s)
{
    e->seq = xgrow(e->seq, &e->cap, e->n + 1, sizeof *e->seq);
    e->seq[e->n++] = s;
}

static struct syn_token tok_copy(const struct syn_token *t)
{
    struct syn_token c = *t;
    c.text = xstrdup(t->text);
    c.name = xstrdup(t->name);
    if (c.group)
        c.group->refs++;
    return c;
}

static struct syn_seq seq_concat(const struct syn_seq *a, const struct syn_seq *b)
{
    struct syn_seq s = {xmalloc((a->n + b->n + 1) * sizeof *s.tok), 0};
    for (size_t i = 0; i < a->n; i++)
        s.tok[s.n++] = tok_copy(&a->tok[i]);
    for (size_t i = 0; i < b->n; i++)
        s.tok[s.n++] = tok_copy(&b->tok[i]);
    return s;
}

static void fail(struct syn_parser *sp, const char *what)
{
    if (!sp->failed)
        sb_printf(sp->err, "syntax \"%s\": %s\n", sp->syntax, what);
    sp->failed = true;
}

static void skip_space(struct syn_parser *sp)
{
    while (isspace((unsigned char)*sp->p))
        sp->p++;
}

static bool is_punct(char c)
{
    return c == '[' || c == ']' || c == '{' || c == '}' || c == '|';
}

/* Classifies one written token; IFNAME becomes one sequence per interface type. */
static void expand_token(struct syn_parser *sp, const char *word, struct syn_expansion *out)
{
    char *text = xstrdup(word);
    char *name = NULL;
    char *dollar = strchr(text, '$');
    if (dollar) {
        *dollar = '\0';
        name = xstrdup(dollar + 1);
        if (!*name)
            fail(sp, "empty $name");
    }
    struct syn_token t = {.type = TOK_KEYWORD, .link_mode = -1};
    if (text[0] == '<') {
        size_t len = strlen(text);
        /* "<lo-hi>": at least five characters, the dash after the first digit of lo. */
        const char *dash = len >= 5 ? strchr(text + 2, '-') : NULL;
        if (len < 5 || text[len - 1] != '>' || !dash ||
            !parse_long(text + 1, (size_t)(dash - text - 1), &t.lo) ||
            !parse_long(dash + 1, (size_t)(text + len - 1 - dash - 1), &t.hi) || t.lo > t.hi)
            fail(sp, "bad range token");
        t.type = TOK_RANGE;
    } else if (!strcmp(text, "WORD")) {
        t.type = TOK_WORD;
    } else if (!strcmp(text, "LINE")) {
        t.type = TOK_LINE;
    } else if (!strcmp(text, "A.B.C.D")) {
        t.type = TOK_IPV4;
    } else if (!strcmp(text, "URL")) {
        t.type = TOK_URL;
    } else if (!strcmp(text, "HOSTNAME")) {
        t.type = TOK_HOST;
    } else if (!strcmp(text, "EXEC")) {
        t.type = TOK_LINK;
        t.link_mode = grammar_mode_id(sp->g, "exec");
        if (t.link_mode < 0)
            fail(sp, "EXEC needs the exec mode");
    } else if (!strcmp(text, "IFNAME")) {
        if (sp->g->niftypes == 0)
            fail(sp, "IFNAME needs iftype declarations");
        for (size_t i = 0; i < sp->g->niftypes; i++) {
            const struct iftype *it = &sp->g->iftypes[i];
            struct syn_seq s = {xmalloc(2 * sizeof *s.tok), 2};
            s.tok[0] = (struct syn_token){.type = TOK_IFTYPE,
                                          .text = xstrdup(it->name),
                                          .name = xstrdup(it->name),
                                          .iftype = it,
                                          .link_mode = -1};
            s.tok[1] = (struct syn_token){.type = TOK_IFNUM,
                                          .text = xstrdup(it->format),
                                          .name = xstrdup(name ? name : "IFNAME"),
                                          .named = name != NULL,
                                          .iftype = it,
                                          .link_mode = -1};
            exp_add(out, s);
        }
        free(text);
        free(name);
        return;
    } else {
        for (const char *c = text; *c; c++)
            if (!isgraph((unsigned char)*c) || isupper((unsigned char)*c))
                fail(sp, "keywords are lower case");
        if (name)
            fail(sp, "a keyword takes no $name");
    }
    t.text = text;
    t.named = name != NULL;
    t.name = name ? name : xstrdup(text);
    struct syn_seq s = {xmalloc(sizeof *s.tok), 1};
    s.tok[0] = t;
    exp_add(out, s);
}

static void parse_alts(struct syn_parser *sp, struct syn_expansion *out, char close);

static bool same_first(const struct syn_token *a, const struct syn_token *b)
{
    return a->type == b->type && !strcasecmp(a->text, b->text);
}

/* Checks one option of an any-order group against the group's rules and the options before it. */
static void check_member(struct syn_parser *sp, const struct syn_group *grp, size_t m)
{
    const struct syn_expansion *e = &grp->members[m];
    for (size_t i = 0; i < e->n && !sp->failed; i++) {
        const struct syn_seq *q = &e->seq[i];
        /* `[[ [x] ] [y]]`: an option given by no word could be given again and again. */
        if (q->n == 0)
            fail(sp, "an option of an any-order group needs a token");
        for (size_t j = 0; j < q->n; j++) {
            if (q->tok[j].type == TOK_GROUP)
                fail(sp, "any-order groups do not nest");
            else if (q->tok[j].type == TOK_LINE || q->tok[j].type == TOK_LINK)
                fail(sp, "LINE and EXEC must be last");
        }
        /* Two options starting alike would leave the line's path to the words after them: the
         * group could no longer tell which option was given. */
        for (size_t o = 0; o < m && !sp->failed; o++)
            for (size_t k = 0; k < grp->members[o].n; k++)
                if (q->n && grp->members[o].seq[k].n &&
                    same_first(&q->tok[0], &grp->members[o].seq[k].tok[0]))
                    fail(sp, "options of an any-order group start alike");
    }
}

/* `[[a] [b ARG] [c|d]]`, after its outer '[': optional members that may come in any order, each
 * at most once, as one TOK_GROUP token. */
static void parse_group(struct syn_parser *sp, struct syn_expansion *out)
{
    struct syn_group *grp = xcalloc(1, sizeof *grp);
    grp->refs = 1;
    grp->members = xcalloc(GROUP_MAX_MEMBERS, sizeof *grp->members);
    for (;;) {
        skip_space(sp);
        if (*sp->p == ']') {
            sp->p++;
            break;
        }
        if (*sp->p != '[') {
            fail(sp, *sp->p ? "an any-order group holds only [options]" : "unbalanced brackets");
            break;
        }
        if (grp->n == GROUP_MAX_MEMBERS) {
            fail(sp, "too many options in an any-order group");
            break;
        }
        sp->p++;
        parse_alts(sp, &grp->members[grp->n++], ']');
        if (sp->failed)
            break;
        check_member(sp, grp, grp->n - 1);
        if (sp->failed)
            break;
    }
    if (!sp->failed && grp->n < 2)
        fail(sp, "an any-order group needs two options or more");
    struct syn_seq s = {xmalloc(sizeof *s.tok), 1};
    s.tok[0] = (struct syn_token){.type = TOK_GROUP,
                                  .text = xstrdup("[[]]"),
                                  .name = xstrdup("[[]]"),
                                  .link_mode = -1,
                                  .group = grp};
    exp_add(out, s);
}

/* Cartesian product: every sequence of acc followed by every sequence of item. */
static void product(struct syn_parser *sp, struct syn_expansion *acc, struct syn_expansion *item)
{
    struct syn_expansion next = {0};
    for (size_t i = 0; i < acc->n; i++)
        for (size_t j = 0; j < item->n; j++) {
            if (next.n >= MAX_EXPANSIONS) {
                fail(sp, "too many alternatives");
                goto done;
            }
            exp_add(&next, seq_concat(&acc->seq[i], &item->seq[j]));
        }
done:
    syntax_expansion_free(acc);
    syntax_expansion_free(item);
    *acc = next;
}

/* A sequence of items up to '|', the close character, or the end. */
static void parse_seq(struct syn_parser *sp, struct syn_expansion *out)
{
    struct syn_expansion acc = {0};
    exp_add(&acc, (struct syn_seq){NULL, 0});
    for (;;) {
        skip_space(sp);
        char c = *sp->p;
        if (c == '\0' || c == '|' || c == ']' || c == '}' || sp->failed)
            break;
        struct syn_expansion item = {0};
        if (c == '[' && sp->p[1] == '[') {
            sp->p++;
            parse_group(sp, &item);
        } else if (c == '[' || c == '{') {
            sp->p++;
            parse_alts(sp, &item, c == '[' ? ']' : '}');
            if (c == '[')
                exp_add(&item, (struct syn_seq){NULL, 0});
        } else {
            const char *start = sp->p;
            while (*sp->p && !isspace((unsigned char)*sp->p) && !is_punct(*sp->p))
                sp->p++;
            char *word = xstrndup(start, (size_t)(sp->p - start));
            expand_token(sp, word, &item);
            free(word);
        }
        product(sp, &acc, &item);
    }
    *out = acc;
}

static void parse_alts(struct syn_parser *sp, struct syn_expansion *out, char close)
{
    for (;;) {
        struct syn_expansion one;
        parse_seq(sp, &one);
        if (one.n == 1 && one.seq[0].n == 0)
            fail(sp, "empty alternative");
        for (size_t i = 0; i < one.n; i++)
            exp_add(out, one.seq[i]);
        free(one.seq);
        if (sp->failed)
            return;
        if (*sp->p == '|') {
            sp->p++;
            continue;
        }
        if (*sp->p == close) {
            sp->p++;
            return;
        }
        fail(sp, close ? "unbalanced brackets" : "unexpected character");
        return;
    }
}

int syntax_expand(const struct grammar *g, const char *syntax, struct syn_expansion *out,
                  struct strbuf *err)
{
    struct syn_parser sp = {.g = g, .p = syntax, .syntax = syntax, .err = err};
    memset(out, 0, sizeof *out);
    parse_seq(&sp, out);
    if (!sp.failed && *sp.p != '\0')
        fail(&sp, *sp.p == '|' ? "| outside brackets" : "unbalanced brackets");
    for (size_t i = 0; !sp.failed && i < out->n; i++) {
        if (out->seq[i].n == 0)
            fail(&sp, "a command needs at least one token");
        for (size_t j = 0; j + 1 < out->seq[i].n; j++)
            if (out->seq[i].tok[j].type == TOK_LINE || out->seq[i].tok[j].type == TOK_LINK)
                fail(&sp, "LINE and EXEC must be last");
    }
    if (sp.failed) {
        syntax_expansion_free(out);
        return -1;
    }
    return 0;
}
