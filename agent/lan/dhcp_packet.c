/* DHCPv4 message parsing for the snooper (RFC 2131, 2132; long options RFC 3396). */
#include "dhcp_packet.h"

#include <stdio.h>
#include <string.h>

#define BOOTP_FIXED  236 /* op .. file */
#define SNAME_OFF    44
#define SNAME_LEN    64
#define FILE_OFF     108
#define FILE_LEN     128
#define OPTIONS_OFF  240
#define OPT_PAD      0
#define OPT_END      255
#define OPT_OVERLOAD 52
#define OPT_BUF      1024 /* the most of one option's concatenated instances that is kept */

static const uint8_t cookie[4] = {99, 130, 83, 99};

struct area {
    const uint8_t *p;
    size_t len;
};

/* Checks that the options of one field are well formed: each one's length inside the field. */
static int check_area(const struct area *a, const char *field, struct strbuf *why)
{
    size_t off = 0;
    while (off < a->len) {
        uint8_t code = a->p[off];
        if (code == OPT_PAD) {
            off++;
            continue;
        }
        if (code == OPT_END)
            return 0;
        if (a->len - off < 2 || (size_t)a->p[off + 1] > a->len - off - 2) {
            sb_printf(why, "option %u at offset %zu of the %s field runs past its end", code, off,
                      field);
            return -1;
        }
        off += 2u + a->p[off + 1];
    }
    return 0;
}

/* Every instance of one option, concatenated in the order RFC 3396 gives (options, file,
 * sname), at most cap bytes; returns whether the option is there at all. */
static bool collect(const struct area *areas, size_t nareas, uint8_t code, uint8_t *buf, size_t cap,
                    size_t *len)
{
    bool found = false;
    *len = 0;
    for (size_t i = 0; i < nareas; i++) {
        const struct area *a = &areas[i];
        size_t off = 0;
        while (off < a->len && a->p[off] != OPT_END) {
            if (a->p[off] == OPT_PAD) {
                off++;
                continue;
            }
            size_t l = a->p[off + 1]; /* checked by check_area */
            if (a->p[off] == code) {
                found = true;
                size_t take = l < cap - *len ? l : cap - *len;
                memcpy(buf + *len, a->p + off + 2, take);
                *len += take;
            }
            off += 2 + l;
        }
    }
    return found;
}

/* The fields that hold options (options, then file and sname when option 52 says so), each
 * checked to be well formed. p is at least OPTIONS_OFF long. */
static int msg_areas(const uint8_t *p, size_t len, struct area areas[3], size_t *nareas,
                     struct strbuf *why)
{
    areas[0] = (struct area){p + OPTIONS_OFF, len - OPTIONS_OFF};
    *nareas = 1;
    if (check_area(&areas[0], "options", why) < 0)
        return -1;
    uint8_t buf[OPT_BUF];
    size_t blen;
    /* Option overload: options continue in file (1), sname (2) or both (3), in that order. */
    if (collect(areas, 1, OPT_OVERLOAD, buf, sizeof buf, &blen)) {
        if (blen != 1 || buf[0] < 1 || buf[0] > 3) {
            sb_puts(why, "option 52 (overload) is not 1, 2 or 3");
            return -1;
        }
        if (buf[0] & 1)
            areas[(*nareas)++] = (struct area){p + FILE_OFF, FILE_LEN};
        if (buf[0] & 2)
            areas[(*nareas)++] = (struct area){p + SNAME_OFF, SNAME_LEN};
        for (size_t i = 1; i < *nareas; i++)
            if (check_area(&areas[i], areas[i].p == p + FILE_OFF ? "file" : "sname", why) < 0)
                return -1;
    }
    return 0;
}

static struct in_addr addr_at(const uint8_t *p)
{
    struct in_addr a;
    memcpy(&a.s_addr, p, 4);
    return a;
}

static uint32_t be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

