#include "cwmp_session.h"

#include <math.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdarg.h>
#include <openssl/rand.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "configuration.h"
#include "core.h"
#include "cwmp_inform.h"
#include "dm.h"
#include "http_client.h"
#include "http_url.h"
#include "lan.h"
#include "loop.h"
#include "persist.h"
#include "rpc.h"
#include "soap.h"
#include "timefmt.h"
#include "xalloc.h"

enum phase {
    PHASE_IDLE,
    PHASE_INFORM,      /* the Inform is out; its response is awaited */
    PHASE_TALK,        /* the empty POST or a response is out; the ACS's next message is awaited */
    PHASE_CPE_REQUEST, /* a TransferComplete is out; its response is awaited */
    PHASE_RPC,         /* a method answers later (rpc_call.pending): nothing is out */
};

/* A request being answered: the writer stays where it was begun (it points into itself). */
struct answer {
    struct cwmp_engine *e;
    struct soap_writer w;
    struct rpc_call call;
    char method[64];
};

/* The events of an Inform: those queued, and one "M Download"/"M Upload" per completed transfer
 * not yet acknowledged with "7 TRANSFER COMPLETE" once. These come from the transfer table, not
 * the queue, so that they stay exactly as long as their TransferComplete is owed. */
#define MAX_SESSION_EVENTS (MAX_EVENTS + MAX_TRANSFERS + 1)

/* A session the ACS never ends (it answers every message with a request) would hold the queued
 * events and every transfer back for good: past these it fails and is retried. No real session
 * comes near them (GenieACS reads 10,000 parameters in about 320 requests, in seconds);
 * --session-limit changes them. */
#define DEFAULT_SESSION_MAX_REQUESTS 10000u
#define DEFAULT_SESSION_MAX_SECONDS  3600u

struct cwmp_engine {
    struct agent *a;
    struct http_client *http;
    struct soap_out *out; /* the message being sent, until its answer */
    /* The tables the session's reads listed (dm.h), kept from one request of the ACS to the next
     * while nothing but this session's exchange ran: the loop's and the HTTP client's counts of
     * callbacks when it was last good. */
    struct dm_memo *memo;
    uint64_t memo_loop, memo_http;
    enum phase phase;
    struct answer *pending; /* PHASE_RPC: the request whose method answers later */
    struct loop_timer *start_timer;
    struct loop_timer *periodic_timer;
    struct loop_timer *scan_timer;
    struct loop_timer *hold_timer; /* a change held back by its notification limit */
    uint64_t hold_due_ms;          /* when hold_timer fires (monotonic) */
    uint64_t next_start_ms;        /* when start_timer fires (monotonic), 0: none */
    long long next_periodic;       /* epoch, 0: none */
    long long periodic_enabled_at;
    char *url;        /* the URL of this session (redirects change it for the session only) */
    int ns;           /* the namespace the ACS speaks in this session */
    int preferred_ns; /* the namespace the next Inform is sent in */
    unsigned response_timeout; /* the ACS's SessionTimeout for this session, seconds; 0: none */
    struct cwmp_event sent[MAX_SESSION_EVENTS];
    size_t nsent;
    /* The parameters of the Inform out, what its acknowledgement delivers. */
    struct inform_carried carried;
    bool reboot;           /* after this session, however it ends (Reboot) */
    bool reboot_when_idle; /* as soon as no session runs (a firmware image, a configuration file) */
    bool factory_reset;    /* after this session (FactoryReset) */
    bool hold;             /* the ACS's latest envelope said HoldRequests */
    unsigned tc_id;        /* the transfer whose TransferComplete is out */
    unsigned tc_busy_retries;
    unsigned tc_done[MAX_TRANSFERS]; /* transfers offered in this session (acknowledged or not) */
    size_t ntc_done;
    struct loop_timer *sched_timer;
    struct loop_timer *session_timer; /* the end of the time a session may take */
    unsigned id_counter;
    /* For show cwmp session. */
    unsigned sessions, failures;
    time_t last_start, last_end;
    bool last_ok;
    char last_fault[160];
    unsigned requests; /* ACS requests answered in this session */
    bool cr_after;     /* a connection request arrived during this session: one more follows */
    uint64_t last_success_ms; /* when the last successful session ended (monotonic), 0: none */
    /* The settings the timers were last set from: only a change reschedules them. */
    int scan_interval;
    bool was_usable;
    char *url_seen;
    bool periodic_on;
    unsigned long periodic_interval;
    long long periodic_time;
};

static void start_session(struct cwmp_engine *e);
static void schedule_start(struct cwmp_engine *e, uint64_t delay_ms);

/* ---- the numbers of the TR-069 text ---- */

uint64_t cwmp_retry_wait_ms(unsigned n, unsigned m, unsigned k, double r)
{
    if (n == 0)
        n = 1;
    if (n > 10)
        n = 10; /* TR-069: the wait stops growing after the tenth retry */
    double factor = k / 1000.0;
    double lo = m * pow(factor, n - 1), hi = m * pow(factor, n);
    return (uint64_t)((lo + (hi - lo) * r) * 1000.0);
}

long long cwmp_next_periodic(long long now, unsigned long interval, long long phase_time,
                             long long enabled_at)
{
    long long i = (long long)(interval ? interval : 1);
    /* Without a PeriodicInformTime the phase is the moment periodic informs were enabled. */
    long long t0 = phase_time == XSD_TIME_UNKNOWN ? enabled_at : phase_time;
    long long k = (now - t0) / i;
    long long next = t0 + k * i;
    while (next <= now)
        next += i;
    while (next - i > now)
        next -= i;
    return next;
}

static double random_unit(void)
{
    unsigned int v;
    if (RAND_bytes((unsigned char *)&v, sizeof v) != 1)
        v = (unsigned)rand();
    return v / 4294967296.0;
}

/* ---- helpers ---- */

static const struct cwmp_settings *settings(struct cwmp_engine *e)
{
    return &e->a->running->cwmp;
}

/* The ACS in use: the one configured (typed or set by the ACS) wins over the one DHCP named. */
static const char *acs_url(const struct cwmp_engine *e)
{
    return cwmp_engine_url(e);
}

static bool usable(struct cwmp_engine *e)
{
    return cwmp_engine_usable(e);
}

static void save_state(struct cwmp_engine *e)
{
    agent_save_cwmp_state(e->a);
}

