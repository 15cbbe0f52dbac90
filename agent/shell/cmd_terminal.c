/* The operator's own session: terminal settings, history, the users attached. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl_server.h"
#include "handlers.h"
#include "loop.h"

static int terminal_length(struct cmd_call *c)
{
    struct shell *sh = call_session(c)->shell;
    if (sh)
        sh->term_length = (int)arg_long(c, "lines");
    return 0;
}

static int terminal_monitor(struct cmd_call *c)
{
    struct shell *sh = call_session(c)->shell;
    if (!sh)
        return 0;
    if (sh->console) {
        sb_puts(c->out, "% Console already monitors\n");
        return 0;
    }
    sh->monitor = true;
    return 0;
}

static int terminal_no_monitor(struct cmd_call *c)
{
    struct shell *sh = call_session(c)->shell;
    if (sh && !sh->console)
        sh->monitor = false;
    return 0;
}

static int show_history(struct cmd_call *c)
{
    struct shell *sh = call_session(c)->shell;
    if (!sh)
        return 0;
    for (int i = 0; i < sh->nhistory; i++)
        sb_printf(c->out, "  %s\n", sh->history[i]);
    return 0;
}

/* IOS numbers the console line 0 and the vtys after it. */
static int line_number(const struct shell *sh)
{
    return sh->console ? 0 : sh->vty + 1;
}

static int by_line(const void *a, const void *b)
{
    return line_number(*(struct shell *const *)a) - line_number(*(struct shell *const *)b);
}

static int show_users(struct cmd_call *c)
{
    struct agent_session *self = call_session(c);
    struct shell *list[CTL_MAX_SHELLS];
    size_t n = 0;
    for (struct shell *sh = self->agent->ctl ? ctl_server_shells(self->agent->ctl) : NULL;
         sh && n < CTL_MAX_SHELLS; sh = sh->next)
        if (sh->hello_done)
            list[n++] = sh;
    qsort(list, n, sizeof list[0], by_line);
    sb_puts(c->out, "    Line       User       Host(s)              Idle       Location\n");
    uint64_t now = loop_now_ms();
    for (size_t i = 0; i < n; i++) {
        const struct shell *sh = list[i];
        uint64_t idle = (now - sh->last_active_ms) / 1000u;
        sb_printf(c->out, "%c%3d %-10s%-10.10s %-20s %02llu:%02llu:%02llu   %s\n",
                  &sh->as == self ? '*' : ' ', line_number(sh), sh->line_name, sh->user, "idle",
                  (unsigned long long)(idle / 3600), (unsigned long long)(idle / 60 % 60),
                  (unsigned long long)(idle % 60), sh->location);
    }
    return 0;
}

static const struct cmd_binding table[] = {
    {"terminal_length", terminal_length, "lines"},
    {"terminal_monitor", terminal_monitor, ""},
    {"terminal_no_monitor", terminal_no_monitor, ""},
    {"show_history", show_history, ""},
    {"show_users", show_users, ""},
};
HANDLER_TABLE(terminal_handlers, table);
