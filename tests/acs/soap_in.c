#include "soap_in.h"

#include <libxml/parser.h>
#include <stdlib.h>
#include <string.h>

#include "record.h"
#include "soap_out.h"
#include "xalloc.h"

/* Above this, the trace prints only the count of parameters (unless -v -v). */
#define TRACE_VALUES_MAX 4

static bool is_element(xmlNodePtr n, const char *ns, const char *name)
{
    if (n == NULL || n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, name) != 0)
        return false;
    if (ns == NULL)
        return true;
    return n->ns != NULL && strcmp((const char *)n->ns->href, ns) == 0;
}

static xmlNodePtr first_element(xmlNodePtr n)
{
    while (n != NULL && n->type != XML_ELEMENT_NODE)
        n = n->next;
    return n;
}

static xmlNodePtr find_child(xmlNodePtr parent, const char *ns, const char *name)
{
    if (parent == NULL)
        return NULL;
    for (xmlNodePtr c = parent->children; c != NULL; c = c->next) {
        if (is_element(c, ns, name))
            return c;
    }
    return NULL;
}

static char *node_text(xmlNodePtr n)
{
    xmlChar *t = xmlNodeGetContent(n);
    char *s = xstrdup(t != NULL ? (const char *)t : "");
    xmlFree(t);
    return s;
}

char *child_text(xmlNodePtr parent, const char *name)
{
    xmlNodePtr c = find_child(parent, NULL, name);
    return c == NULL ? NULL : node_text(c);
}

static const char *node_ns(xmlNodePtr n)
{
    return n != NULL && n->ns != NULL ? (const char *)n->ns->href : NULL;
}

int cwmp_ns_minor(const char *ns)
{
    size_t n = strlen(NS_CWMP_PREFIX);
    if (ns == NULL || strncmp(ns, NS_CWMP_PREFIX, n) != 0)
        return -1;
    if (strcmp(ns + n, "0") == 0 || strcmp(ns + n, "1") == 0 || strcmp(ns + n, "2") == 0)
        return ns[n] - '0';
    return -1;
}

static bool looks_cwmp(const char *ns)
{
    /* Also catches namespaces that do not exist (cwmp-1-3, cwmp-1-4), so that they are reported
     * as wrong rather than as "no cwmp namespace". */
    return ns != NULL && strncmp(ns, NS_CWMP_PREFIX, strlen(NS_CWMP_PREFIX)) == 0;
}

static void set_what(struct cpe_msg *m, const char *name)
{
    size_t i = 0;
    for (; name[i] != '\0' && i + 1 < sizeof(m->what); i++) {
        char c = name[i];
        bool safe = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '-' || c == '.';
        m->what[i] = safe ? c : '_';
    }
    m->what[i] = '\0';
}

static void parse_header(struct cpe_msg *m, xmlNodePtr header)
{
    for (xmlNodePtr c = header != NULL ? header->children : NULL; c != NULL; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || !looks_cwmp(node_ns(c)))
            continue;
        if (strcmp((const char *)c->name, "ID") == 0 && m->id == NULL) {
            m->id = node_text(c);
            if (m->ns == NULL)
                m->ns = xstrdup(node_ns(c));
        } else if (strcmp((const char *)c->name, "SupportedCWMPVersions") == 0) {
            free(m->versions);
            m->versions = node_text(c);
        }
    }
}

static void parse_fault(struct cpe_msg *m)
{
    xmlNodePtr detail = find_child(m->body_child, NULL, "detail");
    for (xmlNodePtr c = detail != NULL ? detail->children : NULL; c != NULL; c = c->next) {
        if (is_element(c, NULL, "Fault") && looks_cwmp(node_ns(c))) {
            free(m->ns);
            m->ns = xstrdup(node_ns(c));
            char *code = child_text(c, "FaultCode");
            m->fault_code = code != NULL ? atoi(code) : 0;
            free(code);
            return;
        }
    }
}

static void classify(struct cpe_msg *m)
{
    xmlNodePtr env = xmlDocGetRootElement(m->doc);
    if (!is_element(env, NS_SOAP_ENV, "Envelope")) {
        snprintf(m->error, sizeof(m->error), "the root is not a SOAP 1.1 Envelope");
        return;
    }
    parse_header(m, find_child(env, NS_SOAP_ENV, "Header"));
    xmlNodePtr body = find_child(env, NS_SOAP_ENV, "Body");
    m->body_child = body != NULL ? first_element(body->children) : NULL;
    if (m->body_child == NULL) {
        snprintf(m->error, sizeof(m->error), "no element in a SOAP Body");
        return;
    }
    const char *name = (const char *)m->body_child->name;
    set_what(m, name);
    if (is_element(m->body_child, NS_SOAP_ENV, "Fault")) {
        m->kind = MSG_FAULT;
        parse_fault(m);
        return;
    }
    const char *ns = node_ns(m->body_child);
    if (!looks_cwmp(ns)) {
        snprintf(m->error, sizeof(m->error), "the Body's child %.60s is not in a cwmp namespace",
                 name);
        return;
    }
    free(m->ns);
    m->ns = xstrdup(ns);
    size_t n = strlen(name);
    if (strcmp(name, "Inform") == 0)
        m->kind = MSG_INFORM;
    else if (n > 8 && strcmp(name + n - 8, "Response") == 0)
        m->kind = MSG_RESPONSE;
    else
        m->kind = MSG_REQUEST;
}

