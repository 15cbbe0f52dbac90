#include "log.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

#include "context.h"
#include "xalloc.h"

void log_sink_add(struct agent *a, log_sink_fn fn, void *ctx)
{
    struct log_sinks *s = &a->log_sinks;
    s->sink = xrealloc(s->sink, (s->count + 1) * sizeof s->sink[0]);
    s->sink[s->count++] = (struct log_sink){.fn = fn, .ctx = ctx};
}

void log_sink_remove(struct agent *a, log_sink_fn fn, void *ctx)
{
    struct log_sinks *s = &a->log_sinks;
    for (size_t i = 0; i < s->count; i++) {
        if (s->sink[i].fn != fn || s->sink[i].ctx != ctx)
            continue;
        /* The others keep their order: it is the order messages reach them. */
        memmove(&s->sink[i], &s->sink[i + 1], (s->count - i - 1) * sizeof s->sink[0]);
        s->count--;
        return;
    }
}

void log_open(struct agent *a)
{
    if (!a->foreground)
        openlog("cwmpd", LOG_PID | LOG_NDELAY, LOG_DAEMON);
}

void log_close(struct agent *a)
{
    /* Any sink left belongs to a room that outlived logging, which then no longer calls it. */
    free(a->log_sinks.sink);
    a->log_sinks = (struct log_sinks){0};
    if (!a->foreground)
        closelog();
}

static void emit(struct agent *a, int priority, struct strbuf *msg);

void agent_log(struct agent *a, int priority, const char *fmt, ...)
{
    struct strbuf msg = STRBUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    sb_vprintf(&msg, fmt, ap);
    va_end(ap);
    emit(a, priority, &msg);
}

void agent_debug(struct agent *a, unsigned what, const char *fmt, ...)
{
    if (!(a->debug & what))
        return;
    struct strbuf msg = STRBUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    sb_vprintf(&msg, fmt, ap);
    va_end(ap);
    emit(a, LOG_DEBUG, &msg);
}

static void emit(struct agent *a, int priority, struct strbuf *msg)
{
    /* IOS stamps console messages "*Nov 25 11:22:33.123: ". */
    struct timeval tv;
    gettimeofday(&tv, NULL);
    struct tm tm;
    localtime_r(&tv.tv_sec, &tm);
    char stamp[32];
    strftime(stamp, sizeof stamp, "%b %e %H:%M:%S", &tm);
    struct strbuf line = STRBUF_INIT;
    sb_printf(&line, "*%s.%03ld: %s\n", stamp, (long)(tv.tv_usec / 1000), sb_str(msg));

    a->log_messages++;
    if (a->foreground) {
        fputs(line.buf, stderr);
        fflush(stderr);
    } else {
        syslog(priority, "%s", sb_str(msg));
    }
    for (size_t i = 0; i < a->log_sinks.count; i++)
        a->log_sinks.sink[i].fn(a->log_sinks.sink[i].ctx, priority, line.buf, line.len);
    sb_free(&line);
    sb_free(msg);
}
