/* libcurl's multi "socket" interface on the agent's epoll loop: curl tells us which sockets to
 * watch and when to wake it; the loop calls back into curl; nothing waits. */
#include "http_client.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <netinet/in.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "cookie.h"
#include "http_auth.h"
#include "http_conn.h"
#include "http_url.h"
#include "loop.h"
#include "strbuf.h"
#include "xalloc.h"

#define DEFAULT_TIMEOUT_S    60
#define DEFAULT_MAX_RESPONSE (1024u * 1024u)
#define MAX_CHALLENGES       4
#define MAX_REDIRECTS        5

struct http_client {
    struct loop *loop;
    char *name;
    struct http_client_list *list;
    struct http_client *next; /* in list */
    char *ca_file;
    CURLM *multi; /* made again at each session's end: that closes its connections */
    CURL *easy;   /* kept between requests of a session: one connection */
    struct cookie_jar *jar;
    struct http_conn_table conns;
    char *url;      /* the URL of the request running (after redirects) */
    long redirects; /* followed for this request */
    char *error;    /* the last failure's text, when ours */
    http_cookie_log_fn cookie_log;
    void *cookie_log_arg;
    struct curl_slist *headers;
    struct curl_slist *caller_headers; /* the request's own (struct http_request's headers) */
    struct loop_timer *timer;
    bool running;
    uint64_t dispatches; /* the loop's callbacks that were this client's */
    http_done_fn done;
    void *arg;
    struct strbuf body;
    size_t max_response;
    bool too_large;
    bool had_credentials;
    bool sent;           /* this hop's request went out on a connection */
    bool resend_refused; /* libcurl would have sent it again on a new connection */
    char errbuf[CURL_ERROR_SIZE];
    /* Authentication: the challenges of the last response, and what answers them. */
    struct http_challenge challenges[MAX_CHALLENGES];
    size_t nchallenges;
    struct http_auth_state auth;
    bool auth_retried; /* this request was sent again with credentials */
    char *username, *password, *uri;
    bool basic_allowed, prefer_md5_sess;
    /* File transfers (http_client_transfer). */
    char method[8];
    bool transfer;
    int sink_fd, source_fd;
    uint64_t max_size, upload_size, upload_off, bytes;
    void (*progress)(void *arg, uint64_t bytes, const char *peer);
    void *progress_arg;
    char peer[INET6_ADDRSTRLEN]; /* the address of the last socket opened (TFTP has no other) */
    char *content_type;
    char io_error[160]; /* the file could not be written or read, or the body source fell short */
    /* A POST's body read as it is sent (http_client_post with a source): the caller's struct,
     * copied, and how much of it this attempt has sent. */
    struct http_body_source source;
    bool has_source;
    uint64_t source_off;
};

static void on_timer(struct loop *loop, void *arg);

static void check_done(struct http_client *c);

static bool is_https(const char *url)
{
    return strncasecmp(url, "https:", 6) == 0;
}

/* TFTP (the operator's copy, autoinstall) goes through the same client: libcurl speaks it, and
 * it has no status, no headers, no authentication and no redirects. */
static bool is_tftp(const char *url)
{
    return url && strncasecmp(url, "tftp:", 5) == 0;
}

static unsigned to_loop_events(int what)
{
    return (what & CURL_POLL_IN ? LOOP_READ : 0u) | (what & CURL_POLL_OUT ? LOOP_WRITE : 0u);
}

static void on_socket(struct loop *loop, int fd, unsigned events, void *arg)
{
    (void)loop;
    struct http_client *c = arg;
    c->dispatches++;
    int mask =
        (events & LOOP_READ ? CURL_CSELECT_IN : 0) | (events & LOOP_WRITE ? CURL_CSELECT_OUT : 0);
    int running;
    curl_multi_socket_action(c->multi, fd, mask, &running);
    check_done(c);
}

/* curl asks to watch (or stop watching) a socket. */
static int socket_cb(CURL *easy, curl_socket_t s, int what, void *userp, void *socketp)
{
    (void)easy;
    struct http_client *c = userp;
    if (what == CURL_POLL_REMOVE) {
        if (socketp)
            loop_del_fd(c->loop, s);
        curl_multi_assign(c->multi, s, NULL);
        return 0;
    }
    if (c->running)
        c->conns.current_fd = s; /* the connection this request goes over */
    if (!socketp) {
        if (loop_add_fd(c->loop, s, to_loop_events(what), on_socket, c) == 0)
            curl_multi_assign(c->multi, s, c);
    } else {
        loop_mod_fd(c->loop, s, to_loop_events(what));
    }
    return 0;
}

