/* The door of dm/ (other rooms include this header only).
 *
 * The InternetGatewayDevice data model (TR-098) as a schema table over the configuration store.
 *
 * Each entry of the table (dm_*.c) names a path pattern ("InternetGatewayDevice.LANDevice.{i}.
 * LANHostConfigManagement.MinAddress"), its type and access, its notification defaults, and the
 * functions that read and write it from the store or the platform. Tables ({i}) list the entities
 * behind their instances (interfaces, NAT rules, pools); the instance numbers come from the
 * persistent registry of the CWMP state, so they never change and are never reused. The ACS's
 * SetParameterValues and the operator's commands change the same store: the values are the same
 * values. */
#ifndef CWMP_DM_H
#define CWMP_DM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "strbuf.h"

struct agent;
struct config_store;
struct cwmp_state;

#define DM_ROOT      "InternetGatewayDevice."
#define DM_MAX_DEPTH 6   /* {i} levels in one path */
#define DM_PATH_MAX  256 /* parameter names, as CWMP limits them */

enum dm_type {
    DMT_OBJECT,
    DMT_STRING,
    DMT_INT,
    DMT_UINT,
    DMT_BOOL,
    DMT_DATETIME,
    DMT_BASE64,
    DMT_ULONG,
};

/* How the ACS may set a parameter's notification (TR-098 activeNotify). */
enum dm_active {
    DM_NOTIFY_NORMAL,
    DM_NOTIFY_CANDENY,       /* the CPE may refuse active notification (9009) */
    DM_NOTIFY_FORCED,        /* always active: any other value is refused */
    DM_NOTIFY_FORCE_DEFAULT, /* active unless the ACS says otherwise */
};

#define DMF_WRITABLE 0x01u /* parameters: SetParameterValues; tables: AddObject/DeleteObject */
#define DMF_FORCED   0x02u /* forced inform: in every Inform */
#define DMF_HIDDEN   0x04u /* reads back empty (passwords) */
/* Tables: instance i is the list's ith entry, not a number of the registry. For results that the
 * next test replaces whole (TraceRouteDiagnostics.RouteHops: hop 1 is instance 1 every time). */
#define DMF_POSITIONAL 0x08u

/* Where a parameter sits: the instance numbers on its path, and the entity behind each. */
struct dm_inst {
    int depth;
    unsigned num[DM_MAX_DEPTH];
    const char *key[DM_MAX_DEPTH]; /* the entity's stable key (an interface name...) */
    void *obj[DM_MAX_DEPTH];       /* the entity itself, valid while the walk lasts */
};

/* What a data-model function works on. */
struct dm_memo;
struct dm_ctx {
    struct agent *agent;
    struct config_store *store; /* the store to read or change (a working copy during SPV) */
    struct cwmp_state *state;
    struct dm_memo *memo; /* what this request has listed and read already; NULL: nothing kept */
};

/* One request's memory (dm_memo_begin to dm_memo_end): each table is listed once, however many
 * of its instances the request names, and live data (interface counters) is read once, so that
 * ten thousand names cost what one walk of the tree costs, and every value of the answer comes
 * from the same reading. What it holds points into the store: a change of the store (a set
 * function, AddObject) must be followed by dm_memo_forget. */
void dm_memo_begin(struct dm_ctx *c);
void dm_memo_forget(struct dm_ctx *c);
void dm_memo_end(struct dm_ctx *c);
/* A memo kept longer, by its owner: across the reads of one CWMP session while nothing else ran
 * (GenieACS reads a tree in batches of 32 names: each would list the same tables again). Its
 * live data is the request's only (dm_memo_forget_live after each). */
struct dm_memo *dm_memo_new(void);
void dm_memo_free(struct dm_memo *m);
void dm_memo_clear(struct dm_memo *m);
void dm_memo_forget_live(struct dm_memo *m);
/* A block of size bytes kept under key for the request (zeroed when new: *fresh is then true, and
 * the caller fills it); NULL without a memo. */
void *dm_memo_datum(struct dm_ctx *c, const char *key, size_t size, bool *fresh);

/* One instance of a table, as the table's list function reports it. */
struct dm_entry {
    const char *key; /* owned by the list */
    void *obj;
    unsigned num; /* its instance number, once the walk or lookup has numbered the list */
};
struct dm_key_block;
struct dm_list {
    struct dm_entry *v;
    size_t n, cap;
    /* The keys' copies, packed in blocks that never move (a table of ten thousand port mappings
     * costs two allocations a few kilobytes each, not ten thousand). */
    struct dm_key_block *keys;
};
void dm_list_add(struct dm_list *l, const char *key, void *obj);
void dm_list_free(struct dm_list *l);

