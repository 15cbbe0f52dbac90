/* Unit tests of common/: buffers, the control-socket framing, whole-file I/O. */
#include <check.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ctl_proto.h"
#include "field.h"
#include "fileio.h"
#include "loop.h"
#include "strbuf.h"
#include "utf8.h"
#include "xalloc.h"
#include "unit.h"

START_TEST(strbuf_grows_and_formats)
{
    struct strbuf sb = STRBUF_INIT;
    ck_assert_str_eq(sb_str(&sb), "");
    for (int i = 0; i < 1000; i++)
        sb_printf(&sb, "%d,", i);
    ck_assert_uint_eq(sb.len, strlen(sb.buf));
    ck_assert(strncmp(sb.buf, "0,1,2,", 6) == 0);
    sb_consume(&sb, 2);
    ck_assert(strncmp(sb.buf, "1,2,", 4) == 0);
    sb_truncate(&sb, 2);
    ck_assert_str_eq(sb.buf, "1,");
    sb_pad(&sb, '-', 3);
    ck_assert_str_eq(sb.buf, "1,---");
    char *d = sb_detach(&sb);
    ck_assert_str_eq(d, "1,---");
    ck_assert_uint_eq(sb.len, 0);
    free(d);
    /* A formatted string longer than the internal small buffer. */
    char big[600];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    sb_printf(&sb, "<%s>", big);
    ck_assert_uint_eq(sb.len, sizeof big + 1);
    sb_free(&sb);
    /* sb_putu writes what %llu writes. */
    const unsigned long long numbers[] = {0, 7, 10, 65535, 4294967295ULL, 18446744073709551615ULL};
    for (size_t i = 0; i < sizeof numbers / sizeof numbers[0]; i++) {
        char want[32];
        snprintf(want, sizeof want, "x%llu", numbers[i]);
        sb_putc(&sb, 'x');
        sb_putu(&sb, numbers[i]);
        ck_assert_str_eq(sb_str(&sb), want);
        sb_reset(&sb);
    }
    sb_free(&sb);
}
END_TEST

static void frame(struct strbuf *out, uint8_t type, const char *line)
{
    struct ctl_writer w;
    ctl_writer_init(&w);
    ctl_w_cstr(&w, line);
    ctl_writer_finish(&w, type, out);
}

START_TEST(utf8_is_checked_strictly)
{
    static const char *const good[] = {
        "", "plain", "caf\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80", "\xf4\x8f\xbf\xbf"};
    static const char *const bad[] = {
        "caf\xe9",          /* Latin-1 */
        "\xc3",             /* truncated */
        "\xe2\x82",         /* truncated */
        "\x80",             /* a lone continuation byte */
        "\xc0\xaf",         /* overlong '/' */
        "\xe0\x80\xaf",     /* overlong '/' */
        "\xed\xa0\x80",     /* a surrogate */
        "\xf4\x90\x80\x80", /* above U+10FFFF */
        "\xff",             /* never in UTF-8 */
    };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
        ck_assert_msg(utf8_valid(good[i], strlen(good[i])), "good[%zu] refused", i);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        ck_assert_msg(!utf8_valid(bad[i], strlen(bad[i])), "bad[%zu] accepted", i);
}
END_TEST

START_TEST(frames_round_trip_in_pieces)
{
    struct strbuf b = STRBUF_INIT;
    frame(&b, CTL_EXEC, "show running-config");
    frame(&b, CTL_HELP, "co");
    struct ctl_frame f;
    size_t used;
    /* Every prefix shorter than the first frame asks for more. */
    for (size_t n = 0; n < CTL_HEADER_SIZE + 4 + 19; n++)
        ck_assert_int_eq(ctl_frame_parse((uint8_t *)b.buf, n, &f, &used), CTL_PARSE_NEED_MORE);
    ck_assert_int_eq(ctl_frame_parse((uint8_t *)b.buf, b.len, &f, &used), CTL_PARSE_FRAME);
    ck_assert_int_eq(f.type, CTL_EXEC);
    struct ctl_reader r;
    ctl_reader_init(&r, &f);
    char *s = ctl_r_cstr(&r, CTL_MAX_LINE);
    ck_assert_str_eq(s, "show running-config");
    ck_assert(ctl_reader_done(&r));
    free(s);
    ck_assert_int_eq(ctl_frame_parse((uint8_t *)b.buf + used, b.len - used, &f, &used),
                     CTL_PARSE_FRAME);
    ck_assert_int_eq(f.type, CTL_HELP);
    sb_free(&b);
}
END_TEST

