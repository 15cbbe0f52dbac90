/* Unit tests of TR-143's download and upload tests (agent/diag/diag_http.c) against an HTTP
 * server of the test's own on 127.0.0.1 (a thread, one connection at a time): the exact byte
 * counts on both sides, the order of the times, a 64 MiB download with the memory flat, an upload
 * checked byte by byte by the server, and each error state the engine can reach over HTTP
 * (refused, silent, stalled, short, 404), the queue and cancellation. */
#include <arpa/inet.h>
#include <check.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "diag.h"
#include "loop.h"
#include "strbuf.h"
#include "unit.h"

/* The pattern the engine's uploads carry (diag_http.c): byte i is i mod 251. */
#define PATTERN_PERIOD 251u

/* --- the server --- */

struct server {
    int lfd;
    unsigned short port;
    pthread_t thread;
    pthread_mutex_t mu;
    /* What the last request looked like, for the tests to compare with the engine's counts. */
    size_t request_head; /* bytes of the request line and headers, blank line included */
    size_t response_head;
    int tos; /* the TOS byte of the last connection's packets, -1 when the kernel does not say */
    uint64_t put_bytes;
    bool put_pattern_ok;
    unsigned requests;
};

static bool send_all(int fd, const void *buf, size_t len)
{
    const char *p = buf;
    while (len) {
        ssize_t n = send(fd, p, len, MSG_NOSIGNAL);
        if (n <= 0)
            return false;
        p += n;
        len -= (size_t)n;
    }
    return true;
}

/* Waits (10 s at most) for the client to close the connection. */
static void wait_close(int fd)
{
    char buf[4096];
    for (;;) {
        struct pollfd pfd = {.fd = fd, .events = POLLIN};
        if (poll(&pfd, 1, 10000) <= 0)
            return;
        if (recv(fd, buf, sizeof buf, 0) <= 0)
            return;
    }
}

static size_t send_head(struct server *s, int fd, const char *status, uint64_t length)
{
    char head[256];
    int n = snprintf(head, sizeof head,
                     "HTTP/1.1 %s\r\nContent-Length: %llu\r\nConnection: close\r\n\r\n", status,
                     (unsigned long long)length);
    pthread_mutex_lock(&s->mu);
    s->response_head = (size_t)n;
    pthread_mutex_unlock(&s->mu);
    send_all(fd, head, (size_t)n);
    return (size_t)n;
}

static void send_bytes(int fd, uint64_t n)
{
    static char block[65536];
    memset(block, 'x', sizeof block);
    while (n) {
        size_t k = n < sizeof block ? (size_t)n : sizeof block;
        if (!send_all(fd, block, k))
            return;
        n -= k;
    }
}

/* Reads a PUT's body and checks it against the pattern. */
static void read_put(struct server *s, int fd, const char *extra, size_t extra_len, uint64_t length)
{
    uint64_t got = 0;
    bool ok = true;
    char buf[65536];
    const char *p = extra;
    size_t n = extra_len;
    for (;;) {
        for (size_t i = 0; i < n; i++, got++)
            if ((unsigned char)p[i] != got % PATTERN_PERIOD)
                ok = false;
        if (got >= length)
            break;
        ssize_t r = recv(fd, buf, sizeof buf, 0);
        if (r <= 0)
            break;
        p = buf;
        n = (size_t)r;
    }
    pthread_mutex_lock(&s->mu);
    s->put_bytes = got;
    s->put_pattern_ok = ok;
    pthread_mutex_unlock(&s->mu);
}

/* The TOS byte the client's packets carried: the kernel keeps the last one received on a TCP
 * socket and hands it back through IP_PKTOPTIONS once IP_RECVTOS is on. */
static int received_tos(int fd)
{
    int on = 1;
    if (setsockopt(fd, IPPROTO_IP, IP_RECVTOS, &on, sizeof on) < 0)
        return -1;
    union {
        char buf[CMSG_SPACE(sizeof(int)) * 4];
        struct cmsghdr align;
    } u;
    socklen_t len = sizeof u.buf;
    if (getsockopt(fd, IPPROTO_IP, IP_PKTOPTIONS, u.buf, &len) < 0)
        return -1;
    struct msghdr msg = {.msg_control = u.buf, .msg_controllen = len};
    for (struct cmsghdr *c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c))
        if (c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_TOS)
            return *(unsigned char *)CMSG_DATA(c);
    return -1;
}

