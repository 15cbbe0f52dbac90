/* The data-model tree: built once from the schema tables, walked for every Get/Set/Add/Delete. */
#include "dm.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "dm_util.h"
#include "persist.h"
#include "xalloc.h"
#include "xsd.h"

struct dm_table {
    const struct dm_def *defs;
    const size_t *count;
};

static const struct dm_table tables[] = {
    {dm_device_defs, &dm_device_def_count},   {dm_mgmt_defs, &dm_mgmt_def_count},
    {dm_time_defs, &dm_time_def_count},       {dm_lan_defs, &dm_lan_def_count},
    {dm_lanhost_defs, &dm_lanhost_def_count}, {dm_wan_defs, &dm_wan_def_count},
    {dm_wanconn_defs, &dm_wanconn_def_count}, {dm_l3_defs, &dm_l3_def_count},
    {dm_diag_defs, &dm_diag_def_count},       {dm_diag_tr143_defs, &dm_diag_tr143_def_count},
};

struct dm_key_block {
    struct dm_key_block *next;
    size_t used, size;
    char text[];
};

#define KEY_BLOCK 4096u

static const char *keep_key(struct dm_list *l, const char *key)
{
    size_t len = strlen(key) + 1;
    struct dm_key_block *b = l->keys;
    if (!b || b->size - b->used < len) {
        size_t size = len > KEY_BLOCK ? len : KEY_BLOCK;
        b = xmalloc(sizeof *b + size);
        b->used = 0;
        b->size = size;
        b->next = l->keys;
        l->keys = b;
    }
    char *copy = b->text + b->used;
    memcpy(copy, key, len);
    b->used += len;
    return copy;
}

void dm_list_add(struct dm_list *l, const char *key, void *obj)
{
    l->v = xgrow(l->v, &l->cap, l->n + 1, sizeof *l->v);
    l->v[l->n].key = keep_key(l, key);
    l->v[l->n].obj = obj;
    l->v[l->n].num = 0;
    l->n++;
}

void dm_list_free(struct dm_list *l)
{
    for (struct dm_key_block *b = l->keys, *next; b; b = next) {
        next = b->next;
        free(b);
    }
    free(l->v);
    memset(l, 0, sizeof *l);
}

#define FIXED_GETTER(fn, text)                                                                     \
    int fn(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)                         \
    {                                                                                              \
        (void)c;                                                                                   \
        (void)in;                                                                                  \
        sb_puts(out, text);                                                                        \
        return 0;                                                                                  \
    }
FIXED_GETTER(dm_get_empty, "")
FIXED_GETTER(dm_get_zero, "0")
FIXED_GETTER(dm_get_one, "1")
FIXED_GETTER(dm_get_true, "true")
FIXED_GETTER(dm_get_false, "false")

int dm_set_only_true(struct dm_ctx *c, const struct dm_inst *in, const char *value)
{
    (void)c;
    (void)in;
    return value[0] == '1' || value[0] == 't' ? 0 : 9007;
}

int dm_set_only_false(struct dm_ctx *c, const struct dm_inst *in, const char *value)
{
    (void)c;
    (void)in;
    return value[0] == '0' || value[0] == 'f' ? 0 : 9007;
}

int dm_set_only_zero(struct dm_ctx *c, const struct dm_inst *in, const char *value)
{
    (void)c;
    (void)in;
    return strtoul(value, NULL, 10) == 0 ? 0 : 9007;
}

const char *dm_xsd_type(enum dm_type t)
{
    switch (t) {
    case DMT_STRING:
        return "xsd:string";
    case DMT_INT:
        return "xsd:int";
    case DMT_UINT:
        return "xsd:unsignedInt";
    case DMT_BOOL:
        return "xsd:boolean";
    case DMT_DATETIME:
        return "xsd:dateTime";
    case DMT_BASE64:
        return "xsd:base64Binary";
    case DMT_ULONG:
        return "xsd:unsignedLong";
    case DMT_OBJECT:
        break;
    }
    return "xsd:string";
}

