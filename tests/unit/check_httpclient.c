/* Unit tests of httpclient/: URL parsing, the connection table, and the headers a request
 * carries (those its caller gives, no protocol's defaults). */
#include <arpa/inet.h>
#include <check.h>
#include <curl/curl.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "http_client.h"
#include "http_conn.h"
#include "http_url.h"
#include "loop.h"
#include "strbuf.h"
#include "unit.h"

START_TEST(http_and_https_urls_parse)
{
    struct http_url u;
    const char *why;
    ck_assert_int_eq(http_url_parse("http://172.25.117.78:7547/acs", &u, &why), 0);
    ck_assert(!u.https);
    ck_assert_str_eq(u.host, "172.25.117.78");
    ck_assert_uint_eq(u.port, 7547);
    ck_assert_str_eq(u.path, "/acs");
    ck_assert_int_eq(http_url_parse("HTTPS://acs.example.com/cwmp", &u, &why), 0);
    ck_assert(u.https);
    ck_assert_uint_eq(u.port, 443);
    ck_assert_int_eq(http_url_parse("http://[::1]:8080/", &u, &why), 0);
    ck_assert_uint_eq(u.port, 8080);
}
END_TEST

START_TEST(other_urls_are_refused_with_a_reason)
{
    struct http_url u;
    const char *why = NULL;
    static const char *const bad[] = {
        "ftp://acs.example.com/",
        "tftp://1.2.3.4/x",
        "acs.example.com/acs",
        "http://",
        "http://host:99999/",
        "http://h:0",
        "http:/h:0",
        "http://[::1]:00/x",
        "flash:config",
        "",
        "http://a b/",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        why = NULL;
        ck_assert_msg(http_url_parse(bad[i], &u, &why) < 0, "accepted %s", bad[i]);
        ck_assert_ptr_nonnull(why);
    }
}
END_TEST

struct seen {
    struct http_conn_info rows[4];
    size_t n;
};

static void collect(void *arg, const struct http_conn_info *info)
{
    struct seen *s = arg;
    if (s->n < 4)
        s->rows[s->n++] = *info;
}

START_TEST(connections_are_tabled_as_curl_opens_and_closes_them)
{
    struct loop *l = loop_new();
    struct http_conn_table t;
    http_conn_table_init(&t, l);
    /* A listener to connect one of them to. */
    int lfd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in sin = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t len = sizeof sin;
    ck_assert_int_eq(bind(lfd, (struct sockaddr *)&sin, sizeof sin), 0);
    ck_assert_int_eq(listen(lfd, 4), 0);
    ck_assert_int_eq(getsockname(lfd, (struct sockaddr *)&sin, &len), 0);

    struct curl_sockaddr a = {.family = AF_INET, .socktype = SOCK_STREAM};
    int fd1 = http_conn_open_cb(&t, CURLSOCKTYPE_IPCXN, &a);
    int fd2 = http_conn_open_cb(&t, CURLSOCKTYPE_IPCXN, &a);
    ck_assert_int_ge(fd1, 0);
    ck_assert_int_ge(fd2, 0);
    ck_assert_uint_eq(http_conn_count(&t), 2);
    ck_assert_int_eq(connect(fd1, (struct sockaddr *)&sin, sizeof sin), 0);
    /* Two requests went over fd1, one is running on it now. */
    t.current_fd = fd1;
    http_conn_request_done(&t);
    t.current_fd = fd1;
    http_conn_request_done(&t);
    ck_assert_int_eq(t.current_fd, -1);
    t.current_fd = fd1;

    struct seen s = {0};
    http_conn_foreach(&t, true, collect, &s);
    ck_assert_uint_eq(s.n, 2);
    char remote[64];
    snprintf(remote, sizeof remote, "127.0.0.1:%u", (unsigned)ntohs(sin.sin_port));
    size_t i1 = strcmp(s.rows[0].remote, remote) == 0 ? 0 : 1;
    ck_assert_str_eq(s.rows[i1].remote, remote);
    ck_assert_str_eq(s.rows[i1].state, "active");
    ck_assert_uint_eq(s.rows[i1].requests, 2);
    ck_assert(strncmp(s.rows[i1].local, "127.0.0.1:", 10) == 0);
    ck_assert_str_eq(s.rows[1 - i1].remote, "-"); /* not connected */
    ck_assert_str_eq(s.rows[1 - i1].state, "idle");
    ck_assert_uint_eq(s.rows[1 - i1].requests, 0);
    /* Without a request running, nothing is active. */
    s.n = 0;
    http_conn_foreach(&t, false, collect, &s);
    ck_assert_str_eq(s.rows[0].state, "idle");
    ck_assert_str_eq(s.rows[1].state, "idle");

    /* curl closes one: it leaves the table (and the running request's mark). */
    ck_assert_int_eq(http_conn_close_cb(&t, fd1), 0);
    ck_assert_uint_eq(http_conn_count(&t), 1);
    ck_assert_int_eq(t.current_fd, -1);
    /* An unknown descriptor is still closed (curl owns it). */
    int stray = socket(AF_INET, SOCK_STREAM, 0);
    ck_assert_int_eq(http_conn_close_cb(&t, stray), 0);
    ck_assert_uint_eq(http_conn_count(&t), 1);
    http_conn_table_fini(&t);
    ck_assert_uint_eq(http_conn_count(&t), 0);
    close(lfd);
    loop_free(l);
}
END_TEST

