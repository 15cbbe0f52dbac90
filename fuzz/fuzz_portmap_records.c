/* The port mappings' records (nat_map.h) of arbitrary text, put back as cwmpd puts them back at
 * start: they come from the CWMP state file, which is whatever a crash or an operator left there.
 * The first line says whether the startup-config is the one they were saved with ("same") or not
 * (anything else); each other line is a record. They go into a fixed configuration with lines on
 * the WAN address and off it.
 *
 * Besides not crashing: every record is either dropped (counted) or gives a line its data or adds
 * an instance; no two rules share a key; what comes out renders and loads back unchanged; and it
 * saves as records that, put back into that rendered configuration, give the same records: what
 * cwmpd saves comes back whole. */
#include <stdlib.h>
#include <string.h>

#include "config_render.h"
#include "harness.h"
#include "nat_map.h"
#include "xalloc.h"

static const char base_config[] = "interface Ethernet0/0\n"
                                  " ip address 10.194.145.170 255.255.255.0\n"
                                  " ip nat outside\n"
                                  " cwmp wan\n"
                                  " cwmp wan default\n"
                                  "interface Vlan102\n"
                                  " ip address 15.15.15.1 255.255.255.0\n"
                                  " ip nat inside\n"
                                  "ip nat inside source static tcp 15.15.15.2 7547 10.194.145.170 "
                                  "9000 extendable\n"
                                  "ip nat inside source static udp 15.15.15.3 53 192.0.2.9 53\n"
                                  "ip nat inside source static tcp 15.15.15.4 22 10.194.145.170 "
                                  "2222\n";

static void on_bad_line(void *arg, int lineno, const char *line, const char *message)
{
    (void)arg;
    fuzz_fail("line %d of a configuration is refused: %s\n  %s", lineno, line, message);
}

static void load(struct agent *a, const char *text)
{
    fuzz_agent_reset(a);
    agent_load_config_text(a, text, "fuzz", on_bad_line, NULL);
}

static int by_text(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

static void free_all(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

static void check_keys(const struct config_store *cs)
{
    for (size_t i = 0; i < cs->nnat; i++)
        for (size_t j = i + 1; cs->nat[i].key && j < cs->nnat; j++)
            if (cs->nat[j].key && !strcmp(cs->nat[i].key, cs->nat[j].key))
                fuzz_fail("two rules with the key %s", cs->nat[i].key);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct agent *a = fuzz_agent();
    load(a, base_config);
    char *text = fuzz_cstr(data, size);
    char **records = NULL;
    size_t n = 0, cap = 0;
    bool same = false;
    char *save = NULL;
    for (char *l = strtok_r(text, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
        if (l == text) {
            same = !strcmp(l, "same");
            continue;
        }
        records = xgrow(records, &cap, n + 1, sizeof *records);
        records[n++] = l;
    }
    size_t lines = a->running->nnat;
    size_t dropped = nat_map_restore(a->running, records, n, same);
    if (dropped > n || a->running->nnat < lines || a->running->nnat - lines > n - dropped)
        fuzz_fail("%zu records, %zu dropped, %zu rules before and %zu after", n, dropped, lines,
                  a->running->nnat);
    check_keys(a->running);
    fuzz_check_render_roundtrip(a);

    /* Saved, then put back into the startup-config saved with them. */
    char **first, **again;
    size_t nfirst, nagain;
    nat_map_records(a->running, &first, &nfirst);
    struct strbuf rendered = STRBUF_INIT;
    config_render(a->running, &rendered);
    load(a, sb_str(&rendered));
    dropped = nat_map_restore(a->running, first, nfirst, true);
    if (dropped)
        fuzz_fail("%zu of the %zu records saved do not come back", dropped, nfirst);
    nat_map_records(a->running, &again, &nagain);
    if (nfirst)
        qsort(first, nfirst, sizeof *first, by_text);
    if (nagain)
        qsort(again, nagain, sizeof *again, by_text);
    bool equal = nfirst == nagain;
    for (size_t i = 0; equal && i < nfirst; i++)
        equal = !strcmp(first[i], again[i]);
    if (!equal) {
        struct strbuf both = STRBUF_INIT;
        for (size_t i = 0; i < nfirst; i++)
            sb_printf(&both, "\n  saved:  %s", first[i]);
        for (size_t i = 0; i < nagain; i++)
            sb_printf(&both, "\n  again:  %s", again[i]);
        fuzz_fail("the records saved after putting back the saved ones differ (%zu, then %zu):%s",
                  nfirst, nagain, sb_str(&both));
    }
    free_all(first, nfirst);
    free_all(again, nagain);
    sb_free(&rendered);
    free(records);
    free(text);
    return 0;
}
