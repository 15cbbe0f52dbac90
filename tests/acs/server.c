#include "server.h"

#include <errno.h>
#include <microhttpd.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "files.h"
#include "xalloc.h"

/* A CPE message is a few hundred kilobytes at most (a GetParameterValuesResponse of a whole
 * model); anything far beyond is a bug worth a clear 413. */
#define MAX_BODY (32u << 20)
/* wait-for: how often the file is looked for, and for how long at most (120 s). */
#define WAIT_FOR_POLL_S    0.02
#define WAIT_FOR_MAX_POLLS 6000

struct conn_ctx {
    struct auth_conn auth;
    unsigned port;
    char *raw_uri; /* the latest request target as sent, before percent-decoding */
};

struct request_ctx {
    struct strbuf body;
    bool too_big;
    bool file;             /* a request of the file server */
    struct file_req *freq; /* its state, owned by files.c */
};

static unsigned client_port(struct MHD_Connection *c)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (ci == NULL || ci->client_addr == NULL)
        return 0;
    const struct sockaddr *sa = ci->client_addr;
    if (sa->sa_family == AF_INET)
        return ntohs(((const struct sockaddr_in *)(const void *)sa)->sin_port);
    if (sa->sa_family == AF_INET6)
        return ntohs(((const struct sockaddr_in6 *)(const void *)sa)->sin6_port);
    return 0;
}

static int session_number(const struct acs *acs)
{
    return acs->s.open ? acs->s.number : 0;
}

static void on_connection(void *cls, struct MHD_Connection *c, void **socket_context,
                          enum MHD_ConnectionNotificationCode code)
{
    struct server *srv = cls;
    if (code == MHD_CONNECTION_NOTIFY_STARTED) {
        struct conn_ctx *cc = xcalloc(1, sizeof(*cc));
        cc->port = client_port(c);
        *socket_context = cc;
        record_log(&srv->acs->rec, session_number(srv->acs), 0, "connect port=%u", cc->port);
    } else if (code == MHD_CONNECTION_NOTIFY_CLOSED) {
        struct conn_ctx *cc = *socket_context;
        if (cc != NULL) {
            record_log(&srv->acs->rec, session_number(srv->acs), 0, "disconnect port=%u", cc->port);
            free(cc->raw_uri);
        }
        free(cc);
        *socket_context = NULL;
    }
}

/* The request target before libmicrohttpd decodes it: a digest answer's uri repeats it as sent.
 * Kept with the connection (one request at a time on each), so that the access handler's first
 * call still finds *con_cls NULL. */
static void *on_uri(void *cls, const char *uri, struct MHD_Connection *c)
{
    (void)cls;
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    struct conn_ctx *cc = ci != NULL ? ci->socket_context : NULL;
    if (cc != NULL) {
        free(cc->raw_uri);
        cc->raw_uri = xstrdup(uri);
    }
    return NULL;
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode code)
{
    struct server *srv = cls;
    (void)c;
    struct request_ctx *rc = *con_cls;
    if (rc != NULL) {
        if (rc->file)
            files_request_done(srv->files, rc->freq, (int)code);
        sb_free(&rc->body);
        free(rc);
    }
    *con_cls = NULL;
}

static enum MHD_Result add_header_line(void *cls, enum MHD_ValueKind kind, const char *key,
                                       const char *value)
{
    (void)kind;
    sb_printf(cls, "%s: %s\n", key, value != NULL ? value : "");
    return MHD_YES;
}

static enum MHD_Result send_status(struct MHD_Connection *c, int status, const char *allow)
{
    struct MHD_Response *r = MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
    if (allow != NULL)
        MHD_add_response_header(r, "Allow", allow);
    enum MHD_Result ret = MHD_queue_response(c, (unsigned)status, r);
    MHD_destroy_response(r);
    return ret;
}

static void wait_unless_stopping(struct server *srv, double seconds)
{
    struct timespec until;
    clock_gettime(CLOCK_MONOTONIC, &until);
    long ns = (long)((seconds - (double)(long)seconds) * 1e9);
    until.tv_sec += (time_t)seconds + (until.tv_nsec + ns) / 1000000000L;
    until.tv_nsec = (until.tv_nsec + ns) % 1000000000L;
    pthread_mutex_lock(&srv->lock);
    while (!srv->stopping && pthread_cond_timedwait(&srv->wake, &srv->lock, &until) != ETIMEDOUT)
        ;
    pthread_mutex_unlock(&srv->lock);
}

