/* InternetGatewayDevice.Time: `ntp server` lines and `clock timezone`. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <sys/timex.h>
#include <time.h>

#include "dm_util.h"

/* NTPServerN is the Nth `ntp server` line. Setting one past the end appends a line (so after a
 * reload the servers keep their order but close any gap); setting an empty string removes it. */
static int get_ntp(struct dm_ctx *c, size_t i, struct strbuf *out)
{
    if (i < c->store->nntp)
        sb_puts(out, c->store->ntp[i].host);
    return 0;
}

static bool host_ok(const char *v)
{
    if (!*v || strlen(v) > NTP_HOST_MAX)
        return false;
    for (const char *p = v; *p; p++)
        if (!isalnum((unsigned char)*p) && *p != '-' && *p != '.')
            return false;
    return v[0] != '-' && v[0] != '.';
}

static int set_ntp(struct dm_ctx *c, size_t i, const char *v)
{
    struct config_store *cs = c->store;
    if (!*v) {
        if (i < cs->nntp) {
            memmove(&cs->ntp[i], &cs->ntp[i + 1], (cs->nntp - i - 1) * sizeof cs->ntp[0]);
            cs->nntp--;
        }
        return 0;
    }
    if (!host_ok(v))
        return 9007;
    for (size_t k = 0; k < cs->nntp; k++)
        if (k != i && !strcasecmp(cs->ntp[k].host, v))
            return 9007; /* each server once, as the ntp server lines are */
    if (i >= cs->nntp) {
        i = cs->nntp++;
        cs->ntp[i].prefer = false;
    }
    snprintf(cs->ntp[i].host, sizeof cs->ntp[i].host, "%s", v);
    return 0;
}

#define NTP_SLOT(n)                                                                                \
    static int get_ntp##n(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)          \
    {                                                                                              \
        (void)in;                                                                                  \
        return get_ntp(c, n - 1, out);                                                             \
    }                                                                                              \
    static int set_ntp##n(struct dm_ctx *c, const struct dm_inst *in, const char *v)               \
    {                                                                                              \
        (void)in;                                                                                  \
        return set_ntp(c, n - 1, v);                                                               \
    }
NTP_SLOT(1)
NTP_SLOT(2)
NTP_SLOT(3)
NTP_SLOT(4)
NTP_SLOT(5)

static long offset_seconds(const struct timezone_setting *tz)
{
    if (!tz->set)
        return 0;
    long m = tz->hours * 60L + (tz->hours < 0 ? -tz->minutes : tz->minutes);
    return m * 60;
}

static int get_local_time(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)in;
    long off = offset_seconds(&c->store->timezone);
    time_t now = time(NULL) + off;
    struct tm tm;
    gmtime_r(&now, &tm);
    char buf[40];
    strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
    long a = labs(off) / 60;
    sb_printf(out, "%s%c%02ld:%02ld", buf, off < 0 ? '-' : '+', a / 60, a % 60);
    return 0;
}

static int get_zone(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)in;
    const struct timezone_setting *tz = &c->store->timezone;
    long a = labs(offset_seconds(tz)) / 60;
    sb_printf(out, "%c%02ld:%02ld", tz->set && tz->hours < 0 ? '-' : '+', a / 60, a % 60);
    return 0;
}

static int set_zone(struct dm_ctx *c, const struct dm_inst *in, const char *v)
{
    (void)in;
    struct timezone_setting *tz = &c->store->timezone;
    if (strlen(v) != 6 || (v[0] != '+' && v[0] != '-') || !isdigit((unsigned char)v[1]) ||
        !isdigit((unsigned char)v[2]) || v[3] != ':' || !isdigit((unsigned char)v[4]) ||
        !isdigit((unsigned char)v[5]))
        return 9007;
    int h = (v[1] - '0') * 10 + (v[2] - '0'), m = (v[4] - '0') * 10 + (v[5] - '0');
    if (h > 23 || m > 59)
        return 9007;
    if (!tz->set) {
        tz->set = true;
        strcpy(tz->name, CMD_DEFAULT_CLOCK_TIMEZONE_TEXT);
    }
    tz->hours = v[0] == '-' ? -h : h;
    tz->minutes = m;
    return 0;
}

