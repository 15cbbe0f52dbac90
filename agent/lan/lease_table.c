/* The lease table and its file. */
#include "lease_table.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "field.h"
#include "xalloc.h"

void lease_table_free(struct lease_table *t)
{
    free(t->v);
    memset(t, 0, sizeof *t);
}

struct lease *lease_find(struct lease_table *t, const uint8_t mac[6])
{
    for (size_t i = 0; i < t->n; i++)
        if (!memcmp(t->v[i].mac, mac, 6))
            return &t->v[i];
    return NULL;
}

struct lease *lease_get(struct lease_table *t, const uint8_t mac[6])
{
    struct lease *l = lease_find(t, mac);
    if (l)
        return l;
    if (t->n >= LEASES_MAX)
        return NULL;
    t->v = xgrow(t->v, &t->cap, t->n + 1, sizeof *t->v);
    l = &t->v[t->n++];
    memset(l, 0, sizeof *l);
    memcpy(l->mac, mac, 6);
    return l;
}

bool lease_remove(struct lease_table *t, const uint8_t mac[6])
{
    struct lease *l = lease_find(t, mac);
    if (!l)
        return false;
    size_t i = (size_t)(l - t->v);
    memmove(&t->v[i], &t->v[i + 1], (t->n - i - 1) * sizeof *t->v);
    t->n--;
    return true;
}

long long lease_remaining(const struct lease *l, long long now)
{
    if (l->infinite)
        return -1;
    return l->expires > now ? l->expires - now : 0;
}

size_t lease_table_expire(struct lease_table *t, long long now)
{
    size_t kept = 0, n = t->n;
    for (size_t i = 0; i < n; i++)
        if (t->v[i].infinite || t->v[i].expires > now)
            t->v[kept++] = t->v[i];
    t->n = kept;
    return n - kept;
}

long long lease_table_next_expiry(const struct lease_table *t)
{
    long long first = -1;
    for (size_t i = 0; i < t->n; i++)
        if (!t->v[i].infinite && (first < 0 || t->v[i].expires < first))
            first = t->v[i].expires;
    return first;
}

void mac_format(const uint8_t mac[6], char out[18])
{
    snprintf(out, 18, "%02x:%02x:%02x:%02x:%02x:%02x", mac[0], mac[1], mac[2], mac[3], mac[4],
             mac[5]);
}

bool mac_parse(const char *s, uint8_t mac[6])
{
    size_t len = strlen(s);
    if (len == 14 && s[4] == '.' && s[9] == '.') { /* IOS: aabb.ccdd.eeff */
        for (int i = 0, k = 0; i < 14; i += 5)
            for (int j = 0; j < 4; j += 2, k++) {
                int hi = field_hexval(s[i + j]), lo = field_hexval(s[i + j + 1]);
                if (hi < 0 || lo < 0)
                    return false;
                mac[k] = (uint8_t)(hi << 4 | lo);
            }
        return true;
    }
    if (len != 17)
        return false;
    char sep = s[2];
    if (sep != ':' && sep != '-')
        return false;
    for (int i = 0; i < 6; i++) {
        int hi = field_hexval(s[3 * i]), lo = field_hexval(s[3 * i + 1]);
        if (hi < 0 || lo < 0 || (i < 5 && s[3 * i + 2] != sep))
            return false;
        mac[i] = (uint8_t)(hi << 4 | lo);
    }
    return true;
}

/* '/' separates the fields of the key and '%' escapes: both are encoded inside a field. */
static void key_field(struct strbuf *out, const char *s)
{
    for (; *s; s++) {
        if (*s == '/' || *s == '%')
            sb_printf(out, "%%%02X", (unsigned char)*s);
        else
            sb_putc(out, *s);
    }
}

void tr111_identity_key(const struct tr111_identity *id, struct strbuf *out)
{
    sb_puts(out, id->oui);
    sb_putc(out, '/');
    key_field(out, id->serial);
    sb_putc(out, '/');
    key_field(out, id->product_class);
}

/* ---- the file ---- */

void lease_table_render(const struct lease_table *t, struct strbuf *out)
{
    sb_puts(out,
            "# cwmpd DHCP leases: MAC ADDRESS EXPIRES INTERFACE HOSTNAME [OUI SERIAL CLASS]\n");
    for (size_t i = 0; i < t->n; i++) {
        const struct lease *l = &t->v[i];
        if (!lease_bound(l))
            continue; /* an identity waiting for its ACK is not worth a restart */
        char mac[18], addr[INET_ADDRSTRLEN];
        mac_format(l->mac, mac);
        inet_ntop(AF_INET, &l->addr, addr, sizeof addr);
        sb_printf(out, "lease %s %s ", mac, addr);
        if (l->infinite)
            sb_puts(out, "infinite");
        else
            sb_printf(out, "%lld", l->expires);
        field_put(out, l->ifname);
        field_put(out, l->hostname);
        if (l->has_identity) {
            field_put(out, l->id.oui);
            field_put(out, l->id.serial);
            field_put(out, l->id.product_class);
        }
        sb_putc(out, '\n');
    }
}

