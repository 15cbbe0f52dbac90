#include "http_conn.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#include "loop.h"
#include "xalloc.h"

void http_conn_table_init(struct http_conn_table *t, struct loop *loop)
{
    t->loop = loop;
    t->head = NULL;
    t->current_fd = -1;
}

void http_conn_table_fini(struct http_conn_table *t)
{
    while (t->head) {
        struct http_conn *c = t->head;
        t->head = c->next;
        loop_del_fd(t->loop, c->fd);
        close(c->fd);
        free(c);
    }
    t->current_fd = -1;
}

int http_conn_open_cb(void *clientp, int purpose, void *address)
{
    struct http_conn_table *t = clientp;
    const struct curl_sockaddr *a = address;
    (void)purpose;
    int fd = socket(a->family, a->socktype | SOCK_CLOEXEC, a->protocol);
    if (fd < 0)
        return CURL_SOCKET_BAD;
    struct http_conn *c = xcalloc(1, sizeof *c);
    c->fd = fd;
    c->opened_ms = loop_now_ms();
    c->next = t->head;
    t->head = c;
    return fd;
}

int http_conn_close_cb(void *clientp, int fd)
{
    struct http_conn_table *t = clientp;
    for (struct http_conn **pp = &t->head; *pp; pp = &(*pp)->next) {
        if ((*pp)->fd == fd) {
            struct http_conn *c = *pp;
            *pp = c->next;
            free(c);
            break;
        }
    }
    if (t->current_fd == fd)
        t->current_fd = -1;
    /* The loop may still watch it when curl closes without a CURL_POLL_REMOVE first. */
    loop_del_fd(t->loop, fd);
    return close(fd);
}

void http_conn_request_done(struct http_conn_table *t)
{
    for (struct http_conn *c = t->head; c; c = c->next)
        if (c->fd == t->current_fd)
            c->requests++;
    t->current_fd = -1;
}

size_t http_conn_count(const struct http_conn_table *t)
{
    size_t n = 0;
    for (const struct http_conn *c = t->head; c; c = c->next)
        n++;
    return n;
}

static void format_address(const struct sockaddr_storage *ss, socklen_t len, char *out, size_t cap)
{
    char host[INET6_ADDRSTRLEN];
    if (len == 0) {
        snprintf(out, cap, "-");
    } else if (ss->ss_family == AF_INET) {
        const struct sockaddr_in *in = (const struct sockaddr_in *)ss;
        inet_ntop(AF_INET, &in->sin_addr, host, sizeof host);
        snprintf(out, cap, "%s:%u", host, (unsigned)ntohs(in->sin_port));
    } else if (ss->ss_family == AF_INET6) {
        const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)ss;
        inet_ntop(AF_INET6, &in6->sin6_addr, host, sizeof host);
        snprintf(out, cap, "[%s]:%u", host, (unsigned)ntohs(in6->sin6_port));
    } else {
        snprintf(out, cap, "-");
    }
}

void http_conn_foreach(const struct http_conn_table *t, bool running, http_conn_visit_fn fn,
                       void *arg)
{
    uint64_t now = loop_now_ms();
    for (const struct http_conn *c = t->head; c; c = c->next) {
        struct http_conn_info info = {.requests = c->requests, .age_ms = now - c->opened_ms};
        struct sockaddr_storage ss;
        socklen_t len = sizeof ss;
        if (getsockname(c->fd, (struct sockaddr *)&ss, &len) < 0)
            len = 0;
        format_address(&ss, len, info.local, sizeof info.local);
        len = sizeof ss;
        if (getpeername(c->fd, (struct sockaddr *)&ss, &len) < 0)
            len = 0;
        format_address(&ss, len, info.remote, sizeof info.remote);
        info.state = running && c->fd == t->current_fd ? "active" : "idle";
        fn(arg, &info);
    }
}
