/* Unit tests of the transfer and lifecycle methods through rpc_dispatch (Download, Upload,
 * CancelTransfer, GetQueuedTransfers, GetAllQueuedTransfers, ScheduleInform, FactoryReset): the
 * arguments each refuses and with which fault, what they queue in the CWMP state and that the
 * state keeps it across a save and a load. */
#include <check.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "agent.h"
#include "cwmp_state.h"
#include "rpc.h"
#include "soap.h"
#include "unit.h"
#include "unit_rpc.h"
#include "xalloc.h"

static char state_dir[64];
static struct agent agent;

static void setup(void)
{
    unit_agent_start(&agent, state_dir);
    agent.running->cwmp.enable_download = true;
}

static void teardown(void)
{
    unit_agent_stop(&agent, state_dir);
}

static int download(const char *key, const char *type, const char *url, const char *size,
                    const char *target, const char *delay)
{
    char body[2048];
    snprintf(body, sizeof body,
             "<cwmp:Download><CommandKey>%s</CommandKey><FileType>%s</FileType><URL>%s</URL>"
             "<Username></Username><Password></Password><FileSize>%s</FileSize>"
             "<TargetFileName>%s</TargetFileName><DelaySeconds>%s</DelaySeconds>"
             "<SuccessURL></SuccessURL><FailureURL></FailureURL></cwmp:Download>",
             key, type, url, size, target, delay);
    struct rpc_answer r;
    unit_rpc_call(&agent, body, &r);
    if (!r.fault) {
        ck_assert_str_eq(r.m.name, "DownloadResponse");
        ck_assert_ptr_nonnull(strstr(r.xml, "<Status>1</Status>"));
        ck_assert_ptr_nonnull(strstr(r.xml, "<StartTime>0001-01-01T00:00:00Z</StartTime>"));
        ck_assert_ptr_nonnull(strstr(r.xml, "<CompleteTime>0001-01-01T00:00:00Z</CompleteTime>"));
    }
    int fault = r.fault;
    rpc_answer_free(&r);
    return fault;
}

static int upload(const char *key, const char *type, const char *url)
{
    char body[1024];
    snprintf(body, sizeof body,
             "<cwmp:Upload><CommandKey>%s</CommandKey><FileType>%s</FileType><URL>%s</URL>"
             "<Username>u</Username><Password>p</Password><DelaySeconds>0</DelaySeconds>"
             "</cwmp:Upload>",
             key, type, url);
    struct rpc_answer r;
    unit_rpc_call(&agent, body, &r);
    if (!r.fault)
        ck_assert_str_eq(r.m.name, "UploadResponse");
    int fault = r.fault;
    rpc_answer_free(&r);
    return fault;
}

static int simple(const char *body, const char *want_name)
{
    struct rpc_answer r;
    unit_rpc_call(&agent, body, &r);
    if (!r.fault)
        ck_assert_str_eq(r.m.name, want_name);
    int fault = r.fault;
    rpc_answer_free(&r);
    return fault;
}

#define CONFIG "3 Vendor Configuration File"
#define URL    "http://127.0.0.1:1/f.txt"

START_TEST(download_is_queued_and_saved_before_the_answer)
{
    time_t before = time(NULL);
    ck_assert_int_eq(download("k1", CONFIG, URL, "123", "new.cfg", "30"), 0);
    ck_assert_uint_eq(agent.cwmp.ntransfers, 1);
    const struct cwmp_transfer *t = &agent.cwmp.transfers[0];
    ck_assert(t->download && t->from_acs);
    ck_assert_int_eq(t->state, TRANSFER_QUEUED);
    ck_assert_str_eq(t->command_key, "k1");
    ck_assert_str_eq(t->file_type, CONFIG);
    ck_assert_str_eq(t->url, URL);
    ck_assert_str_eq(t->target, "new.cfg");
    ck_assert_uint_eq(t->file_size, 123);
    ck_assert(t->start_at >= before + 30 && t->start_at <= time(NULL) + 30);
    /* What the answer promised is on disk already. */
    struct cwmp_state s;
    struct strbuf err = STRBUF_INIT;
    ck_assert_int_eq(cwmp_state_load(&s, agent.cwmp_state_path, &err), 0);
    ck_assert_uint_eq(s.ntransfers, 1);
    ck_assert_str_eq(s.transfers[0].url, URL);
    ck_assert_int_eq(s.transfers[0].start_time, LLONG_MIN);
    cwmp_state_free(&s);
    sb_free(&err);
}
END_TEST

