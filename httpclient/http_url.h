/* URLs as the HTTP layer accepts them, parsed by libcurl's URL API. */
#ifndef CWMP_HTTP_URL_H
#define CWMP_HTTP_URL_H

#include <stdbool.h>
#include <stddef.h>

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

#endif
