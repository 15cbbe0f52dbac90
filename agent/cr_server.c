#include "cr_server.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <openssl/rand.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "agent.h"
#include "cr_policy.h"
#include "cwmp_agent.h"
#include "cwmp_session.h"
#include "log.h"
#include "loop.h"
#include "xalloc.h"

/* Bounds on what the server may hold, whatever arrives (cwmpd(8), "CONNECTION REQUESTS"). */
#define CR_MAX_CONNECTIONS 16
#define CR_MAX_PER_IP      8
#define CR_IDLE_TIMEOUT_S  10
#define CR_CONN_MEMORY     (8u * 1024u) /* per connection: request and response headers */
#define CR_NONCES          64           /* digest nonces whose counts are tracked (replays) */
#define CR_NONCE_TIMEOUT_S 300
#define CR_BACKLOG         64
#define CR_RECHECK_MS      10000 /* how often the address is looked at again (DHCP) */
#define CR_REALM           "cwmpd"

struct cr_stats {
    unsigned long accepted, refused, challenged, limited, unavailable, bad;
    time_t last_accepted;
};

struct cr_server {
    struct agent *a;
    bool have_override;
    struct sockaddr_storage override; /* --listen; family AF_UNSPEC: the port only */
    struct rate_window sessions;      /* accepted requests that start sessions */
    struct rate_window failed;        /* credentials given and refused */
    unsigned rate_limit, rate_period_s;
    /* The listener; d is NULL when not listening. */
    struct MHD_Daemon *d;
    int epoll_fd;
    struct sockaddr_storage bound;
    struct loop_timer *mhd_timer;
    struct loop_timer *recheck_timer;
    char why[200]; /* why not listening, "" when listening or off */
    /* Answers shared by every request: MHD counts their users. */
    struct MHD_Response *empty;
    struct MHD_Response *not_allowed;
    unsigned char random[32]; /* libmicrohttpd's nonces are made from it */
    char opaque[33];
    unsigned inflight; /* accepted requests whose 200 is not out yet */
    bool closing;
    char url_seen[300]; /* the ConnectionRequestURL when the listener last changed */
    struct cr_stats st;
    /* Per-request marks (*req_cls): headers seen, and accepted. Their addresses are the marks. */
    char mark_seen, mark_accepted;
};

static void schedule_mhd(struct cr_server *s);

/* ---- the loop drives libmicrohttpd ---- */

static void run_mhd(struct cr_server *s)
{
    MHD_run(s->d);
    schedule_mhd(s);
}

static void on_mhd_timer(struct loop *loop, void *arg)
{
    (void)loop;
    struct cr_server *s = arg;
    s->mhd_timer = NULL;
    run_mhd(s);
}

static void on_mhd_ready(struct loop *loop, int fd, unsigned events, void *arg)
{
    (void)loop, (void)fd, (void)events;
    run_mhd(arg);
}

/* libmicrohttpd says when it must run again even without socket activity (timeouts, data it
 * has already read). */
static void schedule_mhd(struct cr_server *s)
{
    if (s->mhd_timer) {
        loop_timer_cancel(s->a->loop, s->mhd_timer);
        s->mhd_timer = NULL;
    }
    MHD_UNSIGNED_LONG_LONG ms;
    if (s->d && MHD_get_timeout(s->d, &ms) == MHD_YES)
        s->mhd_timer = loop_timer_add(s->a->loop, (uint64_t)ms, on_mhd_timer, s);
}

static void on_mhd_log(void *cls, const char *fmt, va_list ap)
{
    struct cr_server *s = cls;
    char text[256];
    vsnprintf(text, sizeof text, fmt, ap);
    text[strcspn(text, "\n")] = '\0';
    agent_debug(s->a, DEBUG_CWMP, "CWMP: connection request server: %s", text);
}

/* ---- requests ---- */

static void peer_text(struct MHD_Connection *c, struct strbuf *out)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (ci && ci->client_addr)
        cr_format_endpoint(ci->client_addr, out);
    else
        sb_puts(out, "?");
}

