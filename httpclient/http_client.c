/* libcurl's multi "socket" interface on the agent's epoll loop: curl tells us which sockets to
 * watch and when to wake it; the loop calls back into curl; nothing waits. */
#include "http_client.h"

#include "config.h"

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "http_auth.h"
#include "loop.h"
#include "strbuf.h"
#include "xalloc.h"

#define DEFAULT_TIMEOUT_S    60
#define DEFAULT_MAX_RESPONSE (1024u * 1024u)
#define MAX_CHALLENGES       4

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
    /* Authentication: the challenges of the last response, and what answers them. */
    struct http_challenge challenges[MAX_CHALLENGES];
    size_t nchallenges;
    struct http_auth_state auth;
    bool auth_retried; /* this request was sent again with credentials */
    char *username, *password, *uri;
    bool basic_allowed, prefer_md5_sess;
    bool has_body;
};

static void check_done(struct http_client *c);

static bool is_https(const char *url)
{
    return strncasecmp(url, "https:", 6) == 0;
}

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

/* Collects the WWW-Authenticate challenges of each response (a redirect starts a new one). */
static size_t header_cb(char *data, size_t size, size_t n, void *userp)
{
    struct http_client *c = userp;
    size_t len = size * n;
    if (len >= 5 && !strncmp(data, "HTTP/", 5)) {
        c->nchallenges = 0;
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
    memset(&c->auth, 0, sizeof c->auth);
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
    free(c->username);
    free(c->password);
    free(c->uri);
    free(c->name);
    free(c);
}

/* The request's headers, with an Authorization when a challenge is being answered. */
static void set_headers(struct http_client *c)
{
    curl_slist_free_all(c->headers);
    c->headers = NULL;
    if (c->has_body) {
        c->headers = curl_slist_append(c->headers, "Content-Type: text/xml; charset=\"utf-8\"");
        /* SOAP 1.1 wants the header; TR-069 wants it without a value. */
        c->headers = curl_slist_append(c->headers, "SOAPAction;");
    } else {
        /* The empty POST: Content-Length 0 and nothing else (no Content-Type, no SOAPAction). */
        c->headers = curl_slist_append(c->headers, "Content-Type:");
    }
    c->headers = curl_slist_append(c->headers, "Expect:");
    if (c->auth.active && c->username) {
        struct strbuf h = STRBUF_INIT;
        http_auth_header(&c->auth, "POST", c->uri, c->username, c->password, &h);
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
    /* The size first: COPYPOSTFIELDS copies that many bytes, so the caller's buffer may go. */
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, (long)(req->body ? req->body_len : 0));
    curl_easy_setopt(h, CURLOPT_COPYPOSTFIELDS, req->body ? req->body : "");
    c->has_body = req->body && req->body_len > 0;
    set_string(&c->uri, NULL);
    c->uri = request_uri(req->url);
    set_string(&c->username, req->username);
    set_string(&c->password, req->password ? req->password : "");
    c->basic_allowed = is_https(req->url);
    c->prefer_md5_sess = req->prefer_md5_sess;
    c->auth_retried = false;
    c->nchallenges = 0;
    set_headers(c);
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
    c->had_credentials = c->auth.active && req->username;
    /* Authentication is ours (see http_auth.h): libcurl only carries the header. */
    curl_easy_setopt(h, CURLOPT_HTTPAUTH, (long)CURLAUTH_NONE);
    curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, header_cb);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, c);
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
        long status = 0;
        curl_easy_getinfo(c->easy, CURLINFO_RESPONSE_CODE, &status);
        /* A challenge is answered once, on the same connection, with the same request. */
        if (result == CURLE_OK && status == 401 && c->username && !c->auth_retried) {
            int pick = http_challenge_pick(c->challenges, c->nchallenges, c->basic_allowed,
                                           c->prefer_md5_sess);
            if (pick >= 0) {
                http_auth_start(&c->auth, &c->challenges[pick]);
                c->auth_retried = true;
                c->had_credentials = true;
                sb_reset(&c->body);
                set_headers(c);
                if (curl_multi_add_handle(c->multi, c->easy) == CURLM_OK) {
                    c->running = true;
                    return;
                }
            }
        }
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
            /* Without a new challenge the next request answers the current one again. */
            if (r.status == 401)
                c->auth.active = false;
        } else if (c->too_large) {
            r.error = "the response is larger than allowed";
        } else {
            r.error = c->errbuf[0] ? c->errbuf : curl_easy_strerror(result);
        }
        c->done(c->arg, &r);
        return; /* the callback may have started the next request or freed the client */
    }
}
