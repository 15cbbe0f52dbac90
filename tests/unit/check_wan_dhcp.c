/* Unit tests of the WAN side's DHCP reader (wan_dhcp.h) on crafted messages: which DHCPv4
 * messages are this device's lease and which end it, what an ACK carries for ACS discovery (43,
 * else 125) and autoinstall (150, else 66, and 67), and what a DHCPv6 Reply carries (option 17 of
 * enterprise 3561, the valid lifetimes); every cut of a message refused or parsed, never read
 * past; the IPv6 and UDP headers around DHCPv6. And the watcher in an agent (wan_watch.h): what
 * it learns and offers from this device's ACK, what ends it (RELEASE, NAK, the lease time, a
 * DHCPv6 Release), a Reply only to this interface's own request, each family ending only its own.
 */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "agent.h"
#include "loop.h"
#include "wan_dhcp.h"
#include "unit.h"
#include "unit_buf.h"

static const uint8_t wan_mac[6] = {2, 0, 0, 0, 0x0a, 0x01};
static const uint8_t other_mac[6] = {2, 0, 0, 0, 0x0a, 0x02};

/* A BOOTP header (op, chaddr), the cookie and option 53. */
static void msg(struct buf *b, uint8_t op, const uint8_t mac[6], uint8_t type)
{
    memset(b, 0, sizeof *b);
    b->b[0] = op;
    b->b[1] = 1;
    b->b[2] = 6;
    memcpy(b->b + 28, mac, 6);
    b->n = 236;
    put(b, "\x63\x82\x53\x63", 4);
    put_opt(b, 53, &type, 1);
}

/* Option 43 naming http://acs/ with ProvisioningCode PC. */
static const char opt43[] = "\x01\x0bhttp://acs/\x02\x02PC";

static void ack(struct buf *b, const uint8_t mac[6])
{
    msg(b, 2, mac, DHCPACK);
    b->b[16] = 198, b->b[17] = 51, b->b[18] = 100, b->b[19] = 10; /* yiaddr */
    put_opt(b, 51, "\x00\x00\x02\x58", 4);                        /* 600 s */
    put_opt(b, 43, opt43, sizeof opt43 - 1);
    put_opt(b, 150, "\xc6\x33\x64\x01\xc6\x33\x64\x02", 8);
    put_opt(b, 66, "tftp.example", 12);
    put_opt(b, 67, "cpe.cfg\0", 8); /* a trailing NUL, as some servers send */
    put8(b, 255);
}

START_TEST(v4_ack_to_this_device)
{
    struct buf b;
    ack(&b, wan_mac);
    struct wan_dhcp4 *w = calloc(1, sizeof *w);
    struct strbuf why = STRBUF_INIT;
    ck_assert_int_eq(wan_dhcp4_parse(b.b, b.n, w, &why), 0);
    ck_assert_str_eq(sb_str(&why), "");
    ck_assert_int_eq(wan_dhcp4_event(w, wan_mac), WAN_DHCP_ACK);
    ck_assert(w->m.has_lease);
    ck_assert_uint_eq(w->m.lease, 600);
    ck_assert(w->has_acs);
    ck_assert_int_eq(w->acs_src, ACS_DHCP_OPT43);
    ck_assert_uint_eq(w->acs_len, sizeof opt43 - 1);
    ck_assert_mem_eq(w->acs, opt43, w->acs_len);
    /* Option 150 wins over 66, its addresses in their order. */
    ck_assert_str_eq(w->tftp, "198.51.100.1,198.51.100.2");
    ck_assert_str_eq(w->bootfile, "cpe.cfg");
    /* The parsed option is what acs_discovery_learn reads. */
    struct acs_dhcp d;
    ck_assert_int_eq(dhcp_acs_parse(w->acs_src, w->acs, w->acs_len, &d, &why), 1);
    ck_assert_str_eq(d.url, "http://acs/");
    ck_assert_str_eq(d.provisioning_code, "PC");
    /* Another device's ACK on the same link is not this one's lease. */
    ck_assert_int_eq(wan_dhcp4_event(w, other_mac), WAN_DHCP_IGNORE);
    /* Every cut: refused with a reason or parsed, never read past. */
    for (size_t n = 0; n < b.n; n++) {
        sb_reset(&why);
        int rc = wan_dhcp4_parse(b.b, n, w, &why);
        ck_assert_msg(rc == 0 || why.len > 0, "cut at %zu: no reason", n);
    }
    sb_free(&why);
    free(w);
}
END_TEST

