/* The commands an operator verifies a device with: show ip interface brief, show interfaces,
 * show running-config interface, show debugging, show privilege. The interfaces are the
 * configured ones; their live state is the Linux interface's each name maps to (platform.h). */
#include <arpa/inet.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "configuration.h"
#include "connreq.h"
#include "core.h"
#include "handlers.h"
#include "lan.h"
#include "platform.h"
#include "xalloc.h"

/* An address the interface holds: the configured one, or the one DHCP or a pool gave the Linux
 * interface. False when it has none. */
static bool iface_address(const struct iface *f, struct in_addr *addr, struct in_addr *mask)
{
    switch (f->addr_mode) {
    case IF_ADDR_STATIC:
        *addr = f->addr;
        *mask = f->mask;
        return true;
    case IF_ADDR_DHCP:
    case IF_ADDR_POOL:
        return platform_if_ipv4(f->name, addr, mask);
    case IF_ADDR_NONE:
        break;
    }
    return false;
}

static const char *method(const struct iface *f)
{
    switch (f->addr_mode) {
    case IF_ADDR_DHCP:
        return "DHCP";
    case IF_ADDR_NONE:
        return "unset";
    case IF_ADDR_STATIC:
    case IF_ADDR_POOL:
        break;
    }
    return "manual";
}

static const char *status(const struct iface *f, const struct if_stats *st)
{
    if (f->shutdown)
        return "administratively down";
    return st->up ? "up" : "down";
}

static const char *protocol(const struct iface *f, const struct if_stats *st)
{
    return !f->shutdown && st->up ? "up" : "down";
}

static int show_ip_interface_brief(struct cmd_call *c)
{
    const struct config_store *cs = call_store(c);
    sb_puts(c->out, "Interface              IP-Address      OK? Method Status                "
                    "Protocol\n");
    for (size_t i = 0; i < cs->nifs; i++) {
        const struct iface *f = &cs->ifs[i];
        struct if_stats st;
        platform_if_stats(f->name, &st);
        struct in_addr addr, mask;
        char ip[INET_ADDRSTRLEN] = "unassigned";
        if (iface_address(f, &addr, &mask))
            inet_ntop(AF_INET, &addr, ip, sizeof ip);
        sb_printf(c->out, "%-22s %-15s YES %-6s %-21s %s\n", f->name, ip, method(f), status(f, &st),
                  protocol(f, &st));
    }
    return 0;
}

static int prefix_length(struct in_addr mask)
{
    int n = 0;
    for (uint32_t m = ntohl(mask.s_addr); m & 0x80000000u; m <<= 1)
        n++;
    return n;
}

/* "AA:BB:CC:00:01:00" as IOS writes it: "aabb.cc00.0100". */
static void ios_mac(const char *mac, char out[15])
{
    size_t n = 0;
    for (const char *p = mac; *p && n < 14; p++) {
        if (!isxdigit((unsigned char)*p))
            continue;
        if (n == 4 || n == 9)
            out[n++] = '.';
        out[n++] = (char)tolower((unsigned char)*p);
    }
    out[n] = '\0';
}

/* IOS's hardware type of an interface, from its name's type. */
static void hardware(const char *name, char *out, size_t cap)
{
    if (iface_is_ethernet(name)) {
        snprintf(out, cap, "Ethernet");
        return;
    }
    size_t a = 0;
    while (isalpha((unsigned char)name[a]))
        a++;
    if (a == 4 && !strncmp(name, "Vlan", 4))
        snprintf(out, cap, "EtherSVI");
    else
        snprintf(out, cap, "%.*s", (int)a, name);
}

static void speed_duplex(const struct iface *f, const struct if_stats *st, struct strbuf *out)
{
    if (st->present && st->speed_mbps) {
        sb_printf(out, "  %s-duplex, %uMb/s\n", st->full_duplex ? "Full" : "Half", st->speed_mbps);
        return;
    }
    const char *duplex = f->duplex == IF_DUPLEX_FULL   ? "Full"
                         : f->duplex == IF_DUPLEX_HALF ? "Half"
                                                       : "Auto";
    if (f->speed)
        sb_printf(out, "  %s-duplex, %dMb/s\n", duplex, f->speed);
    else
        sb_printf(out, "  %s-duplex, Auto-speed\n", duplex);
}

