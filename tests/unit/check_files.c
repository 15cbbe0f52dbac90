/* Unit tests of flash: and the commands that wait or ask: dir's listing, file names, delete, and,
 * through detached shells of the control server, IOS's questions (delete, clear logging, reload)
 * and the deferred replies of copy, whose transfers go to a port of 127.0.0.1 where nothing
 * listens (the real engine fails them with curl's reason; tests/integration/cli_copy.sh has
 * the copies that succeed). */
#include <arpa/inet.h>
#include <check.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "agent.h"
#include "ctl_proto.h"
#include "ctl_server.h"
#include "flash.h"
#include "log.h"
#include "loop.h"
#include "transfer.h"
#include "unit.h"

static void use_tz(const char *tz)
{
    setenv("TZ", tz, 1);
    tzset();
}

START_TEST(entries_are_formatted_as_ios_does)
{
    use_tz("UTC");
    struct stat st = {.st_mode = S_IFREG | 0644, .st_size = 2941};
    struct tm tm = {
        .tm_year = 126, .tm_mon = 10, .tm_mday = 25, .tm_hour = 14, .tm_min = 42, .tm_sec = 12};
    st.st_mtime = timegm(&tm);
    struct strbuf out = STRBUF_INIT;
    flash_format_entry(&out, 1, &st, "config.txt");
    ck_assert_str_eq(sb_str(&out),
                     "    1  -rw-        2941  Nov 25 2026 14:42:12 +00:00  config.txt\n");
    sb_reset(&out);
    st.st_mode = S_IFDIR | 0755;
    st.st_size = 4096;
    tm.tm_mday = 5;
    st.st_mtime = timegm(&tm);
    flash_format_entry(&out, 12, &st, "images");
    ck_assert_str_eq(sb_str(&out),
                     "   12  drwx        4096  Nov  5 2026 14:42:12 +00:00  images\n");
    /* The offset is the local time's, west negative. */
    sb_reset(&out);
    use_tz("IST-5:30");
    st.st_mode = S_IFREG | 0444;
    st.st_size = 97794040;
    flash_format_entry(&out, 3, &st, "c2900.bin");
    ck_assert_str_eq(sb_str(&out),
                     "    3  -r--    97794040  Nov  5 2026 20:12:12 +05:30  c2900.bin\n");
    sb_reset(&out);
    use_tz("EST5");
    flash_format_entry(&out, 3, &st, "c2900.bin");
    ck_assert_str_eq(sb_str(&out),
                     "    3  -r--    97794040  Nov  5 2026 09:42:12 -05:00  c2900.bin\n");
    sb_free(&out);
    use_tz("UTC");
}
END_TEST

START_TEST(flash_names)
{
    ck_assert_str_eq(flash_file_part("flash:a.bin"), "a.bin");
    ck_assert_str_eq(flash_file_part("flash:/a.bin"), "a.bin");
    ck_assert_str_eq(flash_file_part("FLASH:a.bin"), "a.bin");
    ck_assert_str_eq(flash_file_part("flash:"), "");
    ck_assert_str_eq(flash_file_part("flash:/"), "");
    ck_assert_ptr_null(flash_file_part("nvram:a"));
    ck_assert_ptr_null(flash_file_part("http://h/flash:a"));
    ck_assert(flash_name_valid("a.bin"));
    ck_assert(flash_name_valid("with space"));
    const char *bad[] = {"", ".", "..", ".hidden", "../x", "a/b", "/a", "a/"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        ck_assert_msg(!flash_name_valid(bad[i]), "%s", bad[i]);
    char longest[256 + 2];
    memset(longest, 'n', sizeof longest - 1);
    longest[sizeof longest - 1] = '\0';
    ck_assert(!flash_name_valid(longest));
    longest[255] = '\0';
    ck_assert(flash_name_valid(longest));
}
END_TEST

static void make_file(const char *dir, const char *name, size_t size, int day)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ck_assert_int_ge(fd, 0);
    for (size_t i = 0; i < size; i++)
        ck_assert_int_eq(write(fd, "x", 1), 1);
    close(fd);
    struct tm tm = {.tm_year = 126, .tm_mon = 0, .tm_mday = day, .tm_hour = 1};
    struct timespec ts[2] = {{.tv_sec = timegm(&tm)}, {.tv_sec = timegm(&tm)}};
    ck_assert_int_eq(utimensat(AT_FDCWD, path, ts, 0), 0);
}

/* A listing is want, an empty line, then the sizes of the file system (which depend on the
 * machine). */
static void check_listing(const char *got, const char *want)
{
    size_t n = strlen(want);
    ck_assert_msg(!strncmp(got, want, n) && got[n] == '\n', "%s", got);
    unsigned long long total, free_bytes;
    char end;
    ck_assert_msg(sscanf(got + n + 1, "%llu bytes total (%llu bytes free)%c", &total, &free_bytes,
                         &end) == 3 &&
                      end == '\n' && strchr(got + n + 1, '\n')[1] == '\0',
                  "%s", got);
    ck_assert_uint_ge(total, free_bytes);
}

