/* The session engine: which session a POST belongs to, how it is answered (the script's next step,
 * a response to the CPE's own request, 204), and what is logged about it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acs.h"
#include "check.h"
#include "connreq.h"
#include "soap_in.h"
#include "soap_out.h"
#include "xalloc.h"

/* The ACS methods a CPE may call, as GetRPCMethodsResponse lists them. */
static const char *const acs_methods[] = {
    "Inform",
    "GetRPCMethods",
    "TransferComplete",
    "AutonomousTransferComplete",
    "RequestDownload",
    "DUStateChangeComplete",
    "AutonomousDUStateChangeComplete",
};
#define N_ACS_METHODS (sizeof(acs_methods) / sizeof(acs_methods[0]))

void answer_init(struct http_answer *a)
{
    memset(a, 0, sizeof(*a));
    a->status = 200;
}

void answer_free(struct http_answer *a)
{
    sb_free(&a->body);
    free(a->wait_for);
    a->wait_for = NULL;
    for (size_t i = 0; i < a->nheaders; i++) {
        free(a->header_name[i]);
        free(a->header_value[i]);
    }
    a->nheaders = 0;
}

void answer_header(struct http_answer *a, const char *name, const char *value)
{
    if (a->nheaders == ANSWER_MAX_HEADERS)
        abort(); /* a programming error: the table is sized for what this file adds */
    a->header_name[a->nheaders] = xstrdup(name);
    a->header_value[a->nheaders++] = xstrdup(value);
}

bool acs_serves_path(const struct acs *acs, const char *path)
{
    if (strcmp(path, acs->path) == 0)
        return true;
    for (size_t i = 0; i < acs->nextra_paths; i++) {
        if (strcmp(path, acs->extra_paths[i]) == 0)
            return true;
    }
    return false;
}

/* The numbers a message is recorded under: its session's, or 0 outside any session. */
struct msgref {
    int s, n;
};

static void end_session(struct acs *acs, struct msgref ref, const char *how)
{
    struct session *s = &acs->s;
    record_log(&acs->rec, ref.s, ref.n, "-> %s end", how);
    trace(&acs->rec, "-> %s: session %d ended", how, s->number);
    s->open = false;
    tree_free(&s->tree);
    record_session_end(&acs->rec);
    if (s->steps != NULL && s->steps->connreq) {
        if (s->cr_url[0] == '\0')
            record_log(&acs->rec, s->number, 0, "connection-request: no ConnectionRequestURL");
        else
            connreq_start(&acs->rec, s->number, s->cr_url, s->steps->cr_user, s->steps->cr_pass);
    }
}

static void begin_session(struct acs *acs, unsigned port)
{
    struct session *s = &acs->s;
    if (s->open) {
        /* The CPE started over although this one was answered: it gave up on it. */
        record_log(&acs->rec, s->number, 0, "abandoned");
        trace(&acs->rec, "-- session %d abandoned by the CPE", s->number);
        s->open = false;
        record_session_end(&acs->rec);
    }
    int number = s->number + 1, stray = s->stray_msgno;
    tree_free(&s->tree);
    memset(s, 0, sizeof(*s));
    s->number = number;
    s->stray_msgno = stray;
    s->open = true;
    s->steps = (size_t)number <= acs->script.n ? &acs->script.sessions[number - 1] : NULL;
    trace(&acs->rec, "== session %d (client port %u)", number, port);
}

static const struct step *peek_step(const struct session *s)
{
    return s->steps != NULL && s->next < s->steps->n ? &s->steps->steps[s->next] : NULL;
}

/* Wraps body in an envelope and makes it the answer; the pending HoldRequests goes with it. */
static void send_envelope(struct acs *acs, struct http_answer *ans, const char *ns, const char *id,
                          const char *use_version, bool hold, const char *body)
{
    struct session *s = &acs->s;
    struct envelope env = {ns, id, hold || s->pending_hold, use_version, s->session_timeout};
    s->pending_hold = false;
    s->hold_active = env.hold;
    soap_envelope(&ans->body, &env, body);
    answer_header(ans, "Content-Type", "text/xml; charset=\"utf-8\"");
}

