/* The composition root: builds every room (agent/README.md), wires the events that go up, runs the
 * loop and takes it all down. */
#include "agent.h"

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include "configuration.h"
#include "connreq.h"
#include "core.h"
#include "cwmp.h"
#include "dm.h"
#include "fileio.h"
#include "lan.h"
#include "loop.h"
#include "platform.h"
#include "shell.h"
#include "transfer.h"
#include "diag.h"
#include "xalloc.h"

static void on_signal(struct loop *loop, int fd, unsigned events, void *arg)
{
    (void)loop;
    (void)events;
    struct agent *a = arg;
    struct signalfd_siginfo si;
    while (read(fd, &si, sizeof si) == (ssize_t)sizeof si) {
        if (si.ssi_signo == SIGTERM || si.ssi_signo == SIGINT) {
            agent_log(a, LOG_NOTICE, "%%SYS-5-RELOAD: cwmpd stopping on signal %u", si.ssi_signo);
            agent_stop_on_signal(a, (int)si.ssi_signo);
        } else if (si.ssi_signo == SIGCHLD) {
            spawner_sigchld(a->spawner);
        }
    }
}

static int setup_signals(struct agent *a, struct strbuf *err)
{
    signal(SIGPIPE, SIG_IGN);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGHUP);
    /* The end of a child, where the kernel has no pidfd for it (spawn.h). */
    sigaddset(&set, SIGCHLD);
    sigprocmask(SIG_BLOCK, &set, NULL);
    a->signal_fd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
    if (a->signal_fd < 0 || loop_add_fd(a->loop, a->signal_fd, LOOP_READ, on_signal, a) < 0) {
        sb_printf(err, "signalfd: %s", strerror(errno));
        return -1;
    }
    return 0;
}

/* The events the rooms send up (events.h), wired to the rooms that act on them. */
static void on_config_changed(struct agent *a)
{
    a->config_changes++;
    agent_debug(a, DEBUG_CWMP, "CWMP: the running configuration changed (change %lu)",
                a->config_changes);
    if (a->engine)
        cwmp_engine_config_changed(a->engine);
    if (a->cr)
        cr_server_update(a->cr);
    stun_client_update(a->stun);
    tr111_config_changed(a);
    wan_watch_config_changed(a);
    nat_apply_check(a->nat_apply);
    config_archive_schedule(a);
}

static void on_acs_changed(struct agent *a)
{
    if (a->engine)
        cwmp_engine_config_changed(a->engine);
    if (a->cr)
        cr_server_update(a->cr);
    stun_client_update(a->stun);
}

static void on_transfers_kick(struct agent *a)
{
    if (a->transfer)
        transfer_engine_kick(a->transfer);
    dm_diag_kick(a);
}

static void on_diagnostics_done(struct agent *a)
{
    cwmp_engine_trigger(a->engine, "8 DIAGNOSTICS COMPLETE", NULL);
}

static void on_values_changed(struct agent *a)
{
    cwmp_engine_scan(a->engine);
}

static void on_connection_request(struct agent *a)
{
    cwmp_engine_connection_request(a->engine);
}

static void on_transfer_done(struct agent *a)
{
    cwmp_engine_transfer_done(a->engine);
}

static void on_reboot_when_idle(struct agent *a)
{
    cwmp_engine_reboot_when_idle(a->engine);
}

static bool on_session_busy(const struct agent *a)
{
    return cwmp_engine_busy(a->engine);
}

static bool on_session_usable(const struct agent *a)
{
    return cwmp_engine_usable(a->engine);
}

static bool on_cr_merges(const struct agent *a)
{
    return cwmp_engine_cr_merges(a->engine);
}

static bool on_shells_flushed(const struct agent *a)
{
    return !a->ctl || ctl_server_flush(a->ctl);
}