static bool reportable(const struct cwmp_transfer *t)
{
    return t->from_acs && t->state == TRANSFER_DONE;
}

static size_t transfers_to_report(const struct cwmp_state *st)
{
    size_t n = 0;
    for (size_t i = 0; i < st->ntransfers; i++)
        n += reportable(&st->transfers[i]);
    return n;
}

/* Whether there is anything to tell the ACS. */
static bool has_reasons(const struct cwmp_state *st)
{
    return st->nevents > 0 || transfers_to_report(st) > 0;
}

static size_t session_events(const struct cwmp_state *st, struct cwmp_event *out)
{
    size_t n = st->nevents;
    memcpy(out, st->events, n * sizeof *out);
    for (size_t i = 0; i < st->ntransfers; i++) {
        const struct cwmp_transfer *t = &st->transfers[i];
        if (!reportable(t))
            continue;
        const char *code = t->download ? "M Download" : "M Upload";
        bool dup = false;
        for (size_t j = st->nevents; j < n; j++)
            dup |= !strcmp(out[j].code, code) && !strcmp(out[j].key, t->command_key);
        if (dup)
            continue;
        snprintf(out[n].code, sizeof out[n].code, "%s", code);
        snprintf(out[n].key, sizeof out[n].key, "%s", t->command_key);
        n++;
    }
    if (n > st->nevents) {
        snprintf(out[n].code, sizeof out[n].code, "7 TRANSFER COMPLETE");
        out[n++].key[0] = '\0';
    }
    return n;
}

/* Posts a body (NULL: the empty POST) with the session's URL and the ACS credentials. */
static void on_response(void *arg, const struct http_response *r);

/* SOAP 1.1 wants a SOAPAction header with every message; TR-069 wants it empty. */
static const struct http_header soap_action = {"SOAPAction", ""};

static size_t read_out(void *arg, char *buf, size_t size)
{
    return soap_out_read(arg, buf, size);
}

static void rewind_out(void *arg)
{
    soap_out_rewind(arg);
}

/* Sends a message (NULL: the empty POST), which the engine keeps until its answer comes: it is
 * written as it goes out, from its start again when a challenge or a redirect sends it anew. */
static void post(struct cwmp_engine *e, struct soap_out *out)
{
    soap_out_free(e->out);
    e->out = out;
    struct strbuf user = STRBUF_INIT;
    cwmp_acs_username(e->a, e->a->running, &user);
    const struct password *pw = &settings(e)->acs_password;
    /* The empty POST is Content-Length 0 and nothing else: no type, no SOAPAction. */
    bool soap = out && soap_out_len(out) > 0;
    struct http_body_source source = {
        .len = soap ? soap_out_len(out) : 0,
        .read = read_out,
        .rewind = rewind_out,
        .arg = out,
    };
    struct http_request req = {
        .url = e->url,
        .source = soap ? &source : NULL,
        .content_type = soap ? "text/xml; charset=\"utf-8\"" : NULL,
        .headers = soap ? &soap_action : NULL,
        .nheaders = soap ? 1 : 0,
        .user_agent = cwmp_user_agent(),
        .username = sb_str(&user),
        .password = pw->clear ? pw->clear : "",
        .prefer_md5_sess = e->a->running->http_digest == DIGEST_MD5_SESS,
        .max_response = (size_t)settings(e)->max_message_kb * 1024u,
        .timeout_s = e->response_timeout,
    };
    http_client_set_ca_file(e->http, e->a->running->http_ca_file);
    if (http_client_post(e->http, &req, on_response, e) < 0) {
        /* Cannot happen with one request at a time; reported rather than lost. */
        agent_log(e->a, LOG_ERR, "%%CWMP-3-SESSION: the HTTP client refused a request");
    }
    sb_free(&user);
}

/* A message written whole (the Inform, a fault, a TransferComplete): sent as any other. */
static void post_text(struct cwmp_engine *e, char *body, size_t len)
{
    post(e, soap_out_text(body, len));
}

/* Active notification alone waits out DefaultActiveNotificationThrottle after the last
 * successful session. */
static uint64_t active_delay_ms(const struct cwmp_engine *e)
{
    /* In milliseconds: counted in whole seconds, the wait could fall up to a second short. */
    uint64_t throttle = (uint64_t)e->a->running->cwmp.notification_throttle * 1000u;
    uint64_t since = loop_now_ms() - e->last_success_ms;
    return e->last_success_ms && since < throttle ? throttle - since : 0;
}

/* Whether an event other than 4 VALUE CHANGE is queued: a reason for a session of its own. */
static bool other_events(const struct cwmp_state *st)
{
    for (size_t i = 0; i < st->nevents; i++)
        if (strcmp(st->events[i].code, "4 VALUE CHANGE") != 0)
            return true;
    return false;
}

/* A method still at work (its session failed, or cwmpd stops) stops without a word. */
static void drop_pending(struct cwmp_engine *e)
{
    struct answer *an = e->pending;
    if (!an)
        return;
    e->pending = NULL;
    an->call.cancel(an->call.work);
    soap_abandon(&an->w);
    free(an);
}