static void show_one(const struct iface *f, struct strbuf *out)
{
    struct if_stats st;
    platform_if_stats(f->name, &st);
    sb_printf(out, "%s is %s, line protocol is %s\n", f->name, status(f, &st), protocol(f, &st));
    char hw[32], mac[15];
    hardware(f->name, hw, sizeof hw);
    ios_mac(st.mac, mac);
    sb_printf(out, "  Hardware is %s, address is %s (bia %s)\n", hw, mac, mac);
    if (f->description)
        sb_printf(out, "  Description: %s\n", f->description);
    struct in_addr addr, mask;
    if (iface_address(f, &addr, &mask)) {
        char ip[INET_ADDRSTRLEN];
        inet_ntop(AF_INET, &addr, ip, sizeof ip);
        sb_printf(out, "  Internet address is %s/%d\n", ip, prefix_length(mask));
    } else if (f->addr_mode == IF_ADDR_DHCP) {
        sb_puts(out, "  Internet address will be negotiated using DHCP\n");
    }
    unsigned mbps = st.speed_mbps ? st.speed_mbps : f->speed > 0 ? (unsigned)f->speed : 100;
    sb_printf(out, "  MTU %d bytes, BW %lu Kbit/sec, DLY 100 usec,\n", iface_ip_mtu(f),
              (unsigned long)mbps * 1000ul);
    sb_puts(out, "     reliability 255/255, txload 1/255, rxload 1/255\n");
    if (iface_is_ethernet(f->name)) {
        sb_puts(out, "  Encapsulation ARPA, loopback not set\n");
        speed_duplex(f, &st, out);
    }
    sb_printf(out,
              "  Input queue: 0/75/%llu/0 (size/max/drops/flushes); Total output drops: %llu\n",
              (unsigned long long)st.rx_dropped, (unsigned long long)st.tx_dropped);
    sb_puts(out, "  5 minute input rate 0 bits/sec, 0 packets/sec\n");
    sb_puts(out, "  5 minute output rate 0 bits/sec, 0 packets/sec\n");
    sb_printf(out, "     %llu packets input, %llu bytes, 0 no buffer\n",
              (unsigned long long)st.rx_packets, (unsigned long long)st.rx_bytes);
    sb_printf(out, "     %llu input errors, 0 CRC, 0 frame, 0 overrun, 0 ignored\n",
              (unsigned long long)st.rx_errors);
    sb_printf(out, "     %llu packets output, %llu bytes, 0 underruns\n",
              (unsigned long long)st.tx_packets, (unsigned long long)st.tx_bytes);
    sb_printf(out, "     %llu output errors, 0 collisions, 0 interface resets\n",
              (unsigned long long)st.tx_errors);
}

static const struct iface *named_iface(struct cmd_call *c)
{
    const char *name = cmd_arg(c, "ifname");
    const struct iface *f = config_iface_find(call_store(c), name);
    if (!f)
        cmd_fail(c, "Interface %s does not exist", name);
    return f;
}

static int show_interfaces(struct cmd_call *c)
{
    if (cmd_arg(c, "ifname")) {
        const struct iface *f = named_iface(c);
        if (!f)
            return -1;
        show_one(f, c->out);
        return 0;
    }
    const struct config_store *cs = call_store(c);
    for (size_t i = 0; i < cs->nifs; i++)
        show_one(&cs->ifs[i], c->out);
    return 0;
}

static int show_running_config_interface(struct cmd_call *c)
{
    const struct iface *f = named_iface(c);
    if (!f)
        return -1;
    struct strbuf text = STRBUF_INIT;
    sb_puts(&text, "!\n");
    config_render_iface(f, &text);
    sb_puts(&text, "end\n");
    sb_printf(c->out, "Building configuration...\n\nCurrent configuration : %zu bytes\n", text.len);
    sb_append(c->out, text.buf, text.len);
    sb_free(&text);
    return 0;
}

static int show_debugging(struct cmd_call *c)
{
    unsigned debug = call_agent(c)->debug;
    if (debug & DEBUG_CWMP)
        sb_puts(c->out, "CWMP:\n  CWMP debugging is on\n");
    if (debug & DEBUG_HTTP_COOKIE)
        sb_puts(c->out, "HTTP Client:\n  HTTP Client Cookie debugging is on\n");
    return 0;
}

static int show_privilege(struct cmd_call *c)
{
    sb_printf(c->out, "Current privilege level is %d\n", c->session->privilege);
    return 0;
}

/* IOS's Ethernet client identifier: 01 and the MAC address, in groups of four hex digits. */
static void client_id(const uint8_t mac[6], char out[18])
{
    char hex[15];
    snprintf(hex, sizeof hex, "01%02x%02x%02x%02x%02x%02x", mac[0], mac[1], mac[2], mac[3], mac[4],
             mac[5]);
    size_t o = 0;
    for (size_t i = 0; hex[i]; i++) {
        if (i && i % 4 == 0)
            out[o++] = '.';
        out[o++] = hex[i];
    }
    out[o] = '\0';
}

