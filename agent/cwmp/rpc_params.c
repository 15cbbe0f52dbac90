/* GetParameterValues, GetParameterNames, SetParameterValues, Get/SetParameterAttributes. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "configuration.h"
#include "core.h"
#include "dm.h"
#include "persist.h"
#include "rpc.h"
#include "rpc_results.h"
#include "xalloc.h"

#define XSI_NS "http://www.w3.org/2001/XMLSchema-instance"

/* Each name of a request's ParameterNames (at most DM_PATH_MAX characters), as the parser kept
 * them (soap.h). */
typedef int (*name_fn)(struct rpc_call *c, struct dm_ctx *ctx, const char *name, void *arg);

static int each_name(struct rpc_call *c, struct dm_ctx *ctx, name_fn fn, void *arg)
{
    const struct soap_msg *m = c->req;
    if (m->names_count > RPC_MAX_NAMES)
        return 9004;
    const char *name = m->names.buf;
    for (size_t i = 0; i < m->names_count; i++) {
        size_t len = strlen(name);
        int rc = len > DM_PATH_MAX ? 9003 : fn(c, ctx, name, arg);
        if (rc)
            return rc;
        name += len + 1;
    }
    return 0;
}

/* ---- GetParameterValues ---- */

/* What a read collects into, from every name of its request. */
struct get_walk {
    struct results *r;
    struct strbuf value; /* the value being read */
};

static int collect_value(void *arg, struct dm_ctx *ctx, const struct dm_item *it)
{
    struct get_walk *g = arg;
    sb_reset(&g->value);
    int rc = dm_value(ctx, it, &g->value);
    if (rc == 0)
        results_add(g->r, it, g->value.buf ? g->value.buf : "", g->value.len, 0);
    return rc;
}

/* Visits the parameter a name gives, or every parameter below a partial path ("" for all). */
static int parameters_of(struct rpc_call *c, struct dm_ctx *ctx, const char *name,
                         dm_visit_fn visit, void *arg)
{
    size_t len = strlen(name);
    if (len == 0 || name[len - 1] == '.')
        return dm_walk(c->agent->dm, ctx, name, false, false, visit, arg);
    struct dm_lookup l;
    int rc = dm_lookup(c->agent->dm, ctx, name, &l);
    if (rc)
        return rc;
    rc = visit(arg, ctx, &l.it);
    dm_lookup_release(&l);
    return rc;
}

/* GetParameterValues and GetParameterAttributes: what each name of ParameterNames gives (a
 * parameter, or every one below a partial path) is recorded first, so that a bad name anywhere is
 * the request's one fault; the ParameterList is then written from the records as it is sent. */
struct get_method {
    const char *response;   /* the response's element */
    const char *array_type; /* its ParameterList's */
    enum results_kind kind;
    dm_visit_fn collect; /* arg: the struct get_walk */
};

struct get_names {
    const struct get_method *m;
    struct get_walk g;
};

static int collect_of(struct rpc_call *c, struct dm_ctx *ctx, const char *name, void *arg)
{
    struct get_names *gn = arg;
    return parameters_of(c, ctx, name, gn->m->collect, &gn->g);
}

static int get_parameters(struct rpc_call *c, const struct get_method *m)
{
    if (!c->req->names_read)
        return 9003; /* no ParameterNames */
    struct dm_ctx ctx;
    rpc_ctx(c, &ctx);
    /* A request's names are resolved against tables listed once (for the session, when it keeps
     * a memo), and live values are read once. */
    ctx.memo = c->memo;
    if (!ctx.memo)
        dm_memo_begin(&ctx);
    struct get_names gn = {.m = m, .g = {.r = results_new(c->agent->dm, m->kind)}};
    int rc = each_name(c, &ctx, collect_of, &gn);
    if (c->memo)
        dm_memo_forget_live(c->memo);
    else
        dm_memo_end(&ctx);
    sb_free(&gn.g.value);
    if (rc == 0) {
        size_t n = results_count(gn.g.r);
        soap_start(c->w, m->response);
        soap_start_array(c->w, "ParameterList", m->array_type, n);
        soap_stream(c->w, &results_stream, gn.g.r, results_xml_len(gn.g.r));
        gn.g.r = NULL; /* the writer's now */
        soap_end(c->w);
        soap_end(c->w);
        snprintf(c->summary, sizeof c->summary, "%zu parameters", n);
    }
    results_free(gn.g.r);
    return rc;
}

