#include "log_buffer.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

/* The first allocation: a few dozen messages, whatever the bound. */
#define LOG_RING_FIRST_ALLOC 4096u

void log_ring_init(struct log_ring *r, size_t size)
{
    memset(r, 0, sizeof *r);
    r->size = size;
}

void log_ring_free(struct log_ring *r)
{
    free(r->buf);
    log_ring_init(r, 0);
}

void log_ring_clear(struct log_ring *r)
{
    r->head = r->len = r->count = 0;
}

/* The bytes in use from head up to the end of the allocation (the rest wraps to the start). */
static size_t first_part(const struct log_ring *r)
{
    return r->alloc - r->head < r->len ? r->alloc - r->head : r->len;
}

/* Drops the oldest record. */
static void evict(struct log_ring *r)
{
    size_t first = first_part(r);
    const char *end = memchr(r->buf + r->head, '\0', first);
    size_t n;
    if (end) {
        n = (size_t)(end - (r->buf + r->head)) + 1;
    } else {
        end = memchr(r->buf, '\0', r->len - first);
        n = first + (size_t)(end - r->buf) + 1;
    }
    r->head = (r->head + n) % r->alloc;
    r->len -= n;
    r->count--;
    if (r->len == 0)
        r->head = 0;
}

/* Moves the records, in order, to the start of a new allocation of want bytes (>= len). */
static void relocate(struct log_ring *r, size_t want)
{
    char *nb = xmalloc(want);
    size_t first = first_part(r);
    if (r->len > 0) {
        memcpy(nb, r->buf + r->head, first);
        memcpy(nb + first, r->buf, r->len - first);
    }
    free(r->buf);
    r->buf = nb;
    r->alloc = want;
    r->head = 0;
}

void log_ring_add(struct log_ring *r, const char *text, size_t len)
{
    if (r->size == 0)
        return;
    len = strnlen(text, len); /* a NUL would be taken for the end of the record */
    if (len + 1 > r->size)
        len = r->size - 1;
    while (r->len + len + 1 > r->size)
        evict(r);
    if (r->len + len + 1 > r->alloc) {
        size_t want = r->alloc * 2;
        if (want < LOG_RING_FIRST_ALLOC)
            want = LOG_RING_FIRST_ALLOC;
        if (want < r->len + len + 1)
            want = r->len + len + 1;
        if (want > r->size)
            want = r->size;
        relocate(r, want);
    }
    size_t at = (r->head + r->len) % r->alloc;
    size_t first = r->alloc - at < len ? r->alloc - at : len;
    memcpy(r->buf + at, text, first);
    memcpy(r->buf, text + first, len - first);
    r->buf[(at + len) % r->alloc] = '\0';
    r->len += len + 1;
    r->count++;
    r->added++;
}

void log_ring_text(const struct log_ring *r, struct strbuf *out)
{
    if (r->len == 0)
        return;
    size_t start = out->len, first = first_part(r);
    sb_append(out, r->buf + r->head, first);
    sb_append(out, r->buf, r->len - first);
    for (size_t i = start; i < out->len; i++)
        if (out->buf[i] == '\0')
            out->buf[i] = '\n';
}

void log_ring_resize(struct log_ring *r, size_t size)
{
    if (size == 0) {
        unsigned long added = r->added;
        log_ring_free(r);
        r->added = added;
        return;
    }
    /* Smaller: the newest messages that fit stay, in an allocation no larger than the bound. */
    while (r->len > size)
        evict(r);
    if (r->alloc > size)
        relocate(r, size);
    r->size = size;
}

const char *log_level_name(int level)
{
    static const char *const names[] = {
        "emergencies", "alerts",        "critical",      "errors",
        "warnings",    "notifications", "informational", "debugging",
    };
    return level >= 0 && level <= 7 ? names[level] : NULL;
}
