/* Splitting a line into words and matching one token against the words. */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "grammar_int.h"
#include "xalloc.h"

int input_split(struct input *in, const char *line)
{
    /* Not the words: 3 KiB to clear for every line, of which a few are used. */
    in->n = 0;
    in->too_many_words = false;
    size_t len = strnlen(line, GRAMMAR_MAX_LINE);
    /* The line and its words' copies (as long as it, with their NULs) in one block. */
    in->line = 2 * (len + 1) <= sizeof in->small ? in->small : xmalloc(2 * (len + 1));
    in->storage = in->line + len + 1;
    /* One pass: control characters other than blanks are never part of a command, so they are
     * blanks too (a stray byte cannot hide inside a word), and all of them are written as spaces;
     * the words are copied as they end. */
    size_t used = 0, start = 0;
    bool in_word = false;
    for (size_t i = 0; i <= len; i++) {
        unsigned char c = i < len ? (unsigned char)line[i] : ' ';
        bool blank = c <= 0x20 || c == 0x7f;
        if (i < len)
            in->line[i] = blank ? ' ' : (char)c;
        if (!blank && !in_word) {
            if (in->n == GRAMMAR_MAX_WORDS) {
                in->too_many_words = true;
                /* The rest of the line as the splitting left it: blanks made spaces. */
                for (size_t j = i; j < len; j++) {
                    unsigned char d = (unsigned char)line[j];
                    in->line[j] = d <= 0x20 || d == 0x7f ? ' ' : (char)d;
                }
                break;
            }
            start = i;
            in_word = true;
        } else if (blank && in_word) {
            struct input_word *w = &in->w[in->n++];
            w->start = start;
            w->len = i - start;
            memcpy(in->storage + used, line + start, w->len);
            in->storage[used + w->len] = '\0';
            w->text = in->storage + used;
            used += w->len + 1;
            in_word = false;
        }
    }
    in->line[len] = '\0';
    in->trailing_space = len == 0 || in->line[len - 1] == ' ';
    return 0;
}

void input_free(struct input *in)
{
    if (in->line != in->small)
        free(in->line);
    in->line = in->storage = NULL;
    in->n = 0;
}

bool parse_long(const char *s, size_t len, long long *out)
{
    if (len == 0 || len > 20)
        return false;
    char buf[24];
    memcpy(buf, s, len);
    buf[len] = '\0';
    const char *p = buf;
    if (*p == '-')
        p++;
    if (!isdigit((unsigned char)*p))
        return false;
    for (const char *q = p; *q; q++)
        if (!isdigit((unsigned char)*q))
            return false;
    /* Up to 18 digits cannot overflow: counted without strtol, which costs more than the rest of
     * a number's match. */
    size_t digits = strlen(p);
    if (digits <= 18) {
        long long v = 0;
        for (const char *q = p; *q; q++)
            v = v * 10 + (*q - '0');
        *out = p == buf ? v : -v;
        return true;
    }
    errno = 0;
    char *end;
    long long v = strtoll(buf, &end, 10);
    if (errno || *end)
        return false;
    *out = v;
    return true;
}

bool parse_ipv4(const char *s, size_t len, unsigned char out[4])
{
    size_t i = 0;
    for (int part = 0; part < 4; part++) {
        if (part > 0) {
            if (i >= len || s[i] != '.')
                return false;
            i++;
        }
        size_t digits = 0;
        unsigned v = 0;
        while (i < len && isdigit((unsigned char)s[i]) && digits < 3) {
            v = v * 10 + (unsigned)(s[i] - '0');
            i++;
            digits++;
        }
        if (digits == 0 || v > 255)
            return false;
        out[part] = (unsigned char)v;
    }
    return i == len;
}

/* v in decimal at out (without a NUL); returns its length, or 0 when it needs more than room. */
static size_t put_long(char *out, size_t room, long long v)
{
    char digits[24];
    size_t n = 0;
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    do
        digits[n++] = (char)('0' + u % 10);
    while ((u /= 10) != 0);
    if (v < 0)
        digits[n++] = '-';
    if (n > room)
        return 0;
    for (size_t i = 0; i < n; i++)
        out[i] = digits[n - 1 - i];
    return n;
}

bool ifnum_parse(const struct iftype *t, const char *s, size_t len, char *canon, size_t cap)
{
    size_t i = 0, used = 0;
    int comp = 0;
    if (cap)
        canon[0] = '\0';
    while (i < len || comp == 0) {
        if (comp == t->ncomp)
            return false;
        if (comp > 0) {
            if (s[i] != '/')
                return false;
            i++;
        }
        size_t start = i;
        while (i < len && isdigit((unsigned char)s[i]))
            i++;
        long long v;
        if (!parse_long(s + start, i - start, &v) || v < t->lo[comp] || v > t->hi[comp])
            return false;
        /* As snprintf(canon + used, cap - used, "%s%ld", comp ? "/" : "", v) would, refusing
         * what it would truncate; without it, which costs more than the rest of the match. */
        if (cap - used < 2)
            return false;
        size_t n = 0;
        if (comp)
            canon[used + n++] = '/';
        size_t d = put_long(canon + used + n, cap - used - n - 1, v);
        if (d == 0)
            return false;
        used += n + d;
        canon[used] = '\0';
        comp++;
    }
    return true;
}

static size_t common_prefix(const char *a, size_t alen, const char *b)
{
    size_t i = 0;
    while (i < alen && b[i] && tolower((unsigned char)a[i]) == tolower((unsigned char)b[i]))
        i++;
    return i;
}

