/* Unit tests of device-gateway association (TR-111 part 1): the option 125 parser on crafted
 * options, the DHCP message parser on crafted packets, the lease file, and the agent's tables and
 * notification limit over them; ACS discovery (TR-069 3.1): the sub-options of options 43, 125 and
 * DHCPv6 17, and the command that hands them to the agent. */
#include <arpa/inet.h>
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "agent.h"
#include "configuration.h"
#include "dhcp_acs.h"
#include "cwmp_inform.h"
#include "dhcp_opt125.h"
#include "dhcp_packet.h"
#include "dm.h"
#include "lease_table.h"
#include "tr111.h"
#include "unit.h"
#include "unit_buf.h"
#include "xalloc.h"

/* ---- option 125 ---- */

static void put_sub(struct buf *b, uint8_t code, const char *v)
{
    put8(b, code);
    put8(b, (uint8_t)strlen(v));
    put(b, v, strlen(v));
}

/* An enterprise block header; the data length is patched by end_block. */
static size_t begin_block(struct buf *b, uint32_t enterprise)
{
    uint8_t e[4] = {(uint8_t)(enterprise >> 24), (uint8_t)(enterprise >> 16),
                    (uint8_t)(enterprise >> 8), (uint8_t)enterprise};
    put(b, e, 4);
    put8(b, 0);
    return b->n;
}

static void end_block(struct buf *b, size_t start)
{
    b->b[start - 1] = (uint8_t)(b->n - start);
}

static void tr111_block(struct buf *b, const char *oui, const char *serial, const char *cls)
{
    size_t s = begin_block(b, 3561);
    put_sub(b, 1, oui);
    put_sub(b, 2, serial);
    put_sub(b, 3, cls);
    end_block(b, s);
}

static int parse(const struct buf *b, struct tr111_identity *id, struct strbuf *why)
{
    sb_reset(why);
    return dhcp_opt125_parse(b->b, b->n, id, why);
}

START_TEST(opt125_valid)
{
    struct buf b = {0};
    tr111_block(&b, "00D09E", "SN-0001 A", "CPE X");
    struct tr111_identity id;
    struct strbuf why = STRBUF_INIT;
    ck_assert_int_eq(parse(&b, &id, &why), 1);
    ck_assert_str_eq(id.oui, "00D09E");
    ck_assert_str_eq(id.serial, "SN-0001 A");
    ck_assert_str_eq(id.product_class, "CPE X");
    /* No product class: an empty sub-option 3 (TR-098: empty when the device has none). */
    b.n = 0;
    tr111_block(&b, "ABCDEF", "S", "");
    ck_assert_int_eq(parse(&b, &id, &why), 1);
    ck_assert_str_eq(id.product_class, "");
    /* UTF-8 is fine, the gateway's own sub-options (4-6) and unknown ones are skipped. */
    b.n = 0;
    size_t s = begin_block(&b, 3561);
    put_sub(&b, 4, "001122");
    put_sub(&b, 2, "S\xc3\xa9rie");
    put_sub(&b, 9, "x");
    put_sub(&b, 1, "001122");
    put_sub(&b, 3, "\xe2\x82\xac");
    end_block(&b, s);
    ck_assert_int_eq(parse(&b, &id, &why), 1);
    ck_assert_str_eq(id.serial, "S\xc3\xa9rie");
    sb_free(&why);
}
END_TEST

START_TEST(opt125_several_enterprises)
{
    struct buf b = {0};
    size_t s = begin_block(&b, 4491); /* CableLabs */
    put_sub(&b, 1, "whatever");
    end_block(&b, s);
    s = begin_block(&b, 9); /* an empty block */
    end_block(&b, s);
    tr111_block(&b, "00D09E", "SN1", "PC");
    s = begin_block(&b, 311);
    put_sub(&b, 2, "after");
    end_block(&b, s);
    struct tr111_identity id;
    struct strbuf why = STRBUF_INIT;
    ck_assert_int_eq(parse(&b, &id, &why), 1);
    ck_assert_str_eq(id.serial, "SN1");
    /* Without 3561: well formed, nothing for us. */
    b.n = 0;
    s = begin_block(&b, 4491);
    put_sub(&b, 1, "x");
    end_block(&b, s);
    ck_assert_int_eq(parse(&b, &id, &why), 0);
    ck_assert_str_eq(sb_str(&why), "");
    /* 3561 twice. */
    b.n = 0;
    tr111_block(&b, "00D09E", "SN1", "PC");
    tr111_block(&b, "00D09E", "SN2", "PC");
    ck_assert_int_eq(parse(&b, &id, &why), -1);
    ck_assert_str_eq(sb_str(&why), "enterprise 3561 given twice");
    sb_free(&why);
}
END_TEST

START_TEST(opt125_truncated)
{
    struct buf b = {0};
    tr111_block(&b, "00D09E", "SN1", "PC");
    struct tr111_identity id;
    struct strbuf why = STRBUF_INIT;
    /* Every cut of a valid option is refused with a reason, never read past. */
    for (size_t n = 0; n < b.n; n++) {
        uint8_t *copy = malloc(n ? n : 1);
        memcpy(copy, b.b, n);
        sb_reset(&why);
        ck_assert_int_eq(dhcp_opt125_parse(copy, n, &id, &why), -1);
        ck_assert_msg(why.len > 0, "no reason for a cut at %zu", n);
        free(copy);
    }
    /* A data length past the end of the option. */
    b.b[4] = (uint8_t)(b.b[4] + 1);
    ck_assert_int_eq(parse(&b, &id, &why), -1);
    ck_assert_ptr_nonnull(strstr(sb_str(&why), "exceeds the option"));
    /* A sub-option longer than its block (the block itself fits). */
    b.n = 0;
    size_t s = begin_block(&b, 3561);
    put_sub(&b, 1, "00D09E");
    put8(&b, 2);
    put8(&b, 50);
    put(&b, "short", 5);
    end_block(&b, s);
    ck_assert_int_eq(parse(&b, &id, &why), -1);
    ck_assert_str_eq(sb_str(&why), "sub-option 2 of enterprise 3561 is longer (50) than its block");
    sb_free(&why);
}
END_TEST

