/* TR-143's download and upload tests: one libcurl transfer at a time on the loop, through
 * libcurl's multi "socket" interface.
 *
 * The HTTP client sessions of httpclient/ are not used: they keep one connection and a cookie jar
 * for a conversation, follow redirects and answer authentication challenges, and write a
 * download to a file. A throughput test wants the opposite: a fresh connection each time (its
 * opening is measured), no authentication and no redirect (TR-143), the body dropped as it
 * arrives, and hooks that the sessions do not offer: the socket's DSCP and priority, the
 * interface it is bound to, and the moments its connection opens and its request leaves. So the
 * engine holds its own multi handle; the glue to the loop is the same as the sessions'.
 *
 * How each time is taken (the wall clock, CLOCK_REALTIME, read in libcurl's callbacks, which run
 * as the event happens since libcurl calls them from the loop's dispatch of the socket):
 * - TCPOpenRequestTime: CURLOPT_SOCKOPTFUNCTION, called between the socket's creation and its
 *   connect() (the SYN). With several addresses tried, the last socket's.
 * - TCPOpenResponseTime: TCPOpenRequestTime plus the handshake's length as libcurl measured it
 *   (CURLINFO_CONNECT_TIME_T less CURLINFO_NAMELOOKUP_TIME_T, both from the same start).
 * - ROMTime: CURLOPT_PREREQFUNCTION, called once the connection is up and just before the request
 *   (GET or PUT) is written to it.
 * - download BOMTime: the status line of the answer arriving (the first header callback): the
 *   first packet of the answer, since TestBytesReceived counts the headers from BOMTime on.
 *   EOMTime: the last piece of the answer (body or, for an empty body, header) handed over.
 * - upload BOMTime: libcurl asking for the file's first bytes (the read callback), which it sends
 *   at once; EOMTime: the status line of the server's answer arriving.
 * TestBytesReceived counts the answer's headers and body as libcurl hands them (the body
 * undecoded: no Accept-Encoding is sent); TestBytesSent is the request's headers
 * (CURLINFO_REQUEST_SIZE) and the body sent. TotalBytesReceived and TotalBytesSent are the
 * interface's kernel counters (/sys/class/net/IF/statistics) read at ROMTime and after EOMTime;
 * the interface is the bound one or, without binding, the one holding the connection's local
 * address.
 *
 * What is parsed comes from libcurl (the status line's code, the header lines' first bytes) and
 * the kernel (the counters): no text of the server's is parsed here. */
#include "diag_http.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <ifaddrs.h>
#include <inttypes.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>

#include "loop.h"
#include "xalloc.h"

/* The file an upload sends: a pattern that no link compresses away, made as it is sent. */
#define PATTERN_PERIOD 251u

struct job {
    struct diag_http *e;
    unsigned id;
    struct diag_http_params p;
    struct diag_http_ops ops;
    void *arg;
    struct diag_http_result r;
    struct job *next; /* in the queue */
    CURL *easy;
    struct curl_slist *headers;
    char errbuf[CURL_ERROR_SIZE];
    bool sent;       /* the request went out (ROMTime) */
    bool answered;   /* a status line came */
    uint64_t offset; /* upload: the bytes of the file handed to libcurl */
    uint64_t rx0, tx0;
};

struct diag_http {
    struct loop *loop;
    CURLM *multi;             /* made at the first test */
    struct loop_timer *timer; /* libcurl's */
    struct loop_timer *kick;  /* starts the next test from the loop */
    unsigned next_id;
    struct job *running;
    struct job *head; /* waiting, in order */
};

static int64_t wall_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* --- the interface's counters --- */

static bool read_counter(const char *dev, const char *name, uint64_t *v)
{
    char path[96];
    snprintf(path, sizeof path, "/sys/class/net/%s/statistics/%s", dev, name);
    FILE *f = fopen(path, "re");
    if (!f)
        return false;
    bool ok = fscanf(f, "%" SCNu64, v) == 1;
    fclose(f);
    return ok;
}

