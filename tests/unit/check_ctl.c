/* Unit tests of the control server: the protocol as cwmpsh speaks it, questions (enable), the
 * session's state, and hostile peers. Shells are detached (no socket): frames go in through
 * shell_receive and replies are read back from the shell's output queue. */
#include <check.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "agent.h"
#include "ctl_proto.h"
#include "ctl_server.h"
#include "diag.h"
#include "fileio.h"
#include "loop.h"
#include "unit.h"

static char state_dir[64];
static struct agent agent;

static void setup(void)
{
    unit_agent_start(&agent, state_dir);
    agent.ctl = ctl_server_new_detached(&agent);
}

static void teardown(void)
{
    unit_agent_stop(&agent, state_dir);
}

/* The reply to one request, decoded. */
struct reply {
    char output[8192];
    int type; /* CTL_DONE, CTL_PROMPT or CTL_COMPLETION */
    int status;
    int term_length;
    char text[256]; /* prompt (DONE), question (PROMPT) or completion */
    bool echo;
};

static void take_reply(struct shell *sh, struct reply *r)
{
    memset(r, 0, sizeof *r);
    r->type = -1;
    size_t off = 0;
    while (off < sh->out.len) {
        struct ctl_frame f;
        size_t used;
        ck_assert_int_eq(
            ctl_frame_parse((uint8_t *)sh->out.buf + off, sh->out.len - off, &f, &used),
            CTL_PARSE_FRAME);
        off += used;
        struct ctl_reader rd;
        ctl_reader_init(&rd, &f);
        if (f.type == CTL_OUTPUT || f.type == CTL_ASYNC) {
            strncat(r->output, (const char *)f.payload,
                    f.len < sizeof r->output - strlen(r->output) - 1
                        ? f.len
                        : sizeof r->output - strlen(r->output) - 1);
            continue;
        }
        r->type = f.type;
        char *s = NULL;
        if (f.type == CTL_DONE) {
            r->status = ctl_r_u8(&rd);
            r->term_length = ctl_r_u16(&rd);
            s = ctl_r_cstr(&rd, 255);
        } else if (f.type == CTL_PROMPT) {
            r->echo = ctl_r_u8(&rd);
            s = ctl_r_cstr(&rd, 255);
        } else if (f.type == CTL_COMPLETION) {
            s = ctl_r_cstr(&rd, 255);
        }
        ck_assert(ctl_reader_done(&rd));
        snprintf(r->text, sizeof r->text, "%s", s ? s : "");
        free(s);
    }
    sb_reset(&sh->out);
}

/* Hands the frame of a writer to the shell as its peer's bytes; the shell's answer. */
static int send_written(struct shell *sh, struct ctl_writer *w, uint8_t type)
{
    struct strbuf b = STRBUF_INIT;
    ctl_writer_finish(w, type, &b);
    int rc = shell_receive(sh, b.buf, b.len);
    sb_free(&b);
    return rc;
}

static int send_str(struct shell *sh, uint8_t type, const char *line)
{
    struct ctl_writer w;
    ctl_writer_init(&w);
    ctl_w_cstr(&w, line);
    return send_written(sh, &w, type);
}

static int send_input(struct shell *sh, const char *text, bool cancelled)
{
    struct ctl_writer w;
    ctl_writer_init(&w);
    ctl_w_u8(&w, cancelled);
    ctl_w_cstr(&w, text);
    return send_written(sh, &w, CTL_INPUT);
}

static void hello(struct shell *sh, uint8_t flags, struct reply *r);

static struct shell *connect_shell(uint8_t flags, struct reply *r)
{
    struct shell *sh = shell_new_detached(agent.ctl);
    hello(sh, flags, r);
    return sh;
}

/* A shell whose peer is the Unix user uid, as the control server accepts one. */
static struct shell *connect_as(uid_t uid, struct reply *r)
{
    struct shell *sh = shell_new_detached(agent.ctl);
    shell_identify(sh, uid);
    hello(sh, 0, r);
    return sh;
}

