/* Unit tests of the agent: passwords, the configuration store and its IOS rendering, the command
 * handlers through the one parser, and configuration files. */
#include <arpa/inet.h>
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "agent.h"
#include "config_render.h"
#include "config_net.h"
#include "config_store.h"
#include "config_users.h"
#include "fileio.h"
#include "handlers.h"
#include "passwords.h"
#include "sd_notify.h"
#include "unit.h"

static char state_dir[64];
static struct agent agent;

static void setup(void)
{
    unit_agent_start(&agent, state_dir);
}

static void teardown(void)
{
    unit_agent_stop(&agent, state_dir);
}

/* Runs lines in one privileged session, as a pipe into cwmpsh would; returns the output of the
 * last line and fails on any error unless allowed. */
static char *lines(const char *const *v, size_t n, enum cmd_status last_status)
{
    struct agent_session s;
    agent_session_init(&s, &agent, "test", "vty 0");
    struct strbuf out = STRBUF_INIT;
    for (size_t i = 0; i < n; i++) {
        sb_reset(&out);
        enum cmd_status st = agent_exec_line(&agent, &s, v[i], &out);
        enum cmd_status want = i + 1 == n ? last_status : CMD_OK;
        ck_assert_msg(st == want, "\"%s\": status %d, want %d\n%s", v[i], st, want, sb_str(&out));
    }
    return sb_detach(&out);
}
#define LINES(status, ...)                                                                         \
    lines((const char *const[]){__VA_ARGS__},                                                      \
          sizeof((const char *const[]){__VA_ARGS__}) / sizeof(const char *), status)

static char *render(void)
{
    struct strbuf t = STRBUF_INIT;
    config_render(agent.running, &t);
    return sb_detach(&t);
}

