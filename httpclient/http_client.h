/* An HTTP client session over libcurl's multi interface, driven by the agent's event loop: no call
 * blocks and no thread is started. One client keeps one connection and one cookie jar for a
 * sequence of requests (a CWMP session), as TR-069 asks, and forgets both at the session's end. */
#ifndef CWMP_HTTP_CLIENT_H
#define CWMP_HTTP_CLIENT_H

#include <stdbool.h>
#include <stddef.h>

struct loop;
struct http_client;

struct http_request {
    const char *url;
    const char *body; /* NULL or empty: an empty POST (no Content-Type, no SOAPAction) */
    size_t body_len;
    const char *username; /* NULL: no credentials */
    const char *password;
    long timeout_s;       /* 0: 60 s */
    size_t max_response;  /* 0: 1 MiB */
    bool prefer_md5_sess; /* ip http digest algorithm md5-sess: when a server offers both */
};

struct http_response {
    long status;       /* 0 when no HTTP response arrived */
    const char *error; /* why, when status is 0 (or the body was too large) */
    const char *body;
    size_t body_len;
    const char *effective_url; /* the URL that answered, after redirects */
    long redirects;
    bool auth_failed; /* a 401 after credentials were given */
};

typedef void (*http_done_fn)(void *arg, const struct http_response *r);

struct http_client *http_client_new(struct loop *loop, const char *name);
void http_client_free(struct http_client *c);
const char *http_client_name(const struct http_client *c);

/* Starts a POST; done runs from the loop when it ends, successfully or not. One request at a
 * time: returns -1 when one is still running. */
int http_client_post(struct http_client *c, const struct http_request *req, http_done_fn done,
                     void *arg);
bool http_client_busy(const struct http_client *c);
/* Abandons the running request; its done callback is not called. */
void http_client_cancel(struct http_client *c);
/* Ends the session: the connection is closed and the cookies forgotten. */
void http_client_end_session(struct http_client *c);

/* Verifying the server: a CA file instead of the system's store (NULL: the system's). */
void http_client_set_ca_file(struct http_client *c, const char *path);

#endif
