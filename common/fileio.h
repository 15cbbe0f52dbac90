/* Whole-file reads and crash-safe whole-file writes. */
#ifndef CWMP_FILEIO_H
#define CWMP_FILEIO_H

#include <stddef.h>
#include <sys/types.h>

/* Replaces path with data so that a crash or power cut at any instant leaves either the old or the
 * new content: a temporary file in the same directory, fsync, rename over path, fsync of the
 * directory. Returns 0, or a negative errno. */
int file_write_atomic(const char *path, const void *data, size_t len, mode_t mode);

/* Reads a whole file of at most max bytes into a newly allocated NUL-terminated buffer. Returns 0,
 * or a negative errno (-EFBIG when the file is larger than max). */
int file_read_all(const char *path, size_t max, char **data, size_t *len);

/* Creates a directory and its missing parents with the given mode. Returns 0 or a negative errno.
 */
int dir_create_all(const char *path, mode_t mode);

/* fsync of the directory that holds path: a rename into it is then on disk. Returns 0 or a
 * negative errno. */
int file_sync_parent(const char *path);

/* Removes the files of dir whose names start with prefix. Returns how many, or a negative errno. */
int dir_remove_prefixed(const char *dir, const char *prefix);

#endif