START_TEST(type7_round_trip_and_known_vector)
{
    char out[600];
    ck_assert(type7_decode("0822455D0A16", out, sizeof out));
    ck_assert_str_eq(out, "cisco");
    ck_assert(type7_decode("0822455d0a16", out, sizeof out));
    char enc[600];
    const char *samples[] = {"lab", "a much longer password with spaces 1234567890!@#$%^&*()", "x"};
    for (size_t i = 0; i < 3; i++) {
        type7_encode(samples[i], enc, sizeof enc);
        ck_assert(type7_decode(enc, out, sizeof out));
        ck_assert_str_eq(out, samples[i]);
        char again[600];
        type7_encode(samples[i], again, sizeof again);
        ck_assert_str_eq(enc, again); /* the same text renders the same way every time */
    }
    const char *bad[] = {"", "0", "082", "0822455D0A1G", "99AA", "5X22", "ab00"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        ck_assert_msg(!type7_decode(bad[i], out, sizeof out), "decoded %s", bad[i]);
    ck_assert(!type7_decode("0822455D0A16", out, 3)); /* too small a buffer is refused */
}
END_TEST

START_TEST(type9_scrypt_matches_ios)
{
    /* A type 9 secret from an IOS configuration ("hashcat"). */
    const char *ios = "$9$2MJBozw/9R3UsU$2lFhcKvpghcyw8deP25GOfyZaagyUOGBymkryvOdfo6";
    ck_assert(type9_valid(ios));
    ck_assert(type9_verify("hashcat", ios));
    ck_assert(!type9_verify("Hashcat", ios));
    char h[TYPE9_LEN + 1], h2[TYPE9_LEN + 1];
    ck_assert_int_eq(type9_hash("lab", h, sizeof h), 0);
    ck_assert(type9_valid(h));
    ck_assert(type9_verify("lab", h));
    ck_assert_int_eq(type9_hash("lab", h2, sizeof h2), 0);
    ck_assert_str_ne(h, h2); /* a new salt each time */
    ck_assert(!type9_valid("$9$short$x"));
    ck_assert(!type9_valid("$8$2MJBozw/9R3UsU$2lFhcKvpghcyw8deP25GOfyZaagyUOGBymkryvOdfo6"));
    ck_assert(!type9_valid("$9$2MJBozw/9R3UsU$2lFhcKvpghcyw8deP25GOfyZaagyUOGBymkryvOdfo!"));
}
END_TEST

/* Hashes pasted from IOS configurations: type 5 (MD5-crypt) and type 8 (PBKDF2-SHA256), as Cisco's
 * documentation shows them for "cisco", checked as such and kept as they are. */
START_TEST(ios_secrets_of_types_5_and_8)
{
    const char *t5 = "$1$mERr$hx5rVt7rPNoS4wqbXKX7m0";
    const char *t8 = "$8$dsYGNam3K1SIJO$7nv/35M/qr6t.dVc7UY9zrJDWRVqncHub1PE9UlMQFs";
    ck_assert_int_eq(secret_type(t5), 5);
    ck_assert_int_eq(secret_type(t8), 8);
    ck_assert_int_eq(secret_type("$9$2MJBozw/9R3UsU$2lFhcKvpghcyw8deP25GOfyZaagyUOGBymkryvOdfo6"),
                     9);
    ck_assert(secret_verify("cisco", t5));
    ck_assert(!secret_verify("Cisco", t5));
    ck_assert(secret_verify("cisco", t8));
    ck_assert(!secret_verify("cisco ", t8));
    /* A second vector of each, from other tools: OpenSSL's `passwd -1`, Cisco's second example. */
    ck_assert(secret_verify("cisco", "$1$SALT$KpPMqR2GobXnXbecmryBB1"));
    ck_assert(
        secret_verify("cisco", "$8$mTj4RZG8N9ZDOk$elY/asfm8kD3iDmkBe3hD2r4xcA/0oWS5V3os.O91u."));
    char h[TYPE8_LEN + 1];
    ck_assert_int_eq(type8_hash_salt("cisco", "dsYGNam3K1SIJO", h, sizeof h), 0);
    ck_assert_str_eq(h, t8);
    /* Malformed: wrong lengths, alphabets, salts, prefixes. */
    static const char *const bad[] = {
        "$1$$hx5rVt7rPNoS4wqbXKX7m0",
        "$1$123456789$hx5rVt7rPNoS4wqbXKX7m0",
        "$1$mERr$hx5rVt7rPNoS4wqbXKX7m",
        "$1$mERr$hx5rVt7rPNoS4wqbXKX7m0x",
        "$1$mE!r$hx5rVt7rPNoS4wqbXKX7m0",
        "$1$mERr",
        "$8$dsYGNam3K1SIJ$7nv/35M/qr6t.dVc7UY9zrJDWRVqncHub1PE9UlMQFs",
        "$8$dsYGNam3K1SIJO$7nv/35M/qr6t.dVc7UY9zrJDWRVqncHub1PE9UlMQF+",
        "$5$dsYGNam3K1SIJO$7nv/35M/qr6t.dVc7UY9zrJDWRVqncHub1PE9UlMQFs",
        "",
        "$",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ck_assert_msg(secret_type(bad[i]) == 0, "%s taken for type %d", bad[i],
                      secret_type(bad[i]));
        ck_assert(!secret_verify("cisco", bad[i]));
    }
    /* Through the command: kept as given, rendered with its type. */
    free(LINES(CMD_OK, "configure terminal", "enable secret 5 $1$mERr$hx5rVt7rPNoS4wqbXKX7m0"));
    ck_assert_str_eq(agent.running->enable_secret, t5);
    char *t = render();
    ck_assert_ptr_nonnull(strstr(t, "\nenable secret 5 $1$mERr$hx5rVt7rPNoS4wqbXKX7m0\n"));
    free(t);
    free(LINES(CMD_OK, "configure terminal",
               "enable secret 8 $8$dsYGNam3K1SIJO$7nv/35M/qr6t.dVc7UY9zrJDWRVqncHub1PE9UlMQFs"));
    t = render();
    ck_assert_ptr_nonnull(strstr(t, "\nenable secret 8 $8$dsYGNam3K1SIJO$"));
    free(t);
    free(LINES(CMD_OK, "configure terminal", "enable secret 0 lab"));
    ck_assert_int_eq(secret_type(agent.running->enable_secret), 9);
    ck_assert(secret_verify("lab", agent.running->enable_secret));
}
END_TEST

START_TEST(defaults_render_as_ios)
{
    char *t = render();
    ck_assert_str_eq(t, "!\nhostname Router\n!\nend\n");
    free(t);
}
END_TEST

static const char *const example1[] = {
    "configure terminal",
    "cwmp agent",
    "management server url http://172.25.117.78:7547/acs",
    "management server password 0 lab",
    "provision code ABCD",
    "exit",
    "interface ethernet 0/0",
    "cwmp wan",
    "cwmp wan default",
    "exit",
    "cwmp agent",
    "enable download",
    "session retry limit 12",
    "request outstanding 3",
    "parameter change notify interval 120",
};

START_TEST(feature_example_one)
{
    free(lines(example1, sizeof example1 / sizeof example1[0], CMD_OK));
    char *t = render();
    ck_assert_str_eq(t, "!\n"
                        "hostname Router\n"
                        "!\n"
                        "interface Ethernet0/0\n"
                        " no ip address\n"
                        " cwmp wan\n"
                        " cwmp wan default\n"
                        "!\n"
                        "cwmp agent\n"
                        " enable download\n"
                        " management server password 7 13091610\n"
                        " management server url http://172.25.117.78:7547/acs\n"
                        " provision code ABCD\n"
                        " session retry limit 12\n"
                        " request outstanding 3\n"
                        " parameter change notify interval 120\n"
                        "!\n"
                        "end\n");
    free(t);
}
END_TEST

static int bad_lines;
static void count_bad(void *arg, int lineno, const char *line, const char *message)
{
    (void)arg;
    (void)lineno;
    (void)line;
    (void)message;
    bad_lines++;
}

START_TEST(feature_examples_two_and_three_as_files)
{
    const char *ex2 = "!\ncwmp agent\nenable\nenable download\nmanagement server password lab\n"
                      "management server url http://10.1.98.229:7547/acs\n"
                      "connection request username user1\nconnection request password lab\n"
                      "!\nip http server\n!\n";
    const char *ex3 =
        "ip dhcp excluded-address 15.15.15.1\n!\nip dhcp pool NET-POOL1\n"
        "network 15.15.15.0 255.255.255.0\ndefault-router 15.15.15.1\nlease 0 0 5\n"
        "renew deny unknown\nend\ninterface Vlan102\nip address pool NET-POOL1\nend\n";
    bad_lines = 0;
    ck_assert_int_eq(agent_load_config_text(&agent, ex2, "test", count_bad, NULL), 0);
    ck_assert_int_eq(agent_load_config_text(&agent, ex3, "test", count_bad, NULL), 0);
    ck_assert_int_eq(bad_lines, 0);
    char *t = render();
    ck_assert_str_eq(t, "!\n"
                        "hostname Router\n"
                        "!\n"
                        "ip dhcp excluded-address 15.15.15.1\n"
                        "!\n"
                        "ip dhcp pool NET-POOL1\n"
                        " network 15.15.15.0 255.255.255.0\n"
                        " default-router 15.15.15.1\n"
                        " lease 0 0 5\n"
                        " renew deny unknown\n"
                        "!\n"
                        "interface Vlan102\n"
                        " ip address pool NET-POOL1\n"
                        "!\n"
                        "ip http server\n"
                        "!\n"
                        "cwmp agent\n"
                        " enable\n"
                        " enable download\n"
                        " management server password 7 13091610\n"
                        " management server url http://10.1.98.229:7547/acs\n"
                        " connection request username user1\n"
                        " connection request password 7 13091610\n"
                        "!\n"
                        "end\n");
    /* What is rendered loads back to the same configuration. */
    struct config_store *saved = agent.running;
    agent.running = config_store_new();
    ck_assert_int_eq(agent_load_config_text(&agent, t, "test", count_bad, NULL), 0);
    char *t2 = render();
    ck_assert_str_eq(t2, t);
    config_store_free(agent.running);
    agent.running = saved;
    free(t);
    free(t2);
}
END_TEST

struct bad_line {
    int lineno;
    char message[128];
};
static struct bad_line bad[8];
static void record_bad(void *arg, int lineno, const char *line, const char *message)
{
    (void)arg;
    (void)line;
    if (bad_lines < 8) {
        bad[bad_lines].lineno = lineno;
        snprintf(bad[bad_lines].message, sizeof bad[0].message, "%s", message);
    }
    bad_lines++;
}

START_TEST(bad_lines_of_a_file_are_reported_and_skipped)
{
    const char *text = "hostname R1\n"
                       "ip adress 1.2.3.4\n"
                       "interface Ethernet0/0\n"
                       " ip address 10.0.0.1 255.255.0.255\n"
                       " description still in the interface\r\n"
                       "ntp server\n"
                       "ntp server 10.0.0.9\n";
    bad_lines = 0;
    ck_assert_int_eq(agent_load_config_text(&agent, text, "test", record_bad, NULL), 3);
    ck_assert_int_eq(bad[0].lineno, 2);
    ck_assert_str_eq(bad[0].message, "% Invalid input detected at '^' marker.");
    ck_assert_int_eq(bad[1].lineno, 4);
    ck_assert_str_eq(bad[1].message, "% Bad mask 0xFFFF00FF for address 10.0.0.1");
    ck_assert_int_eq(bad[2].lineno, 6);
    ck_assert_str_eq(bad[2].message, "% Incomplete command.");
    char *t = render();
    ck_assert_str_eq(t, "!\nhostname R1\n!\ninterface Ethernet0/0\n description still in the "
                        "interface\n no ip address\n!\nntp server 10.0.0.9\n!\nend\n");
    free(t);
}
END_TEST

START_TEST(free_text_must_be_utf8)
{
    char *o;
    /* Text the ACS reads as an XML value must be UTF-8: a stray Latin-1 byte, a truncated
     * sequence, an overlong '/' are refused; UTF-8 is kept as typed. */
    o = LINES(CMD_FAILED, "configure terminal", "cwmp agent", "provision code caf\xe9");
    ck_assert_str_eq(o, "% Invalid input: not UTF-8 text\n");
    free(o);
    ck_assert_ptr_null(agent.running->cwmp.provision_code);
    o = LINES(CMD_FAILED, "configure terminal", "cwmp agent", "connection request username a\xc3");
    ck_assert_str_eq(o, "% Invalid input: not UTF-8 text\n");
    free(o);
    o = LINES(CMD_FAILED, "configure terminal", "interface Ethernet0/0", "description x\xc0\xafy");
    ck_assert_str_eq(o, "% Invalid input: not UTF-8 text\n");
    free(o);
    o = LINES(CMD_OK, "configure terminal", "cwmp agent", "provision code caf\xc3\xa9");
    free(o);
    ck_assert_str_eq(agent.running->cwmp.provision_code, "caf\xc3\xa9");
}
END_TEST

START_TEST(handlers_validate_their_values)
{
    char *o = LINES(CMD_FAILED, "configure terminal", "hostname 1router");
    ck_assert_str_eq(o, "% Hostname contains one or more illegal characters.\n");
    free(o);
    o = LINES(CMD_FAILED, "configure terminal", "hostname router-");
    free(o);
    /* 63 characters are the most; one more is too long, not illegal. */
    o = LINES(CMD_OK, "configure terminal",
              "hostname a12345678901234567890123456789012345678901234567890123456789012");
    free(o);
    ck_assert_uint_eq(strlen(agent.running->hostname), 63);
    o = LINES(CMD_FAILED, "configure terminal",
              "hostname a123456789012345678901234567890123456789012345678901234567890123");
    ck_assert_str_eq(o, "% Hostname cannot be more than 63 characters.\n");
    free(o);
    o = LINES(CMD_OK, "configure terminal", "hostname Edge-7");
    free(o);
    ck_assert_str_eq(agent.running->hostname, "Edge-7");
    o = LINES(CMD_FAILED, "configure terminal", "cwmp agent", "management server url ftp://x/");
    ck_assert_str_eq(o, "% Invalid URL: only http:// and https:// URLs are supported\n");
    free(o);
    o = LINES(CMD_FAILED, "configure terminal", "cwmp agent",
              "provision code 12345678901234567890123456789012345678901234567890123456789012345");
    ck_assert_str_eq(o, "% Provisioning code longer than 64 characters\n");
    free(o);
    o = LINES(CMD_FAILED, "configure terminal", "cwmp agent", "management server password 7 XYZ");
    ck_assert_str_eq(o, "% Invalid encrypted password: XYZ\n");
    free(o);
    o = LINES(CMD_FAILED, "configure terminal", "interface e0/0",
              "ip address 10.0.0.0 255.255.255.0");
    ck_assert_str_eq(o, "% Bad mask 0xFFFFFF00 for address 10.0.0.0\n");
    free(o);
    o = LINES(CMD_FAILED, "configure terminal", "interface e0/0",
              "ip address 10.0.0.1 255.255.255.0", "interface e0/1",
              "ip address 10.0.0.2 255.255.0.0");
    ck_assert_str_eq(o, "% 10.0.0.2 overlaps with Ethernet0/0\n");
    free(o);
    o = LINES(CMD_FAILED, "configure terminal", "ntp server 10.0.0.1", "ntp server 10.0.0.2",
              "ntp server 10.0.0.3", "ntp server 10.0.0.4", "ntp server 10.0.0.5 prefer",
              "ntp server 10.0.0.1 prefer", "ntp server 10.0.0.6");
    ck_assert_str_eq(o, "% NTP server table full: at most 5 servers (Time.NTPServer1 to 5)\n");
    free(o);
    o = LINES(CMD_FAILED, "configure terminal",
              "ip nat inside source static tcp 15.15.15.2 7547 10.194.145.170 9000 extendable",
              "ip nat inside source static tcp 15.15.15.3 80 10.194.145.170 9000");
    ck_assert_str_eq(o, "% Similar static entry (15.15.15.2:7547 -> 10.194.145.170:9000) "
                        "already exists\n");
    free(o);
    o = LINES(CMD_FAILED, "configure terminal",
              "no ip nat inside source static udp 15.15.15.2 7547 10.194.145.170 9000");
    ck_assert_str_eq(o, "% Translation not found\n");
    free(o);
    o = LINES(CMD_FAILED, "configure terminal", "ip dhcp excluded-address 10.0.0.9 10.0.0.1");
    free(o);
    o = LINES(CMD_FAILED, "configure terminal", "ip dhcp pool P", "lease 0 0 0");
    free(o);
    o = LINES(CMD_FAILED, "configure terminal", "enable secret 9 $9$notvalid");
    free(o);
    /* A hash that is not one of the type given is refused, not taken for a clear-text secret. */
    o = LINES(CMD_FAILED, "configure terminal", "enable secret 5 $1$mERr$hx5rVt7rPNoS4wqbXKX7m");
    ck_assert_str_eq(o, "% The secret you entered is not a valid type 5 secret.\n");
    free(o);
    o = LINES(CMD_FAILED, "configure terminal",
              "enable secret 8 $9$2MJBozw/9R3UsU$2lFhcKvpghcyw8deP25GOfyZaagyUOGBymkryvOdfo6");
    ck_assert_str_eq(o, "% The secret you entered is not a valid type 8 secret.\n");
    free(o);
    ck_assert_ptr_null(agent.running->enable_secret);
    char *t = render();
    ck_assert_str_eq(t, "!\nhostname Edge-7\n!\nip dhcp pool P\n!\n"
                        "interface Ethernet0/0\n ip address 10.0.0.1 255.255.255.0\n!\n"
                        "interface Ethernet0/1\n no ip address\n!\n"
                        "ip nat inside source static tcp 15.15.15.2 7547 10.194.145.170 9000 "
                        "extendable\n!\n"
                        "ntp server 10.0.0.1 prefer\nntp server 10.0.0.2\nntp server 10.0.0.3\n"
                        "ntp server 10.0.0.4\nntp server 10.0.0.5 prefer\n!\nend\n");
    free(t);
}
END_TEST

START_TEST(wan_default_moves_and_demotes)
{
    free(LINES(CMD_OK, "configure terminal", "interface ATM0", "no cwmp wan", "interface Dialer1",
               "cwmp wan default", "interface e0/0", "cwmp wan default",
               "interface GigabitEthernet0/0/1", "ip nat outside", "ip nat inside", "shutdown",
               "description x"));
    char *t = render();
    ck_assert_str_eq(t, "!\nhostname Router\n!\n"
                        "interface Ethernet0/0\n no ip address\n cwmp wan\n cwmp wan default\n!\n"
                        "interface GigabitEthernet0/0/1\n description x\n no ip address\n"
                        " ip nat inside\n shutdown\n!\n"
                        "interface ATM0\n no ip address\n no cwmp wan\n!\n"
                        "interface Dialer1\n no ip address\n cwmp wan\n!\nend\n");
    free(t);
    free(LINES(CMD_OK, "configure terminal", "interface e0/0", "no cwmp wan default",
               "interface Dialer1", "no cwmp wan", "exit", "no interface ATM0"));
    t = render();
    ck_assert_str_eq(t, "!\nhostname Router\n!\n"
                        "interface Ethernet0/0\n no ip address\n cwmp wan\n!\n"
                        "interface GigabitEthernet0/0/1\n description x\n no ip address\n"
                        " ip nat inside\n shutdown\n!\n"
                        "interface Dialer1\n no ip address\n!\nend\n");
    free(t);
}
END_TEST

/* Interfaces found by name (the store's index of names) and by IOS order agree, whatever the
 * order they are made and deleted in, in copies too; a name spelled otherwise is the same one. */
START_TEST(interfaces_are_found_by_name_after_any_change)
{
    free(LINES(CMD_OK, "configure terminal", "interface Vlan5", "interface Loopback10",
               "interface Loopback2", "interface e0/1", "interface Ethernet0/0", "interface ATM0",
               "interface Loopback3", "exit", "no interface Loopback2", "interface Loopback1",
               "description one"));
    struct config_store *cs = agent.running;
    ck_assert(config_if_names_valid(cs));
    const char *order[] = {"Loopback1",   "Loopback3", "Loopback10", "Ethernet0/0",
                           "Ethernet0/1", "ATM0",      "Vlan5"};
    ck_assert_uint_eq(cs->nifs, 7);
    for (size_t i = 0; i < 7; i++) {
        ck_assert_str_eq(cs->ifs[i].name, order[i]);
        ck_assert_ptr_eq(config_iface_find(cs, order[i]), &cs->ifs[i]);
    }
    ck_assert_ptr_null(config_iface_find(cs, "Loopback2"));
    ck_assert_ptr_eq(config_iface_find(cs, "loopback01"), &cs->ifs[0]);
    ck_assert_ptr_eq(config_iface_get(cs, "LOOPBACK1"), &cs->ifs[0]);
    ck_assert_uint_eq(cs->nifs, 7);
    ck_assert_str_eq(cs->ifs[0].description, "one");
    /* A copy changes apart: its own index. */
    struct config_store *copy = config_store_clone(cs);
    ck_assert(config_if_names_valid(copy));
    config_iface_delete(copy, "Loopback1");
    config_iface_get(copy, "Loopback0");
    ck_assert(config_if_names_valid(copy));
    ck_assert(config_if_names_valid(cs));
    ck_assert_ptr_null(config_iface_find(copy, "Loopback1"));
    ck_assert_str_eq(config_iface_find(cs, "Loopback1")->description, "one");
    ck_assert_ptr_eq(config_iface_find(copy, "Vlan5"), &copy->ifs[6]);
    config_store_swap(cs, copy);
    ck_assert(config_if_names_valid(cs));
    ck_assert(config_if_names_valid(copy));
    ck_assert_ptr_eq(config_iface_find(cs, "Loopback0"), &cs->ifs[0]);
    config_store_free(copy);
    /* Everything deleted, from the middle out. */
    for (size_t i = 0; i < 7; i++) {
        const char *name = i % 2 ? cs->ifs[0].name : cs->ifs[cs->nifs / 2].name;
        char copy_of[IFNAME_MAX];
        snprintf(copy_of, sizeof copy_of, "%s", name);
        config_iface_delete(cs, copy_of);
        ck_assert_ptr_null(config_iface_find(cs, copy_of));
        ck_assert(config_if_names_valid(cs));
    }
    ck_assert_uint_eq(cs->nifs, 0);
    /* Many made and deleted at random places (the table grows, entries move back over deleted
     * ones): each found where it is, the others not. */
    unsigned seed = 7;
    bool made[600] = {false};
    for (int step = 0; step < 6000; step++) {
        seed = seed * 1103515245u + 12345u;
        unsigned k = (seed >> 8) % 600;
        char name[IFNAME_MAX];
        snprintf(name, sizeof name, k % 3 ? "Loopback%u" : "Ethernet%u/%u", k % 3 ? k : k / 16,
                 k % 16);
        if (made[k] && (seed >> 20) % 3 == 0) {
            config_iface_delete(cs, name);
            made[k] = false;
        } else {
            struct iface *f = config_iface_get(cs, name);
            made[k] = true;
            if (k % 2) /* its own /30: the subnets' positions move with the interfaces */
                config_iface_set_static(cs, f, (struct in_addr){htonl(0x0A000001 + 4 * k)},
                                        (struct in_addr){htonl(0xFFFFFFFC)});
        }
        if (step % 500 == 0)
            ck_assert(config_if_names_valid(cs) && config_subnets_valid(cs));
    }
    ck_assert(config_if_names_valid(cs) && config_subnets_valid(cs));
    for (unsigned k = 0; k < 600; k++) {
        char name[IFNAME_MAX];
        snprintf(name, sizeof name, k % 3 ? "Loopback%u" : "Ethernet%u/%u", k % 3 ? k : k / 16,
                 k % 16);
        struct iface *f = config_iface_find(cs, name);
        ck_assert(made[k] ? f && !strcmp(f->name, name) : !f);
    }
}
END_TEST

/* An address that overlaps other interfaces' subnets is refused naming the first of them in IOS
 * order, as the walk over every interface did; the store's index of subnets follows every change
 * of addressing, deletions and copies. */
static void ck_address(const char *ifname, const char *address, const char *want)
{
    struct agent_session s;
    agent_session_init(&s, &agent, "test", "vty 0");
    struct strbuf out = STRBUF_INIT, l = STRBUF_INIT;
    ck_assert_int_eq(agent_exec_line(&agent, &s, "configure terminal", &out), CMD_OK);
    sb_printf(&l, "interface %s", ifname);
    ck_assert_int_eq(agent_exec_line(&agent, &s, sb_str(&l), &out), CMD_OK);
    sb_reset(&l);
    sb_printf(&l, "ip address %s", address);
    sb_reset(&out);
    enum cmd_status st = agent_exec_line(&agent, &s, sb_str(&l), &out);
    ck_assert_msg(want ? st == CMD_FAILED && !strcmp(sb_str(&out), want) : st == CMD_OK,
                  "%s on %s: %d %s", address, ifname, st, sb_str(&out));
    ck_assert(config_subnets_valid(agent.running));
    sb_free(&out);
    sb_free(&l);
}

START_TEST(overlapping_addresses_are_found_by_the_index)
{
    ck_address("Vlan9", "10.1.0.1 255.255.0.0", NULL);
    ck_address("Loopback5", "10.2.3.1 255.255.255.0", NULL);
    ck_address("Loopback7", "10.2.4.1 255.255.255.0", NULL);
    ck_address("Ethernet0/0", "192.0.2.1 255.255.255.252", NULL);
    ck_address("Loopback6", "10.2.2.1 255.255.255.255", NULL);
    /* Inside one subnet; holding several (the first in IOS order named, not the first made nor
     * the lowest address). */
    ck_address("Dialer1", "10.1.200.7 255.255.255.0", "% 10.1.200.7 overlaps with Vlan9\n");
    ck_address("Dialer1", "10.0.0.1 255.0.0.0", "% 10.0.0.1 overlaps with Loopback5\n");
    ck_address("Dialer1", "10.2.2.5 255.255.254.0", "% 10.2.2.5 overlaps with Loopback5\n");
    ck_address("Dialer1", "10.2.2.5 255.255.255.0", "% 10.2.2.5 overlaps with Loopback6\n");
    ck_address("Dialer1", "192.0.2.2 255.255.255.255", "% 192.0.2.2 overlaps with Ethernet0/0\n");
    ck_address("Dialer1", "192.0.2.5 255.255.255.255", NULL);
    /* An interface's own subnet is no overlap: it moves, and its old subnet is free. */
    ck_address("Loopback5", "10.2.3.9 255.255.255.128", NULL);
    ck_address("Loopback5", "10.3.0.1 255.255.0.0", NULL);
    ck_address("Loopback8", "10.2.3.1 255.255.255.0", NULL);
    /* Other addressings free it too: DHCP, a pool, no address, the interface deleted. */
    free(LINES(CMD_OK, "configure terminal", "interface Loopback7", "ip address dhcp",
               "interface Loopback8", "ip address pool P", "interface Vlan9", "no ip address",
               "exit", "no interface Loopback6"));
    ck_assert(config_subnets_valid(agent.running));
    ck_address("Dialer2", "10.2.0.1 255.255.0.0", NULL);
    ck_address("Dialer3", "10.0.0.1 255.0.0.0", "% 10.0.0.1 overlaps with Loopback5\n");
    ck_address("Loopback5", "172.16.0.1 255.255.0.0", NULL);
    ck_address("Dialer3", "10.0.0.1 255.0.0.0", "% 10.0.0.1 overlaps with Dialer2\n");
    /* A copy changes apart from the store it was made from. */
    struct config_store *copy = config_store_clone(agent.running);
    ck_assert(config_subnets_valid(copy));
    config_iface_set_mode(copy, config_iface_find(copy, "Dialer2"), IF_ADDR_NONE);
    config_iface_set_static(copy, config_iface_find(copy, "Loopback7"),
                            (struct in_addr){htonl(0x0A020401)},
                            (struct in_addr){htonl(0xFFFFFF00)});
    ck_assert(config_subnets_valid(copy));
    ck_assert(config_subnets_valid(agent.running));
    ck_address("Vlan9", "10.0.0.1 255.0.0.0", "% 10.0.0.1 overlaps with Dialer2\n");
    config_store_swap(agent.running, copy);
    ck_address("Vlan9", "10.0.0.1 255.0.0.0", "% 10.0.0.1 overlaps with Loopback7\n");
    ck_address("Vlan9", "10.9.0.1 255.255.0.0", NULL);
    ck_assert(config_subnets_valid(copy));
    config_store_free(copy);
}
END_TEST

/* Rendering writes addresses without inet_ntop: the same text, for every value of each byte. */
START_TEST(addresses_render_as_inet_ntop_writes_them)
{
    struct strbuf sb = STRBUF_INIT;
    for (unsigned v = 0; v < 256; v++) {
        struct in_addr a = {htonl(v << 24 | (255 - v) << 16 | (v * 7 % 256) << 8 | v / 3)};
        char want[INET_ADDRSTRLEN];
        inet_ntop(AF_INET, &a, want, sizeof want);
        sb_reset(&sb);
        sb_put_ipv4(&sb, a);
        ck_assert_str_eq(sb_str(&sb), want);
    }
    sb_free(&sb);
}
END_TEST

/* A password is never printed in clear after entry: typed in clear, it shows as its type 7. */
START_TEST(passwords_are_never_shown_in_clear)
{
    free(LINES(CMD_OK, "configure terminal", "cwmp agent", "management server password 0 lab",
               "connection request password 7 0822455D0A16", "exit", "enable secret 0 s3cret"));
    char *t = render();
    char enc[64];
    type7_encode("lab", enc, sizeof enc);
    char want[96];
    snprintf(want, sizeof want, " management server password 7 %s\n", enc);
    ck_assert_ptr_nonnull(strstr(t, want));
    ck_assert_ptr_null(strstr(t, "password lab"));
    ck_assert_ptr_nonnull(strstr(t, " connection request password 7 0822455D0A16\n"));
    ck_assert_ptr_null(strstr(t, "s3cret"));
    ck_assert_ptr_nonnull(strstr(t, "enable secret 9 $9$"));
    ck_assert_str_eq(agent.running->cwmp.cr_password.clear, "cisco");
    ck_assert(type9_verify("s3cret", agent.running->enable_secret));
    /* The type 7 form reads back as the same password. */
    ck_assert_str_eq(agent.running->cwmp.acs_password.clear, "lab");
    free(t);
    /* service password-encryption is kept and rendered; the passwords look the same either way. */
    free(LINES(CMD_OK, "configure terminal", "service password-encryption"));
    t = render();
    ck_assert_ptr_nonnull(strstr(t, want));
    ck_assert_ptr_nonnull(strstr(t, "service password-encryption\n!\nhostname Router\n"));
    free(t);
    free(LINES(CMD_OK, "configure terminal", "no service password-encryption", "cwmp agent",
               "connection request password 0 7"));
    t = render();
    ck_assert_ptr_nonnull(strstr(t, want));
    /* A clear password that reads like a type digit is hidden like any other. */
    type7_encode("7", enc, sizeof enc);
    snprintf(want, sizeof want, " connection request password 7 %s\n", enc);
    ck_assert_ptr_nonnull(strstr(t, want));
    ck_assert_str_eq(agent.running->cwmp.cr_password.clear, "7");
    free(t);
}
END_TEST

/* enable password: type 0 (the rest of the line) or 7, shown as type 7, checked only without a
 * secret; equal to the secret it is kept with IOS's warning. */
START_TEST(enable_password_as_ios_keeps_it)
{
    ck_assert(!config_enable_protected(agent.running));
    ck_assert(config_enable_verify(agent.running, "anything"));
    free(LINES(CMD_OK, "configure terminal", "enable password 0 two words"));
    ck_assert_str_eq(agent.running->enable_password.clear, "two words");
    char enc[64], want[160];
    type7_encode("two words", enc, sizeof enc);
    snprintf(want, sizeof want, "!\nhostname Router\n!\nenable password 7 %s\n!\nend\n", enc);
    char *t = render();
    ck_assert_str_eq(t, want);
    free(t);
    ck_assert(config_enable_protected(agent.running));
    ck_assert(config_enable_verify(agent.running, "two words"));
    ck_assert(!config_enable_verify(agent.running, "two word"));
    ck_assert(!config_enable_verify(agent.running, "two words "));
    ck_assert(!config_enable_verify(agent.running, "Two words"));

    free(LINES(CMD_OK, "configure terminal", "enable password 7 0822455D0A16"));
    t = render();
    ck_assert_str_eq(t, "!\nhostname Router\n!\nenable password 7 0822455D0A16\n!\nend\n");
    free(t);
    ck_assert(config_enable_verify(agent.running, "cisco"));
    char *o = LINES(CMD_FAILED, "configure terminal", "enable password 7 0822455D0A1");
    ck_assert_str_eq(o, "% Invalid encrypted password: 0822455D0A1\n");
    free(o);
    ck_assert_str_eq(agent.running->enable_password.clear, "cisco");

    /* The secret wins; the same password as the secret is kept, with IOS's warning. */
    free(LINES(CMD_OK, "configure terminal", "enable secret 0 s3cret"));
    ck_assert(!config_enable_verify(agent.running, "cisco"));
    ck_assert(config_enable_verify(agent.running, "s3cret"));
    o = LINES(CMD_OK, "configure terminal", "enable password s3cret");
    ck_assert_str_eq(o, "The enable password you have chosen is the same as your enable secret.\n"
                        "This is not recommended.  Re-enter the enable password.\n");
    free(o);
    ck_assert_str_eq(agent.running->enable_password.clear, "s3cret");
    o = LINES(CMD_OK, "configure terminal", "enable password other");
    ck_assert_str_eq(o, "");
    free(o);
    t = render();
    type7_encode("other", enc, sizeof enc);
    snprintf(want, sizeof want, "\nenable password 7 %s\n!\nend\n", enc);
    ck_assert_ptr_nonnull(strstr(t, "!\nhostname Router\n!\nenable secret 9 $9$"));
    ck_assert_ptr_nonnull(strstr(t, want));
    free(t);

    free(LINES(CMD_OK, "configure terminal", "no enable secret"));
    ck_assert(config_enable_verify(agent.running, "other"));
    free(LINES(CMD_OK, "configure terminal", "no enable password"));
    ck_assert(!config_enable_protected(agent.running));
    t = render();
    ck_assert_str_eq(t, "!\nhostname Router\n!\nend\n");
    free(t);
}
END_TEST

/* username: the forms IOS accepts, merged line by line, a secret or a password but never both,
 * rendered as IOS shows them, and read back the same. */
START_TEST(usernames_as_ios_keeps_them)
{
    free(LINES(CMD_OK, "configure terminal", "username admin privilege 15 secret 0 Adm1n",
               "username op secret 5 $1$mERr$hx5rVt7rPNoS4wqbXKX7m0", "username op privilege 7",
               "username ro password 7 0822455D0A16", "username bare privilege 1",
               "username hex privilege 2 secret 8 "
               "$8$dsYGNam3K1SIJO$7nv/35M/qr6t.dVc7UY9zrJDWRVqncHub1PE9UlMQFs"));
    const struct local_user *admin = config_user_find(agent.running, "admin");
    ck_assert_ptr_nonnull(admin);
    ck_assert_int_eq(admin->privilege, 15);
    ck_assert_int_eq(secret_type(admin->secret), 9);
    ck_assert(secret_verify("Adm1n", admin->secret));
    ck_assert_ptr_null(config_user_find(agent.running, "Admin")); /* names are case-sensitive */
    ck_assert_str_eq(config_user_find(agent.running, "ro")->password.clear, "cisco");
    char *t = render();
    char want[512];
    snprintf(want, sizeof want,
             "!\nhostname Router\n!\n"
             "username admin privilege 15 secret 9 %s\n"
             "username op privilege 7 secret 5 $1$mERr$hx5rVt7rPNoS4wqbXKX7m0\n"
             "username ro password 7 0822455D0A16\n"
             "username bare privilege 1\n"
             "username hex privilege 2 secret 8 "
             "$8$dsYGNam3K1SIJO$7nv/35M/qr6t.dVc7UY9zrJDWRVqncHub1PE9UlMQFs\n"
             "!\nend\n",
             admin->secret);
    ck_assert_str_eq(t, want);

    /* Refused lines change nothing. */
    static const struct {
        const char *line, *out;
    } refused[] = {
        {"username ro secret x", "ERROR: Can not have both a user password and a user secret.\n"
                                 "Please choose one or the other.\n"},
        {"username op privilege 3 password 0 x",
         "ERROR: Can not have both a user password and a user secret.\n"
         "Please choose one or the other.\n"},
        {"username new privilege 15 secret 5 $1$mERr$hx5rVt7rPNoS4wqbXKX7m",
         "% The secret you entered is not a valid type 5 secret.\n"},
        {"username new secret 9 $8$dsYGNam3K1SIJO$7nv/35M/qr6t.dVc7UY9zrJDWRVqncHub1PE9UlMQFs",
         "% The secret you entered is not a valid type 9 secret.\n"},
        {"username new password 7 0822455D0A1", "% Invalid encrypted password: 0822455D0A1\n"},
        {"username "
         "u2345678901234567890123456789012345678901234567890123456789012345 privilege 1",
         "% Username longer than 64 characters\n"},
        {"username new privilege 16", "username new privilege 16\n                       ^\n"
                                      "% Invalid input detected at '^' marker.\n\n"},
    };
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        enum cmd_status want_st = strstr(refused[i].out, "^") ? CMD_INVALID : CMD_FAILED;
        char *o = LINES(want_st, "configure terminal", refused[i].line);
        ck_assert_str_eq(o, refused[i].out);
        free(o);
        char *again = render();
        ck_assert_str_eq(again, t);
        free(again);
    }
    ck_assert_ptr_null(config_user_find(agent.running, "new"));

    /* What running-config shows reads back as the same configuration. */
    struct config_store *snap = config_store_clone(agent.running);
    char *cloned;
    {
        struct config_store *keep = agent.running;
        agent.running = snap;
        cloned = render();
        agent.running = keep;
    }
    ck_assert_str_eq(cloned, t);
    free(cloned);
    free(LINES(CMD_OK, "configure terminal", "no username admin", "no username op",
               "no username ro", "no username bare", "no username hex", "no username ghost"));
    char *empty = render();
    ck_assert_str_eq(empty, "!\nhostname Router\n!\nend\n");
    free(empty);
    bad_lines = 0;
    ck_assert_int_eq(agent_load_config_text(&agent, t, "test", count_bad, NULL), 0);
    char *back = render();
    ck_assert_str_eq(back, t);
    free(back);
    config_store_free(snap);

    /* A secret replaces a secret, the privilege stays; a password replaces a password. */
    free(LINES(CMD_OK, "configure terminal", "username op secret 0 new one",
               "username ro password 0 fresh"));
    ck_assert_int_eq(config_user_find(agent.running, "op")->privilege, 7);
    ck_assert(secret_verify("new one", config_user_find(agent.running, "op")->secret));
    ck_assert_str_eq(config_user_find(agent.running, "ro")->password.clear, "fresh");
    ck_assert_ptr_null(config_user_find(agent.running, "ro")->password.type7);
    free(t);

    /* algorithm-type: the clear secret hashed as named, kept as that type. */
    free(LINES(CMD_OK, "configure terminal", "username m algorithm-type md5 secret c1 sco",
               "username s privilege 15 algorithm-type sha256 secret s3",
               "username op algorithm-type scrypt secret s9", "enable algorithm-type md5 secret e5",
               "enable algorithm-type sha256 secret e8"));
    static const struct {
        const char *user, *secret;
        int type;
    } hashed[] = {{"m", "c1 sco", 5}, {"s", "s3", 8}, {"op", "s9", 9}};
    for (size_t i = 0; i < sizeof hashed / sizeof hashed[0]; i++) {
        const struct local_user *u = config_user_find(agent.running, hashed[i].user);
        ck_assert_int_eq(secret_type(u->secret), hashed[i].type);
        ck_assert(secret_verify(hashed[i].secret, u->secret));
        ck_assert(!secret_verify("other", u->secret));
    }
    ck_assert_int_eq(strlen(config_user_find(agent.running, "m")->secret), TYPE5_LEN);
    ck_assert_int_eq(config_user_find(agent.running, "s")->privilege, 15);
    ck_assert_int_eq(config_user_find(agent.running, "op")->privilege, 7);
    ck_assert_int_eq(secret_type(agent.running->enable_secret), 8);
    ck_assert(config_enable_verify(agent.running, "e8"));
    char *o = LINES(CMD_FAILED, "configure terminal", "username ro algorithm-type scrypt secret x");
    ck_assert_str_eq(o, "ERROR: Can not have both a user password and a user secret.\n"
                        "Please choose one or the other.\n");
    free(o);
    t = render();
    char line[160];
    snprintf(line, sizeof line, "\nusername s privilege 15 secret 8 %s\n",
             config_user_find(agent.running, "s")->secret);
    ck_assert_ptr_nonnull(strstr(t, line));
    ck_assert_ptr_null(strstr(t, "algorithm-type"));
    free(t);
}
END_TEST