/* A parameter's value; returns 0, or a CWMP fault code (9002). */
typedef int (*dm_get_fn)(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out);
/* Sets a parameter from its (type-checked) text; returns 0, or a fault code (9007...). */
typedef int (*dm_set_fn)(struct dm_ctx *c, const struct dm_inst *in, const char *value);
/* The entities of a table under the given parent instances. */
typedef void (*dm_list_fn)(struct dm_ctx *c, const struct dm_inst *parent, struct dm_list *out);
/* Creates an entity for AddObject; sets *key; returns 0 or a fault code. */
typedef int (*dm_add_fn)(struct dm_ctx *c, const struct dm_inst *parent, struct strbuf *key);
/* Deletes the entity of an instance; returns 0 or a fault code. */
typedef int (*dm_del_fn)(struct dm_ctx *c, const struct dm_inst *in);
/* The minimum seconds between two active notifications of a parameter (see dm_def.notify_limit). */
typedef unsigned long (*dm_limit_fn)(struct dm_ctx *c);
/* Checks a parameter again once every value of the request is set (see dm_def.verify); returns 0
 * or the fault code of this parameter. */
typedef int (*dm_verify_fn)(struct dm_ctx *c, const struct dm_inst *in);
/* A condition on the instances of a path (see dm_def.present and dm_def.forced_if). */
typedef bool (*dm_cond_fn)(struct dm_ctx *c, const struct dm_inst *in);

struct dm_def {
    const char *path;
    enum dm_type type;
    unsigned flags;
    enum dm_active active;
    int notify;                /* default notification: 0, 1, 2 */
    long long min, max;        /* numbers: the range; strings: max is the length limit (0: none) */
    const char *const *values; /* strings: the allowed values, NULL-terminated, or NULL */
    dm_get_fn get;
    dm_set_fn set;
    dm_list_fn list; /* tables ("X.{i}.") */
    dm_add_fn add;
    dm_del_fn del;
    /* A value that is fine alone but may clash with the rest of the configuration (two port
     * mappings on one port): SetParameterValues asks once the whole request is applied, so that
     * the order of its parameters does not matter (two mappings may swap their ports). */
    dm_verify_fn verify;
    const char *source; /* what backs it, for `show cwmp map` */
    /* An object that TR-098 allows zero or one of (minEntries 0, maxEntries 1, no {i}), such as
     * WANEthernetInterfaceConfig beside WANDSLInterfaceConfig: it and everything below it exist
     * only where this returns true. NULL: always there. */
    dm_cond_fn present;
    /* Forced inform for some instances only: TR-098 flags ExternalIPAddress forcedInform in every
     * connection object, but only the default connection's belongs in the Inform. */
    dm_cond_fn forced_if;
    /* A parameter whose active notifications are spaced out (TR-098's
     * ManageableDeviceNotificationLimit for ManageableDeviceNumberOfEntries): a change seen sooner
     * than this many seconds after the last one notified waits, unreported, until then. NULL or 0:
     * no limit. */
    dm_limit_fn notify_limit;
};

/* The compiled tree. */
struct dm_node {
    char *name; /* a path segment, "{i}" for instances */
    size_t name_len;
    const struct dm_def *def;
    struct dm_node *parent;
    struct dm_node **kids;
    size_t nkids, capkids;
    struct dm_node *instance; /* the "{i}" child of a table */
    char *pattern;            /* full pattern path of this node */
    unsigned self, below;     /* DM_MARK_* of the node, and of it and everything below */
    unsigned index;           /* in struct dm's nodes, in the order of a walk */
    unsigned depth;           /* the instance numbers on its path ({i} in pattern) */
    size_t pattern_len;
};

/* Marks that let a walk skip the subtrees it has no business in. */
#define DM_MARK_FORCED 0x1u /* a forced-inform parameter (always or for some instances) */
#define DM_MARK_NOTIFY 0x2u /* a parameter notified by default */

struct dm {
    struct dm_node *root; /* "InternetGatewayDevice." */
    const struct dm_def *defs;
    size_t ndefs;
    const struct dm_node **nodes; /* every node by its index */
    size_t nnodes, capnodes;
};

/* Builds the tree from every dm_*.c table. Returns NULL with err set on a bad table. */
struct dm *dm_new(struct strbuf *err);
void dm_free(struct dm *d);