static void hello(struct shell *sh, uint8_t flags, struct reply *r)
{
    struct ctl_writer w;
    ctl_writer_init(&w);
    ctl_w_u32(&w, CTL_PROTO_VERSION);
    ctl_w_u8(&w, flags);
    ctl_w_cstr(&w, "pts/3");
    ctl_w_cstr(&w, "192.0.2.7");
    ck_assert_int_eq(send_written(sh, &w, CTL_HELLO), 0);
    take_reply(sh, r);
}

static void exec(struct shell *sh, const char *line, struct reply *r)
{
    ck_assert_int_eq(send_str(sh, CTL_EXEC, line), 0);
    take_reply(sh, r);
}

/* The administrator's shell beside the one under test: privileged, in global configuration. */
static struct shell *config_shell(struct reply *r)
{
    struct shell *admin = connect_shell(0, r);
    exec(admin, "enable", r);
    exec(admin, "configure terminal", r);
    return admin;
}

/* The answer to a question, and the reply to it, at once. */
static void answer(struct shell *sh, const char *text, struct reply *r)
{
    ck_assert_int_eq(send_input(sh, text, false), 0);
    take_reply(sh, r);
}

static void stop_loop(struct loop *loop, void *arg)
{
    (void)arg;
    loop_stop(loop);
}

/* Runs the loop in steps of 50 ms until the shell has a reply, 5 s at most; between steps, other
 * (when there is one) must be answered at once. */
static void run_until_answered(struct shell *sh, struct shell *other)
{
    uint64_t t0 = loop_now_ms();
    while (sh->out.len == 0 && loop_now_ms() - t0 < 5000) {
        loop_timer_add(agent.loop, 50, stop_loop, NULL);
        ck_assert_int_eq(loop_run(agent.loop), 0);
        if (other && sh->out.len == 0) {
            struct reply o;
            exec(other, "show clock", &o);
            ck_assert_int_eq(o.type, CTL_DONE);
            ck_assert_int_eq(o.status, CTL_STATUS_OK);
        }
    }
}

/* The reply to a wrong secret: none at once (it waits on a timer), then one once the loop has
 * run for about a second; other shells are answered meanwhile. */
static void take_delayed_reply(struct shell *sh, struct reply *r)
{
    ck_assert_uint_eq(sh->out.len, 0);
    struct reply o;
    struct shell *other = connect_shell(0, &o);
    uint64_t t0 = loop_now_ms();
    run_until_answered(sh, other);
    uint64_t waited = loop_now_ms() - t0;
    ck_assert_uint_ge(waited, 900);
    ck_assert_uint_lt(waited, 5000);
    shell_free(other);
    take_reply(sh, r);
}

/* A wrong answer to a password question, and the delayed reply to it. */
static void answer_wrong(struct shell *sh, const char *text, struct reply *r)
{
    ck_assert_int_eq(send_input(sh, text, false), 0);
    take_delayed_reply(sh, r);
}

/* A new interactive shell that has typed enable: asked for a password. */
static struct shell *asked_for_password(struct reply *r)
{
    struct shell *sh = connect_shell(CTL_HELLO_INTERACTIVE, r);
    exec(sh, "enable", r);
    ck_assert_int_eq(r->type, CTL_PROMPT);
    ck_assert_str_eq(r->text, "Password: ");
    return sh;
}

/* Three wrong answers to enable's question: asked again after the first two, refused after the
 * third with message, in user EXEC still. */
static void three_wrong_answers(struct shell *sh, const char *const wrong[3], const char *message,
                                struct reply *r)
{
    for (int i = 0; i < 3; i++) {
        answer_wrong(sh, wrong[i], r);
        ck_assert_int_eq(r->type, i < 2 ? CTL_PROMPT : CTL_DONE);
    }
    ck_assert_str_eq(r->output, message);
    ck_assert_int_eq(r->status, CTL_STATUS_ERROR);
    ck_assert_str_eq(r->text, "Router>");
}