START_TEST(opt125_duplicates_and_missing)
{
    struct buf b = {0};
    size_t s = begin_block(&b, 3561);
    put_sub(&b, 1, "00D09E");
    put_sub(&b, 2, "A");
    put_sub(&b, 2, "B");
    put_sub(&b, 3, "C");
    end_block(&b, s);
    struct tr111_identity id;
    struct strbuf why = STRBUF_INIT;
    ck_assert_int_eq(parse(&b, &id, &why), -1);
    ck_assert_str_eq(sb_str(&why), "sub-option 2 (SerialNumber) given twice");
    ck_assert_str_eq(id.serial, ""); /* nothing half-filled is left */
    b.n = 0;
    s = begin_block(&b, 3561);
    put_sub(&b, 1, "00D09E");
    put_sub(&b, 2, "A");
    end_block(&b, s);
    ck_assert_int_eq(parse(&b, &id, &why), -1);
    ck_assert_str_eq(sb_str(&why), "enterprise 3561 lacks sub-option 3 (ProductClass)");
    sb_free(&why);
}
END_TEST

START_TEST(opt125_bad_values)
{
    static const struct {
        const char *oui, *serial, *cls, *why;
    } cases[] = {
        {"00d09e", "S", "C",
         "sub-option 1 (ManufacturerOUI): not six upper-case hexadecimal digits"},
        {"00D09", "S", "C",
         "sub-option 1 (ManufacturerOUI): not six upper-case hexadecimal digits"},
        {"00D09EE", "S", "C",
         "sub-option 1 (ManufacturerOUI): not six upper-case hexadecimal digits"},
        {"00G09E", "S", "C",
         "sub-option 1 (ManufacturerOUI): not six upper-case hexadecimal digits"},
        {"00D09E", "", "C", "sub-option 2 (SerialNumber): empty"},
        {"00D09E", "S\x01", "C", "sub-option 2 (SerialNumber): a control character"},
        {"00D09E", "S\x7f", "C", "sub-option 2 (SerialNumber): a control character"},
        {"00D09E", "S\xc2\x85", "C", "sub-option 2 (SerialNumber): a control character"},
        {"00D09E", "S\xff", "C", "sub-option 2 (SerialNumber): not UTF-8"},
        {"00D09E", "S\xc0\xaf", "C", "sub-option 2 (SerialNumber): not UTF-8"},     /* overlong */
        {"00D09E", "S\xed\xa0\x80", "C", "sub-option 2 (SerialNumber): not UTF-8"}, /* surrogate */
        {"00D09E", "S\xe2\x82", "C", "sub-option 2 (SerialNumber): not UTF-8"},     /* cut */
        {"00D09E", "S", "C\tD", "sub-option 3 (ProductClass): a control character"},
    };
    struct tr111_identity id;
    struct strbuf why = STRBUF_INIT;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct buf b = {0};
        tr111_block(&b, cases[i].oui, cases[i].serial, cases[i].cls);
        ck_assert_int_eq(parse(&b, &id, &why), -1);
        ck_assert_str_eq(sb_str(&why), cases[i].why);
    }
    /* Oversized: 65 bytes of serial, 65 of class; 64 is fine. */
    char big[66];
    memset(big, 'x', 65);
    big[65] = '\0';
    struct buf b = {0};
    tr111_block(&b, "00D09E", big, "C");
    ck_assert_int_eq(parse(&b, &id, &why), -1);
    ck_assert_str_eq(sb_str(&why), "sub-option 2 (SerialNumber): too long");
    b.n = 0;
    tr111_block(&b, "00D09E", "S", big);
    ck_assert_int_eq(parse(&b, &id, &why), -1);
    ck_assert_str_eq(sb_str(&why), "sub-option 3 (ProductClass): too long");
    big[64] = '\0';
    b.n = 0;
    tr111_block(&b, "00D09E", big, big);
    ck_assert_int_eq(parse(&b, &id, &why), 1);
    ck_assert_uint_eq(strlen(id.serial), 64);
    sb_free(&why);
}
END_TEST

/* ---- DHCP messages ---- */

/* A client's message: BOOTP header for MAC 02:00:00:00:00:xx, the cookie, then the options. */
static void dhcp_header(struct buf *b, uint8_t op, uint8_t last_mac_byte)
{
    memset(b, 0, sizeof *b);
    b->b[0] = op;
    b->b[1] = 1;
    b->b[2] = 6;
    b->b[4] = 0x12;
    uint8_t mac[6] = {2, 0, 0, 0, 0, last_mac_byte};
    memcpy(b->b + 28, mac, 6);
    b->n = 236;
    put(b, "\x63\x82\x53\x63", 4);
}

static void client_msg(struct buf *b, uint8_t type, uint8_t mac, const char *serial)
{
    dhcp_header(b, 1, mac);
    put_opt(b, 53, &type, 1);
    put_opt(b, 61, "\x01\x02\x00\x00\x00\x00\x01", 7);
    put_opt(b, 12, "device-1", 8);
    if (serial) {
        struct buf o = {0};
        tr111_block(&o, "00D09E", serial, "CPE");
        put_opt(b, 125, o.b, o.n);
    }
    put8(b, 255);
}

