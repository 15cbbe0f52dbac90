/* Unit tests of Cisco's vendor RPCs and the configuration-line runner under them: config_lines
 * (`configure terminal`, `end`/`exit`, `do`, comments), X_00000C_SetConfiguration (rollback, stop,
 * continue, the startup-config target, argument limits) and X_00000C_ShowStatus (order, errors,
 * forbidden commands, the output bound), each RPC sent as an envelope through rpc_dispatch. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "agent.h"
#include "config_lines.h"
#include "config_render.h"
#include "config_store.h"
#include "fileio.h"
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
}

static void teardown(void)
{
    unit_agent_stop(&agent, state_dir);
}

static void reject(void *arg, int lineno, const char *line, const char *message)
{
    (void)arg;
    ck_abort_msg("seed line %d refused: %s (%s)", lineno, line, message);
}

/* A running configuration with something in every part the tests touch. */
static void seed(void)
{
    ck_assert_int_eq(agent_load_config_text(&agent,
                                            "hostname Seeded\n"
                                            "interface Loopback0\n"
                                            " description seed loopback\n"
                                            " ip address 10.255.255.1 255.255.255.255\n"
                                            "interface Ethernet0/0\n"
                                            " ip address 192.0.2.2 255.255.255.0\n"
                                            " ip nat outside\n"
                                            "ip nat inside source static tcp 192.168.1.10 80 "
                                            "192.0.2.2 8080\n"
                                            "ntp server 192.0.2.123\n",
                                            "test", reject, NULL),
                     0);
}

static char *render(void)
{
    struct strbuf t = STRBUF_INIT;
    config_render(agent.running, &t);
    return sb_detach(&t);
}

static bool running_has(const char *text)
{
    char *r = render();
    bool has = strstr(r, text) != NULL;
    free(r);
    return has;
}

/* ---- config_lines ---- */

static int config_mode(void)
{
    return grammar_config_mode(agent.grammar);
}

static int mode_of(struct config_lines *cl)
{
    return cli_session_mode(&cl->s.cli);
}

static void run_ok(struct config_lines *cl, const char *line)
{
    enum cmd_status st = config_lines_run(cl, line);
    ck_assert_msg(st == CMD_OK, "\"%s\": status %d: %s", line, st, sb_str(&cl->out));
}

START_TEST(configure_terminal_returns_to_global_config)
{
    static const char *const forms[] = {"configure terminal", "conf t", "CONFIG TERM",
                                        "  Conf   Ter  ", "configur termina"};
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        struct config_lines cl;
        config_lines_begin(&cl, &agent, agent.running, "test", "test");
        run_ok(&cl, "interface Loopback1");
        ck_assert_int_ne(mode_of(&cl), config_mode());
        run_ok(&cl, forms[i]);
        ck_assert_msg(mode_of(&cl) == config_mode(), "\"%s\" left mode %d", forms[i], mode_of(&cl));
        /* The next line is a global one: it would be refused in interface mode. */
        run_ok(&cl, "hostname AfterConfT");
        config_lines_end(&cl);
    }
    ck_assert(running_has("hostname AfterConfT\n"));
}
END_TEST

START_TEST(configure_alone_or_with_more_is_not_configure_terminal)
{
    static const char *const lines[] = {"configure", "configure terminal extra", "conf t x",
                                        "con t", "configure terminals"};
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
        struct config_lines cl;
        config_lines_begin(&cl, &agent, agent.running, "test", "test");
        run_ok(&cl, "interface Loopback1");
        int sub = mode_of(&cl);
        enum cmd_status st = config_lines_run(&cl, lines[i]);
        ck_assert_msg(st != CMD_OK, "\"%s\" was taken", lines[i]);
        ck_assert_msg(sb_str(&cl.message)[0] == '%', "\"%s\": message \"%s\"", lines[i],
                      sb_str(&cl.message));
        /* A refused line leaves the mode as it was: the block goes on in the interface. */
        ck_assert_int_eq(mode_of(&cl), sub);
        run_ok(&cl, "description still in Loopback1");
        config_lines_end(&cl);
    }
    ck_assert(running_has("description still in Loopback1\n"));
}
END_TEST