START_TEST(a_session_starts_in_user_exec)
{
    struct reply r;
    struct shell *sh = connect_shell(0, &r);
    ck_assert_int_eq(r.type, CTL_DONE);
    ck_assert_str_eq(r.text, "Router>");
    ck_assert_int_eq(r.term_length, 24);
    exec(sh, "configure terminal", &r);
    ck_assert_int_eq(r.status, CTL_STATUS_ERROR);
    ck_assert_str_eq(r.output,
                     "configure terminal\n^\n% Invalid input detected at '^' marker.\n\n");
    exec(sh, "enable", &r);
    ck_assert_int_eq(r.type, CTL_DONE);
    ck_assert_str_eq(r.text, "Router#");
    exec(sh, "conf t", &r);
    ck_assert_str_eq(r.output, "Enter configuration commands, one per line.  End with CNTL/Z.\n");
    ck_assert_str_eq(r.text, "Router(config)#");
    exec(sh, "hostname Edge", &r);
    ck_assert_str_eq(r.text, "Edge(config)#");
    exec(sh, "interface e0/0", &r);
    ck_assert_str_eq(r.text, "Edge(config-if)#");
    exec(sh, "end", &r);
    ck_assert_str_eq(r.text, "Edge#");
    exec(sh, "terminal length 0", &r);
    ck_assert_int_eq(r.term_length, 0);
    exec(sh, "disable", &r);
    ck_assert_str_eq(r.text, "Edge>");
    exec(sh, "exit", &r);
    ck_assert_int_eq(r.status, CTL_STATUS_CLOSE);
    shell_free(sh);
}
END_TEST

/* Each announcement makes everything that watches the configuration look again (the NAT rules
 * rendered anew): a line that changes nothing must not make one. */
START_TEST(only_a_real_change_of_the_configuration_is_announced)
{
    struct reply r;
    struct shell *sh = connect_shell(0, &r);
    exec(sh, "enable", &r);
    unsigned long n = agent.config_changes;
    exec(sh, "show running-config", &r);
    exec(sh, "show version", &r);
    exec(sh, "terminal length 0", &r);
    exec(sh, "", &r);
    ck_assert_uint_eq(agent.config_changes, n);
    exec(sh, "configure terminal", &r);
    exec(sh, "hostname Edge", &r);
    ck_assert_uint_eq(agent.config_changes, n + 1);
    exec(sh, "hostname Edge", &r); /* the same again */
    exec(sh, "do show running-config", &r);
    ck_assert_uint_eq(agent.config_changes, n + 1);
    exec(sh, "ip nat inside source static tcp 192.168.1.10 80 192.0.2.2 8080", &r);
    ck_assert_uint_eq(agent.config_changes, n + 2);
    exec(sh, "end", &r);
    exec(sh, "show ip nat translations", &r);
    ck_assert_uint_eq(agent.config_changes, n + 2);
    shell_free(sh);
}
END_TEST

/* A change made by the answer to a question (a merge confirmed), or by a command that failed
 * after it changed part of the configuration, is announced as a line's is. */
START_TEST(a_change_made_by_an_answer_is_announced)
{
    ck_assert_int_eq(file_write_atomic(agent.startup_path, "hostname Merged\n", 16, 0600), 0);
    struct reply r;
    struct shell *sh = connect_shell(CTL_HELLO_INTERACTIVE, &r);
    exec(sh, "enable", &r);
    unsigned long n = agent.config_changes;
    exec(sh, "copy startup-config running-config", &r);
    ck_assert_int_eq(r.type, CTL_PROMPT);
    answer(sh, "", &r);
    ck_assert_str_eq(agent.running->hostname, "Merged");
    ck_assert_uint_eq(agent.config_changes, n + 1);
    shell_free(sh);
    /* A merge that fails on a bad line keeps the lines before it: announced too. */
    ck_assert_int_eq(
        file_write_atomic(agent.startup_path, "hostname Partial\nbogus line\n", 28, 0600), 0);
    sh = connect_shell(0, &r);
    exec(sh, "enable", &r);
    exec(sh, "copy startup-config running-config", &r);
    ck_assert_int_eq(r.status, CTL_STATUS_ERROR);
    ck_assert_str_eq(agent.running->hostname, "Partial");
    ck_assert_uint_eq(agent.config_changes, n + 2);
    shell_free(sh);
}
END_TEST