START_TEST(dhcp_client_message)
{
    struct buf b;
    client_msg(&b, DHCPDISCOVER, 1, "SN1");
    struct dhcp_msg m;
    struct strbuf why = STRBUF_INIT;
    ck_assert_int_eq(dhcp_msg_parse(b.b, b.n, &m, &why), 0);
    ck_assert_int_eq(m.op, 1);
    ck_assert_int_eq(m.type, DHCPDISCOVER);
    ck_assert_uint_eq(m.chaddr[5], 1);
    ck_assert_str_eq(m.hostname, "device-1");
    ck_assert_uint_eq(m.client_id_len, 7);
    ck_assert_int_eq(m.identity_rc, 1);
    ck_assert_str_eq(m.identity.serial, "SN1");
    /* Each cut inside the options: refused or parsed, never read past. */
    for (size_t n = 0; n < b.n; n++) {
        sb_reset(&why);
        int rc = dhcp_msg_parse(b.b, n, &m, &why);
        ck_assert_msg(rc == 0 || why.len > 0, "cut at %zu: no reason", n);
    }
    /* No cookie, not Ethernet, too short. */
    b.b[236] = 0;
    sb_reset(&why);
    ck_assert_int_eq(dhcp_msg_parse(b.b, b.n, &m, &why), -1);
    ck_assert_str_eq(sb_str(&why), "no DHCP magic cookie");
    client_msg(&b, DHCPDISCOVER, 1, NULL);
    b.b[1] = 6;
    sb_reset(&why);
    ck_assert_int_eq(dhcp_msg_parse(b.b, b.n, &m, &why), -1);
    /* An option running past the end. */
    client_msg(&b, DHCPREQUEST, 1, NULL);
    b.n--; /* drop the end option */
    put8(&b, 125);
    put8(&b, 40);
    put(&b, "\0\0\x0d\xe9", 4);
    sb_reset(&why);
    ck_assert_int_eq(dhcp_msg_parse(b.b, b.n, &m, &why), -1);
    ck_assert_ptr_nonnull(strstr(sb_str(&why), "option 125 at offset"));
    sb_free(&why);
}
END_TEST

START_TEST(dhcp_long_options)
{
    /* Option 125 split in two instances (RFC 3396), the second in the file field (overload). */
    struct buf o = {0};
    tr111_block(&o, "00D09E", "SPLIT", "CPE");
    struct buf b;
    dhcp_header(&b, 1, 7);
    uint8_t type = DHCPREQUEST, overload = 1;
    put_opt(&b, 53, &type, 1);
    put_opt(&b, 52, &overload, 1);
    put_opt(&b, 125, o.b, 6);
    put8(&b, 255);
    b.b[108] = 125;
    b.b[109] = (uint8_t)(o.n - 6);
    memcpy(b.b + 110, o.b + 6, o.n - 6);
    b.b[110 + o.n - 6] = 255;
    struct dhcp_msg m;
    struct strbuf why = STRBUF_INIT;
    ck_assert_int_eq(dhcp_msg_parse(b.b, b.n, &m, &why), 0);
    ck_assert_int_eq(m.identity_rc, 1);
    ck_assert_str_eq(m.identity.serial, "SPLIT");
    /* A bad option 125 leaves the message usable, with the reason. */
    client_msg(&b, DHCPREQUEST, 1, "");
    ck_assert_int_eq(dhcp_msg_parse(b.b, b.n, &m, &why), 0);
    ck_assert_int_eq(m.identity_rc, -1);
    ck_assert_str_eq(m.identity_why, "sub-option 2 (SerialNumber): empty");
    sb_free(&why);
}
END_TEST

START_TEST(dhcp_ipv4_udp)
{
    struct buf d;
    client_msg(&d, DHCPDISCOVER, 1, "SN1");
    uint8_t pkt[1500] = {0x45, 0, 0, 0, 0, 0, 0, 0, 64, 17};
    size_t total = 20 + 8 + d.n;
    pkt[2] = (uint8_t)(total >> 8);
    pkt[3] = (uint8_t)total;
    uint8_t *u = pkt + 20;
    u[1] = 68;
    u[3] = 67;
    u[4] = (uint8_t)((8 + d.n) >> 8);
    u[5] = (uint8_t)(8 + d.n);
    memcpy(u + 8, d.b, d.n);
    const uint8_t *p;
    size_t n;
    struct strbuf why = STRBUF_INIT;
    ck_assert_int_eq(dhcp_ipv4_payload(pkt, total, &p, &n, &why), 0);
    ck_assert_uint_eq(n, d.n);
    ck_assert_int_eq(dhcp_ipv4_payload(pkt, total - 1, &p, &n, &why), -1);
    pkt[7] = 1; /* a fragment */
    ck_assert_int_eq(dhcp_ipv4_payload(pkt, total, &p, &n, &why), -1);
    pkt[7] = 0;
    u[3] = 53;
    ck_assert_int_eq(dhcp_ipv4_payload(pkt, total, &p, &n, &why), -1);
    sb_free(&why);
}
END_TEST

/* ---- the lease file ---- */

START_TEST(lease_file_roundtrip)
{
    struct lease_table t = {0};
    uint8_t mac[6] = {2, 0, 0, 0, 0, 1};
    struct lease *l = lease_get(&t, mac);
    inet_pton(AF_INET, "192.0.2.10", &l->addr);
    l->expires = 2000000000;
    snprintf(l->ifname, sizeof l->ifname, "Ethernet0/1");
    snprintf(l->hostname, sizeof l->hostname, "h%%1");
    l->has_identity = true;
    snprintf(l->id.oui, sizeof l->id.oui, "00D09E");
    snprintf(l->id.serial, sizeof l->id.serial, "S N/1");
    mac[5] = 2;
    l = lease_get(&t, mac);
    inet_pton(AF_INET, "192.0.2.11", &l->addr);
    l->infinite = true;
    mac[5] = 3;
    lease_get(&t, mac); /* not bound: not saved */
    struct strbuf text = STRBUF_INIT, why = STRBUF_INIT;
    lease_table_render(&t, &text);
    ck_assert_str_eq(sb_str(&text),
                     "# cwmpd DHCP leases: MAC ADDRESS EXPIRES INTERFACE HOSTNAME [OUI SERIAL "
                     "CLASS]\n"
                     "lease 02:00:00:00:00:01 192.0.2.10 2000000000 Ethernet0/1 h%251 00D09E "
                     "S%20N/1 %\n"
                     "lease 02:00:00:00:00:02 192.0.2.11 infinite % %\n");
    struct lease_table u = {0};
    ck_assert_int_eq(lease_table_parse(&u, text.buf, text.len, 1000, &why), 0);
    ck_assert_uint_eq(u.n, 2);
    struct strbuf again = STRBUF_INIT;
    lease_table_render(&u, &again);
    ck_assert_str_eq(sb_str(&again), sb_str(&text));
    lease_table_free(&u);
    /* At a later time the first has expired: dropped, the infinite one stays. */
    ck_assert_int_eq(lease_table_parse(&u, text.buf, text.len, 2000000000, &why), 0);
    ck_assert_uint_eq(u.n, 1);
    ck_assert(u.v[0].infinite);
    lease_table_free(&u);
    lease_table_free(&t);
    sb_free(&text);
    sb_free(&again);
    sb_free(&why);
}
END_TEST

