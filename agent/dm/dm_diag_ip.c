/* IPPingDiagnostics and TraceRouteDiagnostics (TR-098): two kinds of the ACS's diagnostics
 * (dm_diag.h) over the engine of the operator's ping and traceroute (diag.h). */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "diag.h"
#include "dm_diag.h"
#include "xalloc.h"

/* ---- the test parameters ---- */

/* Both kinds have these; a traceroute's count is NumberOfTries. */
struct ip_params {
    char iface[257]; /* Interface, as the ACS wrote it */
    char host[DIAG_HOST_MAX + 1];
    unsigned count, timeout_ms, size, dscp, max_hops;
};

/* IOS's ping: 5 echoes, 2 s each, a 100-byte datagram (72 bytes of ICMP data). */
static void ping_defaults(void *params)
{
    struct ip_params *p = params;
    *p = (struct ip_params){.count = 5, .timeout_ms = 2000, .size = 72};
}

/* TR-098's SHOULD values: 3 tries, 5000 ms, 38 bytes, 30 hops. */
static void trace_defaults(void *params)
{
    struct ip_params *p = params;
    *p = (struct ip_params){.count = 3, .timeout_ms = 5000, .size = 38, .max_hops = 30};
}

static bool has_host(const void *params)
{
    return ((const struct ip_params *)params)->host[0] != '\0';
}

/* ---- the results ---- */

struct ping_results {
    unsigned success, failure, avg, min, max;
};

struct hop_result {
    char addr[INET6_ADDRSTRLEN]; /* "" when no probe of the hop was answered */
    unsigned error;              /* the ICMP code that ended the trace here */
    char rtts[16 * 11];          /* the answered probes' round trips, in ms, comma separated */
};

struct trace_results {
    unsigned response_ms;
    size_t nhops;
    struct hop_result *hops;
};

static void ping_clear(struct dm_diag_slot *s)
{
    free(s->results);
    s->results = NULL;
}

static void trace_clear(struct dm_diag_slot *s)
{
    struct trace_results *r = s->results;
    if (r)
        free(r->hops);
    free(r);
    s->results = NULL;
}

/* ---- running them ---- */

static void on_started(void *arg, const struct diag_result *r)
{
    (void)arg;
    (void)r;
}

static void on_probe(void *arg, const struct diag_result *r, size_t hop, unsigned n,
                     const struct diag_probe *p)
{
    (void)arg;
    (void)r;
    (void)hop;
    (void)n;
    (void)p;
}

/* What a test that did not run through says, per the states each object lists: TraceRoute has
 * no Error_Internal or Error_Other, and a route that cannot be traced is one whose hops ran out. */
static const char *error_state(enum diag_kind kind, enum diag_status st)
{
    if (st == DIAG_ERR_RESOLVE)
        return "Error_CannotResolveHostName";
    if (kind == DIAG_TRACE)
        return "Error_MaxHopCountExceeded";
    return st == DIAG_ERR_INIT ? "Error_Internal" : "Error_Other";
}

static void ping_done(void *arg, const struct diag_result *r)
{
    struct dm_diag_slot *s = arg;
    struct agent *a = s->agent;
    if (r->status != DIAG_COMPLETE) {
        dm_diag_ended(a, s, error_state(DIAG_PING, r->status));
        return;
    }
    struct ping_results *pr = xcalloc(1, sizeof *pr);
    pr->success = r->success;
    pr->failure = r->sent - r->success;
    if (r->success) {
        pr->min = diag_ms(r->min_us);
        pr->max = diag_ms(r->max_us);
        pr->avg = diag_ms(r->sum_us / r->success);
    }
    s->results = pr;
    dm_diag_ended(a, s, "Complete");
}

