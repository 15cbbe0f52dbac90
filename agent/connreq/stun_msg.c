#include "stun_msg.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <string.h>

static void put16(uint8_t *p, unsigned v)
{
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
}

static unsigned get16(const uint8_t *p)
{
    return (unsigned)p[0] << 8 | p[1];
}

static uint32_t get32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Appends one attribute at *len, padded to 4 bytes with zeros; false when it does not fit. */
static bool put_attr(uint8_t *buf, size_t *len, unsigned type, const void *v, size_t n)
{
    size_t padded = (n + 3) & ~(size_t)3;
    if (n > 0xFFFF || *len + 4 + padded > STUN_MSG_MAX)
        return false;
    put16(buf + *len, type);
    put16(buf + *len + 2, (unsigned)n);
    if (n)
        memcpy(buf + *len + 4, v, n);
    memset(buf + *len + 4 + n, 0, padded - n);
    *len += 4 + padded;
    return true;
}

/* The key of MESSAGE-INTEGRITY (RFC 5389 15.4): the password for short-term credentials,
 * MD5(username:realm:password) for long-term ones (the server gave a realm and a nonce). */
size_t stun_integrity_key(const struct stun_request *r, uint8_t *key)
{
    const size_t cap = STUN_KEY_MAX;
    if (!r->username)
        return 0;
    const char *pw = r->password ? r->password : "";
    if (!r->realm || !r->nonce) {
        size_t n = strlen(pw);
        if (n > cap)
            return 0;
        memcpy(key, pw, n);
        return n;
    }
    unsigned n = 0;
    EVP_MD_CTX *md = EVP_MD_CTX_new();
    if (!md)
        return 0;
    bool ok = EVP_DigestInit_ex(md, EVP_md5(), NULL) == 1 &&
              EVP_DigestUpdate(md, r->username, strlen(r->username)) == 1 &&
              EVP_DigestUpdate(md, ":", 1) == 1 &&
              EVP_DigestUpdate(md, r->realm, strlen(r->realm)) == 1 &&
              EVP_DigestUpdate(md, ":", 1) == 1 && EVP_DigestUpdate(md, pw, strlen(pw)) == 1 &&
              cap >= 16 && EVP_DigestFinal_ex(md, key, &n) == 1;
    EVP_MD_CTX_free(md);
    return ok ? n : 0;
}

size_t stun_build_binding_request(const struct stun_request *r, uint8_t *buf)
{
    size_t len = STUN_HEADER_LEN;
    put16(buf, STUN_BINDING_REQUEST);
    buf[4] = (uint8_t)(STUN_MAGIC_COOKIE >> 24);
    buf[5] = (uint8_t)(STUN_MAGIC_COOKIE >> 16);
    buf[6] = (uint8_t)(STUN_MAGIC_COOKIE >> 8);
    buf[7] = (uint8_t)STUN_MAGIC_COOKIE;
    memcpy(buf + 8, r->tid, STUN_TID_LEN);
    bool ok = put_attr(buf, &len, STUN_ATTR_CONNECTION_REQUEST_BINDING, STUN_TR111_VALUE,
                       STUN_TR111_VALUE_LEN);
    if (r->binding_change)
        ok = ok && put_attr(buf, &len, STUN_ATTR_BINDING_CHANGE, NULL, 0);
    if (ok && r->username) {
        ok = put_attr(buf, &len, STUN_ATTR_USERNAME, r->username, strlen(r->username));
        if (ok && r->realm && r->nonce)
            ok = put_attr(buf, &len, STUN_ATTR_REALM, r->realm, strlen(r->realm)) &&
                 put_attr(buf, &len, STUN_ATTR_NONCE, r->nonce, strlen(r->nonce));
        uint8_t key[STUN_KEY_MAX];
        size_t klen = ok ? stun_integrity_key(r, key) : 0;
        ok = ok && (klen > 0 || !r->password || !*r->password);
        /* The length covers MESSAGE-INTEGRITY while the HMAC is computed (RFC 5389 15.4). */
        if (ok && len + 24 <= STUN_MSG_MAX) {
            put16(buf + 2, (unsigned)(len + 24 - STUN_HEADER_LEN));
            uint8_t mac[EVP_MAX_MD_SIZE];
            unsigned mlen = 0;
            ok = HMAC(EVP_sha1(), key, (int)klen, buf, len, mac, &mlen) && mlen == 20 &&
                 put_attr(buf, &len, STUN_ATTR_MESSAGE_INTEGRITY, mac, 20);
        } else {
            ok = false;
        }
        memset(key, 0, sizeof key);
    }
    if (!ok)
        return 0;
    put16(buf + 2, (unsigned)(len - STUN_HEADER_LEN));
    return len;
}

bool stun_looks_like(const uint8_t *buf, size_t len)
{
    if (len < STUN_HEADER_LEN || (buf[0] & 0xC0))
        return false;
    size_t body = get16(buf + 2);
    return body % 4 == 0 && STUN_HEADER_LEN + body == len;
}

static void copy_text(char *dst, const uint8_t *v, size_t n)
{
    if (n > STUN_TEXT_MAX)
        n = STUN_TEXT_MAX;
    memcpy(dst, v, n);
    dst[n] = '\0';
}

