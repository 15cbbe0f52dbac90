/* System commands: name, secrets, privilege, configuration mode, version and clock, the HTTP
 * settings (the archive's are in cmd_archive.c). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/timex.h>
#include <sys/utsname.h>
#include <time.h>

#include "config.h"
#include "configuration.h"
#include "ctl_server.h"
#include "handlers.h"
#include "loop.h"
#include "xalloc.h"

/* RFC 1123 host names, as IOS accepts them (the length is checked apart, for its own message). */
static bool hostname_valid(const char *s)
{
    size_t len = strlen(s);
    if (len == 0 || !isalpha((unsigned char)s[0]) || s[len - 1] == '-')
        return false;
    for (size_t i = 0; i < len; i++)
        if (!isalnum((unsigned char)s[i]) && s[i] != '-')
            return false;
    return true;
}

static int hostname(struct cmd_call *c)
{
    struct config_store *cs = call_store(c);
    if (c->negate) {
        strcpy(cs->hostname, CMD_DEFAULT_HOSTNAME_TEXT);
        return 0;
    }
    const char *name = cmd_arg(c, "name");
    if (strlen(name) > HOSTNAME_MAX)
        return cmd_fail(c, "Hostname cannot be more than %d characters.", HOSTNAME_MAX);
    if (!hostname_valid(name))
        return cmd_fail(c, "Hostname contains one or more illegal characters.");
    snprintf(cs->hostname, sizeof cs->hostname, "%s", name);
    return 0;
}

static int enable_secret(struct cmd_call *c)
{
    struct config_store *cs = call_store(c);
    if (c->negate) {
        str_set(&cs->enable_secret, NULL);
        return 0;
    }
    return arg_secret(c, &cs->enable_secret);
}

static int enable_algorithm_secret(struct cmd_call *c)
{
    return arg_secret_algorithm(c, &call_store(c)->enable_secret);
}

/* IOS keeps an enable password equal to the secret (which wins anyway), but says so. */
static int enable_password(struct cmd_call *c)
{
    struct config_store *cs = call_store(c);
    if (c->negate) {
        password_clear(&cs->enable_password);
        return 0;
    }
    if (arg_password(c, &cs->enable_password, CWMP_PASSWORD_MAX) < 0)
        return -1;
    if (cs->enable_secret && secret_verify(cs->enable_password.clear, cs->enable_secret))
        sb_puts(c->out, "The enable password you have chosen is the same as your enable secret.\n"
                        "This is not recommended.  Re-enter the enable password.\n");
    return 0;
}

/* Turning it off keeps the passwords hidden: only new ones are shown in clear again (IOS). */
static int service_password_encryption(struct cmd_call *c)
{
    struct config_store *cs = call_store(c);
    cs->password_encryption = !c->negate;
    if (cs->password_encryption)
        config_hide_passwords(cs);
    return 0;
}

/* After a wrong secret, the next question (or the final "% Bad secrets") waits ENABLE_DELAY_MS,
 * as IOS's login delay, which slows guessing down; the shell's reply is deferred on a timer so
 * that the loop, and every other shell, goes on meanwhile. */
#define ENABLE_DELAY_MS 1000
#define ENABLE_TRIES    3

struct enable_wait {
    struct shell *sh;
    struct loop_timer *timer;
    int tries; /* wrong secrets so far */
};

static int enable_answer(struct shell *sh, const char *text, bool cancelled, struct strbuf *out);

static void enable_wait_cancel(void *arg)
{
    struct enable_wait *w = arg;
    loop_timer_cancel(w->sh->as.agent->loop, w->timer);
    free(w);
}

static void enable_wait_over(struct loop *loop, void *arg)
{
    (void)loop;
    struct enable_wait *w = arg;
    struct shell *sh = w->sh;
    struct strbuf out = STRBUF_INIT;
    bool last = w->tries >= ENABLE_TRIES;
    if (last) {
        /* IOS names what it checked: the secret, or the password when there is no secret. */
        bool secret = sh->as.agent->running->enable_secret != NULL;
        sb_puts(&out, secret ? "% Bad secrets\n\n" : "% Bad passwords\n\n");
    } else {
        shell_ask(sh, "Password: ", false, enable_answer);
        sh->pending_tries = w->tries;
    }
    free(w);
    shell_resume(sh, &out, !last);
    sb_free(&out);
}

