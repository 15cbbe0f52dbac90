/* Unit tests of the diagnostics engine (agent/diag): echo packets built and read, ICMP errors
 * told apart, the statistics and IOS's text of them, the parameters refused, and the queue (one
 * test of each kind at a time, in order; cancellation with and without a word) on a real loop
 * against the loopback interface. */
#include <arpa/inet.h>
#include <check.h>
#include <string.h>

#include "diag.h"
#include "diag_pkt.h"
#include "loop.h"
#include "strbuf.h"
#include "unit.h"

START_TEST(checksum_follows_rfc1071)
{
    /* RFC 1071's example: the one's complement sum of these bytes is 0xddf2. */
    const uint8_t data[] = {0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7};
    ck_assert_uint_eq(diag_checksum(data, sizeof data), (uint16_t)~0xddf2);
    const uint8_t odd[] = {0x01};
    ck_assert_uint_eq(diag_checksum(odd, 1), (uint16_t)~0x0100);
}
END_TEST

START_TEST(echo_request_ipv4_is_well_formed)
{
    uint8_t buf[128];
    size_t len = diag_echo_build(buf, sizeof buf, AF_INET, 0x1234, 0x0102, 72);
    ck_assert_uint_eq(len, 80);
    ck_assert_uint_eq(buf[0], 8);
    ck_assert_uint_eq(buf[1], 0);
    ck_assert_uint_eq(buf[4], 0x12);
    ck_assert_uint_eq(buf[5], 0x34);
    ck_assert_uint_eq(buf[6], 0x01);
    ck_assert_uint_eq(buf[7], 0x02);
    ck_assert_uint_eq(buf[8], 0xAB);
    ck_assert_uint_eq(buf[9], 0xCD);
    /* A correct checksum makes the sum over the whole message zero. */
    ck_assert_uint_eq(diag_checksum(buf, len), 0);
    ck_assert_uint_eq(diag_echo_build(buf, 10, AF_INET, 1, 1, 72), 0);
}
END_TEST

START_TEST(echo_request_ipv6_leaves_checksum_to_kernel)
{
    uint8_t buf[64];
    size_t len = diag_echo_build(buf, sizeof buf, AF_INET6, 7, 9, 4);
    ck_assert_uint_eq(len, 12);
    ck_assert_uint_eq(buf[0], 128);
    ck_assert_uint_eq(buf[2], 0);
    ck_assert_uint_eq(buf[3], 0);
    ck_assert_uint_eq(buf[7], 9);
}
END_TEST

START_TEST(echo_reply_is_read_with_or_without_ip_header)
{
    uint8_t pkt[64] = {0};
    uint16_t id = 0, seq = 0;
    /* IPv4 header of 24 bytes (IHL 6, an option), then the reply. */
    pkt[0] = 0x46;
    uint8_t *icmp = pkt + 24;
    icmp[0] = 0; /* echo reply */
    icmp[4] = 0xBE;
    icmp[5] = 0xEF;
    icmp[6] = 0x00;
    icmp[7] = 0x05;
    ck_assert(diag_echo_parse(pkt, 24 + 8, AF_INET, true, &id, &seq));
    ck_assert_uint_eq(id, 0xBEEF);
    ck_assert_uint_eq(seq, 5);
    ck_assert(diag_echo_parse(icmp, 8, AF_INET, false, &id, &seq));
    ck_assert(!diag_echo_parse(pkt, 24 + 7, AF_INET, true, &id, &seq)); /* short */
    ck_assert(!diag_echo_parse(pkt, 10, AF_INET, true, &id, &seq));     /* IHL past the end */
    icmp[0] = 8; /* our own request, looped back to a raw socket */
    ck_assert(!diag_echo_parse(icmp, 8, AF_INET, false, &id, &seq));
    icmp[0] = 129;
    ck_assert(diag_echo_parse(icmp, 8, AF_INET6, false, &id, &seq));
    icmp[0] = 128;
    ck_assert(!diag_echo_parse(icmp, 8, AF_INET6, false, &id, &seq));
}
END_TEST

START_TEST(datagram_sizes_count_headers)
{
    ck_assert_uint_eq(diag_echo_data_size(AF_INET, 100, true), 72);
    ck_assert_uint_eq(diag_echo_data_size(AF_INET6, 100, true), 52);
    ck_assert_uint_eq(diag_echo_data_size(AF_INET6, 36, true), 0);
    ck_assert_uint_eq(diag_echo_data_size(AF_INET, 100, false), 100);
    ck_assert_uint_eq(diag_echo_datagram(AF_INET, 72), 100);
    ck_assert_uint_eq(diag_echo_datagram(AF_INET6, 52), 100);
}
END_TEST

