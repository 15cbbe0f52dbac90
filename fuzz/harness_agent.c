/* The agent shared by the agent-level fuzz targets, and the render -> load -> render property. */
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config_render.h"
#include "harness.h"

static struct agent the_agent;
static bool the_agent_ready;
static char state_dir[PATH_MAX];

static void remove_state_dir(void)
{
    agent_fini(&the_agent);
    /* Only startup-config lives there: file_write_atomic renames its temporary over it. */
    char path[PATH_MAX + 32];
    snprintf(path, sizeof path, "%s/startup-config", state_dir);
    unlink(path);
    if (rmdir(state_dir) < 0)
        fprintf(stderr, "fuzz: cannot remove %s: %s\n", state_dir, strerror(errno));
}

/* TMPDIR when the user chose one, else /dev/shm: `write memory` fsyncs, which costs nothing on a
 * tmpfs and a great deal of fuzzing speed on a disk. */
static const char *temp_base(void)
{
    const char *t = getenv("TMPDIR");
    if (t && *t) return t;
    struct stat st;
    if (stat("/dev/shm", &st) == 0 && S_ISDIR(st.st_mode) && access("/dev/shm", W_OK) == 0)
        return "/dev/shm";
    return "/tmp";
}

struct agent *fuzz_agent(void)
{
    if (the_agent_ready) return &the_agent;
    snprintf(state_dir, sizeof state_dir, "%s/cwmpd-fuzz-XXXXXX", temp_base());
    if (!mkdtemp(state_dir)) {
        fprintf(stderr, "fuzz: mkdtemp %s: %s\n", state_dir, strerror(errno));
        abort();
    }
    /* In the foreground the agent logs to stderr: a fuzzer must not flood the system's syslog. */
    struct agent_options opts = {.state_dir = state_dir, .foreground = true};
    struct strbuf err = STRBUF_INIT;
    if (agent_init_core(&the_agent, &opts, &err) < 0) {
        fprintf(stderr, "fuzz: agent_init_core: %s\n", sb_str(&err));
        abort();
    }
    sb_free(&err);
    the_agent_ready = true;
    atexit(remove_state_dir);
    return &the_agent;
}

void fuzz_agent_reset(struct agent *a)
{
    config_store_free(a->running);
    a->running = config_store_new();
    if (unlink(a->startup_path) < 0 && errno != ENOENT)
        fuzz_fail("cannot remove %s: %s", a->startup_path, strerror(errno));
}

static void collect_rejected(void *arg, int lineno, const char *line, const char *message)
{
    sb_printf(arg, "line %d: %s\n  %s\n", lineno, line, message);
}

void fuzz_check_render_roundtrip(struct agent *a)
{
    struct strbuf first = STRBUF_INIT, again = STRBUF_INIT, rejected = STRBUF_INIT;
    config_render(a->running, &first);

    /* The loader's session changes a->running: give it an empty store, then put ours back. */
    struct config_store *kept = a->running;
    a->running = config_store_new();
    int bad = agent_load_config_text(a, sb_str(&first), "fuzz", collect_rejected, &rejected);
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
