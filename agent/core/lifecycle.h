/* The device's life: stop, reload, reboot, factory reset. */
#ifndef CWMP_LIFECYCLE_H
#define CWMP_LIFECYCLE_H

struct agent;

/* cwmpd leaves: its children are stopped first (SIGTERM, SIGKILL after the grace period), on the
 * loop, so that no hook and nothing of a hook's process group outlives it; then the loop ends. */
void agent_stop(struct agent *a);

/* Why a reload happens: show version's "System returned to ROM by" and "Last reload reason" after
 * it. */
enum reload_cause {
    RELOAD_COMMAND,       /* the reload command */
    RELOAD_REBOOT_RPC,    /* the ACS's Reboot */
    RELOAD_FACTORY_RESET, /* the ACS's FactoryReset */
    RELOAD_TRANSFER,      /* a downloaded firmware or configuration file installed */
    RELOAD_OTHER,
};

/* This life begins: reads how the previous one ended (a->last_restart) and records this one as
 * running, so that a crash is known as one at the next start. */
void agent_life_begin(struct agent *a);

/* A stop asked by a signal (SIGTERM, SIGINT): recorded as the end of this life, then agent_stop. */
void agent_stop_on_signal(struct agent *a, int signo);

/* A reload: cwmpd executes itself again (the same program and options), as a CPE without a
 * reboot hook restarts, and reads its startup-config; the CWMP state is saved first. With a reboot
 * hook, the hook runs and cwmpd leaves when it succeeds (the machine goes down). All of it happens
 * from the loop, which goes on serving meanwhile: this returns at once. */
void agent_reload(struct agent *a);
void agent_reload_because(struct agent *a, enum reload_cause cause);
/* The same, for the `reload` command: the message names who asked ("admin on vty 0"). */
void agent_reload_by(struct agent *a, const char *by);

/* FactoryReset: startup-config becomes the factory configuration (or nothing), the CWMP state is
 * forgotten but for the instance-number counters (numbers are never reused), then a reload; the
 * next contact is 0 BOOTSTRAP. The flash: files stay, as IOS's `write erase` keeps them. */
void agent_factory_reset(struct agent *a);

#endif