START_TEST(end_and_exit_then_global_config)
{
    struct config_lines cl;
    config_lines_begin(&cl, &agent, agent.running, "test", "test");
    run_ok(&cl, "interface Loopback2");
    run_ok(&cl, "end");
    ck_assert_int_eq(mode_of(&cl), grammar_exec_mode(agent.grammar));
    /* `end` does not leave configuring: the next line runs in global configuration. */
    run_ok(&cl, "hostname AfterEnd");
    ck_assert_int_eq(mode_of(&cl), config_mode());
    /* And an interface line after it is no longer in the interface. */
    ck_assert_int_ne(config_lines_run(&cl, "description lost"), CMD_OK);
    run_ok(&cl, "interface Loopback3");
    run_ok(&cl, "exit");
    ck_assert_int_eq(mode_of(&cl), config_mode());
    run_ok(&cl, "ntp server 192.0.2.7");
    /* `exit` from global configuration, then again a global line. */
    run_ok(&cl, "exit");
    run_ok(&cl, "hostname AfterExit");
    ck_assert_int_eq(mode_of(&cl), config_mode());
    config_lines_end(&cl);
    ck_assert(running_has("hostname AfterExit\n"));
    ck_assert(running_has("ntp server 192.0.2.7\n"));
    ck_assert(!running_has("description lost"));
}
END_TEST

START_TEST(do_runs_only_what_reads)
{
    seed();
    struct config_lines cl;
    config_lines_begin(&cl, &agent, agent.running, "test", "test");
    run_ok(&cl, "interface Loopback0");
    run_ok(&cl, "do show running-config");
    ck_assert_ptr_nonnull(strstr(sb_str(&cl.out), "hostname Seeded\n"));
    /* `do` runs in EXEC without leaving the sub-mode. */
    ck_assert_int_ne(mode_of(&cl), config_mode());
    ck_assert_int_eq(config_lines_run(&cl, "do write memory"), CMD_FORBIDDEN);
    ck_assert_str_eq(sb_str(&cl.message),
                     "% This command is not allowed here: it would change the device");
    ck_assert_int_eq(config_lines_run(&cl, "do copy running-config startup-config"), CMD_FORBIDDEN);
    ck_assert_int_ne(access(agent.startup_path, F_OK), 0);
    config_lines_end(&cl);
}
END_TEST

START_TEST(comments_are_skipped)
{
    struct config_lines cl;
    config_lines_begin(&cl, &agent, agent.running, "test", "test");
    run_ok(&cl, "!");
    run_ok(&cl, "! hostname Commented");
    run_ok(&cl, "   !indented comment");
    run_ok(&cl, "interface Loopback4");
    run_ok(&cl, "!");
    run_ok(&cl, " description after a comment");
    ck_assert_str_eq(sb_str(&cl.out), "");
    config_lines_end(&cl);
    ck_assert(!running_has("Commented"));
    ck_assert(running_has("interface Loopback4\n description after a comment\n"));
}
END_TEST

static bool collect_line(void *arg, size_t lineno, const char *line)
{
    sb_printf(arg, "%zu[%s]", lineno, line);
    return lineno < 5;
}

START_TEST(text_is_split_at_newlines)
{
    struct strbuf seen = STRBUF_INIT;
    /* A CR before a newline is dropped (not one elsewhere); empty lines count; a last line
     * without a newline too; the callback stops it. */
    config_text_each_line("a\r\nb\n\nc\rd\ne", collect_line, &seen);
    ck_assert_str_eq(sb_str(&seen), "1[a]2[b]3[]4[c\rd]5[e]");
    sb_reset(&seen);
    config_text_each_line("1\n2\n3\n4\n5\n6\n7\n", collect_line, &seen);
    ck_assert_str_eq(sb_str(&seen), "1[1]2[2]3[3]4[4]5[5]");
    sb_reset(&seen);
    config_text_each_line("", collect_line, &seen);
    ck_assert_str_eq(sb_str(&seen), "");
    sb_free(&seen);
}
END_TEST

