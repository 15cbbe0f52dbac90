/* Unit tests of configuration transactions (config_txn.h) and of the ACS's changes made through
 * them: a save that fails (startup-config or the CWMP state cannot be written) leaves the running
 * configuration, the ParameterKey, the port mappings' records, the notification attributes, the
 * instance numbers and the files on disk as they were, and announces nothing; so does a
 * SetParameterAttributes whose CWMP state cannot be saved, and a downloaded configuration is not
 * installed then. */
#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "agent.h"
#include "config_store.h"
#include "config_txn.h"
#include "cwmp_state.h"
#include "fileio.h"
#include "transfer.h"
#include "transfer_int.h"
#include "unit.h"
#include "unit_rpc.h"
#include "xalloc.h"

static char state_dir[64];
static struct agent agent;
static struct rpc_answer last;

#define WAN                                                                                        \
    "interface Ethernet0/0\n ip address 10.194.145.170 255.255.255.0\n ip nat outside\n"           \
    " cwmp wan\n cwmp wan default\n"
#define LAN "interface Vlan102\n ip address 15.15.15.1 255.255.255.0\n ip nat inside\n"
#define IP1 "InternetGatewayDevice.WANDevice.1.WANConnectionDevice.1.WANIPConnection.1."
#define PM  IP1 "PortMapping."

static void reject(void *arg, int lineno, const char *line, const char *message)
{
    (void)arg;
    ck_abort_msg("line %d refused: %s (%s)", lineno, line, message);
}

static int rpc(const char *body)
{
    rpc_answer_free(&last);
    memset(&last, 0, sizeof last);
    unit_rpc_call(&agent, body, &last);
    return last.fault;
}

static int spv(const char *name, const char *type, const char *value, const char *key)
{
    struct strbuf b = STRBUF_INIT;
    sb_printf(&b,
              "<cwmp:SetParameterValues><ParameterList soap-enc:arrayType=\""
              "cwmp:ParameterValueStruct[1]\"><ParameterValueStruct><Name>%s</Name><Value "
              "xsi:type=\"%s\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">%s</Value>"
              "</ParameterValueStruct></ParameterList><ParameterKey>%s</ParameterKey>"
              "</cwmp:SetParameterValues>",
              name, type, value, key);
    int fault = rpc(sb_str(&b));
    sb_free(&b);
    return fault;
}

static int add_object(const char *path, const char *key, unsigned *number)
{
    struct strbuf b = STRBUF_INIT;
    sb_printf(&b,
              "<cwmp:AddObject><ObjectName>%s</ObjectName><ParameterKey>%s</ParameterKey>"
              "</cwmp:AddObject>",
              path, key);
    int fault = rpc(sb_str(&b));
    sb_free(&b);
    const char *n = fault ? NULL : strstr(last.xml, "<InstanceNumber>");
    *number = n ? (unsigned)strtoul(n + strlen("<InstanceNumber>"), NULL, 10) : 0;
    return fault;
}

static int delete_object(const char *path, const char *key)
{
    struct strbuf b = STRBUF_INIT;
    sb_printf(&b,
              "<cwmp:DeleteObject><ObjectName>%s</ObjectName><ParameterKey>%s</ParameterKey>"
              "</cwmp:DeleteObject>",
              path, key);
    int fault = rpc(sb_str(&b));
    sb_free(&b);
    return fault;
}

static int set_configuration(const char *target, const char *block, const char *key)
{
    struct strbuf b = STRBUF_INIT;
    sb_printf(&b,
              "<cwmp:X_00000C_SetConfiguration><Target>%s</Target><ConfigCommandBlock>%s"
              "</ConfigCommandBlock><ParameterKey>%s</ParameterKey>"
              "</cwmp:X_00000C_SetConfiguration>",
              target, block, key);
    int fault = rpc(sb_str(&b));
    sb_free(&b);
    return fault;
}

/* Everything a failed change must leave as it was. */
struct snapshot {
    char *config;  /* the running configuration's text and port mappings' records */
    char *records; /* the records saved with startup-config, and their hash */
    char key[PARAMETER_KEY_MAX + 1];
    char *startup, *state; /* the files */
    unsigned long changes;
};

static char *file_text(const char *path)
{
    char *text = NULL;
    size_t len;
    if (file_read_all(path, 1 << 20, &text, &len) < 0)
        return xstrdup("(none)");
    return text;
}

