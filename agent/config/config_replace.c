/* configure replace (config_replace.h). Both configurations are compared as running-config
 * renders them, so that a file written by hand compares as what it configures, not as its
 * spelling: the file is first run on an empty store, and its rendering is the target. */
#include "config_replace.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config_lines.h"
#include "config_render.h"
#include "config_store.h"
#include "config_txn.h"
#include "core.h"
#include "xalloc.h"

/* ---- the rendered text as blocks ---- */

/* A top-level line and the indented lines under it. */
struct block {
    char *head;
    char **kids;
    size_t nkids, cap;
};

struct blocks {
    struct block *v;
    size_t n, cap;
    struct block **sorted; /* by head, for the look-ups */
};

static int by_head(const void *x, const void *y)
{
    return strcmp((*(struct block *const *)x)->head, (*(struct block *const *)y)->head);
}

static void blocks_parse(const char *text, struct blocks *b)
{
    memset(b, 0, sizeof *b);
    for (const char *p = text; *p;) {
        size_t len = strcspn(p, "\n");
        char *line = xstrndup(p, len);
        p += len + (p[len] ? 1 : 0);
        bool kid = line[0] == ' ';
        /* `!` separates sections and `end` closes the text: neither is configuration. */
        if ((!kid && (!strcmp(line, "!") || !strcmp(line, "end"))) || !line[0] || (kid && !b->n)) {
            free(line);
            continue;
        }
        if (kid) {
            struct block *k = &b->v[b->n - 1];
            if (k->nkids == k->cap) {
                k->cap = k->cap ? 2 * k->cap : 8;
                k->kids = xrealloc(k->kids, k->cap * sizeof *k->kids);
            }
            k->kids[k->nkids++] = line;
            continue;
        }
        if (b->n == b->cap) {
            b->cap = b->cap ? 2 * b->cap : 32;
            b->v = xrealloc(b->v, b->cap * sizeof *b->v);
        }
        b->v[b->n++] = (struct block){.head = line};
    }
    b->sorted = xcalloc(b->n ? b->n : 1, sizeof *b->sorted);
    for (size_t i = 0; i < b->n; i++)
        b->sorted[i] = &b->v[i];
    qsort(b->sorted, b->n, sizeof *b->sorted, by_head);
}

static void blocks_free(struct blocks *b)
{
    for (size_t i = 0; i < b->n; i++) {
        free(b->v[i].head);
        for (size_t k = 0; k < b->v[i].nkids; k++)
            free(b->v[i].kids[k]);
        free(b->v[i].kids);
    }
    free(b->v);
    free(b->sorted);
}

static const struct block *blocks_find(const struct blocks *b, const char *head)
{
    struct block key = {.head = (char *)head}, *pk = &key;
    struct block **found = bsearch(&pk, b->sorted, b->n, sizeof *b->sorted, by_head);
    return found ? *found : NULL;
}

static bool has_kid(const struct block *b, const char *line)
{
    for (size_t i = 0; b && i < b->nkids; i++)
        if (!strcmp(b->kids[i], line))
            return true;
    return false;
}

/* ---- the lines of a pass ---- */

struct lines {
    char **v;
    size_t n, cap;
};

static void add(struct lines *l, char *line)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 32;
        l->v = xrealloc(l->v, l->cap * sizeof *l->v);
    }
    l->v[l->n++] = line;
}

/* Whether one of lines (count n), its indentation left out, is positive itself or positive
 * followed by arguments: the line a `no` line gives way to. */
static bool sets(char *const *lines, size_t n, const char *positive)
{
    size_t len = strlen(positive);
    for (size_t i = 0; i < n; i++) {
        const char *l = lines[i] + strspn(lines[i], " ");
        if (!strncmp(l, positive, len) && (l[len] == '\0' || l[len] == ' '))
            return true;
    }
    return false;
}

/* What undoes line: its `no` form; for a `no` line (`no logging buffered`), the line without
 * it, unless the target sets that command otherwise (` no ip address` giving way to ` ip address
 * 10.0.0.1 255.0.0.0`, which the additions bring). NULL: nothing to run. target: the lines of the
 * same level in the target (count n). */
static char *negation(const char *line, char *const *target, size_t n)
{
    size_t lead = strspn(line, " ");
    const char *body = line + lead;
    struct strbuf s = STRBUF_INIT;
    if (!strncasecmp(body, "no ", 3)) {
        if (sets(target, n, body + 3))
            return NULL;
        sb_append(&s, line, lead);
        sb_puts(&s, body + 3);
    } else {
        sb_append(&s, line, lead);
        sb_puts(&s, "no ");
        sb_puts(&s, body);
    }
    return sb_detach(&s);
}

static void add_negation(struct lines *out, const char *line, char *const *target, size_t n)
{
    char *neg = negation(line, target, n);
    if (neg)
        add(out, neg);
}

/* The heads of the target's blocks, for the negation of a top-level line. */
static char **heads(const struct blocks *b)
{
    char **h = xcalloc(b->n ? b->n : 1, sizeof *h);
    for (size_t i = 0; i < b->n; i++)
        h[i] = b->v[i].head;
    return h;
}

