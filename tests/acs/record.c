#include "record.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fileio.h"
#include "strbuf.h"
#include "xalloc.h"

/* No fsync: tests need a reader never to see a half-written counter, not crash safety, and a
 * benchmark must not pay a disk flush per session. */
int write_file_atomic(const char *path, const char *data, size_t len)
{
    struct strbuf tmp = STRBUF_INIT;
    sb_printf(&tmp, "%s.tmp%ld", path, (long)getpid());
    FILE *f = fopen(sb_str(&tmp), "w");
    int rc = -1;
    if (f != NULL) {
        size_t n = fwrite(data, 1, len, f);
        if (fclose(f) == 0 && n == len && rename(sb_str(&tmp), path) == 0)
            rc = 0;
    }
    if (rc != 0) {
        fprintf(stderr, "testacs: cannot write %s: %s\n", path, strerror(errno));
        unlink(sb_str(&tmp));
    }
    sb_free(&tmp);
    return rc;
}

static void write_counter(const struct recorder *r, const char *name, int value)
{
    if (r->dir == NULL)
        return;
    char path[4096], text[32];
    snprintf(path, sizeof(path), "%s/%s", r->dir, name);
    int n = snprintf(text, sizeof(text), "%d\n", value);
    write_file_atomic(path, text, (size_t)n);
}

int recorder_open(struct recorder *r, const char *dir, int verbose)
{
    memset(r, 0, sizeof(*r));
    clock_gettime(CLOCK_MONOTONIC, &r->start);
    r->verbose = verbose;
    if (dir == NULL)
        return 0;
    int rc = dir_create_all(dir, 0755);
    if (rc < 0) {
        fprintf(stderr, "testacs: cannot create %s: %s\n", dir, strerror(-rc));
        return -1;
    }
    r->dir = xstrdup(dir);
    char path[4096];
    snprintf(path, sizeof(path), "%s/log", dir);
    r->log = fopen(path, "a");
    if (r->log == NULL) {
        fprintf(stderr, "testacs: cannot open %s: %s\n", path, strerror(errno));
        return -1;
    }
    /* A test may read the log while the ACS runs: each line must be there once written. */
    setvbuf(r->log, NULL, _IOLBF, 0);
    snprintf(path, sizeof(path), "%s/arrivals", dir);
    r->arrivals = fopen(path, "a");
    if (r->arrivals == NULL) {
        fprintf(stderr, "testacs: cannot open %s: %s\n", path, strerror(errno));
        return -1;
    }
    setvbuf(r->arrivals, NULL, _IOLBF, 0);
    write_counter(r, "sessions", 0);
    write_counter(r, "invalid", 0);
    return 0;
}

void recorder_close(struct recorder *r)
{
    if (r->log != NULL)
        fclose(r->log);
    r->log = NULL;
    if (r->arrivals != NULL)
        fclose(r->arrivals);
    r->arrivals = NULL;
    free(r->dir);
    r->dir = NULL;
    fflush(stdout);
}

double recorder_ms(const struct recorder *r)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - r->start.tv_sec) * 1e3 +
           (double)(now.tv_nsec - r->start.tv_nsec) / 1e6;
}

void record_arrival(struct recorder *r, const char *method, const char *path, unsigned port)
{
    if (r->arrivals == NULL)
        return;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    fprintf(r->arrivals, "%lld.%09ld %s %s port=%u\n", (long long)now.tv_sec, now.tv_nsec, method,
            path, port);
}

static void write_file(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "w");
    if (f == NULL || fwrite(data, 1, len, f) != len || fclose(f) != 0)
        fprintf(stderr, "testacs: cannot write %s: %s\n", path, strerror(errno));
}

void record_message(struct recorder *r, int session, int msg, const char *what, const char *body,
                    size_t len, const char *request_line, const char *headers)
{
    if (r->dir == NULL)
        return;
    char path[4096];
    snprintf(path, sizeof(path), "%s/%d-%02d-%s.xml", r->dir, session, msg, what);
    write_file(path, body, len);
    struct strbuf h = STRBUF_INIT;
    sb_printf(&h, "%s\n%s", request_line, headers);
    snprintf(path, sizeof(path), "%s/%d-%02d.headers", r->dir, session, msg);
    write_file(path, sb_str(&h), h.len);
    sb_free(&h);
}

static void vlog(struct recorder *r, int session, int msg, const char *prefix, const char *fmt,
                 va_list ap)
{
    if (r->log == NULL)
        return;
    if (msg > 0)
        fprintf(r->log, "%d %02d %s", session, msg, prefix);
    else
        fprintf(r->log, "%d -- %s", session, prefix);
    vfprintf(r->log, fmt, ap);
    fprintf(r->log, " t=%.3f\n", recorder_ms(r));
}

void record_log(struct recorder *r, int session, int msg, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vlog(r, session, msg, "", fmt, ap);
    va_end(ap);
}

void record_invalid(struct recorder *r, int session, int msg, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vlog(r, session, msg, "INVALID ", fmt, ap);
    va_end(ap);
    if (r->invalid == 0 || session != r->last_invalid_session || msg != r->last_invalid_msg) {
        r->invalid++;
        r->last_invalid_session = session;
        r->last_invalid_msg = msg;
        write_counter(r, "invalid", r->invalid);
    }
    if (r->verbose) {
        va_start(ap, fmt);
        printf("!! invalid: ");
        vprintf(fmt, ap);
        printf("\n");
        fflush(stdout);
        va_end(ap);
    }
}

void record_session_end(struct recorder *r)
{
    r->sessions++;
    write_counter(r, "sessions", r->sessions);
}

void trace(const struct recorder *r, const char *fmt, ...)
{
    if (!r->verbose)
        return;
    va_list ap;
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    putchar('\n');
    fflush(stdout);
}

const char *trace_name(const char *name)
{
    static const char *const roots[] = {"InternetGatewayDevice.", "Device."};
    for (size_t i = 0; i < sizeof(roots) / sizeof(roots[0]); i++) {
        size_t n = strlen(roots[i]);
        if (strncmp(name, roots[i], n) == 0 && name[n] != '\0')
            return name + n;
    }
    return name;
}