/* ---- the RPCs through rpc_dispatch ---- */

/* Sends one request whose Body holds body (a method element, XML text) and parses the answer. */
static void call_rpc(const char *body, struct rpc_answer *r)
{
    unit_rpc_call(&agent, body, r);
}

/* A SetConfiguration with the given arguments (NULL: absent); block is XML text. */
static void set_config(const char *error_option, const char *target, const char *key,
                       const char *block, const char *list_xml, struct rpc_answer *r)
{
    struct strbuf b = STRBUF_INIT;
    sb_puts(&b, "<cwmp:X_00000C_SetConfiguration>");
    if (error_option)
        sb_printf(&b, "<ErrorOption>%s</ErrorOption>", error_option);
    if (target)
        sb_printf(&b, "<Target>%s</Target>", target);
    if (block)
        sb_printf(&b, "<ConfigCommandBlock>%s</ConfigCommandBlock>", block);
    if (list_xml)
        sb_printf(&b,
                  "<ConfigCommandList soap-enc:arrayType=\"xsd:string[]\">%s</ConfigCommandList>",
                  list_xml);
    if (key)
        sb_printf(&b, "<ParameterKey>%s</ParameterKey>", key);
    sb_puts(&b, "</cwmp:X_00000C_SetConfiguration>");
    call_rpc(sb_str(&b), r);
    sb_free(&b);
}

/* The cwmp:Fault detail of a fault answer. */
static xmlNodePtr fault_detail(const struct rpc_answer *r)
{
    xmlNodePtr detail = soap_child(r->m.body, "detail");
    ck_assert_ptr_nonnull(detail);
    xmlNodePtr f = soap_child(detail, "Fault");
    ck_assert_ptr_nonnull(f);
    return f;
}

static char *child_text(xmlNodePtr n, const char *name)
{
    xmlNodePtr c = soap_child(n, name);
    ck_assert_msg(c != NULL, "no %s", name);
    return soap_text(c);
}

static void assert_fault_string(const struct rpc_answer *r, const char *want)
{
    char *s = child_text(fault_detail(r), "FaultString");
    ck_assert_msg(strstr(s, want) != NULL, "FaultString \"%s\" lacks \"%s\"", s, want);
    free(s);
}

/* The X_00000C_SetConfigurationFault elements of a fault, as "Command=FaultCode" lines. */
static char *set_config_faults(const struct rpc_answer *r)
{
    struct strbuf out = STRBUF_INIT;
    for (xmlNodePtr n = soap_first_element(fault_detail(r)); n; n = soap_next_element(n)) {
        if (!soap_is(n, "X_00000C_SetConfigurationFault"))
            continue;
        char *cmd = child_text(n, "Command"), *code = child_text(n, "FaultCode");
        sb_printf(&out, "%s=%s\n", cmd, code);
        free(cmd);
        free(code);
    }
    return sb_detach(&out);
}

static void assert_status(const struct rpc_answer *r, const char *status)
{
    ck_assert_int_eq(r->fault, 0);
    ck_assert_str_eq(r->m.name, "X_00000C_SetConfigurationResponse");
    char *s = child_text(r->m.body, "Status");
    ck_assert_str_eq(s, status);
    free(s);
}

static void set_key(const char *key)
{
    snprintf(agent.cwmp.parameter_key, sizeof agent.cwmp.parameter_key, "%s", key);
}