START_TEST(interactive_errors_put_the_caret_after_the_prompt)
{
    struct reply r;
    struct shell *sh = connect_shell(CTL_HELLO_INTERACTIVE, &r);
    exec(sh, "enable", &r);
    exec(sh, "show foo", &r);
    /* "Router#" is 7 columns; foo starts 5 characters into the line. */
    ck_assert_str_eq(r.output, "            ^\n% Invalid input detected at '^' marker.\n\n");
    ck_assert_int_eq(send_str(sh, CTL_HELP, "sh"), 0);
    take_reply(sh, &r);
    ck_assert_str_eq(r.output, "show\n\n");
    ck_assert_int_eq(send_str(sh, CTL_COMPLETE, "conf"), 0);
    take_reply(sh, &r);
    ck_assert_int_eq(r.type, CTL_COMPLETION);
    ck_assert_str_eq(r.text, "configure ");
    shell_free(sh);
}
END_TEST

START_TEST(enable_asks_for_the_secret_three_times)
{
    struct reply r;
    struct shell *admin = config_shell(&r);
    exec(admin, "enable secret 0 Pa55", &r);
    ck_assert_int_eq(r.status, CTL_STATUS_OK);

    struct shell *sh = asked_for_password(&r);
    ck_assert(!r.echo);
    answer_wrong(sh, "wrong", &r);
    ck_assert_int_eq(r.type, CTL_PROMPT);
    answer(sh, "Pa55", &r);
    ck_assert_int_eq(r.type, CTL_DONE);
    ck_assert_str_eq(r.text, "Router#");
    exec(sh, "disable", &r);
    exec(sh, "enable", &r);
    three_wrong_answers(sh, (const char *const[]){"nope", "nope", "nope"}, "% Bad secrets\n\n", &r);
    /* A new request abandons an unanswered question. */
    exec(sh, "enable", &r);
    ck_assert_int_eq(r.type, CTL_PROMPT);
    exec(sh, "show clock", &r);
    ck_assert_int_eq(r.type, CTL_DONE);
    ck_assert_str_eq(r.text, "Router>");
    shell_free(sh);
    shell_free(admin);
}
END_TEST

/* Without an enable secret, enable asks for the enable password and names it when it gives up;
 * with both, only the secret opens privileged EXEC (IOS). */
START_TEST(enable_checks_the_password_when_there_is_no_secret)
{
    struct reply r;
    struct shell *admin = config_shell(&r);
    exec(admin, "enable password 0 Old pass", &r);
    ck_assert_int_eq(r.status, CTL_STATUS_OK);

    struct shell *sh = asked_for_password(&r);
    answer(sh, "Old pass", &r);
    ck_assert_int_eq(r.type, CTL_DONE);
    ck_assert_str_eq(r.text, "Router#");
    exec(sh, "disable", &r);
    exec(sh, "enable", &r);
    three_wrong_answers(sh, (const char *const[]){"Old", "old pass", "Old pass "},
                        "% Bad passwords\n\n", &r);

    exec(admin, "enable secret 0 New", &r);
    ck_assert_int_eq(r.status, CTL_STATUS_OK);
    exec(sh, "enable", &r);
    ck_assert_int_eq(r.type, CTL_PROMPT);
    answer_wrong(sh, "Old pass", &r);
    ck_assert_int_eq(r.type, CTL_PROMPT);
    answer(sh, "New", &r);
    ck_assert_str_eq(r.text, "Router#");
    shell_free(sh);
    shell_free(admin);
}
END_TEST

/* A shell starts at the level of its user's username entry: 15 is privileged EXEC at once, a
 * level between shows `#` but runs only the commands of its level, 0 little more than enable;
 * no entry is level 1. Shells already open keep their level when the entry changes. */
