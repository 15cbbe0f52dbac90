/* ACS discovery sub-options (TR-069 §3.1) in DHCPv4 options 43 and 125 and DHCPv6 option 17.
 * Every length is checked before the bytes it covers are read. */
#include "dhcp_acs.h"

#include <string.h>

#include "dhcp_opt125.h"

static const char *const sub_names[] = {
    NULL, "URL", "ProvisioningCode", "CWMPRetryMinimumWaitInterval", "CWMPRetryIntervalMultiplier"};

const char *dhcp_acs_source_name(enum acs_dhcp_source src)
{
    switch (src) {
    case ACS_DHCP_OPT43:
        return "option 43";
    case ACS_DHCP_OPT125:
        return "option 125";
    case ACS_DHCP_V6_OPT17:
        return "DHCPv6 option 17";
    }
    return "option";
}

static const char *url_problem(const uint8_t *v, size_t n)
{
    if (n == 0)
        return "empty";
    if (n > ACS_DHCP_URL_MAX)
        return "too long";
    for (size_t i = 0; i < n; i++)
        if (v[i] <= 0x20 || v[i] >= 0x7f)
            return "not printable ASCII";
    if (!(n > 7 && !strncmp((const char *)v, "http://", 7)) &&
        !(n > 8 && !strncmp((const char *)v, "https://", 8)))
        return "not an http:// or https:// URL";
    return NULL;
}

/* Decimal text in [min, max]; TR-069 gives the retry parameters as strings. */
static const char *number(const uint8_t *v, size_t n, unsigned min, unsigned max, unsigned *out)
{
    if (n == 0 || n > 5)
        return "not a number in range";
    unsigned x = 0;
    for (size_t i = 0; i < n; i++) {
        if (v[i] < '0' || v[i] > '9')
            return "not a decimal number";
        x = x * 10 + (unsigned)(v[i] - '0');
    }
    if (x < min || x > max)
        return "out of range";
    *out = x;
    return NULL;
}

/* The sub-options: one byte of code and one of length (DHCPv4), or two and two (DHCPv6). */
static int parse_subs(const uint8_t *p, size_t len, bool wide, struct acs_dhcp *out,
                      const char *where, struct strbuf *why)
{
    bool seen[5] = {false, false, false, false, false};
    size_t hdr = wide ? 4 : 2, off = 0;
    while (off < len) {
        if (!wide && (p[off] == 0 || p[off] == 255)) {
            off++; /* RFC 2132's pad and end, which some servers put inside option 43 */
            continue;
        }
        if (len - off < hdr) {
            sb_printf(why, "%s: sub-option at offset %zu is truncated", where, off);
            return -1;
        }
        unsigned code = wide ? (unsigned)p[off] << 8 | p[off + 1] : p[off];
        size_t sublen = wide ? (size_t)p[off + 2] << 8 | p[off + 3] : p[off + 1];
        const uint8_t *v = p + off + hdr;
        if (sublen > len - off - hdr) {
            sb_printf(why, "%s: sub-option %u is longer (%zu) than the option", where, code,
                      sublen);
            return -1;
        }
        off += hdr + sublen;
        if (code < 1 || code > 4)
            continue;
        if (seen[code]) {
            sb_printf(why, "%s: sub-option %u (%s) given twice", where, code, sub_names[code]);
            return -1;
        }
        seen[code] = true;
        const char *bad = NULL;
        switch (code) {
        case 1:
            if (!(bad = url_problem(v, sublen))) {
                memcpy(out->url, v, sublen);
                out->url[sublen] = '\0';
            }
            break;
        case 2:
            if (!(bad = tr111_text_problem(v, sublen, 0, ACS_DHCP_PROV_MAX))) {
                memcpy(out->provisioning_code, v, sublen);
                out->provisioning_code[sublen] = '\0';
                out->has_provisioning_code = true;
            }
            break;
        case 3:
            bad = number(v, sublen, 1, 65535, &out->min_wait);
            out->has_min_wait = !bad;
            break;
        case 4:
            bad = number(v, sublen, 1000, 65535, &out->multiplier);
            out->has_multiplier = !bad;
            break;
        }
        if (bad) {
            sb_printf(why, "%s: sub-option %u (%s): %s", where, code, sub_names[code], bad);
            return -1;
        }
    }
    return seen[1] ? 1 : 0;
}

int dhcp_acs_parse(enum acs_dhcp_source src, const uint8_t *data, size_t len, struct acs_dhcp *out,
                   struct strbuf *why)
{
    memset(out, 0, sizeof *out);
    const char *where = dhcp_acs_source_name(src);
    int rc;
    if (len == 0) {
        sb_printf(why, "%s is empty", where);
        return -1;
    }
    if (src == ACS_DHCP_OPT43) {
        rc = parse_subs(data, len, false, out, where, why);
    } else {
        /* Enterprise blocks: 4 bytes of number, then 1 byte (v4) or 2 bytes (v6) of length. */
        bool v6 = src == ACS_DHCP_V6_OPT17;
        size_t hdr = v6 ? 6 : 5, off = 0;
        const uint8_t *ours = NULL;
        size_t ours_len = 0;
        if (v6) {
            /* RFC 8415's option 17 holds one enterprise number, then its options. */
            if (len < 4) {
                sb_printf(why, "%s is truncated", where);
                return -1;
            }
            uint32_t ent = (uint32_t)data[0] << 24 | (uint32_t)data[1] << 16 |
                           (uint32_t)data[2] << 8 | data[3];
            if (ent != TR111_ENTERPRISE)
                return 0;
            rc = parse_subs(data + 4, len - 4, true, out, where, why);
            goto done;
        }
        while (off < len) {
            if (len - off < hdr) {
                sb_printf(why, "%s: enterprise block at offset %zu is truncated", where, off);
                return -1;
            }
            uint32_t ent = (uint32_t)data[off] << 24 | (uint32_t)data[off + 1] << 16 |
                           (uint32_t)data[off + 2] << 8 | data[off + 3];
            size_t dlen = data[off + 4];
            if (dlen > len - off - hdr) {
                sb_printf(why, "%s: enterprise %u: data length %zu exceeds the option", where, ent,
                          dlen);
                return -1;
            }
            if (ent == TR111_ENTERPRISE) {
                if (ours) {
                    sb_printf(why, "%s: enterprise 3561 given twice", where);
                    return -1;
                }
                ours = data + off + hdr;
                ours_len = dlen;
            }
            off += hdr + dlen;
        }
        if (!ours)
            return 0;
        rc = parse_subs(ours, ours_len, false, out, where, why);
    }
done:
    if (rc <= 0)
        memset(out, 0, sizeof *out);
    return rc;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

long dhcp_hex_decode(const char *text, uint8_t *out, size_t cap)
{
    size_t n = 0;
    const char *s = text;
    bool after_sep = true;
    while (*s) {
        if (*s == ':' || *s == ' ') {
            s++;
            after_sep = true;
            continue;
        }
        int hi = hexval(s[0]);
        if (hi < 0)
            return -1;
        /* dhclient writes a byte below 0x10 as one digit between colons (1:2:a). */
        int lo = s[1] ? hexval(s[1]) : -1;
        size_t used = 2;
        if (lo < 0) {
            if (!after_sep || (s[1] && s[1] != ':' && s[1] != ' '))
                return -1;
            lo = hi, hi = 0, used = 1;
        }
        if (n == cap)
            return -1;
        out[n++] = (uint8_t)(hi << 4 | lo);
        s += used;
        after_sep = false;
    }
    return (long)n;
}