static void end_session(struct cwmp_engine *e, bool ok)
{
    drop_pending(e);
    http_client_end_session(e->http);
    soap_out_free(e->out);
    e->out = NULL;
    dm_memo_free(e->memo);
    e->memo = NULL;
#ifdef __GLIBC__
    /* What the session's largest messages took (the ACS's requests parsed, libcurl's buffers)
     * goes back to the system, not only to the allocator: a CPE's memory is small. */
    malloc_trim(0);
#endif
    if (e->session_timer) {
        loop_timer_cancel(e->a->loop, e->session_timer);
        e->session_timer = NULL;
    }
    e->phase = PHASE_IDLE;
    e->last_end = time(NULL);
    e->last_ok = ok;
    free(e->url);
    e->url = NULL;
    struct cwmp_state *st = &e->a->cwmp;
    /* A connection request that came during the session is a new reason to talk, not part of
     * this session's events: it is queued only now, so that this Inform's delivery cannot take
     * it away. */
    bool cr_after = e->cr_after;
    e->cr_after = false;
    if (ok) {
        e->last_success_ms = loop_now_ms();
        st->retry_count = 0;
        agent_debug(e->a, DEBUG_CWMP, "CWMP: session %u ended (%u requests)", e->sessions,
                    e->requests);
    } else {
        e->failures++;
        /* A connection request is never retried: its session is over either way. */
        cwmp_event_remove(st, "6 CONNECTION REQUEST");
        st->retry_count++;
        /* The log may travel (syslog, show logging, an Upload of it): a password in the URL is
         * starred there, as copy's messages do. */
        struct strbuf url = STRBUF_INIT;
        url_display(acs_url(e) ? acs_url(e) : "(no URL)", &url);
        agent_log(e->a, LOG_WARNING, "%%CWMP-4-SESSION: session with %s failed: %s (retry %u)",
                  sb_str(&url), e->last_fault, st->retry_count);
        sb_free(&url);
    }
    if (cr_after)
        cwmp_event_add(st, "6 CONNECTION REQUEST", NULL);
    save_state(e);
    /* A Reboot or FactoryReset the CPE answered is carried out however the session ends (the
     * ACS closed, timed out, never sent its 204): its M Reboot is queued already and must come
     * with 1 BOOT, and a reset kept for a later session would run when nobody asked. */
    if (e->factory_reset) {
        e->factory_reset = e->reboot = false;
        agent_factory_reset(e->a);
        return;
    }
    if (e->reboot || e->reboot_when_idle) {
        enum reload_cause cause = e->reboot ? RELOAD_REBOOT_RPC : RELOAD_TRANSFER;
        e->reboot = e->reboot_when_idle = false;
        agent_reload_because(e->a, cause);
        return;
    }
    agent_transfers_kick(e->a); /* transfers wait for no session to run */
    if (!ok) {
        /* TR-069 sets no end to retries, and with periodic informs off nothing else would
         * deliver a BOOTSTRAP or a TransferComplete: past the limit the wait stops growing
         * instead, and the retries go on at the longest wait reached. */
        unsigned limit = (unsigned)settings(e)->session_retry_limit;
        unsigned n = st->retry_count < limit ? st->retry_count : limit;
        if (has_reasons(st))
            schedule_start(e, cwmp_retry_wait_ms(n, cwmp_retry_wait_in_use(e->a, e->a->running),
                                                 cwmp_retry_multiplier_in_use(e->a, e->a->running),
                                                 random_unit()));
        else
            e->next_start_ms = 0; /* wait for the next trigger */
        /* The ACS asked for a session while this one was failing: it may start at once, as any
         * new event during a retry wait may. */
        if (cr_after)
            schedule_start(e, 0);
        return;
    }
    if (other_events(st)) {
        schedule_start(e, 0); /* something happened during the session */
        return;
    }
    if (transfers_to_report(st) > 0)
        /* The ACS held our requests or refused a TransferComplete: it is owed all the same, in
         * a session of its own after the shortest retry wait. */
        schedule_start(e, cwmp_retry_wait_ms(1, cwmp_retry_wait_in_use(e->a, e->a->running),
                                             cwmp_retry_multiplier_in_use(e->a, e->a->running),
                                             random_unit()));
    /* A change during the session: an active one starts a session as it would have outside
     * one, after the throttle; a passive one waits for the next Inform, whatever starts it. */
    bool active = false;
    if (cwmp_event_has(st, "4 VALUE CHANGE") && cwmp_notify_owed(e->a, &active) && active)
        schedule_start(e, active_delay_ms(e));
}

static void fail(struct cwmp_engine *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void fail(struct cwmp_engine *e, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->last_fault, sizeof e->last_fault, fmt, ap);
    va_end(ap);
    end_session(e, false);
}

/* The Inform was acknowledged: its events are delivered. */
static void delivered(struct cwmp_engine *e)
{
    struct cwmp_state *st = &e->a->cwmp;
    for (size_t i = 0; i < e->nsent; i++) {
        if (!strcmp(e->sent[i].code, "0 BOOTSTRAP")) {
            free(st->bootstrap_url);
            st->bootstrap_url = xstrdup(acs_url(e));
        }
        /* Remove exactly the events sent; the same code queued since (a new trigger) stays
         * only for single codes already merged into the sent one. */
        size_t kept = 0;
        for (size_t j = 0; j < st->nevents; j++)
            if (strcmp(st->events[j].code, e->sent[i].code) != 0 ||
                strcmp(st->events[j].key, e->sent[i].key) != 0)
                st->events[kept++] = st->events[j];
        st->nevents = kept;
    }
    /* A change made while the Inform awaited its response is owed to the ACS still, with the
     * event that announces it (the sent one was just taken away). */
    bool active = false;
    if (cwmp_notify_delivered(e->a, &e->carried, &active))
        cwmp_event_add(st, "4 VALUE CHANGE", NULL);
    cwmp_inform_carried_free(&e->carried);
    save_state(e);
}

/* SessionTimeout (CWMP 1.3) from any message of the ACS: how long cwmpd waits for each of its
 * answers for the rest of the session, never under the 30 s TR-069 §3.4.2 sets as the least. */
static void take_session_timeout(struct cwmp_engine *e, const struct soap_msg *m)
{
    if (!m->session_timeout)
        return;
    e->response_timeout = m->session_timeout < 30 ? 30 : m->session_timeout;
    agent_debug(e->a, DEBUG_CWMP, "CWMP: the ACS's SessionTimeout: %u s", e->response_timeout);
}

/* A request with a header marked mustUnderstand that cwmpd does not know is not executed: it
 * gets the SOAP MustUnderstand fault, and the session goes on. */
static void refuse_not_understood(struct cwmp_engine *e, struct soap_msg *m)
{
    struct soap_writer w;
    soap_begin(&w, m->ns >= 0 ? m->ns : e->ns, m->id, NULL);
    soap_fault_must_understand(&w, m->not_understood);
    agent_debug(e->a, DEBUG_CWMP, "CWMP: <- %s -> MustUnderstand fault (%s)", m->name,
                m->not_understood);
    size_t len = 0;
    char *body = soap_finish(&w, &len);
    if (!body) {
        fail(e, "could not write the MustUnderstand fault");
        return;
    }
    e->phase = PHASE_TALK;
    post_text(e, body, len);
}

/* The session's memo for the next request: what it listed is still good only if nothing but this
 * session's own exchange ran since (no shell command, no DHCP message, no timer): every one of
 * the loop's callbacks since was the HTTP client's. */