START_TEST(a_username_entry_gives_its_user_a_level)
{
    /* cwmpd names a uid without a passwd entry by its number. */
    struct passwd *pw = getpwuid(getuid());
    char me[64], line[128];
    if (pw)
        snprintf(me, sizeof me, "%s", pw->pw_name);
    else
        snprintf(me, sizeof me, "%u", (unsigned)getuid());
    struct reply r;
    struct shell *admin = config_shell(&r);
    snprintf(line, sizeof line, "username %s privilege 15 secret 0 x", me);
    exec(admin, line, &r);
    ck_assert_int_eq(r.status, CTL_STATUS_OK);

    struct shell *top = connect_as(getuid(), &r);
    ck_assert_str_eq(top->user, me);
    ck_assert_str_eq(r.text, "Router#");
    exec(top, "show privilege", &r);
    ck_assert_str_eq(r.output, "Current privilege level is 15\n");
    exec(top, "configure terminal", &r);
    ck_assert_str_eq(r.text, "Router(config)#");
    exec(top, "end", &r);

    snprintf(line, sizeof line, "username %s privilege 7", me);
    exec(admin, line, &r);
    struct shell *mid = connect_as(getuid(), &r);
    ck_assert_str_eq(r.text, "Router#");
    exec(mid, "show privilege", &r);
    ck_assert_str_eq(r.output, "Current privilege level is 7\n");
    exec(mid, "show running-config", &r);
    ck_assert_int_eq(r.status, CTL_STATUS_ERROR);
    ck_assert_str_eq(r.output,
                     "show running-config\n     ^\n% Invalid input detected at '^' marker.\n\n");
    exec(mid, "enable", &r); /* no enable secret: straight to 15 */
    exec(mid, "show privilege", &r);
    ck_assert_str_eq(r.output, "Current privilege level is 15\n");
    exec(mid, "disable", &r);
    ck_assert_str_eq(r.text, "Router>");
    exec(mid, "show privilege", &r);
    ck_assert_str_eq(r.output, "Current privilege level is 1\n");

    snprintf(line, sizeof line, "username %s privilege 0", me);
    exec(admin, line, &r);
    struct shell *low = connect_as(getuid(), &r);
    ck_assert_str_eq(r.text, "Router>");
    exec(low, "show privilege", &r);
    ck_assert_int_eq(r.status, CTL_STATUS_ERROR);
    exec(low, "enable", &r);
    ck_assert_str_eq(r.text, "Router#");

    snprintf(line, sizeof line, "no username %s", me);
    exec(admin, line, &r);
    ck_assert_int_eq(r.status, CTL_STATUS_OK);
    struct shell *plain = connect_as(getuid(), &r);
    ck_assert_str_eq(r.text, "Router>");
    exec(plain, "show privilege", &r);
    ck_assert_str_eq(r.output, "Current privilege level is 1\n");
    exec(top, "show privilege", &r);
    ck_assert_str_eq(r.output, "Current privilege level is 15\n");

    /* A uid without a name is known by its number, which an entry may name too. */
    uid_t nobody = 4000123;
    if (!getpwuid(nobody)) {
        exec(admin, "username 4000123 privilege 15", &r);
        struct shell *num = connect_as(nobody, &r);
        ck_assert_str_eq(num->user, "4000123");
        ck_assert_str_eq(r.text, "Router#");
        shell_free(num);
    }
    shell_free(plain);
    shell_free(low);
    shell_free(mid);
    shell_free(top);
    shell_free(admin);
}
END_TEST

START_TEST(copy_confirms_the_destination_on_a_terminal)
{
    struct reply r;
    struct shell *sh = connect_shell(CTL_HELLO_INTERACTIVE, &r);
    exec(sh, "enable", &r);
    exec(sh, "copy running-config startup-config", &r);
    ck_assert_int_eq(r.type, CTL_PROMPT);
    ck_assert_str_eq(r.text, "Destination filename [startup-config]? ");
    ck_assert(r.echo);
    answer(sh, "", &r);
    ck_assert_str_eq(r.output, "Building configuration...\n[OK]\n");
    exec(sh, "copy running-config startup-config", &r);
    answer(sh, "other-file", &r);
    ck_assert_str_eq(r.output, "% Only startup-config can be the destination here\n");
    shell_free(sh);
}
END_TEST

