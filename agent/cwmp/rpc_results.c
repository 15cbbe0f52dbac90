/* Results of a read, recorded compactly and written as XML while sent (rpc_results.h).
 *
 * A record: a head byte (how many leading instance numbers equal the previous record's, the
 * kind's flags or the value's form, whether the node is the one after the previous record's, as
 * a walk mostly goes), else the node's index as the difference from the previous record's, the
 * other instance numbers, and for values their payload: nothing for true, false and "", the
 * number of a decimal, the four bytes of an address, else the escaped text with its length. A
 * port mapping's eight parameters take about 25 bytes. Numbers are LEB128 varints. */
#include "rpc_results.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "strbuf.h"
#include "xalloc.h"

/* Blocks are mapped and unmapped whole, so that the memory of a large read goes back to the
 * system as soon as its answer is sent, whatever the allocator keeps. */
#define BLOCK_SIZE (64u * 1024u)
struct block {
    struct block *next;
    size_t used;
    unsigned char data[];
};
#define BLOCK_ROOM (BLOCK_SIZE - offsetof(struct block, data))

/* Where a reading of the records is. */
struct cursor {
    const struct block *b;
    size_t off;
    unsigned prev_index;
    unsigned prev_num[DM_MAX_DEPTH];
    size_t done; /* records read */
};

struct results {
    const struct dm *dm;
    enum results_kind kind;
    struct block *first, *last;
    size_t count;
    uint64_t xml_len;
    unsigned prev_index, prev_depth;
    unsigned prev_num[DM_MAX_DEPTH];
    struct strbuf scratch;
    struct cursor at; /* the stream's position */
};

struct results *results_new(const struct dm *d, enum results_kind kind)
{
    struct results *r = xcalloc(1, sizeof *r);
    r->dm = d;
    r->kind = kind;
    return r;
}

void results_free(struct results *r)
{
    if (!r)
        return;
    for (struct block *b = r->first, *next; b; b = next) {
        next = b->next;
        munmap(b, BLOCK_SIZE);
    }
    sb_free(&r->scratch);
    free(r);
}

