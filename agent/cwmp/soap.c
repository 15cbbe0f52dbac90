#include "soap.h"

#include <ctype.h>
#include <errno.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "xalloc.h"

const char *const cwmp_ns_uri[CWMP_NS_COUNT] = {
    "urn:dslforum-org:cwmp-1-0", "urn:dslforum-org:cwmp-1-1", "urn:dslforum-org:cwmp-1-2",
    "urn:dslforum-org:cwmp-1-3", "urn:dslforum-org:cwmp-1-4",
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

/* The parse: libxml2's SAX2 handlers build the tree, except for the names of a
 * GetParameterValues' or GetParameterAttributes' ParameterNames, whose text goes to the message's
 * names instead (their elements are not made). The depth is counted here too, as the elements
 * not made are not in the tree that depth_of looks at. */
struct sax_state {
    struct soap_msg *m;
    xmlSAXHandler base; /* libxml2's own handlers, which build the tree */
    int depth, max_depth;
    bool too_deep;
    bool envelope, body; /* depth 1 and 2 are the SOAP Envelope and Body */
    bool names_method;   /* depth 3 is a cwmp GetParameterValues or GetParameterAttributes */
    int names_depth;     /* the ParameterNames being read, 0: none */
    int name_depth;      /* the name being read (names_depth + 1), 0: none */
};

static struct sax_state *sax_of(void *ctx)
{
    return ((xmlParserCtxtPtr)ctx)->_private;
}

static bool is_cwmp_uri(const xmlChar *uri)
{
    for (int i = 0; uri && i < CWMP_NS_COUNT; i++)
        if (!strcmp((const char *)uri, cwmp_ns_uri[i]))
            return true;
    return false;
}

static bool is_env(const xmlChar *uri, const xmlChar *local, const char *name)
{
    return uri && !strcmp((const char *)uri, SOAP_ENV_NS) && !strcmp((const char *)local, name);
}

static void sax_start(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri,
                      int nb_ns, const xmlChar **ns, int nb_attrs, int nb_defaulted,
                      const xmlChar **attrs)
{
    struct sax_state *st = sax_of(ctx);
    if (++st->depth > st->max_depth) {
        st->too_deep = true;
        xmlStopParser(ctx);
        return;
    }
    if (st->name_depth)
        return; /* an element inside a name: its text is the name's */
    if (st->names_depth && st->depth == st->names_depth + 1) {
        st->name_depth = st->depth;
        return;
    }
    if (st->depth == 1)
        st->envelope = is_env(uri, local, "Envelope");
    else if (st->depth == 2)
        st->body = st->body || (st->envelope && is_env(uri, local, "Body"));
    else if (st->depth == 3 && st->body)
        st->names_method =
            is_cwmp_uri(uri) && (!strcmp((const char *)local, "GetParameterValues") ||
                                 !strcmp((const char *)local, "GetParameterAttributes"));
    else if (st->depth == 4 && st->names_method && !st->m->names_read &&
             !strcmp((const char *)local, "ParameterNames")) {
        st->names_depth = 4;
        st->m->names_read = true;
    }
    st->base.startElementNs(ctx, local, prefix, uri, nb_ns, ns, nb_attrs, nb_defaulted, attrs);
}

static void sax_end(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri)
{
    struct sax_state *st = sax_of(ctx);
    int depth = st->depth--;
    if (st->name_depth) {
        if (depth == st->name_depth) {
            sb_putc(&st->m->names, '\0');
            st->m->names_count++;
            st->name_depth = 0;
        }
        return;
    }
    if (depth == st->names_depth)
        st->names_depth = 0;
    if (depth == 3)
        st->names_method = false;
    st->base.endElementNs(ctx, local, prefix, uri);
}

static void sax_text(void *ctx, const xmlChar *text, int len)
{
    struct sax_state *st = sax_of(ctx);
    if (st->name_depth)
        sb_append(&st->m->names, text, (size_t)len);
    else if (!st->names_depth || st->depth != st->names_depth)
        st->base.characters(ctx, text, len);
    /* Text between the names (their indentation) is not kept. */
}

static void sax_cdata(void *ctx, const xmlChar *text, int len)
{
    struct sax_state *st = sax_of(ctx);
    if (st->name_depth)
        sb_append(&st->m->names, text, (size_t)len);
    else if (!st->names_depth || st->depth != st->names_depth)
        st->base.cdataBlock(ctx, text, len);
}

static void sax_comment(void *ctx, const xmlChar *text)
{
    struct sax_state *st = sax_of(ctx);
    if (!st->name_depth && (!st->names_depth || st->depth != st->names_depth))
        st->base.comment(ctx, text);
}

static void sax_pi(void *ctx, const xmlChar *target, const xmlChar *data)
{
    struct sax_state *st = sax_of(ctx);
    if (!st->name_depth && (!st->names_depth || st->depth != st->names_depth))
        st->base.processingInstruction(ctx, target, data);
}

static xmlDocPtr parse_tree(const char *buf, size_t len, int max_depth, struct soap_msg *m,
                            bool *too_deep)
{
    xmlParserCtxtPtr ctxt = xmlCreateMemoryParserCtxt(buf, (int)len);
    if (!ctxt)
        return NULL;
    /* No DTD loading, no entity substitution, no network; errors are ours to report. */
    xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    struct sax_state st = {.m = m, .base = *ctxt->sax, .max_depth = max_depth};
    ctxt->sax->startElementNs = sax_start;
    ctxt->sax->endElementNs = sax_end;
    ctxt->sax->characters = sax_text;
    ctxt->sax->ignorableWhitespace = sax_text;
    ctxt->sax->cdataBlock = sax_cdata;
    ctxt->sax->comment = sax_comment;
    ctxt->sax->processingInstruction = sax_pi;
    ctxt->_private = &st;
    xmlParseDocument(ctxt);
    xmlDocPtr doc = ctxt->myDoc;
    ctxt->myDoc = NULL;
    if (!ctxt->wellFormed || st.too_deep) {
        xmlFreeDoc(doc);
        doc = NULL;
    }
    *too_deep = st.too_deep;
    xmlFreeParserCtxt(ctxt);
    return doc;
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
    bool too_deep = false;
    m->doc = parse_tree(buf, len, max_depth, m, &too_deep);
    if (too_deep) {
        *why = "the message is nested too deeply";
        return -1;
    }
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
        if (in_soap_env(c, "Header")) {
            read_header(c, m);
        } else if (in_soap_env(c, "Body")) {
            if (body) {
                *why = "the Envelope has more than one Body";
                return -1;
            }
            body = c;
        }
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
    sb_free(&m->names);
    memset(m, 0, sizeof *m);
    m->ns = -1;
}
