/* The file: a version line, the last timestamp accepted, then the ids remembered, the oldest
 * first, each a percent-encoded field:
 *
 *   udp-cr-replay 1
 *   ts 1120673700
 *   id ID
 */
#include "udp_cr_replay.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "field.h"
#include "fileio.h"

#define REPLAY_FILE_MAX (UDP_CR_IDS * (3 * UDP_CR_VALUE_MAX + 8) + 64)

int udp_cr_replay_save(const char *path, const struct udp_cr_replay *rp)
{
    struct strbuf t = STRBUF_INIT;
    sb_puts(&t, "udp-cr-replay 1\n");
    if (rp->any)
        sb_printf(&t, "ts %llu\n", rp->last_ts);
    for (unsigned i = 0; i < UDP_CR_IDS; i++) {
        const char *id = rp->ids[(rp->next + i) % UDP_CR_IDS];
        if (!id[0])
            continue;
        sb_puts(&t, "id");
        field_put(&t, id);
        sb_putc(&t, '\n');
    }
    int rc = file_write_atomic(path, t.buf, t.len, 0600);
    sb_free(&t);
    return rc;
}

static bool load_line(struct udp_cr_replay *rp, char *line)
{
    if (!strcmp(line, "udp-cr-replay 1"))
        return true;
    if (!strncmp(line, "ts ", 3)) {
        const char *v = line + 3;
        char *end;
        errno = 0;
        unsigned long long ts = strtoull(v, &end, 10);
        if (*v < '0' || *v > '9' || *end || errno)
            return false;
        rp->any = true;
        rp->last_ts = ts;
        return true;
    }
    if (!strncmp(line, "id ", 3)) {
        char *v = line + 3;
        if (strchr(v, ' '))
            return false; /* one field */
        long n = field_decode(v);
        if (n <= 0 || n > UDP_CR_VALUE_MAX)
            return false;
        memcpy(rp->ids[rp->next], v, (size_t)n + 1);
        rp->next = (rp->next + 1) % UDP_CR_IDS;
        return true;
    }
    return false;
}

int udp_cr_replay_load(const char *path, struct udp_cr_replay *rp, struct strbuf *err)
{
    memset(rp, 0, sizeof *rp);
    char *text;
    size_t len;
    int rc = file_read_all(path, REPLAY_FILE_MAX, &text, &len);
    if (rc == -ENOENT)
        return 0;
    if (rc < 0) {
        sb_printf(err, "cannot read %s: %s", path, strerror(-rc));
        return -1;
    }
    int lineno = 0;
    for (char *line = text, *next; *line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        else
            next = line + strlen(line);
        lineno++;
        if (!*line)
            continue;
        if (!load_line(rp, line)) {
            sb_printf(err, "%s line %d is not understood", path, lineno);
            free(text);
            return -1;
        }
    }
    free(text);
    return 0;
}