/* MAPPED-ADDRESS and its XOR forms: family 1 (IPv4, 4 bytes) or 2 (IPv6, 16 bytes). The XOR
 * forms are XORed with the cookie (and for IPv6, the cookie and the transaction ID). */
static int read_address(const uint8_t *v, size_t n, bool xored, const uint8_t *header,
                        struct sockaddr_storage *out)
{
    if (n < 4)
        return -1;
    unsigned family = v[1], port = get16(v + 2);
    memset(out, 0, sizeof *out);
    if (xored)
        port ^= STUN_MAGIC_COOKIE >> 16;
    if (family == 1 && n == 8) {
        struct sockaddr_in *s4 = (struct sockaddr_in *)out;
        uint32_t addr = get32(v + 4);
        if (xored)
            addr ^= STUN_MAGIC_COOKIE;
        s4->sin_family = AF_INET;
        s4->sin_port = htons((uint16_t)port);
        s4->sin_addr.s_addr = htonl(addr);
        return 0;
    }
    if (family == 2 && n == 20) {
        struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)out;
        s6->sin6_family = AF_INET6;
        s6->sin6_port = htons((uint16_t)port);
        for (int i = 0; i < 16; i++)
            s6->sin6_addr.s6_addr[i] = (uint8_t)(v[4 + i] ^ (xored ? header[4 + i] : 0));
        return 0;
    }
    return -1;
}

int stun_parse(const uint8_t *buf, size_t len, struct stun_answer *a)
{
    memset(a, 0, sizeof *a);
    if (!stun_looks_like(buf, len))
        return -1;
    a->type = (uint16_t)get16(buf);
    a->cookie = get32(buf + 4) == STUN_MAGIC_COOKIE;
    memcpy(a->tid, buf + 8, STUN_TID_LEN);
    bool have_xor = false, after_integrity = false;
    size_t at = STUN_HEADER_LEN;
    while (at < len) {
        if (len - at < 4)
            return -1;
        unsigned type = get16(buf + at);
        size_t n = get16(buf + at + 2);
        size_t padded = (n + 3) & ~(size_t)3;
        if (padded > len - at - 4)
            return -1;
        const uint8_t *v = buf + at + 4;
        if (after_integrity) {
            /* Not covered by the HMAC: whoever is on the path may have added it. */
            at += 4 + padded;
            continue;
        }
        switch (type) {
        case STUN_ATTR_MAPPED_ADDRESS:
            if (have_xor)
                break; /* the XORed one, which no ALG rewrote, wins */
            if (read_address(v, n, false, buf, &a->mapped) < 0)
                return -1;
            a->has_mapped = true;
            break;
        case STUN_ATTR_XOR_MAPPED_ADDRESS:
        case STUN_ATTR_XOR_MAPPED_OLD:
            if (!a->cookie || read_address(v, n, true, buf, &a->mapped) < 0)
                return -1;
            a->has_mapped = have_xor = true;
            break;
        case STUN_ATTR_ERROR_CODE:
            if (n < 4)
                return -1;
            a->has_error = true;
            a->error_code = (v[2] & 7u) * 100u + v[3] % 100u;
            copy_text(a->reason, v + 4, n - 4);
            break;
        case STUN_ATTR_REALM:
            copy_text(a->realm, v, n);
            break;
        case STUN_ATTR_NONCE:
            copy_text(a->nonce, v, n);
            break;
        case STUN_ATTR_MESSAGE_INTEGRITY:
            if (n != 20)
                return -1;
            a->has_integrity = after_integrity = true;
            a->integrity_at = at;
            break;
        default:
            break; /* comprehension-required ones only matter to a server */
        }
        at += 4 + padded;
    }
    return 0;
}

bool stun_integrity_ok(const uint8_t *buf, size_t len, const struct stun_answer *a,
                       const uint8_t *key, size_t klen)
{
    if (!a->has_integrity || a->integrity_at < STUN_HEADER_LEN || a->integrity_at + 24 > len ||
        len > STUN_MSG_MAX * 4)
        return false;
    const uint8_t *given = buf + a->integrity_at + 4;
    size_t n = a->integrity_at;
    /* The text signed, with room for RFC 3489's padding to 64 bytes. */
    uint8_t text[STUN_MSG_MAX * 4 + 64];
    memcpy(text, buf, n);
    uint8_t mac[EVP_MAX_MD_SIZE];
    unsigned mlen = 0;
    /* RFC 5389: the header's length as if MESSAGE-INTEGRITY ended the message. */
    put16(text + 2, (unsigned)(n + 24 - STUN_HEADER_LEN));
    if (HMAC(EVP_sha1(), key, (int)klen, text, n, mac, &mlen) && mlen == 20 &&
        CRYPTO_memcmp(mac, given, 20) == 0)
        return true;
    /* RFC 3489: the header as sent, the text padded with zeros to a multiple of 64 bytes. */
    memcpy(text + 2, buf + 2, 2);
    size_t padded = (n + 63) & ~(size_t)63;
    memset(text + n, 0, padded - n);
    return HMAC(EVP_sha1(), key, (int)klen, text, padded, mac, &mlen) && mlen == 20 &&
           CRYPTO_memcmp(mac, given, 20) == 0;
}
