/* Benchmarks of the configuration path: loading a large configuration through the parser, rendering
 * it, snapshotting it, answering help, and an ACS's X_00000C_SetConfiguration of a large block,
 * applied and rolled back. Prints one line per figure. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "agent.h"
#include "config_render.h"
#include "rpc.h"
#include "soap.h"

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

static int by_value(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return a < b ? -1 : a > b;
}

#define SETCONFIG_RUNS 5

/* X_00000C_SetConfiguration of a 10,000-line block (1,250 interfaces of 4 lines, 5,000 NAT
 * rules) as the ACS sends it, from an empty running configuration: soap_parse and rpc_dispatch
 * (running the lines on a copy, making it the running configuration, saving startup-config and
 * the ParameterKey), the median of SETCONFIG_RUNS. With bad_last_line the block ends with a line
 * the parser refuses, and is rolled back. Returns the median in seconds, or -1 when the result is
 * not the expected one. */
static double set_configuration(struct agent *a, bool bad_last_line, int *lines, size_t *bytes)
{
    struct strbuf x = STRBUF_INIT;
    sb_puts(&x, "<soap-env:Envelope xmlns:soap-env=\"http://schemas.xmlsoap.org/soap/envelope/\" "
                "xmlns:cwmp=\"urn:dslforum-org:cwmp-1-0\"><soap-env:Header><cwmp:ID "
                "soap-env:mustUnderstand=\"1\">bench</cwmp:ID></soap-env:Header><soap-env:Body>"
                "<cwmp:X_00000C_SetConfiguration><ErrorOption>rollback</ErrorOption>"
                "<Target>running-config</Target><ConfigCommandBlock>");
    int n = 0;
    for (int i = 0; i < 1250; i++, n += 4)
        sb_printf(&x,
                  "interface Loopback%d\n description bench %d\n ip address 10.%d.%d.1 "
                  "255.255.255.0\n ip nat inside\n",
                  i, i, i / 256, i % 256);
    for (int i = 0; i < 5000; i++, n++)
        sb_printf(&x, "ip nat inside source static tcp 192.168.%d.%d %d 198.51.100.1 %d\n", i / 250,
                  i % 250 + 1, 1000 + i, 20000 + i);
    if (bad_last_line) {
        sb_puts(&x, "ip nat inside source static tcp 192.168.0.1 1000 198.51.100.1\n");
        n++;
    }
    sb_puts(&x, "</ConfigCommandBlock><ParameterKey>bench</ParameterKey>"
                "</cwmp:X_00000C_SetConfiguration></soap-env:Body></soap-env:Envelope>");
    *lines = n;
    *bytes = x.len;

    double t[SETCONFIG_RUNS];
    bool as_expected = true;
    for (int r = 0; r < SETCONFIG_RUNS && as_expected; r++) {
        config_store_free(a->running);
        a->running = config_store_new();
        double t0 = now();
        struct soap_msg m;
        const char *why;
        if (soap_parse(x.buf, x.len, SOAP_DEFAULT_MAX_SIZE, SOAP_DEFAULT_MAX_DEPTH, &m, &why) < 0) {
            fprintf(stderr, "SetConfiguration: the request does not parse: %s\n", why);
            soap_msg_free(&m);
            as_expected = false;
            break;
        }
        struct soap_writer w;
        soap_begin(&w, m.ns, m.id, NULL);
        struct rpc_call c = {.agent = a, .req = &m, .w = &w, .ns = m.ns};
        /* The agent logs each SetConfiguration on stderr: not among the figures. */
        fflush(stderr);
        int saved = dup(2), null = open("/dev/null", O_WRONLY);
        if (null >= 0)
            dup2(null, 2);
        int fault = rpc_dispatch(&c);
        size_t len;
        char *out = soap_finish(&w, &len);
        t[r] = now() - t0;
        if (saved >= 0) {
            dup2(saved, 2);
            close(saved);
        }
        if (null >= 0)
            close(null);
        size_t nif = a->running->nifs;
        bool applied = fault == 0 && a->running->nnat == 5000 && nif == 1250;
        bool rolled_back = fault == 9003 && a->running->nnat == 0 && nif == 0;
        if (!out || !(bad_last_line ? rolled_back : applied)) {
            fprintf(stderr, "SetConfiguration: fault %d, %zu interfaces, %zu NAT rules: %s\n",
                    fault, nif, a->running->nnat, c.summary);
            as_expected = false;
        }
        free(out);
        soap_msg_free(&m);
    }
    sb_free(&x);
    if (!as_expected)
        return -1;
    qsort(t, SETCONFIG_RUNS, sizeof t[0], by_value);
    return t[SETCONFIG_RUNS / 2];
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

    int applied_lines, rolled_lines;
    size_t applied_bytes, rolled_bytes;
    double applied = set_configuration(&a, false, &applied_lines, &applied_bytes);
    double rolled = set_configuration(&a, true, &rolled_lines, &rolled_bytes);
    printf("%-44s %10d lines, %zu bytes\n", "SetConfiguration block (ACS request)", applied_lines,
           applied_bytes);
    if (applied >= 0)
        printf("%-44s %10.1f ms (%.2f us/line)\n", "SetConfiguration applied (parse+dispatch)",
               applied * 1e3, applied * 1e6 / applied_lines);
    if (rolled >= 0)
        printf("%-44s %10.1f ms (%.2f us/line)\n", "SetConfiguration rolled back at last line",
               rolled * 1e3, rolled * 1e6 / rolled_lines);
    sb_free(&h);
    sb_free(&out);
    sb_free(&text);
    sb_free(&err);
    agent_fini(&a);
    char cmd[64];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    return system(cmd) == 0 && bad == 0 && applied >= 0 && rolled >= 0 ? 0 : 1;
}