START_TEST(listing_hides_dot_files_and_sorts_by_name)
{
    use_tz("UTC");
    char dir[] = "/tmp/check_files.XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    struct strbuf out = STRBUF_INIT;
    ck_assert_int_eq(flash_list(dir, NULL, &out), 0);
    check_listing(sb_str(&out), "Directory of flash:/\n\nNo files in directory\n");
    make_file(dir, "b.cfg", 12, 2);
    make_file(dir, ".a.bin.part", 5, 3);
    make_file(dir, "a.bin", 123456, 4);
    make_file(dir, "Z", 0, 5);
    sb_reset(&out);
    ck_assert_int_eq(flash_list(dir, "", &out), 0);
    check_listing(sb_str(&out), "Directory of flash:/\n\n"
                                "    1  -rw-           0  Jan  5 2026 01:00:00 +00:00  Z\n"
                                "    2  -rw-      123456  Jan  4 2026 01:00:00 +00:00  a.bin\n"
                                "    3  -rw-          12  Jan  2 2026 01:00:00 +00:00  b.cfg\n");
    sb_reset(&out);
    ck_assert_int_eq(flash_list(dir, "b.cfg", &out), 0);
    check_listing(sb_str(&out), "Directory of flash:/b.cfg\n\n"
                                "    3  -rw-          12  Jan  2 2026 01:00:00 +00:00  b.cfg\n");
    sb_reset(&out);
    ck_assert_int_eq(flash_list(dir, "nope", &out), -ENOENT);
    ck_assert_str_eq(sb_str(&out), "");
    char cmd[64];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    ck_assert_int_eq(system(cmd), 0);
    ck_assert_int_eq(flash_list(dir, NULL, &out), -ENOENT);
    sb_free(&out);
}
END_TEST

/* --- through detached shells --- */

static char state_dir[64];
static struct agent agent;

/* A port of 127.0.0.1 where nothing listens (bound, then closed): a transfer there fails at once
 * with curl's "Failed to connect to 127.0.0.1 port PORT after N ms: ...". */
static unsigned dead_port;

static void find_dead_port(void)
{
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    ck_assert_int_ge(fd, 0);
    struct sockaddr_in sin = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    ck_assert_int_eq(bind(fd, (struct sockaddr *)&sin, sizeof sin), 0);
    socklen_t len = sizeof sin;
    ck_assert_int_eq(getsockname(fd, (struct sockaddr *)&sin, &len), 0);
    close(fd);
    dead_port = ntohs(sin.sin_port);
}

/* tmpl with each HOST replaced by 127.0.0.1:PORT of the dead port; the text lasts for the next
 * three calls. */
static const char *dead(const char *tmpl)
{
    static char bufs[4][512];
    static unsigned next;
    char *b = bufs[next++ % 4], host[32];
    snprintf(host, sizeof host, "127.0.0.1:%u", dead_port);
    size_t n = 0;
    for (const char *p = tmpl; *p;) {
        const char *part = !strncmp(p, "HOST", 4) ? host : NULL;
        size_t len = part ? strlen(part) : 1;
        ck_assert_uint_lt(n + len, sizeof bufs[0]);
        memcpy(b + n, part ? part : p, len);
        n += len;
        p += part ? 4 : 1;
    }
    b[n] = '\0';
    return b;
}

/* out is the one line of a copy of url (as shown, HOST for the dead port) that could not connect:
 * "%Error opening URL (Failed to connect to 127.0.0.1 port PORT", curl's varying rest, ")\n". */
static void check_refused(const char *out, const char *url)
{
    char want[512];
    snprintf(want, sizeof want, "%%Error opening %s (Failed to connect to 127.0.0.1 port %u",
             dead(url), dead_port);
    size_t n = strlen(want), len = strlen(out);
    ck_assert_msg(!strncmp(out, want, n) && !isdigit((unsigned char)out[n]), "%s", out);
    ck_assert_msg(len >= n + 2 && !strcmp(out + len - 2, ")\n") &&
                      strchr(out, '\n') == out + len - 1,
                  "%s", out);
}

static void setup(void)
{
    use_tz("UTC");
    find_dead_port();
    unit_agent_start(&agent, state_dir);
    agent.ctl = ctl_server_new_detached(&agent);
    agent.transfer = transfer_engine_new(&agent);
}

static void teardown(void)
{
    /* As agent_fini does: the shells, then the transfers they may have detached from. */
    ctl_server_free(agent.ctl);
    agent.ctl = NULL;
    transfer_engine_free(agent.transfer);
    agent.transfer = NULL;
    unit_agent_stop(&agent, state_dir);
}

/* The replies a shell got, in order: each terminal frame (DONE, PROMPT) with the output before
 * it; output not yet followed by one is in the last, of type 0. */
struct reply {
    int type, status, term_length;
    char text[256];
    struct strbuf output;
};
struct replies {
    struct reply r[8];
    int n;
};