START_TEST(lease_file_strict)
{
    static const struct {
        const char *text, *why;
    } cases[] = {
        {"lease 02:00:00:00:00:01 192.0.2.10 2000000000 % %", "line 1: no newline at the end"},
        {"bogus\n", "line 1: unknown record \"bogus\""},
        {"lease 02:00:00:00:00:01 192.0.2.10 2000000000 %\n", "line 1: 5 fields, 6 or 9 expected"},
        {"lease 02-00-00-00-00-01 192.0.2.10 2000000000 % %\n", "line 1: bad MAC address"},
        {"lease 02:00:00:00:00:01 192.0.2.300 2000000000 % %\n", "line 1: bad IPv4 address"},
        {"lease 02:00:00:00:00:01 0.0.0.0 2000000000 % %\n", "line 1: bad IPv4 address"},
        {"lease 02:00:00:00:00:01 192.0.2.1 -5 % %\n", "line 1: bad expiry"},
        {"lease 02:00:00:00:00:01 192.0.2.1 1 %01 %\n", "line 1: bad interface name"},
        {"lease 02:00:00:00:00:01 192.0.2.1 1 % %0A\n", "line 1: bad host name"},
        {"lease 02:00:00:00:00:01 192.0.2.1 1 % % 00d09e S C\n",
         "line 1: identity: not six upper-case hexadecimal digits"},
        {"lease 02:00:00:00:00:01 192.0.2.1 1 % % 00D09E % C\n", "line 1: identity: empty"},
        {"lease 02:00:00:00:00:01 192.0.2.1 1 % % 00D09E S %FF\n", "line 1: identity: not UTF-8"},
        {"lease 02:00:00:00:00:01 192.0.2.1 1 % %\nlease 02:00:00:00:00:01 192.0.2.2 1 % %\n",
         "line 2: MAC address listed twice"},
        {"lease 02:00:00:00:00:01 192.0.2.1 1 % % 00D09E S C x\n", "line 1: too many fields"},
    };
    struct strbuf why = STRBUF_INIT;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct lease_table t = {0};
        sb_reset(&why);
        ck_assert_int_eq(lease_table_parse(&t, cases[i].text, strlen(cases[i].text), 0, &why), -1);
        ck_assert_msg(!strncmp(sb_str(&why), cases[i].why, strlen(cases[i].why)), "case %zu: %s", i,
                      sb_str(&why));
        ck_assert_uint_eq(t.n, 0);
    }
    sb_free(&why);
}
END_TEST

START_TEST(mac_forms)
{
    uint8_t m[6];
    char out[18];
    ck_assert(mac_parse("AA:bb:CC:dd:EE:0f", m));
    mac_format(m, out);
    ck_assert_str_eq(out, "aa:bb:cc:dd:ee:0f");
    ck_assert(mac_parse("aa-bb-cc-dd-ee-0f", m));
    ck_assert(mac_parse("aabb.ccdd.ee0f", m));
    mac_format(m, out);
    ck_assert_str_eq(out, "aa:bb:cc:dd:ee:0f");
    ck_assert(!mac_parse("aa:bb:cc:dd:ee", m));
    ck_assert(!mac_parse("aa:bb-cc:dd:ee:0f", m));
    ck_assert(!mac_parse("aabb.ccdd.eeXf", m));
}
END_TEST

/* ---- the agent ---- */

static struct agent agent;
static char dir[64];
static struct agent_session sess;

static void setup(void)
{
    unit_agent_start(&agent, dir);
    agent_session_init(&sess, &agent, "test", "vty 0");
}

static void teardown(void)
{
    unit_agent_stop(&agent, dir);
}

static enum cmd_status run(const char *line, struct strbuf *out)
{
    sb_reset(out);
    return agent_exec_line(&agent, &sess, line, out);
}

static void value(const char *path, const char *want)
{
    struct dm_ctx c = {.agent = &agent, .store = agent.running, .state = &agent.cwmp};
    struct dm_lookup l;
    ck_assert_msg(dm_lookup(agent.dm, &c, path, &l) == 0, "%s not found", path);
    struct strbuf v = STRBUF_INIT;
    ck_assert_int_eq(dm_value(&c, &l.it, &v), 0);
    ck_assert_msg(!strcmp(sb_str(&v), want), "%s is \"%s\", not \"%s\"", path, sb_str(&v), want);
    sb_free(&v);
    dm_lookup_release(&l);
}

