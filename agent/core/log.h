/* Logging: to syslog (or stderr in the foreground), then to every sink registered: the logging
 * buffer (`logging buffered`, show logging) and the control server's monitoring shells. Sinks let
 * the rooms that show messages register themselves, so that logging, which every room uses,
 * depends on none of them. */
#ifndef CWMP_LOG_H
#define CWMP_LOG_H

#include <stddef.h>
#include <syslog.h>

#include "strbuf.h"

struct agent;

/* Receives each message as IOS shows it, stamped and with its newline ("*Nov 25 14:42:12.123:
 * %SYS-5-CONFIG_I: ...\n", len bytes), and its syslog priority, for the sink to filter by. */
typedef void (*log_sink_fn)(void *ctx, int priority, const char *line, size_t len);

struct log_sink {
    log_sink_fn fn;
    void *ctx;
};

/* The agent's sinks, in the order messages reach them. */
struct log_sinks {
    struct log_sink *sink;
    size_t count;
};

/* Adds a sink, which then receives every message after those already registered. */
void log_sink_add(struct agent *a, log_sink_fn fn, void *ctx);
/* Removes the sink registered with this function and context (nothing if there is none). */
void log_sink_remove(struct agent *a, log_sink_fn fn, void *ctx);

/* Opens syslog; log_close closes it and forgets the sinks. */
void log_open(struct agent *a);
void log_close(struct agent *a);
/* An IOS-style message ("%SYS-5-CONFIG_I: Configured from console by root on vty 0"). */
void agent_log(struct agent *a, int priority, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Debugging switched on with `debug ...`: lines go to the log and the monitoring shells (and to
 * the logging buffer when its level is debugging). */
#define DEBUG_CWMP        0x1u
#define DEBUG_HTTP_COOKIE 0x2u
#define DEBUG_ALL         (DEBUG_CWMP | DEBUG_HTTP_COOKIE)
void agent_debug(struct agent *a, unsigned what, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