static int enable_answer(struct shell *sh, const char *text, bool cancelled, struct strbuf *out)
{
    (void)out;
    if (cancelled)
        return -1;
    const struct config_store *cs = sh->as.agent->running;
    if (config_enable_verify(cs, text)) {
        sh->as.cli.privilege = PRIV_PRIVILEGED;
        return 0;
    }
    struct agent *a = sh->as.agent;
    agent_log(a, LOG_NOTICE,
              "%%SYS-5-PRIV_AUTH_FAIL: Authentication to Privilege level 15 failed by %s on %s",
              sh->user, sh->line_name);
    struct enable_wait *w = xcalloc(1, sizeof *w);
    w->sh = sh;
    w->tries = sh->pending_tries + 1;
    w->timer = loop_timer_add(a->loop, ENABLE_DELAY_MS, enable_wait_over, w);
    shell_defer(sh, enable_wait_cancel, w);
    return 0;
}

static int exec_enable(struct cmd_call *c)
{
    struct agent_session *s = call_session(c);
    if (c->session->privilege >= PRIV_PRIVILEGED)
        return 0;
    if (!config_enable_protected(s->agent->running) || !s->shell) {
        c->session->privilege = PRIV_PRIVILEGED;
        return 0;
    }
    shell_ask(s->shell, "Password: ", false, enable_answer);
    return 0;
}

static int configure_terminal(struct cmd_call *c)
{
    sb_puts(c->out, "Enter configuration commands, one per line.  End with CNTL/Z.\n");
    return 0;
}

/* IOS's words: years, weeks, days, hours, minutes, from the largest unit that is not 0, every
 * smaller one after it written even when 0 ("1 year, 0 weeks, 2 days, 0 hours, 5 minutes"), and
 * minutes always ("0 minutes" in the first minute); singular for 1. */
void uptime_text(uint64_t seconds, struct strbuf *out)
{
    static const struct {
        uint64_t secs;
        const char *name;
    } units[] = {
        {365 * 86400, "year"}, {7 * 86400, "week"}, {86400, "day"}, {3600, "hour"}, {60, "minute"}};
    size_t last = sizeof units / sizeof units[0] - 1;
    bool any = false;
    for (size_t i = 0; i <= last; i++) {
        uint64_t n = seconds / units[i].secs;
        seconds %= units[i].secs;
        if (n == 0 && !any && i != last)
            continue;
        sb_printf(out, "%s%llu %s%s", any ? ", " : "", (unsigned long long)n, units[i].name,
                  n == 1 ? "" : "s");
        any = true;
    }
}

static void time_text(time_t t, struct strbuf *out)
{
    char text[64];
    struct tm tm;
    localtime_r(&t, &tm);
    strftime(text, sizeof text, "%H:%M:%S %Z %a %b %d %Y", &tm);
    sb_puts(out, text);
}

/* How the previous life ended, as IOS's "System returned to ROM by ..." line says it, and the
 * reason of its "Last reload reason:" line. */
static void returned_by(const struct restart_record *r, struct strbuf *line, struct strbuf *reason)
{
    switch (r->how) {
    case RESTART_POWER_ON:
        sb_puts(line, "power-on");
        sb_puts(reason, "power-on");
        return;
    case RESTART_RUNNING:
        sb_puts(line, "error - cwmpd ended without stopping (crash or kill)");
        sb_puts(reason, "Unexpected end of cwmpd");
        return;
    case RESTART_RELOAD:
    case RESTART_STOP:
        sb_printf(line, "%s at ", r->by);
        time_text(r->at, line);
        sb_puts(reason, r->reason);
        return;
    }
}

