/* What ended cwmpd's previous life, for show version's "System returned to ROM by ..." and
 * "Last reload reason: ...": a small file of the state directory, written when a life begins
 * ("running") and again when it ends on purpose (a reload, a Reboot RPC, a stop). A file still
 * saying "running" at the next start means that life ended without either: a crash, a kill, a
 * power cut. */
#ifndef CWMP_RESTART_RECORD_H
#define CWMP_RESTART_RECORD_H

#include <stdbool.h>
#include <time.h>

#define RESTART_RECORD_FILE "last-reload"

enum restart_how {
    RESTART_POWER_ON, /* no record: the first start on this state directory */
    RESTART_RUNNING,  /* the previous life left no end: it crashed or was killed */
    RESTART_RELOAD,   /* ended by a reload (cwmpd, an RPC, a transfer) */
    RESTART_STOP,     /* ended by a signal asking it to stop */
};

struct restart_record {
    enum restart_how how;
    char by[48];     /* "reload", "Reboot RPC", "signal 15" */
    char reason[64]; /* IOS's "Last reload reason": "Reload Command" */
    time_t at;       /* when it ended (RESTART_RELOAD, RESTART_STOP) */
};

/* Reads the record at path; a missing or unreadable one is RESTART_POWER_ON. */
void restart_record_read(const char *path, struct restart_record *r);
/* Writes it atomically. Returns 0 or a negative errno. */
int restart_record_write(const char *path, const struct restart_record *r);

#endif