static void take(struct shell *sh, struct replies *rs)
{
    memset(rs, 0, sizeof *rs);
    size_t off = 0;
    struct reply *cur = &rs->r[0];
    while (off < sh->out.len) {
        struct ctl_frame f;
        size_t used;
        ck_assert_int_eq(
            ctl_frame_parse((uint8_t *)sh->out.buf + off, sh->out.len - off, &f, &used),
            CTL_PARSE_FRAME);
        off += used;
        if (f.type == CTL_OUTPUT || f.type == CTL_ASYNC) {
            sb_append(&cur->output, f.payload, f.len);
            continue;
        }
        struct ctl_reader rd;
        ctl_reader_init(&rd, &f);
        cur->type = f.type;
        char *s = NULL;
        if (f.type == CTL_DONE) {
            cur->status = ctl_r_u8(&rd);
            cur->term_length = ctl_r_u16(&rd);
            s = ctl_r_cstr(&rd, 255);
        } else {
            ck_assert_int_eq(f.type, CTL_PROMPT);
            ctl_r_u8(&rd);
            s = ctl_r_cstr(&rd, 255);
        }
        snprintf(cur->text, sizeof cur->text, "%s", s ? s : "");
        free(s);
        ck_assert_int_lt(++rs->n, 8);
        cur = &rs->r[rs->n];
    }
    if (cur->output.len > 0)
        rs->n++; /* output without its end yet */
    sb_reset(&sh->out);
}

static void replies_free(struct replies *rs)
{
    for (int i = 0; i < 8; i++)
        sb_free(&rs->r[i].output);
}

static void frame(struct strbuf *b, uint8_t type, const char *line)
{
    struct ctl_writer w;
    ctl_writer_init(&w);
    if (type == CTL_INPUT)
        ctl_w_u8(&w, 0);
    ctl_w_cstr(&w, line);
    ctl_writer_finish(&w, type, b);
}

/* Sends one request (or answer) and returns the replies it got at once. */
static void send1(struct shell *sh, uint8_t type, const char *line, struct replies *rs)
{
    struct strbuf b = STRBUF_INIT;
    frame(&b, type, line);
    ck_assert_int_eq(shell_receive(sh, b.buf, b.len), 0);
    sb_free(&b);
    take(sh, rs);
}

static struct shell *connect_shell(bool interactive)
{
    struct shell *sh = shell_new_detached(agent.ctl);
    struct ctl_writer w;
    ctl_writer_init(&w);
    ctl_w_u32(&w, CTL_PROTO_VERSION);
    ctl_w_u8(&w, interactive ? CTL_HELLO_INTERACTIVE : 0);
    ctl_w_cstr(&w, "pts/1");
    ctl_w_cstr(&w, "");
    struct strbuf b = STRBUF_INIT;
    ctl_writer_finish(&w, CTL_HELLO, &b);
    ck_assert_int_eq(shell_receive(sh, b.buf, b.len), 0);
    sb_free(&b);
    struct replies rs;
    take(sh, &rs);
    send1(sh, CTL_EXEC, "enable", &rs);
    ck_assert_str_eq(rs.r[0].text, "Router#");
    replies_free(&rs);
    return sh;
}

static void stop_loop(struct loop *loop, void *arg)
{
    (void)arg;
    loop_stop(loop);
}

/* Lets the loop run for ms milliseconds (a copy to the dead port fails in the first few). */
static void run_loop(unsigned ms)
{
    loop_timer_add(agent.loop, ms, stop_loop, NULL);
    ck_assert_int_eq(loop_run(agent.loop), 0);
}

static bool flash_has(const char *name)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", agent.flash_dir, name);
    return access(path, F_OK) == 0;
}

START_TEST(flash_is_created_at_start)
{
    struct stat st;
    ck_assert_int_eq(stat(agent.flash_dir, &st), 0);
    ck_assert(S_ISDIR(st.st_mode));
    ck_assert_int_eq(st.st_mode & 07777, 0755);
    char want[128];
    snprintf(want, sizeof want, "%s/flash", state_dir);
    ck_assert_str_eq(agent.flash_dir, want);
    ck_assert_str_eq(transfer_flash_dir(agent.transfer), want);
}
END_TEST

