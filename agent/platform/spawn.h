/* Every external program cwmpd runs (the hooks: reboot, install-firmware, nat-apply) starts here,
 * so that each starts clean and none can hold the loop:
 * - the child has an empty signal mask and every signal at its default action (cwmpd blocks
 *   SIGTERM, SIGINT, SIGHUP and SIGCHLD for its signalfd and ignores SIGPIPE: a hook must not
 *   inherit that, or it could not be stopped), only the descriptors it is given (as 0, 1, 2), and
 *   a process group of its own (its pid), which is what a stop signals: a shell script's own
 *   children go with it;
 * - its end is seen on the loop (a pidfd where the kernel has pidfd_open, else the owner's
 *   SIGCHLD through spawner_sigchld) and reported to a callback with its wait status;
 * - a stop is SIGTERM to the group, then SIGKILL after a grace period (a timer), never a wait. */
#ifndef CWMP_SPAWN_H
#define CWMP_SPAWN_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

struct loop;
struct spawner;
struct spawn;

/* Between SIGTERM and SIGKILL: room for a hook to clean up, and short enough that cwmpd, stopped
 * by its service manager, leaves within 3 s. */
#define SPAWN_GRACE_MS 1000

/* What a standard descriptor of the child is, besides a descriptor of cwmpd's (>= 0). */
#define SPAWN_FD_NULL    (-1) /* /dev/null */
#define SPAWN_FD_INHERIT (-2) /* cwmpd's own 0, 1 or 2 (its log in the foreground) */

struct spawn_opts {
    const char *const *argv; /* argv[0] is the program's path; NULL-terminated */
    int fd_in, fd_out, fd_err;
};

/* The child ended: status is its wait status (sys/wait.h; 127 exited: it could not be executed).
 * The spawn's handle is gone when this is called. */
typedef void (*spawn_done_fn)(void *arg, int status);

struct spawner *spawner_new(struct loop *loop);
/* SIGKILL to the groups of the children left (the loop no longer runs: nothing is waited for). */
void spawner_free(struct spawner *sp);

/* Starts a child; NULL (errno set) when it could not be created. done is called once, from the
 * loop, unless the spawn is cancelled or the spawner shut down first. */
struct spawn *spawn_start(struct spawner *sp, const struct spawn_opts *o, spawn_done_fn done,
                          void *arg);
pid_t spawn_pid(const struct spawn *s);
/* SIGTERM to its group now, SIGKILL after the grace period; done still reports the end. */
void spawn_stop(struct spawn *s);
/* The owner is done with it: it is stopped as spawn_stop does (if it still runs) and reaped in the
 * background, and done is not called. The handle is gone. */
void spawn_cancel(struct spawn *s);

/* cwmpd stops: every child is stopped, their callbacks are not called (their owners' state on
 * disk says what the next start does, as after a power cut), no new child starts, and idle(arg)
 * runs once no child and no process of their groups is left (at once when there is none). A
 * handle stays valid for spawn_cancel until spawner_free. */
void spawner_shutdown(struct spawner *sp, void (*idle)(void *arg), void *arg);

/* The owner's SIGCHLD arrived: reaps the children that have no pidfd. */
void spawner_sigchld(struct spawner *sp);

/* Children whose end has not been seen, and groups waiting for their SIGKILL. */
size_t spawner_busy(const struct spawner *sp);

/* For tests: without pidfds (as on kernels older than 5.3), and another grace period. */
void spawner_set_pidfd(struct spawner *sp, bool use);
void spawner_set_grace(struct spawner *sp, unsigned ms);

#endif
