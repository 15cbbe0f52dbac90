/* A buffer the unit tests build packets in (DHCP messages, their options), byte by byte in
 * network order. Static functions: each test that includes it gets its own copy. */
#ifndef CWMP_UNIT_BUF_H
#define CWMP_UNIT_BUF_H

#include <check.h>
#include <stdint.h>
#include <string.h>

struct buf {
    uint8_t b[2048];
    size_t n;
};

static inline void put(struct buf *b, const void *p, size_t n)
{
    ck_assert_uint_le(b->n + n, sizeof b->b);
    memcpy(b->b + b->n, p, n);
    b->n += n;
}

static inline void put8(struct buf *b, uint8_t v)
{
    put(b, &v, 1);
}

static inline void put16(struct buf *b, unsigned v)
{
    put8(b, (uint8_t)(v >> 8));
    put8(b, (uint8_t)v);
}

static inline void put32(struct buf *b, uint32_t v)
{
    put16(b, v >> 16);
    put16(b, v & 0xffff);
}

/* A DHCPv4 option: code, length, value. */
static inline void put_opt(struct buf *b, uint8_t code, const void *v, size_t n)
{
    put8(b, code);
    put8(b, (uint8_t)n);
    put(b, v, n);
}

#endif
