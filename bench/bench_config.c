/* Benchmarks of the configuration path: loading a large configuration through the parser, rendering
 * it, snapshotting it, and answering help. Prints one line per figure. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "agent.h"
#include "config_render.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void nothing(void *arg, int lineno, const char *line, const char *message)
{
    (void)arg;
    fprintf(stderr, "line %d rejected: %s (%s)\n", lineno, line, message);
}

int main(void)
{
    char dir[] = "/tmp/bench_config.XXXXXX";
    if (!mkdtemp(dir))
        return 1;
    struct agent a;
    struct agent_options o = {.state_dir = dir, .foreground = true};
    struct strbuf err = STRBUF_INIT;
    if (agent_init_core(&a, &o, &err) < 0) {
        fprintf(stderr, "%s\n", sb_str(&err));
        return 1;
    }
    /* 10,000 lines: 2,500 interfaces with a description and an address, 5,000 NAT rules. */
    struct strbuf text = STRBUF_INIT;
    int lines = 0;
    for (int i = 0; i < 2500; i++, lines += 3)
        sb_printf(&text,
                  "interface Loopback%d\n description bench %d\n ip address 10.%d.%d.1 "
                  "255.255.255.0\n",
                  i, i, i / 256, i % 256);
    for (int i = 0; i < 5000; i++, lines++)
        sb_printf(&text, "ip nat inside source static tcp 192.168.%d.%d %d 198.51.100.1 %d\n",
                  i / 250, i % 250 + 1, 1000 + i, 20000 + i);

    double t0 = now();
    int bad = agent_load_config_text(&a, text.buf, "bench", nothing, NULL);
    double t1 = now();
    struct strbuf out = STRBUF_INIT;
    config_render(a.running, &out);
    double t2 = now();
    struct config_store *snap = config_store_clone(a.running);
    double t3 = now();
    config_store_free(snap);

    struct agent_session s;
    agent_session_init(&s, &a, "bench", "bench");
    cli_session_push(&s.cli, grammar_config_mode(a.grammar), "");
    struct strbuf h = STRBUF_INIT;
    double t4 = now();
    for (int i = 0; i < 1000; i++) {
        sb_reset(&h);
        grammar_help(a.grammar, &s.cli, "ip nat inside source static tcp ", -1, &h);
    }
    double t5 = now();

    printf("%-44s %10d lines, %d rejected\n", "configuration loaded through the parser", lines,
           bad);
    printf("%-44s %10.1f ms (%.2f us/line)\n", "load time", (t1 - t0) * 1e3,
           (t1 - t0) * 1e6 / lines);
    printf("%-44s %10.1f ms (%zu bytes)\n", "show running-config rendering", (t2 - t1) * 1e3,
           out.len);
    printf("%-44s %10.2f ms\n", "snapshot (clone) of the store", (t3 - t2) * 1e3);
    printf("%-44s %10.1f us\n", "? help, one request", (t5 - t4) * 1e6 / 1000);
    sb_free(&h);
    sb_free(&out);
    sb_free(&text);
    sb_free(&err);
    agent_fini(&a);
    char cmd[64];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    return system(cmd) == 0 && bad == 0 ? 0 : 1;
}
