#include "udp_cr.h"

#include <errno.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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

/* Copies the value [v, end) %XX-decoded into dst; false when it is too long or badly escaped. */
static bool decode(const char *v, const char *end, char *dst)
{
    size_t n = 0;
    while (v < end) {
        char c = *v++;
        if (c == '%') {
            int hi = v < end ? hexval(v[0]) : -1, lo = v + 1 < end ? hexval(v[1]) : -1;
            if (hi < 0 || lo < 0)
                return false;
            c = (char)(hi << 4 | lo);
            v += 2;
            if (!c)
                return false;
        }
        if (n == UDP_CR_VALUE_MAX)
            return false;
        dst[n++] = c;
    }
    dst[n] = '\0';
    return true;
}

int udp_cr_parse(const char *buf, size_t len, struct udp_cr_request *r)
{
    memset(r, 0, sizeof *r);
    /* The request line: everything up to the first CRLF (headers, if any, say nothing we use). */
    const char *eol = memchr(buf, '\n', len);
    size_t line = eol ? (size_t)(eol - buf) : len;
    if (line && buf[line - 1] == '\r')
        line--;
    if (line < 4 || memcmp(buf, "GET ", 4) != 0)
        return -1;
    const char *uri = buf + 4, *end = buf + line;
    const char *sp = memchr(uri, ' ', (size_t)(end - uri));
    if (!sp || (size_t)(end - sp - 1) != 8 || memcmp(sp + 1, "HTTP/1.1", 8) != 0)
        return -1;
    if ((size_t)(sp - uri) < 7 || strncasecmp(uri, "http://", 7) != 0)
        return -1;
    const char *q = memchr(uri, '?', (size_t)(sp - uri));
    if (!q)
        return -1;
    struct {
        const char *name;
        char *dst;
        bool seen;
    } f[] = {{"ts", r->ts, false},
             {"id", r->id, false},
             {"un", r->un, false},
             {"cn", r->cn, false},
             {"sig", r->sig, false}};
    const size_t nf = sizeof f / sizeof f[0];
    const char *p = q + 1;
    while (p < sp) {
        const char *amp = memchr(p, '&', (size_t)(sp - p));
        const char *pe = amp ? amp : sp;
        const char *eq = memchr(p, '=', (size_t)(pe - p));
        if (eq) {
            for (size_t i = 0; i < nf; i++) {
                size_t nl = strlen(f[i].name);
                if ((size_t)(eq - p) != nl || memcmp(p, f[i].name, nl) != 0)
                    continue;
                if (f[i].seen || !decode(eq + 1, pe, f[i].dst))
                    return -1;
                f[i].seen = true;
            }
        }
        p = pe + 1;
    }
    for (size_t i = 0; i < nf; i++)
        if (!f[i].seen)
            return -1;
    if (r->ts[0] < '0' || r->ts[0] > '9' || !r->id[0] || !r->sig[0])
        return -1;
    char *tend;
    errno = 0;
    r->ts_value = strtoull(r->ts, &tend, 10);
    if (errno || *tend)
        return -1;
    return 0;
}

bool udp_cr_signature_ok(const struct udp_cr_request *r, const char *password)
{
    if (strlen(r->sig) != 40)
        return false;
    uint8_t given[20];
    for (int i = 0; i < 20; i++) {
        int hi = hexval(r->sig[2 * i]), lo = hexval(r->sig[2 * i + 1]);
        if (hi < 0 || lo < 0)
            return false;
        given[i] = (uint8_t)(hi << 4 | lo);
    }
    /* The text signed: the four values one after the other, nothing between them. */
    char text[4 * UDP_CR_VALUE_MAX + 1];
    size_t n = 0;
    const char *parts[] = {r->ts, r->id, r->un, r->cn};
    for (size_t i = 0; i < 4; i++) {
        size_t l = strlen(parts[i]);
        memcpy(text + n, parts[i], l);
        n += l;
    }
    uint8_t mac[EVP_MAX_MD_SIZE];
    unsigned mlen = 0;
    const char *key = password ? password : "";
    if (!HMAC(EVP_sha1(), key, (int)strlen(key), (const uint8_t *)text, n, mac, &mlen) ||
        mlen != 20)
        return false;
    return CRYPTO_memcmp(mac, given, 20) == 0;
}

static bool id_seen(const struct udp_cr_replay *rp, const char *id)
{
    for (unsigned i = 0; i < UDP_CR_IDS; i++)
        if (rp->ids[i][0] && strcmp(rp->ids[i], id) == 0)
            return true;
    return false;
}

enum udp_cr_verdict udp_cr_check(struct udp_cr_replay *rp, const char *buf, size_t len,
                                 const char *username, const char *password)
{
    struct udp_cr_request r;
    if (udp_cr_parse(buf, len, &r) < 0)
        return UDP_CR_MALFORMED;
    if (!username || strcmp(r.un, username) != 0)
        return UDP_CR_BAD_USERNAME;
    if (!udp_cr_signature_ok(&r, password))
        return UDP_CR_BAD_SIGNATURE;
    /* An id seen already is the ACS sending the same request again (Annex G lets it repeat a
     * datagram that may be lost) or someone replaying it: one session, not two. */
    if (id_seen(rp, r.id))
        return UDP_CR_REPLAY;
    /* Only an older one is refused: a request in the same second as the last one, with its own
     * id, is a new request (Annex G tells retransmissions from new requests by id; a strict
     * order would lose the second of two requests an ACS sends within a second). */
    if (rp->any && r.ts_value < rp->last_ts)
        return UDP_CR_OLD;
    rp->any = true;
    rp->last_ts = r.ts_value;
    strcpy(rp->ids[rp->next], r.id);
    rp->next = (rp->next + 1) % UDP_CR_IDS;
    return UDP_CR_ACCEPT;
}
