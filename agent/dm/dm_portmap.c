/* The PortMapping tables (dm_portmap.h) over the port mappings of the store (nat_map.h). */
#include "dm_portmap.h"

#include <stdio.h>
#include <string.h>

#include "configuration.h"
#include "dm_net.h"
#include "strmap.h"
#include "xalloc.h"

#define CONN DM_ROOT "WANDevice.{i}.WANConnectionDevice.{i}."

const char *const dm_pm_protocols[] = {"TCP", "UDP", NULL};

static struct nat_rule *rule(const struct dm_inst *in)
{
    return in->obj[in->depth - 1];
}

/* The registry's table of the connection's mappings: a Dialer's connection is WANPPPConnection,
 * any other WANIPConnection (as dm_wanconn.c lists them). */
static void table_path(const struct dm_inst *in, struct strbuf *out)
{
    const char *kind = iface_is_dialer(dm_iface(in)->name) ? "WANPPPConnection" : "WANIPConnection";
    struct strbuf pattern = STRBUF_INIT;
    sb_printf(&pattern, CONN "%s.{i}.PortMapping.", kind);
    dm_pattern_path(sb_str(&pattern), in, out);
    sb_free(&pattern);
}

/* "#N" for instance number N, unless a rule has that key already: one the ACS made while another
 * connection was the default, numbered in that connection's table. */
static void number_key(const struct config_store *cs, unsigned number, struct strbuf *key)
{
    sb_printf(key, "#%u", number);
    size_t base = key->len;
    for (unsigned n = 2;; n++) {
        size_t i = 0;
        while (i < cs->nnat && (!cs->nat[i].key || strcmp(cs->nat[i].key, sb_str(key))))
            i++;
        if (i == cs->nnat)
            return;
        sb_truncate(key, base);
        sb_printf(key, "~%u", n);
    }
}

/* An instance's key is its protocol and external port ("tcp:9000") as long as those are what made
 * it; an instance the ACS made, or whose port or protocol it changed, is keyed by its number
 * ("#3"), so that it keeps that number whatever its values become. */
static void key_by_number(struct dm_ctx *c, const struct dm_inst *in, struct nat_rule *r)
{
    if (r->key)
        return;
    unsigned number = in->num[in->depth - 1];
    struct strbuf key = STRBUF_INIT, table = STRBUF_INIT;
    number_key(c->store, number, &key);
    table_path(in, &table);
    cwmp_instance_alias(c->state, sb_str(&table), sb_str(&key), number);
    sb_free(&table);
    r->key = sb_detach(&key);
}

/* Every rule, on the default connection only. Keys derived from two lines on the same port (on
 * two global addresses) get the address, then a count, to stay apart. */
void dm_pm_list(struct dm_ctx *c, const struct dm_inst *parent, struct dm_list *out)
{
    if (!dm_iface(parent)->cwmp_wan_default)
        return;
    struct config_store *cs = c->store;
    struct strbuf key = STRBUF_INIT;
    struct strmap seen = STRMAP_INIT;
    for (size_t i = 0; i < cs->nnat; i++) {
        struct nat_rule *r = &cs->nat[i];
        sb_reset(&key);
        if (r->key) {
            sb_puts(&key, r->key);
        } else {
            sb_puts(&key, r->proto == NAT_TCP ? "tcp:" : "udp:");
            sb_putu(&key, r->global_port);
            if (strmap_get(&seen, sb_str(&key))) {
                struct in_addr g;
                sb_putc(&key, '@');
                if (nat_rule_global(cs, r, &g))
                    dm_put_ip(&key, g);
                size_t base = key.len;
                for (unsigned n = 2; strmap_get(&seen, sb_str(&key)); n++) {
                    sb_truncate(&key, base);
                    sb_printf(&key, "~%u", n);
                }
            }
        }
        strmap_put(&seen, sb_str(&key), r);
        dm_list_add(out, sb_str(&key), r);
    }
    strmap_free(&seen);
    sb_free(&key);
}

/* The mappings belong to the default connection: another one's table stays empty. */
int dm_pm_add(struct dm_ctx *c, const struct dm_inst *parent, struct strbuf *key)
{
    if (!dm_iface(parent)->cwmp_wan_default)
        return 9001;
    struct strbuf table = STRBUF_INIT;
    table_path(parent, &table);
    number_key(c->store, cwmp_instance_next(c->state, sb_str(&table)), key);
    sb_free(&table);
    nat_rule_add(c->store, sb_str(key));
    return 0;
}

int dm_pm_delete(struct dm_ctx *c, const struct dm_inst *in)
{
    nat_rule_delete(c->store, rule(in));
    return 0;
}

