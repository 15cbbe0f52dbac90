/* libcurl's multi "socket" interface on the agent's epoll loop: curl tells us which sockets to
 * watch and when to wake it; the loop calls back into curl; nothing waits. */
#include "http_client.h"

#include "config.h"

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "loop.h"
#include "strbuf.h"
#include "xalloc.h"

#define DEFAULT_TIMEOUT_S    60
#define DEFAULT_MAX_RESPONSE (1024u * 1024u)

struct http_client {
    struct loop *loop;
    char *name;
    char *ca_file;
    CURLM *multi;
    CURL *easy; /* kept between requests of a session: one connection, one cookie jar */
    struct curl_slist *headers;
    struct loop_timer *timer;
    bool running;
    http_done_fn done;
    void *arg;
    struct strbuf body;
    size_t max_response;
    bool too_large;
    bool had_credentials;
    char errbuf[CURL_ERROR_SIZE];
};

static void check_done(struct http_client *c);

static unsigned to_loop_events(int what)
{
    return (what & CURL_POLL_IN ? LOOP_READ : 0u) | (what & CURL_POLL_OUT ? LOOP_WRITE : 0u);
}

static void on_socket(struct loop *loop, int fd, unsigned events, void *arg)
{
    (void)loop;
    struct http_client *c = arg;
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

static size_t write_cb(char *data, size_t size, size_t n, void *userp)
{
    struct http_client *c = userp;
    size_t len = size * n;
    if (c->body.len + len > c->max_response) {
        c->too_large = true;
        return 0; /* curl stops the transfer */
    }
    sb_append(&c->body, data, len);
    return len;
}

struct http_client *http_client_new(struct loop *loop, const char *name)
{
    static bool global_done;
    if (!global_done) {
        curl_global_init(CURL_GLOBAL_DEFAULT);
        global_done = true;
    }
    struct http_client *c = xcalloc(1, sizeof *c);
    c->loop = loop;
    c->name = xstrdup(name);
    c->multi = curl_multi_init();
    curl_multi_setopt(c->multi, CURLMOPT_SOCKETFUNCTION, socket_cb);
    curl_multi_setopt(c->multi, CURLMOPT_SOCKETDATA, c);
    curl_multi_setopt(c->multi, CURLMOPT_TIMERFUNCTION, timer_cb);
    curl_multi_setopt(c->multi, CURLMOPT_TIMERDATA, c);
    return c;
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
}

void http_client_end_session(struct http_client *c)
{
    http_client_cancel(c);
    if (c->easy) {
        curl_easy_cleanup(c->easy); /* closes the connection, drops the cookies */
        c->easy = NULL;
    }
    curl_slist_free_all(c->headers);
    c->headers = NULL;
}

void http_client_free(struct http_client *c)
{
    if (!c)
        return;
    http_client_end_session(c);
    if (c->timer)
        loop_timer_cancel(c->loop, c->timer);
    curl_multi_cleanup(c->multi);
    sb_free(&c->body);
    free(c->ca_file);
    free(c->name);
    free(c);
}

static bool is_https(const char *url)
{
    return strncasecmp(url, "https:", 6) == 0;
}

int http_client_post(struct http_client *c, const struct http_request *req, http_done_fn done,
                     void *arg)
{
    if (c->running)
        return -1;
    if (!c->easy) {
        c->easy = curl_easy_init();
        if (!c->easy)
            return -1;
        /* An empty cookie file turns libcurl's in-memory cookie engine on for this session. */
        curl_easy_setopt(c->easy, CURLOPT_COOKIEFILE, "");
    }
    CURL *h = c->easy;
    curl_easy_setopt(h, CURLOPT_URL, req->url);
    curl_easy_setopt(h, CURLOPT_POST, 1L);
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, req->body ? req->body : "");
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, (long)(req->body ? req->body_len : 0));
    curl_slist_free_all(c->headers);
    c->headers = NULL;
    if (req->body && req->body_len > 0) {
        c->headers = curl_slist_append(c->headers, "Content-Type: text/xml; charset=\"utf-8\"");
        /* SOAP 1.1 wants the header; TR-069 wants it without a value. */
        c->headers = curl_slist_append(c->headers, "SOAPAction;");
    } else {
        /* The empty POST: Content-Length 0 and nothing else (no Content-Type, no SOAPAction). */
        c->headers = curl_slist_append(c->headers, "Content-Type:");
    }
    c->headers = curl_slist_append(c->headers, "Expect:");
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, c->headers);
    curl_easy_setopt(h, CURLOPT_USERAGENT, "cwmpd/" PACKAGE_VERSION);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, write_cb);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, c);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, c->errbuf);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_TIMEOUT, req->timeout_s > 0 ? req->timeout_s : DEFAULT_TIMEOUT_S);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 30L);
    /* Redirects are followed within the session, POST kept as POST, at most five. */
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(h, CURLOPT_MAXREDIRS, 5L);
    curl_easy_setopt(h, CURLOPT_POSTREDIR, (long)CURL_REDIR_POST_ALL);
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
    if (c->ca_file)
        curl_easy_setopt(h, CURLOPT_CAINFO, c->ca_file);
    c->had_credentials = req->username != NULL;
    if (req->username) {
        curl_easy_setopt(h, CURLOPT_USERNAME, req->username);
        curl_easy_setopt(h, CURLOPT_PASSWORD, req->password ? req->password : "");
        /* Basic would show the password to anyone on the path: only over TLS. */
        curl_easy_setopt(h, CURLOPT_HTTPAUTH,
                         is_https(req->url) ? (long)(CURLAUTH_DIGEST | CURLAUTH_BASIC)
                                            : (long)CURLAUTH_DIGEST);
    } else {
        curl_easy_setopt(h, CURLOPT_HTTPAUTH, (long)CURLAUTH_NONE);
    }
    sb_reset(&c->body);
    c->max_response = req->max_response ? req->max_response : DEFAULT_MAX_RESPONSE;
    c->too_large = false;
    c->errbuf[0] = '\0';
    c->done = done;
    c->arg = arg;
    if (curl_multi_add_handle(c->multi, h) != CURLM_OK)
        return -1;
    c->running = true;
    return 0;
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
        struct http_response r = {0};
        char *url = NULL;
        curl_easy_getinfo(c->easy, CURLINFO_EFFECTIVE_URL, &url);
        curl_easy_getinfo(c->easy, CURLINFO_REDIRECT_COUNT, &r.redirects);
        r.effective_url = url;
        if (result == CURLE_OK) {
            curl_easy_getinfo(c->easy, CURLINFO_RESPONSE_CODE, &r.status);
            r.body = sb_str(&c->body);
            r.body_len = c->body.len;
            r.auth_failed = r.status == 401 && c->had_credentials;
        } else if (c->too_large) {
            r.error = "the response is larger than allowed";
        } else {
            r.error = c->errbuf[0] ? c->errbuf : curl_easy_strerror(result);
        }
        c->done(c->arg, &r);
        return; /* the callback may have started the next request or freed the client */
    }
}
