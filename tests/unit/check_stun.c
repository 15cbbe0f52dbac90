/* Unit tests of TR-111 Part 2 (TR-069 Annex G): the STUN Binding Requests cwmpd writes (the TR-111
 * attributes, MESSAGE-INTEGRITY with short-term and long-term keys), the answers it reads (mapped
 * addresses in both forms, errors, malformed messages), the UDP connection requests it accepts
 * or drops (signature, username, timestamp, id), and the stun commands over the ManagementServer
 * parameters. */
#include <arpa/inet.h>
#include <check.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "agent.h"
#include "dm.h"
#include "stun_msg.h"
#include "udp_cr.h"
#include "unit.h"

/* ---- Binding Requests ---- */

static const uint8_t tid[STUN_TID_LEN] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};

static unsigned get16(const uint8_t *p)
{
    return (unsigned)p[0] << 8 | p[1];
}

START_TEST(request_plain)
{
    struct stun_request r = {0};
    memcpy(r.tid, tid, sizeof tid);
    uint8_t b[STUN_MSG_MAX];
    size_t n = stun_build_binding_request(&r, b);
    /* The header, then CONNECTION-REQUEST-BINDING with its 16 bytes, nothing else. */
    static const uint8_t want[] = {0x00, 0x01, 0x00, 0x14, 0x21, 0x12, 0xA4, 0x42, 1,   2,
                                   3,    4,    5,    6,    7,    8,    9,    10,   11,  12,
                                   0xC0, 0x01, 0x00, 0x10, 'd',  's',  'l',  'f',  'o', 'r',
                                   'u',  'm',  ' ',  'T',  'R',  '-',  '1',  '1',  '1', ' '};
    ck_assert_uint_eq(n, sizeof want);
    ck_assert_mem_eq(b, want, sizeof want);
    ck_assert(stun_looks_like(b, n));
}
END_TEST

START_TEST(request_binding_change)
{
    struct stun_request r = {.binding_change = true};
    memcpy(r.tid, tid, sizeof tid);
    uint8_t b[STUN_MSG_MAX];
    size_t n = stun_build_binding_request(&r, b);
    ck_assert_uint_eq(n, 20 + 20 + 4);
    ck_assert_uint_eq(get16(b + 2), 24);
    ck_assert_uint_eq(get16(b + 40), STUN_ATTR_BINDING_CHANGE);
    ck_assert_uint_eq(get16(b + 42), 0);
}
END_TEST

/* Finds MESSAGE-INTEGRITY and checks its HMAC-SHA1 with the key given (RFC 5389 15.4: over the
 * message before it, the length counting it). */
static void check_integrity(const uint8_t *b, size_t n, const uint8_t *key, size_t klen)
{
    ck_assert_uint_ge(n, 44);
    size_t at = n - 24;
    ck_assert_uint_eq(get16(b + at), STUN_ATTR_MESSAGE_INTEGRITY);
    ck_assert_uint_eq(get16(b + at + 2), 20);
    ck_assert_uint_eq(get16(b + 2), n - 20);
    uint8_t mac[EVP_MAX_MD_SIZE];
    unsigned mlen;
    HMAC(EVP_sha1(), key, (int)klen, b, at, mac, &mlen);
    ck_assert_uint_eq(mlen, 20);
    ck_assert_mem_eq(b + at + 4, mac, 20);
}

START_TEST(request_short_term_integrity)
{
    struct stun_request r = {.username = "cpe1", .password = "secret"};
    memcpy(r.tid, tid, sizeof tid);
    uint8_t b[STUN_MSG_MAX];
    size_t n = stun_build_binding_request(&r, b);
    ck_assert_uint_eq(n, 20 + 20 + 8 + 24);
    ck_assert_uint_eq(get16(b + 40), STUN_ATTR_USERNAME);
    ck_assert_uint_eq(get16(b + 42), 4);
    ck_assert_mem_eq(b + 44, "cpe1", 4);
    check_integrity(b, n, (const uint8_t *)"secret", 6);
}
END_TEST

