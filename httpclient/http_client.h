/* An HTTP client session over libcurl's multi interface, driven by the agent's event loop: no call
 * blocks and no thread is started. One client keeps one connection and one cookie jar for a
 * sequence of requests, for protocols whose exchange is one conversation, and forgets both at the
 * session's end. The layer speaks HTTP only: what a request carries for the protocol above it
 * (its Content-Type, its own headers, the User-Agent) is the caller's to give. */
#ifndef CWMP_HTTP_CLIENT_H
#define CWMP_HTTP_CLIENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct loop;
struct http_client;
struct cookie_jar;
struct http_conn_info;

/* The client sessions of a program, for the show and clear commands: each client links itself
 * into the list it was made with. */
struct http_client_list {
    struct http_client *head;
};

/* A header of the caller's, sent as "name: value"; an empty value is sent empty ("name:"). */
struct http_header {
    const char *name;
    const char *value;
};

/* A POST's body made as it is sent, for bodies too large to hold in memory (a response of
 * several megabytes): the client asks for it piece by piece while the request goes out, with a
 * Content-Length of len (never chunked). The client copies this struct but not what arg points
 * to: arg must stay usable until the done callback is called (the callback may free it) or
 * http_client_cancel, http_client_end_session or http_client_free is called. */
struct http_body_source {
    uint64_t len; /* the body's exact length, sent as Content-Length */
    /* Fills buf with the body's next bytes, up to size (never more than the rest of len), and
     * returns how many; 0 only once the body is whole. It has no way to fail: a body that ends
     * before len bytes is the caller's bug, and fails the request with an error (libcurl alone
     * would wait for the answer until the timeout). Bytes past len are never asked for. */
    size_t (*read)(void *arg, char *buf, size_t size);
    /* Back to the body's start. Each attempt (the first, after a redirect, the answer to an
     * authentication challenge) sends the whole body again, so it is called before each. */
    void (*rewind)(void *arg);
    void *arg;
};

struct http_request {
    const char *url;
    const char *body; /* NULL or empty: a POST with Content-Length 0 */
    size_t body_len;
    /* http_client_post: when set, the body comes from here (body and body_len are not used). */
    const struct http_body_source *source;
    /* The body's type. NULL: no Content-Type is sent, except for a file uploaded (PUT or POST of
     * http_client_transfer), which goes as application/octet-stream. */
    const char *content_type;
    /* More headers, sent in this order after the Content-Type (nheaders of them). */
    const struct http_header *headers;
    size_t nheaders;
    const char *user_agent; /* NULL: no User-Agent header */
    /* File transfers (http_client_transfer): the method ("GET", "PUT" or "POST"); for GET the
     * body of a 2xx answer is written to sink_fd, never held in memory, and max_size (0: none)
     * bounds it; for PUT and POST the body is upload_size bytes read from source_fd from its
     * start. */
    const char *method;
    int sink_fd;
    int source_fd;
    uint64_t max_size;
    uint64_t upload_size;
    const char *username; /* NULL: no credentials */
    const char *password;
    long timeout_s; /* 0: 60 s (transfers: no limit, but a minute without a byte) */
    /* How long the connection, or a TFTP server's first answer, is waited for (0: 30 s). */
    long connect_timeout_s;
    /* Transfers: told each time bytes went to sink_fd or were read from source_fd, with the
     * attempt's total so far and the address of the server (text; "" when not known yet). It must
     * not start, cancel or end anything of this client. */
    void (*progress)(void *arg, uint64_t bytes, const char *peer);
    void *progress_arg;
    size_t max_response;  /* 0: 1 MiB */
    bool prefer_md5_sess; /* ip http digest algorithm md5-sess: when a server offers both */
};

struct http_response {
    long status;       /* 0 when no HTTP response arrived */
    const char *error; /* why, when status is 0 (or the body was too large) */
    const char *body;
    size_t body_len;
    const char *effective_url; /* the URL that answered, after redirects */
    bool tls_failed;           /* the server's certificate or the TLS handshake was refused */
    long redirects;
    bool auth_failed; /* a 401 after credentials were given */
    uint64_t bytes;   /* transfers: what went to sink_fd, or was sent from source_fd */
    /* Transfers: the body passed max_size (the transfer was stopped). Requests: the body passed
     * max_response; body holds its first max_response bytes, the rest was read and dropped. */
    bool too_large;
    long status_seen; /* the status line that came, also when the transfer then failed (0: none) */
};

/* The response and its strings are the client's: they stay valid during the callback, until it
 * starts another request or ends the session (which frees the body). */
typedef void (*http_done_fn)(void *arg, const struct http_response *r);

/* A client session named name (shown by `show ip http client ...`), linked into list (NULL:
 * none). */
struct http_client *http_client_new(struct loop *loop, const char *name,
                                    struct http_client_list *list);
void http_client_free(struct http_client *c);
const char *http_client_name(const struct http_client *c);

/* Starts a POST of req's body, copied, or of its source, read as it is sent; done runs from the
 * loop when it ends, successfully or not. One request at a time: returns -1 when one is still
 * running. */
int http_client_post(struct http_client *c, const struct http_request *req, http_done_fn done,
                     void *arg);
/* A file transfer (see the fields of struct http_request): GET to a file, PUT or POST from one,
 * with the same authentication, cookies, TLS verification and redirects as http_client_post.
 * The sink file is truncated before each attempt (a challenge or redirect starts it again). */
int http_client_transfer(struct http_client *c, const struct http_request *req, http_done_fn done,
                         void *arg);
bool http_client_busy(const struct http_client *c);
/* How many of the loop's callbacks were this client's (see loop_dispatches): when both grew by
 * as much, nothing but this client's exchange ran in between. */
uint64_t http_client_dispatches(const struct http_client *c);
/* Abandons the running request; its done callback is not called. */
void http_client_cancel(struct http_client *c);
/* Ends the session: the connections are closed, the session cookies forgotten (persistent,
 * unexpired ones stay for the next session), and the last response's body freed. */
void http_client_end_session(struct http_client *c);

/* Reports the cookie jar's events with the client's name (for `debug ip http cookie`). */
enum cookie_event;
typedef void (*http_cookie_log_fn)(void *arg, const char *client, enum cookie_event ev,
                                   const char *message);
void http_client_set_cookie_log(struct http_client *c, http_cookie_log_fn fn, void *arg);

/* The session's cookie jar (owned by the client). */
struct cookie_jar *http_client_cookies(struct http_client *c);
/* The clients of a list in the order they were made: first with prev NULL. */
struct http_client *http_client_next(const struct http_client_list *list,
                                     const struct http_client *prev);
/* The open connections of the session, for `show ip http client connection`. */
void http_client_connections(const struct http_client *c,
                             void (*fn)(void *arg, const struct http_conn_info *info), void *arg);

/* Verifying the server: a CA file instead of the system's store (NULL: the system's). */
void http_client_set_ca_file(struct http_client *c, const char *path);

#endif
