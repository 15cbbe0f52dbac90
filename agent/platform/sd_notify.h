#ifndef CWMP_SD_NOTIFY_H
#define CWMP_SD_NOTIFY_H

/* Tells systemd the service's state ("READY=1", "STOPPING=1") when it runs cwmpd as a Type=notify
 * service. Returns 1 when sent, 0 when not under systemd, -1 on failure. */
int sd_notify_state(const char *state);

#endif
