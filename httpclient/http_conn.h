/* The connections of an HTTP client session, as libcurl opens and closes them: what
 * `show ip http client connection` lists. The sockets are opened and closed through these
 * callbacks, so the table cannot miss one, whatever libcurl's connection cache decides. */
#ifndef CWMP_HTTP_CONN_H
#define CWMP_HTTP_CONN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct loop;

struct http_conn {
    int fd;
    uint64_t opened_ms;     /* loop_now_ms() when the socket was made */
    unsigned long requests; /* requests that went over it */
    struct http_conn *next;
};

struct http_conn_table {
    struct loop *loop; /* a closed socket leaves the loop too */
    struct http_conn *head;
    int current_fd; /* the socket of the request running, -1 when none */
};

void http_conn_table_init(struct http_conn_table *t, struct loop *loop);
/* Closes whatever is still open (it should be nothing: curl closes its own first). */
void http_conn_table_fini(struct http_conn_table *t);
/* libcurl's CURLOPT_OPENSOCKETFUNCTION and CURLOPT_CLOSESOCKETFUNCTION, with the table as
 * clientp. */
int http_conn_open_cb(void *clientp, int purpose, void *address);
int http_conn_close_cb(void *clientp, int fd);
/* The request that was running ended: its connection counts one more request. */
void http_conn_request_done(struct http_conn_table *t);
size_t http_conn_count(const struct http_conn_table *t);

/* One row of the show command: addresses as "ADDR:PORT" ("[ADDR]:PORT" for IPv6), "-" when the
 * socket has none (yet). */
struct http_conn_info {
    char local[64];
    char remote[64];
    const char *state; /* "active" (a request is running on it), "idle" (kept alive) */
    unsigned long requests;
    uint64_t age_ms;
};
typedef void (*http_conn_visit_fn)(void *arg, const struct http_conn_info *info);
void http_conn_foreach(const struct http_conn_table *t, bool running, http_conn_visit_fn fn,
                       void *arg);

#endif