static void on_timer(struct loop *loop, void *arg)
{
    (void)loop;
    struct http_client *c = arg;
    c->dispatches++;
    c->timer = NULL;
    int running;
    curl_multi_socket_action(c->multi, CURL_SOCKET_TIMEOUT, 0, &running);
    check_done(c);
}

/* curl asks to be woken after timeout_ms (-1: no more). It may ask from inside socket_action, so
 * even "now" goes through the loop. */
static int timer_cb(CURLM *multi, long timeout_ms, void *userp)
{
    (void)multi;
    struct http_client *c = userp;
    if (c->timer) {
        loop_timer_cancel(c->loop, c->timer);
        c->timer = NULL;
    }
    if (timeout_ms >= 0)
        c->timer = loop_timer_add(c->loop, (uint64_t)timeout_ms, on_timer, c);
    return 0;
}

/* Where the request running goes, as the cookie rules see it. */
static bool origin_of(const char *url, struct http_url *u, struct cookie_origin *o)
{
    const char *why;
    if (http_url_parse(url, u, &why) < 0)
        return false;
    /* An IPv6 literal is compared without its brackets. */
    size_t hl = strlen(u->host);
    if (hl >= 2 && u->host[0] == '[' && u->host[hl - 1] == ']') {
        memmove(u->host, u->host + 1, hl - 2);
        u->host[hl - 2] = '\0';
    }
    o->host = u->host;
    o->port = u->port;
    o->path = u->path[0] ? u->path : "/";
    o->secure = u->https;
    return true;
}

/* A Set-Cookie or Set-Cookie2 of the response to the request running. */
static void receive_cookie(struct http_client *c, bool set_cookie2, const char *data, size_t len)
{
    struct http_url u;
    struct cookie_origin o;
    if (!origin_of(c->url, &u, &o))
        return;
    char *value = xstrndup(data, len);
    value[strcspn(value, "\r\n")] = '\0';
    cookie_jar_receive(c->jar, &o, set_cookie2, value, (long long)time(NULL));
    free(value);
}

static bool header_is(const char *data, size_t len, const char *name)
{
    size_t n = strlen(name);
    return len > n && !strncasecmp(data, name, n);
}

/* Collects the WWW-Authenticate challenges and the cookies of each response (a redirect starts
 * a new one). */
static size_t header_cb(char *data, size_t size, size_t n, void *userp)
{
    struct http_client *c = userp;
    size_t len = size * n;
    if (len >= 5 && !strncmp(data, "HTTP/", 5)) {
        c->nchallenges = 0;
    } else if (header_is(data, len, "Set-Cookie:")) {
        receive_cookie(c, false, data + 11, len - 11);
    } else if (header_is(data, len, "Set-Cookie2:")) {
        receive_cookie(c, true, data + 12, len - 12);
    } else if (len > 17 && !strncasecmp(data, "WWW-Authenticate:", 17) &&
               c->nchallenges < MAX_CHALLENGES && len < 4096) {
        char *value = xstrndup(data + 17, len - 17);
        value[strcspn(value, "\r\n")] = '\0';
        if (http_challenge_parse(value, &c->challenges[c->nchallenges]) == 0)
            c->nchallenges++;
        free(value);
    }
    return len;
}

static void tell_progress(struct http_client *c)
{
    if (!c->progress)
        return;
    char *peer = NULL;
    curl_easy_getinfo(c->easy, CURLINFO_PRIMARY_IP, &peer);
    c->progress(c->progress_arg, c->bytes, peer && *peer ? peer : c->peer);
}

/* A transfer's body goes to its file as it arrives, when the answer is a success; the body of
 * any other answer (a 401 page) is kept only in part, for nothing depends on it. */
