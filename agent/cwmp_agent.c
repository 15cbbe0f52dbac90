#include "cwmp_agent.h"

#include <arpa/inet.h>
#include <openssl/rand.h>
#include <stdio.h>

#include "agent.h"
#include "config_store.h"
#include "xalloc.h"

void cwmp_acs_username(struct agent *a, const struct config_store *cs, struct strbuf *out)
{
    if (cs->cwmp.username)
        sb_puts(out, cs->cwmp.username);
    else
        sb_printf(out, "%s-%s", a->id.oui, a->id.serial);
}

const char *cwmp_cr_path(struct agent *a)
{
    if (!a->cwmp.cr_path) {
        unsigned char raw[12];
        if (RAND_bytes(raw, sizeof raw) != 1)
            return "cwmp";
        char hex[2 * sizeof raw + 1];
        for (size_t i = 0; i < sizeof raw; i++)
            snprintf(hex + 2 * i, 3, "%02x", raw[i]);
        a->cwmp.cr_path = xstrdup(hex);
        a->cwmp_dirty = true;
    }
    return a->cwmp.cr_path;
}

void cwmp_connection_request_url(struct agent *a, const struct config_store *cs, struct strbuf *out)
{
    char addr[INET_ADDRSTRLEN] = "0.0.0.0";
    for (size_t i = 0; i < cs->nifs; i++)
        if (cs->ifs[i].cwmp_wan_default && cs->ifs[i].addr_mode == IF_ADDR_STATIC)
            inet_ntop(AF_INET, &cs->ifs[i].addr, addr, sizeof addr);
    sb_printf(out, "http://%s:%d/%s", addr, CWMP_CR_PORT, cwmp_cr_path(a));
}
