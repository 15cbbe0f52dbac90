#include "cr_cert.h"

#include <errno.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <stdlib.h>
#include <stdbool.h>
#include <string.h>

#include "fileio.h"

#define CERT_MAX  (64u * 1024u)
#define CERT_DAYS (20 * 366)

static void openssl_error(struct strbuf *err, const char *what)
{
    char buf[256];
    unsigned long e = ERR_get_error();
    ERR_error_string_n(e, buf, sizeof buf);
    ERR_clear_error();
    sb_printf(err, "%s: %s", what, e ? buf : "failed");
}

/* A PEM object out of a memory BIO, appended to out. */
static void bio_text(BIO *b, struct strbuf *out)
{
    char *p;
    long n = BIO_get_mem_data(b, &p);
    if (n > 0)
        sb_append(out, p, (size_t)n);
}

/* Both files read, and each parses as what it should be. */
static int load(const char *kpath, const char *cpath, struct strbuf *key, struct strbuf *cert)
{
    char *k = NULL, *c = NULL;
    size_t klen, clen;
    int rc = -1;
    if (file_read_all(kpath, CERT_MAX, &k, &klen) == 0 &&
        file_read_all(cpath, CERT_MAX, &c, &clen) == 0) {
        BIO *kb = BIO_new_mem_buf(k, (int)klen), *cb = BIO_new_mem_buf(c, (int)clen);
        EVP_PKEY *pk = kb ? PEM_read_bio_PrivateKey(kb, NULL, NULL, NULL) : NULL;
        X509 *x = cb ? PEM_read_bio_X509(cb, NULL, NULL, NULL) : NULL;
        if (pk && x && X509_check_private_key(x, pk) == 1) {
            sb_append(key, k, klen);
            sb_append(cert, c, clen);
            rc = 0;
        }
        EVP_PKEY_free(pk);
        X509_free(x);
        BIO_free(kb);
        BIO_free(cb);
        ERR_clear_error();
    }
    free(k);
    free(c);
    return rc;
}

static int create(const char *name, struct strbuf *key, struct strbuf *cert, struct strbuf *err)
{
    int rc = -1;
    EVP_PKEY *pk = EVP_EC_gen("P-256");
    X509 *x = X509_new();
    BIO *kb = BIO_new(BIO_s_mem()), *cb = BIO_new(BIO_s_mem());
    BIGNUM *serial = BN_new();
    X509_NAME *subject = X509_NAME_new();
    if (!pk || !x || !kb || !cb || !serial || !subject) {
        openssl_error(err, "cannot make a key");
        goto out;
    }
    /* A random positive serial number, as RFC 5280 wants it unique per issuer. */
    if (!BN_rand(serial, 63, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) ||
        !BN_to_ASN1_INTEGER(serial, X509_get_serialNumber(x)) || !X509_set_version(x, 2) ||
        !X509_NAME_add_entry_by_txt(subject, "CN", MBSTRING_UTF8, (const unsigned char *)name, -1,
                                    -1, 0) ||
        !X509_set_subject_name(x, subject) || !X509_set_issuer_name(x, subject) ||
        !X509_gmtime_adj(X509_getm_notBefore(x), -3600) ||
        !X509_gmtime_adj(X509_getm_notAfter(x), (long)CERT_DAYS * 86400) ||
        !X509_set_pubkey(x, pk) || !X509_sign(x, pk, EVP_sha256()) ||
        !PEM_write_bio_PrivateKey(kb, pk, NULL, NULL, 0, NULL, NULL) ||
        !PEM_write_bio_X509(cb, x)) {
        openssl_error(err, "cannot make a certificate");
        goto out;
    }
    bio_text(kb, key);
    bio_text(cb, cert);
    rc = 0;
out:
    X509_NAME_free(subject);
    BN_free(serial);
    BIO_free(kb);
    BIO_free(cb);
    X509_free(x);
    EVP_PKEY_free(pk);
    return rc;
}

int cr_cert_load_or_create(const char *dir, const char *name, struct strbuf *key,
                           struct strbuf *cert, struct strbuf *err)
{
    struct strbuf kpath = STRBUF_INIT, cpath = STRBUF_INIT;
    sb_printf(&kpath, "%s/%s", dir, CR_KEY_FILE);
    sb_printf(&cpath, "%s/%s", dir, CR_CERT_FILE);
    int rc = load(sb_str(&kpath), sb_str(&cpath), key, cert);
    bool made = false;
    if (rc < 0) {
        sb_reset(key);
        sb_reset(cert);
        rc = create(name, key, cert, err);
        made = rc == 0;
    }
    /* The key first: a pair cut short by a crash does not load, and is made again. */
    if (made) {
        int w = file_write_atomic(sb_str(&kpath), key->buf, key->len, 0600);
        if (w == 0)
            w = file_write_atomic(sb_str(&cpath), cert->buf, cert->len, 0644);
        if (w < 0) {
            sb_printf(err, "cannot save the certificate in %s: %s", dir, strerror(-w));
            rc = -1;
        }
    }
    sb_free(&kpath);
    sb_free(&cpath);
    return rc;
}
