#include "pacer.h"

#include <microhttpd.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

struct parked {
    struct MHD_Connection *c;
    struct timespec due;
    struct parked *next;
};

/* The lock is held across MHD_suspend_connection in pacer_park, so that the thread can never
 * resume a connection before it is suspended (undefined in libmicrohttpd). Lock order: this lock,
 * then libmicrohttpd's own. */
struct pacer {
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    bool stopping;
    struct parked *list;
};

static bool before(const struct timespec *a, const struct timespec *b)
{
    return a->tv_sec < b->tv_sec || (a->tv_sec == b->tv_sec && a->tv_nsec < b->tv_nsec);
}

static void *pace(void *arg)
{
    struct pacer *p = arg;
    pthread_mutex_lock(&p->lock);
    while (!p->stopping) {
        if (p->list == NULL) {
            pthread_cond_wait(&p->wake, &p->lock);
            continue;
        }
        struct parked **first = &p->list;
        for (struct parked **q = &p->list; *q != NULL; q = &(*q)->next) {
            if (before(&(*q)->due, &(*first)->due))
                first = q;
        }
        struct timespec now;
        clock_gettime(CLOCK_MONOTONIC, &now);
        if (before(&now, &(*first)->due)) {
            struct timespec due = (*first)->due;
            pthread_cond_timedwait(&p->wake, &p->lock, &due);
            continue;
        }
        struct parked *done = *first;
        *first = done->next;
        MHD_resume_connection(done->c);
        free(done);
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

struct pacer *pacer_new(void)
{
    struct pacer *p = xcalloc(1, sizeof(*p));
    pthread_mutex_init(&p->lock, NULL);
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&p->wake, &attr);
    pthread_condattr_destroy(&attr);
    int rc = pthread_create(&p->thread, NULL, pace, p);
    if (rc != 0) {
        fprintf(stderr, "testacs: cannot start the pacing thread: %s\n", strerror(rc));
        pthread_cond_destroy(&p->wake);
        pthread_mutex_destroy(&p->lock);
        free(p);
        return NULL;
    }
    return p;
}

bool pacer_park(struct pacer *p, struct MHD_Connection *c, const struct timespec *due)
{
    pthread_mutex_lock(&p->lock);
    if (p->stopping) {
        pthread_mutex_unlock(&p->lock);
        return false;
    }
    struct parked *e = xcalloc(1, sizeof(*e));
    e->c = c;
    e->due = *due;
    e->next = p->list;
    p->list = e;
    MHD_suspend_connection(c);
    pthread_cond_signal(&p->wake);
    pthread_mutex_unlock(&p->lock);
    return true;
}

void pacer_stop(struct pacer *p)
{
    pthread_mutex_lock(&p->lock);
    p->stopping = true;
    while (p->list != NULL) {
        struct parked *e = p->list;
        p->list = e->next;
        MHD_resume_connection(e->c);
        free(e);
    }
    pthread_cond_signal(&p->wake);
    pthread_mutex_unlock(&p->lock);
}

void pacer_free(struct pacer *p)
{
    if (p == NULL)
        return;
    pacer_stop(p);
    pthread_join(p->thread, NULL);
    pthread_cond_destroy(&p->wake);
    pthread_mutex_destroy(&p->lock);
    free(p);
}
