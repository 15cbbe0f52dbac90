/* Unit tests of httpclient/cookie*.c: the cookie jar, Netscape (RFC 6265) and RFC 2965 cookies,
 * with the RFCs' own examples where they give some. Every test runs in its own process (Check's
 * fork mode), so the jar and the log below are per test. */
#include <check.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cookie.h"
#include "strbuf.h"
#include "unit.h"

/* 2023-11-14 22:13:20 UTC */
#define T0 1700000000LL

/* A value no log line may ever hold (section "log" below). */
#define SECRET "S3CR3T-VALUE-7f1d"

static struct cookie_jar *jar;
static struct strbuf logbook, hdr, hdr2;
static int events[COOKIE_EXPIRED + 1];

static void record(void *arg, enum cookie_event ev, const char *message)
{
    (void)arg;
    static const char *const names[] = {"RECEIVED", "STORED", "REJECTED", "SENT", "EXPIRED"};
    sb_printf(&logbook, "%s %s\n", names[ev], message);
    events[ev]++;
}

static void setup(void)
{
    memset(events, 0, sizeof events); /* for CK_FORK=no, where tests share the process */
    jar = cookie_jar_new();
    cookie_jar_set_log(jar, record, NULL);
}

static void teardown(void)
{
    cookie_jar_free(jar);
    sb_free(&logbook);
    sb_free(&hdr);
    sb_free(&hdr2);
}

static struct cookie_origin at(const char *host, unsigned port, const char *path)
{
    return (struct cookie_origin){host, port, path, false};
}

static int set_cookie(const char *host, const char *path, const char *value, long long now)
{
    struct cookie_origin o = at(host, 80, path);
    return cookie_jar_receive(jar, &o, false, value, now);
}

static int set_cookie2(const char *host, unsigned port, const char *path, const char *value,
                       long long now)
{
    struct cookie_origin o = at(host, port, path);
    return cookie_jar_receive(jar, &o, true, value, now);
}

/* The Cookie header for a request; hdr2 gets the Cookie2 one. */
static const char *cookie_hdr(const char *host, unsigned port, const char *path, bool secure,
                              long long now)
{
    struct cookie_origin o = {host, port, path, secure};
    cookie_jar_request_headers(jar, &o, now, &hdr, &hdr2);
    return sb_str(&hdr);
}

static const char *cookie_at(const char *host, const char *path, long long now)
{
    return cookie_hdr(host, 80, path, false, now);
}

/* The first stored cookie of that name (NULL when none). */
struct find {
    const char *name;
    const struct cookie *found;
};

static void find_visit(void *arg, const struct cookie *c)
{
    struct find *f = arg;
    if (!f->found && !strcmp(c->name, f->name))
        f->found = c;
}

static const struct cookie *stored(const char *name)
{
    struct find f = {name, NULL};
    cookie_jar_foreach(jar, NULL, find_visit, &f);
    return f.found;
}

static bool logged(const char *text)
{
    return strstr(sb_str(&logbook), text) != NULL;
}

#define ck_assert_logged(text)                                                                     \
    ck_assert_msg(logged(text), "no \"%s\" in the log:\n%s", text, sb_str(&logbook))

/* ---------------------------------------------------------------- RFC 2965 section 4 */

START_TEST(rfc2965_example_1)
{
    const char *h = "www.acme.example";
    ck_assert_str_eq(cookie_at(h, "/acme/login", T0), "");
    ck_assert_int_eq(set_cookie2(h, 80, "/acme/login",
                                 "Customer=\"WILE_E_COYOTE\"; Version=\"1\"; Path=\"/acme\"", T0),
                     1);
    ck_assert_str_eq(cookie_at(h, "/acme/pickitem", T0 + 1),
                     "$Version=\"1\"; Customer=\"WILE_E_COYOTE\"; $Path=\"/acme\"");
    ck_assert_str_eq(sb_str(&hdr2), ""); /* no Cookie2: every cookie sent is of version 1 */
    ck_assert_int_eq(set_cookie2(h, 80, "/acme/pickitem",
                                 "Part_Number=\"Rocket_Launcher_0001\"; Version=\"1\";"
                                 "        Path=\"/acme\"",
                                 T0 + 2),
                     1);
    ck_assert_str_eq(cookie_at(h, "/acme/shipping", T0 + 3),
                     "$Version=\"1\"; Customer=\"WILE_E_COYOTE\"; $Path=\"/acme\"; "
                     "Part_Number=\"Rocket_Launcher_0001\"; $Path=\"/acme\"");
    ck_assert_int_eq(set_cookie2(h, 80, "/acme/shipping",
                                 "Shipping=\"FedEx\"; Version=\"1\"; Path=\"/acme\"", T0 + 4),
                     1);
    ck_assert_str_eq(cookie_at(h, "/acme/process", T0 + 5),
                     "$Version=\"1\"; Customer=\"WILE_E_COYOTE\"; $Path=\"/acme\"; "
                     "Part_Number=\"Rocket_Launcher_0001\"; $Path=\"/acme\"; "
                     "Shipping=\"FedEx\"; $Path=\"/acme\"");
    ck_assert_uint_eq(stored("Customer")->sent, 3);
    ck_assert_uint_eq(stored("Shipping")->sent, 1);
    /* the default domain: the request-host, without a dot, and no $Domain */
    ck_assert_str_eq(stored("Customer")->domain, h);
    ck_assert(!stored("Customer")->domain_given);
    ck_assert_str_eq(cookie_at("other.acme.example", "/acme/process", T0 + 5), "");
}
END_TEST

START_TEST(rfc2965_example_2_more_specific_paths_first)
{
    const char *h = "www.acme.example";
    set_cookie2(h, 80, "/acme/parts/",
                "Part_Number=\"Rocket_Launcher_0001\"; Version=\"1\"; Path=\"/acme\"", T0);
    /* received second, sent first: its path is longer */
    set_cookie2(h, 80, "/acme/ammo/order",
                "Part_Number=\"Riding_Rocket_0023\"; Version=\"1\"; Path=\"/acme/ammo\"", T0 + 1);
    ck_assert_uint_eq(cookie_jar_count(jar), 2); /* same name, other path: two cookies */
    ck_assert_str_eq(cookie_at(h, "/acme/ammo/specific", T0 + 2),
                     "$Version=\"1\"; Part_Number=\"Riding_Rocket_0023\"; $Path=\"/acme/ammo\"; "
                     "Part_Number=\"Rocket_Launcher_0001\"; $Path=\"/acme\"");
    ck_assert_str_eq(cookie_at(h, "/acme/parts/", T0 + 3),
                     "$Version=\"1\"; Part_Number=\"Rocket_Launcher_0001\"; $Path=\"/acme\"");
}
END_TEST

/* ---------------------------------------------------------------- matching rules */

START_TEST(domain_match_tables)
{
    static const struct {
        const char *host, *domain;
        bool v2965, netscape;
    } rows[] = {
        {"example.com", "example.com", true, true},
        {"EXAMPLE.com", "example.COM", true, true},
        {"www.example.com", ".example.com", true, false},
        {"www.example.com", "example.com", false, true},
        {"a.b.example.com", ".example.com", true, false}, /* 3.3.2 rejects it, not the match */
        {"a.b.example.com", "example.com", false, true},
        {"wwwexample.com", "example.com", false, false},
        {"example.com", ".example.com", false, false},
        {"example.com", "www.example.com", false, false},
        {"x.y", ".y", true, false},
        {"myhost.local", ".local", true, false},
        {"192.168.1.1", "192.168.1.1", true, true},
        {"192.168.1.1", ".168.1.1", false, false}, /* an address only matches itself */
        {"192.168.1.1", "168.1.1", false, false},
        {"fe80::1", "fe80::1", true, true},
        {"fe80::1", ":1", false, false},
        {"example.com", "", false, false},
        {"", "", true, true},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        ck_assert_msg(cookie_domain_match_2965(rows[i].host, rows[i].domain) == rows[i].v2965,
                      "2965: %s vs %s", rows[i].host, rows[i].domain);
        ck_assert_msg(cookie_domain_match_netscape(rows[i].host, rows[i].domain) ==
                          rows[i].netscape,
                      "netscape: %s vs %s", rows[i].host, rows[i].domain);
    }
}
END_TEST

