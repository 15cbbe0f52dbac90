/* Unit tests of the logging buffer: the ring (bounds, wraparound, resizing, clearing) and, through
 * the parser, logging buffered, its running-config lines, show logging and log_buffer_text; of the
 * log sinks; and of the cookie trace (debug ip http cookie) that goes through them. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agent.h"
#include "config_render.h"
#include "cookie.h"
#include "dm.h"
#include "http_client.h"
#include "http_debug.h"
#include "log.h"
#include "log_buffer.h"
#include "unit.h"

static char *ring_text(const struct log_ring *r)
{
    struct strbuf t = STRBUF_INIT;
    log_ring_text(r, &t);
    return sb_detach(&t);
}

static void add(struct log_ring *r, const char *s)
{
    log_ring_add(r, s, strlen(s));
}

START_TEST(ring_keeps_messages_in_order_within_its_bytes)
{
    struct log_ring r;
    log_ring_init(&r, 16);
    add(&r, "one");
    add(&r, "two");
    add(&r, "three");
    char *t = ring_text(&r);
    ck_assert_str_eq(t, "one\ntwo\nthree\n");
    free(t);
    ck_assert_uint_eq(r.len, 14);
    ck_assert_uint_eq(r.count, 3);
    /* "four\n" does not fit beside the 14 bytes: the oldest message goes, whole. */
    add(&r, "four");
    t = ring_text(&r);
    ck_assert_str_eq(t, "two\nthree\nfour\n");
    free(t);
    ck_assert_uint_eq(r.count, 3);
    ck_assert_uint_eq(r.added, 4);
    ck_assert_uint_le(r.alloc, 16);
    log_ring_free(&r);
}
END_TEST

/* Many messages of varied lengths through a small ring: every text is a suffix of what was added,
 * made of whole messages, never longer than the bound, and as long as possible. */
START_TEST(ring_wraps_around_message_boundaries)
{
    struct log_ring r;
    log_ring_init(&r, 64);
    char all[64][32];
    for (int i = 0; i < 64; i++) {
        snprintf(all[i], sizeof all[i], "m%d-%.*s", i, i % 13, "xxxxxxxxxxxxx");
        add(&r, all[i]);
        struct strbuf want = STRBUF_INIT;
        int first = i + 1;
        size_t bytes = 0;
        while (first > 0 && bytes + strlen(all[first - 1]) + 1 <= 64) {
            first--;
            bytes += strlen(all[first]) + 1;
        }
        for (int k = first; k <= i; k++)
            sb_printf(&want, "%s\n", all[k]);
        char *t = ring_text(&r);
        ck_assert_str_eq(t, sb_str(&want));
        ck_assert_uint_eq(r.len, want.len);
        ck_assert_uint_eq(r.count, (size_t)(i + 1 - first));
        free(t);
        sb_free(&want);
    }
    ck_assert_uint_eq(r.alloc, 64);
    log_ring_free(&r);
}
END_TEST

START_TEST(ring_cuts_a_message_longer_than_itself)
{
    struct log_ring r;
    log_ring_init(&r, 8);
    add(&r, "abc");
    add(&r, "0123456789");
    char *t = ring_text(&r);
    ck_assert_str_eq(t, "0123456\n");
    free(t);
    ck_assert_uint_eq(r.count, 1);
    log_ring_free(&r);
}
END_TEST