static enum match_strength keyword_match(const char *kw, const char *w, size_t wlen,
                                         size_t *accepted)
{
    /* Most keywords of a mode differ from the word at its first letter: answered before the
     * walk along both. */
    if (wlen == 0 || tolower((unsigned char)w[0]) != tolower((unsigned char)kw[0])) {
        *accepted = 0;
        return MATCH_NONE;
    }
    size_t common = common_prefix(w, wlen, kw);
    if (common == wlen)
        return kw[wlen] == '\0' ? MATCH_EXACT : MATCH_PARTIAL;
    *accepted = common;
    return MATCH_NONE;
}

static bool url_syntax(const char *s, size_t len)
{
    if (len == 0 || !isalpha((unsigned char)s[0]))
        return false;
    for (size_t i = 1; i < len; i++) {
        if (s[i] == ':')
            return true;
        if (!isalnum((unsigned char)s[i]) && s[i] != '+' && s[i] != '-' && s[i] != '.')
            return false;
    }
    return false;
}

/* RFC 1123 host names: labels of letters, digits and hyphens, the last one not all digits (so
 * that a mistyped address is not taken for a name). */
static bool host_syntax(const char *s, size_t len, bool partial)
{
    if (len == 0 || len > 253)
        return partial && len == 0;
    bool label_digits = true;
    size_t label = 0;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c == '.') {
            if (label == 0 || s[i - 1] == '-')
                return false;
            label = 0;
            label_digits = true;
            continue;
        }
        if (!isalnum((unsigned char)c) && c != '-')
            return false;
        if (c == '-' && label == 0)
            return false;
        if (!isdigit((unsigned char)c))
            label_digits = false;
        if (++label > 63)
            return false;
    }
    if (partial)
        return true;
    return label > 0 && s[len - 1] != '-' && !label_digits;
}

static size_t alpha_prefix(const char *s, size_t len)
{
    size_t a = 0;
    while (a < len && isalpha((unsigned char)s[a]))
        a++;
    return a;
}

enum match_strength token_match(const struct gnode *n, const struct input *in, struct pos at,
                                struct pos *next, size_t *accepted)
{
    *accepted = 0;
    if (at.wi >= in->n)
        return MATCH_NONE;
    const struct input_word *w = &in->w[at.wi];
    const char *s = w->text + at.off;
    size_t len = w->len - at.off;
    next->wi = at.wi + 1;
    next->off = 0;
    if (n->type == TOK_IFNUM) {
        char canon[64];
        return ifnum_parse(n->iftype, s, len, canon, sizeof canon) ? MATCH_SPECIFIC : MATCH_NONE;
    }
    if (at.off != 0)
        return MATCH_NONE;
    switch (n->type) {
    case TOK_KEYWORD:
        return keyword_match(n->text, s, len, accepted);
    case TOK_IFTYPE: {
        size_t a = alpha_prefix(s, len);
        if (a > 0 && a < len && isdigit((unsigned char)s[a])) {
            enum match_strength m = keyword_match(n->text, s, a, accepted);
            if (m != MATCH_NONE) {
                next->wi = at.wi;
                next->off = a;
            }
            return m;
        }
        return keyword_match(n->text, s, len, accepted);
    }
    case TOK_WORD:
        return MATCH_GENERIC;
    case TOK_LINE:
        next->wi = in->n;
        return MATCH_GENERIC;
    case TOK_RANGE: {
        long long v;
        return parse_long(s, len, &v) && v >= n->lo && v <= n->hi ? MATCH_SPECIFIC : MATCH_NONE;
    }
    case TOK_IPV4: {
        unsigned char a[4];
        return parse_ipv4(s, len, a) ? MATCH_SPECIFIC : MATCH_NONE;
    }
    case TOK_URL:
        return url_syntax(s, len) ? MATCH_SPECIFIC : MATCH_NONE;
    case TOK_HOST:
        return host_syntax(s, len, false) ? MATCH_SPECIFIC : MATCH_NONE;
    case TOK_IFNUM:
    case TOK_LINK:
    case TOK_GROUP:
        break;
    }
    return MATCH_NONE;
}

bool token_could_match(const struct gnode *n, const char *partial, size_t len)
{
    switch (n->type) {
    case TOK_KEYWORD:
        return common_prefix(partial, len, n->text) == len;
    case TOK_IFTYPE: {
        size_t a = alpha_prefix(partial, len);
        if (common_prefix(partial, a, n->text) != a || a == 0)
            return a == 0 && len == 0;
        for (size_t i = a; i < len; i++)
            if (!isdigit((unsigned char)partial[i]) && partial[i] != '/')
                return false;
        return true;
    }
    case TOK_IFNUM:
        for (size_t i = 0; i < len; i++)
            if (!isdigit((unsigned char)partial[i]) && partial[i] != '/')
                return false;
        return true;
    case TOK_WORD:
    case TOK_LINE:
        return true;
    case TOK_URL:
        return len == 0 || isalpha((unsigned char)partial[0]);
    case TOK_HOST:
        return host_syntax(partial, len, true);
    case TOK_RANGE: {
        if (len == 0)
            return true;
        if (len == 1 && partial[0] == '-')
            return n->lo < 0;
        long long v;
        if (!parse_long(partial, len, &v))
            return false;
        return v >= 0 ? v <= n->hi : v >= n->lo;
    }
    case TOK_IPV4: {
        int dots = 0, digits = 0;
        unsigned v = 0;
        for (size_t i = 0; i < len; i++) {
            if (partial[i] == '.') {
                if (digits == 0 || ++dots > 3)
                    return false;
                digits = 0;
                v = 0;
            } else if (isdigit((unsigned char)partial[i])) {
                v = v * 10 + (unsigned)(partial[i] - '0');
                if (++digits > 3 || v > 255)
                    return false;
            } else {
                return false;
            }
        }
        return true;
    }
    case TOK_LINK:
    case TOK_GROUP:
        break;
    }
    return false;
}
