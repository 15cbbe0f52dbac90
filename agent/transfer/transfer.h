/* The door of transfer/ (other rooms include this header only).
 *
 * File transfers: the ACS's Download and Upload, and the operator's `copy URL flash:` and
 * `copy running-config URL`, through one queue and one executor.
 *
 * The queue lives in the CWMP state (cwmp_state.h, saved atomically with the events), so that a
 * transfer survives a crash or a reload at any instant: a queued one still runs, an interrupted
 * one is retried from the start (a download is written to a temporary name in flash: and renamed
 * only once complete and verified), and a completed ACS transfer stays until the ACS acknowledged
 * its TransferComplete. One transfer runs at a time, in the order of their start times; the loop
 * never waits for one (libcurl's multi interface, files written as the bytes arrive). */
#ifndef CWMP_TRANSFER_H
#define CWMP_TRANSFER_H

#include <stdbool.h>
#include <stdint.h>

#include "strbuf.h"

struct agent;
struct transfer_engine;

/* TR-069's file types that cwmpd takes. */
#define FT_FIRMWARE   "1 Firmware Upgrade Image"
#define FT_WEB        "2 Web Content"
#define FT_CONFIG     "3 Vendor Configuration File"
#define FT_UP_CONFIG  "1 Vendor Configuration File"
#define FT_UP_LOG     "2 Vendor Log File"
#define FT_UP_STARTUP "3 Vendor Configuration File 1" /* VendorConfigFile.1: the startup-config */

/* A finished operator transfer: fault 0 on success, else the CWMP fault code that an ACS transfer
 * would report and a one-line reason (for the shell's "%Error ..." line). */
typedef void (*transfer_done_fn)(void *arg, int fault, const char *why, uint64_t bytes,
                                 double seconds);

struct transfer_engine *transfer_engine_new(struct agent *a);
void transfer_engine_free(struct transfer_engine *t);

/* Starts (or resumes after a restart) whatever is due in the queue. */
void transfer_engine_kick(struct transfer_engine *t);

/* The operator's transfers: `copy URL flash:[NAME]` downloads URL into flash: as NAME (the URL's
 * last path segment when NAME is NULL or empty); `copy running-config URL` (startup: true for
 * startup-config) uploads it. They run through the same queue, at once, and call done when
 * finished (possibly before they return); the returned id (> 0) lets the caller detach when its
 * shell goes away. Returns 0 with the reason in err when the request is refused at once (bad URL,
 * bad name, queue full). The user name and password of the URL (user:password@) answer the
 * server's challenge, as IOS's copy does; the password is hidden where the URL is shown or
 * logged. */
unsigned transfer_copy_download(struct transfer_engine *t, const char *url, const char *name,
                                transfer_done_fn done, void *arg, struct strbuf *err);
unsigned transfer_copy_upload(struct transfer_engine *t, bool startup, const char *url,
                              transfer_done_fn done, void *arg, struct strbuf *err);
/* The bytes of an operator's transfer so far, as they move (the server's address as text, "" while
 * not known): for IOS's marks of progress. */
typedef void (*transfer_progress_fn)(void *arg, uint64_t bytes, const char *peer);
/* Asks for progress of the copy id (its done's arg gets it too); none comes before this returns. */
void transfer_copy_progress(struct transfer_engine *t, unsigned id, transfer_progress_fn fn);
/* The caller of transfer_copy_* no longer wants its callback (the shell closed): the transfer
 * goes on, its result only logged. */
void transfer_detach(struct transfer_engine *t, unsigned id);

/* Autoinstall (autoinstall.c): cwmpd started without a startup-config fetches one over TFTP.
 * AUTOINSTALL_ROUNDS rounds over the servers, the waits between them in seconds. */
#define AUTOINSTALL_ROUNDS 3
#define AUTOINSTALL_RETRY_S                                                                        \
    {                                                                                              \
        10, 30                                                                                     \
    }
#define AUTOINSTALL_SERVERS_MAX 1024
/* A lease's TFTP servers (comma-separated names or addresses, in the order to try) and boot
 * file (NULL: none): starts autoinstall when it is armed and has not run; refused (logged) when
 * problem says so. Runs once: later offers (renewals) do nothing. */
void autoinstall_offer(struct agent *a, const char *servers, const char *bootfile);
/* Why an offer would be refused, or NULL. */
const char *autoinstall_offer_problem(const char *servers, const char *bootfile);
/* show autoinstall's lines. */
void autoinstall_show(const struct agent *a, struct strbuf *out);
/* At exit: the retry timer and the strings. */
void autoinstall_free(struct agent *a);

/* flash: — the directory in the state directory that downloads go to. */
const char *transfer_flash_dir(const struct transfer_engine *t);

/* `show cwmp persistent`'s transfer part: every queued, running and unacknowledged transfer, and
 * the ScheduleInform requests waiting. */
struct cwmp_state;
void transfer_show(const struct cwmp_state *st, struct strbuf *out);

#endif