static size_t write_sink(struct http_client *c, const char *data, size_t len)
{
    long status = 0;
    curl_easy_getinfo(c->easy, CURLINFO_RESPONSE_CODE, &status);
    if (is_tftp(c->url))
        status = 200; /* TFTP sends data only for a file it found */
    if (status < 200 || status > 299) {
        if (c->body.len < 4096)
            sb_append(&c->body, data, len < 4096 ? len : 4096);
        return len;
    }
    if (c->max_size && c->bytes + len > c->max_size) {
        c->too_large = true;
        return 0;
    }
    for (size_t done = 0; done < len;) {
        ssize_t w = write(c->sink_fd, data + done, len - done);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            snprintf(c->io_error, sizeof c->io_error, "cannot write the file: %s",
                     w < 0 ? strerror(errno) : "no space");
            return 0;
        }
        done += (size_t)w;
    }
    c->bytes += len;
    tell_progress(c);
    return len;
}

static size_t read_source(char *buf, size_t size, size_t n, void *userp)
{
    struct http_client *c = userp;
    size_t want = size * n;
    if (c->upload_off >= c->upload_size)
        return 0;
    if (want > c->upload_size - c->upload_off)
        want = (size_t)(c->upload_size - c->upload_off);
    ssize_t r;
    do {
        r = pread(c->source_fd, buf, want, (off_t)c->upload_off);
    } while (r < 0 && errno == EINTR);
    if (r <= 0) {
        snprintf(c->io_error, sizeof c->io_error, "cannot read the file: %s",
                 r < 0 ? strerror(errno) : "it is shorter than its size");
        return CURL_READFUNC_ABORT;
    }
    c->upload_off += (uint64_t)r;
    c->bytes = c->upload_off;
    tell_progress(c);
    return (size_t)r;
}

/* A source's body ending before its length would leave the server waiting for the rest and
 * libcurl waiting for the answer until the timeout: the request is aborted instead. Bytes past
 * the length are never asked for, so a source that has more sends only its length. */
static size_t read_body_source(char *buf, size_t size, size_t n, void *userp)
{
    struct http_client *c = userp;
    uint64_t left = c->source.len - c->source_off;
    size_t want = size * n;
    if (left == 0)
        return 0;
    if (want > left)
        want = (size_t)left;
    size_t got = c->source.read(c->source.arg, buf, want);
    if (got == 0) {
        snprintf(c->io_error, sizeof c->io_error, "the body ended after %llu of its %llu bytes",
                 (unsigned long long)c->source_off, (unsigned long long)c->source.len);
        return CURL_READFUNC_ABORT;
    }
    if (got > want)
        got = want; /* a read past size overran buf already; left at least cannot wrap */
    c->source_off += got;
    return got;
}

static void rewind_body_source(struct http_client *c)
{
    c->source.rewind(c->source.arg);
    c->source_off = 0;
}

/* libcurl rewinds a body it must send again (seeking to 0); a source can only start over. */
static int seek_body_source(void *userp, curl_off_t offset, int origin)
{
    struct http_client *c = userp;
    if (offset != 0 || origin != SEEK_SET)
        return CURL_SEEKFUNC_CANTSEEK;
    rewind_body_source(c);
    return CURL_SEEKFUNC_OK;
}

static size_t write_cb(char *data, size_t size, size_t n, void *userp)
{
    struct http_client *c = userp;
    size_t len = size * n;
    if (c->transfer && c->sink_fd >= 0)
        return write_sink(c, data, len);
    /* Past the limit the rest is read and dropped, not refused: the answer can then say the
     * message was too large on the same connection, and the body's start (a SOAP header with
     * its ID) is still there to answer it. */
    if (c->too_large || c->body.len + len > c->max_response) {
        if (!c->too_large)
            sb_append(&c->body, data, c->max_response - c->body.len);
        c->too_large = true;
        return len;
    }
    sb_append(&c->body, data, len);
    return len;
}

/* libcurl is initialised, and a client's multi handle made, at its first request, not at start:
 * a client that never sends (CWMP disabled, no transfer) costs no memory of libcurl's, and where
 * libcurl is loaded only when first needed, an idle cwmpd does not load it. */
static void new_multi(struct http_client *c)
{
    static bool global_done;
    if (!global_done) {
        curl_global_init(CURL_GLOBAL_DEFAULT);
        global_done = true;
    }
    c->multi = curl_multi_init();
    curl_multi_setopt(c->multi, CURLMOPT_SOCKETFUNCTION, socket_cb);
    curl_multi_setopt(c->multi, CURLMOPT_SOCKETDATA, c);
    curl_multi_setopt(c->multi, CURLMOPT_TIMERFUNCTION, timer_cb);
    curl_multi_setopt(c->multi, CURLMOPT_TIMERDATA, c);
}

