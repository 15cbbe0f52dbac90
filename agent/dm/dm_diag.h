/* The framework of the ACS's diagnostics (dm_diag.c) and the kinds that plug into it
 * (dm_diag_ip.c: IPPingDiagnostics and TraceRouteDiagnostics; dm_diag_tr143.c: TR-143's Download
 * and Upload).
 *
 * Every kind is one object of the data model with a DiagnosticsState, writable test parameters
 * and read-only results. The framework owns what TR-098 says of all of them alike: Requested is
 * the only value the ACS may write; the test starts once no session runs; writing a test
 * parameter while it is requested or running cancels it (None); the end of a test owes the ACS
 * "8 DIAGNOSTICS COMPLETE"; a SetParameterValues that fails changes nothing. A kind says how to
 * run its test and what its results read; the framework's accessors and the macros below give
 * each kind the functions of its data-model rows. */
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

/* The engine that runs a kind's tests: the framework stops a running test through it. */
enum dm_diag_engine {
    DM_DIAG_ENGINE_ICMP, /* diag.h: ping and traceroute */
    DM_DIAG_ENGINE_HTTP, /* diag_http.h: TR-143's throughput tests */
};

/* What a kind tells the framework. params is the kind's own struct of test parameters (plain
 * data: the framework copies it to stage a SetParameterValues); results is the kind's too. */
