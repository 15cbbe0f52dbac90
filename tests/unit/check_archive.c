/* Unit tests of the configuration archive (config_archive.h) and of configure replace
 * (config_replace.h): the lines of a difference, a replacement made whole or not at all, the
 * copies' names, their rotation and the time-period's timer. */
#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "agent.h"
#include "config_archive.h"
#include "config_lines.h"
#include "config_render.h"
#include "config_replace.h"
#include "config_store.h"
#include "config_txn.h"
#include "fileio.h"
#include "unit.h"
#include "xalloc.h"

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

/* Lines typed in configuration mode, one session, each one checked, then announced as a shell
 * does. */
static void configure(const char *first, ...)
{
    struct strbuf out = STRBUF_INIT;
    struct agent_session s;
    agent_session_init(&s, &agent, "test", "vty 0");
    ck_assert_int_eq(agent_exec_line(&agent, &s, "configure terminal", &out), CMD_OK);
    va_list ap;
    va_start(ap, first);
    for (const char *l = first; l; l = va_arg(ap, const char *)) {
        sb_reset(&out);
        ck_assert_msg(agent_exec_line(&agent, &s, l, &out) == CMD_OK, "%s: %s", l, sb_str(&out));
    }
    va_end(ap);
    sb_free(&out);
    config_txn_announce(&agent);
}

static char *running(void)
{
    struct strbuf s = STRBUF_INIT;
    config_render(agent.running, &s);
    return sb_detach(&s);
}

static char *diff(const char *cur, const char *target)
{
    char **lines;
    size_t n;
    config_replace_diff(cur, target, &lines, &n);
    struct strbuf s = STRBUF_INIT;
    for (size_t i = 0; i < n; i++) {
        sb_printf(&s, "%s\n", lines[i]);
        free(lines[i]);
    }
    free(lines);
    return sb_detach(&s);
}

START_TEST(test_diff_lines)
{
    const char *cur = "!\nhostname R1\n!\nno logging buffered\n!\ninterface Ethernet0/0\n"
                      " description old\n no ip address\n!\ninterface Ethernet0/1\n"
                      " no ip address\n!\nntp server 1.1.1.1\nntp server 2.2.2.2\n!\nend\n";
    const char *target = "!\nhostname R2\n!\ninterface Ethernet0/0\n"
                         " ip address 10.0.0.1 255.0.0.0\n!\nntp server 2.2.2.2\n"
                         "ntp server 3.3.3.3\n!\nend\n";
    char *d = diff(cur, target);
    /* Negations from the bottom up (` no ip address` gives way to the address set), then the
     * additions in the target's order, each block's lines under its header. */
    ck_assert_str_eq(d, "no ntp server 1.1.1.1\n"
                        "no interface Ethernet0/1\n"
                        "interface Ethernet0/0\n no description old\nexit\n"
                        "logging buffered\n"
                        "no hostname R1\n"
                        "hostname R2\n"
                        "interface Ethernet0/0\n ip address 10.0.0.1 255.0.0.0\nexit\n"
                        "ntp server 3.3.3.3\n");
    free(d);
    d = diff(target, target);
    ck_assert_str_eq(d, "");
    free(d);
}
END_TEST

START_TEST(test_replace_whole)
{
    configure("hostname R1", "logging buffered 8192 debugging", "ntp server 1.1.1.1",
              "ip dhcp pool P", "network 10.1.0.0 255.255.0.0", "default-router 10.1.0.1",
              "interface Ethernet0/1", "description lan", "ip address 10.1.0.1 255.255.0.0",
              "cwmp agent", "management server password 0 lab", "session retry limit 3", NULL);
    unsigned long changes = agent.config_changes;
    const char *file = "!\nhostname R2\n!\ninterface Ethernet0/2\n description wan\n"
                       " ip address dhcp\n!\ncwmp agent\n management server password 0 other\n"
                       "!\nntp server 2.2.2.2\n!\nend\n";
    struct strbuf err = STRBUF_INIT;
    int passes = config_replace(&agent, file, "flash:f", "test", "vty 0", &err);
    ck_assert_msg(passes >= 1 && passes <= CONFIG_REPLACE_MAX_PASSES, "%d: %s", passes,
                  sb_str(&err));
    ck_assert_str_eq(sb_str(&err), "");
    char *r = running();
    ck_assert_str_eq(r, "!\nhostname R2\n!\ninterface Ethernet0/2\n description wan\n"
                        " ip address dhcp\n!\ncwmp agent\n management server password 7 "
                        "000B070E0149\n!\nntp server 2.2.2.2\n!\nend\n");
    /* The change is announced once, as one. */
    ck_assert_uint_eq(agent.config_changes, changes + 1);
    /* The same again: nothing to do, no pass, nothing announced. */
    ck_assert_int_eq(config_replace(&agent, r, "flash:f", "test", "vty 0", &err), 0);
    ck_assert_uint_eq(agent.config_changes, changes + 1);
    free(r);
    sb_free(&err);
}
END_TEST

