/* Unit tests of the connection-request server's decisions (cr_policy.c): the sliding windows of
 * the rate limits, what a request gets before its credentials count, and the option forms. */
#include <arpa/inet.h>
#include <check.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

#include "cr_policy.h"
#include "unit.h"

START_TEST(window_allows_n_in_any_period)
{
    struct rate_window w;
    rate_window_init(&w, 3, 1000);
    ck_assert(rate_window_take(&w, 0));
    ck_assert(rate_window_take(&w, 10));
    ck_assert(rate_window_room(&w, 20));
    ck_assert(rate_window_take(&w, 20));
    ck_assert(!rate_window_room(&w, 30));
    ck_assert(!rate_window_take(&w, 999));
    /* The first one has left the window; the second has not, 5 ms later. */
    ck_assert(rate_window_take(&w, 1000));
    ck_assert(!rate_window_take(&w, 1005));
    ck_assert(rate_window_take(&w, 1010));
    ck_assert(rate_window_take(&w, 1020));
    ck_assert(!rate_window_take(&w, 1999));
    /* A refusal is not counted: the window frees on schedule. */
    ck_assert(rate_window_take(&w, 2000));
    rate_window_free(&w);
}
END_TEST

static struct sockaddr_storage v4(const char *text)
{
    struct sockaddr_storage ss;
    memset(&ss, 0, sizeof ss);
    struct sockaddr_in *s4 = (struct sockaddr_in *)&ss;
    s4->sin_family = AF_INET;
    inet_pton(AF_INET, text, &s4->sin_addr);
    return ss;
}

static struct sockaddr_storage v6(const char *text)
{
    struct sockaddr_storage ss;
    memset(&ss, 0, sizeof ss);
    struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&ss;
    s6->sin6_family = AF_INET6;
    inet_pton(AF_INET6, text, &s6->sin6_addr);
    return ss;
}

START_TEST(failures_per_address)
{
    struct cr_failures *f = malloc(sizeof *f);
    ck_assert_ptr_nonnull(f);
    cr_failures_init(f);
    struct sockaddr_storage a = v4("192.0.2.1"), b = v4("192.0.2.2");
    struct sockaddr_storage c = v6("2001:db8::1"), d = v6("2001:db8::2"), e = v6("2001:db8:1::1");
    for (unsigned i = 0; i < CR_FAILED_LIMIT; i++) {
        ck_assert(cr_failures_room(f, (struct sockaddr *)&a, 100 + i));
        cr_failures_take(f, (struct sockaddr *)&a, 100 + i);
        cr_failures_take(f, (struct sockaddr *)&c, 100 + i);
    }
    ck_assert(!cr_failures_room(f, (struct sockaddr *)&a, 200));
    ck_assert(cr_failures_room(f, (struct sockaddr *)&b, 200));
    /* One IPv6 /64 is one address; another /64 is not. */
    ck_assert(!cr_failures_room(f, (struct sockaddr *)&d, 200));
    ck_assert(cr_failures_room(f, (struct sockaddr *)&e, 200));
    ck_assert(cr_failures_room(f, (struct sockaddr *)&a, 100 + CR_FAILED_PERIOD_MS));
    /* More addresses than the table holds: the oldest failures give their place. */
    for (unsigned i = 0; i < CR_FAILED_ADDRESSES; i++) {
        struct sockaddr_storage x = v4("198.51.100.0");
        ((struct sockaddr_in *)&x)->sin_addr.s_addr = htonl(0xc6336400u + i);
        cr_failures_take(f, (struct sockaddr *)&x, 300);
    }
    ck_assert(cr_failures_room(f, (struct sockaddr *)&a, 300));
    cr_failures_free(f);
    free(f);
}
END_TEST

START_TEST(window_defaults_and_no_limit)
{
    struct rate_window w;
    rate_window_init(&w, CR_SESSIONS_LIMIT, CR_SESSIONS_PERIOD_S * 1000u);
    uint64_t t0 = 5000000;
    for (unsigned i = 0; i < 10; i++)
        ck_assert(rate_window_take(&w, t0 + i * 1000u));
    ck_assert(!rate_window_take(&w, t0 + 59999));
    ck_assert(rate_window_take(&w, t0 + 60000));
    ck_assert(!rate_window_take(&w, t0 + 60500));
    rate_window_free(&w);
    rate_window_init(&w, 0, 1000);
    for (unsigned i = 0; i < 100000; i++)
        ck_assert(rate_window_take(&w, 7));
    rate_window_free(&w);
}
END_TEST