int dm_pm_get_count(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    sb_printf(out, "%zu", dm_iface(in)->cwmp_wan_default ? c->store->nnat : 0);
    return 0;
}

int dm_pm_get_enabled(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)c;
    dm_put_bool(out, !rule(in)->disabled);
    return 0;
}

int dm_pm_set_enabled(struct dm_ctx *c, const struct dm_inst *in, const char *v)
{
    (void)c;
    rule(in)->disabled = !dm_bool(v);
    return 0;
}

/* Static mappings only: TR-098 makes the others optional. */
int dm_pm_set_lease(struct dm_ctx *c, const struct dm_inst *in, const char *v)
{
    (void)c;
    (void)in;
    return dm_ulong(v) ? 9007 : 0;
}

/* IOS static rules forward from any remote host: only the wildcard, which TR-098 requires. */
int dm_pm_set_remote(struct dm_ctx *c, const struct dm_inst *in, const char *v)
{
    (void)c;
    (void)in;
    return *v ? 9007 : 0;
}

int dm_pm_get_external_port(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)c;
    sb_putu(out, rule(in)->global_port);
    return 0;
}

/* 0 would be TR-098's wildcard, which an IOS static rule cannot express. */
int dm_pm_set_external_port(struct dm_ctx *c, const struct dm_inst *in, const char *v)
{
    struct nat_rule *r = rule(in);
    uint16_t port = (uint16_t)dm_ulong(v);
    if (!port)
        return 9007;
    if (port != r->global_port)
        key_by_number(c, in, r);
    nat_rule_set_port(c->store, r, port);
    return 0;
}

int dm_pm_get_internal_port(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)c;
    sb_putu(out, rule(in)->local_port);
    return 0;
}

int dm_pm_set_internal_port(struct dm_ctx *c, const struct dm_inst *in, const char *v)
{
    (void)c;
    uint16_t port = (uint16_t)dm_ulong(v);
    if (!port)
        return 9007; /* TR-098: not allowed */
    rule(in)->local_port = port;
    return 0;
}

int dm_pm_get_protocol(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)c;
    sb_puts(out, rule(in)->proto == NAT_TCP ? "TCP" : "UDP");
    return 0;
}

int dm_pm_set_protocol(struct dm_ctx *c, const struct dm_inst *in, const char *v)
{
    struct nat_rule *r = rule(in);
    enum nat_proto p = !strcmp(v, "TCP") ? NAT_TCP : NAT_UDP;
    if (p != r->proto)
        key_by_number(c, in, r);
    nat_rule_set_proto(c->store, r, p);
    return 0;
}

int dm_pm_get_client(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)c;
    if (rule(in)->local.s_addr)
        dm_put_ip(out, rule(in)->local);
    return 0;
}

/* An IPv4 address of a host (TR-098's optional DNS names are not taken: a NAT rule holds an
 * address), or the broadcast address, which TR-098 allows UDP mappings (checked by
 * dm_pm_verify_client once the protocol is known). Empty unsets it: no rule then. */
int dm_pm_set_client(struct dm_ctx *c, const struct dm_inst *in, const char *v)
{
    (void)c;
    struct in_addr a = {0};
    if (*v) {
        if (!dm_parse_ip(v, &a))
            return 9007;
        uint32_t h = ntohl(a.s_addr);
        bool host = h && h >> 24 != 127 && (h < 0xE0000000u || h == 0xFFFFFFFFu);
        if (!host)
            return 9007;
    }
    rule(in)->local = a;
    return 0;
}

int dm_pm_get_description(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)c;
    dm_put_str(out, rule(in)->description);
    return 0;
}

int dm_pm_set_description(struct dm_ctx *c, const struct dm_inst *in, const char *v)
{
    (void)c;
    str_set(&rule(in)->description, *v ? v : NULL);
    return 0;
}

static bool broadcast_tcp(const struct nat_rule *r)
{
    return r->local.s_addr == INADDR_BROADCAST && r->proto == NAT_TCP;
}

/* ExternalPort: no other mapping on the same port (TR-098's unique key, IOS's similar static
 * entry). */
int dm_pm_verify_port(struct dm_ctx *c, const struct dm_inst *in)
{
    return nat_rule_conflict(c->store, rule(in)) ? 9007 : 0;
}

/* PortMappingProtocol: the same, and a TCP mapping cannot go to the broadcast address. */
int dm_pm_verify_protocol(struct dm_ctx *c, const struct dm_inst *in)
{
    const struct nat_rule *r = rule(in);
    return nat_rule_conflict(c->store, r) || broadcast_tcp(r) ? 9007 : 0;
}

int dm_pm_verify_client(struct dm_ctx *c, const struct dm_inst *in)
{
    (void)c;
    return broadcast_tcp(rule(in)) ? 9007 : 0;
}
