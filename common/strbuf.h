/* A growable, always NUL-terminated byte buffer: command output, rendered configuration, frames. */
#ifndef CWMP_STRBUF_H
#define CWMP_STRBUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

struct strbuf {
    char *buf; /* NUL-terminated when cap > 0 */
    size_t len;
    size_t cap;
};

#define STRBUF_INIT                                                                                \
    {                                                                                              \
        NULL, 0, 0                                                                                 \
    }

void sb_init(struct strbuf *sb);
void sb_free(struct strbuf *sb);
void sb_reset(struct strbuf *sb);
void sb_append(struct strbuf *sb, const void *data, size_t len);
/* Room for extra more bytes (and the NUL) without another allocation. */
void sb_reserve(struct strbuf *sb, size_t extra);
void sb_puts(struct strbuf *sb, const char *s);
void sb_putc(struct strbuf *sb, char c);
/* v in decimal (as "%llu", without printf's cost: values and paths write many). */
void sb_putu(struct strbuf *sb, unsigned long long v);
void sb_printf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_vprintf(struct strbuf *sb, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
/* Appends n copies of c. */
void sb_pad(struct strbuf *sb, char c, size_t n);
/* Removes the first n bytes. */
void sb_consume(struct strbuf *sb, size_t n);
/* Truncates to len bytes (len <= sb->len). */
void sb_truncate(struct strbuf *sb, size_t len);
/* The buffer's text; "" when nothing was ever appended. */
const char *sb_str(const struct strbuf *sb);
/* Hands the buffer to the caller (who frees it) and leaves sb empty. */
char *sb_detach(struct strbuf *sb);
bool sb_ends_with_newline(const struct strbuf *sb);

#endif