/* With debug cwmp: where a request came from and its answer; never its credentials. */
static void trace(struct cr_server *s, struct MHD_Connection *c, unsigned status, const char *why)
{
    if (!(s->a->debug & DEBUG_CWMP))
        return;
    struct strbuf peer = STRBUF_INIT;
    peer_text(c, &peer);
    agent_debug(s->a, DEBUG_CWMP, "CWMP: connection request from %s: %u %s", sb_str(&peer), status,
                why);
    sb_free(&peer);
}

static enum MHD_Result answer(struct cr_server *s, struct MHD_Connection *c, unsigned status,
                              const char *why)
{
    trace(s, c, status, why);
    return MHD_queue_response(c, status, status == 405 ? s->not_allowed : s->empty);
}

static enum MHD_Result challenge(struct cr_server *s, struct MHD_Connection *c, bool stale,
                                 const char *why)
{
    trace(s, c, 401, why);
    /* The challenge header goes into the response: one of its own each time. */
    struct MHD_Response *r = MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
    if (!r)
        return MHD_NO;
    enum MHD_Result ret = MHD_queue_auth_fail_response2(
        c, CR_REALM, s->opaque, r, stale ? MHD_YES : MHD_NO, MHD_DIGEST_ALG_MD5);
    MHD_destroy_response(r);
    return ret;
}

/* The credentials decide; the request is on the right path with GET. */
static enum MHD_Result authenticate(struct cr_server *s, struct MHD_Connection *c, void **req_cls)
{
    const struct cwmp_settings *cs = &s->a->running->cwmp;
    uint64_t now = loop_now_ms();
    bool given = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_AUTHORIZATION);
    /* Guessing is slowed down before anything is checked: over the limit, no credentials get
     * in, right or wrong. A request without any gets its challenge: it guesses nothing. */
    if (given && !rate_window_room(&s->failed, now)) {
        s->st.limited++;
        return answer(s, c, 503, "too many failed authentications");
    }
    int ok = MHD_NO;
    if (given && cs->cr_username)
        ok = MHD_digest_auth_check2(c, CR_REALM, cs->cr_username,
                                    cs->cr_password.clear ? cs->cr_password.clear : "",
                                    CR_NONCE_TIMEOUT_S, MHD_DIGEST_ALG_MD5);
    if (ok != MHD_YES) {
        if (!given) {
            s->st.challenged++;
            return challenge(s, c, false, "challenge");
        }
        if (ok == MHD_INVALID_NONCE) {
            /* Right or wrong, the answer was to a nonce cwmpd no longer knows: ask again. */
            s->st.challenged++;
            return challenge(s, c, true, "stale nonce");
        }
        rate_window_take(&s->failed, now);
        s->st.refused++;
        return challenge(s, c, false,
                         cs->cr_username ? "wrong credentials" : "no connection request username");
    }
    struct cwmp_engine *e = s->a->engine;
    if (!e || !cwmp_engine_usable(e)) {
        s->st.unavailable++;
        return answer(s, c, 503, "the CWMP agent is disabled or has no ACS URL");
    }
    /* Requests that merge into a session already due cost nothing; the others are counted. */
    bool merges = s->inflight > 0 || cwmp_engine_cr_merges(e);
    if (!merges && !rate_window_take(&s->sessions, now)) {
        s->st.limited++;
        return answer(s, c, 503, "rate limited");
    }
    s->st.accepted++;
    s->st.last_accepted = time(NULL);
    s->inflight++;
    *req_cls = &s->mark_accepted;
    return answer(s, c, 200, merges ? "accepted (merged)" : "accepted");
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_data_size, void **req_cls)
{
    (void)version, (void)upload_data;
    struct cr_server *s = cls;
    if (!*req_cls) {
        *req_cls = &s->mark_seen; /* the headers are in; a body may follow */
        return MHD_YES;
    }
    if (*upload_data_size) {
        *upload_data_size = 0; /* a body means nothing to a connection request */
        return MHD_YES;
    }
    int status = cr_classify(method, url, cwmp_cr_path(s->a));
    if (status) {
        s->st.bad++;
        return answer(s, c, (unsigned)status, status == 404 ? "not the path" : method);
    }
    return authenticate(s, c, req_cls);
}