START_TEST(dir_and_delete_from_a_pipe)
{
    struct shell *sh = connect_shell(false);
    make_file(agent.flash_dir, "a.bin", 3, 1);
    make_file(agent.flash_dir, ".a.part", 3, 1);
    struct replies rs;
    send1(sh, CTL_EXEC, "dir", &rs);
    ck_assert_int_eq(rs.r[0].status, CTL_STATUS_OK);
    check_listing(sb_str(&rs.r[0].output),
                  "Directory of flash:/\n\n"
                  "    1  -rw-           3  Jan  1 2026 01:00:00 +00:00  a.bin\n");
    replies_free(&rs);
    const char *errors[][2] = {
        {"dir flash:nope", "%Error opening flash:/nope (No such file or directory)\n"},
        {"dir flash:../etc", "%Error opening flash:/../etc (Invalid file name)\n"},
        {"dir nvram:", "%Error opening nvram: (No such device)\n"},
        {"delete flash:.a.part", "%Error deleting flash:/.a.part (Invalid file name)\n"},
        {"delete flash:/../startup-config",
         "%Error deleting flash:/../startup-config (Invalid file name)\n"},
        {"delete flash:", "%Error deleting flash:/ (Is a directory)\n"},
        {"delete flash:nope", "%Error deleting flash:/nope (No such file or directory)\n"},
        {"delete http://u:pw@h/x", "%Error deleting http://u:*@h/x (No such device)\n"},
    };
    for (size_t i = 0; i < sizeof errors / sizeof errors[0]; i++) {
        send1(sh, CTL_EXEC, errors[i][0], &rs);
        ck_assert_int_eq(rs.r[0].status, CTL_STATUS_ERROR);
        ck_assert_str_eq(sb_str(&rs.r[0].output), errors[i][1]);
        replies_free(&rs);
    }
    ck_assert(flash_has(".a.part"));
    send1(sh, CTL_EXEC, "delete flash:/a.bin", &rs);
    ck_assert_int_eq(rs.r[0].type, CTL_DONE);
    ck_assert_int_eq(rs.r[0].status, CTL_STATUS_OK);
    ck_assert_str_eq(sb_str(&rs.r[0].output), "");
    ck_assert(!flash_has("a.bin"));
    replies_free(&rs);
}
END_TEST

START_TEST(delete_asks_twice_on_a_terminal)
{
    struct shell *sh = connect_shell(true);
    make_file(agent.flash_dir, "a.bin", 3, 1);
    make_file(agent.flash_dir, "b.bin", 3, 1);
    struct replies rs;
    send1(sh, CTL_EXEC, "delete flash:a.bin", &rs);
    ck_assert_int_eq(rs.r[0].type, CTL_PROMPT);
    ck_assert_str_eq(rs.r[0].text, "Delete filename [a.bin]? ");
    replies_free(&rs);
    send1(sh, CTL_INPUT, "", &rs);
    ck_assert_int_eq(rs.r[0].type, CTL_PROMPT);
    ck_assert_str_eq(rs.r[0].text, "Delete flash:/a.bin? [confirm]");
    replies_free(&rs);
    send1(sh, CTL_INPUT, "n", &rs); /* declined */
    ck_assert_int_eq(rs.r[0].type, CTL_DONE);
    ck_assert_str_eq(sb_str(&rs.r[0].output), "");
    ck_assert(flash_has("a.bin"));
    replies_free(&rs);

    /* Another name typed at the first question. */
    send1(sh, CTL_EXEC, "delete flash:a.bin", &rs);
    replies_free(&rs);
    send1(sh, CTL_INPUT, "flash:b.bin", &rs);
    ck_assert_str_eq(rs.r[0].text, "Delete flash:/b.bin? [confirm]");
    replies_free(&rs);
    send1(sh, CTL_INPUT, "", &rs);
    ck_assert_int_eq(rs.r[0].type, CTL_DONE);
    ck_assert_int_eq(rs.r[0].status, CTL_STATUS_OK);
    ck_assert(!flash_has("b.bin"));
    ck_assert(flash_has("a.bin"));
    replies_free(&rs);

    send1(sh, CTL_EXEC, "delete flash:a.bin", &rs);
    replies_free(&rs);
    send1(sh, CTL_INPUT, "../x", &rs);
    ck_assert_int_eq(rs.r[0].type, CTL_DONE);
    ck_assert_int_eq(rs.r[0].status, CTL_STATUS_ERROR);
    ck_assert_str_eq(sb_str(&rs.r[0].output), "%Error deleting flash:/../x (Invalid file name)\n");
    replies_free(&rs);

    send1(sh, CTL_EXEC, "delete flash:a.bin", &rs);
    replies_free(&rs);
    send1(sh, CTL_INPUT, "", &rs);
    replies_free(&rs);
    send1(sh, CTL_INPUT, "y", &rs);
    ck_assert_int_eq(rs.r[0].status, CTL_STATUS_OK);
    ck_assert(!flash_has("a.bin"));
    replies_free(&rs);

    /* A question left unanswered keeps nothing (LeakSanitizer checks the name kept with it). */
    send1(sh, CTL_EXEC, "delete flash:z", &rs);
    replies_free(&rs);
    send1(sh, CTL_EXEC, "delete flash:z", &rs);
    replies_free(&rs);
    shell_free(sh);
}
END_TEST

START_TEST(clear_logging_confirms_on_a_terminal)
{
    struct shell *sh = connect_shell(true);
    agent_log(&agent, LOG_NOTICE, "%%TEST-5-KEEP: still there");
    struct replies rs;
    send1(sh, CTL_EXEC, "clear logging", &rs);
    ck_assert_int_eq(rs.r[0].type, CTL_PROMPT);
    ck_assert_str_eq(rs.r[0].text, "Clear logging buffer [confirm]");
    replies_free(&rs);
    send1(sh, CTL_INPUT, "no", &rs);
    replies_free(&rs);
    struct strbuf t = STRBUF_INIT;
    log_buffer_text(&agent, &t);
    ck_assert(strstr(sb_str(&t), "still there"));
    send1(sh, CTL_EXEC, "clear logging", &rs);
    replies_free(&rs);
    send1(sh, CTL_INPUT, "", &rs);
    ck_assert_int_eq(rs.r[0].type, CTL_DONE);
    replies_free(&rs);
    sb_reset(&t);
    log_buffer_text(&agent, &t);
    ck_assert_str_eq(sb_str(&t), "");
    sb_free(&t);
}
END_TEST

