/* Dispatching ACS requests, and the methods that are not about parameters or objects. */
#include "rpc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "configuration.h"
#include "core.h"
#include "cwmp_session.h"
#include "dm.h"
#include "persist.h"
#include "xalloc.h"

void rpc_ctx(struct rpc_call *c, struct dm_ctx *ctx)
{
    ctx->agent = c->agent;
    ctx->store = c->agent->running;
    ctx->state = &c->agent->cwmp;
    ctx->memo = NULL;
}

char *rpc_arg(struct rpc_call *c, xmlNodePtr parent, const char *name, size_t max, int *fault)
{
    (void)c;
    xmlNodePtr n = soap_child(parent, name);
    if (!n) {
        *fault = 9003;
        return NULL;
    }
    char *t = soap_text(n);
    if (strlen(t) > max) {
        free(t);
        *fault = 9003;
        return NULL;
    }
    return t;
}

struct change_run {
    struct rpc_call *c;
    const struct rpc_change_ops *ops;
    void *arg;
};

static int change_apply(struct config_txn *t, void *arg, bool *keep)
{
    struct change_run *r = arg;
    struct dm_ctx ctx;
    rpc_ctx(r->c, &ctx);
    ctx.store = t->working;
    return r->ops->apply(r->c, &ctx, r->arg, keep);
}

int rpc_change(struct rpc_call *c, struct config_store *startup, const char *key,
               const struct rpc_change_ops *ops, void *arg)
{
    struct config_txn t;
    if (startup)
        config_txn_begin_startup(&t, c->agent, startup);
    else
        config_txn_begin(&t, c->agent);
    t.undo = ops->undo;
    t.undo_arg = arg;
    struct change_run r = {.c = c, .ops = ops, .arg = arg};
    bool committed;
    int fault = config_txn_run(&t, key, change_apply, &r, &committed);
    if (fault == CONFIG_TXN_NOT_SAVED)
        fault = 9002;
    if (committed && ops->done)
        ops->done(c, arg);
    return fault;
}

static int get_rpc_methods(struct rpc_call *c);

/* Reboot: answered now; the reboot happens when the session ends, and the next session reports
 * "M Reboot" with the command key next to "1 BOOT". The event is saved before the answer, so that
 * a crash in between still reports it. */
static int reboot(struct rpc_call *c)
{
    int fault = 0;
    char *key = rpc_arg(c, c->req->body, "CommandKey", COMMAND_KEY_MAX, &fault);
    if (!key)
        return fault;
    cwmp_event_add(&c->agent->cwmp, "M Reboot", key);
    free(key);
    if (agent_save_cwmp_state(c->agent) < 0)
        return 9002;
    c->reboot = true;
    soap_start(c->w, "cwmp:RebootResponse");
    soap_end(c->w);
    snprintf(c->summary, sizeof c->summary, "reboot when the session ends");
    return 0;
}

/* ScheduleInform: a session with "3 SCHEDULED" and "M ScheduleInform" DelaySeconds from now,
 * saved, so that a restart meanwhile keeps it. */
static int schedule_inform(struct rpc_call *c)
{
    int fault = 0;
    char *delay_text = rpc_arg(c, c->req->body, "DelaySeconds", 16, &fault);
    if (!delay_text)
        return fault;
    unsigned long delay = 0;
    bool ok = xsd_parse_uint(delay_text, 0xffffffffUL, &delay) && delay > 0;
    free(delay_text);
    if (!ok) {
        c->fault_string = "DelaySeconds: an unsignedInt greater than 0";
        return 9003;
    }
    char *key = rpc_arg(c, c->req->body, "CommandKey", COMMAND_KEY_MAX, &fault);
    if (!key)
        return fault;
    struct cwmp_state *st = &c->agent->cwmp;
    if (st->nscheduled == MAX_SCHEDULED) {
        free(key);
        c->fault_string = "too many ScheduleInform requests waiting";
        return 9004;
    }
    struct cwmp_scheduled *s = &st->scheduled[st->nscheduled++];
    s->at = (long long)time(NULL) + (long long)delay;
    snprintf(s->key, sizeof s->key, "%s", key);
    free(key);
    if (agent_save_cwmp_state(c->agent) < 0) {
        st->nscheduled--;
        return 9002;
    }
    if (c->agent->engine)
        cwmp_engine_schedule_changed(c->agent->engine);
    soap_start(c->w, "cwmp:ScheduleInformResponse");
    soap_end(c->w);
    snprintf(c->summary, sizeof c->summary, "inform in %lu s", delay);
    return 0;
}

