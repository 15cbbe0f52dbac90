#include "stun_client.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <openssl/rand.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "configuration.h"
#include "core.h"
#include "cr_policy.h"
#include "cr_server.h"
#include "fileio.h"
#include "loop.h"
#include "stun_msg.h"
#include "timefmt.h"
#include "udp_cr.h"
#include "xalloc.h"

/* Without a STUNMaximumKeepAlivePeriod, a Binding Request every 30 s: within the UDP timeouts of
 * common NAT gateways (RFC 4787 asks for at least 2 minutes, many keep 30 s). */
#define STUN_DEFAULT_PERIOD_S 30
/* The replay memory is written at once when it changes, but at most once a second: only a
 * request with a valid signature changes it, and an ACS sending many would otherwise cost a
 * write each. What a crash loses is at most the last second's requests. */
#define REPLAY_SAVE_GAP_MS 1000
/* The last binding learnt, in the state directory. */
#define STUN_BINDING_FILE "stun-binding"
/* Retransmissions of an unanswered request (RFC 3489 9.3: 100 ms doubling up to 1.6 s, 9.5 s in
 * all): here 500 ms doubling, 7 sends, about a minute, then the next keep-alive tries again. */
#define STUN_RTO_MS     500
#define STUN_MAX_SENDS  7
#define RESOLVE_POLL_MS 10

struct resolve {
    struct gaicb cb;
    struct addrinfo hints;
    struct resolve *next;
    char host[];
};

struct udp_cr_stats {
    unsigned long accepted, malformed, username, signature, old, replay, limited, unavailable;
    time_t last_accepted;
};

struct stun_client {
    struct agent *a;
    int fd;
    struct sockaddr_storage local; /* what the socket is bound to */
    char server_host[CWMP_STUN_HOST_MAX + 1];
    unsigned server_port;
    struct resolve *res, *orphans;
    bool have_server;
    struct sockaddr_storage server;
    char why[600]; /* why no request goes out while STUN is on, else "" */
    struct loop_timer *timer;
    /* The transaction out, if any. */
    bool pending;
    uint8_t tid[STUN_TID_LEN];
    unsigned sends;
    bool auth_retried; /* this transaction was sent again with the credentials the server asked */
    /* The last send of this transaction carried MESSAGE-INTEGRITY with this key: its answer
     * must carry one the same key signs (RFC 3489 9.3), or anyone on the path could set the
     * address the ACS is told. */
    bool sent_integrity;
    uint8_t key[STUN_KEY_MAX];
    size_t klen;
    /* What the server asked for: MESSAGE-INTEGRITY, with a realm and nonce (long-term). */
    bool integrity;
    char realm[STUN_TEXT_MAX + 1], nonce[STUN_TEXT_MAX + 1];
    /* The binding. */
    bool have_mapped, nat;
    /* mapped holds the last binding learnt, kept across a new socket and, in the state
     * directory, across restarts: until an answer says otherwise it is still the best guess of
     * where the ACS can reach us, better than the local address behind the NAT (which would
     * make every restart notify the ACS twice, and spend its notification limit on the
     * useless one). */
    bool ever_mapped;
    char *binding_path;
    struct sockaddr_storage mapped;
    bool binding_change; /* the next request says BINDING-CHANGE */
    time_t learnt;
    unsigned long requests, responses, errors, timeouts;
    /* Datagrams on the port that looked like STUN and were dropped: not STUN after all, not
     * from the server or not answering the transaction out (late answers to a retransmission
     * among them), a success whose MESSAGE-INTEGRITY is missing or wrong. */
    unsigned long drop_malformed, drop_stale, drop_integrity;
    unsigned last_error;
    /* UDP connection requests. */
    struct udp_cr_replay replay;
    char *replay_path;
    bool replay_dirty;
    uint64_t replay_saved_ms; /* when it was last written (monotonic), 0: not yet */
    struct loop_timer *replay_timer;
    struct rate_window sessions;
    struct udp_cr_stats st;
};