static void set_cookie(struct acs *acs, struct http_answer *ans)
{
    struct session *s = &acs->s;
    random_hex(s->cookie, 16);
    struct strbuf v = STRBUF_INIT;
    if (acs->cookie == COOKIE_NETSCAPE) {
        sb_printf(&v, "session=%s; Path=/", s->cookie);
        answer_header(ans, "Set-Cookie", sb_str(&v));
    } else {
        sb_printf(&v, "session=\"%s\"; Version=\"1\"; Path=\"%s\"", s->cookie, acs->path);
        answer_header(ans, "Set-Cookie2", sb_str(&v));
    }
    sb_free(&v);
}

static void answer_inform(struct acs *acs, const struct cpe_msg *m, struct msgref ref,
                          struct http_answer *ans)
{
    struct session *s = &acs->s;
    const struct step *st = peek_step(s);
    bool hold = false;
    int fault = 0;
    const char *use_version = NULL;
    unsigned session_timeout = 0;
    if (st != NULL && st->kind == STEP_INFORM_RESPONSE) {
        hold = st->hold;
        fault = st->code;
        use_version = st->use_version[0] ? st->use_version : NULL;
        session_timeout = st->session_timeout;
        s->next++;
    }
    struct negotiation neg;
    negotiate(acs, m, &neg);
    if (use_version != NULL) {
        /* The script names the version, as an ACS would choose it: the session speaks its
         * namespace (1.2 and later: cwmp-1-2). */
        snprintf(neg.use_version, sizeof(neg.use_version), "%s", use_version);
        neg.session_ns = ns_of_version(use_version, neg.session_ns);
    }
    snprintf(s->ns, sizeof(s->ns), "%s", neg.session_ns);
    s->answered_inform = true;
    connreq_url_of(m->body_child, s->cr_url, sizeof(s->cr_url));
    struct strbuf body = STRBUF_INIT;
    if (fault != 0) {
        soap_fault_body(&body, fault);
        send_envelope(acs, ans, neg.answer_ns, m->id, NULL, false, sb_str(&body));
        sb_free(&body);
        char how[32];
        snprintf(how, sizeof(how), "Fault %d", fault);
        end_session(acs, ref, how);
        return;
    }
    sb_puts(&body, "<cwmp:InformResponse><MaxEnvelopes>1</MaxEnvelopes></cwmp:InformResponse>");
    acs->s.session_timeout = session_timeout;
    send_envelope(acs, ans, neg.answer_ns, m->id, neg.use_version[0] ? neg.use_version : NULL, hold,
                  sb_str(&body));
    acs->s.session_timeout = 0;
    sb_free(&body);
    if (acs->cookie != COOKIE_NONE)
        set_cookie(acs, ans);
    struct strbuf extra = STRBUF_INIT;
    if (s->hold_active)
        sb_puts(&extra, " hold");
    if (neg.use_version[0])
        sb_printf(&extra, " UseCWMPVersion=%s", neg.use_version);
    if (session_timeout != 0)
        sb_printf(&extra, " SessionTimeout=%u", session_timeout);
    if (strcmp(neg.answer_ns, m->ns != NULL ? m->ns : "") != 0)
        sb_printf(&extra, " ns=%s", neg.answer_ns);
    if (s->cookie[0])
        sb_printf(&extra, " cookie=%s", s->cookie);
    record_log(&acs->rec, ref.s, ref.n, "-> InformResponse%s", sb_str(&extra));
    trace(&acs->rec, "-> InformResponse%s", sb_str(&extra));
    sb_free(&extra);
}

static bool is_known_cpe_request(const char *name)
{
    for (size_t i = 1; i < N_ACS_METHODS; i++) {
        if (strcmp(name, acs_methods[i]) == 0)
            return true;
    }
    return false;
}