static enum MHD_Result serve_post(struct server *srv, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version, struct request_ctx *rc)
{
    struct strbuf headers = STRBUF_INIT;
    MHD_get_connection_values(c, MHD_HEADER_KIND, add_header_line, &headers);
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    struct conn_ctx *cc = ci != NULL ? ci->socket_context : NULL;
    struct auth_conn spare = {{0}, {0}, 0};
    sb_puts(&rc->body, ""); /* a NUL-terminated body, even when empty */
    struct http_request rq = {
        .method = method,
        .path = url,
        .version = version,
        .headers = sb_str(&headers),
        .body = sb_str(&rc->body),
        .len = rc->body.len,
        .content_type = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type"),
        .soapaction = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "SOAPAction"),
        .authorization = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Authorization"),
        .cookie = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Cookie"),
        .port = cc != NULL ? cc->port : client_port(c),
        .conn = cc != NULL ? &cc->auth : &spare,
    };
    struct http_answer ans;
    answer_init(&ans);
    acs_handle(srv->acs, &rq, &ans);
    sb_free(&headers);
    if (ans.delay > 0)
        wait_unless_stopping(srv, ans.delay);
    /* Polled: the file is the test's signal that it did what it wanted meanwhile. Bounded, so
     * that a test that never makes it fails rather than hangs. */
    for (int i = 0; ans.wait_for != NULL && i < WAIT_FOR_MAX_POLLS; i++) {
        pthread_mutex_lock(&srv->lock);
        bool stopping = srv->stopping;
        pthread_mutex_unlock(&srv->lock);
        if (stopping || access(ans.wait_for, F_OK) == 0)
            break;
        wait_unless_stopping(srv, WAIT_FOR_POLL_S);
    }
    if (ans.close) {
        answer_free(&ans);
        return MHD_NO; /* libmicrohttpd closes the connection without a word */
    }
    struct MHD_Response *r =
        MHD_create_response_from_buffer(ans.body.len, ans.body.buf, MHD_RESPMEM_MUST_COPY);
    for (size_t i = 0; i < ans.nheaders; i++)
        MHD_add_response_header(r, ans.header_name[i], ans.header_value[i]);
    enum MHD_Result ret = MHD_queue_response(c, (unsigned)ans.status, r);
    MHD_destroy_response(r);
    answer_free(&ans);
    return ret;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_data_size, void **con_cls)
{
    struct server *srv = cls;
    struct request_ctx *rc = *con_cls;
    if (rc == NULL) {
        record_arrival(&srv->acs->rec, method, url, client_port(c));
        *con_cls = rc = xcalloc(1, sizeof(*rc));
        rc->file = srv->files != NULL && !acs_serves_path(srv->acs, url) && files_claims(url);
        if (!rc->file)
            return MHD_YES;
    }
    if (rc->file) {
        const union MHD_ConnectionInfo *ci =
            MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
        struct conn_ctx *cc = ci != NULL ? ci->socket_context : NULL;
        struct file_call call = {method,
                                 url,
                                 cc != NULL ? cc->raw_uri : NULL,
                                 upload_data,
                                 upload_data_size,
                                 cc != NULL ? cc->port : client_port(c)};
        return files_request(srv->files, c, &rc->freq, &call) ? MHD_YES : MHD_NO;
    }
    if (*upload_data_size > 0) {
        if (rc->body.len + *upload_data_size > MAX_BODY)
            rc->too_big = true;
        else
            sb_append(&rc->body, upload_data, *upload_data_size);
        *upload_data_size = 0;
        return MHD_YES;
    }
    struct acs *acs = srv->acs;
    if (!acs_serves_path(acs, url)) {
        record_log(&acs->rec, session_number(acs), 0, "404 %s %s port=%u", method, url,
                   client_port(c));
        return send_status(c, 404, NULL);
    }
    if (strcmp(method, "POST") != 0) {
        record_log(&acs->rec, session_number(acs), 0, "405 %s %s port=%u", method, url,
                   client_port(c));
        return send_status(c, 405, "POST");
    }
    if (rc->too_big) {
        record_log(&acs->rec, session_number(acs), 0, "413 body over %u bytes port=%u", MAX_BODY,
                   client_port(c));
        return send_status(c, 413, NULL);
    }
    return serve_post(srv, c, url, method, version, rc);
}