START_TEST(defaults_are_not_rendered_and_no_forms_restore_them)
{
    free(LINES(CMD_OK, "configure terminal", "cwmp agent", "session retry limit 11",
               "request outstanding 5", "parameter change notify interval 60", "exit",
               "ip http digest algorithm md5", "archive", "maximum 3", "path flash:config"));
    char *t = render();
    ck_assert_str_eq(t, "!\nhostname Router\n!\narchive\n path flash:config\n maximum 3\n!\nend\n");
    free(t);
    free(LINES(CMD_OK, "configure terminal", "cwmp agent", "session retry limit 2",
               "no session retry limit", "enable", "exit", "no cwmp agent", "archive", "no path",
               "no maximum", "exit", "no archive", "ip http digest algorithm md5-sess"));
    t = render();
    ck_assert_str_eq(t, "!\nhostname Router\n!\nip http digest algorithm md5-sess\n!\nend\n");
    free(t);
    ck_assert_int_eq(agent.running->cwmp.session_retry_limit, CWMP_DEFAULT_RETRY_LIMIT);
    ck_assert(!agent.running->cwmp.enable);
}
END_TEST

START_TEST(clone_is_an_exact_snapshot)
{
    free(lines(example1, sizeof example1 / sizeof example1[0], CMD_OK));
    free(LINES(CMD_OK, "configure terminal", "ip dhcp pool A", "network 10.0.0.0 255.0.0.0",
               "default-router 10.0.0.1 10.0.0.2", "interface Vlan1", "description d",
               "ip nat inside source static udp 10.0.0.5 53 1.1.1.1 53"));
    char *before = render();
    struct config_store *snap = config_store_clone(agent.running);
    free(LINES(CMD_OK, "configure terminal", "no interface Vlan1", "no ip dhcp pool A",
               "hostname Changed", "cwmp agent", "no management server url"));
    char *changed = render();
    ck_assert_str_ne(before, changed);
    config_store_free(agent.running);
    agent.running = snap;
    char *after = render();
    ck_assert_str_eq(before, after);
    free(before);
    free(changed);
    free(after);
}
END_TEST