START_TEST(frames_reject_hostile_headers)
{
    struct ctl_frame f;
    size_t used;
    uint8_t unknown[] = {99, 0, 0, 0, 0};
    ck_assert_int_eq(ctl_frame_parse(unknown, sizeof unknown, &f, &used), CTL_PARSE_ERROR);
    uint8_t huge[] = {CTL_EXEC, 0x7f, 0xff, 0xff, 0xff};
    ck_assert_int_eq(ctl_frame_parse(huge, sizeof huge, &f, &used), CTL_PARSE_ERROR);
    /* A string field longer than its frame, or holding a NUL byte, is an error. */
    uint8_t lying[] = {CTL_EXEC, 0, 0, 0, 6, 0, 0, 1, 0, 'a', 'b'};
    ck_assert_int_eq(ctl_frame_parse(lying, sizeof lying, &f, &used), CTL_PARSE_FRAME);
    struct ctl_reader r;
    ctl_reader_init(&r, &f);
    ck_assert_ptr_null(ctl_r_cstr(&r, 1000));
    ck_assert(r.error);
    uint8_t nul[] = {CTL_EXEC, 0, 0, 0, 7, 0, 0, 0, 3, 'a', 0, 'b'};
    ck_assert_int_eq(ctl_frame_parse(nul, sizeof nul, &f, &used), CTL_PARSE_FRAME);
    ctl_reader_init(&r, &f);
    ck_assert_ptr_null(ctl_r_cstr(&r, 1000));
    /* Reading past the end yields zeroes and an error, never an overrun. */
    uint8_t empty[] = {CTL_DONE, 0, 0, 0, 0};
    ck_assert_int_eq(ctl_frame_parse(empty, sizeof empty, &f, &used), CTL_PARSE_FRAME);
    ctl_reader_init(&r, &f);
    ck_assert_uint_eq(ctl_r_u32(&r), 0);
    ck_assert(r.error);
    ck_assert(!ctl_reader_done(&r));
}
END_TEST

START_TEST(big_output_is_split_into_frames)
{
    size_t len = CTL_MAX_PAYLOAD * 2 + 10;
    char *data = xmalloc(len);
    memset(data, 'a', len);
    struct strbuf b = STRBUF_INIT;
    ctl_put_bytes(&b, CTL_OUTPUT, data, len);
    size_t off = 0, total = 0, frames = 0;
    struct ctl_frame f;
    size_t used;
    while (off < b.len) {
        ck_assert_int_eq(ctl_frame_parse((uint8_t *)b.buf + off, b.len - off, &f, &used),
                         CTL_PARSE_FRAME);
        ck_assert_uint_le(f.len, CTL_MAX_PAYLOAD);
        total += f.len;
        off += used;
        frames++;
    }
    ck_assert_uint_eq(total, len);
    ck_assert_uint_eq(frames, 3);
    sb_free(&b);
    free(data);
}
END_TEST

