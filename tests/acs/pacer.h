/* Paces the slow downloads of the file server (/files/slow/NAME): a connection that has sent its
 * share parks until its next slot and a thread of its own wakes it then. libmicrohttpd runs every
 * connection in one thread, so sleeping there would stall the ACS and every other transfer. */
#ifndef TESTACS_PACER_H
#define TESTACS_PACER_H

#include <stdbool.h>
#include <time.h>

struct MHD_Connection;
struct pacer;

/* Starts the pacing thread; NULL with a message on standard error when it cannot. */
struct pacer *pacer_new(void);

/* From a libmicrohttpd content reader only (the one place where suspending is allowed): suspends
 * c until due (CLOCK_MONOTONIC). Returns false once pacer_stop ran: the caller ends the response
 * instead. */
bool pacer_park(struct pacer *p, struct MHD_Connection *c, const struct timespec *due);

/* Resumes every parked connection and refuses to park any more: libmicrohttpd must not be stopped
 * with a suspended connection. Call it before MHD_stop_daemon. */
void pacer_stop(struct pacer *p);

/* Joins the thread (after pacer_stop) and frees. */
void pacer_free(struct pacer *p);

#endif