static bool stun_wanted(const struct agent *a)
{
    return a->running->cwmp.stun_enable;
}

/* Where the socket goes: the connection-request server's address and port (its bound one when
 * it listens), every address and port 7547 without a server. */
static void wanted_local(const struct agent *a, struct sockaddr_storage *ss)
{
    bool https;
    if (a->cr) {
        cr_server_endpoint(a->cr, ss, &https);
        return;
    }
    memset(ss, 0, sizeof *ss);
    struct sockaddr_in *s4 = (struct sockaddr_in *)ss;
    s4->sin_family = AF_INET;
    s4->sin_addr.s_addr = htonl(INADDR_ANY);
    s4->sin_port = htons(CWMP_CR_PORT);
}

static socklen_t sa_len(const struct sockaddr_storage *ss)
{
    return ss->ss_family == AF_INET6 ? sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in);
}

static bool same_sa(const struct sockaddr_storage *x, const struct sockaddr_storage *y)
{
    if (x->ss_family != y->ss_family)
        return false;
    if (x->ss_family == AF_INET6) {
        const struct sockaddr_in6 *a = (const void *)x, *b = (const void *)y;
        return a->sin6_port == b->sin6_port &&
               !memcmp(&a->sin6_addr, &b->sin6_addr, sizeof a->sin6_addr);
    }
    const struct sockaddr_in *a = (const void *)x, *b = (const void *)y;
    return a->sin_port == b->sin_port && a->sin_addr.s_addr == b->sin_addr.s_addr;
}

static void resolve_free(struct resolve *rs)
{
    if (rs->cb.ar_result)
        freeaddrinfo(rs->cb.ar_result);
    free(rs);
}

static void resolve_abandon(struct stun_client *s)
{
    if (!s->res)
        return;
    if (gai_cancel(&s->res->cb) == EAI_NOTCANCELED) {
        /* glibc still writes into it: freed once it ends */
        s->res->next = s->orphans;
        s->orphans = s->res;
    } else {
        resolve_free(s->res);
    }
    s->res = NULL;
}

static void reap_orphans(struct stun_client *s)
{
    for (struct resolve **pp = &s->orphans; *pp;) {
        struct resolve *rs = *pp;
        if (gai_error(&rs->cb) == EAI_INPROGRESS) {
            pp = &rs->next;
            continue;
        }
        *pp = rs->next;
        resolve_free(rs);
    }
}

static void arm(struct stun_client *s, uint64_t ms);
static void close_socket(struct stun_client *s);

/* The keep-alive period: 30 s, at least the minimum, at most the maximum (which wins when the
 * two disagree, as it is the one TR-098 says MUST), never under a second. */
static uint64_t keepalive_ms(const struct agent *a)
{
    const struct cwmp_settings *c = &a->running->cwmp;
    unsigned long p = STUN_DEFAULT_PERIOD_S;
    if (p < c->stun_min_keepalive)
        p = c->stun_min_keepalive;
    if (c->stun_max_keepalive >= 0 && p > (unsigned long)c->stun_max_keepalive)
        p = (unsigned long)c->stun_max_keepalive;
    if (p < 1)
        p = 1;
    return (uint64_t)p * 1000u;
}

static void send_request(struct stun_client *s)
{
    const struct cwmp_settings *c = &s->a->running->cwmp;
    if (!s->pending) {
        if (RAND_bytes(s->tid, sizeof s->tid) != 1)
            return;
        s->pending = true;
        s->sends = 0;
        s->auth_retried = false;
    }
    struct stun_request r = {.binding_change = s->binding_change};
    memcpy(r.tid, s->tid, sizeof r.tid);
    /* TR-098: credentials only once the server asked for them, and never without a username. */
    if (s->integrity && c->stun_username) {
        r.username = c->stun_username;
        r.password = c->stun_password.clear;
        if (s->realm[0] && s->nonce[0]) {
            r.realm = s->realm;
            r.nonce = s->nonce;
        }
    }
    memset(s->key, 0, sizeof s->key);
    s->klen = stun_integrity_key(&r, s->key);
    s->sent_integrity = r.username != NULL;
    uint8_t buf[STUN_MSG_MAX];
    size_t n = stun_build_binding_request(&r, buf);
    if (n && sendto(s->fd, buf, n, 0, (const struct sockaddr *)&s->server, sa_len(&s->server)) < 0)
        snprintf(s->why, sizeof s->why, "cannot send to the STUN server: %s", strerror(errno));
    s->sends++;
    s->requests++;
    arm(s, (uint64_t)STUN_RTO_MS << (s->sends - 1));
}