static bool read_counters(const char *dev, uint64_t *rx, uint64_t *tx)
{
    return dev[0] && read_counter(dev, "rx_bytes", rx) && read_counter(dev, "tx_bytes", tx);
}

/* The interface holding a local address (libcurl's text of it). */
static bool device_of(const char *ip, char dev[IF_NAMESIZE])
{
    struct in6_addr a6;
    struct in_addr a4;
    int family = inet_pton(AF_INET, ip, &a4) == 1    ? AF_INET
                 : inet_pton(AF_INET6, ip, &a6) == 1 ? AF_INET6
                                                     : AF_UNSPEC;
    struct ifaddrs *list;
    if (family == AF_UNSPEC || getifaddrs(&list) < 0)
        return false;
    bool found = false;
    for (struct ifaddrs *i = list; i && !found; i = i->ifa_next) {
        if (!i->ifa_addr || i->ifa_addr->sa_family != family)
            continue;
        if (family == AF_INET)
            found = ((struct sockaddr_in *)i->ifa_addr)->sin_addr.s_addr == a4.s_addr;
        else
            found = memcmp(&((struct sockaddr_in6 *)i->ifa_addr)->sin6_addr, &a6, sizeof a6) == 0;
        if (found)
            snprintf(dev, IF_NAMESIZE, "%s", i->ifa_name);
    }
    freeifaddrs(list);
    return found;
}

/* --- libcurl's callbacks --- */

static int sockopt_cb(void *clientp, curl_socket_t fd, curlsocktype purpose)
{
    struct job *j = clientp;
    if (purpose != CURLSOCKTYPE_IPCXN)
        return CURL_SOCKOPT_OK;
    int family = AF_UNSPEC;
    socklen_t len = sizeof family;
    getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &family, &len);
    int tos = (int)(j->p.dscp << 2);
    if (tos && family == AF_INET && setsockopt(fd, IPPROTO_IP, IP_TOS, &tos, sizeof tos) < 0)
        return CURL_SOCKOPT_ERROR;
    if (tos && family == AF_INET6 &&
        setsockopt(fd, IPPROTO_IPV6, IPV6_TCLASS, &tos, sizeof tos) < 0)
        return CURL_SOCKOPT_ERROR;
    /* The priority that VLAN egress maps to 802.1p; where it does not apply, or the kernel
     * refuses it (7 needs CAP_NET_ADMIN), the test runs without: "if applicable", TR-143 says. */
    int prio = (int)j->p.priority;
    if (prio)
        (void)setsockopt(fd, SOL_SOCKET, SO_PRIORITY, &prio, sizeof prio);
    j->r.tcp_open_request_us = wall_us();
    return CURL_SOCKOPT_OK;
}

static int prereq_cb(void *clientp, char *primary_ip, char *local_ip, int primary_port,
                     int local_port)
{
    (void)primary_ip;
    (void)primary_port;
    (void)local_port;
    struct job *j = clientp;
    if (j->p.device[0])
        snprintf(j->r.device, sizeof j->r.device, "%s", j->p.device);
    else if (!device_of(local_ip, j->r.device))
        j->r.device[0] = '\0';
    j->r.has_totals = read_counters(j->r.device, &j->rx0, &j->tx0);
    j->sent = true;
    j->r.rom_us = wall_us();
    return CURL_PREREQFUNC_OK;
}

