/* Unit tests of agent/spawn.c: the child's clean state, its process group, its descriptors, the
 * stop (SIGTERM, then SIGKILL to the group), and the reaping on the loop, with a pidfd and
 * through SIGCHLD. */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <unistd.h>

#include "loop.h"
#include "spawn.h"
#include "unit.h"

struct run {
    struct loop *loop;
    struct spawner *sp;
    int status;
    int ndone;
    uint64_t done_ms;
    bool stop_when_done;
    int sigfd; /* SIGCHLD */
};

static void on_done(void *arg, int status)
{
    struct run *r = arg;
    r->status = status;
    r->ndone++;
    r->done_ms = loop_now_ms();
    if (r->stop_when_done)
        loop_stop(r->loop);
}

static void on_deadline(struct loop *loop, void *arg)
{
    (void)loop;
    (void)arg;
    ck_abort_msg("the loop ran past its deadline");
}

static void run_loop(struct run *r, uint64_t deadline_ms)
{
    struct loop_timer *t = loop_timer_add(r->loop, deadline_ms, on_deadline, NULL);
    ck_assert_int_eq(loop_run(r->loop), 0);
    loop_timer_cancel(r->loop, t);
}

static void on_sigchld(struct loop *loop, int fd, unsigned events, void *arg)
{
    (void)loop;
    (void)events;
    struct signalfd_siginfo si;
    while (read(fd, &si, sizeof si) == (ssize_t)sizeof si)
        ;
    spawner_sigchld(arg);
}

/* A loop and a spawner as cwmpd has them: SIGCHLD through a signalfd reaps where there is no
 * pidfd (a kernel before 5.3, or valgrind, which does not know pidfd_open). */
static void setup_run(struct run *r)
{
    memset(r, 0, sizeof *r);
    r->loop = loop_new();
    ck_assert_ptr_nonnull(r->loop);
    r->sp = spawner_new(r->loop);
    r->stop_when_done = true;
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGCHLD);
    sigprocmask(SIG_BLOCK, &set, NULL);
    r->sigfd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
    ck_assert_int_ge(r->sigfd, 0);
    ck_assert_int_eq(loop_add_fd(r->loop, r->sigfd, LOOP_READ, on_sigchld, r->sp), 0);
}

static void teardown_run(struct run *r)
{
    loop_del_fd(r->loop, r->sigfd);
    close(r->sigfd);
    spawner_free(r->sp);
    loop_free(r->loop);
}

/* cwmpd's own signal state: what a child must not inherit. */
static void as_cwmpd(void)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGHUP);
    sigaddset(&set, SIGCHLD);
    sigprocmask(SIG_BLOCK, &set, NULL);
    signal(SIGPIPE, SIG_IGN);
    signal(SIGUSR1, SIG_IGN);
}

/* Runs argv to its end with its standard output in a file; returns what it wrote. */
static char *run_capture(struct run *r, const char *const *argv, int fd_in)
{
    char path[] = "/tmp/check_spawn.XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    unlink(path);
    struct spawn_opts o = {.argv = argv, .fd_in = fd_in, .fd_out = fd, .fd_err = SPAWN_FD_INHERIT};
    ck_assert_ptr_nonnull(spawn_start(r->sp, &o, on_done, r));
    run_loop(r, 10000);
    ck_assert_int_eq(r->ndone, 1);
    static char buf[8192];
    ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
    ck_assert_int_ge(n, 0);
    buf[n] = '\0';
    close(fd);
    return buf;
}

static char *status_line(char *text, const char *name)
{
    char *p = strstr(text, name);
    ck_assert_msg(p != NULL, "no %s in %s", name, text);
    char *end = strchr(p, '\n');
    if (end)
        *end = '\0';
    return p + strlen(name);
}

START_TEST(child_has_a_clean_signal_state)
{
    as_cwmpd();
    struct run r;
    setup_run(&r);
    const char *argv[] = {"/bin/cat", "/proc/self/status", NULL};
    char *text = run_capture(&r, argv, SPAWN_FD_NULL);
    ck_assert(WIFEXITED(r.status) && WEXITSTATUS(r.status) == 0);
    char *blocked = status_line(text, "SigBlk:");
    ck_assert_str_eq(blocked + strspn(blocked, "\t "), "0000000000000000");
    /* Every signal but the two real-time ones the C library keeps for itself (32 and 33, which
     * its sigaction refuses to touch; the sanitizers' runtime ignores them). */
    char *ignored = status_line(blocked + strlen(blocked) + 1, "SigIgn:");
    unsigned long long mask = strtoull(ignored, NULL, 16);
    ck_assert_msg((mask & ~(3ull << 31)) == 0, "ignored: %s", ignored);
    teardown_run(&r);
}
END_TEST