struct dm_diag_kind {
    const char *object; /* "InternetGatewayDevice.IPPingDiagnostics." */
    size_t params_size;
    void (*defaults)(void *params);
    /* Starts the test of the slot's params: 0 once it runs (its end comes through
     * dm_diag_ended), else the DiagnosticsState of the error that kept it from starting. */
    const char *(*start)(struct agent *a, struct dm_diag_slot *s);
    enum dm_diag_engine engine;
    /* Forgets the results (a new request, a parameter written); NULL: they are one block. */
    void (*clear)(struct dm_diag_slot *s);
    /* The offset in params of the string a test needs (Host, the URL): a request while it is
     * empty is refused (9007). */
    size_t required;
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

/* DiagnosticsState of any kind (DM_DIAG_STATE_FNS makes a kind's functions of them). */
int dm_diag_get_state(struct dm_ctx *c, enum dm_diag_kind_id k, struct strbuf *out);
int dm_diag_set_state(struct dm_ctx *c, enum dm_diag_kind_id k, const char *v);
int dm_diag_verify_state(struct dm_ctx *c, enum dm_diag_kind_id k);

/* A test parameter of a kind, by the offset of its field in the kind's params (the params to
 * change are known only once the write is staged): a string of cap bytes or an unsigned. A
 * setter checks what the type's range does not (max: 0 for none) and marks the kind touched. */
int dm_diag_get_text(struct dm_ctx *c, enum dm_diag_kind_id k, size_t field, struct strbuf *out);
int dm_diag_set_text(struct dm_ctx *c, enum dm_diag_kind_id k, size_t field, size_t cap,
                     const char *v);
int dm_diag_get_uint(struct dm_ctx *c, enum dm_diag_kind_id k, size_t field, struct strbuf *out);
int dm_diag_set_uint(struct dm_ctx *c, enum dm_diag_kind_id k, size_t field, unsigned long max,
                     const char *v);
/* Interface: refused (9007) unless it names a LAN IPInterface or a WAN connection. */
int dm_diag_set_iface(struct dm_ctx *c, enum dm_diag_kind_id k, size_t field, size_t cap,
                      const char *v);

/* A kind's results as its result parameters read them: none until a test ends (TR-098 leaves
 * them indeterminate; they read 0 or empty), and after a request or a write forgot them. */
const void *dm_diag_results(struct dm_ctx *c, enum dm_diag_kind_id k, const void *none);

/* For a kind's start: the Linux interface of its Interface value (false when the interface has
 * gone since the ACS named it), and whether the engine took the test (s->run): a refusal is
 * logged with the engine's reason, err freed. */
bool dm_diag_device(struct agent *a, const char *iface, char *linux_name, size_t cap);
bool dm_diag_started(struct agent *a, struct dm_diag_slot *s, struct strbuf *err);

/* The Linux interface behind an Interface value (a LAN IPInterface or a WAN connection path,
 * with or without its final dot): true with linux_name set ("" for an empty value), false when
 * the path names no such interface. */
bool dm_diag_interface(struct dm_ctx *c, const char *path, char *linux_name, size_t cap);

/* ---- the rows of a kind's object ----
 *
 * A data-model function knows its parameter only by itself: each kind and field needs functions
 * of its own. These make them over the accessors above, named pre_get_x and pre_set_x. */

#define DM_DIAG_STATE_FNS(pre, K)                                                                  \
    static int pre##_get_state(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)     \
    {                                                                                              \
        (void)in;                                                                                  \
        return dm_diag_get_state(c, K, out);                                                       \
    }                                                                                              \
    static int pre##_set_state(struct dm_ctx *c, const struct dm_inst *in, const char *v)          \
    {                                                                                              \
        (void)in;                                                                                  \
        return dm_diag_set_state(c, K, v);                                                         \
    }                                                                                              \
    static int pre##_verify_state(struct dm_ctx *c, const struct dm_inst *in)                      \
    {                                                                                              \
        (void)in;                                                                                  \
        return dm_diag_verify_state(c, K);                                                         \
    }

/* A string field of the params struct type; setter is dm_diag_set_text, dm_diag_set_iface or a
 * kind's own check in front of dm_diag_set_text. */
#define DM_DIAG_TEXT_FNS(pre, K, type, field, setter)                                              \
    static int pre##_get_##field(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)   \
    {                                                                                              \
        (void)in;                                                                                  \
        return dm_diag_get_text(c, K, offsetof(type, field), out);                                 \
    }                                                                                              \
    static int pre##_set_##field(struct dm_ctx *c, const struct dm_inst *in, const char *v)        \
    {                                                                                              \
        (void)in;                                                                                  \
        return setter(c, K, offsetof(type, field), sizeof((type *)0)->field, v);                   \
    }

#define DM_DIAG_UINT_FNS(pre, K, type, field, max)                                                 \
    static int pre##_get_##field(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)   \
    {                                                                                              \
        (void)in;                                                                                  \
        return dm_diag_get_uint(c, K, offsetof(type, field), out);                                 \
    }                                                                                              \
    static int pre##_set_##field(struct dm_ctx *c, const struct dm_inst *in, const char *v)        \
    {                                                                                              \
        (void)in;                                                                                  \
        return dm_diag_set_uint(c, K, offsetof(type, field), max, v);                              \
    }

#define DM_DIAG_SRC_TEST                                                                           \
    "diagnostics: the ACS's test parameters (not configuration; kept until restart)"

/* The rows: DiagnosticsState (of DM_DIAG_STATE_FNS), a test parameter, a result. */
#define DM_DIAG_STATE(obj, states, pre)                                                            \
    {                                                                                              \
        .path = obj "DiagnosticsState", .type = DMT_STRING, .flags = DMF_WRITABLE,                 \
        .active = DM_NOTIFY_CANDENY, .values = states, .get = pre##_get_state,                     \
        .set = pre##_set_state, .verify = pre##_verify_state,                                      \
        .source = "diagnostics: Requested starts a test once the session ends"                     \
    }
#define DM_DIAG_PARAM(obj, name, t, lo, hi, getter, setter)                                        \
    {                                                                                              \
        .path = obj name, .type = t, .flags = DMF_WRITABLE, .min = lo, .max = hi, .get = getter,   \
        .set = setter, .source = DM_DIAG_SRC_TEST                                                  \
    }
#define DM_DIAG_RESULT(obj, name, t, getter, src)                                                  \
    {                                                                                              \
        .path = obj name, .type = t, .active = DM_NOTIFY_CANDENY, .get = getter, .source = src     \
    }

extern const struct dm_diag_kind dm_diag_ipping, dm_diag_traceroute;
extern const struct dm_diag_kind dm_diag_download, dm_diag_upload; /* dm_diag_tr143.c */

#endif