static struct dm_node *node_new(const char *name, struct dm_node *parent)
{
    struct dm_node *n = xcalloc(1, sizeof *n);
    n->name = xstrdup(name);
    n->name_len = strlen(name);
    n->parent = parent;
    return n;
}

static void node_free(struct dm_node *n)
{
    for (size_t i = 0; i < n->nkids; i++)
        node_free(n->kids[i]);
    free(n->kids);
    free(n->name);
    free(n->pattern);
    free(n);
}

static struct dm_node *kid(struct dm_node *n, const char *name, size_t len)
{
    for (size_t i = 0; i < n->nkids; i++)
        if (n->kids[i]->name_len == len && !memcmp(n->kids[i]->name, name, len))
            return n->kids[i];
    return NULL;
}

static bool is_object(const struct dm_node *n)
{
    return n->def && n->def->type == DMT_OBJECT;
}

/* An optional single object (and so its subtree) is absent where its condition fails. */
static bool absent(struct dm_ctx *c, const struct dm_node *n, const struct dm_inst *in)
{
    return n->def && n->def->present && !n->def->present(c, in);
}

/* Adds one definition's node, creating the path's intermediate nodes (which must be defined by
 * their own entries, checked afterwards). */
static int add_def(struct dm *d, const struct dm_def *def, struct strbuf *err)
{
    const char *p = def->path;
    if (strncmp(p, DM_ROOT, strlen(DM_ROOT)) != 0) {
        sb_printf(err, "%s: not below %s\n", p, DM_ROOT);
        return -1;
    }
    bool object = p[strlen(p) - 1] == '.';
    if (object != (def->type == DMT_OBJECT)) {
        sb_printf(err, "%s: objects and only objects end with a dot\n", p);
        return -1;
    }
    struct dm_node *n = d->root;
    p += strlen(DM_ROOT);
    while (*p) {
        size_t len = strcspn(p, ".");
        if (len == 0) {
            sb_printf(err, "%s: empty segment\n", def->path);
            return -1;
        }
        struct dm_node *k = kid(n, p, len);
        if (!k) {
            char *name = xstrndup(p, len);
            k = node_new(name, n);
            free(name);
            n->kids = xgrow(n->kids, &n->capkids, n->nkids + 1, sizeof *n->kids);
            n->kids[n->nkids++] = k;
            size_t plen = (size_t)(p - def->path) + len + (p[len] == '.' ? 1 : 0);
            k->pattern = xstrndup(def->path, plen);
            if (!strcmp(k->name, "{i}"))
                n->instance = k;
        }
        n = k;
        p += len;
        if (*p == '.')
            p++;
    }
    if (n->def && n != d->root) {
        sb_printf(err, "%s: defined twice\n", def->path);
        return -1;
    }
    n->def = def;
    return 0;
}

static int check_node(const struct dm_node *n, struct strbuf *err)
{
    int rc = 0;
    if (!n->def) {
        sb_printf(err, "%s: no definition\n", n->pattern ? n->pattern : n->name);
        return -1;
    }
    if (n->instance && (!n->def->list || n->nkids != 1)) {
        sb_printf(err, "%s: a table needs a list function and only {i} below it\n", n->pattern);
        rc = -1;
    }
    if (!is_object(n) && !n->def->get) {
        sb_printf(err, "%s: a parameter needs a get function\n", n->pattern);
        rc = -1;
    }
    if (n->def->present && (!is_object(n) || n->instance || !strcmp(n->name, "{i}"))) {
        sb_printf(err, "%s: only a single object may be optional\n", n->pattern);
        rc = -1;
    }
    if (n->def->forced_if && is_object(n)) {
        sb_printf(err, "%s: only parameters are forced inform\n", n->pattern);
        rc = -1;
    }
    if (!is_object(n) && (n->def->flags & DMF_WRITABLE) && !n->def->set) {
        sb_printf(err, "%s: writable without a set function\n", n->pattern);
        rc = -1;
    }
    for (size_t i = 0; i < n->nkids; i++)
        if (check_node(n->kids[i], err) < 0)
            rc = -1;
    return rc;
}

