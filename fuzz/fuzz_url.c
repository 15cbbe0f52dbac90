/* URLs as an operator or an ACS gives them (`management server url`, ManagementServer.URL),
 * through http_url_parse and libcurl's URL API under it.
 *
 * Besides not crashing: a URL that parses names a host, its fields are terminated inside their
 * arrays, its port is a TCP port and https agrees with the scheme; a URL that does not parse says
 * why. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "harness.h"
#include "http_url.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_cstr(data, size);
    struct http_url u;
    const char *why = NULL;
    if (http_url_parse(s, &u, &why) == 0) {
        if (strnlen(u.host, sizeof u.host) == sizeof u.host ||
            strnlen(u.path, sizeof u.path) == sizeof u.path)
            fuzz_fail("http_url_parse left a field unterminated for %s", s);
        if (!u.host[0])
            fuzz_fail("http_url_parse accepted %s without a host", s);
        if (u.port == 0 || u.port > 65535)
            fuzz_fail("http_url_parse gave port %u for %s", u.port, s);
        if (u.https != (strncasecmp(s, "https:", 6) == 0))
            fuzz_fail("http_url_parse says https=%d for %s", u.https, s);
    } else if (!why || !*why) {
        fuzz_fail("http_url_parse refused %s without a reason", s);
    }
    free(s);
    return 0;
}
