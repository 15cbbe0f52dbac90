/* The configuration archive (config_archive.h). */
#include "config_archive.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config_render.h"
#include "config_store.h"
#include "core.h"
#include "fileio.h"
#include "loop.h"
#include "persist.h"
#include "xalloc.h"

struct config_archive {
    char *path;                      /* the path the list is of: another starts a new list */
    char *names[ARCHIVE_COPIES_MAX]; /* the copies, oldest first ("flash:config-3") */
    size_t n;
    unsigned next;            /* the number of the next copy */
    struct loop_timer *timer; /* the time-period's */
    uint64_t period_ms;       /* what the timer is armed for */
};

static struct config_archive *archive_of(struct agent *a)
{
    if (!a->archive) {
        a->archive = xcalloc(1, sizeof *a->archive);
        a->archive->next = 1;
    }
    return a->archive;
}

static void forget(struct config_archive *ar)
{
    for (size_t i = 0; i < ar->n; i++)
        free(ar->names[i]);
    ar->n = 0;
    ar->next = 1;
}

/* The list is of the path configured now: a new path starts from 1, as IOS does. */
static struct config_archive *current(struct agent *a, const char *path)
{
    struct config_archive *ar = archive_of(a);
    if (!ar->path || strcmp(ar->path, path) != 0) {
        forget(ar);
        free(ar->path);
        ar->path = xstrdup(path);
    }
    return ar;
}

static int maximum(const struct config_store *cs)
{
    return cs->archive.maximum ? cs->archive.maximum : ARCHIVE_DEFAULT_MAXIMUM;
}

/* The file of flash: that a name of the archive is, its full path in path; false when the name
 * is not on flash: or not a valid file name there. */
static bool flash_path(const struct agent *a, const char *name, struct strbuf *path)
{
    const char *file = flash_file_part(name);
    if (!file || !flash_name_valid(file))
        return false;
    sb_printf(path, "%s/%s", a->flash_dir, file);
    return true;
}

static void drop_oldest(struct agent *a, struct config_archive *ar)
{
    struct strbuf path = STRBUF_INIT;
    if (flash_path(a, ar->names[0], &path) && unlink(sb_str(&path)) < 0 && errno != ENOENT)
        agent_log(a, LOG_WARNING, "%%ARCHIVE-4-DELETE: cannot delete %s: %s", ar->names[0],
                  strerror(errno));
    sb_free(&path);
    free(ar->names[0]);
    memmove(&ar->names[0], &ar->names[1], (ar->n - 1) * sizeof ar->names[0]);
    ar->n--;
}

int config_archive_save(struct agent *a, struct strbuf *err)
{
    const struct config_store *cs = a->running;
    if (!cs->archive.path) {
        sb_puts(err, "% No archive path specified\n");
        return -1;
    }
    struct config_archive *ar = current(a, cs->archive.path);
    struct strbuf name = STRBUF_INIT, path = STRBUF_INIT, text = STRBUF_INIT;
    sb_printf(&name, "%s-%u", cs->archive.path, ar->next);
    int rc = -1;
    if (!flash_file_part(sb_str(&name))) {
        /* The transfers of `copy` wait on the network; an archive is written on the spot. */
        sb_printf(err, "%%Error opening %s (Only flash: can hold the archive)\n", sb_str(&name));
    } else if (!flash_path(a, sb_str(&name), &path)) {
        sb_printf(err, "%%Error opening %s (Invalid file name)\n", sb_str(&name));
    } else {
        config_render(cs, &text);
        int w = file_write_atomic(sb_str(&path), text.buf, text.len, 0640);
        if (w < 0)
            sb_printf(err, "%%Error opening %s (%s)\n", sb_str(&name), strerror(-w));
        else
            rc = 0;
    }
    if (rc == 0) {
        if (ar->n == ARCHIVE_COPIES_MAX)
            drop_oldest(a, ar);
        ar->names[ar->n++] = sb_detach(&name);
        ar->next++;
        /* The oldest go once the new one is safe; `maximum` may have been lowered since. */
        while (ar->n > (size_t)maximum(cs))
            drop_oldest(a, ar);
    }
    sb_free(&name);
    sb_free(&path);
    sb_free(&text);
    return rc;
}

void config_archive_show(struct agent *a, struct strbuf *out)
{
    const struct config_store *cs = a->running;
    if (!cs->archive.path) {
        sb_puts(out, " Archive feature not enabled\n");
        return;
    }
    struct config_archive *ar = current(a, cs->archive.path);
    size_t rows = (size_t)maximum(cs) > ar->n ? (size_t)maximum(cs) : ar->n;
    sb_printf(out, "The maximum archive configurations allowed is %d.\n", maximum(cs));
    sb_printf(out, "There are currently %zu archive configurations saved.\n", ar->n);
    sb_printf(out, "The next archive file will be named %s-%u\n", cs->archive.path, ar->next);
    sb_puts(out, " Archive #  Name\n");
    for (size_t i = 0; i < rows; i++) {
        if (i < ar->n)
            sb_printf(out, "   %-9zu%s%s\n", i + 1, ar->names[i],
                      i + 1 == ar->n ? " <- Most Recent" : "");
        else
            sb_printf(out, "   %zu\n", i + 1);
    }
}

static void on_period(struct loop *loop, void *arg)
{
    (void)loop;
    struct agent *a = arg;
    a->archive->timer = NULL;
    config_archive_periodic(a);
}

static void arm(struct agent *a, struct config_archive *ar, uint64_t ms)
{
    if (ar->timer)
        loop_timer_cancel(a->loop, ar->timer);
    ar->timer = NULL;
    ar->period_ms = ms;
    if (ms && a->loop)
        ar->timer = loop_timer_add(a->loop, ms, on_period, a);
}

void config_archive_periodic(struct agent *a)
{
    /* IOS archives at every period, whether the configuration changed or not. */
    struct strbuf err = STRBUF_INIT;
    if (config_archive_save(a, &err) < 0) {
        sb_truncate(&err, strcspn(sb_str(&err), "\n"));
        agent_log(a, LOG_WARNING, "%%ARCHIVE-4-PERIODIC: the periodic archive failed: %s",
                  sb_str(&err));
    }
    sb_free(&err);
    struct config_archive *ar = archive_of(a);
    arm(a, ar, ar->period_ms);
}

void config_archive_schedule(struct agent *a)
{
    uint64_t ms = (uint64_t)a->running->archive.time_period * 60000u;
    struct config_archive *ar = archive_of(a);
    if (ms != ar->period_ms)
        arm(a, ar, ms);
}

uint64_t config_archive_period_ms(const struct agent *a)
{
    return a->archive ? a->archive->period_ms : 0;
}

void config_archive_free(struct agent *a)
{
    struct config_archive *ar = a->archive;
    if (!ar)
        return;
    if (ar->timer && a->loop)
        loop_timer_cancel(a->loop, ar->timer);
    forget(ar);
    free(ar->path);
    free(ar);
    a->archive = NULL;
}