struct http_client *http_client_new(struct loop *loop, const char *name,
                                    struct http_client_list *list)
{
    struct http_client *c = xcalloc(1, sizeof *c);
    c->loop = loop;
    c->name = xstrdup(name);
    c->jar = cookie_jar_new();
    http_conn_table_init(&c->conns, loop);
    if (list) {
        struct http_client **pp = &list->head;
        while (*pp)
            pp = &(*pp)->next;
        *pp = c;
        c->list = list;
    }
    return c;
}

static void cookie_log_trampoline(void *arg, enum cookie_event ev, const char *message)
{
    struct http_client *c = arg;
    c->cookie_log(c->cookie_log_arg, c->name, ev, message);
}

void http_client_set_cookie_log(struct http_client *c, http_cookie_log_fn fn, void *arg)
{
    c->cookie_log = fn;
    c->cookie_log_arg = arg;
    cookie_jar_set_log(c->jar, fn ? cookie_log_trampoline : NULL, c);
}

struct cookie_jar *http_client_cookies(struct http_client *c)
{
    return c->jar;
}

struct http_client *http_client_next(const struct http_client_list *list,
                                     const struct http_client *prev)
{
    return prev ? prev->next : list->head;
}

void http_client_connections(const struct http_client *c,
                             void (*fn)(void *arg, const struct http_conn_info *info), void *arg)
{
    http_conn_foreach(&c->conns, c->running, fn, arg);
}

const char *http_client_name(const struct http_client *c)
{
    return c->name;
}

void http_client_set_ca_file(struct http_client *c, const char *path)
{
    free(c->ca_file);
    c->ca_file = path ? xstrdup(path) : NULL;
}

uint64_t http_client_dispatches(const struct http_client *c)
{
    return c->dispatches;
}

bool http_client_busy(const struct http_client *c)
{
    return c->running;
}

void http_client_cancel(struct http_client *c)
{
    if (c->running) {
        curl_multi_remove_handle(c->multi, c->easy);
        c->running = false;
    }
    c->has_source = false; /* the caller may free it now */
}

void http_client_end_session(struct http_client *c)
{
    http_client_cancel(c);
    memset(&c->auth, 0, sizeof c->auth);
    if (c->easy) {
        curl_easy_cleanup(c->easy);
        c->easy = NULL;
    }
    /* The connection outlives the easy handle in the multi's cache: it ends with the session,
     * so the multi goes too (and with it the timer it asked for); the next request makes one. */
    if (c->multi)
        curl_multi_cleanup(c->multi);
    c->multi = NULL;
    if (c->timer) {
        loop_timer_cancel(c->loop, c->timer);
        c->timer = NULL;
    }
    curl_slist_free_all(c->headers);
    c->headers = NULL;
    /* The buffer grows to the largest response of the session (up to max_response): between
     * sessions, which may be a day apart, it is not kept. */
    sb_free(&c->body);
    cookie_jar_end_session(c->jar, (long long)time(NULL));
}

void http_client_free(struct http_client *c)
{
    if (!c)
        return;
    http_client_end_session(c);
    if (c->timer)
        loop_timer_cancel(c->loop, c->timer);
    http_conn_table_fini(&c->conns);
    cookie_jar_free(c->jar);
    if (c->list) {
        struct http_client **pp = &c->list->head;
        while (*pp && *pp != c)
            pp = &(*pp)->next;
        if (*pp)
            *pp = c->next;
    }
    free(c->url);
    free(c->error);
    free(c->content_type);
    curl_slist_free_all(c->caller_headers);
    sb_free(&c->body);
    free(c->ca_file);
    free(c->username);
    free(c->password);
    free(c->uri);
    free(c->name);
    free(c);
}

