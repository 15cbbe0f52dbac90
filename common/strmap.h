/* A map from strings to pointers (open addressing, FNV-1a): instance numbers, parameter
 * attributes, anything looked up by path or key many thousands of times in one session. */
#ifndef CWMP_STRMAP_H
#define CWMP_STRMAP_H

#include <stdbool.h>
#include <stddef.h>

struct strmap_slot {
    char *key; /* owned; NULL: empty; STRMAP_TOMBSTONE: deleted */
    void *value;
};

struct strmap {
    struct strmap_slot *slots;
    size_t cap;  /* a power of two, or 0 */
    size_t used; /* live entries */
    size_t dead; /* tombstones */
};

#define STRMAP_INIT                                                                                \
    {                                                                                              \
        NULL, 0, 0, 0                                                                              \
    }

void *strmap_get(const struct strmap *m, const char *key);
/* Sets key to value; returns the previous value (NULL when new). */
void *strmap_put(struct strmap *m, const char *key, void *value);
/* Removes key; returns its value (NULL when absent). */
void *strmap_del(struct strmap *m, const char *key);
size_t strmap_count(const struct strmap *m);
/* Iteration: *pos starts at 0; returns false at the end. Entries must not be added meanwhile. */
bool strmap_next(const struct strmap *m, size_t *pos, const char **key, void **value);
/* Frees the map's keys and slots; the values are the caller's (free them first if owned). */
void strmap_free(struct strmap *m);

#endif