/* One line of the table: a lease cwmpd saw granted, or a pool's manual binding. */
struct binding_row {
    struct in_addr addr;
    char id[DHCP_BINDING_ID_MAX * 5 / 2 + 1]; /* dotted hex: two bytes to five characters */
    char when[32];
    const char *type;
};

static int by_address(const void *a, const void *b)
{
    uint32_t x = ntohl(((const struct binding_row *)a)->addr.s_addr);
    uint32_t y = ntohl(((const struct binding_row *)b)->addr.s_addr);
    return x < y ? -1 : x > y;
}

static bool manual_binding(const struct dhcp_pool *p)
{
    return p->has_host && p->client_len;
}

/* A lease of a manual binding's address is that binding, granted: IOS lists an address once. */
static bool manual_address(const struct config_store *cs, struct in_addr a)
{
    for (size_t i = 0; i < cs->npools; i++)
        if (manual_binding(&cs->pools[i]) && cs->pools[i].host.s_addr == a.s_addr)
            return true;
    return false;
}

static int show_ip_dhcp_binding(struct cmd_call *c)
{
    const struct lease_table *t = call_agent(c)->leases;
    const struct config_store *cs = call_store(c);
    sb_puts(c->out, "Bindings from all pools not associated with VRF:\n"
                    "IP address          Client-ID/              Lease expiration        Type\n"
                    "                    Hardware address/\n"
                    "                    User name\n");
    struct binding_row *v = xcalloc(t->n + cs->npools + 1, sizeof *v);
    size_t n = 0;
    for (size_t i = 0; i < t->n; i++) {
        const struct lease *l = &t->v[i];
        if (!lease_bound(l) || manual_address(cs, l->addr))
            continue;
        struct binding_row *r = &v[n++];
        r->addr = l->addr;
        client_id(l->mac, r->id);
        time_t expires = (time_t)l->expires;
        struct tm tm;
        if (l->infinite || !localtime_r(&expires, &tm))
            snprintf(r->when, sizeof r->when, "Infinite");
        else
            strftime(r->when, sizeof r->when, "%b %d %Y %I:%M %p", &tm);
        r->type = "Automatic";
    }
    /* IOS shows a manual binding's hardware-address or client-identifier as it was typed (dotted
     * hex), and it never expires. */
    for (size_t i = 0; i < cs->npools; i++) {
        const struct dhcp_pool *p = &cs->pools[i];
        if (!manual_binding(p))
            continue;
        struct binding_row *r = &v[n++];
        r->addr = p->host;
        struct strbuf id = STRBUF_INIT;
        dhcp_hex_text(p->client, p->client_len, &id);
        snprintf(r->id, sizeof r->id, "%s", sb_str(&id));
        sb_free(&id);
        snprintf(r->when, sizeof r->when, "Infinite");
        r->type = "Manual";
    }
    qsort(v, n, sizeof *v, by_address);
    for (size_t i = 0; i < n; i++) {
        char addr[INET_ADDRSTRLEN];
        inet_ntop(AF_INET, &v[i].addr, addr, sizeof addr);
        sb_printf(c->out, "%-20s%-24s%-24s%s\n", addr, v[i].id, v[i].when, v[i].type);
    }
    free(v);
    return 0;
}

static int show_ip_http_server_status(struct cmd_call *c)
{
    const struct agent *a = call_agent(c);
    const struct config_store *cs = a->running;
    sb_printf(c->out,
              "HTTP server status: %s\n"
              "HTTP server port: %u\n"
              "HTTP server digest algorithm: md5\n"
              "HTTP secure server capability: Present\n"
              "HTTP secure server status: %s\n"
              "HTTP secure server port: %u\n"
              "HTTP secure server client authentication: Disabled\n",
              cs->http_server ? "Enabled" : "Disabled", cr_server_port(a->cr, false),
              cs->http_secure_server ? "Enabled" : "Disabled", cr_server_port(a->cr, true));
    return 0;
}

static const struct cmd_binding table[] = {
    {"show_ip_http_server_status", show_ip_http_server_status, ""},
    {"show_ip_dhcp_binding", show_ip_dhcp_binding, ""},
    {"show_ip_interface_brief", show_ip_interface_brief, ""},
    {"show_interfaces", show_interfaces, "ifname"},
    {"show_running_config_interface", show_running_config_interface, "ifname"},
    {"show_debugging", show_debugging, ""},
    {"show_privilege", show_privilege, ""},
};
HANDLER_TABLE(verify_handlers, table);
