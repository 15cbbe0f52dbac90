/* Interfaces: creation, addresses, NAT roles, Ethernet speed and duplex, the IP MTU, and which
 * ones are the CWMP agent's WAN side. */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "configuration.h"
#include "handlers.h"

static struct iface *current(struct cmd_call *c)
{
    return config_iface_get(call_store(c), c->frame->arg);
}

static int interface(struct cmd_call *c)
{
    const char *name = cmd_arg(c, "ifname");
    struct config_store *cs = call_store(c);
    if (c->negate) {
        if (!config_iface_find(cs, name))
            return cmd_fail(c, "Interface %s does not exist", name);
        config_iface_delete(cs, name);
        return 0;
    }
    config_iface_get(cs, name);
    /* snprintf's "%s" without its cost: every interface block of a configuration comes here. */
    size_t len = strnlen(name, sizeof c->enter_arg - 1);
    memcpy(c->enter_arg, name, len);
    c->enter_arg[len] = '\0';
    return 0;
}

/* default interface: the interface as a new one is, in the same place (the interfaces are kept
 * sorted by name), through the same two writers of the store as no interface and interface. */
static int interface_default(struct cmd_call *c)
{
    const char *name = cmd_arg(c, "ifname");
    struct config_store *cs = call_store(c);
    if (!config_iface_find(cs, name))
        return cmd_fail(c, "Interface %s does not exist", name);
    config_iface_delete(cs, name);
    config_iface_get(cs, name);
    sb_printf(c->out, "Interface %s set to default configuration\n", name);
    return 0;
}

static int if_description(struct cmd_call *c)
{
    struct iface *f = current(c);
    if (c->negate) {
        str_set(&f->description, NULL);
        return 0;
    }
    const char *text = cmd_arg(c, "text");
    if (strlen(text) > DESCRIPTION_MAX)
        return cmd_fail(c, "Description longer than %d characters", DESCRIPTION_MAX);
    str_set(&f->description, text);
    return 0;
}

static int if_ip_address(struct cmd_call *c)
{
    struct iface *f = current(c);
    if (c->negate) {
        config_iface_set_mode(call_store(c), f, IF_ADDR_NONE);
        return 0;
    }
    struct in_addr addr = arg_ipv4(c, "address"), mask = arg_ipv4(c, "mask");
    /* The same rules as the data model's address parameters (config_net.c). */
    struct strbuf why = STRBUF_INIT;
    if (!config_iface_address_ok(call_store(c), f, addr, mask, &why)) {
        cmd_fail(c, "%s", sb_str(&why));
        sb_free(&why);
        return -1;
    }
    sb_free(&why);
    config_iface_set_static(call_store(c), f, addr, mask);
    return 0;
}

static int if_ip_address_dhcp(struct cmd_call *c)
{
    struct iface *f = current(c);
    if (c->negate) {
        if (f->addr_mode == IF_ADDR_DHCP)
            config_iface_set_mode(call_store(c), f, IF_ADDR_NONE);
        return 0;
    }
    config_iface_set_mode(call_store(c), f, IF_ADDR_DHCP);
    return 0;
}

static int if_ip_address_pool(struct cmd_call *c)
{
    struct iface *f = current(c);
    if (c->negate) {
        if (f->addr_mode == IF_ADDR_POOL)
            config_iface_set_mode(call_store(c), f, IF_ADDR_NONE);
        return 0;
    }
    config_iface_set_mode(call_store(c), f, IF_ADDR_POOL);
    str_set(&f->pool, cmd_arg(c, "pool"));
    return 0;
}

/* An interface is on one side of the translation: choosing a side leaves the other. */
static int if_ip_nat(struct cmd_call *c)
{
    struct iface *f = current(c);
    bool inside = cmd_has(c, "inside");
    if (c->negate) {
        if (inside)
            f->nat_inside = false;
        else
            f->nat_outside = false;
        return 0;
    }
    f->nat_inside = inside;
    f->nat_outside = !inside;
    return 0;
}

static int if_shutdown(struct cmd_call *c)
{
    current(c)->shutdown = !c->negate;
    return 0;
}

static int if_cwmp_wan(struct cmd_call *c)
{
    struct iface *f = current(c);
    bool dflt = cmd_has(c, "default");
    if (c->negate) {
        config_wan_clear_default(call_store(c), f);
        if (!dflt)
            f->cwmp_wan = false;
        return 0;
    }
    f->cwmp_wan = true;
    if (dflt)
        config_wan_set_default(call_store(c), f);
    return 0;
}

static struct iface *ethernet_port(struct cmd_call *c, const char *what)
{
    struct iface *f = config_iface_get(call_store(c), c->frame->arg);
    if (!iface_is_ethernet(f->name)) {
        cmd_fail(c, "%s is not supported on %s", what, f->name);
        return NULL;
    }
    return f;
}

static int if_speed(struct cmd_call *c)
{
    struct iface *f = ethernet_port(c, "Speed");
    if (!f)
        return -1;
    static const struct {
        const char *word;
        int mbps;
    } speeds[] = {{"10", 10}, {"100", 100}, {"1000", 1000}, {"10000", 10000}};
    f->speed = 0;
    if (c->negate)
        return 0;
    for (size_t i = 0; i < sizeof speeds / sizeof speeds[0]; i++)
        if (cmd_has(c, speeds[i].word))
            f->speed = speeds[i].mbps;
    return 0;
}

static int if_duplex(struct cmd_call *c)
{
    struct iface *f = ethernet_port(c, "Duplex");
    if (!f)
        return -1;
    f->duplex = IF_DUPLEX_AUTO;
    if (c->negate)
        return 0;
    if (cmd_has(c, "full"))
        f->duplex = IF_DUPLEX_FULL;
    else if (cmd_has(c, "half"))
        f->duplex = IF_DUPLEX_HALF;
    return 0;
}

/* The default needs no line: `ip mtu 1500` is `no ip mtu`, as IOS shows neither. */
static int if_ip_mtu(struct cmd_call *c)
{
    struct iface *f = config_iface_get(call_store(c), c->frame->arg);
    int mtu = c->negate ? 0 : (int)arg_long(c, "bytes");
    f->ip_mtu = mtu == IF_IP_MTU_DEFAULT ? 0 : mtu;
    return 0;
}

static const struct cmd_binding table[] = {
    {"interface", interface, "ifname"},
    {"interface_default", interface_default, "ifname"},
    {"if_description", if_description, "text"},
    {"if_ip_address", if_ip_address, "address mask"},
    {"if_ip_address_dhcp", if_ip_address_dhcp, ""},
    {"if_ip_address_pool", if_ip_address_pool, "pool"},
    {"if_ip_nat", if_ip_nat, "inside"},
    {"if_shutdown", if_shutdown, ""},
    {"if_cwmp_wan", if_cwmp_wan, "default"},
    {"if_speed", if_speed, "10 100 1000 10000"},
    {"if_duplex", if_duplex, "full half"},
    {"if_ip_mtu", if_ip_mtu, "bytes"},
};
HANDLER_TABLE(interface_handlers, table);