START_TEST(atomic_write_replaces_and_reads_back)
{
    char dir[] = "/tmp/check_common.XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/sub/dir/file", dir);
    char parent[256];
    snprintf(parent, sizeof parent, "%s/sub/dir", dir);
    ck_assert_int_eq(dir_create_all(parent, 0700), 0);
    ck_assert_int_eq(file_write_atomic(path, "old\n", 4, 0600), 0);
    ck_assert_int_eq(file_write_atomic(path, "new text\n", 9, 0640), 0);
    char *data;
    size_t len;
    ck_assert_int_eq(file_read_all(path, 100, &data, &len), 0);
    ck_assert_str_eq(data, "new text\n");
    free(data);
    struct stat st;
    ck_assert_int_eq(stat(path, &st), 0);
    ck_assert_int_eq(st.st_mode & 0777, 0640);
    ck_assert_int_eq(file_read_all(path, 4, &data, &len), -EFBIG);
    char missing[300];
    snprintf(missing, sizeof missing, "%s/none", dir);
    ck_assert_int_eq(file_read_all(missing, 100, &data, &len), -ENOENT);
    /* No temporary file is left behind. */
    char cmd[400];
    snprintf(cmd, sizeof cmd, "test $(ls -A %s | wc -l) -eq 1", parent);
    ck_assert_int_eq(system(cmd), 0);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    ck_assert_int_eq(system(cmd), 0);
}
END_TEST

START_TEST(fields_round_trip_and_refuse_bad_escapes)
{
    const char *cases[] = {"", "plain", "a b\tc\nd", "100%", "caf\xc3\xa9 \x7f", "%", "%%41"};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct strbuf b = STRBUF_INIT;
        field_put(&b, cases[i]);
        ck_assert_int_eq(b.buf[0], ' ');
        ck_assert_ptr_null(strpbrk(b.buf + 1, " \t\n\x7f\x80\xc3")); /* one printable word */
        char *f = xstrdup(b.buf + 1);
        ck_assert_int_eq(field_decode(f), (long)strlen(cases[i]));
        ck_assert_str_eq(f, cases[i]);
        free(f);
        sb_free(&b);
    }
    const char *bad[] = {"%00", "%0", "%G1", "a%", "%4"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char *f = xstrdup(bad[i]);
        ck_assert_msg(field_decode(f) == -1, "%s accepted", bad[i]);
        free(f);
    }
}
END_TEST

static void never(struct loop *loop, void *arg)
{
    (void)loop;
    (void)arg;
}

/* A timer further away than an int of milliseconds (24.8 days: a periodic inform interval may be
 * longer) must still bound the sleep: a sleep computed by truncation would be negative (forever)
 * or wrap to a few milliseconds (a busy loop). */
START_TEST(far_timers_bound_the_sleep)
{
    struct loop *l = loop_new();
    ck_assert_ptr_nonnull(l);
    ck_assert_int_eq(loop_timeout_ms(l), -1);
    const uint64_t days30 = 30ull * 24 * 3600 * 1000, wraps = (1ull << 32) + 5;
    uint64_t away[] = {days30, wraps, (uint64_t)INT_MAX + 1, UINT64_MAX / 4};
    for (size_t i = 0; i < sizeof away / sizeof away[0]; i++) {
        struct loop_timer *t = loop_timer_add(l, away[i], never, NULL);
        int ms = loop_timeout_ms(l);
        ck_assert_msg(ms >= INT_MAX - 1000, "a timer %llu ms away sleeps %d ms",
                      (unsigned long long)away[i], ms);
        loop_timer_cancel(l, t);
    }
    struct loop_timer *t = loop_timer_add(l, 5000, never, NULL);
    ck_assert_int_gt(loop_timeout_ms(l), 4000);
    ck_assert_int_le(loop_timeout_ms(l), 5000);
    loop_timer_cancel(l, t);
    loop_free(l);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("common");
    TCase *tc = tcase_create("common");
    tcase_add_test(tc, strbuf_grows_and_formats);
    tcase_add_test(tc, utf8_is_checked_strictly);
    tcase_add_test(tc, frames_round_trip_in_pieces);
    tcase_add_test(tc, frames_reject_hostile_headers);
    tcase_add_test(tc, big_output_is_split_into_frames);
    tcase_add_test(tc, atomic_write_replaces_and_reads_back);
    tcase_add_test(tc, fields_round_trip_and_refuse_bad_escapes);
    tcase_add_test(tc, far_timers_bound_the_sleep);
    suite_add_tcase(s, tc);
    return unit_run(s);
}
