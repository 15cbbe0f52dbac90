/* IOS password forms: type 7 (reversible, to hide passwords cwmpd must use in clear), and the
 * hashed secrets that are only ever checked: type 9 (scrypt), which cwmpd writes, and type 5
 * (MD5-crypt) and type 8 (PBKDF2-SHA256), which configurations written by IOS devices hold. */
#ifndef CWMP_PASSWORDS_H
#define CWMP_PASSWORDS_H

#include <stdbool.h>
#include <stddef.h>

/* Type 7 of clear into out (at least 2 + 2 * strlen(clear) + 1 bytes). The seed is derived from the
 * text so that running-config renders the same way every time. */
void type7_encode(const char *clear, char *out, size_t cap);
/* Decodes a type 7 string; returns false when it is not one. */
bool type7_decode(const char *enc, char *out, size_t cap);

#define TYPE9_LEN 61 /* "$9$" + 14 salt + "$" + 43 hash */
/* Hashes a secret as IOS type 9 into out (TYPE9_LEN + 1 bytes). Returns 0, or -1 when OpenSSL
 * fails. */
int type9_hash(const char *secret, char *out, size_t cap);
/* Hashes with a given 14-character salt (tests use known salts). */
int type9_hash_salt(const char *secret, const char *salt, char *out, size_t cap);
bool type9_valid(const char *hash);
bool type9_verify(const char *secret, const char *hash);

#define TYPE8_LEN 61 /* "$8$" + 14 salt + "$" + 43 hash */
/* Type 8: PBKDF2-HMAC-SHA256, 20,000 iterations, the 14 characters of the salt as its bytes. */
int type8_hash_salt(const char *secret, const char *salt, char *out, size_t cap);
/* Type 8 with a random salt (username ... algorithm-type sha256). */
int type8_hash(const char *secret, char *out, size_t cap);
bool type8_valid(const char *hash);
bool type8_verify(const char *secret, const char *hash);

/* Type 5: MD5-crypt ("$1$" + salt of 1 to 8 characters + "$" + 22), checked by the system's
 * crypt(3). */
#define TYPE5_LEN 30 /* "$1$" + 4 salt + "$" + 22, as cwmpd writes it */
/* Type 5 with a random salt of 4 characters, as IOS writes it (algorithm-type md5): 0, or -1 when
 * crypt(3) cannot make MD5-crypt hashes or out (TYPE5_LEN + 1 bytes) is too small. */
int type5_hash(const char *secret, char *out, size_t cap);
bool type5_valid(const char *hash);
bool type5_verify(const char *secret, const char *hash);

/* A hashed secret of any of these types: its type (5, 8 or 9) by its prefix, 0 when it is none of
 * them or malformed; and whether secret matches it. */
int secret_type(const char *hash);
bool secret_verify(const char *secret, const char *hash);

#endif