static struct dm_memo *session_memo(struct cwmp_engine *e)
{
    if (!e->memo)
        e->memo = dm_memo_new();
    else if (loop_dispatches(e->a->loop) - e->memo_loop !=
             http_client_dispatches(e->http) - e->memo_http)
        dm_memo_clear(e->memo);
    return e->memo;
}

/* After a request: the reads change nothing; any other method may have (or may yet, as a
 * Download), so the next request lists anew. */
static void keep_memo(struct cwmp_engine *e, const char *method)
{
    static const char *const reads[] = {"GetParameterValues", "GetParameterNames",
                                        "GetParameterAttributes", "GetRPCMethods"};
    bool read = false;
    for (size_t i = 0; i < sizeof reads / sizeof reads[0]; i++)
        read |= !strcmp(method, reads[i]);
    if (!read)
        dm_memo_clear(e->memo);
    e->memo_loop = loop_dispatches(e->a->loop);
    e->memo_http = http_client_dispatches(e->http);
}

/* Counts a request of the ACS's; false (the session failed) past the session's bound. */
static bool count_request(struct cwmp_engine *e)
{
    unsigned max =
        e->a->session_max_requests ? e->a->session_max_requests : DEFAULT_SESSION_MAX_REQUESTS;
    if (e->requests >= max) {
        fail(e, "the ACS did not end the session after %u requests", e->requests);
        return false;
    }
    e->requests++;
    return true;
}

/* Sends the response a method wrote, and forgets the request. */
static void answer_send(struct answer *an)
{
    struct cwmp_engine *e = an->e;
    keep_memo(e, an->method);
    agent_debug(e->a, DEBUG_CWMP, "CWMP: -> %s%s (%s)", an->method,
                strcmp(an->call.summary, "") && strncmp(an->call.summary, "fault", 5) ? "Response"
                                                                                      : "",
                an->call.summary);
    if (an->call.reboot)
        e->reboot = true;
    if (an->call.factory_reset)
        e->factory_reset = true;
    struct soap_out *out = soap_finish_out(&an->w);
    char method[sizeof an->method];
    memcpy(method, an->method, sizeof method);
    free(an);
    if (!out) {
        fail(e, "could not write the response to %s", method);
        return;
    }
    e->phase = PHASE_TALK;
    post(e, out);
}

/* A pending method has written its response. */
static void answer_ready(void *arg)
{
    struct answer *an = arg;
    an->e->pending = NULL;
    answer_send(an);
}

static void answer_request(struct cwmp_engine *e, struct soap_msg *m)
{
    if (!count_request(e))
        return;
    if (m->not_understood[0]) {
        refuse_not_understood(e, m);
        return;
    }
    struct answer *an = xcalloc(1, sizeof *an);
    an->e = e;
    snprintf(an->method, sizeof an->method, "%s", m->name);
    int ns = m->ns >= 0 ? m->ns : e->ns;
    soap_begin(&an->w, ns, m->id, NULL);
    an->call =
        (struct rpc_call){.agent = e->a, .req = m, .w = &an->w, .ns = ns, .memo = session_memo(e)};
    agent_debug(e->a, DEBUG_CWMP, "CWMP: <- %s", m->name);
    rpc_dispatch(&an->call);
    an->call.req = NULL; /* the request goes when this returns */
    if (an->call.pending) {
        /* The session waits: its time bound still runs, and ends the wait (end_session). */
        an->call.finished = answer_ready;
        an->call.finished_arg = an;
        e->pending = an;
        e->phase = PHASE_RPC;
        return;
    }
    answer_send(an);
}

/* The cwmp:ID of a message known only by its start (it was too large to read whole): the text of
 * the first element named ID, whatever its prefix, before the Body. False when there is none. */
static bool id_of_start(const char *b, size_t n, char *id, size_t idsz)
{
    const char *end = b + n;
    for (const char *p = b; p < end; p++) {
        if (*p != '<')
            continue;
        const char *name = ++p, *local = name;
        while (p < end && *p != '>' && *p != ' ' && *p != '/' && *p != '\t' && *p != '\n') {
            if (*p == ':')
                local = p + 1;
            p++;
        }
        size_t len = (size_t)(p - local);
        if (len == 4 && !memcmp(local, "Body", 4))
            return false;
        if (len != 2 || memcmp(local, "ID", 2) != 0)
            continue;
        const char *gt = memchr(p, '>', (size_t)(end - p));
        if (!gt)
            return false;
        const char *text = gt + 1, *lt = memchr(text, '<', (size_t)(end - text));
        if (!lt || (size_t)(lt - text) >= idsz)
            return false;
        memcpy(id, text, (size_t)(lt - text));
        id[lt - text] = '\0';
        return true;
    }
    return false;
}

/* A request larger than request size limit is not read: fault 9004 (resources exceeded) with
 * its ID, and the session goes on, as the ACS that reads too much at once can ask again in
 * smaller pieces. */
static void answer_too_large(struct cwmp_engine *e, const struct http_response *r)
{
    if (!count_request(e))
        return;
    char id[128];
    bool has_id = id_of_start(r->body, r->body_len, id, sizeof id);
    struct soap_writer w;
    soap_begin(&w, e->ns, has_id ? id : NULL, NULL);
    char why[96];
    snprintf(why, sizeof why, "Resources exceeded: the request is larger than %u KB",
             (unsigned)settings(e)->max_message_kb);
    soap_fault(&w, 9004, why, NULL, NULL);
    agent_debug(e->a, DEBUG_CWMP, "CWMP: <- a request past request size limit: fault 9004");
    size_t len = 0;
    char *body = soap_finish(&w, &len);
    if (!body) {
        fail(e, "could not write the fault to a request too large");
        return;
    }
    e->phase = PHASE_TALK;
    post_text(e, body, len);
}

static void send_cpe_request(struct cwmp_engine *e);

