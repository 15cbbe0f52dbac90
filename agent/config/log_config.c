#include "log_config.h"

#include "config_store.h"
#include "core.h"

/* The buffer follows the running configuration whichever way that changed (a command, a
 * SetConfiguration block, the startup-config, a rollback), so it is brought in line where it is
 * used rather than by each of those. Before the configuration exists, and after it is gone,
 * nothing is buffered. */
void log_buffer_sync(struct agent *a)
{
    if (!a->running)
        return;
    const struct logging_settings *l = &a->running->logging;
    size_t want = l->buffered ? (size_t)l->buffer_size : 0;
    if (a->logbuf.size != want)
        log_ring_resize(&a->logbuf, want);
}

void log_buffer_text(struct agent *a, struct strbuf *out)
{
    log_buffer_sync(a);
    log_ring_text(&a->logbuf, out);
}

void log_buffer_clear(struct agent *a)
{
    log_ring_clear(&a->logbuf);
}

static void buffer_sink(void *ctx, int priority, const char *line, size_t len)
{
    struct agent *a = ctx;
    if (a->running && LOG_PRI(priority) <= a->running->logging.buffer_level) {
        log_buffer_sync(a);
        /* The buffer keeps messages without their newline. */
        log_ring_add(&a->logbuf, line, len - 1);
    }
}

void log_buffer_attach(struct agent *a)
{
    log_sink_add(a, buffer_sink, a);
}

void log_buffer_detach(struct agent *a)
{
    log_sink_remove(a, buffer_sink, a);
}