static unsigned mark(struct dm_node *n)
{
    const struct dm_def *def = n->def;
    n->self = 0;
    if (def && def->type != DMT_OBJECT) {
        if ((def->flags & DMF_FORCED) || def->forced_if)
            n->self |= DM_MARK_FORCED;
        if (def->notify > 0)
            n->self |= DM_MARK_NOTIFY;
    }
    n->below = n->self;
    for (size_t i = 0; i < n->nkids; i++)
        n->below |= mark(n->kids[i]);
    return n->below;
}

/* Numbers the nodes in the order a walk meets them, so that a walk's results, recorded by node,
 * take one byte or two each. */
static void number_nodes(struct dm *d, struct dm_node *n, unsigned depth)
{
    n->index = (unsigned)d->nnodes;
    n->depth = depth;
    n->pattern_len = strlen(n->pattern);
    d->nodes = xgrow(d->nodes, &d->capnodes, d->nnodes + 1, sizeof *d->nodes);
    d->nodes[d->nnodes++] = n;
    for (size_t i = 0; i < n->nkids; i++)
        number_nodes(d, n->kids[i], depth + (n->kids[i] == n->instance ? 1u : 0u));
}

static const struct dm_def root_def = {
    .path = DM_ROOT,
    .type = DMT_OBJECT,
    .source = "the device",
};

struct dm *dm_new(struct strbuf *err)
{
    struct dm *d = xcalloc(1, sizeof *d);
    d->root = node_new("InternetGatewayDevice", NULL);
    d->root->pattern = xstrdup(DM_ROOT);
    d->root->def = &root_def;
    int rc = 0;
    for (size_t t = 0; t < sizeof tables / sizeof tables[0]; t++)
        for (size_t i = 0; i < *tables[t].count; i++)
            if (add_def(d, &tables[t].defs[i], err) < 0)
                rc = -1;
    if (rc == 0)
        rc = check_node(d->root, err);
    if (rc == 0) {
        mark(d->root);
        number_nodes(d, d->root, 0);
    }
    if (rc < 0) {
        dm_free(d);
        return NULL;
    }
    return d;
}

void dm_free(struct dm *d)
{
    if (!d)
        return;
    node_free(d->root);
    free(d->nodes);
    free(d);
}

void dm_node_path(const struct dm_node *n, const unsigned *num, struct strbuf *out)
{
    const char *p = n->pattern, *end = p + n->pattern_len;
    unsigned level = 0;
    while (p < end) {
        const char *brace = memchr(p, '{', (size_t)(end - p));
        if (!brace) {
            sb_append(out, p, (size_t)(end - p));
            break;
        }
        sb_append(out, p, (size_t)(brace - p));
        sb_putu(out, level < n->depth ? num[level] : 0u);
        level++;
        p = brace + 3;
    }
}

static size_t digits_of(unsigned v)
{
    size_t k = 1;
    while (v >= 10) {
        v /= 10;
        k++;
    }
    return k;
}

size_t dm_node_path_len(const struct dm_node *n, const unsigned *num)
{
    size_t len = n->pattern_len - 3u * n->depth;
    for (unsigned i = 0; i < n->depth; i++)
        len += digits_of(num[i]);
    return len;
}

void dm_table_path(const struct dm_node *table, const struct dm_inst *in, struct strbuf *out)
{
    dm_pattern_path(table->pattern, in, out);
}

void dm_pattern_path(const char *pattern, const struct dm_inst *in, struct strbuf *out)
{
    const char *p = pattern;
    int level = 0;
    for (;;) {
        const char *brace = strstr(p, "{i}");
        if (!brace) {
            sb_puts(out, p);
            return;
        }
        sb_append(out, p, (size_t)(brace - p));
        sb_putu(out, level < in->depth ? in->num[level] : 0);
        level++;
        p = brace + 3;
    }
}

/* Lists a table's instances in number order (each entry's num), giving new entities their
 * numbers and letting the registry forget entities that are gone. */
static int by_num(const void *a, const void *b)
{
    const struct dm_entry *x = a, *y = b;
    return x->num < y->num ? -1 : x->num > y->num;
}

