#include "check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "soap_out.h"
#include "xalloc.h"

static const char *const ns_of_minor[3] = {NS_CWMP_PREFIX "0", NS_CWMP_PREFIX "1",
                                           NS_CWMP_PREFIX "2"};

static void check_headers(struct acs *acs, const struct http_request *rq, const struct cpe_msg *m,
                          int sn, int mn)
{
    struct recorder *r = &acs->rec;
    if (m->kind == MSG_EMPTY) {
        if (rq->content_type != NULL)
            record_invalid(r, sn, mn, "empty POST with Content-Type: %s", rq->content_type);
        if (rq->soapaction != NULL)
            record_invalid(r, sn, mn, "empty POST with a SOAPAction header");
        return;
    }
    if (rq->content_type == NULL || strncasecmp(rq->content_type, "text/xml", 8) != 0 ||
        (rq->content_type[8] != '\0' && rq->content_type[8] != ';' && rq->content_type[8] != ' '))
        record_invalid(r, sn, mn, "Content-Type is %s, not text/xml",
                       rq->content_type != NULL ? rq->content_type : "missing");
    if (m->kind == MSG_RESPONSE || m->kind == MSG_FAULT) {
        /* A response carries the header with no value at all, not even "". */
        if (rq->soapaction == NULL)
            record_invalid(r, sn, mn, "no SOAPAction header on a %s", m->what);
        else if (rq->soapaction[0] != '\0')
            record_invalid(r, sn, mn, "SOAPAction on a %s is `%s`, not empty", m->what,
                           rq->soapaction);
    } else if (m->kind == MSG_INFORM || m->kind == MSG_REQUEST) {
        if (rq->soapaction == NULL)
            record_invalid(r, sn, mn, "no SOAPAction header on the request %s", m->what);
    }
}

void check_message(struct acs *acs, const struct http_request *rq, struct cpe_msg *m, int sn,
                   int mn)
{
    struct recorder *r = &acs->rec;
    check_headers(acs, rq, m, sn, mn);
    if (m->kind == MSG_EMPTY)
        return;
    if (m->kind == MSG_BROKEN) {
        record_invalid(r, sn, mn, "%s", m->error);
        return;
    }
    if (m->ns == NULL) {
        record_invalid(r, sn, mn, "%s: no cwmp namespace (neither the method nor cwmp:ID)",
                       m->what);
    } else if (cwmp_ns_minor(m->ns) < 0 && (acs->field_ns == NULL || m->kind == MSG_INFORM ||
                                            strcmp(m->ns, acs->field_ns) != 0)) {
        record_invalid(r, sn, mn, "%s: %s is not a cwmp namespace (1.3 and 1.4 use cwmp-1-2)",
                       m->what, m->ns);
    } else if (m->kind != MSG_INFORM && acs->s.open && acs->s.answered_inform &&
               acs->s.ns[0] != '\0' && strcmp(m->ns, acs->s.ns) != 0) {
        record_invalid(r, sn, mn, "%s in %s, the session speaks %s", m->what, m->ns, acs->s.ns);
    }
    if (acs->validator != NULL && cwmp_ns_minor(m->ns) >= 0) {
        char reason[600];
        if (!validator_check(acs->validator, m->doc, m->ns, reason, sizeof(reason)))
            record_invalid(r, sn, mn, "%s", reason);
    }
}

/* Finds the cookie `session` in a Cookie header, Netscape (`a=b; session=x`) or RFC 2965
 * (`$Version="1"; session="x"; $Path="/acs"`). */
static bool find_session_cookie(const char *header, char *value, size_t len, bool *has_version)
{
    bool found = false;
    *has_version = false;
    char *copy = xstrdup(header), *save = NULL;
    for (char *item = strtok_r(copy, ";,", &save); item != NULL;
         item = strtok_r(NULL, ";,", &save)) {
        while (*item == ' ' || *item == '\t')
            item++;
        char *eq = strchr(item, '=');
        if (eq == NULL)
            continue;
        *eq = '\0';
        char *name = item, *v = eq + 1;
        for (char *e = eq; e > name && (e[-1] == ' ' || e[-1] == '\t'); e--)
            e[-1] = '\0';
        if (strcmp(name, "$Version") == 0)
            *has_version = true;
        if (strcmp(name, "session") != 0 || found)
            continue;
        size_t vl = strlen(v);
        while (vl > 0 && (v[vl - 1] == ' ' || v[vl - 1] == '\t'))
            v[--vl] = '\0';
        if (vl >= 2 && v[0] == '"' && v[vl - 1] == '"') {
            v[vl - 1] = '\0';
            v++;
        }
        snprintf(value, len, "%s", v);
        found = true;
    }
    free(copy);
    return found;
}

bool check_cookie(const struct acs *acs, const char *header, char *why, size_t len)
{
    char value[256];
    bool has_version;
    if (header == NULL || !find_session_cookie(header, value, sizeof(value), &has_version)) {
        snprintf(why, len, "cookie missing");
        return false;
    }
    if (strcmp(value, acs->s.cookie) != 0) {
        snprintf(why, len, "cookie missing (session=%.60s is not this session's)", value);
        return false;
    }
    if (acs->cookie == COOKIE_RFC2965 && !has_version) {
        snprintf(why, len, "cookie missing its $Version (RFC 2965)");
        return false;
    }
    return true;
}

/* The highest version of a "1.0,1.1,1.4" list that is at most max (both x10), 0 for none. */
static int best_version(const char *list, int max)
{
    int best = 0;
    char *copy = xstrdup(list), *save = NULL;
    for (char *w = strtok_r(copy, ", ", &save); w != NULL; w = strtok_r(NULL, ", ", &save)) {
        int major, minor;
        char extra;
        if (sscanf(w, "%d.%d%c", &major, &minor, &extra) != 2 || major != 1 || minor < 0 ||
            minor > 9)
            continue;
        int v = 10 + minor;
        if (v <= max && v > best)
            best = v;
    }
    free(copy);
    return best;
}

static int minor_of_version(int v)
{
    return v <= 10 ? 0 : v == 11 ? 1 : 2;
}

const char *ns_of_version(const char *v, const char *dflt)
{
    int major, minor;
    char extra;
    if (sscanf(v, "%d.%d%c", &major, &minor, &extra) != 2 || major != 1 || minor < 0 || minor > 9)
        return dflt;
    return ns_of_minor[minor_of_version(10 + minor)];
}

void negotiate(const struct acs *acs, const struct cpe_msg *inform, struct negotiation *out)
{
    memset(out, 0, sizeof(*out));
    if (acs->field_ns != NULL) {
        /* The field's habit: the ACS speaks its namespace whatever the CPE's, for the session. */
        out->answer_ns = out->session_ns = acs->field_ns;
        return;
    }
    int cpe = cwmp_ns_minor(inform->ns);
    if (cpe < 0) {
        /* Not a namespace we know (already reported): echo it, the CPE chose it. */
        out->answer_ns = out->session_ns = inform->ns != NULL ? inform->ns : ns_of_minor[2];
        return;
    }
    int mine = acs->version != 0 ? minor_of_version(acs->version) : cpe;
    /* An older ACS answers in its own namespace; the CPE follows it for the session. */
    int minor = mine < cpe ? mine : cpe;
    out->answer_ns = out->session_ns = ns_of_minor[minor];
    if (acs->version == 14 && inform->versions != NULL) {
        int v = best_version(inform->versions, 14);
        if (v != 0) {
            snprintf(out->use_version, sizeof(out->use_version), "1.%d", v - 10);
            out->session_ns = ns_of_minor[minor_of_version(v)];
        }
    }
}