START_TEST(requests_before_credentials)
{
    const char *p = "0123abcd";
    ck_assert_int_eq(cr_classify("GET", "/0123abcd", p), 0);
    ck_assert_int_eq(cr_classify("POST", "/0123abcd", p), 405);
    ck_assert_int_eq(cr_classify("HEAD", "/0123abcd", p), 405);
    ck_assert_int_eq(cr_classify("get", "/0123abcd", p), 405);
    ck_assert_int_eq(cr_classify("PUT", "/0123abcd", p), 405);
    /* The path is checked first: a wrong one does not learn that the method was wrong. */
    ck_assert_int_eq(cr_classify("POST", "/", p), 404);
    ck_assert_int_eq(cr_classify("GET", "/", p), 404);
    ck_assert_int_eq(cr_classify("GET", "/0123abcd/", p), 404);
    ck_assert_int_eq(cr_classify("GET", "/0123abc", p), 404);
    ck_assert_int_eq(cr_classify("GET", "/0123abcde", p), 404);
    ck_assert_int_eq(cr_classify("GET", "0123abcd", p), 404);
    ck_assert_int_eq(cr_classify("GET", "//0123abcd", p), 404);
    ck_assert_int_eq(cr_classify("GET", "", p), 404);
}
END_TEST

static const char *endpoint(const struct sockaddr_storage *ss)
{
    static struct strbuf sb = STRBUF_INIT;
    sb_reset(&sb);
    cr_format_endpoint((const struct sockaddr *)ss, &sb);
    return sb_str(&sb);
}

START_TEST(listen_option)
{
    struct sockaddr_storage ss;
    socklen_t len;
    struct strbuf err = STRBUF_INIT;
    ck_assert_int_eq(cr_parse_listen("127.0.0.1:0", &ss, &len, &err), 0);
    ck_assert_int_eq(ss.ss_family, AF_INET);
    ck_assert_int_eq(len, sizeof(struct sockaddr_in));
    ck_assert_str_eq(endpoint(&ss), "127.0.0.1:0");
    ck_assert_int_eq(cr_parse_listen("192.0.2.1:7547", &ss, &len, &err), 0);
    ck_assert_str_eq(endpoint(&ss), "192.0.2.1:7547");
    ck_assert_int_eq(cr_parse_listen("[::1]:65535", &ss, &len, &err), 0);
    ck_assert_int_eq(ss.ss_family, AF_INET6);
    ck_assert_str_eq(endpoint(&ss), "[::1]:65535");
    ck_assert_int_eq(cr_parse_listen(":8080", &ss, &len, &err), 0);
    ck_assert_int_eq(ss.ss_family, AF_UNSPEC);
    ck_assert_int_eq(ntohs(((struct sockaddr_in *)&ss)->sin_port), 8080);
    static const char *const bad[] = {
        "127.0.0.1",
        "127.0.0.1:",
        "127.0.0.1:65536",
        "127.0.0.1:-1",
        "127.0.0.1:+80",
        "127.0.0.1:8x",
        "localhost:80",
        "::1:80",
        "[::1:80",
        "[127.0.0.1]:80",
        "1.2.3:80",
        "",
        ":",
        "[]:80",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        sb_reset(&err);
        ck_assert_msg(cr_parse_listen(bad[i], &ss, &len, &err) < 0, "%s accepted", bad[i]);
        ck_assert_ptr_nonnull(strstr(sb_str(&err), "--listen"));
    }
    sb_free(&err);
}
END_TEST

START_TEST(rate_option)
{
    unsigned n, s;
    struct strbuf err = STRBUF_INIT;
    ck_assert_int_eq(cr_parse_rate("10/60", &n, &s, &err), 0);
    ck_assert_uint_eq(n, 10);
    ck_assert_uint_eq(s, 60);
    ck_assert_int_eq(cr_parse_rate("0", &n, &s, &err), 0);
    ck_assert_uint_eq(n, 0);
    ck_assert_int_eq(cr_parse_rate("0/5", &n, &s, &err), 0);
    ck_assert_uint_eq(n, 0);
    ck_assert_int_eq(cr_parse_rate("10000/86400", &n, &s, &err), 0);
    static const char *const bad[] = {"",     "10",      "10/",     "10/0", "/5",   "a/b", "10/60x",
                                      "-1/5", "10001/5", "1/86401", " 1/5", "1/ 5", "1/-5"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        sb_reset(&err);
        ck_assert_msg(cr_parse_rate(bad[i], &n, &s, &err) < 0, "%s accepted", bad[i]);
        ck_assert_ptr_nonnull(strstr(sb_str(&err), "--cr-rate"));
    }
    sb_free(&err);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("cr");
    TCase *tc = tcase_create("policy");
    tcase_add_test(tc, window_allows_n_in_any_period);
    tcase_add_test(tc, window_defaults_and_no_limit);
    tcase_add_test(tc, failures_per_address);
    tcase_add_test(tc, requests_before_credentials);
    tcase_add_test(tc, listen_option);
    tcase_add_test(tc, rate_option);
    suite_add_tcase(s, tc);
    return unit_run(s);
}
