/* What goes up: the notices and questions that a room sends to rooms above it, which it may not
 * include. The composition root (agent.c) fills in struct agent_events with the functions of the
 * rooms that act on them; a member left NULL (a unit test without a CWMP engine, say) makes the
 * notice do nothing and the question answer as an absent engine would. */
#ifndef CWMP_EVENTS_H
#define CWMP_EVENTS_H

#include <stdbool.h>

struct agent;

struct agent_events {
    /* The running configuration changed (a command, the ACS): the CWMP engine, the
     * connection-request server, TR-111 and the nat-apply hook look at it again. */
    void (*config_changed)(struct agent *a);
    /* Values an ACS may watch changed outside the configuration (a lease, a connection-request
     * counter): the CWMP engine scans for notifications. */
    void (*values_changed)(struct agent *a);
    /* The connection-request server accepted a request: a session with 6 CONNECTION REQUEST. */
    void (*connection_request)(struct agent *a);
    /* A transfer completed: its TransferComplete is owed to the ACS. */
    void (*transfer_done)(struct agent *a);
    /* An installed download needs a reboot, once no session runs. */
    void (*reboot_when_idle)(struct agent *a);
    /* No session runs any more: the transfer engine and the ACS's diagnostics may start what is
     * due. */
    void (*transfers_kick)(struct agent *a);
    /* A diagnostic test the ACS asked for ended: 8 DIAGNOSTICS COMPLETE is owed. */
    void (*diagnostics_done)(struct agent *a);
    /* DHCP named an ACS, or another, or the lease that named it ended (TR-069 §3.1): the CWMP
     * engine, the connection-request server and STUN look at the ACS they use again. */
    void (*acs_changed)(struct agent *a);
    /* A DHCP lease offered TFTP servers (comma-separated) and a boot file (NULL: none):
     * autoinstall may start (transfer.h). */
    void (*tftp_offered)(struct agent *a, const char *servers, const char *bootfile);

    /* Questions to the CWMP engine. Is a session running? */
    bool (*session_busy)(const struct agent *a);
    /* Can a session be started at all (enabled, with an ACS URL)? */
    bool (*session_usable)(const struct agent *a);
    /* Would a connection request now merge into a session that is already wanted? */
    bool (*cr_merges)(const struct agent *a);
    /* Have the shells taken all their output (a reload's exec waits for it)? */
    bool (*shells_flushed)(const struct agent *a);
};

void agent_config_changed(struct agent *a);
void agent_values_changed(struct agent *a);
void agent_connection_request(struct agent *a);
void agent_transfer_done(struct agent *a);
void agent_reboot_when_idle(struct agent *a);
void agent_transfers_kick(struct agent *a);
void agent_diagnostics_done(struct agent *a);
void agent_acs_changed(struct agent *a);
void agent_tftp_offered(struct agent *a, const char *servers, const char *bootfile);
bool agent_session_busy(const struct agent *a);
bool agent_session_usable(const struct agent *a);
bool agent_cr_merges(const struct agent *a);
bool agent_shells_flushed(const struct agent *a);

#endif
