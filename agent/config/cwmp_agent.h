/* The CWMP agent's identity towards the ACS, derived from the configuration and the device. */
#ifndef CWMP_CWMP_AGENT_H
#define CWMP_CWMP_AGENT_H

#include <stdbool.h>

#include "strbuf.h"

struct agent;
struct config_store;

#define CWMP_CR_PORT     7547 /* IANA's cwmp port: connection requests over HTTP */
#define CWMP_CR_TLS_PORT 7548 /* and over HTTPS (ip http secure-server): the next one */

/* ManagementServer.Username: as configured, else OUI-SerialNumber. */
void cwmp_acs_username(struct agent *a, const struct config_store *cs, struct strbuf *out);
/* ManagementServer.ConnectionRequestURL: http(s)://ADDRESS:PORT/PATH where the connection-request
 * server listens (cr_server.h), or would listen when it does not: port 7547 of the cwmp wan
 * default interface's address, or the --listen address and port. */
void cwmp_connection_request_url(struct agent *a, struct config_store *cs, struct strbuf *out);
/* The cwmp wan default interface's IPv4 address: configured, from its pool, or obtained by DHCP.
 * False when there is no such interface or it has no address. */
struct in_addr;
bool cwmp_wan_default_ipv4(struct agent *a, struct config_store *cs, struct in_addr *addr);
/* The random path of connection requests, made once and kept in the CWMP state. */
const char *cwmp_cr_path(struct agent *a);

#endif
