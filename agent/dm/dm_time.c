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

/* No `clock summer-time` yet: daylight saving is not used, and its dates are the unknown time.
 * Those values are accepted again; others are refused rather than kept where no command shows
 * them. */
static int set_dst_date(struct dm_ctx *c, const struct dm_inst *in, const char *v)
{
    (void)c;
    (void)in;
    return strncmp(v, "0001-01-01T00:00:00", 19) ? 9007 : 0;
}

static int get_dst_date(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)c;
    (void)in;
    sb_puts(out, "0001-01-01T00:00:00Z");
    return 0;
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
    DM_RW(T "DaylightSavingsUsed", DMT_BOOL, dm_get_false, dm_set_only_false,
          "none: false, no clock summer-time (true refused)"),
    DM_RW(T "DaylightSavingsStart", DMT_DATETIME, get_dst_date, set_dst_date,
          "none: the unknown time, no clock summer-time (others refused)"),
    DM_RW(T "DaylightSavingsEnd", DMT_DATETIME, get_dst_date, set_dst_date,
          "none: the unknown time, no clock summer-time (others refused)"),
};
const size_t dm_time_def_count = sizeof dm_time_defs / sizeof dm_time_defs[0];
