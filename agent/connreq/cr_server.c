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
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "configuration.h"
#include "core.h"
#include "cr_cert.h"
#include "cr_listener.h"
#include "cr_policy.h"
#include "loop.h"
#include "platform.h"
#include "timefmt.h"
#include "xalloc.h"

#define CR_NONCE_TIMEOUT_S 300
#define CR_RECHECK_MS      10000 /* how often the address is looked at again (DHCP) */
#define CR_REALM           "cwmpd"

enum { PLAIN, SECURE, NLISTENERS };
static const char *const kind_names[NLISTENERS] = {"HTTP", "HTTPS"};

struct cr_stats {
    unsigned long accepted, refused, challenged, limited, unavailable, bad;
    time_t last_accepted;
};

struct cr_slot {
    struct cr_listener l;
    char why[200]; /* why it does not listen while it should, else "" */
};

struct cr_server {
    struct agent *a;
    bool have_override;
    struct sockaddr_storage override; /* --listen; family AF_UNSPEC: the port only */
    struct rate_window sessions;      /* accepted requests that start sessions */
    struct cr_failures failed;        /* credentials given and refused, per address */
    unsigned rate_limit, rate_period_s;
    struct cr_slot slot[NLISTENERS]; /* ip http server, ip http secure-server */
    struct loop_timer *recheck_timer;
    /* Answers shared by every request: MHD counts their users. */
    struct MHD_Response *empty;
    struct MHD_Response *not_allowed;
    unsigned char random[32]; /* libmicrohttpd's nonces are made from it */
    char opaque[33];
    struct strbuf key_pem, cert_pem; /* the HTTPS listener's, read or made at first need */
    unsigned inflight;               /* accepted requests whose 200 is not out yet */
    bool closing;
    char url_seen[300]; /* the ConnectionRequestURL when the listeners last changed */
    struct cr_stats st;
    /* Per-request marks (*req_cls): headers seen, and accepted. Their addresses are the marks. */
    char mark_seen, mark_accepted;
};

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

/* final: the credentials given were wrong, the connection closes after the answer; else the
 * client is expected to answer the challenge on the same connection. */
static enum MHD_Result challenge(struct cr_server *s, struct MHD_Connection *c, bool stale,
                                 bool final, const char *why)
{
    trace(s, c, 401, why);
    /* The challenge header goes into the response: one of its own each time. */
    struct MHD_Response *r = MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
    if (!r)
        return MHD_NO;
    if (final && MHD_add_response_header(r, MHD_HTTP_HEADER_CONNECTION, "close") != MHD_YES) {
        MHD_destroy_response(r);
        return MHD_NO;
    }
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
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (!ci || !ci->client_addr)
        return MHD_NO; /* libmicrohttpd always knows it: closes the connection otherwise */
    /* Guessing is slowed down before anything is checked: over the limit, no credentials from
     * that address get in, right or wrong. A request without any gets its challenge: it guesses
     * nothing. */
    if (given && !cr_failures_room(&s->failed, ci->client_addr, now)) {
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
            return challenge(s, c, false, false, "challenge");
        }
        if (ok == MHD_INVALID_NONCE) {
            /* Right or wrong, the answer was to a nonce cwmpd no longer knows: ask again. */
            s->st.challenged++;
            return challenge(s, c, true, false, "stale nonce");
        }
        cr_failures_take(&s->failed, ci->client_addr, now);
        s->st.refused++;
        return challenge(s, c, false, true,
                         cs->cr_username ? "wrong credentials" : "no connection request username");
    }
    if (!agent_session_usable(s->a)) {
        s->st.unavailable++;
        return answer(s, c, 503, "the CWMP agent is disabled or has no ACS URL");
    }
    /* Requests that merge into a session already due cost nothing; the others are counted. */
    bool merges = s->inflight > 0 || agent_cr_merges(s->a);
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
    int status = cr_classify(method, url, cr_server_path(s->a));
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
        if (!s->closing)
            agent_connection_request(s->a);
    }
    *req_cls = NULL;
}

/* ---- listening ---- */

/* Where the configuration says to listen: --listen ADDR:PORT, else the port (7547 for HTTP,
 * 7548 for HTTPS, or --listen's :PORT) of the cwmp wan default interface's address, else of
 * every address. HTTPS under --listen takes the next port (0 stays 0). */