static void list_instances(struct dm_ctx *c, const struct dm_node *table, const struct dm_inst *in,
                           const char *tpath, struct dm_list *l)
{
    memset(l, 0, sizeof *l);
    table->def->list(c, in, l);
    if (table->def->flags & DMF_POSITIONAL) {
        for (size_t i = 0; i < l->n; i++)
            l->v[i].num = (unsigned)i + 1;
        return;
    }
    for (size_t i = 0; i < l->n; i++)
        l->v[i].num = cwmp_instance_number(c->state, tpath, l->v[i].key);
    struct cwmp_table *t = cwmp_table_get(c->state, tpath);
    /* Only the running configuration shows what is gone: a working copy (SetParameterValues,
     * AddObject) may yet be thrown away, and the entity its change removed come back. The
     * registry holds more keys than the list only when something is gone: only then is the list
     * looked at by key. */
    bool authoritative = !c->agent || c->store == c->agent->running;
    if (authoritative && strmap_count(&t->by_key) > l->n) {
        struct strmap present = STRMAP_INIT;
        for (size_t i = 0; i < l->n; i++)
            strmap_put(&present, l->v[i].key, l);
        size_t pos = 0;
        const char *k;
        void *val;
        struct dm_list gone = {0};
        while (strmap_next(&t->by_key, &pos, &k, &val))
            if (!strmap_get(&present, k))
                dm_list_add(&gone, k, NULL);
        for (size_t i = 0; i < gone.n; i++)
            strmap_del(&t->by_key, gone.v[i].key);
        dm_list_free(&gone);
        strmap_free(&present);
    }
    /* Lists mostly come in number order already (entities are numbered as they appear). */
    bool sorted = true;
    for (size_t i = 1; i < l->n && sorted; i++)
        sorted = l->v[i - 1].num < l->v[i].num;
    if (!sorted)
        qsort(l->v, l->n, sizeof *l->v, by_num);
}

/* A table's instances under given parents, listed once for a request (in number order). */
struct listing {
    struct dm_list list;
};

/* The listings used last, by table node: names come in tree order (GenieACS sends them as its
 * GetParameterNames gave them), so the next name's tables are mostly those of the one before,
 * found without making and hashing their path. */
#define MEMO_RECENT 16
struct recent {
    const struct dm_node *table;
    unsigned depth;
    unsigned num[DM_MAX_DEPTH];
    const struct listing *ls;
};

/* Where a lookup stood after an object of its path: the next lookup of a name sharing that
 * much of the path starts there (the names of a request mostly differ in their last part). */
struct lookup_step {
    size_t off; /* the path's length up to and including the object's dot */
    const struct dm_node *n;
    struct dm_inst in;
};
#define MAX_STEPS (DM_PATH_MAX / 2)

struct dm_memo {
    struct strmap tables; /* the table's path with its numbers -> struct listing */
    struct strmap data;   /* dm_memo_datum's blocks */
    struct recent recent[MEMO_RECENT];
    char last[DM_PATH_MAX + 1]; /* the last lookup's path, and its steps */
    struct lookup_step steps[MAX_STEPS];
    int nsteps;
};

static struct dm_memo *memo_new(void)
{
    struct dm_memo *m = xcalloc(1, sizeof *m);
    return m;
}

static void memo_clear(struct dm_memo *m)
{
    size_t pos = 0;
    const char *k;
    void *v;
    while (strmap_next(&m->tables, &pos, &k, &v)) {
        struct listing *ls = v;
        dm_list_free(&ls->list);
        free(ls);
    }
    strmap_free(&m->tables);
    pos = 0;
    while (strmap_next(&m->data, &pos, &k, &v))
        free(v);
    strmap_free(&m->data);
    memset(m->recent, 0, sizeof m->recent);
    m->last[0] = '\0';
    m->nsteps = 0;
}

static void memo_free(struct dm_memo *m)
{
    if (!m)
        return;
    memo_clear(m);
    free(m);
}