static void serve(struct server *s, int fd)
{
    char req[8192];
    size_t len = 0;
    char *end = NULL;
    while (!end && len < sizeof req - 1) {
        ssize_t n = recv(fd, req + len, sizeof req - 1 - len, 0);
        if (n <= 0)
            return;
        len += (size_t)n;
        req[len] = '\0';
        end = strstr(req, "\r\n\r\n");
    }
    if (!end)
        return;
    size_t head = (size_t)(end + 4 - req);
    int tos = received_tos(fd);
    pthread_mutex_lock(&s->mu);
    s->tos = tos;
    s->request_head = head;
    s->requests++;
    pthread_mutex_unlock(&s->mu);
    char method[8] = "", path[256] = "";
    if (sscanf(req, "%7s %255s", method, path) != 2)
        return;
    unsigned long long n = 0;
    if (strcmp(method, "PUT") == 0) {
        const char *cl = strcasestr(req, "\r\nContent-Length: ");
        unsigned long long length = cl ? strtoull(cl + 18, NULL, 10) : 0;
        read_put(s, fd, req + head, len - head, length);
        if (strcmp(path, "/missing") == 0)
            send_head(s, fd, "404 Not Found", 0);
        else if (send_head(s, fd, "201 Created", 7))
            send_all(fd, "stored\n", 7);
    } else if (sscanf(path, "/bytes/%llu", &n) == 1) {
        send_head(s, fd, "200 OK", n);
        send_bytes(fd, n);
    } else if (strcmp(path, "/silent") == 0) {
        wait_close(fd);
    } else if (strcmp(path, "/stall") == 0) {
        send_head(s, fd, "200 OK", 1000);
        send_bytes(fd, 10);
        wait_close(fd);
    } else if (strcmp(path, "/short") == 0) {
        send_head(s, fd, "200 OK", 1000);
        send_bytes(fd, 10);
    } else {
        send_head(s, fd, "404 Not Found", 10);
        send_all(fd, "not found\n", 10);
    }
}

static void *server_main(void *arg)
{
    struct server *s = arg;
    for (;;) {
        int fd = accept(s->lfd, NULL, NULL);
        if (fd < 0) {
            if (errno == EINTR)
                continue;
            return NULL; /* the socket was shut down */
        }
        serve(s, fd);
        close(fd);
    }
}