START_TEST(path_match_and_default_path)
{
    static const struct {
        const char *request, *cookie;
        bool v0, v1;
    } rows[] = {
        {"/acme", "/acme", true, true},
        {"/acme/", "/acme", true, true},
        {"/acme/x", "/acme", true, true},
        {"/acmefoo", "/acme", false, true},
        {"/acme/x", "/acme/", true, true},
        {"/acme", "/acme/", false, false},
        {"/", "/", true, true},
        {"/anything", "/", true, true},
        {"/tec/waldo", "/tec", true, true},
        {"/te", "/tec", false, false},
        {"/ACME/x", "/acme", false, false}, /* paths compare with case */
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        ck_assert_msg(cookie_path_match(rows[i].request, rows[i].cookie, 0) == rows[i].v0,
                      "v0: %s vs %s", rows[i].request, rows[i].cookie);
        ck_assert_msg(cookie_path_match(rows[i].request, rows[i].cookie, 1) == rows[i].v1,
                      "v1: %s vs %s", rows[i].request, rows[i].cookie);
    }
    static const char *const defaults[][2] = {
        {"", "/"},         {"/", "/"},   {"/acs", "/"},  {"/cwmp/acs", "/cwmp"},
        {"/a/b/", "/a/b"}, {"acs", "/"}, {"a/b/c", "/"}, {"//x", "/"},
    };
    struct strbuf out = STRBUF_INIT;
    for (size_t i = 0; i < sizeof defaults / sizeof defaults[0]; i++) {
        sb_puts(&out, "garbage that must go");
        cookie_default_path(defaults[i][0], &out);
        ck_assert_str_eq(sb_str(&out), defaults[i][1]);
    }
    cookie_default_path(NULL, &out);
    ck_assert_str_eq(sb_str(&out), "/");
    sb_free(&out);
}
END_TEST

/* ---------------------------------------------------------------- RFC 2965 rules */

START_TEST(rfc2965_rejects_a_path_that_is_no_prefix)
{
    ck_assert_int_eq(
        set_cookie2("www.acme.example", 80, "/acme/login", "a=1; Version=1; Path=\"/other\"", T0),
        0);
    ck_assert_logged("rejected \"a\" from www.acme.example: Path /other is not a prefix of the "
                     "request path /acme/login");
    /* a prefix that stops inside a segment is still a prefix for RFC 2965 */
    ck_assert_int_eq(
        set_cookie2("www.acme.example", 80, "/acme/login", "b=1; Version=1; Path=\"/ac\"", T0), 1);
    ck_assert_str_eq(cookie_at("www.acme.example", "/acmefoo", T0), "$Version=\"1\"; b=1; "
                                                                    "$Path=\"/ac\"");
    ck_assert_uint_eq(cookie_jar_count(jar), 1);
}
END_TEST

START_TEST(rfc2965_rejects_a_domain_without_embedded_dot)
{
    static const char *const bad[] = {"Domain=.com", "Domain=com", "Domain=\".com.\"",
                                      "Domain=\"\""};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char v[128];
        snprintf(v, sizeof v, "a=1; Version=1; %s", bad[i]);
        ck_assert_msg(set_cookie2("www.example.com", 80, "/", v, T0) == 0, "stored %s", v);
    }
    ck_assert_logged("rejected \"a\" from www.example.com: Domain .com has no embedded dot");
    ck_assert_logged("Domain .com. has no embedded dot");
    ck_assert_int_eq(events[COOKIE_REJECTED], 4);
    /* .local is the exception, for the hosts without a dot */
    ck_assert_int_eq(set_cookie2("myhost", 80, "/", "a=1; Version=1; Domain=.local", T0), 1);
    ck_assert_str_eq(stored("a")->domain, ".local");
    ck_assert_str_eq(cookie_at("myhost", "/", T0), "$Version=\"1\"; a=1; $Domain=\".local\"");
    ck_assert_str_eq(cookie_at("otherhost", "/", T0), "$Version=\"1\"; a=1; $Domain=\".local\"");
    ck_assert_str_eq(cookie_at("www.example.com", "/", T0), "");
}
END_TEST

START_TEST(rfc2965_rejects_a_domain_the_host_is_not_in)
{
    ck_assert_int_eq(
        set_cookie2("www.example.com", 80, "/", "a=1; Version=1; Domain=.other.com", T0), 0);
    ck_assert_logged("rejected \"a\" from www.example.com: Domain .other.com does not "
                     "domain-match the effective host www.example.com");
    /* the host itself as Domain gets a dot and no longer matches it: RFC 2965 to the letter */
    ck_assert_int_eq(
        set_cookie2("www.example.com", 80, "/", "b=1; Version=1; Domain=www.example.com", T0), 0);
    ck_assert_logged("Domain .www.example.com does not domain-match");
    /* a dotless host is compared as host.local */
    ck_assert_int_eq(set_cookie2("myhost", 80, "/", "c=1; Version=1; Domain=.example.com", T0), 0);
    ck_assert_logged("effective host myhost.local");
    ck_assert_uint_eq(cookie_jar_count(jar), 0);
}
END_TEST

START_TEST(rfc2965_rejects_a_host_two_levels_below_the_domain)
{
    ck_assert_int_eq(
        set_cookie2("a.b.example.com", 80, "/", "a=1; Version=1; Domain=.example.com", T0), 0);
    ck_assert_logged("rejected \"a\" from a.b.example.com: the host is more than one level below "
                     "Domain .example.com");
    /* one level is fine, and the dot is supplied when missing (section 3.2.2) */
    ck_assert_int_eq(
        set_cookie2("b.example.com", 80, "/", "a=1; Version=1; Domain=example.com", T0), 1);
    const struct cookie *c = stored("a");
    ck_assert_str_eq(c->domain, ".example.com");
    ck_assert(c->domain_given);
    ck_assert_str_eq(cookie_at("c.example.com", "/", T0),
                     "$Version=\"1\"; a=1; $Domain=\".example.com\"");
    /* sending is by domain-match alone: a host two levels down gets it */
    ck_assert_str_eq(cookie_at("x.c.example.com", "/", T0),
                     "$Version=\"1\"; a=1; $Domain=\".example.com\"");
    ck_assert_str_eq(cookie_at("example.com", "/", T0), "");
}
END_TEST