START_TEST(icmp_errors_are_classified)
{
    ck_assert_int_eq(diag_icmp_classify(AF_INET, 11, 0), DIAG_ICMP_TIME_EXCEEDED);
    ck_assert_int_eq(diag_icmp_classify(AF_INET, 3, 3), DIAG_ICMP_PORT_UNREACH);
    ck_assert_int_eq(diag_icmp_classify(AF_INET, 3, 1), DIAG_ICMP_UNREACH);
    ck_assert_int_eq(diag_icmp_classify(AF_INET, 3, 4), DIAG_ICMP_TOO_BIG);
    ck_assert_int_eq(diag_icmp_classify(AF_INET, 4, 0), DIAG_ICMP_QUENCH);
    ck_assert_int_eq(diag_icmp_classify(AF_INET6, 3, 0), DIAG_ICMP_TIME_EXCEEDED);
    ck_assert_int_eq(diag_icmp_classify(AF_INET6, 1, 4), DIAG_ICMP_PORT_UNREACH);
    ck_assert_int_eq(diag_icmp_classify(AF_INET6, 2, 0), DIAG_ICMP_TOO_BIG);
    ck_assert_int_eq(diag_icmp_classify(AF_INET6, 129, 0), DIAG_ICMP_OTHER);
    /* Traceroute: answers have no mark, the unreachables IOS's letters. */
    ck_assert_int_eq(diag_icmp_mark(AF_INET, 11, 0, true), 0);
    ck_assert_int_eq(diag_icmp_mark(AF_INET, 3, 3, true), 0);
    ck_assert_int_eq(diag_icmp_mark(AF_INET, 3, 1, true), 'H');
    ck_assert_int_eq(diag_icmp_mark(AF_INET, 3, 0, true), 'N');
    ck_assert_int_eq(diag_icmp_mark(AF_INET, 3, 2, true), 'P');
    ck_assert_int_eq(diag_icmp_mark(AF_INET, 3, 13, true), 'A');
    ck_assert_int_eq(diag_icmp_mark(AF_INET6, 1, 3, true), 'H');
    ck_assert_int_eq(diag_icmp_mark(AF_INET6, 1, 1, true), 'A');
    ck_assert_int_eq(diag_icmp_mark(AF_INET6, 1, 0, true), 'N');
    /* Ping. */
    ck_assert_int_eq(diag_icmp_mark(AF_INET, 3, 1, false), 'U');
    ck_assert_int_eq(diag_icmp_mark(AF_INET, 3, 4, false), 'M');
    ck_assert_int_eq(diag_icmp_mark(AF_INET, 4, 0, false), 'Q');
    ck_assert_int_eq(diag_icmp_mark(AF_INET, 11, 0, false), '&');
    ck_assert_int_eq(diag_icmp_mark(AF_INET, 12, 0, false), '?');
    ck_assert_int_eq(diag_icmp_mark(AF_INET6, 2, 0, false), 'M');
}
END_TEST

START_TEST(success_line_as_ios_prints_it)
{
    struct diag_result r = {0};
    struct strbuf out = STRBUF_INIT;
    diag_stats_add(&r, 1000);
    diag_stats_add(&r, 600);
    diag_stats_add(&r, 4000);
    diag_stats_add(&r, 900);
    diag_stats_add(&r, 1000);
    diag_ios_success(&r, &out);
    ck_assert_str_eq(sb_str(&out),
                     "Success rate is 100 percent (5/5), round-trip min/avg/max = 1/2/4 ms\n");
    sb_truncate(&out, 0);
    diag_stats_add(&r, -1);
    ck_assert_uint_eq(r.failure, 1);
    diag_ios_success(&r, &out);
    /* 5 of 6: IOS truncates to 83. */
    ck_assert_str_eq(sb_str(&out),
                     "Success rate is 83 percent (5/6), round-trip min/avg/max = 1/2/4 ms\n");
    sb_truncate(&out, 0);
    struct diag_result none = {0};
    diag_stats_add(&none, -1);
    diag_stats_add(&none, -1);
    diag_ios_success(&none, &out);
    ck_assert_str_eq(sb_str(&out), "Success rate is 0 percent (0/2)\n");
    sb_free(&out);
    ck_assert_uint_eq(diag_ms(499), 0);
    ck_assert_uint_eq(diag_ms(500), 1);
    ck_assert_uint_eq(diag_ms(4400), 4);
}
END_TEST

static struct diag_probe probe_from(const char *addr, int64_t rtt_us, char mark)
{
    struct diag_probe p = {.rtt_us = rtt_us, .mark = mark};
    if (addr) {
        struct sockaddr_in *s4 = (struct sockaddr_in *)&p.from;
        s4->sin_family = AF_INET;
        inet_pton(AF_INET, addr, &s4->sin_addr);
        p.has_from = true;
    }
    return p;
}