START_TEST(show_users_and_history_belong_to_each_session)
{
    struct reply r;
    struct shell *a = connect_shell(0, &r);
    struct shell *b = connect_shell(CTL_HELLO_INTERACTIVE | CTL_HELLO_CONSOLE, &r);
    exec(a, "show clock", &r);
    exec(a, "show users", &r);
    ck_assert_ptr_nonnull(strstr(r.output, "    Line       User       Host(s)"));
    ck_assert_ptr_nonnull(strstr(r.output, "   0 con 0     unknown    idle"));
    ck_assert_ptr_nonnull(strstr(r.output, "*  1 vty 0     unknown    idle"));
    ck_assert_ptr_nonnull(strstr(r.output, "192.0.2.7"));
    exec(a, "show history", &r);
    ck_assert_str_eq(r.output, "  show clock\n  show users\n  show history\n");
    exec(b, "show history", &r);
    ck_assert_str_eq(r.output, "  show history\n");
    exec(b, "terminal monitor", &r);
    ck_assert_str_eq(r.output, "% Console already monitors\n");
    shell_free(a);
    shell_free(b);
}
END_TEST

START_TEST(hostile_peers_are_dropped_without_harm)
{
    struct reply r;
    /* A request before HELLO. */
    struct shell *sh = shell_new_detached(agent.ctl);
    ck_assert_int_eq(send_str(sh, CTL_EXEC, "enable"), -1);
    shell_free(sh);
    /* A wrong protocol version. */
    sh = shell_new_detached(agent.ctl);
    struct ctl_writer w;
    ctl_writer_init(&w);
    ctl_w_u32(&w, 99);
    ctl_w_u8(&w, 0);
    ctl_w_cstr(&w, "");
    ctl_w_cstr(&w, "");
    ck_assert_int_eq(send_written(sh, &w, CTL_HELLO), -1);
    shell_free(sh);
    /* Garbage, an oversized frame, a server-side frame type, a line with a NUL. */
    static const uint8_t garbage[][12] = {
        {0xff, 0xff, 0xff, 0xff, 0xff},
        {CTL_EXEC, 0x10, 0, 0, 0},
        {CTL_DONE, 0, 0, 0, 3, 0, 0, 0},
        {CTL_EXEC, 0, 0, 0, 6, 0, 0, 0, 2, 'a', 0},
    };
    for (size_t i = 0; i < sizeof garbage / sizeof garbage[0]; i++) {
        sh = connect_shell(0, &r);
        ck_assert_int_eq(shell_receive(sh, garbage[i], sizeof garbage[i]), -1);
        shell_free(sh);
    }
    /* Bytes one at a time are reassembled. */
    sh = connect_shell(0, &r);
    struct strbuf b = STRBUF_INIT;
    ctl_writer_init(&w);
    ctl_w_cstr(&w, "show clock");
    ctl_writer_finish(&w, CTL_EXEC, &b);
    for (size_t i = 0; i < b.len; i++)
        ck_assert_int_eq(shell_receive(sh, b.buf + i, 1), 0);
    take_reply(sh, &r);
    ck_assert_int_eq(r.type, CTL_DONE);
    sb_free(&b);
    /* The configuration is untouched by all this. */
    exec(sh, "enable", &r);
    exec(sh, "show running-config", &r);
    ck_assert_ptr_nonnull(strstr(r.output, "!\nhostname Router\n!\nend\n"));
    shell_free(sh);
}
END_TEST

static int send_ping(struct shell *sh)
{
    struct ctl_writer w;
    ctl_writer_init(&w);
    return send_written(sh, &w, CTL_PING);
}

static int send_frame(struct shell *sh, uint8_t type, const char *payload, size_t len)
{
    struct strbuf b = STRBUF_INIT;
    ctl_put_bytes(&b, type, payload, len);
    if (len == 0) { /* ctl_put_bytes writes no frame for nothing: the bare header */
        const uint8_t head[CTL_HEADER_SIZE] = {type, 0, 0, 0, 0};
        sb_append(&b, head, sizeof head);
    }
    int rc = shell_receive(sh, b.buf, b.len);
    sb_free(&b);
    return rc;
}

