/* The CPE's RPC methods: each reads its request from the parsed envelope and writes its response,
 * or returns a CWMP fault code (with per-parameter details where the method has them). */
#ifndef CWMP_RPC_H
#define CWMP_RPC_H

#include <stdbool.h>
#include <stddef.h>

#include "soap.h"

struct agent;
struct dm_ctx;
struct config_store;

/* Limits on what one request may ask (fault 9004 beyond them): parameter names in one request.
 * An answer costs a few bytes of memory a parameter (rpc_results.h) and a name about a hundred
 * while the request lasts, and the request size limit bounds them too: twice the largest tree
 * measured (100,000 parameters, read by name in one request). */
#define RPC_MAX_NAMES 200000

struct rpc_call {
    struct agent *agent;
    const struct soap_msg *req;
    struct soap_writer *w; /* begun (envelope and Body open) in namespace ns */
    /* The session's memo of the tables the reads listed (dm.h), valid on entry; NULL: the
     * request lists them for itself. Only the read methods use it. */
    struct dm_memo *memo;
    int ns; /* the request's namespace, or the session's when it names none */
    /* A fault's details: written inside cwmp:Fault when the method fails. */
    void (*fault_extra)(struct soap_writer *w, void *arg);
    void *fault_arg;
    void (*fault_free)(void *arg);
    const char *fault_string; /* a more precise text than the code's standard one */
    char fault_buf[256];      /* room for a fault_string the method composes */
    /* What the engine must do when the session ends. */
    bool reboot;
    bool factory_reset;
    /* One line for `debug cwmp`: what the method did ("12 parameters"). */
    char summary[128];
    /* A method that answers later (X_00000C_ShowStatus waiting for a ping) sets pending and
     * returns 0 with nothing written; the session then waits, and the method calls
     * finished(finished_arg) once its response is written to w (the call, w and req stay valid
     * until then; req only until the method returns). When the session ends first, it calls
     * cancel(work) instead, and the method says nothing more. */
    bool pending;
    void (*finished)(void *finished_arg);
    void *finished_arg;
    void (*cancel)(void *work);
    void *work;
};

/* Answers one ACS request: the response, or a SOAP Fault. Returns the fault code (0: none). */
int rpc_dispatch(struct rpc_call *call);

/* The methods, in the order GetRPCMethods lists them, with what answers each. */
struct rpc_method {
    const char *name;
    int (*fn)(struct rpc_call *c);
};
extern const struct rpc_method rpc_methods[];
extern const size_t rpc_method_count;

/* The parameter methods (rpc_params.c) and the object methods (rpc_objects.c). */
int rpc_get_parameter_values(struct rpc_call *c);
int rpc_get_parameter_names(struct rpc_call *c);
int rpc_set_parameter_values(struct rpc_call *c);
int rpc_get_parameter_attributes(struct rpc_call *c);
int rpc_set_parameter_attributes(struct rpc_call *c);
int rpc_add_object(struct rpc_call *c);
int rpc_delete_object(struct rpc_call *c);
/* Cisco's vendor methods (rpc_vendor.c): IOS configuration lines and show commands. */
int rpc_x_set_configuration(struct rpc_call *c);
int rpc_x_show_status(struct rpc_call *c);

/* The transfer methods (rpc_transfer.c): Download, Upload, CancelTransfer, GetQueuedTransfers,
 * GetAllQueuedTransfers. */
int rpc_download(struct rpc_call *c);
int rpc_upload(struct rpc_call *c);
int rpc_cancel_transfer(struct rpc_call *c);
int rpc_get_queued_transfers(struct rpc_call *c);
int rpc_get_all_queued_transfers(struct rpc_call *c);

/* The transaction of every change the ACS makes (SetParameterValues, AddObject, DeleteObject,
 * X_00000C_SetConfiguration). apply() makes the change on ctx->store, a working copy, and returns
 * a fault (0: none); *keep set with a fault: what applied stays all the same, committed with the
 * ParameterKey unchanged. The change is then committed with key (config_txn_commit) and done()
 * called, when given, for what goes with it outside the configuration; when the commit fails,
 * undo(), when given, takes back what apply() changed outside it. startup: NULL to change the
 * running configuration, else the startup-config's store to change instead (given to the
 * transaction). Returns 0, apply's fault, or 9002 when the change could not be saved: nothing
 * changed then, the ParameterKey included. */
struct rpc_change_ops {
    int (*apply)(struct rpc_call *c, struct dm_ctx *ctx, void *arg, bool *keep);
    void (*done)(struct rpc_call *c, void *arg);
    void (*undo)(void *arg);
};
int rpc_change(struct rpc_call *c, struct config_store *startup, const char *key,
               const struct rpc_change_ops *ops, void *arg);

/* Helpers the methods share. */
void rpc_ctx(struct rpc_call *c, struct dm_ctx *ctx);
/* A child's text, bounded: NULL (and *fault 9003) when missing or longer than max. */
char *rpc_arg(struct rpc_call *c, xmlNodePtr parent, const char *name, size_t max, int *fault);

#endif