START_TEST(set_configuration_applies_and_takes_the_key)
{
    seed();
    set_key("old");
    struct rpc_answer r;
    set_config("rollback", "running-config", "new-key",
               "hostname Applied\ninterface Loopback9\n description nine\r\n ip nat inside\n", NULL,
               &r);
    assert_status(&r, "0");
    rpc_answer_free(&r);
    ck_assert(running_has("hostname Applied\n"));
    ck_assert(running_has("interface Loopback9\n description nine\n"));
    ck_assert_str_eq(agent.cwmp.parameter_key, "new-key");
    /* Saved as startup-config, with the key. */
    char *text;
    size_t len;
    ck_assert_int_eq(file_read_all(agent.startup_path, STARTUP_CONFIG_MAX, &text, &len), 0);
    ck_assert_ptr_nonnull(strstr(text, "hostname Applied\n"));
    free(text);
}
END_TEST

START_TEST(set_configuration_rollback_leaves_everything)
{
    seed();
    set_key("old");
    char *before = render();
    static const char *const error_options[] = {"rollback", "ROLLBACK", "", NULL};
    for (size_t i = 0; i < sizeof error_options / sizeof error_options[0]; i++) {
        struct rpc_answer r;
        set_config(error_options[i], NULL, "new",
                   "hostname Changed\nno ntp server 192.0.2.123\ninterface Loopback0\n"
                   " no description\n ip address 10.1.1.1 255.255.255.0\n"
                   "ip nat inside source static tcp 192.168.1.11 81 192.0.2.2 8081\n"
                   "interface Loopback0\n bogus line here\n hostname Never\n",
                   NULL, &r);
        ck_assert_int_eq(r.fault, 9003);
        assert_fault_string(&r, "command 8 \" bogus line here\"");
        char *faults = set_config_faults(&r);
        ck_assert_str_eq(faults, " bogus line here=1\n");
        free(faults);
        rpc_answer_free(&r);
        char *after = render();
        ck_assert_str_eq(after, before);
        free(after);
        ck_assert_str_eq(agent.cwmp.parameter_key, "old");
        ck_assert_int_ne(access(agent.startup_path, F_OK), 0);
    }
    free(before);
}
END_TEST

START_TEST(set_configuration_stop_keeps_the_lines_before)
{
    seed();
    set_key("old");
    struct rpc_answer r;
    set_config("stop", NULL, "new",
               "hostname Stopped\ninterface Loopback5\n description five\n"
               "ip nat inside source static tcp 192.168.1.12 80 192.0.2.2 8080\n"
               "hostname NotReached\n",
               NULL, &r);
    ck_assert_int_eq(r.fault, 9003);
    char *faults = set_config_faults(&r);
    ck_assert_str_eq(faults, "ip nat inside source static tcp 192.168.1.12 80 192.0.2.2 8080=4\n");
    free(faults);
    assert_fault_string(&r, "Similar static entry");
    rpc_answer_free(&r);
    ck_assert(running_has("hostname Stopped\n"));
    ck_assert(running_has("interface Loopback5\n description five\n"));
    ck_assert(!running_has("NotReached"));
    /* A fault leaves the ParameterKey as it was, whatever applied. */
    ck_assert_str_eq(agent.cwmp.parameter_key, "old");
}
END_TEST