START_TEST(rfc2965_port_list)
{
    ck_assert_int_eq(
        set_cookie2("acs.example.com", 80, "/", "a=1; Version=1; Port=\"8080,8081\"", T0), 0);
    ck_assert_logged("rejected \"a\" from acs.example.com: Port \"8080,8081\" does not list the "
                     "request port 80");
    ck_assert_int_eq(
        set_cookie2("acs.example.com", 80, "/", "b=2; Version=1; Port=\"80, 8080\"", T0), 1);
    const struct cookie *c = stored("b");
    ck_assert_uint_eq(c->nports, 2);
    ck_assert_uint_eq(c->ports[0], 80);
    ck_assert_uint_eq(c->ports[1], 8080);
    ck_assert_str_eq(c->port_attr, "80, 8080");
    ck_assert_str_eq(cookie_hdr("acs.example.com", 8080, "/", false, T0),
                     "$Version=\"1\"; b=2; $Port=\"80, 8080\"");
    ck_assert_str_eq(cookie_hdr("acs.example.com", 8443, "/", false, T0), "");
    /* lists that are not lists */
    static const char *const bad[] = {"Port=\"80,x\"",  "Port=\"0\"", "Port=\"65536\"",
                                      "Port=\"80 81\"", "Port=\"\"",  "Port=\"-80\""};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char v[64];
        snprintf(v, sizeof v, "z=1; Version=1; %s", bad[i]);
        ck_assert_msg(set_cookie2("acs.example.com", 80, "/", v, T0) == 0, "stored %s", v);
    }
    /* 16 ports fit, 17 do not */
    ck_assert_int_eq(set_cookie2("acs.example.com", 80, "/",
                                 "p=1; Version=1; Port=\"80,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15\"",
                                 T0),
                     1);
    ck_assert_int_eq(
        set_cookie2("acs.example.com", 80, "/",
                    "q=1; Version=1; Port=\"80,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16\"", T0),
        0);
    ck_assert_logged("Port lists more than 16 ports");
}
END_TEST

START_TEST(rfc2965_port_without_value)
{
    ck_assert_int_eq(
        set_cookie2("acs.example.com", 7547, "/acs", "s=\"x\"; Version=\"1\"; Port", T0), 1);
    const struct cookie *c = stored("s");
    ck_assert_str_eq(c->port_attr, "");
    ck_assert_uint_eq(c->nports, 1);
    ck_assert_uint_eq(c->ports[0], 7547);
    /* section 3.3.4: $Port is present, without a value, as Port was */
    ck_assert_str_eq(cookie_hdr("acs.example.com", 7547, "/acs", false, T0),
                     "$Version=\"1\"; s=\"x\"; $Port");
    ck_assert_str_eq(cookie_hdr("acs.example.com", 80, "/acs", false, T0), "");
    /* without Port: any port, and no $Port */
    set_cookie2("acs.example.com", 7547, "/acs", "t=1; Version=1", T0 + 1);
    ck_assert_ptr_null(stored("t")->port_attr);
    ck_assert_str_eq(cookie_hdr("acs.example.com", 9999, "/acs", false, T0), "$Version=\"1\"; t=1");
}
END_TEST

START_TEST(rfc2965_version_is_required_and_must_be_1)
{
    ck_assert_int_eq(set_cookie2("acs.example.com", 80, "/", "a=1; Path=/", T0), 0);
    ck_assert_logged("rejected \"a\" from acs.example.com: no Version attribute");
    ck_assert_int_eq(set_cookie2("acs.example.com", 80, "/", "b=1; Version=\"2\"", T0), 0);
    ck_assert_logged("rejected \"b\" from acs.example.com: Version 2 is not 1");
    ck_assert_int_eq(set_cookie2("acs.example.com", 80, "/", "c=1; Version", T0), 0);
    ck_assert_int_eq(set_cookie2("acs.example.com", 80, "/", "d=1; version=\"x\"", T0), 0);
    ck_assert_int_eq(set_cookie2("acs.example.com", 80, "/", "e=1; VERSION=1", T0), 1);
    /* the first appearance counts */
    ck_assert_int_eq(set_cookie2("acs.example.com", 80, "/", "f=1; Version=1; Version=2", T0), 1);
    ck_assert_int_eq(set_cookie2("acs.example.com", 80, "/", "g=1; Version=2; Version=1", T0), 0);
    ck_assert_uint_eq(cookie_jar_count(jar), 2);
}
END_TEST

START_TEST(rfc2965_discard_and_max_age)
{
    set_cookie2("acs.example.com", 80, "/", "d=1; Version=1; Max-Age=3600; Discard", T0);
    set_cookie2("acs.example.com", 80, "/", "p=1; Version=1; Max-Age=\"3600\"", T0);
    set_cookie2("acs.example.com", 80, "/", "s=1; Version=1", T0);
    const struct cookie *d = stored("d"), *p = stored("p"), *s = stored("s");
    ck_assert(!d->persistent);
    ck_assert_int_eq(d->expires, T0 + 3600); /* Max-Age still ends a Discard cookie */
    ck_assert(p->persistent);
    ck_assert_int_eq(p->expires, T0 + 3600);
    ck_assert(!s->persistent);
    ck_assert_int_eq(s->expires, LLONG_MAX);
    /* the Discard cookie goes at its Max-Age even within the session */
    ck_assert_str_eq(cookie_at("acs.example.com", "/", T0 + 3600), "$Version=\"1\"; s=1");
    ck_assert_uint_eq(cookie_jar_count(jar), 1);
    ck_assert_logged("EXPIRED dropped \"d\" for acs.example.com path /: expired");
}
END_TEST

START_TEST(rfc2965_max_age_0_deletes)
{
    ck_assert_int_eq(set_cookie2("acs.example.com", 80, "/acs",
                                 "a=1; Version=1; Path=/acs, "
                                 "b=2; Version=1; Path=/acs",
                                 T0),
                     2);
    ck_assert_uint_eq(cookie_jar_count(jar), 2);
    ck_assert_int_eq(set_cookie2("acs.example.com", 80, "/acs",
                                 "a=\"\"; Version=1; Path=/acs; Max-Age=0", T0 + 1),
                     1);
    ck_assert_uint_eq(cookie_jar_count(jar), 1);
    ck_assert_ptr_null(stored("a"));
    ck_assert_logged("STORED deleted \"a\" for acs.example.com path /acs");
    /* another path is another cookie: nothing deleted */
    set_cookie2("acs.example.com", 80, "/acs", "b=2; Version=1; Path=/; Max-Age=0", T0 + 2);
    ck_assert_uint_eq(cookie_jar_count(jar), 1);
    ck_assert_logged("nothing to delete");
    /* invalid Max-Age values are ignored */
    set_cookie2("acs.example.com", 80, "/", "c=1; Version=1; Max-Age=-5", T0);
    set_cookie2("acs.example.com", 80, "/", "d=1; Version=1; Max-Age=soon", T0);
    ck_assert(!stored("c")->persistent);
    ck_assert(!stored("d")->persistent);
}
END_TEST

START_TEST(rfc2965_replacement)
{
    set_cookie2("acs.example.com", 80, "/acs", "first=1; Version=1", T0);
    set_cookie2("acs.example.com", 80, "/acs", "sess=\"a\"; Version=1; Path=\"/acs\"", T0 + 1);
    set_cookie2("acs.example.com", 80, "/acs", "last=1; Version=1", T0 + 2);
    cookie_at("acs.example.com", "/acs", T0 + 3);
    ck_assert_int_eq(
        set_cookie2("ACS.Example.COM", 80, "/acs", "sess=\"b\"; Version=1; Path=\"/acs\"", T0 + 10),
        1);
    ck_assert_uint_eq(cookie_jar_count(jar), 3);
    const struct cookie *c = stored("sess");
    ck_assert_str_eq(c->value, "\"b\"");
    ck_assert_int_eq(c->created, T0 + 1); /* the first creation time stays */
    ck_assert_uint_eq(c->sent, 1);
    ck_assert_logged("STORED replaced \"sess\" for acs.example.com path /acs");
    /* it keeps its place among the others */
    ck_assert_str_eq(cookie_at("acs.example.com", "/acs", T0 + 11),
                     "$Version=\"1\"; sess=\"b\"; $Path=\"/acs\"; first=1; last=1");
}
END_TEST

