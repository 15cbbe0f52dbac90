/* Helpers every fuzz target may use, with no dependency on the agent. */
#include "harness.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "xalloc.h"

#if defined(__SANITIZE_ADDRESS__)
#define FUZZ_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define FUZZ_SANITIZED 1
#endif
#endif
#ifndef FUZZ_SANITIZED
#define FUZZ_SANITIZED 0
#endif
#if FUZZ_SANITIZED
#include <sanitizer/common_interface_defs.h>
#endif

char *fuzz_cstr(const uint8_t *data, size_t size)
{
    /* An exact-size copy, so that the sanitizers catch a parser reading past the terminator. */
    return xstrndup((const char *)data, size);
}

static void remove_temp_dir(void);

void fuzz_fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("\n*** fuzz property violated: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputs("\n", stderr);
    va_end(ap);
    fflush(stderr);
    /* abort() skips atexit: the directory would stay behind, one per finding under -fork. */
    remove_temp_dir();
    abort();
}

static char temp_dir[PATH_MAX];

/* TMPDIR when the user chose one, else /dev/shm: the agent fsyncs its state files, which costs
 * nothing on a tmpfs and a great deal of fuzzing speed on a disk. */
static const char *temp_base(void)
{
    const char *t = getenv("TMPDIR");
    if (t && *t)
        return t;
    struct stat st;
    if (stat("/dev/shm", &st) == 0 && S_ISDIR(st.st_mode) && access("/dev/shm", W_OK) == 0)
        return "/dev/shm";
    return "/tmp";
}

/* Removes dir and what it holds: whatever the targets and the agent wrote, temporary files of
 * file_write_atomic included, and the agent's flash/ directory (depth bounds the descent). */
static int remove_tree(const char *dir, int depth)
{
    DIR *d = opendir(dir);
    if (d) {
        for (struct dirent *e; (e = readdir(d));) {
            if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
                continue;
            char path[PATH_MAX + 256];
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            if (unlink(path) < 0 && (errno == EISDIR || errno == EPERM) && depth > 0)
                remove_tree(path, depth - 1);
        }
        closedir(d);
    }
    return rmdir(dir);
}

static void remove_temp_dir(void)
{
    if (!temp_dir[0])
        return;
    if (remove_tree(temp_dir, 2) < 0)
        fprintf(stderr, "fuzz: cannot remove %s: %s\n", temp_dir, strerror(errno));
    temp_dir[0] = '\0';
}

const char *fuzz_temp_dir(void)
{
    if (temp_dir[0])
        return temp_dir;
    snprintf(temp_dir, sizeof temp_dir, "%s/cwmpd-fuzz-XXXXXX", temp_base());
    if (!mkdtemp(temp_dir)) {
        fprintf(stderr, "fuzz: mkdtemp %s: %s\n", temp_dir, strerror(errno));
        abort();
    }
    atexit(remove_temp_dir);
#if FUZZ_SANITIZED
    /* A sanitizer's report ends the process without atexit either. */
    __sanitizer_set_death_callback(remove_temp_dir);
#endif
    return temp_dir;
}

const char *fuzz_write_file(const char *name, const uint8_t *data, size_t size)
{
    static char path[PATH_MAX + 256];
    snprintf(path, sizeof path, "%s/%s", fuzz_temp_dir(), name);
    /* Plain writes, no fsync: the parsers read the page cache all the same. */
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        fuzz_fail("cannot create %s: %s", path, strerror(errno));
    for (size_t done = 0; done < size;) {
        ssize_t n = write(fd, data + done, size - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            fuzz_fail("cannot write %s: %s", path, strerror(errno));
        done += (size_t)n;
    }
    if (close(fd) < 0)
        fuzz_fail("cannot write %s: %s", path, strerror(errno));
    return path;
}
