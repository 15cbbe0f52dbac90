/* Unit tests of the port mappings: the model over the store's NAT rules (nat_map.h: the command,
 * what is in running-config, conflicts, the records saved with the startup-config and their
 * restoration) and the PortMapping tables through the real AddObject, SetParameterValues,
 * GetParameterValues and DeleteObject (instance numbers, faults, all or nothing). */
#include <arpa/inet.h>
#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "agent.h"
#include "config_render.h"
#include "config_store.h"
#include "conntrack.h"
#include "cwmp_state.h"
#include "nat_map.h"
#include "unit.h"
#include "unit_rpc.h"
#include "xalloc.h"

static char state_dir[64];
static struct agent agent;

#define WAN                                                                                        \
    "interface Ethernet0/0\n ip address 10.194.145.170 255.255.255.0\n ip nat outside\n"           \
    " cwmp wan\n cwmp wan default\n"
#define LAN   "interface Vlan102\n ip address 15.15.15.1 255.255.255.0\n ip nat inside\n"
#define IP1   "InternetGatewayDevice.WANDevice.1.WANConnectionDevice.1.WANIPConnection.1."
#define PM    IP1 "PortMapping."
#define TABLE PM

static void setup(void)
{
    setenv("CWMPD_IFMAP", "Ethernet0/0=cwmpt00,Vlan102=cwmpt102,Dialer1=cwmpt-ppp", 1);
    unit_agent_start(&agent, state_dir);
}

static void teardown(void)
{
    unit_agent_stop(&agent, state_dir);
}

static void reject(void *arg, int lineno, const char *line, const char *message)
{
    (void)arg;
    ck_abort_msg("line %d refused: %s (%s)", lineno, line, message);
}

static void load(const char *text)
{
    ck_assert_int_eq(agent_load_config_text(&agent, text, "test", reject, NULL), 0);
}

static enum cmd_status line(const char *l, struct strbuf *out)
{
    return (enum cmd_status)unit_config_line(&agent, l, out);
}

static char *running(void)
{
    struct strbuf t = STRBUF_INIT;
    nat_render(agent.running, &t);
    return sb_detach(&t);
}

#define ck_nat(want)                                                                               \
    do {                                                                                           \
        char *got_ = running();                                                                    \
        ck_assert_msg(!strcmp(got_, want), "NAT lines:\n%s\nwanted:\n%s", got_, want);             \
        free(got_);                                                                                \
    } while (0)

/* ---- the model ---- */

START_TEST(typed_lines_are_rules_and_follow_the_wan_address)
{
    load(WAN LAN);
    struct strbuf out = STRBUF_INIT;
    ck_assert_int_eq(line("ip nat inside source static tcp 15.15.15.2 7547 10.194.145.170 9000 "
                          "extendable",
                          &out),
                     CMD_OK);
    ck_assert_int_eq(line("ip nat inside source static udp 15.15.15.3 53 192.0.2.9 53", &out),
                     CMD_OK);
    ck_assert(agent.running->nat[0].wan_global); /* on the WAN address */
    ck_assert(!agent.running->nat[1].wan_global);
    /* IOS's refusals: one global port forwards to one place; 0.0.0.0 is no inside host. */
    ck_assert_int_ne(
        line("ip nat inside source static tcp 15.15.15.9 80 10.194.145.170 9000", &out), CMD_OK);
    ck_assert_str_eq(sb_str(&out),
                     "% Similar static entry (15.15.15.2:7547 -> 10.194.145.170:9000) already "
                     "exists\n");
    ck_assert_int_ne(line("ip nat inside source static tcp 0.0.0.0 80 10.194.145.170 80", &out),
                     CMD_OK);
    ck_assert_int_ne(
        line("no ip nat inside source static tcp 15.15.15.2 7547 10.194.145.170 9001", &out),
        CMD_OK);
    ck_assert_str_eq(sb_str(&out), "% Translation not found\n");
    ck_nat("ip nat inside source static tcp 15.15.15.2 7547 10.194.145.170 9000 extendable\n"
           "ip nat inside source static udp 15.15.15.3 53 192.0.2.9 53\n");
    /* The WAN address changes: the rule on it follows, the other stays. */
    load("interface Ethernet0/0\n ip address 10.194.145.171 255.255.255.0\n");
    ck_nat("ip nat inside source static tcp 15.15.15.2 7547 10.194.145.171 9000 extendable\n"
           "ip nat inside source static udp 15.15.15.3 53 192.0.2.9 53\n");
    /* Without an address there is no rule to show; with it again, there is. */
    load("interface Ethernet0/0\n no ip address\n");
    ck_nat("ip nat inside source static udp 15.15.15.3 53 192.0.2.9 53\n");
    load("interface Ethernet0/0\n ip address 10.194.145.172 255.255.255.0\n");
    /* `no` names the rule as running-config shows it. */
    ck_assert_int_eq(
        line("no ip nat inside source static tcp 15.15.15.2 7547 10.194.145.172 9000", &out),
        CMD_OK);
    ck_nat("ip nat inside source static udp 15.15.15.3 53 192.0.2.9 53\n");
    sb_free(&out);
}
END_TEST

START_TEST(incomplete_and_disabled_rules_stay_out_of_running_config)
{
    load(WAN);
    struct config_store *cs = agent.running;
    struct nat_rule *r = nat_rule_add(cs, "#1");
    ck_assert(!nat_rule_complete(r));
    ck_nat("");
    r->local.s_addr = htonl(0x0F0F0F02);
    r->local_port = 7547;
    ck_nat("");
    nat_rule_set_port(cs, r, 9000);
    ck_assert(nat_rule_complete(r));
    ck_nat("ip nat inside source static tcp 15.15.15.2 7547 10.194.145.170 9000 extendable\n");
    r->disabled = true;
    ck_nat("");
    /* The operator typing the very line puts it back in force. */
    struct strbuf out = STRBUF_INIT;
    ck_assert_int_eq(line("ip nat inside source static tcp 15.15.15.2 7547 10.194.145.170 9000 "
                          "extendable",
                          &out),
                     CMD_OK);
    ck_assert_uint_eq(cs->nnat, 1);
    ck_assert(!cs->nat[0].disabled);
    ck_assert_str_eq(cs->nat[0].key, "#1");
    /* Without a cwmp wan default interface, a rule on the WAN address has no address. */
    load("interface Ethernet0/0\n no cwmp wan default\n");
    ck_nat("");
    struct in_addr g;
    ck_assert(!nat_rule_global(cs, &cs->nat[0], &g));
    sb_free(&out);
}
END_TEST

