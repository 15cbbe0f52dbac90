/* Where the file server keeps an upload while it arrives: a temporary file next to its final name,
 * renamed into place once the whole body is in, so that a test never reads a torn upload and an
 * interrupted one leaves nothing behind. No HTTP here. */
#ifndef TESTACS_UPLOAD_H
#define TESTACS_UPLOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct upload {
    int fd;
    char *tmp;  /* the temporary file, "" once renamed */
    char *dest; /* the final name */
    uint64_t bytes;
    uint64_t max;
    bool existed; /* dest was there before: a replacement */
    bool too_big; /* more than max bytes came: the rest is counted, not written */
    int error;    /* errno of the first failed write, 0 when none */
};

/* Opens a temporary file for dir/name, creating the directories of name under dir. Returns NULL
 * with errno set when it cannot. */
struct upload *upload_open(const char *dir, const char *name, uint64_t max);

/* Writes what arrived (everything, or nothing once too_big or error is set). */
void upload_write(struct upload *u, const char *data, size_t len);

/* Renames the temporary file to its final name. Returns 0, or an errno. */
int upload_commit(struct upload *u);

/* Closes, removes the temporary file unless committed, frees. */
void upload_free(struct upload *u);

#endif
