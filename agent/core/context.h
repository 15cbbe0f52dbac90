/* The agent's context: everything cwmpd owns, reachable from every callback. There is no other
 * global mutable state. The rooms reach each other's objects through it, but call only rooms below
 * their own (agent/README.md); what goes up travels through events (events.h). */
#ifndef CWMP_CONTEXT_H
#define CWMP_CONTEXT_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "events.h"
#include "grammar.h"
#include "http_client.h"
#include "log.h"
#include "persist.h"
#include "platform.h"
#include "strbuf.h"

struct loop;
struct loop_timer;
struct ctl_server;
struct shell;
struct dm;
struct cwmp_engine;
struct cr_server;
struct stun_client;
struct transfer_engine;
struct diag_engine;
struct diag_http;
struct tr111;
struct wan_watch;
struct nat_apply;
struct lease_table;
struct spawner;
struct spawn;
struct config_archive;

/* The largest startup-config cwmpd reads or writes (the "NVRAM" size show startup-config reports).
 */
#define STARTUP_CONFIG_MAX (1024u * 1024u)

struct agent {
    struct loop *loop;
    struct grammar *grammar;
    struct config_store *running;
    char *state_dir;
    char *socket_path;
    char *startup_path;
    bool foreground;
    struct ctl_server *ctl;
    time_t started;        /* wall clock, for show version */
    uint64_t started_mono; /* monotonic ms, for uptime */
    int signal_fd;
    int exit_code;
    struct dm *dm;          /* the TR-098 data model over the store */
    struct cwmp_state cwmp; /* what the CWMP engine keeps across restarts */
    char *cwmp_state_path;
    bool cwmp_dirty;            /* cwmp changed since it was last saved */
    struct device_identity id;  /* DeviceInfo's fixed part, the Inform's DeviceId */
    unsigned debug;             /* DEBUG_* flags set by `debug` commands */
    struct cwmp_engine *engine; /* the CWMP session engine (NULL in tests without a loop) */
    struct http_client_list http_clients; /* every HTTP client session, for the show commands */
    struct cr_server *cr;                 /* the connection-request server (NULL likewise) */
    struct stun_client *stun;             /* STUN and UDP connection requests (NULL likewise) */
    char **argv;                          /* how cwmpd was started, for a reload */
    struct log_ring logbuf;               /* `logging buffered`: the newest messages (log.h) */
    unsigned long log_messages;           /* messages logged since start, for show logging */
    struct log_sinks log_sinks;           /* where messages go besides syslog (log.h) */
    char *flash_dir;                      /* flash: (STATE_DIR/flash), where downloads go */
    struct transfer_engine *transfer;     /* file transfers (transfer.h; NULL likewise) */
    struct diag_engine *diag;             /* ping and traceroute (diag.h; NULL likewise) */
    struct diag_http *diag_http;          /* TR-143's download and upload (diag_http.h; likewise) */
    struct dm_diag *diagdm; /* the ACS's diagnostics: their parameters and results (dm_diag.c) */
    struct nat_apply *nat_apply; /* the nat-apply hook's runs (nat_apply.h; NULL likewise) */
    char *reload_by;             /* who asked for the reload under way (reload) */
    /* How the previous life ended (show version), and where that is kept; end_recorded: this
     * life's end is written already (a reload's cause is not overwritten by the stop after it). */
    struct restart_record last_restart;
    char *restart_path;
    bool end_recorded;
    char *hooks_dir;      /* programs that act on the real system: reboot, install-firmware */
    char *factory_config; /* what startup-config becomes after FactoryReset (may not exist) */
    unsigned long long flash_size; /* flash:'s capacity (0: the file system's free space) */
    unsigned session_max_requests; /* past these an endless session fails (0: cwmpd(8)'s) */
    unsigned session_max_seconds;  /* likewise its seconds from the Inform */
    struct lease_table *leases;    /* DHCP leases of the LAN: Hosts, ManageableDevice (tr111.h) */
    struct tr111 *tr111;           /* their file, expiry and DHCP snooping (NULL likewise) */
    struct wan_watch *wan_watch;   /* the WAN's DHCP, for ACS discovery (wan_watch.h) */
    struct agent_events events;    /* what goes up, wired by the composition root (events.h) */
    struct spawner *spawner;       /* every program cwmpd runs (spawn.h) */
    struct spawn *reboot_hook;     /* the reboot hook, while it runs */
    /* A reload, a reboot or a stop is under way: no session or transfer starts, since what it
     * reported or changed would belong to the next start. */
    bool going_down;
    uint64_t reload_deadline;     /* monotonic ms: a reload's exec waits no longer for the shells */
    unsigned long config_changes; /* announcements of a changed configuration (tests count them) */
    char config_announced[65];    /* the hash of the running configuration last announced */
    struct config_archive *archive; /* the copies `archive config` saved (config_archive.h) */
    /* The ACS that DHCP named (TR-069 §3.1), used while the configuration names none: not part
     * of the configuration, so never in running-config. url NULL: DHCP named none. */
    struct {
        char *url;
        char *provisioning_code; /* NULL: not given */
        unsigned min_wait;       /* 0: not given */
        unsigned multiplier;     /* 0: not given */
        char source[24];         /* "option 43", ... */
        time_t learnt;
    } acs_dhcp;
    /* Autoinstall: a configuration fetched over TFTP when cwmpd started without one
     * (transfer/autoinstall.c). */
    struct {
        bool armed;      /* no startup-config at start, and not --no-autoinstall */
        bool running;    /* fetching, or waiting for the next round */
        bool done;       /* over: it does not start again */
        int round;       /* 0.. AUTOINSTALL_ROUNDS - 1 */
        size_t server_i; /* the server of the round being tried */
        int step;        /* the file being fetched from it */
        bool answered;   /* the server answered something (a missing file is an answer) */
        bool got_network, got_host;
        char *servers;  /* the lease's TFTP servers, comma-separated (option 150, else 66) */
        char *server;   /* the one being tried, or NULL */
        char *bootfile; /* option 67, or NULL */
        char *result;   /* what happened, for show autoinstall */
        struct loop_timer *retry; /* the next round */
        unsigned transfer;
    } autoinstall;
};