static void answer_cpe_request(struct acs *acs, const struct cpe_msg *m, struct msgref ref,
                               struct http_answer *ans)
{
    struct session *s = &acs->s;
    struct strbuf body = STRBUF_INIT;
    int fault = s->pending_fault;
    if (fault == 0 && !is_known_cpe_request(m->what))
        fault = 8000;
    if (fault != 0) {
        s->pending_fault = 0;
        soap_fault_body(&body, fault);
        record_log(&acs->rec, ref.s, ref.n, "-> Fault %d", fault);
        trace(&acs->rec, "-> Fault %d %s", fault, acs_fault_string(fault));
    } else if (strcmp(m->what, "GetRPCMethods") == 0) {
        sb_printf(&body,
                  "<cwmp:GetRPCMethodsResponse><MethodList soap-enc:arrayType=\"xsd:string[%zu]\">",
                  N_ACS_METHODS);
        for (size_t i = 0; i < N_ACS_METHODS; i++)
            sb_printf(&body, "<string>%s</string>", acs_methods[i]);
        sb_puts(&body, "</MethodList></cwmp:GetRPCMethodsResponse>");
    } else {
        sb_printf(&body, "<cwmp:%sResponse></cwmp:%sResponse>", m->what, m->what);
    }
    if (fault == 0) {
        record_log(&acs->rec, ref.s, ref.n, "-> %sResponse", m->what);
        trace(&acs->rec, "-> %sResponse", m->what);
    }
    /* Each request is answered in its own namespace. */
    send_envelope(acs, ans, m->ns, m->id, NULL, false, sb_str(&body));
    sb_free(&body);
}

static void expect_response(struct session *s, const char *method, const char *id)
{
    s->expect.active = method != NULL;
    snprintf(s->expect.method, sizeof(s->expect.method), "%s", method ? method : "");
    s->expect.has_id = id != NULL;
    snprintf(s->expect.id, sizeof(s->expect.id), "%s", id ? id : "");
}

/* Replaces every @NAME@ of text by its value: @PORT@ always, @ID@ and @NS@ unless NULL. */
static void substitute(struct strbuf *out, const char *text, const char *id, const char *ns,
                       unsigned port)
{
    for (const char *p = text; *p != '\0'; p++) {
        if (id != NULL && strncmp(p, "@ID@", 4) == 0) {
            sb_puts(out, id);
            p += 3;
        } else if (ns != NULL && strncmp(p, "@NS@", 4) == 0) {
            sb_puts(out, ns);
            p += 3;
        } else if (strncmp(p, "@PORT@", 6) == 0) {
            sb_printf(out, "%u", port);
            p += 5;
        } else {
            sb_putc(out, *p);
        }
    }
}

static void send_raw(struct acs *acs, const struct step *st, const char *id, struct msgref ref,
                     struct http_answer *ans)
{
    struct session *s = &acs->s;
    substitute(&ans->body, st->body, id, s->ns, acs->port);
    answer_header(ans, "Content-Type", "text/xml; charset=\"utf-8\"");
    s->hold_active = strstr(sb_str(&ans->body), "HoldRequests") != NULL;
    /* Read back what the file asks, to know which response to expect. */
    struct cpe_msg sent;
    cpe_msg_parse(&sent, sb_str(&ans->body), ans->body.len);
    /* A method of a foreign namespace is a request too: the CPE owes it an answer (a fault). */
    if (sent.kind == MSG_REQUEST || sent.kind == MSG_INFORM ||
        (sent.kind == MSG_BROKEN && sent.body_child != NULL)) {
        char method[80];
        snprintf(method, sizeof(method), "%s", sent.what);
        expect_response(s, method, sent.id);
        record_log(&acs->rec, ref.s, ref.n, "-> raw %s%s%s", method, sent.id ? " id=" : "",
                   sent.id ? sent.id : "");
        trace(&acs->rec, "-> %s (raw, script line %d)", method, st->line);
    } else {
        expect_response(s, NULL, NULL);
        record_log(&acs->rec, ref.s, ref.n, "-> raw");
        trace(&acs->rec, "-> raw envelope (script line %d)", st->line);
    }
    cpe_msg_free(&sent);
}