struct dm_memo *dm_memo_new(void)
{
    return memo_new();
}

void dm_memo_free(struct dm_memo *m)
{
    memo_free(m);
}

void dm_memo_clear(struct dm_memo *m)
{
    if (m)
        memo_clear(m);
}

void dm_memo_forget_live(struct dm_memo *m)
{
    if (!m)
        return;
    size_t pos = 0;
    const char *k;
    void *v;
    while (strmap_next(&m->data, &pos, &k, &v))
        free(v);
    strmap_free(&m->data);
}

void dm_memo_begin(struct dm_ctx *c)
{
    if (!c->memo)
        c->memo = memo_new();
}

void dm_memo_forget(struct dm_ctx *c)
{
    if (c->memo)
        memo_clear(c->memo);
}

void dm_memo_end(struct dm_ctx *c)
{
    memo_free(c->memo);
    c->memo = NULL;
}

void *dm_memo_datum(struct dm_ctx *c, const char *key, size_t size, bool *fresh)
{
    *fresh = false;
    if (!c->memo)
        return NULL;
    void *block = strmap_get(&c->memo->data, key);
    if (!block) {
        block = xcalloc(1, size);
        strmap_put(&c->memo->data, key, block);
        *fresh = true;
    }
    return block;
}

static const struct listing *memo_listing(struct dm_ctx *c, struct dm_memo *m,
                                          const struct dm_node *table, const struct dm_inst *in)
{
    struct recent *r = &m->recent[table->index % MEMO_RECENT];
    if (r->table == table && r->depth == (unsigned)in->depth &&
        !memcmp(r->num, in->num, sizeof r->num[0] * (size_t)in->depth))
        return r->ls;
    struct strbuf tpath = STRBUF_INIT;
    dm_table_path(table, in, &tpath);
    struct listing *ls = strmap_get(&m->tables, sb_str(&tpath));
    if (!ls) {
        ls = xcalloc(1, sizeof *ls);
        list_instances(c, table, in, sb_str(&tpath), &ls->list);
        strmap_put(&m->tables, sb_str(&tpath), ls);
    }
    sb_free(&tpath);
    r->table = table;
    r->depth = (unsigned)in->depth;
    memcpy(r->num, in->num, sizeof r->num[0] * (size_t)in->depth);
    r->ls = ls;
    return ls;
}

/* The position of instance number num in a listing, or its count when there is none. */
static size_t find_number(const struct listing *ls, unsigned long num)
{
    size_t lo = 0, hi = ls->list.n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ls->list.v[mid].num < num)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < ls->list.n && ls->list.v[lo].num == num ? lo : ls->list.n;
}

struct walker {
    struct dm_ctx *c;
    dm_visit_fn visit;
    void *arg;
    bool objects;
    unsigned marks; /* 0: everything */
    struct strbuf path;
};

static int visit(struct walker *w, const struct dm_node *n, const struct dm_inst *in)
{
    if (is_object(n) && !w->objects)
        return 0;
    if (w->marks && !(n->self & w->marks))
        return 0;
    struct dm_item it = {.node = n, .inst = *in, .path = sb_str(&w->path)};
    return w->visit(w->arg, w->c, &it);
}

static int walk(struct walker *w, const struct dm_node *n, const struct dm_inst *in, bool self,
                bool recurse);

/* Each instance of a table: "X.3." and, when recursing, everything below it. */
static int walk_instances(struct walker *w, const struct dm_node *table, const struct dm_inst *in,
                          bool recurse)
{
    if (in->depth >= DM_MAX_DEPTH)
        return 0;
    struct dm_list l;
    struct strbuf tpath = STRBUF_INIT;
    dm_table_path(table, in, &tpath);
    list_instances(w->c, table, in, sb_str(&tpath), &l);
    sb_free(&tpath);
    size_t base = w->path.len;
    int rc = 0;
    for (size_t i = 0; i < l.n && rc == 0; i++) {
        struct dm_inst sub = *in;
        sub.num[sub.depth] = l.v[i].num;
        sub.key[sub.depth] = l.v[i].key;
        sub.obj[sub.depth] = l.v[i].obj;
        sub.depth++;
        sb_putu(&w->path, l.v[i].num);
        sb_putc(&w->path, '.');
        rc = walk(w, table->instance, &sub, true, recurse);
        sb_truncate(&w->path, base);
    }
    dm_list_free(&l);
    return rc;
}

