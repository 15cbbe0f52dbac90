/* Logging: to syslog (or stderr in the foreground), and to every shell that monitors. */
#ifndef CWMP_LOG_H
#define CWMP_LOG_H

#include <syslog.h>

struct agent;

void log_open(struct agent *a);
void log_close(struct agent *a);
/* An IOS-style message ("%SYS-5-CONFIG_I: Configured from console by root on vty 0"). */
void agent_log(struct agent *a, int priority, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The logging buffer's messages, as `show logging` prints them (the Vendor Log File). */
struct strbuf;
void log_buffer_text(struct agent *a, struct strbuf *out);

/* Debugging switched on with `debug ...`: lines go to the log and the monitoring shells. */
#define DEBUG_CWMP        0x1u
#define DEBUG_HTTP_COOKIE 0x2u
#define DEBUG_ALL         (DEBUG_CWMP | DEBUG_HTTP_COOKIE)
void agent_debug(struct agent *a, unsigned what, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
