/* Static NAT: `ip nat inside source static` rules, the data model's PortMapping instances
 * (nat_map.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "configuration.h"
#include "core.h"
#include "handlers.h"
#include "platform.h"

/* The dynamic entries listed at most: the table of a busy router holds far more than anyone
 * reads, and the command must not hold the loop for long. */
#define NAT_SHOW_DYNAMIC_MAX 10000

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

static void address_port(struct in_addr a, unsigned port, char out[24])
{
    char text[INET_ADDRSTRLEN];
    ipv4_text(a, text);
    snprintf(out, 24, "%s:%u", text, port);
}

static void translation_line(struct strbuf *out, const char *proto, const char *ig, const char *il,
                             const char *ol, const char *og)
{
    /* icmp fills the protocol's column: IOS then writes one space, the columns after moved. */
    sb_printf(out, strlen(proto) < 4 ? "%-4s" : "%s ", proto);
    sb_printf(out, "%-22s%-22s%-22s%s\n", ig, il, ol, og);
}

static int show_ip_nat_translations(struct cmd_call *c)
{
    const struct config_store *cs = call_agent(c)->running;
    struct strbuf *out = c->out;
    sb_puts(out, "Pro Inside global         Inside local          Outside local         "
                 "Outside global\n");
    for (size_t i = 0; i < cs->nnat; i++) {
        const struct nat_rule *r = &cs->nat[i];
        struct in_addr g;
        if (!nat_rule_active(cs, r, &g))
            continue;
        char ig[24], il[24];
        address_port(g, r->global_port, ig);
        address_port(r->local, r->local_port, il);
        translation_line(out, r->proto == NAT_UDP ? "udp" : "tcp", ig, il, "---", "---");
    }
    const char *path = conntrack_path();
    FILE *f = fopen(path, "re");
    if (!f) {
        sb_printf(out, "%% Dynamic translations not shown: cannot read %s (%s)\n", path,
                  strerror(errno));
        return 0;
    }
    char *line = NULL;
    size_t cap = 0;
    unsigned shown = 0;
    while (shown < NAT_SHOW_DYNAMIC_MAX && getline(&line, &cap, f) > 0) {
        struct nat_translation t;
        if (!conntrack_parse_line(line, &t))
            continue;
        char ig[24], il[24], ol[24], og[24];
        address_port(t.inside_global, t.ig_port, ig);
        address_port(t.inside_local, t.il_port, il);
        address_port(t.outside_local, t.ol_port, ol);
        address_port(t.outside_global, t.og_port, og);
        translation_line(out, t.proto, ig, il, ol, og);
        shown++;
    }
    free(line);
    fclose(f);
    return 0;
}

static const struct cmd_binding table[] = {
    {"show_ip_nat_translations", show_ip_nat_translations, ""},
    {"nat_static", nat_static, "udp local global local_port global_port extendable"},
};
HANDLER_TABLE(nat_handlers, table);