START_TEST(set_configuration_continue_lists_each_failure)
{
    seed();
    struct rpc_answer r;
    set_config("continue", NULL, "k",
               "hostname Continued\nshow running-config\ninterface Loopback6\n"
               " description six\n ip address 10.6.6.6\ndo write memory\n"
               " ip nat inside\nip nat inside source static tcp 192.168.1.13 80 192.0.2.2 8080\n"
               "ntp server 192.0.2.66\n",
               NULL, &r);
    ck_assert_int_eq(r.fault, 9003);
    char *faults = set_config_faults(&r);
    ck_assert_str_eq(faults, "show running-config=1\n"
                             " ip address 10.6.6.6=2\n"
                             "do write memory=5\n"
                             "ip nat inside source static tcp 192.168.1.13 80 192.0.2.2 8080=4\n");
    free(faults);
    /* The FaultString tells of the first. */
    assert_fault_string(&r, "command 2 \"show running-config\"");
    rpc_answer_free(&r);
    ck_assert(running_has("hostname Continued\n"));
    /* The refused `do` left the interface as its mode: `ip nat inside` went to it. */
    ck_assert(
        running_has("interface Loopback6\n description six\n no ip address\n ip nat inside\n"));
    ck_assert(running_has("ntp server 192.0.2.66\n"));
    ck_assert(running_has("ip nat inside source static tcp 192.168.1.10 80 192.0.2.2 8080\n"));
    ck_assert(!running_has("192.168.1.13"));
}
END_TEST

START_TEST(set_configuration_of_the_startup_config)
{
    seed();
    set_key("old");
    char *before = render();
    /* The startup-config the device has: what the target starts from. */
    const char *startup = "hostname InStartup\ninterface Loopback8\n description eight\n";
    ck_assert_int_eq(file_write_atomic(agent.startup_path, startup, strlen(startup), 0640), 0);
    struct rpc_answer r;
    set_config(NULL, "startup-config", "sk",
               "interface Loopback8\n ip address 10.8.8.8 255.255.255.0\nhostname NextBoot\n", NULL,
               &r);
    assert_status(&r, "1");
    rpc_answer_free(&r);
    char *after = render();
    ck_assert_str_eq(after, before);
    free(after);
    char *text;
    size_t len;
    ck_assert_int_eq(file_read_all(agent.startup_path, STARTUP_CONFIG_MAX, &text, &len), 0);
    ck_assert_ptr_nonnull(strstr(text, "hostname NextBoot\n"));
    ck_assert_ptr_nonnull(strstr(text, "interface Loopback8\n description eight\n"
                                       " ip address 10.8.8.8 255.255.255.0\n"));
    ck_assert_ptr_null(strstr(text, "Seeded"));
    free(text);
    ck_assert_str_eq(agent.cwmp.parameter_key, "sk");

    /* Rolled back there too: the file is left alone. */
    set_config("Rollback", "Startup-Config", "sk2", "hostname Other\nbogus\n", NULL, &r);
    ck_assert_int_eq(r.fault, 9003);
    rpc_answer_free(&r);
    ck_assert_int_eq(file_read_all(agent.startup_path, STARTUP_CONFIG_MAX, &text, &len), 0);
    ck_assert_ptr_nonnull(strstr(text, "hostname NextBoot\n"));
    free(text);
    ck_assert_str_eq(agent.cwmp.parameter_key, "sk");
    free(before);
}
END_TEST

static char *repeat(char c, size_t n)
{
    char *s = xmalloc(n + 1);
    memset(s, c, n);
    s[n] = '\0';
    return s;
}