static void trace_done(void *arg, const struct diag_result *r)
{
    struct dm_diag_slot *s = arg;
    struct agent *a = s->agent;
    struct trace_results *tr = xcalloc(1, sizeof *tr);
    s->results = tr;
    if (r->status != DIAG_COMPLETE && r->status != DIAG_ERR_MAXHOPS) {
        dm_diag_ended(a, s, error_state(DIAG_TRACE, r->status));
        return;
    }
    /* The hops stay readable after Error_MaxHopCountExceeded: they say how far the route went. */
    tr->hops = xcalloc(r->nhops ? r->nhops : 1, sizeof *tr->hops);
    tr->nhops = r->nhops;
    for (size_t i = 0; i < r->nhops; i++) {
        const struct diag_hop *h = &r->hops[i];
        struct hop_result *o = &tr->hops[i];
        if (h->has_addr)
            diag_addr_text(&h->addr, o->addr);
        o->error = (unsigned)h->error & 0xffu;
        size_t len = 0;
        uint64_t sum = 0;
        unsigned answered = 0;
        for (unsigned k = 0; k < h->nprobes && k < 16; k++) {
            if (h->probes[k].rtt_us < 0)
                continue;
            len += (size_t)snprintf(o->rtts + len, sizeof o->rtts - len, "%s%u", len ? "," : "",
                                    diag_ms((uint64_t)h->probes[k].rtt_us));
            sum += (uint64_t)h->probes[k].rtt_us;
            answered++;
        }
        if (i + 1 == r->nhops && r->reached && answered)
            tr->response_ms = diag_ms(sum / answered);
    }
    dm_diag_ended(a, s, r->status == DIAG_COMPLETE ? "Complete" : "Error_MaxHopCountExceeded");
}

static const char *start(struct agent *a, struct dm_diag_slot *s, enum diag_kind kind,
                         const struct diag_ops *ops)
{
    const struct ip_params *p = s->params;
    struct diag_params dp = {
        .kind = kind,
        .family = AF_UNSPEC,
        .count = p->count,
        .size = p->size,
        .timeout_ms = p->timeout_ms,
        .dscp = p->dscp,
        .ttl_min = 1,
        .ttl_max = p->max_hops,
    };
    snprintf(dp.host, sizeof dp.host, "%s", p->host);
    struct dm_ctx c = {.agent = a, .store = a->running, .state = &a->cwmp};
    /* The interface may have gone since the ACS named it. */
    if (!dm_diag_interface(&c, p->iface, dp.device, sizeof dp.device))
        return error_state(kind, DIAG_ERR_SOURCE);
    struct strbuf err = STRBUF_INIT;
    s->run = diag_start(a->diag, &dp, ops, s, &err);
    if (!s->run)
        agent_log(a, LOG_WARNING, "%%CWMP-4-DIAGNOSTICS: %s not started: %s", s->kind->object,
                  sb_str(&err));
    sb_free(&err);
    return s->run ? NULL : error_state(kind, DIAG_ERR_INIT);
}

static const char *ping_start(struct agent *a, struct dm_diag_slot *s)
{
    static const struct diag_ops ops = {on_started, on_probe, ping_done};
    return start(a, s, DIAG_PING, &ops);
}

static const char *trace_start(struct agent *a, struct dm_diag_slot *s)
{
    static const struct diag_ops ops = {on_started, on_probe, trace_done};
    return start(a, s, DIAG_TRACE, &ops);
}

/* Without a word back: the slot is being reset by the framework. */
static void cancel(struct agent *a, struct dm_diag_slot *s)
{
    if (s->run && a->diag)
        diag_cancel(a->diag, s->run, false);
    s->run = 0;
}

const struct dm_diag_kind dm_diag_ipping = {
    .object = "InternetGatewayDevice.IPPingDiagnostics.",
    .params_size = sizeof(struct ip_params),
    .defaults = ping_defaults,
    .start = ping_start,
    .cancel = cancel,
    .clear = ping_clear,
    .ready = has_host,
};

const struct dm_diag_kind dm_diag_traceroute = {
    .object = "InternetGatewayDevice.TraceRouteDiagnostics.",
    .params_size = sizeof(struct ip_params),
    .defaults = trace_defaults,
    .start = trace_start,
    .cancel = cancel,
    .clear = trace_clear,
    .ready = has_host,
};

