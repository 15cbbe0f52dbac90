/* The framework of the ACS's diagnostics (dm_diag.c) and the kinds that plug into it
 * (dm_diag_ip.c: IPPingDiagnostics and TraceRouteDiagnostics; TR-143's Download and Upload next).
 *
 * Every kind is one object of the data model with a DiagnosticsState, writable test parameters
 * and read-only results. The framework owns what TR-098 says of all of them alike: Requested is
 * the only value the ACS may write; the test starts once no session runs; writing a test
 * parameter while it is requested or running cancels it (None); the end of a test owes the ACS
 * "8 DIAGNOSTICS COMPLETE"; a SetParameterValues that fails changes nothing. A kind says how to
 * run its test and what its results read. */
#ifndef CWMP_DM_DIAG_H
#define CWMP_DM_DIAG_H

#include <stdbool.h>
#include <stddef.h>

#include "dm_util.h"

enum dm_diag_kind_id {
    DM_DIAG_IPPING,
    DM_DIAG_TRACEROUTE,
    DM_DIAG_DOWNLOAD, /* TR-143's, dm_diag_tr143.c */
    DM_DIAG_UPLOAD,
    DM_DIAG_KINDS,
};

enum dm_diag_phase {
    DM_DIAG_NONE,      /* never run, cancelled, or forgotten by a restart */
    DM_DIAG_REQUESTED, /* waiting for the session to end */
    DM_DIAG_RUNNING,   /* handed to its engine (still "Requested" to the ACS) */
    DM_DIAG_ENDED,     /* the outcome says how */
};

struct dm_diag_slot;

/* What a kind tells the framework. params is the kind's own struct of test parameters (plain
 * data: the framework copies it to stage a SetParameterValues); results is the kind's too. */
struct dm_diag_kind {
    const char *object; /* "InternetGatewayDevice.IPPingDiagnostics." */
    size_t params_size;
    void (*defaults)(void *params);
    /* Starts the test of the slot's params: 0 once it runs (its end comes through
     * dm_diag_ended), else the DiagnosticsState of the error that kept it from starting. */
    const char *(*start)(struct agent *a, struct dm_diag_slot *s);
    /* Stops a running test without a word back. */
    void (*cancel)(struct agent *a, struct dm_diag_slot *s);
    /* Forgets the results (a new request, a parameter written). */
    void (*clear)(struct dm_diag_slot *s);
    /* Whether the params allow a test (a Host is set): a request without is refused (9007). */
    bool (*ready)(const void *params);
};

struct dm_diag_slot {
    const struct dm_diag_kind *kind;
    struct agent *agent;
    enum dm_diag_phase phase;
    const char *outcome; /* DM_DIAG_ENDED: "Complete" or an Error_ value */
    void *params;
    void *results;
    unsigned run; /* the engine's id of the running test (the slot is its callbacks' argument) */
};

/* The slot of a kind; its params as a SetParameterValues sees them (staged while it runs). */
struct dm_diag_slot *dm_diag_slot(struct agent *a, enum dm_diag_kind_id k);
void *dm_diag_params(struct agent *a, enum dm_diag_kind_id k);
/* A test parameter was written: the framework cancels what is requested or running when the
 * request is applied. */
void dm_diag_touched(struct agent *a, enum dm_diag_kind_id k);
/* A kind's test ended with outcome (its results filled): 8 DIAGNOSTICS COMPLETE is owed. */
void dm_diag_ended(struct agent *a, struct dm_diag_slot *s, const char *outcome);

/* DiagnosticsState of any kind (the kind in the row's data: see DM_DIAG_STATE). */
int dm_diag_get_state(struct dm_ctx *c, enum dm_diag_kind_id k, struct strbuf *out);
int dm_diag_set_state(struct dm_ctx *c, enum dm_diag_kind_id k, const char *v);
int dm_diag_verify_state(struct dm_ctx *c, enum dm_diag_kind_id k);

/* The Linux interface behind an Interface value (a LAN IPInterface or a WAN connection path,
 * with or without its final dot): true with linux_name set ("" for an empty value), false when
 * the path names no such interface. */
bool dm_diag_interface(struct dm_ctx *c, const char *path, char *linux_name, size_t cap);

extern const struct dm_diag_kind dm_diag_ipping, dm_diag_traceroute;
extern const struct dm_diag_kind dm_diag_download, dm_diag_upload; /* dm_diag_tr143.c */

#endif
