/* The nat-apply hook (nat_apply.h): the rules are the `ip nat inside source static` lines of
 * running-config as rendered now (so a rule following the WAN address has the address of now),
 * written to a file of the state directory that the hook gets as its argument and its standard
 * input; its end is a readable pidfd in the loop. */
#include "nat_apply.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "context.h"
#include "fileio.h"
#include "log.h"
#include "loop.h"
#include "nat_map.h"
#include "xalloc.h"

struct nat_apply {
    struct agent *a;
    char *path;    /* the rules file */
    char *handed;  /* the rules of the last run started; NULL: none yet */
    pid_t pid;     /* the run under way, 0: none */
    int pidfd;     /* -1: none */
    bool again;    /* a change came during the run */
    size_t nrules; /* in the run under way */
    struct loop_timer *timer;
};

static void on_timer(struct loop *loop, void *arg);

static void arm(struct nat_apply *n)
{
    n->timer = loop_timer_add(n->a->loop, NAT_APPLY_RECHECK_MS, on_timer, n);
}

/* DHCP gives the WAN interface a new address without any command: looked at now and then, as the
 * connection-request server does, while there is a hook to tell. */
static void on_timer(struct loop *loop, void *arg)
{
    (void)loop;
    struct nat_apply *n = arg;
    n->timer = NULL;
    nat_apply_check(n);
    arm(n);
}

struct nat_apply *nat_apply_new(struct agent *a)
{
    struct nat_apply *n = xcalloc(1, sizeof *n);
    n->a = a;
    n->pidfd = -1;
    struct strbuf p = STRBUF_INIT;
    sb_printf(&p, "%s/%s", a->state_dir, NAT_APPLY_FILE);
    n->path = sb_detach(&p);
    if (a->hooks_dir && a->loop)
        arm(n);
    return n;
}

static void reap(struct nat_apply *n)
{
    loop_del_fd(n->a->loop, n->pidfd);
    close(n->pidfd);
    n->pidfd = -1;
    n->pid = 0;
}

void nat_apply_free(struct nat_apply *n)
{
    if (!n)
        return;
    if (n->timer)
        loop_timer_cancel(n->a->loop, n->timer);
    if (n->pid > 0) {
        kill(n->pid, SIGTERM);
        waitpid(n->pid, NULL, 0);
        reap(n);
    }
    free(n->handed);
    free(n->path);
    free(n);
}

static void on_exit_fd(struct loop *loop, int fd, unsigned events, void *arg)
{
    (void)loop;
    (void)fd;
    (void)events;
    struct nat_apply *n = arg;
    int status = 0;
    pid_t r = waitpid(n->pid, &status, WNOHANG);
    if (r == 0)
        return;
    reap(n);
    if (r > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0) {
        agent_log(n->a, LOG_INFO, "%%NAT-6-APPLY: nat-apply hook applied %zu rule%s", n->nrules,
                  n->nrules == 1 ? "" : "s");
    } else {
        int code = r < 0 ? -1 : WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        /* Said once per change: the hook runs again only when the rules change again. */
        agent_log(n->a, LOG_ERR,
                  "%%NAT-3-APPLY: nat-apply hook failed (status %d): the system may not forward "
                  "what running-config says",
                  code);
    }
    if (n->again) {
        n->again = false;
        nat_apply_check(n);
    }
}

/* The child: the rules on standard input and as the argument; the signals cwmpd blocks or
 * ignores for itself are the hook's again. */
static void exec_hook(const char *hook, const char *rules)
{
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    signal(SIGPIPE, SIG_DFL);
    int fd = open(rules, O_RDONLY);
    if (fd < 0 || dup2(fd, STDIN_FILENO) < 0)
        _exit(126);
    if (fd != STDIN_FILENO)
        close(fd);
    execl(hook, hook, rules, (char *)NULL);
    _exit(127);
}

static void start(struct nat_apply *n, const char *hook, const char *rules, size_t len)
{
    struct agent *a = n->a;
    int rc = file_write_atomic(n->path, rules, len, 0640);
    if (rc < 0) {
        agent_log(a, LOG_ERR, "%%NAT-3-APPLY: cannot write %s: %s", n->path, strerror(-rc));
        return;
    }
    pid_t pid = fork();
    if (pid == 0)
        exec_hook(hook, n->path);
    int pidfd = pid > 0 ? (int)syscall(SYS_pidfd_open, pid, 0) : -1;
    if (pidfd < 0 || loop_add_fd(a->loop, pidfd, LOOP_READ, on_exit_fd, n) < 0) {
        agent_log(a, LOG_ERR, "%%NAT-3-APPLY: cannot run the nat-apply hook: %s", strerror(errno));
        if (pid > 0) {
            kill(pid, SIGTERM);
            waitpid(pid, NULL, 0);
        }
        if (pidfd >= 0)
            close(pidfd);
        return;
    }
    n->pid = pid;
    n->pidfd = pidfd;
}

void nat_apply_check(struct nat_apply *n)
{
    if (!n || !n->a->loop)
        return;
    char *hook = agent_hook_path(n->a, "nat-apply");
    if (!hook)
        return;
    if (n->pid > 0) {
        n->again = true;
        free(hook);
        return;
    }
    struct strbuf rules = STRBUF_INIT;
    nat_render(n->a->running, &rules);
    if (!n->handed || strcmp(n->handed, sb_str(&rules)) != 0) {
        n->nrules = 0;
        for (size_t i = 0; i < rules.len; i++)
            n->nrules += rules.buf[i] == '\n';
        start(n, hook, sb_str(&rules), rules.len);
        free(n->handed);
        n->handed = xstrdup(sb_str(&rules));
    }
    sb_free(&rules);
    free(hook);
}
