/* The DHCP server: the service, exclusions, pools and their options (LANHostConfigManagement). */
#include <arpa/inet.h>
#include <ctype.h>
#include <strings.h>
#include <stdio.h>
#include <string.h>

#include "configuration.h"
#include "handlers.h"
#include "xalloc.h"

#define POOL_NAME_MAX 64

static int dhcp_excluded_address(struct cmd_call *c)
{
    struct config_store *cs = call_store(c);
    struct dhcp_excluded e = {.low = arg_ipv4(c, "low")};
    e.has_high = cmd_has(c, "high");
    e.high = e.has_high ? arg_ipv4(c, "high") : e.low;
    if (ntohl(e.high.s_addr) < ntohl(e.low.s_addr))
        return cmd_fail(c, "Incorrect address range: the high address is below the low one");
    for (size_t i = 0; i < cs->nexcluded; i++) {
        struct dhcp_excluded *x = &cs->excluded[i];
        if (x->low.s_addr != e.low.s_addr || x->high.s_addr != e.high.s_addr)
            continue;
        if (c->negate) {
            memmove(x, x + 1, (cs->nexcluded - i - 1) * sizeof *x);
            cs->nexcluded--;
        }
        return 0;
    }
    if (c->negate)
        return 0;
    cs->excluded = xgrow(cs->excluded, &cs->capexcluded, cs->nexcluded + 1, sizeof *cs->excluded);
    cs->excluded[cs->nexcluded++] = e;
    return 0;
}

static int dhcp_pool(struct cmd_call *c)
{
    struct config_store *cs = call_store(c);
    const char *name = cmd_arg(c, "pool");
    if (c->negate) {
        if (!config_pool_find(cs, name))
            return cmd_fail(c, "Pool %s does not exist", name);
        config_pool_delete(cs, name);
        return 0;
    }
    if (strlen(name) > POOL_NAME_MAX)
        return cmd_fail(c, "Pool name longer than %d characters", POOL_NAME_MAX);
    config_pool_get(cs, name);
    return 0;
}

static struct dhcp_pool *current_pool(struct cmd_call *c)
{
    return config_pool_get(call_store(c), c->frame->arg);
}

static int dhcp_network(struct cmd_call *c)
{
    struct dhcp_pool *p = current_pool(c);
    if (c->negate) {
        p->has_network = false;
        return 0;
    }
    if (p->has_host || p->client_len)
        return cmd_fail(c, "A manual binding is configured in this pool: remove it before network");
    struct in_addr net = arg_ipv4(c, "network"), mask = arg_ipv4(c, "mask");
    uint32_t m = ntohl(mask.s_addr), inv = ~m;
    if (m == 0 || (inv & (inv + 1)) != 0)
        return cmd_fail(c, "Bad mask 0x%08X", m);
    p->has_network = true;
    p->network.s_addr = htonl(ntohl(net.s_addr) & m);
    p->mask = mask;
    return 0;
}

static int dhcp_default_router(struct cmd_call *c)
{
    struct dhcp_pool *p = current_pool(c);
    p->nrouters = 0;
    if (c->negate)
        return 0;
    for (size_t i = 0; i < DHCP_ROUTERS_MAX && cmd_arg_nth(c, "router", i); i++)
        p->routers[p->nrouters++] = arg_ipv4_nth(c, "router", i);
    return 0;
}

static int dhcp_lease(struct cmd_call *c)
{
    struct dhcp_pool *p = current_pool(c);
    if (c->negate) {
        p->lease = LEASE_DEFAULT;
        return 0;
    }
    if (cmd_has(c, "infinite")) {
        p->lease = LEASE_INFINITE;
        return 0;
    }
    int d = (int)arg_long(c, "days"), h = (int)arg_long(c, "hours"),
        m = (int)arg_long(c, "minutes");
    if (d == 0 && h == 0 && m == 0)
        return cmd_fail(c, "The lease must last at least one minute");
    p->lease = d == CMD_DEFAULT_DHCP_LEASE && h == 0 && m == 0 ? LEASE_DEFAULT : LEASE_TIME;
    p->lease_days = d;
    p->lease_hours = h;
    p->lease_minutes = m;
    return 0;
}