/* Visits node n (when self) and, when recurse, everything below; otherwise its children only. */
static int walk(struct walker *w, const struct dm_node *n, const struct dm_inst *in, bool self,
                bool recurse)
{
    if (w->marks && !(n->below & w->marks))
        return 0;
    int rc = self ? visit(w, n, in) : 0;
    if (rc || !is_object(n))
        return rc;
    if (self && !recurse)
        return 0;
    if (n->instance)
        return walk_instances(w, n, in, recurse);
    size_t base = w->path.len;
    for (size_t i = 0; i < n->nkids && rc == 0; i++) {
        const struct dm_node *k = n->kids[i];
        if (absent(w->c, k, in))
            continue;
        sb_puts(&w->path, k->name);
        if (is_object(k))
            sb_putc(&w->path, '.');
        rc = walk(w, k, in, true, recurse || !self ? recurse : false);
        sb_truncate(&w->path, base);
    }
    return rc;
}

static bool all_digits(const char *s, size_t len)
{
    if (len == 0 || len > 10 || (len > 1 && s[0] == '0'))
        return false;
    for (size_t i = 0; i < len; i++)
        if (!isdigit((unsigned char)s[i]))
            return false;
    return true;
}

int dm_lookup(struct dm *d, struct dm_ctx *c, const char *path, struct dm_lookup *l)
{
    memset(l, 0, sizeof *l);
    size_t plen = strlen(path);
    if (plen > DM_PATH_MAX || strncmp(path, DM_ROOT, strlen(DM_ROOT)) != 0)
        return 9005;
    memcpy(l->path, path, plen + 1);
    struct dm_memo *memo = c->memo;
    const struct dm_node *n = d->root;
    struct dm_inst in = {0};
    const char *p = path + strlen(DM_ROOT);
    int step = 0; /* the steps of memo that hold for this path */
    if (memo) {
        size_t same = 0;
        while (memo->last[same] && memo->last[same] == path[same])
            same++;
        while (step < memo->nsteps && memo->steps[step].off <= same)
            step++;
        if (step > 0) {
            const struct lookup_step *st = &memo->steps[step - 1];
            n = st->n;
            in = st->in;
            p = path + st->off;
        }
        memcpy(memo->last, path, plen + 1);
        memo->nsteps = step;
    }
    while (*p) {
        size_t len = strcspn(p, ".");
        bool dot = p[len] == '.';
        if (len == 0 || !is_object(n))
            goto none;
        if (n->instance) {
            if (!all_digits(p, len) || in.depth >= DM_MAX_DEPTH)
                goto none;
            unsigned long want = strtoul(p, NULL, 10);
            /* Without the request's memo, the lookup keeps its own lists until released. */
            if (!memo)
                memo = l->own = memo_new();
            const struct listing *ls = memo_listing(c, memo, n, &in);
            size_t at = find_number(ls, want);
            if (at == ls->list.n)
                goto none;
            const struct dm_entry *e = &ls->list.v[at];
            in.num[in.depth] = (unsigned)want;
            in.key[in.depth] = e->key;
            in.obj[in.depth] = e->obj;
            in.depth++;
            n = n->instance;
        } else {
            const struct dm_node *k = kid((struct dm_node *)n, p, len);
            if (!k || !strcmp(k->name, "{i}") || absent(c, k, &in))
                goto none;
            n = k;
        }
        if (dot != is_object(n))
            goto none;
        p += len + (dot ? 1 : 0);
        if (memo && dot && memo->nsteps < MAX_STEPS) {
            struct lookup_step *st = &memo->steps[memo->nsteps++];
            st->off = (size_t)(p - path);
            st->n = n;
            st->in = in;
        }
    }
    l->it.node = n;
    l->it.inst = in;
    l->it.path = l->path;
    return 0;
none:
    dm_lookup_release(l);
    return 9005;
}

