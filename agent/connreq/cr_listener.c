#include "cr_listener.h"

#include <errno.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "core.h"
#include "loop.h"

#define CR_BACKLOG      64
#define CR_ZERO_RUNS    3   /* runs in a row at 0 ms without socket activity before waiting */
#define CR_STALL_MAX_MS 128 /* the longest wait then */

static void schedule(struct cr_listener *l, bool again);

static void run(struct cr_listener *l)
{
    unsigned long closed = l->closed;
    MHD_run(l->d);
    /* libmicrohttpd decides whether to watch the listening socket again (it stops at its
     * connection limit) before it closes the connections it is done with, and may then have no
     * timeout to be run for: without one more run, the listener would never accept again. */
    schedule(l, l->closed != closed);
}

static void on_timer(struct loop *loop, void *arg)
{
    (void)loop;
    struct cr_listener *l = arg;
    l->timer = NULL;
    run(l);
}

static void on_ready(struct loop *loop, int fd, unsigned events, void *arg)
{
    (void)loop, (void)fd, (void)events;
    struct cr_listener *l = arg;
    l->zero_runs = 0;
    run(l);
}

/* libmicrohttpd says when it must run again even without socket activity: timeouts, and data
 * it has read but not processed yet (0 ms). again: run it as soon as the loop comes back.
 * libmicrohttpd also says 0 ms, run after run, for a TLS handshake that waits for the client's
 * next bytes (a half-open ClientHello): past a few runs in a row without socket activity, the
 * wait grows instead, and socket activity (on_ready) runs it at once as always. */
static void schedule(struct cr_listener *l, bool again)
{
    if (l->timer) {
        loop_timer_cancel(l->loop, l->timer);
        l->timer = NULL;
    }
    MHD_UNSIGNED_LONG_LONG ms = 0;
    if (!l->d || (!again && MHD_get_timeout(l->d, &ms) != MHD_YES)) {
        l->zero_runs = 0;
        return;
    }
    if (again) {
        ms = 0;
    } else if (ms > 0) {
        l->zero_runs = 0;
    } else if (++l->zero_runs > CR_ZERO_RUNS) {
        unsigned shift = l->zero_runs - CR_ZERO_RUNS; /* 2, 4, ... up to 128 ms */
        ms = shift < 7 ? 1u << shift : CR_STALL_MAX_MS;
    }
    l->timer = loop_timer_add(l->loop, (uint64_t)ms, on_timer, l);
}

static bool same_host(const struct sockaddr_storage *x, const struct sockaddr_storage *y)
{
    if (x->ss_family != y->ss_family)
        return false;
    if (x->ss_family == AF_INET6)
        return !memcmp(&((const struct sockaddr_in6 *)(const void *)x)->sin6_addr,
                       &((const struct sockaddr_in6 *)(const void *)y)->sin6_addr,
                       sizeof(struct in6_addr));
    return ((const struct sockaddr_in *)(const void *)x)->sin_addr.s_addr ==
           ((const struct sockaddr_in *)(const void *)y)->sin_addr.s_addr;
}

/* Over a limit (in total, or from nc's address when same_only): the least recently active other
 * connection is shut down; libmicrohttpd sees its end and closes it. */
static void evict(struct cr_listener *l, const struct cr_conn *nc, bool same_only)
{
    unsigned count = 0;
    struct cr_conn *oldest = NULL;
    for (size_t i = 0; i < CR_MHD_CONNECTIONS; i++) {
        struct cr_conn *k = &l->conn[i];
        if (k->fd < 0 || k->evicted || (same_only && !same_host(&k->peer, &nc->peer)))
            continue;
        count++;
        if (k != nc && (!oldest || k->active_ms < oldest->active_ms))
            oldest = k;
    }
    if (count <= (same_only ? CR_MAX_PER_IP : CR_MAX_CONNECTIONS) || !oldest)
        return;
    agent_debug(l->agent, DEBUG_CWMP,
                "CWMP: connection request server: %s, closing the least recently active one",
                same_only ? "too many connections from one address" : "too many connections");
    oldest->evicted = true;
    shutdown(oldest->fd, SHUT_RDWR);
}

static void on_connection(void *cls, struct MHD_Connection *c, void **socket_context,
                          enum MHD_ConnectionNotificationCode code)
{
    struct cr_listener *l = cls;
    if (code == MHD_CONNECTION_NOTIFY_CLOSED) {
        struct cr_conn *k = *socket_context;
        if (k)
            k->fd = -1;
        *socket_context = NULL;
        l->closed++;
        return;
    }
    const union MHD_ConnectionInfo *fd =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
    const union MHD_ConnectionInfo *addr =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    struct cr_conn *k = NULL;
    for (size_t i = 0; i < CR_MHD_CONNECTIONS && !k; i++)
        if (l->conn[i].fd < 0)
            k = &l->conn[i];
    /* libmicrohttpd holds at most CR_MHD_CONNECTIONS: there is always a free entry. */
    if (!k || !fd || !addr || !addr->client_addr)
        return;
    memset(k, 0, sizeof *k);
    k->fd = fd->connect_fd;
    size_t len = addr->client_addr->sa_family == AF_INET6 ? sizeof(struct sockaddr_in6)
                                                          : sizeof(struct sockaddr_in);
    memcpy(&k->peer, addr->client_addr, len);
    k->active_ms = loop_now_ms();
    *socket_context = k;
    evict(l, k, true);
    evict(l, k, false);
}

