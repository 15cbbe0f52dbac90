/* The services of the context that every room may use. */
#include "context.h"

#include <sys/stat.h>
#include <unistd.h>

#include "log.h"

char *agent_hook_path(const struct agent *a, const char *name)
{
    if (!a->hooks_dir)
        return NULL;
    struct strbuf p = STRBUF_INIT;
    sb_printf(&p, "%s/%s", a->hooks_dir, name);
    struct stat st;
    if (stat(sb_str(&p), &st) < 0 || !S_ISREG(st.st_mode) || access(sb_str(&p), X_OK) < 0) {
        sb_free(&p);
        return NULL;
    }
    return sb_detach(&p);
}

int agent_save_cwmp_state(struct agent *a)
{
    struct strbuf err = STRBUF_INIT;
    int rc = cwmp_state_save(&a->cwmp, a->cwmp_state_path, &err);
    if (rc < 0)
        agent_log(a, LOG_ERR, "%%CWMP-3-STATE: %s", sb_str(&err));
    else
        a->cwmp_dirty = false;
    sb_free(&err);
    return rc;
}