START_TEST(trace_line_as_ios_prints_it)
{
    struct strbuf out = STRBUF_INIT;
    char shown[INET6_ADDRSTRLEN] = "";
    struct diag_probe a = probe_from("192.0.2.1", 4000, 0), lost = probe_from(NULL, -1, '*'),
                      b = probe_from("192.0.2.1", 3900, 0);
    sb_puts(&out, "  2");
    diag_ios_probe(&a, shown, &out);
    diag_ios_probe(&lost, shown, &out);
    diag_ios_probe(&b, shown, &out);
    ck_assert_str_eq(sb_str(&out), "  2 192.0.2.1 4 msec *  4 msec");
    /* Every probe lost; then an unreachable from another address. */
    sb_truncate(&out, 0);
    shown[0] = '\0';
    sb_puts(&out, "  3");
    diag_ios_probe(&lost, shown, &out);
    struct diag_probe h = probe_from("198.51.100.1", -1, 'H');
    diag_ios_probe(&h, shown, &out);
    ck_assert_str_eq(sb_str(&out), "  3 *  198.51.100.1 !H ");
    sb_free(&out);
}
END_TEST

START_TEST(bad_parameters_are_refused)
{
    struct loop *loop = loop_new();
    struct diag_engine *e = diag_engine_new(loop);
    struct diag_ops ops = {0};
    struct strbuf err = STRBUF_INIT;
    struct diag_params ok = {
        .kind = DIAG_PING, .host = "127.0.0.1", .count = 1, .timeout_ms = 1000};
    struct diag_params p = ok;
    p.count = 0;
    ck_assert_uint_eq(diag_start(e, &p, &ops, NULL, &err), 0);
    ck_assert_str_eq(sb_str(&err), "count out of range");
    p = ok;
    p.host[0] = '\0';
    ck_assert_uint_eq(diag_start(e, &p, &ops, NULL, &err), 0);
    p = ok;
    p.dscp = 64;
    ck_assert_uint_eq(diag_start(e, &p, &ops, NULL, &err), 0);
    p = ok;
    p.size = DIAG_MAX_SIZE + 1;
    ck_assert_uint_eq(diag_start(e, &p, &ops, NULL, &err), 0);
    p = ok;
    p.kind = DIAG_TRACE;
    p.ttl_min = 5;
    p.ttl_max = 4;
    ck_assert_uint_eq(diag_start(e, &p, &ops, NULL, &err), 0);
    p.ttl_min = 0;
    ck_assert_uint_eq(diag_start(e, &p, &ops, NULL, &err), 0);
    ck_assert_uint_eq(diag_queued(e, DIAG_PING) + diag_queued(e, DIAG_TRACE), 0);
    sb_free(&err);
    diag_engine_free(e);
    loop_free(loop);
}
END_TEST

/* What the callbacks of the loop tests saw. */
struct seen {
    struct loop *loop;
    int started, probes, done;
    unsigned order[4];
    enum diag_status status[4];
    unsigned success[4];
    bool reached[4];
    size_t nhops[4];
    int want;           /* done callbacks before the loop stops */
    bool stop_at_start; /* the loop stops once a test has started */
};
struct tag {
    struct seen *s;
    unsigned n;
};

static void t_started(void *arg, const struct diag_result *r)
{
    (void)r;
    struct seen *s = ((struct tag *)arg)->s;
    s->started++;
    if (s->stop_at_start)
        loop_stop(s->loop);
}

static void t_probe(void *arg, const struct diag_result *r, size_t hop, unsigned n,
                    const struct diag_probe *p)
{
    (void)r, (void)hop, (void)n, (void)p;
    ((struct tag *)arg)->s->probes++;
}

static void t_done(void *arg, const struct diag_result *r)
{
    struct tag *t = arg;
    struct seen *s = t->s;
    int i = s->done++;
    if (i < 4) {
        s->order[i] = t->n;
        s->status[i] = r->status;
        s->success[i] = r->success;
        s->reached[i] = r->reached;
        s->nhops[i] = r->nhops;
    }
    if (s->done >= s->want)
        loop_stop(s->loop);
}

static void t_guard(struct loop *loop, void *arg)
{
    (void)arg;
    loop_stop(loop);
}

static const struct diag_ops t_ops = {t_started, t_probe, t_done};

