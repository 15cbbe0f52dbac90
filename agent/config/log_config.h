/* The logging buffer as the running configuration sets it (`logging buffered [SIZE] [LEVEL]`):
 * a log sink that keeps the newest messages for show logging and the ACS. */
#ifndef CWMP_LOG_CONFIG_H
#define CWMP_LOG_CONFIG_H

#include "strbuf.h"

struct agent;

/* Registers the buffer's sink (the first one, so that it sees a message before any shell), and
 * removes it. */
void log_buffer_attach(struct agent *a);
void log_buffer_detach(struct agent *a);

/* The messages of the logging buffer, oldest first, one per line, stamped as IOS stamps them
 * ("*Nov 25 14:42:12.123: %SYS-5-CONFIG_I: ..."): exactly what show logging prints after its
 * header. Empty when buffering is off. This is the device's log for the ACS (the Vendor Log File,
 * DeviceInfo.DeviceLog). */
void log_buffer_text(struct agent *a, struct strbuf *out);
/* `clear logging`. */
void log_buffer_clear(struct agent *a);
/* Brings the buffer's size in line with the running configuration (show logging calls it before
 * reading a->logbuf). */
void log_buffer_sync(struct agent *a);

#endif