int rpc_get_parameter_values(struct rpc_call *c)
{
    static const struct get_method m = {
        .response = "cwmp:GetParameterValuesResponse",
        .array_type = "cwmp:ParameterValueStruct",
        .kind = RESULTS_VALUES,
        .collect = collect_value,
    };
    return get_parameters(c, &m);
}

/* ---- GetParameterNames ---- */

/* An object is writable when instances can be added to it (a table) or it can be deleted. */
static bool writable(const struct dm_item *it)
{
    const struct dm_def *def = it->node->def;
    if (def->type != DMT_OBJECT)
        return def->flags & DMF_WRITABLE;
    if (def->list)
        return def->add != NULL;
    const struct dm_node *parent = it->node->parent;
    return parent && parent->instance == it->node && parent->def->del != NULL;
}

static int collect_name(void *arg, struct dm_ctx *ctx, const struct dm_item *it)
{
    (void)ctx;
    results_add(arg, it, NULL, 0, writable(it) ? 1u : 0u);
    return 0;
}

int rpc_get_parameter_names(struct rpc_call *c)
{
    int fault = 0;
    char *path = rpc_arg(c, c->req->body, "ParameterPath", DM_PATH_MAX, &fault);
    char *next = path ? rpc_arg(c, c->req->body, "NextLevel", 8, &fault) : NULL;
    bool next_level = false;
    if (next && !xsd_parse_bool(next, &next_level))
        fault = 9003;
    size_t len = path ? strlen(path) : 0;
    /* NextLevel asks for an object's children: a parameter has none. */
    if (!fault && next_level && len > 0 && path[len - 1] != '.') {
        struct dm_ctx ctx;
        rpc_ctx(c, &ctx);
        struct dm_lookup l;
        fault = dm_lookup(c->agent->dm, &ctx, path, &l);
        if (!fault) {
            dm_lookup_release(&l);
            fault = 9003;
        }
    }
    struct results *r = results_new(c->agent->dm, RESULTS_NAMES);
    if (!fault) {
        struct dm_ctx ctx;
        rpc_ctx(c, &ctx);
        fault = dm_walk(c->agent->dm, &ctx, path, next_level, true, collect_name, r);
    }
    if (!fault) {
        size_t n = results_count(r);
        soap_start(c->w, "cwmp:GetParameterNamesResponse");
        soap_start_array(c->w, "ParameterList", "cwmp:ParameterInfoStruct", n);
        soap_stream(c->w, &results_stream, r, results_xml_len(r));
        r = NULL; /* the writer's now */
        soap_end(c->w);
        soap_end(c->w);
        snprintf(c->summary, sizeof c->summary, "%zu names below \"%s\"", n, path);
    }
    results_free(r);
    free(path);
    free(next);
    return fault;
}

/* ---- SetParameterValues ---- */

struct spv_fault {
    char *name;
    int code;
};
struct spv_faults {
    struct spv_fault *v;
    size_t n, cap;
};

static void spv_fault_add(struct spv_faults *f, const char *name, int code)
{
    f->v = xgrow(f->v, &f->cap, f->n + 1, sizeof *f->v);
    f->v[f->n].name = xstrdup(name);
    f->v[f->n].code = code;
    f->n++;
}

static void write_spv_faults(struct soap_writer *w, void *arg)
{
    const struct spv_faults *f = arg;
    for (size_t i = 0; i < f->n; i++) {
        soap_start(w, "SetParameterValuesFault");
        soap_elem(w, "ParameterName", f->v[i].name);
        soap_elemf(w, "FaultCode", "%d", f->v[i].code);
        soap_elem(w, "FaultString", cwmp_fault_text(f->v[i].code));
        soap_end(w);
    }
}

