/* The agent's context: everything cwmpd owns, reachable from every callback. There is no other
 * global mutable state. */
#ifndef CWMP_AGENT_H
#define CWMP_AGENT_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "config_store.h"
#include "cwmp_state.h"
#include "grammar.h"
#include "http_client.h"
#include "lease_table.h"
#include "log_buffer.h"
#include "platform.h"
#include "strbuf.h"

struct loop;
struct ctl_server;
struct shell;
struct dm;
struct cwmp_engine;
struct cr_server;
struct transfer_engine;
struct tr111;
struct nat_apply;
struct spawner;
struct spawn;

/* The largest startup-config cwmpd reads or writes (the "NVRAM" size show startup-config reports).
 */
#define STARTUP_CONFIG_MAX (1024u * 1024u)

struct agent_options {
    const char *state_dir;
    const char *socket_path;
    const char *config_path; /* startup-config; default STATE_DIR/startup-config */
    bool foreground;
    const char *cr_listen;      /* --listen ADDR:PORT for connection requests; NULL: the default */
    const char *cr_rate;        /* --cr-rate N/S; NULL: the default */
    const char *hooks_dir;      /* --hooks DIR; NULL: none (cwmpd's main gives the default) */
    const char *factory_config; /* --factory-config FILE; NULL: none (an empty configuration) */
    unsigned long long flash_size; /* --flash-size BYTES: flash:'s capacity; 0: its file system's */
    /* --dhcp-snoop IFNAME...: the Linux interfaces whose DHCP is watched (tr111.h); none given:
     * the LAN interfaces of the configuration; the single name "none": no watching. */
    const char *const *dhcp_snoop;
    size_t ndhcp_snoop;
};

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
    char **argv;                          /* how cwmpd was started, for a reload */
    struct log_ring logbuf;               /* `logging buffered`: the newest messages (log.h) */
    unsigned long log_messages;           /* messages logged since start, for show logging */
    char *flash_dir;                      /* flash: (STATE_DIR/flash), where downloads go */
    struct transfer_engine *transfer;     /* file transfers (transfer.h; NULL likewise) */
    struct nat_apply *nat_apply; /* the nat-apply hook's runs (nat_apply.h; NULL likewise) */
    char *reload_by;             /* who asked for the reload under way (reload) */
    char *hooks_dir;      /* programs that act on the real system: reboot, install-firmware */
    char *factory_config; /* what startup-config becomes after FactoryReset (may not exist) */
    unsigned long long flash_size; /* flash:'s capacity (0: the file system's free space) */
    struct lease_table leases;     /* DHCP leases of the LAN: Hosts, ManageableDevice (tr111.h) */
    struct tr111 *tr111;           /* their file, expiry and DHCP snooping (NULL likewise) */
    struct spawner *spawner;       /* every program cwmpd runs (spawn.h) */
    struct spawn *reboot_hook;     /* the reboot hook, while it runs */
    /* A reload, a reboot or a stop is under way: no session or transfer starts, since what it
     * reported or changed would belong to the next start. */
    bool going_down;
    uint64_t reload_deadline; /* monotonic ms: a reload's exec waits no longer for the shells */
};

/* The per-session data of every command execution: a shell's, or an internal one (the
 * startup-config loader, and later the vendor RPCs). Handlers reach it as call->session->app. */
struct agent_session {
    struct cli_session cli;
    struct agent *agent;
    struct shell *shell;        /* NULL when no operator is attached */
    struct config_store *store; /* the configuration its commands change (the running one) */
    const char *user;           /* who: a login name, "startup-config", the ACS */
    const char *line;           /* where: "vty 0", "con 0", ... */
};

/* An internal session at privileged level, changing the running configuration. */
void agent_session_init(struct agent_session *s, struct agent *a, const char *user,
                        const char *line);

/* Everything but serving: the grammar, the handlers, an empty store and the state directory,
 * without the control socket, signals or startup-config (for tests and fuzz targets). */
int agent_init_core(struct agent *a, const struct agent_options *opts, struct strbuf *err);
/* agent_init_core, then signals, startup-config and the control socket. */
int agent_init(struct agent *a, const struct agent_options *opts, struct strbuf *err);
void agent_fini(struct agent *a);
int agent_run(struct agent *a);

/* The running configuration changed (a command, the ACS): the CWMP engine and the
 * connection-request server look at it again. */
void agent_config_changed(struct agent *a);

/* The handler table of every agent command (handlers.c). */
int agent_bind_handlers(struct agent *a, struct strbuf *err);

/* Runs one line as the given session would, with the IOS error texts for lines that are not on
 * an operator's screen. */
enum cmd_status agent_exec_line(struct agent *a, struct agent_session *s, const char *line,
                                struct strbuf *out);

/* Loads IOS configuration text through the parser, line by line, as a configuration file: every
 * line starts from global configuration mode or the sub-mode the previous line entered; a bad line
 * is reported with its number through report() and skipped. Returns the number of bad lines. */
typedef void (*config_error_fn)(void *arg, int lineno, const char *line, const char *message);
int agent_load_config_text(struct agent *a, const char *text, const char *user,
                           config_error_fn report, void *arg);

/* Renders the running configuration and saves it as startup-config atomically. */
int agent_save_startup(struct agent *a, struct strbuf *err);

/* A reload: cwmpd executes itself again (the same program and options), as a CPE without a
 * reboot hook restarts, and reads its startup-config; the CWMP state is saved first. With a reboot
 * hook, the hook runs and cwmpd leaves when it succeeds (the machine goes down). All of it happens
 * from the loop, which goes on serving meanwhile: this returns at once. */
void agent_reload(struct agent *a);
/* The same, for the `reload` command: the message names who asked ("admin on vty 0"). */
void agent_reload_by(struct agent *a, const char *by);

/* FactoryReset: startup-config becomes the factory configuration (or nothing), the CWMP state is
 * forgotten but for the instance-number counters (numbers are never reused), then a reload; the
 * next contact is 0 BOOTSTRAP. The flash: files stay, as IOS's `write erase` keeps them. */
void agent_factory_reset(struct agent *a);

/* The transfer engine may start what is due (no session runs any more). */
void agent_transfers_kick(struct agent *a);

/* The path of hook NAME when it is an executable file of the hooks directory, else NULL
 * (free it). The hooks: reboot, install-firmware (transfer_install.c), nat-apply (nat_apply.h). */
char *agent_hook_path(const struct agent *a, const char *name);

/* Saves the CWMP state now (atomically); logs a failure. Returns 0 or -1. */
int agent_save_cwmp_state(struct agent *a);

/* Makes a change of the ACS's (SetParameterValues, AddObject, DeleteObject) the running
 * configuration and saves it with its ParameterKey, so that after a crash at any instant the key
 * and the values agree: the key is first written as pending with the hash of the new
 * startup-config, then the startup-config, then the key. working holds the old configuration
 * afterwards. Returns 0, or -1 when saving failed (the change is then in effect but unsaved). */
int agent_commit_acs_change(struct agent *a, struct config_store *working, const char *key);
/* The same two-phase save of cs (not necessarily the running configuration) as startup-config
 * with the ParameterKey key: X_00000C_SetConfiguration's startup-config target. */
int agent_save_startup_with_key(struct agent *a, const struct config_store *cs, const char *key);

#endif
