/* cwmpd's own work for a whole-tree read, without the network, the test ACS or the machine's other
 * load between them: a CPE with N port mappings (about 8 parameters each), and for each kind of
 * read the request parsed, answered (rpc_dispatch) and its answer written out whole as it is sent
 * (soap_out_read in the pieces libcurl asks for), the median of several runs of CPU time of this
 * thread (CLOCK_THREAD_CPUTIME_ID). Beside it, in the same process, the floor: libxml2's xmlReader
 * reading every node of the same GetParameterValuesResponse. Prints one line per figure.
 *
 * usage: bench_read [MAPPINGS...]   (default 1250 12500) */
#include <fcntl.h>
#include <libxml/xmlreader.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "agent.h"
#include "rpc.h"
#include "soap.h"

#define RUNS 7

static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int by_value(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return a < b ? -1 : a > b;
}

static double median(double *t, int n)
{
    qsort(t, (size_t)n, sizeof t[0], by_value);
    return t[n / 2];
}

static const char envelope_start[] =
    "<soap-env:Envelope xmlns:soap-env=\"http://schemas.xmlsoap.org/soap/envelope/\" "
    "xmlns:soap-enc=\"http://schemas.xmlsoap.org/soap/encoding/\" "
    "xmlns:cwmp=\"urn:dslforum-org:cwmp-1-0\"><soap-env:Header><cwmp:ID "
    "soap-env:mustUnderstand=\"1\">bench</cwmp:ID></soap-env:Header><soap-env:Body>";
static const char envelope_end[] = "</soap-env:Body></soap-env:Envelope>";

/* One request answered as cwmpd answers it: parsed, dispatched, written out in 16 KiB reads (the
 * size libcurl asks for). Returns the seconds of CPU, or -1; the answer's text in *answer when
 * not NULL. */
static double answer(struct agent *a, const struct strbuf *req, struct strbuf *answer)
{
    double t0 = cpu_now();
    struct soap_msg m;
    const char *why;
    if (soap_parse(req->buf, req->len, 64u << 20, SOAP_DEFAULT_MAX_DEPTH, &m, &why) < 0) {
        fprintf(stderr, "bench_read: the request does not parse: %s\n", why);
        soap_msg_free(&m);
        return -1;
    }
    struct soap_writer w;
    soap_begin(&w, m.ns, m.id, NULL);
    struct rpc_call c = {.agent = a, .req = &m, .w = &w, .ns = m.ns};
    int fault = rpc_dispatch(&c);
    struct soap_out *out = soap_finish_out(&w);
    soap_msg_free(&m);
    if (fault || !out) {
        fprintf(stderr, "bench_read: fault %d (%s)\n", fault, c.summary);
        soap_out_free(out);
        return -1;
    }
    static char piece[16384];
    size_t n;
    while ((n = soap_out_read(out, piece, sizeof piece)) > 0)
        if (answer)
            sb_append(answer, piece, n);
    soap_out_free(out);
    return cpu_now() - t0;
}

static double runs(struct agent *a, const struct strbuf *req)
{
    double t[RUNS];
    for (int r = 0; r < RUNS; r++)
        if ((t[r] = answer(a, req, NULL)) < 0)
            return -1;
    return median(t, RUNS);
}

/* The request's parsing alone (soap_parse: libxml2's tree of it). */
static double parse_only(const struct strbuf *req)
{
    double t[RUNS];
    for (int r = 0; r < RUNS; r++) {
        double t0 = cpu_now();
        struct soap_msg m;
        const char *why;
        int rc = soap_parse(req->buf, req->len, 64u << 20, SOAP_DEFAULT_MAX_DEPTH, &m, &why);
        soap_msg_free(&m);
        t[r] = rc < 0 ? -1 : cpu_now() - t0;
    }
    return median(t, RUNS);
}

/* Where the floor's reading goes, so that the compiler cannot drop it. */
static volatile unsigned long floor_sink;

/* The floor: every node of the answer read by libxml2's pull parser. */
static double floor_of(const struct strbuf *xml)
{
    double t[RUNS];
    for (int r = 0; r < RUNS; r++) {
        double t0 = cpu_now();
        xmlTextReaderPtr rd = xmlReaderForMemory(xml->buf, (int)xml->len, "answer", NULL, 0);
        unsigned long sum = 0;
        while (xmlTextReaderRead(rd) == 1) {
            const xmlChar *v = xmlTextReaderConstValue(rd);
            sum += v ? v[0] : 0;
        }
        xmlFreeTextReader(rd);
        t[r] = cpu_now() - t0;
        floor_sink = sum;
    }
    return median(t, RUNS);
}

static void count_of(const struct strbuf *xml, const char *element, size_t *n)
{
    *n = 0;
    for (const char *p = xml->buf; (p = strstr(p, element)); p++)
        (*n)++;
}

static void print(const char *what, double s, size_t n, const char *unit)
{
    printf("  %-50s %8.2f ms (%.2f us a %s)\n", what, s * 1e3, s * 1e6 / (double)(n ? n : 1), unit);
}

