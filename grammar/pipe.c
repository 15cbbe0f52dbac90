/* Output modifiers: `| include RE`, `| exclude RE`, `| begin RE`, `| section RE`, `| count RE`,
 * with POSIX extended regular expressions, applied to a command's whole output. */
#include <ctype.h>
#include <regex.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "grammar_int.h"
#include "xalloc.h"

struct line_view {
    const char *p;
    size_t len; /* without the newline */
};

static bool line_matches(const regex_t *re, struct line_view l)
{
    char *copy = xstrndup(l.p, l.len);
    bool m = regexec(re, copy, 0, NULL, 0) == 0;
    free(copy);
    return m;
}

static void emit(struct strbuf *out, struct line_view l)
{
    sb_append(out, l.p, l.len);
    sb_putc(out, '\n');
}

static struct line_view *split_lines(const char *text, size_t len, size_t *n)
{
    size_t cap = 0;
    struct line_view *v = NULL;
    *n = 0;
    const char *p = text, *end = text + len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t l = nl ? (size_t)(nl - p) : (size_t)(end - p);
        v = xgrow(v, &cap, *n + 1, sizeof *v);
        v[(*n)++] = (struct line_view){p, l};
        p += l + (nl ? 1 : 0);
    }
    return v;
}

static bool is_child(struct line_view l)
{
    return l.len > 0 && (l.p[0] == ' ' || l.p[0] == '\t');
}

static bool is_bang(struct line_view l)
{
    return l.len > 0 && l.p[0] == '!';
}

/* What glibc's regcomp builds for a repeated atom is a copy of the atom per repetition ({m,n}: n
 * copies, `+`: two), so stacked and nested repetitions multiply: a+++++++++++++++++++++++ or
 * ((a{99}){99}){99} take gigabytes and seconds to compile, in the one process that serves every
 * shell and the ACS (X_00000C_ShowStatus). A regular expression whose copies would exceed this
 * many atoms is refused before regcomp sees it (about 200 bytes an atom). */
#define REGEX_MAX_ATOMS   10000
#define REGEX_MAX_STACKED 3
/* What may match nothing (a{0}, a?, a*, ^, \b, (), (|a)) costs more: regcomp's epsilon closures
 * grow with the square of the number of such nodes in a row (((a{0}){99}){49}: 360 MB and 0.3 s,
 * (\b){3000}: 380 MB), whatever the count of operators. Every node of what may match nothing
 * is counted, in a row or not, and past this many the regular expression is refused: at most
 * about 10 MB and 10 ms in regcomp. */
#define REGEX_MAX_NULLABLE 500

/* The number of copies a repetition operator at p makes, and its length in *len; 0 when p does not
 * start one. Bounds are those regcomp reads: {m}, {m,}, {m,n}, {,n}. */
static size_t repetition(const char *p, size_t *len)
{
    *len = 1;
    if (*p == '+')
        return 2;
    if (*p == '*' || *p == '?')
        return 1;
    if (*p != '{')
        return 0;
    const char *q = p + 1;
    size_t m = 0, n = 0;
    bool has_m = false, has_n = false, comma = false;
    for (; isdigit((unsigned char)*q); q++, has_m = true)
        m = m < 1000000 ? m * 10 + (size_t)(*q - '0') : m;
    if (*q == ',') {
        comma = true;
        for (q++; isdigit((unsigned char)*q); q++, has_n = true)
            n = n < 1000000 ? n * 10 + (size_t)(*q - '0') : n;
    }
    if (*q != '}' || (!has_m && !has_n))
        return 0;
    *len = (size_t)(q + 1 - p);
    size_t copies = !comma ? m : has_n ? (n > m ? n : m) : m + 1;
    /* Past the limit it no longer matters how far: the products stay small. */
    return copies == 0 ? 1 : copies > REGEX_MAX_ATOMS ? REGEX_MAX_ATOMS + 1 : copies;
}

/* The end of a bracket expression starting at p ('['): past its ']', or the end of the text. */
static const char *bracket_end(const char *p)
{
    p++;
    if (*p == '^')
        p++;
    if (*p == ']')
        p++;
    while (*p && *p != ']') {
        if (*p == '[' && (p[1] == ':' || p[1] == '.' || p[1] == '=')) {
            char close[3] = {p[1], ']', '\0'};
            const char *e = strstr(p + 2, close);
            p = e ? e + 2 : p + strlen(p);
        } else {
            p++;
        }
    }
    return *p ? p + 1 : p;
}

/* Escapes that match a place, not a character: \b \B \< \> \` \'. */
static bool zero_width_escape(char c)
{
    return c && strchr("bB<>`'", c);
}

/* The minimum count of the repetition operator at p (of length len) is 0: a?, a*, a{0,n}. */
static bool repetition_optional(const char *p, size_t len)
{
    if (*p == '?' || *p == '*')
        return true;
    if (*p != '{')
        return false;
    size_t m = 0;
    for (const char *q = p + 1; q < p + len && isdigit((unsigned char)*q); q++)
        if (*q != '0')
            m = 1;
    return m == 0;
}

/* NULL when regcomp may have the regular expression, else why not. Back-references (a GNU
 * extension of EREs) are refused too: they make regexec exponential in a line's length. */
