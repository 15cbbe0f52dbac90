/* XML Schema's scalar types as CWMP writes them and ACSs send them. */
#include "xsd.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

bool xsd_parse_bool(const char *s, bool *out)
{
    if (!strcmp(s, "1") || !strcmp(s, "true")) {
        *out = true;
        return true;
    }
    if (!strcmp(s, "0") || !strcmp(s, "false")) {
        *out = false;
        return true;
    }
    return false;
}

bool xsd_parse_uint(const char *s, unsigned long max, unsigned long *out)
{
    if (!*s || strlen(s) > 20)
        return false;
    for (const char *p = s; *p; p++)
        if (!isdigit((unsigned char)*p))
            return false;
    errno = 0;
    unsigned long long v = strtoull(s, NULL, 10);
    if (errno || v > max)
        return false;
    *out = (unsigned long)v;
    return true;
}

bool xsd_parse_int(const char *s, long *out)
{
    const char *p = s[0] == '-' || s[0] == '+' ? s + 1 : s;
    if (!*p || strlen(p) > 19)
        return false;
    for (const char *q = p; *q; q++)
        if (!isdigit((unsigned char)*q))
            return false;
    errno = 0;
    long long v = strtoll(s, NULL, 10);
    if (errno || v < LONG_MIN || v > LONG_MAX)
        return false;
    *out = (long)v;
    return true;
}

void xsd_datetime(long long epoch, char out[32])
{
    if (epoch == XSD_TIME_UNKNOWN) {
        strcpy(out, "0001-01-01T00:00:00Z");
        return;
    }
    time_t t = (time_t)epoch;
    struct tm tm;
    /* Four digits of year always (strftime's %Y writes 985 for the year 985, which xsd:dateTime
     * and our own parser refuse). */
    if (!gmtime_r(&t, &tm) ||
        snprintf(out, 32, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                 tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec) >= 32)
        strcpy(out, "0001-01-01T00:00:00Z");
}

void xsd_datetime_frac(long long epoch, const char *frac, char out[XSD_DATETIME_LEN])
{
    xsd_datetime(epoch, out);
    /* The unknown time is written one way only. */
    if (epoch == XSD_TIME_UNKNOWN || !frac || !*frac)
        return;
    size_t n = strlen(out); /* "...SSZ" */
    snprintf(out + n - 1, XSD_DATETIME_LEN - (n - 1), ".%.*sZ", XSD_FRAC_MAX, frac);
}

bool xsd_parse_datetime(const char *s, long long *epoch)
{
    char frac[XSD_FRAC_MAX + 1];
    return xsd_parse_datetime_frac(s, epoch, frac);
}

bool xsd_parse_datetime_frac(const char *s, long long *epoch, char frac[XSD_FRAC_MAX + 1])
{
    frac[0] = '\0';
    struct tm tm = {0};
    int n = 0;
    if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
               &tm.tm_min, &tm.tm_sec, &n) != 6 ||
        n != 19)
        return false;
    if (tm.tm_mon < 1 || tm.tm_mon > 12 || tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_hour > 23 ||
        tm.tm_min > 59 || tm.tm_sec > 60)
        return false;
    const char *p = s + 19;
    if (*p == '.') {
        p++;
        if (!isdigit((unsigned char)*p))
            return false;
        size_t digits = 0;
        for (; isdigit((unsigned char)*p); p++)
            if (digits < XSD_FRAC_MAX)
                frac[digits++] = *p;
        frac[digits] = '\0';
    }
    long offset = 0;
    if (*p == 'Z') {
        p++;
    } else if (*p == '+' || *p == '-') {
        int hh, mm, k = 0;
        if (sscanf(p + 1, "%2d:%2d%n", &hh, &mm, &k) != 2 || k != 5 || hh > 14 || mm > 59)
            return false;
        offset = (hh * 3600L + mm * 60L) * (*p == '-' ? -1 : 1);
        p += 6;
    }
    if (*p)
        return false;
    if (tm.tm_year == 1 && tm.tm_mon == 1 && tm.tm_mday == 1 && tm.tm_hour == 0 && tm.tm_min == 0 &&
        tm.tm_sec == 0) {
        *epoch = XSD_TIME_UNKNOWN;
        frac[0] = '\0';
        return true;
    }
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    *epoch = (long long)timegm(&tm) - offset;
    return true;
}
