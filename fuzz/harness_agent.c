/* The agent shared by the agent-level fuzz targets, and the render -> load -> render property. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config_net.h"
#include "config_render.h"
#include "harness.h"
#include "nat_map.h"

static struct agent the_agent;
static bool the_agent_ready;

/* Registered after fuzz_temp_dir's own cleanup, so it runs first: the agent goes, then its
 * directory. */
static void free_agent(void)
{
    agent_fini(&the_agent);
}

struct agent *fuzz_agent(void)
{
    if (the_agent_ready)
        return &the_agent;
    /* In the foreground the agent logs to stderr: a fuzzer must not flood the system's syslog. */
    struct agent_options opts = {.state_dir = fuzz_temp_dir(), .foreground = true};
    struct strbuf err = STRBUF_INIT;
    if (agent_init_core(&the_agent, &opts, &err) < 0) {
        fprintf(stderr, "fuzz: agent_init_core: %s\n", sb_str(&err));
        abort();
    }
    sb_free(&err);
    the_agent_ready = true;
    atexit(free_agent);
    return &the_agent;
}

void fuzz_agent_reset_cwmp(struct agent *a)
{
    cwmp_state_free(&a->cwmp);
    cwmp_state_init(&a->cwmp);
    a->cwmp_dirty = false;
    if (unlink(a->cwmp_state_path) < 0 && errno != ENOENT)
        fuzz_fail("cannot remove %s: %s", a->cwmp_state_path, strerror(errno));
}

void fuzz_agent_reset(struct agent *a)
{
    config_store_free(a->running);
    a->running = config_store_new();
    if (unlink(a->startup_path) < 0 && errno != ENOENT)
        fuzz_fail("cannot remove %s: %s", a->startup_path, strerror(errno));
    fuzz_agent_reset_cwmp(a);
    /* cwmp lease add in one input must not show in the next one's Hosts tables. */
    lease_table_free(a->leases);
}

static void collect_rejected(void *arg, int lineno, const char *line, const char *message)
{
    sb_printf(arg, "line %d: %s\n  %s\n", lineno, line, message);
}

/* The store's indexes agree with what they index (config_store.h): whatever lines made it. */
static void check_indexes(const struct config_store *cs, const char *which)
{
    const struct iface *wan = NULL;
    for (size_t i = 0; i < cs->nifs && !wan; i++)
        if (cs->ifs[i].cwmp_wan && cs->ifs[i].cwmp_wan_default)
            wan = &cs->ifs[i];
    if (!nat_index_valid(cs) || !config_if_names_valid(cs) || !config_subnets_valid(cs) ||
        config_wan_default(cs) != wan)
        fuzz_fail("%s: an index of the store disagrees with it (NAT %d, names %d, subnets %d, "
                  "WAN %d)",
                  which, nat_index_valid(cs), config_if_names_valid(cs), config_subnets_valid(cs),
                  config_wan_default(cs) == wan);
}

void fuzz_check_render_roundtrip(struct agent *a)
{
    struct strbuf first = STRBUF_INIT, again = STRBUF_INIT, rejected = STRBUF_INIT;
    check_indexes(a->running, "running-config");
    config_render(a->running, &first);

    /* The loader's session changes a->running: give it an empty store, then put ours back. */
    struct config_store *kept = a->running;
    a->running = config_store_new();
    int bad = agent_load_config_text(a, sb_str(&first), "fuzz", collect_rejected, &rejected);
    check_indexes(a->running, "running-config loaded again");
    config_render(a->running, &again);
    config_store_free(a->running);
    a->running = kept;

    if (bad != 0 || first.len != again.len || memcmp(sb_str(&first), sb_str(&again), first.len))
        fuzz_fail(
            "render -> load -> render is not the identity\n"
            "--- rendered:\n%s--- rejected on loading (%d):\n%s--- rendered after loading:\n%s",
            sb_str(&first), bad, sb_str(&rejected), sb_str(&again));
    sb_free(&first);
    sb_free(&again);
    sb_free(&rejected);
}
