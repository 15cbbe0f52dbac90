#include "cr_listener.h"

#include <errno.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "core.h"
#include "loop.h"

#define CR_BACKLOG 64

static void schedule(struct cr_listener *l);

static void run(struct cr_listener *l)
{
    MHD_run(l->d);
    schedule(l);
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
    run(arg);
}

/* libmicrohttpd says when it must run again even without socket activity: timeouts, and data
 * it has read but not processed yet (0 ms). */
static void schedule(struct cr_listener *l)
{
    if (l->timer) {
        loop_timer_cancel(l->loop, l->timer);
        l->timer = NULL;
    }
    MHD_UNSIGNED_LONG_LONG ms;
    if (l->d && MHD_get_timeout(l->d, &ms) == MHD_YES)
        l->timer = loop_timer_add(l->loop, (uint64_t)ms, on_timer, l);
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

static struct MHD_Daemon *start_daemon(int fd, const struct cr_daemon_conf *c)
{
    unsigned flags = MHD_USE_EPOLL | MHD_USE_ERROR_LOG | (c->key_pem ? MHD_USE_TLS : 0);
    struct MHD_OptionItem tls[] = {
        {MHD_OPTION_HTTPS_MEM_KEY, 0, (void *)c->key_pem},
        {MHD_OPTION_HTTPS_MEM_CERT, 0, (void *)c->cert_pem},
        {MHD_OPTION_END, 0, NULL},
    };
    /* The logger first: libmicrohttpd complains of options it meets before it. */
    return MHD_start_daemon(
        flags, 0, NULL, NULL, c->on_request, c->cls, MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log,
        c->agent, MHD_OPTION_LISTEN_SOCKET, fd, MHD_OPTION_CONNECTION_LIMIT,
        (unsigned)CR_MAX_CONNECTIONS, MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)CR_MAX_PER_IP,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)CR_IDLE_TIMEOUT_S,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)CR_CONN_MEMORY, MHD_OPTION_NONCE_NC_SIZE,
        (unsigned)CR_NONCES, MHD_OPTION_DIGEST_AUTH_RANDOM, c->random_len, c->random,
        MHD_OPTION_NOTIFY_COMPLETED, c->on_completed, c->cls, MHD_OPTION_ARRAY,
        c->key_pem ? tls : tls + 2, MHD_OPTION_END);
}

int cr_listener_start(struct cr_listener *l, struct loop *loop, const struct sockaddr_storage *want,
                      const struct cr_daemon_conf *conf, struct strbuf *err)
{
    memset(l, 0, sizeof *l);
    l->loop = loop;
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
    l->d = start_daemon(fd, conf);
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
    schedule(l);
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