static void on_timer(struct loop *loop, void *arg)
{
    (void)loop;
    struct stun_client *s = arg;
    s->timer = NULL;
    reap_orphans(s);
    if (s->fd < 0)
        return;
    if (s->res) {
        int rc = gai_error(&s->res->cb);
        if (rc == EAI_INPROGRESS) {
            arm(s, RESOLVE_POLL_MS);
            return;
        }
        if (rc == 0 && s->res->cb.ar_result) {
            memcpy(&s->server, s->res->cb.ar_result->ai_addr, s->res->cb.ar_result->ai_addrlen);
            ((struct sockaddr_in *)&s->server)->sin_port = htons((uint16_t)s->server_port);
            s->have_server = true;
            s->why[0] = '\0';
        } else {
            snprintf(s->why, sizeof s->why, "cannot resolve %s: %s", s->server_host,
                     gai_strerror(rc));
        }
        resolve_free(s->res);
        s->res = NULL;
        if (!s->have_server) {
            arm(s, keepalive_ms(s->a));
            return;
        }
    }
    if (!s->have_server)
        return;
    if (!s->pending) {
        /* The address may have changed without a command (DHCP): the binding is then a new
         * one, from the new address. */
        struct sockaddr_storage want;
        wanted_local(s->a, &want);
        if (((struct sockaddr_in *)&want)->sin_port && !same_sa(&want, &s->local)) {
            close_socket(s);
            stun_client_update(s);
            return;
        }
    }
    if (s->pending && s->sends >= STUN_MAX_SENDS) {
        s->pending = false;
        s->timeouts++;
        snprintf(s->why, sizeof s->why, "no answer from the STUN server");
        arm(s, keepalive_ms(s->a));
        return;
    }
    send_request(s);
}

static void arm(struct stun_client *s, uint64_t ms)
{
    if (s->timer)
        loop_timer_cancel(s->a->loop, s->timer);
    s->timer = loop_timer_add(s->a->loop, ms, on_timer, s);
}

/* The address this host's packets to the server leave from: the socket's, or, when it is bound
 * to every address, the one the routing table gives (a connected socket's, nothing sent). */
