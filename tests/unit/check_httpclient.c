/* Unit tests of httpclient/: URL parsing, the connection table, and the headers a request
 * carries (those its caller gives, no protocol's defaults). */
#include <arpa/inet.h>
#include <check.h>
#include <curl/curl.h>
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

/* A server of one request on the loop: it keeps what came and answers 204. */
struct capture {
    struct loop *loop;
    int lfd;
    unsigned port;
    struct strbuf got;
    long status; /* what the client's done callback was given; -1 before */
    struct loop_timer *guard;
};

/* The whole request is in once the headers are, and as many bytes as Content-Length says. */
static bool request_complete(const struct strbuf *b)
{
    const char *end = strstr(sb_str(b), "\r\n\r\n");
    if (!end)
        return false;
    size_t want = 0;
    const char *cl = strcasestr(sb_str(b), "\r\nContent-Length:");
    if (cl && cl < end)
        want = strtoul(cl + 17, NULL, 10);
    return b->len >= (size_t)(end + 4 - sb_str(b)) + want;
}

static void on_peer(struct loop *l, int fd, unsigned events, void *arg)
{
    (void)events;
    struct capture *cap = arg;
    char buf[4096];
    ssize_t n = read(fd, buf, sizeof buf);
    if (n > 0)
        sb_append(&cap->got, buf, (size_t)n);
    if (n > 0 && !request_complete(&cap->got))
        return;
    if (n > 0) {
        static const char answer[] = "HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n";
        ck_assert_int_eq(write(fd, answer, sizeof answer - 1), (ssize_t)(sizeof answer - 1));
    }
    loop_del_fd(l, fd);
    close(fd);
}

static void on_listener(struct loop *l, int fd, unsigned events, void *arg)
{
    (void)events;
    int c = accept4(fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (c >= 0)
        ck_assert_int_eq(loop_add_fd(l, c, LOOP_READ, on_peer, arg), 0);
}

static void on_done(void *arg, const struct http_response *r)
{
    struct capture *cap = arg;
    cap->status = r->status;
    loop_stop(cap->loop);
}

static void on_guard(struct loop *l, void *arg)
{
    struct capture *cap = arg;
    cap->guard = NULL;
    loop_stop(l);
}

/* Sends req (its URL made to point at the capture server) and returns the request as it arrived:
 * the request line and the headers, one per line without CR, then the body. */
static char *send_and_capture(struct http_request *req)
{
    struct capture cap = {.loop = loop_new(), .status = -1, .got = STRBUF_INIT};
    cap.lfd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    struct sockaddr_in sin = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t len = sizeof sin;
    ck_assert_int_eq(bind(cap.lfd, (struct sockaddr *)&sin, sizeof sin), 0);
    ck_assert_int_eq(listen(cap.lfd, 4), 0);
    ck_assert_int_eq(getsockname(cap.lfd, (struct sockaddr *)&sin, &len), 0);
    ck_assert_int_eq(loop_add_fd(cap.loop, cap.lfd, LOOP_READ, on_listener, &cap), 0);
    char url[64];
    snprintf(url, sizeof url, "http://127.0.0.1:%u/path", (unsigned)ntohs(sin.sin_port));
    req->url = url;
    struct http_client *c = http_client_new(cap.loop, "probe", NULL);
    ck_assert_int_eq(http_client_post(c, req, on_done, &cap), 0);
    cap.guard = loop_timer_add(cap.loop, 10000, on_guard, &cap);
    ck_assert_int_eq(loop_run(cap.loop), 0);
    ck_assert_int_eq(cap.status, 204);
    if (cap.guard)
        loop_timer_cancel(cap.loop, cap.guard);
    http_client_free(c);
    loop_del_fd(cap.loop, cap.lfd);
    close(cap.lfd);
    loop_free(cap.loop);
    struct strbuf out = STRBUF_INIT;
    for (const char *p = sb_str(&cap.got); *p; p++)
        if (*p != '\r')
            sb_append(&out, p, 1);
    sb_free(&cap.got);
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
    return unit_run(s);
}
