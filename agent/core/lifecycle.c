/* The device's life: a stop, a reload (cwmpd executes itself again, or the reboot hook reboots
 * the machine) and a factory reset, all carried out on the loop, which serves on meanwhile. */
#include "lifecycle.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "context.h"
#include "fileio.h"
#include "log.h"
#include "loop.h"
#include "persist.h"
#include "platform.h"

/* This life's end, written before the reload or stop is carried out: whatever happens next (the
 * reboot hook takes the machine down, the exec fails half-way), the next start knows the cause. */
static void record_end(struct agent *a, enum restart_how how, const char *by, const char *reason)
{
    if (a->end_recorded || !a->restart_path)
        return;
    struct restart_record r = {.how = how, .at = time(NULL)};
    snprintf(r.by, sizeof r.by, "%s", by);
    snprintf(r.reason, sizeof r.reason, "%s", reason);
    int rc = restart_record_write(a->restart_path, &r);
    if (rc < 0)
        agent_log(a, LOG_WARNING, "%%SYS-4-RELOAD: cannot record the reload's reason in %s: %s",
                  a->restart_path, strerror(-rc));
    a->end_recorded = true;
}

static void record_running(struct agent *a)
{
    struct restart_record r = {.how = RESTART_RUNNING};
    int rc = restart_record_write(a->restart_path, &r);
    if (rc < 0)
        agent_log(a, LOG_WARNING, "%%SYS-4-RELOAD: cannot record this start in %s: %s",
                  a->restart_path, strerror(-rc));
    a->end_recorded = false;
}

void agent_life_begin(struct agent *a)
{
    struct strbuf path = STRBUF_INIT;
    sb_printf(&path, "%s/%s", a->state_dir, RESTART_RECORD_FILE);
    free(a->restart_path);
    a->restart_path = sb_detach(&path);
    restart_record_read(a->restart_path, &a->last_restart);
    record_running(a);
}

void agent_stop_on_signal(struct agent *a, int signo)
{
    char by[32], reason[48];
    snprintf(by, sizeof by, "signal %d", signo);
    snprintf(reason, sizeof reason, "Stopped by signal %d", signo);
    record_end(a, RESTART_STOP, by, reason);
    agent_stop(a);
}

static void stop_loop(void *arg)
{
    struct agent *a = arg;
    loop_stop(a->loop);
}

/* cwmpd leaves: its children are stopped first (SIGTERM, SIGKILL after the grace period), on the
 * loop, so that no hook and nothing of a hook's process group outlives it. */
void agent_stop(struct agent *a)
{
    a->going_down = true;
    spawner_shutdown(a->spawner, stop_loop, a);
}

/* The exec of a reload: once the children are gone and the shells have their output (the reply
 * to `reload`, the message for those that monitor), or RELOAD_FLUSH_MS have passed. */
#define RELOAD_FLUSH_MS      1000
#define RELOAD_FLUSH_POLL_MS 10

static void exec_again(struct loop *loop, void *arg)
{
    struct agent *a = arg;
    if (!agent_shells_flushed(a) && loop_now_ms() < a->reload_deadline) {
        loop_timer_add(loop, RELOAD_FLUSH_POLL_MS, exec_again, a);
        return;
    }
    /* Every descriptor is close-on-exec: the new image opens its own. */
    execv("/proc/self/exe", a->argv);
    agent_log(a, LOG_ERR, "%%SYS-3-RELOAD: cannot execute cwmpd again: %s", strerror(errno));
    a->going_down = false;
    /* This life goes on: its end is still to come. */
    if (a->restart_path)
        record_running(a);
}

static void children_gone(void *arg)
{
    struct agent *a = arg;
    a->reload_deadline = loop_now_ms() + RELOAD_FLUSH_MS;
    exec_again(a->loop, a);
}

/* A child would outlive the exec unknown to the new image (a second nat-apply run alongside the
 * one the start makes): they are stopped first. */
static void restart(struct agent *a)
{
    if (!a->argv) {
        a->going_down = false;
        loop_stop(a->loop);
        return;
    }
    spawner_shutdown(a->spawner, children_gone, a);
}