static bool wanted_address(const struct cr_server *s, int which, struct sockaddr_storage *ss)
{
    unsigned port = which == SECURE ? CWMP_CR_TLS_PORT : CWMP_CR_PORT;
    if (s->have_override) {
        port = ntohs(((const struct sockaddr_in *)(const void *)&s->override)->sin_port);
        if (which == SECURE && port)
            port = port < 65535 ? port + 1 : 0;
    }
    bool specific = true;
    if (s->have_override && s->override.ss_family != AF_UNSPEC) {
        *ss = s->override;
    } else {
        memset(ss, 0, sizeof *ss);
        struct sockaddr_in *s4 = (struct sockaddr_in *)ss;
        s4->sin_family = AF_INET;
        specific = config_wan_default_ipv4(s->a->running, &s4->sin_addr);
        if (!specific)
            s4->sin_addr.s_addr = htonl(INADDR_ANY);
    }
    /* sin_port and sin6_port are at the same place. */
    ((struct sockaddr_in *)ss)->sin_port = htons((uint16_t)port);
    return specific;
}

static bool same_address(const struct sockaddr_storage *x, const struct sockaddr_storage *y)
{
    if (x->ss_family != y->ss_family)
        return false;
    /* Port 0 (--listen ADDR:0) is satisfied by whatever port was given. */
    if (x->ss_family == AF_INET6) {
        const struct sockaddr_in6 *a = (const void *)x, *b = (const void *)y;
        return !memcmp(&a->sin6_addr, &b->sin6_addr, sizeof a->sin6_addr) &&
               (!b->sin6_port || a->sin6_port == b->sin6_port);
    }
    const struct sockaddr_in *a = (const void *)x, *b = (const void *)y;
    return a->sin_addr.s_addr == b->sin_addr.s_addr && (!b->sin_port || a->sin_port == b->sin_port);
}

static bool slot_on(const struct cr_server *s, int which)
{
    return which == SECURE ? s->a->running->http_secure_server : s->a->running->http_server;
}

/* The HTTPS listener's key and certificate, read or made once. */
static int certificate(struct cr_server *s, struct strbuf *err)
{
    if (s->cert_pem.len)
        return 0;
    /* A common name has at most 64 characters: the serial number is cut to fit. */
    char name[65];
    snprintf(name, sizeof name, "cwmpd-%s-%.50s", s->a->id.oui, s->a->id.serial);
    return cr_cert_load_or_create(s->a->state_dir, name, &s->key_pem, &s->cert_pem, err);
}

static int start_slot(struct cr_server *s, int which, const struct sockaddr_storage *want,
                      struct strbuf *err)
{
    if (which == SECURE && certificate(s, err) < 0)
        return -1;
    struct cr_daemon_conf conf = {
        .on_request = on_request,
        .on_completed = on_completed,
        .cls = s,
        .random = s->random,
        .random_len = sizeof s->random,
        .key_pem = which == SECURE ? sb_str(&s->key_pem) : NULL,
        .cert_pem = which == SECURE ? sb_str(&s->cert_pem) : NULL,
        .agent = s->a,
    };
    return cr_listener_start(&s->slot[which].l, s->a->loop, want, &conf, err);
}

static void update_slot(struct cr_server *s, int which)
{
    struct agent *a = s->a;
    struct cr_slot *sl = &s->slot[which];
    bool on = slot_on(s, which);
    struct sockaddr_storage want;
    wanted_address(s, which, &want);
    struct strbuf ep = STRBUF_INIT;
    if (sl->l.d && (!on || !same_address(&sl->l.bound, &want))) {
        cr_format_endpoint((const struct sockaddr *)&sl->l.bound, &ep);
        cr_listener_stop(&sl->l);
        agent_log(a, LOG_NOTICE, "%%CWMP-5-CRSERVER: no longer listening on %s (%s)", sb_str(&ep),
                  kind_names[which]);
        sb_reset(&ep);
    }
    if (!on) {
        sl->why[0] = '\0';
    } else if (!sl->l.d) {
        struct strbuf err = STRBUF_INIT;
        if (start_slot(s, which, &want, &err) == 0) {
            cr_format_endpoint((const struct sockaddr *)&sl->l.bound, &ep);
            agent_log(a, LOG_NOTICE,
                      "%%CWMP-5-CRSERVER: listening for connection requests on %s (%s)",
                      sb_str(&ep), kind_names[which]);
            sl->why[0] = '\0';
        } else {
            cr_format_endpoint((const struct sockaddr *)&want, &ep);
            char why[sizeof sl->why];
            snprintf(why, sizeof why, "cannot listen on %s (%s): %s", sb_str(&ep),
                     kind_names[which], sb_str(&err));
            /* Tried again every few seconds: said once, not every time. */
            if (strcmp(why, sl->why) != 0)
                agent_log(a, LOG_WARNING, "%%CWMP-4-CRSERVER: %s", why);
            snprintf(sl->why, sizeof sl->why, "%s", why);
        }
        sb_free(&err);
    }
    sb_free(&ep);
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
    cr_server_url(s->a, s->a->running, &url);
    bool changed = strcmp(sb_str(&url), s->url_seen) != 0;
    snprintf(s->url_seen, sizeof s->url_seen, "%s", sb_str(&url));
    sb_free(&url);
    /* ConnectionRequestURL is notified actively by default: the ACS hears of it now. */
    if (changed)
        agent_values_changed(s->a);
}

