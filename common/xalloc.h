/* Allocation helpers shared by every part of the project.
 *
 * cwmpd bounds every input that could make it allocate (frame sizes, line lengths, table sizes), so
 * running out of memory means the machine is in trouble, not that a peer sent something hostile.
 * In that case the only honest action is to stop: these helpers abort instead of making every
 * caller carry an error path that can never be tested. */
#ifndef CWMP_XALLOC_H
#define CWMP_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *ptr, size_t size);
/* Grows an array to hold at least `need` elements, doubling; updates *cap. */
void *xgrow(void *ptr, size_t *cap, size_t need, size_t elem_size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

#endif
