#include "soap.h"

#include <ctype.h>
#include <errno.h>
#include <libxml/parser.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "xalloc.h"

const char *const cwmp_ns_uri[CWMP_NS_COUNT] = {
    "urn:dslforum-org:cwmp-1-0",
    "urn:dslforum-org:cwmp-1-1",
    "urn:dslforum-org:cwmp-1-2",
    "urn:dslforum-org:cwmp-1-3",
    "urn:dslforum-org:cwmp-1-4",
};

static int ns_of(xmlNodePtr n)
{
    if (!n->ns || !n->ns->href)
        return -1;
    for (int i = 0; i < CWMP_NS_COUNT; i++)
        if (!strcmp((const char *)n->ns->href, cwmp_ns_uri[i]))
            return i;
    return -1;
}

static bool in_soap_env(xmlNodePtr n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
           !strcmp((const char *)n->ns->href, SOAP_ENV_NS) && !strcmp((const char *)n->name, name);
}

bool soap_is(xmlNodePtr node, const char *name)
{
    return node && node->type == XML_ELEMENT_NODE && !strcmp((const char *)node->name, name);
}

xmlNodePtr soap_first_element(xmlNodePtr parent)
{
    if (!parent)
        return NULL;
    for (xmlNodePtr c = parent->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE)
            return c;
    return NULL;
}

xmlNodePtr soap_next_element(xmlNodePtr node)
{
    for (xmlNodePtr c = node ? node->next : NULL; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE)
            return c;
    return NULL;
}

xmlNodePtr soap_child(xmlNodePtr parent, const char *name)
{
    for (xmlNodePtr c = soap_first_element(parent); c; c = soap_next_element(c))
        if (!strcmp((const char *)c->name, name))
            return c;
    return NULL;
}

char *soap_text(xmlNodePtr node)
{
    if (!node)
        return xstrdup("");
    xmlChar *t = xmlNodeGetContent(node);
    char *s = xstrdup(t ? (const char *)t : "");
    xmlFree(t);
    return s;
}

static char *trimmed_text(xmlNodePtr node)
{
    char *s = soap_text(node);
    char *p = s;
    while (isspace((unsigned char)*p))
        p++;
    size_t len = strlen(p);
    while (len > 0 && isspace((unsigned char)p[len - 1]))
        len--;
    memmove(s, p, len);
    s[len] = '\0';
    return s;
}

static int depth_of(xmlNodePtr n, int depth, int max)
{
    if (depth > max)
        return depth;
    int deepest = depth;
    for (xmlNodePtr c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        int d = depth_of(c, depth + 1, max);
        if (d > deepest)
            deepest = d;
        if (deepest > max)
            break;
    }
    return deepest;
}

static bool must_understand(xmlNodePtr h)
{
    xmlChar *v = xmlGetNsProp(h, BAD_CAST "mustUnderstand", BAD_CAST SOAP_ENV_NS);
    bool must = v && (!strcmp((const char *)v, "1") || !strcmp((const char *)v, "true"));
    xmlFree(v);
    return must;
}

static void not_understood(struct soap_msg *m, xmlNodePtr h)
{
    if (m->not_understood[0])
        return;
    const char *uri = h->ns && h->ns->href ? (const char *)h->ns->href : "";
    snprintf(m->not_understood, sizeof m->not_understood, "{%s}%s", uri, (const char *)h->name);
}

static void read_header(xmlNodePtr header, struct soap_msg *m)
{
    for (xmlNodePtr h = soap_first_element(header); h; h = soap_next_element(h)) {
        int ns = ns_of(h);
        if (ns < 0) {
            if (must_understand(h))
                not_understood(m, h);
            continue;
        }
        if (m->ns < 0)
            m->ns = ns;
        if (!strcmp((const char *)h->name, "ID")) {
            free(m->id);
            m->id = trimmed_text(h);
        } else if (!strcmp((const char *)h->name, "HoldRequests")) {
            char *t = trimmed_text(h);
            bool v = false;
            m->hold_requests = xsd_parse_bool(t, &v) && v;
            free(t);
        } else if (!strcmp((const char *)h->name, "UseCWMPVersion")) {
            free(m->use_version);
            m->use_version = trimmed_text(h);
        } else if (!strcmp((const char *)h->name, "SessionTimeout")) {
            char *t = trimmed_text(h);
            unsigned long v = 0;
            m->session_timeout = xsd_parse_uint(t, 0xffffffffUL, &v) ? (unsigned)v : 0;
            free(t);
        } else if (strcmp((const char *)h->name, "SupportedCWMPVersions") != 0 &&
                   strcmp((const char *)h->name, "NoMoreRequests") != 0 && must_understand(h)) {
            /* NoMoreRequests (deprecated) and SupportedCWMPVersions are known and ignored. */
            not_understood(m, h);
        }
    }
}