static void on_inform_response(struct cwmp_engine *e, struct soap_msg *m)
{
    if (m->fault) {
        fail(e, "the ACS answered the Inform with fault %d %s", m->fault_code, m->fault_string);
        /* An ACS of an older version may refuse our namespace: offer the older one next. */
        if (m->fault_code == 8006 && e->preferred_ns > 0)
            e->preferred_ns--;
        return;
    }
    if (strcmp(m->name, "InformResponse") != 0) {
        fail(e, "the ACS answered the Inform with %s", m->name);
        return;
    }
    e->ns = m->ns >= 0 ? m->ns : e->ns;
    /* CWMP 1.4: the ACS names the version of the session among those the Inform offered; 1.0
     * and 1.1 have their own namespaces, 1.2 to 1.4 share cwmp-1-2 (or the one the ACS speaks).
     * A version not offered is a protocol error, not something to ignore. */
    if (m->use_version) {
        const char *v = m->use_version;
        if (strlen(v) != 3 || v[0] != '1' || v[1] != '.' || v[2] < '0' || v[2] > '4') {
            fail(e, "the ACS asked for CWMP version %.16s, which cwmpd did not offer", v);
            return;
        }
        if (v[2] <= '1')
            e->ns = v[2] - '0';
        else if (e->ns < CWMP_NS_1_2)
            e->ns = CWMP_NS_1_2;
    }
    agent_debug(e->a, DEBUG_CWMP, "CWMP: <- InformResponse (%s%s%s)", cwmp_ns_uri[e->ns],
                m->use_version ? ", CWMP " : "", m->use_version ? m->use_version : "");
    delivered(e);
    e->hold = m->hold_requests;
    e->ntc_done = 0;
    send_cpe_request(e);
}

static bool offered(const struct cwmp_engine *e, unsigned id)
{
    for (size_t i = 0; i < e->ntc_done; i++)
        if (e->tc_done[i] == id)
            return true;
    return false;
}

/* The CPE's own requests go after the InformResponse, one per POST: a TransferComplete for each
 * completed transfer of the ACS's, unless the ACS holds requests; then the empty POST hands over
 * to the ACS. */
static void send_cpe_request(struct cwmp_engine *e)
{
    struct cwmp_state *st = &e->a->cwmp;
    const struct cwmp_transfer *t = NULL;
    for (size_t i = 0; i < st->ntransfers && !e->hold && !t; i++)
        if (reportable(&st->transfers[i]) && !offered(e, st->transfers[i].id))
            t = &st->transfers[i];
    if (!t) {
        e->phase = PHASE_TALK;
        agent_debug(e->a, DEBUG_CWMP, "CWMP: -> empty POST%s",
                    e->hold && transfers_to_report(st) ? " (the ACS holds requests)" : "");
        post(e, NULL);
        return;
    }
    struct soap_writer w;
    char id[32];
    snprintf(id, sizeof id, "cwmpd-%u", ++e->id_counter);
    soap_begin(&w, e->ns, id, NULL);
    soap_start(&w, cpe_methods[CPE_TRANSFER_COMPLETE].element);
    soap_elem(&w, "CommandKey", t->command_key);
    soap_start(&w, "FaultStruct");
    soap_elemf(&w, "FaultCode", "%d", t->fault);
    soap_elem(&w, "FaultString", t->fault_string ? t->fault_string : "");
    soap_end(&w);
    char when[32];
    xsd_datetime(t->start_time, when);
    soap_elem(&w, "StartTime", when);
    xsd_datetime(t->complete_time, when);
    soap_elem(&w, "CompleteTime", when);
    soap_end(&w);
    size_t len = 0;
    char *body = soap_finish(&w, &len);
    if (!body) {
        fail(e, "could not write the TransferComplete");
        return;
    }
    e->tc_id = t->id;
    e->phase = PHASE_CPE_REQUEST;
    agent_debug(e->a, DEBUG_CWMP, "CWMP: -> TransferComplete (\"%s\", fault %d)", t->command_key,
                t->fault);
    post_text(e, body, len);
}

const struct cpe_method_def cpe_methods[CPE_METHOD_COUNT] = {
    [CPE_INFORM] = {"Inform", "cwmp:Inform"},
    [CPE_TRANSFER_COMPLETE] = {"TransferComplete", "cwmp:TransferComplete"},
};

static bool is_response(const char *name)
{
    size_t n = strlen(name), k = strlen("Response");
    return n >= k && !strcmp(name + n - k, "Response");
}

/* The ACS's answer to a TransferComplete: acknowledged, the transfer is forgotten (saved at once,
 * so that it is reported exactly once); 8005 (retry) sends it again, a few times; another fault
 * leaves it for the next session, as does a request of the ACS's in its place. */
static void on_cpe_request_response(struct cwmp_engine *e, struct soap_msg *m)
{
    struct cwmp_state *st = &e->a->cwmp;
    e->hold = m->hold_requests;
    if (m->fault) {
        agent_debug(e->a, DEBUG_CWMP, "CWMP: <- fault %d %s to TransferComplete", m->fault_code,
                    m->fault_string);
        if (m->fault_code == 8005 && e->tc_busy_retries++ < 3) {
            send_cpe_request(e);
            return;
        }
    } else if (!strcmp(m->name, "TransferCompleteResponse")) {
        agent_debug(e->a, DEBUG_CWMP, "CWMP: <- TransferCompleteResponse");
        cwmp_transfer_remove(st, e->tc_id);
        save_state(e);
    } else if (!is_response(m->name)) {
        /* The ACS moved on to its own requests (real ACSs do): the TransferComplete is not
         * acknowledged, so it stays for the next session, and this one goes on with the ACS
         * in charge. */
        agent_debug(e->a, DEBUG_CWMP, "CWMP: <- %s instead of TransferCompleteResponse", m->name);
        e->tc_busy_retries = 0;
        answer_request(e, m);
        return;
    } else {
        fail(e, "the ACS answered TransferComplete with %s", m->name);
        return;
    }
    e->tc_busy_retries = 0;
    if (e->ntc_done < MAX_TRANSFERS)
        e->tc_done[e->ntc_done++] = e->tc_id;
    send_cpe_request(e);
}