START_TEST(child_leads_its_own_process_group)
{
    struct run r;
    setup_run(&r);
    const char *argv[] = {"/bin/cat", "/proc/self/stat", NULL};
    char *text = run_capture(&r, argv, SPAWN_FD_NULL);
    int pid = atoi(text);
    char *paren = strrchr(text, ')');
    ck_assert_ptr_nonnull(paren);
    char state;
    int ppid, pgrp, session;
    ck_assert_int_eq(sscanf(paren + 1, " %c %d %d %d", &state, &ppid, &pgrp, &session), 4);
    ck_assert_int_eq(ppid, getpid());
    ck_assert_int_eq(pgrp, pid);
    ck_assert_int_ne(pgrp, getpgrp());
    teardown_run(&r);
}
END_TEST

START_TEST(child_gets_only_the_descriptors_given)
{
    struct run r;
    setup_run(&r);
    /* A descriptor without close-on-exec, as a library might leave one. */
    int leak = open("/dev/zero", O_RDONLY);
    ck_assert_int_ge(leak, 0);
    ck_assert_int_eq(dup2(leak, 37), 37);
    int p[2];
    ck_assert_int_eq(pipe(p), 0);
    ck_assert_int_eq(write(p[1], "from the pipe\n", 14), 14);
    close(p[1]);
    const char *argv[] = {"/bin/sh", "-c",
                          "read x; echo \"in:$x\"; for fd in 3 4 5 6 37; do "
                          "[ -e /proc/$$/fd/$fd ] && echo \"open:$fd\"; done; exit 0",
                          NULL};
    char *text = run_capture(&r, argv, p[0]);
    close(p[0]);
    close(37);
    close(leak);
    ck_assert_str_eq(text, "in:from the pipe\n");
    /* stdin from /dev/null by default */
    r.ndone = 0;
    const char *argv2[] = {"/bin/sh", "-c", "readlink /proc/$$/fd/0", NULL};
    ck_assert_str_eq(run_capture(&r, argv2, SPAWN_FD_NULL), "/dev/null\n");
    teardown_run(&r);
}
END_TEST

static bool alive(pid_t pid)
{
    char path[64], buf[512];
    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    FILE *f = fopen(path, "r");
    if (!f)
        return false;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    char *paren = strrchr(buf, ')');
    return paren && paren[1] == ' ' && paren[2] != 'Z' && paren[2] != 'X';
}

/* A process that got SIGKILL is gone a moment later, not at once: a loaded machine may not have
 * run its end yet when its parent's end is seen. */
static bool gone_soon(pid_t pid)
{
    for (int i = 0; i < 100 && alive(pid); i++)
        usleep(10000);
    return !alive(pid);
}

/* Reads the pid a child writes on its first line. */
static pid_t read_pid(int fd)
{
    char buf[32];
    size_t len = 0;
    while (len < sizeof buf - 1) {
        ssize_t n = read(fd, buf + len, 1);
        if (n <= 0 || buf[len] == '\n')
            break;
        len++;
    }
    buf[len] = '\0';
    return (pid_t)atoi(buf);
}

/* A hook that ignores SIGTERM and left a grandchild that ignores it too: both get SIGKILL after
 * the grace period, never before. */
