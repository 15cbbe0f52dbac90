/* The operator's view of the CWMP agent: show cwmp ..., debug cwmp. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "connreq.h"
#include "core.h"
#include "cwmp.h"
#include "dm.h"
#include "handlers.h"
#include "transfer.h"

static int show_cwmp_session(struct cmd_call *c)
{
    struct agent *a = call_agent(c);
    if (!a->engine)
        return cmd_fail(c, "The CWMP agent is not running");
    cwmp_engine_show(a->engine, c->out);
    if (a->cr)
        cr_server_show(a->cr, c->out);
    if (a->stun)
        stun_client_show(a->stun, c->out);
    return 0;
}

static int show_cwmp_methods(struct cmd_call *c)
{
    sb_puts(c->out, "Methods the ACS may call:\n");
    for (size_t i = 0; i < rpc_method_count; i++)
        sb_printf(c->out, "  %s\n", rpc_methods[i].name);
    sb_puts(c->out, "Methods cwmpd calls on the ACS:\n");
    for (size_t i = 0; i < CPE_METHOD_COUNT; i++)
        sb_printf(c->out, "  %s\n", cpe_methods[i].name);
    return 0;
}

static const char *notification_text(int n)
{
    static const char *const t[] = {"off", "passive", "active"};
    return n >= 0 && n <= 2 ? t[n] : "?";
}

static int show_one(void *arg, struct dm_ctx *ctx, const struct dm_item *it)
{
    struct strbuf *out = arg;
    const struct dm_def *def = it->node->def;
    struct strbuf v = STRBUF_INIT;
    int rc = dm_value(ctx, it, &v);
    const struct cwmp_attr *at = cwmp_attr_find(ctx->state, it->path);
    int n = at ? at->notification : def->notify;
    sb_printf(out, "%s\n", it->path);
    if (def->flags & DMF_HIDDEN)
        sb_puts(out, "  Value        : (hidden)\n");
    else if (rc)
        sb_printf(out, "  Value        : (unreadable: fault %d)\n", rc);
    else
        sb_printf(out, "  Value        : %s\n", sb_str(&v));
    sb_printf(out, "  Type         : %s, %s%s\n", dm_xsd_type(def->type) + 4,
              def->flags & DMF_WRITABLE ? "writable" : "read-only",
              def->flags & DMF_FORCED ? ", in every Inform" : "");
    sb_printf(out, "  Notification : %d (%s), access list: %s\n", n, notification_text(n),
              at && at->subscriber ? "Subscriber" : "ACS only");
    sb_free(&v);
    return 0;
}

static int show_cwmp_parameter(struct cmd_call *c)
{
    struct agent *a = call_agent(c);
    struct dm_ctx ctx = {.agent = a, .store = call_store(c), .state = &a->cwmp};
    const char *path = cmd_arg(c, "path");
    size_t len = strlen(path);
    int rc;
    if (path[len - 1] == '.') {
        rc = dm_walk(a->dm, &ctx, path, false, false, show_one, c->out);
    } else {
        struct dm_lookup l;
        rc = dm_lookup(a->dm, &ctx, path, &l);
        if (!rc) {
            show_one(c->out, &ctx, &l.it);
            dm_lookup_release(&l);
        }
    }
    if (rc)
        return cmd_fail(c, "No parameter or object named %s", path);
    return 0;
}

static int show_cwmp_persistent(struct cmd_call *c)
{
    struct agent *a = call_agent(c);
    const struct cwmp_state *st = &a->cwmp;
    sb_printf(c->out, "State file          : %s\n", a->cwmp_state_path);
    sb_printf(c->out, "ParameterKey        : %s\n",
              st->parameter_key[0] ? st->parameter_key : "\"\"");
    sb_printf(c->out, "Bootstrap done      : %s\n", st->bootstrap_url ? st->bootstrap_url : "no");
    sb_printf(c->out, "Retry count         : %u\n", st->retry_count);
    sb_puts(c->out, "Queued events       :");
    for (size_t i = 0; i < st->nevents; i++)
        sb_printf(c->out, "\n  %-32s %s", st->events[i].code,
                  st->events[i].key[0] ? st->events[i].key : "");
    sb_puts(c->out, st->nevents ? "\n" : " none\n");
    transfer_show(st, c->out);
    size_t pos = 0, explicit_n = 0;
    const char *k;
    void *v;
    while (strmap_next(&st->attrs, &pos, &k, &v))
        explicit_n += ((const struct cwmp_attr *)v)->explicit_set;
    sb_printf(c->out, "Attributes set      : %zu\n", explicit_n);
    pos = 0;
    while (strmap_next(&st->attrs, &pos, &k, &v)) {
        const struct cwmp_attr *at = v;
        if (at->explicit_set)
            sb_printf(c->out, "  %s notification %d%s\n", k, at->notification,
                      at->subscriber ? ", Subscriber" : "");
    }
    sb_printf(c->out, "Instance tables     : %zu\n", strmap_count(&st->tables));
    pos = 0;
    while (strmap_next(&st->tables, &pos, &k, &v)) {
        const struct cwmp_table *t = v;
        sb_printf(c->out, "  %s %zu instances, next number %u\n", k, strmap_count(&t->by_key),
                  t->next);
    }
    return 0;
}

static void map_node(const struct dm_node *n, struct strbuf *out)
{
    if (n->def && n->def->type != DMT_OBJECT)
        sb_printf(out, "%-72s %s\n", n->pattern, n->def->source ? n->def->source : "");
    for (size_t i = 0; i < n->nkids; i++)
        map_node(n->kids[i], out);
}

static int show_cwmp_map(struct cmd_call *c)
{
    sb_printf(c->out, "%-72s %s\n", "Parameter", "Source");
    map_node(call_agent(c)->dm->root, c->out);
    return 0;
}

static int debug_cwmp(struct cmd_call *c)
{
    struct agent *a = call_agent(c);
    if (c->negate) {
        a->debug &= ~DEBUG_CWMP;
        sb_puts(c->out, "CWMP debugging is off\n");
    } else {
        a->debug |= DEBUG_CWMP;
        sb_puts(c->out, "CWMP debugging is on\n");
    }
    return 0;
}

static int undebug(struct cmd_call *c)
{
    struct agent *a = call_agent(c);
    if (cmd_has(c, "cwmp")) {
        a->debug &= ~DEBUG_CWMP;
        sb_puts(c->out, "CWMP debugging is off\n");
    } else {
        a->debug = 0;
        sb_puts(c->out, "All possible debugging has been turned off\n");
    }
    return 0;
}

static int debug_all(struct cmd_call *c)
{
    struct agent *a = call_agent(c);
    if (c->negate) {
        a->debug = 0;
        sb_puts(c->out, "All possible debugging has been turned off\n");
    } else {
        a->debug = DEBUG_ALL;
        sb_puts(c->out, "All possible debugging has been turned on\n");
    }
    return 0;
}

static const struct cmd_binding table[] = {
    {"show_cwmp_session", show_cwmp_session, ""},
    {"show_cwmp_methods", show_cwmp_methods, ""},
    {"show_cwmp_parameter", show_cwmp_parameter, "path"},
    {"show_cwmp_persistent", show_cwmp_persistent, ""},
    {"show_cwmp_map", show_cwmp_map, ""},
    {"debug_cwmp", debug_cwmp, ""},
    {"undebug", undebug, "cwmp"},
    {"debug_all", debug_all, ""},
};
HANDLER_TABLE(cwmp_show_handlers, table);
