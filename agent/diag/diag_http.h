/* TR-143's throughput tests (DownloadDiagnostics and UploadDiagnostics) on cwmpd's loop.
 *
 * A client (the data model's DownloadDiagnostics and UploadDiagnostics) hands a test to
 * diag_http_start: a download GETs the URL and counts the body, which is dropped as it arrives
 * (never stored: the memory does not grow with the size); an upload PUTs length bytes made as they
 * are sent. One test runs at a time, downloads and uploads alike, the others wait in the order
 * they were asked: two throughput tests at once would each measure a share of the link.
 *
 * The times are UTC, in microseconds since the epoch, as TR-143 defines them (how each is taken
 * is in diag_http.c and cwmpd(8)); 0 when the test did not reach that point. Only http: URLs
 * are taken: TR-143 over HTTP, no TLS, no authentication (TR-143 forbids it), no redirect. */
#ifndef CWMP_DIAG_HTTP_H
#define CWMP_DIAG_HTTP_H

#include <net/if.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "strbuf.h"

struct loop;
struct diag_http;

enum diag_http_kind {
    DIAG_HTTP_DOWNLOAD,
    DIAG_HTTP_UPLOAD,
};

#define DIAG_HTTP_URL_MAX 1024
/* The idle limit when the client gives none: as long as a file transfer waits for a byte. */
#define DIAG_HTTP_IDLE_MS 60000u

struct diag_http_params {
    enum diag_http_kind kind;
    char url[DIAG_HTTP_URL_MAX + 1];
    char device[IF_NAMESIZE]; /* the Linux interface the test is bound to; "" the route's */
    unsigned dscp;            /* 0-63 */
    unsigned priority;        /* EthernetPriority, 0-7 (the socket's priority, SO_PRIORITY) */
    uint64_t length;          /* upload: TestFileLength */
    unsigned timeout_ms;      /* the whole test; 0: no limit */
    unsigned idle_ms;         /* no byte moved for this long ends the test; 0: DIAG_HTTP_IDLE_MS */
};

/* The end of a test: TR-143's DiagnosticsState values, the union of TR-098's and TR-181's. Which
 * of them an object may show is the data model's business (TR-098's UploadDiagnostics has no
 * Error_TransferFailed: an upload the server refuses is Error_NoTransferComplete). */
enum diag_http_status {
    DIAG_HTTP_RUNNING = 0,
    DIAG_HTTP_COMPLETE,
    DIAG_HTTP_CANCELLED,
    DIAG_HTTP_ERR_INIT_CONNECTION, /* no connection: refused, unreachable, name unknown, bind */
    DIAG_HTTP_ERR_NO_RESPONSE,     /* connected, but no answer came (closed or timed out) */
    DIAG_HTTP_ERR_TRANSFER_FAILED, /* download: an answer other than 2xx, or a broken transfer */
    DIAG_HTTP_ERR_PASSWORD_REQUEST,
    DIAG_HTTP_ERR_LOGIN,
    DIAG_HTTP_ERR_NO_TRANSFER_MODE,
    DIAG_HTTP_ERR_NO_PASV,
    DIAG_HTTP_ERR_INCORRECT_SIZE, /* download: the body ended before its Content-Length */
    DIAG_HTTP_ERR_TIMEOUT,        /* the answer began, then the time ran out */
    DIAG_HTTP_ERR_NO_CWD,
    DIAG_HTTP_ERR_NO_STOR,
    DIAG_HTTP_ERR_NO_TRANSFER_COMPLETE, /* upload: the server did not confirm it (not 2xx) */
    DIAG_HTTP_ERR_INTERNAL,             /* cwmpd could not start the test */
    DIAG_HTTP_ERR_OTHER,
};

struct diag_http_result {
    enum diag_http_status status;
    long http_status;             /* the status line's code, 0 when none came */
    char detail[256];             /* why it failed, in words (libcurl's), "" on success */
    int64_t rom_us;               /* ROMTime */
    int64_t bom_us;               /* BOMTime */
    int64_t eom_us;               /* EOMTime */
    int64_t tcp_open_request_us;  /* TCPOpenRequestTime */
    int64_t tcp_open_response_us; /* TCPOpenResponseTime */
    uint64_t test_bytes_received; /* the answer: headers and body */
    uint64_t test_bytes_sent;     /* the request: headers and body */
    uint64_t body_bytes;          /* download: of the body; upload: of the file sent */
    /* The interface's kernel counters, from ROMTime to EOMTime: its whole traffic, the test's and
     * any other. has_totals is false when the interface is unknown or has no counters. */
    bool has_totals;
    char device[IF_NAMESIZE]; /* the interface they were read from */
    uint64_t total_bytes_received;
    uint64_t total_bytes_sent;
};

struct diag_http_ops {
    /* The test ended (r->status); the result is the engine's and goes after the call. */
    void (*done)(void *arg, const struct diag_http_result *r);
};

struct diag_http *diag_http_new(struct loop *loop);
/* Cancels every test without calling back. */
void diag_http_free(struct diag_http *e);

/* Checks the parameters (the reason in err) and queues the test; returns its id (> 0) or 0.
 * Callbacks never run inside diag_http_start. */
unsigned diag_http_start(struct diag_http *e, const struct diag_http_params *p,
                         const struct diag_http_ops *ops, void *arg, struct strbuf *err);
/* Stops a test, queued or running. With notify its done callback runs (DIAG_HTTP_CANCELLED, the
 * counts so far) before diag_http_cancel returns; without, nothing more is called. */
void diag_http_cancel(struct diag_http *e, unsigned id, bool notify);
/* The tests waiting behind the running one. */
size_t diag_http_queued(const struct diag_http *e);

/* TR-143's name of a status: "Completed", "Error_InitConnectionFailed", ... ("None" for a test
 * still running or cancelled). */
const char *diag_http_status_name(enum diag_http_status s);
/* A time as TR-143 writes it, UTC to the microsecond: "2008-04-09T15:01:05.123456Z";
 * "0001-01-01T00:00:00Z" (TR-106's unknown time) for 0. */
void diag_http_time(int64_t us, char out[32]);

#endif