START_TEST(reload_asks_to_save_then_to_proceed)
{
    struct shell *sh = connect_shell(true);
    struct replies rs;
    send1(sh, CTL_EXEC, "reload", &rs); /* nothing saved yet: modified */
    ck_assert_int_eq(rs.r[0].type, CTL_PROMPT);
    ck_assert_str_eq(sb_str(&rs.r[0].output), "\n");
    ck_assert_str_eq(rs.r[0].text, "System configuration has been modified. Save? [yes/no]: ");
    replies_free(&rs);
    send1(sh, CTL_INPUT, "maybe", &rs);
    ck_assert_str_eq(sb_str(&rs.r[0].output), "% Please answer 'yes' or 'no'.\n");
    ck_assert_str_eq(rs.r[0].text, "System configuration has been modified. Save? [yes/no]: ");
    replies_free(&rs);
    send1(sh, CTL_INPUT, "", &rs);
    ck_assert_str_eq(sb_str(&rs.r[0].output), "% Please answer 'yes' or 'no'.\n");
    replies_free(&rs);
    send1(sh, CTL_INPUT, "NO", &rs);
    ck_assert_str_eq(sb_str(&rs.r[0].output), "");
    ck_assert_str_eq(rs.r[0].text, "Proceed with reload? [confirm]");
    replies_free(&rs);
    send1(sh, CTL_INPUT, "n", &rs);
    ck_assert_int_eq(rs.r[0].type, CTL_DONE);
    ck_assert_int_eq(rs.r[0].status, CTL_STATUS_OK);
    ck_assert_str_eq(rs.r[0].text, "Router#");
    ck_assert_ptr_null(agent.reload_by);
    ck_assert_int_ne(access(agent.startup_path, F_OK), 0);
    replies_free(&rs);

    send1(sh, CTL_EXEC, "reload", &rs);
    replies_free(&rs);
    send1(sh, CTL_INPUT, "y", &rs);
    ck_assert_str_eq(sb_str(&rs.r[0].output), "Building configuration...\n[OK]\n");
    ck_assert_str_eq(rs.r[0].text, "Proceed with reload? [confirm]");
    ck_assert_int_eq(access(agent.startup_path, F_OK), 0);
    replies_free(&rs);
    send1(sh, CTL_INPUT, "", &rs);
    /* The session ends with the reply; the reload follows from the loop (here, without argv,
     * it stops the loop). */
    ck_assert_int_eq(rs.r[0].type, CTL_DONE);
    ck_assert_int_eq(rs.r[0].status, CTL_STATUS_CLOSE);
    replies_free(&rs);
    ck_assert_str_eq(agent.reload_by, "unknown on vty 0");
    run_loop(5000);
    struct strbuf t = STRBUF_INIT;
    log_buffer_text(&agent, &t);
    ck_assert_msg(strstr(sb_str(&t), "%SYS-5-RELOAD: Reload requested by unknown on vty 0. Reload "
                                     "Reason: Reload Command.\n"),
                  "%s", sb_str(&t));
    sb_free(&t);

    /* Saved: no question about saving. */
    struct shell *sh2 = connect_shell(true);
    send1(sh2, CTL_EXEC, "reload", &rs);
    ck_assert_str_eq(sb_str(&rs.r[0].output), "");
    ck_assert_str_eq(rs.r[0].text, "Proceed with reload? [confirm]");
    replies_free(&rs);
}
END_TEST

START_TEST(reload_from_a_pipe_does_not_ask)
{
    struct shell *sh = connect_shell(false);
    struct replies rs;
    send1(sh, CTL_EXEC, "reload", &rs);
    ck_assert_int_eq(rs.r[0].type, CTL_DONE);
    ck_assert_int_eq(rs.r[0].status, CTL_STATUS_CLOSE);
    ck_assert_str_eq(sb_str(&rs.r[0].output), "");
    replies_free(&rs);
    ck_assert_int_ne(access(agent.startup_path, F_OK), 0); /* not saved */
}
END_TEST

