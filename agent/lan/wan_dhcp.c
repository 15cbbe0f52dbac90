/* The WAN side's DHCPv4 and DHCPv6 messages, read for ACS discovery and autoinstall. */
#include "wan_dhcp.h"

#include <stdio.h>
#include <string.h>

#define OPT_VENDOR      43
#define OPT_TFTP_NAME   66
#define OPT_BOOTFILE    67
#define OPT_VIVSO       125
#define OPT_TFTP_ADDRS  150
#define OPT6_IA_NA      3
#define OPT6_IAADDR     5
#define OPT6_STATUS     13
#define OPT6_VENDOR     17
#define OPT6_IA_PD      25
#define OPT6_IAPREFIX   26
#define DHCP6_RELAY_FWD 12
#define DHCP6_RELAY_REP 13

static uint32_t be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static unsigned be16(const uint8_t *p)
{
    return (unsigned)p[0] << 8 | p[1];
}

/* Text of options 66 and 67: printable ASCII without spaces (it goes into a tftp:// URL), a
 * trailing NUL tolerated since some servers send one. */
static bool text_option(const uint8_t *v, size_t n, char *out, size_t cap)
{
    while (n && v[n - 1] == '\0')
        n--;
    if (!n || n >= cap)
        return false;
    for (size_t i = 0; i < n; i++)
        if (v[i] <= 0x20 || v[i] >= 0x7f)
            return false;
    memcpy(out, v, n);
    out[n] = '\0';
    return true;
}

static void note(struct strbuf *why, const char *what)
{
    sb_printf(why, "%s%s", why->len ? "; " : "", what);
}

int wan_dhcp4_parse(const uint8_t *p, size_t len, struct wan_dhcp4 *out, struct strbuf *why)
{
    memset(out, 0, sizeof *out);
    if (dhcp_msg_parse(p, len, &out->m, why) < 0)
        return -1;
    /* dhcp_msg_parse checked the options' framing: dhcp_msg_option cannot fail past it. */
    uint8_t buf[WAN_DHCP_OPT_MAX];
    size_t n;
    struct strbuf ignored = STRBUF_INIT;
    if (dhcp_msg_option(p, len, OPT_VENDOR, out->acs, sizeof out->acs, &out->acs_len, &ignored) ==
        1) {
        out->has_acs = true;
        out->acs_src = ACS_DHCP_OPT43;
    } else if (dhcp_msg_option(p, len, OPT_VIVSO, out->acs, sizeof out->acs, &out->acs_len,
                               &ignored) == 1) {
        out->has_acs = true;
        out->acs_src = ACS_DHCP_OPT125;
    }
    if (dhcp_msg_option(p, len, OPT_TFTP_ADDRS, buf, sizeof buf, &n, &ignored) == 1) {
        if (n == 0 || n % 4) {
            note(why, "option 150 is not a list of IPv4 addresses");
        } else {
            size_t used = 0;
            for (size_t i = 0; i + 4 <= n; i += 4) {
                char a[16];
                snprintf(a, sizeof a, "%u.%u.%u.%u", buf[i], buf[i + 1], buf[i + 2], buf[i + 3]);
                size_t need = strlen(a) + (used ? 1 : 0);
                if (used + need > WAN_DHCP_TFTP_MAX)
                    break; /* the first servers are the ones tried first */
                used += (size_t)snprintf(out->tftp + used, sizeof out->tftp - used, "%s%s",
                                         used ? "," : "", a);
            }
        }
    }
    if (!out->tftp[0] && dhcp_msg_option(p, len, OPT_TFTP_NAME, buf, sizeof buf, &n, &ignored) == 1)
        if (!text_option(buf, n, out->tftp, sizeof out->tftp))
            note(why, "option 66 is not a server name");
    if (dhcp_msg_option(p, len, OPT_BOOTFILE, buf, sizeof buf, &n, &ignored) == 1)
        if (!text_option(buf, n, out->bootfile, sizeof out->bootfile))
            note(why, "option 67 is not a file name");
    sb_free(&ignored);
    return 0;
}

enum wan_dhcp_event wan_dhcp4_event(const struct wan_dhcp4 *w, const uint8_t mac[6])
{
    if (memcmp(w->m.chaddr, mac, 6) != 0)
        return WAN_DHCP_IGNORE; /* another device's lease (a bridged WAN, a relay's view) */
    if (w->m.op == 2 && w->m.type == DHCPACK)
        return WAN_DHCP_ACK;
    if (w->m.op == 2 && w->m.type == DHCPNAK)
        return WAN_DHCP_END;
    if (w->m.op == 1 && (w->m.type == DHCPRELEASE || w->m.type == DHCPDECLINE))
        return WAN_DHCP_END;
    return WAN_DHCP_IGNORE;
}

bool wan_dhcp6_from_client(uint8_t type)
{
    switch (type) {
    case DHCP6_SOLICIT:
    case DHCP6_REQUEST:
    case DHCP6_CONFIRM:
    case DHCP6_RENEW:
    case DHCP6_REBIND:
    case DHCP6_RELEASE:
    case DHCP6_DECLINE:
    case DHCP6_INFORMATION_REQUEST:
        return true;
    }
    return false;
}

/* The next option (or sub-option) of a DHCPv6 list at *off: its code and value. Returns 1 with
 * *off past it, 0 at the end, -1 when its header is truncated, -2 when its value runs past the
 * list (the callers say which list). */
