/* The lease commands (cwmp lease add/delete), the ACS that DHCP names (cwmp acs-discovery) and show
 * cwmp manageable-devices (tr111.h). */
#include <arpa/inet.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cwmp.h"
#include "handlers.h"
#include "http_url.h"
#include "lan.h"
#include "xalloc.h"

static int cwmp_lease_add(struct cmd_call *c)
{
    struct agent *a = call_agent(c);
    struct lease l = {0};
    const char *mac = cmd_arg(c, "mac");
    if (!mac_parse(mac, l.mac))
        return cmd_fail(c, "Invalid MAC address %s", mac);
    l.addr = arg_ipv4(c, "address");
    if (!l.addr.s_addr)
        return cmd_fail(c, "Invalid address %s", cmd_arg(c, "address"));
    l.infinite = cmd_has(c, "infinite");
    l.expires = (long long)time(NULL) + (l.infinite ? 0 : arg_long(c, "seconds"));
    const char *iface = cmd_arg(c, "iface");
    if (iface && !tr111_iface_name(a, iface, l.ifname))
        return cmd_fail(c, "No interface %s in the configuration", iface);
    const char *oui = cmd_arg(c, "oui");
    if (oui) {
        /* The operator's convenience: lower case is taken (DHCP's own option 125 is strict). */
        char up[TR111_OUI_LEN + 1] = "";
        size_t n = strlen(oui);
        for (size_t i = 0; i < n && i < TR111_OUI_LEN; i++)
            up[i] = (char)(oui[i] >= 'a' && oui[i] <= 'f' ? oui[i] - 'a' + 'A' : oui[i]);
        const char *serial = cmd_arg(c, "serial"), *cls = cmd_arg(c, "class");
        const char *bad = tr111_oui_problem((const uint8_t *)up, n, l.id.oui);
        if (bad)
            return cmd_fail(c, "Invalid OUI %s: %s", oui, bad);
        bad = tr111_text_problem((const uint8_t *)serial, strlen(serial), 1, TR111_FIELD_MAX);
        if (bad)
            return cmd_fail(c, "Invalid serial number: %s", bad);
        if (cls &&
            (bad = tr111_text_problem((const uint8_t *)cls, strlen(cls), 0, TR111_FIELD_MAX)))
            return cmd_fail(c, "Invalid product class: %s", bad);
        snprintf(l.id.serial, sizeof l.id.serial, "%s", serial);
        snprintf(l.id.product_class, sizeof l.id.product_class, "%s", cls ? cls : "");
        l.has_identity = true;
    }
    const char *host = cmd_arg(c, "hostname");
    if (host) {
        if (tr111_text_problem((const uint8_t *)host, strlen(host), 1, DHCP_HOSTNAME_MAX))
            return cmd_fail(c, "Invalid host name");
        snprintf(l.hostname, sizeof l.hostname, "%s", host);
    }
    if (!tr111_lease_set(a, &l))
        return cmd_fail(c, "Lease table full (%d leases)", LEASES_MAX);
    return 0;
}

static int cwmp_lease_delete(struct cmd_call *c)
{
    uint8_t mac[6];
    const char *text = cmd_arg(c, "mac");
    if (!mac_parse(text, mac))
        return cmd_fail(c, "Invalid MAC address %s", text);
    if (!tr111_lease_delete(call_agent(c), mac))
        return cmd_fail(c, "No lease for %s", text);
    return 0;
}

static void cell(struct strbuf *out, const char *s, size_t width)
{
    sb_puts(out, s);
    size_t n = strlen(s);
    sb_pad(out, ' ', (n < width ? width - n : 0) + 2);
}

static size_t widest(size_t w, const char *s)
{
    size_t n = strlen(s);
    return n > w ? n : w;
}