START_TEST(set_configuration_argument_limits)
{
    seed();
    set_key("old");
    char *before = render();
    struct rpc_answer r;
    char *a64 = repeat('e', 64), *a65 = repeat('e', 65);

    /* ErrorOption and Target: 64 characters are read (and refused as values), 65 are not. */
    set_config(a64, NULL, "k", "hostname X\n", NULL, &r);
    ck_assert_int_eq(r.fault, 9003);
    assert_fault_string(&r, "ErrorOption eeee");
    assert_fault_string(&r, "is not rollback, stop or continue");
    rpc_answer_free(&r);
    set_config(a65, NULL, "k", "hostname X\n", NULL, &r);
    ck_assert_int_eq(r.fault, 9003);
    assert_fault_string(&r, "ErrorOption is longer than 64 characters");
    rpc_answer_free(&r);
    set_config(NULL, a64, "k", "hostname X\n", NULL, &r);
    ck_assert_int_eq(r.fault, 9003);
    assert_fault_string(&r, "Target eeee");
    assert_fault_string(&r, "is not running-config or startup-config");
    rpc_answer_free(&r);
    set_config(NULL, a65, "k", "hostname X\n", NULL, &r);
    ck_assert_int_eq(r.fault, 9003);
    assert_fault_string(&r, "Target is longer than 64 characters");
    rpc_answer_free(&r);
    set_config(NULL, "flash:config", "k", "hostname X\n", NULL, &r);
    ck_assert_int_eq(r.fault, 9003);
    assert_fault_string(&r, "Target flash:config is not");
    rpc_answer_free(&r);

    /* A list element of 256 characters is a command; 257 are refused. */
    char *d = repeat('d', 256 - strlen("! ")), *d1 = repeat('d', 257 - strlen("! "));
    struct strbuf l = STRBUF_INIT;
    sb_printf(&l, "<string>hostname Listed</string><string>! %s</string>", d);
    set_config(NULL, NULL, "k256", NULL, sb_str(&l), &r);
    assert_status(&r, "0");
    rpc_answer_free(&r);
    ck_assert(running_has("hostname Listed\n"));
    free(before);
    before = render();
    set_key("old");
    sb_reset(&l);
    sb_printf(&l, "<string>hostname Other</string><string>! %s</string>", d1);
    set_config(NULL, NULL, "k257", NULL, sb_str(&l), &r);
    ck_assert_int_eq(r.fault, 9003);
    assert_fault_string(&r, "ConfigCommandList element 2 is longer than 256 characters");
    rpc_answer_free(&r);

    /* An element of more than one line. */
    set_config(NULL, NULL, "k", NULL, "<string>hostname A\nhostname B</string>", &r);
    ck_assert_int_eq(r.fault, 9003);
    assert_fault_string(&r, "ConfigCommandList element 1 holds more than one line");
    rpc_answer_free(&r);
    set_config(NULL, NULL, "k", NULL, "<string>hostname A</string><string>hostname B&#13;</string>",
               &r);
    ck_assert_int_eq(r.fault, 9003);
    assert_fault_string(&r, "ConfigCommandList element 2 holds more than one line");
    rpc_answer_free(&r);

    /* Nothing to run, and no ParameterKey. */
    set_config(NULL, NULL, "k", "", "", &r);
    ck_assert_int_eq(r.fault, 9003);
    assert_fault_string(&r, "neither ConfigCommandBlock nor ConfigCommandList has a command");
    rpc_answer_free(&r);
    set_config(NULL, NULL, NULL, "hostname X\n", NULL, &r);
    ck_assert_int_eq(r.fault, 9003);
    assert_fault_string(&r, "ParameterKey");
    rpc_answer_free(&r);

    char *after = render();
    ck_assert_str_eq(after, before);
    free(after);
    ck_assert_str_eq(agent.cwmp.parameter_key, "old");
    sb_free(&l);
    free(d);
    free(d1);
    free(a64);
    free(a65);
    free(before);
}
END_TEST

START_TEST(set_configuration_block_then_list)
{
    seed();
    struct rpc_answer r;
    /* The list goes on where the block ended: in the interface it entered. */
    set_config("continue", NULL, "both", "hostname FromBlock\ninterface Loopback7\nbad block line",
               "<string> description from the list</string><string>bad list line</string>"
               "<string>hostname FromList</string>",
               &r);
    ck_assert_int_eq(r.fault, 9003);
    char *faults = set_config_faults(&r);
    ck_assert_str_eq(faults, "bad block line=1\nbad list line=1\n");
    free(faults);
    rpc_answer_free(&r);
    ck_assert(running_has("hostname FromList\n"));
    ck_assert(running_has("interface Loopback7\n description from the list\n"));
    ck_assert_str_eq(agent.cwmp.parameter_key, "");

    set_config(NULL, NULL, "both2", "hostname B1\ninterface Loopback7",
               "<string>no description</string><string>hostname L2</string>", &r);
    assert_status(&r, "0");
    rpc_answer_free(&r);
    ck_assert(running_has("hostname L2\n"));
    ck_assert(!running_has("from the list"));
    ck_assert_str_eq(agent.cwmp.parameter_key, "both2");
}
END_TEST