/* FactoryReset: answered now, done when the session ends (agent_factory_reset). */
static int factory_reset(struct rpc_call *c)
{
    c->factory_reset = true;
    soap_start(c->w, "cwmp:FactoryResetResponse");
    soap_end(c->w);
    snprintf(c->summary, sizeof c->summary, "factory reset when the session ends");
    return 0;
}

/* The one list: GetRPCMethods and show cwmp methods give what the dispatch answers. */
const struct rpc_method rpc_methods[] = {
    {"GetRPCMethods", get_rpc_methods},
    {"GetParameterNames", rpc_get_parameter_names},
    {"GetParameterValues", rpc_get_parameter_values},
    {"SetParameterValues", rpc_set_parameter_values},
    {"GetParameterAttributes", rpc_get_parameter_attributes},
    {"SetParameterAttributes", rpc_set_parameter_attributes},
    {"AddObject", rpc_add_object},
    {"DeleteObject", rpc_delete_object},
    {"Reboot", reboot},
    {"Download", rpc_download},
    {"Upload", rpc_upload},
    {"FactoryReset", factory_reset},
    {"ScheduleInform", schedule_inform},
    {"GetQueuedTransfers", rpc_get_queued_transfers},
    {"GetAllQueuedTransfers", rpc_get_all_queued_transfers},
    {"CancelTransfer", rpc_cancel_transfer},
    {"X_00000C_SetConfiguration", rpc_x_set_configuration},
    {"X_00000C_ShowStatus", rpc_x_show_status},
};

const size_t rpc_method_count = sizeof rpc_methods / sizeof rpc_methods[0];

static int get_rpc_methods(struct rpc_call *c)
{
    soap_start(c->w, "cwmp:GetRPCMethodsResponse");
    soap_start_array(c->w, "MethodList", "xsd:string", rpc_method_count);
    for (size_t i = 0; i < rpc_method_count; i++)
        soap_elem(c->w, "string", rpc_methods[i].name);
    soap_end(c->w);
    soap_end(c->w);
    snprintf(c->summary, sizeof c->summary, "%zu methods", rpc_method_count);
    return 0;
}

int rpc_dispatch(struct rpc_call *call)
{
    int fault = 9000;
    /* A method is its namespace and its name: one of another namespace is not ours to run,
     * whatever its local name. */
    if (!call->req->body_cwmp)
        call->fault_string = "the method is not in a cwmp namespace";
    for (size_t i = 0; i < rpc_method_count && call->req->body_cwmp; i++)
        if (!strcmp(call->req->name, rpc_methods[i].name)) {
            fault = rpc_methods[i].fn(call);
            break;
        }
    if (fault) {
        /* Whatever the method began to write gives way to the fault. */
        soap_abandon(call->w);
        soap_begin(call->w, call->ns, call->req->id, NULL);
        soap_fault(call->w, fault, call->fault_string, call->fault_extra, call->fault_arg);
        snprintf(call->summary, sizeof call->summary, "fault %d%s%s%s", fault,
                 call->fault_string ? " (" : "", call->fault_string ? call->fault_string : "",
                 call->fault_string ? ")" : "");
    }
    if (call->fault_free)
        call->fault_free(call->fault_arg);
    return fault;
}