static void on_response(void *arg, const struct http_response *r)
{
    struct cwmp_engine *e = arg;
    /* What was sent is answered: its records can go before the next message is made. */
    soap_out_free(e->out);
    e->out = NULL;
    if (r->status == 0) {
        fail(e, "%s", r->error ? r->error : "no HTTP response");
        return;
    }
    if (r->effective_url && strcmp(r->effective_url, e->url) != 0) {
        /* A redirect: the new URL serves the rest of this session only. */
        free(e->url);
        e->url = xstrdup(r->effective_url);
    }
    if (r->status == 401) {
        fail(e, "the ACS refused the credentials (HTTP 401)");
        return;
    }
    bool empty = r->body_len == 0;
    if (r->status == 204 || (r->status == 200 && empty)) {
        if (e->phase == PHASE_INFORM || e->phase == PHASE_CPE_REQUEST) {
            fail(e, "the ACS answered the %s with an empty response",
                 e->phase == PHASE_INFORM ? "Inform" : "TransferComplete");
            return;
        }
        end_session(e, true);
        return;
    }
    if (r->status != 200) {
        fail(e, "HTTP status %ld", r->status);
        return;
    }
    if (r->too_large) {
        if (e->phase == PHASE_TALK) {
            answer_too_large(e, r);
            return;
        }
        fail(e, "the ACS sent a message larger than request size limit (%u KB)",
             (unsigned)settings(e)->max_message_kb);
        return;
    }
    struct soap_msg m;
    const char *why = NULL;
    if (soap_parse(r->body, r->body_len, (size_t)settings(e)->max_message_kb * 1024u,
                   SOAP_DEFAULT_MAX_DEPTH, &m, &why) < 0) {
        fail(e, "the ACS sent an unusable message: %s", why);
        soap_msg_free(&m);
        return;
    }
    take_session_timeout(e, &m);
    if (m.not_understood[0] && e->phase != PHASE_TALK)
        /* A response cannot be answered with a fault: what it says cannot be relied on. */
        fail(e, "the ACS's answer has a header cwmpd does not understand: %s", m.not_understood);
    else if (e->phase == PHASE_INFORM)
        on_inform_response(e, &m);
    else if (e->phase == PHASE_CPE_REQUEST)
        on_cpe_request_response(e, &m);
    else if (m.fault)
        fail(e, "the ACS sent fault %d %s", m.fault_code, m.fault_string);
    else
        answer_request(e, &m);
    soap_msg_free(&m);
}

static void on_session_timer(struct loop *loop, void *arg)
{
    (void)loop;
    struct cwmp_engine *e = arg;
    e->session_timer = NULL;
    fail(e, "the session lasted more than %u s",
         e->a->session_max_seconds ? e->a->session_max_seconds : DEFAULT_SESSION_MAX_SECONDS);
}

static void start_session(struct cwmp_engine *e)
{
    struct agent *a = e->a;
    struct cwmp_state *st = &a->cwmp;
    if (e->phase != PHASE_IDLE || !usable(e) || !has_reasons(st) || a->going_down)
        return;
    /* First contact with this ACS, or a new URL: the ACS learns it with 0 BOOTSTRAP. A URL that
     * changed and came back before any session reaches an ACS that had it already, and when that
     * was all there was to say, there is no session. */
    if (!st->bootstrap_url || strcmp(st->bootstrap_url, acs_url(e)) != 0) {
        cwmp_event_add(st, "0 BOOTSTRAP", NULL);
    } else if (cwmp_event_has(st, "0 BOOTSTRAP")) {
        cwmp_event_remove(st, "0 BOOTSTRAP");
        save_state(e);
        if (!has_reasons(st))
            return;
    }
    e->sessions++;
    e->requests = 0;
    e->last_start = time(NULL);
    unsigned secs = a->session_max_seconds ? a->session_max_seconds : DEFAULT_SESSION_MAX_SECONDS;
    e->session_timer = loop_timer_add(a->loop, (uint64_t)secs * 1000u, on_session_timer, e);
    e->url = xstrdup(acs_url(e));
    e->ns = e->preferred_ns;
    e->response_timeout = 0;
    e->nsent = session_events(st, e->sent);
    char id[32];
    snprintf(id, sizeof id, "cwmpd-%u", ++e->id_counter);
    struct strbuf summary = STRBUF_INIT;
    size_t len = 0;
    char *body = cwmp_build_inform(a, e->ns, id, e->sent, e->nsent, st->retry_count, &summary, &len,
                                   &e->carried);
    if (!body) {
        sb_free(&summary);
        fail(e, "could not write the Inform");
        return;
    }
    struct strbuf url = STRBUF_INIT;
    url_display(e->url, &url);
    agent_debug(a, DEBUG_CWMP, "CWMP: session %u with %s: -> Inform (%s)", e->sessions,
                sb_str(&url), sb_str(&summary));
    sb_free(&url);
    sb_free(&summary);
    e->phase = PHASE_INFORM;
    post_text(e, body, len);
}

/* ---- timers ---- */

static void on_start_timer(struct loop *loop, void *arg)
{
    (void)loop;
    struct cwmp_engine *e = arg;
    e->start_timer = NULL;
    e->next_start_ms = 0;
    start_session(e);
}

static void schedule_start(struct cwmp_engine *e, uint64_t delay_ms)
{
    if (e->start_timer) {
        if (e->next_start_ms <= loop_now_ms() + delay_ms)
            return; /* already due sooner */
        loop_timer_cancel(e->a->loop, e->start_timer);
    }
    e->next_start_ms = loop_now_ms() + delay_ms;
    e->start_timer = loop_timer_add(e->a->loop, delay_ms, on_start_timer, e);
}

static void schedule_periodic(struct cwmp_engine *e);

static void on_periodic(struct loop *loop, void *arg)
{
    (void)loop;
    struct cwmp_engine *e = arg;
    e->periodic_timer = NULL;
    cwmp_engine_trigger(e, "2 PERIODIC", NULL);
    schedule_periodic(e);
}

static void schedule_periodic(struct cwmp_engine *e)
{
    if (e->periodic_timer) {
        loop_timer_cancel(e->a->loop, e->periodic_timer);
        e->periodic_timer = NULL;
    }
    e->next_periodic = 0;
    const struct cwmp_settings *s = settings(e);
    if (!s->periodic_enable || !s->enable)
        return;
    long long now = (long long)time(NULL);
    if (!e->periodic_enabled_at)
        e->periodic_enabled_at = now;
    e->next_periodic =
        cwmp_next_periodic(now, s->periodic_interval, s->periodic_time, e->periodic_enabled_at);
    e->periodic_timer =
        loop_timer_add(e->a->loop, (uint64_t)(e->next_periodic - now) * 1000u, on_periodic, e);
}

static void schedule_scan(struct cwmp_engine *e);

static void on_scan(struct loop *loop, void *arg)
{
    (void)loop;
    struct cwmp_engine *e = arg;
    e->scan_timer = NULL;
    cwmp_engine_scan(e);
    schedule_scan(e);
}

