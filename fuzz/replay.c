/* A stand-in for libFuzzer's driver: feeds files to a target's LLVMFuzzerTestOneInput, so that
 * make check replays every corpus with any compiler (under gcc's ASan and UBSan with
 * ./configure --enable-sanitizers), and a crash found by libFuzzer can be rerun without clang.
 *
 *   fuzz/fuzz_TARGET [FILE|DIR]...
 *
 * Options starting with '-' (libFuzzer's) are ignored.
 * Without arguments it replays $srcdir/fuzz/corpus/TARGET, srcdir being set by Automake's test
 * harness. A directory is replayed file by file in name order (hidden files are skipped, and so
 * are subdirectories). The input is handed over in a buffer of its exact size, as libFuzzer does,
 * so that a read past its end is caught. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fileio.h"
#include "harness.h"
#include "xalloc.h"

#ifndef FUZZ_TARGET_NAME
#error "FUZZ_TARGET_NAME must name the target, as in fuzz/corpus/NAME"
#endif

/* The largest input replayed; libFuzzer's -max_len of every target is far below. */
#define REPLAY_MAX_INPUT (16u * 1024u * 1024u)

static int replay_file(const char *path, size_t *count)
{
    char *text;
    size_t len;
    int rc = file_read_all(path, REPLAY_MAX_INPUT, &text, &len);
    if (rc < 0) {
        fprintf(stderr, "%s: %s\n", path, strerror(-rc));
        return -1;
    }
    uint8_t *copy = xmalloc(len ? len : 1);
    memcpy(copy, text, len);
    free(text);
    fprintf(stderr, "Running: %s (%zu bytes)\n", path, len);
    LLVMFuzzerTestOneInput(copy, len);
    free(copy);
    (*count)++;
    return 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int replay_dir(const char *dir, size_t *count)
{
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "%s: %s\n", dir, strerror(errno));
        return -1;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    for (struct dirent *e; (e = readdir(d));) {
        if (e->d_name[0] == '.')
            continue;
        names = xgrow(names, &cap, n + 1, sizeof *names);
        names[n++] = xstrdup(e->d_name);
    }
    closedir(d);
    if (n > 0)
        qsort(names, n, sizeof *names, by_name);
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        size_t plen = strlen(dir) + strlen(names[i]) + 2;
        char *path = xmalloc(plen);
        snprintf(path, plen, "%s/%s", dir, names[i]);
        struct stat st;
        if (stat(path, &st) == 0 && S_ISREG(st.st_mode) && replay_file(path, count) < 0)
            rc = -1;
        free(path);
        free(names[i]);
    }
    free(names);
    return rc;
}

static int replay(const char *path, size_t *count)
{
    struct stat st;
    if (stat(path, &st) < 0) {
        fprintf(stderr, "%s: %s\n", path, strerror(errno));
        return -1;
    }
    return S_ISDIR(st.st_mode) ? replay_dir(path, count) : replay_file(path, count);
}

int main(int argc, char **argv)
{
    size_t count = 0;
    int rc = 0;
    int paths = 0;
    for (int i = 1; i < argc; i++) {
        /* libFuzzer's options (-runs=1, -max_len=...) are accepted and ignored, so that the same
         * command line reruns an input with either driver. */
        if (argv[i][0] == '-')
            continue;
        paths++;
        if (replay(argv[i], &count) < 0)
            rc = -1;
    }
    if (paths == 0) {
        const char *srcdir = getenv("srcdir");
        if (!srcdir) {
            fprintf(stderr,
                    "usage: %s FILE|DIR...\n(without arguments, srcdir must be set: the "
                    "corpus is $srcdir/fuzz/corpus/%s)\n",
                    argv[0], FUZZ_TARGET_NAME);
            return 99; /* Automake's hard error: the test could not run */
        }
        size_t plen = strlen(srcdir) + sizeof "/fuzz/corpus/" + strlen(FUZZ_TARGET_NAME);
        char *dir = xmalloc(plen);
        snprintf(dir, plen, "%s/fuzz/corpus/%s", srcdir, FUZZ_TARGET_NAME);
        rc = replay(dir, &count);
        free(dir);
    }
    /* An empty corpus would pass without testing anything: a misplaced path must fail. */
    if (rc == 0 && count == 0) {
        fprintf(stderr, "%s: no input to replay\n", FUZZ_TARGET_NAME);
        return 99;
    }
    fprintf(stderr, "%s: %zu input%s replayed\n", FUZZ_TARGET_NAME, count, count == 1 ? "" : "s");
    return rc < 0 ? 99 : 0;
}