static size_t header_cb(char *data, size_t size, size_t n, void *userp)
{
    struct job *j = userp;
    size_t len = size * n;
    int64_t now = wall_us();
    /* An interim answer (100 Continue) is not the answer: the status line that counts is the
     * last one, which libcurl hands after it. */
    if (len >= 5 && strncmp(data, "HTTP/", 5) == 0) {
        /* "HTTP/1.1 200 OK": the three digits after the first space, read within the line. */
        const char *sp = memchr(data, ' ', len);
        long code = 0;
        for (size_t i = sp ? (size_t)(sp - data) + 1 : len; i < len && code < 1000; i++) {
            if (data[i] < '0' || data[i] > '9')
                break;
            code = code * 10 + (data[i] - '0');
        }
        if (code >= 200 || code == 0) {
            j->answered = true;
            if (j->p.kind == DIAG_HTTP_DOWNLOAD) {
                j->r.bom_us = now;
                j->r.test_bytes_received = 0;
            } else {
                j->r.eom_us = now;
            }
        }
    }
    j->r.test_bytes_received += len;
    if (j->p.kind == DIAG_HTTP_DOWNLOAD)
        j->r.eom_us = now;
    return len;
}

/* The body is counted and dropped: nothing of it stays. */
static size_t write_cb(char *data, size_t size, size_t n, void *userp)
{
    (void)data;
    struct job *j = userp;
    size_t len = size * n;
    j->r.test_bytes_received += len;
    /* An upload's answer may carry a body: it is counted as received, but the upload's
     * EOMTime is its status line, and its body_bytes the file's. */
    if (j->p.kind == DIAG_HTTP_DOWNLOAD) {
        j->r.body_bytes += len;
        j->r.eom_us = wall_us();
    }
    return len;
}

static size_t read_cb(char *buf, size_t size, size_t n, void *userp)
{
    struct job *j = userp;
    size_t want = size * n;
    if (j->offset == 0 && j->r.bom_us == 0)
        j->r.bom_us = wall_us();
    uint64_t rest = j->p.length - j->offset;
    if (want > rest)
        want = (size_t)rest;
    unsigned b = (unsigned)(j->offset % PATTERN_PERIOD);
    for (size_t i = 0; i < want; i++) {
        buf[i] = (char)b;
        if (++b == PATTERN_PERIOD)
            b = 0;
    }
    j->offset += want;
    return want;
}

/* libcurl sends the file once: a PUT is never sent again (no redirect, no challenge), so a
 * rewind only happens before a byte has gone. */
static int seek_cb(void *userp, curl_off_t offset, int origin)
{
    struct job *j = userp;
    if (origin != SEEK_SET || offset < 0 || (uint64_t)offset > j->p.length)
        return CURL_SEEKFUNC_CANTSEEK;
    j->offset = (uint64_t)offset;
    return CURL_SEEKFUNC_OK;
}

/* --- the loop's glue --- */

static void check_done(struct diag_http *e);

static unsigned to_loop_events(int what)
{
    return (what & CURL_POLL_IN ? LOOP_READ : 0u) | (what & CURL_POLL_OUT ? LOOP_WRITE : 0u);
}

static void on_socket(struct loop *loop, int fd, unsigned events, void *arg)
{
    (void)loop;
    struct diag_http *e = arg;
    int mask =
        (events & LOOP_READ ? CURL_CSELECT_IN : 0) | (events & LOOP_WRITE ? CURL_CSELECT_OUT : 0);
    int running;
    curl_multi_socket_action(e->multi, fd, mask, &running);
    check_done(e);
}

static int socket_cb(CURL *easy, curl_socket_t s, int what, void *userp, void *socketp)
{
    (void)easy;
    struct diag_http *e = userp;
    if (what == CURL_POLL_REMOVE) {
        if (socketp)
            loop_del_fd(e->loop, s);
        curl_multi_assign(e->multi, s, NULL);
        return 0;
    }
    if (!socketp) {
        if (loop_add_fd(e->loop, s, to_loop_events(what), on_socket, e) == 0)
            curl_multi_assign(e->multi, s, e);
    } else {
        loop_mod_fd(e->loop, s, to_loop_events(what));
    }
    return 0;
}

static void on_timer(struct loop *loop, void *arg)
{
    (void)loop;
    struct diag_http *e = arg;
    e->timer = NULL;
    int running;
    curl_multi_socket_action(e->multi, CURL_SOCKET_TIMEOUT, 0, &running);
    check_done(e);
}