START_TEST(v4_ends_and_others)
{
    struct buf b;
    struct wan_dhcp4 *w = calloc(1, sizeof *w);
    struct strbuf why = STRBUF_INIT;
    const struct {
        uint8_t op, type;
        const uint8_t *mac;
        enum wan_dhcp_event want;
    } cases[] = {
        {2, DHCPNAK, wan_mac, WAN_DHCP_END},        {1, DHCPRELEASE, wan_mac, WAN_DHCP_END},
        {1, DHCPDECLINE, wan_mac, WAN_DHCP_END},    {1, DHCPRELEASE, other_mac, WAN_DHCP_IGNORE},
        {2, DHCPNAK, other_mac, WAN_DHCP_IGNORE},   {2, DHCPOFFER, wan_mac, WAN_DHCP_IGNORE},
        {1, DHCPREQUEST, wan_mac, WAN_DHCP_IGNORE}, {1, DHCPACK, wan_mac, WAN_DHCP_IGNORE},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        msg(&b, cases[i].op, cases[i].mac, cases[i].type);
        put8(&b, 255);
        ck_assert_int_eq(wan_dhcp4_parse(b.b, b.n, w, &why), 0);
        ck_assert_msg(wan_dhcp4_event(w, wan_mac) == cases[i].want, "case %zu", i);
        ck_assert(!w->has_acs);
        ck_assert_str_eq(w->tftp, "");
    }
    /* Not a DHCP message. */
    b.b[236] = 0;
    ck_assert_int_eq(wan_dhcp4_parse(b.b, b.n, w, &why), -1);
    ck_assert_str_eq(sb_str(&why), "no DHCP magic cookie");
    sb_free(&why);
    free(w);
}
END_TEST

START_TEST(v4_options_fall_back_or_are_dropped)
{
    struct buf b;
    struct wan_dhcp4 *w = calloc(1, sizeof *w);
    struct strbuf why = STRBUF_INIT;
    /* Option 125 when there is no 43; option 66 when there is no 150. */
    msg(&b, 2, wan_mac, DHCPACK);
    put_opt(&b, 125, "\x00\x00\x0d\xe9\x0d\x01\x0bhttp://acs/", 17);
    put_opt(&b, 66, "tftp.example", 12);
    put8(&b, 255);
    ck_assert_int_eq(wan_dhcp4_parse(b.b, b.n, w, &why), 0);
    ck_assert(w->has_acs);
    ck_assert_int_eq(w->acs_src, ACS_DHCP_OPT125);
    ck_assert_uint_eq(w->acs_len, 17);
    ck_assert_str_eq(w->tftp, "tftp.example");
    ck_assert_str_eq(w->bootfile, "");
    /* Option 150 not whole addresses, a server name and a file with spaces: dropped, each with
     * its reason, and the message still read. */
    msg(&b, 2, wan_mac, DHCPACK);
    put_opt(&b, 150, "\xc6\x33\x64", 3);
    put_opt(&b, 66, "a b", 3);
    put_opt(&b, 67, "", 0);
    put_opt(&b, 43, opt43, sizeof opt43 - 1);
    put8(&b, 255);
    sb_reset(&why);
    ck_assert_int_eq(wan_dhcp4_parse(b.b, b.n, w, &why), 0);
    ck_assert_str_eq(sb_str(&why), "option 150 is not a list of IPv4 addresses; option 66 is not a "
                                   "server name; option 67 is not a file name");
    ck_assert_str_eq(w->tftp, "");
    ck_assert_str_eq(w->bootfile, "");
    ck_assert(w->has_acs);
    /* Option 150 of more addresses than fit: the first ones, whole. */
    msg(&b, 2, wan_mac, DHCPACK);
    uint8_t many[252];
    for (size_t i = 0; i < sizeof many; i += 4)
        memcpy(many + i, "\xc6\x33\x64\xfe", 4);
    put_opt(&b, 150, many, sizeof many);
    put8(&b, 255);
    sb_reset(&why);
    ck_assert_int_eq(wan_dhcp4_parse(b.b, b.n, w, &why), 0);
    ck_assert_uint_le(strlen(w->tftp), WAN_DHCP_TFTP_MAX);
    ck_assert_uint_eq(strlen(w->tftp) % 15, 14); /* "198.51.100.254" 14, then ",..." 15 each */
    sb_free(&why);
    free(w);
}
END_TEST