START_TEST(conflicts_are_the_same_protocol_port_and_address)
{
    load(WAN "ip nat inside source static tcp 15.15.15.2 7547 10.194.145.170 9000\n"
             "ip nat inside source static tcp 15.15.15.2 7548 192.0.2.1 9000\n");
    struct config_store *cs = agent.running;
    struct nat_rule *r = nat_rule_add(cs, "#9");
    ck_assert_ptr_null(nat_rule_conflict(cs, r)); /* no port yet */
    nat_rule_set_port(cs, r, 9000);
    ck_assert_ptr_eq(nat_rule_conflict(cs, r), &cs->nat[0]); /* both on the WAN address */
    nat_rule_set_proto(cs, r, NAT_UDP);
    ck_assert_ptr_null(nat_rule_conflict(cs, r));
    nat_rule_set_proto(cs, r, NAT_TCP);
    r->wan_global = false;
    r->global.s_addr = htonl(0xC0000201); /* 192.0.2.1 */
    ck_assert_ptr_eq(nat_rule_conflict(cs, r), &cs->nat[1]);
    r->global.s_addr = htonl(0xC0000202);
    ck_assert_ptr_null(nat_rule_conflict(cs, r));
}
END_TEST

/* ---- the indexes: NAT rules by protocol and port, the cwmp wan default interface ---- */

/* The WAN interface as a walk over every interface finds it: what the index must agree with. */
static const struct iface *wan_by_walk(const struct config_store *cs)
{
    for (size_t i = 0; i < cs->nifs; i++)
        if (cs->ifs[i].cwmp_wan && cs->ifs[i].cwmp_wan_default)
            return &cs->ifs[i];
    return NULL;
}

static void ck_indexes(const struct config_store *cs)
{
    ck_assert(nat_index_valid(cs));
    ck_assert_ptr_eq(config_wan_default(cs), wan_by_walk(cs));
    size_t flagged = 0;
    for (size_t i = 0; i < cs->nifs; i++)
        flagged += cs->ifs[i].cwmp_wan_default;
    ck_assert_uint_le(flagged, 1);
}

static void type_rules(int from, int to, const char *global)
{
    struct strbuf text = STRBUF_INIT;
    for (int i = from; i < to; i++)
        sb_printf(&text, "ip nat inside source static tcp 15.15.%d.%d %d %s %d\n", i / 200,
                  i % 200 + 1, 1000 + i, global, 20000 + i);
    load(sb_str(&text));
    sb_free(&text);
}

START_TEST(duplicates_are_refused_after_deletions_and_growth)
{
    load(WAN LAN);
    /* Enough rules for the index to grow several times. */
    type_rules(0, 300, "192.0.2.1");
    struct config_store *cs = agent.running;
    ck_assert_uint_eq(cs->nnat, 300);
    ck_indexes(cs);
    struct strbuf out = STRBUF_INIT;
    ck_assert_int_eq(line("ip nat inside source static tcp 15.15.0.9 80 192.0.2.1 20150", &out),
                     CMD_FAILED);
    ck_assert_str_eq(sb_str(&out),
                     "% Similar static entry (15.15.0.151:1150 -> 192.0.2.1:20150) already "
                     "exists\n");
    /* The same port on another address, or for UDP, is another rule. */
    ck_assert_int_eq(line("ip nat inside source static tcp 15.15.0.9 80 192.0.2.2 20150", &out),
                     CMD_OK);
    ck_assert_int_eq(line("ip nat inside source static udp 15.15.0.9 80 192.0.2.1 20150", &out),
                     CMD_OK);
    /* `no` with another inside address finds nothing; with its own, the rule goes. */
    ck_assert_int_eq(
        line("no ip nat inside source static tcp 15.15.0.9 1150 192.0.2.1 20150", &out),
        CMD_FAILED);
    ck_assert_str_eq(sb_str(&out), "% Translation not found\n");
    ck_assert_int_eq(
        line("no ip nat inside source static tcp 15.15.0.151 1150 192.0.2.1 20150", &out), CMD_OK);
    ck_assert_uint_eq(cs->nnat, 301);
    ck_indexes(cs);
    /* Deleted, the port is free; taken again, it is refused again. */
    ck_assert_int_eq(line("ip nat inside source static tcp 15.15.0.7 70 192.0.2.1 20150", &out),
                     CMD_OK);
    ck_assert_int_eq(line("ip nat inside source static tcp 15.15.0.8 80 192.0.2.1 20150", &out),
                     CMD_FAILED);
    ck_assert_str_eq(sb_str(&out),
                     "% Similar static entry (15.15.0.7:70 -> 192.0.2.1:20150) already exists\n");
    /* The rules after the deleted one moved down: still found, each. */
    ck_assert_int_eq(line("ip nat inside source static tcp 15.15.0.8 80 192.0.2.1 20299", &out),
                     CMD_FAILED);
    ck_assert_str_eq(sb_str(&out),
                     "% Similar static entry (15.15.1.100:1299 -> 192.0.2.1:20299) already "
                     "exists\n");
    /* Every rule deleted, from the first: each is found while the others move. */
    for (int i = 0; i < 300; i++) {
        if (i == 150)
            continue;
        char l[128];
        snprintf(l, sizeof l, "no ip nat inside source static tcp 15.15.%d.%d %d 192.0.2.1 %d",
                 i / 200, i % 200 + 1, 1000 + i, 20000 + i);
        ck_assert_int_eq(line(l, &out), CMD_OK);
    }
    ck_indexes(cs);
    ck_nat("ip nat inside source static tcp 15.15.0.9 80 192.0.2.2 20150\n"
           "ip nat inside source static udp 15.15.0.9 80 192.0.2.1 20150\n"
           "ip nat inside source static tcp 15.15.0.7 70 192.0.2.1 20150\n");
    sb_free(&out);
}
END_TEST

/* The first of several rules on one key decides, as the walk over every rule did: disabled and
 * incomplete ones are passed over, and the refusal names the first in order. */
START_TEST(the_first_rule_of_a_key_decides)
{
    load(WAN LAN);
    struct config_store *cs = agent.running;
    struct nat_rule *r = nat_rule_add(cs, "#1"); /* on the WAN address, incomplete */
    nat_rule_set_port(cs, r, 9000);
    struct strbuf out = STRBUF_INIT;
    ck_assert_int_eq(
        line("ip nat inside source static tcp 15.15.15.2 22 10.194.145.170 9000", &out), CMD_OK);
    ck_assert_int_eq(
        line("ip nat inside source static tcp 15.15.15.3 22 10.194.145.170 9000", &out),
        CMD_FAILED);
    ck_assert_str_eq(sb_str(&out), "% Similar static entry (15.15.15.2:22 -> 10.194.145.170:9000) "
                                   "already exists\n");
    /* The ACS's rule moved onto that port (by its number: a conflict the data model refuses,
     * but a state file may hold one): now the first of the key. */
    r = &cs->nat[0];
    r->local.s_addr = htonl(0x0F0F0F05);
    r->local_port = 80;
    ck_assert_ptr_eq(nat_rule_conflict(cs, &cs->nat[1]), &cs->nat[0]);
    ck_assert_ptr_eq(nat_rule_conflict(cs, &cs->nat[0]), &cs->nat[1]);
    ck_assert_int_eq(
        line("ip nat inside source static tcp 15.15.15.3 22 10.194.145.170 9000", &out),
        CMD_FAILED);
    ck_assert_str_eq(sb_str(&out), "% Similar static entry (15.15.15.5:80 -> 10.194.145.170:9000) "
                                   "already exists\n");
    /* Moved away, the line's rule is the one again. */
    nat_rule_set_port(cs, &cs->nat[0], 9001);
    ck_indexes(cs);
    ck_assert_ptr_null(nat_rule_conflict(cs, &cs->nat[1]));
    ck_assert_int_eq(
        line("ip nat inside source static tcp 15.15.15.3 22 10.194.145.170 9000", &out),
        CMD_FAILED);
    ck_assert_str_eq(sb_str(&out), "% Similar static entry (15.15.15.2:22 -> 10.194.145.170:9000) "
                                   "already exists\n");
    nat_rule_set_proto(cs, &cs->nat[0], NAT_UDP);
    nat_rule_set_port(cs, &cs->nat[0], 9000);
    ck_indexes(cs);
    ck_assert_ptr_null(nat_rule_conflict(cs, &cs->nat[0]));
    sb_free(&out);
}
END_TEST