/* The second request of a shell whose copy is under way waits, and is answered after it. */
START_TEST(copy_defers_the_reply_and_queues_what_follows)
{
    struct shell *sh = connect_shell(false);
    struct strbuf b = STRBUF_INIT;
    frame(&b, CTL_EXEC, dead("copy http://HOST/images/a.bin flash:"));
    frame(&b, CTL_EXEC, "terminal length 7");
    ck_assert_int_eq(shell_receive(sh, b.buf, b.len), 0);
    sb_free(&b);
    struct replies rs;
    take(sh, &rs);
    ck_assert_int_eq(rs.n, 1);
    ck_assert_int_eq(rs.r[0].type, 0); /* output, no end yet */
    ck_assert_str_eq(sb_str(&rs.r[0].output), dead("Accessing http://HOST/images/a.bin...\n"));
    ck_assert(sh->deferred);
    replies_free(&rs);
    run_loop(200);
    take(sh, &rs);
    ck_assert_int_eq(rs.n, 2);
    ck_assert_int_eq(rs.r[0].type, CTL_DONE);
    ck_assert_int_eq(rs.r[0].status, CTL_STATUS_ERROR);
    check_refused(sb_str(&rs.r[0].output), "http://HOST/images/a.bin");
    ck_assert_int_eq(rs.r[0].term_length, 24);
    ck_assert_int_eq(rs.r[1].type, CTL_DONE);
    ck_assert_int_eq(rs.r[1].status, CTL_STATUS_OK);
    ck_assert_int_eq(rs.r[1].term_length, 7);
    replies_free(&rs);
    ck_assert(!sh->deferred);
}
END_TEST

START_TEST(copy_of_a_shell_that_goes_away_is_detached)
{
    struct shell *sh = connect_shell(false);
    struct replies rs;
    send1(sh, CTL_EXEC, dead("copy http://HOST/a.bin flash:b.bin"), &rs);
    ck_assert(sh->deferred);
    replies_free(&rs);
    shell_free(sh);
    /* The engine no longer calls back: AddressSanitizer would see the freed job otherwise. */
    run_loop(100);
    /* A peer that sends on and on while waiting is dropped. */
    sh = connect_shell(false);
    send1(sh, CTL_EXEC, dead("copy http://HOST/a.bin flash:"), &rs);
    replies_free(&rs);
    struct strbuf b = STRBUF_INIT;
    for (int i = 0; i < 3; i++)
        frame(&b, CTL_EXEC, "terminal length 0     ...........................................");
    ck_assert_int_eq(shell_receive(sh, b.buf, b.len), 0);
    sb_reset(&b);
    char line[CTL_MAX_LINE];
    memset(line, 'x', sizeof line - 1);
    line[sizeof line - 1] = '\0';
    frame(&b, CTL_EXEC, line);
    frame(&b, CTL_EXEC, line);
    ck_assert_int_eq(shell_receive(sh, b.buf, b.len), -1);
    sb_free(&b);
    shell_free(sh);
    run_loop(100);
}
END_TEST

