/* The composition root: builds every room of the agent (context.h), wires the events that go up,
 * runs the loop. The services the rooms still call from here are declared below until each has
 * moved into the room it belongs to. */
#ifndef CWMP_AGENT_H
#define CWMP_AGENT_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "configuration.h"
#include "core.h"
#include "lan.h"

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
    /* --session-limit N/S: the ACS requests and seconds a session may take; 0: the default. */
    unsigned session_max_requests, session_max_seconds;
    /* --dhcp-snoop IFNAME...: the Linux interfaces whose DHCP is watched (tr111.h); none given:
     * the LAN interfaces of the configuration; the single name "none": no watching. */
    const char *const *dhcp_snoop;
    size_t ndhcp_snoop;
    /* --wan-dhcp IFNAME...: the Linux interfaces whose own DHCP leases are read for the ACS and
     * autoinstall (wan_watch.h); none given: the cwmp wan interfaces of the configuration; the
     * single name "none": no watching. */
    const char *const *wan_dhcp;
    size_t nwan_dhcp;
    bool no_autoinstall; /* --no-autoinstall: no startup-config is not a reason to fetch one */
};

/* Everything but serving: the grammar, the handlers, an empty store and the state directory,
 * without the control socket, signals or startup-config (for tests and fuzz targets). */
int agent_init_core(struct agent *a, const struct agent_options *opts, struct strbuf *err);
/* agent_init_core, then signals, startup-config and the control socket. */
int agent_init(struct agent *a, const struct agent_options *opts, struct strbuf *err);
void agent_fini(struct agent *a);
int agent_run(struct agent *a);

#endif