/* The 200 is out (or the client went away after it was decided): now the session. */
static void on_completed(void *cls, struct MHD_Connection *c, void **req_cls,
                         enum MHD_RequestTerminationCode toe)
{
    (void)c, (void)toe;
    struct cr_server *s = cls;
    if (*req_cls == &s->mark_accepted) {
        s->inflight--;
        if (!s->closing && s->a->engine)
            cwmp_engine_connection_request(s->a->engine);
    }
    *req_cls = NULL;
}

/* ---- listening ---- */

static void stop_listening(struct cr_server *s)
{
    if (!s->d)
        return;
    loop_del_fd(s->a->loop, s->epoll_fd);
    /* libmicrohttpd closes the listening socket with the daemon. */
    MHD_stop_daemon(s->d);
    s->d = NULL;
    if (s->mhd_timer) {
        loop_timer_cancel(s->a->loop, s->mhd_timer);
        s->mhd_timer = NULL;
    }
}

static int open_listener(const struct sockaddr_storage *ss, struct strbuf *err)
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

static int start_listening(struct cr_server *s, const struct sockaddr_storage *want,
                           struct strbuf *err)
{
    int fd = open_listener(want, err);
    if (fd < 0)
        return -1;
    socklen_t len = sizeof s->bound;
    if (getsockname(fd, (struct sockaddr *)&s->bound, &len) < 0) {
        sb_printf(err, "%s", strerror(errno));
        close(fd);
        return -1;
    }
    /* MHD_USE_EPOLL without an internal thread: one epoll descriptor for the agent's loop. */
    s->d = MHD_start_daemon(
        MHD_USE_EPOLL | MHD_USE_ERROR_LOG, 0, NULL, NULL, on_request, s, MHD_OPTION_LISTEN_SOCKET,
        fd, MHD_OPTION_CONNECTION_LIMIT, (unsigned)CR_MAX_CONNECTIONS,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)CR_MAX_PER_IP, MHD_OPTION_CONNECTION_TIMEOUT,
        (unsigned)CR_IDLE_TIMEOUT_S, MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)CR_CONN_MEMORY,
        MHD_OPTION_NONCE_NC_SIZE, (unsigned)CR_NONCES, MHD_OPTION_DIGEST_AUTH_RANDOM,
        sizeof s->random, s->random, MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
        MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log, s, MHD_OPTION_END);
    const union MHD_DaemonInfo *info =
        s->d ? MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_EPOLL_FD) : NULL;
    if (!info) {
        sb_puts(err, "libmicrohttpd did not start");
        if (s->d)
            MHD_stop_daemon(s->d);
        else
            close(fd);
        s->d = NULL;
        return -1;
    }
    s->epoll_fd = info->epoll_fd;
    if (loop_add_fd(s->a->loop, s->epoll_fd, LOOP_READ, on_mhd_ready, s) < 0) {
        sb_printf(err, "%s", strerror(errno));
        MHD_stop_daemon(s->d);
        s->d = NULL;
        return -1;
    }
    schedule_mhd(s);
    return 0;
}

/* Where the configuration says to listen: --listen ADDR:PORT, else port 7547 (or --listen's
 * :PORT) of the cwmp wan default interface's address, else of every address. */
static bool wanted_address(const struct cr_server *s, struct sockaddr_storage *ss)
{
    if (s->have_override && s->override.ss_family != AF_UNSPEC) {
        *ss = s->override;
        return true;
    }
    memset(ss, 0, sizeof *ss);
    struct sockaddr_in *s4 = (struct sockaddr_in *)ss;
    s4->sin_family = AF_INET;
    s4->sin_port = s->have_override ? ((const struct sockaddr_in *)&s->override)->sin_port
                                    : htons(CWMP_CR_PORT);
    if (cwmp_wan_default_ipv4(s->a, s->a->running, &s4->sin_addr))
        return true;
    s4->sin_addr.s_addr = htonl(INADDR_ANY);
    return false;
}