static void free_spv_faults(void *arg)
{
    struct spv_faults *f = arg;
    for (size_t i = 0; i < f->n; i++)
        free(f->v[i].name);
    free(f->v);
    free(f);
}

/* Whether text is written as a value of type t, in its range or not (the range is 9007's). */
static bool written_as(enum dm_type t, const char *text)
{
    switch (t) {
    case DMT_INT:
    case DMT_UINT:
    case DMT_ULONG: {
        /* A sign too: -1 is a number, out of an unsignedInt's range. */
        const char *p = *text == '-' || *text == '+' ? text + 1 : text;
        if (!*p)
            return false;
        for (; *p; p++)
            if (!isdigit((unsigned char)*p))
                return false;
        return true;
    }
    case DMT_BOOL: {
        bool b;
        return xsd_parse_bool(text, &b);
    }
    case DMT_DATETIME: {
        long long e;
        return xsd_parse_datetime(text, &e);
    }
    default:
        return false;
    }
}

/* The xsi:type an ACS gave a value, compared without its prefix ("xsd:" or another): 0 when it is
 * the parameter's type, or none, else 9006. ACS UIs and GenieACS send xsd:string (or xsd:int)
 * for a parameter whose type they have not read: for a number, a boolean or a dateTime given as
 * another scalar type, the text decides, and 9006 is only for a text that cannot be a value of
 * the parameter's type (cwmpd(8)). */
static int type_check(xmlNodePtr value, enum dm_type t, const char *text)
{
    static const char *const scalars[] = {"string",       "int",     "unsignedInt", "long",
                                          "unsignedLong", "boolean", "dateTime"};
    xmlChar *given = xmlGetNsProp(value, BAD_CAST "type", BAD_CAST XSI_NS);
    if (!given)
        return 0;
    const char *local = strchr((const char *)given, ':');
    local = local ? local + 1 : (const char *)given;
    const char *want = strchr(dm_xsd_type(t), ':') + 1;
    int rc = 0;
    if (strcmp(local, want) != 0) {
        bool scalar = false;
        for (size_t i = 0; i < sizeof scalars / sizeof scalars[0]; i++)
            scalar |= !strcmp(local, scalars[i]);
        bool lenient =
            t == DMT_INT || t == DMT_UINT || t == DMT_ULONG || t == DMT_BOOL || t == DMT_DATETIME;
        rc = scalar && lenient && written_as(t, text) ? 0 : 9006;
    }
    xmlFree(given);
    return rc;
}

/* Sets one parameter on the working copy; returns its fault code, 0 when it applied (with
 * *verify set when it is to be checked again once the request is applied). */
static int set_one(struct rpc_call *c, struct dm_ctx *ctx, const char *name, xmlNodePtr value,
                   bool *verify)
{
    struct dm_lookup l;
    int rc = dm_lookup(c->agent->dm, ctx, name, &l);
    if (rc)
        return rc;
    const struct dm_def *def = l.it.node->def;
    *verify = def->verify != NULL;
    char *text = soap_text(value);
    if (def->type == DMT_OBJECT)
        rc = 9005;
    else if (!(def->flags & DMF_WRITABLE))
        rc = 9008;
    else if (!(rc = type_check(value, def->type, text)))
        rc = dm_check_value(def, text);
    if (!rc)
        rc = def->set(ctx, &l.it.inst, text);
    free(text);
    dm_lookup_release(&l);
    return rc;
}

