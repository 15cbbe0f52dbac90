#include "ctl_proto.h"

#include <string.h>

#include "xalloc.h"

bool ctl_type_known(uint8_t type)
{
    switch (type) {
    case CTL_HELLO:
    case CTL_EXEC:
    case CTL_HELP:
    case CTL_COMPLETE:
    case CTL_INPUT:
    case CTL_PING:
    case CTL_ABORT:
    case CTL_OUTPUT:
    case CTL_DONE:
    case CTL_PROMPT:
    case CTL_ASYNC:
    case CTL_COMPLETION:
    case CTL_PONG:
        return true;
    default:
        return false;
    }
}

enum ctl_parse_result ctl_frame_parse(const uint8_t *buf, size_t len, struct ctl_frame *frame,
                                      size_t *consumed)
{
    if (len < CTL_HEADER_SIZE)
        return CTL_PARSE_NEED_MORE;
    uint32_t plen =
        (uint32_t)buf[1] << 24 | (uint32_t)buf[2] << 16 | (uint32_t)buf[3] << 8 | (uint32_t)buf[4];
    if (!ctl_type_known(buf[0]) || plen > CTL_MAX_PAYLOAD)
        return CTL_PARSE_ERROR;
    if (len - CTL_HEADER_SIZE < plen)
        return CTL_PARSE_NEED_MORE;
    frame->type = buf[0];
    frame->len = plen;
    frame->payload = buf + CTL_HEADER_SIZE;
    *consumed = CTL_HEADER_SIZE + plen;
    return CTL_PARSE_FRAME;
}

int ctl_drain(struct strbuf *in, int (*on_frame)(void *arg, const struct ctl_frame *f), void *arg)
{
    size_t used = 0;
    int rc = 0;
    while (rc == 0) {
        struct ctl_frame f;
        size_t consumed;
        enum ctl_parse_result pr =
            ctl_frame_parse((const uint8_t *)in->buf + used, in->len - used, &f, &consumed);
        if (pr == CTL_PARSE_NEED_MORE)
            break;
        if (pr == CTL_PARSE_ERROR) {
            rc = -1;
            break;
        }
        used += consumed;
        rc = on_frame(arg, &f);
    }
    sb_consume(in, used);
    return rc;
}

void ctl_writer_init(struct ctl_writer *w)
{
    sb_init(&w->payload);
}

void ctl_w_u8(struct ctl_writer *w, uint8_t v)
{
    sb_append(&w->payload, &v, 1);
}

void ctl_w_u16(struct ctl_writer *w, uint16_t v)
{
    uint8_t b[2] = {(uint8_t)(v >> 8), (uint8_t)v};
    sb_append(&w->payload, b, sizeof b);
}

void ctl_w_u32(struct ctl_writer *w, uint32_t v)
{
    uint8_t b[4] = {(uint8_t)(v >> 24), (uint8_t)(v >> 16), (uint8_t)(v >> 8), (uint8_t)v};
    sb_append(&w->payload, b, sizeof b);
}

void ctl_w_str(struct ctl_writer *w, const char *s, size_t len)
{
    ctl_w_u32(w, (uint32_t)len);
    sb_append(&w->payload, s, len);
}

void ctl_w_cstr(struct ctl_writer *w, const char *s)
{
    ctl_w_str(w, s ? s : "", s ? strlen(s) : 0);
}

static void put_header(struct strbuf *out, uint8_t type, size_t len)
{
    uint8_t h[CTL_HEADER_SIZE] = {type, (uint8_t)(len >> 24), (uint8_t)(len >> 16),
                                  (uint8_t)(len >> 8), (uint8_t)len};
    sb_append(out, h, sizeof h);
}

void ctl_writer_finish(struct ctl_writer *w, uint8_t type, struct strbuf *out)
{
    put_header(out, type, w->payload.len);
    sb_append(out, w->payload.buf ? w->payload.buf : "", w->payload.len);
    sb_free(&w->payload);
}

void ctl_put_bytes(struct strbuf *out, uint8_t type, const char *data, size_t len)
{
    do {
        size_t chunk = len > CTL_MAX_PAYLOAD ? CTL_MAX_PAYLOAD : len;
        put_header(out, type, chunk);
        sb_append(out, data, chunk);
        data += chunk;
        len -= chunk;
    } while (len > 0);
}

void ctl_reader_init(struct ctl_reader *r, const struct ctl_frame *frame)
{
    r->p = frame->payload;
    r->left = frame->len;
    r->error = false;
}

static const uint8_t *take(struct ctl_reader *r, size_t n)
{
    if (r->error || r->left < n) {
        r->error = true;
        return NULL;
    }
    const uint8_t *p = r->p;
    r->p += n;
    r->left -= n;
    return p;
}

uint8_t ctl_r_u8(struct ctl_reader *r)
{
    const uint8_t *p = take(r, 1);
    return p ? p[0] : 0;
}

uint16_t ctl_r_u16(struct ctl_reader *r)
{
    const uint8_t *p = take(r, 2);
    return p ? (uint16_t)(p[0] << 8 | p[1]) : 0;
}

uint32_t ctl_r_u32(struct ctl_reader *r)
{
    const uint8_t *p = take(r, 4);
    return p ? (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3] : 0;
}

char *ctl_r_cstr(struct ctl_reader *r, size_t max)
{
    uint32_t len = ctl_r_u32(r);
    if (r->error)
        return NULL;
    if (len > max) {
        r->error = true;
        return NULL;
    }
    const uint8_t *p = take(r, len);
    if (!p)
        return NULL;
    if (memchr(p, '\0', len)) {
        r->error = true;
        return NULL;
    }
    return xstrndup((const char *)p, len);
}

bool ctl_reader_done(const struct ctl_reader *r)
{
    return !r->error && r->left == 0;
}