START_TEST(startup_config_is_saved_atomically_and_shown)
{
    free(LINES(CMD_OK, "configure terminal", "hostname Saved"));
    char *o = LINES(CMD_OK, "write memory");
    ck_assert_str_eq(o, "Building configuration...\n[OK]\n");
    free(o);
    char *text;
    size_t len;
    ck_assert_int_eq(file_read_all(agent.startup_path, STARTUP_CONFIG_MAX, &text, &len), 0);
    char *t = render();
    ck_assert_str_eq(text, t);
    o = LINES(CMD_OK, "show startup-config");
    char head[64];
    snprintf(head, sizeof head, "Using %zu out of %u bytes\n", len, STARTUP_CONFIG_MAX);
    ck_assert(strncmp(o, head, strlen(head)) == 0);
    ck_assert_str_eq(o + strlen(head), t);
    free(o);
    o = LINES(CMD_OK, "show running-config");
    char rhead[96];
    snprintf(rhead, sizeof rhead,
             "Building configuration...\n\nCurrent configuration : %zu bytes\n", strlen(t));
    ck_assert(strncmp(o, rhead, strlen(rhead)) == 0);
    free(o);
    /* copy startup-config running-config merges the saved lines back. */
    free(LINES(CMD_OK, "configure terminal", "hostname Other"));
    o = LINES(CMD_OK, "copy startup-config running-config");
    ck_assert_ptr_nonnull(strstr(o, " bytes copied in "));
    ck_assert_str_eq(agent.running->hostname, "Saved");
    free(o);
    free(text);
    free(t);
}
END_TEST

