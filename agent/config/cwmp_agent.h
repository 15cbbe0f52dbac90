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

/* What DHCP named (TR-069 §3.1) stands where the configuration gives nothing of its own: a URL,
 * a ProvisioningCode typed or set by the ACS wins over DHCP's, and so does a retry value other
 * than the default. These are the values in use and the ones the data model reads. */
const char *cwmp_acs_url(const struct agent *a, const struct config_store *cs);
const char *cwmp_provisioning_code(const struct agent *a, const struct config_store *cs);
unsigned cwmp_retry_wait_in_use(const struct agent *a, const struct config_store *cs);
unsigned cwmp_retry_multiplier_in_use(const struct agent *a, const struct config_store *cs);

#endif