/* ---- the data model ---- */

/* A parameter of a kind, by field: get and set of each, with the checks beyond the type's range
 * that the engine needs. */
static struct ip_params *params_of(struct dm_ctx *c, enum dm_diag_kind_id k)
{
    return dm_diag_params(c->agent, k);
}

static int set_iface(struct dm_ctx *c, enum dm_diag_kind_id k, const char *v)
{
    char linux_name[IF_NAMESIZE];
    if (!dm_diag_interface(c, v, linux_name, sizeof linux_name))
        return 9007;
    dm_diag_touched(c->agent, k);
    struct ip_params *p = params_of(c, k);
    snprintf(p->iface, sizeof p->iface, "%s", v);
    return 0;
}

static int set_host(struct dm_ctx *c, enum dm_diag_kind_id k, const char *v)
{
    if (strlen(v) > DIAG_HOST_MAX || strchr(v, ' '))
        return 9007;
    dm_diag_touched(c->agent, k);
    struct ip_params *p = params_of(c, k);
    snprintf(p->host, sizeof p->host, "%s", v);
    return 0;
}

/* The field by its offset: the params to change are known only once the write is staged. */
static int set_number(struct dm_ctx *c, enum dm_diag_kind_id k, size_t field, const char *v,
                      unsigned long max)
{
    unsigned long n = dm_ulong(v);
    if (max && n > max)
        return 9007;
    dm_diag_touched(c->agent, k);
    unsigned u = (unsigned)n;
    memcpy((char *)params_of(c, k) + field, &u, sizeof u);
    return 0;
}

#define KIND_FNS(pre, K)                                                                           \
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
    }                                                                                              \
    static int pre##_get_iface(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)     \
    {                                                                                              \
        (void)in;                                                                                  \
        sb_puts(out, params_of(c, K)->iface);                                                      \
        return 0;                                                                                  \
    }                                                                                              \
    static int pre##_set_iface(struct dm_ctx *c, const struct dm_inst *in, const char *v)          \
    {                                                                                              \
        (void)in;                                                                                  \
        return set_iface(c, K, v);                                                                 \
    }                                                                                              \
    static int pre##_get_host(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)      \
    {                                                                                              \
        (void)in;                                                                                  \
        sb_puts(out, params_of(c, K)->host);                                                       \
        return 0;                                                                                  \
    }                                                                                              \
    static int pre##_set_host(struct dm_ctx *c, const struct dm_inst *in, const char *v)           \
    {                                                                                              \
        (void)in;                                                                                  \
        return set_host(c, K, v);                                                                  \
    }

#define NUMBER_FNS(pre, K, field, max)                                                             \
    static int pre##_get_##field(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)   \
    {                                                                                              \
        (void)in;                                                                                  \
        sb_printf(out, "%u", params_of(c, K)->field);                                              \
        return 0;                                                                                  \
    }                                                                                              \
    static int pre##_set_##field(struct dm_ctx *c, const struct dm_inst *in, const char *v)        \
    {                                                                                              \
        (void)in;                                                                                  \
        return set_number(c, K, offsetof(struct ip_params, field), v, max);                        \
    }

KIND_FNS(ping, DM_DIAG_IPPING)
NUMBER_FNS(ping, DM_DIAG_IPPING, count, 0)
NUMBER_FNS(ping, DM_DIAG_IPPING, timeout_ms, DIAG_MAX_TIMEOUT)
NUMBER_FNS(ping, DM_DIAG_IPPING, size, DIAG_MAX_SIZE)
NUMBER_FNS(ping, DM_DIAG_IPPING, dscp, 63)
KIND_FNS(trace, DM_DIAG_TRACEROUTE)
NUMBER_FNS(trace, DM_DIAG_TRACEROUTE, count, 3)
NUMBER_FNS(trace, DM_DIAG_TRACEROUTE, timeout_ms, DIAG_MAX_TIMEOUT)
NUMBER_FNS(trace, DM_DIAG_TRACEROUTE, size, 65535)
NUMBER_FNS(trace, DM_DIAG_TRACEROUTE, dscp, 63)
NUMBER_FNS(trace, DM_DIAG_TRACEROUTE, max_hops, 64)