/* Notes the connection's activity, then hands the request to the caller. */
static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_data_size, void **req_cls)
{
    struct cr_listener *l = cls;
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    if (ci && ci->socket_context)
        ((struct cr_conn *)ci->socket_context)->active_ms = loop_now_ms();
    return l->on_request(l->cls, c, url, method, version, upload_data, upload_data_size, req_cls);
}

static void on_mhd_log(void *cls, const char *fmt, va_list ap)
{
    char text[256];
    vsnprintf(text, sizeof text, fmt, ap);
    text[strcspn(text, "\n")] = '\0';
    agent_debug(cls, DEBUG_CWMP, "CWMP: connection request server: %s", text);
}

static int open_socket(const struct sockaddr_storage *ss, struct strbuf *err)
{
    socklen_t len =
        ss->ss_family == AF_INET6 ? sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in);
    int fd = socket(ss->ss_family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    int one = 1;
    if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0 ||
        (ss->ss_family == AF_INET6 &&
         setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one) < 0) ||
        bind(fd, (const struct sockaddr *)ss, len) < 0 || listen(fd, CR_BACKLOG) < 0) {
        sb_printf(err, "%s", strerror(errno));
        if (fd >= 0)
            close(fd);
        return -1;
    }
    return fd;
}

static struct MHD_Daemon *start_daemon(struct cr_listener *l, int fd,
                                       const struct cr_daemon_conf *c)
{
    unsigned flags = MHD_USE_EPOLL | MHD_USE_ERROR_LOG | (c->key_pem ? MHD_USE_TLS : 0);
    struct MHD_OptionItem tls[] = {
        {MHD_OPTION_HTTPS_MEM_KEY, 0, (void *)c->key_pem},
        {MHD_OPTION_HTTPS_MEM_CERT, 0, (void *)c->cert_pem},
        {MHD_OPTION_END, 0, NULL},
    };
    /* The logger first: libmicrohttpd complains of options it meets before it. */
    return MHD_start_daemon(
        flags, 0, NULL, NULL, on_request, l, MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log, c->agent,
        MHD_OPTION_LISTEN_SOCKET, fd, MHD_OPTION_CONNECTION_LIMIT, (unsigned)CR_MHD_CONNECTIONS,
        MHD_OPTION_NOTIFY_CONNECTION, on_connection, l, MHD_OPTION_CONNECTION_TIMEOUT,
        (unsigned)CR_IDLE_TIMEOUT_S, MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)CR_CONN_MEMORY,
        MHD_OPTION_NONCE_NC_SIZE, (unsigned)CR_NONCES, MHD_OPTION_DIGEST_AUTH_RANDOM, c->random_len,
        c->random, MHD_OPTION_NOTIFY_COMPLETED, c->on_completed, c->cls, MHD_OPTION_ARRAY,
        c->key_pem ? tls : tls + 2, MHD_OPTION_END);
}

int cr_listener_start(struct cr_listener *l, struct loop *loop, const struct sockaddr_storage *want,
                      const struct cr_daemon_conf *conf, struct strbuf *err)
{
    memset(l, 0, sizeof *l);
    l->loop = loop;
    l->agent = conf->agent;
    l->on_request = conf->on_request;
    l->cls = conf->cls;
    for (size_t i = 0; i < CR_MHD_CONNECTIONS; i++)
        l->conn[i].fd = -1;
    l->epoll_fd = -1;
    int fd = open_socket(want, err);
    if (fd < 0)
        return -1;
    socklen_t len = sizeof l->bound;
    if (getsockname(fd, (struct sockaddr *)&l->bound, &len) < 0) {
        sb_printf(err, "%s", strerror(errno));
        close(fd);
        return -1;
    }
    l->d = start_daemon(l, fd, conf);
    const union MHD_DaemonInfo *info =
        l->d ? MHD_get_daemon_info(l->d, MHD_DAEMON_INFO_EPOLL_FD) : NULL;
    if (!info) {
        sb_puts(err, "libmicrohttpd did not start");
        if (l->d)
            MHD_stop_daemon(l->d);
        else
            close(fd);
        l->d = NULL;
        return -1;
    }
    l->epoll_fd = info->epoll_fd;
    if (loop_add_fd(loop, l->epoll_fd, LOOP_READ, on_ready, l) < 0) {
        sb_printf(err, "%s", strerror(errno));
        MHD_stop_daemon(l->d);
        l->d = NULL;
        return -1;
    }
    schedule(l, false);
    return 0;
}

void cr_listener_stop(struct cr_listener *l)
{
    if (!l->d)
        return;
    loop_del_fd(l->loop, l->epoll_fd);
    /* libmicrohttpd closes the listening socket with the daemon. */
    MHD_stop_daemon(l->d);
    l->d = NULL;
    if (l->timer) {
        loop_timer_cancel(l->loop, l->timer);
        l->timer = NULL;
    }
}
