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