static bool same_address(const struct sockaddr_storage *x, const struct sockaddr_storage *y)
{
    if (x->ss_family != y->ss_family)
        return false;
    if (x->ss_family == AF_INET6) {
        const struct sockaddr_in6 *a = (const void *)x, *b = (const void *)y;
        return !memcmp(&a->sin6_addr, &b->sin6_addr, sizeof a->sin6_addr) &&
               (!b->sin6_port || a->sin6_port == b->sin6_port);
    }
    const struct sockaddr_in *a = (const void *)x, *b = (const void *)y;
    /* Port 0 (--listen ADDR:0) is satisfied by whatever port was given. */
    return a->sin_addr.s_addr == b->sin_addr.s_addr && (!b->sin_port || a->sin_port == b->sin_port);
}

static void on_recheck(struct loop *loop, void *arg)
{
    (void)loop;
    struct cr_server *s = arg;
    s->recheck_timer = NULL;
    cr_server_update(s);
}

static void note_url(struct cr_server *s)
{
    struct strbuf url = STRBUF_INIT;
    cwmp_connection_request_url(s->a, s->a->running, &url);
    bool changed = strcmp(sb_str(&url), s->url_seen) != 0;
    snprintf(s->url_seen, sizeof s->url_seen, "%s", sb_str(&url));
    sb_free(&url);
    /* ConnectionRequestURL is notified actively by default: the ACS hears of it now. */
    if (changed && s->a->engine)
        cwmp_engine_scan(s->a->engine);
}

void cr_server_update(struct cr_server *s)
{
    struct agent *a = s->a;
    bool on = a->running->http_server;
    struct sockaddr_storage want;
    wanted_address(s, &want);
    if (s->d && (!on || !same_address(&s->bound, &want))) {
        struct strbuf ep = STRBUF_INIT;
        cr_format_endpoint((const struct sockaddr *)&s->bound, &ep);
        stop_listening(s);
        agent_log(a, LOG_NOTICE, "%%CWMP-5-CRSERVER: no longer listening on %s", sb_str(&ep));
        sb_free(&ep);
    }
    if (!on) {
        s->why[0] = '\0';
    } else if (!s->d) {
        struct strbuf err = STRBUF_INIT, ep = STRBUF_INIT;
        cr_format_endpoint((const struct sockaddr *)&want, &ep);
        if (start_listening(s, &want, &err) == 0) {
            sb_reset(&ep);
            cr_format_endpoint((const struct sockaddr *)&s->bound, &ep);
            agent_log(a, LOG_NOTICE, "%%CWMP-5-CRSERVER: listening for connection requests on %s",
                      sb_str(&ep));
            s->why[0] = '\0';
        } else {
            char why[sizeof s->why];
            snprintf(why, sizeof why, "cannot listen on %s: %s", sb_str(&ep), sb_str(&err));
            /* Retried every few seconds: said once, not every time. */
            if (strcmp(why, s->why) != 0)
                agent_log(a, LOG_WARNING, "%%CWMP-4-CRSERVER: %s", why);
            snprintf(s->why, sizeof s->why, "%s", why);
        }
        sb_free(&err);
        sb_free(&ep);
    }
    if (s->recheck_timer) {
        loop_timer_cancel(a->loop, s->recheck_timer);
        s->recheck_timer = NULL;
    }
    /* An address obtained by DHCP changes without a command; a busy port may free up. */
    if (on)
        s->recheck_timer = loop_timer_add(a->loop, CR_RECHECK_MS, on_recheck, s);
    note_url(s);
}

static bool is_wildcard(const struct sockaddr_storage *ss)
{
    if (ss->ss_family == AF_INET6)
        return IN6_IS_ADDR_UNSPECIFIED(&((const struct sockaddr_in6 *)(const void *)ss)->sin6_addr);
    return ((const struct sockaddr_in *)(const void *)ss)->sin_addr.s_addr == htonl(INADDR_ANY);
}

bool cr_server_endpoint(const struct cr_server *s, struct sockaddr_storage *ss)
{
    if (s->d)
        *ss = s->bound;
    else
        wanted_address(s, ss);
    return !is_wildcard(ss);
}