/* read-tree: its GetParameterNames, or the next batch of GetParameterValues. */
static void send_tree_request(struct acs *acs, const struct step *st, const char *id,
                              struct msgref ref, struct http_answer *ans)
{
    struct session *s = &acs->s;
    struct strbuf body = STRBUF_INIT;
    const char *method = "GetParameterValues";
    if (!s->tree.active) {
        tree_start(&s->tree, st->body, st->code, &body);
        method = "GetParameterNames";
    } else {
        tree_next_batch(&s->tree, &body);
        /* A pause before a batch, for a test to change the CPE in the middle of a read. */
        if (st->pause_file && s->tree.batches == st->pause_batch) {
            free(ans->wait_for);
            ans->wait_for = xstrdup(st->pause_file);
            record_log(&acs->rec, ref.s, ref.n, "read-tree pause before batch %d: wait-for %s",
                       s->tree.batches, st->pause_file);
        }
    }
    send_envelope(acs, ans, s->ns, id, NULL, false, sb_str(&body));
    sb_free(&body);
    expect_response(s, method, id);
    struct strbuf extra = STRBUF_INIT;
    if (s->tree.named)
        sb_printf(&extra, " names=%zu", s->tree.to - s->tree.from);
    if (s->hold_active)
        sb_puts(&extra, " hold");
    record_log(&acs->rec, ref.s, ref.n, "-> %s id=%s%s", method, id, sb_str(&extra));
    if (s->tree.named)
        trace(&acs->rec, "-> GetParameterValues (read-tree %s, batch %d: %zu names)",
              trace_name(s->tree.path), s->tree.batches, s->tree.to - s->tree.from);
    else
        trace(&acs->rec, "-> GetParameterNames %s next-level=0 (read-tree, batches of %d)",
              st->body[0] ? trace_name(st->body) : "\"\"", st->code);
    sb_free(&extra);
}

/* The answer to an empty POST or to a response: the script's next request, or 204. */
static void answer_next_step(struct acs *acs, struct msgref ref, struct http_answer *ans)
{
    struct session *s = &acs->s;
    const struct step *st = peek_step(s);
    if (st == NULL || st->kind == STEP_END || st->kind == STEP_INFORM_RESPONSE) {
        if (st != NULL)
            s->next++;
        ans->status = 204;
        end_session(acs, ref, "204");
        return;
    }
    char id[48];
    snprintf(id, sizeof(id), "%d.%lu", s->number, ++s->next_id);
    if (st->kind == STEP_READ_TREE) {
        /* The step stays current until its last batch is answered (acs_handle). */
        send_tree_request(acs, st, id, ref, ans);
        return;
    }
    s->next++;
    if (st->kind == STEP_RAW) {
        send_raw(acs, st, id, ref, ans);
        return;
    }
    /* A request may name the ACS itself (X_00000C_SetConfiguration of `management server url
     * http://127.0.0.1:@PORT@/acs`): the port is known only now. */
    struct strbuf body = STRBUF_INIT;
    substitute(&body, st->body, NULL, NULL, acs->port);
    send_envelope(acs, ans, s->ns, id, NULL, false, sb_str(&body));
    sb_free(&body);
    expect_response(s, st->method, id);
    record_log(&acs->rec, ref.s, ref.n, "-> %s id=%s%s", st->method, id,
               s->hold_active ? " hold" : "");
    trace(&acs->rec, "-> %s", st->summary);
}

/* What the message says about the conversation: the response owed, the ID, HoldRequests. */
static void check_protocol(struct acs *acs, const struct cpe_msg *m, struct msgref ref)
{
    struct session *s = &acs->s;
    struct recorder *r = &acs->rec;
    struct outstanding *e = &s->expect;
    if (m->kind == MSG_BROKEN)
        return; /* already reported; the response stays owed */
    if (m->kind == MSG_REQUEST && s->hold_active)
        record_invalid(r, ref.s, ref.n, "request %s while HoldRequests is true", m->what);
    if (!e->active) {
        if (m->kind == MSG_RESPONSE || m->kind == MSG_FAULT)
            record_invalid(r, ref.s, ref.n, "%s answers no request of the ACS", m->what);
        return;
    }
    if (m->kind == MSG_EMPTY || m->kind == MSG_REQUEST) {
        record_invalid(r, ref.s, ref.n, "%s while the response to %s is owed", m->what, e->method);
        if (m->kind == MSG_REQUEST)
            return; /* still owed */
    } else if (m->kind == MSG_RESPONSE) {
        size_t n = strlen(e->method);
        if (strncmp(m->what, e->method, n) != 0 || strcmp(m->what + n, "Response") != 0)
            record_invalid(r, ref.s, ref.n, "%s in answer to %s", m->what, e->method);
    }
    if (m->kind != MSG_EMPTY && e->has_id && (m->id == NULL || strcmp(m->id, e->id) != 0))
        record_invalid(r, ref.s, ref.n, "ID mismatch: %s had ID %s, the answer %s", e->method,
                       e->id, m->id != NULL ? m->id : "none");
    e->active = false;
}

