#include <stdio.h>

#include "agent.h"
#include "unit.h"

void unit_agent_start(struct agent *a, char dir[64])
{
    snprintf(dir, 64, "/tmp/cwmpd-unit.XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    struct agent_options o = {.state_dir = dir, .foreground = true};
    struct strbuf err = STRBUF_INIT;
    ck_assert_msg(agent_init_core(a, &o, &err) == 0, "%s", sb_str(&err));
    sb_free(&err);
}

void unit_agent_stop(struct agent *a, const char *dir)
{
    agent_fini(a);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    ck_assert_int_eq(system(cmd), 0);
}

int unit_config_line(struct agent *a, const char *line, struct strbuf *out)
{
    struct agent_session s;
    agent_session_init(&s, a, "test", "vty 0");
    sb_reset(out);
    ck_assert_int_eq(agent_exec_line(a, &s, "configure terminal", out), CMD_OK);
    sb_reset(out);
    return (int)agent_exec_line(a, &s, line, out);
}