/* The frames queued for the shell, by type, as a string of letters: P for a PONG, D for a DONE,
 * O for an OUTPUT, Q for a PROMPT. */
static void take_types(struct shell *sh, char *types, size_t cap)
{
    size_t off = 0, n = 0;
    while (off < sh->out.len && n + 1 < cap) {
        struct ctl_frame f;
        size_t used;
        ck_assert_int_eq(
            ctl_frame_parse((uint8_t *)sh->out.buf + off, sh->out.len - off, &f, &used),
            CTL_PARSE_FRAME);
        off += used;
        types[n++] = f.type == CTL_PONG     ? 'P'
                     : f.type == CTL_DONE   ? 'D'
                     : f.type == CTL_OUTPUT ? 'O'
                     : f.type == CTL_PROMPT ? 'Q'
                                            : '?';
        if (f.type == CTL_PONG)
            ck_assert_uint_eq(f.len, 0);
    }
    types[n] = '\0';
    sb_reset(&sh->out);
}

/* cwmpsh tells a stopped cwmpd from a slow command by a PING that the loop answers at once: at the
 * prompt, and while a reply is deferred, the requests behind it waiting but not the probes. */
START_TEST(a_liveness_probe_is_answered_at_once)
{
    struct reply r;
    char types[16];
    struct shell *admin = config_shell(&r);
    exec(admin, "enable secret 0 Pa55", &r);
    struct shell *sh = connect_shell(CTL_HELLO_INTERACTIVE, &r);
    uint64_t idle_since = sh->last_active_ms;
    ck_assert_int_eq(send_ping(sh), 0);
    take_types(sh, types, sizeof types);
    ck_assert_str_eq(types, "P");
    ck_assert_uint_eq(sh->last_active_ms, idle_since); /* a probe is not the operator's doing */

    exec(sh, "enable", &r);
    ck_assert_int_eq(r.type, CTL_PROMPT);
    /* A wrong secret defers the reply for a second; the probes sent meanwhile, even behind a
     * request that waits (and in the same read as the answer), are answered, that request not. */
    struct strbuf b = STRBUF_INIT;
    struct ctl_writer w;
    ctl_writer_init(&w);
    ctl_w_u8(&w, 0);
    ctl_w_cstr(&w, "wrong");
    ctl_writer_finish(&w, CTL_INPUT, &b);
    ctl_writer_init(&w);
    ctl_writer_finish(&w, CTL_PING, &b);
    ck_assert_int_eq(shell_receive(sh, b.buf, b.len), 0);
    sb_free(&b);
    ck_assert(sh->deferred);
    take_types(sh, types, sizeof types);
    ck_assert_str_eq(types, "P");
    ck_assert_int_eq(send_str(sh, CTL_EXEC, "show privilege"), 0);
    ck_assert_int_eq(send_ping(sh), 0);
    take_types(sh, types, sizeof types);
    ck_assert_str_eq(types, "P");
    /* Then the question again, and the request that waited runs (its answer abandons it). */
    run_until_answered(sh, NULL);
    take_types(sh, types, sizeof types);
    ck_assert_str_eq(types, "QOD");
    /* A probe carries nothing: one with a payload is a peer that does not speak the protocol. */
    ck_assert_int_eq(send_str(sh, CTL_PING, "x"), -1);
    shell_free(sh);
    shell_free(admin);
}
END_TEST

/* ABORT: ignored with nothing running, a protocol error with a payload, and during a deferred
 * command (a ping that would run for ever) it ends the command with its result so far. */