START_TEST(stop_is_sigterm_then_sigkill_to_the_group)
{
    as_cwmpd();
    struct run r;
    setup_run(&r);
    spawner_set_grace(r.sp, 300);
    int p[2];
    ck_assert_int_eq(pipe(p), 0);
    const char *argv[] = {"/bin/sh", "-c", "trap '' TERM; sleep 60 & echo $!; sleep 60", NULL};
    struct spawn_opts o = {
        .argv = argv, .fd_in = SPAWN_FD_NULL, .fd_out = p[1], .fd_err = SPAWN_FD_INHERIT};
    struct spawn *s = spawn_start(r.sp, &o, on_done, &r);
    ck_assert_ptr_nonnull(s);
    close(p[1]);
    pid_t child = spawn_pid(s), grandchild = read_pid(p[0]);
    close(p[0]);
    ck_assert_int_gt(grandchild, 0);
    ck_assert(alive(grandchild));
    uint64_t t0 = loop_now_ms();
    spawn_stop(s);
    run_loop(&r, 5000);
    ck_assert_int_eq(r.ndone, 1);
    ck_assert_msg(WIFSIGNALED(r.status) && WTERMSIG(r.status) == SIGKILL, "status %#x", r.status);
    ck_assert_uint_ge(r.done_ms - t0, 250);
    ck_assert(gone_soon(child));
    ck_assert(gone_soon(grandchild));
    ck_assert_uint_eq(spawner_busy(r.sp), 0);
    teardown_run(&r);
}
END_TEST

START_TEST(stop_of_a_child_that_obeys_is_quick)
{
    struct run r;
    setup_run(&r);
    spawner_set_grace(r.sp, 3000);
    const char *argv[] = {"/bin/sleep", "60", NULL};
    struct spawn_opts o = {
        .argv = argv, .fd_in = SPAWN_FD_NULL, .fd_out = SPAWN_FD_NULL, .fd_err = SPAWN_FD_NULL};
    struct spawn *s = spawn_start(r.sp, &o, on_done, &r);
    ck_assert_ptr_nonnull(s);
    uint64_t t0 = loop_now_ms();
    spawn_stop(s);
    run_loop(&r, 2500);
    ck_assert_msg(WIFSIGNALED(r.status) && WTERMSIG(r.status) == SIGTERM, "status %#x", r.status);
    ck_assert_uint_lt(r.done_ms - t0, 2000);
    teardown_run(&r);
}
END_TEST

static void on_tick(struct loop *loop, void *arg)
{
    (void)loop;
    uint64_t *when = arg;
    *when = loop_now_ms();
}

/* The loop goes on while a child runs: a timer due meanwhile fires before the child's end. */
START_TEST(children_are_reaped_on_the_loop)
{
    struct run r;
    setup_run(&r);
    const char *argv[] = {"/bin/sh", "-c", "sleep 0.4; exit 3", NULL};
    struct spawn_opts o = {
        .argv = argv, .fd_in = SPAWN_FD_NULL, .fd_out = SPAWN_FD_NULL, .fd_err = SPAWN_FD_NULL};
    uint64_t t0 = loop_now_ms();
    ck_assert_ptr_nonnull(spawn_start(r.sp, &o, on_done, &r));
    ck_assert_uint_lt(loop_now_ms() - t0, 200);
    ck_assert_int_eq(r.ndone, 0);
    uint64_t ticked = 0;
    loop_timer_add(r.loop, 50, on_tick, &ticked);
    run_loop(&r, 5000);
    ck_assert_int_eq(r.ndone, 1);
    ck_assert(WIFEXITED(r.status) && WEXITSTATUS(r.status) == 3);
    ck_assert_uint_gt(ticked, 0);
    ck_assert_uint_lt(ticked, r.done_ms);
    ck_assert_uint_eq(spawner_busy(r.sp), 0);
    teardown_run(&r);
}
END_TEST

/* Where the kernel has no pidfd_open, the owner's SIGCHLD reaps. */
START_TEST(children_are_reaped_through_sigchld_without_pidfd)
{
    struct run r;
    setup_run(&r);
    spawner_set_pidfd(r.sp, false);
    const char *quick[] = {"/bin/sh", "-c", "exit 5", NULL};
    const char *slow[] = {"/bin/sh", "-c", "sleep 0.2; exit 6", NULL};
    struct spawn_opts o = {
        .argv = quick, .fd_in = SPAWN_FD_NULL, .fd_out = SPAWN_FD_NULL, .fd_err = SPAWN_FD_NULL};
    struct run r2 = r;
    r2.stop_when_done = false;
    ck_assert_ptr_nonnull(spawn_start(r.sp, &o, on_done, &r2));
    o.argv = slow;
    ck_assert_ptr_nonnull(spawn_start(r.sp, &o, on_done, &r));
    run_loop(&r, 5000);
    ck_assert_int_eq(r2.ndone, 1);
    ck_assert(WIFEXITED(r2.status) && WEXITSTATUS(r2.status) == 5);
    ck_assert_int_eq(r.ndone, 1);
    ck_assert(WIFEXITED(r.status) && WEXITSTATUS(r.status) == 6);
    ck_assert_uint_eq(spawner_busy(r.sp), 0);
    teardown_run(&r);
}
END_TEST