/* What a session engine answers and does, from its creation to its end. */
static void wire_engine_events(struct agent *a, bool on)
{
    a->events.values_changed = on ? on_values_changed : NULL;
    a->events.connection_request = on ? on_connection_request : NULL;
    a->events.transfer_done = on ? on_transfer_done : NULL;
    a->events.reboot_when_idle = on ? on_reboot_when_idle : NULL;
    a->events.session_busy = on ? on_session_busy : NULL;
    a->events.session_usable = on ? on_session_usable : NULL;
    a->events.cr_merges = on ? on_cr_merges : NULL;
    a->events.diagnostics_done = on ? on_diagnostics_done : NULL;
}

int agent_init_core(struct agent *a, const struct agent_options *opts, struct strbuf *err)
{
    memset(a, 0, sizeof *a);
    a->signal_fd = -1;
    a->foreground = opts->foreground;
    a->state_dir = xstrdup(opts->state_dir);
    a->socket_path = xstrdup(opts->socket_path ? opts->socket_path : "");
    if (opts->config_path) {
        a->startup_path = xstrdup(opts->config_path);
    } else {
        struct strbuf p = STRBUF_INIT;
        sb_printf(&p, "%s/startup-config", a->state_dir);
        a->startup_path = sb_detach(&p);
    }
    /* Without them (tests, fuzz targets) nothing acts on the machine and a reset empties. */
    a->hooks_dir = opts->hooks_dir ? xstrdup(opts->hooks_dir) : NULL;
    a->factory_config = opts->factory_config ? xstrdup(opts->factory_config) : NULL;
    a->flash_size = opts->flash_size;
    a->session_max_requests = opts->session_max_requests;
    a->session_max_seconds = opts->session_max_seconds;
    a->leases = xcalloc(1, sizeof *a->leases);
    a->events.config_changed = on_config_changed;
    a->events.transfers_kick = on_transfers_kick;
    a->events.acs_changed = on_acs_changed;
    a->events.tftp_offered = autoinstall_offer;
    a->events.shells_flushed = on_shells_flushed;
    a->started = time(NULL);
    a->started_mono = loop_now_ms();
    log_open(a);
    log_buffer_attach(a);
    a->loop = loop_new();
    a->running = config_store_new();
    a->grammar = grammar_new();
    if (!a->loop) {
        sb_puts(err, "cannot create the event loop");
        return -1;
    }
    a->spawner = spawner_new(a->loop);
    if (grammar_load_builtin(a->grammar, err) < 0 || grammar_finalize(a->grammar, err) < 0 ||
        agent_bind_handlers(a, err) < 0)
        return -1;
    int rc = dir_create_all(a->state_dir, 0750);
    if (rc < 0) {
        sb_printf(err, "cannot create state directory %s: %s", a->state_dir, strerror(-rc));
        return -1;
    }
    struct strbuf flash = STRBUF_INIT;
    sb_printf(&flash, "%s/flash", a->state_dir);
    a->flash_dir = sb_detach(&flash);
    if (flash_dir_create(a->flash_dir, err) < 0)
        return -1;
    a->dm = dm_new(err);
    if (!a->dm)
        return -1;
    struct strbuf path = STRBUF_INIT;
    sb_printf(&path, "%s/device-info", a->state_dir);
    struct strbuf warn = STRBUF_INIT;
    if (platform_identity(sb_str(&path), &a->id, &warn) < 0)
        agent_log(a, LOG_WARNING, "%%CWMP-4-DEVICEINFO: %s", sb_str(&warn));
    sb_reset(&path);
    sb_reset(&warn);
    sb_printf(&path, "%s/cwmp-state", a->state_dir);
    a->cwmp_state_path = sb_detach(&path);
    /* A state that cannot be read whole is set aside, not trusted in part. */
    if (cwmp_state_load(&a->cwmp, a->cwmp_state_path, &warn) < 0) {
        agent_log(a, LOG_ERR, "%%CWMP-3-STATE: %s; starting from an empty CWMP state",
                  sb_str(&warn));
        cwmp_state_free(&a->cwmp);
        cwmp_state_init(&a->cwmp);
    }
    sb_free(&warn);
    config_txn_settled(a);
    return 0;
}

