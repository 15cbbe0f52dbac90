/* reload: IOS's questions on a terminal, then cwmpd executes itself again (agent_reload). */
#include <stdlib.h>
#include <string.h>

#include "configuration.h"
#include "core.h"
#include "ctl_server.h"
#include "fileio.h"
#include "handlers.h"
#include "loop.h"

#define SAVE_QUESTION    "System configuration has been modified. Save? [yes/no]: "
#define PROCEED_QUESTION "Proceed with reload? [confirm]"

/* IOS asks to save when running-config is not what startup-config holds. */
static bool config_modified(struct agent *a)
{
    struct strbuf running = STRBUF_INIT;
    config_render(a->running, &running);
    char *saved;
    size_t len;
    bool modified = true;
    if (file_read_all(a->startup_path, STARTUP_CONFIG_MAX, &saved, &len) == 0) {
        modified = len != running.len || memcmp(saved, running.buf, len) != 0;
        free(saved);
    }
    sb_free(&running);
    return modified;
}

static void reload_now(struct loop *loop, void *arg)
{
    (void)loop;
    struct agent *a = arg;
    agent_reload_by(a, a->reload_by);
}

/* The reply goes first, ending the session as a vty's connection drops on IOS: the reload runs
 * from the loop once this command has answered. Who asked is kept in the agent rather than with
 * the timer, which a loop that stops first would free without its argument. */
static void schedule(struct agent_session *s)
{
    struct strbuf by = STRBUF_INIT;
    sb_printf(&by, "%s on %s", s->user, s->line);
    free(s->agent->reload_by);
    s->agent->reload_by = sb_detach(&by);
    s->cli.closing = true;
    loop_timer_add(s->agent->loop, 0, reload_now, s->agent);
}

static int proceed_answered(struct shell *sh, const char *text, bool cancelled, struct strbuf *out)
{
    (void)out;
    if (cancelled)
        return -1;
    if (answer_confirms(text))
        schedule(&sh->as);
    return 0;
}

static int save_answered(struct shell *sh, const char *text, bool cancelled, struct strbuf *out)
{
    if (cancelled)
        return -1;
    bool yes;
    if (!answer_yes_no(text, &yes)) {
        sb_puts(out, "% Please answer 'yes' or 'no'.\n");
        shell_ask(sh, SAVE_QUESTION, true, save_answered);
        return 0;
    }
    /* A configuration that was to be saved and could not be is not thrown away by a reload. */
    if (yes && config_write_startup(sh->as.agent, out) < 0)
        return -1;
    shell_ask(sh, PROCEED_QUESTION, true, proceed_answered);
    return 0;
}

/* Without a terminal nobody can answer: the reload goes ahead at once, unsaved changes lost, as
 * a script that asks for a reload means it. */
static int reload(struct cmd_call *c)
{
    struct agent_session *s = call_session(c);
    if (!s->shell || !s->shell->interactive) {
        schedule(s);
        return 0;
    }
    if (config_modified(s->agent)) {
        sb_putc(c->out, '\n');
        shell_ask(s->shell, SAVE_QUESTION, true, save_answered);
    } else {
        shell_ask(s->shell, PROCEED_QUESTION, true, proceed_answered);
    }
    return 0;
}

static const struct cmd_binding table[] = {
    {"reload", reload, ""},
};
HANDLER_TABLE(reload_handlers, table);
