/* Cookie dates and times: RFC 6265 section 5.1.1's algorithm for Expires, which reads what servers
 * really send (RFC 1123, RFC 850 with two-digit years, asctime, and mixtures), and arithmetic that
 * saturates, since Max-Age and the clock both come from outside. No locale is involved (strptime
 * and timegm would read month names by locale, or are not C11). */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "cookie_int.h"

/* The delimiters of section 5.1.1: every byte that is not a digit, a letter, ':' or a byte >= 0x7f
 * or a control character other than tab. */
static bool is_delimiter(unsigned char c)
{
    return c == 0x09 || (c >= 0x20 && c <= 0x2f) || (c >= 0x3b && c <= 0x40) ||
           (c >= 0x5b && c <= 0x60) || (c >= 0x7b && c <= 0x7e);
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* A run of min..max digits at the start of the token, read into *v; *used is its length. The
 * grammar's "( non-digit *OCTET )" tail needs nothing more: the run stops at the first
 * non-digit. */
static bool digits(const char *s, size_t len, size_t min, size_t max, int *v, size_t *used)
{
    size_t n = 0;
    int value = 0;
    while (n < len && is_digit(s[n])) {
        if (n == max)
            return false;
        value = value * 10 + (s[n] - '0');
        n++;
    }
    if (n < min)
        return false;
    *v = value;
    *used = n;
    return true;
}

/* hms-time = time-field ":" time-field ":" time-field, each 1*2DIGIT. */
static bool time_token(const char *s, size_t len, int hms[3])
{
    size_t at = 0;
    for (int i = 0; i < 3; i++) {
        size_t used;
        if (!digits(s + at, len - at, 1, 2, &hms[i], &used))
            return false;
        at += used;
        if (i < 2) {
            if (at >= len || s[at] != ':')
                return false;
            at++;
        }
    }
    return true;
}

static int month_token(const char *s, size_t len)
{
    static const char months[] = "janfebmaraprmayjunjulaugsepoctnovdec";
    if (len < 3)
        return 0;
    for (int m = 0; m < 12; m++)
        if (!strncasecmp(s, months + 3 * m, 3))
            return m + 1;
    return 0;
}

static bool is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

/* Days from 1970-01-01 to y-m-d, for 1601 <= y <= 9999 (what the date rules let through). */
static long long days_since_epoch(int y, int m, int d)
{
    long long before = y - 1;
    long long days = 365 * before + before / 4 - before / 100 + before / 400;
    /* the same count for 1970, so that 1970-01-01 is day 0 */
    days -= 365LL * 1969 + 1969 / 4 - 1969 / 100 + 1969 / 400;
    for (int i = 1; i < m; i++)
        days += days_in_month(y, i);
    return days + d - 1;
}

bool cookie_parse_date_n(const char *text, size_t len, long long *t)
{
    bool have_time = false, have_day = false, have_month = false, have_year = false;
    int hms[3] = {0, 0, 0}, day = 0, month = 0, year = 0;
    size_t i = 0;
    while (i < len) {
        while (i < len && is_delimiter((unsigned char)text[i]))
            i++;
        size_t start = i;
        while (i < len && !is_delimiter((unsigned char)text[i]))
            i++;
        const char *tok = text + start;
        size_t tlen = i - start, used;
        if (tlen == 0)
            break;
        /* Each token fills the first field it fits that is still empty, in this order. */
        if (!have_time && time_token(tok, tlen, hms))
            have_time = true;
        else if (!have_day && digits(tok, tlen, 1, 2, &day, &used))
            have_day = true;
        else if (!have_month && (month = month_token(tok, tlen)) != 0)
            have_month = true;
        else if (!have_year && digits(tok, tlen, 2, 4, &year, &used))
            have_year = true;
    }
    if (!have_time || !have_day || !have_month || !have_year)
        return false;
    if (year >= 70 && year <= 99)
        year += 1900;
    else if (year >= 0 && year <= 69)
        year += 2000;
    if (year < 1601 || day < 1 || day > days_in_month(year, month) || hms[0] > 23 || hms[1] > 59 ||
        hms[2] > 59)
        return false;
    *t = days_since_epoch(year, month, day) * 86400 + hms[0] * 3600 + hms[1] * 60 + hms[2];
    return true;
}

bool cookie_parse_date(const char *text, long long *t)
{
    return cookie_parse_date_n(text, strlen(text), t);
}

bool cookie_parse_seconds(const char *text, size_t len, long long *out)
{
    if (len == 0)
        return false;
    long long v = 0;
    for (size_t i = 0; i < len; i++) {
        if (!is_digit(text[i]))
            return false;
        int d = text[i] - '0';
        v = v > (LLONG_MAX - d) / 10 ? LLONG_MAX : v * 10 + d;
    }
    *out = v;
    return true;
}

long long cookie_time_add(long long now, long long seconds)
{
    if (seconds > 0 && now > COOKIE_NEVER - seconds)
        return COOKIE_NEVER;
    if (seconds < 0 && now < COOKIE_GONE - seconds)
        return COOKIE_GONE;
    return now + seconds;
}

/* 1601-01-01 starts a 400-year cycle of the Gregorian calendar, which makes the year easy to
 * find; it is also the earliest date section 5.1.1 accepts. */
#define DAYS_1601_TO_1970 134774LL
#define SECONDS_1601      (-DAYS_1601_TO_1970 * 86400)
#define SECONDS_10000     253402300800LL

void cookie_format_time(long long t, struct strbuf *out)
{
    if (t < SECONDS_1601) {
        sb_puts(out, "before 1601");
        return;
    }
    if (t >= SECONDS_10000) {
        sb_puts(out, "after 9999");
        return;
    }
    long long days = t / 86400 + DAYS_1601_TO_1970;
    long long secs = t % 86400;
    if (secs < 0) {
        secs += 86400;
        days--;
    }
    long long n400 = days / 146097;
    days %= 146097;
    long long n100 = days / 36524 < 3 ? days / 36524 : 3;
    days -= n100 * 36524;
    long long n4 = days / 1461;
    days %= 1461;
    long long n1 = days / 365 < 3 ? days / 365 : 3;
    days -= n1 * 365;
    int year = (int)(1601 + 400 * n400 + 100 * n100 + 4 * n4 + n1), month = 1;
    while (days >= days_in_month(year, month))
        days -= days_in_month(year, month++);
    sb_printf(out, "%04d-%02d-%02d %02lld:%02lld:%02lld UTC", year, month, (int)days + 1,
              secs / 3600, secs / 60 % 60, secs % 60);
}