int agent_init(struct agent *a, const struct agent_options *opts, struct strbuf *err)
{
    if (agent_init_core(a, opts, err) < 0 || setup_signals(a, err) < 0)
        return -1;
    agent_life_begin(a);
    /* Autoinstall (IOS's): armed when there is no startup-config to start from; the DHCP
     * client's hook starts it with the lease's TFTP server (cmd_autoinstall.c). */
    a->autoinstall.armed = !opts->no_autoinstall && access(a->startup_path, F_OK) != 0;
    config_startup_load(a);
    /* What is created next starts from the startup-config: not a change to announce. */
    config_txn_settled(a);
    a->ctl = ctl_server_new(a, a->socket_path, err);
    if (!a->ctl)
        return -1;
    /* Before the engine: its first notification scan must see the URL actually listened on. */
    struct cr_options cro = {.listen = opts->cr_listen, .rate = opts->cr_rate};
    a->cr = cr_server_new(a, &cro, err);
    if (!a->cr)
        return -1;
    a->stun = stun_client_new(a);
    a->transfer = transfer_engine_new(a);
    a->diag = diag_engine_new(a->loop);
    a->diag_http = diag_http_new(a->loop);
    /* Before the engine: its first scan counts the devices whose leases are still valid. */
    tr111_start(a, opts->dhcp_snoop, opts->ndhcp_snoop);
    wan_watch_start(a, opts->wan_dhcp, opts->nwan_dhcp);
    a->engine = cwmp_engine_new(a);
    wire_engine_events(a, true);
    transfer_engine_kick(a->transfer);
    /* The system's rules may be anything after a restart: the hook gets startup-config's. */
    a->nat_apply = nat_apply_new(a);
    nat_apply_check(a->nat_apply);
    config_archive_schedule(a);
    agent_log(a, LOG_NOTICE, "%%SYS-5-RESTART: cwmpd %s started, state in %s, control socket %s",
              PACKAGE_VERSION, a->state_dir, a->socket_path);
    return 0;
}

void agent_fini(struct agent *a)
{
    stun_client_free(a->stun);
    a->stun = NULL;
    cr_server_free(a->cr);
    a->cr = NULL;
    wire_engine_events(a, false);
    cwmp_engine_free(a->engine);
    a->engine = NULL;
    /* After the shells: one waiting for a copy detaches from its transfer as it goes. */
    ctl_server_free(a->ctl);
    a->ctl = NULL;
    transfer_engine_free(a->transfer);
    a->transfer = NULL;
    /* After the shells too: each cancels its test as it goes; the ACS's go first. */
    dm_diag_free(a);
    diag_engine_free(a->diag);
    a->diag = NULL;
    diag_http_free(a->diag_http);
    a->diag_http = NULL;
    wan_watch_stop(a);
    tr111_stop(a);
    lease_table_free(a->leases);
    free(a->leases);
    a->leases = NULL;
    nat_apply_free(a->nat_apply);
    a->nat_apply = NULL;
    spawn_cancel(a->reboot_hook);
    a->reboot_hook = NULL;
    /* After every owner of a child: what is left gets SIGKILL. */
    spawner_free(a->spawner);
    a->spawner = NULL;
    if (a->signal_fd >= 0)
        close(a->signal_fd);
    config_archive_free(a);
    autoinstall_free(a);
    loop_free(a->loop);
    dm_free(a->dm);
    cwmp_state_free(&a->cwmp);
    free(a->cwmp_state_path);
    grammar_free(a->grammar);
    config_store_free(a->running);
    a->running = NULL; /* nothing more is buffered */
    log_ring_free(&a->logbuf);
    log_buffer_detach(a);
    log_close(a);
    free(a->flash_dir);
    free(a->reload_by);
    free(a->restart_path);
    free(a->state_dir);
    free(a->hooks_dir);
    free(a->factory_config);
    free(a->acs_dhcp.url);
    free(a->acs_dhcp.provisioning_code);
    free(a->socket_path);
    free(a->startup_path);
}

int agent_run(struct agent *a)
{
    return loop_run(a->loop);
}