/* Results read 0 (or empty) until a test completes, as TR-098 leaves them indeterminate. */
static const struct ping_results *ping_results(struct dm_ctx *c)
{
    const struct dm_diag_slot *s = dm_diag_slot(c->agent, DM_DIAG_IPPING);
    static const struct ping_results none;
    return s->phase == DM_DIAG_ENDED && s->results ? s->results : &none;
}

#define PING_RESULT(field)                                                                         \
    static int get_##field(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)         \
    {                                                                                              \
        (void)in;                                                                                  \
        sb_printf(out, "%u", ping_results(c)->field);                                              \
        return 0;                                                                                  \
    }
PING_RESULT(success)
PING_RESULT(failure)
PING_RESULT(avg)
PING_RESULT(min)
PING_RESULT(max)

static const struct trace_results *trace_results(struct dm_ctx *c)
{
    const struct dm_diag_slot *s = dm_diag_slot(c->agent, DM_DIAG_TRACEROUTE);
    static const struct trace_results none;
    return s->phase == DM_DIAG_ENDED && s->results ? s->results : &none;
}

static int get_response(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)in;
    sb_printf(out, "%u", trace_results(c)->response_ms);
    return 0;
}

static int get_nhops(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)in;
    sb_printf(out, "%zu", trace_results(c)->nhops);
    return 0;
}

/* The hops are numbered by their place on the route (DMF_POSITIONAL: hop 1 is instance 1): the
 * registry of instance numbers is for entities that live on, and a hop lives until the next
 * test. */
static void list_hops(struct dm_ctx *c, const struct dm_inst *parent, struct dm_list *out)
{
    (void)parent;
    const struct trace_results *r = trace_results(c);
    for (size_t i = 0; i < r->nhops; i++) {
        char key[24];
        snprintf(key, sizeof key, "%zu", i + 1);
        dm_list_add(out, key, (void *)&r->hops[i]);
    }
}

static const struct hop_result *hop(const struct dm_inst *in)
{
    return in->obj[in->depth - 1];
}

static int get_hop_host(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)c;
    sb_puts(out, hop(in)->addr);
    return 0;
}

static int get_hop_error(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)c;
    sb_printf(out, "%u", hop(in)->error);
    return 0;
}

static int get_hop_rtts(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)c;
    sb_puts(out, hop(in)->rtts);
    return 0;
}

static const char *const ping_states[] = {
    "None",           "Requested",   "Complete", "Error_CannotResolveHostName",
    "Error_Internal", "Error_Other", NULL};
static const char *const trace_states[] = {
    "None", "Requested", "Complete", "Error_CannotResolveHostName", "Error_MaxHopCountExceeded",
    NULL};

#define PG        "InternetGatewayDevice.IPPingDiagnostics."
#define TR        "InternetGatewayDevice.TraceRouteDiagnostics."
#define SRC_TEST  "diagnostics: the ACS's test parameters (not configuration; kept until restart)"
#define SRC_PING  "diagnostics: the last ping test's result"
#define SRC_TRACE "diagnostics: the last traceroute's result"

#define PARAM(p, name, t, lo, hi, getter, setter)                                                  \
    {                                                                                              \
        .path = p name, .type = t, .flags = DMF_WRITABLE, .min = lo, .max = hi, .get = getter,     \
        .set = setter, .source = SRC_TEST                                                          \
    }
#define RESULT(p, name, t, getter, src)                                                            \
    {                                                                                              \
        .path = p name, .type = t, .active = DM_NOTIFY_CANDENY, .get = getter, .source = src       \
    }

