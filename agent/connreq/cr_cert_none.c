/* The HTTPS connection-request server left out (./configure --disable-https-cr): no key or
 * certificate is made, so `ip http secure-server` never listens; `show cwmp session` gives this
 * reason, and connection requests come over HTTP (`ip http server`). */
#include "cr_cert.h"

int cr_cert_load_or_create(const char *dir, const char *name, struct strbuf *key,
                           struct strbuf *cert, struct strbuf *err)
{
    (void)dir;
    (void)name;
    (void)key;
    (void)cert;
    sb_puts(err, "this cwmpd is built without HTTPS connection requests");
    return -1;
}
