#include "http_url.h"

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "xalloc.h"

static int part(CURLU *u, CURLUPart what, char *out, size_t cap, bool required)
{
    char *v = NULL;
    CURLUcode rc = curl_url_get(u, what, &v, 0);
    if (rc != CURLUE_OK) {
        if (cap)
            out[0] = '\0';
        return required ? -1 : 0;
    }
    int n = snprintf(out, cap, "%s", v);
    curl_free(v);
    return n < 0 || (size_t)n >= cap ? -1 : 0;
}

int http_url_parse(const char *url, struct http_url *out, const char **why)
{
    static const char *const unsupported = "only http:// and https:// URLs are supported";
    CURLU *u = curl_url();
    if (!u) {
        *why = "out of memory";
        return -1;
    }
    int rc = -1;
    char scheme[16], port[16];
    /* Without CURLU_GUESS_SCHEME a URL must say its scheme: "www.example.com" is refused. */
    if (curl_url_set(u, CURLUPART_URL, url, CURLU_NON_SUPPORT_SCHEME) != CURLUE_OK) {
        *why = "not a valid URL";
    } else if (part(u, CURLUPART_SCHEME, scheme, sizeof scheme, true) < 0 ||
               (strcasecmp(scheme, "http") != 0 && strcasecmp(scheme, "https") != 0)) {
        *why = unsupported;
    } else if (part(u, CURLUPART_HOST, out->host, sizeof out->host, true) < 0 || !out->host[0]) {
        *why = "the URL has no host";
    } else if (part(u, CURLUPART_PATH, out->path, sizeof out->path, false) < 0) {
        *why = "the URL's path is too long";
    } else {
        out->https = strcasecmp(scheme, "https") == 0;
        out->port = out->https ? 443 : 80;
        if (part(u, CURLUPART_PORT, port, sizeof port, false) == 0 && port[0])
            out->port = (unsigned)strtoul(port, NULL, 10);
        if (out->port == 0 || out->port > 65535)
            *why = "the URL's port is not between 1 and 65535";
        else
            rc = 0;
    }
    curl_url_cleanup(u);
    return rc;
}

static char *url_part(CURLU *h, CURLUPart part)
{
    char *v = NULL;
    if (curl_url_get(h, part, &v, CURLU_URLDECODE) != CURLUE_OK || !v)
        return NULL;
    char *copy = xstrdup(v);
    curl_free(v);
    return copy;
}

void http_url_credentials(const char *url, char **user, char **password)
{
    *user = *password = NULL;
    CURLU *h = curl_url();
    if (!h)
        return;
    if (curl_url_set(h, CURLUPART_URL, url, 0) == CURLUE_OK) {
        *user = url_part(h, CURLUPART_USER);
        *password = url_part(h, CURLUPART_PASSWORD);
    }
    curl_url_cleanup(h);
}

void url_display(const char *url, struct strbuf *out)
{
    const char *scheme_end = strstr(url, "://");
    if (scheme_end) {
        const char *auth = scheme_end + 3;
        size_t authority = strcspn(auth, "/?#");
        const char *at = NULL; /* the last one: a password may hold an unencoded '@' */
        for (size_t i = 0; i < authority; i++)
            if (auth[i] == '@')
                at = auth + i;
        const char *colon = at ? memchr(auth, ':', (size_t)(at - auth)) : NULL;
        if (colon) {
            sb_append(out, url, (size_t)(colon - url) + 1);
            sb_putc(out, '*');
            sb_puts(out, at);
            return;
        }
    }
    sb_puts(out, url);
}