START_TEST(abort_stops_a_running_ping)
{
    agent.diag = diag_engine_new(agent.loop);
    struct reply r;
    struct shell *sh = connect_shell(0, &r);
    ck_assert_int_eq(send_frame(sh, CTL_ABORT, "", 0), 0);
    ck_assert_uint_eq(sh->out.len, 0);
    exec(sh, "ping 127.0.0.1 repeat 2147483647 timeout 1", &r);
    ck_assert_int_eq(r.type, -1); /* no DONE: the reply waits */
    ck_assert(sh->deferred);
    loop_timer_add(agent.loop, 100, stop_loop, NULL);
    ck_assert_int_eq(loop_run(agent.loop), 0);
    take_reply(sh, &r);
    if (r.type == CTL_DONE) {
        ck_assert_ptr_nonnull(strstr(r.output, "% Cannot open the ICMP socket: "));
        unit_skip_part("ABORT of a running ping: no ICMP socket here (ping_group_range, root)");
    } else {
        ck_assert_int_eq(r.type, -1);
        const char *head = "Type escape sequence to abort.\n"
                           "Sending 2147483647, 100-byte ICMP Echos to 127.0.0.1, timeout is 1 "
                           "seconds:\n!";
        ck_assert_msg(!strncmp(r.output, head, strlen(head)), "output was:\n%s", r.output);
        /* Another request waits behind the ping, and runs once it ends. */
        ck_assert_int_eq(send_str(sh, CTL_EXEC, "show privilege"), 0);
        ck_assert_int_eq(send_frame(sh, CTL_ABORT, "", 0), 0);
        ck_assert(!sh->deferred);
        take_reply(sh, &r);
        ck_assert_ptr_nonnull(strstr(r.output, "Success rate is 100 percent ("));
        ck_assert_ptr_nonnull(strstr(r.output, "Current privilege level is 1\n"));
        ck_assert_int_eq(r.type, CTL_DONE);
        ck_assert_int_eq(r.status, CTL_STATUS_OK);
    }
    /* Nothing running: an ABORT with a payload is not the protocol. */
    ck_assert_int_eq(send_frame(sh, CTL_ABORT, "x", 1), -1);
    shell_free(sh);
    diag_engine_free(agent.diag);
    agent.diag = NULL;
}
END_TEST

START_TEST(monitoring_shells_receive_log_lines)
{
    struct reply r;
    struct shell *watcher = connect_shell(CTL_HELLO_INTERACTIVE, &r);
    struct shell *admin = connect_shell(0, &r);
    exec(watcher, "terminal monitor", &r);
    exec(admin, "enable", &r);
    exec(admin, "configure terminal", &r);
    exec(admin, "end", &r);
    take_reply(watcher, &r);
    ck_assert_ptr_nonnull(
        strstr(r.output, ": %SYS-5-CONFIG_I: Configured from console by unknown on vty 1\n"));
    exec(watcher, "terminal no monitor", &r);
    exec(admin, "configure terminal", &r);
    exec(admin, "end", &r);
    take_reply(watcher, &r);
    ck_assert_str_eq(r.output, "");
    shell_free(watcher);
    shell_free(admin);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("ctl");
    TCase *tc = tcase_create("ctl");
    tcase_set_timeout(tc, 60);
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, a_session_starts_in_user_exec);
    tcase_add_test(tc, only_a_real_change_of_the_configuration_is_announced);
    tcase_add_test(tc, a_change_made_by_an_answer_is_announced);
    tcase_add_test(tc, interactive_errors_put_the_caret_after_the_prompt);
    tcase_add_test(tc, enable_asks_for_the_secret_three_times);
    tcase_add_test(tc, enable_checks_the_password_when_there_is_no_secret);
    tcase_add_test(tc, a_username_entry_gives_its_user_a_level);
    tcase_add_test(tc, copy_confirms_the_destination_on_a_terminal);
    tcase_add_test(tc, show_users_and_history_belong_to_each_session);
    tcase_add_test(tc, hostile_peers_are_dropped_without_harm);
    tcase_add_test(tc, monitoring_shells_receive_log_lines);
    tcase_add_test(tc, a_liveness_probe_is_answered_at_once);
    tcase_add_test(tc, abort_stops_a_running_ping);
    suite_add_tcase(s, tc);
    return unit_run(s);
}
