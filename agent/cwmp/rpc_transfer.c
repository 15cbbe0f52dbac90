/* The transfer methods: Download and Upload queue a transfer (saved before the answer, so that
 * a crash after the answer loses nothing) and answer Status 1: the transfer starts after the
 * session at the earliest and its TransferComplete follows. CancelTransfer, GetQueuedTransfers and
 * GetAllQueuedTransfers read and edit that queue. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "configuration.h"
#include "core.h"
#include "persist.h"
#include "rpc.h"
#include "transfer.h"
#include "xalloc.h"

#define URL_MAX     256
#define CRED_MAX    256
#define TARGET_MAX  256
#define MAX_DELAY_S (10u * 365u * 86400u) /* ten years: anything later is a mistake */

struct transfer_args {
    char *key, *file_type, *url, *user, *pass, *target;
    unsigned long size, delay;
};

static void args_free(struct transfer_args *t)
{
    free(t->key);
    free(t->file_type);
    free(t->url);
    free(t->user);
    free(t->pass);
    free(t->target);
}

static int fault_text(struct rpc_call *c, int code, const char *text)
{
    snprintf(c->fault_buf, sizeof c->fault_buf, "%s", text);
    c->fault_string = c->fault_buf;
    return code;
}

/* An unsignedInt argument. */
static int uint_arg(struct rpc_call *c, const char *name, unsigned long max, unsigned long *out)
{
    int fault = 0;
    char *t = rpc_arg(c, c->req->body, name, 16, &fault);
    if (!t)
        return fault_text(c, 9003, name);
    bool ok = xsd_parse_uint(t, max, out);
    free(t);
    if (!ok) {
        snprintf(c->fault_buf, sizeof c->fault_buf, "%s: not an unsignedInt up to %lu", name, max);
        c->fault_string = c->fault_buf;
        return 9003;
    }
    return 0;
}

static int string_arg(struct rpc_call *c, const char *name, size_t max, char **out)
{
    int fault = 0;
    *out = rpc_arg(c, c->req->body, name, max, &fault);
    if (*out)
        return 0;
    snprintf(c->fault_buf, sizeof c->fault_buf, "%s: missing or longer than %zu", name, max);
    c->fault_string = c->fault_buf;
    return fault;
}

static bool http_scheme(const char *url)
{
    return !strncasecmp(url, "http://", 7) || !strncasecmp(url, "https://", 8);
}

static int read_args(struct rpc_call *c, bool download, struct transfer_args *t)
{
    int f;
    if ((f = string_arg(c, "CommandKey", COMMAND_KEY_MAX, &t->key)) ||
        (f = string_arg(c, "FileType", FILE_TYPE_MAX, &t->file_type)) ||
        (f = string_arg(c, "URL", URL_MAX, &t->url)) ||
        (f = string_arg(c, "Username", CRED_MAX, &t->user)) ||
        (f = string_arg(c, "Password", CRED_MAX, &t->pass)))
        return f;
    if (download && ((f = uint_arg(c, "FileSize", 0xffffffffUL, &t->size)) ||
                     (f = string_arg(c, "TargetFileName", TARGET_MAX, &t->target))))
        return f;
    if ((f = uint_arg(c, "DelaySeconds", MAX_DELAY_S, &t->delay)))
        return f;
    /* SuccessURL and FailureURL are for a browser-driven download: cwmpd has no browser; they are
     * checked for length only when present. */
    if (download)
        for (const char *n = "SuccessURL"; n; n = strcmp(n, "SuccessURL") ? NULL : "FailureURL") {
            xmlNodePtr e = soap_child(c->req->body, n);
            char *v = e ? soap_text(e) : NULL;
            bool bad = v && strlen(v) > URL_MAX;
            free(v);
            if (bad)
                return fault_text(c, 9003, n);
        }
    if (!http_scheme(t->url))
        return fault_text(c, 9013, "only http:// and https:// URLs are supported");
    return 0;
}

static bool target_ok(const char *name)
{
    if (!*name)
        return true;
    if (name[0] == '.' || strchr(name, '/'))
        return false;
    for (const unsigned char *p = (const unsigned char *)name; *p; p++)
        if (*p < 0x20 || *p == 0x7f)
            return false;
    return true;
}