int dhcp_msg_parse(const uint8_t *p, size_t len, struct dhcp_msg *m, struct strbuf *why)
{
    memset(m, 0, sizeof *m);
    if (len < OPTIONS_OFF) {
        sb_printf(why, "%zu bytes: shorter than a BOOTP header and magic cookie", len);
        return -1;
    }
    m->op = p[0];
    if (m->op != 1 && m->op != 2) {
        sb_printf(why, "BOOTP op %u", m->op);
        return -1;
    }
    if (p[1] != 1 || p[2] != 6) {
        sb_printf(why, "hardware type %u length %u: not Ethernet", p[1], p[2]);
        return -1;
    }
    if (memcmp(p + BOOTP_FIXED, cookie, 4) != 0) {
        sb_puts(why, "no DHCP magic cookie");
        return -1;
    }
    m->xid = be32(p + 4);
    m->ciaddr = addr_at(p + 12);
    m->yiaddr = addr_at(p + 16);
    memcpy(m->chaddr, p + 28, 6);

    struct area areas[3];
    size_t nareas;
    if (msg_areas(p, len, areas, &nareas, why) < 0)
        return -1;
    uint8_t buf[OPT_BUF];
    size_t blen;
    if (collect(areas, nareas, 53, buf, sizeof buf, &blen)) {
        if (blen != 1 || buf[0] < 1 || buf[0] > 8) {
            sb_puts(why, "option 53 (message type) is not 1 to 8");
            return -1;
        }
        m->type = (enum dhcp_type)buf[0];
    }
    if (collect(areas, nareas, 50, buf, sizeof buf, &blen)) {
        if (blen != 4) {
            sb_puts(why, "option 50 (requested address) is not 4 bytes");
            return -1;
        }
        m->has_requested = true;
        m->requested = addr_at(buf);
    }
    if (collect(areas, nareas, 51, buf, sizeof buf, &blen)) {
        if (blen != 4) {
            sb_puts(why, "option 51 (lease time) is not 4 bytes");
            return -1;
        }
        m->has_lease = true;
        m->lease = be32(buf);
    }
    if (collect(areas, nareas, 54, buf, sizeof buf, &blen)) {
        if (blen != 4) {
            sb_puts(why, "option 54 (server identifier) is not 4 bytes");
            return -1;
        }
        m->has_server_id = true;
        m->server_id = addr_at(buf);
    }
    if (collect(areas, nareas, 61, buf, sizeof buf, &blen)) {
        if (blen < 2) {
            sb_puts(why, "option 61 (client identifier) is shorter than 2 bytes");
            return -1;
        }
        m->client_id_len = blen < DHCP_CLIENT_ID_MAX ? blen : DHCP_CLIENT_ID_MAX;
        memcpy(m->client_id, buf, m->client_id_len);
    }
    /* A host name that is not clean text is dropped, not the message: the identity matters more. */
    if (collect(areas, nareas, 12, buf, sizeof buf, &blen) &&
        !tr111_text_problem(buf, blen, 1, DHCP_HOSTNAME_MAX) && !memchr(buf, ' ', blen)) {
        memcpy(m->hostname, buf, blen);
        m->hostname[blen] = '\0';
    }
    if (collect(areas, nareas, 125, buf, sizeof buf, &blen)) {
        struct strbuf w = STRBUF_INIT;
        m->identity_rc = blen == sizeof buf ? -1 : dhcp_opt125_parse(buf, blen, &m->identity, &w);
        if (blen == sizeof buf)
            sb_puts(&w, "option 125 is longer than 1023 bytes");
        snprintf(m->identity_why, sizeof m->identity_why, "%s", sb_str(&w));
        sb_free(&w);
    }
    return 0;
}

int dhcp_ipv4_payload(const uint8_t *p, size_t len, const uint8_t **payload, size_t *plen,
                      struct strbuf *why)
{
    if (len < 20 || (p[0] >> 4) != 4) {
        sb_puts(why, "not an IPv4 packet");
        return -1;
    }
    size_t ihl = (size_t)(p[0] & 0x0f) * 4;
    size_t total = (size_t)p[2] << 8 | p[3];
    if (ihl < 20 || total < ihl || total > len) {
        sb_printf(why, "IPv4 header length %zu, total %zu, %zu received", ihl, total, len);
        return -1;
    }
    if (((p[6] & 0x3f) | p[7]) != 0) {
        sb_puts(why, "an IPv4 fragment");
        return -1;
    }
    if (p[9] != 17) {
        sb_printf(why, "IP protocol %u, not UDP", p[9]);
        return -1;
    }
    const uint8_t *u = p + ihl;
    size_t ulen = total - ihl;
    if (ulen < 8) {
        sb_puts(why, "UDP header truncated");
        return -1;
    }
    unsigned sport = (unsigned)u[0] << 8 | u[1], dport = (unsigned)u[2] << 8 | u[3];
    size_t udp_len = (size_t)u[4] << 8 | u[5];
    if (udp_len < 8 || udp_len > ulen) {
        sb_printf(why, "UDP length %zu, %zu in the packet", udp_len, ulen);
        return -1;
    }
    bool ours = (sport == 67 || sport == 68) && (dport == 67 || dport == 68);
    if (!ours) {
        sb_printf(why, "UDP ports %u -> %u", sport, dport);
        return -1;
    }
    *payload = u + 8;
    *plen = udp_len - 8;
    return 0;
}

const char *dhcp_type_name(enum dhcp_type t)
{
    static const char *const names[] = {"BOOTP", "DISCOVER", "OFFER",   "REQUEST", "DECLINE",
                                        "ACK",   "NAK",      "RELEASE", "INFORM"};
    return (unsigned)t < sizeof names / sizeof names[0] ? names[t] : "?";
}

int dhcp_msg_option(const uint8_t *p, size_t len, uint8_t code, uint8_t *buf, size_t cap,
                    size_t *olen, struct strbuf *why)
{
    *olen = 0;
    if (len < OPTIONS_OFF || memcmp(p + BOOTP_FIXED, cookie, 4) != 0) {
        sb_puts(why, "not a DHCP message");
        return -1;
    }
    struct area areas[3];
    size_t nareas;
    if (msg_areas(p, len, areas, &nareas, why) < 0)
        return -1;
    return collect(areas, nareas, code, buf, cap, olen) ? 1 : 0;
}