struct cr_server *cr_server_new(struct agent *a, const struct cr_options *o, struct strbuf *err)
{
    struct cr_server *s = xcalloc(1, sizeof *s);
    socklen_t len;
    s->a = a;
    s->epoll_fd = -1;
    s->rate_limit = CR_SESSIONS_LIMIT;
    s->rate_period_s = CR_SESSIONS_PERIOD_S;
    if ((o->listen && cr_parse_listen(o->listen, &s->override, &len, err) < 0) ||
        (o->rate && cr_parse_rate(o->rate, &s->rate_limit, &s->rate_period_s, err) < 0)) {
        free(s);
        return NULL;
    }
    s->have_override = o->listen != NULL;
    rate_window_init(&s->sessions, s->rate_limit, (uint64_t)s->rate_period_s * 1000u);
    rate_window_init(&s->failed, CR_FAILED_LIMIT, CR_FAILED_PERIOD_MS);
    unsigned char raw[16];
    if (RAND_bytes(s->random, sizeof s->random) != 1 || RAND_bytes(raw, sizeof raw) != 1) {
        sb_puts(err, "no random bytes for the connection request server's nonces");
        cr_server_free(s);
        return NULL;
    }
    for (size_t i = 0; i < sizeof raw; i++)
        snprintf(s->opaque + 2 * i, 3, "%02x", raw[i]);
    s->empty = MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
    s->not_allowed = MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
    if (!s->empty || !s->not_allowed ||
        MHD_add_response_header(s->not_allowed, MHD_HTTP_HEADER_ALLOW, "GET") != MHD_YES) {
        sb_puts(err, "libmicrohttpd: cannot create responses");
        cr_server_free(s);
        return NULL;
    }
    cr_server_update(s);
    return s;
}

void cr_server_free(struct cr_server *s)
{
    if (!s)
        return;
    s->closing = true;
    stop_listening(s);
    if (s->recheck_timer)
        loop_timer_cancel(s->a->loop, s->recheck_timer);
    if (s->empty)
        MHD_destroy_response(s->empty);
    if (s->not_allowed)
        MHD_destroy_response(s->not_allowed);
    rate_window_free(&s->sessions);
    rate_window_free(&s->failed);
    free(s);
}

void cr_server_show(struct cr_server *s, struct strbuf *out)
{
    const struct config_store *cs = s->a->running;
    sb_puts(out, "Connection requests : ");
    if (s->d) {
        sb_puts(out, "listening on ");
        cr_format_endpoint((const struct sockaddr *)&s->bound, out);
        sb_puts(out, !cs->cwmp.cr_username ? ", refusing all: no connection request username\n"
                                           : " (ip http server)\n");
    } else if (s->why[0]) {
        sb_printf(out, "not listening: %s (tried again every %d s)\n", s->why,
                  CR_RECHECK_MS / 1000);
    } else if (cs->http_secure_server) {
        sb_puts(out, "refused (ip http secure-server is not served by this version: "
                     "configure ip http server)\n");
    } else {
        sb_puts(out, "refused (no ip http server or ip http secure-server)\n");
    }
    struct strbuf url = STRBUF_INIT;
    cwmp_connection_request_url(s->a, s->a->running, &url);
    sb_printf(out, "  URL               : %s\n", sb_str(&url));
    sb_free(&url);
    sb_printf(out, "  Accepted (200)    : %lu, last ", s->st.accepted);
    cwmp_time_text(s->st.last_accepted, out);
    sb_printf(out, "\n  Challenged (401)  : %lu\n", s->st.challenged);
    sb_printf(out, "  Refused (401)     : %lu\n", s->st.refused);
    sb_printf(out, "  Limited (503)     : %lu, and %lu while no session could start\n",
              s->st.limited, s->st.unavailable);
    sb_printf(out, "  Bad (404, 405)    : %lu\n", s->st.bad);
    sb_puts(out, "  Session limit     : ");
    if (s->rate_limit)
        sb_printf(out, "%u sessions in %u s\n", s->rate_limit, s->rate_period_s);
    else
        sb_puts(out, "none\n");
    sb_printf(out, "  Other limits      : %d wrong credentials/s, %d connections, %d per address\n",
              CR_FAILED_LIMIT, CR_MAX_CONNECTIONS, CR_MAX_PER_IP);
}