static int one_size(int mappings)
{
    char dir[] = "/tmp/bench_read.XXXXXX";
    if (!mkdtemp(dir))
        return -1;
    struct agent a;
    struct agent_options o = {.state_dir = dir, .foreground = true};
    struct strbuf err = STRBUF_INIT, cfg = STRBUF_INIT;
    if (agent_init_core(&a, &o, &err) < 0) {
        fprintf(stderr, "%s\n", sb_str(&err));
        return -1;
    }
    sb_puts(&cfg, "interface Ethernet0/0\n ip address 198.51.100.2 255.255.255.0\n cwmp wan\n"
                  " cwmp wan default\ninterface Vlan1\n ip address 10.0.0.1 255.255.0.0\n");
    for (int i = 1; i <= mappings; i++)
        sb_printf(&cfg, "ip nat inside source static %s 10.0.%d.%d 80 198.51.100.2 %d\n",
                  i > 45000 ? "udp" : "tcp", i / 250 % 256, i % 250 + 1, 20000 + i % 45000);
    int bad = agent_load_config_text(&a, cfg.buf, "bench", NULL, NULL);
    int rc = bad ? -1 : 0;

    struct strbuf gpv = STRBUF_INIT, gpn = STRBUF_INIT, names = STRBUF_INIT;
    struct strbuf byname = STRBUF_INIT, answer_text = STRBUF_INIT;
    sb_printf(&gpv,
              "%s<cwmp:GetParameterValues><ParameterNames soap-enc:arrayType=\"xsd:string[1]\">"
              "<string>InternetGatewayDevice.</string></ParameterNames></cwmp:GetParameterValues>"
              "%s",
              envelope_start, envelope_end);
    sb_printf(&gpn,
              "%s<cwmp:GetParameterNames><ParameterPath>InternetGatewayDevice.</ParameterPath>"
              "<NextLevel>false</NextLevel></cwmp:GetParameterNames>%s",
              envelope_start, envelope_end);
    /* The first read numbers every instance (kept): not among the figures. */
    if (rc == 0 && answer(&a, &gpv, &answer_text) < 0)
        rc = -1;
    /* Every leaf by name, as GenieACS asks: the names GetParameterNames lists. */
    size_t leaves = 0;
    if (rc == 0 && answer(&a, &gpn, &names) >= 0) {
        sb_printf(&byname,
                  "%s<cwmp:GetParameterValues><ParameterNames soap-enc:arrayType=\"xsd:"
                  "string[]\">",
                  envelope_start);
        for (const char *p = names.buf; (p = strstr(p, "<Name>"));) {
            p += 6;
            size_t len = strcspn(p, "<");
            if (p[len - 1] != '.') {
                sb_puts(&byname, "<string>");
                sb_append(&byname, p, len);
                sb_puts(&byname, "</string>");
                leaves++;
            }
        }
        sb_printf(&byname, "</ParameterNames></cwmp:GetParameterValues>%s", envelope_end);
    } else {
        rc = -1;
    }
    if (rc == 0) {
        size_t values;
        count_of(&answer_text, "<ParameterValueStruct>", &values);
        double t_gpv = runs(&a, &gpv), t_gpn = runs(&a, &gpn), t_name = runs(&a, &byname);
        double t_floor = floor_of(&answer_text), t_parse = parse_only(&byname);
        printf("-- %d port mappings: %zu parameters (answer %zu KiB), %zu names; the request by "
               "name %zu KiB\n",
               mappings, values, answer_text.len / 1024, leaves, byname.len / 1024);
        print("GetParameterValues InternetGatewayDevice.", t_gpv, values, "parameter");
        print("GetParameterNames InternetGatewayDevice. false", t_gpn, leaves, "leaf");
        print("GetParameterValues naming every leaf", t_name, leaves, "parameter");
        print("  of which the request's parsing (libxml2, names kept as read)", t_parse, leaves,
              "name");
        print("floor: xmlReader over the GetParameterValuesResponse", t_floor, values, "parameter");
        printf("  %-50s %8.2f x\n", "by name / by partial path", t_name / t_gpv);
        printf("  %-50s %8.2f x\n", "by partial path / floor", t_gpv / t_floor);
        if (t_gpv < 0 || t_gpn < 0 || t_name < 0 || leaves != values)
            rc = -1;
    }
    sb_free(&gpv);
    sb_free(&gpn);
    sb_free(&names);
    sb_free(&byname);
    sb_free(&answer_text);
    sb_free(&cfg);
    sb_free(&err);
    agent_fini(&a);
    char cmd[64];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0)
        rc = -1;
    return rc;
}

int main(int argc, char **argv)
{
    /* The agent logs what it does on stderr: not among the figures. */
    int null = open("/dev/null", O_WRONLY);
    int saved = dup(2);
    if (null >= 0)
        dup2(null, 2);
    int rc = 0;
    if (argc < 2) {
        rc |= one_size(1250);
        rc |= one_size(12500);
    }
    for (int i = 1; i < argc; i++)
        rc |= one_size(atoi(argv[i]));
    if (saved >= 0)
        dup2(saved, 2);
    if (rc)
        fprintf(stderr, "bench_read: a read did not give what was expected\n");
    return rc ? 1 : 0;
}
