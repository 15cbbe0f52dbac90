#include "cwmp_agent.h"

#include "config.h"
#include "config_store.h"
#include "core.h"

void cwmp_acs_username(struct agent *a, const struct config_store *cs, struct strbuf *out)
{
    if (cs->cwmp.username)
        sb_puts(out, cs->cwmp.username);
    else
        sb_printf(out, "%s-%s", a->id.oui, a->id.serial);
}

const char *cwmp_user_agent(void)
{
    return "cwmpd/" PACKAGE_VERSION;
}

const char *cwmp_acs_url(const struct agent *a, const struct config_store *cs)
{
    return cs->cwmp.url ? cs->cwmp.url : a->acs_dhcp.url;
}

const char *cwmp_provisioning_code(const struct agent *a, const struct config_store *cs)
{
    return cs->cwmp.provision_code ? cs->cwmp.provision_code : a->acs_dhcp.provisioning_code;
}

unsigned cwmp_retry_wait_in_use(const struct agent *a, const struct config_store *cs)
{
    if (cs->cwmp.retry_wait != CWMP_DEFAULT_RETRY_WAIT || !a->acs_dhcp.min_wait)
        return cs->cwmp.retry_wait;
    return a->acs_dhcp.min_wait;
}

unsigned cwmp_retry_multiplier_in_use(const struct agent *a, const struct config_store *cs)
{
    if (cs->cwmp.retry_multiplier != CWMP_DEFAULT_RETRY_MULTIPLIER || !a->acs_dhcp.multiplier)
        return cs->cwmp.retry_multiplier;
    return a->acs_dhcp.multiplier;
}
