/* The ACS that DHCP names, learnt and forgotten (acs_discovery.h). */
#include "acs_discovery.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "configuration.h"
#include "core.h"
#include "http_url.h"
#include "xalloc.h"

static void clear(struct agent *a)
{
    free(a->acs_dhcp.url);
    free(a->acs_dhcp.provisioning_code);
    memset(&a->acs_dhcp, 0, sizeof a->acs_dhcp);
}

/* Who uses the URL, the ProvisioningCode and the retry values looks again; ProvisioningCode is a
 * forced-active parameter, so a change of it is a value change the ACS hears of. */
static void announce(struct agent *a)
{
    agent_acs_changed(a);
    agent_values_changed(a);
}

int acs_discovery_learn(struct agent *a, enum acs_dhcp_source src, const uint8_t *raw, size_t len,
                        struct strbuf *why)
{
    struct acs_dhcp d;
    int rc = dhcp_acs_parse(src, raw, len, &d, why);
    if (rc < 0) {
        /* why names the option already. */
        agent_log(a, LOG_WARNING, "%%CWMP-4-ACS_DHCP: DHCP refused: %s", sb_str(why));
        return -1;
    }
    if (rc == 0)
        return 0;
    bool same = a->acs_dhcp.url && !strcmp(a->acs_dhcp.url, d.url);
    clear(a);
    a->acs_dhcp.url = xstrdup(d.url);
    if (d.has_provisioning_code)
        a->acs_dhcp.provisioning_code = xstrdup(d.provisioning_code);
    a->acs_dhcp.min_wait = d.has_min_wait ? d.min_wait : 0;
    a->acs_dhcp.multiplier = d.has_multiplier ? d.multiplier : 0;
    snprintf(a->acs_dhcp.source, sizeof a->acs_dhcp.source, "%s", dhcp_acs_source_name(src));
    a->acs_dhcp.learnt = time(NULL);
    if (!same) {
        struct strbuf url = STRBUF_INIT;
        url_display(d.url, &url);
        agent_log(a, LOG_NOTICE, "%%CWMP-5-ACS_DHCP: ACS URL %s learnt from DHCP %s%s",
                  sb_str(&url), dhcp_acs_source_name(src),
                  a->running->cwmp.url ? " (not used: the configured URL wins)" : "");
        sb_free(&url);
    }
    announce(a);
    return 1;
}

bool acs_discovery_forget(struct agent *a)
{
    if (!a->acs_dhcp.url)
        return false;
    agent_log(a, LOG_NOTICE, "%%CWMP-5-ACS_DHCP: the ACS URL learnt from DHCP is forgotten");
    clear(a);
    announce(a);
    return true;
}