START_TEST(copy_asks_for_the_destination_on_a_terminal)
{
    struct shell *sh = connect_shell(true);
    struct replies rs;
    send1(sh, CTL_EXEC, dead("copy http://u:secret@HOST/a.bin flash:"), &rs);
    ck_assert_int_eq(rs.r[0].type, CTL_PROMPT);
    ck_assert_str_eq(rs.r[0].text, "Destination filename [a.bin]? ");
    replies_free(&rs);
    send1(sh, CTL_INPUT, "flash:c.bin", &rs);
    ck_assert_int_eq(rs.r[0].type, 0);
    ck_assert_str_eq(sb_str(&rs.r[0].output), dead("Accessing http://u:*@HOST/a.bin...\n"));
    replies_free(&rs);
    run_loop(100);
    take(sh, &rs);
    check_refused(sb_str(&rs.r[0].output), "http://u:*@HOST/a.bin");
    ck_assert(!flash_has("c.bin"));
    replies_free(&rs);

    /* An existing file: IOS's warning, and overwriting is confirmed. */
    make_file(agent.flash_dir, "a.bin", 1, 1);
    send1(sh, CTL_EXEC, dead("copy http://HOST/a.bin flash:"), &rs);
    replies_free(&rs);
    send1(sh, CTL_INPUT, "", &rs);
    ck_assert_str_eq(sb_str(&rs.r[0].output),
                     "%Warning: There is a file already existing with this name\n");
    ck_assert_str_eq(rs.r[0].text, "Do you want to over write? [confirm]");
    replies_free(&rs);
    send1(sh, CTL_INPUT, "n", &rs);
    ck_assert_int_eq(rs.r[0].type, CTL_DONE);
    ck_assert_str_eq(sb_str(&rs.r[0].output), "");
    replies_free(&rs);
    send1(sh, CTL_EXEC, dead("copy http://HOST/a.bin flash:"), &rs);
    replies_free(&rs);
    send1(sh, CTL_INPUT, "", &rs);
    replies_free(&rs);
    send1(sh, CTL_INPUT, "", &rs);
    ck_assert_str_eq(sb_str(&rs.r[0].output), dead("Accessing http://HOST/a.bin...\n"));
    replies_free(&rs);
    run_loop(100);
    take(sh, &rs);
    ck_assert_int_eq(rs.r[0].status, CTL_STATUS_ERROR);
    check_refused(sb_str(&rs.r[0].output), "http://HOST/a.bin");
    replies_free(&rs);
    /* The failed download left the file it was to replace as it was. */
    char path[256];
    snprintf(path, sizeof path, "%s/a.bin", agent.flash_dir);
    struct stat st;
    ck_assert_int_eq(stat(path, &st), 0);
    ck_assert_int_eq(st.st_size, 1);

    send1(sh, CTL_EXEC, dead("copy http://HOST/dir/ flash:"), &rs);
    ck_assert_str_eq(rs.r[0].text, "Destination filename []? ");
    replies_free(&rs);
    send1(sh, CTL_INPUT, "", &rs);
    ck_assert_str_eq(sb_str(&rs.r[0].output), "%Error opening flash:/ (Is a directory)\n");
    ck_assert_int_eq(rs.r[0].status, CTL_STATUS_ERROR);
    replies_free(&rs);

    /* Uploads: first the host, as IOS asks it (Enter keeps the URL's); then the URL's last
     * segment, or hostname-confg after a slash, replaced by a name. */
    send1(sh, CTL_EXEC, dead("copy running-config http://HOST/cfg/?k=v"), &rs);
    ck_assert_str_eq(rs.r[0].text, dead("Address or name of remote host [HOST]? "));
    replies_free(&rs);
    send1(sh, CTL_INPUT, "", &rs);
    ck_assert_str_eq(rs.r[0].text, "Destination filename [router-confg]? ");
    replies_free(&rs);
    send1(sh, CTL_INPUT, "", &rs);
    replies_free(&rs);
    run_loop(100);
    take(sh, &rs);
    check_refused(sb_str(&rs.r[0].output), "http://HOST/cfg/router-confg?k=v");
    replies_free(&rs);
    send1(sh, CTL_EXEC, dead("copy startup-config https://HOST/r1.cfg"), &rs);
    ck_assert_str_eq(rs.r[0].text, dead("Address or name of remote host [HOST]? "));
    replies_free(&rs);
    send1(sh, CTL_INPUT, "", &rs);
    ck_assert_str_eq(rs.r[0].text, "Destination filename [r1.cfg]? ");
    replies_free(&rs);
    /* There is no startup-config to send: that is the reason, before any connection, so the
     * answer to the question is the copy's result. */
    send1(sh, CTL_INPUT, "r2.cfg", &rs);
    char want[256];
    snprintf(want, sizeof want, "%%Error opening %s (startup-config is not present)\n",
             dead("https://HOST/r2.cfg"));
    ck_assert_str_eq(sb_str(&rs.r[0].output), want);
    replies_free(&rs);

    /* A bare scheme asks for the host and the file; what cannot be one is IOS's parse error. */
    const char *bad_answers[][2] = {{"", NULL}, {"two words", NULL}, {"h/x", NULL}, {"h", ""}};
    for (size_t i = 0; i < sizeof bad_answers / sizeof bad_answers[0]; i++) {
        send1(sh, CTL_EXEC, "copy tftp: flash:", &rs);
        ck_assert_str_eq(rs.r[0].text, "Address or name of remote host []? ");
        replies_free(&rs);
        send1(sh, CTL_INPUT, bad_answers[i][0], &rs);
        if (bad_answers[i][1]) {
            ck_assert_str_eq(rs.r[0].text, "Source filename []? ");
            replies_free(&rs);
            send1(sh, CTL_INPUT, bad_answers[i][1], &rs);
        }
        ck_assert_int_eq(rs.r[0].status, CTL_STATUS_ERROR);
        ck_assert_str_eq(sb_str(&rs.r[0].output), "%Error parsing filename (Invalid argument)\n");
        replies_free(&rs);
    }
    send1(sh, CTL_EXEC, "copy tftp: startup-config", &rs);
    replies_free(&rs);
    send1(sh, CTL_INPUT, "h", &rs);
    replies_free(&rs);
    send1(sh, CTL_INPUT, "/dir/r1-confg", &rs);
    ck_assert_str_eq(rs.r[0].text, "Destination filename [startup-config]? ");
    replies_free(&rs);
    send1(sh, CTL_INPUT, "flash:x", &rs);
    ck_assert_int_eq(rs.r[0].status, CTL_STATUS_ERROR);
    ck_assert_str_eq(sb_str(&rs.r[0].output),
                     "% Only startup-config can be the destination here\n");
    replies_free(&rs);

    /* A question abandoned by the next request keeps nothing (LeakSanitizer). */
    send1(sh, CTL_EXEC, dead("copy http://HOST/a.bin flash:"), &rs);
    replies_free(&rs);
    shell_free(sh);
}
END_TEST