void cr_server_update(struct cr_server *s)
{
    for (int i = 0; i < NLISTENERS; i++)
        update_slot(s, i);
    if (s->recheck_timer) {
        loop_timer_cancel(s->a->loop, s->recheck_timer);
        s->recheck_timer = NULL;
    }
    /* An address obtained by DHCP changes without a command; a busy port may free up. */
    if (slot_on(s, PLAIN) || slot_on(s, SECURE))
        s->recheck_timer = loop_timer_add(s->a->loop, CR_RECHECK_MS, on_recheck, s);
    note_url(s);
}

static bool is_wildcard(const struct sockaddr_storage *ss)
{
    if (ss->ss_family == AF_INET6)
        return IN6_IS_ADDR_UNSPECIFIED(&((const struct sockaddr_in6 *)(const void *)ss)->sin6_addr);
    return ((const struct sockaddr_in *)(const void *)ss)->sin_addr.s_addr == htonl(INADDR_ANY);
}

/* The listener whose URL is published: the one matching the ACS URL's scheme when both are on
 * (as the feature documentation pairs them), else the one that is on, else the HTTP one. */
static int published(const struct cr_server *s)
{
    const char *acs = s->a->running->cwmp.url ? s->a->running->cwmp.url : s->a->acs_dhcp.url;
    bool acs_https = acs && !strncasecmp(acs, "https:", 6);
    return slot_on(s, SECURE) && (acs_https || !slot_on(s, PLAIN)) ? SECURE : PLAIN;
}

bool cr_server_endpoint(const struct cr_server *s, struct sockaddr_storage *ss, bool *https)
{
    int which = published(s);
    *https = which == SECURE;
    if (s->slot[which].l.d)
        *ss = s->slot[which].l.bound;
    else
        wanted_address(s, which, ss);
    return !is_wildcard(ss);
}

unsigned cr_server_port(const struct cr_server *s, bool https)
{
    int which = https ? SECURE : PLAIN;
    if (!s)
        return https ? CWMP_CR_TLS_PORT : CWMP_CR_PORT;
    struct sockaddr_storage ss;
    if (s->slot[which].l.d)
        ss = s->slot[which].l.bound;
    else
        wanted_address(s, which, &ss);
    /* sin_port and sin6_port are at the same place. */
    return ntohs(((const struct sockaddr_in *)(const void *)&ss)->sin_port);
}

void cr_server_rate(const struct cr_server *s, unsigned *limit, unsigned *period_s)
{
    *limit = s->rate_limit;
    *period_s = s->rate_period_s;
}