/* Runs the modifiers at the head of the steps. Returns true when one of them answered. */
static bool apply_modifiers(struct acs *acs, const struct cpe_msg *m, struct msgref ref,
                            struct http_answer *ans)
{
    struct session *s = &acs->s;
    const struct step *st = peek_step(s);
    if (st != NULL && st->kind == STEP_AGAIN && m->kind != MSG_INFORM) {
        /* An ACS that never ends the session: back to the first step after the Inform's, so
         * that its modifiers (a wait) apply again too. */
        s->next = 0;
        for (size_t i = 0; i < s->steps->n; i++)
            if (s->steps->steps[i].kind == STEP_INFORM_RESPONSE)
                s->next = i + 1;
        record_log(&acs->rec, ref.s, ref.n, "again");
    }
    while ((st = peek_step(s)) != NULL && step_is_modifier(st)) {
        s->next++;
        switch (st->kind) {
        case STEP_WAIT:
            ans->delay += st->seconds;
            record_log(&acs->rec, ref.s, ref.n, "wait %g", st->seconds);
            trace(&acs->rec, "   (waiting %g s)", st->seconds);
            break;
        case STEP_WAIT_FOR:
            free(ans->wait_for);
            ans->wait_for = xstrdup(st->body);
            record_log(&acs->rec, ref.s, ref.n, "wait-for %s", st->body);
            trace(&acs->rec, "   (waiting for %s)", st->body);
            break;
        case STEP_HOLD:
            s->pending_hold = true;
            break;
        case STEP_MOVE_ON:
            /* As STEP_FAULT: it is for a CPE request, and what follows is its answer. */
            s->pending_move_on = true;
            if (m->kind == MSG_REQUEST)
                return false;
            break;
        case STEP_FAULT:
            /* It answers a CPE request: the modifiers after it are for the POST after that. */
            s->pending_fault = st->code;
            if (m->kind == MSG_REQUEST)
                return false;
            break;
        case STEP_HTTP: {
            ans->status = st->code;
            char how[32];
            snprintf(how, sizeof(how), "%d", st->code);
            if (st->code >= 400) {
                end_session(acs, ref, how);
            } else {
                record_log(&acs->rec, ref.s, ref.n, "-> %s", how);
                trace(&acs->rec, "-> HTTP %s", how);
            }
            return true;
        }
        case STEP_CLOSE:
            ans->close = true;
            if (m->kind == MSG_INFORM && !s->answered_inform) {
                end_session(acs, ref, "close");
            } else {
                record_log(&acs->rec, ref.s, ref.n, "-> close");
                trace(&acs->rec, "-> (connection closed)");
            }
            return true;
        case STEP_REDIRECT: {
            struct strbuf url = STRBUF_INIT;
            char port[16];
            snprintf(port, sizeof(port), "%u", acs->port);
            for (const char *p = st->body; *p != '\0'; p++) {
                if (strncmp(p, "@PORT@", 6) == 0) {
                    sb_puts(&url, port);
                    p += 5;
                } else {
                    sb_putc(&url, *p);
                }
            }
            ans->status = 307;
            answer_header(ans, "Location", sb_str(&url));
            record_log(&acs->rec, ref.s, ref.n, "-> 307 %s", sb_str(&url));
            trace(&acs->rec, "-> redirect to %s", sb_str(&url));
            sb_free(&url);
            return true;
        }
        default:
            break;
        }
    }
    return false;
}

static bool authorised(struct acs *acs, const struct http_request *rq, struct msgref ref,
                       struct http_answer *ans)
{
    bool stale;
    const char *why =
        auth_check(&acs->auth, rq->conn, rq->method, rq->path, rq->authorization, &stale);
    /* `stale`: the nonce this answer used expires now; the CPE must answer the new one. */
    const struct step *st = peek_step(&acs->s);
    if (why == NULL && st != NULL && st->kind == STEP_STALE && acs->auth.mode != AUTH_BASIC &&
        acs->auth.mode != AUTH_NONE) {
        acs->s.next++;
        why = "nonce made stale by the script";
        stale = true;
    }
    if (why == NULL)
        return true;
    /* The first request of a CPE normally comes without credentials: not a failure to flag. */
    record_log(&acs->rec, ref.s, ref.n, "auth failed: %s", why);
    struct strbuf challenge = STRBUF_INIT;
    auth_challenge(&acs->auth, rq->conn, stale, &challenge);
    ans->status = 401;
    answer_header(ans, "WWW-Authenticate", sb_str(&challenge));
    sb_free(&challenge);
    const char *scheme = acs->auth.mode == AUTH_BASIC ? "basic" : "digest";
    record_log(&acs->rec, ref.s, ref.n, "-> 401 %s%s", scheme, stale ? " stale" : "");
    trace(&acs->rec, "-> 401 (%s: %s)", scheme, why);
    return false;
}

