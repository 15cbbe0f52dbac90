/* Static NAT: `ip nat inside source static` rules, the data model's PortMapping instances
 * (nat_map.h). */
#include "configuration.h"
#include "handlers.h"

static int nat_static(struct cmd_call *c)
{
    struct nat_rule r = {
        .proto = cmd_has(c, "udp") ? NAT_UDP : NAT_TCP,
        .local = arg_ipv4(c, "local"),
        .global = arg_ipv4(c, "global"),
        .local_port = (uint16_t)arg_long(c, "local_port"),
        .global_port = (uint16_t)arg_long(c, "global_port"),
        .extendable = cmd_has(c, "extendable"),
    };
    struct strbuf why = STRBUF_INIT;
    int rc = nat_static_command(call_store(c), &r, c->negate, &why);
    if (rc < 0)
        cmd_fail(c, "%s", sb_str(&why));
    sb_free(&why);
    return rc;
}

static const struct cmd_binding table[] = {
    {"nat_static", nat_static, "udp local global local_port global_port extendable"},
};
HANDLER_TABLE(nat_handlers, table);