/* --- the request on the wire --- */

/* A server on the loop that keeps each request that comes and answers them in turn from its
 * script (past its end, 204), keeping the connection open as an ACS does. */
#define SERVER_MAX 4

struct peer {
    int fd; /* -1: a free slot */
    struct strbuf in;
};

struct server {
    struct loop *loop;
    int lfd;
    char url[64]; /* http://127.0.0.1:port, without a path */
    const char *answers[SERVER_MAX];
    struct strbuf reqs[SERVER_MAX]; /* the requests whole, as they came */
    size_t nreqs;
    struct peer peers[SERVER_MAX];
    long status;     /* what the client's done callback was given; -1 before */
    char error[256]; /* and its error */
    struct loop_timer *guard;
};

/* The size of the request at the start of b once it is all in (its headers, and as many bytes
 * as its Content-Length says), else 0. */
static size_t request_size(const struct strbuf *b)
{
    const char *end = strstr(sb_str(b), "\r\n\r\n");
    if (!end)
        return 0;
    size_t head = (size_t)(end + 4 - sb_str(b));
    /* Searched in the headers alone: a body of megabytes is not scanned at every read. */
    char *headers = strndup(sb_str(b), head);
    size_t want = 0;
    const char *cl = strcasestr(headers, "\r\nContent-Length:");
    if (cl)
        want = strtoul(cl + 17, NULL, 10);
    free(headers);
    return b->len >= head + want ? head + want : 0;
}

static void peer_close(struct loop *l, struct peer *p)
{
    loop_del_fd(l, p->fd);
    close(p->fd);
    p->fd = -1;
    sb_free(&p->in);
}

static void on_peer(struct loop *l, int fd, unsigned events, void *arg)
{
    (void)events;
    struct server *srv = arg;
    struct peer *p = NULL;
    for (size_t i = 0; i < SERVER_MAX; i++)
        if (srv->peers[i].fd == fd)
            p = &srv->peers[i];
    ck_assert_ptr_nonnull(p);
    char buf[65536];
    ssize_t n = read(fd, buf, sizeof buf);
    if (n < 0 && errno == EAGAIN)
        return;
    if (n <= 0) {
        peer_close(l, p);
        return;
    }
    sb_append(&p->in, buf, (size_t)n);
    size_t size;
    while ((size = request_size(&p->in)) > 0) {
        size_t i = srv->nreqs++;
        ck_assert_uint_lt(i, SERVER_MAX);
        sb_append(&srv->reqs[i], p->in.buf, size);
        sb_consume(&p->in, size);
        const char *answer = srv->answers[i]
                                 ? srv->answers[i]
                                 : "HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n";
        ck_assert_int_eq(write(fd, answer, strlen(answer)), (ssize_t)strlen(answer));
    }
}

