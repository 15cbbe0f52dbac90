/* The nat-apply hook (nat_apply.h): the rules are the `ip nat inside source static` lines of
 * running-config as rendered now (so a rule following the WAN address has the address of now),
 * written to a file of the state directory that the hook gets as its argument and its standard
 * input; it runs through spawn.h, which reports its end on the loop. */
#include "nat_apply.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core.h"
#include "fileio.h"
#include "loop.h"
#include "nat_map.h"
#include "platform.h"
#include "xalloc.h"

struct nat_apply {
    struct agent *a;
    char *path;        /* the rules file */
    char *handed;      /* the rules of the last run started; NULL: none yet */
    struct spawn *run; /* the run under way */
    bool again;        /* a change came during the run */
    size_t nrules;     /* in the run under way */
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
    struct strbuf p = STRBUF_INIT;
    sb_printf(&p, "%s/%s", a->state_dir, NAT_APPLY_FILE);
    n->path = sb_detach(&p);
    if (a->hooks_dir && a->loop)
        arm(n);
    return n;
}

void nat_apply_free(struct nat_apply *n)
{
    if (!n)
        return;
    if (n->timer)
        loop_timer_cancel(n->a->loop, n->timer);
    spawn_cancel(n->run);
    free(n->handed);
    free(n->path);
    free(n);
}

static void on_exit_status(void *arg, int status)
{
    struct nat_apply *n = arg;
    n->run = NULL;
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
        agent_log(n->a, LOG_INFO, "%%NAT-6-APPLY: nat-apply hook applied %zu rule%s", n->nrules,
                  n->nrules == 1 ? "" : "s");
    } else {
        int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
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

/* The rules on standard input and as the argument. */
static void start(struct nat_apply *n, const char *hook, const char *rules, size_t len)
{
    struct agent *a = n->a;
    int rc = file_write_atomic(n->path, rules, len, 0640);
    if (rc < 0) {
        agent_log(a, LOG_ERR, "%%NAT-3-APPLY: cannot write %s: %s", n->path, strerror(-rc));
        return;
    }
    int fd = open(n->path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        agent_log(a, LOG_ERR, "%%NAT-3-APPLY: cannot read %s: %s", n->path, strerror(errno));
        return;
    }
    const char *argv[] = {hook, n->path, NULL};
    struct spawn_opts o = {
        .argv = argv, .fd_in = fd, .fd_out = SPAWN_FD_INHERIT, .fd_err = SPAWN_FD_INHERIT};
    n->run = spawn_start(a->spawner, &o, on_exit_status, n);
    if (!n->run)
        agent_log(a, LOG_ERR, "%%NAT-3-APPLY: cannot run the nat-apply hook: %s", strerror(errno));
    close(fd);
}

void nat_apply_check(struct nat_apply *n)
{
    if (!n || !n->a->loop)
        return;
    char *hook = agent_hook_path(n->a, "nat-apply");
    if (!hook)
        return;
    if (n->run) {
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
