/* AddObject and DeleteObject: a table's entities are created and removed in the store, through a
 * working copy committed with the ParameterKey as SetParameterValues commits it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "configuration.h"
#include "core.h"
#include "cwmp_inform.h"
#include "cwmp_session.h"
#include "dm.h"
#include "persist.h"
#include "rpc.h"
#include "xalloc.h"

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

struct object_change {
    struct agent *agent;
    const char *name, *key;
    unsigned number; /* AddObject: the new instance's */
    char *table;     /* its table's path */
    char *entity;    /* its key in the table */
    unsigned next;   /* AddObject: the table's next number before it */
};

static int add_apply(struct rpc_call *c, struct dm_ctx *ctx, void *arg, bool *keep)
{
    (void)keep;
    struct object_change *o = arg;
    struct dm_lookup l;
    int fault = dm_lookup(c->agent->dm, ctx, o->name, &l);
    if (fault)
        return fault;
    if (!l.it.node->instance || !l.it.node->def->add)
        fault = 9005; /* not a table, or one whose instances only the device makes */
    struct strbuf entity = STRBUF_INIT;
    if (!fault)
        fault = l.it.node->def->add(ctx, &l.it.inst, &entity);
    if (!fault) {
        struct strbuf table = STRBUF_INIT;
        dm_table_path(l.it.node, &l.it.inst, &table);
        o->table = sb_detach(&table);
        o->entity = sb_detach(&entity);
        /* Numbered now, so that the save of the commit keeps the number with the instance. */
        o->next = cwmp_instance_next(&c->agent->cwmp, o->table);
        o->number = cwmp_instance_number(&c->agent->cwmp, o->table, o->entity);
    }
    sb_free(&entity);
    dm_lookup_release(&l);
    return fault;
}

/* Nothing was added: the number goes back, as if never given. */
static void add_undo(void *arg)
{
    struct object_change *o = arg;
    cwmp_instance_forget(&o->agent->cwmp, o->table, o->entity);
    cwmp_table_get(&o->agent->cwmp, o->table)->next = o->next;
}

static void add_done(struct rpc_call *c, void *arg)
{
    struct object_change *o = arg;
    cwmp_notify_absorb(c->agent);
    agent_log(c->agent, LOG_NOTICE, "%%CWMP-5-CONFIG: AddObject %s%u. by the ACS, key \"%s\"",
              o->name, o->number, o->key);
}

/* The changes made by others until now are marked first: the ACS's own, absorbed once its change
 * is committed, must not take theirs away. */
static void scan_before(struct rpc_call *c)
{
    if (c->agent->engine)
        cwmp_engine_scan(c->agent->engine);
}

int rpc_add_object(struct rpc_call *c)
{
    char *name, *key;
    int fault = object_args(c, &name, &key);
    struct object_change o = {.name = name, .key = key, .agent = c->agent};
    static const struct rpc_change_ops ops = {
        .apply = add_apply, .done = add_done, .undo = add_undo};
    if (!fault) {
        scan_before(c);
        fault = rpc_change(c, NULL, key, &ops, &o);
    }
    if (!fault) {
        soap_start(c->w, "cwmp:AddObjectResponse");
        soap_elemf(c->w, "InstanceNumber", "%u", o.number);
        soap_elem(c->w, "Status", "0");
        soap_end(c->w);
        snprintf(c->summary, sizeof c->summary, "%s%u. added", name, o.number);
    }
    free(o.table);
    free(o.entity);
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

static int delete_apply(struct rpc_call *c, struct dm_ctx *ctx, void *arg, bool *keep)
{
    (void)keep;
    struct object_change *o = arg;
    struct dm_lookup l;
    int fault = dm_lookup(c->agent->dm, ctx, o->name, &l);
    if (fault)
        return fault;
    const struct dm_node *table = l.it.node->parent;
    if (!table || table->instance != l.it.node || !table->def->del)
        fault = 9005; /* not an instance, or one of a table the ACS may not change */
    if (!fault)
        fault = table->def->del(ctx, &l.it.inst);
    if (!fault) {
        struct strbuf tpath = STRBUF_INIT;
        dm_table_path(table, &l.it.inst, &tpath);
        o->table = sb_detach(&tpath);
        o->entity = xstrdup(l.it.inst.key[l.it.inst.depth - 1]);
    }
    dm_lookup_release(&l);
    return fault;
}

/* Only once the instance is gone for good: until then its number and attributes stay its own. */
static void delete_done(struct rpc_call *c, void *arg)
{
    struct object_change *o = arg;
    cwmp_instance_forget(&c->agent->cwmp, o->table, o->entity);
    forget_attributes(&c->agent->cwmp, o->name);
    cwmp_notify_absorb(c->agent);
    agent_log(c->agent, LOG_NOTICE, "%%CWMP-5-CONFIG: DeleteObject %s by the ACS, key \"%s\"",
              o->name, o->key);
}

int rpc_delete_object(struct rpc_call *c)
{
    char *name, *key;
    int fault = object_args(c, &name, &key);
    struct object_change o = {.name = name, .key = key, .agent = c->agent};
    static const struct rpc_change_ops ops = {.apply = delete_apply, .done = delete_done};
    if (!fault) {
        scan_before(c);
        fault = rpc_change(c, NULL, key, &ops, &o);
    }
    if (!fault) {
        soap_start(c->w, "cwmp:DeleteObjectResponse");
        soap_elem(c->w, "Status", "0");
        soap_end(c->w);
        snprintf(c->summary, sizeof c->summary, "%s deleted", name);
    }
    free(o.table);
    free(o.entity);
    free(name);
    free(key);
    return fault;
}