void config_replace_diff(const char *cur_text, const char *target_text, char ***lines, size_t *n)
{
    struct blocks cur, target;
    blocks_parse(cur_text, &cur);
    blocks_parse(target_text, &target);
    char **target_heads = heads(&target);
    struct lines out = {0};
    /* Removals, from the bottom up. */
    for (size_t i = cur.n; i-- > 0;) {
        const struct block *b = &cur.v[i];
        const struct block *t = blocks_find(&target, b->head);
        if (!t) {
            /* A block goes with its header's `no` form (`no interface Ethernet0/1`). */
            add_negation(&out, b->head, target_heads, target.n);
            continue;
        }
        size_t before = out.n;
        for (size_t k = b->nkids; k-- > 0;)
            if (!has_kid(t, b->kids[k]))
                add_negation(&out, b->kids[k], t->kids, t->nkids);
        if (out.n > before) {
            /* The header goes first, and `exit` after: the next line starts at the top. */
            add(&out, NULL);
            memmove(&out.v[before + 1], &out.v[before], (out.n - 1 - before) * sizeof *out.v);
            out.v[before] = xstrdup(b->head);
            add(&out, xstrdup("exit"));
        }
    }
    /* Additions, in the target's order. */
    for (size_t i = 0; i < target.n; i++) {
        const struct block *t = &target.v[i];
        const struct block *b = blocks_find(&cur, t->head);
        size_t before = out.n;
        for (size_t k = 0; k < t->nkids; k++)
            if (!has_kid(b, t->kids[k]))
                add(&out, xstrdup(t->kids[k]));
        if (!b || out.n > before) {
            add(&out, NULL);
            memmove(&out.v[before + 1], &out.v[before], (out.n - 1 - before) * sizeof *out.v);
            out.v[before] = xstrdup(t->head);
            if (out.n > before + 1)
                add(&out, xstrdup("exit"));
        }
    }
    free(target_heads);
    blocks_free(&cur);
    blocks_free(&target);
    *lines = out.v;
    *n = out.n;
}

static void lines_free(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

/* ---- the file, then the passes ---- */

static bool collect(void *arg, size_t lineno, const char *line)
{
    (void)lineno;
    add(arg, xstrdup(line));
    return true;
}

struct failure {
    bool failed;
    size_t index;
    char *line;
    char *message;
};

static void first_failure(void *arg, size_t index, const char *line, int status,
                          const char *message)
{
    (void)status;
    struct failure *f = arg;
    if (f->failed)
        return;
    f->failed = true;
    f->index = index;
    f->line = xstrdup(line);
    f->message = xstrdup(message);
}

/* Each line that a pass could not apply, for the report when the passes do not settle. */
static void pass_failure(void *arg, size_t index, const char *line, int status, const char *message)
{
    (void)index;
    (void)status;
    struct strbuf *s = arg;
    sb_printf(s, "%s\n%s\n", line + strspn(line, " "), message);
}

struct replace_run {
    struct agent *agent;
    const char *target;
    const char *user, *where;
    int passes;
    struct strbuf failures; /* of the last pass */
};

static int replace_apply(struct config_txn *t, void *arg, bool *keep)
{
    (void)keep;
    struct replace_run *r = arg;
    struct strbuf cur = STRBUF_INIT;
    int rc = 1;
    for (int pass = 0;; pass++) {
        sb_reset(&cur);
        config_render(t->working, &cur);
        if (!strcmp(sb_str(&cur), r->target)) {
            r->passes = pass;
            rc = 0;
            break;
        }
        if (pass == CONFIG_REPLACE_MAX_PASSES)
            break;
        char **lines;
        size_t n;
        config_replace_diff(sb_str(&cur), r->target, &lines, &n);
        sb_reset(&r->failures);
        config_txn_lines(r->agent, t->working, r->user, r->where, lines, n,
                         CONFIG_TXN_GO_ON | CONFIG_TXN_NO_TAIL, pass_failure, &r->failures);
        lines_free(lines, n);
    }
    sb_free(&cur);
    return rc;
}

int config_replace(struct agent *a, const char *text, const char *name, const char *user,
                   const char *where, struct strbuf *err)
{
    /* The target: the file on an empty store, every line of it applied. */
    struct lines file = {0};
    config_text_each_line(text, collect, &file);
    struct config_store *target = config_store_new();
    struct failure f = {0};
    config_txn_lines(a, target, user, where, file.v, file.n, 0, first_failure, &f);
    lines_free(file.v, file.n);
    if (f.failed) {
        sb_printf(err, "%%Error in %s line %zu: %s\n%s\n", name, f.index + 1,
                  f.line + strspn(f.line, " \t"), f.message);
        free(f.line);
        free(f.message);
        config_store_free(target);
        return -1;
    }
    struct strbuf target_text = STRBUF_INIT;
    config_render(target, &target_text);
    config_store_free(target);

    struct replace_run r = {
        .agent = a, .target = sb_str(&target_text), .user = user, .where = where};
    sb_init(&r.failures);
    struct config_txn t;
    config_txn_begin_unsaved(&t, a);
    bool committed;
    int rc = config_txn_run(&t, NULL, replace_apply, &r, &committed);
    if (rc != 0) {
        if (r.failures.len)
            sb_printf(err, "The following lines could not be applied:\n%s", sb_str(&r.failures));
        sb_printf(err, "%%Rollback aborted after %d passes\n", CONFIG_REPLACE_MAX_PASSES);
    }
    sb_free(&r.failures);
    sb_free(&target_text);
    return rc == 0 ? r.passes : -1;
}