START_TEST(one_test_of_a_kind_at_a_time_in_order)
{
    struct loop *loop = loop_new();
    struct diag_engine *e = diag_engine_new(loop);
    struct seen s = {.loop = loop, .want = 3};
    struct tag t1 = {&s, 1}, t2 = {&s, 2}, t3 = {&s, 3};
    struct diag_params p = {.kind = DIAG_PING, .host = "127.0.0.1", .count = 2, .timeout_ms = 1000};
    struct diag_params tr = {.kind = DIAG_TRACE,
                             .host = "127.0.0.1",
                             .count = 2,
                             .timeout_ms = 1000,
                             .ttl_min = 1,
                             .ttl_max = 3};
    struct strbuf err = STRBUF_INIT;
    ck_assert_uint_ne(diag_start(e, &p, &t_ops, &t1, &err), 0);
    ck_assert_uint_ne(diag_start(e, &p, &t_ops, &t2, &err), 0);
    ck_assert_uint_ne(diag_start(e, &tr, &t_ops, &t3, &err), 0);
    /* Nothing runs inside diag_start: both pings wait, the trace too. */
    ck_assert_int_eq(s.started + s.done, 0);
    ck_assert_uint_eq(diag_queued(e, DIAG_PING), 2);
    ck_assert_uint_eq(diag_queued(e, DIAG_TRACE), 1);
    struct loop_timer *guard = loop_timer_add(loop, 10000, t_guard, NULL);
    loop_run(loop);
    loop_timer_cancel(loop, guard);
    ck_assert_int_eq(s.done, 3);
    if (s.status[0] == DIAG_ERR_INIT) {
        unit_skip_part("ICMP sockets: neither ping_group_range nor root allows one here");
    } else {
        /* The second ping waited for the first; the trace ran beside them. */
        int first = -1, second = -1, trace = -1;
        for (int i = 0; i < 3; i++) {
            if (s.order[i] == 1)
                first = i;
            else if (s.order[i] == 2)
                second = i;
            else
                trace = i;
        }
        ck_assert_int_lt(first, second);
        ck_assert_int_eq(s.status[first], DIAG_COMPLETE);
        ck_assert_uint_eq(s.success[first], 2);
        ck_assert_uint_eq(s.success[second], 2);
        ck_assert_int_eq(s.status[trace], DIAG_COMPLETE);
        ck_assert(s.reached[trace]);
        ck_assert_uint_eq(s.nhops[trace], 1);
        ck_assert_int_eq(s.probes, 2 + 2 + 2);
    }
    sb_free(&err);
    diag_engine_free(e);
    loop_free(loop);
}
END_TEST

START_TEST(cancel_with_and_without_a_word)
{
    struct loop *loop = loop_new();
    struct diag_engine *e = diag_engine_new(loop);
    struct seen s = {.loop = loop, .want = 1};
    struct tag t1 = {&s, 1}, t2 = {&s, 2};
    struct diag_params p = {.kind = DIAG_PING, .host = "127.0.0.1", .count = 3, .timeout_ms = 1000};
    struct strbuf err = STRBUF_INIT;
    unsigned a = diag_start(e, &p, &t_ops, &t1, &err);
    unsigned b = diag_start(e, &p, &t_ops, &t2, &err);
    /* Silently: no callback, ever. */
    diag_cancel(e, a, false);
    ck_assert_int_eq(s.done, 0);
    /* With a word: done at once, cancelled, nothing counted. */
    diag_cancel(e, b, true);
    ck_assert_int_eq(s.done, 1);
    ck_assert_int_eq(s.status[0], DIAG_CANCELLED);
    ck_assert_uint_eq(s.order[0], 2);
    ck_assert_uint_eq(diag_queued(e, DIAG_PING), 0);
    /* A running test left to the engine's end goes quietly too. */
    s.stop_at_start = true;
    diag_start(e, &p, &t_ops, &t1, &err);
    struct loop_timer *guard = loop_timer_add(loop, 5000, t_guard, NULL);
    loop_run(loop);
    loop_timer_cancel(loop, guard);
    sb_free(&err);
    diag_engine_free(e);
    ck_assert_int_eq(s.done, 1);
    loop_free(loop);
}
END_TEST

static Suite *diag_suite(void)
{
    Suite *s = suite_create("diag");
    TCase *pkt = tcase_create("packets");
    tcase_add_test(pkt, checksum_follows_rfc1071);
    tcase_add_test(pkt, echo_request_ipv4_is_well_formed);
    tcase_add_test(pkt, echo_request_ipv6_leaves_checksum_to_kernel);
    tcase_add_test(pkt, echo_reply_is_read_with_or_without_ip_header);
    tcase_add_test(pkt, datagram_sizes_count_headers);
    tcase_add_test(pkt, icmp_errors_are_classified);
    suite_add_tcase(s, pkt);
    TCase *ios = tcase_create("ios");
    tcase_add_test(ios, success_line_as_ios_prints_it);
    tcase_add_test(ios, trace_line_as_ios_prints_it);
    suite_add_tcase(s, ios);
    TCase *eng = tcase_create("engine");
    tcase_set_timeout(eng, 30);
    tcase_add_test(eng, bad_parameters_are_refused);
    tcase_add_test(eng, one_test_of_a_kind_at_a_time_in_order);
    tcase_add_test(eng, cancel_with_and_without_a_word);
    suite_add_tcase(s, eng);
    return s;
}

int main(void)
{
    return unit_run(diag_suite());
}