/* The jar's cookies for this request's URL (computed again for each redirect and retry). */
static void add_cookie_headers(struct http_client *c)
{
    struct http_url u;
    struct cookie_origin o;
    if (!origin_of(c->url, &u, &o))
        return;
    struct strbuf cookie = STRBUF_INIT, cookie2 = STRBUF_INIT, h = STRBUF_INIT;
    cookie_jar_request_headers(c->jar, &o, (long long)time(NULL), &cookie, &cookie2);
    if (cookie.len) {
        sb_printf(&h, "Cookie: %s", sb_str(&cookie));
        c->headers = curl_slist_append(c->headers, sb_str(&h));
    }
    if (cookie2.len) {
        sb_reset(&h);
        sb_printf(&h, "Cookie2: %s", sb_str(&cookie2));
        c->headers = curl_slist_append(c->headers, sb_str(&h));
    }
    sb_free(&cookie);
    sb_free(&cookie2);
    sb_free(&h);
}

/* The request's headers, with an Authorization when a challenge is being answered. */
static void set_headers(struct http_client *c)
{
    curl_slist_free_all(c->headers);
    c->headers = NULL;
    const char *type = c->content_type;
    if (!type && c->transfer && c->source_fd >= 0)
        type = "application/octet-stream";
    if (type) {
        struct strbuf ct = STRBUF_INIT;
        sb_printf(&ct, "Content-Type: %s", type);
        c->headers = curl_slist_append(c->headers, sb_str(&ct));
        sb_free(&ct);
    } else if (!c->transfer) {
        /* libcurl would call a POST's body a form: a request carries the type it is given. */
        c->headers = curl_slist_append(c->headers, "Content-Type:");
    }
    for (struct curl_slist *h = c->caller_headers; h; h = h->next)
        c->headers = curl_slist_append(c->headers, h->data);
    c->headers = curl_slist_append(c->headers, "Expect:");
    add_cookie_headers(c);
    if (c->auth.active && c->username) {
        struct strbuf h = STRBUF_INIT;
        http_auth_header(&c->auth, c->method, c->uri, c->username, c->password, &h);
        c->headers = curl_slist_append(c->headers, sb_str(&h));
        sb_free(&h);
    }
    curl_easy_setopt(c->easy, CURLOPT_HTTPHEADER, c->headers);
}

/* The request-URI that Digest signs: the path and query of the URL. */
static char *request_uri(const char *url)
{
    CURLU *u = curl_url();
    char *path = NULL, *query = NULL;
    struct strbuf out = STRBUF_INIT;
    if (u && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK) {
        curl_url_get(u, CURLUPART_PATH, &path, 0);
        curl_url_get(u, CURLUPART_QUERY, &query, 0);
    }
    sb_puts(&out, path ? path : "/");
    if (query)
        sb_printf(&out, "?%s", query);
    curl_free(path);
    curl_free(query);
    curl_url_cleanup(u);
    return sb_detach(&out);
}

static void set_string(char **slot, const char *v)
{
    free(*slot);
    *slot = v ? xstrdup(v) : NULL;
}

/* libcurl sends a request again on a new connection when a kept-alive one closes before any
 * answer. The server may have acted on the first copy (an ACS that received a response would
 * receive it twice), so a request is sent once: a connection opened after it went out is
 * refused, and the request fails. A connection found dead before sending is replaced freely. */
static int prereq_cb(void *clientp, char *primary_ip, char *local_ip, int primary_port,
                     int local_port)
{
    (void)primary_ip;
    (void)local_ip;
    (void)primary_port;
    (void)local_port;
    struct http_client *c = clientp;
    c->sent = true;
    return CURL_PREREQFUNC_OK;
}

static curl_socket_t open_cb(void *clientp, curlsocktype purpose, struct curl_sockaddr *address)
{
    struct http_client *c = clientp;
    if (c->sent && !c->transfer) {
        c->resend_refused = true;
        return CURL_SOCKET_BAD;
    }
    c->peer[0] = '\0';
    if (address->family == AF_INET)
        inet_ntop(AF_INET, &((struct sockaddr_in *)&address->addr)->sin_addr, c->peer,
                  sizeof c->peer);
    else if (address->family == AF_INET6)
        inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&address->addr)->sin6_addr, c->peer,
                  sizeof c->peer);
    return http_conn_open_cb(&c->conns, purpose, address);
}

/* Points the easy handle at c->url for the next hop of the request (the first, a redirect or an
 * answer to a challenge) and queues it. */
