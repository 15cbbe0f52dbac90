#include "cwmp_agent.h"

#include <arpa/inet.h>
#include <openssl/rand.h>
#include <stdio.h>
#include <string.h>

#include "context.h"
#include "config_net.h"
#include "config_store.h"
#include "cr_policy.h"
#include "cr_server.h"
#include "platform.h"
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

bool cwmp_wan_default_ipv4(struct agent *a, struct config_store *cs, struct in_addr *addr)
{
    (void)a;
    return config_wan_default_ipv4(cs, addr);
}

void cwmp_connection_request_url(struct agent *a, struct config_store *cs, struct strbuf *out)
{
    struct sockaddr_storage ss;
    bool specific, https = false;
    if (a->cr) {
        specific = cr_server_endpoint(a->cr, &ss, &https);
    } else {
        /* No server (unit tests): where it would listen by default. */
        memset(&ss, 0, sizeof ss);
        struct sockaddr_in *s4 = (struct sockaddr_in *)&ss;
        s4->sin_family = AF_INET;
        s4->sin_port = htons(CWMP_CR_PORT);
        specific = cwmp_wan_default_ipv4(a, cs, &s4->sin_addr);
    }
    /* Listening on every address: the URL needs one of them, the system's first that is not
     * loopback (0.0.0.0 when there is none). */
    if (!specific && ss.ss_family == AF_INET) {
        struct in_addr any;
        if (platform_first_ipv4(&any))
            ((struct sockaddr_in *)&ss)->sin_addr = any;
    }
    sb_puts(out, https ? "https://" : "http://");
    cr_format_endpoint((const struct sockaddr *)&ss, out);
    sb_printf(out, "/%s", cwmp_cr_path(a));
}