START_TEST(show_startup_config_without_a_file)
{
    char *o = LINES(CMD_OK, "show startup-config");
    ck_assert_str_eq(o, "startup-config is not present\n");
    free(o);
}
END_TEST

START_TEST(readiness_reaches_systemd)
{
    unsetenv("NOTIFY_SOCKET");
    ck_assert_int_eq(sd_notify_state("READY=1"), 0);
    char path[96];
    snprintf(path, sizeof path, "%.80s/notify", state_dir);
    int fd = socket(AF_UNIX, SOCK_DGRAM, 0);
    struct sockaddr_un sun = {.sun_family = AF_UNIX};
    snprintf(sun.sun_path, sizeof sun.sun_path, "%s", path);
    ck_assert_int_eq(bind(fd, (struct sockaddr *)&sun, sizeof sun), 0);
    setenv("NOTIFY_SOCKET", path, 1);
    ck_assert_int_eq(sd_notify_state("READY=1"), 1);
    char buf[32] = {0};
    ck_assert_int_eq(recv(fd, buf, sizeof buf - 1, 0), 7);
    ck_assert_str_eq(buf, "READY=1");
    setenv("NOTIFY_SOCKET", "relative/path", 1);
    ck_assert_int_eq(sd_notify_state("READY=1"), -1);
    unsetenv("NOTIFY_SOCKET");
    close(fd);
}
END_TEST