static int send_hop(struct http_client *c)
{
    free(c->uri);
    c->uri = request_uri(c->url);
    c->basic_allowed = is_https(c->url);
    c->nchallenges = 0;
    curl_easy_setopt(c->easy, CURLOPT_URL, c->url);
    set_headers(c);
    sb_reset(&c->body);
    c->too_large = false;
    c->sent = c->resend_refused = false;
    /* Each attempt sends the file from its start, and writes the answer from the start. */
    c->upload_off = 0;
    c->bytes = 0;
    c->io_error[0] = '\0';
    if (c->has_source)
        rewind_body_source(c);
    if (c->transfer && c->sink_fd >= 0 &&
        (ftruncate(c->sink_fd, 0) < 0 || lseek(c->sink_fd, 0, SEEK_SET) < 0))
        return -1;
    c->errbuf[0] = '\0';
    if (curl_multi_add_handle(c->multi, c->easy) != CURLM_OK)
        return -1;
    c->running = true;
    return 0;
}

/* The options every request of the client has, whatever its method. */
static int setup_request(struct http_client *c, const struct http_request *req, http_done_fn done,
                         void *arg)
{
    if (c->running)
        return -1;
    if (!c->multi)
        new_multi(c);
    if (!c->easy) {
        c->easy = curl_easy_init();
        if (!c->easy)
            return -1;
    } else {
        /* The connection lives in the multi's cache, the cookies in our jar: nothing is lost. */
        curl_easy_reset(c->easy);
    }
    CURL *h = c->easy;
    set_string(&c->url, req->url);
    set_string(&c->username, req->username);
    set_string(&c->password, req->password ? req->password : "");
    c->prefer_md5_sess = req->prefer_md5_sess;
    c->auth_retried = false;
    c->redirects = 0;
    set_string(&c->content_type, req->content_type);
    curl_slist_free_all(c->caller_headers);
    c->caller_headers = NULL;
    for (size_t i = 0; i < req->nheaders; i++) {
        struct strbuf line = STRBUF_INIT;
        /* libcurl's way to send a header with an empty value ("name:" would remove it). */
        if (*req->headers[i].value)
            sb_printf(&line, "%s: %s", req->headers[i].name, req->headers[i].value);
        else
            sb_printf(&line, "%s;", req->headers[i].name);
        c->caller_headers = curl_slist_append(c->caller_headers, sb_str(&line));
        sb_free(&line);
    }
    curl_easy_setopt(h, CURLOPT_USERAGENT, req->user_agent); /* NULL: none */
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, write_cb);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, c);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, c->errbuf);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_TIMEOUT, req->timeout_s > 0 ? req->timeout_s : DEFAULT_TIMEOUT_S);
    /* libcurl's TFTP waits this long for the server's first packet, in a few retries. */
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT,
                     req->connect_timeout_s > 0 ? req->connect_timeout_s : 30L);
    /* Redirects are ours: each hop needs the cookies of its own URL, and the session follows
     * the last one (see check_done). */
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
    /* A tftp:// URL is only for files (http_client_transfer); nothing else is followed. */
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, is_tftp(req->url) ? "tftp" : "http,https");
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(h, CURLOPT_CAINFO, c->ca_file); /* NULL: the system's store */
    c->had_credentials = c->auth.active && req->username;
    /* Authentication is ours (see http_auth.h): libcurl only carries the header. */
    curl_easy_setopt(h, CURLOPT_HTTPAUTH, (long)CURLAUTH_NONE);
    curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, header_cb);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, c);
    /* The sockets are ours too, so that the connection table sees each one open and close. */
    curl_easy_setopt(h, CURLOPT_OPENSOCKETFUNCTION, open_cb);
    curl_easy_setopt(h, CURLOPT_OPENSOCKETDATA, c);
    curl_easy_setopt(h, CURLOPT_PREREQFUNCTION, prereq_cb);
    curl_easy_setopt(h, CURLOPT_PREREQDATA, c);
    curl_easy_setopt(h, CURLOPT_CLOSESOCKETFUNCTION, http_conn_close_cb);
    curl_easy_setopt(h, CURLOPT_CLOSESOCKETDATA, &c->conns);
    c->max_response = req->max_response ? req->max_response : DEFAULT_MAX_RESPONSE;
    c->done = done;
    c->arg = arg;
    c->transfer = false;
    c->sink_fd = c->source_fd = -1;
    c->has_source = false;
    c->progress = req->progress;
    c->progress_arg = req->progress_arg;
    snprintf(c->method, sizeof c->method, "POST");
    return 0;
}

