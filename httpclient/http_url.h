/* URLs as the HTTP layer accepts them, parsed by libcurl's URL API. */
#ifndef CWMP_HTTP_URL_H
#define CWMP_HTTP_URL_H

#include <stdbool.h>
#include <stddef.h>

#include "strbuf.h"

struct http_url {
    bool https;
    char host[256];
    unsigned port; /* the scheme's default when the URL names none */
    char path[1024];
};

/* Parses an absolute http:// or https:// URL with a host. Returns 0, or -1 with a reason in why
 * (a static string). */
int http_url_parse(const char *url, struct http_url *out, const char **why);

/* The user name and password a URL carries (http://user:password@host/...), decoded; each NULL
 * when absent (free them). */
void http_url_credentials(const char *url, char **user, char **password);

/* A URL as it may be shown: the password of its user part replaced by "*" (passwords are never
 * printed after entry). */
void url_display(const char *url, struct strbuf *out);

#endif