START_TEST(ring_resize_keeps_the_newest_and_clear_empties)
{
    struct log_ring r;
    log_ring_init(&r, 32);
    for (int i = 0; i < 10; i++) {
        char m[8];
        snprintf(m, sizeof m, "msg%d", i);
        add(&r, m); /* 5 bytes each: 6 fit */
    }
    char *t = ring_text(&r);
    ck_assert_str_eq(t, "msg4\nmsg5\nmsg6\nmsg7\nmsg8\nmsg9\n");
    free(t);
    /* Smaller: the newest that fit, in an allocation no larger than the bound. */
    log_ring_resize(&r, 12);
    t = ring_text(&r);
    ck_assert_str_eq(t, "msg8\nmsg9\n");
    free(t);
    ck_assert_uint_le(r.alloc, 12);
    add(&r, "msgA");
    t = ring_text(&r);
    ck_assert_str_eq(t, "msg9\nmsgA\n");
    free(t);
    /* Larger: nothing lost, room for more. */
    log_ring_resize(&r, 4096);
    add(&r, "msgB");
    add(&r, "msgC");
    t = ring_text(&r);
    ck_assert_str_eq(t, "msg9\nmsgA\nmsgB\nmsgC\n");
    free(t);
    log_ring_clear(&r);
    t = ring_text(&r);
    ck_assert_str_eq(t, "");
    free(t);
    add(&r, "after");
    t = ring_text(&r);
    ck_assert_str_eq(t, "after\n");
    free(t);
    /* Off: nothing is kept, the count of messages added stays. */
    unsigned long added = r.added;
    log_ring_resize(&r, 0);
    add(&r, "lost");
    t = ring_text(&r);
    ck_assert_str_eq(t, "");
    free(t);
    ck_assert_ptr_null(r.buf);
    ck_assert_uint_eq(r.added, added);
    log_ring_free(&r);
}
END_TEST