static bool parse_epoch(const char *s, long long *v)
{
    if (!*s || strlen(s) > 12)
        return false;
    long long x = 0;
    for (const char *p = s; *p; p++) {
        if (*p < '0' || *p > '9')
            return false;
        x = x * 10 + (*p - '0');
    }
    *v = x;
    return true;
}

#define FIELDS_MAX 9

static int parse_line(struct lease_table *t, char *line, long long now, struct strbuf *why)
{
    char *f[FIELDS_MAX + 1];
    size_t n = 0;
    for (char *save = NULL, *tok = strtok_r(line, " ", &save); tok;
         tok = strtok_r(NULL, " ", &save)) {
        if (n == FIELDS_MAX) {
            sb_puts(why, "too many fields");
            return -1;
        }
        f[n++] = tok;
    }
    if (n == 0) {
        sb_puts(why, "only blanks");
        return -1;
    }
    if (strcmp(f[0], "lease") != 0) {
        sb_printf(why, "unknown record \"%.20s\"", f[0]);
        return -1;
    }
    if (n != 6 && n != 9) {
        sb_printf(why, "%zu fields, 6 or 9 expected", n);
        return -1;
    }
    uint8_t mac[6];
    struct in_addr addr;
    long long expires = 0;
    bool infinite = !strcmp(f[3], "infinite");
    if (!mac_parse(f[1], mac) || strlen(f[1]) != 17 || f[1][2] != ':') {
        sb_puts(why, "bad MAC address");
        return -1;
    }
    if (inet_pton(AF_INET, f[2], &addr) != 1 || addr.s_addr == 0) {
        sb_puts(why, "bad IPv4 address");
        return -1;
    }
    if (!infinite && !parse_epoch(f[3], &expires)) {
        sb_puts(why, "bad expiry");
        return -1;
    }
    struct lease l = {.addr = addr, .expires = expires, .infinite = infinite};
    memcpy(l.mac, mac, 6);
    long len = field_decode(f[4]);
    if (len < 0 || (size_t)len >= sizeof l.ifname ||
        tr111_text_problem((const uint8_t *)f[4], (size_t)len, 0, sizeof l.ifname - 1)) {
        sb_puts(why, "bad interface name");
        return -1;
    }
    memcpy(l.ifname, f[4], (size_t)len + 1);
    len = field_decode(f[5]);
    if (len < 0 || tr111_text_problem((const uint8_t *)f[5], (size_t)len, 0, DHCP_HOSTNAME_MAX)) {
        sb_puts(why, "bad host name");
        return -1;
    }
    memcpy(l.hostname, f[5], (size_t)len + 1);
    if (n == 9) {
        long lo = field_decode(f[6]), ls = field_decode(f[7]), lc = field_decode(f[8]);
        const char *bad = lo < 0 ? "bad OUI field"
                                 : tr111_oui_problem((const uint8_t *)f[6], (size_t)lo, l.id.oui);
        if (!bad)
            bad = ls < 0
                      ? "bad encoding"
                      : tr111_text_problem((const uint8_t *)f[7], (size_t)ls, 1, TR111_FIELD_MAX);
        if (!bad)
            bad = lc < 0
                      ? "bad encoding"
                      : tr111_text_problem((const uint8_t *)f[8], (size_t)lc, 0, TR111_FIELD_MAX);
        if (bad) {
            sb_printf(why, "identity: %s", bad);
            return -1;
        }
        memcpy(l.id.serial, f[7], (size_t)ls + 1);
        memcpy(l.id.product_class, f[8], (size_t)lc + 1);
        l.has_identity = true;
    }
    if (lease_find(t, mac)) {
        sb_puts(why, "MAC address listed twice");
        return -1;
    }
    if (!infinite && expires <= now)
        return 0;
    struct lease *dst = lease_get(t, mac);
    if (!dst) {
        sb_printf(why, "more than %d leases", LEASES_MAX);
        return -1;
    }
    *dst = l;
    return 0;
}

int lease_table_parse(struct lease_table *t, const char *text, size_t len, long long now,
                      struct strbuf *why)
{
    int lineno = 0;
    size_t off = 0;
    while (off < len) {
        const char *nl = memchr(text + off, '\n', len - off);
        size_t llen = nl ? (size_t)(nl - (text + off)) : len - off;
        lineno++;
        if (!nl) {
            sb_printf(why, "line %d: no newline at the end of the file", lineno);
            goto bad;
        }
        if (llen > 1024 || memchr(text + off, '\0', llen)) {
            sb_printf(why, "line %d: too long or binary", lineno);
            goto bad;
        }
        char *line = xstrndup(text + off, llen);
        off += llen + 1;
        if (line[0] == '#' || line[0] == '\0') {
            free(line);
            continue;
        }
        struct strbuf w = STRBUF_INIT;
        int rc = parse_line(t, line, now, &w);
        free(line);
        if (rc < 0) {
            sb_printf(why, "line %d: %s", lineno, sb_str(&w));
            sb_free(&w);
            goto bad;
        }
        sb_free(&w);
    }
    return 0;
bad:
    lease_table_free(t);
    return -1;
}