START_TEST(lease_commands_fill_the_tables)
{
    struct strbuf out = STRBUF_INIT;
    ck_assert_int_eq(run("configure terminal", &out), CMD_OK);
    ck_assert_int_eq(run("interface Ethernet0/1", &out), CMD_OK);
    ck_assert_int_eq(run("interface Ethernet0/2", &out), CMD_OK);
    ck_assert_int_eq(run("end", &out), CMD_OK);
    ck_assert_int_eq(run("cwmp lease add 02:00:00:00:00:01 192.0.2.10 600 interface Ethernet0/2 "
                         "device 00d09e SN1 CPE hostname dev1",
                         &out),
                     CMD_OK);
    ck_assert_int_eq(run("cwmp lease add 0200.0000.0002 192.0.2.11 infinite interface e0/1", &out),
                     CMD_FAILED); /* IOS abbreviations are the IFNAME token's, not WORD's */
    ck_assert_int_eq(
        run("cwmp lease add 0200.0000.0002 192.0.2.11 infinite interface Ethernet0/1", &out),
        CMD_OK);
    /* The same device with a second MAC on the other LAN: one ManageableDevice, two hosts. */
    ck_assert_int_eq(run("cwmp lease add 02:00:00:00:00:03 192.0.2.12 600 interface Ethernet0/1 "
                         "device 00D09E SN1 CPE",
                         &out),
                     CMD_OK);
    value("InternetGatewayDevice.ManagementServer.ManageableDeviceNumberOfEntries", "1");
    value("InternetGatewayDevice.ManagementServer.ManageableDevice.1.ManufacturerOUI", "00D09E");
    value("InternetGatewayDevice.ManagementServer.ManageableDevice.1.SerialNumber", "SN1");
    value("InternetGatewayDevice.ManagementServer.ManageableDevice.1.ProductClass", "CPE");
    value("InternetGatewayDevice.LANDevice.1.Hosts.HostNumberOfEntries", "2");
    value("InternetGatewayDevice.LANDevice.2.Hosts.HostNumberOfEntries", "1");
    value("InternetGatewayDevice.LANDevice.2.Hosts.Host.1.IPAddress", "192.0.2.10");
    value("InternetGatewayDevice.LANDevice.2.Hosts.Host.1.MACAddress", "02:00:00:00:00:01");
    value("InternetGatewayDevice.LANDevice.2.Hosts.Host.1.HostName", "dev1");
    value("InternetGatewayDevice.LANDevice.2.Hosts.Host.1.AddressSource", "DHCP");
    value("InternetGatewayDevice.LANDevice.2.Hosts.Host.1.Layer2Interface",
          "InternetGatewayDevice.LANDevice.2.LANEthernetInterfaceConfig.1");
    value("InternetGatewayDevice.LANDevice.1.Hosts.Host.1.LeaseTimeRemaining", "-1");
    value("InternetGatewayDevice.ManagementServer.ManageableDevice.1.Host",
          "InternetGatewayDevice.LANDevice.2.Hosts.Host.1,"
          "InternetGatewayDevice.LANDevice.1.Hosts.Host.2");
    ck_assert_int_eq(run("show cwmp manageable-devices", &out), CMD_OK);
    ck_assert_ptr_nonnull(strstr(sb_str(&out), "Manageable devices     : 1\n"));
    ck_assert_ptr_nonnull(strstr(sb_str(&out), "DHCP leases            : 3\n"));
    ck_assert_ptr_nonnull(strstr(sb_str(&out), "00D09E  SN1            CPE            "
                                               "02:00:00:00:00:01  192.0.2.10  Ethernet0/2  "));
    /* Refusals. */
    ck_assert_int_eq(run("cwmp lease add 02:00:00:00:00:04 192.0.2.13 60 device 0D09E S C", &out),
                     CMD_FAILED);
    ck_assert_str_eq(sb_str(&out), "% Invalid OUI 0D09E: not six upper-case hexadecimal digits\n");
    ck_assert_int_eq(run("cwmp lease add 02:00:00:00:04 192.0.2.13 60", &out), CMD_FAILED);
    ck_assert_int_eq(run("cwmp lease add 02:00:00:00:00:04 192.0.2.13 60 interface eth9", &out),
                     CMD_FAILED);
    ck_assert_int_eq(run("cwmp lease delete 02:00:00:00:00:09", &out), CMD_FAILED);
    ck_assert_str_eq(sb_str(&out), "% No lease for 02:00:00:00:00:09\n");
    /* Gone: the device keeps its number while another lease remains. */
    ck_assert_int_eq(run("cwmp lease delete 02:00:00:00:00:01", &out), CMD_OK);
    value("InternetGatewayDevice.ManagementServer.ManageableDeviceNumberOfEntries", "1");
    value("InternetGatewayDevice.ManagementServer.ManageableDevice.1.Host",
          "InternetGatewayDevice.LANDevice.1.Hosts.Host.2");
    ck_assert_int_eq(run("cwmp lease delete 02:00:00:00:00:03", &out), CMD_OK);
    value("InternetGatewayDevice.ManagementServer.ManageableDeviceNumberOfEntries", "0");
    struct dm_ctx c = {.agent = &agent, .store = agent.running, .state = &agent.cwmp};
    struct dm_lookup l;
    ck_assert_int_eq(
        dm_lookup(agent.dm, &c, "InternetGatewayDevice.ManagementServer.ManageableDevice.1.", &l),
        9005);
    /* It comes back once the ACS has seen it gone: a new instance number (never reused). */
    ck_assert_int_eq(run("cwmp lease add 02:00:00:00:00:03 192.0.2.12 600 interface Ethernet0/1 "
                         "device 00D09E SN1 CPE",
                         &out),
                     CMD_OK);
    value("InternetGatewayDevice.ManagementServer.ManageableDevice.2.SerialNumber", "SN1");
    sb_free(&out);
}
END_TEST

