/* The record of how cwmpd's last life ended: three lines, the kind, the phrase of IOS's "returned
 * to ROM by", the reload reason; then the time it ended, in seconds since the epoch. */
#include "restart_record.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fileio.h"

static const char *const how_names[] = {"power-on", "running", "reload", "stop"};

#define RECORD_MAX 512

static void copy_line(char *dst, size_t cap, const char *src, size_t len)
{
    if (len >= cap)
        len = cap - 1;
    memcpy(dst, src, len);
    dst[len] = '\0';
}

void restart_record_read(const char *path, struct restart_record *r)
{
    memset(r, 0, sizeof *r);
    r->how = RESTART_POWER_ON;
    char *text = NULL;
    size_t len = 0;
    if (file_read_all(path, RECORD_MAX, &text, &len) < 0)
        return;
    const char *line[4] = {0};
    size_t llen[4] = {0};
    const char *p = text;
    for (int i = 0; i < 4 && *p; i++) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        line[i] = p;
        llen[i] = n;
        p += n + (nl != NULL);
    }
    for (size_t k = 0; line[0] && k < sizeof how_names / sizeof how_names[0]; k++)
        if (strlen(how_names[k]) == llen[0] && !memcmp(line[0], how_names[k], llen[0]))
            r->how = (enum restart_how)k;
    if (line[1])
        copy_line(r->by, sizeof r->by, line[1], llen[1]);
    if (line[2])
        copy_line(r->reason, sizeof r->reason, line[2], llen[2]);
    if (line[3])
        r->at = (time_t)strtoll(line[3], NULL, 10);
    free(text);
}

int restart_record_write(const char *path, const struct restart_record *r)
{
    char text[RECORD_MAX];
    int n = snprintf(text, sizeof text, "%s\n%s\n%s\n%lld\n", how_names[r->how], r->by, r->reason,
                     (long long)r->at);
    if (n < 0 || (size_t)n >= sizeof text)
        return -EOVERFLOW;
    return file_write_atomic(path, text, (size_t)n, 0600);
}