int http_client_post(struct http_client *c, const struct http_request *req, http_done_fn done,
                     void *arg)
{
    const struct http_body_source *src = req->source;
    if (is_tftp(req->url))
        return -1; /* messages are HTTP's */
    if (src && (!src->read || !src->rewind || src->len > (uint64_t)INT64_MAX))
        return -1;
    if (setup_request(c, req, done, arg) < 0)
        return -1;
    CURL *h = c->easy;
    curl_easy_setopt(h, CURLOPT_POST, 1L);
    if (src) {
        c->source = *src;
        c->has_source = true;
        curl_easy_setopt(h, CURLOPT_READFUNCTION, read_body_source);
        curl_easy_setopt(h, CURLOPT_READDATA, c);
        curl_easy_setopt(h, CURLOPT_SEEKFUNCTION, seek_body_source);
        curl_easy_setopt(h, CURLOPT_SEEKDATA, c);
        /* With the size known libcurl sends a Content-Length; without it, chunked. */
        curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)src->len);
        return send_hop(c);
    }
    /* The size first: COPYPOSTFIELDS copies that many bytes, so the caller's buffer may go. */
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, (long)(req->body ? req->body_len : 0));
    curl_easy_setopt(h, CURLOPT_COPYPOSTFIELDS, req->body ? req->body : "");
    return send_hop(c);
}

int http_client_transfer(struct http_client *c, const struct http_request *req, http_done_fn done,
                         void *arg)
{
    const char *m = req->method ? req->method : "GET";
    bool get = !strcmp(m, "GET"), put = !strcmp(m, "PUT"), post = !strcmp(m, "POST");
    if ((!get && !put && !post) || (get && req->sink_fd < 0) || (!get && req->source_fd < 0))
        return -1;
    if (is_tftp(req->url) && post)
        return -1; /* TFTP writes a file (PUT) or nothing */
    if (setup_request(c, req, done, arg) < 0)
        return -1;
    CURL *h = c->easy;
    c->transfer = true;
    snprintf(c->method, sizeof c->method, "%s", m);
    c->max_size = req->max_size;
    c->upload_size = req->upload_size;
    /* A file takes as long as it takes: without a time given, only a stall of a minute ends it. */
    curl_easy_setopt(h, CURLOPT_TIMEOUT, req->timeout_s > 0 ? req->timeout_s : 0L);
    curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, 60L);
    if (get) {
        c->sink_fd = req->sink_fd;
        curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
    } else {
        c->source_fd = req->source_fd;
        curl_easy_setopt(h, CURLOPT_READFUNCTION, read_source);
        curl_easy_setopt(h, CURLOPT_READDATA, c);
        if (put) {
            curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
            curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, (curl_off_t)req->upload_size);
        } else {
            curl_easy_setopt(h, CURLOPT_POST, 1L);
            curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)req->upload_size);
        }
    }
    return send_hop(c);
}

/* A challenge is answered once, on the same connection, with the same request. Returns true when
 * the request went again. */
static bool answer_challenge(struct http_client *c)
{
    if (!c->username || c->auth_retried)
        return false;
    int pick =
        http_challenge_pick(c->challenges, c->nchallenges, c->basic_allowed, c->prefer_md5_sess);
    if (pick < 0)
        return false;
    http_auth_start(&c->auth, &c->challenges[pick]);
    c->auth_retried = true;
    c->had_credentials = true;
    return send_hop(c) == 0;
}

