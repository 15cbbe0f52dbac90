/* AddObject and DeleteObject: a table's entities are created and removed in the store, through a
 * working copy committed with the ParameterKey as SetParameterValues commits it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agent.h"
#include "config_store.h"
#include "cwmp_state.h"
#include "dm.h"
#include "log.h"
#include "rpc.h"

static int object_args(struct rpc_call *c, char **name, char **key)
{
    int fault = 0;
    *name = rpc_arg(c, c->req->body, "ObjectName", DM_PATH_MAX, &fault);
    *key = *name ? rpc_arg(c, c->req->body, "ParameterKey", PARAMETER_KEY_MAX, &fault) : NULL;
    size_t len = *name ? strlen(*name) : 0;
    if (!fault && (len == 0 || (*name)[len - 1] != '.'))
        fault = 9005; /* an object path ends with a dot */
    return fault;
}

int rpc_add_object(struct rpc_call *c)
{
    char *name, *key;
    int fault = object_args(c, &name, &key);
    struct config_store *working = NULL;
    struct dm_lookup l;
    bool looked_up = false;
    unsigned number = 0;
    struct dm_ctx ctx;
    rpc_ctx(c, &ctx);
    if (!fault) {
        working = config_store_clone(c->agent->running);
        ctx.store = working;
        fault = dm_lookup(c->agent->dm, &ctx, name, &l);
        looked_up = fault == 0;
    }
    if (!fault && (!l.it.node->instance || !l.it.node->def->add))
        fault = 9005; /* not a table, or one whose instances only the device makes */
    struct strbuf entity = STRBUF_INIT;
    if (!fault)
        fault = l.it.node->def->add(&ctx, &l.it.inst, &entity);
    if (!fault) {
        struct strbuf table = STRBUF_INIT;
        dm_table_path(l.it.node, &l.it.inst, &table);
        number = cwmp_instance_number(&c->agent->cwmp, sb_str(&table), sb_str(&entity));
        sb_free(&table);
        if (agent_commit_acs_change(c->agent, working, key) < 0)
            fault = 9002;
        agent_log(c->agent, LOG_NOTICE, "%%CWMP-5-CONFIG: AddObject %s%u. by the ACS, key \"%s\"",
                  name, number, key);
    }
    if (!fault) {
        soap_start(c->w, "cwmp:AddObjectResponse");
        soap_elemf(c->w, "InstanceNumber", "%u", number);
        soap_elem(c->w, "Status", "0");
        soap_end(c->w);
        snprintf(c->summary, sizeof c->summary, "%s%u. added", name, number);
    }
    sb_free(&entity);
    if (looked_up)
        dm_lookup_release(&l);
    config_store_free(working);
    free(name);
    free(key);
    return fault;
}

/* The attributes of a deleted instance's parameters go with it. */
static void forget_attributes(struct cwmp_state *s, const char *prefix)
{
    size_t len = strlen(prefix), pos = 0;
    const char *k;
    void *v;
    struct dm_list gone = {0};
    while (strmap_next(&s->attrs, &pos, &k, &v))
        if (!strncmp(k, prefix, len))
            dm_list_add(&gone, k, v);
    for (size_t i = 0; i < gone.n; i++) {
        struct cwmp_attr *a = strmap_del(&s->attrs, gone.v[i].key);
        free(a->last);
        free(a);
    }
    dm_list_free(&gone);
}

int rpc_delete_object(struct rpc_call *c)
{
    char *name, *key;
    int fault = object_args(c, &name, &key);
    struct config_store *working = NULL;
    struct dm_lookup l;
    bool looked_up = false;
    struct dm_ctx ctx;
    rpc_ctx(c, &ctx);
    if (!fault) {
        working = config_store_clone(c->agent->running);
        ctx.store = working;
        fault = dm_lookup(c->agent->dm, &ctx, name, &l);
        looked_up = fault == 0;
    }
    const struct dm_node *table = looked_up ? l.it.node->parent : NULL;
    if (!fault && (!table || table->instance != l.it.node || !table->def->del))
        fault = 9005; /* not an instance, or one of a table the ACS may not change */
    if (!fault)
        fault = table->def->del(&ctx, &l.it.inst);
    if (!fault) {
        struct strbuf tpath = STRBUF_INIT;
        dm_table_path(table, &l.it.inst, &tpath);
        cwmp_instance_forget(&c->agent->cwmp, sb_str(&tpath), l.it.inst.key[l.it.inst.depth - 1]);
        sb_free(&tpath);
        forget_attributes(&c->agent->cwmp, name);
        if (agent_commit_acs_change(c->agent, working, key) < 0)
            fault = 9002;
        agent_log(c->agent, LOG_NOTICE, "%%CWMP-5-CONFIG: DeleteObject %s by the ACS, key \"%s\"",
                  name, key);
    }
    if (!fault) {
        soap_start(c->w, "cwmp:DeleteObjectResponse");
        soap_elem(c->w, "Status", "0");
        soap_end(c->w);
        snprintf(c->summary, sizeof c->summary, "%s deleted", name);
    }
    if (looked_up)
        dm_lookup_release(&l);
    config_store_free(working);
    free(name);
    free(key);
    return fault;
}
