/* running-config and startup-config: showing, saving, merging. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "configuration.h"
#include "core.h"
#include "ctl_server.h"
#include "fileio.h"
#include "handlers.h"

/* IOS's heading, then running-config as render writes it (with or without the default lines). */
static int show_config(struct cmd_call *c,
                       void (*render)(const struct config_store *, struct strbuf *))
{
    struct strbuf text = STRBUF_INIT;
    render(call_store(c), &text);
    sb_printf(c->out, "Building configuration...\n\nCurrent configuration : %zu bytes\n", text.len);
    sb_append(c->out, text.buf, text.len);
    sb_free(&text);
    return 0;
}

static int show_running_config(struct cmd_call *c)
{
    return show_config(c, config_render);
}

static int show_running_config_all(struct cmd_call *c)
{
    return show_config(c, config_render_all);
}

static int show_startup_config(struct cmd_call *c)
{
    struct agent *a = call_agent(c);
    char *text;
    size_t len;
    int rc = file_read_all(a->startup_path, STARTUP_CONFIG_MAX, &text, &len);
    if (rc == -ENOENT) {
        sb_puts(c->out, "startup-config is not present\n");
        return 0;
    }
    if (rc < 0)
        return cmd_fail(c, "Error reading startup-config (%s)", strerror(-rc));
    sb_printf(c->out, "Using %zu out of %u bytes\n", len, STARTUP_CONFIG_MAX);
    sb_append(c->out, text, len);
    free(text);
    return 0;
}

int config_write_startup(struct agent *a, struct strbuf *out)
{
    sb_puts(out, "Building configuration...\n");
    struct strbuf err = STRBUF_INIT;
    int rc = agent_save_startup(a, &err);
    if (rc < 0)
        sb_printf(out, "%% Error writing startup-config (%s)\n", sb_str(&err));
    else
        sb_puts(out, "[OK]\n");
    /* archive write-memory: a copy in the archive with each save; its failure is told, and the
     * save stands. */
    if (rc == 0 && a->running->archive.write_memory)
        config_archive_save(a, out);
    sb_free(&err);
    return rc < 0 ? -1 : 0;
}

static int write_memory(struct cmd_call *c)
{
    return config_write_startup(call_agent(c), c->out);
}

#define ERASE_QUESTION                                                                             \
    "Erasing the nvram filesystem will remove all configuration files! Continue? [confirm]"

/* write erase: the startup-config removed, the removal synced (a crash leaves the file whole or
 * gone); a file that is not there is erased already. The running configuration and the CWMP
 * state stay. */
static int erase_startup(struct agent *a, struct strbuf *out)
{
    int rc = unlink(a->startup_path) < 0 && errno != ENOENT ? -errno : 0;
    if (rc == 0)
        rc = file_sync_parent(a->startup_path);
    if (rc < 0) {
        sb_printf(out, "%%Error erasing nvram: (%s)\n", strerror(-rc));
        return -1;
    }
    sb_puts(out, "[OK]\nErase of nvram: complete\n");
    agent_log(a, LOG_DEBUG, "%%SYS-7-NV_BLOCK_INIT: Initialized the geometry of nvram");
    return 0;
}

static int erase_answered(struct shell *sh, const char *text, bool cancelled, struct strbuf *out)
{
    if (cancelled)
        return -1;
    if (!answer_confirms(text))
        return 0;
    return erase_startup(sh->as.agent, out);
}

/* On a terminal IOS asks first; a pipe or -c takes the default answer, [confirm]'s yes. */
static int write_erase(struct cmd_call *c)
{
    struct agent_session *s = call_session(c);
    if (s->shell && s->shell->interactive) {
        shell_ask(s->shell, ERASE_QUESTION, true, erase_answered);
        return 0;
    }
    return erase_startup(s->agent, c->out);
}

/* IOS confirms the destination of a copy on a terminal; Enter accepts the one in brackets. */
static bool destination_ok(const char *answer, const char *expected, struct strbuf *out)
{
    const char *p = answer;
    while (*p == ' ')
        p++;
    size_t len = strcspn(p, " ");
    if (len == 0 || (len == strlen(expected) && !strncmp(p, expected, len)))
        return true;
    sb_printf(out, "%% Only %s can be the destination here\n", expected);
    return false;
}

static int copy_to_startup(struct shell *sh, const char *text, bool cancelled, struct strbuf *out)
{
    if (cancelled || !destination_ok(text, "startup-config", out))
        return -1;
    return config_write_startup(sh->as.agent, out);
}

static int copy_running_startup(struct cmd_call *c)
{
    struct agent_session *s = call_session(c);
    if (s->shell && s->shell->interactive) {
        shell_ask(s->shell, "Destination filename [startup-config]? ", true, copy_to_startup);
        return 0;
    }
    return config_write_startup(s->agent, c->out);
}

static void report_merge_error(void *arg, int lineno, const char *line, const char *message)
{
    struct strbuf *out = arg;
    sb_printf(out, "startup-config line %d: %s\n%s\n", lineno, line, message);
}

static int merge(struct agent *a, const char *user, struct strbuf *out)
{
    char *text;
    size_t len;
    int rc = file_read_all(a->startup_path, STARTUP_CONFIG_MAX, &text, &len);
    if (rc < 0) {
        sb_printf(out, "%% Error opening startup-config (%s)\n", strerror(-rc));
        return -1;
    }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    int bad = agent_load_config_text(a, text, user, report_merge_error, out);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    sb_printf(out, "%zu bytes copied in %.3f secs (%.0f bytes/sec)\n", len, secs,
              secs > 0 ? (double)len / secs : (double)len);
    free(text);
    if (bad == 0)
        agent_log(a, LOG_NOTICE, "%%SYS-5-CONFIG_I: Configured from startup-config by %s", user);
    return bad > 0 ? -1 : 0;
}

static int copy_to_running(struct shell *sh, const char *text, bool cancelled, struct strbuf *out)
{
    if (cancelled || !destination_ok(text, "running-config", out))
        return -1;
    return merge(sh->as.agent, sh->user, out);
}

static int copy_startup_running(struct cmd_call *c)
{
    struct agent_session *s = call_session(c);
    if (s->shell && s->shell->interactive) {
        shell_ask(s->shell, "Destination filename [running-config]? ", true, copy_to_running);
        return 0;
    }
    return merge(s->agent, s->user, c->out);
}

static const struct cmd_binding table[] = {
    {"show_running_config", show_running_config, ""},
    {"show_running_config_all", show_running_config_all, ""},
    {"show_startup_config", show_startup_config, ""},
    {"write_memory", write_memory, ""},
    {"write_erase", write_erase, ""},
    {"copy_running_startup", copy_running_startup, ""},
    {"copy_startup_running", copy_startup_running, ""},
};
HANDLER_TABLE(config_file_handlers, table);