static void schedule_scan(struct cwmp_engine *e)
{
    if (e->scan_timer)
        loop_timer_cancel(e->a->loop, e->scan_timer);
    e->scan_timer =
        loop_timer_add(e->a->loop, (uint64_t)settings(e)->notify_interval * 1000u, on_scan, e);
}

/* ScheduleInform: the earliest request's time arms one timer; when it comes, every request due
 * becomes "3 SCHEDULED" (once) and its "M ScheduleInform" with the command key. */
static void on_scheduled(struct loop *loop, void *arg)
{
    (void)loop;
    struct cwmp_engine *e = arg;
    e->sched_timer = NULL;
    struct cwmp_state *st = &e->a->cwmp;
    long long now = (long long)time(NULL);
    size_t kept = 0;
    for (size_t i = 0; i < st->nscheduled; i++) {
        if (st->scheduled[i].at <= now) {
            cwmp_event_add(st, "3 SCHEDULED", NULL); /* once, before the first M event */
            cwmp_event_add(st, "M ScheduleInform", st->scheduled[i].key);
        } else {
            st->scheduled[kept++] = st->scheduled[i];
        }
    }
    bool due = kept < st->nscheduled;
    st->nscheduled = kept;
    if (due) {
        save_state(e);
        schedule_start(e, 0);
    }
    cwmp_engine_schedule_changed(e);
}

void cwmp_engine_schedule_changed(struct cwmp_engine *e)
{
    if (e->sched_timer) {
        loop_timer_cancel(e->a->loop, e->sched_timer);
        e->sched_timer = NULL;
    }
    const struct cwmp_state *st = &e->a->cwmp;
    if (st->nscheduled == 0)
        return;
    long long first = st->scheduled[0].at;
    for (size_t i = 1; i < st->nscheduled; i++)
        if (st->scheduled[i].at < first)
            first = st->scheduled[i].at;
    long long now = (long long)time(NULL);
    e->sched_timer = loop_timer_add(e->a->loop, first > now ? (uint64_t)(first - now) * 1000u : 0,
                                    on_scheduled, e);
}

void cwmp_engine_transfer_done(struct cwmp_engine *e)
{
    if (transfers_to_report(&e->a->cwmp))
        schedule_start(e, 0);
}

void cwmp_engine_reboot_when_idle(struct cwmp_engine *e)
{
    if (e->phase == PHASE_IDLE) {
        agent_reload_because(e->a, RELOAD_TRANSFER);
        return;
    }
    e->reboot_when_idle = true;
}

/* ---- the interface ---- */

static void on_hold(struct loop *loop, void *arg)
{
    (void)loop;
    struct cwmp_engine *e = arg;
    e->hold_timer = NULL;
    cwmp_engine_scan(e);
}

void cwmp_engine_scan(struct cwmp_engine *e)
{
    bool active = false;
    uint64_t hold_ms = 0;
    size_t changed = cwmp_notify_scan(e->a, &active, &hold_ms);
    /* A held change is looked at again the moment its limit allows, not at the next periodic
     * scan (which may be minutes away). */
    if (hold_ms) {
        uint64_t due = loop_now_ms() + hold_ms;
        if (e->hold_timer && due < e->hold_due_ms) {
            loop_timer_cancel(e->a->loop, e->hold_timer);
            e->hold_timer = NULL;
        }
        if (!e->hold_timer) {
            e->hold_timer = loop_timer_add(e->a->loop, hold_ms, on_hold, e);
            e->hold_due_ms = due;
        }
    }
    if (changed) {
        agent_debug(e->a, DEBUG_CWMP, "CWMP: %zu parameter%s changed (%s notification)", changed,
                    changed == 1 ? "" : "s", active ? "active" : "passive");
        cwmp_event_add(&e->a->cwmp, "4 VALUE CHANGE", NULL);
    }
    if (e->a->cwmp_dirty)
        save_state(e);
    if (!active)
        return;
    schedule_start(e, active_delay_ms(e));
}

void cwmp_engine_trigger(struct cwmp_engine *e, const char *code, const char *key)
{
    if (!cwmp_event_add(&e->a->cwmp, code, key))
        agent_log(e->a, LOG_WARNING, "%%CWMP-4-EVENTS: event queue full, %s dropped", code);
    save_state(e);
    schedule_start(e, 0);
}

void cwmp_engine_connection_request(struct cwmp_engine *e)
{
    /* Disabled since it was accepted: it would only wait for a session nobody asks for then. */
    if (!usable(e))
        return;
    if (e->phase != PHASE_IDLE) {
        e->cr_after = true;
        return;
    }
    /* Not saved: a connection request is never retried, so a restart may forget it. */
    if (!cwmp_event_add(&e->a->cwmp, "6 CONNECTION REQUEST", NULL))
        agent_log(e->a, LOG_WARNING,
                  "%%CWMP-4-EVENTS: event queue full, 6 CONNECTION REQUEST dropped");
    schedule_start(e, 0);
}

bool cwmp_engine_cr_merges(const struct cwmp_engine *e)
{
    if (e->phase != PHASE_IDLE)
        return e->cr_after;
    return cwmp_event_has(&e->a->cwmp, "6 CONNECTION REQUEST");
}

bool cwmp_engine_usable(const struct cwmp_engine *e)
{
    return e->a->running->cwmp.enable && cwmp_engine_url(e);
}

const char *cwmp_engine_url(const struct cwmp_engine *e)
{
    return cwmp_acs_url(e->a, e->a->running);
}