static void log_received(struct acs *acs, const struct http_request *rq, const struct cpe_msg *m,
                         struct msgref ref)
{
    struct strbuf detail = STRBUF_INIT, tr = STRBUF_INIT;
    cpe_msg_describe(m, acs->rec.verbose, &detail, &tr);
    struct strbuf reqline = STRBUF_INIT;
    sb_printf(&reqline, "%s %s %s", rq->method, rq->path, rq->version);
    record_message(&acs->rec, ref.s, ref.n, m->what, rq->body, rq->len, sb_str(&reqline),
                   rq->headers);
    sb_free(&reqline);
    record_log(&acs->rec, ref.s, ref.n, "<- %s%s port=%u", m->what, sb_str(&detail), rq->port);
    trace(&acs->rec, "%s", sb_str(&tr));
    sb_free(&detail);
    sb_free(&tr);
}

void acs_handle(struct acs *acs, const struct http_request *rq, struct http_answer *ans)
{
    struct session *s = &acs->s;
    struct cpe_msg m;
    cpe_msg_parse(&m, rq->body, rq->len);
    /* An Inform opens a session, unless it re-sends the Inform the open one still waits to
     * answer (after a 401, a 403 or a redirect). */
    if (m.kind == MSG_INFORM && (!s->open || s->answered_inform))
        begin_session(acs, rq->port);
    struct msgref ref = {s->open ? s->number : 0, s->open ? ++s->msgno : ++s->stray_msgno};
    log_received(acs, rq, &m, ref);
    if (!authorised(acs, rq, ref, ans))
        goto out;
    char why[160];
    if (s->open && s->answered_inform && acs->cookie != COOKIE_NONE &&
        !check_cookie(acs, rq->cookie, why, sizeof(why))) {
        record_log(&acs->rec, ref.s, ref.n, "%s", why);
        record_log(&acs->rec, ref.s, ref.n, "-> 403");
        trace(&acs->rec, "-> 403 (%s)", why);
        ans->status = 403;
        goto out;
    }
    check_message(acs, rq, &m, ref.s, ref.n);
    if (!s->open || !s->answered_inform) {
        if (m.kind != MSG_INFORM) {
            record_invalid(&acs->rec, ref.s, ref.n, "%s outside a session (before an Inform)",
                           m.what);
            record_log(&acs->rec, ref.s, ref.n, "-> 400");
            ans->status = 400;
            goto out;
        }
    } else {
        check_protocol(acs, &m, ref);
        /* read-tree: what came in answer to its request (an empty POST too: nothing came). */
        if (s->tree.awaiting &&
            (m.kind == MSG_RESPONSE || m.kind == MSG_FAULT || m.kind == MSG_EMPTY)) {
            tree_take(&s->tree, &m, &acs->rec, ref.s, ref.n);
            if (tree_done(&s->tree)) {
                tree_finish(&s->tree, &acs->rec, ref.s, ref.n);
                s->next++;
            }
        }
    }
    if (apply_modifiers(acs, &m, ref, ans))
        goto out;
    switch (m.kind) {
    case MSG_INFORM:
        answer_inform(acs, &m, ref, ans);
        break;
    case MSG_REQUEST:
        if (s->pending_move_on) {
            /* An ACS that ignores the CPE's request and goes on with its own (real ones do). */
            s->pending_move_on = false;
            record_log(&acs->rec, ref.s, ref.n, "(%s not answered)", m.what);
            trace(&acs->rec, "   (%s not answered: moving on)", m.what);
            if (!apply_modifiers(acs, &m, ref, ans))
                answer_next_step(acs, ref, ans);
        } else {
            answer_cpe_request(acs, &m, ref, ans);
        }
        break;
    case MSG_BROKEN:
        record_log(&acs->rec, ref.s, ref.n, "-> 400");
        trace(&acs->rec, "-> 400 (%s)", m.error);
        ans->status = 400;
        break;
    default:
        answer_next_step(acs, ref, ans);
    }
out:
    cpe_msg_free(&m);
}