static void read_fault(struct soap_msg *m)
{
    xmlNodePtr detail = soap_child(m->body, "detail");
    xmlNodePtr f = detail ? soap_child(detail, "Fault") : NULL;
    if (!f)
        return;
    char *code = trimmed_text(soap_child(f, "FaultCode"));
    unsigned long v;
    if (xsd_parse_uint(code, 99999, &v))
        m->fault_code = (int)v;
    free(code);
    char *s = soap_text(soap_child(f, "FaultString"));
    snprintf(m->fault_string, sizeof m->fault_string, "%s", s);
    free(s);
}

int soap_parse(const char *buf, size_t len, size_t max_size, int max_depth, struct soap_msg *m,
               const char **why)
{
    memset(m, 0, sizeof *m);
    m->ns = -1;
    if (len > max_size || len > INT_MAX) {
        *why = "the message is larger than the limit";
        return -1;
    }
    /* No DTD loading, no entity substitution, no network; errors are ours to report. */
    m->doc = xmlReadMemory(buf, (int)len, "cwmp.xml", NULL,
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!m->doc) {
        *why = "the message is not well-formed XML";
        return -1;
    }
    if (m->doc->intSubset || m->doc->extSubset) {
        *why = "the message carries a document type declaration";
        return -1;
    }
    xmlNodePtr env = xmlDocGetRootElement(m->doc);
    if (!env || !in_soap_env(env, "Envelope")) {
        *why = "the root is not a SOAP 1.1 Envelope";
        return -1;
    }
    if (depth_of(env, 1, max_depth) > max_depth) {
        *why = "the message is nested too deeply";
        return -1;
    }
    xmlNodePtr body = NULL;
    for (xmlNodePtr c = soap_first_element(env); c; c = soap_next_element(c)) {
        if (in_soap_env(c, "Header"))
            read_header(c, m);
        else if (in_soap_env(c, "Body"))
            body = c;
    }
    if (!body) {
        *why = "the Envelope has no Body";
        return -1;
    }
    m->body = soap_first_element(body);
    if (!m->body || soap_next_element(m->body)) {
        *why = "the Body must hold exactly one element";
        return -1;
    }
    m->name = (const char *)m->body->name;
    m->body_cwmp = ns_of(m->body) >= 0;
    if (in_soap_env(m->body, "Fault")) {
        m->fault = true;
        read_fault(m);
    } else if (ns_of(m->body) >= 0) {
        m->ns = ns_of(m->body);
    }
    return 0;
}

void soap_msg_free(struct soap_msg *m)
{
    if (m->doc)
        xmlFreeDoc(m->doc);
    free(m->id);
    free(m->use_version);
    memset(m, 0, sizeof *m);
    m->ns = -1;
}

/* Length of the UTF-8 sequence at p (1..4), or 0 when it is not one. */
static size_t utf8_len(const unsigned char *p, size_t left)
{
    unsigned char c = p[0];
    size_t n;
    unsigned cp;
    if (c < 0x80)
        return 1;
    if ((c & 0xe0) == 0xc0) {
        n = 2;
        cp = c & 0x1f;
    } else if ((c & 0xf0) == 0xe0) {
        n = 3;
        cp = c & 0x0f;
    } else if ((c & 0xf8) == 0xf0) {
        n = 4;
        cp = c & 0x07;
    } else {
        return 0;
    }
    if (n > left)
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((p[i] & 0xc0) != 0x80)
            return 0;
        cp = cp << 6 | (p[i] & 0x3f);
    }
    /* No overlong forms, no surrogates, nothing past U+10FFFF, nothing XML forbids. */
    if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
        (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff || cp == 0xfffe || cp == 0xffff)
        return 0;
    return n;
}