static int get_zone_name(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)in;
    const struct timezone_setting *tz = &c->store->timezone;
    sb_puts(out, tz->set ? tz->name : CMD_DEFAULT_CLOCK_TIMEZONE_TEXT);
    return 0;
}

static int set_zone_name(struct dm_ctx *c, const struct dm_inst *in, const char *v)
{
    (void)in;
    struct timezone_setting *tz = &c->store->timezone;
    if (!*v || strchr(v, ' '))
        return 9007;
    tz->set = true;
    snprintf(tz->name, sizeof tz->name, "%s", v);
    return 0;
}

static int get_status(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)in;
    if (c->store->nntp == 0) {
        sb_puts(out, "Disabled");
        return 0;
    }
    struct timex tx = {0};
    bool synced = adjtimex(&tx) != TIME_ERROR && !(tx.status & STA_UNSYNC);
    sb_puts(out, synced ? "Synchronized" : "Unsynchronized");
    return 0;
}

/* NTP is on while an `ntp server` line exists: false removes them all (IOS's `no ntp`); true
 * without a server to ask is refused, there is nothing it could turn on. */
static int get_enable(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)in;
    dm_put_bool(out, c->store->nntp > 0);
    return 0;
}

static int set_enable(struct dm_ctx *c, const struct dm_inst *in, const char *v)
{
    (void)in;
    if (!dm_bool(v)) {
        c->store->nntp = 0;
        return 0;
    }
    return c->store->nntp ? 0 : 9007;
}

/* Daylight saving is `clock summer-time`. Start and End are local times without a zone: the date
 * form's dates, or this year's dates of the recurring form. Writing either makes the date form
 * (named DST when there was no summer time), keeping the other end; Used true without any summer
 * time makes IOS's default, `recurring` with the United States' rules; false is `no clock
 * summer-time`. */
static int get_dst_used(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)in;
    dm_put_bool(out, c->store->summer_time.set);
    return 0;
}

static void us_rules(struct summer_time *st)
{
    memset(st, 0, sizeof *st);
    st->set = st->recurring = st->us_rules = true;
    snprintf(st->zone, sizeof st->zone, "DST");
    st->start = (struct summer_time_point){.week = 2, .weekday = 0, .month = 3, .hour = 2};
    st->end = (struct summer_time_point){.week = 1, .weekday = 0, .month = 11, .hour = 2};
    st->offset = 60;
}

static int set_dst_used(struct dm_ctx *c, const struct dm_inst *in, const char *v)
{
    (void)in;
    struct summer_time *st = &c->store->summer_time;
    if (!dm_bool(v))
        memset(st, 0, sizeof *st);
    else if (!st->set)
        us_rules(st);
    return 0;
}

/* The day of the month of a recurring point in a year: its week's weekday, week 5 the last. */
static int recurring_day(int year, const struct summer_time_point *p)
{
    struct tm tm = {.tm_year = year - 1900, .tm_mon = p->month - 1, .tm_mday = 1};
    time_t t = timegm(&tm);
    gmtime_r(&t, &tm);
    int first = 1 + (p->weekday - tm.tm_wday + 7) % 7;
    int day = first + 7 * (p->week - 1);
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int len = mdays[p->month - 1] +
              (p->month == 2 && year % 4 == 0 && (year % 100 != 0 || year % 400 == 0));
    while (day > len)
        day -= 7;
    return day;
}

static int this_year(struct dm_ctx *c)
{
    time_t now = time(NULL) + offset_seconds(&c->store->timezone);
    struct tm tm;
    gmtime_r(&now, &tm);
    return tm.tm_year + 1900;
}

/* A point as the date form holds it (the recurring form's this year). */
static struct summer_time_point dated(struct dm_ctx *c, const struct summer_time_point *p,
                                      bool recurring)
{
    struct summer_time_point d = *p;
    if (recurring) {
        d.year = this_year(c);
        d.day = recurring_day(d.year, p);
        d.week = d.weekday = 0;
    }
    return d;
}

static int get_dst_point(struct dm_ctx *c, bool start, struct strbuf *out)
{
    const struct summer_time *st = &c->store->summer_time;
    if (!st->set) {
        sb_puts(out, "0001-01-01T00:00:00Z");
        return 0;
    }
    struct summer_time_point d = dated(c, start ? &st->start : &st->end, st->recurring);
    sb_printf(out, "%04d-%02d-%02dT%02d:%02d:00", d.year, d.month, d.day, d.hour, d.minute);
    return 0;
}