START_TEST(request_long_term_integrity)
{
    struct stun_request r = {
        .username = "user", .realm = "example.org", .nonce = "abc", .password = "pass"};
    memcpy(r.tid, tid, sizeof tid);
    uint8_t b[STUN_MSG_MAX];
    size_t n = stun_build_binding_request(&r, b);
    ck_assert_uint_gt(n, 0);
    /* USERNAME, REALM (11 bytes, padded to 12), NONCE (3, padded to 4), then the integrity. */
    ck_assert_uint_eq(get16(b + 48), STUN_ATTR_REALM);
    ck_assert_uint_eq(get16(b + 50), 11);
    ck_assert_uint_eq(b[4 + 48 + 11], 0);
    ck_assert_uint_eq(get16(b + 64), STUN_ATTR_NONCE);
    uint8_t key[16];
    unsigned klen;
    EVP_Digest("user:example.org:pass", 21, key, &klen, EVP_md5(), NULL);
    check_integrity(b, n, key, klen);
}
END_TEST

START_TEST(request_too_long_credentials)
{
    char user[600];
    memset(user, 'u', sizeof user - 1);
    user[sizeof user - 1] = '\0';
    struct stun_request r = {.username = user, .password = "p"};
    uint8_t b[STUN_MSG_MAX];
    ck_assert_uint_eq(stun_build_binding_request(&r, b), 0);
}
END_TEST

/* ---- answers ---- */

struct msg {
    uint8_t b[STUN_MSG_MAX];
    size_t n;
};

static void begin(struct msg *m, unsigned type, bool cookie)
{
    memset(m, 0, sizeof *m);
    m->b[0] = (uint8_t)(type >> 8);
    m->b[1] = (uint8_t)type;
    if (cookie)
        memcpy(m->b + 4, "\x21\x12\xA4\x42", 4);
    memcpy(m->b + 8, tid, sizeof tid);
    m->n = 20;
}

static void attr(struct msg *m, unsigned type, const void *v, size_t len)
{
    m->b[m->n] = (uint8_t)(type >> 8);
    m->b[m->n + 1] = (uint8_t)type;
    m->b[m->n + 2] = (uint8_t)(len >> 8);
    m->b[m->n + 3] = (uint8_t)len;
    memcpy(m->b + m->n + 4, v, len);
    m->n += 4 + ((len + 3) & ~(size_t)3);
    m->b[2] = (uint8_t)((m->n - 20) >> 8);
    m->b[3] = (uint8_t)(m->n - 20);
}

static void mapped_text(const struct stun_answer *a, char *out)
{
    const struct sockaddr_in *s4 = (const struct sockaddr_in *)&a->mapped;
    char ip[INET_ADDRSTRLEN];
    inet_ntop(AF_INET, &s4->sin_addr, ip, sizeof ip);
    sprintf(out, "%s:%u", ip, ntohs(s4->sin_port));
}

START_TEST(answer_xor_mapped)
{
    struct msg m;
    begin(&m, STUN_BINDING_RESPONSE, true);
    /* 192.0.2.5:40000, XORed with the cookie */
    uint8_t plain_mapped[8] = {0, 1, 0x9C, 0x40, 10, 9, 8, 7}; /* 10.9.8.7:40000, ignored */
    attr(&m, STUN_ATTR_MAPPED_ADDRESS, plain_mapped, 8);
    uint8_t x[8] = {0, 1, 0x9C ^ 0x21, 0x40 ^ 0x12, 192 ^ 0x21, 0 ^ 0x12, 2 ^ 0xA4, 5 ^ 0x42};
    attr(&m, STUN_ATTR_XOR_MAPPED_ADDRESS, x, 8);
    struct stun_answer a;
    ck_assert_int_eq(stun_parse(m.b, m.n, &a), 0);
    ck_assert_uint_eq(a.type, STUN_BINDING_RESPONSE);
    ck_assert(a.has_mapped);
    ck_assert_mem_eq(a.tid, tid, sizeof tid);
    char t[64];
    mapped_text(&a, t);
    ck_assert_str_eq(t, "192.0.2.5:40000");
}
END_TEST

START_TEST(answer_rfc3489_mapped)
{
    struct msg m;
    begin(&m, STUN_BINDING_RESPONSE, false);
    uint8_t v[8] = {0, 1, 0x1D, 0x73, 198, 51, 100, 7}; /* 198.51.100.7:7539 */
    attr(&m, STUN_ATTR_MAPPED_ADDRESS, v, 8);
    struct stun_answer a;
    ck_assert_int_eq(stun_parse(m.b, m.n, &a), 0);
    ck_assert(!a.cookie);
    char t[64];
    mapped_text(&a, t);
    ck_assert_str_eq(t, "198.51.100.7:7539");
}
END_TEST