START_TEST(the_wan_lookup_follows_cwmp_wan_default)
{
    load(WAN LAN "interface Dialer1\n ip address 203.0.113.5 255.255.255.255\n cwmp wan\n");
    struct config_store *cs = agent.running;
    ck_indexes(cs);
    ck_assert_str_eq(config_wan_default(cs)->name, "Ethernet0/0");
    struct strbuf out = STRBUF_INIT;
    ck_assert_int_eq(line("ip nat inside source static tcp 15.15.15.2 80 203.0.113.5 80", &out),
                     CMD_OK);
    ck_assert(!cs->nat[0].wan_global);
    /* The default moves: lines on its address follow it from now on. */
    load("interface Dialer1\n cwmp wan default\n");
    ck_indexes(cs);
    ck_assert_str_eq(config_wan_default(cs)->name, "Dialer1");
    ck_assert(cs->ifs[config_iface_find(cs, "Ethernet0/0") - cs->ifs].cwmp_wan);
    ck_assert_int_eq(line("ip nat inside source static tcp 15.15.15.2 81 203.0.113.5 81", &out),
                     CMD_OK);
    ck_assert(cs->nat[1].wan_global);
    ck_nat("ip nat inside source static tcp 15.15.15.2 80 203.0.113.5 80\n"
           "ip nat inside source static tcp 15.15.15.2 81 203.0.113.5 81\n");
    /* Interfaces created before it and deleted after it leave it where it is. */
    load("interface Loopback0\n ip address 192.0.2.77 255.255.255.255\n"
         "interface ATM0/0\n no interface Loopback0\n");
    ck_indexes(cs);
    ck_assert_str_eq(config_wan_default(cs)->name, "Dialer1");
    /* `no cwmp wan` leaves none; neither does the old default's name. */
    load("interface Dialer1\n no cwmp wan\n");
    ck_indexes(cs);
    ck_assert_ptr_null(config_wan_default(cs));
    ck_nat("ip nat inside source static tcp 15.15.15.2 80 203.0.113.5 80\n");
    load("interface Dialer1\n cwmp wan default\n");
    ck_assert_str_eq(config_wan_default(cs)->name, "Dialer1");
    load("interface Dialer1\n no cwmp wan default\n");
    ck_indexes(cs);
    ck_assert_ptr_null(config_wan_default(cs));
    /* The default deleted and made again: a new interface is no default. */
    load("interface Ethernet0/0\n cwmp wan default\nno interface Ethernet0/0\n");
    ck_indexes(cs);
    ck_assert_ptr_null(config_wan_default(cs));
    load("interface Ethernet0/0\n ip address 10.194.145.170 255.255.255.0\n");
    ck_indexes(cs);
    ck_assert_ptr_null(config_wan_default(cs));
    ck_assert_str_eq(cs->wan_default, "");
    sb_free(&out);
}
END_TEST

START_TEST(copies_of_the_store_have_indexes_of_their_own)
{
    load(WAN LAN "interface Dialer1\n ip address 203.0.113.5 255.255.255.255\n cwmp wan\n");
    type_rules(0, 40, "192.0.2.1");
    struct config_store *orig = agent.running, *copy = config_store_clone(orig);
    ck_indexes(copy);
    /* The copy changes: rules deleted, added past the original's room, moved; the default too. */
    nat_rule_delete(copy, &copy->nat[0]);
    for (int i = 0; i < 100; i++) {
        struct nat_rule *r = nat_rule_add(copy, "#x");
        nat_rule_set_port(copy, r, (uint16_t)(30000 + i));
    }
    nat_rule_set_port(copy, &copy->nat[5], 20000); /* the original's first rule's port */
    config_wan_set_default(copy, config_iface_find(copy, "Dialer1"));
    ck_indexes(copy);
    ck_indexes(orig);
    ck_assert_uint_eq(orig->nnat, 40);
    ck_assert_str_eq(config_wan_default(orig)->name, "Ethernet0/0");
    ck_assert_str_eq(config_wan_default(copy)->name, "Dialer1");
    /* The original refuses what it refused, and only that. */
    struct strbuf out = STRBUF_INIT;
    ck_assert_int_eq(line("ip nat inside source static tcp 15.15.0.9 9 192.0.2.1 20000", &out),
                     CMD_FAILED);
    ck_assert_str_eq(sb_str(&out),
                     "% Similar static entry (15.15.0.1:1000 -> 192.0.2.1:20000) already exists\n");
    ck_assert_int_eq(line("ip nat inside source static tcp 15.15.0.9 9 192.0.2.1 30000", &out),
                     CMD_OK);
    ck_indexes(orig);
    ck_assert_ptr_eq(nat_rule_conflict(copy, &copy->nat[5]), NULL);
    /* Swapped in, as a commit does: each index goes with its rules. */
    config_store_swap(agent.running, copy);
    ck_indexes(agent.running);
    ck_indexes(copy);
    ck_assert_uint_eq(agent.running->nnat, 139);
    ck_assert_uint_eq(copy->nnat, 41);
    ck_assert_str_eq(config_wan_default(agent.running)->name, "Dialer1");
    config_store_free(copy);
    /* An empty store's copy, and rules added to it. */
    struct config_store *empty = config_store_new(), *c2 = config_store_clone(empty);
    ck_indexes(c2);
    nat_rule_add(c2, "#1");
    ck_indexes(c2);
    ck_indexes(empty);
    config_store_free(c2);
    config_store_free(empty);
    sb_free(&out);
}
END_TEST