/* The values that may clash with others, looked at on the whole request's result. */
static void verify_all(struct rpc_call *c, struct dm_ctx *ctx, const struct strmap *names,
                       struct spv_faults *faults)
{
    /* Verifying changes nothing: the tables are listed once for every name. */
    dm_memo_begin(ctx);
    size_t pos = 0;
    const char *name;
    void *v;
    while (strmap_next(names, &pos, &name, &v)) {
        struct dm_lookup l;
        /* Another parameter of the request may have taken the instance out of its table (the
         * default connection moved, and its port mappings with it): nothing to check there. */
        if (dm_lookup(c->agent->dm, ctx, name, &l))
            continue;
        int rc = l.it.node->def->verify(ctx, &l.it.inst);
        if (rc)
            spv_fault_add(faults, name, rc);
        dm_lookup_release(&l);
    }
    dm_memo_end(ctx);
}

/* The ACS's own changes are not notified back to it: what it set becomes the value last seen. */
static void remember_values(struct rpc_call *c, const struct strmap *names)
{
    struct dm_ctx ctx;
    rpc_ctx(c, &ctx);
    dm_memo_begin(&ctx);
    size_t pos = 0;
    const char *name;
    void *v;
    while (strmap_next(names, &pos, &name, &v)) {
        struct cwmp_attr *a = cwmp_attr_find(&c->agent->cwmp, name);
        if (!a)
            continue;
        struct dm_lookup l;
        if (dm_lookup(c->agent->dm, &ctx, name, &l) == 0) {
            struct strbuf val = STRBUF_INIT;
            if (dm_value(&ctx, &l.it, &val) == 0) {
                free(a->last);
                a->last = sb_detach(&val);
            }
            sb_free(&val);
            dm_lookup_release(&l);
        }
    }
    dm_memo_end(&ctx);
}

struct spv {
    xmlNodePtr list;
    const char *key;
    struct strmap seen; /* the names set */
    size_t n;
};

/* Sets every parameter of the request on the working copy, then checks those that may clash. */
static int spv_apply(struct rpc_call *c, struct dm_ctx *ctx, void *arg, bool *keep)
{
    (void)keep;
    struct spv *r = arg;
    struct spv_faults *faults = xcalloc(1, sizeof *faults);
    struct strmap recheck = STRMAP_INIT;
    int fault = 0;
    for (xmlNodePtr pv = soap_first_element(r->list); pv && !fault; pv = soap_next_element(pv)) {
        xmlNodePtr name_node = soap_child(pv, "Name"), value = soap_child(pv, "Value");
        char *name = soap_text(name_node);
        if (!name_node || !value || strlen(name) > DM_PATH_MAX || ++r->n > RPC_MAX_NAMES) {
            fault = r->n > RPC_MAX_NAMES ? 9004 : 9003;
        } else if (strmap_get(&r->seen, name)) {
            fault = 9003; /* the same parameter twice */
        } else {
            strmap_put(&r->seen, name, r->list);
            bool verify = false;
            int rc = set_one(c, ctx, name, value, &verify);
            if (rc)
                spv_fault_add(faults, name, rc);
            else if (verify)
                strmap_put(&recheck, name, r->list);
        }
        free(name);
    }
    if (!fault)
        verify_all(c, ctx, &recheck, faults);
    strmap_free(&recheck);
    if (!fault && faults->n) {
        fault = 9003;
        c->fault_extra = write_spv_faults;
        c->fault_arg = faults;
        c->fault_free = free_spv_faults;
        faults = NULL;
    }
    if (faults)
        free_spv_faults(faults);
    return fault;
}

static void spv_done(struct rpc_call *c, void *arg)
{
    struct spv *r = arg;
    remember_values(c, &r->seen);
    agent_log(c->agent, LOG_NOTICE,
              "%%CWMP-5-CONFIG: Configured from CWMP by the ACS: %zu parameters, key \"%s\"", r->n,
              r->key);
}