static int queue_transfer(struct rpc_call *c, bool download)
{
    struct agent *a = c->agent;
    struct transfer_args t = {0};
    int fault = read_args(c, download, &t);
    if (!fault && download && !a->running->cwmp.enable_download)
        fault = fault_text(c, 9001, "downloads are disabled (enable download in cwmp agent)");
    if (!fault && download && strcmp(t.file_type, FT_FIRMWARE) && strcmp(t.file_type, FT_WEB) &&
        strcmp(t.file_type, FT_CONFIG))
        fault = fault_text(c, 9003, "FileType: not supported for Download");
    if (!fault && !download && strcmp(t.file_type, FT_UP_CONFIG) && strcmp(t.file_type, FT_UP_LOG))
        fault = fault_text(c, 9003, "FileType: not supported for Upload");
    if (!fault && download && !target_ok(t.target))
        fault = fault_text(c, 9003, "TargetFileName: a file name of flash:, without a path");
    struct cwmp_transfer *tr = fault ? NULL : cwmp_transfer_new(&a->cwmp);
    if (!fault && !tr)
        fault = fault_text(c, 9004, "too many transfers queued");
    if (fault) {
        args_free(&t);
        return fault;
    }
    tr->download = download;
    tr->from_acs = true;
    snprintf(tr->command_key, sizeof tr->command_key, "%s", t.key);
    snprintf(tr->file_type, sizeof tr->file_type, "%s", t.file_type);
    tr->url = t.url;
    tr->username = t.user;
    tr->password = t.pass;
    tr->target = t.target ? t.target : xstrdup("");
    tr->file_size = t.size;
    tr->start_at = (long long)time(NULL) + (long long)t.delay;
    t.url = t.user = t.pass = t.target = NULL;
    args_free(&t);
    if (agent_save_cwmp_state(a) < 0) {
        cwmp_transfer_remove(&a->cwmp, tr->id);
        return 9002;
    }
    soap_start(c->w, download ? "cwmp:DownloadResponse" : "cwmp:UploadResponse");
    soap_elem(c->w, "Status", "1");
    char unknown[32];
    xsd_datetime(XSD_TIME_UNKNOWN, unknown);
    soap_elem(c->w, "StartTime", unknown);
    soap_elem(c->w, "CompleteTime", unknown);
    soap_end(c->w);
    snprintf(c->summary, sizeof c->summary, "%s queued (%s)", download ? "download" : "upload",
             tr->file_type);
    return 0;
}

int rpc_download(struct rpc_call *c)
{
    return queue_transfer(c, true);
}

int rpc_upload(struct rpc_call *c)
{
    return queue_transfer(c, false);
}

int rpc_cancel_transfer(struct rpc_call *c)
{
    int fault = 0;
    char *key = rpc_arg(c, c->req->body, "CommandKey", COMMAND_KEY_MAX, &fault);
    if (!key)
        return fault_text(c, fault, "CommandKey");
    struct cwmp_state *st = &c->agent->cwmp;
    size_t cancelled = 0, busy = 0;
    for (size_t i = st->ntransfers; i-- > 0;) {
        struct cwmp_transfer *tr = &st->transfers[i];
        if (!tr->from_acs || strcmp(tr->command_key, key) != 0)
            continue;
        if (tr->state == TRANSFER_QUEUED) {
            cwmp_transfer_remove(st, tr->id);
            cancelled++;
        } else {
            busy++;
        }
    }
    free(key);
    if (!cancelled)
        return busy ? fault_text(c, 9021, "the transfer is under way or complete")
                    : fault_text(c, 9003, "no transfer has this CommandKey");
    if (agent_save_cwmp_state(c->agent) < 0)
        return 9002;
    soap_start(c->w, "cwmp:CancelTransferResponse");
    soap_end(c->w);
    snprintf(c->summary, sizeof c->summary, "%zu cancelled", cancelled);
    agent_transfers_kick(c->agent);
    return 0;
}

static void queued_list(struct rpc_call *c, bool all)
{
    const struct cwmp_state *st = &c->agent->cwmp;
    size_t n = 0;
    for (size_t i = 0; i < st->ntransfers; i++)
        n += all || (st->transfers[i].from_acs && st->transfers[i].state != TRANSFER_DONE);
    soap_start(c->w,
               all ? "cwmp:GetAllQueuedTransfersResponse" : "cwmp:GetQueuedTransfersResponse");
    soap_start_array(c->w, "TransferList",
                     all ? "cwmp:AllQueuedTransferStruct" : "cwmp:QueuedTransferStruct", n);
    for (size_t i = 0; i < st->ntransfers; i++) {
        const struct cwmp_transfer *tr = &st->transfers[i];
        if (!all && (!tr->from_acs || tr->state == TRANSFER_DONE))
            continue;
        soap_start(c->w, all ? "AllQueuedTransferStruct" : "QueuedTransferStruct");
        soap_elem(c->w, "CommandKey", tr->command_key);
        soap_elemf(c->w, "State", "%d", (int)tr->state);
        if (all) {
            soap_elem(c->w, "IsDownload", tr->download ? "true" : "false");
            soap_elem(c->w, "FileType", tr->file_type);
            soap_elemf(c->w, "FileSize", "%llu", tr->file_size);
            soap_elem(c->w, "TargetFileName", tr->download && tr->target ? tr->target : "");
        }
        soap_end(c->w);
    }
    soap_end(c->w);
    soap_end(c->w);
    snprintf(c->summary, sizeof c->summary, "%zu transfer%s", n, n == 1 ? "" : "s");
}

int rpc_get_queued_transfers(struct rpc_call *c)
{
    queued_list(c, false);
    return 0;
}

int rpc_get_all_queued_transfers(struct rpc_call *c)
{
    queued_list(c, true);
    return 0;
}