START_TEST(rfc2965_quoted_strings_and_lists)
{
    ck_assert_int_eq(set_cookie2("acs.example.com", 80, "/",
                                 "a=\"x,y;z\"; Version=\"1\"; Comment=\"a; b, c\", "
                                 "b=\"q\\\"r,\\\\\" ; Version=1 ,, c=plain;Version=1;Secure",
                                 T0),
                     3);
    ck_assert_str_eq(stored("a")->value, "\"x,y;z\"");
    ck_assert_str_eq(stored("a")->comment, "a; b, c");
    ck_assert_str_eq(stored("b")->value, "\"q\\\"r,\\\\\"");
    ck_assert(stored("c")->secure);
    /* values go back exactly as received */
    ck_assert_str_eq(cookie_hdr("acs.example.com", 80, "/", true, T0),
                     "$Version=\"1\"; a=\"x,y;z\"; b=\"q\\\"r,\\\\\"; c=plain");
    ck_assert_str_eq(cookie_hdr("acs.example.com", 80, "/", false, T0),
                     "$Version=\"1\"; a=\"x,y;z\"; b=\"q\\\"r,\\\\\""); /* c is Secure */
    /* CommentURL, unknown attributes, case */
    set_cookie2("acs.example.com", 80, "/",
                "d=1; VERSION=1; commenturl=\"http://acs.example.com/why\"; X-Unknown=7; Flag", T0);
    ck_assert_str_eq(stored("d")->comment_url, "http://acs.example.com/why");
}
END_TEST

START_TEST(rfc2965_malformed_cookies_are_rejected_alone)
{
    ck_assert_int_eq(
        set_cookie2("acs.example.com", 80, "/",
                    "=x; Version=1, good=1; Version=1, noequals; Version=1, "
                    "b\"ad=1; Version=1, q=\"x\"junk; Version=1, also=2; Version=1, "
                    "$Version=1; Version=1, cut=\"no end; Version=1, lost=1; Version=1",
                    T0),
        2);
    ck_assert_ptr_nonnull(stored("good"));
    ck_assert_ptr_nonnull(stored("also"));
    ck_assert_ptr_null(stored("lost")); /* inside the unterminated quoted-string */
    ck_assert_logged("rejected a cookie from acs.example.com: empty name");
    ck_assert_logged("rejected a cookie from acs.example.com: no '=' after the name");
    ck_assert_logged("rejected a cookie from acs.example.com: the name is not a token");
    ck_assert_logged("rejected \"q\" from acs.example.com: text after a quoted-string");
    ck_assert_logged("rejected \"$Version\" from acs.example.com: names starting with '$' are "
                     "reserved");
    ck_assert_logged("rejected \"cut\" from acs.example.com: unterminated quoted-string");
    ck_assert_int_eq(events[COOKIE_REJECTED], 6);
}
END_TEST

START_TEST(rfc2965_default_path_keeps_the_slash)
{
    set_cookie2("acs.example.com", 80, "/cwmp/acs", "a=1; Version=1", T0);
    const struct cookie *c = stored("a");
    ck_assert_str_eq(c->path, "/cwmp/"); /* section 3.3.1: up to and including the last '/' */
    ck_assert(!c->path_given);
    ck_assert_str_eq(cookie_at("acs.example.com", "/cwmp/other", T0), "$Version=\"1\"; a=1");
    ck_assert_str_eq(cookie_at("acs.example.com", "/cwmp", T0), "");
    /* the first Path counts */
    set_cookie2("acs.example.com", 80, "/cwmp/acs", "b=1; Version=1; Path=/cwmp; Path=/", T0);
    ck_assert_str_eq(stored("b")->path, "/cwmp");
}
END_TEST

START_TEST(mixed_versions_and_cookie2)
{
    set_cookie("acs.example.com", "/acs", "ns=abc; Path=/", T0);
    set_cookie2("acs.example.com", 80, "/acs", "v1=\"x\"; Version=1; Path=\"/acs\"", T0 + 1);
    ck_assert_str_eq(cookie_at("acs.example.com", "/acs", T0 + 2),
                     "$Version=\"1\"; v1=\"x\"; $Path=\"/acs\"; ns=abc");
    ck_assert_str_eq(sb_str(&hdr2), "$Version=\"1\""); /* section 3.3.5 */
    ck_assert_str_eq(cookie_at("acs.example.com", "/", T0 + 2), "ns=abc");
    ck_assert_str_eq(sb_str(&hdr2), "$Version=\"1\"");
    ck_assert_str_eq(cookie_at("nobody.example.com", "/", T0 + 2), "");
    ck_assert_str_eq(sb_str(&hdr2), "");
    /* a Netscape Domain and an RFC 2965 one name the same domain: one cookie */
    set_cookie("www.example.com", "/", "same=1; Domain=.example.com", T0);
    set_cookie2("www.example.com", 80, "/", "same=2; Version=1; Domain=.example.com; Path=/", T0);
    ck_assert_int_eq(stored("same")->version, 1);
    ck_assert_uint_eq(cookie_jar_count(jar), 3);
}
END_TEST

/* ---------------------------------------------------------------- Netscape cookies */

START_TEST(netscape_host_only_and_domain)
{
    ck_assert_int_eq(set_cookie("ACS.example.com", "/acs", "host=1; Path=/", T0), 1);
    ck_assert_int_eq(
        set_cookie("acs.example.com", "/acs", "dom=2; Path=/; Domain=.Example.com", T0 + 1), 1);
    const struct cookie *h = stored("host"), *d = stored("dom");
    ck_assert(h->host_only);
    ck_assert_str_eq(h->domain, "acs.example.com");
    ck_assert(!d->host_only);
    ck_assert_str_eq(d->domain, "example.com"); /* the dot goes, the case too */
    ck_assert_int_eq(d->version, 0);
    ck_assert_str_eq(cookie_at("acs.example.com", "/", T0 + 2), "host=1; dom=2");
    ck_assert_str_eq(sb_str(&hdr2), "$Version=\"1\"");
    ck_assert_str_eq(cookie_at("sub.acs.example.com", "/", T0 + 2), "dom=2");
    ck_assert_str_eq(cookie_at("example.com", "/", T0 + 2), "dom=2");
    ck_assert_str_eq(cookie_at("badexample.com", "/", T0 + 2), "");
    /* the host as Domain */
    ck_assert_int_eq(set_cookie("acs.example.com", "/", "self=1; Domain=acs.example.com", T0), 1);
    ck_assert(!stored("self")->host_only);
}
END_TEST

START_TEST(netscape_domain_mismatch_is_rejected)
{
    ck_assert_int_eq(
        set_cookie("acs.example.com", "/", "session=" SECRET "; Domain=.other.com", T0), 0);
    ck_assert_logged("REJECTED rejected \"session\" from acs.example.com: Domain .other.com does "
                     "not domain-match the host\n");
    ck_assert_int_eq(set_cookie("acs.example.com", "/", "a=1; Domain=www.acs.example.com", T0), 0);
    ck_assert_int_eq(set_cookie("acs.example.com", "/", "b=1; Domain=com", T0), 0);
    ck_assert_logged("rejected \"b\" from acs.example.com: Domain com is a top-level domain");
    ck_assert_int_eq(set_cookie("acs.example.com", "/", "c=1; Domain=.com", T0), 0);
    /* a dotless host may name itself: the cookie is host-only */
    ck_assert_int_eq(set_cookie("localhost", "/", "d=1; Domain=localhost", T0), 1);
    ck_assert(stored("d")->host_only);
    ck_assert_str_eq(cookie_at("localhost", "/", T0), "d=1");
    /* an empty Domain is ignored */
    ck_assert_int_eq(set_cookie("acs.example.com", "/", "e=1; Domain=", T0), 1);
    ck_assert(stored("e")->host_only);
    ck_assert_uint_eq(cookie_jar_count(jar), 2);
}
END_TEST