static void take(struct snapshot *s)
{
    struct strbuf b = STRBUF_INIT;
    config_txn_fingerprint(agent.running, &b);
    s->config = sb_detach(&b);
    for (size_t i = 0; i < agent.cwmp.portmaps.n; i++)
        sb_printf(&b, "%s\n", agent.cwmp.portmaps.v[i]);
    sb_printf(&b, "%s|%s|%s", agent.cwmp.portmaps_hash, agent.cwmp.pending_key,
              agent.cwmp.pending_hash);
    s->records = sb_detach(&b);
    strcpy(s->key, agent.cwmp.parameter_key);
    s->startup = file_text(agent.startup_path);
    s->state = file_text(agent.cwmp_state_path);
    s->changes = agent.config_changes;
}

static void release(struct snapshot *s)
{
    free(s->config);
    free(s->records);
    free(s->startup);
    free(s->state);
}

/* Nothing changed since before was taken. */
static void ck_unchanged(struct snapshot *before)
{
    struct snapshot now;
    take(&now);
    ck_assert_str_eq(now.config, before->config);
    ck_assert_str_eq(now.records, before->records);
    ck_assert_str_eq(now.key, before->key);
    ck_assert_str_eq(now.startup, before->startup);
    ck_assert_str_eq(now.state, before->state);
    ck_assert_uint_eq(now.changes, before->changes);
    release(&now);
    release(before);
}

/* The startup-config cannot be written: a directory is in its place (before, when given, then
 * expects no startup-config). */
static void break_startup(struct snapshot *before)
{
    if (before) {
        free(before->startup);
        before->startup = xstrdup("(none)");
    }
    unlink(agent.startup_path);
    ck_assert_int_eq(mkdir(agent.startup_path, 0700), 0);
    char inner[300];
    snprintf(inner, sizeof inner, "%s/x", agent.startup_path);
    ck_assert_int_eq(file_write_atomic(inner, "x", 1, 0600), 0);
}

static void mend_startup(void)
{
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", agent.startup_path);
    ck_assert_int_eq(system(cmd), 0);
}

/* The CWMP state cannot be written: a directory is in its place (before: as break_startup). */
static void break_state(struct snapshot *before)
{
    if (before) {
        free(before->state);
        before->state = xstrdup("(none)");
    }
    unlink(agent.cwmp_state_path);
    ck_assert_int_eq(mkdir(agent.cwmp_state_path, 0700), 0);
    char inner[300];
    snprintf(inner, sizeof inner, "%s/x", agent.cwmp_state_path);
    ck_assert_int_eq(file_write_atomic(inner, "x", 1, 0600), 0);
}

static void setup(void)
{
    setenv("CWMPD_IFMAP", "Ethernet0/0=cwmpt00,Vlan102=cwmpt102", 1);
    unit_agent_start(&agent, state_dir);
    memset(&last, 0, sizeof last);
    ck_assert_int_eq(
        agent_load_config_text(&agent, "hostname Before\n" WAN LAN, "test", reject, NULL), 0);
    /* A port mapping (records saved with the startup-config) and a key, saved. */
    unsigned n;
    ck_assert_int_eq(add_object(PM, "k0", &n), 0);
    ck_assert_uint_eq(n, 1);
    ck_assert_int_eq(spv(PM "1.PortMappingDescription", "xsd:string", "kept", "k1"), 0);
    ck_assert_str_eq(agent.cwmp.parameter_key, "k1");
    ck_assert_uint_gt(agent.cwmp.portmaps.n, 0);
}

static void teardown(void)
{
    rpc_answer_free(&last);
    mend_startup();
    unit_agent_stop(&agent, state_dir);
}

static void rename_working(struct config_txn *t, const char *hostname)
{
    snprintf(t->working->hostname, sizeof t->working->hostname, "%s", hostname);
}

START_TEST(a_commit_that_cannot_be_saved_changes_nothing)
{
    struct snapshot before;
    take(&before);
    break_startup(&before);
    struct config_txn t;
    config_txn_begin(&t, &agent);
    rename_working(&t, "After");
    ck_assert_int_eq(config_txn_commit(&t, "k2"), -1);
    config_txn_end(&t);
    ck_unchanged(&before);

    /* Mended, the same commit goes through: saved, swapped, announced once. */
    mend_startup();
    unsigned long changes = agent.config_changes;
    config_txn_begin(&t, &agent);
    rename_working(&t, "After");
    ck_assert_int_eq(config_txn_commit(&t, "k2"), 0);
    config_txn_end(&t);
    ck_assert_str_eq(agent.running->hostname, "After");
    ck_assert_str_eq(agent.cwmp.parameter_key, "k2");
    ck_assert_uint_eq(agent.config_changes, changes + 1);
    char *startup = file_text(agent.startup_path);
    ck_assert_ptr_nonnull(strstr(startup, "hostname After\n"));
    free(startup);
}
END_TEST

