/* What the CWMP engine keeps across restarts, in one file of the state directory written
 * atomically: the events not yet delivered, the ParameterKey, the bootstrap flag, notification
 * attributes and the last values they compare against, and the instance numbers of every table
 * (never reused). A crash at any instant leaves the old file or the new one. */
#ifndef CWMP_CWMP_STATE_H
#define CWMP_CWMP_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "strbuf.h"
#include "strmap.h"

#define EVENT_CODE_MAX    64
#define COMMAND_KEY_MAX   32
#define PARAMETER_KEY_MAX 32
#define MAX_EVENTS        64
#define FILE_TYPE_MAX     64
#define MAX_TRANSFERS     16 /* queued, running and unacknowledged transfers together */
#define MAX_SCHEDULED     16 /* ScheduleInform requests waiting */

struct cwmp_event {
    char code[EVENT_CODE_MAX + 1];
    char key[COMMAND_KEY_MAX + 1];
};

/* Notification attributes of one parameter, and what the change scan compares with. */
struct cwmp_attr {
    int notification;     /* 0 off, 1 passive, 2 active */
    bool subscriber;      /* AccessList holds "Subscriber" */
    bool explicit_set;    /* set by the ACS (else the default of the data model) */
    char *last;           /* the value last reported or seen, NULL when unknown */
    bool changed;         /* changed since the last Inform that carried it */
    uint64_t notified_ms; /* not saved: when a change of it last went out actively (monotonic
                             ms), for dm_def.notify_limit; 0: never */
};

/* One table's instance numbers: entity key -> number, and the next number to give. */
struct cwmp_table {
    struct strmap by_key; /* value: (void *)(uintptr_t)number */
    unsigned next;
    /* While the file is read: its table line's number (0: none), from which with the
     * instances next is computed once all the lines are read. */
    unsigned loaded_next;
};

/* A file transfer: the ACS's Download or Upload (reported with TransferComplete), or an operator's
 * copy (reported to the shell that asked, forgotten after). */
enum transfer_state {
    TRANSFER_QUEUED = 1,  /* not yet started (GetAllQueuedTransfers' State 1) */
    TRANSFER_RUNNING = 2, /* in progress, or interrupted by a restart (retried) */
    TRANSFER_DONE = 3,    /* completed, its TransferComplete not yet acknowledged by the ACS */
};

struct cwmp_transfer {
    unsigned id;
    bool download; /* else an upload */
    bool from_acs; /* a Download/Upload RPC, else an operator's copy */
    enum transfer_state state;
    unsigned attempts; /* starts, counted across restarts */
    char command_key[COMMAND_KEY_MAX + 1];
    char file_type[FILE_TYPE_MAX + 1];
    char *url, *username, *password;     /* username and password: empty for none */
    char *target;                        /* downloads: the flash: name */
    unsigned long long file_size;        /* 0: not given */
    long long start_at;                  /* epoch: not before (DelaySeconds) */
    long long start_time, complete_time; /* XSD_TIME_UNKNOWN until known */
    int fault;                           /* 0: success */
    char *fault_string;
    char install_hash[65]; /* a configuration file being installed: its SHA-256 */
};

/* Texts saved with a startup-config for it, opaque here (the port mappings' records, nat_map.h). */
struct cwmp_records {
    char **v;
    size_t n;
};

/* A ScheduleInform waiting for its time. */
struct cwmp_scheduled {
    long long at; /* epoch */
    char key[COMMAND_KEY_MAX + 1];
};

struct cwmp_state {
    char parameter_key[PARAMETER_KEY_MAX + 1];
    char *bootstrap_url; /* the ACS URL a BOOTSTRAP was delivered to; NULL: none yet */
    unsigned retry_count;
    struct cwmp_event events[MAX_EVENTS];
    size_t nevents;
    struct strmap attrs;  /* parameter path -> struct cwmp_attr* */
    struct strmap tables; /* table path -> struct cwmp_table* */
    char *cr_path;        /* the connection request URL's random path */
    /* A ParameterKey written before the startup-config it belongs to: it becomes the key only
     * if the startup-config found at start is the one it was written for (its SHA-256). */
    char pending_key[PARAMETER_KEY_MAX + 1];
    char pending_hash[65];
    struct cwmp_transfer transfers[MAX_TRANSFERS];
    size_t ntransfers;
    unsigned next_transfer_id;
    struct cwmp_scheduled scheduled[MAX_SCHEDULED];
    size_t nscheduled;
    /* What the startup-config cannot hold of the port mappings, for the startup-config whose
     * SHA-256 is portmaps_hash; while a save is under way, pending_portmaps go with pending_hash
     * (the two-phase save of config_txn_save). */
    struct cwmp_records portmaps, pending_portmaps;
    char portmaps_hash[65];
};

void cwmp_state_init(struct cwmp_state *s);
void cwmp_state_free(struct cwmp_state *s);
/* Loads the file; a missing file is an empty state. Returns 0, or -1 with err set (the state is
 * then empty, and the caller decides whether to go on). */
int cwmp_state_load(struct cwmp_state *s, const char *path, struct strbuf *err);
int cwmp_state_save(const struct cwmp_state *s, const char *path, struct strbuf *err);

/* Events: "single" codes (0 BOOTSTRAP ... 13 WAKEUP) are kept once; "M ..." codes once per
 * command key. Returns false when the queue is full. */
bool cwmp_event_add(struct cwmp_state *s, const char *code, const char *key);
bool cwmp_event_has(const struct cwmp_state *s, const char *code);
void cwmp_event_remove(struct cwmp_state *s, const char *code);
void cwmp_events_clear(struct cwmp_state *s);

/* Transfers: a new one (zeroed, with an id and unknown times), NULL when the queue is full;
 * finding one by id; removing one (its strings freed). */
struct cwmp_transfer *cwmp_transfer_new(struct cwmp_state *s);
struct cwmp_transfer *cwmp_transfer_find(struct cwmp_state *s, unsigned id);
void cwmp_transfer_remove(struct cwmp_state *s, unsigned id);

/* Instance numbers. */
unsigned cwmp_instance_number(struct cwmp_state *s, const char *table, const char *key);
/* The number the table's next new key will get. */
unsigned cwmp_instance_next(struct cwmp_state *s, const char *table);
/* Makes key name the instance number already has: an entity whose key changes keeps its number.
 * The old key goes when a listing no longer finds it. */
void cwmp_instance_alias(struct cwmp_state *s, const char *table, const char *key, unsigned number);
/* The number key already has, 0 when none. */
unsigned cwmp_instance_find(const struct cwmp_state *s, const char *table, const char *key);
void cwmp_instance_forget(struct cwmp_state *s, const char *table, const char *key);
struct cwmp_table *cwmp_table_get(struct cwmp_state *s, const char *table);

/* Gives to the texts of from (which is left empty), freeing those to had. */
void cwmp_records_move(struct cwmp_records *to, struct cwmp_records *from);
void cwmp_records_clear(struct cwmp_records *r);

/* Attributes: the entry for a path, created with the given default notification. */
struct cwmp_attr *cwmp_attr_get(struct cwmp_state *s, const char *path, int default_notification);
struct cwmp_attr *cwmp_attr_find(const struct cwmp_state *s, const char *path);

#endif