START_TEST(download_refusals_have_their_faults)
{
    agent.running->cwmp.enable_download = false;
    ck_assert_int_eq(download("k", CONFIG, URL, "0", "", "0"), 9001); /* as on IOS */
    agent.running->cwmp.enable_download = true;
    ck_assert_int_eq(download("k", "4 Tone File", URL, "0", "", "0"), 9003);
    ck_assert_int_eq(download("k", CONFIG, "ftp://127.0.0.1/f", "0", "", "0"), 9013);
    ck_assert_int_eq(download("k", CONFIG, URL, "0", "../startup-config", "0"), 9003);
    ck_assert_int_eq(download("k", CONFIG, URL, "0", ".hidden", "0"), 9003);
    ck_assert_int_eq(download("k", CONFIG, URL, "-1", "", "0"), 9003);
    ck_assert_int_eq(download("k", CONFIG, URL, "0", "", "soon"), 9003);
    ck_assert_int_eq(download("a-command-key-longer-than-32-chars", CONFIG, URL, "0", "", "0"),
                     9003);
    char long_url[400];
    snprintf(long_url, sizeof long_url, "http://127.0.0.1/%0300d", 0);
    ck_assert_int_eq(download("k", CONFIG, long_url, "0", "", "0"), 9003);
    ck_assert_int_eq(simple("<cwmp:Download><CommandKey>k</CommandKey></cwmp:Download>", ""), 9003);
    ck_assert_uint_eq(agent.cwmp.ntransfers, 0); /* nothing queued by any of them */
    for (int i = 0; i < MAX_TRANSFERS; i++)
        ck_assert_int_eq(download("k", "1 Firmware Upgrade Image", URL, "0", "", "100"), 0);
    ck_assert_int_eq(download("k", CONFIG, URL, "0", "", "0"), 9004);
}
END_TEST

START_TEST(upload_takes_config_and_log)
{
    ck_assert_int_eq(upload("u1", "1 Vendor Configuration File", URL), 0);
    ck_assert_int_eq(upload("u2", "2 Vendor Log File", URL), 0);
    ck_assert_int_eq(upload("u3", "5 Ringer File", URL), 9003);
    ck_assert_int_eq(upload("u4", "1 Vendor Configuration File", "tftp://h/f"), 9013);
    /* Uploads do not need enable download. */
    agent.running->cwmp.enable_download = false;
    ck_assert_int_eq(upload("u5", "1 Vendor Configuration File", URL), 0);
    ck_assert_uint_eq(agent.cwmp.ntransfers, 3);
    ck_assert(!agent.cwmp.transfers[0].download);
    ck_assert_str_eq(agent.cwmp.transfers[1].username, "u");
}
END_TEST

START_TEST(cancel_and_the_queue_lists)
{
    ck_assert_int_eq(download("a", CONFIG, URL, "0", "", "100"), 0);
    ck_assert_int_eq(download("b", CONFIG, URL, "0", "", "100"), 0);
    ck_assert_int_eq(upload("c", "2 Vendor Log File", URL), 0);
    agent.cwmp.transfers[1].state = TRANSFER_RUNNING;
    /* An operator's copy, and a completed ACS transfer whose TransferComplete is owed. */
    struct cwmp_transfer *t = cwmp_transfer_new(&agent.cwmp);
    t->download = true;
    t->url = xstrdup(URL);
    strcpy(t->file_type, "2 Web Content");
    struct rpc_answer r;
    unit_rpc_call(&agent, "<cwmp:GetQueuedTransfers/>", &r);
    ck_assert_int_eq(r.fault, 0);
    ck_assert_ptr_nonnull(strstr(r.xml, "cwmp:QueuedTransferStruct[3]"));
    ck_assert_ptr_nonnull(
        strstr(r.xml, "<QueuedTransferStruct><CommandKey>b</CommandKey><State>2</State>"));
    rpc_answer_free(&r);
    unit_rpc_call(&agent, "<cwmp:GetAllQueuedTransfers/>", &r);
    ck_assert_int_eq(r.fault, 0);
    ck_assert_ptr_nonnull(strstr(r.xml, "cwmp:AllQueuedTransferStruct[4]"));
    ck_assert_ptr_nonnull(strstr(r.xml,
                                 "<CommandKey>c</CommandKey><State>1</State><IsDownload>"
                                 "false</IsDownload><FileType>2 Vendor Log File</FileType>"));
    rpc_answer_free(&r);
    ck_assert_int_eq(
        simple("<cwmp:CancelTransfer><CommandKey>b</CommandKey></cwmp:CancelTransfer>", ""), 9021);
    ck_assert_int_eq(
        simple("<cwmp:CancelTransfer><CommandKey>zz</CommandKey></cwmp:CancelTransfer>", ""), 9003);
    ck_assert_int_eq(simple("<cwmp:CancelTransfer><CommandKey>a</CommandKey></cwmp:CancelTransfer>",
                            "CancelTransferResponse"),
                     0);
    ck_assert_uint_eq(agent.cwmp.ntransfers, 3);
    ck_assert_str_eq(agent.cwmp.transfers[0].command_key, "b");
}
END_TEST

