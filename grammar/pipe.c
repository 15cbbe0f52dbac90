/* Output modifiers: `| include RE`, `| exclude RE`, `| begin RE`, `| section RE`, `| count RE`,
 * with POSIX extended regular expressions, applied to a command's whole output. */
#include <regex.h>
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

int pipe_apply(enum pipe_kind kind, const char *regex, const char *text, size_t len,
               struct strbuf *out)
{
    regex_t re;
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