/* ---- DHCPv6 ---- */

static void v6_header(struct buf *b, uint8_t type, uint32_t xid)
{
    memset(b, 0, sizeof *b);
    put8(b, type);
    put8(b, (uint8_t)(xid >> 16));
    put16(b, xid & 0xffff);
}

static const char v6_acs[] = "\x00\x00\x0d\xe9\x00\x01\x00\x0bhttp://acs/";

START_TEST(v6_reply)
{
    struct buf b;
    v6_header(&b, DHCP6_REPLY, 0xabcdef);
    /* Another enterprise's option 17 first, then the Broadband Forum's. */
    put16(&b, 17);
    put16(&b, 6);
    put(&b, "\x00\x00\x00\x09\x01\x02", 6);
    put16(&b, 17);
    put16(&b, sizeof v6_acs - 1);
    put(&b, v6_acs, sizeof v6_acs - 1);
    /* IA_NA with one address (valid 600) and IA_PD with a prefix (valid 7200). */
    put16(&b, 3);
    put16(&b, 12 + 28);
    put32(&b, 1), put32(&b, 300), put32(&b, 525);
    put16(&b, 5);
    put16(&b, 24);
    put(&b, "\x20\x01\x0d\xb8\0\0\0\0\0\0\0\0\0\0\0\x10", 16);
    put32(&b, 300), put32(&b, 600);
    put16(&b, 25);
    put16(&b, 12 + 29);
    put32(&b, 2), put32(&b, 300), put32(&b, 525);
    put16(&b, 26);
    put16(&b, 25);
    put32(&b, 3600), put32(&b, 7200);
    put8(&b, 56);
    put(&b, "\x20\x01\x0d\xb8\x01\0\0\0\0\0\0\0\0\0\0\0", 16);
    put16(&b, 13);
    put16(&b, 2);
    put16(&b, 0); /* Success */
    struct wan_dhcp6 *w = calloc(1, sizeof *w);
    struct strbuf why = STRBUF_INIT;
    ck_assert_int_eq(wan_dhcp6_parse(b.b, b.n, w, &why), 0);
    ck_assert_uint_eq(w->type, DHCP6_REPLY);
    ck_assert_uint_eq(w->xid, 0xabcdef);
    ck_assert(w->has_acs);
    ck_assert_uint_eq(w->acs_len, sizeof v6_acs - 1);
    ck_assert(w->has_lifetime);
    ck_assert_uint_eq(w->valid, 7200);
    ck_assert(!w->status_error);
    struct acs_dhcp d;
    ck_assert_int_eq(dhcp_acs_parse(ACS_DHCP_V6_OPT17, w->acs, w->acs_len, &d, &why), 1);
    ck_assert_str_eq(d.url, "http://acs/");
    for (size_t n = 0; n < b.n; n++) {
        sb_reset(&why);
        int rc = wan_dhcp6_parse(b.b, n, w, &why);
        ck_assert_msg(rc == 0 || why.len > 0, "cut at %zu: no reason", n);
    }
    /* An option longer than the message, a relayed message, an error status. */
    v6_header(&b, DHCP6_REPLY, 1);
    put16(&b, 17);
    put16(&b, 40);
    put32(&b, 3561);
    sb_reset(&why);
    ck_assert_int_eq(wan_dhcp6_parse(b.b, b.n, w, &why), -1);
    ck_assert_str_eq(sb_str(&why), "DHCPv6 option 17 at offset 4 runs past the message");
    v6_header(&b, 13, 1);
    sb_reset(&why);
    ck_assert_int_eq(wan_dhcp6_parse(b.b, b.n, w, &why), -1);
    ck_assert_str_eq(sb_str(&why), "DHCPv6 message type 13");
    v6_header(&b, DHCP6_REPLY, 1);
    put16(&b, 13);
    put16(&b, 2);
    put16(&b, 3); /* NoBinding */
    ck_assert_int_eq(wan_dhcp6_parse(b.b, b.n, w, &why), 0);
    ck_assert(w->status_error);
    ck_assert(!w->has_acs);
    ck_assert(!w->has_lifetime);
    /* Whose messages carry the transaction id a Reply repeats. */
    ck_assert(wan_dhcp6_from_client(DHCP6_REQUEST));
    ck_assert(wan_dhcp6_from_client(DHCP6_INFORMATION_REQUEST));
    ck_assert(!wan_dhcp6_from_client(DHCP6_REPLY));
    ck_assert(!wan_dhcp6_from_client(DHCP6_ADVERTISE));
    sb_free(&why);
    free(w);
}
END_TEST

