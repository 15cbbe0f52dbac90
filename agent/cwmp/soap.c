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

