#include "log.h"

#include <stdarg.h>
#include <stdio.h>
#include <sys/time.h>
#include <time.h>

#include "agent.h"
#include "ctl_server.h"

void log_open(struct agent *a)
{
    if (!a->foreground)
        openlog("cwmpd", LOG_PID | LOG_NDELAY, LOG_DAEMON);
}

void log_close(struct agent *a)
{
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

    if (a->foreground) {
        fprintf(stderr, "*%s.%03ld: %s\n", stamp, (long)(tv.tv_usec / 1000), sb_str(msg));
        fflush(stderr);
    } else {
        syslog(priority, "%s", sb_str(msg));
    }
    if (a->ctl) {
        struct strbuf line = STRBUF_INIT;
        sb_printf(&line, "*%s.%03ld: %s\n", stamp, (long)(tv.tv_usec / 1000), sb_str(msg));
        ctl_server_broadcast(a->ctl, line.buf, line.len);
        sb_free(&line);
    }
    sb_free(msg);
}

/* Placeholder until the logging buffer lands: no messages kept. */
void log_buffer_text(struct agent *a, struct strbuf *out)
{
    (void)a;
    (void)out;
}
