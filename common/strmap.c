#include "strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

static char tombstone;
#define TOMB (&tombstone)

static uint64_t hash(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ull;
    }
    return h;
}

/* The slot holding key, or the slot where it would go. */
static struct strmap_slot *find(const struct strmap *m, const char *key, bool for_insert)
{
    size_t mask = m->cap - 1, i = (size_t)hash(key) & mask;
    struct strmap_slot *first_tomb = NULL;
    for (;;) {
        struct strmap_slot *s = &m->slots[i];
        if (!s->key)
            return for_insert && first_tomb ? first_tomb : s;
        if (s->key == TOMB) {
            if (!first_tomb)
                first_tomb = s;
        } else if (!strcmp(s->key, key)) {
            return s;
        }
        i = (i + 1) & mask;
    }
}

static void grow(struct strmap *m)
{
    size_t ncap = m->cap ? m->cap * 2 : 16;
    if ((m->used + 1) * 2 < m->cap)
        ncap = m->cap; /* only tombstones to clear */
    struct strmap old = *m;
    m->slots = xcalloc(ncap, sizeof *m->slots);
    m->cap = ncap;
    m->used = 0;
    m->dead = 0;
    for (size_t i = 0; i < old.cap; i++) {
        struct strmap_slot *s = &old.slots[i];
        if (s->key && s->key != TOMB) {
            struct strmap_slot *d = find(m, s->key, true);
            *d = *s;
            m->used++;
        }
    }
    free(old.slots);
}

void *strmap_get(const struct strmap *m, const char *key)
{
    if (m->cap == 0)
        return NULL;
    struct strmap_slot *s = find(m, key, false);
    return s->key ? s->value : NULL;
}

void *strmap_put(struct strmap *m, const char *key, void *value)
{
    if ((m->used + m->dead + 1) * 4 >= m->cap * 3)
        grow(m);
    struct strmap_slot *s = find(m, key, false);
    if (s->key) {
        void *old = s->value;
        s->value = value;
        return old;
    }
    s = find(m, key, true);
    if (s->key == TOMB)
        m->dead--;
    s->key = xstrdup(key);
    s->value = value;
    m->used++;
    return NULL;
}

void *strmap_del(struct strmap *m, const char *key)
{
    if (m->cap == 0)
        return NULL;
    struct strmap_slot *s = find(m, key, false);
    if (!s->key)
        return NULL;
    void *v = s->value;
    free(s->key);
    s->key = TOMB;
    s->value = NULL;
    m->used--;
    m->dead++;
    return v;
}

size_t strmap_count(const struct strmap *m)
{
    return m->used;
}

bool strmap_next(const struct strmap *m, size_t *pos, const char **key, void **value)
{
    for (; *pos < m->cap; (*pos)++) {
        struct strmap_slot *s = &m->slots[*pos];
        if (s->key && s->key != TOMB) {
            *key = s->key;
            *value = s->value;
            (*pos)++;
            return true;
        }
    }
    return false;
}

void strmap_free(struct strmap *m)
{
    for (size_t i = 0; i < m->cap; i++)
        if (m->slots[i].key && m->slots[i].key != TOMB)
            free(m->slots[i].key);
    free(m->slots);
    memset(m, 0, sizeof *m);
}
