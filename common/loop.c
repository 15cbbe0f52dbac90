#include "loop.h"

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <time.h>
#include <unistd.h>

#include "xalloc.h"

struct watcher {
    int fd;
    loop_fd_cb cb;
    void *arg;
    bool dead; /* removed while events for it may still be pending in this round */
    struct watcher *next;
};

struct loop_timer {
    uint64_t due;
    loop_timer_cb cb;
    void *arg;
    struct loop_timer *next;
};

struct loop {
    int epfd;
    bool stop;
    struct watcher *watchers;
    struct loop_timer *timers; /* sorted by due time */
    uint64_t dispatches;       /* callbacks run */
};

uint64_t loop_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

struct loop *loop_new(void)
{
    struct loop *l = xcalloc(1, sizeof *l);
    l->epfd = epoll_create1(EPOLL_CLOEXEC);
    if (l->epfd < 0) {
        free(l);
        return NULL;
    }
    return l;
}

static void reap_watchers(struct loop *l)
{
    struct watcher **pp = &l->watchers;
    while (*pp) {
        struct watcher *w = *pp;
        if (w->dead) {
            *pp = w->next;
            free(w);
        } else {
            pp = &w->next;
        }
    }
}

void loop_free(struct loop *l)
{
    if (!l)
        return;
    for (struct watcher *w = l->watchers; w; w = w->next)
        w->dead = true;
    reap_watchers(l);
    while (l->timers) {
        struct loop_timer *t = l->timers;
        l->timers = t->next;
        free(t);
    }
    close(l->epfd);
    free(l);
}

static uint32_t to_epoll(unsigned events)
{
    return (events & LOOP_READ ? EPOLLIN : 0u) | (events & LOOP_WRITE ? EPOLLOUT : 0u);
}

static struct watcher *find(struct loop *l, int fd)
{
    for (struct watcher *w = l->watchers; w; w = w->next)
        if (w->fd == fd && !w->dead)
            return w;
    return NULL;
}

int loop_add_fd(struct loop *l, int fd, unsigned events, loop_fd_cb cb, void *arg)
{
    struct watcher *w = xcalloc(1, sizeof *w);
    w->fd = fd;
    w->cb = cb;
    w->arg = arg;
    struct epoll_event ev = {.events = to_epoll(events), .data.ptr = w};
    if (epoll_ctl(l->epfd, EPOLL_CTL_ADD, fd, &ev) < 0) {
        free(w);
        return -1;
    }
    w->next = l->watchers;
    l->watchers = w;
    return 0;
}

int loop_mod_fd(struct loop *l, int fd, unsigned events)
{
    struct watcher *w = find(l, fd);
    if (!w)
        return -1;
    struct epoll_event ev = {.events = to_epoll(events), .data.ptr = w};
    return epoll_ctl(l->epfd, EPOLL_CTL_MOD, fd, &ev);
}

void loop_del_fd(struct loop *l, int fd)
{
    struct watcher *w = find(l, fd);
    if (!w)
        return;
    epoll_ctl(l->epfd, EPOLL_CTL_DEL, fd, NULL);
    w->dead = true;
}

struct loop_timer *loop_timer_add(struct loop *l, uint64_t ms, loop_timer_cb cb, void *arg)
{
    struct loop_timer *t = xcalloc(1, sizeof *t);
    t->due = loop_now_ms() + ms;
    t->cb = cb;
    t->arg = arg;
    struct loop_timer **pp = &l->timers;
    while (*pp && (*pp)->due <= t->due)
        pp = &(*pp)->next;
    t->next = *pp;
    *pp = t;
    return t;
}

void loop_timer_cancel(struct loop *l, struct loop_timer *t)
{
    for (struct loop_timer **pp = &l->timers; *pp; pp = &(*pp)->next)
        if (*pp == t) {
            *pp = t->next;
            free(t);
            return;
        }
}

void loop_stop(struct loop *l)
{
    l->stop = true;
}

static void run_due_timers(struct loop *l)
{
    uint64_t now = loop_now_ms();
    while (l->timers && l->timers->due <= now && !l->stop) {
        struct loop_timer *t = l->timers;
        l->timers = t->next;
        loop_timer_cb cb = t->cb;
        void *arg = t->arg;
        free(t);
        l->dispatches++;
        cb(l, arg);
    }
}

uint64_t loop_dispatches(const struct loop *l)
{
    return l->dispatches;
}

int loop_timeout_ms(const struct loop *l)
{
    if (!l->timers)
        return -1;
    uint64_t now = loop_now_ms();
    if (l->timers->due <= now)
        return 0;
    /* Further than an int reaches (24.8 days): the loop wakes once on the way, and sleeps again. */
    uint64_t ms = l->timers->due - now;
    return ms > INT_MAX ? INT_MAX : (int)ms;
}

int loop_run(struct loop *l)
{
    l->stop = false;
    while (!l->stop) {
        int timeout = loop_timeout_ms(l);
        struct epoll_event evs[32];
        int n = epoll_wait(l->epfd, evs, 32, timeout);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        for (int i = 0; i < n && !l->stop; i++) {
            struct watcher *w = evs[i].data.ptr;
            if (w->dead)
                continue;
            unsigned events = 0;
            if (evs[i].events & (EPOLLIN | EPOLLHUP | EPOLLERR))
                events |= LOOP_READ;
            if (evs[i].events & EPOLLOUT)
                events |= LOOP_WRITE;
            l->dispatches++;
            w->cb(l, w->fd, events, w->arg);
        }
        reap_watchers(l);
        run_due_timers(l);
    }
    return 0;
}
