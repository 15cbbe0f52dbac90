/* DownloadDiagnostics and UploadDiagnostics (TR-143, as TR-098 defines the objects): two kinds
 * of the ACS's diagnostics (dm_diag.h) over the HTTP throughput engine (diag_http.h). Both share
 * the engine's one queue: a download and an upload never measure the link at once. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "diag.h"
#include "dm_diag.h"
#include "xalloc.h"

/* ---- the test parameters ---- */

/* TR-098 bounds the URL to 256 characters, below the engine's own limit. */
#define URL_MAX 256

struct http_params {
    char iface[257];       /* Interface, as the ACS wrote it */
    char url[URL_MAX + 1]; /* DownloadURL or UploadURL */
    unsigned dscp, priority;
    unsigned length; /* upload: TestFileLength */
};

static void defaults(void *params)
{
    struct http_params *p = params;
    *p = (struct http_params){0};
}

/* A whole test is bounded as the ICMP tests are (an hour); the engine's idle limit (a minute
 * without a byte) ends a stalled one sooner. */
#define TEST_TIMEOUT_MS DIAG_MAX_TIMEOUT

/* ---- the outcome ---- */

/* The states each object lists (TR-098 1.8). The engine names the union of TR-098's and TR-181's:
 * what an object does not list is mapped to its closest state below. */
static const char *const download_states[] = {
    "None",
    "Requested",
    "Completed",
    "Error_InitConnectionFailed",
    "Error_NoResponse",
    "Error_TransferFailed",
    "Error_PasswordRequestFailed",
    "Error_LoginFailed",
    "Error_NoTransferMode",
    "Error_NoPASV",
    "Error_IncorrectSize",
    "Error_Timeout",
    NULL,
};
static const char *const upload_states[] = {
    "None",
    "Requested",
    "Completed",
    "Error_InitConnectionFailed",
    "Error_NoResponse",
    "Error_PasswordRequestFailed",
    "Error_LoginFailed",
    "Error_NoTransferMode",
    "Error_NoPASV",
    "Error_NoCWD",
    "Error_NoSTOR",
    "Error_NoTransferComplete",
    NULL,
};

static bool listed(const char *const *states, const char *s)
{
    for (size_t i = 0; states[i]; i++)
        if (!strcmp(states[i], s))
            return true;
    return false;
}

/* Neither object has Error_Internal or Error_Other: a test cwmpd could not set up never opened a
 * connection (InitConnectionFailed); anything else unnamed failed the transfer, which is
 * TransferFailed for a download and NoTransferComplete for an upload (whose list has neither
 * TransferFailed, IncorrectSize nor Timeout). */
static const char *outcome(enum diag_http_kind kind, enum diag_http_status st)
{
    const char *const *states = kind == DIAG_HTTP_DOWNLOAD ? download_states : upload_states;
    const char *name = diag_http_status_name(st);
    if (st != DIAG_HTTP_RUNNING && st != DIAG_HTTP_CANCELLED && listed(states, name))
        return name;
    if (st == DIAG_HTTP_ERR_INTERNAL)
        return "Error_InitConnectionFailed";
    return kind == DIAG_HTTP_DOWNLOAD ? "Error_TransferFailed" : "Error_NoTransferComplete";
}

/* The engine's kind of a slot: both objects share the functions below. */
static enum diag_http_kind http_kind(const struct dm_diag_slot *s)
{
    return s->kind == &dm_diag_download ? DIAG_HTTP_DOWNLOAD : DIAG_HTTP_UPLOAD;
}

static void done(void *arg, const struct diag_http_result *r)
{
    struct dm_diag_slot *s = arg;
    /* The times and counts stay readable after an error: they say how far the test went. */
    struct diag_http_result *copy = xmalloc(sizeof *copy);
    *copy = *r;
    free(s->results);
    s->results = copy;
    dm_diag_ended(s->agent, s, outcome(http_kind(s), r->status));
}

static const char *start(struct agent *a, struct dm_diag_slot *s)
{
    static const struct diag_http_ops ops = {done};
    enum diag_http_kind kind = http_kind(s);
    const struct http_params *p = s->params;
    struct diag_http_params hp = {
        .kind = kind,
        .dscp = p->dscp,
        .priority = p->priority,
        .length = p->length,
        .timeout_ms = TEST_TIMEOUT_MS,
    };
    snprintf(hp.url, sizeof hp.url, "%s", p->url);
    /* An interface gone since the ACS named it: no connection can be made by it. */
    if (!dm_diag_device(a, p->iface, hp.device, sizeof hp.device))
        return "Error_InitConnectionFailed";
    if (!a->diag_http)
        return outcome(kind, DIAG_HTTP_ERR_INTERNAL);
    struct strbuf err = STRBUF_INIT;
    s->run = diag_http_start(a->diag_http, &hp, &ops, s, &err);
    return dm_diag_started(a, s, &err) ? NULL : outcome(kind, DIAG_HTTP_ERR_INTERNAL);
}

