/* The logging buffer (`logging buffered`): the newest log messages in memory, for `show logging`,
 * DeviceInfo.DeviceLog and the Vendor Log File.
 *
 * As on IOS the bound is in bytes: a message costs its length plus one (the newline it is shown
 * with), so the text of a full buffer is never longer than its size. The oldest messages make room
 * for new ones, whole. Memory grows with use up to the bound rather than being taken at once, so
 * that `logging buffered 2147483647` costs nothing until messages fill it. */
#ifndef CWMP_LOG_BUFFER_H
#define CWMP_LOG_BUFFER_H

#include <stddef.h>

#include "strbuf.h"

struct log_ring {
    char *buf;           /* records "text\0", the oldest at head, wrapping at alloc */
    size_t alloc;        /* bytes allocated, at most size */
    size_t size;         /* the bound; 0: buffering is off */
    size_t head;         /* where the oldest record starts */
    size_t len;          /* bytes in use */
    size_t count;        /* records held */
    unsigned long added; /* records ever added (show logging's "messages logged") */
};

/* A ring of the given size (0: off). A zeroed struct is an empty ring that is off. */
void log_ring_init(struct log_ring *r, size_t size);
void log_ring_free(struct log_ring *r);
/* Changes the bound, keeping the newest messages that fit; 0 turns buffering off and drops them. */
void log_ring_resize(struct log_ring *r, size_t size);
/* Adds one message (without its newline); one longer than the ring is cut to fit. Nothing
 * happens when the ring is off. */
void log_ring_add(struct log_ring *r, const char *text, size_t len);
void log_ring_clear(struct log_ring *r);
/* The messages, oldest first, each followed by a newline. */
void log_ring_text(const struct log_ring *r, struct strbuf *out);

/* Syslog severities as IOS names them in `logging buffered LEVEL` (0 emergencies ... 7
 * debugging); NULL outside 0-7. */
const char *log_level_name(int level);

#endif