int rpc_set_parameter_values(struct rpc_call *c)
{
    int fault = 0;
    xmlNodePtr list = soap_child(c->req->body, "ParameterList");
    char *key = rpc_arg(c, c->req->body, "ParameterKey", PARAMETER_KEY_MAX, &fault);
    if (!list || !key) {
        free(key);
        return 9003;
    }
    struct spv r = {.list = list, .key = key, .seen = STRMAP_INIT};
    static const struct rpc_change_ops ops = {.apply = spv_apply, .done = spv_done};
    fault = rpc_change(c, NULL, key, &ops, &r);
    /* The diagnostics' parameters are not configuration: what the request wrote to them applies
     * only with the rest of it. */
    dm_diag_settle(c->agent, fault == 0);
    if (!fault) {
        soap_start(c->w, "cwmp:SetParameterValuesResponse");
        soap_elem(c->w, "Status", "0");
        soap_end(c->w);
        snprintf(c->summary, sizeof c->summary, "%zu parameters set, key \"%s\"", r.n, key);
    }
    strmap_free(&r.seen);
    free(key);
    return fault;
}

/* ---- GetParameterAttributes ---- */

static int collect_attr(void *arg, struct dm_ctx *ctx, const struct dm_item *it)
{
    struct get_walk *g = arg;
    const struct cwmp_attr *a = cwmp_attr_find(ctx->state, it->path);
    int notification = a ? a->notification : it->node->def->notify;
    unsigned flags = (unsigned)notification & 3u;
    if (a && a->subscriber)
        flags |= RESULTS_SUBSCRIBER;
    results_add(g->r, it, NULL, 0, flags);
    return 0;
}

int rpc_get_parameter_attributes(struct rpc_call *c)
{
    static const struct get_method m = {
        .response = "cwmp:GetParameterAttributesResponse",
        .array_type = "cwmp:ParameterAttributeStruct",
        .kind = RESULTS_ATTRIBUTES,
        .collect = collect_attr,
    };
    return get_parameters(c, &m);
}

/* ---- SetParameterAttributes ---- */

/* What an attribute was before the request changed it, to put it back when the change cannot be
 * saved: a fault means nothing changed, the notification state included. */
struct spa_undo {
    bool existed;
    struct cwmp_attr was; /* last: owned here */
};

struct spa_change {
    bool notification_change, access_change, subscriber;
    int notification;
    int fault; /* the first refusal met while checking */
    bool apply;
    bool partial;        /* the request names a partial path, not the parameter itself */
    struct strmap *undo; /* path -> struct spa_undo *, the first time a request touches it */
};

static void spa_remember(struct strmap *undo, const struct cwmp_state *st, const char *path)
{
    if (strmap_get(undo, path))
        return;
    struct spa_undo *u = xcalloc(1, sizeof *u);
    const struct cwmp_attr *a = cwmp_attr_find(st, path);
    if (a) {
        u->existed = true;
        u->was = *a;
        u->was.last = a->last ? xstrdup(a->last) : NULL;
    }
    strmap_put(undo, path, u);
}

/* Puts every attribute back (restore) or just forgets how they were; frees the log. */
static void spa_undo_end(struct strmap *undo, struct cwmp_state *st, bool restore)
{
    size_t pos = 0;
    const char *path;
    void *v;
    while (strmap_next(undo, &pos, &path, &v)) {
        struct spa_undo *u = v;
        struct cwmp_attr *a = restore ? cwmp_attr_find(st, path) : NULL;
        if (a && u->existed) {
            free(a->last);
            *a = u->was; /* in place: the entry stays the one others may hold */
            u->was.last = NULL;
        } else if (a) {
            strmap_del(&st->attrs, path);
            free(a->last);
            free(a);
        }
        free(u->was.last);
        free(u);
    }
    strmap_free(undo);
}