static bool clean_already(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80 || (c < 0x20 && c != '\t' && c != '\n' && c != '\r'))
            return false;
    }
    return true;
}

void soap_clean(const char *in, size_t len, struct strbuf *out)
{
    const unsigned char *p = (const unsigned char *)in;
    size_t i = 0;
    while (i < len) {
        unsigned char c = p[i];
        if (c < 0x80) {
            sb_putc(out, c < 0x20 && c != '\t' && c != '\n' && c != '\r' ? '?' : (char)c);
            i++;
            continue;
        }
        size_t n = utf8_len(p + i, len - i);
        if (n == 0) {
            sb_putc(out, '?');
            i++;
        } else {
            sb_append(out, p + i, n);
            i += n;
        }
    }
}

static void check(struct soap_writer *sw, int rc)
{
    if (rc < 0)
        sw->failed = true;
}

void soap_begin(struct soap_writer *sw, int ns, const char *id, const char *supported_versions)
{
    memset(sw, 0, sizeof *sw);
    sw->ns = ns;
    sw->buf = xmlBufferCreate();
    sw->w = xmlNewTextWriterMemory(sw->buf, 0);
    if (!sw->buf || !sw->w) {
        sw->failed = true;
        return;
    }
    check(sw, xmlTextWriterStartDocument(sw->w, NULL, "UTF-8", NULL));
    soap_start(sw, "soap-env:Envelope");
    soap_attr(sw, "xmlns:soap-env", SOAP_ENV_NS);
    soap_attr(sw, "xmlns:soap-enc", SOAP_ENC_NS);
    soap_attr(sw, "xmlns:xsd", "http://www.w3.org/2001/XMLSchema");
    soap_attr(sw, "xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance");
    soap_attr(sw, "xmlns:cwmp", cwmp_ns_uri[ns]);
    if (id || supported_versions) {
        soap_start(sw, "soap-env:Header");
        if (id) {
            soap_start(sw, "cwmp:ID");
            soap_attr(sw, "soap-env:mustUnderstand", "1");
            check(sw, xmlTextWriterWriteString(sw->w, BAD_CAST id));
            soap_end(sw);
        }
        if (supported_versions) {
            soap_start(sw, "cwmp:SupportedCWMPVersions");
            soap_attr(sw, "soap-env:mustUnderstand", "0");
            check(sw, xmlTextWriterWriteString(sw->w, BAD_CAST supported_versions));
            soap_end(sw);
        }
        soap_end(sw);
    }
    soap_start(sw, "soap-env:Body");
}

void soap_start(struct soap_writer *sw, const char *name)
{
    if (!sw->failed)
        check(sw, xmlTextWriterStartElement(sw->w, BAD_CAST name));
}

void soap_end(struct soap_writer *sw)
{
    if (!sw->failed)
        check(sw, xmlTextWriterFullEndElement(sw->w));
}

void soap_attr(struct soap_writer *sw, const char *name, const char *value)
{
    if (!sw->failed)
        check(sw, xmlTextWriterWriteAttribute(sw->w, BAD_CAST name, BAD_CAST value));
}

static void write_text(struct soap_writer *sw, const char *text, size_t len)
{
    if (clean_already(text, len) && text[len] == '\0') {
        check(sw, xmlTextWriterWriteString(sw->w, BAD_CAST text));
    } else {
        struct strbuf c = STRBUF_INIT;
        soap_clean(text, len, &c);
        check(sw, xmlTextWriterWriteString(sw->w, BAD_CAST sb_str(&c)));
        sb_free(&c);
    }
}

void soap_elem_len(struct soap_writer *sw, const char *name, const char *text, size_t len)
{
    if (sw->failed)
        return;
    soap_start(sw, name);
    write_text(sw, text, len);
    soap_end(sw);
}