static int dhcp_renew_deny_unknown(struct cmd_call *c)
{
    current_pool(c)->renew_deny_unknown = !c->negate;
    return 0;
}

static int service_dhcp(struct cmd_call *c)
{
    call_store(c)->dhcp_service_off = c->negate;
    return 0;
}

static int dhcp_dns_server(struct cmd_call *c)
{
    struct dhcp_pool *p = current_pool(c);
    p->ndns = 0;
    if (c->negate)
        return 0;
    for (size_t i = 0; i < DHCP_ROUTERS_MAX && cmd_arg_nth(c, "server", i); i++)
        p->dns[p->ndns++] = arg_ipv4_nth(c, "server", i);
    return 0;
}

static int dhcp_domain_name(struct cmd_call *c)
{
    struct dhcp_pool *p = current_pool(c);
    if (c->negate) {
        p->domain[0] = '\0';
        return 0;
    }
    const char *name = cmd_arg(c, "domain");
    if (!dhcp_domain_valid(name)) /* it goes into DHCP option 15 as is */
        return cmd_fail(c, "Invalid domain name: %s", name);
    snprintf(p->domain, sizeof p->domain, "%s", name);
    return 0;
}

/* Manual bindings: a pool for one client, its address (`host`) and who it is
 * (`hardware-address` or `client-identifier`). A pool holds a network or a host, not both. */
static int dhcp_host(struct cmd_call *c)
{
    struct dhcp_pool *p = current_pool(c);
    if (c->negate) {
        p->has_host = false;
        return 0;
    }
    if (p->has_network)
        return cmd_fail(c, "A network is configured in this pool: remove it before host");
    struct in_addr a = arg_ipv4(c, "address"), mask;
    if (cmd_has(c, "mask")) {
        mask = arg_ipv4(c, "mask");
        uint32_t m = ntohl(mask.s_addr), inv = ~m;
        if (m == 0 || (inv & (inv + 1)) != 0)
            return cmd_fail(c, "Bad mask 0x%08X", m);
    } else {
        /* No mask given: the address's class, as IOS takes it. */
        uint32_t h = ntohl(a.s_addr);
        mask.s_addr = htonl(h < 0x80000000u   ? 0xFF000000u
                            : h < 0xC0000000u ? 0xFFFF0000u
                                              : 0xFFFFFF00u);
    }
    uint32_t h = ntohl(a.s_addr), m = ntohl(mask.s_addr);
    if (!a.s_addr || (h & ~m) == 0 || (h & ~m) == ~m)
        return cmd_fail(c, "Invalid host address %s", cmd_arg(c, "address"));
    p->has_host = true;
    p->host = a;
    p->host_mask = mask;
    p->static_lan[0] = '\0';
    return 0;
}

static int client_binding(struct cmd_call *c, bool is_id)
{
    struct dhcp_pool *p = current_pool(c);
    if (c->negate) {
        if (p->client_is_id == is_id)
            p->client_len = 0;
        return 0;
    }
    if (p->has_network)
        return cmd_fail(c, "A network is configured in this pool: remove it before %s",
                        is_id ? "client-identifier" : "hardware-address");
    uint8_t b[DHCP_BINDING_ID_MAX];
    size_t n;
    const char *text = cmd_arg(c, "id");
    if (!dhcp_hex_parse(text, b, sizeof b, &n) || (!is_id && n != 6))
        return cmd_fail(c, "Invalid %s %s", is_id ? "client-identifier" : "hardware address", text);
    memcpy(p->client, b, n);
    p->client_len = n;
    p->client_is_id = is_id;
    return 0;
}

static int dhcp_hardware_address(struct cmd_call *c)
{
    return client_binding(c, false);
}

static int dhcp_client_identifier(struct cmd_call *c)
{
    return client_binding(c, true);
}

/* DHCP classes: `ip dhcp class NAME` (no match criteria kept), a pool's `class NAME` and its
 * `address range`. The pool-class mode's argument is "POOL CLASS". */