START_TEST(snooped_messages_make_and_end_leases)
{
    struct strbuf out = STRBUF_INIT;
    ck_assert_int_eq(run("configure terminal", &out), CMD_OK);
    ck_assert_int_eq(run("interface Ethernet0/1", &out), CMD_OK);
    ck_assert_int_eq(run("end", &out), CMD_OK);
    struct buf b;
    struct dhcp_msg m;
    struct strbuf why = STRBUF_INIT;
    client_msg(&b, DHCPREQUEST, 5, "SN5");
    ck_assert_int_eq(dhcp_msg_parse(b.b, b.n, &m, &why), 0);
    tr111_dhcp_seen(&agent, "Ethernet0/1", &m);
    value("InternetGatewayDevice.ManagementServer.ManageableDeviceNumberOfEntries", "0");
    /* The server's ACK binds it. */
    dhcp_header(&b, 2, 5);
    uint8_t type = DHCPACK, lease[4] = {0, 0, 0x0e, 0x10};
    inet_pton(AF_INET, "192.0.2.55", b.b + 16);
    put_opt(&b, 53, &type, 1);
    put_opt(&b, 51, lease, 4);
    put8(&b, 255);
    ck_assert_int_eq(dhcp_msg_parse(b.b, b.n, &m, &why), 0);
    tr111_dhcp_seen(&agent, "Ethernet0/1", &m);
    value("InternetGatewayDevice.ManagementServer.ManageableDeviceNumberOfEntries", "1");
    value("InternetGatewayDevice.LANDevice.1.Hosts.Host.1.IPAddress", "192.0.2.55");
    value("InternetGatewayDevice.LANDevice.1.Hosts.Host.1.LeaseTimeRemaining", "3600");
    value("InternetGatewayDevice.LANDevice.1.Hosts.Host.1.HostName", "device-1");
    /* RELEASE ends it. */
    client_msg(&b, DHCPRELEASE, 5, NULL);
    ck_assert_int_eq(dhcp_msg_parse(b.b, b.n, &m, &why), 0);
    tr111_dhcp_seen(&agent, "Ethernet0/1", &m);
    value("InternetGatewayDevice.ManagementServer.ManageableDeviceNumberOfEntries", "0");
    value("InternetGatewayDevice.LANDevice.1.Hosts.HostNumberOfEntries", "0");
    sb_free(&why);
    sb_free(&out);
}
END_TEST

START_TEST(notification_limit_holds_changes)
{
    struct strbuf out = STRBUF_INIT;
    const char *count = "InternetGatewayDevice.ManagementServer.ManageableDeviceNumberOfEntries";
    cwmp_attr_get(&agent.cwmp, count, 2)->explicit_set = true;
    bool active;
    uint64_t hold;
    cwmp_notify_scan(&agent, &active, &hold); /* first sight */
    ck_assert_int_eq(run("configure terminal", &out), CMD_OK);
    ck_assert_int_eq(run("cwmp agent", &out), CMD_OK);
    ck_assert_int_eq(run("manageable-device notification limit 30", &out), CMD_OK);
    ck_assert_int_eq(run("end", &out), CMD_OK);
    value("InternetGatewayDevice.ManagementServer.ManageableDeviceNotificationLimit", "30");
    ck_assert_int_eq(run("cwmp lease add 02:00:00:00:00:01 192.0.2.10 600 device 00D09E A B", &out),
                     CMD_OK);
    ck_assert_uint_eq(cwmp_notify_scan(&agent, &active, &hold), 1);
    ck_assert(active);
    ck_assert_uint_eq(hold, 0);
    /* A second device within the 30 s: held back, the scan to come again within 30 s. */
    ck_assert_int_eq(run("cwmp lease add 02:00:00:00:00:02 192.0.2.11 600 device 00D09E C D", &out),
                     CMD_OK);
    ck_assert_uint_eq(cwmp_notify_scan(&agent, &active, &hold), 0);
    ck_assert(hold > 29000 && hold <= 30000);
    ck_assert_str_eq(cwmp_attr_find(&agent.cwmp, count)->last, "1");
    /* Once the limit is lifted, the held change goes. */
    ck_assert_int_eq(run("configure terminal", &out), CMD_OK);
    ck_assert_int_eq(run("cwmp agent", &out), CMD_OK);
    ck_assert_int_eq(run("no manageable-device notification limit", &out), CMD_OK);
    ck_assert_int_eq(run("end", &out), CMD_OK);
    ck_assert_uint_eq(cwmp_notify_scan(&agent, &active, &hold), 1);
    ck_assert_str_eq(cwmp_attr_find(&agent.cwmp, count)->last, "2");
    sb_free(&out);
}
END_TEST

/* ---- ACS discovery ---- */

static int acs(enum acs_dhcp_source src, const struct buf *b, struct acs_dhcp *d, const char *why)
{
    struct strbuf w = STRBUF_INIT;
    int rc = dhcp_acs_parse(src, b->b, b->n, d, &w);
    ck_assert_msg(!strcmp(sb_str(&w), why), "why is \"%s\", not \"%s\"", sb_str(&w), why);
    sb_free(&w);
    return rc;
}

START_TEST(acs_opt43)
{
    struct buf b = {.n = 0};
    struct acs_dhcp d;
    put8(&b, 0); /* a pad, as some servers send */
    put_sub(&b, 1, "http://acs.example.net:7547/cwmp");
    put_sub(&b, 7, "ignored");
    put_sub(&b, 2, "PC-1");
    put_sub(&b, 3, "10");
    put_sub(&b, 4, "2500");
    ck_assert_int_eq(acs(ACS_DHCP_OPT43, &b, &d, ""), 1);
    ck_assert_str_eq(d.url, "http://acs.example.net:7547/cwmp");
    ck_assert(d.has_provisioning_code);
    ck_assert_str_eq(d.provisioning_code, "PC-1");
    ck_assert(d.has_min_wait && d.min_wait == 10);
    ck_assert(d.has_multiplier && d.multiplier == 2500);
    /* URL only. */
    b.n = 0;
    put_sub(&b, 1, "https://a/");
    ck_assert_int_eq(acs(ACS_DHCP_OPT43, &b, &d, ""), 1);
    ck_assert(!d.has_provisioning_code && !d.has_min_wait && !d.has_multiplier);
    /* Another vendor's option 43, well formed but without a URL. */
    b.n = 0;
    put_sub(&b, 2, "PC");
    ck_assert_int_eq(acs(ACS_DHCP_OPT43, &b, &d, ""), 0);
    ck_assert_str_eq(d.url, "");
}
END_TEST