START_TEST(a_commit_whose_state_cannot_be_saved_changes_nothing)
{
    break_state(NULL);
    struct snapshot before;
    take(&before);
    struct config_txn t;
    config_txn_begin(&t, &agent);
    rename_working(&t, "After");
    ck_assert_int_eq(config_txn_commit(&t, "k2"), -1);
    config_txn_end(&t);
    ck_unchanged(&before);
}
END_TEST

START_TEST(a_commit_that_changes_nothing_saves_the_key_and_announces_nothing)
{
    unsigned long changes = agent.config_changes;
    struct config_txn t;
    config_txn_begin(&t, &agent);
    ck_assert_int_eq(config_txn_commit(&t, "same"), 0);
    config_txn_end(&t);
    ck_assert_str_eq(agent.cwmp.parameter_key, "same");
    ck_assert_uint_eq(agent.config_changes, changes);
    ck_assert_str_eq(agent.running->hostname, "Before");
}
END_TEST

START_TEST(a_startup_target_that_cannot_be_saved_changes_nothing)
{
    struct snapshot before;
    take(&before);
    break_state(&before);
    struct config_txn t;
    config_txn_begin_startup(&t, &agent, config_store_clone(agent.running));
    rename_working(&t, "After");
    ck_assert_int_eq(config_txn_commit(&t, "k2"), -1);
    config_txn_end(&t);
    ck_unchanged(&before);
}
END_TEST

START_TEST(set_parameter_values_that_cannot_be_saved_changes_nothing)
{
    const char *path = PM "1.PortMappingDescription";
    struct cwmp_attr *attr = cwmp_attr_get(&agent.cwmp, path, 0);
    attr->notification = 2;
    free(attr->last);
    attr->last = xstrdup("kept");
    ck_assert_int_eq(agent_save_cwmp_state(&agent), 0);
    struct snapshot before;
    take(&before);
    break_startup(&before);
    ck_assert_int_eq(spv(path, "xsd:string", "lost", "k2"), 9002);
    ck_unchanged(&before);
    /* What the scan compares with is not the value that was never set. */
    ck_assert_str_eq(cwmp_attr_find(&agent.cwmp, path)->last, "kept");
    ck_assert_int_eq(spv(IP1 "PortMapping.1.ExternalPort", "xsd:unsignedInt", "8080", "k3"), 9002);
    ck_assert_str_eq(agent.cwmp.parameter_key, "k1");
}
END_TEST

START_TEST(add_object_that_cannot_be_saved_changes_nothing)
{
    struct snapshot before;
    take(&before);
    break_startup(&before);
    unsigned n;
    ck_assert_int_eq(add_object(PM, "k2", &n), 9002);
    ck_unchanged(&before);
    /* The number was never given: the next instance gets it. */
    mend_startup();
    ck_assert_int_eq(add_object(PM, "k3", &n), 0);
    ck_assert_uint_eq(n, 2);
    ck_assert_str_eq(agent.cwmp.parameter_key, "k3");
}
END_TEST

START_TEST(delete_object_that_cannot_be_saved_changes_nothing)
{
    const char *path = PM "1.PortMappingDescription";
    struct cwmp_attr *attr = cwmp_attr_get(&agent.cwmp, path, 0);
    attr->notification = 1;
    ck_assert_int_eq(agent_save_cwmp_state(&agent), 0);
    struct snapshot before;
    take(&before);
    break_startup(&before);
    ck_assert_int_eq(delete_object(PM "1.", "k2"), 9002);
    ck_unchanged(&before);
    /* The instance keeps its number and its attributes. */
    ck_assert_ptr_nonnull(cwmp_attr_find(&agent.cwmp, path));
    ck_assert_int_eq(spv(path, "xsd:string", "still", "k3"), 9002);
    ck_assert_int_ne(last.fault, 9005);
    mend_startup();
    ck_assert_int_eq(delete_object(PM "1.", "k4"), 0);
    ck_assert_ptr_null(cwmp_attr_find(&agent.cwmp, path));
}
END_TEST

START_TEST(set_configuration_that_cannot_be_saved_changes_nothing)
{
    struct snapshot before;
    take(&before);
    break_startup(&before);
    ck_assert_int_eq(set_configuration("running-config", "hostname After", "k2"), 9002);
    ck_assert_int_eq(set_configuration("startup-config", "hostname After", "k3"), 9002);
    ck_unchanged(&before);
    /* Kept in part (continue past a bad line), the save failing keeps nothing either. */
    take(&before);
    struct strbuf b = STRBUF_INIT;
    sb_puts(&b, "<cwmp:X_00000C_SetConfiguration><ErrorOption>continue</ErrorOption>"
                "<ConfigCommandBlock>hostname After\nbogus line</ConfigCommandBlock>"
                "<ParameterKey>k4</ParameterKey></cwmp:X_00000C_SetConfiguration>");
    ck_assert_int_eq(rpc(sb_str(&b)), 9003);
    sb_free(&b);
    ck_unchanged(&before);
}
END_TEST

