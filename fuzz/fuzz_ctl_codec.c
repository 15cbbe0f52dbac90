/* The control-socket codec (common/ctl_proto.c) on arbitrary bytes: frame splitting and the
 * payload reader, as both cwmpd and cwmpsh use them.
 *
 * Besides not crashing: ctl_frame_parse answers as ctl_proto.h says (a frame lies inside the
 * buffer, "need more" only for a short buffer, an error only for an unknown type or an oversized
 * payload), and every frame that decodes whole with its type's layout encodes back to the same
 * bytes with the writer. */
#include <stdlib.h>
#include <string.h>

#include "ctl_proto.h"
#include "harness.h"

static void check_same(const uint8_t *frame, size_t len, const struct strbuf *again, uint8_t type)
{
    if (again->len != len || memcmp(again->buf, frame, len) != 0)
        fuzz_fail("a frame of type %u (%zu bytes) does not encode back to itself", type, len);
}

/* Decodes the payload with the layout of its type; when that reads it whole, re-encodes it. */
static void roundtrip(const struct ctl_frame *f, const uint8_t *frame, size_t len)
{
    struct ctl_reader r;
    ctl_reader_init(&r, f);
    struct ctl_writer w;
    ctl_writer_init(&w);
    char *s1 = NULL, *s2 = NULL;
    struct strbuf again = STRBUF_INIT;
    switch (f->type) {
    case CTL_OUTPUT:
    case CTL_ASYNC:
        sb_free(&w.payload);
        ctl_put_bytes(&again, f->type, (const char *)f->payload, f->len);
        check_same(frame, len, &again, f->type);
        sb_free(&again);
        return;
    case CTL_HELLO:
        ctl_w_u32(&w, ctl_r_u32(&r));
        ctl_w_u8(&w, ctl_r_u8(&r));
        s1 = ctl_r_cstr(&r, 63);
        s2 = ctl_r_cstr(&r, 127);
        ctl_w_cstr(&w, s1);
        ctl_w_cstr(&w, s2);
        break;
    case CTL_EXEC:
    case CTL_HELP:
    case CTL_COMPLETE:
    case CTL_COMPLETION:
        s1 = ctl_r_cstr(&r, CTL_MAX_LINE);
        ctl_w_cstr(&w, s1);
        break;
    case CTL_INPUT:
    case CTL_PROMPT:
        ctl_w_u8(&w, ctl_r_u8(&r));
        s1 = ctl_r_cstr(&r, CTL_MAX_LINE);
        ctl_w_cstr(&w, s1);
        break;
    case CTL_DONE:
        ctl_w_u8(&w, ctl_r_u8(&r));
        ctl_w_u16(&w, ctl_r_u16(&r));
        s1 = ctl_r_cstr(&r, CTL_MAX_LINE);
        ctl_w_cstr(&w, s1);
        break;
    case CTL_PING:
    case CTL_PONG:
    case CTL_ABORT:
        break; /* no payload: whole only when empty */
    default:
        fuzz_fail("ctl_frame_parse returned a frame of unknown type %u", f->type);
    }
    bool whole = ctl_reader_done(&r);
    ctl_writer_finish(&w, f->type, &again);
    if (whole)
        check_same(frame, len, &again, f->type);
    sb_free(&again);
    free(s1);
    free(s2);
}

/* Arbitrary sequences of reads on one payload: a read past the end sets the error and yields
 * zeroes and NULL, and the error stays set. */
static void read_anyhow(const struct ctl_frame *f)
{
    struct ctl_reader r;
    ctl_reader_init(&r, f);
    for (size_t i = 0; i < f->len && i < 64; i++) {
        bool was_error = r.error;
        switch (f->payload[i] % 4u) {
        case 0:
            if (ctl_r_u8(&r) != 0 && r.error)
                fuzz_fail("ctl_r_u8 returned a value with the error set");
            break;
        case 1:
            if (ctl_r_u16(&r) != 0 && r.error)
                fuzz_fail("ctl_r_u16 returned a value with the error set");
            break;
        case 2:
            if (ctl_r_u32(&r) != 0 && r.error)
                fuzz_fail("ctl_r_u32 returned a value with the error set");
            break;
        default: {
            char *s = ctl_r_cstr(&r, f->payload[i]);
            if (s && (r.error || strlen(s) > f->payload[i]))
                fuzz_fail("ctl_r_cstr returned a string it should have refused");
            free(s);
        }
        }
        if (was_error && !r.error)
            fuzz_fail("the reader's error was cleared by a read");
    }
}

static uint32_t be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t off = 0;
    for (;;) {
        struct ctl_frame f;
        size_t consumed = 0;
        const uint8_t *p = data + off;
        size_t left = size - off;
        enum ctl_parse_result pr = ctl_frame_parse(p, left, &f, &consumed);
        uint32_t plen = left >= CTL_HEADER_SIZE ? be32(p + 1) : 0;
        bool bad_header =
            left >= CTL_HEADER_SIZE && (!ctl_type_known(p[0]) || plen > CTL_MAX_PAYLOAD);
        if (pr == CTL_PARSE_NEED_MORE) {
            if (bad_header || (left >= CTL_HEADER_SIZE && left - CTL_HEADER_SIZE >= plen))
                fuzz_fail("ctl_frame_parse wants more after a complete or bad header");
            break;
        }
        if (pr == CTL_PARSE_ERROR) {
            if (!bad_header)
                fuzz_fail("ctl_frame_parse refused a good header");
            break;
        }
        if (pr != CTL_PARSE_FRAME || bad_header || consumed != CTL_HEADER_SIZE + f.len ||
            consumed > left || f.payload != p + CTL_HEADER_SIZE || f.len != plen || f.type != p[0])
            fuzz_fail("ctl_frame_parse returned a frame that is not the one in the buffer");
        roundtrip(&f, p, consumed);
        read_anyhow(&f);
        off += consumed;
    }
    return 0;
}
