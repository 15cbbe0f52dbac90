#include "passwords.h"

#include <crypt.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The fixed key of IOS's type 7: the algorithm is a public obfuscation, kept for compatibility
 * with configurations written by IOS devices. */
static const char type7_key[] = "dsfd;kfoA,.iyewrkldJKDHSUBsgvca69834ncxv9873254k;fg87";
#define TYPE7_KEYLEN (sizeof type7_key - 1)

void type7_encode(const char *clear, char *out, size_t cap)
{
    unsigned seed = 0;
    for (const char *p = clear; *p; p++)
        seed = seed * 31u + (unsigned char)*p;
    seed %= 16u;
    size_t used = (size_t)snprintf(out, cap, "%02u", seed);
    for (size_t i = 0; clear[i] && used + 3 <= cap; i++) {
        unsigned char k = (unsigned char)type7_key[(seed + i) % TYPE7_KEYLEN];
        used += (size_t)snprintf(out + used, cap - used, "%02X", (unsigned char)clear[i] ^ k);
    }
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

bool type7_decode(const char *enc, char *out, size_t cap)
{
    size_t len = strlen(enc);
    if (len < 2 || len % 2 != 0 || cap == 0)
        return false;
    if (enc[0] < '0' || enc[0] > '9' || enc[1] < '0' || enc[1] > '9')
        return false;
    unsigned seed = (unsigned)(enc[0] - '0') * 10u + (unsigned)(enc[1] - '0');
    if (seed >= TYPE7_KEYLEN)
        return false;
    size_t n = 0;
    for (size_t i = 2; i < len; i += 2) {
        int hi = hexval(enc[i]), lo = hexval(enc[i + 1]);
        if (hi < 0 || lo < 0 || n + 1 >= cap)
            return false;
        unsigned char c =
            (unsigned char)(hi << 4 | lo) ^ (unsigned char)type7_key[(seed + n) % TYPE7_KEYLEN];
        if (c < 0x20 || c == 0x7f)
            return false; /* a password is printable text */
        out[n++] = (char)c;
    }
    out[n] = '\0';
    return true;
}

/* Type 9 writes its salt and hash in base64 with the crypt(3) alphabet. */
static const char crypt64[] = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
static const char std64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static void to_crypt64(const unsigned char *in, size_t len, char *out)
{
    unsigned char tmp[64];
    int n = EVP_EncodeBlock(tmp, in, (int)len);
    size_t o = 0;
    for (int i = 0; i < n && tmp[i] != '='; i++)
        out[o++] = crypt64[strchr(std64, tmp[i]) - std64];
    out[o] = '\0';
}

static bool in_crypt64(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (!s[i] || !strchr(crypt64, s[i]))
            return false;
    return true;
}

int type9_hash_salt(const char *secret, const char *salt, char *out, size_t cap)
{
    unsigned char key[32];
    if (cap < TYPE9_LEN + 1 || strlen(salt) != 14 || !in_crypt64(salt, 14))
        return -1;
    if (EVP_PBE_scrypt(secret, strlen(secret), (const unsigned char *)salt, 14, 16384, 1, 1,
                       64u * 1024u * 1024u, key, sizeof key) != 1)
        return -1;
    char enc[48];
    to_crypt64(key, sizeof key, enc);
    snprintf(out, cap, "$9$%s$%s", salt, enc);
    OPENSSL_cleanse(key, sizeof key);
    return 0;
}

/* n random crypt64 characters and a terminator (64 divides 256: every character as likely). */
static int random_salt(char *salt, size_t n)
{
    unsigned char raw[16];
    if (n > sizeof raw || RAND_bytes(raw, (int)n) != 1)
        return -1;
    for (size_t i = 0; i < n; i++)
        salt[i] = crypt64[raw[i] % 64u];
    salt[n] = '\0';
    return 0;
}

int type9_hash(const char *secret, char *out, size_t cap)
{
    char salt[15];
    if (random_salt(salt, 14) < 0)
        return -1;
    return type9_hash_salt(secret, salt, out, cap);
}

int type8_hash(const char *secret, char *out, size_t cap)
{
    char salt[15];
    if (random_salt(salt, 14) < 0)
        return -1;
    return type8_hash_salt(secret, salt, out, cap);
}

/* Types 8 and 9 share their form: "$N$", a salt of 14 and a hash of 43 crypt64 characters. */
static bool salted_valid(const char *hash, const char *prefix)
{
    return strlen(hash) == TYPE9_LEN && !strncmp(hash, prefix, 3) && hash[17] == '$' &&
           in_crypt64(hash + 3, 14) && in_crypt64(hash + 18, 43);
}

/* Hashes secret again with hash's salt, and compares in constant time. */
static bool salted_verify(const char *secret, const char *hash,
                          int (*with_salt)(const char *, const char *, char *, size_t))
{
    char salt[15], computed[TYPE9_LEN + 1];
    memcpy(salt, hash + 3, 14);
    salt[14] = '\0';
    if (with_salt(secret, salt, computed, sizeof computed) < 0)
        return false;
    return CRYPTO_memcmp(computed, hash, TYPE9_LEN) == 0;
}

bool type9_valid(const char *hash)
{
    return salted_valid(hash, "$9$");
}

bool type9_verify(const char *secret, const char *hash)
{
    return type9_valid(hash) && salted_verify(secret, hash, type9_hash_salt);
}

int type8_hash_salt(const char *secret, const char *salt, char *out, size_t cap)
{
    unsigned char key[32];
    if (cap < TYPE8_LEN + 1 || strlen(salt) != 14 || !in_crypt64(salt, 14))
        return -1;
    if (PKCS5_PBKDF2_HMAC(secret, (int)strlen(secret), (const unsigned char *)salt, 14, 20000,
                          EVP_sha256(), (int)sizeof key, key) != 1)
        return -1;
    char enc[48];
    to_crypt64(key, sizeof key, enc);
    snprintf(out, cap, "$8$%s$%s", salt, enc);
    OPENSSL_cleanse(key, sizeof key);
    return 0;
}

bool type8_valid(const char *hash)
{
    return salted_valid(hash, "$8$");
}

bool type8_verify(const char *secret, const char *hash)
{
    return type8_valid(hash) && salted_verify(secret, hash, type8_hash_salt);
}

bool type5_valid(const char *hash)
{
    if (strncmp(hash, "$1$", 3) != 0)
        return false;
    const char *salt = hash + 3, *end = strchr(salt, '$');
    size_t salt_len = end ? (size_t)(end - salt) : 0;
    return end && salt_len >= 1 && salt_len <= 8 && in_crypt64(salt, salt_len) &&
           strlen(end + 1) == 22 && in_crypt64(end + 1, 22);
}

int type5_hash(const char *secret, char *out, size_t cap)
{
    char setting[3 + 8 + 1 + 1] = "$1$";
    if (random_salt(setting + 3, 4) < 0) /* IOS's type 5 salts have 4 characters */
        return -1;
    strcat(setting, "$");
    struct crypt_data *data = calloc(1, sizeof *data);
    if (!data)
        return -1;
    const char *computed = crypt_r(secret, setting, data);
    int rc = -1;
    if (computed && type5_valid(computed) && strlen(computed) < cap) {
        strcpy(out, computed);
        rc = 0;
    }
    OPENSSL_cleanse(data, sizeof *data);
    free(data);
    return rc;
}

bool type5_verify(const char *secret, const char *hash)
{
    if (!type5_valid(hash))
        return false;
    /* crypt_r's state is large (about 32 KiB): on the heap, not on the loop's stack. */
    struct crypt_data *data = calloc(1, sizeof *data);
    if (!data)
        return false;
    const char *computed = crypt_r(secret, hash, data);
    bool ok = computed && strlen(computed) == strlen(hash) &&
              CRYPTO_memcmp(computed, hash, strlen(hash)) == 0;
    OPENSSL_cleanse(data, sizeof *data);
    free(data);
    return ok;
}

int secret_type(const char *hash)
{
    if (type9_valid(hash))
        return 9;
    if (type8_valid(hash))
        return 8;
    if (type5_valid(hash))
        return 5;
    return 0;
}

bool secret_verify(const char *secret, const char *hash)
{
    switch (secret_type(hash)) {
    case 9:
        return type9_verify(secret, hash);
    case 8:
        return type8_verify(secret, hash);
    case 5:
        return type5_verify(secret, hash);
    default:
        return false;
    }
}