static void server_start(struct server *s)
{
    memset(s, 0, sizeof *s);
    pthread_mutex_init(&s->mu, NULL);
    s->lfd = socket(AF_INET, SOCK_STREAM, 0);
    ck_assert_int_ge(s->lfd, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    ck_assert_int_eq(bind(s->lfd, (struct sockaddr *)&a, sizeof a), 0);
    socklen_t alen = sizeof a;
    ck_assert_int_eq(getsockname(s->lfd, (struct sockaddr *)&a, &alen), 0);
    s->port = ntohs(a.sin_port);
    ck_assert_int_eq(listen(s->lfd, 8), 0);
    ck_assert_int_eq(pthread_create(&s->thread, NULL, server_main, s), 0);
}

static void server_stop(struct server *s)
{
    shutdown(s->lfd, SHUT_RDWR);
    pthread_join(s->thread, NULL);
    close(s->lfd);
    pthread_mutex_destroy(&s->mu);
}

/* --- the engine's side --- */

struct run {
    struct loop *loop;
    struct diag_http *e;
    struct diag_http_result r[4];
    unsigned ids[4];
    unsigned ndone;
    unsigned cancel_id; /* cancelled from a timer, with notify */
};

static void on_done(void *arg, const struct diag_http_result *r)
{
    struct run *run = arg;
    ck_assert_uint_lt(run->ndone, 4);
    run->r[run->ndone++] = *r;
}

static void on_done_stop(void *arg, const struct diag_http_result *r)
{
    struct run *run = arg;
    on_done(arg, r);
    loop_stop(run->loop);
}

static const struct diag_http_ops stop_ops = {.done = on_done_stop};
static const struct diag_http_ops count_ops = {.done = on_done};

static void on_guard(struct loop *loop, void *arg)
{
    (void)arg;
    loop_stop(loop);
}

static void run_start(struct run *run)
{
    memset(run, 0, sizeof *run);
    run->loop = loop_new();
    run->e = diag_http_new(run->loop);
}

static void run_stop(struct run *run)
{
    diag_http_free(run->e);
    loop_free(run->loop);
}

/* Runs the loop until a test's done stops it, 15 s at most. */
static void run_loop(struct run *run)
{
    struct loop_timer *guard = loop_timer_add(run->loop, 15000, on_guard, NULL);
    loop_run(run->loop);
    ck_assert_msg(run->ndone > 0, "the test did not end within 15 s");
    loop_timer_cancel(run->loop, guard);
}

static void params(struct diag_http_params *p, enum diag_http_kind kind, unsigned short port,
                   const char *path)
{
    memset(p, 0, sizeof *p);
    p->kind = kind;
    snprintf(p->url, sizeof p->url, "http://127.0.0.1:%u%s", port, path);
}

static unsigned start(struct run *run, const struct diag_http_params *p,
                      const struct diag_http_ops *ops)
{
    struct strbuf err = STRBUF_INIT;
    unsigned id = diag_http_start(run->e, p, ops, run, &err);
    ck_assert_msg(id > 0, "refused: %s", sb_str(&err));
    sb_free(&err);
    return id;
}

static int64_t wall_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* The times are there, within the test, in TR-143's order. */
static void assert_times(const struct diag_http_result *r, int64_t t0, int64_t t1)
{
    ck_assert_int_ge(r->tcp_open_request_us, t0);
    ck_assert_int_ge(r->tcp_open_response_us, r->tcp_open_request_us);
    ck_assert_int_ge(r->rom_us, r->tcp_open_response_us);
    ck_assert_int_ge(r->bom_us, r->rom_us);
    ck_assert_int_ge(r->eom_us, r->bom_us);
    ck_assert_int_le(r->eom_us, t1);
}

static uint64_t vm_hwm_kb(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    ck_assert_ptr_nonnull(f);
    char line[256];
    unsigned long long kb = 0;
    while (fgets(line, sizeof line, f))
        if (sscanf(line, "VmHWM: %llu kB", &kb) == 1)
            break;
    fclose(f);
    ck_assert_uint_gt(kb, 0);
    return kb;
}

/* --- the fixtures: an engine on its loop, and with the server --- */

/* Each test's server and run (Check runs a test with its set-up and tear-down in a process of
 * their own). */
static struct server srv;
static struct run tr;

static void engine_setup(void)
{
    run_start(&tr);
}

static void engine_teardown(void)
{
    run_stop(&tr);
}

static void server_setup(void)
{
    server_start(&srv);
    run_start(&tr);
}

static void server_teardown(void)
{
    run_stop(&tr);
    server_stop(&srv);
}

/* Starts a test that stops the loop at its end, and runs the loop until then. */
static void run_one(const struct diag_http_params *p)
{
    start(&tr, p, &stop_ops);
    run_loop(&tr);
}

/* --- the tests --- */

START_TEST(times_are_written_as_tr143_says)
{
    char t[32];
    diag_http_time(1207753265123456, t);
    ck_assert_str_eq(t, "2008-04-09T15:01:05.123456Z");
    diag_http_time(1207753265000007, t);
    ck_assert_str_eq(t, "2008-04-09T15:01:05.000007Z");
    diag_http_time(0, t);
    ck_assert_str_eq(t, "0001-01-01T00:00:00Z");
    ck_assert_str_eq(diag_http_status_name(DIAG_HTTP_COMPLETE), "Completed");
    ck_assert_str_eq(diag_http_status_name(DIAG_HTTP_ERR_INIT_CONNECTION),
                     "Error_InitConnectionFailed");
    ck_assert_str_eq(diag_http_status_name(DIAG_HTTP_ERR_NO_TRANSFER_COMPLETE),
                     "Error_NoTransferComplete");
    ck_assert_str_eq(diag_http_status_name(DIAG_HTTP_CANCELLED), "None");
}
END_TEST

START_TEST(bad_parameters_are_refused)
{
    struct diag_http_params p;
    struct strbuf err = STRBUF_INIT;
    params(&p, DIAG_HTTP_DOWNLOAD, 80, "/");
    snprintf(p.url, sizeof p.url, "ftp://127.0.0.1/file");
    ck_assert_uint_eq(diag_http_start(tr.e, &p, &stop_ops, &tr, &err), 0);
    ck_assert_str_eq(sb_str(&err), "the URL must be an http:// URL");
    sb_reset(&err);
    snprintf(p.url, sizeof p.url, "http://127.0.0.1/a b");
    ck_assert_uint_eq(diag_http_start(tr.e, &p, &stop_ops, &tr, &err), 0);
    ck_assert_str_eq(sb_str(&err), "the URL must not hold spaces or control characters");
    sb_reset(&err);
    params(&p, DIAG_HTTP_DOWNLOAD, 80, "/");
    p.dscp = 64;
    ck_assert_uint_eq(diag_http_start(tr.e, &p, &stop_ops, &tr, &err), 0);
    ck_assert_str_eq(sb_str(&err), "the DSCP must be 0-63");
    sb_reset(&err);
    p.dscp = 0;
    p.priority = 8;
    ck_assert_uint_eq(diag_http_start(tr.e, &p, &stop_ops, &tr, &err), 0);
    ck_assert_str_eq(sb_str(&err), "the Ethernet priority must be 0-7");
    ck_assert_uint_eq(diag_http_queued(tr.e), 0);
    sb_free(&err);
}
END_TEST

START_TEST(download_counts_exact_bytes)
{
    struct diag_http_params p;
    params(&p, DIAG_HTTP_DOWNLOAD, srv.port, "/bytes/100000");
    p.dscp = 46;
    p.priority = 5;
    int64_t t0 = wall_us();
    run_one(&p);
    int64_t t1 = wall_us();
    const struct diag_http_result *r = &tr.r[0];
    ck_assert_str_eq(diag_http_status_name(r->status), "Completed");
    ck_assert_str_eq(r->detail, "");
    ck_assert_int_eq(r->http_status, 200);
    ck_assert_uint_eq(r->body_bytes, 100000);
    pthread_mutex_lock(&srv.mu);
    size_t rq = srv.request_head, rs = srv.response_head;
    int tos = srv.tos;
    pthread_mutex_unlock(&srv.mu);
    if (tos < 0)
        unit_skip_part("the DSCP of the test's packets (the kernel does not report it)");
    else
        ck_assert_int_eq(tos >> 2, 46);
    ck_assert_uint_eq(r->test_bytes_received, rs + 100000);
    ck_assert_uint_eq(r->test_bytes_sent, rq);
    assert_times(r, t0, t1);
    /* Over the loopback interface, whose counters see both directions of every packet. */
    ck_assert(r->has_totals);
    ck_assert_str_eq(r->device, "lo");
    ck_assert_uint_ge(r->total_bytes_received, r->test_bytes_received + r->test_bytes_sent);
    ck_assert_uint_ge(r->total_bytes_sent, r->test_bytes_received + r->test_bytes_sent);
}
END_TEST

START_TEST(download_of_64_mib_keeps_memory_flat)
{
    struct diag_http_params p;
    /* A first small test makes what lives as long as the engine (libcurl's buffers). */
    params(&p, DIAG_HTTP_DOWNLOAD, srv.port, "/bytes/1048576");
    run_one(&p);
    ck_assert_int_eq(tr.r[0].status, DIAG_HTTP_COMPLETE);
    uint64_t before = vm_hwm_kb();
    params(&p, DIAG_HTTP_DOWNLOAD, srv.port, "/bytes/67108864");
    run_one(&p);
    uint64_t after = vm_hwm_kb();
    ck_assert_int_eq(tr.r[1].status, DIAG_HTTP_COMPLETE);
    ck_assert_uint_eq(tr.r[1].body_bytes, 67108864);
    ck_assert_msg(after - before < 2048, "the peak memory grew by %llu kB",
                  (unsigned long long)(after - before));
}
END_TEST

START_TEST(upload_sends_the_length_asked)
{
    struct diag_http_params p;
    params(&p, DIAG_HTTP_UPLOAD, srv.port, "/up");
    p.length = 3 * 1024 * 1024 + 7;
    int64_t t0 = wall_us();
    run_one(&p);
    int64_t t1 = wall_us();
    const struct diag_http_result *r = &tr.r[0];
    ck_assert_str_eq(diag_http_status_name(r->status), "Completed");
    ck_assert_int_eq(r->http_status, 201);
    pthread_mutex_lock(&srv.mu);
    uint64_t got = srv.put_bytes;
    bool ok = srv.put_pattern_ok;
    size_t rq = srv.request_head, rs = srv.response_head;
    pthread_mutex_unlock(&srv.mu);
    ck_assert_uint_eq(got, 3 * 1024 * 1024 + 7);
    ck_assert(ok);
    ck_assert_uint_eq(r->body_bytes, 3 * 1024 * 1024 + 7);
    ck_assert_uint_eq(r->test_bytes_sent, rq + 3 * 1024 * 1024 + 7);
    /* The answer's body ("stored\n") is received, not part of the file. */
    ck_assert_uint_eq(r->test_bytes_received, rs + 7);
    assert_times(r, t0, t1);
    ck_assert(r->has_totals);
    ck_assert_uint_ge(r->total_bytes_sent, r->test_bytes_sent);
}
END_TEST

START_TEST(empty_upload_is_a_put_of_nothing)
{
    struct diag_http_params p;
    params(&p, DIAG_HTTP_UPLOAD, srv.port, "/up");
    run_one(&p);
    ck_assert_int_eq(tr.r[0].status, DIAG_HTTP_COMPLETE);
    ck_assert_uint_eq(tr.r[0].body_bytes, 0);
    pthread_mutex_lock(&srv.mu);
    ck_assert_uint_eq(srv.put_bytes, 0);
    pthread_mutex_unlock(&srv.mu);
}
END_TEST

START_TEST(not_found_fails_the_transfer)
{
    struct diag_http_params p;
    params(&p, DIAG_HTTP_DOWNLOAD, srv.port, "/nothing-here");
    run_one(&p);
    ck_assert_str_eq(diag_http_status_name(tr.r[0].status), "Error_TransferFailed");
    ck_assert_int_eq(tr.r[0].http_status, 404);
    ck_assert_str_eq(tr.r[0].detail, "the server refused the request");
    /* An upload the server refuses: TR-098's UploadDiagnostics has no Error_TransferFailed. */
    params(&p, DIAG_HTTP_UPLOAD, srv.port, "/missing");
    p.length = 1000;
    run_one(&p);
    ck_assert_str_eq(diag_http_status_name(tr.r[1].status), "Error_NoTransferComplete");
    ck_assert_int_eq(tr.r[1].http_status, 404);
}
END_TEST

START_TEST(refused_connection_fails_to_open)
{
    /* A port that was free a moment ago and has no listener. */
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    ck_assert_int_eq(bind(fd, (struct sockaddr *)&a, sizeof a), 0);
    socklen_t alen = sizeof a;
    getsockname(fd, (struct sockaddr *)&a, &alen);
    close(fd);
    struct diag_http_params p;
    params(&p, DIAG_HTTP_DOWNLOAD, ntohs(a.sin_port), "/bytes/10");
    run_one(&p);
    const struct diag_http_result *r = &tr.r[0];
    ck_assert_str_eq(diag_http_status_name(r->status), "Error_InitConnectionFailed");
    ck_assert_int_gt(r->tcp_open_request_us, 0);
    ck_assert_int_eq(r->tcp_open_response_us, 0);
    ck_assert_int_eq(r->rom_us, 0);
    ck_assert_int_eq(r->http_status, 0);
    ck_assert_str_ne(r->detail, "");
}
END_TEST

START_TEST(unknown_interface_fails_to_open)
{
    struct diag_http_params p;
    params(&p, DIAG_HTTP_DOWNLOAD, srv.port, "/bytes/10");
    snprintf(p.device, sizeof p.device, "nosuchif0");
    run_one(&p);
    ck_assert_str_eq(diag_http_status_name(tr.r[0].status), "Error_InitConnectionFailed");
    ck_assert_int_eq(tr.r[0].rom_us, 0);
    /* Bound to the loopback interface the test runs, where binding is allowed (root or
     * CAP_NET_RAW on older kernels). */
    params(&p, DIAG_HTTP_DOWNLOAD, srv.port, "/bytes/10");
    snprintf(p.device, sizeof p.device, "lo");
    run_one(&p);
    if (tr.r[1].status == DIAG_HTTP_ERR_INIT_CONNECTION) {
        unit_skip_part("binding a test to an interface (SO_BINDTODEVICE not allowed here)");
    } else {
        ck_assert_str_eq(diag_http_status_name(tr.r[1].status), "Completed");
        ck_assert_str_eq(tr.r[1].device, "lo");
        ck_assert_uint_eq(tr.r[1].body_bytes, 10);
    }
}
END_TEST

START_TEST(silent_server_is_no_response)
{
    struct diag_http_params p;
    params(&p, DIAG_HTTP_DOWNLOAD, srv.port, "/silent");
    p.timeout_ms = 700;
    uint64_t t0 = loop_now_ms();
    run_one(&p);
    uint64_t took = loop_now_ms() - t0;
    const struct diag_http_result *r = &tr.r[0];
    ck_assert_str_eq(diag_http_status_name(r->status), "Error_NoResponse");
    ck_assert_int_gt(r->rom_us, 0);
    ck_assert_int_eq(r->bom_us, 0);
    ck_assert_uint_ge(took, 650);
    ck_assert_uint_lt(took, 5000);
}
END_TEST

START_TEST(stalled_body_times_out)
{
    struct diag_http_params p;
    params(&p, DIAG_HTTP_DOWNLOAD, srv.port, "/stall");
    /* The idle limit: libcurl counts it in whole seconds. */
    p.idle_ms = 1000;
    run_one(&p);
    const struct diag_http_result *r = &tr.r[0];
    ck_assert_str_eq(diag_http_status_name(r->status), "Error_Timeout");
    ck_assert_int_eq(r->http_status, 200);
    ck_assert_uint_eq(r->body_bytes, 10);
    ck_assert_int_gt(r->bom_us, 0);
}
END_TEST

START_TEST(short_body_is_incorrect_size)
{
    struct diag_http_params p;
    params(&p, DIAG_HTTP_DOWNLOAD, srv.port, "/short");
    run_one(&p);
    ck_assert_str_eq(diag_http_status_name(tr.r[0].status), "Error_IncorrectSize");
    ck_assert_uint_eq(tr.r[0].body_bytes, 10);
}
END_TEST

START_TEST(tests_run_one_at_a_time_in_order)
{
    struct diag_http_params p;
    params(&p, DIAG_HTTP_DOWNLOAD, srv.port, "/bytes/10");
    tr.ids[0] = start(&tr, &p, &count_ops);
    params(&p, DIAG_HTTP_UPLOAD, srv.port, "/up");
    p.length = 20;
    tr.ids[1] = start(&tr, &p, &count_ops);
    params(&p, DIAG_HTTP_DOWNLOAD, srv.port, "/bytes/30");
    tr.ids[2] = start(&tr, &p, &stop_ops);
    /* Nothing runs inside diag_http_start: all three wait. */
    ck_assert_uint_eq(diag_http_queued(tr.e), 3);
    ck_assert_uint_eq(tr.ndone, 0);
    run_loop(&tr);
    ck_assert_uint_eq(tr.ndone, 3);
    ck_assert_uint_eq(tr.r[0].body_bytes, 10);
    ck_assert_uint_eq(tr.r[1].body_bytes, 20);
    ck_assert_uint_eq(tr.r[2].body_bytes, 30);
    for (int i = 0; i < 3; i++)
        ck_assert_int_eq(tr.r[i].status, DIAG_HTTP_COMPLETE);
    /* Each on a connection of its own, opened after the one before ended. */
    ck_assert_int_ge(tr.r[1].tcp_open_request_us, tr.r[0].eom_us);
    ck_assert_int_ge(tr.r[2].tcp_open_request_us, tr.r[1].eom_us);
}
END_TEST

static void cancel_later(struct loop *loop, void *arg)
{
    struct run *run = arg;
    diag_http_cancel(run->e, run->cancel_id, true);
    loop_stop(loop);
}

START_TEST(cancel_stops_a_running_test)
{
    struct diag_http_params p;
    params(&p, DIAG_HTTP_DOWNLOAD, srv.port, "/stall");
    tr.cancel_id = start(&tr, &p, &count_ops);
    /* A second, queued, cancelled without a word: it never calls back. */
    params(&p, DIAG_HTTP_DOWNLOAD, srv.port, "/bytes/10");
    unsigned quiet = start(&tr, &p, &count_ops);
    diag_http_cancel(tr.e, quiet, false);
    ck_assert_uint_eq(diag_http_queued(tr.e), 1);
    loop_timer_add(tr.loop, 300, cancel_later, &tr);
    run_loop(&tr);
    ck_assert_uint_eq(tr.ndone, 1);
    const struct diag_http_result *r = &tr.r[0];
    ck_assert_str_eq(diag_http_status_name(r->status), "None");
    ck_assert_int_eq(r->status, DIAG_HTTP_CANCELLED);
    ck_assert_uint_eq(r->body_bytes, 10);
    ck_assert_uint_eq(diag_http_queued(tr.e), 0);
    /* The engine is usable after. */
    run_one(&p);
    ck_assert_uint_eq(tr.ndone, 2);
    ck_assert_int_eq(tr.r[1].status, DIAG_HTTP_COMPLETE);
}
END_TEST

static void stop_later(struct loop *loop, void *arg)
{
    (void)arg;
    loop_stop(loop);
}

START_TEST(free_during_a_test_calls_nothing)
{
    struct diag_http_params p;
    params(&p, DIAG_HTTP_DOWNLOAD, srv.port, "/silent");
    start(&tr, &p, &count_ops);
    start(&tr, &p, &count_ops);
    loop_timer_add(tr.loop, 200, stop_later, NULL);
    loop_run(tr.loop);
    ck_assert_uint_eq(diag_http_queued(tr.e), 1);
    diag_http_free(tr.e);
    tr.e = NULL; /* the fixture's run_stop frees the loop alone */
    ck_assert_uint_eq(tr.ndone, 0);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("diag_http");
    TCase *tc = tcase_create("tr143");
    tcase_set_timeout(tc, 20);
    tcase_add_test(tc, times_are_written_as_tr143_says);
    suite_add_tcase(s, tc);
    /* Without a server. */
    tc = tcase_create("engine");
    tcase_set_timeout(tc, 20);
    tcase_add_checked_fixture(tc, engine_setup, engine_teardown);
    tcase_add_test(tc, bad_parameters_are_refused);
    tcase_add_test(tc, refused_connection_fails_to_open);
    suite_add_tcase(s, tc);
    tc = tcase_create("server");
    tcase_set_timeout(tc, 20);
    tcase_add_checked_fixture(tc, server_setup, server_teardown);
    tcase_add_test(tc, download_counts_exact_bytes);
    tcase_add_test(tc, download_of_64_mib_keeps_memory_flat);
    tcase_add_test(tc, upload_sends_the_length_asked);
    tcase_add_test(tc, empty_upload_is_a_put_of_nothing);
    tcase_add_test(tc, not_found_fails_the_transfer);
    tcase_add_test(tc, unknown_interface_fails_to_open);
    tcase_add_test(tc, silent_server_is_no_response);
    tcase_add_test(tc, stalled_body_times_out);
    tcase_add_test(tc, short_body_is_incorrect_size);
    tcase_add_test(tc, tests_run_one_at_a_time_in_order);
    tcase_add_test(tc, cancel_stops_a_running_test);
    tcase_add_test(tc, free_during_a_test_calls_nothing);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return unit_run(suite());
}
