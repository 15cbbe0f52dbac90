/* Autoinstall, as IOS's: cwmpd started without a startup-config fetches its configuration over
 * TFTP from the servers its WAN lease names (option 150's addresses, else option 66's name; the
 * DHCP client's hook or the WAN snooper offers them). From each server in turn: the network file
 * (network-confg, else cisconet.cfg), then the host file: option 67's file when the lease has
 * one, else HOSTNAME-confg (the host name the network file gave), router-confg, ciscortr.cfg.
 * Each file found is merged into running-config through the parser; nothing is saved (the
 * operator or the ACS saves). The first server that gives a file ends the search; when none
 * does, the whole round is tried again after AUTOINSTALL_RETRY_S, AUTOINSTALL_ROUNDS rounds in
 * all, as IOS keeps trying while the network comes up. show autoinstall tells what happened. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "configuration.h"
#include "core.h"
#include "fileio.h"
#include "loop.h"
#include "transfer.h"
#include "xalloc.h"

/* The file of flash: a fetched configuration passes through. */
#define AUTOINSTALL_FILE "autoinstall.tmp"
#define STEPS            5
#define HOST_STEP        2 /* steps before it fetch the network file, from it the host file */

static const unsigned retry_s[AUTOINSTALL_ROUNDS - 1] = AUTOINSTALL_RETRY_S;

static void fetch_next(struct agent *a);

/* The ith server of the comma-separated list into buf; false past the end. */
static bool server_at(const char *list, size_t i, char *buf, size_t cap)
{
    const char *p = list;
    for (; i > 0; i--) {
        p = strchr(p, ',');
        if (!p)
            return false;
        p++;
    }
    size_t n = strcspn(p, ",");
    if (!n || n >= cap)
        return false;
    memcpy(buf, p, n);
    buf[n] = '\0';
    return true;
}

static const char *current_server(const struct agent *a)
{
    return a->autoinstall.server ? a->autoinstall.server : "";
}

/* The file of step i (network files 0-1, host files 2-4), or "" when the step is skipped. */
static void step_file(struct agent *a, int i, char *buf, size_t cap)
{
    buf[0] = '\0';
    if (i < HOST_STEP) {
        if (i == 0 || !a->autoinstall.got_network)
            snprintf(buf, cap, "%s", i == 0 ? "network-confg" : "cisconet.cfg");
        return;
    }
    if (a->autoinstall.got_host)
        return;
    if (a->autoinstall.bootfile) {
        if (i == HOST_STEP)
            snprintf(buf, cap, "%s", a->autoinstall.bootfile);
        return;
    }
    if (i == HOST_STEP) {
        /* IOS's host file: the name the network file gave, in lower case; none given: skipped. */
        const char *h = a->running->hostname;
        if (!h || !*h || !strcmp(h, "Router"))
            return;
        size_t n = 0;
        for (; h[n] && n + 7 < cap; n++)
            buf[n] = (char)tolower((unsigned char)h[n]);
        snprintf(buf + n, cap - n, "-confg");
    } else {
        snprintf(buf, cap, "%s", i == HOST_STEP + 1 ? "router-confg" : "ciscortr.cfg");
    }
}

static void merge_error(void *arg, int lineno, const char *line, const char *message)
{
    struct agent *a = arg;
    agent_log(a, LOG_WARNING, "%%AUTOINSTALL-4-LINE: line %d refused: %s: %s", lineno, line,
              message);
}

static void set_result(struct agent *a, struct strbuf *r)
{
    free(a->autoinstall.result);
    a->autoinstall.result = sb_detach(r);
}

static void on_retry(struct loop *loop, void *arg)
{
    (void)loop;
    struct agent *a = arg;
    a->autoinstall.retry = NULL;
    a->autoinstall.round++;
    a->autoinstall.server_i = 0;
    a->autoinstall.step = 0;
    free(a->autoinstall.server);
    a->autoinstall.server = NULL;
    fetch_next(a);
}

/* Every server of the round was tried: done when one gave a file, else another round later. */
static void round_over(struct agent *a)
{
    struct strbuf r = STRBUF_INIT;
    if (a->autoinstall.round + 1 < AUTOINSTALL_ROUNDS) {
        unsigned wait = retry_s[a->autoinstall.round];
        sb_printf(&r, "no configuration file found (round %d of %d); trying again in %u seconds",
                  a->autoinstall.round + 1, AUTOINSTALL_ROUNDS, wait);
        agent_log(a, LOG_WARNING, "%%AUTOINSTALL-4-RETRY: %s", sb_str(&r));
        set_result(a, &r);
        a->autoinstall.retry = loop_timer_add(a->loop, (uint64_t)wait * 1000u, on_retry, a);
        return;
    }
    a->autoinstall.running = false;
    a->autoinstall.done = true;
    sb_printf(&r, "failed: no configuration file on tftp://%s/ after %d rounds",
              a->autoinstall.servers, AUTOINSTALL_ROUNDS);
    agent_log(a, LOG_WARNING, "%%AUTOINSTALL-4-FAILED: %s", sb_str(&r));
    set_result(a, &r);
}