/* Even "now" goes through the loop: libcurl may ask from inside socket_action. */
static int timer_cb(CURLM *multi, long timeout_ms, void *userp)
{
    (void)multi;
    struct diag_http *e = userp;
    if (e->timer) {
        loop_timer_cancel(e->loop, e->timer);
        e->timer = NULL;
    }
    if (timeout_ms >= 0)
        e->timer = loop_timer_add(e->loop, (uint64_t)timeout_ms, on_timer, e);
    return 0;
}

/* --- the queue --- */

static void run_next(struct loop *loop, void *arg);

static void kick(struct diag_http *e)
{
    if (!e->running && e->head && !e->kick)
        e->kick = loop_timer_add(e->loop, 0, run_next, e);
}

static void job_free(struct job *j)
{
    if (j->easy) {
        if (j->e->running == j)
            curl_multi_remove_handle(j->e->multi, j->easy);
        curl_easy_cleanup(j->easy);
    }
    curl_slist_free_all(j->headers);
    free(j);
}

/* The counts and times libcurl kept, and the interface's counters since ROMTime. */
static void collect(struct job *j)
{
    if (!j->easy)
        return;
    curl_off_t lookup = 0, connect = 0, up = 0;
    long request = 0;
    if (curl_easy_getinfo(j->easy, CURLINFO_NAMELOOKUP_TIME_T, &lookup) == CURLE_OK &&
        curl_easy_getinfo(j->easy, CURLINFO_CONNECT_TIME_T, &connect) == CURLE_OK && connect > 0 &&
        j->r.tcp_open_request_us) {
        int64_t handshake = connect > lookup ? (int64_t)(connect - lookup) : 0;
        j->r.tcp_open_response_us = j->r.tcp_open_request_us + handshake;
        /* The request cannot leave before the connection is up: with several addresses tried,
         * the handshake measured may have begun at an earlier socket's SYN. */
        if (j->r.rom_us && j->r.tcp_open_response_us > j->r.rom_us)
            j->r.tcp_open_response_us = j->r.rom_us;
    }
    curl_easy_getinfo(j->easy, CURLINFO_RESPONSE_CODE, &j->r.http_status);
    curl_easy_getinfo(j->easy, CURLINFO_REQUEST_SIZE, &request);
    curl_easy_getinfo(j->easy, CURLINFO_SIZE_UPLOAD_T, &up);
    j->r.test_bytes_sent = (uint64_t)request;
    if (j->p.kind == DIAG_HTTP_UPLOAD) {
        j->r.body_bytes = (uint64_t)up;
        j->r.test_bytes_sent += (uint64_t)up;
    }
    uint64_t rx, tx;
    if (j->r.has_totals && read_counters(j->r.device, &rx, &tx)) {
        j->r.total_bytes_received = rx - j->rx0;
        j->r.total_bytes_sent = tx - j->tx0;
    } else {
        j->r.has_totals = false;
    }
}

/* The test ends: its client hears of it (unless silent), the next one starts. */
static void finish(struct job *j, enum diag_http_status status, bool silent)
{
    struct diag_http *e = j->e;
    collect(j);
    if (e->running == j) {
        curl_multi_remove_handle(e->multi, j->easy);
        e->running = NULL;
    }
    j->r.status = status;
    /* Before the callback, which may free the engine (diag_http_free cancels the kick). */
    kick(e);
    if (!silent && j->ops.done)
        j->ops.done(j->arg, &j->r);
    job_free(j);
}