START_TEST(schedule_inform_and_factory_reset)
{
    ck_assert_int_eq(simple("<cwmp:ScheduleInform><DelaySeconds>0</DelaySeconds><CommandKey>s"
                            "</CommandKey></cwmp:ScheduleInform>",
                            ""),
                     9003);
    ck_assert_int_eq(simple("<cwmp:ScheduleInform><DelaySeconds>60</DelaySeconds><CommandKey>s1"
                            "</CommandKey></cwmp:ScheduleInform>",
                            "ScheduleInformResponse"),
                     0);
    ck_assert_uint_eq(agent.cwmp.nscheduled, 1);
    ck_assert_str_eq(agent.cwmp.scheduled[0].key, "s1");
    ck_assert(agent.cwmp.scheduled[0].at >= (long long)time(NULL) + 59);
    for (int i = 1; i < MAX_SCHEDULED; i++)
        ck_assert_int_eq(simple("<cwmp:ScheduleInform><DelaySeconds>5</DelaySeconds><CommandKey>"
                                "</CommandKey></cwmp:ScheduleInform>",
                                "ScheduleInformResponse"),
                         0);
    ck_assert_int_eq(simple("<cwmp:ScheduleInform><DelaySeconds>5</DelaySeconds><CommandKey>"
                            "</CommandKey></cwmp:ScheduleInform>",
                            ""),
                     9004);
    ck_assert_int_eq(simple("<cwmp:FactoryReset/>", "FactoryResetResponse"), 0);
}
END_TEST

START_TEST(state_keeps_transfers_and_schedules)
{
    struct cwmp_state s;
    cwmp_state_init(&s);
    struct cwmp_transfer *t = cwmp_transfer_new(&s);
    t->download = true;
    t->from_acs = true;
    t->state = TRANSFER_DONE;
    t->attempts = 2;
    strcpy(t->command_key, "key with space");
    strcpy(t->file_type, "1 Firmware Upgrade Image");
    t->url = xstrdup("https://h/a b%");
    t->username = xstrdup("");
    t->password = xstrdup("p w");
    t->target = xstrdup("image.bin");
    t->file_size = 4294967295ULL;
    t->start_at = 1795600000;
    t->start_time = 1795600001;
    t->fault = 9018;
    t->fault_string = xstrdup("line 3: % Invalid input");
    strcpy(t->install_hash, "ab");
    struct cwmp_transfer *u = cwmp_transfer_new(&s);
    u->url = xstrdup("http://h/");
    s.scheduled[s.nscheduled].at = 1795600100;
    strcpy(s.scheduled[s.nscheduled++].key, "");
    char path[128];
    snprintf(path, sizeof path, "%s/st", state_dir);
    struct strbuf err = STRBUF_INIT;
    ck_assert_int_eq(cwmp_state_save(&s, path, &err), 0);
    struct cwmp_state r;
    ck_assert_int_eq(cwmp_state_load(&r, path, &err), 0);
    ck_assert_uint_eq(r.ntransfers, 2);
    const struct cwmp_transfer *a = &r.transfers[0];
    ck_assert(a->download && a->from_acs);
    ck_assert_int_eq(a->state, TRANSFER_DONE);
    ck_assert_uint_eq(a->attempts, 2);
    ck_assert_str_eq(a->command_key, "key with space");
    ck_assert_str_eq(a->url, "https://h/a b%");
    ck_assert_str_eq(a->username, "");
    ck_assert_str_eq(a->password, "p w");
    ck_assert_uint_eq(a->file_size, 4294967295ULL);
    ck_assert_int_eq(a->start_time, 1795600001);
    ck_assert_int_eq(a->complete_time, LLONG_MIN);
    ck_assert_int_eq(a->fault, 9018);
    ck_assert_str_eq(a->fault_string, "line 3: % Invalid input");
    ck_assert_str_eq(a->install_hash, "ab");
    ck_assert(!r.transfers[1].download && !r.transfers[1].from_acs);
    ck_assert_uint_eq(r.nscheduled, 1);
    ck_assert_int_eq(r.scheduled[0].at, 1795600100);
    /* Ids go on after the highest saved. */
    struct cwmp_transfer *n = cwmp_transfer_new(&r);
    ck_assert_uint_gt(n->id, r.transfers[1].id);
    cwmp_state_free(&r);
    cwmp_state_free(&s);
    /* A transfer line that lies is refused, as every line of the file is. */
    FILE *f = fopen(path, "w");
    fputs("cwmpd-state 1\ntransfer 1 download acs 9 0 k t u % % % 0 0 - - 0 % %\n", f);
    fclose(f);
    ck_assert_int_eq(cwmp_state_load(&r, path, &err), -1);
    cwmp_state_free(&r);
    sb_free(&err);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("transfer");
    TCase *tc = tcase_create("rpc");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, download_is_queued_and_saved_before_the_answer);
    tcase_add_test(tc, download_refusals_have_their_faults);
    tcase_add_test(tc, upload_takes_config_and_log);
    tcase_add_test(tc, cancel_and_the_queue_lists);
    tcase_add_test(tc, schedule_inform_and_factory_reset);
    tcase_add_test(tc, state_keeps_transfers_and_schedules);
    suite_add_tcase(s, tc);
    return unit_run(s);
}
