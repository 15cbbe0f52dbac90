/* The agent's single event loop: file descriptors (epoll) and timers. Everything cwmpd does runs
 * in callbacks from here, one at a time, so no state needs locking. */
#ifndef CWMP_LOOP_H
#define CWMP_LOOP_H

#include <stdint.h>

struct loop;
struct loop_timer;

#define LOOP_READ  0x1u
#define LOOP_WRITE 0x2u

typedef void (*loop_fd_cb)(struct loop *loop, int fd, unsigned events, void *arg);
typedef void (*loop_timer_cb)(struct loop *loop, void *arg);

struct loop *loop_new(void);
void loop_free(struct loop *loop);

int loop_add_fd(struct loop *loop, int fd, unsigned events, loop_fd_cb cb, void *arg);
int loop_mod_fd(struct loop *loop, int fd, unsigned events);
void loop_del_fd(struct loop *loop, int fd);

/* A one-shot timer, due after ms milliseconds. The returned handle stays valid until the timer
 * fires or is cancelled. */
struct loop_timer *loop_timer_add(struct loop *loop, uint64_t ms, loop_timer_cb cb, void *arg);
void loop_timer_cancel(struct loop *loop, struct loop_timer *t);

/* How long the loop sleeps now at most, as epoll_wait takes it: -1 (no timer) or milliseconds. */
int loop_timeout_ms(const struct loop *loop);

/* Runs until loop_stop; returns 0, or -1 when epoll fails. */
int loop_run(struct loop *loop);
/* How many callbacks (descriptors and timers) the loop has run: a part of the program that
 * counts its own can tell whether anything else ran since it last looked. */
uint64_t loop_dispatches(const struct loop *loop);
void loop_stop(struct loop *loop);

/* Milliseconds of a monotonic clock. */
uint64_t loop_now_ms(void);

#endif