START_TEST(answer_error_401)
{
    struct msg m;
    begin(&m, STUN_BINDING_ERROR, true);
    uint8_t e[16] = {0, 0, 4, 1, 'U', 'n', 'a', 'u', 't', 'h', 'o', 'r', 'i', 'z', 'e', 'd'};
    attr(&m, STUN_ATTR_ERROR_CODE, e, 16);
    attr(&m, STUN_ATTR_REALM, "realm.example", 13);
    attr(&m, STUN_ATTR_NONCE, "n0nce", 5);
    struct stun_answer a;
    ck_assert_int_eq(stun_parse(m.b, m.n, &a), 0);
    ck_assert(a.has_error);
    ck_assert_uint_eq(a.error_code, 401);
    ck_assert_str_eq(a.reason, "Unauthorized");
    ck_assert_str_eq(a.realm, "realm.example");
    ck_assert_str_eq(a.nonce, "n0nce");
    ck_assert(!a.has_mapped);
}
END_TEST

START_TEST(answer_malformed)
{
    struct msg m;
    struct stun_answer a;
    /* too short */
    begin(&m, STUN_BINDING_RESPONSE, true);
    ck_assert_int_eq(stun_parse(m.b, 19, &a), -1);
    /* an attribute running past the end */
    uint8_t v[8] = {0, 1, 0, 80, 1, 2, 3, 4};
    attr(&m, STUN_ATTR_MAPPED_ADDRESS, v, 8);
    m.b[m.n - 9] = 12;
    ck_assert_int_eq(stun_parse(m.b, m.n, &a), -1);
    /* a bad family */
    begin(&m, STUN_BINDING_RESPONSE, true);
    v[1] = 3;
    attr(&m, STUN_ATTR_MAPPED_ADDRESS, v, 8);
    ck_assert_int_eq(stun_parse(m.b, m.n, &a), -1);
    /* the length field disagreeing with the datagram: not taken as STUN at all */
    begin(&m, STUN_BINDING_RESPONSE, true);
    ck_assert(stun_looks_like(m.b, m.n));
    ck_assert(!stun_looks_like(m.b, m.n + 4));
    /* what a UDP connection request starts with is not STUN */
    const char *get = "GET http://192.0.2.1:7547?ts=1 HTTP/1.1\r\n\r\n";
    ck_assert(!stun_looks_like((const uint8_t *)get, strlen(get)));
}
END_TEST

/* ---- MESSAGE-INTEGRITY of answers ---- */

/* Appends MESSAGE-INTEGRITY signed with key: RFC 5389's way (the length counting it), or RFC
 * 3489's (the text before it padded with zeros to 64 bytes). */
static void sign_msg(struct msg *m, const void *key, size_t klen, bool rfc3489)
{
    size_t at = m->n;
    m->b[2] = (uint8_t)((at + 24 - 20) >> 8);
    m->b[3] = (uint8_t)(at + 24 - 20);
    uint8_t text[STUN_MSG_MAX + 64] = {0};
    memcpy(text, m->b, at);
    size_t tn = rfc3489 ? (at + 63) & ~(size_t)63 : at;
    uint8_t mac[EVP_MAX_MD_SIZE];
    unsigned mlen;
    HMAC(EVP_sha1(), key, (int)klen, text, tn, mac, &mlen);
    attr(m, STUN_ATTR_MESSAGE_INTEGRITY, mac, 20);
}

/* 192.0.2.5:40000 and 203.0.113.66:6666 as XOR-MAPPED-ADDRESS values. */
static const uint8_t xor_good[8] = {0,          1,        0x9C ^ 0x21, 0x40 ^ 0x12,
                                    192 ^ 0x21, 0 ^ 0x12, 2 ^ 0xA4,    5 ^ 0x42};
static const uint8_t xor_evil[8] = {0,          1,        0x1A ^ 0x21, 0x0A ^ 0x12,
                                    203 ^ 0x21, 0 ^ 0x12, 113 ^ 0xA4,  66 ^ 0x42};