START_TEST(acs_opt43_refused)
{
    static const struct {
        uint8_t code;
        const char *value, *why;
    } bad[] = {
        {1, "ftp://acs/", "option 43: sub-option 1 (URL): not an http:// or https:// URL"},
        {1, "http://a b/", "option 43: sub-option 1 (URL): not printable ASCII"},
        {1, "", "option 43: sub-option 1 (URL): empty"},
        {2, "A\x01", "option 43: sub-option 2 (ProvisioningCode): a control character"},
        {3, "0", "option 43: sub-option 3 (CWMPRetryMinimumWaitInterval): out of range"},
        {3, "65536", "option 43: sub-option 3 (CWMPRetryMinimumWaitInterval): out of range"},
        {3, "1x", "option 43: sub-option 3 (CWMPRetryMinimumWaitInterval): not a decimal number"},
        {4, "999", "option 43: sub-option 4 (CWMPRetryIntervalMultiplier): out of range"},
        {4, "", "option 43: sub-option 4 (CWMPRetryIntervalMultiplier): not a number in range"},
    };
    struct acs_dhcp d;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct buf b = {.n = 0};
        if (bad[i].code != 1)
            put_sub(&b, 1, "http://acs/");
        put_sub(&b, bad[i].code, bad[i].value);
        ck_assert_int_eq(acs(ACS_DHCP_OPT43, &b, &d, bad[i].why), -1);
        ck_assert_str_eq(d.url, ""); /* nothing half-learnt */
    }
    struct buf b = {.n = 0};
    put_sub(&b, 1, "http://acs/");
    put_sub(&b, 1, "http://other/");
    ck_assert_int_eq(acs(ACS_DHCP_OPT43, &b, &d, "option 43: sub-option 1 (URL) given twice"), -1);
    b.n = 0;
    put_sub(&b, 1, "http://acs/");
    b.b[1] = 40; /* longer than what follows */
    ck_assert_int_eq(
        acs(ACS_DHCP_OPT43, &b, &d, "option 43: sub-option 1 is longer (40) than the option"), -1);
    b.n = 1;
    ck_assert_int_eq(acs(ACS_DHCP_OPT43, &b, &d, "option 43: sub-option at offset 0 is truncated"),
                     -1);
    b.n = 0;
    ck_assert_int_eq(acs(ACS_DHCP_OPT43, &b, &d, "option 43 is empty"), -1);
}
END_TEST

START_TEST(acs_opt125)
{
    struct buf b = {.n = 0};
    struct acs_dhcp d;
    size_t other = begin_block(&b, 9);
    put_sub(&b, 1, "http://not-ours/");
    end_block(&b, other);
    ck_assert_int_eq(acs(ACS_DHCP_OPT125, &b, &d, ""), 0);
    size_t ours = begin_block(&b, 3561);
    put_sub(&b, 1, "http://acs/cwmp");
    put_sub(&b, 2, "PC");
    end_block(&b, ours);
    ck_assert_int_eq(acs(ACS_DHCP_OPT125, &b, &d, ""), 1);
    ck_assert_str_eq(d.url, "http://acs/cwmp");
    ck_assert_str_eq(d.provisioning_code, "PC");
    b.n -= 2;
    ck_assert_int_eq(acs(ACS_DHCP_OPT125, &b, &d,
                         "option 125: enterprise 3561: data length 21 exceeds the option"),
                     -1);
}
END_TEST

static void put_sub6(struct buf *b, uint16_t code, const char *v)
{
    put16(b, code);
    put16(b, (unsigned)strlen(v));
    put(b, v, strlen(v));
}

START_TEST(acs_v6_opt17)
{
    struct buf b = {.n = 0};
    struct acs_dhcp d;
    put(&b, "\x00\x00\x0d\xe9", 4); /* 3561 */
    put_sub6(&b, 1, "http://[2001:db8::1]:7547/");
    put_sub6(&b, 3, "30");
    ck_assert_int_eq(acs(ACS_DHCP_V6_OPT17, &b, &d, ""), 1);
    ck_assert_str_eq(d.url, "http://[2001:db8::1]:7547/");
    ck_assert_uint_eq(d.min_wait, 30);
    b.n -= 1;
    ck_assert_int_eq(acs(ACS_DHCP_V6_OPT17, &b, &d,
                         "DHCPv6 option 17: sub-option 3 is longer (2) than the option"),
                     -1);
    b.n = 6;
    ck_assert_int_eq(
        acs(ACS_DHCP_V6_OPT17, &b, &d, "DHCPv6 option 17: sub-option at offset 0 is truncated"),
        -1);
    b.n = 3;
    ck_assert_int_eq(acs(ACS_DHCP_V6_OPT17, &b, &d, "DHCPv6 option 17 is truncated"), -1);
    b.n = 0;
    put(&b, "\x00\x00\x00\x09", 4);
    put_sub6(&b, 1, "http://not-ours/");
    ck_assert_int_eq(acs(ACS_DHCP_V6_OPT17, &b, &d, ""), 0);
}
END_TEST

START_TEST(acs_hex)
{
    uint8_t out[8];
    ck_assert_int_eq(dhcp_hex_decode("0102fF", out, sizeof out), 3);
    ck_assert_int_eq(memcmp(out, "\x01\x02\xff", 3), 0);
    ck_assert_int_eq(dhcp_hex_decode("1:2:a:ff", out, sizeof out), 4);
    ck_assert_int_eq(memcmp(out, "\x01\x02\x0a\xff", 4), 0);
    ck_assert_int_eq(dhcp_hex_decode("01 02", out, sizeof out), 2);
    ck_assert_int_eq(dhcp_hex_decode("", out, sizeof out), 0);
    ck_assert_int_eq(dhcp_hex_decode("abc", out, sizeof out), -1);
    ck_assert_int_eq(dhcp_hex_decode("0g", out, sizeof out), -1);
    ck_assert_int_eq(dhcp_hex_decode("0102030405060708ff", out, sizeof out), -1);
}
END_TEST