void cwmp_engine_config_changed(struct cwmp_engine *e)
{
    const struct cwmp_settings *s = settings(e);
    bool periodic_on = s->periodic_enable && s->enable;
    if (!periodic_on)
        e->periodic_enabled_at = 0;
    if (periodic_on != e->periodic_on || s->periodic_interval != e->periodic_interval ||
        s->periodic_time != e->periodic_time) {
        e->periodic_on = periodic_on;
        e->periodic_interval = s->periodic_interval;
        e->periodic_time = s->periodic_time;
        schedule_periodic(e);
    }
    if (s->notify_interval != e->scan_interval) {
        e->scan_interval = s->notify_interval;
        schedule_scan(e);
    }
    /* A new ACS URL is announced to that ACS at once, with 0 BOOTSTRAP. */
    const char *url = acs_url(e);
    bool url_changed = url && (!e->url_seen || strcmp(url, e->url_seen) != 0);
    if (url_changed) {
        free(e->url_seen);
        e->url_seen = xstrdup(url);
        if (!e->a->cwmp.bootstrap_url || strcmp(e->a->cwmp.bootstrap_url, url) != 0) {
            cwmp_event_add(&e->a->cwmp, "0 BOOTSTRAP", NULL);
            e->a->cwmp.retry_count = 0; /* a new ACS starts with a clean slate */
            save_state(e);
        }
    }
    /* The agent just became able to talk (enabled, given a URL): what is queued goes now. */
    bool now_usable = usable(e);
    bool became_usable = now_usable && (!e->was_usable || url_changed);
    e->was_usable = now_usable;
    if (became_usable && has_reasons(&e->a->cwmp) && e->phase == PHASE_IDLE)
        schedule_start(e, 0);
}

struct cwmp_engine *cwmp_engine_new(struct agent *a)
{
    struct cwmp_engine *e = xcalloc(1, sizeof *e);
    e->a = a;
    e->http = http_client_new(a->loop, "cwmp", &a->http_clients);
    http_debug_attach(a, e->http);
    e->preferred_ns = CWMP_NS_1_2;
    /* A connection request is never retried, and a restart ends whatever it asked for. */
    cwmp_event_remove(&a->cwmp, "6 CONNECTION REQUEST");
    cwmp_event_add(&a->cwmp, "1 BOOT", NULL);
    save_state(e);
    cwmp_engine_scan(e); /* the values seen at start; changes made while stopped are notified */
    cwmp_engine_config_changed(e);
    cwmp_engine_schedule_changed(e);
    if (transfers_to_report(&a->cwmp))
        schedule_start(e, 0);
    return e;
}

void cwmp_engine_free(struct cwmp_engine *e)
{
    if (!e)
        return;
    drop_pending(e);
    if (e->start_timer)
        loop_timer_cancel(e->a->loop, e->start_timer);
    if (e->periodic_timer)
        loop_timer_cancel(e->a->loop, e->periodic_timer);
    if (e->scan_timer)
        loop_timer_cancel(e->a->loop, e->scan_timer);
    if (e->hold_timer)
        loop_timer_cancel(e->a->loop, e->hold_timer);
    if (e->sched_timer)
        loop_timer_cancel(e->a->loop, e->sched_timer);
    if (e->session_timer)
        loop_timer_cancel(e->a->loop, e->session_timer);
    http_client_free(e->http);
    soap_out_free(e->out);
    dm_memo_free(e->memo);
    cwmp_inform_carried_free(&e->carried);
    free(e->url);
    free(e->url_seen);
    free(e);
}

bool cwmp_engine_busy(const struct cwmp_engine *e)
{
    return e->phase != PHASE_IDLE;
}

void cwmp_engine_show(struct cwmp_engine *e, struct strbuf *out)
{
    const struct cwmp_settings *s = settings(e);
    const struct cwmp_state *st = &e->a->cwmp;
    static const char *const phases[] = {"idle", "informing", "in session", "in session",
                                         "in session"};
    sb_printf(out, "CWMP agent          : %s\n", s->enable ? "enabled" : "disabled");
    sb_puts(out, "ACS URL             : ");
    url_display(acs_url(e) ? acs_url(e) : "(none)", out);
    if (!s->url && e->a->acs_dhcp.url)
        sb_printf(out, " (from DHCP %s)", e->a->acs_dhcp.source);
    sb_putc(out, '\n');
    sb_puts(out, "WAN DHCP watched    : ");
    wan_watch_show(e->a, out);
    sb_putc(out, '\n');
    /* The other sub-options DHCP gave, where they are the values in use. */
    const struct config_store *cs = e->a->running;
    if (!cs->cwmp.provision_code && e->a->acs_dhcp.provisioning_code)
        sb_printf(out, "Provisioning code   : %s (from DHCP %s)\n",
                  e->a->acs_dhcp.provisioning_code, e->a->acs_dhcp.source);
    if ((e->a->acs_dhcp.min_wait && cs->cwmp.retry_wait == CWMP_DEFAULT_RETRY_WAIT) ||
        (e->a->acs_dhcp.multiplier && cs->cwmp.retry_multiplier == CWMP_DEFAULT_RETRY_MULTIPLIER))
        sb_printf(out, "Retry wait          : %u s, multiplier %u (from DHCP %s)\n",
                  cwmp_retry_wait_in_use(e->a, cs), cwmp_retry_multiplier_in_use(e->a, cs),
                  e->a->acs_dhcp.source);
    sb_printf(out, "Session state       : %s\n", phases[e->phase]);
    sb_printf(out, "Sessions            : %u (%u failed)\n", e->sessions, e->failures);
    sb_puts(out, "Last session start  : ");
    time_text(e->last_start, out);
    sb_puts(out, "\nLast session end    : ");
    time_text(e->last_end, out);
    if (e->last_end)
        sb_printf(out, " (%s)", e->last_ok ? "success" : "failure");
    sb_puts(out, "\nNext contact        : ");
    if (e->phase != PHASE_IDLE) {
        sb_puts(out, "now");
    } else if (e->start_timer) {
        uint64_t now = loop_now_ms();
        sb_printf(
            out, "in %llu s",
            (unsigned long long)(e->next_start_ms > now ? (e->next_start_ms - now) / 1000u : 0));
    } else if (e->next_periodic) {
        sb_puts(out, "periodic inform at ");
        time_text((time_t)e->next_periodic, out);
    } else {
        sb_puts(out, "on the next event");
    }
    sb_printf(out, "\nRetry count         : %u (limit %d)\n", st->retry_count,
              s->session_retry_limit);
    sb_puts(out, "Events queued       : ");
    for (size_t i = 0; i < st->nevents; i++)
        sb_printf(out, "%s%s%s%s%s", i ? ", " : "", st->events[i].code,
                  st->events[i].key[0] ? " \"" : "", st->events[i].key,
                  st->events[i].key[0] ? "\"" : "");
    sb_printf(out, "%s\n", st->nevents ? "" : "none");
    sb_printf(out, "Last fault          : %s\n", e->last_fault[0] ? e->last_fault : "none");
}
