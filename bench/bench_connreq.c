/* Connection request to the first byte of the Inform it causes, as the ACS sees it: each
 * request is a fresh GET with digest credentials (a new connection, the 401 challenge, the
 * answer), timed from just before it starts to the arrival of the next POST at the test ACS
 * (its record directory's `arrivals` file, on the same monotonic clock). One session at a time:
 * the next request waits until the ACS has ended the previous session.
 *
 * Usage: bench_connreq URL USER PASSWORD ACS_RECORD_DIR COUNT */
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void pause_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

static long read_counter(const char *path)
{
    FILE *f = fopen(path, "r");
    long v = -1;
    if (f) {
        if (fscanf(f, "%ld", &v) != 1)
            v = -1;
        fclose(f);
    }
    return v;
}

/* Waits until the ACS has ended `want` sessions; 0, or -1 after 10 s. */
static int wait_sessions(const char *path, long want)
{
    double give_up = now_s() + 10;
    while (now_s() < give_up) {
        if (read_counter(path) >= want)
            return 0;
        usleep(200);
    }
    return -1;
}

static long file_size(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (long)st.st_size : 0;
}

/* The time of the first POST that arrived after byte `from` of the arrivals file; -1 after
 * 10 s without one. */
static double wait_post(const char *path, long from)
{
    double give_up = now_s() + 10;
    while (now_s() < give_up) {
        FILE *f = fopen(path, "r");
        if (f && fseek(f, from, SEEK_SET) == 0) {
            char line[512];
            double t;
            char method[16];
            while (fgets(line, sizeof line, f))
                if (strchr(line, '\n') && sscanf(line, "%lf %15s", &t, method) == 2 &&
                    !strcmp(method, "POST")) {
                    fclose(f);
                    return t;
                }
        }
        if (f)
            fclose(f);
        usleep(100);
    }
    return -1;
}

static size_t discard(char *p, size_t size, size_t n, void *arg)
{
    (void)p, (void)arg;
    return size * n;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    if (argc != 6) {
        fprintf(stderr, "usage: bench_connreq URL USER PASSWORD ACS_RECORD_DIR COUNT\n");
        return 2;
    }
    const char *url = argv[1], *user = argv[2], *pass = argv[3], *dir = argv[4];
    int count = atoi(argv[5]);
    if (count < 1)
        return 2;
    char sessions[4096], arrivals[4096];
    snprintf(sessions, sizeof sessions, "%s/sessions", dir);
    snprintf(arrivals, sizeof arrivals, "%s/arrivals", dir);
    curl_global_init(CURL_GLOBAL_DEFAULT);
    double *lat = calloc((size_t)count, sizeof *lat);
    long ended = read_counter(sessions);
    if (!lat || ended < 0) {
        fprintf(stderr, "bench_connreq: cannot read %s\n", sessions);
        return 1;
    }
    for (int i = 0; i < count; i++) {
        /* The previous session is over at the ACS; a moment for cwmpd to see its end. */
        if (wait_sessions(sessions, ended) < 0) {
            fprintf(stderr, "bench_connreq: session %ld did not end\n", ended);
            return 1;
        }
        pause_ms(5);
        long from = file_size(arrivals);
        CURL *h = curl_easy_init();
        curl_easy_setopt(h, CURLOPT_URL, url);
        curl_easy_setopt(h, CURLOPT_HTTPAUTH, (long)CURLAUTH_DIGEST);
        curl_easy_setopt(h, CURLOPT_USERNAME, user);
        curl_easy_setopt(h, CURLOPT_PASSWORD, pass);
        curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, discard);
        curl_easy_setopt(h, CURLOPT_TIMEOUT, 10L);
        double t0 = now_s();
        CURLcode rc = curl_easy_perform(h);
        long status = 0;
        curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
        curl_easy_cleanup(h);
        if (rc != CURLE_OK || status != 200) {
            fprintf(stderr, "bench_connreq: request %d: %s, HTTP %ld\n", i + 1,
                    curl_easy_strerror(rc), status);
            return 1;
        }
        double t1 = wait_post(arrivals, from);
        if (t1 < 0) {
            fprintf(stderr, "bench_connreq: request %d: no Inform arrived\n", i + 1);
            return 1;
        }
        lat[i] = (t1 - t0) * 1e3;
        ended++;
    }
    if (wait_sessions(sessions, ended) < 0)
        return 1;
    qsort(lat, (size_t)count, sizeof *lat, cmp_double);
    double median = count % 2 ? lat[count / 2] : (lat[count / 2 - 1] + lat[count / 2]) / 2;
    /* The nearest-rank 99th percentile. */
    int rank = (99 * count + 99) / 100;
    printf("%-56s %10.2f ms\n", "connection request to the Inform's first byte, median", median);
    printf("%-56s %10.2f ms (%d requests, max %.2f ms)\n", "  99th percentile", lat[rank - 1],
           count, lat[count - 1]);
    free(lat);
    curl_global_cleanup();
    return 0;
}
