/* Unit tests of httpclient/: URL parsing. */
#include <check.h>
#include <stdlib.h>

#include "http_url.h"
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

int main(void)
{
    Suite *s = suite_create("httpclient");
    TCase *tc = tcase_create("url");
    tcase_add_test(tc, http_and_https_urls_parse);
    tcase_add_test(tc, other_urls_are_refused_with_a_reason);
    suite_add_tcase(s, tc);
    return unit_run(s);
}
