/* DHCP option 125 (RFC 3925) and the TR-069 Annex F identity it carries. Every length is checked
 * before the bytes it covers are read: the input comes from any device on the LAN. */
#include "dhcp_opt125.h"

#include <stdbool.h>
#include <string.h>

/* The length of the UTF-8 sequence at s (at most n bytes), 0 when it is not a valid one. */
static size_t utf8_seq(const uint8_t *s, size_t n, uint32_t *cp)
{
    uint8_t c = s[0];
    size_t len;
    uint32_t v, min;
    if (c < 0x80) {
        *cp = c;
        return 1;
    } else if (c >= 0xc2 && c <= 0xdf) {
        len = 2, v = c & 0x1fu, min = 0x80;
    } else if (c >= 0xe0 && c <= 0xef) {
        len = 3, v = c & 0x0fu, min = 0x800;
    } else if (c >= 0xf0 && c <= 0xf4) {
        len = 4, v = c & 0x07u, min = 0x10000;
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        v = v << 6 | (s[i] & 0x3fu);
    }
    if (v < min || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
        return 0;
    *cp = v;
    return len;
}

const char *tr111_text_problem(const uint8_t *s, size_t len, size_t min, size_t max)
{
    if (len < min)
        return "empty";
    if (len > max)
        return "too long";
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t n = utf8_seq(s + i, len - i, &cp);
        if (n == 0)
            return "not UTF-8";
        /* C0, DEL and C1: they would end up in logs, show output and SOAP (NUL cuts C strings). */
        if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
            return "a control character";
        i += n;
    }
    return NULL;
}

const char *tr111_oui_problem(const uint8_t *s, size_t len, char out[TR111_OUI_LEN + 1])
{
    if (len != TR111_OUI_LEN)
        return "not six upper-case hexadecimal digits";
    for (size_t i = 0; i < len; i++) {
        char c = (char)s[i];
        if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'F')))
            return "not six upper-case hexadecimal digits";
        out[i] = c;
    }
    out[len] = '\0';
    return NULL;
}

static const char *const sub_names[] = {NULL, "ManufacturerOUI", "SerialNumber", "ProductClass"};

/* The sub-options of the 3561 block. */
static int parse_block(const uint8_t *p, size_t len, struct tr111_identity *id, struct strbuf *why)
{
    bool seen[4] = {false, false, false, false};
    size_t off = 0;
    while (off < len) {
        if (len - off < 2) {
            sb_printf(why, "sub-option at offset %zu of enterprise 3561 is truncated", off);
            return -1;
        }
        uint8_t code = p[off], sublen = p[off + 1];
        const uint8_t *v = p + off + 2;
        if ((size_t)sublen > len - off - 2) {
            sb_printf(why, "sub-option %u of enterprise 3561 is longer (%u) than its block", code,
                      sublen);
            return -1;
        }
        off += 2u + sublen;
        if (code < 1 || code > 3)
            continue; /* 4-6 are the gateway's own identity; others are not defined */
        if (seen[code]) {
            sb_printf(why, "sub-option %u (%s) given twice", code, sub_names[code]);
            return -1;
        }
        seen[code] = true;
        const char *bad;
        if (code == 1) {
            bad = tr111_oui_problem(v, sublen, id->oui);
        } else {
            /* TR-098: ProductClass is empty when the device has none; a serial number is not. */
            bad = tr111_text_problem(v, sublen, code == 2 ? 1 : 0, TR111_FIELD_MAX);
            if (!bad) {
                char *dst = code == 2 ? id->serial : id->product_class;
                memcpy(dst, v, sublen);
                dst[sublen] = '\0';
            }
        }
        if (bad) {
            sb_printf(why, "sub-option %u (%s): %s", code, sub_names[code], bad);
            return -1;
        }
    }
    for (unsigned c = 1; c <= 3; c++) {
        if (!seen[c]) {
            sb_printf(why, "enterprise 3561 lacks sub-option %u (%s)", c, sub_names[c]);
            return -1;
        }
    }
    return 1;
}

int dhcp_opt125_parse(const uint8_t *data, size_t len, struct tr111_identity *id,
                      struct strbuf *why)
{
    memset(id, 0, sizeof *id);
    if (len == 0) {
        sb_puts(why, "option 125 is empty");
        return -1;
    }
    const uint8_t *ours = NULL;
    size_t ours_len = 0;
    size_t off = 0;
    while (off < len) {
        if (len - off < 5) {
            sb_printf(why, "enterprise block at offset %zu is truncated (%zu bytes left)", off,
                      len - off);
            return -1;
        }
        uint32_t enterprise = (uint32_t)data[off] << 24 | (uint32_t)data[off + 1] << 16 |
                              (uint32_t)data[off + 2] << 8 | data[off + 3];
        size_t dlen = data[off + 4];
        if (dlen > len - off - 5) {
            sb_printf(why, "enterprise %u: data length %zu exceeds the option (%zu left)",
                      enterprise, dlen, len - off - 5);
            return -1;
        }
        if (enterprise == TR111_ENTERPRISE) {
            if (ours) {
                sb_puts(why, "enterprise 3561 given twice");
                return -1;
            }
            ours = data + off + 5;
            ours_len = dlen;
        }
        off += 5 + dlen;
    }
    if (!ours)
        return 0;
    int rc = parse_block(ours, ours_len, id, why);
    if (rc < 0)
        memset(id, 0, sizeof *id);
    return rc;
}