START_TEST(answer_integrity_valid)
{
    struct msg m;
    struct stun_answer a;
    const char *k = "secret";
    /* RFC 5389, then a FINGERPRINT after it (outside the HMAC, the length changed). */
    begin(&m, STUN_BINDING_RESPONSE, true);
    attr(&m, STUN_ATTR_XOR_MAPPED_ADDRESS, xor_good, 8);
    sign_msg(&m, k, 6, false);
    ck_assert_int_eq(stun_parse(m.b, m.n, &a), 0);
    ck_assert(a.has_integrity);
    ck_assert_uint_eq(a.integrity_at, 32);
    ck_assert(stun_integrity_ok(m.b, m.n, &a, (const uint8_t *)k, 6));
    uint8_t fp[4] = {1, 2, 3, 4};
    attr(&m, STUN_ATTR_FINGERPRINT, fp, 4);
    ck_assert_int_eq(stun_parse(m.b, m.n, &a), 0);
    ck_assert(stun_integrity_ok(m.b, m.n, &a, (const uint8_t *)k, 6));
    char t[64];
    mapped_text(&a, t);
    ck_assert_str_eq(t, "192.0.2.5:40000");
    /* RFC 3489: no cookie, the text padded to 64 bytes. */
    begin(&m, STUN_BINDING_RESPONSE, false);
    uint8_t v[8] = {0, 1, 0x1D, 0x73, 198, 51, 100, 7};
    attr(&m, STUN_ATTR_MAPPED_ADDRESS, v, 8);
    sign_msg(&m, k, 6, true);
    ck_assert_int_eq(stun_parse(m.b, m.n, &a), 0);
    ck_assert(stun_integrity_ok(m.b, m.n, &a, (const uint8_t *)k, 6));
    /* A long-term key (MD5 of user:realm:password), as the request's. */
    struct stun_request r = {
        .username = "user", .realm = "example.org", .nonce = "abc", .password = "pass"};
    uint8_t key[STUN_KEY_MAX];
    size_t klen = stun_integrity_key(&r, key);
    ck_assert_uint_eq(klen, 16);
    begin(&m, STUN_BINDING_RESPONSE, true);
    attr(&m, STUN_ATTR_XOR_MAPPED_ADDRESS, xor_good, 8);
    sign_msg(&m, key, klen, false);
    ck_assert_int_eq(stun_parse(m.b, m.n, &a), 0);
    ck_assert(stun_integrity_ok(m.b, m.n, &a, key, klen));
    ck_assert(!stun_integrity_ok(m.b, m.n, &a, (const uint8_t *)"pass", 4));
}
END_TEST

START_TEST(answer_integrity_wrong)
{
    struct msg m;
    struct stun_answer a;
    /* signed with another key */
    begin(&m, STUN_BINDING_RESPONSE, true);
    attr(&m, STUN_ATTR_XOR_MAPPED_ADDRESS, xor_evil, 8);
    sign_msg(&m, "guess", 5, false);
    ck_assert_int_eq(stun_parse(m.b, m.n, &a), 0);
    ck_assert(!stun_integrity_ok(m.b, m.n, &a, (const uint8_t *)"secret", 6));
    /* the right key, then the address changed on the way */
    begin(&m, STUN_BINDING_RESPONSE, true);
    attr(&m, STUN_ATTR_XOR_MAPPED_ADDRESS, xor_good, 8);
    sign_msg(&m, "secret", 6, false);
    m.b[m.n - 24 - 1] ^= 1;
    ck_assert_int_eq(stun_parse(m.b, m.n, &a), 0);
    ck_assert(!stun_integrity_ok(m.b, m.n, &a, (const uint8_t *)"secret", 6));
    /* none at all */
    begin(&m, STUN_BINDING_RESPONSE, true);
    attr(&m, STUN_ATTR_XOR_MAPPED_ADDRESS, xor_good, 8);
    ck_assert_int_eq(stun_parse(m.b, m.n, &a), 0);
    ck_assert(!a.has_integrity);
    ck_assert(!stun_integrity_ok(m.b, m.n, &a, (const uint8_t *)"secret", 6));
}
END_TEST