/* libcurl's result, in TR-143's words. */
static enum diag_http_status status_of(struct job *j, CURLcode rc)
{
    bool up = j->p.kind == DIAG_HTTP_UPLOAD;
    enum diag_http_status refused =
        up ? DIAG_HTTP_ERR_NO_TRANSFER_COMPLETE : DIAG_HTTP_ERR_TRANSFER_FAILED;
    switch (rc) {
    case CURLE_OK: {
        long code = 0;
        curl_easy_getinfo(j->easy, CURLINFO_RESPONSE_CODE, &code);
        return code >= 200 && code < 300 ? DIAG_HTTP_COMPLETE : refused;
    }
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
    case CURLE_INTERFACE_FAILED:
        return DIAG_HTTP_ERR_INIT_CONNECTION;
    case CURLE_OPERATION_TIMEDOUT:
        return !j->sent       ? DIAG_HTTP_ERR_INIT_CONNECTION
               : !j->answered ? DIAG_HTTP_ERR_NO_RESPONSE
                              : DIAG_HTTP_ERR_TIMEOUT;
    case CURLE_GOT_NOTHING:
        return DIAG_HTTP_ERR_NO_RESPONSE;
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
        return !j->sent       ? DIAG_HTTP_ERR_INIT_CONNECTION
               : !j->answered ? DIAG_HTTP_ERR_NO_RESPONSE
                              : refused;
    case CURLE_PARTIAL_FILE:
        return up ? DIAG_HTTP_ERR_NO_TRANSFER_COMPLETE : DIAG_HTTP_ERR_INCORRECT_SIZE;
    case CURLE_WEIRD_SERVER_REPLY:
    case CURLE_HTTP_RETURNED_ERROR:
        return refused;
    case CURLE_OUT_OF_MEMORY:
    case CURLE_FAILED_INIT:
        return DIAG_HTTP_ERR_INTERNAL;
    default:
        return DIAG_HTTP_ERR_OTHER;
    }
}

static void check_done(struct diag_http *e)
{
    CURLMsg *m;
    int left;
    while ((m = curl_multi_info_read(e->multi, &left))) {
        struct job *j = e->running;
        if (m->msg != CURLMSG_DONE || !j || m->easy_handle != j->easy)
            continue;
        CURLcode rc = m->data.result;
        enum diag_http_status st = status_of(j, rc);
        if (st != DIAG_HTTP_COMPLETE)
            snprintf(j->r.detail, sizeof j->r.detail, "%s",
                     rc == CURLE_OK ? "the server refused the request"
                     : j->errbuf[0] ? j->errbuf
                                    : curl_easy_strerror(rc));
        finish(j, st, false);
        return; /* the callback may have freed the engine */
    }
}

static void new_multi(struct diag_http *e)
{
    static bool global_done;
    if (!global_done) {
        curl_global_init(CURL_GLOBAL_DEFAULT);
        global_done = true;
    }
    e->multi = curl_multi_init();
    if (!e->multi)
        return;
    curl_multi_setopt(e->multi, CURLMOPT_SOCKETFUNCTION, socket_cb);
    curl_multi_setopt(e->multi, CURLMOPT_SOCKETDATA, e);
    curl_multi_setopt(e->multi, CURLMOPT_TIMERFUNCTION, timer_cb);
    curl_multi_setopt(e->multi, CURLMOPT_TIMERDATA, e);
}

