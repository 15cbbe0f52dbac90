#include "validate.h"

#include <libxml/catalog.h>
#include <libxml/parser.h>
#include <libxml/xmlIO.h>
#include <libxml/xmlschemas.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "soap_in.h"
#include "soap_out.h"
#include "strbuf.h"
#include "xalloc.h"

/* cwmp-1-4.xsd keeps the cwmp-1-2 namespace and is the superset of 1.2 and 1.3. */
static const char *const xsd_for_minor[3] = {"cwmp-1-0.xsd", "cwmp-1-1.xsd", "cwmp-1-4.xsd"};

struct validator {
    char *dir;
    xmlSchemaPtr schema[3];
    bool failed[3];
};

struct first_error {
    char text[512];
};

static void keep_first_error(void *data, xmlErrorPtr e)
{
    struct first_error *fe = data;
    if (fe->text[0] != '\0' || e == NULL)
        return;
    snprintf(fe->text, sizeof(fe->text), "line %d: %s", e->line, e->message ? e->message : "?");
    char *nl = strchr(fe->text, '\n');
    if (nl != NULL)
        *nl = '\0';
}

static void print_schema_error(void *data, xmlErrorPtr e)
{
    (void)data;
    fprintf(stderr, "testacs: schema: %s:%d: %s", e->file ? e->file : "?", e->line,
            e->message ? e->message : "?\n");
}

static xmlSchemaPtr schema_for(struct validator *v, int minor)
{
    if (v->schema[minor] != NULL || v->failed[minor])
        return v->schema[minor];
    struct strbuf path = STRBUF_INIT;
    sb_printf(&path, "%s/%s", v->dir, xsd_for_minor[minor]);
    xmlSchemaParserCtxtPtr pc = xmlSchemaNewParserCtxt(sb_str(&path));
    if (pc != NULL) {
        xmlSchemaSetParserStructuredErrors(pc, print_schema_error, NULL);
        v->schema[minor] = xmlSchemaParse(pc);
        xmlSchemaFreeParserCtxt(pc);
    }
    if (v->schema[minor] == NULL) {
        fprintf(stderr, "testacs: cannot compile %s\n", sb_str(&path));
        v->failed[minor] = true;
    }
    sb_free(&path);
    return v->schema[minor];
}

struct validator *validator_new(const char *dir)
{
    struct strbuf catalog = STRBUF_INIT;
    sb_printf(&catalog, "%s/catalog.xml", dir);
    if (access(sb_str(&catalog), R_OK) != 0 || xmlLoadCatalog(sb_str(&catalog)) != 0) {
        fprintf(stderr, "testacs: cannot load the catalog %s\n", sb_str(&catalog));
        sb_free(&catalog);
        return NULL;
    }
    sb_free(&catalog);
    /* The imports must come from the catalog: a test never reaches the network. */
    xmlSetExternalEntityLoader(xmlNoNetExternalEntityLoader);
    struct validator *v = xcalloc(1, sizeof(*v));
    v->dir = xstrdup(dir);
    if (schema_for(v, 2) == NULL) {
        validator_free(v);
        return NULL;
    }
    return v;
}

void validator_free(struct validator *v)
{
    if (v == NULL)
        return;
    for (int i = 0; i < 3; i++) {
        if (v->schema[i] != NULL)
            xmlSchemaFree(v->schema[i]);
    }
    free(v->dir);
    free(v);
    xmlCatalogCleanup();
}

static bool is_vendor_name(const xmlChar *name)
{
    /* X_<OUI>_ with the OUI in upper-case hex, as TR-069 names vendor extensions. */
    if (name[0] != 'X' || name[1] != '_')
        return false;
    for (int i = 2; i < 8; i++) {
        if (!((name[i] >= '0' && name[i] <= '9') || (name[i] >= 'A' && name[i] <= 'F')))
            return false;
    }
    return name[8] == '_';
}

static void strip_vendor_elements(xmlNodePtr n)
{
    xmlNodePtr next;
    for (xmlNodePtr c = n->children; c != NULL; c = next) {
        next = c->next;
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (is_vendor_name(c->name)) {
            xmlUnlinkNode(c);
            xmlFreeNode(c);
        } else {
            strip_vendor_elements(c);
        }
    }
}

static xmlNodePtr body_of(xmlDocPtr doc)
{
    xmlNodePtr env = xmlDocGetRootElement(doc);
    for (xmlNodePtr c = env != NULL ? env->children : NULL; c != NULL; c = c->next) {
        if (c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, "Body") == 0 &&
            c->ns != NULL && strcmp((const char *)c->ns->href, NS_SOAP_ENV) == 0)
            return c;
    }
    return NULL;
}

bool validator_check(struct validator *v, xmlDocPtr doc, const char *ns, char *reason, size_t len)
{
    int minor = cwmp_ns_minor(ns);
    if (minor < 0) {
        snprintf(reason, len, "no schema for the namespace %s", ns != NULL ? ns : "(none)");
        return false;
    }
    xmlSchemaPtr schema = schema_for(v, minor);
    if (schema == NULL) {
        snprintf(reason, len, "the schema %s did not compile", xsd_for_minor[minor]);
        return false;
    }
    xmlNodePtr body = body_of(doc);
    xmlNodePtr child = body != NULL ? body->children : NULL;
    while (child != NULL && child->type != XML_ELEMENT_NODE)
        child = child->next;
    bool vendor_method = child != NULL && is_vendor_name(child->name);
    if (body != NULL)
        strip_vendor_elements(body);
    struct first_error fe = {{0}};
    xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt(schema);
    xmlSchemaSetValidStructuredErrors(vc, keep_first_error, &fe);
    int rc = xmlSchemaValidateDoc(vc, doc);
    /* The envelope schema lets any Body child through (lax): validating the child as a root is
     * what tells a declared method from a misspelt one. */
    if (rc == 0 && child != NULL && !vendor_method)
        rc = xmlSchemaValidateOneElement(vc, child);
    xmlSchemaFreeValidCtxt(vc);
    if (rc == 0)
        return true;
    snprintf(reason, len, "%s: %s", xsd_for_minor[minor],
             fe.text[0] != '\0' ? fe.text : "invalid (no detail from libxml2)");
    return false;
}

bool validator_check_request(struct validator *v, const char *body, char *reason, size_t len)
{
    struct strbuf text = STRBUF_INIT;
    struct envelope env = {NS_CWMP_PREFIX "2", "1.1", false, NULL, 0};
    soap_envelope(&text, &env, body);
    xmlDocPtr doc = xmlReadMemory(sb_str(&text), (int)text.len, "acs.xml", NULL,
                                  XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    sb_free(&text);
    if (doc == NULL) {
        snprintf(reason, len, "not well-formed XML");
        return false;
    }
    bool ok = validator_check(v, doc, env.ns, reason, len);
    xmlFreeDoc(doc);
    return ok;
}