static void put(struct results *r, const void *data, size_t len)
{
    const unsigned char *p = data;
    while (len > 0) {
        if (!r->last || r->last->used == BLOCK_ROOM) {
            void *m =
                mmap(NULL, BLOCK_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
            if (m == MAP_FAILED) {
                /* As xmalloc does: out of memory is not a state cwmpd goes on in. */
                fprintf(stderr, "out of memory mapping %u bytes\n", BLOCK_SIZE);
                abort();
            }
            struct block *b = m;
            b->next = NULL;
            b->used = 0;
            if (r->last)
                r->last->next = b;
            else
                r->first = b;
            r->last = b;
        }
        size_t n = BLOCK_ROOM - r->last->used;
        if (n > len)
            n = len;
        memcpy(r->last->data + r->last->used, p, n);
        r->last->used += n;
        p += n;
        len -= n;
    }
}

static void put_varint(struct results *r, uint64_t v)
{
    unsigned char buf[10];
    size_t n = 0;
    do {
        buf[n] = (unsigned char)(v & 0x7f);
        v >>= 7;
        if (v)
            buf[n] |= 0x80;
        n++;
    } while (v);
    put(r, buf, n);
}

static void get(struct cursor *c, void *data, size_t len)
{
    unsigned char *p = data;
    while (len > 0) {
        if (c->off == c->b->used) {
            c->b = c->b->next;
            c->off = 0;
        }
        size_t n = c->b->used - c->off;
        if (n > len)
            n = len;
        memcpy(p, c->b->data + c->off, n);
        c->off += n;
        p += n;
        len -= n;
    }
}

static uint64_t get_varint(struct cursor *c)
{
    uint64_t v = 0;
    for (unsigned shift = 0;; shift += 7) {
        unsigned char byte;
        get(c, &byte, 1);
        v |= (uint64_t)(byte & 0x7f) << shift;
        if (!(byte & 0x80) || shift >= 63)
            return v;
    }
}

/* The markup around each kind's parts. */
#define PVS_OPEN   "<ParameterValueStruct><Name>"
#define PVS_TYPE   "</Name><Value xsi:type=\""
#define PVS_VALUE  "\">"
#define PVS_CLOSE  "</Value></ParameterValueStruct>"
#define PIS_OPEN   "<ParameterInfoStruct><Name>"
#define PIS_MID    "</Name><Writable>"
#define PIS_CLOSE  "</Writable></ParameterInfoStruct>"
#define PAS_OPEN   "<ParameterAttributeStruct><Name>"
#define PAS_NOTIFY "</Name><Notification>"
#define PAS_ACCESS "</Notification><AccessList soap-enc:arrayType=\"xsd:string["
#define PAS_LIST   "]\">"
#define PAS_SUBSCR "<string>Subscriber</string>"
#define PAS_CLOSE  "</AccessList></ParameterAttributeStruct>"
#define LIT(s)     (sizeof s - 1)

static uint64_t markup_len(const struct dm_node *n, enum results_kind kind, unsigned flags)
{
    switch (kind) {
    case RESULTS_VALUES:
        return LIT(PVS_OPEN) + LIT(PVS_TYPE) + strlen(dm_xsd_type(n->def->type)) + LIT(PVS_VALUE) +
               LIT(PVS_CLOSE);
    case RESULTS_NAMES:
        return LIT(PIS_OPEN) + LIT(PIS_MID) + (flags ? 4 : 5) + LIT(PIS_CLOSE);
    case RESULTS_ATTRIBUTES:
        return LIT(PAS_OPEN) + LIT(PAS_NOTIFY) + 1 + LIT(PAS_ACCESS) + 1 + LIT(PAS_LIST) +
               (flags & RESULTS_SUBSCRIBER ? LIT(PAS_SUBSCR) : 0) + LIT(PAS_CLOSE);
    }
    return 0;
}

/* How a value is kept (VALUES): most are numbers, booleans, addresses or empty, which take no
 * text at all. The XML written back is the text read, byte for byte: a form is used only for a
 * text it gives back exactly. */
enum form {
    FORM_TEXT,   /* varint length, then the escaped text */
    FORM_NUMBER, /* a decimal number without leading zeros: its varint */
    FORM_TRUE,
    FORM_FALSE,
    FORM_IPV4, /* a dotted quad written as inet_ntop writes it: its four bytes */
    FORM_EMPTY,
};

static bool as_number(const char *v, size_t len, uint64_t *out)
{
    if (len == 0 || len > 19 || (len > 1 && v[0] == '0'))
        return false;
    uint64_t n = 0;
    for (size_t i = 0; i < len; i++) {
        if (v[i] < '0' || v[i] > '9')
            return false;
        n = n * 10 + (uint64_t)(v[i] - '0');
    }
    *out = n;
    return true;
}

static bool as_ipv4(const char *v, size_t len, unsigned char out[4])
{
    size_t i = 0;
    for (int part = 0; part < 4; part++) {
        if (part > 0) {
            if (i >= len || v[i] != '.')
                return false;
            i++;
        }
        size_t start = i;
        unsigned n = 0;
        while (i < len && v[i] >= '0' && v[i] <= '9' && i - start < 3)
            n = n * 10 + (unsigned)(v[i++] - '0');
        if (i == start || n > 255 || (i - start > 1 && v[start] == '0'))
            return false;
        out[part] = (unsigned char)n;
    }
    return i == len;
}

/* The form a value is kept in (and its number or address when it is one). */
struct kept_value {
    enum form form;
    uint64_t number;
    unsigned char ip[4];
};

static void classify(const char *value, size_t len, struct kept_value *k)
{
    if (len == 0)
        k->form = FORM_EMPTY;
    else if (len == 4 && !memcmp(value, "true", 4))
        k->form = FORM_TRUE;
    else if (len == 5 && !memcmp(value, "false", 5))
        k->form = FORM_FALSE;
    else if (as_number(value, len, &k->number))
        k->form = FORM_NUMBER;
    else if (len >= 7 && len <= 15 && as_ipv4(value, len, k->ip))
        k->form = FORM_IPV4;
    else
        k->form = FORM_TEXT;
}

/* Writes a value's payload; returns the length of its XML text. */
static uint64_t put_value(struct results *r, const struct kept_value *k, const char *value,
                          size_t len)
{
    switch (k->form) {
    case FORM_NUMBER:
        put_varint(r, k->number);
        return len;
    case FORM_IPV4:
        put(r, k->ip, 4);
        return len;
    case FORM_TEXT:
        sb_reset(&r->scratch);
        soap_escape_text(value, len, &r->scratch);
        put_varint(r, r->scratch.len);
        put(r, r->scratch.buf, r->scratch.len);
        return r->scratch.len;
    case FORM_TRUE:
    case FORM_FALSE:
    case FORM_EMPTY:
        break;
    }
    return len;
}

/* The head byte: how many instance numbers are the previous record's (3 bits), the kind's flags
 * or the value's form (3 bits), and whether the node is the one after the previous record's (no
 * difference follows). */
#define HEAD_SAME(h)  ((h)&7u)
#define HEAD_EXTRA(h) (((h) >> 3) & 7u)
#define HEAD_NEXT     0x40u

void results_add(struct results *r, const struct dm_item *it, const char *value, size_t len,
                 unsigned flags)
{
    const struct dm_node *n = it->node;
    unsigned depth = n->depth;
    unsigned same = 0;
    /* Only the previous record's own numbers count: beyond its depth the reader has others. */
    while (same < depth && same < r->prev_depth && it->inst.num[same] == r->prev_num[same])
        same++;
    bool next = r->count > 0 && n->index == r->prev_index + 1;
    struct kept_value k = {.form = FORM_EMPTY};
    if (r->kind == RESULTS_VALUES) {
        classify(value, len, &k);
        flags = k.form;
    }
    unsigned char head = (unsigned char)(same | (flags & 7u) << 3 | (next ? HEAD_NEXT : 0u));
    put(r, &head, 1);
    if (!next) {
        /* The difference of indexes, zigzagged: small either way. */
        int64_t delta = (int64_t)n->index - (int64_t)r->prev_index;
        put_varint(r, ((uint64_t)delta << 1) ^ (delta < 0 ? UINT64_MAX : 0u));
    }
    for (unsigned i = same; i < depth; i++)
        put_varint(r, it->inst.num[i]);
    memcpy(r->prev_num, it->inst.num, sizeof r->prev_num);
    r->prev_index = n->index;
    r->prev_depth = depth;
    uint64_t value_xml = r->kind == RESULTS_VALUES ? put_value(r, &k, value, len) : 0;
    r->xml_len += markup_len(n, r->kind, flags) + dm_node_path_len(n, it->inst.num) + value_xml;
    r->count++;
}

size_t results_count(const struct results *r)
{
    return r->count;
}

uint64_t results_xml_len(const struct results *r)
{
    return r->xml_len;
}

static void put_ipv4(struct strbuf *out, const unsigned char b[4])
{
    for (int i = 0; i < 4; i++) {
        if (i)
            sb_putc(out, '.');
        sb_putu(out, b[i]);
    }
}

/* Writes the next record's XML to out. */
static void write_next(struct results *r, struct strbuf *out)
{
    struct cursor *c = &r->at;
    unsigned char head;
    get(c, &head, 1);
    unsigned index = c->prev_index + 1;
    if (!(head & HEAD_NEXT)) {
        uint64_t z = get_varint(c);
        int64_t delta = (int64_t)(z >> 1) ^ -(int64_t)(z & 1u);
        index = (unsigned)((int64_t)c->prev_index + delta);
    }
    const struct dm_node *n = index < r->dm->nnodes ? r->dm->nodes[index] : r->dm->root;
    unsigned same = HEAD_SAME(head), flags = HEAD_EXTRA(head);
    for (unsigned i = same; i < n->depth && i < DM_MAX_DEPTH; i++)
        c->prev_num[i] = (unsigned)get_varint(c);
    c->prev_index = index;
    switch (r->kind) {
    case RESULTS_VALUES: {
        sb_append(out, PVS_OPEN, LIT(PVS_OPEN));
        dm_node_path(n, c->prev_num, out);
        sb_append(out, PVS_TYPE, LIT(PVS_TYPE));
        sb_puts(out, dm_xsd_type(n->def->type));
        sb_append(out, PVS_VALUE, LIT(PVS_VALUE));
        switch ((enum form)flags) {
        case FORM_TEXT: {
            size_t len = (size_t)get_varint(c);
            size_t at = out->len;
            sb_reserve(out, len);
            get(c, out->buf + at, len);
            out->len = at + len;
            out->buf[out->len] = '\0';
            break;
        }
        case FORM_NUMBER:
            sb_putu(out, get_varint(c));
            break;
        case FORM_TRUE:
            sb_append(out, "true", 4);
            break;
        case FORM_FALSE:
            sb_append(out, "false", 5);
            break;
        case FORM_IPV4: {
            unsigned char ip[4];
            get(c, ip, 4);
            put_ipv4(out, ip);
            break;
        }
        case FORM_EMPTY:
            break;
        }
        sb_append(out, PVS_CLOSE, LIT(PVS_CLOSE));
        break;
    }
    case RESULTS_NAMES:
        sb_append(out, PIS_OPEN, LIT(PIS_OPEN));
        dm_node_path(n, c->prev_num, out);
        sb_append(out, PIS_MID, LIT(PIS_MID));
        sb_puts(out, flags ? "true" : "false");
        sb_append(out, PIS_CLOSE, LIT(PIS_CLOSE));
        break;
    case RESULTS_ATTRIBUTES:
        sb_append(out, PAS_OPEN, LIT(PAS_OPEN));
        dm_node_path(n, c->prev_num, out);
        sb_append(out, PAS_NOTIFY, LIT(PAS_NOTIFY));
        sb_putc(out, (char)('0' + (flags & 3u)));
        sb_append(out, PAS_ACCESS, LIT(PAS_ACCESS));
        sb_putc(out, flags & RESULTS_SUBSCRIBER ? '1' : '0');
        sb_append(out, PAS_LIST, LIT(PAS_LIST));
        if (flags & RESULTS_SUBSCRIBER)
            sb_append(out, PAS_SUBSCR, LIT(PAS_SUBSCR));
        sb_append(out, PAS_CLOSE, LIT(PAS_CLOSE));
        break;
    }
    c->done++;
}

/* Pieces of about 16 KiB: large enough to fill a socket's buffer in a few calls, small enough
 * that the stream's own memory does not count. */
#define PIECE 16384u

static void stream_rewind(void *state)
{
    struct results *r = state;
    memset(&r->at, 0, sizeof r->at);
    r->at.b = r->first;
}

static bool stream_fill(void *state, struct strbuf *out)
{
    struct results *r = state;
    if (r->at.done == 0 && !r->at.b)
        r->at.b = r->first;
    if (r->at.done >= r->count)
        return false;
    while (r->at.done < r->count && out->len < PIECE)
        write_next(r, out);
    return true;
}

static void stream_free(void *state)
{
    results_free(state);
}

const struct soap_stream_ops results_stream = {
    .fill = stream_fill,
    .rewind = stream_rewind,
    .free = stream_free,
};
