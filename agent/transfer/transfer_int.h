/* Inside the transfer engine: what transfer.c (the queue and the HTTP side) and
 * transfer_install.c (what a downloaded file becomes) share. */
#ifndef CWMP_TRANSFER_INT_H
#define CWMP_TRANSFER_INT_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "persist.h"
#include "transfer.h"

struct loop_timer;
struct spawn;
struct http_client;

/* What an operator's copy waits with. */
struct transfer_waiter {
    unsigned id;
    transfer_done_fn done;
    void *arg;
    transfer_progress_fn progress; /* NULL: none asked */
};

struct transfer_engine {
    struct agent *a;
    struct http_client *http;
    struct loop_timer *timer; /* the next queued transfer's start */
    char *flash_dir;
    unsigned running; /* the transfer under way (0: none) */
    int fd;           /* its file: the download being written, the upload being read */
    char *tmp_path;   /* that file's name, removed when the transfer ends */
    uint64_t started_ms;
    uint64_t bytes;        /* what the HTTP layer moved, for the log line */
    bool post_fallback;    /* an upload answered 405 to PUT goes again as POST */
    char *pending_install; /* a download complete while a session ran: installed after it */
    struct spawn *hook;    /* install-firmware, while it runs */
    struct transfer_waiter waiters[MAX_TRANSFERS];
};

/* Ends the running transfer: fault 0 or a CWMP fault code with why. An ACS transfer becomes
 * TRANSFER_DONE (its TransferComplete is owed); an operator's is reported and forgotten. */
void transfer_finish(struct transfer_engine *t, struct cwmp_transfer *tr, int fault,
                     const char *why);

/* A download complete and verified in flash: becomes what its type says (transfer_install.c):
 * a configuration file is checked through the parser and installed as startup-config, then the
 * device reloads; a firmware image goes to the install-firmware hook, then a reboot; web content
 * stays as it is. Calls transfer_finish (at once, or when the hook ends). */
void transfer_install(struct transfer_engine *t, struct cwmp_transfer *tr, const char *path);
/* At start, for a transfer a restart interrupted while it was being installed: whether the
 * startup-config on disk is the one it was installing. */
bool transfer_install_settled(struct transfer_engine *t, const struct cwmp_transfer *tr);
void transfer_install_abort(struct transfer_engine *t);

/* The SHA-256 of data in hexadecimal. */
void transfer_sha256_hex(const char *data, size_t len, char out[65]);

#endif