static int check_or_apply(void *arg, struct dm_ctx *ctx, const struct dm_item *it)
{
    struct spa_change *ch = arg;
    const struct dm_def *def = it->node->def;
    bool refused =
        ch->notification_change && ((def->active == DM_NOTIFY_FORCED && ch->notification != 2) ||
                                    (def->active == DM_NOTIFY_CANDENY && ch->notification == 2));
    /* Under a partial path such a parameter keeps its notification: an ACS clearing (or setting)
     * every notification of a subtree means those that may take it (cwmpd(8)). */
    if (!ch->apply)
        return refused && !ch->partial ? 9009 : 0;
    spa_remember(ch->undo, ctx->state, it->path);
    struct cwmp_attr *a = cwmp_attr_get(ctx->state, it->path, def->notify);
    if (ch->notification_change && !refused) {
        a->notification = ch->notification;
        a->explicit_set = true;
        /* Changes are counted from now on. */
        struct strbuf v = STRBUF_INIT;
        if (dm_value(ctx, it, &v) == 0) {
            free(a->last);
            a->last = sb_detach(&v);
        }
        sb_free(&v);
        a->changed = false;
    }
    if (ch->access_change)
        a->subscriber = ch->subscriber;
    return 0;
}

static int spa_walk(struct rpc_call *c, struct dm_ctx *ctx, const char *name, struct spa_change *ch)
{
    size_t len = strlen(name);
    ch->partial = len == 0 || name[len - 1] == '.';
    return parameters_of(c, ctx, name, check_or_apply, ch);
}

/* Reads one SetParameterAttributesStruct; returns a fault code for a malformed one. */
static int read_spa(xmlNodePtr s, char **name, struct spa_change *ch)
{
    memset(ch, 0, sizeof *ch);
    xmlNodePtr n = soap_child(s, "Name");
    *name = soap_text(n);
    char *nc = soap_text(soap_child(s, "NotificationChange"));
    char *no = soap_text(soap_child(s, "Notification"));
    char *ac = soap_text(soap_child(s, "AccessListChange"));
    int rc = 0;
    unsigned long notif = 0;
    if (!n || strlen(*name) > DM_PATH_MAX || !xsd_parse_bool(nc, &ch->notification_change) ||
        !xsd_parse_bool(ac, &ch->access_change))
        rc = 9003;
    else if (ch->notification_change && (!xsd_parse_uint(no, 6, &notif) || notif > 2))
        rc = 9003; /* 3 to 6 are CWMP 1.4's lightweight notifications: not supported */
    ch->notification = (int)notif;
    xmlNodePtr al = soap_child(s, "AccessList");
    for (xmlNodePtr e = soap_first_element(al); e && !rc; e = soap_next_element(e)) {
        char *v = soap_text(e);
        if (!strcmp(v, "Subscriber"))
            ch->subscriber = true;
        else
            rc = 9003;
        free(v);
    }
    free(nc);
    free(no);
    free(ac);
    return rc;
}

int rpc_set_parameter_attributes(struct rpc_call *c)
{
    xmlNodePtr list = soap_child(c->req->body, "ParameterList");
    if (!list)
        return 9003;
    struct dm_ctx ctx;
    rpc_ctx(c, &ctx);
    /* Attributes are not the configuration: the tables are listed once for the request. */
    dm_memo_begin(&ctx);
    size_t n = 0;
    int rc = 0;
    struct strmap undo = STRMAP_INIT;
    /* Everything is checked before anything changes. */
    for (int apply = 0; apply < 2 && !rc; apply++) {
        n = 0;
        for (xmlNodePtr s = soap_first_element(list); s && !rc; s = soap_next_element(s)) {
            char *name = NULL;
            struct spa_change ch;
            rc = ++n > RPC_MAX_NAMES ? 9004 : read_spa(s, &name, &ch);
            ch.apply = apply;
            ch.undo = &undo;
            if (!rc)
                rc = spa_walk(c, &ctx, name, &ch);
            free(name);
        }
    }
    dm_memo_end(&ctx);
    if (!rc && agent_save_cwmp_state(c->agent) < 0)
        rc = 9002;
    spa_undo_end(&undo, &c->agent->cwmp, rc != 0);
    if (rc)
        return rc;
    soap_start(c->w, "cwmp:SetParameterAttributesResponse");
    soap_end(c->w);
    snprintf(c->summary, sizeof c->summary, "%zu attribute changes", n);
    return 0;
}