/* addr is HOST:PORT, with the host in brackets for IPv6. */
static int open_listener(const char *addr)
{
    char host[256];
    const char *colon = strrchr(addr, ':');
    size_t hlen = colon != NULL ? (size_t)(colon - addr) : 0;
    if (colon == NULL || hlen == 0 || hlen >= sizeof(host)) {
        fprintf(stderr, "testacs: --listen %s: expected ADDR:PORT\n", addr);
        return -1;
    }
    if (addr[0] == '[' && colon[-1] == ']')
        snprintf(host, sizeof(host), "%.*s", (int)hlen - 2, addr + 1);
    else
        snprintf(host, sizeof(host), "%.*s", (int)hlen, addr);
    struct addrinfo hints = {.ai_flags = AI_NUMERICSERV | AI_PASSIVE, .ai_socktype = SOCK_STREAM};
    struct addrinfo *ai;
    int rc = getaddrinfo(host, colon + 1, &hints, &ai);
    if (rc != 0) {
        fprintf(stderr, "testacs: --listen %s: %s\n", addr, gai_strerror(rc));
        return -1;
    }
    int fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
    int one = 1;
    if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) < 0 ||
        bind(fd, ai->ai_addr, ai->ai_addrlen) < 0 || listen(fd, 64) < 0) {
        fprintf(stderr, "testacs: cannot listen on %s: %s\n", addr, strerror(errno));
        if (fd >= 0)
            close(fd);
        fd = -1;
    }
    freeaddrinfo(ai);
    return fd;
}

static unsigned bound_port(int fd)
{
    struct sockaddr_storage ss;
    socklen_t len = sizeof(ss);
    if (getsockname(fd, (struct sockaddr *)&ss, &len) < 0)
        return 0;
    if (ss.ss_family == AF_INET6)
        return ntohs(((struct sockaddr_in6 *)&ss)->sin6_port);
    return ntohs(((struct sockaddr_in *)&ss)->sin_port);
}

/* A whole PEM file in memory (libmicrohttpd takes the certificate and key as strings). */
static char *read_pem(const char *path)
{
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        fprintf(stderr, "testacs: %s: %s\n", path, strerror(errno));
        return NULL;
    }
    char *buf = NULL;
    size_t len = 0, cap = 0, n;
    do {
        if (len + 4096 + 1 > cap) {
            cap = cap ? 2 * cap : 8192;
            char *nb = realloc(buf, cap);
            if (nb == NULL) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = nb;
        }
        n = fread(buf + len, 1, 4096, f);
        len += n;
    } while (n > 0);
    fclose(f);
    buf[len] = '\0';
    return buf;
}

int server_start(struct server *srv, struct acs *acs, const char *addr)
{
    memset(srv, 0, sizeof(*srv));
    srv->acs = acs;
    pthread_mutex_init(&srv->lock, NULL);
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&srv->wake, &attr);
    pthread_condattr_destroy(&attr);
    int fd = open_listener(addr);
    if (fd < 0)
        return -1;
    acs->port = bound_port(fd);
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG | MHD_USE_ITC;
    if (acs->tls_cert != NULL) {
        srv->tls_cert = read_pem(acs->tls_cert);
        srv->tls_key = read_pem(acs->tls_key);
        if (srv->tls_cert == NULL || srv->tls_key == NULL) {
            close(fd);
            return -1;
        }
        flags |= MHD_USE_TLS;
    }
    /* The key and certificate only with TLS: libmicrohttpd complains of them otherwise. */
    struct MHD_OptionItem tls[] = {
        {MHD_OPTION_HTTPS_MEM_KEY, 0, srv->tls_key},
        {MHD_OPTION_HTTPS_MEM_CERT, 0, srv->tls_cert},
        {MHD_OPTION_END, 0, NULL},
    };
    if (srv->tls_cert == NULL)
        tls[0].option = MHD_OPTION_END;
    if (acs->files.dir != NULL) {
        if ((srv->files = files_new(acs)) == NULL) {
            close(fd);
            return -1;
        }
        flags |= MHD_ALLOW_SUSPEND_RESUME; /* the pacing of slow downloads (pacer.h) */
    }
    /* One internal thread: requests are handled one at a time, as one CPE sends them. */
    srv->daemon = MHD_start_daemon(
        flags, 0, NULL, NULL, on_request, srv, MHD_OPTION_LISTEN_SOCKET, fd,
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, srv, MHD_OPTION_NOTIFY_CONNECTION, on_connection,
        srv, MHD_OPTION_URI_LOG_CALLBACK, on_uri, srv, MHD_OPTION_ARRAY, tls, MHD_OPTION_END);
    if (srv->daemon == NULL) {
        fprintf(stderr, "testacs: libmicrohttpd did not start\n");
        files_free(srv->files);
        srv->files = NULL;
        close(fd);
        return -1;
    }
    return 0;
}

void server_stop(struct server *srv)
{
    pthread_mutex_lock(&srv->lock);
    srv->stopping = true;
    pthread_cond_broadcast(&srv->wake);
    pthread_mutex_unlock(&srv->lock);
    files_stop(srv->files); /* libmicrohttpd must not stop with a connection suspended */
    if (srv->daemon != NULL)
        MHD_stop_daemon(srv->daemon);
    srv->daemon = NULL;
    files_free(srv->files);
    srv->files = NULL;
    free(srv->tls_cert);
    free(srv->tls_key);
    pthread_cond_destroy(&srv->wake);
    pthread_mutex_destroy(&srv->lock);
}