const struct dm_def dm_diag_defs[] = {
    DM_OBJECT(PG, "diagnostics: the ping engine (as the ping command)"),
    {.path = PG "DiagnosticsState",
     .type = DMT_STRING,
     .flags = DMF_WRITABLE,
     .active = DM_NOTIFY_CANDENY,
     .values = ping_states,
     .get = ping_get_state,
     .set = ping_set_state,
     .verify = ping_verify_state,
     .source = "diagnostics: Requested starts a test once the session ends"},
    PARAM(PG, "Interface", DMT_STRING, 0, 256, ping_get_iface, ping_set_iface),
    PARAM(PG, "Host", DMT_STRING, 0, 256, ping_get_host, ping_set_host),
    PARAM(PG, "NumberOfRepetitions", DMT_UINT, 1, 4294967295LL, ping_get_count, ping_set_count),
    PARAM(PG, "Timeout", DMT_UINT, 1, 4294967295LL, ping_get_timeout_ms, ping_set_timeout_ms),
    PARAM(PG, "DataBlockSize", DMT_UINT, 1, 65535, ping_get_size, ping_set_size),
    PARAM(PG, "DSCP", DMT_UINT, 0, 63, ping_get_dscp, ping_set_dscp),
    RESULT(PG, "SuccessCount", DMT_UINT, get_success, SRC_PING),
    RESULT(PG, "FailureCount", DMT_UINT, get_failure, SRC_PING),
    RESULT(PG, "AverageResponseTime", DMT_UINT, get_avg, SRC_PING),
    RESULT(PG, "MinimumResponseTime", DMT_UINT, get_min, SRC_PING),
    RESULT(PG, "MaximumResponseTime", DMT_UINT, get_max, SRC_PING),

    DM_OBJECT(TR, "diagnostics: the traceroute engine (as the traceroute command)"),
    {.path = TR "DiagnosticsState",
     .type = DMT_STRING,
     .flags = DMF_WRITABLE,
     .active = DM_NOTIFY_CANDENY,
     .values = trace_states,
     .get = trace_get_state,
     .set = trace_set_state,
     .verify = trace_verify_state,
     .source = "diagnostics: Requested starts a test once the session ends"},
    PARAM(TR, "Interface", DMT_STRING, 0, 256, trace_get_iface, trace_set_iface),
    PARAM(TR, "Host", DMT_STRING, 0, 256, trace_get_host, trace_set_host),
    PARAM(TR, "NumberOfTries", DMT_UINT, 1, 3, trace_get_count, trace_set_count),
    PARAM(TR, "Timeout", DMT_UINT, 1, 4294967295LL, trace_get_timeout_ms, trace_set_timeout_ms),
    PARAM(TR, "DataBlockSize", DMT_UINT, 1, 65535, trace_get_size, trace_set_size),
    PARAM(TR, "DSCP", DMT_UINT, 0, 63, trace_get_dscp, trace_set_dscp),
    PARAM(TR, "MaxHopCount", DMT_UINT, 1, 64, trace_get_max_hops, trace_set_max_hops),
    RESULT(TR, "ResponseTime", DMT_UINT, get_response, SRC_TRACE),
    RESULT(TR, "RouteHopsNumberOfEntries", DMT_UINT, get_nhops, SRC_TRACE),
    {.path = TR "RouteHops.",
     .type = DMT_OBJECT,
     .flags = DMF_POSITIONAL,
     .list = list_hops,
     .source = SRC_TRACE},
    DM_OBJECT(TR "RouteHops.{i}.", SRC_TRACE),
    RESULT(TR, "RouteHops.{i}.HopHost", DMT_STRING, get_hop_host, SRC_TRACE ": the address"),
    RESULT(TR, "RouteHops.{i}.HopHostAddress", DMT_STRING, get_hop_host, SRC_TRACE),
    RESULT(TR, "RouteHops.{i}.HopErrorCode", DMT_UINT, get_hop_error, SRC_TRACE),
    RESULT(TR, "RouteHops.{i}.HopRTTimes", DMT_STRING, get_hop_rtts, SRC_TRACE),
};
const size_t dm_diag_def_count = sizeof dm_diag_defs / sizeof dm_diag_defs[0];