static int dhcp_class(struct cmd_call *c)
{
    struct config_store *cs = call_store(c);
    const char *name = cmd_arg(c, "class");
    if (c->negate) {
        if (config_dhcp_class_find(cs, name) < 0)
            return cmd_fail(c, "Class %s does not exist", name);
        config_dhcp_class_delete(cs, name);
        return 0;
    }
    if (strlen(name) > DHCP_CLASS_NAME_MAX)
        return cmd_fail(c, "Class name longer than %d characters", DHCP_CLASS_NAME_MAX);
    if (!config_dhcp_class_add(cs, name))
        return cmd_fail(c, "Too many DHCP classes (at most %d)", DHCP_CLASSES_MAX);
    return 0;
}

static int dhcp_pool_class(struct cmd_call *c)
{
    struct dhcp_pool *p = current_pool(c);
    const char *name = cmd_arg(c, "class");
    struct dhcp_pool_class *pc = config_pool_class_find(p, name);
    if (c->negate) {
        if (pc)
            config_pool_class_delete(p, pc);
        return 0;
    }
    if (config_dhcp_class_find(call_store(c), name) < 0)
        return cmd_fail(c, "Class %s does not exist", name);
    if (!config_pool_class_add(p, name))
        return cmd_fail(c, "Too many classes in this pool (at most %d)", DHCP_POOL_CLASSES_MAX);
    snprintf(c->enter_arg, sizeof c->enter_arg, "%s %s", p->name, name);
    return 0;
}

static int dhcp_class_address_range(struct cmd_call *c)
{
    char pool[MODE_ARG_MAX];
    snprintf(pool, sizeof pool, "%s", c->frame->arg);
    char *cls = strchr(pool, ' ');
    if (!cls)
        return cmd_fail(c, "No class");
    *cls++ = '\0';
    if (config_dhcp_class_find(call_store(c), cls) < 0)
        return cmd_fail(c, "Class %s does not exist", cls);
    struct dhcp_pool *p = config_pool_get(call_store(c), pool);
    struct dhcp_pool_class *pc = config_pool_class_add(p, cls);
    if (!pc)
        return cmd_fail(c, "Class %s is no longer in pool %s", cls, pool);
    if (c->negate) {
        pc->has_range = false;
        return 0;
    }
    struct in_addr low = arg_ipv4(c, "low"), high = arg_ipv4(c, "high");
    if (ntohl(high.s_addr) < ntohl(low.s_addr))
        return cmd_fail(c, "Incorrect address range: the high address is below the low one");
    if (p->has_network && ((low.s_addr & p->mask.s_addr) != p->network.s_addr ||
                           (high.s_addr & p->mask.s_addr) != p->network.s_addr))
        return cmd_fail(c, "Address range is not in the pool's network");
    pc->has_range = true;
    pc->low = low;
    pc->high = high;
    return 0;
}

static const struct cmd_binding table[] = {
    {"service_dhcp", service_dhcp, ""},
    {"dhcp_excluded_address", dhcp_excluded_address, "low high"},
    {"dhcp_pool", dhcp_pool, "pool"},
    {"dhcp_network", dhcp_network, "network mask"},
    {"dhcp_default_router", dhcp_default_router, "router"},
    {"dhcp_dns_server", dhcp_dns_server, "server"},
    {"dhcp_domain_name", dhcp_domain_name, "domain"},
    {"dhcp_lease", dhcp_lease, "infinite days hours minutes"},
    {"dhcp_renew_deny_unknown", dhcp_renew_deny_unknown, ""},
    {"dhcp_host", dhcp_host, "address mask"},
    {"dhcp_class", dhcp_class, "class"},
    {"dhcp_pool_class", dhcp_pool_class, "class"},
    {"dhcp_class_address_range", dhcp_class_address_range, "low high"},
    {"dhcp_hardware_address", dhcp_hardware_address, "id"},
    {"dhcp_client_identifier", dhcp_client_identifier, "id"},
};
HANDLER_TABLE(dhcp_handlers, table);