static int tlv6_next(const uint8_t *p, size_t len, size_t *off, unsigned *code, const uint8_t **v,
                     size_t *vlen)
{
    if (*off >= len)
        return 0;
    if (len - *off < 4)
        return -1;
    *code = be16(p + *off);
    *vlen = be16(p + *off + 2);
    if (*vlen > len - *off - 4)
        return -2;
    *v = p + *off + 4;
    *off += 4 + *vlen;
    return 1;
}

/* The options of an IA_NA or IA_PD (after its IAID, T1 and T2): the valid lifetimes of its
 * addresses or prefixes. */
static int ia_options(const uint8_t *p, size_t len, unsigned code, struct wan_dhcp6 *out,
                      struct strbuf *why)
{
    size_t off = 0;
    unsigned sub = 0;
    const uint8_t *v;
    size_t sublen;
    int rc;
    while ((rc = tlv6_next(p, len, &off, &sub, &v, &sublen)) > 0) {
        /* IAADDR: address (16), preferred (4), valid (4); IAPREFIX: preferred, valid, length,
         * prefix (16). */
        size_t at = 0;
        if (code == OPT6_IA_NA && sub == OPT6_IAADDR && sublen >= 24)
            at = 20;
        else if (code == OPT6_IA_PD && sub == OPT6_IAPREFIX && sublen >= 25)
            at = 4;
        else
            continue;
        uint32_t valid = be32(v + at);
        if (!out->has_lifetime || valid > out->valid)
            out->valid = valid;
        out->has_lifetime = true;
    }
    if (rc == -1)
        sb_printf(why, "DHCPv6 option %u: a sub-option is truncated", code);
    else if (rc == -2)
        sb_printf(why, "DHCPv6 option %u: sub-option %u runs past its end", code, sub);
    return rc < 0 ? -1 : 0;
}

int wan_dhcp6_parse(const uint8_t *p, size_t len, struct wan_dhcp6 *out, struct strbuf *why)
{
    memset(out, 0, sizeof *out);
    if (len < 4) {
        sb_printf(why, "%zu bytes: shorter than a DHCPv6 header", len);
        return -1;
    }
    out->type = p[0];
    if (out->type == 0 || out->type == DHCP6_RELAY_FWD || out->type == DHCP6_RELAY_REP) {
        sb_printf(why, "DHCPv6 message type %u", out->type);
        return -1;
    }
    out->xid = (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
    size_t off = 4, at = off;
    unsigned code = 0;
    const uint8_t *v;
    size_t olen;
    int rc;
    while ((rc = tlv6_next(p, len, &off, &code, &v, &olen)) > 0) {
        at = off;
        switch (code) {
        case OPT6_VENDOR:
            /* One enterprise per instance (RFC 8415 §21.17); the first 3561 one counts. */
            if (!out->has_acs && olen >= 4 && be32(v) == TR111_ENTERPRISE) {
                out->has_acs = true;
                out->acs_len = olen < sizeof out->acs ? olen : sizeof out->acs;
                memcpy(out->acs, v, out->acs_len);
            }
            break;
        case OPT6_IA_NA:
        case OPT6_IA_PD:
            if (olen < 12) {
                sb_printf(why, "DHCPv6 option %u is shorter than 12 bytes", code);
                return -1;
            }
            if (ia_options(v + 12, olen - 12, code, out, why) < 0)
                return -1;
            break;
        case OPT6_STATUS:
            if (olen < 2) {
                sb_puts(why, "DHCPv6 option 13 (status code) is shorter than 2 bytes");
                return -1;
            }
            out->status_error = be16(v) != 0;
            break;
        }
    }
    if (rc == -1)
        sb_printf(why, "DHCPv6 option at offset %zu is truncated", at);
    else if (rc == -2)
        sb_printf(why, "DHCPv6 option %u at offset %zu runs past the message", code, at);
    return rc < 0 ? -1 : 0;
}

int dhcp_ipv6_payload(const uint8_t *p, size_t len, const uint8_t **payload, size_t *plen,
                      unsigned *dport, struct strbuf *why)
{
    if (len < 40 || (p[0] >> 4) != 6) {
        sb_puts(why, "not an IPv6 packet");
        return -1;
    }
    size_t total = be16(p + 4);
    if (total > len - 40) {
        sb_printf(why, "IPv6 payload length %zu, %zu received", total, len - 40);
        return -1;
    }
    if (p[6] != 17) {
        sb_printf(why, "IPv6 next header %u, not UDP", p[6]);
        return -1;
    }
    const uint8_t *u = p + 40;
    if (total < 8) {
        sb_puts(why, "UDP header truncated");
        return -1;
    }
    unsigned sport = be16(u), dst = be16(u + 2);
    size_t udp_len = be16(u + 4);
    if (udp_len < 8 || udp_len > total) {
        sb_printf(why, "UDP length %zu, %zu in the packet", udp_len, total);
        return -1;
    }
    if ((sport != 546 && sport != 547) || (dst != 546 && dst != 547)) {
        sb_printf(why, "UDP ports %u -> %u", sport, dst);
        return -1;
    }
    *payload = u + 8;
    *plen = udp_len - 8;
    *dport = dst;
    return 0;
}