START_TEST(acs_discovery_commands)
{
    struct strbuf out = STRBUF_INIT;
    /* 01 0b "http://acs/" 02 02 "PC" */
    ck_assert_int_eq(run("cwmp acs-discovery option43 010b687474703a2f2f6163732f02025043", &out),
                     CMD_OK);
    ck_assert_str_eq(sb_str(&out), "");
    ck_assert_str_eq(agent.acs_dhcp.url, "http://acs/");
    ck_assert_str_eq(agent.acs_dhcp.provisioning_code, "PC");
    ck_assert_str_eq(agent.acs_dhcp.source, "option 43");
    ck_assert_int_eq(run("show running-config", &out), CMD_OK);
    ck_assert_ptr_null(strstr(sb_str(&out), "acs/"));
    /* A refused option leaves what was learnt. */
    ck_assert_int_eq(run("cwmp acs-discovery option43 0105", &out), CMD_FAILED);
    ck_assert_str_eq(sb_str(&out),
                     "% Invalid option 43: sub-option 1 is longer (5) than the option\n");
    ck_assert_str_eq(agent.acs_dhcp.url, "http://acs/");
    ck_assert_int_eq(run("cwmp acs-discovery option125 xyz", &out), CMD_FAILED);
    ck_assert_str_eq(sb_str(&out), "% Invalid option 125: not hexadecimal bytes\n");
    ck_assert_int_eq(run("cwmp acs-discovery option17 00000009", &out), CMD_FAILED);
    ck_assert_str_eq(sb_str(&out), "% No ACS URL in DHCPv6 option 17\n");
    ck_assert_int_eq(run("cwmp acs-discovery clear", &out), CMD_OK);
    ck_assert_ptr_null(agent.acs_dhcp.url);
    sb_free(&out);
}
END_TEST

/* TR-069 §3.1: what DHCP gave is in use where the configuration gives nothing of its own. */
START_TEST(acs_values_in_use)
{
    struct strbuf out = STRBUF_INIT;
    ck_assert_uint_eq(cwmp_retry_wait_in_use(&agent, agent.running), CWMP_DEFAULT_RETRY_WAIT);
    /* 01 0b "http://acs/" 02 02 "PC" 03 02 "30" 04 04 "2500" */
    ck_assert_int_eq(run("cwmp acs-discovery option43 "
                         "010b687474703a2f2f6163732f02025043030233300404"
                         "32353030",
                         &out),
                     CMD_OK);
    ck_assert_str_eq(cwmp_acs_url(&agent, agent.running), "http://acs/");
    ck_assert_str_eq(cwmp_provisioning_code(&agent, agent.running), "PC");
    ck_assert_uint_eq(cwmp_retry_wait_in_use(&agent, agent.running), 30);
    ck_assert_uint_eq(cwmp_retry_multiplier_in_use(&agent, agent.running), 2500);
    /* The configuration wins, value by value. */
    agent.running->cwmp.provision_code = xstrdup("TYPED");
    agent.running->cwmp.retry_wait = 7;
    agent.running->cwmp.url = xstrdup("http://typed/");
    ck_assert_str_eq(cwmp_acs_url(&agent, agent.running), "http://typed/");
    ck_assert_str_eq(cwmp_provisioning_code(&agent, agent.running), "TYPED");
    ck_assert_uint_eq(cwmp_retry_wait_in_use(&agent, agent.running), 7);
    ck_assert_uint_eq(cwmp_retry_multiplier_in_use(&agent, agent.running), 2500);
    /* The lease ends: the defaults again where nothing is configured. */
    ck_assert_int_eq(run("cwmp acs-discovery clear", &out), CMD_OK);
    ck_assert_uint_eq(cwmp_retry_multiplier_in_use(&agent, agent.running),
                      CWMP_DEFAULT_RETRY_MULTIPLIER);
    ck_assert_str_eq(cwmp_provisioning_code(&agent, agent.running), "TYPED");
    free(agent.running->cwmp.provision_code);
    agent.running->cwmp.provision_code = NULL;
    ck_assert_ptr_null(cwmp_provisioning_code(&agent, agent.running));
    sb_free(&out);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("tr111");
    TCase *t = tcase_create("option125");
    tcase_add_test(t, opt125_valid);
    tcase_add_test(t, opt125_several_enterprises);
    tcase_add_test(t, opt125_truncated);
    tcase_add_test(t, opt125_duplicates_and_missing);
    tcase_add_test(t, opt125_bad_values);
    suite_add_tcase(s, t);
    t = tcase_create("dhcp");
    tcase_add_test(t, dhcp_client_message);
    tcase_add_test(t, dhcp_long_options);
    tcase_add_test(t, dhcp_ipv4_udp);
    suite_add_tcase(s, t);
    t = tcase_create("leases");
    tcase_add_test(t, lease_file_roundtrip);
    tcase_add_test(t, lease_file_strict);
    tcase_add_test(t, mac_forms);
    suite_add_tcase(s, t);
    t = tcase_create("acs");
    tcase_add_test(t, acs_opt43);
    tcase_add_test(t, acs_opt43_refused);
    tcase_add_test(t, acs_opt125);
    tcase_add_test(t, acs_v6_opt17);
    tcase_add_test(t, acs_hex);
    suite_add_tcase(s, t);
    t = tcase_create("agent");
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_add_test(t, acs_discovery_commands);
    tcase_add_test(t, acs_values_in_use);
    tcase_add_test(t, lease_commands_fill_the_tables);
    tcase_add_test(t, snooped_messages_make_and_end_leases);
    tcase_add_test(t, notification_limit_holds_changes);
    suite_add_tcase(s, t);
    return unit_run(s);
}