START_TEST(a_program_that_cannot_run_exits_127)
{
    struct run r;
    setup_run(&r);
    const char *argv[] = {"/nonexistent/hook", NULL};
    struct spawn_opts o = {
        .argv = argv, .fd_in = SPAWN_FD_NULL, .fd_out = SPAWN_FD_NULL, .fd_err = SPAWN_FD_NULL};
    ck_assert_ptr_nonnull(spawn_start(r.sp, &o, on_done, &r));
    run_loop(&r, 5000);
    ck_assert(WIFEXITED(r.status) && WEXITSTATUS(r.status) == 127);
    teardown_run(&r);
}
END_TEST

static void on_idle(void *arg)
{
    struct run *r = arg;
    r->done_ms = loop_now_ms();
    loop_stop(r->loop);
}

/* cwmpd stops: every child and its group are gone before idle, no callback runs, cancelled
 * handles and new spawns are handled. */
START_TEST(shutdown_stops_every_child_quietly)
{
    as_cwmpd();
    struct run r;
    setup_run(&r);
    spawner_set_grace(r.sp, 300);
    int p[2];
    ck_assert_int_eq(pipe(p), 0);
    const char *stubborn[] = {"/bin/sh", "-c", "trap '' TERM; sleep 60 & echo $!; sleep 60", NULL};
    const char *obeys[] = {"/bin/sleep", "60", NULL};
    struct spawn_opts o = {
        .argv = stubborn, .fd_in = SPAWN_FD_NULL, .fd_out = p[1], .fd_err = SPAWN_FD_INHERIT};
    struct spawn *a = spawn_start(r.sp, &o, on_done, &r);
    close(p[1]);
    pid_t grandchild = read_pid(p[0]);
    close(p[0]);
    o.argv = obeys;
    o.fd_out = SPAWN_FD_NULL;
    struct spawn *b = spawn_start(r.sp, &o, on_done, &r);
    struct spawn *c = spawn_start(r.sp, &o, on_done, &r);
    ck_assert(a && b && c);
    pid_t pids[] = {spawn_pid(a), spawn_pid(b), spawn_pid(c), grandchild};
    spawn_cancel(c);
    uint64_t t0 = loop_now_ms();
    spawner_shutdown(r.sp, on_idle, &r);
    errno = 0;
    ck_assert_ptr_null(spawn_start(r.sp, &o, on_done, &r));
    ck_assert_int_eq(errno, ECANCELED);
    run_loop(&r, 5000);
    ck_assert_int_eq(r.ndone, 0);
    ck_assert_uint_ge(r.done_ms - t0, 250);
    ck_assert_uint_eq(spawner_busy(r.sp), 0);
    for (size_t i = 0; i < sizeof pids / sizeof pids[0]; i++)
        ck_assert_msg(gone_soon(pids[i]), "process %d is left", (int)pids[i]);
    /* The owners let go of their handles afterwards, as agent_fini's do. */
    spawn_cancel(a);
    spawn_cancel(b);
    teardown_run(&r);
}
END_TEST

START_TEST(shutdown_without_children_is_at_once)
{
    struct run r;
    setup_run(&r);
    spawner_shutdown(r.sp, on_idle, &r);
    ck_assert_uint_gt(r.done_ms, 0);
    teardown_run(&r);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("spawn");
    TCase *tc = tcase_create("spawn");
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, child_has_a_clean_signal_state);
    tcase_add_test(tc, child_leads_its_own_process_group);
    tcase_add_test(tc, child_gets_only_the_descriptors_given);
    tcase_add_test(tc, stop_is_sigterm_then_sigkill_to_the_group);
    tcase_add_test(tc, stop_of_a_child_that_obeys_is_quick);
    tcase_add_test(tc, children_are_reaped_on_the_loop);
    tcase_add_test(tc, children_are_reaped_through_sigchld_without_pidfd);
    tcase_add_test(tc, a_program_that_cannot_run_exits_127);
    tcase_add_test(tc, shutdown_stops_every_child_quietly);
    tcase_add_test(tc, shutdown_without_children_is_at_once);
    suite_add_tcase(s, tc);
    return unit_run(s);
}