static void on_listener(struct loop *l, int fd, unsigned events, void *arg)
{
    (void)events;
    struct server *srv = arg;
    int c = accept4(fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (c < 0)
        return;
    size_t i = 0;
    while (i < SERVER_MAX && srv->peers[i].fd >= 0)
        i++;
    ck_assert_uint_lt(i, SERVER_MAX);
    srv->peers[i].fd = c;
    ck_assert_int_eq(loop_add_fd(l, c, LOOP_READ, on_peer, srv), 0);
}

static void server_start(struct server *srv)
{
    *srv = (struct server){.loop = loop_new(), .status = -1};
    for (size_t i = 0; i < SERVER_MAX; i++)
        srv->peers[i].fd = -1;
    srv->lfd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    struct sockaddr_in sin = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t len = sizeof sin;
    ck_assert_int_eq(bind(srv->lfd, (struct sockaddr *)&sin, sizeof sin), 0);
    ck_assert_int_eq(listen(srv->lfd, 4), 0);
    ck_assert_int_eq(getsockname(srv->lfd, (struct sockaddr *)&sin, &len), 0);
    ck_assert_int_eq(loop_add_fd(srv->loop, srv->lfd, LOOP_READ, on_listener, srv), 0);
    snprintf(srv->url, sizeof srv->url, "http://127.0.0.1:%u", (unsigned)ntohs(sin.sin_port));
}

static void server_stop(struct server *srv)
{
    for (size_t i = 0; i < SERVER_MAX; i++) {
        if (srv->peers[i].fd >= 0)
            peer_close(srv->loop, &srv->peers[i]);
        sb_free(&srv->reqs[i]);
    }
    loop_del_fd(srv->loop, srv->lfd);
    close(srv->lfd);
    loop_free(srv->loop);
}

static void on_done(void *arg, const struct http_response *r)
{
    struct server *srv = arg;
    srv->status = r->status;
    snprintf(srv->error, sizeof srv->error, "%s", r->error ? r->error : "");
    loop_stop(srv->loop);
}

static void on_guard(struct loop *l, void *arg)
{
    struct server *srv = arg;
    srv->guard = NULL;
    loop_stop(l);
}

/* Posts req to path on the server and runs the loop until the answer, or for guard_ms at most
 * (srv->status stays -1). */
static void post_to(struct server *srv, struct http_request *req, const char *path,
                    uint64_t guard_ms)
{
    char url[128];
    snprintf(url, sizeof url, "%s%s", srv->url, path);
    req->url = url;
    struct http_client *c = http_client_new(srv->loop, "probe", NULL);
    ck_assert_int_eq(http_client_post(c, req, on_done, srv), 0);
    srv->guard = loop_timer_add(srv->loop, guard_ms, on_guard, srv);
    ck_assert_int_eq(loop_run(srv->loop), 0);
    if (srv->guard)
        loop_timer_cancel(srv->loop, srv->guard);
    srv->guard = NULL;
    http_client_free(c);
}

/* Sends req and returns the request as it arrived: the request line and the headers, one per
 * line without CR, then the body. */
static char *send_and_capture(struct http_request *req)
{
    struct server srv;
    server_start(&srv);
    post_to(&srv, req, "/path", 10000);
    ck_assert_int_eq(srv.status, 204);
    ck_assert_uint_eq(srv.nreqs, 1);
    struct strbuf out = STRBUF_INIT;
    for (const char *p = sb_str(&srv.reqs[0]); *p; p++)
        if (*p != '\r')
            sb_append(&out, p, 1);
    server_stop(&srv);
    return sb_detach(&out);
}

/* The header names of a captured request, in order, each followed by a newline. */
static char *header_names(const char *req)
{
    struct strbuf names = STRBUF_INIT;
    const char *p = strchr(req, '\n') + 1; /* past the request line */
    while (*p && *p != '\n') {
        const char *colon = strchr(p, ':'), *nl = strchr(p, '\n');
        ck_assert(colon && colon < nl);
        sb_append(&names, p, (size_t)(colon - p));
        sb_puts(&names, "\n");
        p = nl + 1;
    }
    return sb_detach(&names);
}

/* What a request carries for the protocol above HTTP is exactly what its caller gives: the
 * type, its headers in order (an empty value sent empty) and the User-Agent. */
START_TEST(a_request_carries_exactly_the_callers_headers)
{
    static const struct http_header extra[] = {{"X-Protocol", "demo 1.0"}, {"X-Empty", ""}};
    struct http_request req = {
        .body = "{\"a\":1}",
        .body_len = 7,
        .content_type = "application/json",
        .headers = extra,
        .nheaders = 2,
        .user_agent = "probe/2",
    };
    char *got = send_and_capture(&req);
    ck_assert_msg(!strncmp(got, "POST /path HTTP/1.1\n", 20), "%s", got);
    char *names = header_names(got);
    ck_assert_str_eq(names, "Host\nUser-Agent\nAccept\nContent-Type\nX-Protocol\nX-Empty\n"
                            "Content-Length\n");
    ck_assert_msg(strstr(got, "\nUser-Agent: probe/2\n"), "%s", got);
    ck_assert_msg(strstr(got, "\nContent-Type: application/json\nX-Protocol: demo 1.0\n"
                              "X-Empty:\nContent-Length: 7\n\n{\"a\":1}"),
                  "%s", got);
    free(names);
    free(got);
}
END_TEST

/* Given nothing, a request says nothing of any protocol: no type (not even libcurl's form type),
 * no User-Agent, no SOAPAction; the same for a POST without a body. */
START_TEST(a_request_without_caller_headers_has_no_protocol_defaults)
{
    struct http_request req = {.body = "hello", .body_len = 5};
    char *got = send_and_capture(&req);
    char *names = header_names(got);
    ck_assert_str_eq(names, "Host\nAccept\nContent-Length\n");
    ck_assert_msg(strstr(got, "\nContent-Length: 5\n\nhello"), "%s", got);
    free(names);
    free(got);

    struct http_request empty = {0};
    got = send_and_capture(&empty);
    names = header_names(got);
    ck_assert_str_eq(names, "Host\nAccept\nContent-Length\n");
    ck_assert_msg(strstr(got, "\nContent-Length: 0\n\n"), "%s", got);
    free(names);
    free(got);
}
END_TEST

/* --- a body made as it is sent --- */

/* A body source of a pattern that differs at every offset, so that a body started again from
 * the wrong place, or cut, does not match. */
static char pattern_byte(uint64_t i)
{
    return (char)('a' + ((i * 0x9E3779B97F4A7C15ull) >> 40) % 26);
}

struct pattern {
    uint64_t pos;   /* the next byte's offset */
    uint64_t end;   /* it has no byte past this (UINT64_MAX: endless) */
    uint64_t given; /* bytes read over all attempts */
    unsigned rewinds;
};

static size_t pattern_read(void *arg, char *buf, size_t size)
{
    struct pattern *p = arg;
    size_t n = p->end - p->pos < size ? (size_t)(p->end - p->pos) : size;
    for (size_t i = 0; i < n; i++)
        buf[i] = pattern_byte(p->pos + i);
    p->pos += n;
    p->given += n;
    return n;
}

static void pattern_rewind(void *arg)
{
    struct pattern *p = arg;
    p->pos = 0;
    p->rewinds++;
}

/* The body of a captured request (after its headers). */
static const char *body_of(const struct strbuf *req, size_t *len)
{
    const char *end = strstr(sb_str(req), "\r\n\r\n");
    ck_assert_ptr_nonnull(end);
    *len = req->len - (size_t)(end + 4 - sb_str(req));
    return end + 4;
}

/* A request with a source came with a Content-Length of its length (not chunked, no Expect)
 * and its whole body in order. */
static void assert_pattern_request(const struct strbuf *req, uint64_t len)
{
    const char *head_end = strstr(sb_str(req), "\r\n\r\n");
    ck_assert_ptr_nonnull(head_end);
    char *head = strndup(sb_str(req), (size_t)(head_end - sb_str(req)) + 2);
    char cl[64];
    snprintf(cl, sizeof cl, "\r\nContent-Length: %llu\r\n", (unsigned long long)len);
    ck_assert_msg(strstr(head, cl), "no %s in:\n%s", cl + 2, head);
    ck_assert_msg(!strcasestr(head, "\r\nTransfer-Encoding:"), "chunked:\n%s", head);
    ck_assert_msg(!strcasestr(head, "\r\nExpect:"), "Expect sent:\n%s", head);
    free(head);
    size_t n;
    const char *body = body_of(req, &n);
    ck_assert_uint_eq(n, len);
    for (size_t i = 0; i < n; i++)
        if (body[i] != pattern_byte(i))
            ck_abort_msg("the body differs at byte %zu of %zu", i, n);
}

#define BIG_BODY (3u * 1024u * 1024u + 17u)

START_TEST(a_body_source_of_megabytes_is_sent_whole_with_its_length)
{
    struct pattern p = {.end = BIG_BODY};
    struct http_body_source src = {BIG_BODY, pattern_read, pattern_rewind, &p};
    struct http_request req = {.source = &src, .content_type = "text/xml"};
    struct server srv;
    server_start(&srv);
    post_to(&srv, &req, "/acs", 20000);
    ck_assert_msg(srv.status == 204, "status %ld: %s", srv.status, srv.error);
    ck_assert_uint_eq(srv.nreqs, 1);
    ck_assert_msg(!strncmp(sb_str(&srv.reqs[0]), "POST /acs HTTP/1.1\r\n", 20), "%.200s",
                  sb_str(&srv.reqs[0]));
    assert_pattern_request(&srv.reqs[0], BIG_BODY);
    ck_assert_uint_eq(p.given, BIG_BODY);
    server_stop(&srv);
}
END_TEST

/* A source with more than its length sends its length: the rest is never asked for. */
START_TEST(a_body_source_is_not_read_past_its_length)
{
    struct pattern p = {.end = UINT64_MAX};
    struct http_body_source src = {100001, pattern_read, pattern_rewind, &p};
    struct http_request req = {.source = &src};
    struct server srv;
    server_start(&srv);
    post_to(&srv, &req, "/acs", 20000);
    ck_assert_msg(srv.status == 204, "status %ld: %s", srv.status, srv.error);
    ck_assert_uint_eq(srv.nreqs, 1);
    assert_pattern_request(&srv.reqs[0], 100001);
    ck_assert_uint_eq(p.given, 100001);
    server_stop(&srv);
}
END_TEST

/* Answering a Digest challenge sends the request again on the same connection, its body from
 * the start. */
START_TEST(a_body_source_is_sent_again_whole_after_a_challenge)
{
    struct pattern p = {.end = BIG_BODY};
    struct http_body_source src = {BIG_BODY, pattern_read, pattern_rewind, &p};
    struct http_request req = {.source = &src, .username = "cpe", .password = "secret"};
    struct server srv;
    server_start(&srv);
    srv.answers[0] = "HTTP/1.1 401 Unauthorized\r\n"
                     "WWW-Authenticate: Digest realm=\"acs\", nonce=\"n0nce\", qop=\"auth\"\r\n"
                     "Content-Length: 0\r\n\r\n";
    post_to(&srv, &req, "/acs", 20000);
    ck_assert_msg(srv.status == 204, "status %ld: %s", srv.status, srv.error);
    ck_assert_uint_eq(srv.nreqs, 2);
    ck_assert(!strcasestr(sb_str(&srv.reqs[0]), "\r\nAuthorization:"));
    ck_assert_msg(strcasestr(sb_str(&srv.reqs[1]), "\r\nAuthorization: Digest "), "%.400s",
                  sb_str(&srv.reqs[1]));
    assert_pattern_request(&srv.reqs[0], BIG_BODY);
    assert_pattern_request(&srv.reqs[1], BIG_BODY);
    ck_assert_uint_eq(p.given, 2 * (uint64_t)BIG_BODY);
    ck_assert_uint_ge(p.rewinds, 2);
    server_stop(&srv);
}
END_TEST

/* A redirect is followed with the same body, from its start. */
START_TEST(a_body_source_is_sent_again_whole_after_a_redirect)
{
    struct pattern p = {.end = 200000};
    struct http_body_source src = {200000, pattern_read, pattern_rewind, &p};
    struct http_request req = {.source = &src};
    struct server srv;
    server_start(&srv);
    char redirect[256];
    snprintf(redirect, sizeof redirect,
             "HTTP/1.1 307 Temporary Redirect\r\nLocation: %s/moved\r\nContent-Length: 0\r\n\r\n",
             srv.url);
    srv.answers[0] = redirect;
    post_to(&srv, &req, "/acs", 20000);
    ck_assert_msg(srv.status == 204, "status %ld: %s", srv.status, srv.error);
    ck_assert_uint_eq(srv.nreqs, 2);
    ck_assert(!strncmp(sb_str(&srv.reqs[1]), "POST /moved HTTP/1.1\r\n", 22));
    assert_pattern_request(&srv.reqs[0], 200000);
    assert_pattern_request(&srv.reqs[1], 200000);
    ck_assert_uint_ge(p.rewinds, 2);
    server_stop(&srv);
}
END_TEST

/* A source that ends before its length (the caller's bug) fails the request at once, instead of
 * leaving the server waiting for the rest and the client for the answer until the timeout. */
START_TEST(a_body_source_that_falls_short_fails_the_request)
{
    struct pattern p = {.end = 150000};
    struct http_body_source src = {200000, pattern_read, pattern_rewind, &p};
    struct http_request req = {.source = &src};
    struct server srv;
    server_start(&srv);
    uint64_t t0 = loop_now_ms();
    post_to(&srv, &req, "/acs", 5000);
    ck_assert_msg(srv.status == 0, "status %ld after %llu ms", srv.status,
                  (unsigned long long)(loop_now_ms() - t0));
    ck_assert_msg(strstr(srv.error, "150000 of its 200000"), "%s", srv.error);
    ck_assert_uint_eq(srv.nreqs, 0);
    server_stop(&srv);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("httpclient");
    TCase *tc = tcase_create("url");
    tcase_add_test(tc, http_and_https_urls_parse);
    tcase_add_test(tc, other_urls_are_refused_with_a_reason);
    suite_add_tcase(s, tc);
    tc = tcase_create("connections");
    tcase_add_test(tc, connections_are_tabled_as_curl_opens_and_closes_them);
    suite_add_tcase(s, tc);
    tc = tcase_create("request");
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, a_request_carries_exactly_the_callers_headers);
    tcase_add_test(tc, a_request_without_caller_headers_has_no_protocol_defaults);
    suite_add_tcase(s, tc);
    tc = tcase_create("source");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, a_body_source_of_megabytes_is_sent_whole_with_its_length);
    tcase_add_test(tc, a_body_source_is_not_read_past_its_length);
    tcase_add_test(tc, a_body_source_is_sent_again_whole_after_a_challenge);
    tcase_add_test(tc, a_body_source_is_sent_again_whole_after_a_redirect);
    tcase_add_test(tc, a_body_source_that_falls_short_fails_the_request);
    suite_add_tcase(s, tc);
    return unit_run(s);
}