static bool is_redirect(long status)
{
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

/* A redirect is followed within the request, POST kept as POST with its body, at most five
 * times, to http or https only. Returns true when the request went again; false with c->error
 * set when it cannot. */
static bool follow_redirect(struct http_client *c)
{
    char *location = NULL;
    curl_easy_getinfo(c->easy, CURLINFO_REDIRECT_URL, &location);
    if (!location)
        return false; /* a 3xx without Location is the answer */
    set_string(&c->error, NULL);
    if (c->redirects >= MAX_REDIRECTS) {
        c->error = xstrdup("too many redirects");
        return false;
    }
    struct http_url u;
    const char *why;
    if (http_url_parse(location, &u, &why) < 0) {
        struct strbuf e = STRBUF_INIT;
        sb_printf(&e, "unusable redirect: %s", why);
        c->error = sb_detach(&e);
        return false;
    }
    set_string(&c->url, location);
    c->redirects++;
    /* Another server may challenge anew: the old answer is not sent to it. */
    memset(&c->auth, 0, sizeof c->auth);
    c->auth_retried = false;
    if (send_hop(c) < 0) {
        c->error = xstrdup("could not follow the redirect");
        return false;
    }
    return true;
}

/* The error text of a transfer that failed, TLS failures said as such. */
/* A TFTP server's error packet, in the words IOS prints after "%Error opening URL". libcurl's
 * error buffer is not used: for UDP it may hold a note from before the transfer. */
static const char *tftp_failure(CURLcode result)
{
    switch (result) {
    case CURLE_TFTP_NOTFOUND:
        return "No such file or directory";
    case CURLE_TFTP_PERM:
    case CURLE_REMOTE_ACCESS_DENIED:
        return "Permission denied";
    case CURLE_OPERATION_TIMEDOUT:
        return "Timed out";
    case CURLE_TFTP_ILLEGAL:
        return "Illegal TFTP operation";
    case CURLE_REMOTE_DISK_FULL:
        return "Disk full";
    case CURLE_TFTP_EXISTS:
        return "File exists";
    default:
        return curl_easy_strerror(result);
    }
}

static const char *failure_text(struct http_client *c, CURLcode result, bool *tls)
{
    if (is_tftp(c->url)) {
        *tls = false;
        return tftp_failure(result);
    }
    const char *detail = c->errbuf[0] ? c->errbuf : curl_easy_strerror(result);
    *tls = result == CURLE_PEER_FAILED_VERIFICATION || result == CURLE_SSL_CACERT_BADFILE ||
           result == CURLE_SSL_CONNECT_ERROR || result == CURLE_SSL_CERTPROBLEM ||
           result == CURLE_SSL_ISSUER_ERROR;
    if (!*tls)
        return detail;
    struct strbuf e = STRBUF_INIT;
    sb_printf(&e, "TLS: the server could not be verified: %s", detail);
    set_string(&c->error, NULL);
    c->error = sb_detach(&e);
    return c->error;
}

static void check_done(struct http_client *c)
{
    CURLMsg *m;
    int left;
    while ((m = curl_multi_info_read(c->multi, &left))) {
        if (m->msg != CURLMSG_DONE || m->easy_handle != c->easy || !c->running)
            continue;
        CURLcode result = m->data.result;
        curl_multi_remove_handle(c->multi, c->easy);
        c->running = false;
        http_conn_request_done(&c->conns);
        long status = 0;
        curl_easy_getinfo(c->easy, CURLINFO_RESPONSE_CODE, &status);
        /* TFTP has no status: a transfer that completed is answered as HTTP's 200. */
        if (is_tftp(c->url))
            status = result == CURLE_OK ? 200 : 0;
        set_string(&c->error, NULL);
        if (result == CURLE_OK && status == 401 && answer_challenge(c))
            return;
        if (result == CURLE_OK && is_redirect(status) && follow_redirect(c))
            return;
        struct http_response r = {0};
        r.effective_url = c->url;
        r.redirects = c->redirects;
        r.bytes = c->bytes;
        r.too_large = c->too_large;
        r.status_seen = status;
        if (c->error) {
            r.error = c->error;
        } else if (c->io_error[0]) {
            r.error = c->io_error;
        } else if (c->resend_refused && result != CURLE_OK) {
            r.error = "the connection closed before the answer came";
        } else if (result == CURLE_OK) {
            r.status = status;
            r.body = sb_str(&c->body);
            r.body_len = c->body.len;
            r.auth_failed = r.status == 401 && c->had_credentials;
            /* Without a new challenge the next request answers the current one again. */
            if (r.status == 401)
                c->auth.active = false;
        } else if (c->too_large) {
            r.error = c->transfer ? "the file is larger than allowed"
                                  : "the response is larger than allowed";
        } else {
            r.error = failure_text(c, result, &r.tls_failed);
        }
        c->has_source = false; /* the caller may free it from the callback */
        c->done(c->arg, &r);
        return; /* the callback may have started the next request or freed the client */
    }
}