static const char *regex_refused(const char *regex)
{
    struct frame {
        size_t total;     /* the atoms of the group so far */
        size_t last;      /* those of its last atom or group, which a repetition copies */
        size_t nullable;  /* the atoms of the group so far within what may match nothing */
        size_t nlast;     /* those of its last atom or group */
        unsigned solid;   /* elements of the current branch that cannot match nothing */
        bool last_solid;  /* the last element is one of them */
        bool empty_match; /* a finished branch of the group may match nothing */
    };
    size_t depth = 0;
    struct frame *f = xcalloc(strlen(regex) + 1, sizeof *f);
    const char *why = NULL;
    size_t stacked = 0; /* repetition operators in a row on one atom or group */
    for (const char *p = regex; *p && !why;) {
        size_t len, copies = repetition(p, &len);
        struct frame *cur = &f[depth];
        if (!copies)
            stacked = 0;
        if (copies) {
            cur->total = cur->total - cur->last + cur->last * copies;
            if (repetition_optional(p, len) && cur->last_solid) {
                /* Its atoms may now all match nothing. */
                cur->solid--;
                cur->last_solid = false;
                cur->nullable = cur->nullable - cur->nlast + cur->last;
                cur->nlast = cur->last;
            }
            cur->nullable = cur->nullable - cur->nlast + cur->nlast * copies;
            cur->last *= copies;
            cur->nlast *= copies;
            p += len;
            /* Operators stacked on one atom (a+?*+...) add nothing a user means, and each one
             * multiplies the epsilon paths glibc's regcomp walks: 16 ? and 5 + on one atom
             * take minutes. */
            if (++stacked > REGEX_MAX_STACKED)
                why = "too many repetitions";
        } else if (*p == '(') {
            f[++depth] = (struct frame){0};
            p++;
        } else if (*p == ')' && depth > 0) {
            struct frame *in = &f[depth--];
            bool empty = in->empty_match || !in->solid;
            size_t group = in->total + 1;
            size_t ngroup = empty ? group : in->nullable;
            f[depth].total += group;
            f[depth].last = group;
            f[depth].nullable += ngroup;
            f[depth].nlast = ngroup;
            f[depth].last_solid = !empty;
            f[depth].solid += !empty;
            p++;
        } else if (*p == '|') {
            if (!cur->solid)
                cur->empty_match = true;
            cur->last = cur->nlast = 0;
            cur->solid = 0;
            cur->last_solid = false;
            p++;
        } else {
            if (*p == '\\' && p[1] >= '1' && p[1] <= '9')
                why = "back-references are not supported";
            bool zero = *p == '^' || *p == '$' || (*p == '\\' && zero_width_escape(p[1]));
            p = *p == '[' ? bracket_end(p) : p + (*p == '\\' && p[1] ? 2 : 1);
            cur->total++;
            cur->last = 1;
            cur->nlast = zero;
            cur->nullable += zero;
            cur->last_solid = !zero;
            cur->solid += !zero;
        }
        /* Every count stays below the limit squared: no overflow. */
        if (!why && f[depth].total > REGEX_MAX_ATOMS)
            why = "too many repetitions";
        if (!why && f[depth].nullable > REGEX_MAX_NULLABLE)
            why = "too many repetitions of what may match nothing";
    }
    free(f);
    return why;
}

int pipe_apply(enum pipe_kind kind, const char *regex, const char *text, size_t len,
               struct strbuf *out)
{
    regex_t re;
    const char *refused = regex_refused(regex);
    if (refused) {
        sb_printf(out, "%% Invalid regular expression \"%s\": %s\n", regex, refused);
        return -1;
    }
    if (regcomp(&re, regex, REG_EXTENDED | REG_NOSUB) != 0) {
        sb_printf(out, "%% Invalid regular expression \"%s\"\n", regex);
        return -1;
    }
    size_t n;
    struct line_view *lines = split_lines(text, len, &n);
    size_t count = 0;
    bool begun = false;
    for (size_t i = 0; i < n; i++) {
        struct line_view l = lines[i];
        switch (kind) {
        case PIPE_INCLUDE:
            if (line_matches(&re, l))
                emit(out, l);
            break;
        case PIPE_EXCLUDE:
            if (!line_matches(&re, l))
                emit(out, l);
            break;
        case PIPE_BEGIN:
            if (!begun && line_matches(&re, l))
                begun = true;
            if (begun)
                emit(out, l);
            break;
        case PIPE_COUNT:
            if (line_matches(&re, l))
                count++;
            break;
        case PIPE_SECTION: {
            if (is_bang(l) || is_child(l))
                break;
            /* A top-level line and the indented lines under it form one section. */
            size_t j = i + 1;
            while (j < n && is_child(lines[j]))
                j++;
            bool hit = false;
            for (size_t k = i; k < j && !hit; k++)
                hit = line_matches(&re, lines[k]);
            if (hit)
                for (size_t k = i; k < j; k++)
                    emit(out, lines[k]);
            i = j - 1;
            break;
        }
        default:
            emit(out, l);
            break;
        }
    }
    if (kind == PIPE_COUNT)
        sb_printf(out, "Number of lines which match regexp = %zu\n", count);
    free(lines);
    regfree(&re);
    return 0;
}