START_TEST(netscape_ip_hosts)
{
    ck_assert_int_eq(set_cookie("192.168.1.1", "/", "a=1; Domain=168.1.1", T0), 0);
    ck_assert_int_eq(set_cookie("192.168.1.1", "/", "b=1; Domain=1.1", T0), 0);
    ck_assert_int_eq(set_cookie("192.168.1.1", "/", "c=1; Domain=192.168.1.1", T0), 1);
    ck_assert(stored("c")->host_only); /* an address only ever matches itself */
    ck_assert_int_eq(set_cookie("192.168.1.1", "/", "d=1", T0), 1);
    ck_assert_str_eq(cookie_at("192.168.1.1", "/", T0), "c=1; d=1");
    ck_assert_str_eq(cookie_at("10.192.168.1.1", "/", T0), "");
    ck_assert_str_eq(cookie_at("192.168.1.10", "/", T0), "");
    ck_assert_int_eq(set_cookie("2001:db8::1", "/", "v6=1", T0), 1);
    ck_assert_str_eq(cookie_at("2001:DB8::1", "/", T0), "v6=1");
    /* RFC 2965: an address is no HDN, so it gets no .local and no domain */
    ck_assert_int_eq(set_cookie2("10.0.0.1", 80, "/", "x=1; Version=1", T0), 1);
    ck_assert_str_eq(stored("x")->domain, "10.0.0.1");
    ck_assert_int_eq(set_cookie2("10.0.0.1", 80, "/", "y=1; Version=1; Domain=.0.0.1", T0), 0);
}
END_TEST

START_TEST(expires_formats)
{
    static const struct {
        const char *text;
        long long t;
    } good[] = {
        {"Sun, 06 Nov 1994 08:49:37 GMT", 784111777},    /* RFC 1123 */
        {"Sunday, 06-Nov-94 08:49:37 GMT", 784111777},   /* RFC 850 */
        {"Sun Nov  6 08:49:37 1994", 784111777},         /* asctime */
        {"Wed, 09 Jun 2021 10:18:14 GMT", 1623233894},   /* what servers send today */
        {"Wed, 09-Jun-21 10:18:14 GMT", 1623233894},     /* two digits: 2021 */
        {"Thu, 01-Jan-70 00:00:01 GMT", 1},              /* two digits: 1970 */
        {"31 Dec 69 23:59:59", 3155759999},              /* 69: 2069 */
        {"Tue, 29 Feb 2000 00:00:00 GMT", 951782400},    /* a leap day */
        {"1 jan 1601 0:0:0", -11644473600},              /* the earliest, one-digit fields */
        {"Fri, 31 Dec 9999 23:59:59 GMT", 253402300799}, /* the latest */
        {"06 NOVEMBER 1994 08:49:37garbage", 784111777}, /* month prefix, time tail */
    };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        long long t = 0;
        ck_assert_msg(cookie_parse_date(good[i].text, &t), "refused %s", good[i].text);
        ck_assert_msg(t == good[i].t, "%s: %lld", good[i].text, t);
    }
    static const char *const bad[] = {
        "",
        "garbage",
        "Sun, 06 Nov 1994",              /* no time */
        "Sun, Nov 1994 08:49:37 GMT",    /* no day: 1994 is no day, and the year is missing */
        "Sun, 06 1994 08:49:37 GMT",     /* no month */
        "Sat, 30 Feb 2020 08:49:37 GMT", /* no such day */
        "Sat, 29 Feb 1900 08:49:37 GMT", /* 1900 is no leap year */
        "Sat, 32 Jan 2020 08:49:37 GMT",
        "Sat, 00 Jan 2020 08:49:37 GMT",
        "Sat, 01 Jan 1600 08:49:37 GMT",  /* before 1601 */
        "Sat, 01 Jan 99999 08:49:37 GMT", /* five digits: no year */
        "Sat, 01 Jan 2020 24:00:00 GMT",
        "Sat, 01 Jan 2020 23:60:00 GMT",
        "Sat, 01 Jan 2020 23:59:60 GMT",
        "Sat, 01 Jan 2020 123:00:00 GMT", /* a three-digit hour is no time */
        "Sat, 01 Jan 2",                  /* a one-digit year is none */
        "1994-11-06 08:49:37",            /* ISO 8601: 11 is the day, no month */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        long long t = 42;
        ck_assert_msg(!cookie_parse_date(bad[i], &t), "accepted %s", bad[i]);
        ck_assert_int_eq(t, 42);
    }
}
END_TEST

START_TEST(netscape_expires_and_max_age)
{
    /* Expires holds a comma: still one cookie */
    ck_assert_int_eq(
        set_cookie("acs.example.com", "/", "e=1; Expires=Fri, 01 Jan 2037 00:00:00 GMT", T0), 1);
    ck_assert_uint_eq(cookie_jar_count(jar), 1);
    ck_assert(stored("e")->persistent);
    ck_assert_int_eq(stored("e")->expires, 2114380800);
    ck_assert_logged("expires 2037-01-01 00:00:00 UTC");
    /* Max-Age wins over Expires, wherever it stands */
    set_cookie("acs.example.com", "/", "m1=1; Max-Age=60; Expires=Fri, 01 Jan 2037 00:00:00 GMT",
               T0);
    set_cookie("acs.example.com", "/", "m2=1; Expires=Fri, 01 Jan 2037 00:00:00 GMT; Max-Age=60",
               T0);
    ck_assert_int_eq(stored("m1")->expires, T0 + 60);
    ck_assert_int_eq(stored("m2")->expires, T0 + 60);
    /* the last of an attribute counts */
    set_cookie("acs.example.com", "/", "m3=1; Max-Age=60; Max-Age=120", T0);
    ck_assert_int_eq(stored("m3")->expires, T0 + 120);
    /* a Max-Age that is no number is ignored: Expires applies */
    set_cookie("acs.example.com", "/", "m4=1; Max-Age=1e3; Expires=Fri, 01 Jan 2037 00:00:00 GMT",
               T0);
    ck_assert_int_eq(stored("m4")->expires, 2114380800);
    /* a bad date is ignored: a session cookie */
    set_cookie("acs.example.com", "/", "s=1; Expires=tomorrow", T0);
    ck_assert(!stored("s")->persistent);
    /* overflow clamps instead of wrapping into the past */
    set_cookie("acs.example.com", "/", "big=1; Max-Age=99999999999999999999999999999999", T0);
    ck_assert(stored("big")->persistent);
    ck_assert_int_eq(stored("big")->expires, LLONG_MAX);
    ck_assert_str_eq(cookie_at("acs.example.com", "/", T0 + 61), "e=1; m3=1; m4=1; s=1; big=1");
    ck_assert_int_eq(events[COOKIE_EXPIRED], 2); /* m1 and m2 */
    ck_assert_str_eq(cookie_at("acs.example.com", "/", T0 + 121), "e=1; m4=1; s=1; big=1");
}
END_TEST