START_TEST(copy_refuses_what_it_cannot_do)
{
    struct shell *sh = connect_shell(false);
    const char *cases[][2] = {
        {"copy ftp://HOST/a.bin flash:",
         "%Error opening ftp://HOST/a.bin (Protocol not supported)\n"},
        {"copy http:/a.bin flash:", "%Error opening http:/a.bin (Invalid URL)\n"},
        {"copy http:///a.bin flash:", "%Error opening http:///a.bin (No host name)\n"},
        {"copy http://HOST/ flash:", "%Error opening flash:/ (Is a directory)\n"},
        {"copy http://HOST/a flash:../a", "%Error opening flash:/../a (Invalid file name)\n"},
        {"copy http://HOST/a http://HOST/b",
         "% Only flash: can be the destination of a copy from a URL\n"},
        {"copy flash:a http://HOST/b",
         "% Copying from flash: is not supported: only from http:, https: and tftp:\n"},
        {"copy running-config flash:r",
         "% Copying to flash: is not supported: only to http:, https: and tftp:\n"},
        {"copy running-config scp://HOST/r",
         "%Error opening scp://HOST/r (Protocol not supported)\n"},
    };
    struct replies rs;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        send1(sh, CTL_EXEC, dead(cases[i][0]), &rs);
        ck_assert_msg(rs.r[0].type == CTL_DONE && rs.r[0].status == CTL_STATUS_ERROR, "%s",
                      cases[i][0]);
        ck_assert_str_eq(sb_str(&rs.r[0].output), dead(cases[i][1]));
        replies_free(&rs);
    }
    /* From a pipe, an upload to a directory gets hostname-confg. */
    send1(sh, CTL_EXEC, dead("copy running-config http://HOST/cfg/"), &rs);
    replies_free(&rs);
    run_loop(100);
    take(sh, &rs);
    ck_assert_int_eq(rs.r[0].status, CTL_STATUS_ERROR);
    check_refused(sb_str(&rs.r[0].output), "http://HOST/cfg/router-confg");
    replies_free(&rs);
    /* Without the engine (a session without a running cwmpd's shells) nothing is tried. */
    struct agent_session s;
    agent_session_init(&s, &agent, "test", "vty 9");
    struct strbuf out = STRBUF_INIT;
    ck_assert_int_eq(agent_exec_line(&agent, &s, dead("copy http://HOST/a flash:"), &out),
                     CMD_FAILED);
    ck_assert_str_eq(sb_str(&out), "% File transfers need a shell of a running cwmpd\n");
    sb_free(&out);
}
END_TEST

/* X_00000C_ShowStatus runs only what reads (and configuration blocks reach EXEC only for that):
 * dir and show logging may run there; reload, delete, copy and clear logging may not. */
START_TEST(only_dir_and_show_logging_only_read)
{
    struct agent_session s;
    agent_session_init(&s, &agent, "the ACS", "cwmp");
    struct exec_opts ro = {.caret_column = -1, .readonly_only = true, .check_only = true};
    struct strbuf out = STRBUF_INIT;
    const char *reads[] = {"dir", "dir flash:", "show logging", "show logging | include RELOAD"};
    for (size_t i = 0; i < sizeof reads / sizeof reads[0]; i++)
        ck_assert_msg(grammar_execute(agent.grammar, &s.cli, reads[i], &out, &ro) == CMD_OK, "%s",
                      reads[i]);
    const char *changes[] = {"reload", "delete flash:a", "clear logging",
                             dead("copy http://HOST/a flash:"),
                             dead("copy running-config http://HOST/r")};
    for (size_t i = 0; i < sizeof changes / sizeof changes[0]; i++)
        ck_assert_msg(grammar_execute(agent.grammar, &s.cli, changes[i], &out, &ro) ==
                          CMD_FORBIDDEN,
                      "%s", changes[i]);
    /* The same from a configuration block's do. */
    cli_session_push(&s.cli, grammar_config_mode(agent.grammar), "");
    struct exec_opts block = {.caret_column = -1, .from_file = true, .do_readonly_only = true};
    sb_reset(&out);
    ck_assert_int_eq(grammar_execute(agent.grammar, &s.cli, "do reload", &out, &block),
                     CMD_FORBIDDEN);
    ck_assert_ptr_null(agent.reload_by);
    sb_free(&out);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("files");
    TCase *flash = tcase_create("flash");
    tcase_add_test(flash, entries_are_formatted_as_ios_does);
    tcase_add_test(flash, flash_names);
    tcase_add_test(flash, listing_hides_dot_files_and_sorts_by_name);
    suite_add_tcase(s, flash);
    TCase *tc = tcase_create("shells");
    tcase_set_timeout(tc, 60);
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, flash_is_created_at_start);
    tcase_add_test(tc, dir_and_delete_from_a_pipe);
    tcase_add_test(tc, delete_asks_twice_on_a_terminal);
    tcase_add_test(tc, clear_logging_confirms_on_a_terminal);
    tcase_add_test(tc, reload_asks_to_save_then_to_proceed);
    tcase_add_test(tc, reload_from_a_pipe_does_not_ask);
    tcase_add_test(tc, copy_defers_the_reply_and_queues_what_follows);
    tcase_add_test(tc, copy_of_a_shell_that_goes_away_is_detached);
    tcase_add_test(tc, copy_asks_for_the_destination_on_a_terminal);
    tcase_add_test(tc, copy_refuses_what_it_cannot_do);
    tcase_add_test(tc, only_dir_and_show_logging_only_read);
    suite_add_tcase(s, tc);
    return unit_run(s);
}