START_TEST(answer_integrity_truncated)
{
    struct msg m;
    struct stun_answer a;
    /* a MESSAGE-INTEGRITY of 16 bytes: not STUN's */
    begin(&m, STUN_BINDING_RESPONSE, true);
    attr(&m, STUN_ATTR_XOR_MAPPED_ADDRESS, xor_good, 8);
    uint8_t mac[20] = {0};
    attr(&m, STUN_ATTR_MESSAGE_INTEGRITY, mac, 16);
    ck_assert_int_eq(stun_parse(m.b, m.n, &a), -1);
    /* 20 bytes announced, 12 there: the datagram ends inside it */
    begin(&m, STUN_BINDING_RESPONSE, true);
    attr(&m, STUN_ATTR_XOR_MAPPED_ADDRESS, xor_good, 8);
    attr(&m, STUN_ATTR_MESSAGE_INTEGRITY, mac, 12);
    m.b[m.n - 16 + 3] = 20;
    ck_assert_int_eq(stun_parse(m.b, m.n, &a), -1);
    a.has_integrity = true;
    a.integrity_at = m.n - 16;
    ck_assert(!stun_integrity_ok(m.b, m.n, &a, (const uint8_t *)"secret", 6));
}
END_TEST

START_TEST(answer_attribute_after_integrity)
{
    struct msg m;
    struct stun_answer a;
    char t[64];
    /* A valid answer, then an address of someone else's appended: the HMAC does not cover it,
     * so it is not read. */
    begin(&m, STUN_BINDING_RESPONSE, true);
    attr(&m, STUN_ATTR_XOR_MAPPED_ADDRESS, xor_good, 8);
    sign_msg(&m, "secret", 6, false);
    attr(&m, STUN_ATTR_XOR_MAPPED_ADDRESS, xor_evil, 8);
    ck_assert_int_eq(stun_parse(m.b, m.n, &a), 0);
    ck_assert(stun_integrity_ok(m.b, m.n, &a, (const uint8_t *)"secret", 6));
    mapped_text(&a, t);
    ck_assert_str_eq(t, "192.0.2.5:40000");
    /* With only the appended address, the answer has none. */
    begin(&m, STUN_BINDING_RESPONSE, true);
    sign_msg(&m, "secret", 6, false);
    attr(&m, STUN_ATTR_XOR_MAPPED_ADDRESS, xor_evil, 8);
    ck_assert_int_eq(stun_parse(m.b, m.n, &a), 0);
    ck_assert(!a.has_mapped);
}
END_TEST

/* ---- UDP connection requests ---- */

static void sign(const char *ts, const char *id, const char *un, const char *cn, const char *key,
                 char hex[41])
{
    char text[1024];
    snprintf(text, sizeof text, "%s%s%s%s", ts, id, un, cn);
    uint8_t mac[EVP_MAX_MD_SIZE];
    unsigned n;
    HMAC(EVP_sha1(), key, (int)strlen(key), (const uint8_t *)text, strlen(text), mac, &n);
    for (unsigned i = 0; i < n; i++)
        sprintf(hex + 2 * i, "%02X", mac[i]);
}

static void request(char *out, size_t cap, const char *ts, const char *id, const char *un,
                    const char *cn, const char *key)
{
    char sig[41];
    sign(ts, id, un, cn, key, sig);
    snprintf(out, cap,
             "GET http://192.0.2.1:7547?ts=%s&id=%s&un=%s&cn=%s&sig=%s HTTP/1.1\r\n"
             "Host: 192.0.2.1:7547\r\n\r\n",
             ts, id, un, cn, sig);
}

