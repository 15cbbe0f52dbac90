/* The logging buffer: logging buffered, show logging, clear logging. */
#include <stdlib.h>

#include "configuration.h"
#include "core.h"
#include "ctl_server.h"
#include "handlers.h"

static int logging_buffered(struct cmd_call *c)
{
    struct logging_settings *l = &call_store(c)->logging;
    if (c->negate) {
        /* Neither size nor level stays: running-config shows only "no logging buffered". */
        logging_settings_reset(l);
        l->buffered = false;
        return 0;
    }
    /* As on IOS, what is not given stays as it was. */
    l->buffered = true;
    const char *size = cmd_arg(c, "bytes");
    if (size)
        l->buffer_size = strtoul(size, NULL, 10);
    if (cmd_has(c, "level"))
        l->buffer_level = (int)arg_long(c, "level");
    for (int level = 0; level <= 7; level++)
        if (cmd_has(c, log_level_name(level)))
            l->buffer_level = level;
    return 0;
}

static void destination(struct strbuf *out, const char *name, bool on, unsigned long count)
{
    if (!on) {
        sb_printf(out, "    %s logging: disabled\n", name);
        return;
    }
    sb_printf(out,
              "    %s logging: level debugging, %lu messages logged, xml disabled,\n"
              "                     filtering disabled\n",
              name, count);
}

/* IOS's layout. Every message goes to the console (standard error with --foreground), the
 * monitoring shells and syslog (without --foreground) at every level; only the buffer has one.
 * cwmpd never drops, rate-limits or flushes messages. */
static int show_logging(struct cmd_call *c)
{
    struct agent *a = call_agent(c);
    const struct logging_settings *l = &a->running->logging;
    log_buffer_sync(a);
    sb_puts(c->out, "Syslog logging: enabled (0 messages dropped, 0 messages rate-limited, 0 "
                    "flushes, 0 overruns, xml disabled, filtering disabled)\n\n");
    destination(c->out, "Console", a->foreground, a->log_messages);
    destination(c->out, "Monitor", true, a->log_messages);
    if (l->buffered)
        sb_printf(c->out,
                  "    Buffer logging:  level %s, %lu messages logged, xml disabled,\n"
                  "                     filtering disabled\n",
                  log_level_name(l->buffer_level), a->logbuf.added);
    else
        sb_puts(c->out, "    Buffer logging:  disabled\n");
    if (a->foreground) {
        sb_puts(c->out, "    Trap logging: disabled\n");
    } else {
        sb_printf(c->out, "    Trap logging: level debugging, %lu message lines logged\n",
                  a->log_messages);
        sb_puts(c->out, "        Logging to the local syslog (facility daemon)\n");
    }
    if (l->buffered) {
        sb_printf(c->out, "\nLog Buffer (%lu bytes):\n\n", l->buffer_size);
        log_buffer_text(a, c->out);
    }
    return 0;
}

static int clear_confirmed(struct shell *sh, const char *text, bool cancelled, struct strbuf *out)
{
    (void)out;
    if (cancelled)
        return -1;
    if (answer_confirms(text))
        log_buffer_clear(sh->as.agent);
    return 0;
}

static int clear_logging(struct cmd_call *c)
{
    struct agent_session *s = call_session(c);
    if (s->shell && s->shell->interactive) {
        shell_ask(s->shell, "Clear logging buffer [confirm]", true, clear_confirmed);
        return 0;
    }
    log_buffer_clear(s->agent);
    return 0;
}

static const struct cmd_binding table[] = {
    {"logging_buffered", logging_buffered,
     "bytes level alerts critical debugging emergencies errors informational notifications "
     "warnings"},
    {"show_logging", show_logging, ""},
    {"clear_logging", clear_logging, ""},
};
HANDLER_TABLE(logging_handlers, table);
