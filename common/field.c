#include "field.h"

#include <string.h>

void field_put(struct strbuf *out, const char *s)
{
    sb_putc(out, ' ');
    if (!*s) {
        sb_putc(out, '%');
        return;
    }
    static const char hex[] = "0123456789ABCDEF";
    const char *run = s;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p > ' ' && *p < 0x7f && *p != '%')
            continue;
        /* Runs of plain bytes are copied whole: a state file holds thousands of fields. */
        sb_append(out, run, (size_t)((const char *)p - run));
        char esc[3] = {'%', hex[*p >> 4], hex[*p & 15]};
        sb_append(out, esc, 3);
        run = (const char *)p + 1;
    }
    sb_puts(out, run);
}

int field_hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

long field_decode(char *s)
{
    if (!strcmp(s, "%")) {
        s[0] = '\0';
        return 0;
    }
    char *w = s;
    for (char *r = s; *r; r++) {
        if (*r == '%') {
            int hi = field_hexval(r[1]), lo = hi < 0 ? -1 : field_hexval(r[2]);
            if (hi < 0 || lo < 0 || (hi == 0 && lo == 0))
                return -1;
            *w++ = (char)(hi << 4 | lo);
            r += 2;
        } else {
            *w++ = *r;
        }
    }
    *w = '\0';
    return (long)(w - s);
}
