/* The certificate of `ip http secure-server`: as IOS does for its HTTPS server when none is
 * configured, a self-signed one made at first need and kept in the state directory
 * (cr-https-key.pem, mode 0600, and cr-https-cert.pem), so that it stays the same across
 * restarts. */
#ifndef CWMP_CR_CERT_H
#define CWMP_CR_CERT_H

#include "strbuf.h"

#define CR_KEY_FILE  "cr-https-key.pem"
#define CR_CERT_FILE "cr-https-cert.pem"

/* Reads the pair from dir, or makes one (an ECDSA P-256 key, a certificate for "CN=name" valid
 * 20 years) and saves it atomically. key and cert get the PEM texts. Returns 0, or -1 with the
 * reason in err. */
int cr_cert_load_or_create(const char *dir, const char *name, struct strbuf *key,
                           struct strbuf *cert, struct strbuf *err);

#endif
