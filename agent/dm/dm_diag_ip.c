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

static const char *start(struct agent *a, struct dm_diag_slot *s)
{
    static const struct diag_ops ping_ops = {on_started, on_probe, ping_done};
    static const struct diag_ops trace_ops = {on_started, on_probe, trace_done};
    bool ping = s->kind == &dm_diag_ipping;
    enum diag_kind kind = ping ? DIAG_PING : DIAG_TRACE;
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
    /* The interface may have gone since the ACS named it. */
    if (!dm_diag_device(a, p->iface, dp.device, sizeof dp.device))
        return error_state(kind, DIAG_ERR_SOURCE);
    struct strbuf err = STRBUF_INIT;
    s->run = diag_start(a->diag, &dp, ping ? &ping_ops : &trace_ops, s, &err);
    return dm_diag_started(a, s, &err) ? NULL : error_state(kind, DIAG_ERR_INIT);
}

const struct dm_diag_kind dm_diag_ipping = {
    .object = "InternetGatewayDevice.IPPingDiagnostics.",
    .params_size = sizeof(struct ip_params),
    .defaults = ping_defaults,
    .start = start,
    .engine = DM_DIAG_ENGINE_ICMP,
    .required = offsetof(struct ip_params, host),
};

const struct dm_diag_kind dm_diag_traceroute = {
    .object = "InternetGatewayDevice.TraceRouteDiagnostics.",
    .params_size = sizeof(struct ip_params),
    .defaults = trace_defaults,
    .start = start,
    .engine = DM_DIAG_ENGINE_ICMP,
    .clear = trace_clear,
    .required = offsetof(struct ip_params, host),
};

/* ---- the data model ---- */

/* A Host the engine can take: no longer than it holds, one word. */
static int set_host(struct dm_ctx *c, enum dm_diag_kind_id k, size_t field, size_t cap,
                    const char *v)
{
    if (strlen(v) > DIAG_HOST_MAX || strchr(v, ' '))
        return 9007;
    return dm_diag_set_text(c, k, field, cap, v);
}

#define IP_FNS(pre, K)                                                                             \
    DM_DIAG_STATE_FNS(pre, K)                                                                      \
    DM_DIAG_TEXT_FNS(pre, K, struct ip_params, iface, dm_diag_set_iface)                           \
    DM_DIAG_TEXT_FNS(pre, K, struct ip_params, host, set_host)                                     \
    DM_DIAG_UINT_FNS(pre, K, struct ip_params, timeout_ms, DIAG_MAX_TIMEOUT)                       \
    DM_DIAG_UINT_FNS(pre, K, struct ip_params, dscp, 63)

IP_FNS(ping, DM_DIAG_IPPING)
DM_DIAG_UINT_FNS(ping, DM_DIAG_IPPING, struct ip_params, count, 0)
DM_DIAG_UINT_FNS(ping, DM_DIAG_IPPING, struct ip_params, size, DIAG_MAX_SIZE)
IP_FNS(trace, DM_DIAG_TRACEROUTE)
DM_DIAG_UINT_FNS(trace, DM_DIAG_TRACEROUTE, struct ip_params, count, 3)
DM_DIAG_UINT_FNS(trace, DM_DIAG_TRACEROUTE, struct ip_params, size, 65535)
DM_DIAG_UINT_FNS(trace, DM_DIAG_TRACEROUTE, struct ip_params, max_hops, 64)

/* Results read 0 (or empty) until a test completes, as TR-098 leaves them indeterminate. */
static const struct ping_results *ping_results(struct dm_ctx *c)
{
    static const struct ping_results none;
    return dm_diag_results(c, DM_DIAG_IPPING, &none);
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
    static const struct trace_results none;
    return dm_diag_results(c, DM_DIAG_TRACEROUTE, &none);
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
#define SRC_PING  "diagnostics: the last ping test's result"
#define SRC_TRACE "diagnostics: the last traceroute's result"

#define PARAM  DM_DIAG_PARAM
#define RESULT DM_DIAG_RESULT

const struct dm_def dm_diag_defs[] = {
    DM_OBJECT(PG, "diagnostics: the ping engine (as the ping command)"),
    DM_DIAG_STATE(PG, ping_states, ping),
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
    DM_DIAG_STATE(TR, trace_states, trace),
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