/* The two objects differ only by their path: the engine's kind is the slot's (http_kind). */
#define HTTP_KIND(path)                                                                            \
    {                                                                                              \
        .object = path, .params_size = sizeof(struct http_params), .defaults = defaults,           \
        .start = start, .engine = DM_DIAG_ENGINE_HTTP,                                             \
        .required = offsetof(struct http_params, url),                                             \
    }
const struct dm_diag_kind dm_diag_download =
    HTTP_KIND("InternetGatewayDevice.DownloadDiagnostics.");
const struct dm_diag_kind dm_diag_upload = HTTP_KIND("InternetGatewayDevice.UploadDiagnostics.");

/* ---- the data model ---- */

/* Capabilities.PerformanceDiagnostic says HTTP alone: an ftp: URL (or anything but http:) is
 * refused when written rather than failing after the session. Empty is the default, allowed. */
static int set_url(struct dm_ctx *c, enum dm_diag_kind_id k, size_t field, size_t cap,
                   const char *v)
{
    if (*v && (strncasecmp(v, "http://", 7) != 0 || !v[7] || strpbrk(v, " \t\r\n")))
        return 9007;
    return dm_diag_set_text(c, k, field, cap, v);
}

#define HTTP_FNS(pre, K)                                                                           \
    DM_DIAG_STATE_FNS(pre, K)                                                                      \
    DM_DIAG_TEXT_FNS(pre, K, struct http_params, iface, dm_diag_set_iface)                         \
    DM_DIAG_TEXT_FNS(pre, K, struct http_params, url, set_url)                                     \
    DM_DIAG_UINT_FNS(pre, K, struct http_params, dscp, 0)                                          \
    DM_DIAG_UINT_FNS(pre, K, struct http_params, priority, 0)

/* The ranges are the types' (DSCP 0-63, EthernetPriority 0-7): the engine takes them all. */
HTTP_FNS(dl, DM_DIAG_DOWNLOAD)
HTTP_FNS(ul, DM_DIAG_UPLOAD)
DM_DIAG_UINT_FNS(ul, DM_DIAG_UPLOAD, struct http_params, length, 0)

/* The last test's result; zeros (and TR-106's unknown time) before any test, after a request or
 * a write forgot it. */
static const struct diag_http_result *results(struct dm_ctx *c, enum dm_diag_kind_id k)
{
    static const struct diag_http_result none;
    return dm_diag_results(c, k, &none);
}

/* The counts are unsignedInt: a test past 4 GiB reads the largest value rather than wrapping. */
static void put_count(struct strbuf *out, uint64_t n)
{
    sb_printf(out, "%llu", (unsigned long long)(n > UINT32_MAX ? UINT32_MAX : n));
}

static void put_time(struct strbuf *out, int64_t us)
{
    char t[32];
    diag_http_time(us, t);
    sb_puts(out, t);
}

#define TIME_RESULT(pre, K, name, field)                                                           \
    static int pre##_get_##name(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)    \
    {                                                                                              \
        (void)in;                                                                                  \
        put_time(out, results(c, K)->field);                                                       \
        return 0;                                                                                  \
    }
#define COUNT_RESULT(pre, K, name, field)                                                          \
    static int pre##_get_##name(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)    \
    {                                                                                              \
        (void)in;                                                                                  \
        put_count(out, results(c, K)->field);                                                      \
        return 0;                                                                                  \
    }

/* The times both objects have. */
#define TIMES(pre, K)                                                                              \
    TIME_RESULT(pre, K, rom, rom_us)                                                               \
    TIME_RESULT(pre, K, bom, bom_us)                                                               \
    TIME_RESULT(pre, K, eom, eom_us)                                                               \
    TIME_RESULT(pre, K, tcp_req, tcp_open_request_us)                                              \
    TIME_RESULT(pre, K, tcp_resp, tcp_open_response_us)

TIMES(dl, DM_DIAG_DOWNLOAD)
COUNT_RESULT(dl, DM_DIAG_DOWNLOAD, test_rx, test_bytes_received)
COUNT_RESULT(dl, DM_DIAG_DOWNLOAD, total_rx, total_bytes_received)
TIMES(ul, DM_DIAG_UPLOAD)
COUNT_RESULT(ul, DM_DIAG_UPLOAD, total_tx, total_bytes_sent)

