#include "upload.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileio.h"
#include "strbuf.h"
#include "xalloc.h"

struct upload *upload_open(const char *dir, const char *name, uint64_t max)
{
    struct strbuf dest = STRBUF_INIT, tmp = STRBUF_INIT;
    sb_printf(&dest, "%s/%s", dir, name);
    /* The temporary file goes in the same directory, so that the rename is atomic. */
    const char *slash = strrchr(sb_str(&dest), '/');
    size_t dirlen = (size_t)(slash - sb_str(&dest));
    sb_printf(&tmp, "%.*s/.upload-%s.XXXXXX", (int)dirlen, sb_str(&dest), slash + 1);
    char *parent = xstrndup(sb_str(&dest), dirlen);
    int rc = dir_create_all(parent, 0755);
    free(parent);
    int fd = rc < 0 ? -1 : mkostemp(tmp.buf, O_CLOEXEC);
    if (fd < 0) {
        int saved = rc < 0 ? -rc : errno;
        sb_free(&dest);
        sb_free(&tmp);
        errno = saved;
        return NULL;
    }
    /* mkstemp makes it 0600; an upload is kept like any file a server stores. */
    fchmod(fd, 0644);
    struct upload *u = xcalloc(1, sizeof(*u));
    u->fd = fd;
    u->tmp = sb_detach(&tmp);
    u->dest = sb_detach(&dest);
    u->max = max;
    struct stat st;
    u->existed = stat(u->dest, &st) == 0;
    return u;
}

void upload_write(struct upload *u, const char *data, size_t len)
{
    u->bytes += len;
    if (u->bytes > u->max)
        u->too_big = true;
    if (u->too_big || u->error != 0)
        return;
    while (len > 0) {
        ssize_t n = write(u->fd, data, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            u->error = n < 0 ? errno : EIO;
            return;
        }
        data += n;
        len -= (size_t)n;
    }
}

int upload_commit(struct upload *u)
{
    /* No fsync: a test needs the whole file under its name, not crash safety (as record.c). */
    int rc = close(u->fd) == 0 ? 0 : errno;
    u->fd = -1;
    if (rc == 0 && rename(u->tmp, u->dest) != 0)
        rc = errno;
    if (rc == 0)
        u->tmp[0] = '\0';
    return rc;
}

void upload_free(struct upload *u)
{
    if (u == NULL)
        return;
    if (u->fd >= 0)
        close(u->fd);
    if (u->tmp[0] != '\0')
        unlink(u->tmp);
    free(u->tmp);
    free(u->dest);
    free(u);
}
