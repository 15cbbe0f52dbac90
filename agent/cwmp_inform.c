#include "cwmp_inform.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "agent.h"
#include "cwmp_state.h"
#include "dm.h"
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

/* Forced parameters, and parameters whose notification fired since the last Inform. */
static int pick(void *arg, struct dm_ctx *ctx, const struct dm_item *it)
{
    struct inform_params *p = arg;
    const struct cwmp_attr *a = cwmp_attr_find(ctx->state, it->path);
    bool changed = a && a->changed && a->notification > 0;
    if (!dm_forced_inform(ctx, it) && !changed)
        return 0;
    struct strbuf v = STRBUF_INIT;
    if (dm_value(ctx, it, &v) == 0)
        add_param(p, it->path, dm_xsd_type(it->node->def->type), sb_str(&v));
    sb_free(&v);
    return 0;
}

char *cwmp_build_inform(struct agent *a, int ns, const char *id, unsigned retry_count,
                        struct strbuf *summary, size_t *len)
{
    struct dm_ctx ctx = {.agent = a, .store = a->running, .state = &a->cwmp};
    struct inform_params p = {0};
    dm_walk(a->dm, &ctx, "", false, false, pick, &p);

    struct soap_writer w;
    soap_begin(&w, ns, id, ns == CWMP_NS_1_2 ? SUPPORTED_VERSIONS : NULL);
    soap_start(&w, "cwmp:Inform");
    soap_start(&w, "DeviceId");
    soap_elem(&w, "Manufacturer", a->id.manufacturer);
    soap_elem(&w, "OUI", a->id.oui);
    soap_elem(&w, "ProductClass", a->id.product_class);
    soap_elem(&w, "SerialNumber", a->id.serial);
    soap_end(&w);
    soap_start_array(&w, "Event", "cwmp:EventStruct", a->cwmp.nevents);
    for (size_t i = 0; i < a->cwmp.nevents; i++) {
        soap_start(&w, "EventStruct");
        soap_elem(&w, "EventCode", a->cwmp.events[i].code);
        soap_elem(&w, "CommandKey", a->cwmp.events[i].key);
        soap_end(&w);
        sb_printf(summary, "%s%s", i ? ", " : "", a->cwmp.events[i].code);
        if (a->cwmp.events[i].key[0])
            sb_printf(summary, " \"%s\"", a->cwmp.events[i].key);
    }
    soap_end(&w);
    soap_elem(&w, "MaxEnvelopes", "1");
    char now[32];
    soap_datetime((long long)time(NULL), now);
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
    sb_free(&p.names);
    sb_free(&p.values);
    strmap_free(&p.seen);
    free(p.types);
    return soap_finish(&w, len);
}

struct scan {
    size_t changed;
    bool active;
};

static int scan_one(void *arg, struct dm_ctx *ctx, const struct dm_item *it)
{
    struct scan *s = arg;
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
    } else if (strcmp(a->last, sb_str(&v)) != 0) {
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

size_t cwmp_notify_scan(struct agent *a, bool *active)
{
    struct dm_ctx ctx = {.agent = a, .store = a->running, .state = &a->cwmp};
    struct scan s = {0};
    dm_walk(a->dm, &ctx, "", false, false, scan_one, &s);
    *active = s.active;
    return s.changed;
}

void cwmp_notify_delivered(struct agent *a)
{
    size_t pos = 0;
    const char *k;
    void *v;
    while (strmap_next(&a->cwmp.attrs, &pos, &k, &v)) {
        struct cwmp_attr *at = v;
        if (at->changed) {
            at->changed = false;
            a->cwmp_dirty = true;
        }
    }
}
