/* Handlers that only move a session between modes: the engine provides them itself. */
#include "grammar_int.h"

/* `exit`: one level up; at EXEC level it ends the session. */
static int mode_exit(struct cmd_call *c)
{
    struct cli_session *s = c->session;
    if (s->depth > 1)
        s->depth--;
    else
        s->closing = true;
    return 0;
}

/* `logout` ends the session from EXEC. */
static int session_logout(struct cmd_call *c)
{
    c->session->closing = true;
    return 0;
}

/* `end` (and Ctrl-Z): back to privileged EXEC from any configuration mode. */
static int mode_end(struct cmd_call *c)
{
    cli_session_to_exec(c->session);
    return 0;
}

/* `disable`: from privileged to user EXEC. */
static int exec_disable(struct cmd_call *c)
{
    c->session->privilege = PRIV_USER;
    return 0;
}

const struct cmd_binding grammar_builtin_handlers[] = {
    {"mode_exit", mode_exit, ""},
    {"mode_end", mode_end, ""},
    {"session_logout", session_logout, ""},
    {"exec_disable", exec_disable, ""},
};
const size_t grammar_builtin_handler_count =
    sizeof grammar_builtin_handlers / sizeof grammar_builtin_handlers[0];