START_TEST(netscape_deletion)
{
    set_cookie("acs.example.com", "/", "a=1", T0);
    set_cookie("acs.example.com", "/", "b=1", T0);
    set_cookie("acs.example.com", "/", "c=1", T0);
    ck_assert_int_eq(
        set_cookie("acs.example.com", "/", "a=; Expires=Thu, 01 Jan 1970 00:00:00 GMT", T0), 1);
    ck_assert_int_eq(set_cookie("acs.example.com", "/", "b=; Max-Age=0", T0), 1);
    ck_assert_int_eq(set_cookie("acs.example.com", "/",
                                "c=; Max-Age=-1; Expires=Fri, 01 Jan "
                                "2037 00:00:00 GMT",
                                T0),
                     1);
    ck_assert_uint_eq(cookie_jar_count(jar), 0);
    ck_assert_int_eq(events[COOKIE_STORED], 6);
    /* a deletion still has to pass the domain rules */
    set_cookie("acs.example.com", "/", "d=1", T0);
    ck_assert_int_eq(
        set_cookie("evil.example.net", "/", "d=; Max-Age=0; Domain=acs.example.com", T0), 0);
    ck_assert_uint_eq(cookie_jar_count(jar), 1);
}
END_TEST

START_TEST(netscape_secure_and_http_only)
{
    set_cookie("acs.example.com", "/", "s=1; Secure", T0);
    set_cookie("acs.example.com", "/", "h=1; HttpOnly", T0);
    ck_assert(stored("s")->secure);
    ck_assert(stored("h")->http_only);
    ck_assert_str_eq(cookie_hdr("acs.example.com", 80, "/", false, T0), "h=1");
    ck_assert_str_eq(cookie_hdr("acs.example.com", 443, "/", true, T0), "s=1; h=1");
    ck_assert_uint_eq(stored("s")->sent, 1);
    ck_assert_uint_eq(stored("h")->sent, 2);
}
END_TEST

START_TEST(netscape_paths)
{
    set_cookie("acs.example.com", "/x", "acme=1; Path=/acme", T0);
    set_cookie("acs.example.com", "/x", "slash=1; Path=/acme/", T0);
    const char *const yes[] = {"/acme", "/acme/", "/acme/x"};
    for (size_t i = 0; i < 3; i++)
        ck_assert_ptr_nonnull(strstr(cookie_at("acs.example.com", yes[i], T0), "acme=1"));
    ck_assert_str_eq(cookie_at("acs.example.com", "/acmefoo", T0), "");
    ck_assert_str_eq(cookie_at("acs.example.com", "/acme", T0), "acme=1");
    ck_assert_str_eq(cookie_at("acs.example.com", "/acme/x", T0), "slash=1; acme=1");
    ck_assert_str_eq(cookie_at("acs.example.com", "/", T0), "");
    /* default path: missing, empty or relative Path */
    set_cookie("acs.example.com", "/cwmp/acs", "d1=1", T0);
    set_cookie("acs.example.com", "/cwmp/acs", "d2=1; Path=", T0);
    set_cookie("acs.example.com", "/cwmp/acs", "d3=1; Path=relative", T0);
    set_cookie("acs.example.com", "/acs", "d4=1", T0);
    ck_assert_str_eq(stored("d1")->path, "/cwmp");
    ck_assert_str_eq(stored("d2")->path, "/cwmp");
    ck_assert_str_eq(stored("d3")->path, "/cwmp");
    ck_assert_str_eq(stored("d4")->path, "/");
    ck_assert_str_eq(cookie_at("acs.example.com", "/cwmp", T0), "d1=1; d2=1; d3=1; d4=1");
    ck_assert_str_eq(cookie_at("acs.example.com", "/cwmpx", T0), "d4=1");
}
END_TEST

START_TEST(netscape_names_and_values)
{
    ck_assert_int_eq(set_cookie("acs.example.com", "/", "  sp ace =  v a l  ; Path=/", T0), 1);
    ck_assert_str_eq(stored("sp ace")->value, "v a l");
    ck_assert_int_eq(set_cookie("acs.example.com", "/", "q=\"quoted, with comma\"", T0), 1);
    ck_assert_str_eq(stored("q")->value, "\"quoted, with comma\"");
    ck_assert_int_eq(set_cookie("acs.example.com", "/", "b64=YWJj==", T0), 1);
    ck_assert_str_eq(stored("b64")->value, "YWJj==");
    ck_assert_int_eq(set_cookie("acs.example.com", "/", "empty=", T0), 1);
    ck_assert_str_eq(stored("empty")->value, "");
    ck_assert_int_eq(set_cookie("acs.example.com", "/", "novalue", T0), 0);
    ck_assert_logged("rejected a cookie from acs.example.com: no '=' in its name-value pair");
    ck_assert_int_eq(set_cookie("acs.example.com", "/", "=value", T0), 0);
    ck_assert_int_eq(set_cookie("acs.example.com", "/", "  =value; Path=/", T0), 0);
    ck_assert_logged("rejected a cookie from acs.example.com: empty name");
    ck_assert_int_eq(set_cookie("acs.example.com", "/", "", T0), 0);
    ck_assert_int_eq(set_cookie("acs.example.com", "/", "a=b\r\nX-Injected: 1", T0), 0);
    ck_assert_logged("rejected a Set-Cookie header from acs.example.com: a control character");
    ck_assert_int_eq(set_cookie("acs.example.com", "/", "t=a\tb", T0), 1); /* tabs are fine */
    struct cookie_origin nohost = {NULL, 80, NULL, false};
    ck_assert_int_eq(cookie_jar_receive(jar, &nohost, false, "a=1", T0), 0);
    ck_assert_int_eq(cookie_jar_receive(jar, &nohost, true, NULL, T0), 0);
    cookie_jar_request_headers(jar, &nohost, T0, &hdr, &hdr2);
    ck_assert_str_eq(sb_str(&hdr), "");
    ck_assert_logged("rejected a Set-Cookie header: a bad request origin (no host");
    ck_assert_int_eq(set_cookie("acs.example.com\n", "/", "a=1", T0), 0);
    ck_assert_int_eq(set_cookie("acs.example.com", "/\r\n", "a=1", T0), 0);
    ck_assert_str_eq(cookie_at("acs.example.com", "/\n", T0), "");
    ck_assert_ptr_null(strstr(sb_str(&logbook), "com\n"));
    ck_assert_uint_eq(cookie_jar_count(jar), 5);
}
END_TEST

/* ---------------------------------------------------------------- limits */

START_TEST(limit_per_domain_evicts_the_oldest)
{
    char v[64];
    for (int i = 0; i < COOKIE_MAX_PER_DOMAIN; i++) {
        snprintf(v, sizeof v, "c%d=1; Domain=example.com", i);
        ck_assert_int_eq(set_cookie(i % 2 ? "a.example.com" : "b.example.com", "/", v, T0 + i), 1);
    }
    set_cookie("other.example.net", "/", "keep=1", T0 - 100);
    ck_assert_uint_eq(cookie_jar_count(jar), COOKIE_MAX_PER_DOMAIN + 1);
    ck_assert_int_eq(set_cookie("b.example.com", "/", "new=1; Domain=example.com", T0 + 100), 1);
    ck_assert_uint_eq(cookie_jar_count(jar), COOKIE_MAX_PER_DOMAIN + 1);
    ck_assert_ptr_null(stored("c0"));
    ck_assert_ptr_nonnull(stored("c1"));
    ck_assert_ptr_nonnull(stored("new"));
    ck_assert_ptr_nonnull(stored("keep")); /* older, but of another domain */
    ck_assert_logged("EXPIRED evicted \"c0\" for example.com path /: more than 20 cookies for "
                     "example.com");
    /* expired cookies go first, before any live one is evicted */
    set_cookie("b.example.com", "/", "c5=1; Domain=example.com; Max-Age=10", T0 + 100);
    ck_assert_int_eq(set_cookie("b.example.com", "/", "newer=1; Domain=example.com", T0 + 200), 1);
    ck_assert_ptr_null(stored("c5"));
    ck_assert_ptr_nonnull(stored("c1"));
    /* host-only cookies of a domain and its domain cookies count together */
    ck_assert_int_eq(set_cookie("example.com", "/", "host=1", T0 + 300), 1);
    ck_assert_ptr_null(stored("c1"));
}
END_TEST