static int setup(struct job *j)
{
    struct diag_http *e = j->e;
    if (!e->multi)
        new_multi(e);
    if (!e->multi || !(j->easy = curl_easy_init()))
        return -1;
    CURL *c = j->easy;
    unsigned idle = j->p.idle_ms ? j->p.idle_ms : DIAG_HTTP_IDLE_MS;
    curl_easy_setopt(c, CURLOPT_URL, j->p.url);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http");
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, j->errbuf);
    /* The test measures the path to the server: no proxy from the environment. */
    curl_easy_setopt(c, CURLOPT_PROXY, "");
    /* Its own connection, opened (and measured) for it and closed after it. */
    curl_easy_setopt(c, CURLOPT_FRESH_CONNECT, 1L);
    curl_easy_setopt(c, CURLOPT_FORBID_REUSE, 1L);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, (long)idle);
    /* No byte for the idle limit ends it; libcurl counts that limit in whole seconds. */
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, (long)((idle + 999) / 1000));
    if (j->p.timeout_ms)
        curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, (long)j->p.timeout_ms);
    if (j->p.device[0]) {
        char ifname[IF_NAMESIZE + 4];
        snprintf(ifname, sizeof ifname, "if!%s", j->p.device);
        curl_easy_setopt(c, CURLOPT_INTERFACE, ifname);
    }
    curl_easy_setopt(c, CURLOPT_SOCKOPTFUNCTION, sockopt_cb);
    curl_easy_setopt(c, CURLOPT_SOCKOPTDATA, j);
    curl_easy_setopt(c, CURLOPT_PREREQFUNCTION, prereq_cb);
    curl_easy_setopt(c, CURLOPT_PREREQDATA, j);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, header_cb);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, j);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, write_cb);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, j);
    if (j->p.kind == DIAG_HTTP_UPLOAD) {
        curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
        curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, (curl_off_t)j->p.length);
        curl_easy_setopt(c, CURLOPT_READFUNCTION, read_cb);
        curl_easy_setopt(c, CURLOPT_READDATA, j);
        curl_easy_setopt(c, CURLOPT_SEEKFUNCTION, seek_cb);
        curl_easy_setopt(c, CURLOPT_SEEKDATA, j);
        /* The file follows the request at once: waiting for "100 Continue" would put a round
         * trip between BOMTime and the request. */
        j->headers = curl_slist_append(NULL, "Expect:");
        if (!j->headers)
            return -1;
        curl_easy_setopt(c, CURLOPT_HTTPHEADER, j->headers);
    }
    if (curl_multi_add_handle(e->multi, c) != CURLM_OK)
        return -1;
    return 0;
}

static void run_next(struct loop *loop, void *arg)
{
    (void)loop;
    struct diag_http *e = arg;
    e->kick = NULL;
    if (e->running || !e->head)
        return;
    struct job *j = e->head;
    e->head = j->next;
    j->next = NULL;
    e->running = j;
    if (setup(j) < 0) {
        snprintf(j->r.detail, sizeof j->r.detail, "the transfer could not be set up");
        if (j->easy) {
            curl_easy_cleanup(j->easy);
            j->easy = NULL;
        }
        e->running = NULL;
        finish(j, DIAG_HTTP_ERR_INTERNAL, false);
    }
}

/* --- the door --- */

struct diag_http *diag_http_new(struct loop *loop)
{
    struct diag_http *e = xcalloc(1, sizeof *e);
    e->loop = loop;
    return e;
}

void diag_http_free(struct diag_http *e)
{
    if (!e)
        return;
    if (e->running)
        finish(e->running, DIAG_HTTP_CANCELLED, true);
    while (e->head) {
        struct job *j = e->head;
        e->head = j->next;
        job_free(j);
    }
    if (e->kick)
        loop_timer_cancel(e->loop, e->kick);
    if (e->multi)
        curl_multi_cleanup(e->multi);
    if (e->timer)
        loop_timer_cancel(e->loop, e->timer);
    free(e);
}

static bool check_params(const struct diag_http_params *p, struct strbuf *err)
{
    size_t len = strnlen(p->url, sizeof p->url);
    if (len == sizeof p->url) {
        sb_puts(err, "the URL is too long");
        return false;
    }
    if (strncasecmp(p->url, "http://", 7) != 0 || len == 7) {
        sb_puts(err, "the URL must be an http:// URL");
        return false;
    }
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)p->url[i] <= ' ' || p->url[i] == 0x7f) {
            sb_puts(err, "the URL must not hold spaces or control characters");
            return false;
        }
    if (p->dscp > 63) {
        sb_puts(err, "the DSCP must be 0-63");
        return false;
    }
    if (p->priority > 7) {
        sb_puts(err, "the Ethernet priority must be 0-7");
        return false;
    }
    if (strnlen(p->device, sizeof p->device) == sizeof p->device) {
        sb_puts(err, "the interface name is too long");
        return false;
    }
    if (p->kind != DIAG_HTTP_DOWNLOAD && p->kind != DIAG_HTTP_UPLOAD) {
        sb_puts(err, "unknown test");
        return false;
    }
    if (p->kind == DIAG_HTTP_UPLOAD && p->length > (uint64_t)INT64_MAX) {
        sb_puts(err, "the file is too long");
        return false;
    }
    return true;
}