static int show_version(struct cmd_call *c)
{
    struct agent *a = call_agent(c);
    struct utsname u;
    uname(&u);
    sb_printf(c->out, "cwmpd TR-069 Agent Software, Version %s\n", PACKAGE_VERSION);
    sb_puts(c->out, "CWMP 1.0-1.4 (TR-069 Amendment 6), InternetGatewayDevice (TR-098)\n\n");
    sb_printf(c->out, "%s uptime is ", call_store(c)->hostname);
    uptime_text((loop_now_ms() - a->started_mono) / 1000u, c->out);
    struct strbuf by = STRBUF_INIT, reason = STRBUF_INIT;
    returned_by(&a->last_restart, &by, &reason);
    sb_printf(c->out, "\nSystem returned to ROM by %s\nSystem restarted at ", sb_str(&by));
    time_text(a->started, c->out);
    sb_printf(c->out, "\nRunning on %s %s %s (%s)\n\n", u.sysname, u.release, u.machine,
              u.nodename);
    sb_printf(c->out, "Last reload reason: %s\n\n", sb_str(&reason));
    sb_free(&by);
    sb_free(&reason);
    sb_printf(c->out, "State directory is %s\n", a->state_dir);
    sb_printf(c->out, "Startup configuration is %s\n", a->startup_path);
    sb_printf(c->out, "Control socket is %s\n\n", a->socket_path);
    /* The startup-config is the NVRAM of IOS; its capacity is the largest one cwmpd writes. */
    sb_printf(c->out, "%uK bytes of non-volatile configuration memory.\n",
              STARTUP_CONFIG_MAX / 1024u);
    struct stat st;
    if (stat(a->startup_path, &st) == 0)
        sb_printf(c->out, "startup-config uses %lld bytes of it.\n", (long long)st.st_size);
    else
        sb_puts(c->out, "startup-config is not present.\n");
    return 0;
}

static int show_clock(struct cmd_call *c)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    struct tm tm;
    localtime_r(&ts.tv_sec, &tm);
    char a[32], b[64];
    strftime(a, sizeof a, "%H:%M:%S", &tm);
    strftime(b, sizeof b, "%Z %a %b %d %Y", &tm);
    /* IOS marks a clock that NTP has not synchronised with a star. */
    struct timex tx = {0};
    bool synced = adjtimex(&tx) != TIME_ERROR && !(tx.status & STA_UNSYNC);
    sb_printf(c->out, "%s%s.%03ld %s\n", synced ? "" : "*", a, ts.tv_nsec / 1000000L, b);
    return 0;
}

static int ip_http_server(struct cmd_call *c)
{
    call_store(c)->http_server = !c->negate;
    return 0;
}

static int ip_http_secure_server(struct cmd_call *c)
{
    call_store(c)->http_secure_server = !c->negate;
    return 0;
}

static int ip_http_digest_algorithm(struct cmd_call *c)
{
    call_store(c)->http_digest =
        !c->negate && cmd_has(c, "md5-sess") ? DIGEST_MD5_SESS : DIGEST_MD5;
    return 0;
}

static int clock_timezone(struct cmd_call *c)
{
    struct timezone_setting *tz = &call_store(c)->timezone;
    if (c->negate) {
        memset(tz, 0, sizeof *tz);
        return 0;
    }
    const char *name = cmd_arg(c, "zone");
    if (strlen(name) > TIMEZONE_NAME_MAX)
        return cmd_fail(c, "Time zone name longer than %d characters", TIMEZONE_NAME_MAX);
    tz->set = true;
    snprintf(tz->name, sizeof tz->name, "%s", name);
    tz->hours = (int)arg_long(c, "hours");
    tz->minutes = (int)arg_long(c, "minutes");
    return 0;
}

/* `clock summer-time`'s words, as IOS takes them: a month by its first three letters (or more
 * of its name), a weekday likewise, a week 1-4 or "last", a time hh:mm. */
static int month_of(const char *w)
{
    static const char *const names[] = {"january",   "february", "march",    "april",
                                        "may",       "june",     "july",     "august",
                                        "september", "october",  "november", "december"};
    size_t n = strlen(w);
    for (int i = 0; i < 12 && n >= 3; i++)
        if (n <= strlen(names[i]) && !strncasecmp(w, names[i], n))
            return i + 1;
    return 0;
}

static int weekday_of(const char *w)
{
    static const char *const names[] = {"sunday",   "monday", "tuesday", "wednesday",
                                        "thursday", "friday", "saturday"};
    size_t n = strlen(w);
    for (int i = 0; i < 7 && n >= 3; i++)
        if (n <= strlen(names[i]) && !strncasecmp(w, names[i], n))
            return i;
    return -1;
}

static bool time_of(const char *w, struct summer_time_point *p)
{
    char extra;
    return sscanf(w, "%d:%d%c", &p->hour, &p->minute, &extra) == 2 && p->hour >= 0 &&
           p->hour <= 23 && p->minute >= 0 && p->minute <= 59;
}

