/* The CWMP agent's identity towards the ACS, derived from the configuration and the device. */
#ifndef CWMP_CWMP_AGENT_H
#define CWMP_CWMP_AGENT_H

#include "strbuf.h"

struct agent;
struct config_store;

/* The User-Agent of every HTTP request cwmpd makes, to the ACS and to file servers: "cwmpd/"
 * and the version. */
const char *cwmp_user_agent(void);

/* ManagementServer.Username: as configured, else OUI-SerialNumber. */
void cwmp_acs_username(struct agent *a, const struct config_store *cs, struct strbuf *out);

#endif