unsigned diag_http_start(struct diag_http *e, const struct diag_http_params *p,
                         const struct diag_http_ops *ops, void *arg, struct strbuf *err)
{
    if (!check_params(p, err))
        return 0;
    struct job *j = xcalloc(1, sizeof *j);
    j->e = e;
    j->id = ++e->next_id ? e->next_id : ++e->next_id;
    j->p = *p;
    if (ops)
        j->ops = *ops;
    j->arg = arg;
    struct job **pp = &e->head;
    while (*pp)
        pp = &(*pp)->next;
    *pp = j;
    kick(e);
    return j->id;
}

void diag_http_cancel(struct diag_http *e, unsigned id, bool notify)
{
    if (e->running && e->running->id == id) {
        finish(e->running, DIAG_HTTP_CANCELLED, !notify);
        return;
    }
    for (struct job **pp = &e->head; *pp; pp = &(*pp)->next) {
        struct job *j = *pp;
        if (j->id != id)
            continue;
        *pp = j->next;
        j->r.status = DIAG_HTTP_CANCELLED;
        if (notify && j->ops.done)
            j->ops.done(j->arg, &j->r);
        job_free(j);
        return;
    }
}

size_t diag_http_queued(const struct diag_http *e)
{
    size_t n = 0;
    for (const struct job *j = e->head; j; j = j->next)
        n++;
    return n;
}

const char *diag_http_status_name(enum diag_http_status s)
{
    switch (s) {
    case DIAG_HTTP_RUNNING:
    case DIAG_HTTP_CANCELLED:
        return "None";
    case DIAG_HTTP_COMPLETE:
        return "Completed";
    case DIAG_HTTP_ERR_INIT_CONNECTION:
        return "Error_InitConnectionFailed";
    case DIAG_HTTP_ERR_NO_RESPONSE:
        return "Error_NoResponse";
    case DIAG_HTTP_ERR_TRANSFER_FAILED:
        return "Error_TransferFailed";
    case DIAG_HTTP_ERR_PASSWORD_REQUEST:
        return "Error_PasswordRequestFailed";
    case DIAG_HTTP_ERR_LOGIN:
        return "Error_LoginFailed";
    case DIAG_HTTP_ERR_NO_TRANSFER_MODE:
        return "Error_NoTransferMode";
    case DIAG_HTTP_ERR_NO_PASV:
        return "Error_NoPASV";
    case DIAG_HTTP_ERR_INCORRECT_SIZE:
        return "Error_IncorrectSize";
    case DIAG_HTTP_ERR_TIMEOUT:
        return "Error_Timeout";
    case DIAG_HTTP_ERR_NO_CWD:
        return "Error_NoCWD";
    case DIAG_HTTP_ERR_NO_STOR:
        return "Error_NoSTOR";
    case DIAG_HTTP_ERR_NO_TRANSFER_COMPLETE:
        return "Error_NoTransferComplete";
    case DIAG_HTTP_ERR_INTERNAL:
        return "Error_Internal";
    case DIAG_HTTP_ERR_OTHER:
        break;
    }
    return "Error_Other";
}

void diag_http_time(int64_t us, char out[32])
{
    if (us <= 0) {
        snprintf(out, 32, "0001-01-01T00:00:00Z");
        return;
    }
    time_t s = (time_t)(us / 1000000);
    struct tm tm;
    gmtime_r(&s, &tm);
    char date[24];
    if (strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%S", &tm) == 0)
        date[0] = '\0';
    snprintf(out, 32, "%.19s.%06dZ", date, (int)(us % 1000000));
}