/* The reboot hook reboots the machine; cwmpd serves on while it runs, and leaves once it
 * succeeded, so that if the machine stays up its service manager starts it again. When it fails,
 * cwmpd reloads itself. */
static void reboot_hook_ended(void *arg, int status)
{
    struct agent *a = arg;
    a->reboot_hook = NULL;
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
        agent_stop(a);
        return;
    }
    agent_log(a, LOG_ERR, "%%SYS-3-RELOAD: the reboot hook failed (status %d); reloading cwmpd",
              WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
    restart(a);
}

/* Returns false when there is no hook or it could not be started. */
static bool run_reboot_hook(struct agent *a)
{
    char *path = agent_hook_path(a, "reboot");
    if (!path)
        return false;
    const char *argv[] = {path, NULL};
    struct spawn_opts o = {.argv = argv,
                           .fd_in = SPAWN_FD_NULL,
                           .fd_out = SPAWN_FD_INHERIT,
                           .fd_err = SPAWN_FD_INHERIT};
    a->reboot_hook = spawn_start(a->spawner, &o, reboot_hook_ended, a);
    if (!a->reboot_hook)
        agent_log(a, LOG_ERR, "%%SYS-3-RELOAD: cannot run the reboot hook %s: %s; reloading cwmpd",
                  path, strerror(errno));
    free(path);
    return a->reboot_hook != NULL;
}

static const struct {
    const char *by, *reason;
} causes[] = {
    [RELOAD_COMMAND] = {"reload", "Reload Command"},
    [RELOAD_REBOOT_RPC] = {"Reboot RPC", "Reboot RPC from the ACS"},
    [RELOAD_FACTORY_RESET] = {"FactoryReset RPC", "FactoryReset RPC from the ACS"},
    [RELOAD_TRANSFER] = {"download", "Downloaded file installed"},
    [RELOAD_OTHER] = {"reload", "Reload"},
};

static void reload(struct agent *a, const char *by, enum reload_cause cause)
{
    /* One at a time: the one under way ends this life anyway. */
    if (a->going_down)
        return;
    a->going_down = true;
    record_end(a, RESTART_RELOAD, causes[cause].by, causes[cause].reason);
    agent_save_cwmp_state(a);
    if (by)
        agent_log(a, LOG_NOTICE, "%%SYS-5-RELOAD: Reload requested by %s. Reload Reason: %s.", by,
                  causes[cause].reason);
    else if (cause != RELOAD_OTHER)
        agent_log(a, LOG_NOTICE, "%%SYS-5-RELOAD: Reload requested. Reload Reason: %s.",
                  causes[cause].reason);
    else
        agent_log(a, LOG_NOTICE, "%%SYS-5-RELOAD: Reload requested");
    if (!run_reboot_hook(a))
        restart(a);
}

void agent_reload(struct agent *a)
{
    reload(a, NULL, RELOAD_OTHER);
}

void agent_reload_because(struct agent *a, enum reload_cause cause)
{
    reload(a, NULL, cause);
}

void agent_reload_by(struct agent *a, const char *by)
{
    reload(a, by, RELOAD_COMMAND);
}

void agent_factory_reset(struct agent *a)
{
    agent_log(a, LOG_NOTICE, "%%SYS-5-FACTORY_RESET: Erasing the configuration and the CWMP state");
    char *text = NULL;
    size_t len = 0;
    int rc = a->factory_config ? file_read_all(a->factory_config, STARTUP_CONFIG_MAX, &text, &len)
                               : -ENOENT;
    if (rc == 0)
        rc = file_write_atomic(a->startup_path, text, len, 0600);
    else if (rc == -ENOENT)
        rc = unlink(a->startup_path) < 0 && errno != ENOENT ? -errno : 0;
    free(text);
    if (rc < 0)
        agent_log(a, LOG_ERR, "%%SYS-3-FACTORY_RESET: cannot reset %s: %s", a->startup_path,
                  strerror(-rc));
    /* Instance numbers are never reused over the device's life: their counters stay. */
    struct strmap tables = a->cwmp.tables;
    a->cwmp.tables = (struct strmap){0};
    cwmp_state_free(&a->cwmp);
    cwmp_state_init(&a->cwmp);
    a->cwmp.tables = tables;
    agent_reload_because(a, RELOAD_FACTORY_RESET);
}