START_TEST(limit_total_evicts_the_oldest)
{
    char host[64];
    for (int i = 0; i < COOKIE_MAX_TOTAL + 5; i++) {
        snprintf(host, sizeof host, "h%d.example.com", i);
        ck_assert_int_eq(set_cookie(host, "/", "c=1", T0 + i), 1);
    }
    ck_assert_uint_eq(cookie_jar_count(jar), COOKIE_MAX_TOTAL);
    ck_assert_str_eq(cookie_at("h4.example.com", "/", T0 + 1000), "");
    ck_assert_str_eq(cookie_at("h5.example.com", "/", T0 + 1000), "c=1");
    ck_assert_logged("evicted \"c\" for h0.example.com path /: more than 300 cookies in all");
}
END_TEST

START_TEST(limit_size)
{
    struct strbuf v = STRBUF_INIT;
    sb_puts(&v, "big=");
    sb_pad(&v, 'x', COOKIE_MAX_BYTES - 3);
    ck_assert_int_eq(set_cookie("acs.example.com", "/", sb_str(&v), T0), 1); /* 4096 bytes */
    sb_putc(&v, 'x');
    ck_assert_int_eq(set_cookie("acs.example.com", "/", sb_str(&v), T0), 0);
    ck_assert_logged("rejected \"big\" from acs.example.com: name and value are 4097 bytes, more "
                     "than 4096");
    sb_reset(&v);
    sb_puts(&v, "big2=\"");
    sb_pad(&v, 'x', COOKIE_MAX_BYTES);
    sb_puts(&v, "\"; Version=1");
    ck_assert_int_eq(set_cookie2("acs.example.com", 80, "/", sb_str(&v), T0), 0);
    /* attributes are bounded too */
    sb_reset(&v);
    sb_puts(&v, "p=1; Path=/");
    sb_pad(&v, 'p', 2000);
    ck_assert_int_eq(set_cookie("acs.example.com", "/", sb_str(&v), T0), 0);
    ck_assert_logged("rejected \"p\" from acs.example.com: its Path is longer than 1024 bytes");
    ck_assert_uint_eq(cookie_jar_count(jar), 1);
    sb_free(&v);
}
END_TEST

/* ---------------------------------------------------------------- session, show, clear */

START_TEST(end_session_keeps_persistent_unexpired_cookies)
{
    set_cookie("acs.example.com", "/", "session=1", T0);
    set_cookie("acs.example.com", "/", "long=1; Max-Age=86400", T0);
    set_cookie("acs.example.com", "/", "short=1; Max-Age=10", T0);
    set_cookie2("acs.example.com", 80, "/", "v1=1; Version=1; Max-Age=86400", T0);
    set_cookie2("acs.example.com", 80, "/", "disc=1; Version=1; Max-Age=86400; Discard", T0);
    cookie_jar_end_session(jar, T0 + 100);
    ck_assert_uint_eq(cookie_jar_count(jar), 2);
    ck_assert_ptr_nonnull(stored("long"));
    ck_assert_ptr_nonnull(stored("v1"));
    ck_assert_logged("EXPIRED dropped \"session\" for acs.example.com path /: the session ended");
    ck_assert_logged("EXPIRED dropped \"short\" for acs.example.com path /: expired");
    ck_assert_logged("dropped \"disc\"");
    ck_assert_int_eq(events[COOKIE_EXPIRED], 3);
}
END_TEST

static void collect(void *arg, const struct cookie *c)
{
    struct strbuf *b = arg;
    sb_printf(b, "%s@%s ", c->name, c->domain);
}

START_TEST(foreach_and_clear_with_filters)
{
    set_cookie("a.example.com", "/", "x=1", T0 + 5);
    set_cookie("a.example.com", "/", "y=1; Domain=example.com", T0 + 4);
    set_cookie2("b.example.com", 80, "/p/q", "x=1; Version=1; Domain=.example.com; Path=/p",
                T0 + 3);
    set_cookie("other.net", "/", "x=1", T0 + 2);
    struct strbuf b = STRBUF_INIT;
    ck_assert_uint_eq(cookie_jar_foreach(jar, NULL, collect, &b), 4);
    ck_assert_str_eq(sb_str(&b), "x@a.example.com y@example.com x@.example.com x@other.net ");
    sb_reset(&b);
    struct cookie_filter f = {"EXAMPLE.com", NULL};
    ck_assert_uint_eq(cookie_jar_foreach(jar, &f, collect, &b), 2);
    ck_assert_str_eq(sb_str(&b), "y@example.com x@.example.com ");
    f = (struct cookie_filter){".example.com", "x"};
    ck_assert_uint_eq(cookie_jar_foreach(jar, &f, NULL, NULL), 1);
    f = (struct cookie_filter){NULL, "x"};
    ck_assert_uint_eq(cookie_jar_foreach(jar, &f, NULL, NULL), 3);
    ck_assert_uint_eq(cookie_jar_clear(jar, &f), 3);
    ck_assert_uint_eq(cookie_jar_count(jar), 1);
    ck_assert_uint_eq(cookie_jar_clear(jar, &f), 0);
    ck_assert_uint_eq(cookie_jar_clear(jar, NULL), 1);
    ck_assert_uint_eq(cookie_jar_count(jar), 0);
    sb_free(&b);
}
END_TEST

/* ---------------------------------------------------------------- the log */

START_TEST(log_messages_never_hold_values)
{
    /* every path a cookie can take, each with the value in it */
    set_cookie("acs.example.com", "/acs", "sess=" SECRET "; Path=/acs", T0);
    set_cookie("acs.example.com", "/acs", "sess=" SECRET "2; Path=/acs", T0 + 1);
    cookie_at("acs.example.com", "/acs", T0 + 2);
    set_cookie("acs.example.com", "/", "sess=" SECRET "; Domain=other.com", T0);
    set_cookie("acs.example.com", "/", SECRET, T0);
    set_cookie("acs.example.com", "/", "=" SECRET, T0);
    set_cookie("acs.example.com", "/", "x=" SECRET "\r\n", T0);
    set_cookie("acs.example.com", "/", "s=" SECRET "; Max-Age=5", T0);
    set_cookie("acs.example.com", "/", "s=" SECRET "; Max-Age=0", T0);
    set_cookie("acs.example.com", "/", "t=" SECRET "; Max-Age=5", T0);
    cookie_at("acs.example.com", "/", T0 + 10);
    set_cookie2("acs.example.com", 80, "/", "v=\"" SECRET "\"; Version=1; Max-Age=0", T0);
    set_cookie2("acs.example.com", 80, "/", "v=\"" SECRET "\"; Version=1; Discard", T0);
    set_cookie2("acs.example.com", 80, "/", "v=\"" SECRET "\"; Version=1; Discard", T0);
    set_cookie2("acs.example.com", 80, "/", "w=\"" SECRET "\"", T0);
    set_cookie2("acs.example.com", 80, "/", "v=\"" SECRET, T0);
    set_cookie2("acs.example.com", 80, "/", SECRET ", =" SECRET ", " SECRET "\"=1", T0);
    set_cookie2("acs.example.com", 80, "/", "q=\"" SECRET "\"" SECRET ", $x=" SECRET, T0);
    struct strbuf big = STRBUF_INIT;
    sb_puts(&big, "big=" SECRET);
    sb_pad(&big, 'x', COOKIE_MAX_BYTES);
    set_cookie("acs.example.com", "/", sb_str(&big), T0);
    sb_free(&big);
    for (int i = 0; i < COOKIE_MAX_PER_DOMAIN + 2; i++) {
        char v[64];
        snprintf(v, sizeof v, "n%d=" SECRET, i);
        set_cookie("acs.example.com", "/", v, T0 + i);
    }
    cookie_at("acs.example.com", "/", T0 + 20);
    cookie_jar_end_session(jar, T0 + 30);
    for (int ev = COOKIE_RECEIVED; ev <= COOKIE_EXPIRED; ev++)
        ck_assert_msg(events[ev] > 0, "no event %d", ev);
    ck_assert_msg(!logged(SECRET), "a value in the log:\n%s", sb_str(&logbook));
    ck_assert_msg(!logged("7f1d"), "part of a value in the log:\n%s", sb_str(&logbook));
}
END_TEST

