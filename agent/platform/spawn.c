/* The children of cwmpd (spawn.h). */
#include "spawn.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "loop.h"
#include "xalloc.h"

struct spawn {
    struct spawner *sp;
    pid_t pid; /* also its process group */
    int pidfd; /* -1: reaped through SIGCHLD */
    spawn_done_fn done;
    void *arg;
    bool exited;   /* reaped */
    bool released; /* its owner no longer holds the handle (done called, or cancelled) */
    bool quiet;    /* done is not to be called (shutdown) */
    bool stopping; /* SIGTERM sent */
    struct loop_timer *kill_timer;
    struct spawn *next;
};

struct spawner {
    struct loop *loop;
    struct spawn *children;
    bool use_pidfd;
    unsigned grace_ms;
    bool shutting_down;
    void (*idle)(void *arg);
    void *idle_arg;
};

struct spawner *spawner_new(struct loop *loop)
{
    struct spawner *sp = xcalloc(1, sizeof *sp);
    sp->loop = loop;
    sp->use_pidfd = true;
    sp->grace_ms = SPAWN_GRACE_MS;
    return sp;
}

void spawner_set_pidfd(struct spawner *sp, bool use)
{
    sp->use_pidfd = use;
}

void spawner_set_grace(struct spawner *sp, unsigned ms)
{
    sp->grace_ms = ms;
}

pid_t spawn_pid(const struct spawn *s)
{
    return s->pid;
}

static bool busy(const struct spawn *s)
{
    return !s->exited || s->kill_timer;
}

size_t spawner_busy(const struct spawner *sp)
{
    size_t n = 0;
    for (const struct spawn *s = sp->children; s; s = s->next)
        n += busy(s);
    return n;
}

static void unlink_and_free(struct spawn *s)
{
    for (struct spawn **pp = &s->sp->children; *pp; pp = &(*pp)->next)
        if (*pp == s) {
            *pp = s->next;
            break;
        }
    free(s);
}

/* Frees the record once nobody needs it; then tells a shutdown when nothing is left. */
static void settle(struct spawn *s)
{
    struct spawner *sp = s->sp;
    if (s->released && !busy(s))
        unlink_and_free(s);
    if (sp->shutting_down && spawner_busy(sp) == 0) {
        void (*idle)(void *) = sp->idle;
        void *arg = sp->idle_arg;
        sp->shutting_down = false;
        sp->idle = NULL;
        if (idle)
            idle(arg);
    }
}

static void on_kill_timer(struct loop *loop, void *arg)
{
    (void)loop;
    struct spawn *s = arg;
    s->kill_timer = NULL;
    kill(-s->pid, SIGKILL);
    settle(s);
}

static void reaped(struct spawn *s, int status)
{
    struct spawner *sp = s->sp;
    s->exited = true;
    if (s->pidfd >= 0) {
        loop_del_fd(sp->loop, s->pidfd);
        close(s->pidfd);
        s->pidfd = -1;
    }
    /* A stopped child's group may outlive it (a script's background job that ignores SIGTERM):
     * its SIGKILL stays due, unless nothing of the group is left. */
    if (s->kill_timer && kill(-s->pid, 0) < 0) {
        loop_timer_cancel(sp->loop, s->kill_timer);
        s->kill_timer = NULL;
    }
    if (!s->released && !s->quiet) {
        s->released = true;
        s->done(s->arg, status);
    }
    settle(s);
}

static void on_pidfd(struct loop *loop, int fd, unsigned events, void *arg)
{
    (void)loop;
    (void)fd;
    (void)events;
    struct spawn *s = arg;
    int status = 0;
    pid_t r = waitpid(s->pid, &status, WNOHANG);
    if (r == 0)
        return;
    /* Not ours to wait for any more (someone reaped it): reported as a program that failed. */
    reaped(s, r < 0 ? 127 << 8 : status);
}

void spawner_sigchld(struct spawner *sp)
{
    bool again = true;
    while (again) {
        again = false;
        for (struct spawn *s = sp->children; s; s = s->next) {
            if (s->exited || s->pidfd >= 0)
                continue;
            int status = 0;
            if (waitpid(s->pid, &status, WNOHANG) == s->pid) {
                /* The callback may change the list: start over. */
                reaped(s, status);
                again = true;
                break;
            }
        }
    }
}

/* Moves fd to a number above 2 (so that setting 0, 1, 2 cannot overwrite it); -1 when it is not
 * open. Only async-signal-safe calls from here on: cwmpd may have a library's thread. */
static int high_fd(int fd)
{
    return fd < 0 ? -1 : fcntl(fd, F_DUPFD, 3);
}