static int summer_zone(struct cmd_call *c, struct summer_time *st)
{
    const char *zone = cmd_arg(c, "zone");
    if (strlen(zone) > TIMEZONE_NAME_MAX)
        return cmd_fail(c, "Time zone name longer than %d characters", TIMEZONE_NAME_MAX);
    snprintf(st->zone, sizeof st->zone, "%s", zone);
    st->offset = cmd_has(c, "offset") ? (int)arg_long(c, "offset") : 60;
    return 0;
}

static int clock_summer_time_date(struct cmd_call *c)
{
    struct summer_time *cur = &call_store(c)->summer_time;
    if (c->negate) {
        memset(cur, 0, sizeof *cur);
        return 0;
    }
    struct summer_time st = {.set = true};
    st.start.month = month_of(cmd_arg(c, "smonth"));
    st.end.month = month_of(cmd_arg(c, "emonth"));
    if (!st.start.month || !st.end.month)
        return cmd_fail(c, "Invalid month");
    st.start.day = (int)arg_long(c, "sday");
    st.start.year = (int)arg_long(c, "syear");
    st.end.day = (int)arg_long(c, "eday");
    st.end.year = (int)arg_long(c, "eyear");
    if (!time_of(cmd_arg(c, "stime"), &st.start) || !time_of(cmd_arg(c, "etime"), &st.end))
        return cmd_fail(c, "Invalid time: hh:mm");
    int rc = summer_zone(c, &st);
    if (rc)
        return rc;
    *cur = st;
    return 0;
}

static int clock_summer_time_recurring(struct cmd_call *c)
{
    struct summer_time st = {.set = true, .recurring = true};
    if (!cmd_has(c, "sweek")) {
        st.us_rules = true;
        st.start = (struct summer_time_point){.week = 2, .weekday = 0, .month = 3, .hour = 2};
        st.end = (struct summer_time_point){.week = 1, .weekday = 0, .month = 11, .hour = 2};
    } else {
        static const char *const side[2] = {"s", "e"};
        struct summer_time_point *pt[2] = {&st.start, &st.end};
        for (int i = 0; i < 2; i++) {
            char name[8];
            snprintf(name, sizeof name, "%sweek", side[i]);
            const char *week = cmd_arg(c, name);
            bool last = !strcasecmp(week, "last");
            pt[i]->week = last ? 5 : (int)strtol(week, NULL, 10);
            if (!last && (pt[i]->week < 1 || pt[i]->week > 4 || strlen(week) != 1))
                return cmd_fail(c, "Invalid week: 1 to 4 or last");
            snprintf(name, sizeof name, "%sday", side[i]);
            pt[i]->weekday = weekday_of(cmd_arg(c, name));
            if (pt[i]->weekday < 0)
                return cmd_fail(c, "Invalid day of the week");
            snprintf(name, sizeof name, "%smonth", side[i]);
            pt[i]->month = month_of(cmd_arg(c, name));
            if (!pt[i]->month)
                return cmd_fail(c, "Invalid month");
            snprintf(name, sizeof name, "%stime", side[i]);
            if (!time_of(cmd_arg(c, name), pt[i]))
                return cmd_fail(c, "Invalid time: hh:mm");
        }
    }
    int rc = summer_zone(c, &st);
    if (rc)
        return rc;
    call_store(c)->summer_time = st;
    return 0;
}

static const struct cmd_binding table[] = {
    {"hostname", hostname, "name"},
    {"enable_secret", enable_secret, "md5 pbkdf2 hash secret"},
    {"enable_algorithm_secret", enable_algorithm_secret, "sha256 scrypt secret"},
    {"enable_password", enable_password, "password encrypted"},
    {"service_password_encryption", service_password_encryption, ""},
    {"exec_enable", exec_enable, ""},
    {"configure_terminal", configure_terminal, ""},
    {"show_version", show_version, ""},
    {"show_clock", show_clock, ""},
    {"ip_http_server", ip_http_server, ""},
    {"ip_http_secure_server", ip_http_secure_server, ""},
    {"ip_http_digest_algorithm", ip_http_digest_algorithm, "md5-sess"},
    {"clock_timezone", clock_timezone, "zone hours minutes"},
    {"clock_summer_time_date", clock_summer_time_date,
     "zone smonth sday syear stime emonth eday eyear etime offset"},
    {"clock_summer_time_recurring", clock_summer_time_recurring,
     "zone sweek sday smonth stime eweek eday emonth etime offset"},
};
HANDLER_TABLE(system_handlers, table);