START_TEST(udp_cr_parse_fields)
{
    struct udp_cr_request r;
    const char *m = "GET http://h:1/?sig=ab&cn=x%41y&un=u&id=7&ts=1120673700 HTTP/1.1\r\n\r\n";
    ck_assert_int_eq(udp_cr_parse(m, strlen(m), &r), 0);
    ck_assert_str_eq(r.cn, "xAy");
    ck_assert_str_eq(r.un, "u");
    ck_assert_str_eq(r.id, "7");
    ck_assert(r.ts_value == 1120673700ULL);
    const char *bad[] = {
        "POST http://h?ts=1&id=1&un=u&cn=c&sig=s HTTP/1.1\r\n",
        "GET http://h?ts=1&id=1&un=u&cn=c&sig=s HTTP/1.0\r\n",
        "GET http://h?ts=1&id=1&un=u&cn=c HTTP/1.1\r\n",
        "GET http://h?ts=1&ts=2&id=1&un=u&cn=c&sig=s HTTP/1.1\r\n",
        "GET http://h?ts=x&id=1&un=u&cn=c&sig=s HTTP/1.1\r\n",
        "GET http://h?ts=1&id=1&un=%zz&cn=c&sig=s HTTP/1.1\r\n",
        "GET /?ts=1&id=1&un=u&cn=c&sig=s HTTP/1.1\r\n",
        "",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        ck_assert_msg(udp_cr_parse(bad[i], strlen(bad[i]), &r) == -1, "accepted: %s", bad[i]);
}
END_TEST

START_TEST(udp_cr_signature)
{
    /* A fixed vector, computed apart with `openssl dgst -sha1 -hmac pw` over the four values one
     * after the other: "1120673700" "1234" "CPE57689" "XTGRWIPC6D3IPXS3". */
    struct udp_cr_request r = {.ts = "1120673700",
                               .id = "1234",
                               .un = "CPE57689",
                               .cn = "XTGRWIPC6D3IPXS3",
                               .sig = "715D51CAE3D872CEA6C45C1D8B9D25AF830D7360"};
    ck_assert(udp_cr_signature_ok(&r, "pw"));
    ck_assert(!udp_cr_signature_ok(&r, "pW"));
    for (char *p = r.sig; *p; p++)
        *p = (char)(*p >= 'A' && *p <= 'F' ? *p - 'A' + 'a' : *p);
    ck_assert(udp_cr_signature_ok(&r, "pw")); /* either case */
    r.sig[39] = '\0';
    ck_assert(!udp_cr_signature_ok(&r, "pw"));
}
END_TEST

START_TEST(udp_cr_verdicts)
{
    struct udp_cr_replay rp = {0};
    char m[1024];
    request(m, sizeof m, "1000", "a1", "acs", "c1", "pw");
    ck_assert_int_eq(udp_cr_check(&rp, m, strlen(m), "acs", "pw"), UDP_CR_ACCEPT);
    /* the same datagram again: the same id */
    ck_assert_int_eq(udp_cr_check(&rp, m, strlen(m), "acs", "pw"), UDP_CR_REPLAY);
    /* a new id in the same second: a new request; with an older timestamp: refused */
    request(m, sizeof m, "1000", "a2", "acs", "c2", "pw");
    ck_assert_int_eq(udp_cr_check(&rp, m, strlen(m), "acs", "pw"), UDP_CR_ACCEPT);
    ck_assert_int_eq(udp_cr_check(&rp, m, strlen(m), "acs", "pw"), UDP_CR_REPLAY);
    request(m, sizeof m, "999", "a3", "acs", "c3", "pw");
    ck_assert_int_eq(udp_cr_check(&rp, m, strlen(m), "acs", "pw"), UDP_CR_OLD);
    /* signed with another key */
    request(m, sizeof m, "1001", "a4", "acs", "c4", "other");
    ck_assert_int_eq(udp_cr_check(&rp, m, strlen(m), "acs", "pw"), UDP_CR_BAD_SIGNATURE);
    /* another username, or none configured */
    request(m, sizeof m, "1001", "a5", "eve", "c5", "pw");
    ck_assert_int_eq(udp_cr_check(&rp, m, strlen(m), "acs", "pw"), UDP_CR_BAD_USERNAME);
    request(m, sizeof m, "1001", "a6", "acs", "c6", "pw");
    ck_assert_int_eq(udp_cr_check(&rp, m, strlen(m), NULL, "pw"), UDP_CR_BAD_USERNAME);
    /* a newer one is accepted; what was refused left no trace */
    ck_assert_int_eq(udp_cr_check(&rp, m, strlen(m), "acs", "pw"), UDP_CR_ACCEPT);
    ck_assert_int_eq(udp_cr_check(&rp, "junk", 4, "acs", "pw"), UDP_CR_MALFORMED);
}
END_TEST

/* What is saved comes back: after a restart the same request is a replay, an older one old. */
START_TEST(udp_cr_replay_file)
{
    char d[] = "/tmp/check_stun.XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(d));
    char path[64];
    snprintf(path, sizeof path, "%s/" UDP_CR_REPLAY_FILE, d);
    struct udp_cr_replay rp = {0}, back;
    struct strbuf err = STRBUF_INIT;
    /* no file: nothing remembered */
    ck_assert_int_eq(udp_cr_replay_load(path, &back, &err), 0);
    ck_assert(!back.any);
    char m[1024], ts[16], id[16];
    /* more ids than are kept, one with characters that need escaping */
    for (int i = 0; i < UDP_CR_IDS + 3; i++) {
        snprintf(ts, sizeof ts, "%d", 2000 + i);
        snprintf(id, sizeof id, i == UDP_CR_IDS ? "a b%d" : "id%d", i);
        request(m, sizeof m, ts, id, "acs", "c", "pw");
        char *sp = strstr(m, "a b"); /* the URL has it escaped, the signature covers it decoded */
        if (sp) {
            memmove(sp + 3, sp + 1, strlen(sp + 1) + 1);
            memcpy(sp + 1, "%20", 3);
        }
        ck_assert_int_eq(udp_cr_check(&rp, m, strlen(m), "acs", "pw"), UDP_CR_ACCEPT);
    }
    ck_assert_int_eq(udp_cr_replay_save(path, &rp), 0);
    ck_assert_int_eq(udp_cr_replay_load(path, &back, &err), 0);
    ck_assert(back.any);
    ck_assert(back.last_ts == 2000 + UDP_CR_IDS + 2);
    /* the same ids, oldest first from next */
    for (unsigned i = 0; i < UDP_CR_IDS; i++)
        ck_assert_str_eq(back.ids[(back.next + i) % UDP_CR_IDS],
                         rp.ids[(rp.next + i) % UDP_CR_IDS]);
    request(m, sizeof m, "2018", "id17", "acs", "c", "pw");
    ck_assert_int_eq(udp_cr_check(&back, m, strlen(m), "acs", "pw"), UDP_CR_REPLAY);
    request(m, sizeof m, "2017", "new", "acs", "c", "pw");
    ck_assert_int_eq(udp_cr_check(&back, m, strlen(m), "acs", "pw"), UDP_CR_OLD);
    request(m, sizeof m, "2018", "new", "acs", "c", "pw");
    ck_assert_int_eq(udp_cr_check(&back, m, strlen(m), "acs", "pw"), UDP_CR_ACCEPT);
    /* a file that is not one: refused with its line */
    FILE *f = fopen(path, "w");
    fputs("udp-cr-replay 1\nts 12x\n", f);
    fclose(f);
    ck_assert_int_eq(udp_cr_replay_load(path, &back, &err), -1);
    ck_assert_msg(strstr(sb_str(&err), "line 2 is not understood"), "%s", sb_str(&err));
    sb_free(&err);
    unlink(path);
    rmdir(d);
}
END_TEST

/* ---- the commands and the parameters ---- */

static struct agent agent;
static char dir[64];
static struct agent_session sess;

static void setup(void)
{
    unit_agent_start(&agent, dir);
    agent_session_init(&sess, &agent, "test", "vty 0");
}

static void teardown(void)
{
    unit_agent_stop(&agent, dir);
}

static enum cmd_status run(const char *line, struct strbuf *out)
{
    sb_reset(out);
    return agent_exec_line(&agent, &sess, line, out);
}

#define MS "InternetGatewayDevice.ManagementServer."

static void value(const char *path, const char *want)
{
    struct dm_ctx c = {.agent = &agent, .store = agent.running, .state = &agent.cwmp};
    struct dm_lookup l;
    ck_assert_msg(dm_lookup(agent.dm, &c, path, &l) == 0, "%s not found", path);
    struct strbuf v = STRBUF_INIT;
    ck_assert_int_eq(dm_value(&c, &l.it, &v), 0);
    ck_assert_msg(!strcmp(sb_str(&v), want), "%s is \"%s\", not \"%s\"", path, sb_str(&v), want);
    sb_free(&v);
    dm_lookup_release(&l);
}

START_TEST(commands_and_parameters)
{
    struct strbuf out = STRBUF_INIT;
    value(MS "STUNEnable", "false");
    value(MS "STUNServerAddress", "");
    value(MS "STUNServerPort", "3478");
    value(MS "STUNMaximumKeepAlivePeriod", "-1");
    value(MS "STUNMinimumKeepAlivePeriod", "10");
    value(MS "NATDetected", "false");
    value(MS "UDPConnectionRequestAddress", "0.0.0.0:7547");
    value(MS "UDPConnectionRequestAddressNotificationLimit", "0");
    const char *lines[] = {"configure terminal",
                           "cwmp agent",
                           "stun",
                           "stun server stun.example.net",
                           "stun port 3479",
                           "stun username cpe1",
                           "stun password 0 s3cret",
                           "stun keepalive minimum 20",
                           "stun keepalive maximum 120",
                           "connection request udp notification limit 5",
                           "end"};
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++)
        ck_assert_msg(run(lines[i], &out) == CMD_OK, "%s: %s", lines[i], sb_str(&out));
    ck_assert_int_eq(run("show running-config", &out), CMD_OK);
    /* The password as the other CWMP passwords are shown: hidden (type 7). */
    const char *block = strstr(sb_str(&out), "cwmp agent\n"
                                             " stun\n"
                                             " stun server stun.example.net\n"
                                             " stun port 3479\n"
                                             " stun username cpe1\n"
                                             " stun password 7 ");
    ck_assert_ptr_nonnull(block);
    ck_assert_ptr_nonnull(strstr(block, "\n stun keepalive minimum 20\n"
                                        " stun keepalive maximum 120\n"
                                        " connection request udp notification limit 5\n"
                                        "!\n"));
    value(MS "STUNEnable", "true");
    value(MS "STUNServerAddress", "stun.example.net");
    value(MS "STUNServerPort", "3479");
    value(MS "STUNUsername", "cpe1");
    value(MS "STUNPassword", "");
    value(MS "STUNMaximumKeepAlivePeriod", "120");
    value(MS "STUNMinimumKeepAlivePeriod", "20");
    value(MS "UDPConnectionRequestAddressNotificationLimit", "5");
    /* The no forms go back to the defaults. */
    const char *nos[] = {"configure terminal",
                         "cwmp agent",
                         "no stun server",
                         "no stun port",
                         "no stun keepalive maximum",
                         "no stun keepalive minimum",
                         "no stun",
                         "end"};
    for (size_t i = 0; i < sizeof nos / sizeof nos[0]; i++)
        ck_assert_msg(run(nos[i], &out) == CMD_OK, "%s: %s", nos[i], sb_str(&out));
    value(MS "STUNEnable", "false");
    value(MS "STUNServerAddress", "");
    value(MS "STUNServerPort", "3478");
    value(MS "STUNMaximumKeepAlivePeriod", "-1");
    value(MS "STUNMinimumKeepAlivePeriod", "10");
    /* Out of range: the IOS message, nothing changed. */
    ck_assert_int_eq(run("configure terminal", &out), CMD_OK);
    ck_assert_int_eq(run("cwmp agent", &out), CMD_OK);
    ck_assert_int_ne(run("stun port 65536", &out), CMD_OK);
    ck_assert_ptr_nonnull(strstr(sb_str(&out), "% Invalid input detected at '^' marker."));
    ck_assert_int_eq(run("end", &out), CMD_OK);
    value(MS "STUNServerPort", "3478");
    sb_free(&out);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("stun");
    TCase *t = tcase_create("messages");
    tcase_add_test(t, request_plain);
    tcase_add_test(t, request_binding_change);
    tcase_add_test(t, request_short_term_integrity);
    tcase_add_test(t, request_long_term_integrity);
    tcase_add_test(t, request_too_long_credentials);
    tcase_add_test(t, answer_xor_mapped);
    tcase_add_test(t, answer_rfc3489_mapped);
    tcase_add_test(t, answer_error_401);
    tcase_add_test(t, answer_malformed);
    tcase_add_test(t, answer_integrity_valid);
    tcase_add_test(t, answer_integrity_wrong);
    tcase_add_test(t, answer_integrity_truncated);
    tcase_add_test(t, answer_attribute_after_integrity);
    suite_add_tcase(s, t);
    t = tcase_create("udp_cr");
    tcase_add_test(t, udp_cr_parse_fields);
    tcase_add_test(t, udp_cr_signature);
    tcase_add_test(t, udp_cr_verdicts);
    tcase_add_test(t, udp_cr_replay_file);
    suite_add_tcase(s, t);
    t = tcase_create("commands");
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_add_test(t, commands_and_parameters);
    suite_add_tcase(s, t);
    return unit_run(s);
}