/* ---- X_00000C_ShowStatus ---- */

static void show_status(const char *const *commands, size_t n, struct rpc_answer *r)
{
    struct strbuf b = STRBUF_INIT;
    sb_printf(&b,
              "<cwmp:X_00000C_ShowStatus><ExecCommandList soap-enc:arrayType=\"xsd:string[%zu]\">",
              n);
    for (size_t i = 0; i < n; i++)
        sb_printf(&b, "<string>%s</string>", commands[i]);
    sb_puts(&b, "</ExecCommandList></cwmp:X_00000C_ShowStatus>");
    call_rpc(sb_str(&b), r);
    sb_free(&b);
}

/* The responses of a ShowStatusResponse, in order; their count in *n. */
static char **show_responses(const struct rpc_answer *r, const char *const *commands, size_t *n)
{
    ck_assert_int_eq(r->fault, 0);
    ck_assert_str_eq(r->m.name, "X_00000C_ShowStatusResponse");
    xmlNodePtr list = soap_child(r->m.body, "ExecResponseList");
    ck_assert_ptr_nonnull(list);
    char **v = NULL;
    size_t k = 0;
    for (xmlNodePtr e = soap_first_element(list); e; e = soap_next_element(e), k++) {
        char *cmd = child_text(e, "Command");
        ck_assert_str_eq(cmd, commands[k]);
        free(cmd);
        v = xrealloc(v, (k + 1) * sizeof *v);
        v[k] = child_text(e, "Response");
    }
    *n = k;
    return v;
}