static int show_cwmp_manageable_devices(struct cmd_call *c)
{
    struct agent *a = call_agent(c);
    struct strbuf where = STRBUF_INIT;
    tr111_snooping(a, &where);
    /* Devices are identities (one device may hold several leases), as ManageableDevice counts. */
    size_t devices = 0, leases = 0, rows = 0;
    for (size_t i = 0; i < a->leases->n; i++) {
        const struct lease *l = &a->leases->v[i];
        leases += lease_bound(l);
        if (!tr111_manageable(l))
            continue;
        rows++;
        bool first = true;
        for (size_t j = 0; j < i && first; j++)
            first = !tr111_manageable(&a->leases->v[j]) ||
                    !tr111_same_identity(&a->leases->v[j].id, &l->id);
        devices += first;
    }
    sb_printf(c->out, "DHCP snooping          : %s\n", sb_str(&where));
    sb_printf(c->out, "Manageable devices     : %zu\n", devices);
    sb_printf(c->out, "DHCP leases            : %zu\n", leases);
    sb_free(&where);
    if (!rows)
        return 0;
    static const char *const head[] = {"OUI",         "Serial number", "Product class",
                                       "MAC address", "IP address",    "Interface",
                                       "Lease (s)"};
    size_t w[7];
    for (int k = 0; k < 7; k++)
        w[k] = strlen(head[k]);
    long long now = (long long)time(NULL);
    for (int pass = 0; pass < 2; pass++) {
        if (pass == 1) {
            sb_putc(c->out, '\n');
            for (int k = 0; k < 7; k++)
                k < 6 ? cell(c->out, head[k], w[k]) : sb_puts(c->out, head[k]);
            sb_putc(c->out, '\n');
        }
        for (size_t i = 0; i < a->leases->n; i++) {
            const struct lease *l = &a->leases->v[i];
            if (!tr111_manageable(l))
                continue;
            char mac[18], addr[INET_ADDRSTRLEN], left[24];
            mac_format(l->mac, mac);
            inet_ntop(AF_INET, &l->addr, addr, sizeof addr);
            if (l->infinite)
                snprintf(left, sizeof left, "infinite");
            else
                snprintf(left, sizeof left, "%lld", lease_remaining(l, now));
            const char *v[7] = {l->id.oui, l->id.serial, l->id.product_class,
                                mac,       addr,         l->ifname[0] ? l->ifname : "-",
                                left};
            for (int k = 0; k < 7; k++) {
                if (pass == 0)
                    w[k] = widest(w[k], v[k]);
                else if (k < 6)
                    cell(c->out, v[k], w[k]);
                else
                    sb_puts(c->out, v[k]);
            }
            if (pass == 1)
                sb_putc(c->out, '\n');
        }
    }
    return 0;
}

/* The DHCP client's hook hands over the option as it got it (hexadecimal); cwmpd's own parser
 * judges it, so that every client's hook stays a line of shell. */
static int cwmp_acs_discovery(struct cmd_call *c)
{
    struct agent *a = call_agent(c);
    enum acs_dhcp_source src = cmd_has(c, "option43")    ? ACS_DHCP_OPT43
                               : cmd_has(c, "option125") ? ACS_DHCP_OPT125
                                                         : ACS_DHCP_V6_OPT17;
    uint8_t raw[1024];
    long n = dhcp_hex_decode(cmd_arg(c, "hex"), raw, sizeof raw);
    if (n < 0)
        return cmd_fail(c, "Invalid %s: not hexadecimal bytes", dhcp_acs_source_name(src));
    struct strbuf why = STRBUF_INIT;
    int rc = acs_discovery_learn(a, src, raw, (size_t)n, &why);
    int ret = 0;
    if (rc < 0)
        ret = cmd_fail(c, "Invalid %s", sb_str(&why)); /* why names the option already */
    else if (rc == 0)
        ret = cmd_fail(c, "No ACS URL in %s", dhcp_acs_source_name(src));
    sb_free(&why);
    return ret;
}

static int cwmp_acs_discovery_clear(struct cmd_call *c)
{
    acs_discovery_forget(call_agent(c));
    return 0;
}

static const struct cmd_binding table[] = {
    {"cwmp_acs_discovery", cwmp_acs_discovery, "option43 option125 option17 hex"},
    {"cwmp_acs_discovery_clear", cwmp_acs_discovery_clear, ""},
    {"cwmp_lease_add", cwmp_lease_add,
     "mac address infinite seconds iface oui serial class hostname"},
    {"cwmp_lease_delete", cwmp_lease_delete, "mac"},
    {"show_cwmp_manageable_devices", show_cwmp_manageable_devices, ""},
};
HANDLER_TABLE(lease_handlers, table);