void dm_lookup_release(struct dm_lookup *l)
{
    memo_free(l->own);
    l->own = NULL;
}

int dm_walk(struct dm *d, struct dm_ctx *c, const char *path, bool next_level, bool objects,
            dm_visit_fn visit_fn, void *arg)
{
    struct walker w = {.c = c, .visit = visit_fn, .arg = arg, .objects = objects};
    int rc;
    if (!*path) {
        /* The empty path: the root object, and with NextLevel=false everything below it. */
        sb_puts(&w.path, DM_ROOT);
        struct dm_inst none = {0};
        rc = walk(&w, d->root, &none, true, !next_level);
        sb_free(&w.path);
        return rc;
    }
    struct dm_lookup l;
    rc = dm_lookup(d, c, path, &l);
    if (rc)
        return rc;
    sb_puts(&w.path, path);
    if (next_level && is_object(l.it.node))
        rc = walk(&w, l.it.node, &l.it.inst, false, false);
    else
        rc = walk(&w, l.it.node, &l.it.inst, true, true);
    dm_lookup_release(&l);
    sb_free(&w.path);
    return rc;
}

bool dm_forced_inform(struct dm_ctx *c, const struct dm_item *it)
{
    const struct dm_def *def = it->node->def;
    if (def->type == DMT_OBJECT)
        return false;
    if (def->flags & DMF_FORCED)
        return true;
    return def->forced_if && def->forced_if(c, &it->inst);
}

int dm_walk_marked(struct dm *d, struct dm_ctx *c, unsigned marks, dm_visit_fn visit_fn, void *arg)
{
    struct walker w = {.c = c, .visit = visit_fn, .arg = arg, .marks = marks};
    sb_puts(&w.path, DM_ROOT);
    struct dm_inst none = {0};
    int rc = walk(&w, d->root, &none, true, true);
    sb_free(&w.path);
    return rc;
}

int dm_value(struct dm_ctx *c, const struct dm_item *it, struct strbuf *out)
{
    const struct dm_def *def = it->node->def;
    if (def->flags & DMF_HIDDEN)
        return 0;
    return def->get(c, &it->inst, out);
}

int dm_check_value(const struct dm_def *def, const char *value)
{
    long long lo = def->min, hi = def->max;
    switch (def->type) {
    case DMT_STRING:
        if (def->max > 0 && (long long)strlen(value) > def->max)
            return 9007;
        if (def->values) {
            for (const char *const *v = def->values; *v; v++)
                if (!strcmp(*v, value))
                    return 0;
            return 9007;
        }
        return 0;
    case DMT_BOOL: {
        bool b;
        return xsd_parse_bool(value, &b) ? 0 : 9007;
    }
    case DMT_UINT:
    case DMT_ULONG: {
        unsigned long v;
        unsigned long max = def->type == DMT_UINT ? 4294967295ul : (unsigned long)-1;
        if (!xsd_parse_uint(value, max, &v))
            return 9007;
        if (lo == 0 && hi == 0)
            return 0;
        return (long long)v >= lo && (long long)v <= hi ? 0 : 9007;
    }
    case DMT_INT: {
        long v;
        /* xsd:int is 32 bits: out of range when it does not survive the trip through int32_t
         * (a comparison with the bounds is always false where long is 32 bits, and warned). */
        if (!xsd_parse_int(value, &v) || v != (long)(int32_t)v)
            return 9007;
        if (lo == 0 && hi == 0)
            return 0;
        return v >= lo && v <= hi ? 0 : 9007;
    }
    case DMT_DATETIME: {
        long long t;
        return xsd_parse_datetime(value, &t) ? 0 : 9007;
    }
    case DMT_BASE64:
        for (const char *p = value; *p; p++)
            if (!isalnum((unsigned char)*p) && *p != '+' && *p != '/' && *p != '=')
                return 9007;
        return 0;
    case DMT_OBJECT:
        break;
    }
    return 9007;
}
