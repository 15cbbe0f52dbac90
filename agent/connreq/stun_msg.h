/* STUN messages as TR-111 Part 2 (TR-069 Annex G) uses them: Binding Requests carrying
 * CONNECTION-REQUEST-BINDING (and BINDING-CHANGE when the binding changed), with
 * MESSAGE-INTEGRITY when the server asks for it, and the server's answers. The header is RFC
 * 5389's (a magic cookie, then a 96-bit transaction ID), which an RFC 3489 server takes as a
 * 128-bit ID and echoes: the answers of both kinds are read (MAPPED-ADDRESS and
 * XOR-MAPPED-ADDRESS). No socket here: bytes in, bytes out, for the unit tests and the fuzzer. */
#ifndef CWMP_STUN_MSG_H
#define CWMP_STUN_MSG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

#define STUN_HEADER_LEN   20
#define STUN_MSG_MAX      548 /* RFC 3489: what fits in any path's MTU */
#define STUN_MAGIC_COOKIE 0x2112A442u
#define STUN_TID_LEN      12
#define STUN_TEXT_MAX     256 /* USERNAME, REALM, NONCE, reason phrases kept */

#define STUN_BINDING_REQUEST  0x0001
#define STUN_BINDING_RESPONSE 0x0101
#define STUN_BINDING_ERROR    0x0111

#define STUN_ATTR_MAPPED_ADDRESS             0x0001
#define STUN_ATTR_USERNAME                   0x0006
#define STUN_ATTR_MESSAGE_INTEGRITY          0x0008
#define STUN_ATTR_ERROR_CODE                 0x0009
#define STUN_ATTR_REALM                      0x0014
#define STUN_ATTR_NONCE                      0x0015
#define STUN_ATTR_XOR_MAPPED_ADDRESS         0x0020
#define STUN_ATTR_XOR_MAPPED_OLD             0x8020 /* the draft's number, still sent by some servers */
#define STUN_ATTR_FINGERPRINT                0x8028
#define STUN_ATTR_CONNECTION_REQUEST_BINDING 0xC001 /* TR-111 */
#define STUN_ATTR_BINDING_CHANGE             0xC002 /* TR-111 */

/* CONNECTION-REQUEST-BINDING's value: 16 bytes, the last a space (TR-069 Annex G). */
#define STUN_TR111_VALUE     "dslforum TR-111 "
#define STUN_TR111_VALUE_LEN 16

/* What a request carries besides the TR-111 attribute. */
struct stun_request {
    uint8_t tid[STUN_TID_LEN];
    bool binding_change;  /* the binding changed since the last one the ACS could have seen */
    const char *username; /* NULL: no USERNAME and no MESSAGE-INTEGRITY */
    const char *realm;    /* with nonce: long-term credentials (the server's 401 gave them) */
    const char *nonce;
    const char *password; /* the key (short-term), or a part of it (long-term); NULL: "" */
};

/* The longest MESSAGE-INTEGRITY key: a short-term password (STUNPassword, 256 characters at most),
 * or the 16 bytes of MD5 of a long-term one. */
#define STUN_KEY_MAX STUN_TEXT_MAX

/* The key of the request's MESSAGE-INTEGRITY into key (STUN_KEY_MAX bytes); returns its length,
 * 0 when it has none (no username, or a password too long). */
size_t stun_integrity_key(const struct stun_request *r, uint8_t *key);

/* Writes the Binding Request into buf (STUN_MSG_MAX bytes); returns its length, or 0 when the
 * credentials do not fit. */
size_t stun_build_binding_request(const struct stun_request *r, uint8_t *buf);

/* A message read: what the client needs from an answer. */
struct stun_answer {
    uint16_t type;
    uint8_t tid[STUN_TID_LEN];
    bool cookie; /* the magic cookie was there */
    bool has_mapped;
    struct sockaddr_storage mapped; /* XOR-MAPPED-ADDRESS when given, else MAPPED-ADDRESS */
    bool has_error;
    unsigned error_code; /* 300-699 */
    char reason[STUN_TEXT_MAX + 1];
    char realm[STUN_TEXT_MAX + 1];
    char nonce[STUN_TEXT_MAX + 1];
    /* MESSAGE-INTEGRITY: where it starts. Attributes after it are ignored but FINGERPRINT's
     * place (RFC 5389 15.4: nothing after it is covered by the HMAC, so nothing after it is
     * believed). */
    bool has_integrity;
    size_t integrity_at;
};

/* Whether the datagram starts as a STUN message does (the two top bits zero, the length a
 * multiple of 4 matching what came): what tells a STUN answer from a UDP connection request
 * arriving on the same socket. */
bool stun_looks_like(const uint8_t *buf, size_t len);

/* Reads a message; returns 0, or -1 when it is not a well-formed STUN message (short,
 * attributes running past the end, a bad address family, a MESSAGE-INTEGRITY not of 20 bytes).
 * Unknown attributes are skipped, and every attribute after MESSAGE-INTEGRITY. */
int stun_parse(const uint8_t *buf, size_t len, struct stun_answer *a);

/* Whether the message (a parsed by stun_parse from buf, len) carries a MESSAGE-INTEGRITY that the
 * key signs: as RFC 5389 computes it (the length in the header counting up to the end of
 * MESSAGE-INTEGRITY), or as RFC 3489 does (the text before it padded with zeros to a multiple of
 * 64 bytes), since TR-111 names RFC 3489 and servers of both kinds answer. False without one. */
bool stun_integrity_ok(const uint8_t *buf, size_t len, const struct stun_answer *a,
                       const uint8_t *key, size_t klen);

#endif