void cpe_msg_parse(struct cpe_msg *m, const char *data, size_t len)
{
    memset(m, 0, sizeof(*m));
    if (len == 0) {
        m->kind = MSG_EMPTY;
        strcpy(m->what, "empty");
        return;
    }
    m->kind = MSG_BROKEN;
    strcpy(m->what, "invalid");
    xmlResetLastError();
    /* No network and no entity substitution: what a CPE sends must not make the ACS fetch. */
    m->doc = xmlReadMemory(data, (int)len, "cpe.xml", NULL,
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (m->doc == NULL) {
        const xmlError *e = xmlGetLastError();
        snprintf(m->error, sizeof(m->error), "not well-formed XML: line %d: %s",
                 e != NULL ? e->line : 0, e != NULL && e->message ? e->message : "?");
        char *nl = strchr(m->error, '\n');
        if (nl != NULL)
            *nl = '\0';
        return;
    }
    classify(m);
}

void cpe_msg_free(struct cpe_msg *m)
{
    if (m->doc != NULL)
        xmlFreeDoc(m->doc);
    free(m->ns);
    free(m->id);
    free(m->versions);
    memset(m, 0, sizeof(*m));
}

static int count_children(xmlNodePtr parent, const char *name)
{
    int n = 0;
    for (xmlNodePtr c = parent != NULL ? parent->children : NULL; c != NULL; c = c->next)
        n += is_element(c, NULL, name);
    return n;
}

static void describe_inform(xmlNodePtr inform, struct strbuf *log, struct strbuf *trace)
{
    struct strbuf events = STRBUF_INIT;
    xmlNodePtr list = find_child(inform, NULL, "Event");
    for (xmlNodePtr e = list != NULL ? list->children : NULL; e != NULL; e = e->next) {
        if (!is_element(e, NULL, "EventStruct"))
            continue;
        char *code = child_text(e, "EventCode");
        char *key = child_text(e, "CommandKey");
        sb_printf(&events, "%s%s", events.len ? "," : "", code != NULL ? code : "?");
        if (key != NULL && key[0] != '\0')
            sb_printf(&events, "(%s)", key);
        free(code);
        free(key);
    }
    char *retry = child_text(inform, "RetryCount");
    sb_printf(log, " events=%s retry=%s", sb_str(&events), retry != NULL ? retry : "?");
    xmlNodePtr dev = find_child(inform, NULL, "DeviceId");
    char *oui = child_text(dev, "OUI"), *serial = child_text(dev, "SerialNumber");
    struct strbuf pretty = STRBUF_INIT;
    for (const char *p = sb_str(&events); *p != '\0'; p++) {
        if (*p == ',')
            sb_puts(&pretty, ", ");
        else
            sb_putc(&pretty, *p);
    }
    sb_printf(trace, "<- Inform (%s) from %s-%s", sb_str(&pretty), oui ? oui : "?",
              serial ? serial : "?");
    if (retry != NULL && strcmp(retry, "0") != 0)
        sb_printf(trace, ", retry %s", retry);
    sb_free(&pretty);
    sb_free(&events);
    free(retry);
    free(oui);
    free(serial);
}

static void describe_values(xmlNodePtr resp, int verbose, struct strbuf *log, struct strbuf *trace)
{
    xmlNodePtr list = find_child(resp, NULL, "ParameterList");
    int n = count_children(list, "ParameterValueStruct");
    sb_printf(log, " params=%d", n);
    sb_printf(trace, ": %d parameter%s", n, n == 1 ? "" : "s");
    if (n > TRACE_VALUES_MAX && verbose < 2)
        return;
    for (xmlNodePtr p = list->children; p != NULL; p = p->next) {
        if (!is_element(p, NULL, "ParameterValueStruct"))
            continue;
        char *name = child_text(p, "Name"), *value = child_text(p, "Value");
        sb_printf(trace, "\n     %s = %s", name ? trace_name(name) : "?", value ? value : "?");
        free(name);
        free(value);
    }
}

static void describe_fault(const struct cpe_msg *m, struct strbuf *log, struct strbuf *trace)
{
    xmlNodePtr detail = find_child(m->body_child, NULL, "detail");
    xmlNodePtr f = find_child(detail, NULL, "Fault");
    char *text = child_text(f, "FaultString");
    int nspv = count_children(f, "SetParameterValuesFault");
    int ncmd = count_children(f, "X_00000C_SetConfigurationFault");
    sb_printf(log, " code=%d", m->fault_code);
    if (nspv > 0)
        sb_printf(log, " parameters=%d", nspv);
    sb_printf(trace, ": %d %s", m->fault_code, text != NULL ? text : "");
    /* X_00000C_SetConfiguration: how many commands failed and each one's parser result code. */
    if (ncmd > 0)
        sb_printf(log, " commands=%d codes=", ncmd);
    int seen = 0;
    for (xmlNodePtr c = f != NULL ? f->children : NULL; c != NULL; c = c->next) {
        bool spv = is_element(c, NULL, "SetParameterValuesFault");
        bool cmd = is_element(c, NULL, "X_00000C_SetConfigurationFault");
        if (!spv && !cmd)
            continue;
        char *name = child_text(c, spv ? "ParameterName" : "Command");
        char *code = child_text(c, "FaultCode");
        if (cmd)
            sb_printf(log, "%s%s", seen++ ? "," : "", code ? code : "?");
        sb_printf(trace, "\n     %s: %s", name ? (spv ? trace_name(name) : name) : "?",
                  code ? code : "?");
        free(name);
        free(code);
    }
    free(text);
}

/* X_00000C_ShowStatusResponse: the commands answered and the size of their output. */
static void describe_show_status(xmlNodePtr resp, int verbose, struct strbuf *log,
                                 struct strbuf *trace)
{
    xmlNodePtr list = find_child(resp, NULL, "ExecResponseList");
    int n = 0;
    size_t bytes = 0;
    struct strbuf each = STRBUF_INIT;
    for (xmlNodePtr c = list != NULL ? list->children : NULL; c != NULL; c = c->next) {
        if (!is_element(c, NULL, "ExecResponseStruct"))
            continue;
        n++;
        char *cmd = child_text(c, "Command"), *out = child_text(c, "Response");
        size_t len = out != NULL ? strlen(out) : 0;
        bytes += len;
        sb_printf(&each, "\n     %s: %zu bytes", cmd ? cmd : "?", len);
        free(cmd);
        free(out);
    }
    sb_printf(log, " commands=%d bytes=%zu", n, bytes);
    sb_printf(trace, ": %d command%s, %zu bytes of output", n, n == 1 ? "" : "s", bytes);
    if (n <= TRACE_VALUES_MAX || verbose >= 2)
        sb_puts(trace, sb_str(&each));
    sb_free(&each);
}

/* A value in a log line, where blanks separate fields and commas list items: encoded as the
 * script's words are (%20, %2C, %25; an empty value stays empty). */
static void log_word(struct strbuf *log, const char *v)
{
    for (const unsigned char *p = (const unsigned char *)v; *p != '\0'; p++) {
        if (*p <= ' ' || *p == ',' || *p == '%' || *p == 0x7f)
            sb_printf(log, "%%%02X", *p);
        else
            sb_putc(log, (char)*p);
    }
}

/* TR-069's Unknown Time is 0001-01-01T00:00:00Z: what a transfer not done yet reports. */
static const char *time_word(const char *t)
{
    if (t == NULL)
        return "?";
    return strncmp(t, "0001-01-01T00:00:00", 19) == 0 ? "UNKNOWN" : "YES";
}

static void describe_times(xmlNodePtr b, struct strbuf *log, struct strbuf *trace)
{
    char *start = child_text(b, "StartTime"), *complete = child_text(b, "CompleteTime");
    sb_printf(log, " start=%s complete=%s", time_word(start), time_word(complete));
    sb_printf(trace, ", started %s, completed %s", start ? start : "?", complete ? complete : "?");
    free(start);
    free(complete);
}

/* TransferComplete, AutonomousTransferComplete: the key and fault first (tests grep for them). */
static void describe_transfer_complete(xmlNodePtr b, struct strbuf *log, struct strbuf *trace)
{
    char *key = child_text(b, "CommandKey");
    xmlNodePtr fs = find_child(b, NULL, "FaultStruct");
    char *code = child_text(fs, "FaultCode"), *text = child_text(fs, "FaultString");
    sb_puts(log, " key=");
    log_word(log, key ? key : "");
    sb_printf(log, " fault=%s", code ? code : "?");
    sb_printf(trace, " key=%s fault %s", key ? key : "", code ? code : "?");
    if (text != NULL && text[0] != '\0')
        sb_printf(trace, " (%s)", text);
    describe_times(b, log, trace);
    free(key);
    free(code);
    free(text);
}

/* GetQueuedTransfersResponse and GetAllQueuedTransfersResponse: one comma list per field. */
static void describe_transfers(xmlNodePtr resp, bool all, struct strbuf *log, struct strbuf *trace)
{
    static const char *const fields[] = {"CommandKey", "State",    "IsDownload",
                                         "FileType",   "FileSize", "TargetFileName"};
    static const char *const words[] = {"keys", "states", "downloads", "types", "sizes", "targets"};
    const int nf = all ? 6 : 2;
    struct strbuf cols[6];
    for (int i = 0; i < nf; i++)
        sb_init(&cols[i]);
    xmlNodePtr list = find_child(resp, NULL, "TransferList");
    int n = 0;
    struct strbuf each = STRBUF_INIT;
    for (xmlNodePtr c = list != NULL ? list->children : NULL; c != NULL; c = c->next) {
        if (!is_element(c, NULL, all ? "AllQueuedTransferStruct" : "QueuedTransferStruct"))
            continue;
        sb_puts(&each, "\n    ");
        for (int i = 0; i < nf; i++) {
            char *v = child_text(c, fields[i]);
            const char *w = v != NULL ? v : "?";
            /* IsDownload is an xsd:boolean: true and 1 alike. */
            if (i == 2 && v != NULL)
                w = strcmp(v, "true") == 0 || strcmp(v, "1") == 0 ? "1" : "0";
            if (n > 0)
                sb_putc(&cols[i], ',');
            log_word(&cols[i], w);
            sb_printf(&each, " %s=%s", fields[i], w);
            free(v);
        }
        n++;
    }
    sb_printf(log, " transfers=%d", n);
    for (int i = 0; i < nf; i++) {
        sb_printf(log, " %s=%s", words[i], sb_str(&cols[i]));
        sb_free(&cols[i]);
    }
    sb_printf(trace, ": %d transfer%s%s", n, n == 1 ? "" : "s", sb_str(&each));
    sb_free(&each);
}

/* Responses that carry a Status, and what else is worth a glance. */
static void describe_status(xmlNodePtr resp, struct strbuf *log, struct strbuf *trace)
{
    char *instance = child_text(resp, "InstanceNumber");
    char *status = child_text(resp, "Status");
    if (instance != NULL) {
        sb_printf(log, " instance=%s", instance);
        sb_printf(trace, ": instance %s", instance);
    }
    if (status != NULL) {
        sb_printf(log, " status=%s", status);
        sb_printf(trace, "%s status %s", instance ? "," : ":", status);
    }
    free(instance);
    free(status);
}

void cpe_msg_describe(const struct cpe_msg *m, int verbose, struct strbuf *log,
                      struct strbuf *trace)
{
    if (m->kind == MSG_EMPTY || m->kind == MSG_BROKEN) {
        sb_printf(trace, "<- %s", m->what);
        return;
    }
    xmlNodePtr b = m->body_child;
    const char *name = (const char *)b->name;
    if (m->kind == MSG_INFORM) {
        describe_inform(b, log, trace);
        return;
    }
    sb_printf(trace, "<- %s", name);
    if (m->kind == MSG_FAULT) {
        describe_fault(m, log, trace);
    } else if (strcmp(name, "GetParameterValuesResponse") == 0) {
        describe_values(b, verbose, log, trace);
    } else if (strcmp(name, "GetParameterNamesResponse") == 0 ||
               strcmp(name, "GetParameterAttributesResponse") == 0) {
        xmlNodePtr list = find_child(b, NULL, "ParameterList");
        int count = 0;
        for (xmlNodePtr c = list != NULL ? list->children : NULL; c != NULL; c = c->next)
            count += c->type == XML_ELEMENT_NODE;
        sb_printf(log, " params=%d", count);
        sb_printf(trace, ": %d parameter%s", count, count == 1 ? "" : "s");
    } else if (strcmp(name, "GetRPCMethodsResponse") == 0 || strcmp(name, "GetRPCMethods") == 0) {
        int count = count_children(find_child(b, NULL, "MethodList"), "string");
        if (find_child(b, NULL, "MethodList") != NULL) {
            sb_printf(log, " methods=%d", count);
            sb_printf(trace, ": %d methods", count);
        }
    } else if (strcmp(name, "TransferComplete") == 0 ||
               strcmp(name, "AutonomousTransferComplete") == 0) {
        describe_transfer_complete(b, log, trace);
    } else if (strcmp(name, "GetQueuedTransfersResponse") == 0 ||
               strcmp(name, "GetAllQueuedTransfersResponse") == 0) {
        describe_transfers(b, name[3] == 'A', log, trace);
    } else if (strcmp(name, "DownloadResponse") == 0 || strcmp(name, "UploadResponse") == 0) {
        describe_status(b, log, trace);
        describe_times(b, log, trace);
    } else if (strcmp(name, "X_00000C_ShowStatusResponse") == 0) {
        describe_show_status(b, verbose, log, trace);
    } else {
        describe_status(b, log, trace);
    }
}
