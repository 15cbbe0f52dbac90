#include "cwmp_inform.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core.h"
#include "cwmp_session.h"
#include "dm.h"
#include "loop.h"
#include "persist.h"
#include "soap.h"
#include "xalloc.h"

/* The versions cwmpd speaks, offered in the SupportedCWMPVersions header of CWMP 1.4. */
#define SUPPORTED_VERSIONS "1.0,1.1,1.2,1.3,1.4"

struct inform_params {
    struct strbuf names, values; /* NUL-separated */
    struct strmap seen;
    const char **types;
    size_t n, cap;
};

static void add_param(struct inform_params *p, const char *name, const char *type,
                      const char *value)
{
    if (strmap_get(&p->seen, name))
        return;
    strmap_put(&p->seen, name, p);
    sb_append(&p->names, name, strlen(name) + 1);
    sb_append(&p->values, value, strlen(value) + 1);
    p->types = xgrow(p->types, &p->cap, p->n + 1, sizeof *p->types);
    p->types[p->n++] = type;
}

static void add_item(struct inform_params *p, struct dm_ctx *ctx, const struct dm_item *it)
{
    struct strbuf v = STRBUF_INIT;
    if (dm_value(ctx, it, &v) == 0)
        add_param(p, it->path, dm_xsd_type(it->node->def->type), sb_str(&v));
    sb_free(&v);
}

/* The forced parameters (only the marked subtrees are walked). */
static int pick_forced(void *arg, struct dm_ctx *ctx, const struct dm_item *it)
{
    if (dm_forced_inform(ctx, it))
        add_item(arg, ctx, it);
    return 0;
}

/* Parameters whose notification fired since the last Inform. */
static void pick_changed(struct inform_params *p, struct dm *d, struct dm_ctx *ctx)
{
    size_t pos = 0;
    const char *path;
    void *v;
    while (strmap_next(&ctx->state->attrs, &pos, &path, &v)) {
        const struct cwmp_attr *a = v;
        if (!a->changed || a->notification == 0 || strmap_get(&p->seen, path))
            continue;
        struct dm_lookup l;
        if (dm_lookup(d, ctx, path, &l) == 0) {
            add_item(p, ctx, &l.it);
            dm_lookup_release(&l);
        }
    }
}

void cwmp_inform_carried_free(struct inform_carried *c)
{
    sb_free(&c->names);
    sb_free(&c->values);
    c->n = 0;
}

char *cwmp_build_inform(struct agent *a, int ns, const char *id, const struct cwmp_event *events,
                        size_t nevents, unsigned retry_count, struct strbuf *summary, size_t *len,
                        struct inform_carried *carried)
{
    struct dm_ctx ctx = {.agent = a, .store = a->running, .state = &a->cwmp};
    struct inform_params p = {0};
    /* One reading of the tables and the interfaces for the whole Inform. */
    dm_memo_begin(&ctx);
    dm_walk_marked(a->dm, &ctx, DM_MARK_FORCED, pick_forced, &p);
    pick_changed(&p, a->dm, &ctx);
    dm_memo_end(&ctx);

    struct soap_writer w;
    soap_begin(&w, ns, id, ns == CWMP_NS_1_2 ? SUPPORTED_VERSIONS : NULL);
    soap_start(&w, cpe_methods[CPE_INFORM].element);
    soap_start(&w, "DeviceId");
    soap_elem(&w, "Manufacturer", a->id.manufacturer);
    soap_elem(&w, "OUI", a->id.oui);
    soap_elem(&w, "ProductClass", a->id.product_class);
    soap_elem(&w, "SerialNumber", a->id.serial);
    soap_end(&w);
    soap_start_array(&w, "Event", "cwmp:EventStruct", nevents);
    for (size_t i = 0; i < nevents; i++) {
        soap_start(&w, "EventStruct");
        soap_elem(&w, "EventCode", events[i].code);
        soap_elem(&w, "CommandKey", events[i].key);
        soap_end(&w);
        sb_printf(summary, "%s%s", i ? ", " : "", events[i].code);
        if (events[i].key[0])
            sb_printf(summary, " \"%s\"", events[i].key);
    }
    soap_end(&w);
    soap_elem(&w, "MaxEnvelopes", "1");
    char now[32];
    xsd_datetime((long long)time(NULL), now);
    soap_elem(&w, "CurrentTime", now);
    soap_elemf(&w, "RetryCount", "%u", retry_count);
    soap_start_array(&w, "ParameterList", "cwmp:ParameterValueStruct", p.n);
    const char *name = p.names.buf, *value = p.values.buf;
    for (size_t i = 0; i < p.n; i++) {
        soap_start(&w, "ParameterValueStruct");
        soap_elem(&w, "Name", name);
        soap_value(&w, p.types[i], value);
        soap_end(&w);
        name += strlen(name) + 1;
        value += strlen(value) + 1;
    }
    soap_end(&w);
    soap_end(&w);
    sb_printf(summary, "; %zu parameters; retry %u", p.n, retry_count);
    cwmp_inform_carried_free(carried);
    carried->names = p.names;
    carried->values = p.values;
    carried->n = p.n;
    strmap_free(&p.seen);
    free(p.types);
    return soap_finish(&w, len);
}