/* The current server's files are all tried. */
static void server_over(struct agent *a)
{
    if (a->autoinstall.got_network || a->autoinstall.got_host) {
        a->autoinstall.running = false;
        a->autoinstall.done = true;
        struct strbuf r = STRBUF_INIT;
        sb_printf(&r, "configured from tftp://%s/ (%s%s%s)", current_server(a),
                  a->autoinstall.got_network ? "network file" : "",
                  a->autoinstall.got_network && a->autoinstall.got_host ? ", " : "",
                  a->autoinstall.got_host ? "host file" : "");
        agent_log(a, LOG_NOTICE, "%%AUTOINSTALL-5-DONE: %s; not saved", sb_str(&r));
        set_result(a, &r);
        return;
    }
    a->autoinstall.server_i++;
    a->autoinstall.step = 0;
    free(a->autoinstall.server);
    a->autoinstall.server = NULL;
    fetch_next(a);
}

/* A server that never answered is not there: its other files would only wait as long again. */
static bool no_answer(const char *why)
{
    return why && (strcasestr(why, "timed out") || strcasestr(why, "timeout") ||
                   strcasestr(why, "time-out") || strcasestr(why, "no answer"));
}

static void fetched(void *arg, int fault, const char *why, uint64_t bytes, double seconds)
{
    (void)bytes;
    (void)seconds;
    struct agent *a = arg;
    a->autoinstall.transfer = 0;
    char file[300];
    step_file(a, a->autoinstall.step, file, sizeof file);
    struct strbuf path = STRBUF_INIT;
    sb_printf(&path, "%s/%s", a->flash_dir, AUTOINSTALL_FILE);
    bool gone = false;
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
                      current_server(a), file);
            if (a->autoinstall.step < HOST_STEP)
                a->autoinstall.got_network = true;
            else
                a->autoinstall.got_host = true;
        }
    } else if (no_answer(why) && !a->autoinstall.answered) {
        agent_log(a, LOG_WARNING, "%%AUTOINSTALL-4-NO_SERVER: tftp://%s/ does not answer (%s)",
                  current_server(a), why);
        gone = true;
    } else {
        a->autoinstall.answered = true; /* it said no: the server is there */
    }
    unlink(sb_str(&path));
    sb_free(&path);
    if (gone) {
        server_over(a);
        return;
    }
    a->autoinstall.step++;
    fetch_next(a);
}

static void fetch_next(struct agent *a)
{
    char file[300];
    if (!a->autoinstall.server) {
        char name[256];
        if (!server_at(a->autoinstall.servers, a->autoinstall.server_i, name, sizeof name)) {
            round_over(a);
            return;
        }
        a->autoinstall.server = xstrdup(name);
        a->autoinstall.answered = false;
        a->autoinstall.got_network = a->autoinstall.got_host = false;
    }
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
    server_over(a);
}

const char *autoinstall_offer_problem(const char *servers, const char *bootfile)
{
    if (!servers || !*servers || strlen(servers) > AUTOINSTALL_SERVERS_MAX)
        return "no TFTP server";
    /* Names and addresses only: a server is put into a URL. */
    for (const char *p = servers; *p; p++)
        if (!isalnum((unsigned char)*p) && !strchr(".-_:[],", *p))
            return "Invalid TFTP server";
    if (servers[0] == ',' || strstr(servers, ",,") || servers[strlen(servers) - 1] == ',')
        return "Invalid TFTP server";
    if (bootfile && (!*bootfile || strstr(bootfile, "..") || bootfile[0] == '/' ||
                     strpbrk(bootfile, "?#%") || strlen(bootfile) > 255))
        return "Invalid boot file name";
    return NULL;
}

void autoinstall_offer(struct agent *a, const char *servers, const char *bootfile)
{
    if (!a->autoinstall.armed || a->autoinstall.done || a->autoinstall.running)
        return; /* an offer at each renewal: nothing to do */
    const char *bad = autoinstall_offer_problem(servers, bootfile);
    if (bad || !a->transfer) {
        agent_log(a, LOG_WARNING, "%%AUTOINSTALL-4-REFUSED: %s", bad ? bad : "no transfers");
        return;
    }
    free(a->autoinstall.servers);
    free(a->autoinstall.bootfile);
    free(a->autoinstall.server);
    a->autoinstall.servers = xstrdup(servers);
    a->autoinstall.bootfile = bootfile ? xstrdup(bootfile) : NULL;
    a->autoinstall.server = NULL;
    a->autoinstall.server_i = 0;
    a->autoinstall.round = 0;
    a->autoinstall.running = true;
    a->autoinstall.step = 0;
    agent_log(a, LOG_NOTICE,
              "%%AUTOINSTALL-5-START: no startup-config: fetching the configuration "
              "from TFTP server %s",
              servers);
    fetch_next(a);
}

void autoinstall_show(const struct agent *a, struct strbuf *out)
{
    const char *state = a->autoinstall.done      ? a->autoinstall.result
                        : a->autoinstall.retry   ? a->autoinstall.result
                        : a->autoinstall.running ? "running"
                        : a->autoinstall.armed   ? "waiting for a DHCP lease with a TFTP server"
                                               : "off (startup-config present or --no-autoinstall)";
    sb_printf(out, "Autoinstall         : %s\n", state);
    if (a->autoinstall.servers)
        sb_printf(out, "TFTP server         : %s\n", a->autoinstall.servers);
    if (a->autoinstall.bootfile)
        sb_printf(out, "Boot file           : %s\n", a->autoinstall.bootfile);
}

void autoinstall_free(struct agent *a)
{
    if (a->autoinstall.retry)
        loop_timer_cancel(a->loop, a->autoinstall.retry);
    a->autoinstall.retry = NULL;
    free(a->autoinstall.servers);
    free(a->autoinstall.server);
    free(a->autoinstall.bootfile);
    free(a->autoinstall.result);
}