struct cr_server *cr_server_new(struct agent *a, const struct cr_options *o, struct strbuf *err)
{
    struct cr_server *s = xcalloc(1, sizeof *s);
    socklen_t len;
    s->a = a;
    s->rate_limit = CR_SESSIONS_LIMIT;
    s->rate_period_s = CR_SESSIONS_PERIOD_S;
    sb_init(&s->key_pem);
    sb_init(&s->cert_pem);
    if ((o->listen && cr_parse_listen(o->listen, &s->override, &len, err) < 0) ||
        (o->rate && cr_parse_rate(o->rate, &s->rate_limit, &s->rate_period_s, err) < 0)) {
        free(s);
        return NULL;
    }
    s->have_override = o->listen != NULL;
    rate_window_init(&s->sessions, s->rate_limit, (uint64_t)s->rate_period_s * 1000u);
    cr_failures_init(&s->failed);
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
    /* Every answer but a challenge is final: the connection closes after it (Connection: close)
     * rather than wait idle for a request that never comes (GenieACS opens a new connection for
     * each request and leaves the old one open). A challenge keeps it open for the retry. */
    if (!s->empty || !s->not_allowed ||
        MHD_add_response_header(s->not_allowed, MHD_HTTP_HEADER_ALLOW, "GET") != MHD_YES ||
        MHD_add_response_header(s->not_allowed, MHD_HTTP_HEADER_CONNECTION, "close") != MHD_YES ||
        MHD_add_response_header(s->empty, MHD_HTTP_HEADER_CONNECTION, "close") != MHD_YES) {
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
    for (int i = 0; i < NLISTENERS; i++)
        cr_listener_stop(&s->slot[i].l);
    if (s->recheck_timer)
        loop_timer_cancel(s->a->loop, s->recheck_timer);
    if (s->empty)
        MHD_destroy_response(s->empty);
    if (s->not_allowed)
        MHD_destroy_response(s->not_allowed);
    rate_window_free(&s->sessions);
    cr_failures_free(&s->failed);
    sb_free(&s->key_pem);
    sb_free(&s->cert_pem);
    free(s);
}

static void show_slot(struct cr_server *s, int which, struct strbuf *out)
{
    const struct cr_slot *sl = &s->slot[which];
    char label[32];
    snprintf(label, sizeof label, "%s server", kind_names[which]);
    sb_printf(out, "  %-18s: ", label);
    if (sl->l.d) {
        sb_puts(out, "listening on ");
        cr_format_endpoint((const struct sockaddr *)&sl->l.bound, out);
    } else if (sl->why[0]) {
        sb_printf(out, "not listening: %s (tried again every %d s)", sl->why, CR_RECHECK_MS / 1000);
    } else {
        sb_printf(out, "off (no %s)", which == SECURE ? "ip http secure-server" : "ip http server");
    }
    sb_putc(out, '\n');
}

void cr_server_show(struct cr_server *s, struct strbuf *out)
{
    const struct config_store *cs = s->a->running;
    sb_puts(out, "Connection requests : ");
    if (!slot_on(s, PLAIN) && !slot_on(s, SECURE))
        sb_puts(out, "refused (no ip http server or ip http secure-server)\n");
    else if (!s->slot[PLAIN].l.d && !s->slot[SECURE].l.d)
        sb_puts(out, "not served (nothing listens)\n");
    else if (!cs->cwmp.cr_username)
        sb_puts(out, "refused (no connection request username)\n");
    else
        sb_puts(out, "served\n");
    for (int i = 0; i < NLISTENERS; i++)
        show_slot(s, i, out);
    if (s->cert_pem.len)
        sb_printf(out, "  Certificate       : %s/%s (self-signed)\n", s->a->state_dir,
                  CR_CERT_FILE);
    struct strbuf url = STRBUF_INIT;
    cr_server_url(s->a, s->a->running, &url);
    sb_printf(out, "  URL               : %s\n", sb_str(&url));
    sb_free(&url);
    sb_printf(out, "  Accepted (200)    : %lu, last ", s->st.accepted);
    time_text(s->st.last_accepted, out);
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
    sb_printf(out,
              "  Other limits      : %d wrong credentials/s per address, %d connections, %d per "
              "address\n",
              CR_FAILED_LIMIT, CR_MAX_CONNECTIONS, CR_MAX_PER_IP);
}

const char *cr_server_path(struct agent *a)
{
    if (!a->cwmp.cr_path) {
        unsigned char raw[12];
        if (RAND_bytes(raw, sizeof raw) != 1)
            return "cwmp";
        char hex[2 * sizeof raw + 1];
        for (size_t i = 0; i < sizeof raw; i++)
            snprintf(hex + 2 * i, 3, "%02x", raw[i]);
        a->cwmp.cr_path = xstrdup(hex);
        a->cwmp_dirty = true;
    }
    return a->cwmp.cr_path;
}

void cr_server_url(struct agent *a, struct config_store *cs, struct strbuf *out)
{
    struct sockaddr_storage ss;
    bool specific, https = false;
    if (a->cr) {
        specific = cr_server_endpoint(a->cr, &ss, &https);
    } else {
        memset(&ss, 0, sizeof ss);
        struct sockaddr_in *s4 = (struct sockaddr_in *)&ss;
        s4->sin_family = AF_INET;
        s4->sin_port = htons(CWMP_CR_PORT);
        specific = config_wan_default_ipv4(cs, &s4->sin_addr);
    }
    /* Listening on every address: the URL needs one of them, the system's first that is not
     * loopback (0.0.0.0 when there is none). */
    if (!specific && ss.ss_family == AF_INET) {
        struct in_addr any;
        if (platform_first_ipv4(&any))
            ((struct sockaddr_in *)&ss)->sin_addr = any;
    }
    sb_puts(out, https ? "https://" : "http://");
    cr_format_endpoint((const struct sockaddr *)&ss, out);
    sb_printf(out, "/%s", cr_server_path(a));
}