START_TEST(v6_udp)
{
    struct buf d;
    v6_header(&d, DHCP6_REPLY, 7);
    uint8_t pkt[200] = {0x60};
    size_t plen = 8 + d.n;
    pkt[4] = (uint8_t)(plen >> 8);
    pkt[5] = (uint8_t)plen;
    pkt[6] = 17;
    uint8_t *u = pkt + 40;
    u[0] = 547 >> 8, u[1] = 547 & 0xff;
    u[2] = 546 >> 8, u[3] = 546 & 0xff;
    u[4] = (uint8_t)(plen >> 8), u[5] = (uint8_t)plen;
    memcpy(u + 8, d.b, d.n);
    const uint8_t *p;
    size_t n;
    unsigned dport;
    struct strbuf why = STRBUF_INIT;
    ck_assert_int_eq(dhcp_ipv6_payload(pkt, 40 + plen, &p, &n, &dport, &why), 0);
    ck_assert_uint_eq(n, d.n);
    ck_assert_uint_eq(dport, 546);
    ck_assert_ptr_eq(p, u + 8);
    ck_assert_int_eq(dhcp_ipv6_payload(pkt, 40 + plen - 1, &p, &n, &dport, &why), -1);
    u[3] = 53;
    ck_assert_int_eq(dhcp_ipv6_payload(pkt, 40 + plen, &p, &n, &dport, &why), -1);
    u[3] = 546 & 0xff;
    pkt[6] = 0; /* a hop-by-hop header: not DHCPv6 as clients send it */
    ck_assert_int_eq(dhcp_ipv6_payload(pkt, 40 + plen, &p, &n, &dport, &why), -1);
    pkt[0] = 0x45;
    sb_reset(&why);
    ck_assert_int_eq(dhcp_ipv6_payload(pkt, 40 + plen, &p, &n, &dport, &why), -1);
    ck_assert_str_eq(sb_str(&why), "not an IPv6 packet");
    sb_free(&why);
}
END_TEST

/* ---- the watcher in an agent ---- */

static struct agent agent;
static char dir[64];

static void setup(void)
{
    unit_agent_start(&agent, dir);
    const char *none[] = {"none"}; /* no sockets: the tests feed the messages */
    wan_watch_start(&agent, none, 1);
}

static void teardown(void)
{
    unit_agent_stop(&agent, dir);
}

/* What autoinstall was offered (its event, recorded in place of autoinstall). */
static char offered[300];

static void record_offer(struct agent *a, const char *servers, const char *bootfile)
{
    (void)a;
    snprintf(offered, sizeof offered, "%s %s", servers, bootfile ? bootfile : "-");
}

static void feed4(const struct buf *b, bool outgoing)
{
    wan_watch_seen(&agent, "wan0", wan_mac, 4, outgoing, b->b, b->n);
}

static void feed6(const struct buf *b, bool outgoing)
{
    wan_watch_seen(&agent, "wan0", wan_mac, 6, outgoing, b->b, b->n);
}

static void on_stop(struct loop *loop, void *arg)
{
    (void)arg;
    loop_stop(loop);
}

/* Runs the agent's loop for ms milliseconds. */
static void run_loop(uint64_t ms)
{
    loop_timer_add(agent.loop, ms, on_stop, NULL);
    ck_assert_int_eq(loop_run(agent.loop), 0);
}