/* Where a command that ends later (ping, traceroute) writes when no shell runs it: the vendor RPC
 * X_00000C_ShowStatus. The session's owner fills stream, resume and arg; the handler that defers
 * fills the rest, and then calls resume once (ok: the command succeeded), after any streams. */
struct agent_defer {
    void (*stream)(void *arg, const char *text, size_t len);
    void (*resume)(void *arg, const struct strbuf *out, bool ok);
    void *arg;
    bool deferred; /* the command deferred its end */
    /* Stops the command: gone without a word more (resume is then not called), abort with what
     * it found so far (resume is called, now or later). */
    void (*gone)(void *work);
    void (*abort)(void *work);
    void *work;
};

/* The per-session data of every command execution: a shell's, or an internal one (the
 * startup-config loader, the vendor RPCs). Handlers reach it as call->session->app. */
struct agent_session {
    struct cli_session cli;
    struct agent *agent;
    struct shell *shell;        /* NULL when no operator is attached */
    struct config_store *store; /* the configuration its commands change (the running one) */
    const char *user;           /* who: a login name, "startup-config", the ACS */
    const char *line;           /* where: "vty 0", "con 0", ... */
    struct agent_defer *defer;  /* without a shell: where a deferred command ends; NULL none */
};

/* An internal session at privileged level, changing the running configuration. */
void agent_session_init(struct agent_session *s, struct agent *a, const char *user,
                        const char *line);

/* The path of hook NAME when it is an executable file of the hooks directory, else NULL
 * (free it). The hooks: reboot, install-firmware (transfer_install.c), nat-apply (nat_apply.h). */
char *agent_hook_path(const struct agent *a, const char *name);

/* Saves the CWMP state now (atomically); logs a failure. Returns 0 or -1. */
int agent_save_cwmp_state(struct agent *a);

#endif