static void source_address(const struct stun_client *s, struct sockaddr_storage *out)
{
    *out = s->local;
    socklen_t len = sizeof *out;
    getsockname(s->fd, (struct sockaddr *)out, &len);
    bool any = out->ss_family == AF_INET
                   ? ((struct sockaddr_in *)out)->sin_addr.s_addr == htonl(INADDR_ANY)
                   : IN6_IS_ADDR_UNSPECIFIED(&((struct sockaddr_in6 *)out)->sin6_addr);
    if (!any)
        return;
    int t = socket(s->server.ss_family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    struct sockaddr_storage route;
    socklen_t rlen = sizeof route;
    if (t >= 0 && connect(t, (const struct sockaddr *)&s->server, sa_len(&s->server)) == 0 &&
        getsockname(t, (struct sockaddr *)&route, &rlen) == 0 &&
        route.ss_family == out->ss_family) {
        in_port_t port = ((struct sockaddr_in *)out)->sin_port;
        *out = route;
        ((struct sockaddr_in *)out)->sin_port = port; /* same place in sockaddr_in6 */
    }
    if (t >= 0)
        close(t);
}

static void binding_save(struct stun_client *s);

static void on_stun(struct stun_client *s, const uint8_t *buf, size_t n,
                    const struct sockaddr_storage *from)
{
    struct stun_answer ans;
    if (stun_parse(buf, n, &ans) < 0) {
        s->drop_malformed++;
        return;
    }
    if (!s->have_server || !same_sa(from, &s->server) || !s->pending ||
        memcmp(ans.tid, s->tid, sizeof s->tid) != 0) {
        s->drop_stale++; /* an answer to a transaction given up, or someone else's */
        return;
    }
    const struct cwmp_settings *c = &s->a->running->cwmp;
    if (ans.type == STUN_BINDING_ERROR) {
        s->errors++;
        s->last_error = ans.error_code;
        /* 401: the server wants MESSAGE-INTEGRITY; 438: a new nonce. Once per transaction, so
         * that wrong credentials do not make a storm. */
        if ((ans.error_code == 401 || ans.error_code == 438) && c->stun_username &&
            !s->auth_retried) {
            s->integrity = true;
            snprintf(s->realm, sizeof s->realm, "%s", ans.realm);
            snprintf(s->nonce, sizeof s->nonce, "%s", ans.nonce);
            s->auth_retried = true;
            s->sends = 0;
            send_request(s);
            return;
        }
        snprintf(s->why, sizeof s->why, "the STUN server answered %u %s%s", ans.error_code,
                 ans.reason,
                 ans.error_code == 401 && !c->stun_username ? " (no stun username)" : "");
        s->pending = false;
        arm(s, keepalive_ms(s->a));
        return;
    }
    if (ans.type != STUN_BINDING_RESPONSE || !ans.has_mapped) {
        s->drop_malformed++;
        return;
    }
    /* Dropped, the transaction still out: the server's own answer may come yet. */
    if (s->sent_integrity && !stun_integrity_ok(buf, n, &ans, s->key, s->klen)) {
        s->drop_integrity++;
        return;
    }
    s->responses++;
    s->pending = false;
    s->why[0] = '\0';
    bool sent_change = s->binding_change;
    s->binding_change = false;
    struct sockaddr_storage src;
    source_address(s, &src);
    bool moved = s->ever_mapped && !same_sa(&ans.mapped, &s->mapped);
    bool changed = !s->have_mapped || moved;
    s->nat = !same_sa(&ans.mapped, &src);
    if (changed) {
        struct strbuf ep = STRBUF_INIT;
        cr_format_endpoint((const struct sockaddr *)&ans.mapped, &ep);
        agent_log(s->a, LOG_NOTICE, "%%CWMP-5-STUN: UDP connection requests reach %s (%s)",
                  sb_str(&ep), s->nat ? "NAT detected" : "no NAT");
        sb_free(&ep);
        bool known = s->ever_mapped && same_sa(&ans.mapped, &s->mapped);
        s->mapped = ans.mapped;
        s->have_mapped = s->ever_mapped = true;
        if (!known)
            binding_save(s);
        s->learnt = time(NULL);
        /* UDPConnectionRequestAddress changed: the notification scan sees it (its limit
         * applies there). A binding that changed is announced to the STUN server at once
         * (TR-069 Annex G: BINDING-CHANGE), however short the minimum period. */
        agent_values_changed(s->a);
        if (moved && !sent_change) {
            s->binding_change = true;
            send_request(s);
            return;
        }
    }
    arm(s, keepalive_ms(s->a));
}

/* The binding file: "ADDRESS PORT". */
static void binding_save(struct stun_client *s)
{
    char host[INET6_ADDRSTRLEN];
    unsigned port;
    if (s->mapped.ss_family == AF_INET6) {
        const struct sockaddr_in6 *s6 = (const void *)&s->mapped;
        inet_ntop(AF_INET6, &s6->sin6_addr, host, sizeof host);
        port = ntohs(s6->sin6_port);
    } else {
        const struct sockaddr_in *s4 = (const void *)&s->mapped;
        inet_ntop(AF_INET, &s4->sin_addr, host, sizeof host);
        port = ntohs(s4->sin_port);
    }
    char text[INET6_ADDRSTRLEN + 16];
    int n = snprintf(text, sizeof text, "%s %u\n", host, port);
    int rc = file_write_atomic(s->binding_path, text, (size_t)n, 0600);
    if (rc < 0)
        agent_log(s->a, LOG_ERR, "%%CWMP-3-STUN: cannot write %s: %s", s->binding_path,
                  strerror(-rc));
}

static void binding_load(struct stun_client *s)
{
    char *text;
    size_t len;
    if (file_read_all(s->binding_path, 128, &text, &len) < 0)
        return;
    char host[INET6_ADDRSTRLEN + 1];
    unsigned port;
    char end;
    struct sockaddr_storage ss;
    memset(&ss, 0, sizeof ss);
    struct sockaddr_in *s4 = (struct sockaddr_in *)&ss;
    struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&ss;
    bool ok =
        sscanf(text, "%46s %u%c", host, &port, &end) == 3 && end == '\n' && port && port <= 65535;
    if (ok && inet_pton(AF_INET, host, &s4->sin_addr) == 1) {
        s4->sin_family = AF_INET;
        s4->sin_port = htons((uint16_t)port);
    } else if (ok && inet_pton(AF_INET6, host, &s6->sin6_addr) == 1) {
        s6->sin6_family = AF_INET6;
        s6->sin6_port = htons((uint16_t)port);
    } else {
        ok = false;
    }
    free(text);
    if (!ok) {
        agent_log(s->a, LOG_ERR, "%%CWMP-3-STUN: %s is not understood; ignored", s->binding_path);
        return;
    }
    s->mapped = ss;
    s->ever_mapped = true;
}

static void replay_save(struct stun_client *s)
{
    s->replay_dirty = false;
    s->replay_saved_ms = loop_now_ms();
    int rc = udp_cr_replay_save(s->replay_path, &s->replay);
    if (rc < 0)
        agent_log(s->a, LOG_ERR, "%%CWMP-3-STUN: cannot write %s: %s", s->replay_path,
                  strerror(-rc));
}

static void on_replay_timer(struct loop *loop, void *arg)
{
    (void)loop;
    struct stun_client *s = arg;
    s->replay_timer = NULL;
    if (s->replay_dirty)
        replay_save(s);
}

/* A request was accepted: its ts and id go to the file, now or within the second. */
static void replay_changed(struct stun_client *s)
{
    s->replay_dirty = true;
    uint64_t now = loop_now_ms();
    if (!s->replay_saved_ms || now >= s->replay_saved_ms + REPLAY_SAVE_GAP_MS) {
        replay_save(s);
        return;
    }
    if (!s->replay_timer)
        s->replay_timer = loop_timer_add(s->a->loop, s->replay_saved_ms + REPLAY_SAVE_GAP_MS - now,
                                         on_replay_timer, s);
}

static void on_udp_cr(struct stun_client *s, const uint8_t *buf, size_t n)
{
    const struct cwmp_settings *c = &s->a->running->cwmp;
    enum udp_cr_verdict v =
        udp_cr_check(&s->replay, (const char *)buf, n, c->cr_username, c->cr_password.clear);
    switch (v) {
    case UDP_CR_MALFORMED:
        s->st.malformed++;
        return;
    case UDP_CR_BAD_USERNAME:
        s->st.username++;
        return;
    case UDP_CR_BAD_SIGNATURE:
        s->st.signature++;
        return;
    case UDP_CR_OLD:
        s->st.old++;
        return;
    case UDP_CR_REPLAY:
        s->st.replay++;
        return;
    case UDP_CR_ACCEPT:
        /* Remembered whatever happens next: refused by the limit or not, it was used. */
        replay_changed(s);
        break;
    }
    if (!agent_session_usable(s->a)) {
        s->st.unavailable++;
        return;
    }
    /* The TCP server's limit on sessions started by connection requests, for this door too.
     * Not its limit on failures per address: a datagram's source can be forged, so that limit
     * would let anyone lock the ACS's own address out, and a wrong signature teaches the sender
     * nothing (no answer is ever sent). */
    if (!agent_cr_merges(s->a) && !rate_window_take(&s->sessions, loop_now_ms())) {
        s->st.limited++;
        return;
    }
    s->st.accepted++;
    s->st.last_accepted = time(NULL);
    agent_debug(s->a, DEBUG_CWMP, "CWMP: UDP connection request accepted");
    agent_connection_request(s->a);
}

static void on_readable(struct loop *loop, int fd, unsigned events, void *arg)
{
    (void)loop, (void)events;
    struct stun_client *s = arg;
    for (int i = 0; i < 64; i++) {
        uint8_t buf[2048];
        struct sockaddr_storage from;
        socklen_t flen = sizeof from;
        ssize_t n = recvfrom(fd, buf, sizeof buf, MSG_DONTWAIT, (struct sockaddr *)&from, &flen);
        if (n < 0)
            return;
        if (stun_looks_like(buf, (size_t)n))
            on_stun(s, buf, (size_t)n, &from);
        else
            on_udp_cr(s, buf, (size_t)n);
    }
}

static void close_socket(struct stun_client *s)
{
    if (s->fd >= 0) {
        loop_del_fd(s->a->loop, s->fd);
        close(s->fd);
        s->fd = -1;
    }
    if (s->timer)
        loop_timer_cancel(s->a->loop, s->timer);
    s->timer = NULL;
    resolve_abandon(s);
    s->pending = false;
    s->sent_integrity = false;
    s->have_server = false;
    bool had = s->have_mapped;
    s->have_mapped = s->nat = false;
    s->integrity = false;
    if (had)
        agent_values_changed(s->a);
}

static bool open_socket(struct stun_client *s, const struct sockaddr_storage *want)
{
    int fd = socket(want->ss_family, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0) {
        snprintf(s->why, sizeof s->why, "no UDP socket: %s", strerror(errno));
        return false;
    }
    if (bind(fd, (const struct sockaddr *)want, sa_len(want)) < 0) {
        struct strbuf ep = STRBUF_INIT;
        cr_format_endpoint((const struct sockaddr *)want, &ep);
        snprintf(s->why, sizeof s->why, "cannot bind %s: %s", sb_str(&ep), strerror(errno));
        sb_free(&ep);
        close(fd);
        return false;
    }
    socklen_t len = sizeof s->local;
    getsockname(fd, (struct sockaddr *)&s->local, &len);
    if (loop_add_fd(s->a->loop, fd, LOOP_READ, on_readable, s) < 0) {
        snprintf(s->why, sizeof s->why, "cannot watch the UDP socket");
        close(fd);
        return false;
    }
    s->fd = fd;
    return true;
}

/* The host of an http(s) URL (the ACS's, which the configuration accepted as one): after
 * "//" and any user part, up to the port, the path or the end; an IPv6 literal without its
 * brackets. */
static bool url_host(const char *url, char *host, size_t cap)
{
    const char *p = strstr(url, "//");
    if (!p)
        return false;
    p += 2;
    size_t auth = strcspn(p, "/?#");
    const char *at = memchr(p, '@', auth);
    if (at) {
        auth -= (size_t)(at + 1 - p);
        p = at + 1;
    }
    size_t n;
    if (*p == '[') {
        const char *close = memchr(p, ']', auth);
        if (!close)
            return false;
        p++;
        n = (size_t)(close - p);
    } else {
        const char *colon = memchr(p, ':', auth);
        n = colon ? (size_t)(colon - p) : auth;
    }
    if (!n || n >= cap)
        return false;
    memcpy(host, p, n);
    host[n] = '\0';
    return true;
}

/* The server: `stun server`, else the ACS URL's host; `stun port`. */
static bool wanted_server(const struct agent *a, char *host, unsigned *port)
{
    const struct cwmp_settings *c = &a->running->cwmp;
    *port = c->stun_port;
    if (c->stun_server) {
        snprintf(host, CWMP_STUN_HOST_MAX + 1, "%s", c->stun_server);
        return true;
    }
    return c->url && url_host(c->url, host, CWMP_STUN_HOST_MAX + 1);
}

void stun_client_update(struct stun_client *s)
{
    if (!s)
        return;
    if (!stun_wanted(s->a)) {
        close_socket(s);
        s->why[0] = '\0';
        return;
    }
    struct sockaddr_storage want;
    wanted_local(s->a, &want);
    bool port_any = ((struct sockaddr_in *)&want)->sin_port == 0;
    if (s->fd >= 0 &&
        !(port_any ? want.ss_family == s->local.ss_family : same_sa(&want, &s->local)))
        close_socket(s);
    if (s->fd < 0) {
        if (!open_socket(s, &want)) {
            /* The address may come later (DHCP): the TCP server's recheck calls again. */
            return;
        }
        s->why[0] = '\0';
    }
    char host[CWMP_STUN_HOST_MAX + 1];
    unsigned port;
    if (!wanted_server(s->a, host, &port)) {
        resolve_abandon(s);
        s->have_server = false;
        snprintf(s->why, sizeof s->why, "no STUN server and no ACS URL");
        return;
    }
    if ((s->have_server || s->res) && !strcmp(host, s->server_host) && port == s->server_port)
        return; /* nothing that matters changed: the keep-alives go on */
    resolve_abandon(s);
    s->have_server = false;
    s->pending = false;
    snprintf(s->server_host, sizeof s->server_host, "%s", host);
    s->server_port = port;
    s->res = xcalloc(1, sizeof *s->res + strlen(host) + 1);
    strcpy(s->res->host, host);
    s->res->hints.ai_family = s->local.ss_family;
    s->res->hints.ai_socktype = SOCK_DGRAM;
    s->res->cb.ar_name = s->res->host;
    s->res->cb.ar_request = &s->res->hints;
    struct gaicb *list[1] = {&s->res->cb};
    struct sigevent sev = {.sigev_notify = SIGEV_NONE};
    if (getaddrinfo_a(GAI_NOWAIT, list, 1, &sev) != 0) {
        free(s->res);
        s->res = NULL;
        snprintf(s->why, sizeof s->why, "cannot resolve %s", host);
        return;
    }
    arm(s, 0);
}

struct stun_client *stun_client_new(struct agent *a)
{
    struct stun_client *s = xcalloc(1, sizeof *s);
    s->a = a;
    s->fd = -1;
    /* The TCP server's limit (--cr-rate), in a window of its own: the two doors together may
     * start twice as many, but a flood through one does not lock the ACS out of the other. */
    unsigned limit = CR_SESSIONS_LIMIT, period_s = CR_SESSIONS_PERIOD_S;
    if (a->cr)
        cr_server_rate(a->cr, &limit, &period_s);
    rate_window_init(&s->sessions, limit, (uint64_t)period_s * 1000u);
    struct strbuf p = STRBUF_INIT;
    sb_printf(&p, "%s/%s", a->state_dir, UDP_CR_REPLAY_FILE);
    s->replay_path = sb_detach(&p);
    sb_printf(&p, "%s/%s", a->state_dir, STUN_BINDING_FILE);
    s->binding_path = sb_detach(&p);
    binding_load(s);
    struct strbuf err = STRBUF_INIT;
    if (udp_cr_replay_load(s->replay_path, &s->replay, &err) < 0)
        agent_log(a, LOG_ERR,
                  "%%CWMP-3-STUN: %s; UDP connection requests older than what it read "
                  "may be accepted again",
                  sb_str(&err));
    sb_free(&err);
    stun_client_update(s);
    return s;
}

void stun_client_free(struct stun_client *s)
{
    if (!s)
        return;
    if (s->fd >= 0) {
        loop_del_fd(s->a->loop, s->fd);
        close(s->fd);
    }
    if (s->timer)
        loop_timer_cancel(s->a->loop, s->timer);
    resolve_abandon(s);
    /* What glibc still resolves is waited for: freeing it under glibc's feet is worse. */
    while (s->orphans) {
        const struct gaicb *list[1] = {&s->orphans->cb};
        gai_suspend(list, 1, NULL);
        reap_orphans(s);
    }
    if (s->replay_timer)
        loop_timer_cancel(s->a->loop, s->replay_timer);
    if (s->replay_dirty)
        replay_save(s);
    free(s->replay_path);
    free(s->binding_path);
    rate_window_free(&s->sessions);
    memset(s->key, 0, sizeof s->key);
    free(s);
}

bool stun_client_nat_detected(const struct stun_client *s, const struct config_store *cs)
{
    return cs->cwmp.stun_enable && s && s->have_mapped && s->nat;
}

void stun_client_udp_address(struct agent *a, const struct config_store *cs, struct strbuf *out)
{
    const struct stun_client *s = a->stun;
    if (cs->cwmp.stun_enable && s && (s->have_mapped || s->ever_mapped)) {
        cr_format_endpoint((const struct sockaddr *)&s->mapped, out);
        return;
    }
    struct sockaddr_storage ss;
    if (s && s->fd >= 0)
        ss = s->local;
    else
        wanted_local(a, &ss);
    cr_format_endpoint((const struct sockaddr *)&ss, out);
}

void stun_client_show(const struct stun_client *s, struct strbuf *out)
{
    if (!s || !stun_wanted(s->a)) {
        sb_puts(out, "STUN: disabled\n");
        return;
    }
    struct strbuf ep = STRBUF_INIT;
    sb_puts(out, "STUN: enabled\n");
    if (s->fd >= 0) {
        cr_format_endpoint((const struct sockaddr *)&s->local, &ep);
        sb_printf(out, "  Local address     : %s\n", sb_str(&ep));
        sb_reset(&ep);
    }
    sb_printf(out, "  Server            : %s port %u%s\n", s->server_host[0] ? s->server_host : "-",
              s->server_port, s->integrity ? ", with message integrity" : "");
    if (s->have_mapped) {
        cr_format_endpoint((const struct sockaddr *)&s->mapped, &ep);
        sb_printf(out, "  Mapped address    : %s, NAT %sdetected\n", sb_str(&ep),
                  s->nat ? "" : "not ");
    } else if (s->ever_mapped) {
        cr_format_endpoint((const struct sockaddr *)&s->mapped, &ep);
        sb_printf(out, "  Mapped address    : not learnt yet, last %s\n", sb_str(&ep));
        sb_reset(&ep);
    } else {
        sb_puts(out, "  Mapped address    : not learnt\n");
    }
    if (s->why[0])
        sb_printf(out, "  Not working       : %s\n", s->why);
    sb_printf(out, "  Binding Requests  : %lu sent, %lu answered, %lu errors, %lu timeouts\n",
              s->requests, s->responses, s->errors, s->timeouts);
    sb_printf(out,
              "  Answers dropped   : %lu malformed, %lu stale or foreign, %lu failed integrity\n",
              s->drop_malformed, s->drop_stale, s->drop_integrity);
    sb_printf(out, "  Keep-alive period : %llu s\n",
              (unsigned long long)(keepalive_ms(s->a) / 1000u));
    sb_puts(out, "UDP connection requests:\n");
    sb_printf(out, "  Accepted          : %lu, last ", s->st.accepted);
    time_text(s->st.last_accepted, out);
    sb_printf(out,
              "\n  Dropped           : %lu malformed, %lu wrong username, %lu bad signature, "
              "%lu old timestamp, %lu replayed id\n",
              s->st.malformed, s->st.username, s->st.signature, s->st.old, s->st.replay);
    sb_printf(out, "  Limited           : %lu, and %lu while no session could start\n",
              s->st.limited, s->st.unavailable);
    sb_free(&ep);
}
