/* The startup-config at start: read through the parser, with what a crash may have left behind
 * settled (config_startup.h). */
#include "config_startup.h"

#include <errno.h>
#include <glob.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config_lines.h"
#include "config_store.h"
#include "config_txn.h"
#include "core.h"
#include "fileio.h"
#include "nat_map.h"

static void report_startup_error(void *arg, int lineno, const char *line, const char *message)
{
    struct agent *a = arg;
    line += strspn(line, " \t");
    agent_log(a, LOG_WARNING, "%%PARSER-4-BADCFG: startup-config line %d: \"%s\": %s", lineno, line,
              message);
}

/* The temporary files of file_write_atomic that a crash left (the saved file itself is whole
 * either way): of the startup-config, of the CWMP state (which holds transfer credentials: they
 * must not pile up) and of the record of how the last run ended. */
static void remove_unfinished_saves(struct agent *a)
{
    const char *paths[] = {a->startup_path, a->cwmp_state_path, a->restart_path};
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        if (!paths[i])
            continue;
        struct strbuf pattern = STRBUF_INIT;
        sb_printf(&pattern, "%s.tmp??????", paths[i]);
        glob_t g;
        if (glob(sb_str(&pattern), GLOB_NOSORT, NULL, &g) == 0) {
            for (size_t j = 0; j < g.gl_pathc; j++)
                unlink(g.gl_pathv[j]);
            globfree(&g);
        }
        sb_free(&pattern);
    }
}

/* At start: what was written as pending (a ParameterKey, the port mappings' records) is kept if
 * the startup-config it was written for made it to disk (hash is what was found). */
static void settle_pending_save(struct agent *a, const char *hash)
{
    struct cwmp_state *st = &a->cwmp;
    if (!st->pending_hash[0])
        return;
    if (!strcmp(hash, st->pending_hash)) {
        strcpy(st->parameter_key, st->pending_key);
        cwmp_records_move(&st->portmaps, &st->pending_portmaps);
        strcpy(st->portmaps_hash, st->pending_hash);
    }
    cwmp_records_clear(&st->pending_portmaps);
    st->pending_key[0] = st->pending_hash[0] = '\0';
    agent_save_cwmp_state(a);
}

/* The port mappings' data that the startup-config has no room for, saved with it: whole when it
 * is the same startup-config, else only what still matches its lines. */
static void restore_port_mappings(struct agent *a, const char *hash)
{
    bool same = a->cwmp.portmaps_hash[0] && !strcmp(hash, a->cwmp.portmaps_hash);
    size_t dropped = nat_map_restore(a->running, a->cwmp.portmaps.v, a->cwmp.portmaps.n, same);
    if (dropped)
        agent_log(a, LOG_WARNING,
                  "%%CWMP-4-PORTMAP: %zu port mapping%s saved with another startup-config dropped",
                  dropped, dropped == 1 ? "" : "s");
}

int config_startup_load(struct agent *a)
{
    remove_unfinished_saves(a);
    char *text = NULL;
    size_t len = 0;
    char hash[65] = "";
    int rc = file_read_all(a->startup_path, STARTUP_CONFIG_MAX, &text, &len);
    if (rc < 0 && rc != -ENOENT)
        agent_log(a, LOG_ERR, "%%PARSER-3-CONFIGNOTREAD: cannot read %s: %s", a->startup_path,
                  strerror(-rc));
    if (rc == 0) {
        int bad = agent_load_config_text(a, text, "startup-config", report_startup_error, a);
        if (bad > 0)
            agent_log(a, LOG_WARNING, "%%PARSER-4-BADCFG: %d line%s of startup-config skipped", bad,
                      bad == 1 ? "" : "s");
        config_txn_hash(text, len, hash);
        free(text);
    }
    settle_pending_save(a, hash);
    restore_port_mappings(a, hash);
    return rc < 0 && rc != -ENOENT ? -1 : 0;
}
