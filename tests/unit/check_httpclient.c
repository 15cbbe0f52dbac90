/* Unit tests of httpclient/: URL parsing, the connection table. */
#include <arpa/inet.h>
#include <check.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "http_conn.h"
#include "http_url.h"
#include "loop.h"
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
    return unit_run(s);
}