START_TEST(ring_grows_with_use_not_with_its_bound)
{
    struct log_ring r;
    log_ring_init(&r, 2147483647);
    add(&r, "small");
    ck_assert_uint_le(r.alloc, 4096);
    char big[10000];
    memset(big, 'b', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    add(&r, big);
    ck_assert_uint_ge(r.alloc, 10006);
    ck_assert_uint_le(r.alloc, 4 * 10006);
    char *t = ring_text(&r);
    ck_assert_uint_eq(strlen(t), 6 + sizeof big);
    ck_assert(!strncmp(t, "small\nbbb", 9));
    free(t);
    log_ring_free(&r);
}
END_TEST

START_TEST(level_names_are_ios_names)
{
    ck_assert_str_eq(log_level_name(0), "emergencies");
    ck_assert_str_eq(log_level_name(4), "warnings");
    ck_assert_str_eq(log_level_name(6), "informational");
    ck_assert_str_eq(log_level_name(7), "debugging");
    ck_assert_ptr_null(log_level_name(8));
    ck_assert_ptr_null(log_level_name(-1));
}
END_TEST

/* --- through the agent --- */

static char state_dir[64];
static struct agent agent;

static void setup(void)
{
    unit_agent_start(&agent, state_dir);
}

static void teardown(void)
{
    unit_agent_stop(&agent, state_dir);
}

static enum cmd_status run(const char *line, struct strbuf *out)
{
    struct agent_session s;
    agent_session_init(&s, &agent, "test", "vty 0");
    cli_session_push(&s.cli, grammar_config_mode(agent.grammar), "");
    sb_reset(out);
    return agent_exec_line(&agent, &s, line, out);
}

static void config(const char *line)
{
    struct strbuf out = STRBUF_INIT;
    ck_assert_msg(run(line, &out) == CMD_OK, "%s: %s", line, sb_str(&out));
    sb_free(&out);
}

static char *logging_lines(void)
{
    struct strbuf t = STRBUF_INIT, lines = STRBUF_INIT;
    config_render(agent.running, &t);
    for (char *p = t.buf; p && *p;) {
        char *nl = strchr(p, '\n');
        if (!strncmp(p, "logging ", 8) || !strncmp(p, "no logging ", 11))
            sb_append(&lines, p, (size_t)(nl - p) + 1);
        p = nl + 1;
    }
    sb_free(&t);
    return sb_detach(&lines);
}

static char *buffer(void)
{
    struct strbuf t = STRBUF_INIT;
    log_buffer_text(&agent, &t);
    return sb_detach(&t);
}

START_TEST(logging_buffered_renders_only_what_is_not_default)
{
    char *l = logging_lines();
    ck_assert_str_eq(l, "");
    free(l);
    config("logging buffered 16384");
    l = logging_lines();
    ck_assert_str_eq(l, "logging buffered 16384\n");
    free(l);
    /* What is not given stays. */
    config("logging buffered warnings");
    l = logging_lines();
    ck_assert_str_eq(l, "logging buffered 16384 warnings\n");
    free(l);
    config("logging buffered 8192 6");
    l = logging_lines();
    ck_assert_str_eq(l, "");
    free(l);
    config("logging buffered 4096 7");
    l = logging_lines();
    ck_assert_str_eq(l, "logging buffered 4096 debugging\n");
    free(l);
    config("no logging buffered");
    l = logging_lines();
    ck_assert_str_eq(l, "no logging buffered\n");
    free(l);
    config("logging buffered");
    l = logging_lines();
    ck_assert_str_eq(l, "");
    free(l);
    /* The rendered lines read back to the same configuration. */
    config("logging buffered 65536 errors");
    struct strbuf t = STRBUF_INIT;
    config_render(agent.running, &t);
    ck_assert(strstr(sb_str(&t), "hostname Router\n!\nlogging buffered 65536 errors\n!\n"));
    sb_free(&t);
    config("no logging buffered");
    config("logging buffered 65536 errors");
    l = logging_lines();
    ck_assert_str_eq(l, "logging buffered 65536 errors\n");
    free(l);

    struct strbuf out = STRBUF_INIT;
    ck_assert_int_eq(run("logging buffered 4095", &out), CMD_INVALID);
    ck_assert_int_eq(run("logging buffered 2147483648", &out), CMD_INVALID);
    ck_assert_int_eq(run("logging buffered 8", &out), CMD_INVALID);
    ck_assert_int_eq(run("logging", &out), CMD_INCOMPLETE);
    /* IOS's own transcript (IOS-CLI.md): the caret under the argument's first character. */
    ck_assert_int_eq(run("logging 0255.255.1", &out), CMD_INVALID);
    ck_assert_str_eq(sb_str(&out), "logging 0255.255.1\n        ^\n"
                                   "% Invalid input detected at '^' marker.\n\n");
    sb_free(&out);
}
END_TEST

START_TEST(messages_are_buffered_by_level_and_size)
{
    agent_log(&agent, LOG_NOTICE, "%%TEST-5-ONE: first");
    agent.debug = DEBUG_CWMP;
    agent_debug(&agent, DEBUG_CWMP, "a debug line");
    agent_log(&agent, LOG_INFO, "%%TEST-6-TWO: second");
    char *b = buffer();
    /* "*Nov 25 14:42:12.123: %TEST-5-ONE: first" */
    const char *one = strstr(b, "%TEST-5-ONE: first\n");
    ck_assert_ptr_nonnull(one);
    const char *line = one - 22;
    ck_assert_msg(line >= b && (line == b || line[-1] == '\n') && line[0] == '*' &&
                      line[4] == ' ' && line[7] == ' ' && line[10] == ':' && line[16] == '.' &&
                      !strncmp(line + 20, ": ", 2),
                  "%s", b);
    ck_assert(strstr(b, ": %TEST-6-TWO: second\n"));
    ck_assert(!strstr(b, "a debug line"));
    free(b);

    config("logging buffered debugging");
    agent_debug(&agent, DEBUG_CWMP, "another debug line");
    b = buffer();
    ck_assert(strstr(b, ": another debug line\n"));
    free(b);

    config("logging buffered errors");
    agent_log(&agent, LOG_WARNING, "%%TEST-4-WARN: not kept");
    agent_log(&agent, LOG_ERR, "%%TEST-3-ERR: kept");
    b = buffer();
    ck_assert(!strstr(b, "not kept"));
    ck_assert(strstr(b, "%TEST-3-ERR: kept\n"));
    free(b);

    /* The size follows the configuration: at 4096 bytes the oldest go. */
    config("logging buffered 4096");
    for (int i = 0; i < 200; i++)
        agent_log(&agent, LOG_ERR, "%%TEST-3-FILL: message %03d of the fill", i);
    b = buffer();
    ck_assert_uint_le(strlen(b), 4096);
    ck_assert_uint_gt(strlen(b), 4096 - 80);
    ck_assert(!strstr(b, "%TEST-3-ERR: kept"));
    ck_assert(strstr(b, "message 199 of the fill\n"));
    free(b);

    config("no logging buffered");
    agent_log(&agent, LOG_ERR, "%%TEST-3-ERR: while off");
    b = buffer();
    ck_assert_str_eq(b, "");
    free(b);
}
END_TEST

START_TEST(show_logging_has_the_ios_header_then_the_buffer)
{
    agent_log(&agent, LOG_NOTICE, "%%TEST-5-HELLO: in the buffer");
    struct agent_session s;
    agent_session_init(&s, &agent, "test", "vty 0");
    struct strbuf out = STRBUF_INIT;
    ck_assert_int_eq(agent_exec_line(&agent, &s, "show logging", &out), CMD_OK);
    const char *o = sb_str(&out);
    ck_assert_msg(!strncmp(o,
                           "Syslog logging: enabled (0 messages dropped, 0 messages rate-limited, "
                           "0 flushes, 0 overruns, xml disabled, filtering disabled)\n\n",
                           122),
                  "%s", o);
    char want[160];
    snprintf(want, sizeof want,
             "    Buffer logging:  level informational, %lu messages logged, xml disabled,\n"
             "                     filtering disabled\n",
             agent.logbuf.added);
    ck_assert_msg(strstr(o, want), "%s", o);
    struct strbuf text = STRBUF_INIT;
    log_buffer_text(&agent, &text);
    const char *tail = strstr(o, "\nLog Buffer (8192 bytes):\n\n");
    ck_assert_ptr_nonnull(tail);
    ck_assert_str_eq(tail + strlen("\nLog Buffer (8192 bytes):\n\n"), sb_str(&text));

    ck_assert_int_eq(agent_exec_line(&agent, &s, "clear logging", &out), CMD_OK);
    sb_reset(&text);
    log_buffer_text(&agent, &text);
    ck_assert_str_eq(sb_str(&text), "");

    sb_reset(&out);
    ck_assert_int_eq(run("no logging buffered", &out), CMD_OK);
    sb_reset(&out);
    ck_assert_int_eq(agent_exec_line(&agent, &s, "show logging", &out), CMD_OK);
    ck_assert(strstr(sb_str(&out), "    Buffer logging:  disabled\n"));
    ck_assert(!strstr(sb_str(&out), "Log Buffer"));
    sb_free(&out);
    sb_free(&text);
}
END_TEST

static char *device_log(void)
{
    struct dm_ctx c = {.agent = &agent, .store = agent.running, .state = &agent.cwmp};
    struct dm_lookup l;
    ck_assert_int_eq(dm_lookup(agent.dm, &c, "InternetGatewayDevice.DeviceInfo.DeviceLog", &l), 0);
    struct strbuf v = STRBUF_INIT;
    ck_assert_int_eq(dm_value(&c, &l.it, &v), 0);
    dm_lookup_release(&l);
    return sb_detach(&v);
}

/* DeviceInfo.DeviceLog (string(32768)) is the buffer, or its newest whole messages that fit. */
START_TEST(device_log_is_the_buffer)
{
    agent_log(&agent, LOG_NOTICE, "%%TEST-5-DM: for the ACS");
    char *d = device_log(), *b = buffer();
    ck_assert_str_eq(d, b);
    ck_assert(strstr(d, "%TEST-5-DM: for the ACS\n"));
    free(d);
    free(b);
    config("logging buffered 100000");
    for (int i = 0; i < 1000; i++)
        agent_log(&agent, LOG_NOTICE, "%%TEST-5-FILL: message %04d", i);
    d = device_log();
    b = buffer();
    ck_assert_uint_gt(strlen(b), 32768);
    ck_assert_uint_le(strlen(d), 32768);
    ck_assert_uint_gt(strlen(d), 32768 - 60);
    ck_assert(d[0] == '*');
    ck_assert_str_eq(d, b + strlen(b) - strlen(d));
    free(d);
    free(b);
}
END_TEST

/* --- sinks --- */

struct seen {
    const char *name;
    struct strbuf lines; /* "name priority line" per message received */
};

static void record_sink(void *ctx, int priority, const char *line, size_t len)
{
    struct seen *s = ctx;
    sb_printf(&s->lines, "%s %d ", s->name, priority);
    sb_append(&s->lines, line, len);
}

/* What a sink receives is what the buffer keeps, with the newline a screen needs. */
START_TEST(a_sink_receives_each_stamped_line_with_its_priority)
{
    struct seen a = {"a", STRBUF_INIT};
    log_sink_add(&agent, record_sink, &a);
    agent_log(&agent, LOG_WARNING, "%%TEST-4-SINK: to the sink");
    agent.debug = DEBUG_CWMP;
    agent_debug(&agent, DEBUG_CWMP, "debugging %d", 7);
    agent_debug(&agent, DEBUG_HTTP_COOKIE, "not switched on");
    char *b = buffer();
    const char *l = sb_str(&a.lines);
    ck_assert_msg(!strncmp(l, "a 4 *", 5), "%s", l);
    const char *nl = strchr(l, '\n');
    ck_assert_ptr_nonnull(nl);
    /* The buffer's first message is the sink's first line, stamp and all. */
    ck_assert_int_eq(strncmp(l + 4, b, (size_t)(nl - l) - 3), 0);
    ck_assert(strstr(l, ": %TEST-4-SINK: to the sink\na 7 *"));
    ck_assert(strstr(l, ": debugging 7\n"));
    ck_assert(!strstr(l, "not switched on"));
    free(b);
    log_sink_remove(&agent, record_sink, &a);
    sb_free(&a.lines);
}
END_TEST

/* Sinks receive messages in the order they were added, and a removed one receives no more while
 * the others go on in their order. */
START_TEST(sinks_are_called_in_order_until_removed)
{
    struct seen a = {"a", STRBUF_INIT}, b = {"b", STRBUF_INIT}, c = {"c", STRBUF_INIT};
    struct seen *order[] = {&a, &b, &c};
    log_sink_add(&agent, record_sink, &a);
    log_sink_add(&agent, record_sink, &b);
    log_sink_add(&agent, record_sink, &c);
    /* The same function with another context is another sink. */
    agent_log(&agent, LOG_NOTICE, "one");
    for (size_t i = 0; i < 3; i++) {
        ck_assert_msg(!strncmp(sb_str(&order[i]->lines), order[i]->name, 1), "%s",
                      sb_str(&order[i]->lines));
        ck_assert(strstr(sb_str(&order[i]->lines), ": one\n"));
    }
    log_sink_remove(&agent, record_sink, &b);
    log_sink_remove(&agent, record_sink, &b); /* twice: nothing */
    agent_log(&agent, LOG_NOTICE, "two");
    ck_assert(strstr(sb_str(&a.lines), ": two\n"));
    ck_assert(!strstr(sb_str(&b.lines), "two"));
    ck_assert(strstr(sb_str(&c.lines), ": two\n"));
    log_sink_remove(&agent, record_sink, &a);
    log_sink_remove(&agent, record_sink, &c);
    agent_log(&agent, LOG_NOTICE, "three");
    ck_assert(!strstr(sb_str(&a.lines), "three"));
    ck_assert(!strstr(sb_str(&c.lines), "three"));
    /* The buffer, a sink of its own, still has everything. */
    char *buf = buffer();
    ck_assert(strstr(buf, ": one\n") && strstr(buf, ": two\n") && strstr(buf, ": three\n"));
    free(buf);
    sb_free(&a.lines);
    sb_free(&b.lines);
    sb_free(&c.lines);
}
END_TEST

/* Sinks see the messages in the order added: one added during the agent's life comes after the
 * buffer, so a message it receives is already in show logging. */
static void buffer_has_it_sink(void *ctx, int priority, const char *line, size_t len)
{
    (void)priority;
    int *found = ctx;
    char *b = buffer();
    *found = strstr(b, "%TEST-5-ORDER") && len && line[len - 1] == '\n';
    free(b);
}

START_TEST(a_sink_added_later_comes_after_the_buffer)
{
    int found = 0;
    log_sink_add(&agent, buffer_has_it_sink, &found);
    agent_log(&agent, LOG_NOTICE, "%%TEST-5-ORDER: buffer first");
    ck_assert_int_eq(found, 1);
    log_sink_remove(&agent, buffer_has_it_sink, &found);
}
END_TEST

/* --- debug ip http cookie --- */

static void collect_sink(void *ctx, int priority, const char *line, size_t len)
{
    (void)priority;
    sb_append(ctx, line, len);
}

/* A client attached to the trace reports its cookie events, with its name, while cookie debugging
 * is on, and never a cookie's value. */
START_TEST(an_attached_client_traces_its_cookies_while_debugging_is_on)
{
    struct strbuf seen = STRBUF_INIT;
    log_sink_add(&agent, collect_sink, &seen);
    struct http_client *hc = http_client_new(agent.loop, "traced", NULL);
    http_debug_attach(&agent, hc);
    struct cookie_origin o = {.host = "acs.example", .port = 80, .path = "/acs"};
    ck_assert_int_eq(cookie_jar_receive(http_client_cookies(hc), &o, false, "a=secret1", 1000), 1);
    ck_assert_str_eq(sb_str(&seen), "");

    http_debug_cookies(&agent, true);
    ck_assert_uint_eq(agent.debug & DEBUG_HTTP_COOKIE, DEBUG_HTTP_COOKIE);
    ck_assert_int_eq(cookie_jar_receive(http_client_cookies(hc), &o, false, "b=secret2", 1000), 1);
    ck_assert_msg(strstr(sb_str(&seen), ": HTTPC: cookie received (session traced): "), "%s",
                  sb_str(&seen));
    ck_assert_msg(strstr(sb_str(&seen), ": HTTPC: cookie stored (session traced): "), "%s",
                  sb_str(&seen));
    ck_assert(!strstr(sb_str(&seen), "secret"));

    http_debug_cookies(&agent, false);
    ck_assert_uint_eq(agent.debug & DEBUG_HTTP_COOKIE, 0);
    sb_reset(&seen);
    ck_assert_int_eq(cookie_jar_receive(http_client_cookies(hc), &o, false, "c=secret3", 1000), 1);
    ck_assert_str_eq(sb_str(&seen), "");

    http_client_free(hc);
    log_sink_remove(&agent, collect_sink, &seen);
    sb_free(&seen);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("log");
    TCase *ring = tcase_create("ring");
    tcase_add_test(ring, ring_keeps_messages_in_order_within_its_bytes);
    tcase_add_test(ring, ring_wraps_around_message_boundaries);
    tcase_add_test(ring, ring_cuts_a_message_longer_than_itself);
    tcase_add_test(ring, ring_resize_keeps_the_newest_and_clear_empties);
    tcase_add_test(ring, ring_grows_with_use_not_with_its_bound);
    tcase_add_test(ring, level_names_are_ios_names);
    suite_add_tcase(s, ring);
    TCase *tc = tcase_create("agent");
    tcase_set_timeout(tc, 60);
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, logging_buffered_renders_only_what_is_not_default);
    tcase_add_test(tc, messages_are_buffered_by_level_and_size);
    tcase_add_test(tc, show_logging_has_the_ios_header_then_the_buffer);
    tcase_add_test(tc, device_log_is_the_buffer);
    suite_add_tcase(s, tc);
    TCase *sinks = tcase_create("sinks");
    tcase_add_checked_fixture(sinks, setup, teardown);
    tcase_add_test(sinks, a_sink_receives_each_stamped_line_with_its_priority);
    tcase_add_test(sinks, sinks_are_called_in_order_until_removed);
    tcase_add_test(sinks, a_sink_added_later_comes_after_the_buffer);
    tcase_add_test(sinks, an_attached_client_traces_its_cookies_while_debugging_is_on);
    suite_add_tcase(s, sinks);
    return unit_run(s);
}