static int set_dst_point(struct dm_ctx *c, bool start, const char *v)
{
    struct summer_time_point p = {.year = 0};
    char t;
    if (sscanf(v, "%4d-%2d-%2d%c%2d:%2d", &p.year, &p.month, &p.day, &t, &p.hour, &p.minute) != 6 ||
        t != 'T' || p.year < 1993 || p.year > 2035 || p.month < 1 || p.month > 12 || p.day < 1 ||
        p.hour > 23 || p.minute > 59)
        return 9007;
    struct tm tm = {.tm_year = p.year - 1900, .tm_mon = p.month - 1, .tm_mday = p.day};
    time_t when = timegm(&tm);
    gmtime_r(&when, &tm);
    if (tm.tm_mday != p.day)
        return 9007; /* 31 April */
    struct summer_time *st = &c->store->summer_time;
    if (!st->set) {
        memset(st, 0, sizeof *st);
        st->set = true;
        snprintf(st->zone, sizeof st->zone, "DST");
        st->offset = 60;
        st->start = st->end = p;
    } else if (st->recurring) {
        st->start = dated(c, &st->start, true);
        st->end = dated(c, &st->end, true);
        st->recurring = st->us_rules = false;
    }
    *(start ? &st->start : &st->end) = p;
    return 0;
}

static int get_dst_start(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)in;
    return get_dst_point(c, true, out);
}

static int get_dst_end(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)in;
    return get_dst_point(c, false, out);
}

static int set_dst_start(struct dm_ctx *c, const struct dm_inst *in, const char *v)
{
    (void)in;
    return set_dst_point(c, true, v);
}

static int set_dst_end(struct dm_ctx *c, const struct dm_inst *in, const char *v)
{
    (void)in;
    return set_dst_point(c, false, v);
}

#define T "InternetGatewayDevice.Time."
#define NTP_DEF(n)                                                                                 \
    {                                                                                              \
        .path = T "NTPServer" #n, .type = DMT_STRING, .flags = DMF_WRITABLE, .max = 64,            \
        .get = get_ntp##n, .set = set_ntp##n, .source = "ntp server (line " #n ")"                 \
    }

static const char *const status_values[] = {
    "Disabled", "Unsynchronized", "Synchronized", "Error_FailedToSynchronize", "Error", NULL};

const struct dm_def dm_time_defs[] = {
    DM_OBJECT(T, "ntp server, clock timezone"),
    DM_RW(T "Enable", DMT_BOOL, get_enable, set_enable,
          "ntp server lines: true while any; false removes them (no ntp)"),
    {.path = T "Status",
     .type = DMT_STRING,
     .values = status_values,
     .get = get_status,
     .source = "live: the kernel's clock synchronisation (adjtimex)"},
    NTP_DEF(1),
    NTP_DEF(2),
    NTP_DEF(3),
    NTP_DEF(4),
    NTP_DEF(5),
    {.path = T "CurrentLocalTime",
     .type = DMT_DATETIME,
     .active = DM_NOTIFY_CANDENY,
     .get = get_local_time,
     .source = "live: the clock, in the clock timezone"},
    {.path = T "LocalTimeZone",
     .type = DMT_STRING,
     .flags = DMF_WRITABLE,
     .max = 6,
     .get = get_zone,
     .set = set_zone,
     .source = "clock timezone: the offset"},
    {.path = T "LocalTimeZoneName",
     .type = DMT_STRING,
     .flags = DMF_WRITABLE,
     .max = 64,
     .get = get_zone_name,
     .set = set_zone_name,
     .source = "clock timezone: the name"},
    DM_RW(T "DaylightSavingsUsed", DMT_BOOL, get_dst_used, set_dst_used,
          "clock summer-time: configured (true alone: recurring, US rules)"),
    DM_RW(T "DaylightSavingsStart", DMT_DATETIME, get_dst_start, set_dst_start,
          "clock summer-time: start (local; recurring: this year's)"),
    DM_RW(T "DaylightSavingsEnd", DMT_DATETIME, get_dst_end, set_dst_end,
          "clock summer-time: end (local; recurring: this year's)"),
};
const size_t dm_time_def_count = sizeof dm_time_defs / sizeof dm_time_defs[0];