static void close_from_3(void)
{
#ifdef SYS_close_range
    if (syscall(SYS_close_range, 3u, ~0u, 0u) == 0)
        return;
#endif
    struct rlimit rl;
    int max = getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY &&
                      rl.rlim_cur < (rlim_t)1 << 20
                  ? (int)rl.rlim_cur
                  : 1 << 20;
    for (int fd = 3; fd < max; fd++)
        close(fd);
}

static _Noreturn void child(const struct spawn_opts *o)
{
    setpgid(0, 0);
    struct sigaction dfl = {.sa_handler = SIG_DFL};
    sigemptyset(&dfl.sa_mask);
    /* Dispositions first, then the mask: a signal pending for the group acts as it should. */
    for (int sig = 1; sig < NSIG; sig++)
        sigaction(sig, &dfl, NULL); /* SIGKILL, SIGSTOP and libc's own refuse: as they are */
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    int given[3] = {o->fd_in, o->fd_out, o->fd_err}, fds[3];
    for (int i = 0; i < 3; i++) {
        int src = given[i] == SPAWN_FD_INHERIT ? i : given[i];
        fds[i] = high_fd(src);
        if (fds[i] < 0)
            fds[i] = high_fd(open("/dev/null", O_RDWR));
        if (fds[i] < 0)
            _exit(126);
    }
    for (int i = 0; i < 3; i++)
        if (dup2(fds[i], i) < 0)
            _exit(126);
    close_from_3();
    execv(o->argv[0], (char *const *)o->argv);
    _exit(127);
}

struct spawn *spawn_start(struct spawner *sp, const struct spawn_opts *o, spawn_done_fn done,
                          void *arg)
{
    if (sp->shutting_down) {
        errno = ECANCELED;
        return NULL;
    }
    /* Every signal blocked across the fork: until the child has reset their dispositions, a
     * signal (a stop as soon as it started) would run a handler of cwmpd's, or of a library's, in
     * the child. */
    sigset_t all, old;
    sigfillset(&all);
    sigprocmask(SIG_SETMASK, &all, &old);
    pid_t pid = fork();
    if (pid == 0)
        child(o);
    int e = errno;
    sigprocmask(SIG_SETMASK, &old, NULL);
    if (pid < 0) {
        errno = e;
        return NULL;
    }
    struct spawn *s = xcalloc(1, sizeof *s);
    /* The child does the same: whichever runs first, the group exists before anyone signals it.
     * Once the child has executed its program this fails (EACCES), as it may. */
    setpgid(pid, pid);
    s->sp = sp;
    s->pid = pid;
    s->done = done;
    s->arg = arg;
    s->pidfd = -1;
#ifdef SYS_pidfd_open
    if (sp->use_pidfd)
        s->pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
#endif
    /* A pidfd is close-on-exec from the start. */
    if (s->pidfd >= 0 && loop_add_fd(sp->loop, s->pidfd, LOOP_READ, on_pidfd, s) < 0) {
        close(s->pidfd);
        s->pidfd = -1; /* SIGCHLD reaps it */
    }
    s->next = sp->children;
    sp->children = s;
    /* Without a pidfd, a child that already ended may have sent its SIGCHLD before it was
     * listed: its owner's signalfd still has it queued, so spawner_sigchld will see it. */
    return s;
}

void spawn_stop(struct spawn *s)
{
    if (s->exited || s->stopping)
        return;
    s->stopping = true;
    kill(-s->pid, SIGTERM);
    /* A child stopped by SIGSTOP would not act on SIGTERM before the SIGKILL otherwise. */
    kill(-s->pid, SIGCONT);
    s->kill_timer = loop_timer_add(s->sp->loop, s->sp->grace_ms, on_kill_timer, s);
}

void spawn_cancel(struct spawn *s)
{
    if (!s)
        return;
    s->released = true;
    spawn_stop(s);
    settle(s);
}

void spawner_shutdown(struct spawner *sp, void (*idle)(void *arg), void *arg)
{
    sp->shutting_down = true;
    sp->idle = idle;
    sp->idle_arg = arg;
    for (struct spawn *s = sp->children; s; s = s->next) {
        s->quiet = true;
        spawn_stop(s);
    }
    if (spawner_busy(sp) == 0) {
        sp->shutting_down = false;
        sp->idle = NULL;
        if (idle)
            idle(arg);
    }
}

void spawner_free(struct spawner *sp)
{
    if (!sp)
        return;
    while (sp->children) {
        struct spawn *s = sp->children;
        sp->children = s->next;
        if (busy(s))
            kill(-s->pid, SIGKILL);
        if (s->pidfd >= 0) {
            loop_del_fd(sp->loop, s->pidfd);
            close(s->pidfd);
        }
        if (s->kill_timer)
            loop_timer_cancel(sp->loop, s->kill_timer);
        free(s);
    }
    free(sp);
}