static void free_records(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

START_TEST(records_restore_what_the_lines_cannot_hold)
{
    load(WAN "ip nat inside source static udp 15.15.15.3 53 192.0.2.9 53\n");
    struct config_store *cs = agent.running;
    struct nat_rule *r = nat_rule_add(cs, "#2"); /* complete, with a description */
    r->local.s_addr = htonl(0x0F0F0F02);
    r->local_port = 7547;
    nat_rule_set_port(cs, r, 9000);
    r->description = xstrdup("ACS  web % access\nline two");
    r = nat_rule_add(cs, "#3"); /* incomplete */
    r->local_port = 22;
    r = nat_rule_add(cs, "#4"); /* disabled */
    r->local.s_addr = htonl(0x0F0F0F05);
    r->local_port = 80;
    nat_rule_set_port(cs, r, 8080);
    nat_rule_set_proto(cs, r, NAT_UDP);
    r->disabled = true;
    char **v;
    size_t n;
    nat_map_records(cs, &v, &n);
    ck_assert_uint_eq(n, 3); /* the plain line needs none */
    /* A rule in force has its line's global address: the WAN's of now. */
    ck_assert_str_eq(v[0], "#2 wxl tcp 15.15.15.2 7547 10.194.145.170 9000 ACS  web % access\n"
                           "line two");
    ck_assert_str_eq(v[1], "#3 wx tcp 0.0.0.0 22 0.0.0.0 0");
    ck_assert_str_eq(v[2], "#4 wdx udp 15.15.15.5 80 0.0.0.0 8080");

    /* The same startup-config loaded again, the WAN address changed since: everything back. */
    struct strbuf text = STRBUF_INIT;
    config_render(cs, &text);
    struct config_store *fresh = config_store_new();
    config_store_swap(agent.running, fresh);
    config_store_free(fresh);
    load(sb_str(&text));
    load("interface Ethernet0/0\n ip address 10.9.9.9 255.255.255.0\n");
    ck_assert_uint_eq(nat_map_restore(agent.running, v, n, true), 0);
    cs = agent.running;
    ck_assert_uint_eq(cs->nnat, 4);
    ck_assert_str_eq(cs->nat[1].key, "#2");
    ck_assert_str_eq(cs->nat[1].description, "ACS  web % access\nline two");
    ck_assert(cs->nat[1].wan_global);
    ck_assert_str_eq(cs->nat[2].key, "#3");
    ck_assert_uint_eq(cs->nat[2].local_port, 22);
    ck_assert(cs->nat[3].disabled);
    ck_nat("ip nat inside source static udp 15.15.15.3 53 192.0.2.9 53\n"
           "ip nat inside source static tcp 15.15.15.2 7547 10.9.9.9 9000 extendable\n");

    /* Another startup-config: its lines keep their data, the rest is not brought back. */
    fresh = config_store_new();
    config_store_swap(agent.running, fresh);
    config_store_free(fresh);
    load(WAN "ip nat inside source static tcp 15.15.15.2 7547 10.194.145.170 9000 extendable\n");
    char *extra[] = {v[0],
                     v[1],
                     v[2],
                     "#5 wl tcp 15.15.15.8 1 0.0.0.0 2",
                     "garbage",
                     "#x - tcp",
                     "#2 wl tcp 15.15.15.2 7547 10.194.145.170 9000"};
    ck_assert_uint_eq(nat_map_restore(agent.running, extra, 7, false), 6);
    ck_assert_uint_eq(agent.running->nnat, 1);
    ck_assert_str_eq(agent.running->nat[0].key, "#2");
    free_records(v, n);
    sb_free(&text);
}
END_TEST

START_TEST(records_survive_the_state_file)
{
    struct cwmp_state s;
    cwmp_state_init(&s);
    s.portmaps.v = xcalloc(2, sizeof *s.portmaps.v);
    s.portmaps.v[0] = xstrdup("#2 wxl tcp 15.15.15.2 7547 0.0.0.0 9000 a b\nc %");
    s.portmaps.v[1] = xstrdup("- w udp 15.15.15.3 53 192.0.2.9 53");
    s.portmaps.n = 2;
    memset(s.portmaps_hash, 'a', 64);
    char path[128];
    snprintf(path, sizeof path, "%s/state-test", state_dir);
    struct strbuf err = STRBUF_INIT;
    ck_assert_int_eq(cwmp_state_save(&s, path, &err), 0);
    struct cwmp_state t;
    ck_assert_int_eq(cwmp_state_load(&t, path, &err), 0);
    ck_assert_uint_eq(t.portmaps.n, 2);
    ck_assert_str_eq(t.portmaps.v[0], s.portmaps.v[0]);
    ck_assert_str_eq(t.portmaps.v[1], s.portmaps.v[1]);
    ck_assert_str_eq(t.portmaps_hash, s.portmaps_hash);
    ck_assert_uint_eq(t.pending_portmaps.n, 0);
    cwmp_state_free(&s);
    cwmp_state_free(&t);
    sb_free(&err);
}
END_TEST

/* ---- through the RPCs ---- */

static struct rpc_answer last;

static int rpc(const char *body)
{
    rpc_answer_free(&last);
    memset(&last, 0, sizeof last);
    unit_rpc_call(&agent, body, &last);
    return last.fault;
}

static unsigned add_object(const char *path)
{
    struct strbuf b = STRBUF_INIT;
    sb_printf(&b,
              "<cwmp:AddObject><ObjectName>%s</ObjectName><ParameterKey>a</ParameterKey>"
              "</cwmp:AddObject>",
              path);
    int fault = rpc(sb_str(&b));
    sb_free(&b);
    if (fault)
        return 0;
    const char *n = strstr(last.xml, "<InstanceNumber>");
    ck_assert_ptr_nonnull(n);
    return (unsigned)strtoul(n + strlen("<InstanceNumber>"), NULL, 10);
}

/* SetParameterValues of name, type, value triples (NULL-terminated). */
static int spv(const char *first, ...)
{
    struct strbuf b = STRBUF_INIT;
    sb_puts(&b, "<cwmp:SetParameterValues><ParameterList soap-enc:arrayType=\""
                "cwmp:ParameterValueStruct[]\">");
    va_list ap;
    va_start(ap, first);
    for (const char *name = first; name; name = va_arg(ap, const char *)) {
        const char *type = va_arg(ap, const char *), *value = va_arg(ap, const char *);
        sb_printf(&b,
                  "<ParameterValueStruct><Name>%s</Name><Value xsi:type=\"%s\" "
                  "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">%s</Value>"
                  "</ParameterValueStruct>",
                  name, type, value);
    }
    va_end(ap);
    sb_puts(&b, "</ParameterList><ParameterKey>k</ParameterKey></cwmp:SetParameterValues>");
    int fault = rpc(sb_str(&b));
    sb_free(&b);
    return fault;
}

/* The value GetParameterValues gives name, or NULL on a fault (copied into a static buffer). */
static const char *gpv(const char *name)
{
    static char value[300];
    struct strbuf b = STRBUF_INIT;
    sb_printf(&b,
              "<cwmp:GetParameterValues><ParameterNames soap-enc:arrayType=\"xsd:string[1]\">"
              "<string>%s</string></ParameterNames></cwmp:GetParameterValues>",
              name);
    int fault = rpc(sb_str(&b));
    sb_free(&b);
    if (fault)
        return NULL;
    const char *v = strstr(last.xml, "<Value");
    ck_assert_ptr_nonnull(v);
    v = strchr(v, '>') + 1;
    size_t len = strcspn(v, "<");
    ck_assert_uint_lt(len, sizeof value);
    memcpy(value, v, len);
    value[len] = '\0';
    return value;
}

#define ck_gpv(name, want)                                                                         \
    do {                                                                                           \
        const char *got_ = gpv(name);                                                              \
        ck_assert_msg(got_ && !strcmp(got_, want), "%s = \"%s\", want \"%s\"", name,               \
                      got_ ? got_ : "(fault)", want);                                              \
    } while (0)

static bool spv_fault_on(const char *name, int code)
{
    char want[512];
    snprintf(want, sizeof want, "<ParameterName>%s</ParameterName><FaultCode>%d</FaultCode>", name,
             code);
    return strstr(last.xml, want) != NULL;
}

static int count_spv_faults(void)
{
    int n = 0;
    for (const char *p = last.xml; (p = strstr(p, "<SetParameterValuesFault>")); p++)
        n++;
    return n;
}

static void rpc_setup(void)
{
    setup();
    memset(&last, 0, sizeof last);
}

static void rpc_teardown(void)
{
    rpc_answer_free(&last);
    teardown();
}

START_TEST(the_feature_documentation_example)
{
    load(WAN LAN);
    ck_assert_uint_eq(add_object(PM), 1);
    ck_gpv(IP1 "PortMappingNumberOfEntries", "1");
    /* What a new instance reads: TCP, enabled, nothing else set yet. */
    ck_gpv(PM "1.PortMappingEnabled", "true");
    ck_gpv(PM "1.PortMappingProtocol", "TCP");
    ck_gpv(PM "1.ExternalPort", "0");
    ck_gpv(PM "1.InternalPort", "0");
    ck_gpv(PM "1.InternalClient", "");
    ck_nat("");
    ck_assert_int_eq(spv(PM "1.InternalClient", "xsd:string", "15.15.15.2", PM "1.ExternalPort",
                         "xsd:unsignedInt", "9000", PM "1.InternalPort", "xsd:unsignedInt", "7547",
                         PM "1.PortMappingProtocol", "xsd:string", "TCP", NULL),
                     0);
    ck_nat("ip nat inside source static tcp 15.15.15.2 7547 10.194.145.170 9000 extendable\n");
    ck_gpv(PM "1.ExternalPort", "9000");
    ck_gpv(PM "1.InternalClient", "15.15.15.2");
    /* Disabled: out of running-config, still there for the ACS. */
    ck_assert_int_eq(spv(PM "1.PortMappingEnabled", "xsd:boolean", "false", NULL), 0);
    ck_nat("");
    ck_gpv(IP1 "PortMappingNumberOfEntries", "1");
    ck_assert_int_eq(spv(PM "1.PortMappingEnabled", "xsd:boolean", "1", NULL), 0);
    ck_nat("ip nat inside source static tcp 15.15.15.2 7547 10.194.145.170 9000 extendable\n");
    ck_assert_int_eq(rpc("<cwmp:DeleteObject><ObjectName>" PM "1.</ObjectName><ParameterKey>d"
                         "</ParameterKey></cwmp:DeleteObject>"),
                     0);
    ck_nat("");
    ck_gpv(IP1 "PortMappingNumberOfEntries", "0");
    ck_assert_ptr_null(gpv(PM "1.ExternalPort"));
    /* Numbers are never given twice. */
    ck_assert_uint_eq(add_object(PM), 2);
}
END_TEST

/* The ParameterList of an answer as "name|type|value" (or "name|Writable" for names) lines; checks
 * that arrayType counts what the list holds. */
static void list_of(const struct rpc_answer *r, struct strbuf *out)
{
    sb_reset(out);
    ck_assert_int_eq(r->fault, 0);
    xmlNodePtr list = soap_child(r->m.body, "ParameterList");
    ck_assert_ptr_nonnull(list);
    size_t n = 0;
    for (xmlNodePtr s = soap_first_element(list); s; s = soap_next_element(s), n++) {
        char *name = soap_text(soap_child(s, "Name"));
        xmlNodePtr v = soap_child(s, "Value");
        char *text = soap_text(v ? v : soap_child(s, "Writable"));
        xmlChar *type = v ? xmlGetProp(v, BAD_CAST "type") : NULL;
        sb_printf(out, "%s|%s|%s\n", name, type ? (const char *)type : "", text);
        xmlFree(type);
        free(name);
        free(text);
    }
    xmlChar *at = xmlGetProp(list, BAD_CAST "arrayType");
    char want[64];
    snprintf(want, sizeof want, "[%zu]", n);
    ck_assert_msg(at && strstr((const char *)at, want), "arrayType %s, %zu entries", at, n);
    xmlFree(at);
}

/* GenieACS reads a tree by its names, then every leaf by name; the answer must be what the read
 * by partial path gives, value for value (texts that need escaping included), in one request. */
START_TEST(every_leaf_by_name_reads_as_the_partial_path)
{
    load(WAN LAN);
    struct strbuf cfg = STRBUF_INIT;
    for (int i = 0; i < 300; i++)
        sb_printf(&cfg, "ip nat inside source static %s 15.15.15.%d %d 10.194.145.170 %d\n",
                  i % 3 ? "tcp" : "udp", i % 200 + 2, 1000 + i, 20000 + i);
    load(sb_str(&cfg));
    ck_assert_int_eq(spv(PM "7.PortMappingDescription", "xsd:string",
                         "a&lt;b&gt; &amp; \"q\" \xc3\xa9 &#13;", NULL),
                     0);
    /* Texts that look like what answers keep in short forms (numbers, addresses, booleans) come
     * back as they were, those forms or not. */
    static const char *const tricky[] = {
        "7",
        "0",
        "007",
        "18446744073709551615",
        "99999999999999999999",
        "-5",
        "1.2.3.4",
        "01.2.3.4",
        "256.1.1.1",
        "1.2.3",
        "1.2.3.4.5",
        "true",
        "True",
        "false ",
        "0.0.0.0",
        "1..3.4",
        "+1",
        "255.255.255.255",
    };
    struct strbuf want = STRBUF_INIT;
    for (size_t i = 0; i < sizeof tricky / sizeof tricky[0]; i++) {
        char name[160];
        snprintf(name, sizeof name, PM "%zu.PortMappingDescription", 100 + i);
        ck_assert_int_eq(spv(name, "xsd:string", tricky[i], NULL), 0);
        sb_printf(&want, "%s|xsd:string|%s\n", name, tricky[i]);
    }
    struct strbuf by_path = STRBUF_INIT, by_name = STRBUF_INIT, req = STRBUF_INIT;
    ck_assert_int_eq(rpc("<cwmp:GetParameterValues><ParameterNames soap-enc:arrayType=\"xsd:"
                         "string[1]\"><string>" TABLE "</string></ParameterNames>"
                         "</cwmp:GetParameterValues>"),
                     0);
    list_of(&last, &by_path);
    for (char *l = want.buf; *l; l = strchr(l, '\n') + 1) {
        size_t len = strcspn(l, "\n") + 1;
        char line[256];
        snprintf(line, sizeof line, "%.*s", (int)len, l);
        ck_assert_msg(strstr(sb_str(&by_path), line), "lacks %s", line);
    }
    sb_free(&want);
    ck_assert_ptr_nonnull(strstr(sb_str(&by_path), PM "7.PortMappingDescription|xsd:string|"
                                                      "a<b> & \"q\" \xc3\xa9 \r\n"));
    /* The names, then every leaf by name. */
    ck_assert_int_eq(rpc("<cwmp:GetParameterNames><ParameterPath>" TABLE "</ParameterPath>"
                         "<NextLevel>false</NextLevel></cwmp:GetParameterNames>"),
                     0);
    struct strbuf names = STRBUF_INIT;
    list_of(&last, &names);
    sb_puts(&req, "<cwmp:GetParameterValues><ParameterNames soap-enc:arrayType=\"xsd:string[]\">");
    size_t leaves = 0;
    for (char *l = names.buf; l && *l; l = strchr(l, '\n') + 1) {
        size_t len = strcspn(l, "|");
        if (l[len - 1] != '.') {
            sb_printf(&req, "<string>%.*s</string>", (int)len, l);
            leaves++;
        }
    }
    sb_puts(&req, "</ParameterNames></cwmp:GetParameterValues>");
    ck_assert_uint_eq(leaves, 300 * 8);
    ck_assert_int_eq(rpc(sb_str(&req)), 0);
    list_of(&last, &by_name);
    ck_assert_str_eq(sb_str(&by_name), sb_str(&by_path));
    /* One name that names nothing: the request's one fault, nothing written. */
    sb_truncate(&req, req.len - strlen("</ParameterNames></cwmp:GetParameterValues>"));
    sb_puts(&req, "<string>" PM "301.ExternalPort</string></ParameterNames>"
                  "</cwmp:GetParameterValues>");
    ck_assert_int_eq(rpc(sb_str(&req)), 9005);
    ck_assert_ptr_null(strstr(last.xml, "ParameterValueStruct"));
    /* Attributes by name, as many. */
    sb_reset(&req);
    sb_puts(&req, "<cwmp:GetParameterAttributes><ParameterNames soap-enc:arrayType=\"xsd:string[2]"
                  "\"><string>" PM "1.ExternalPort</string><string>" TABLE "</string>"
                  "</ParameterNames></cwmp:GetParameterAttributes>");
    ck_assert_int_eq(rpc(sb_str(&req)), 0);
    ck_assert_ptr_nonnull(strstr(last.xml, "arrayType=\"cwmp:ParameterAttributeStruct[2401]\""));
    ck_assert_ptr_nonnull(strstr(last.xml, "<ParameterAttributeStruct><Name>" PM "1.ExternalPort"
                                           "</Name><Notification>0</Notification><AccessList "
                                           "soap-enc:arrayType=\"xsd:string[0]\"></AccessList>"
                                           "</ParameterAttributeStruct>"));
    sb_free(&names);
    sb_free(&req);
    sb_free(&by_path);
    sb_free(&by_name);
    sb_free(&cfg);
}
END_TEST

START_TEST(invalid_values_fault_each_and_change_nothing)
{
    load(WAN LAN "ip nat inside source static tcp 15.15.15.2 7547 10.194.145.170 9000\n");
    ck_gpv(PM "1.ExternalPort", "9000"); /* seen, and so numbered, first */
    ck_assert_uint_eq(add_object(PM), 2);
    struct strbuf before = STRBUF_INIT;
    config_render(agent.running, &before);
    ck_assert_int_eq(spv(PM "2.ExternalPort", "xsd:unsignedInt", "0", PM "2.InternalPort",
                         "xsd:unsignedInt", "65536", PM "2.PortMappingProtocol", "xsd:string",
                         "SCTP", PM "2.InternalClient", "xsd:string", "15.15.15", PM "2.RemoteHost",
                         "xsd:string", "192.0.2.1", PM "2.PortMappingLeaseDuration",
                         "xsd:unsignedInt", "3600", PM "2.PortMappingDescription", "xsd:string",
                         "fine", NULL),
                     9003);
    ck_assert_int_eq(count_spv_faults(), 6);
    ck_assert(spv_fault_on(PM "2.ExternalPort", 9007));
    ck_assert(spv_fault_on(PM "2.InternalPort", 9007));
    ck_assert(spv_fault_on(PM "2.PortMappingProtocol", 9007));
    ck_assert(spv_fault_on(PM "2.InternalClient", 9007));
    ck_assert(spv_fault_on(PM "2.RemoteHost", 9007));
    ck_assert(spv_fault_on(PM "2.PortMappingLeaseDuration", 9007));
    ck_gpv(PM "2.PortMappingDescription", "");
    /* Host addresses only; the broadcast address for UDP only (TR-098). */
    const char *bad_clients[] = {"0.0.0.0", "127.0.0.1", "224.0.0.1", "host.example", "1.2.3.4.5"};
    for (size_t i = 0; i < sizeof bad_clients / sizeof bad_clients[0]; i++)
        ck_assert_int_eq(spv(PM "2.InternalClient", "xsd:string", bad_clients[i], NULL), 9003);
    ck_assert_int_eq(spv(PM "2.InternalClient", "xsd:string", "255.255.255.255", NULL), 9003);
    ck_assert_int_eq(spv(PM "2.InternalClient", "xsd:string", "255.255.255.255",
                         PM "2.PortMappingProtocol", "xsd:string", "UDP", NULL),
                     0);
    ck_assert_int_eq(spv(PM "2.PortMappingProtocol", "xsd:string", "TCP", NULL), 9003);
    ck_assert(spv_fault_on(PM "2.PortMappingProtocol", 9007));
    /* A second mapping of the same rule: each parameter making it is faulted. */
    ck_assert_int_eq(spv(PM "2.ExternalPort", "xsd:unsignedInt", "9000", PM "2.PortMappingProtocol",
                         "xsd:string", "TCP", PM "2.InternalClient", "xsd:string", "15.15.15.7",
                         NULL),
                     9003);
    ck_assert_int_eq(count_spv_faults(), 2);
    ck_assert(spv_fault_on(PM "2.ExternalPort", 9007));
    ck_assert(spv_fault_on(PM "2.PortMappingProtocol", 9007));
    struct strbuf after = STRBUF_INIT;
    config_render(agent.running, &after);
    ck_assert_str_eq(sb_str(&after), sb_str(&before));
    ck_gpv(PM "2.ExternalPort", "0");
    sb_free(&before);
    sb_free(&after);
}
END_TEST

START_TEST(instances_keep_their_numbers_when_their_key_changes)
{
    load(WAN LAN "ip nat inside source static tcp 15.15.15.2 7547 10.194.145.170 9000\n"
                 "ip nat inside source static udp 15.15.15.3 53 10.194.145.170 5353\n");
    ck_gpv(PM "1.ExternalPort", "9000");
    ck_gpv(PM "2.ExternalPort", "5353");
    /* A failed request that would have moved a port: nothing forgotten either. */
    ck_assert_int_eq(spv(PM "1.ExternalPort", "xsd:unsignedInt", "9001", PM "1.InternalPort",
                         "xsd:unsignedInt", "0", NULL),
                     9003);
    ck_gpv(PM "1.ExternalPort", "9000");
    ck_assert_uint_eq(add_object(PM), 3);
    /* The ACS moves the CLI's rule to another port, and swaps two ports in one request. */
    ck_assert_int_eq(spv(PM "1.ExternalPort", "xsd:unsignedInt", "9001", NULL), 0);
    ck_gpv(PM "1.ExternalPort", "9001");
    ck_assert_int_eq(spv(PM "3.ExternalPort", "xsd:unsignedInt", "5353", PM "3.PortMappingProtocol",
                         "xsd:string", "UDP", PM "2.ExternalPort", "xsd:unsignedInt", "5354",
                         PM "3.InternalClient", "xsd:string", "15.15.15.4", PM "3.InternalPort",
                         "xsd:unsignedInt", "53", NULL),
                     0);
    ck_gpv(PM "2.ExternalPort", "5354");
    ck_gpv(PM "3.ExternalPort", "5353");
    ck_nat("ip nat inside source static tcp 15.15.15.2 7547 10.194.145.170 9001\n"
           "ip nat inside source static udp 15.15.15.3 53 10.194.145.170 5354\n"
           "ip nat inside source static udp 15.15.15.4 53 10.194.145.170 5353 extendable\n");
    /* A line typed now on the first port is a new instance, not the old number again. */
    struct strbuf out = STRBUF_INIT;
    ck_assert_int_eq(
        line("ip nat inside source static tcp 15.15.15.9 80 10.194.145.170 9000", &out), CMD_OK);
    ck_gpv(IP1 "PortMappingNumberOfEntries", "4");
    ck_gpv(PM "4.InternalClient", "15.15.15.9");
    ck_gpv(PM "1.InternalClient", "15.15.15.2");
    sb_free(&out);
}
END_TEST

START_TEST(mappings_are_on_the_default_connection_only)
{
    load(WAN LAN "interface Dialer1\n ip address 203.0.113.5 255.255.255.255\n cwmp wan\n");
    const char *ppp =
        "InternetGatewayDevice.WANDevice.2.WANConnectionDevice.1.WANPPPConnection.1.PortMapping.";
    ck_assert_uint_eq(add_object(ppp), 0);
    ck_assert_int_eq(last.fault, 9001);
    ck_assert_uint_eq(add_object(PM), 1);
    /* The default moves to the PPP connection: the mappings and their numbers with it. */
    load("interface Dialer1\n cwmp wan default\n");
    ck_assert_uint_eq(add_object(ppp), 1);
    ck_gpv("InternetGatewayDevice.WANDevice.2.WANConnectionDevice.1.WANPPPConnection.1."
           "PortMappingNumberOfEntries",
           "2");
    ck_gpv(IP1 "PortMappingNumberOfEntries", "0");
#define PPM                                                                                        \
    "InternetGatewayDevice.WANDevice.2.WANConnectionDevice.1.WANPPPConnection.1.PortMapping."
    ck_assert_int_eq(spv(PPM "1.InternalClient", "xsd:string", "15.15.15.2", PPM "1.InternalPort",
                         "xsd:unsignedInt", "80", PPM "1.ExternalPort", "xsd:unsignedInt", "8080",
                         NULL),
                     0);
    ck_nat("ip nat inside source static tcp 15.15.15.2 80 203.0.113.5 8080 extendable\n");
}
END_TEST

/* The ACS changes ports and protocols, deletes, and moves the default connection: the indexes
 * follow each change, and what is refused stays what was. */
START_TEST(the_acs_changes_keep_the_indexes)
{
    load(WAN LAN "interface Dialer1\n ip address 203.0.113.5 255.255.255.255\n cwmp wan\n"
                 "ip nat inside source static tcp 15.15.15.2 7547 10.194.145.170 9000\n");
    ck_gpv(PM "1.ExternalPort", "9000");
    ck_assert_uint_eq(add_object(PM), 2);
    ck_assert_int_eq(spv(PM "2.InternalClient", "xsd:string", "15.15.15.3", PM "2.InternalPort",
                         "xsd:unsignedInt", "22", PM "2.ExternalPort", "xsd:unsignedInt", "2222",
                         NULL),
                     0);
    ck_indexes(agent.running);
    /* Onto the line's port: refused, and nothing moved. */
    ck_assert_int_eq(spv(PM "2.ExternalPort", "xsd:unsignedInt", "9000", NULL), 9003);
    ck_indexes(agent.running);
    /* The line's rule moves away: its old port is free for a line, its new one is not. */
    ck_assert_int_eq(spv(PM "1.ExternalPort", "xsd:unsignedInt", "9001", NULL), 0);
    ck_indexes(agent.running);
    struct strbuf out = STRBUF_INIT;
    ck_assert_int_eq(
        line("ip nat inside source static tcp 15.15.15.4 80 10.194.145.170 9001", &out),
        CMD_FAILED);
    ck_assert_str_eq(sb_str(&out),
                     "% Similar static entry (15.15.15.2:7547 -> 10.194.145.170:9001) "
                     "already exists\n");
    ck_assert_int_eq(spv(PM "2.PortMappingProtocol", "xsd:string", "UDP", PM "2.ExternalPort",
                         "xsd:unsignedInt", "9001", NULL),
                     0);
    ck_indexes(agent.running);
    ck_assert_int_eq(
        line("ip nat inside source static tcp 15.15.15.4 80 10.194.145.170 9000", &out), CMD_OK);
    /* The ACS's rule deleted: its port is free for a line. */
    ck_assert_int_eq(
        line("ip nat inside source static udp 15.15.15.4 80 10.194.145.170 9001", &out),
        CMD_FAILED);
    ck_assert_int_eq(rpc("<cwmp:DeleteObject><ObjectName>" PM "2.</ObjectName><ParameterKey>d"
                         "</ParameterKey></cwmp:DeleteObject>"),
                     0);
    ck_indexes(agent.running);
    ck_assert_int_eq(
        line("ip nat inside source static udp 15.15.15.4 80 10.194.145.170 9001", &out), CMD_OK);
    ck_nat("ip nat inside source static tcp 15.15.15.2 7547 10.194.145.170 9001\n"
           "ip nat inside source static tcp 15.15.15.4 80 10.194.145.170 9000\n"
           "ip nat inside source static udp 15.15.15.4 80 10.194.145.170 9001\n");
    /* The default connection moved by the ACS. */
    ck_assert_int_eq(spv("InternetGatewayDevice.Layer3Forwarding.DefaultConnectionService",
                         "xsd:string",
                         "InternetGatewayDevice.WANDevice.2.WANConnectionDevice.1."
                         "WANPPPConnection.1",
                         NULL),
                     0);
    ck_indexes(agent.running);
    ck_assert_str_eq(config_wan_default(agent.running)->name, "Dialer1");
    sb_free(&out);
}
END_TEST

static char *translation_text(const struct nat_translation *t)
{
    char a[4][INET_ADDRSTRLEN];
    inet_ntop(AF_INET, &t->inside_global, a[0], sizeof a[0]);
    inet_ntop(AF_INET, &t->inside_local, a[1], sizeof a[1]);
    inet_ntop(AF_INET, &t->outside_local, a[2], sizeof a[2]);
    inet_ntop(AF_INET, &t->outside_global, a[3], sizeof a[3]);
    char *text = NULL;
    ck_assert_int_gt(asprintf(&text, "%s %s:%u %s:%u %s:%u %s:%u", t->proto, a[0], t->ig_port, a[1],
                              t->il_port, a[2], t->ol_port, a[3], t->og_port),
                     0);
    return text;
}

/* Connection-tracking lines in IOS's four addresses: the inside host's own address is the inside
 * local one whichever side opened the connection; entries NAT left alone, IPv6, other protocols
 * and broken lines are none. */
START_TEST(conntrack_lines_become_translations)
{
    static const struct {
        const char *line, *want;
    } cases[] = {
        /* masquerade: the source rewritten */
        {"ipv4     2 tcp      6 431999 ESTABLISHED src=192.168.1.10 dst=93.184.216.34 "
         "sport=51234 dport=443 src=93.184.216.34 dst=10.0.0.1 sport=443 dport=61000 [ASSURED] "
         "mark=0 zone=0 use=2\n",
         "tcp 10.0.0.1:61000 192.168.1.10:51234 93.184.216.34:443 93.184.216.34:443"},
        /* a port mapping: the destination rewritten */
        {"ipv4     2 tcp      6 86399 ESTABLISHED src=198.51.100.7 dst=10.0.0.1 sport=40000 "
         "dport=9000 src=15.15.15.2 dst=198.51.100.7 sport=7547 dport=40000 [ASSURED] use=2",
         "tcp 10.0.0.1:9000 15.15.15.2:7547 198.51.100.7:40000 198.51.100.7:40000"},
        /* conntrack -L's format, not yet replied to */
        {"udp      17 29 src=192.168.1.13 dst=9.9.9.9 sport=1000 dport=53 [UNREPLIED] "
         "src=9.9.9.9 dst=10.0.0.1 sport=53 dport=1024 mark=0 use=1",
         "udp 10.0.0.1:1024 192.168.1.13:1000 9.9.9.9:53 9.9.9.9:53"},
        /* ICMP: the echo identifier in place of the ports */
        {"ipv4     2 icmp     1 29 src=192.168.1.12 dst=1.1.1.1 type=8 code=0 id=77 src=1.1.1.1 "
         "dst=10.0.0.1 type=0 code=0 id=77 mark=0 zone=0 use=2",
         "icmp 10.0.0.1:77 192.168.1.12:77 1.1.1.1:77 1.1.1.1:77"},
        /* both rewritten: the source decides, the outside local is what the inside host sent to */
        {"tcp 6 10 ESTABLISHED src=192.168.1.5 dst=10.0.0.9 sport=1 dport=80 src=172.16.0.9 "
         "dst=10.0.0.1 sport=8080 dport=2",
         "tcp 10.0.0.1:2 192.168.1.5:1 10.0.0.9:80 172.16.0.9:8080"},
        /* untouched */
        {"ipv4     2 tcp      6 100 ESTABLISHED src=127.0.0.1 dst=127.0.0.1 sport=40000 dport=22 "
         "src=127.0.0.1 dst=127.0.0.1 sport=22 dport=40000 [ASSURED] use=2",
         NULL},
        {"ipv6     10 tcp      6 100 ESTABLISHED src=2001:db8::1 dst=2001:db8::2 sport=1 dport=2 "
         "src=2001:db8::2 dst=2001:db8::3 sport=2 dport=1 use=2",
         NULL},
        {"ipv4     2 gre      47 100 src=1.1.1.1 dst=2.2.2.2 srckey=0x0 dstkey=0x0 src=2.2.2.2 "
         "dst=3.3.3.3 srckey=0x0 dstkey=0x0 use=2",
         NULL},
        /* broken */
        {"ipv4 2 tcp 6 1 src=1.2.3.4 dst=5.6.7.8 sport=99999 dport=1 src=5.6.7.8 dst=9.9.9.9 "
         "sport=1 dport=2",
         NULL},
        {"ipv4 2 tcp 6 1 src=1.2.3.4 dst=5.6.7.8 sport=1 dport=1", NULL},
        {"ipv4 2 tcp 6 1 src=1.2.3 dst=5.6.7.8 sport=1 dport=1 src=5.6.7.8 dst=9.9.9.9 sport=1 "
         "dport=2",
         NULL},
        {"", NULL},
        {"tcp", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct nat_translation t;
        bool ok = conntrack_parse_line(cases[i].line, &t);
        ck_assert_msg(ok == (cases[i].want != NULL), "line %zu: %s", i, cases[i].line);
        if (!ok)
            continue;
        char *text = translation_text(&t);
        ck_assert_str_eq(text, cases[i].want);
        free(text);
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("portmap");
    TCase *tc = tcase_create("model");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, typed_lines_are_rules_and_follow_the_wan_address);
    tcase_add_test(tc, conntrack_lines_become_translations);
    tcase_add_test(tc, incomplete_and_disabled_rules_stay_out_of_running_config);
    tcase_add_test(tc, conflicts_are_the_same_protocol_port_and_address);
    tcase_add_test(tc, records_restore_what_the_lines_cannot_hold);
    tcase_add_test(tc, records_survive_the_state_file);
    tcase_add_test(tc, duplicates_are_refused_after_deletions_and_growth);
    tcase_add_test(tc, the_first_rule_of_a_key_decides);
    tcase_add_test(tc, the_wan_lookup_follows_cwmp_wan_default);
    tcase_add_test(tc, copies_of_the_store_have_indexes_of_their_own);
    suite_add_tcase(s, tc);
    tc = tcase_create("rpc");
    tcase_add_checked_fixture(tc, rpc_setup, rpc_teardown);
    tcase_add_test(tc, the_feature_documentation_example);
    tcase_add_test(tc, every_leaf_by_name_reads_as_the_partial_path);
    tcase_add_test(tc, invalid_values_fault_each_and_change_nothing);
    tcase_add_test(tc, instances_keep_their_numbers_when_their_key_changes);
    tcase_add_test(tc, mappings_are_on_the_default_connection_only);
    tcase_add_test(tc, the_acs_changes_keep_the_indexes);
    suite_add_tcase(s, tc);
    return unit_run(s);
}
