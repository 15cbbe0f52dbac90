/* What a downloaded file becomes. A configuration file is IOS configuration text: every line must
 * pass the parser before it replaces startup-config (atomically), and the reload that follows
 * applies it. A firmware image is handed to the install-firmware hook, whose exit status says
 * whether it took it; the reboot follows. Web content stays in flash: as it came. */
#include <errno.h>
#include <openssl/sha.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "configuration.h"
#include "core.h"
#include "fileio.h"
#include "loop.h"
#include "platform.h"
#include "transfer_int.h"
#include "xalloc.h"

void transfer_sha256_hex(const char *data, size_t len, char out[65])
{
    unsigned char md[SHA256_DIGEST_LENGTH];
    SHA256((const unsigned char *)data, len, md);
    for (size_t i = 0; i < sizeof md; i++)
        snprintf(out + 2 * i, 3, "%02x", md[i]);
}

static void reboot_soon(struct transfer_engine *t)
{
    if (t->a->events.reboot_when_idle)
        agent_reboot_when_idle(t->a);
    else
        agent_reload_because(t->a, RELOAD_TRANSFER);
}

/* ---- configuration files ---- */

struct check_ctx {
    struct config_lines cl;
    size_t bad_line;
    struct strbuf why;
};

static bool check_line(void *arg, size_t lineno, const char *line)
{
    struct check_ctx *c = arg;
    if (config_lines_run(&c->cl, line) == CMD_OK)
        return true;
    c->bad_line = lineno;
    sb_printf(&c->why, "line %zu (%s): %s", lineno, line + strspn(line, " \t"),
              sb_str(&c->cl.message));
    return false; /* the first bad line condemns the file */
}

/* Every line through the parser, on a configuration of its own: nothing changes yet. */
static bool config_text_ok(struct agent *a, const char *text, struct strbuf *why)
{
    struct config_store *scratch = config_store_new();
    struct check_ctx c = {.why = STRBUF_INIT};
    config_lines_begin(&c.cl, a, scratch, "the ACS", "config");
    config_text_each_line(text, check_line, &c);
    config_lines_end(&c.cl);
    config_store_free(scratch);
    if (c.bad_line)
        sb_puts(why, sb_str(&c.why));
    sb_free(&c.why);
    return c.bad_line == 0;
}

static void install_config(struct transfer_engine *t, struct cwmp_transfer *tr, const char *path)
{
    struct agent *a = t->a;
    char *text;
    size_t len;
    int rc = file_read_all(path, STARTUP_CONFIG_MAX, &text, &len);
    if (rc < 0) {
        transfer_finish(t, tr, 9018,
                        rc == -EFBIG ? "the configuration file is larger than NVRAM (1 MiB)"
                                     : "cannot read the configuration file");
        return;
    }
    struct strbuf why = STRBUF_INIT;
    if (memchr(text, '\0', len) || !config_text_ok(a, text, &why)) {
        if (!why.len)
            sb_puts(&why, "the file is not configuration text");
        transfer_finish(t, tr, 9018, sb_str(&why));
        sb_free(&why);
        free(text);
        return;
    }
    sb_free(&why);
    /* The hash goes to disk before the startup-config: after a crash in between, the start
     * compares them to know whether the file was installed (transfer_install_settled). */
    transfer_sha256_hex(text, len, tr->install_hash);
    if (agent_save_cwmp_state(a) < 0) {
        /* Written without it, a crash could not tell whether the file was installed: a fault
         * means nothing changed. */
        free(text);
        transfer_finish(t, tr, 9002, "cannot save the CWMP state");
        return;
    }
    rc = file_write_atomic(a->startup_path, text, len, 0640);
    free(text);
    if (rc < 0) {
        transfer_finish(t, tr, 9010, "cannot write startup-config");
        return;
    }
    agent_log(a, LOG_NOTICE,
              "%%TRANSFER-5-CONFIG: flash:%s installed as startup-config; reloading to apply it",
              tr->target);
    transfer_finish(t, tr, 0, "");
    reboot_soon(t);
}

bool transfer_install_settled(struct transfer_engine *t, const struct cwmp_transfer *tr)
{
    char *text;
    size_t len;
    if (file_read_all(t->a->startup_path, STARTUP_CONFIG_MAX, &text, &len) < 0)
        return false;
    char hash[65];
    transfer_sha256_hex(text, len, hash);
    free(text);
    return !strcmp(hash, tr->install_hash);
}

/* ---- firmware images ---- */

static void hook_ended(struct transfer_engine *t, int status)
{
    struct cwmp_transfer *tr = cwmp_transfer_find(&t->a->cwmp, t->running);
    if (!tr)
        return;
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
        agent_log(t->a, LOG_NOTICE, "%%TRANSFER-5-FIRMWARE: flash:%s installed; rebooting",
                  tr->target);
        transfer_finish(t, tr, 0, "");
        reboot_soon(t);
        return;
    }
    char why[128];
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    /* Exit status 2 is the hook's way to say the image's signature did not verify. */
    snprintf(why, sizeof why, "the install-firmware hook refused the image (status %d)", code);
    transfer_finish(t, tr, code == 2 ? 9019 : 9018, why);
}

static void on_hook_exit(void *arg, int status)
{
    struct transfer_engine *t = arg;
    t->hook = NULL;
    hook_ended(t, status);
}

static void install_firmware(struct transfer_engine *t, struct cwmp_transfer *tr, const char *path)
{
    struct agent *a = t->a;
    char *hook = agent_hook_path(a, "install-firmware");
    if (!hook) {
        agent_log(a, LOG_NOTICE,
                  "%%TRANSFER-5-FIRMWARE: no install-firmware hook: flash:%s kept as the image; "
                  "rebooting",
                  tr->target);
        transfer_finish(t, tr, 0, "");
        reboot_soon(t);
        return;
    }
    const char *argv[] = {hook, path, tr->file_type, NULL};
    struct spawn_opts o = {.argv = argv,
                           .fd_in = SPAWN_FD_NULL,
                           .fd_out = SPAWN_FD_INHERIT,
                           .fd_err = SPAWN_FD_INHERIT};
    t->hook = spawn_start(a->spawner, &o, on_hook_exit, t);
    if (!t->hook) {
        agent_log(a, LOG_ERR, "%%TRANSFER-3-FIRMWARE: cannot run the install-firmware hook: %s",
                  strerror(errno));
        transfer_finish(t, tr, 9010, "cannot run the install-firmware hook");
    }
    free(hook);
}

/* The engine goes away (cwmpd stops): the hook is stopped, and the transfer stays as it is on
 * disk for the next start. */
void transfer_install_abort(struct transfer_engine *t)
{
    spawn_cancel(t->hook);
    t->hook = NULL;
}

void transfer_install(struct transfer_engine *t, struct cwmp_transfer *tr, const char *path)
{
    if (!strcmp(tr->file_type, FT_CONFIG))
        install_config(t, tr, path);
    else if (!strcmp(tr->file_type, FT_FIRMWARE))
        install_firmware(t, tr, path);
    else
        transfer_finish(t, tr, 0, "");
}