/* show version's uptime in IOS's words: leading zero units left out, the ones after the first
 * written even when 0, minutes always, singular for 1. */
START_TEST(uptime_in_ios_words)
{
    static const struct {
        uint64_t secs;
        const char *text;
    } cases[] = {
        {0, "0 minutes"},
        {59, "0 minutes"},
        {60, "1 minute"},
        {3599, "59 minutes"},
        {3600, "1 hour, 0 minutes"},
        {2 * 86400 + 3 * 3600 + 4 * 60, "2 days, 3 hours, 4 minutes"},
        {7 * 86400 + 60, "1 week, 0 days, 0 hours, 1 minute"},
        {3 * 7 * 86400 + 86400 + 3600 + 120, "3 weeks, 1 day, 1 hour, 2 minutes"},
        {365 * 86400 + 2 * 86400 + 5 * 60, "1 year, 0 weeks, 2 days, 0 hours, 5 minutes"},
        {2 * 365 * 86400 + 14 * 86400, "2 years, 2 weeks, 0 days, 0 hours, 0 minutes"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct strbuf out = STRBUF_INIT;
        uptime_text(cases[i].secs, &out);
        ck_assert_str_eq(sb_str(&out), cases[i].text);
        sb_free(&out);
    }
}
END_TEST

/* show running-config all: running-config's lines, in its order, with the default-valued lines
 * of the blocks it shows; typed again, its lines change nothing. */
START_TEST(running_config_all_adds_defaults_that_change_nothing)
{
    free(LINES(CMD_OK, "configure terminal", "cwmp agent", "session retry limit 3",
               "interface Ethernet0/0", "ip address 10.0.0.1 255.255.255.0", "speed 100",
               "interface Vlan2", "ip mtu 1400", "ip dhcp pool P1",
               "network 10.1.0.0 255.255.255.0", "archive", "path flash:cfg",
               "logging buffered 16384"));
    char *plain = render();
    struct strbuf all = STRBUF_INIT;
    config_render_all(agent.running, &all);
    ck_assert_str_eq(sb_str(&all), "!\n"
                                   "service dhcp\n"
                                   "!\n"
                                   "hostname Router\n"
                                   "!\n"
                                   "logging buffered 16384 informational\n"
                                   "!\n"
                                   "ip dhcp pool P1\n"
                                   " network 10.1.0.0 255.255.255.0\n"
                                   " lease 1 0 0\n"
                                   "!\n"
                                   "archive\n"
                                   " path flash:cfg\n"
                                   " maximum 10\n"
                                   "!\n"
                                   "interface Ethernet0/0\n"
                                   " ip address 10.0.0.1 255.255.255.0\n"
                                   " ip mtu 1500\n"
                                   " duplex auto\n"
                                   " speed 100\n"
                                   "!\n"
                                   "interface Vlan2\n"
                                   " no ip address\n"
                                   " ip mtu 1400\n"
                                   "!\n"
                                   "ip http digest algorithm md5\n"
                                   "!\n"
                                   "cwmp agent\n"
                                   " no enable download\n"
                                   " no periodic inform\n"
                                   " periodic inform interval 86400\n"
                                   " session retry limit 3\n"
                                   " request outstanding 5\n"
                                   " session retry wait 5\n"
                                   " session retry multiplier 2000\n"
                                   " parameter change notify interval 60\n"
                                   " parameter change notify throttle 0\n"
                                   " manageable-device notification limit 0\n"
                                   " request size limit 4096\n"
                                   " no stun\n"
                                   " stun port 3478\n"
                                   " stun keepalive minimum 10\n"
                                   " connection request udp notification limit 0\n"
                                   "!\n"
                                   "end\n");
    /* Every line again, in one session as from a file: nothing changes. */
    struct agent_session sess;
    agent_session_init(&sess, &agent, "test", "vty 0");
    struct strbuf out = STRBUF_INIT;
    ck_assert_int_eq(agent_exec_line(&agent, &sess, "configure terminal", &out), CMD_OK);
    char *copy = strdup(sb_str(&all));
    for (char *line = strtok(copy, "\n"); line; line = strtok(NULL, "\n")) {
        if (!strcmp(line, "end"))
            continue;
        sb_reset(&out);
        ck_assert_msg(agent_exec_line(&agent, &sess, line, &out) == CMD_OK, "\"%s\": %s", line,
                      sb_str(&out));
    }
    free(copy);
    char *again = render();
    ck_assert_str_eq(again, plain);
    /* Without a configured block, no block: a fresh configuration's cwmp agent stays out. */
    free(LINES(CMD_OK, "configure terminal", "no cwmp agent"));
    sb_reset(&all);
    config_render_all(agent.running, &all);
    ck_assert_ptr_null(strstr(sb_str(&all), "cwmp agent"));
    sb_free(&out);
    sb_free(&all);
    free(plain);
    free(again);
}
END_TEST

/* A sub-mode whose interface or pool another session deleted is left before the next line. */
START_TEST(submodes_of_deleted_objects_are_left)
{
    struct agent_session a, b;
    agent_session_init(&a, &agent, "a", "vty 0");
    agent_session_init(&b, &agent, "b", "vty 1");
    struct strbuf out = STRBUF_INIT;
    ck_assert_int_eq(agent_exec_line(&agent, &a, "configure terminal", &out), CMD_OK);
    ck_assert_int_eq(agent_exec_line(&agent, &a, "interface Vlan102", &out), CMD_OK);
    ck_assert_int_eq(agent_exec_line(&agent, &b, "configure terminal", &out), CMD_OK);
    sb_reset(&out);
    ck_assert(!shell_submode_gone(&a, &out));
    ck_assert_str_eq(sb_str(&out), "");
    ck_assert_int_eq(agent_exec_line(&agent, &b, "no interface Vlan102", &out), CMD_OK);
    ck_assert(shell_submode_gone(&a, &out));
    ck_assert_str_eq(sb_str(&out), "% Interface Vlan102 no longer exists\n");
    ck_assert_int_eq(cli_session_mode(&a.cli), grammar_config_mode(agent.grammar));
    ck_assert_ptr_null(config_iface_find(agent.running, "Vlan102"));
    /* A pool, and one made again under the same name, which is the one configured. */
    ck_assert_int_eq(agent_exec_line(&agent, &a, "ip dhcp pool P1", &out), CMD_OK);
    ck_assert_int_eq(agent_exec_line(&agent, &b, "no ip dhcp pool P1", &out), CMD_OK);
    ck_assert_int_eq(agent_exec_line(&agent, &b, "ip dhcp pool P1", &out), CMD_OK);
    sb_reset(&out);
    ck_assert(!shell_submode_gone(&a, &out));
    ck_assert_int_eq(agent_exec_line(&agent, &b, "no ip dhcp pool P1", &out), CMD_OK);
    sb_reset(&out);
    ck_assert(shell_submode_gone(&a, &out));
    ck_assert_str_eq(sb_str(&out), "% DHCP pool P1 no longer exists\n");
    sb_free(&out);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("agent");
    TCase *tc = tcase_create("agent");
    tcase_set_timeout(tc, 60);
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, type7_round_trip_and_known_vector);
    tcase_add_test(tc, type9_scrypt_matches_ios);
    tcase_add_test(tc, ios_secrets_of_types_5_and_8);
    tcase_add_test(tc, defaults_render_as_ios);
    tcase_add_test(tc, uptime_in_ios_words);
    tcase_add_test(tc, submodes_of_deleted_objects_are_left);
    tcase_add_test(tc, running_config_all_adds_defaults_that_change_nothing);
    tcase_add_test(tc, feature_example_one);
    tcase_add_test(tc, feature_examples_two_and_three_as_files);
    tcase_add_test(tc, bad_lines_of_a_file_are_reported_and_skipped);
    tcase_add_test(tc, handlers_validate_their_values);
    tcase_add_test(tc, free_text_must_be_utf8);
    tcase_add_test(tc, wan_default_moves_and_demotes);
    tcase_add_test(tc, interfaces_are_found_by_name_after_any_change);
    tcase_add_test(tc, overlapping_addresses_are_found_by_the_index);
    tcase_add_test(tc, addresses_render_as_inet_ntop_writes_them);
    tcase_add_test(tc, passwords_are_never_shown_in_clear);
    tcase_add_test(tc, enable_password_as_ios_keeps_it);
    tcase_add_test(tc, usernames_as_ios_keeps_them);
    tcase_add_test(tc, defaults_are_not_rendered_and_no_forms_restore_them);
    tcase_add_test(tc, clone_is_an_exact_snapshot);
    tcase_add_test(tc, startup_config_is_saved_atomically_and_shown);
    tcase_add_test(tc, show_startup_config_without_a_file);
    tcase_add_test(tc, readiness_reaches_systemd);
    suite_add_tcase(s, tc);
    return unit_run(s);
}