static void responses_free(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

START_TEST(show_status_answers_in_order)
{
    seed();
    static const char *const cmds[] = {"show version", "show running-config", "show bogus",
                                       "sh run | include hostname", "configure terminal"};
    /* `configure terminal` is not one that only reads: the last, so the others run. */
    struct rpc_answer r;
    show_status(cmds, 4, &r);
    size_t n;
    char **v = show_responses(&r, cmds, &n);
    ck_assert_uint_eq(n, 4);
    ck_assert_ptr_nonnull(strstr(v[0], "TR-069 Agent Software"));
    ck_assert_ptr_nonnull(strstr(v[1], "hostname Seeded\n"));
    ck_assert_ptr_nonnull(strstr(v[2], "% Invalid input detected at '^' marker."));
    ck_assert_ptr_nonnull(strstr(v[2], "show bogus\n"));
    ck_assert_str_eq(v[3], "hostname Seeded\n");
    responses_free(v, n);
    rpc_answer_free(&r);
}
END_TEST

START_TEST(show_status_refuses_what_changes)
{
    seed();
    char *before = render();
    static const char *const cmds[] = {"show version", "write memory", "show running-config"};
    struct rpc_answer r;
    show_status(cmds, 3, &r);
    ck_assert_int_eq(r.fault, 9001);
    assert_fault_string(&r, "\"write memory\" is not a command that only reads");
    /* No response at all: nothing is answered of a request refused. */
    ck_assert_ptr_null(strstr(r.xml, "ExecResponse"));
    ck_assert_ptr_null(strstr(r.xml, "Seeded"));
    rpc_answer_free(&r);
    ck_assert_int_ne(access(agent.startup_path, F_OK), 0);

    static const char *const conf[] = {"configure terminal", "hostname Changed"};
    show_status(conf, 2, &r);
    ck_assert_int_eq(r.fault, 9001);
    rpc_answer_free(&r);
    char *after = render();
    ck_assert_str_eq(after, before);
    free(after);
    free(before);

    show_status(conf, 0, &r);
    ck_assert_int_eq(r.fault, 9003);
    assert_fault_string(&r, "ExecCommandList is empty");
    rpc_answer_free(&r);
    call_rpc("<cwmp:X_00000C_ShowStatus/>", &r);
    ck_assert_int_eq(r.fault, 9003);
    assert_fault_string(&r, "ExecCommandList is missing");
    rpc_answer_free(&r);
}
END_TEST

START_TEST(show_status_output_is_bounded)
{
    /* A running configuration of about 200 kB: 22 of its renderings pass 4 MiB. */
    struct strbuf text = STRBUF_INIT;
    for (int i = 0; i < 2000; i++)
        sb_printf(&text,
                  "interface Loopback%d\n description a loopback for the output bound %d\n"
                  " ip address 10.%d.%d.1 255.255.255.0\n",
                  i, i, i / 256, i % 256);
    ck_assert_int_eq(agent_load_config_text(&agent, sb_str(&text), "test", reject, NULL), 0);
    sb_free(&text);
    /* What one show running-config answers. */
    static const char *const one_cmd[] = {"show running-config"};
    struct rpc_answer r;
    show_status(one_cmd, 1, &r);
    size_t got;
    char **v = show_responses(&r, one_cmd, &got);
    ck_assert_uint_eq(got, 1);
    size_t one = strlen(v[0]);
    responses_free(v, got);
    rpc_answer_free(&r);
    size_t limit = 4u * 1024u * 1024u, fits = limit / one;
    const size_t n = fits + 4;
    const char **cmds = xcalloc(n, sizeof *cmds);
    for (size_t i = 0; i < n; i++)
        cmds[i] = "show running-config";
    show_status(cmds, n, &r);
    v = show_responses(&r, cmds, &got);
    ck_assert_uint_eq(got, n);
    size_t total = 0;
    for (size_t i = 0; i < fits; i++) {
        ck_assert_uint_eq(strlen(v[i]), one);
        total += one;
    }
    /* The one that crosses the bound is cut there, and says so. */
    const char *cut = "\n% Output truncated: the output limit of 4194304 bytes was reached\n";
    ck_assert_uint_eq(strlen(v[fits]), limit - total + strlen(cut));
    ck_assert_str_eq(v[fits] + (limit - total), cut);
    /* The ones after it are not run. */
    for (size_t i = fits + 1; i < n; i++)
        ck_assert_str_eq(v[i], "% Not run: the output limit of 4194304 bytes was reached\n");
    responses_free(v, got);
    rpc_answer_free(&r);
    free(cmds);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("vendor");
    TCase *tc = tcase_create("config_lines");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, configure_terminal_returns_to_global_config);
    tcase_add_test(tc, configure_alone_or_with_more_is_not_configure_terminal);
    tcase_add_test(tc, end_and_exit_then_global_config);
    tcase_add_test(tc, do_runs_only_what_reads);
    tcase_add_test(tc, comments_are_skipped);
    tcase_add_test(tc, text_is_split_at_newlines);
    suite_add_tcase(s, tc);
    tc = tcase_create("set_configuration");
    tcase_set_timeout(tc, 60);
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, set_configuration_applies_and_takes_the_key);
    tcase_add_test(tc, set_configuration_rollback_leaves_everything);
    tcase_add_test(tc, set_configuration_stop_keeps_the_lines_before);
    tcase_add_test(tc, set_configuration_continue_lists_each_failure);
    tcase_add_test(tc, set_configuration_of_the_startup_config);
    tcase_add_test(tc, set_configuration_argument_limits);
    tcase_add_test(tc, set_configuration_block_then_list);
    suite_add_tcase(s, tc);
    tc = tcase_create("show_status");
    tcase_set_timeout(tc, 60);
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, show_status_answers_in_order);
    tcase_add_test(tc, show_status_refuses_what_changes);
    tcase_add_test(tc, show_status_output_is_bounded);
    suite_add_tcase(s, tc);
    return unit_run(s);
}
