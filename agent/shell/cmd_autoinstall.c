/* Autoinstall, as IOS's: cwmpd started without a startup-config fetches its configuration over
 * TFTP from the server its WAN lease names (the DHCP client's hook runs `cwmp autoinstall`). First
 * the network file (network-confg, else cisconet.cfg), then the host file: option 67's file when
 * the lease has one, else HOSTNAME-confg (the host name the network file gave), router-confg,
 * ciscortr.cfg. Each file found is merged into running-config through the parser; nothing is
 * saved (the operator or the ACS saves). show autoinstall tells what happened. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "configuration.h"
#include "core.h"
#include "fileio.h"
#include "handlers.h"
#include "transfer.h"
#include "xalloc.h"

/* The file of flash: a fetched configuration passes through. */
#define AUTOINSTALL_FILE "autoinstall.tmp"
#define STEPS            5

static void fetch_next(struct agent *a);

/* The file of step i (network files 0-1, host files 2-4), or "" when the step is skipped. */
static void step_file(struct agent *a, int i, char *buf, size_t cap)
{
    buf[0] = '\0';
    if (i < 2) {
        if (i == 0 || !a->autoinstall.got_network)
            snprintf(buf, cap, "%s", i == 0 ? "network-confg" : "cisconet.cfg");
        return;
    }
    if (a->autoinstall.got_host)
        return;
    if (a->autoinstall.bootfile) {
        if (i == 2)
            snprintf(buf, cap, "%s", a->autoinstall.bootfile);
        return;
    }
    if (i == 2) {
        /* IOS's host file: the name the network file gave, in lower case; none given: skipped. */
        const char *h = a->running->hostname;
        if (!h || !*h || !strcmp(h, "Router"))
            return;
        size_t n = 0;
        for (; h[n] && n + 7 < cap; n++)
            buf[n] = (char)tolower((unsigned char)h[n]);
        snprintf(buf + n, cap - n, "-confg");
    } else {
        snprintf(buf, cap, "%s", i == 3 ? "router-confg" : "ciscortr.cfg");
    }
}

static void merge_error(void *arg, int lineno, const char *line, const char *message)
{
    struct agent *a = arg;
    agent_log(a, LOG_WARNING, "%%AUTOINSTALL-4-LINE: line %d refused: %s: %s", lineno, line,
              message);
}

static void finish(struct agent *a)
{
    a->autoinstall.running = false;
    a->autoinstall.done = true;
    struct strbuf r = STRBUF_INIT;
    if (a->autoinstall.got_network || a->autoinstall.got_host) {
        sb_printf(&r, "configured from tftp://%s/ (%s%s%s)", a->autoinstall.server,
                  a->autoinstall.got_network ? "network file" : "",
                  a->autoinstall.got_network && a->autoinstall.got_host ? ", " : "",
                  a->autoinstall.got_host ? "host file" : "");
        agent_log(a, LOG_NOTICE, "%%AUTOINSTALL-5-DONE: %s; not saved", sb_str(&r));
    } else {
        sb_printf(&r, "failed: no configuration file on tftp://%s/", a->autoinstall.server);
        agent_log(a, LOG_WARNING, "%%AUTOINSTALL-4-FAILED: %s", sb_str(&r));
    }
    free(a->autoinstall.result);
    a->autoinstall.result = sb_detach(&r);
}

static void fetched(void *arg, int fault, const char *why, uint64_t bytes, double seconds)
{
    (void)why;
    (void)bytes;
    (void)seconds;
    struct agent *a = arg;
    a->autoinstall.transfer = 0;
    char file[300];
    step_file(a, a->autoinstall.step, file, sizeof file);
    struct strbuf path = STRBUF_INIT;
    sb_printf(&path, "%s/%s", a->flash_dir, AUTOINSTALL_FILE);
    if (!fault) {
        char *text;
        size_t len;
        if (file_read_all(sb_str(&path), STARTUP_CONFIG_MAX, &text, &len) == 0) {
            agent_load_config_text(a, text, "autoinstall", merge_error, a);
            free(text);
            /* No command runs this: the rooms hear of the change here (the CWMP engine then
             * sees its URL and its enable). */
            config_txn_announce(a);
            agent_log(a, LOG_NOTICE,
                      "%%SYS-5-CONFIG_I: Configured from tftp://%s/%s by autoinstall",
                      a->autoinstall.server, file);
            if (a->autoinstall.step < 2)
                a->autoinstall.got_network = true;
            else
                a->autoinstall.got_host = true;
        }
    }
    unlink(sb_str(&path));
    sb_free(&path);
    a->autoinstall.step++;
    fetch_next(a);
}

static void fetch_next(struct agent *a)
{
    char file[300];
    for (; a->autoinstall.step < STEPS; a->autoinstall.step++) {
        step_file(a, a->autoinstall.step, file, sizeof file);
        if (!file[0])
            continue;
        struct strbuf url = STRBUF_INIT, err = STRBUF_INIT;
        sb_printf(&url, "tftp://%s/%s", a->autoinstall.server, file);
        a->autoinstall.transfer =
            transfer_copy_download(a->transfer, sb_str(&url), AUTOINSTALL_FILE, fetched, a, &err);
        sb_free(&url);
        sb_free(&err);
        if (a->autoinstall.transfer)
            return; /* fetched() goes on */
    }
    finish(a);
}

/* For the DHCP client's hook: the lease's TFTP server (option 150's first address, else option
 * 66's name) and option 67's file. Runs once, and only when cwmpd started without startup-config.
 */
static int cwmp_autoinstall(struct cmd_call *c)
{
    struct agent *a = call_agent(c);
    if (!a->autoinstall.armed || a->autoinstall.done || a->autoinstall.running)
        return 0; /* a hook at each renewal: nothing to do */
    if (!a->transfer)
        return cmd_fail(c, "Autoinstall needs a running cwmpd");
    const char *server = cmd_arg(c, "server"), *file = cmd_arg(c, "file");
    if (strpbrk(server, "/@?#") || (file && (strstr(file, "..") || file[0] == '/')))
        return cmd_fail(c, "Invalid TFTP server or file name");
    free(a->autoinstall.server);
    free(a->autoinstall.bootfile);
    a->autoinstall.server = xstrdup(server);
    a->autoinstall.bootfile = file ? xstrdup(file) : NULL;
    a->autoinstall.running = true;
    a->autoinstall.step = 0;
    agent_log(a, LOG_NOTICE,
              "%%AUTOINSTALL-5-START: no startup-config: fetching the configuration "
              "from tftp://%s/",
              server);
    fetch_next(a);
    return 0;
}

static int show_autoinstall(struct cmd_call *c)
{
    struct agent *a = call_agent(c);
    const char *state = a->autoinstall.running ? "running"
                        : a->autoinstall.done  ? a->autoinstall.result
                        : a->autoinstall.armed ? "waiting for a DHCP lease with a TFTP server"
                                               : "off (startup-config present or --no-autoinstall)";
    sb_printf(c->out, "Autoinstall         : %s\n", state);
    if (a->autoinstall.server)
        sb_printf(c->out, "TFTP server         : %s\n", a->autoinstall.server);
    if (a->autoinstall.bootfile)
        sb_printf(c->out, "Boot file           : %s\n", a->autoinstall.bootfile);
    return 0;
}

static const struct cmd_binding table[] = {
    {"cwmp_autoinstall", cwmp_autoinstall, "server file"},
    {"show_autoinstall", show_autoinstall, ""},
};
HANDLER_TABLE(autoinstall_handlers, table);