void soap_value(struct soap_writer *sw, const char *xsi_type, const char *text)
{
    if (sw->failed)
        return;
    soap_start(sw, "Value");
    soap_attr(sw, "xsi:type", xsi_type);
    write_text(sw, text, strlen(text));
    soap_end(sw);
}

void soap_elem(struct soap_writer *sw, const char *name, const char *text)
{
    soap_elem_len(sw, name, text ? text : "", text ? strlen(text) : 0);
}

void soap_elemf(struct soap_writer *sw, const char *name, const char *fmt, ...)
{
    struct strbuf t = STRBUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    sb_vprintf(&t, fmt, ap);
    va_end(ap);
    soap_elem(sw, name, sb_str(&t));
    sb_free(&t);
}

void soap_start_array(struct soap_writer *sw, const char *name, const char *type, size_t n)
{
    char at[96];
    snprintf(at, sizeof at, "%s[%zu]", type, n);
    soap_start(sw, name);
    soap_attr(sw, "soap-enc:arrayType", at);
}

char *soap_finish(struct soap_writer *sw, size_t *len)
{
    if (!sw->failed)
        check(sw, xmlTextWriterEndDocument(sw->w));
    if (sw->w) {
        xmlFreeTextWriter(sw->w);
        sw->w = NULL;
    }
    char *out = NULL;
    if (!sw->failed && sw->buf) {
        size_t n = (size_t)xmlBufferLength(sw->buf);
        out = xstrndup((const char *)xmlBufferContent(sw->buf), n);
        *len = n;
    }
    if (sw->buf)
        xmlBufferFree(sw->buf);
    sw->buf = NULL;
    return out;
}

void soap_abandon(struct soap_writer *sw)
{
    size_t len;
    free(soap_finish(sw, &len));
}

const char *cwmp_fault_text(int code)
{
    switch (code) {
    case 9000:
        return "Method not supported";
    case 9001:
        return "Request denied";
    case 9002:
        return "Internal error";
    case 9003:
        return "Invalid arguments";
    case 9004:
        return "Resources exceeded";
    case 9005:
        return "Invalid parameter name";
    case 9006:
        return "Invalid parameter type";
    case 9007:
        return "Invalid parameter value";
    case 9008:
        return "Attempt to set a non-writable parameter";
    case 9009:
        return "Notification request rejected";
    case 9010:
        return "File transfer failure";
    case 9011:
        return "Upload failure";
    case 9012:
        return "File transfer server authentication failure";
    case 9013:
        return "Unsupported protocol for file transfer";
    case 9017:
        return "File transfer failure: unable to complete download";
    case 9018:
        return "File transfer failure: file corrupted";
    case 9019:
        return "File transfer failure: file authentication failure";
    case 9021:
        return "Cancelation of file transfer not permitted in current transfer state";
    default:
        return "Fault";
    }
}

void soap_fault_must_understand(struct soap_writer *sw, const char *header)
{
    struct strbuf s = STRBUF_INIT;
    sb_printf(&s, "the header %s is not understood", header);
    soap_start(sw, "soap-env:Fault");
    soap_elem(sw, "faultcode", "soap-env:MustUnderstand");
    soap_elem(sw, "faultstring", sb_str(&s));
    soap_end(sw);
    sb_free(&s);
}

void soap_fault(struct soap_writer *sw, int code, const char *string,
                void (*extra)(struct soap_writer *sw, void *arg), void *arg)
{
    /* Errors in what the ACS sent are the client's; the others are the server's (ours). */
    bool client = code == 9003 || (code >= 9005 && code <= 9008);
    soap_start(sw, "soap-env:Fault");
    soap_elem(sw, "faultcode", client ? "Client" : "Server");
    soap_elem(sw, "faultstring", "CWMP fault");
    soap_start(sw, "detail");
    soap_start(sw, "cwmp:Fault");
    soap_elemf(sw, "FaultCode", "%d", code);
    soap_elem(sw, "FaultString", string ? string : cwmp_fault_text(code));
    if (extra)
        extra(sw, arg);
    soap_end(sw);
    soap_end(sw);
    soap_end(sw);
}