/* One parameter or object found by a walk or a lookup. */
struct dm_item {
    const struct dm_node *node;
    struct dm_inst inst;
    const char *path; /* the concrete path, "InternetGatewayDevice.LANDevice.1.X" */
};

/* Walks everything below (and including) path: a full parameter name gives just that
 * parameter, a partial path ending in "." the object and everything below it, "" the whole model.
 * With next_level, only the object's children (GetParameterNames NextLevel=true). visit returns
 * non-zero to stop the walk (which is then returned). Returns 9005 when the path names nothing. */
typedef int (*dm_visit_fn)(void *arg, struct dm_ctx *c, const struct dm_item *it);
int dm_walk(struct dm *d, struct dm_ctx *c, const char *path, bool next_level, bool objects,
            dm_visit_fn visit, void *arg);

/* Walks only the parameters carrying one of the marks (and the subtrees that hold them): the
 * Inform's forced parameters, the notification scan's default-notified ones. */
int dm_walk_marked(struct dm *d, struct dm_ctx *c, unsigned marks, dm_visit_fn visit, void *arg);

/* Looks up one concrete path (parameter or object); returns 0 with *it filled (its path points
 * to a buffer of the caller's, path_buf of DM_PATH_MAX + 1) or 9005. The lists taken for the
 * lookup are freed by dm_item_release. */
struct dm_lookup {
    struct dm_item it;
    struct dm_memo *own; /* the lists of a lookup made without the request's memo */
    char path[DM_PATH_MAX + 1];
};
int dm_lookup(struct dm *d, struct dm_ctx *c, const char *path, struct dm_lookup *l);
void dm_lookup_release(struct dm_lookup *l);

/* Whether a parameter belongs in every Inform: DMF_FORCED ones, and those whose forced_if holds
 * for this instance (the default WAN connection's ExternalIPAddress). */
bool dm_forced_inform(struct dm_ctx *c, const struct dm_item *it);

/* The value of a parameter, as GetParameterValues reports it (hidden ones read empty). */
int dm_value(struct dm_ctx *c, const struct dm_item *it, struct strbuf *out);
/* Checks a value against a parameter's type and limits; 0 or 9007 (9006 for a type mismatch is
 * the caller's: it knows the xsi:type). */
int dm_check_value(const struct dm_def *def, const char *value);
const char *dm_xsd_type(enum dm_type t);
/* The table path of an instance node's table ("InternetGatewayDevice.LANDevice.") for the
 * instance registry, with the parent instances filled in. */
void dm_table_path(const struct dm_node *table, const struct dm_inst *in, struct strbuf *out);
/* The same for a path pattern: each {i} replaced by the instance number at its level. */
void dm_pattern_path(const char *pattern, const struct dm_inst *in, struct strbuf *out);
/* A node's concrete path with the given instance numbers (node->depth of them), and its length
 * without writing it. */
void dm_node_path(const struct dm_node *n, const unsigned *num, struct strbuf *out);
size_t dm_node_path_len(const struct dm_node *n, const unsigned *num);

/* The profiles DeviceSummary claims (dm_device.c), NULL-terminated. */
extern const char *const dm_profiles[];
/* The ACS's diagnostics (IPPingDiagnostics, TraceRouteDiagnostics; dm_diag.c). A
 * SetParameterValues stages what it writes to them; dm_diag_settle applies it when the whole
 * request applied (applied) or forgets it. dm_diag_kick starts the requested tests when no
 * session runs (TR-098: after the session that asked); their end raises diagnostics_done.
 * dm_diag_free stops them, without a word back. */
void dm_diag_settle(struct agent *a, bool applied);
void dm_diag_kick(struct agent *a);
void dm_diag_free(struct agent *a);

/* Getters of fixed values, shared by the tables. */
int dm_get_empty(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out);
int dm_get_zero(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out);
int dm_get_one(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out);
int dm_get_true(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out);
int dm_get_false(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out);
/* Setters of parameters TR-098 makes writable but that no IOS command can change here (a
 * connection that is always on, resolvers that are always used): the value they read is accepted
 * and changes nothing, any other is refused with 9007 rather than kept where no command shows it.
 */
int dm_set_only_true(struct dm_ctx *c, const struct dm_inst *in, const char *value);
int dm_set_only_false(struct dm_ctx *c, const struct dm_inst *in, const char *value);
int dm_set_only_zero(struct dm_ctx *c, const struct dm_inst *in, const char *value);

#endif