START_TEST(log_tells_what_happens)
{
    set_cookie2("acs.example.com", 7547, "/acs",
                "session=\"abc\"; Version=\"1\"; Path=\"/acs\"; Port; Max-Age=60", T0);
    ck_assert_logged("RECEIVED received \"session\" from acs.example.com (Set-Cookie2)\n");
    ck_assert_logged("STORED stored \"session\" for acs.example.com path /acs (RFC 2965, ports "
                     "7547, expires 2023-11-14 22:14:20 UTC)\n");
    cookie_hdr("acs.example.com", 7547, "/acs", false, T0);
    ck_assert_logged("SENT sent \"session\" for acs.example.com path /acs to acs.example.com\n");
    set_cookie("acs.example.com", "/acs", "n=1; Secure; HttpOnly", T0);
    ck_assert_logged("stored \"n\" for acs.example.com path / (Netscape, host only, secure, "
                     "HttpOnly, session)\n");
    /* long names are cut in the log */
    struct strbuf v = STRBUF_INIT;
    sb_pad(&v, 'N', 200);
    sb_puts(&v, "=1; Domain=nowhere.org");
    set_cookie("acs.example.com", "/", sb_str(&v), T0);
    struct strbuf run = STRBUF_INIT;
    sb_pad(&run, 'N', 65);
    ck_assert(!logged(sb_str(&run)));
    sb_free(&run);
    ck_assert_logged("NNNN...\" from acs.example.com: Domain nowhere.org does not domain-match");
    sb_free(&v);
    /* no log function: nothing breaks */
    cookie_jar_set_log(jar, NULL, NULL);
    ck_assert_int_eq(set_cookie("acs.example.com", "/", "quiet=1", T0), 1);
}
END_TEST

/* ---------------------------------------------------------------- hostile input */

START_TEST(hostile_headers_stay_linear)
{
    struct strbuf v = STRBUF_INIT;
    /* a hundred thousand attributes */
    sb_puts(&v, "a=1");
    for (int i = 0; i < 100000; i++)
        sb_puts(&v, "; Path=/x; Secure; Domain=; Max-Age=1");
    ck_assert_int_eq(set_cookie("acs.example.com", "/", sb_str(&v), T0), 1);
    ck_assert_str_eq(stored("a")->path, "/x");
    /* the same in RFC 2965, and a flood of cookies */
    sb_reset(&v);
    sb_puts(&v, "b=1; Version=1");
    for (int i = 0; i < 100000; i++)
        sb_puts(&v, "; Path=/; Port; Comment=\"c;,\\\"\"");
    ck_assert_int_eq(set_cookie2("acs.example.com", 80, "/", sb_str(&v), T0), 1);
    sb_reset(&v);
    for (int i = 0; i < 20000; i++)
        sb_printf(&v, "c%d=1;Version=1,", i);
    ck_assert_int_eq(set_cookie2("acs.example.com", 80, "/", sb_str(&v), T0), 20000);
    /* a and b share the domain acs.example.com with the flood: all evicted */
    ck_assert_uint_eq(cookie_jar_count(jar), COOKIE_MAX_PER_DOMAIN);
    ck_assert_ptr_null(stored("a"));
    ck_assert_ptr_nonnull(stored("c19999"));
    /* commas, quotes and backslashes only */
    sb_reset(&v);
    for (int i = 0; i < 100000; i++)
        sb_puts(&v, ",\"\\");
    ck_assert_int_eq(set_cookie2("acs.example.com", 80, "/", sb_str(&v), T0), 0);
    sb_reset(&v);
    sb_pad(&v, '"', 200000);
    ck_assert_int_eq(set_cookie2("acs.example.com", 80, "/", sb_str(&v), T0), 0);
    ck_assert_int_eq(set_cookie("acs.example.com", "/", sb_str(&v), T0), 0);
    /* a date made of a million tokens */
    sb_reset(&v);
    sb_puts(&v, "d=1; Expires=");
    for (int i = 0; i < 100000; i++)
        sb_puts(&v, "12 ");
    ck_assert_int_eq(set_cookie("acs.example.com", "/", sb_str(&v), T0), 1);
    ck_assert(!stored("d")->persistent);
    sb_free(&v);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("cookie");
    TCase *tc = tcase_create("rfc2965");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, rfc2965_example_1);
    tcase_add_test(tc, rfc2965_example_2_more_specific_paths_first);
    tcase_add_test(tc, rfc2965_rejects_a_path_that_is_no_prefix);
    tcase_add_test(tc, rfc2965_rejects_a_domain_without_embedded_dot);
    tcase_add_test(tc, rfc2965_rejects_a_domain_the_host_is_not_in);
    tcase_add_test(tc, rfc2965_rejects_a_host_two_levels_below_the_domain);
    tcase_add_test(tc, rfc2965_port_list);
    tcase_add_test(tc, rfc2965_port_without_value);
    tcase_add_test(tc, rfc2965_version_is_required_and_must_be_1);
    tcase_add_test(tc, rfc2965_discard_and_max_age);
    tcase_add_test(tc, rfc2965_max_age_0_deletes);
    tcase_add_test(tc, rfc2965_replacement);
    tcase_add_test(tc, rfc2965_quoted_strings_and_lists);
    tcase_add_test(tc, rfc2965_malformed_cookies_are_rejected_alone);
    tcase_add_test(tc, rfc2965_default_path_keeps_the_slash);
    tcase_add_test(tc, mixed_versions_and_cookie2);
    suite_add_tcase(s, tc);

    tc = tcase_create("rules");
    tcase_add_test(tc, domain_match_tables);
    tcase_add_test(tc, path_match_and_default_path);
    tcase_add_test(tc, expires_formats);
    suite_add_tcase(s, tc);

    tc = tcase_create("netscape");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, netscape_host_only_and_domain);
    tcase_add_test(tc, netscape_domain_mismatch_is_rejected);
    tcase_add_test(tc, netscape_ip_hosts);
    tcase_add_test(tc, netscape_expires_and_max_age);
    tcase_add_test(tc, netscape_deletion);
    tcase_add_test(tc, netscape_secure_and_http_only);
    tcase_add_test(tc, netscape_paths);
    tcase_add_test(tc, netscape_names_and_values);
    suite_add_tcase(s, tc);

    tc = tcase_create("jar");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, limit_per_domain_evicts_the_oldest);
    tcase_add_test(tc, limit_total_evicts_the_oldest);
    tcase_add_test(tc, limit_size);
    tcase_add_test(tc, end_session_keeps_persistent_unexpired_cookies);
    tcase_add_test(tc, foreach_and_clear_with_filters);
    tcase_add_test(tc, log_messages_never_hold_values);
    tcase_add_test(tc, log_tells_what_happens);
    tcase_add_test(tc, hostile_headers_stay_linear);
    suite_add_tcase(s, tc);
    return unit_run(s);
}