START_TEST(test_replace_refused)
{
    configure("hostname R1", "interface Ethernet0/1", "description lan", NULL);
    char *before = running();
    unsigned long changes = agent.config_changes;
    struct strbuf err = STRBUF_INIT;
    /* A line of the file the parser refuses: nothing changes, the line is named. */
    const char *file = "hostname R2\ninterface Ethernet0/3\n ip adress 1.2.3.4 255.0.0.0\n";
    ck_assert_int_eq(config_replace(&agent, file, "flash:bad", "test", "vty 0", &err), -1);
    ck_assert_str_eq(sb_str(&err), "%Error in flash:bad line 3: ip adress 1.2.3.4 255.0.0.0\n"
                                   "% Invalid input detected at '^' marker.\n");
    char *after = running();
    ck_assert_str_eq(after, before);
    ck_assert_uint_eq(agent.config_changes, changes);
    /* A command that runs and refuses its value is a failing line too. */
    sb_reset(&err);
    ck_assert_int_eq(config_replace(&agent, "hostname 1bad\n", "flash:bad", "test", "vty 0", &err),
                     -1);
    ck_assert_str_eq(sb_str(&err), "%Error in flash:bad line 1: hostname 1bad\n"
                                   "% Hostname contains one or more illegal characters.\n");
    free(after);
    after = running();
    ck_assert_str_eq(after, before);
    free(before);
    free(after);
    sb_free(&err);
}
END_TEST

static bool on_flash(const char *name)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", agent.flash_dir, name);
    return access(path, F_OK) == 0;
}

START_TEST(test_archive_rotation)
{
    struct strbuf out = STRBUF_INIT;
    ck_assert_int_eq(config_archive_save(&agent, &out), -1);
    ck_assert_str_eq(sb_str(&out), "% No archive path specified\n");
    sb_reset(&out);
    config_archive_show(&agent, &out);
    ck_assert_str_eq(sb_str(&out), " Archive feature not enabled\n");
    configure("archive", "path flash:cfg", "maximum 2", NULL);
    for (int i = 0; i < 3; i++) {
        sb_reset(&out);
        ck_assert_msg(config_archive_save(&agent, &out) == 0, "%s", sb_str(&out));
        ck_assert_str_eq(sb_str(&out), "");
    }
    /* The third deleted the first; the numbers go on. */
    ck_assert(!on_flash("cfg-1"));
    ck_assert(on_flash("cfg-2") && on_flash("cfg-3"));
    config_archive_show(&agent, &out);
    ck_assert_str_eq(sb_str(&out), "The maximum archive configurations allowed is 2.\n"
                                   "There are currently 2 archive configurations saved.\n"
                                   "The next archive file will be named flash:cfg-4\n"
                                   " Archive #  Name\n"
                                   "   1        flash:cfg-2\n"
                                   "   2        flash:cfg-3 <- Most Recent\n");
    /* A copy is the running configuration as startup-config would hold it. */
    char path[256], *text;
    size_t len;
    snprintf(path, sizeof path, "%s/cfg-3", agent.flash_dir);
    ck_assert_int_eq(file_read_all(path, 1 << 20, &text, &len), 0);
    char *r = running();
    ck_assert_str_eq(text, r);
    free(text);
    free(r);
    /* Another path starts another list; one not on flash: is refused, nothing saved. */
    configure("archive", "path http://192.0.2.1/cfg", NULL);
    sb_reset(&out);
    ck_assert_int_eq(config_archive_save(&agent, &out), -1);
    ck_assert_str_eq(sb_str(&out), "%Error opening http://192.0.2.1/cfg-1 (Only flash: can "
                                   "hold the archive)\n");
    sb_free(&out);
}
END_TEST

START_TEST(test_time_period)
{
    ck_assert_uint_eq(config_archive_period_ms(&agent), 0);
    configure("archive", "path flash:t", "time-period 5", NULL);
    ck_assert_uint_eq(config_archive_period_ms(&agent), 5 * 60000);
    /* Every period archives, changed or not, as IOS does. */
    config_archive_periodic(&agent);
    config_archive_periodic(&agent);
    ck_assert(on_flash("t-1") && on_flash("t-2"));
    ck_assert_uint_eq(config_archive_period_ms(&agent), 5 * 60000);
    configure("archive", "time-period 1", NULL);
    ck_assert_uint_eq(config_archive_period_ms(&agent), 60000);
    configure("archive", "no time-period", NULL);
    ck_assert_uint_eq(config_archive_period_ms(&agent), 0);
}
END_TEST

START_TEST(test_archive_render)
{
    configure("archive", "path flash:c", "maximum 4", "write-memory", "time-period 60", NULL);
    char *r = running();
    ck_assert_str_eq(r, "!\nhostname Router\n!\narchive\n path flash:c\n maximum 4\n"
                        " write-memory\n time-period 60\n!\nend\n");
    free(r);
    configure("archive", "no write-memory", "no time-period", "no maximum", NULL);
    r = running();
    ck_assert_str_eq(r, "!\nhostname Router\n!\narchive\n path flash:c\n!\nend\n");
    free(r);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("archive");
    TCase *tc = tcase_create("archive");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_diff_lines);
    tcase_add_test(tc, test_replace_whole);
    tcase_add_test(tc, test_replace_refused);
    tcase_add_test(tc, test_archive_rotation);
    tcase_add_test(tc, test_time_period);
    tcase_add_test(tc, test_archive_render);
    suite_add_tcase(s, tc);
    return unit_run(s);
}
