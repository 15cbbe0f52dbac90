/* Placeholder until the transfer engine lands: transfer.h's interface with no transfer behind it,
 * so that the shell's file commands (copy URL flash:, copy running-config URL) can be written,
 * built and tested against the header. Every copy is accepted and then fails, asynchronously as a
 * real transfer would (from a loop timer), with fault 9010 "not implemented". The real engine
 * replaces this file whole. */
#include "transfer.h"

#include <stdlib.h>

#include "agent.h"
#include "loop.h"
#include "xalloc.h"

struct stub_copy {
    struct transfer_engine *t;
    unsigned id;
    transfer_done_fn done;
    void *arg;
    struct loop_timer *timer;
    struct stub_copy *next;
};

struct transfer_engine {
    struct agent *agent;
    unsigned next_id;
    struct stub_copy *copies;
};

struct transfer_engine *transfer_engine_new(struct agent *a)
{
    struct transfer_engine *t = xcalloc(1, sizeof *t);
    t->agent = a;
    return t;
}

static void unlink_copy(struct transfer_engine *t, struct stub_copy *c)
{
    for (struct stub_copy **pp = &t->copies; *pp; pp = &(*pp)->next)
        if (*pp == c) {
            *pp = c->next;
            break;
        }
}

void transfer_engine_free(struct transfer_engine *t)
{
    if (!t)
        return;
    while (t->copies) {
        struct stub_copy *c = t->copies;
        t->copies = c->next;
        loop_timer_cancel(t->agent->loop, c->timer);
        free(c);
    }
    free(t);
}

void transfer_engine_kick(struct transfer_engine *t)
{
    (void)t;
}

static void fail_copy(struct loop *loop, void *arg)
{
    (void)loop;
    struct stub_copy *c = arg;
    unlink_copy(c->t, c);
    c->done(c->arg, 9010, "not implemented", 0, 0.0);
    free(c);
}

static unsigned queue_copy(struct transfer_engine *t, transfer_done_fn done, void *arg)
{
    struct stub_copy *c = xcalloc(1, sizeof *c);
    c->t = t;
    c->id = ++t->next_id;
    c->done = done;
    c->arg = arg;
    c->timer = loop_timer_add(t->agent->loop, 10, fail_copy, c);
    c->next = t->copies;
    t->copies = c;
    return c->id;
}

unsigned transfer_copy_download(struct transfer_engine *t, const char *url, const char *name,
                                transfer_done_fn done, void *arg, struct strbuf *err)
{
    (void)url;
    (void)name;
    (void)err;
    return queue_copy(t, done, arg);
}

unsigned transfer_copy_upload(struct transfer_engine *t, bool startup, const char *url,
                              transfer_done_fn done, void *arg, struct strbuf *err)
{
    (void)startup;
    (void)url;
    (void)err;
    return queue_copy(t, done, arg);
}

void transfer_detach(struct transfer_engine *t, unsigned id)
{
    for (struct stub_copy *c = t->copies; c; c = c->next)
        if (c->id == id) {
            unlink_copy(t, c);
            loop_timer_cancel(t->agent->loop, c->timer);
            free(c);
            return;
        }
}

const char *transfer_flash_dir(const struct transfer_engine *t)
{
    return t->agent->flash_dir;
}

void transfer_show(const struct transfer_engine *t, struct strbuf *out)
{
    (void)t;
    (void)out;
}
