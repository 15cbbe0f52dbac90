/* The floor of reading a CPE message: FILE (a GetParameterValuesResponse the test ACS recorded)
 * parsed with libxml2's xmlReader from memory, every node read as a minimal consumer reads it
 * (its name, and its value when it has one), RUNS times (default 21). Prints the parameters found
 * (ParameterValueStruct elements), the median time of a parse in milliseconds and parameters per
 * second, as one line: "parameters=N median_ms=T parameters_per_s=R". bench_cwmp.sh compares
 * cwmpd's CPU time per read with it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/parser.h>
#include <libxml/xmlreader.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int by_value(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return a < b ? -1 : a > b;
}

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    size_t got;
    while (buf != NULL && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            char *bigger = realloc(buf, cap * 2);
            if (bigger == NULL) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = bigger;
            cap *= 2;
        }
    }
    int err = ferror(f);
    fclose(f);
    if (err) {
        free(buf);
        return NULL;
    }
    *len = n;
    return buf;
}

/* One parse: returns the number of ParameterValueStruct elements, or -1 on a parse error.
 * *touched sums the lengths of what was read, so that nothing of it can be left out. */
static long parse_once(const char *buf, size_t len, size_t *touched)
{
    xmlTextReaderPtr r = xmlReaderForMemory(buf, (int)len, NULL, NULL, XML_PARSE_NONET);
    if (r == NULL)
        return -1;
    long params = 0;
    int rc;
    while ((rc = xmlTextReaderRead(r)) == 1) {
        const xmlChar *name = xmlTextReaderConstLocalName(r);
        if (name != NULL) {
            *touched += strlen((const char *)name);
            if (xmlTextReaderNodeType(r) == XML_READER_TYPE_ELEMENT &&
                strcmp((const char *)name, "ParameterValueStruct") == 0)
                params++;
        }
        if (xmlTextReaderHasValue(r) == 1) {
            const xmlChar *value = xmlTextReaderConstValue(r);
            if (value != NULL)
                *touched += strlen((const char *)value);
        }
    }
    xmlFreeTextReader(r);
    return rc == 0 ? params : -1;
}

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: bench_floor FILE [RUNS]\n");
        return 2;
    }
    int runs = argc == 3 ? atoi(argv[2]) : 21;
    if (runs < 1 || runs > 10000) {
        fprintf(stderr, "bench_floor: RUNS: 1 to 10000\n");
        return 2;
    }
    size_t len = 0;
    char *buf = read_all(argv[1], &len);
    if (buf == NULL || len == 0 || len > (size_t)0x7fffffff) {
        fprintf(stderr, "bench_floor: cannot read %s\n", argv[1]);
        free(buf);
        return 1;
    }
    xmlInitParser();
    double *t = calloc((size_t)runs, sizeof *t);
    if (t == NULL) {
        free(buf);
        return 1;
    }
    long params = -1;
    size_t touched = 0;
    for (int i = 0; i < runs; i++) {
        double start = now();
        params = parse_once(buf, len, &touched);
        t[i] = now() - start;
        if (params < 0) {
            fprintf(stderr, "bench_floor: %s: not well-formed XML\n", argv[1]);
            free(t);
            free(buf);
            return 1;
        }
    }
    qsort(t, (size_t)runs, sizeof *t, by_value);
    double median = t[runs / 2];
    printf("parameters=%ld median_ms=%.3f parameters_per_s=%.0f bytes=%zu touched=%zu\n", params,
           median * 1e3, median > 0 ? (double)params / median : 0.0, len, touched / (size_t)runs);
    free(t);
    free(buf);
    xmlCleanupParser();
    return 0;
}