struct scan {
    size_t changed;
    bool active;
    bool absorb; /* the values now are the ones seen (the ACS's own change), none is a change */
    struct strmap done;
    uint64_t now_ms, hold_ms;
};

/* An active change of a parameter with a notification limit, sooner than the limit after the last
 * one: it waits (its last value is left as it was, so the scan after the wait sees it). */
static bool held_back(struct scan *s, struct dm_ctx *ctx, const struct dm_item *it,
                      struct cwmp_attr *a, int notification)
{
    const struct dm_def *def = it->node->def;
    if (!def->notify_limit || notification != 2 || !a || !a->notified_ms)
        return false;
    uint64_t gap = (uint64_t)def->notify_limit(ctx) * 1000u;
    if (s->now_ms >= a->notified_ms + gap)
        return false;
    uint64_t wait = a->notified_ms + gap - s->now_ms;
    if (!s->hold_ms || wait < s->hold_ms)
        s->hold_ms = wait;
    return true;
}

static int scan_one(void *arg, struct dm_ctx *ctx, const struct dm_item *it)
{
    struct scan *s = arg;
    strmap_put(&s->done, it->path, s);
    struct cwmp_attr *a = cwmp_attr_find(ctx->state, it->path);
    int notification = a ? a->notification : it->node->def->notify;
    if (notification == 0)
        return 0;
    struct strbuf v = STRBUF_INIT;
    if (dm_value(ctx, it, &v) != 0) {
        sb_free(&v);
        return 0;
    }
    if (!a)
        a = cwmp_attr_get(ctx->state, it->path, notification);
    if (!a->last) {
        a->last = sb_detach(&v); /* first sight: nothing to compare with */
        ctx->agent->cwmp_dirty = true;
    } else if (s->absorb) {
        /* A parameter with a notification limit changes with the LAN, never with the ACS's
         * objects: a change of it held back is still to be notified. */
        if (!it->node->def->notify_limit && strcmp(a->last, sb_str(&v)) != 0) {
            free(a->last);
            a->last = sb_detach(&v);
            ctx->agent->cwmp_dirty = true;
        }
    } else if (strcmp(a->last, sb_str(&v)) != 0 && !held_back(s, ctx, it, a, notification)) {
        if (notification == 2)
            a->notified_ms = s->now_ms;
        free(a->last);
        a->last = sb_detach(&v);
        a->changed = true;
        s->changed++;
        s->active |= notification == 2;
        ctx->agent->cwmp_dirty = true;
    }
    sb_free(&v);
    return 0;
}

static void walk_notified(struct agent *a, struct scan *s);

size_t cwmp_notify_scan(struct agent *a, bool *active, uint64_t *hold_ms)
{
    struct scan s = {.now_ms = loop_now_ms()};
    walk_notified(a, &s);
    *active = s.active;
    *hold_ms = s.hold_ms;
    return s.changed;
}

void cwmp_notify_absorb(struct agent *a)
{
    struct scan s = {.now_ms = loop_now_ms(), .absorb = true};
    walk_notified(a, &s);
}

static void walk_notified(struct agent *a, struct scan *s)
{
    struct dm_ctx ctx = {.agent = a, .store = a->running, .state = &a->cwmp};
    /* Parameters notified by default, then those the ACS asked about: each table listed once
     * however many of its parameters the ACS watches. */
    dm_memo_begin(&ctx);
    dm_walk_marked(a->dm, &ctx, DM_MARK_NOTIFY, scan_one, s);
    size_t pos = 0;
    const char *path;
    void *v;
    struct dm_list todo = {0};
    while (strmap_next(&a->cwmp.attrs, &pos, &path, &v))
        if (((struct cwmp_attr *)v)->notification > 0 && !strmap_get(&s->done, path))
            dm_list_add(&todo, path, NULL);
    for (size_t i = 0; i < todo.n; i++) {
        struct dm_lookup l;
        if (dm_lookup(a->dm, &ctx, todo.v[i].key, &l) == 0) {
            scan_one(s, &ctx, &l.it);
            dm_lookup_release(&l);
        }
    }
    dm_list_free(&todo);
    dm_memo_end(&ctx);
    strmap_free(&s->done);
}

bool cwmp_notify_delivered(struct agent *a, const struct inform_carried *carried, bool *active)
{
    const char *name = carried->names.buf, *value = carried->values.buf;
    for (size_t i = 0; i < carried->n; i++) {
        struct cwmp_attr *at = cwmp_attr_find(&a->cwmp, name);
        /* A value that changed again since the Inform was built is not the one delivered. */
        if (at && at->changed && at->last && strcmp(at->last, value) == 0) {
            at->changed = false;
            a->cwmp_dirty = true;
        }
        name += strlen(name) + 1;
        value += strlen(value) + 1;
    }
    return cwmp_notify_owed(a, active);
}

bool cwmp_notify_owed(const struct agent *a, bool *active)
{
    bool owed = false;
    *active = false;
    size_t pos = 0;
    const char *k;
    void *v;
    while (strmap_next(&a->cwmp.attrs, &pos, &k, &v)) {
        const struct cwmp_attr *at = v;
        if (at->changed && at->notification > 0) {
            owed = true;
            *active |= at->notification == 2;
        }
    }
    return owed;
}