/* Not a change of the configuration, but of the notification state, saved as such. */
START_TEST(set_parameter_attributes_that_cannot_be_saved_changes_nothing)
{
    const char *kept = PM "1.PortMappingDescription", *fresh = PM "1.ExternalPort";
    struct cwmp_attr *attr = cwmp_attr_get(&agent.cwmp, kept, 0);
    attr->notification = 1;
    free(attr->last);
    attr->last = xstrdup("old");
    attr->changed = true;
    ck_assert_ptr_null(cwmp_attr_find(&agent.cwmp, fresh));
    break_state(NULL);
    struct strbuf b = STRBUF_INIT;
    sb_puts(&b, "<cwmp:SetParameterAttributes><ParameterList soap-enc:arrayType=\""
                "cwmp:SetParameterAttributesStruct[2]\">");
    const char *names[] = {kept, fresh};
    for (size_t i = 0; i < 2; i++)
        sb_printf(&b,
                  "<SetParameterAttributesStruct><Name>%s</Name><NotificationChange>true"
                  "</NotificationChange><Notification>2</Notification><AccessListChange>true"
                  "</AccessListChange><AccessList soap-enc:arrayType=\"xsd:string[1]\"><string>"
                  "Subscriber</string></AccessList></SetParameterAttributesStruct>",
                  names[i]);
    sb_puts(&b, "</ParameterList></cwmp:SetParameterAttributes>");
    ck_assert_int_eq(rpc(sb_str(&b)), 9002);
    sb_free(&b);
    attr = cwmp_attr_find(&agent.cwmp, kept);
    ck_assert_ptr_nonnull(attr);
    ck_assert_int_eq(attr->notification, 1);
    ck_assert(!attr->subscriber);
    ck_assert(attr->changed);
    ck_assert_str_eq(attr->last, "old");
    ck_assert_ptr_null(cwmp_attr_find(&agent.cwmp, fresh));
}
END_TEST

/* A downloaded configuration replaces startup-config only once the CWMP state holds its hash
 * (how the next start knows it was installed): when that state cannot be saved, nothing is. */
START_TEST(a_downloaded_configuration_whose_state_cannot_be_saved_installs_nothing)
{
    char *before = file_text(agent.startup_path);
    agent.transfer = transfer_engine_new(&agent);
    struct cwmp_transfer *tr = cwmp_transfer_new(&agent.cwmp);
    tr->download = tr->from_acs = true;
    tr->state = TRANSFER_RUNNING;
    snprintf(tr->file_type, sizeof tr->file_type, "%s", FT_CONFIG);
    tr->url = xstrdup("http://127.0.0.1:1/new.cfg");
    tr->username = xstrdup("");
    tr->password = xstrdup("");
    tr->target = xstrdup("new.cfg");
    agent.transfer->running = tr->id;
    char path[300];
    snprintf(path, sizeof path, "%s/new.cfg", agent.flash_dir);
    ck_assert_int_eq(file_write_atomic(path, "hostname Downloaded\n", 20, 0600), 0);
    break_state(NULL);
    transfer_install(agent.transfer, tr, path);
    ck_assert_int_eq(tr->state, TRANSFER_DONE);
    ck_assert_int_eq(tr->fault, 9002);
    char *now = file_text(agent.startup_path);
    ck_assert_str_eq(now, before);
    free(now);
    free(before);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("txn");
    TCase *tc = tcase_create("txn");
    tcase_set_timeout(tc, 60);
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, a_commit_that_cannot_be_saved_changes_nothing);
    tcase_add_test(tc, a_commit_whose_state_cannot_be_saved_changes_nothing);
    tcase_add_test(tc, a_commit_that_changes_nothing_saves_the_key_and_announces_nothing);
    tcase_add_test(tc, a_startup_target_that_cannot_be_saved_changes_nothing);
    tcase_add_test(tc, set_parameter_values_that_cannot_be_saved_changes_nothing);
    tcase_add_test(tc, add_object_that_cannot_be_saved_changes_nothing);
    tcase_add_test(tc, delete_object_that_cannot_be_saved_changes_nothing);
    tcase_add_test(tc, set_configuration_that_cannot_be_saved_changes_nothing);
    tcase_add_test(tc, set_parameter_attributes_that_cannot_be_saved_changes_nothing);
    tcase_add_test(tc, a_downloaded_configuration_whose_state_cannot_be_saved_installs_nothing);
    suite_add_tcase(s, tc);
    return unit_run(s);
}
