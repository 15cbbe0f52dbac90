/* The ACS that DHCP names (TR-069 §3.1), kept in the agent's context: learnt from an option that
 * the DHCP client's hook hands over or that the WAN side's DHCP carried, forgotten when the lease
 * ends. The configuration wins over it (cwmp_agent.h): it is never part of running-config. */
#ifndef CWMP_ACS_DISCOVERY_H
#define CWMP_ACS_DISCOVERY_H

#include <stddef.h>
#include <stdint.h>

#include "dhcp_acs.h"
#include "strbuf.h"

struct agent;

/* Learns what the option's value (raw bytes) carries. Returns 1 when it named an ACS (a new URL
 * is logged, %CWMP-5-ACS_DHCP); 0 when it is well formed but names none (what DHCP gave before
 * stays); -1 when it is malformed (logged, %CWMP-4-ACS_DHCP; the reason in why). */
int acs_discovery_learn(struct agent *a, enum acs_dhcp_source src, const uint8_t *raw, size_t len,
                        struct strbuf *why);
/* The lease ended: forgets what DHCP named. Returns false when there was nothing. */
bool acs_discovery_forget(struct agent *a);

#endif