START_TEST(watch_v4_learns_offers_and_forgets)
{
    agent.events.tftp_offered = record_offer;
    offered[0] = '\0';
    struct buf b;
    /* Another device's ACK: nothing. */
    ack(&b, other_mac);
    feed4(&b, false);
    ck_assert_ptr_null(agent.acs_dhcp.url);
    ck_assert_str_eq(offered, "");
    /* This device's: the ACS, and autoinstall's servers and file. */
    ack(&b, wan_mac);
    feed4(&b, false);
    ck_assert_str_eq(agent.acs_dhcp.url, "http://acs/");
    ck_assert_str_eq(agent.acs_dhcp.provisioning_code, "PC");
    ck_assert_str_eq(agent.acs_dhcp.source, "option 43");
    ck_assert_str_eq(offered, "198.51.100.1,198.51.100.2 cpe.cfg");
    /* The same again (a renewal, or the hook telling it too): the same values. */
    feed4(&b, false);
    ck_assert_str_eq(agent.acs_dhcp.url, "http://acs/");
    /* Another device's RELEASE: nothing; this one's: forgotten. */
    msg(&b, 1, other_mac, DHCPRELEASE);
    put8(&b, 255);
    feed4(&b, true);
    ck_assert_ptr_nonnull(agent.acs_dhcp.url);
    msg(&b, 1, wan_mac, DHCPRELEASE);
    put8(&b, 255);
    feed4(&b, true);
    ck_assert_ptr_null(agent.acs_dhcp.url);
    /* A NAK ends it too. */
    ack(&b, wan_mac);
    feed4(&b, false);
    ck_assert_ptr_nonnull(agent.acs_dhcp.url);
    msg(&b, 2, wan_mac, DHCPNAK);
    put8(&b, 255);
    feed4(&b, false);
    ck_assert_ptr_null(agent.acs_dhcp.url);
    /* A new lease that names no ACS forgets the one before. */
    ack(&b, wan_mac);
    feed4(&b, false);
    msg(&b, 2, wan_mac, DHCPACK);
    put_opt(&b, 51, "\x00\x00\x02\x58", 4);
    put8(&b, 255);
    feed4(&b, false);
    ck_assert_ptr_null(agent.acs_dhcp.url);
}
END_TEST

START_TEST(watch_v4_lease_runs_out)
{
    struct buf b;
    msg(&b, 2, wan_mac, DHCPACK);
    b.b[16] = 198, b.b[17] = 51, b.b[18] = 100, b.b[19] = 10;
    put_opt(&b, 51, "\x00\x00\x00\x01", 4); /* one second */
    put_opt(&b, 43, opt43, sizeof opt43 - 1);
    put8(&b, 255);
    feed4(&b, false);
    ck_assert_ptr_nonnull(agent.acs_dhcp.url);
    /* Valid through its last second, gone the second after. */
    run_loop(500);
    ck_assert_ptr_nonnull(agent.acs_dhcp.url);
    run_loop(2700);
    ck_assert_ptr_null(agent.acs_dhcp.url);
}
END_TEST

static void v6_reply_acs(struct buf *b, uint32_t xid)
{
    v6_header(b, DHCP6_REPLY, xid);
    put16(b, 17);
    put16(b, sizeof v6_acs - 1);
    put(b, v6_acs, sizeof v6_acs - 1);
}

START_TEST(watch_v6_reply_to_own_request)
{
    struct buf b, req;
    /* A Reply to no request of this interface's: not this device's. */
    v6_reply_acs(&b, 0x123456);
    feed6(&b, false);
    ck_assert_ptr_null(agent.acs_dhcp.url);
    /* The interface's Request, then its Reply. */
    v6_header(&req, DHCP6_REQUEST, 0x123456);
    feed6(&req, true);
    wan_watch_seen(&agent, "wan1", wan_mac, 6, false, b.b, b.n); /* on another interface */
    ck_assert_ptr_null(agent.acs_dhcp.url);
    feed6(&b, false);
    ck_assert_str_eq(agent.acs_dhcp.url, "http://acs/");
    ck_assert_str_eq(agent.acs_dhcp.source, "DHCPv6 option 17");
    /* The end of a DHCPv4 lease leaves what DHCPv6 named. */
    msg(&b, 1, wan_mac, DHCPRELEASE);
    put8(&b, 255);
    feed4(&b, true);
    ck_assert_ptr_nonnull(agent.acs_dhcp.url);
    /* The interface's Release ends it. */
    v6_header(&req, DHCP6_RELEASE, 0x654321);
    feed6(&req, true);
    ck_assert_ptr_null(agent.acs_dhcp.url);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("wan_dhcp");
    TCase *t = tcase_create("dhcpv4");
    tcase_add_test(t, v4_ack_to_this_device);
    tcase_add_test(t, v4_ends_and_others);
    tcase_add_test(t, v4_options_fall_back_or_are_dropped);
    suite_add_tcase(s, t);
    t = tcase_create("dhcpv6");
    tcase_add_test(t, v6_reply);
    tcase_add_test(t, v6_udp);
    suite_add_tcase(s, t);
    t = tcase_create("watch");
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_set_timeout(t, 20);
    tcase_add_test(t, watch_v4_learns_offers_and_forgets);
    tcase_add_test(t, watch_v4_lease_runs_out);
    tcase_add_test(t, watch_v6_reply_to_own_request);
    suite_add_tcase(s, t);
    return unit_run(s);
}