/* Only HTTP: the engine takes http: URLs alone (no FTP client in cwmpd). */
static int get_transports(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)c;
    (void)in;
    sb_puts(out, "HTTP");
    return 0;
}

#define DL     "InternetGatewayDevice.DownloadDiagnostics."
#define UL     "InternetGatewayDevice.UploadDiagnostics."
#define CAP    "InternetGatewayDevice.Capabilities."
#define SRC_DL "diagnostics: the last download test's result (TR-143)"
#define SRC_UL "diagnostics: the last upload test's result (TR-143)"

#define PARAM  DM_DIAG_PARAM
#define RESULT DM_DIAG_RESULT

const struct dm_def dm_diag_tr143_defs[] = {
    DM_OBJECT(CAP, "constants: what this build of cwmpd can do"),
    DM_OBJECT(CAP "PerformanceDiagnostic.", "constants: the TR-143 tests' transports"),
    {.path = CAP "PerformanceDiagnostic.DownloadTransports",
     .type = DMT_STRING,
     .get = get_transports,
     .source = "constant: HTTP (no FTP client)"},
    {.path = CAP "PerformanceDiagnostic.UploadTransports",
     .type = DMT_STRING,
     .get = get_transports,
     .source = "constant: HTTP (no FTP client)"},

    DM_OBJECT(DL, "diagnostics: the HTTP throughput engine (TR-143), one test at a time"),
    DM_DIAG_STATE(DL, download_states, dl),
    PARAM(DL, "Interface", DMT_STRING, 0, 256, dl_get_iface, dl_set_iface),
    PARAM(DL, "DownloadURL", DMT_STRING, 0, URL_MAX, dl_get_url, dl_set_url),
    PARAM(DL, "DSCP", DMT_UINT, 0, 63, dl_get_dscp, dl_set_dscp),
    PARAM(DL, "EthernetPriority", DMT_UINT, 0, 7, dl_get_priority, dl_set_priority),
    RESULT(DL, "ROMTime", DMT_DATETIME, dl_get_rom, SRC_DL),
    RESULT(DL, "BOMTime", DMT_DATETIME, dl_get_bom, SRC_DL),
    RESULT(DL, "EOMTime", DMT_DATETIME, dl_get_eom, SRC_DL),
    RESULT(DL, "TestBytesReceived", DMT_UINT, dl_get_test_rx, SRC_DL),
    RESULT(DL, "TotalBytesReceived", DMT_UINT, dl_get_total_rx, SRC_DL ": interface counters"),
    RESULT(DL, "TCPOpenRequestTime", DMT_DATETIME, dl_get_tcp_req, SRC_DL),
    RESULT(DL, "TCPOpenResponseTime", DMT_DATETIME, dl_get_tcp_resp, SRC_DL),

    DM_OBJECT(UL, "diagnostics: the HTTP throughput engine (TR-143), one test at a time"),
    DM_DIAG_STATE(UL, upload_states, ul),
    PARAM(UL, "Interface", DMT_STRING, 0, 256, ul_get_iface, ul_set_iface),
    PARAM(UL, "UploadURL", DMT_STRING, 0, URL_MAX, ul_get_url, ul_set_url),
    PARAM(UL, "DSCP", DMT_UINT, 0, 63, ul_get_dscp, ul_set_dscp),
    PARAM(UL, "EthernetPriority", DMT_UINT, 0, 7, ul_get_priority, ul_set_priority),
    PARAM(UL, "TestFileLength", DMT_UINT, 0, 4294967295LL, ul_get_length, ul_set_length),
    RESULT(UL, "ROMTime", DMT_DATETIME, ul_get_rom, SRC_UL),
    RESULT(UL, "BOMTime", DMT_DATETIME, ul_get_bom, SRC_UL),
    RESULT(UL, "EOMTime", DMT_DATETIME, ul_get_eom, SRC_UL),
    RESULT(UL, "TotalBytesSent", DMT_UINT, ul_get_total_tx, SRC_UL ": interface counters"),
    RESULT(UL, "TCPOpenRequestTime", DMT_DATETIME, ul_get_tcp_req, SRC_UL),
    RESULT(UL, "TCPOpenResponseTime", DMT_DATETIME, ul_get_tcp_resp, SRC_UL),
};
const size_t dm_diag_tr143_def_count = sizeof dm_diag_tr143_defs / sizeof dm_diag_tr143_defs[0];
