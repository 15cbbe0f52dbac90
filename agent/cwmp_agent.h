/* The CWMP agent's identity towards the ACS, derived from the configuration and the device. */
#ifndef CWMP_CWMP_AGENT_H
#define CWMP_CWMP_AGENT_H

#include "strbuf.h"

struct agent;
struct config_store;

#define CWMP_CR_PORT 7547

/* ManagementServer.Username: as configured, else OUI-SerialNumber. */
void cwmp_acs_username(struct agent *a, const struct config_store *cs, struct strbuf *out);
/* ManagementServer.ConnectionRequestURL: http://ADDRESS:7547/PATH, the address of the cwmp wan
 * default interface (or the listener's, when cwmpd was told one). */
void cwmp_connection_request_url(struct agent *a, const struct config_store *cs,
                                 struct strbuf *out);
/* The random path of connection requests, made once and kept in the CWMP state. */
const char *cwmp_cr_path(struct agent *a);

#endif
