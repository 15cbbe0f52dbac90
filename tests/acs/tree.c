#include "tree.h"

#include <libxml/tree.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "soap_out.h"
#include "xalloc.h"

#define NS_XSI "http://www.w3.org/2001/XMLSchema-instance"
/* Findings listed per message; past it one line says how many more. */
#define MAX_FINDINGS 20

static void element(struct strbuf *b, const char *name, const char *value)
{
    sb_printf(b, "<%s>", name);
    xml_escape(b, value);
    sb_printf(b, "</%s>", name);
}

static uint64_t hash(const char *s)
{
    uint64_t h = 1469598103934665603u;
    for (; *s != '\0'; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

/* The slot of name: where it is, or the free one where it would go. */
static size_t *slot_of(const struct tree_read *t, const char *name)
{
    size_t mask = t->nslots - 1;
    for (size_t i = hash(name) & mask;; i = (i + 1) & mask) {
        size_t *sl = &t->slots[i];
        if (*sl == 0 || strcmp(t->names[*sl - 1], name) == 0)
            return sl;
    }
}

void tree_free(struct tree_read *t)
{
    for (size_t i = 0; i < t->n; i++)
        free(t->names[i]);
    free(t->names);
    free(t->seen);
    free(t->slots);
    free(t->path);
    memset(t, 0, sizeof(*t));
}

void tree_start(struct tree_read *t, const char *path, int batch, struct strbuf *body)
{
    tree_free(t);
    t->active = true;
    t->awaiting = true;
    t->path = xstrdup(path);
    t->batch = batch;
    /* As GenieACS writes it: NextLevel as 0. */
    sb_puts(body, "<cwmp:GetParameterNames>");
    element(body, "ParameterPath", path);
    sb_puts(body, "<NextLevel>0</NextLevel></cwmp:GetParameterNames>");
}

bool tree_next_batch(struct tree_read *t, struct strbuf *body)
{
    if (t->next >= t->n)
        return false;
    t->from = t->next;
    t->to = t->n - t->next < (size_t)t->batch ? t->n : t->next + (size_t)t->batch;
    t->next = t->to;
    t->batches++;
    t->awaiting = true;
    sb_printf(body,
              "<cwmp:GetParameterValues><ParameterNames soap-enc:arrayType=\"xsd:string[%zu]\">",
              t->to - t->from);
    for (size_t i = t->from; i < t->to; i++)
        element(body, "string", t->names[i]);
    sb_puts(body, "</ParameterNames></cwmp:GetParameterValues>");
    return true;
}

bool tree_done(const struct tree_read *t)
{
    return t->active && t->named && !t->awaiting && t->next >= t->n;
}

static bool is_el(xmlNodePtr n, const char *name)
{
    return n != NULL && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static xmlNodePtr child(xmlNodePtr parent, const char *name)
{
    for (xmlNodePtr c = parent != NULL ? parent->children : NULL; c != NULL; c = c->next) {
        if (is_el(c, name))
            return c;
    }
    return NULL;
}

static char *text_of(xmlNodePtr n)
{
    xmlChar *v = xmlNodeGetContent(n);
    char *s = xstrdup(v != NULL ? (const char *)v : "");
    xmlFree(v);
    return s;
}

struct findings {
    struct recorder *r;
    int sn, mn, count;
};

static void finding(struct findings *f, const char *what, const char *name)
{
    if (++f->count <= MAX_FINDINGS)
        record_invalid(f->r, f->sn, f->mn, "read-tree: %s %.300s", what, name);
}

static void findings_end(struct findings *f)
{
    if (f->count > MAX_FINDINGS)
        record_invalid(f->r, f->sn, f->mn, "read-tree: %d more findings in this message",
                       f->count - MAX_FINDINGS);
}

static void add_name(struct tree_read *t, const char *name)
{
    if (t->n == t->nslots / 2) {
        t->nslots = t->nslots ? t->nslots * 2 : 64;
        free(t->slots);
        t->slots = xcalloc(t->nslots, sizeof(*t->slots));
        for (size_t i = 0; i < t->n; i++)
            *slot_of(t, t->names[i]) = i + 1;
    }
    t->names = xrealloc(t->names, (t->n + 1) * sizeof(*t->names));
    t->names[t->n] = xstrdup(name);
    *slot_of(t, name) = ++t->n;
}

static void take_names(struct tree_read *t, const struct cpe_msg *m, struct findings *f)
{
    xmlNodePtr list = child(m->body_child, "ParameterList");
    size_t plen = strlen(t->path);
    for (xmlNodePtr c = list != NULL ? list->children : NULL; c != NULL; c = c->next) {
        if (!is_el(c, "ParameterInfoStruct"))
            continue;
        xmlNodePtr nn = child(c, "Name");
        char *name = nn != NULL ? text_of(nn) : NULL;
        t->total++;
        if (name == NULL || name[0] == '\0') {
            finding(f, "a ParameterInfoStruct without a Name", "");
        } else if (strncmp(name, t->path, plen) != 0) {
            finding(f, "GetParameterNamesResponse lists a name outside the path:", name);
        } else if (t->nslots != 0 && *slot_of(t, name) != 0) {
            finding(f, "GetParameterNamesResponse lists twice", name);
        } else if (name[strlen(name) - 1] != '.') {
            add_name(t, name); /* a parameter; objects end in '.' */
        }
        free(name);
    }
    t->seen = xcalloc(t->n ? t->n : 1, sizeof(*t->seen));
}

/* A value in DIR/S-tree.txt, where blanks separate fields: encoded as the script's words are. */
static void put_word(FILE *out, const char *v)
{
    if (v[0] == '\0')
        fputc('%', out);
    for (const unsigned char *p = (const unsigned char *)v; *p != '\0'; p++) {
        if (*p <= ' ' || *p == '%' || *p == 0x7f)
            fprintf(out, "%%%02X", *p);
        else
            fputc(*p, out);
    }
}

static void take_values(struct tree_read *t, const struct cpe_msg *m, struct findings *f)
{
    FILE *out = NULL;
    if (f->r->dir != NULL) {
        struct strbuf path = STRBUF_INIT;
        sb_printf(&path, "%s/%d-tree.txt", f->r->dir, f->sn);
        out = fopen(sb_str(&path), "a");
        sb_free(&path);
    }
    bool response = m->kind == MSG_RESPONSE &&
                    strcmp((const char *)m->body_child->name, "GetParameterValuesResponse") == 0;
    xmlNodePtr list = response ? child(m->body_child, "ParameterList") : NULL;
    for (xmlNodePtr c = list != NULL ? list->children : NULL; c != NULL; c = c->next) {
        if (!is_el(c, "ParameterValueStruct"))
            continue;
        xmlNodePtr nn = child(c, "Name"), vn = child(c, "Value");
        char *name = nn != NULL ? text_of(nn) : xstrdup("");
        size_t *sl = t->nslots != 0 ? slot_of(t, name) : NULL;
        size_t i = sl != NULL && *sl != 0 ? *sl - 1 : (size_t)-1;
        if (i == (size_t)-1 || i < t->from || i >= t->to) {
            finding(f, "a value of a name not asked for in this request:", name);
        } else if (vn == NULL) {
            finding(f, "no Value for", name);
        } else if (t->seen[i]++ > 0) {
            finding(f, "came back twice:", name);
        } else if (out != NULL) {
            char *value = text_of(vn);
            xmlChar *type = xmlGetNsProp(vn, (const xmlChar *)"type", (const xmlChar *)NS_XSI);
            put_word(out, name);
            fputc(' ', out);
            put_word(out, type != NULL ? (const char *)type : "-");
            fputc(' ', out);
            put_word(out, value);
            fputc('\n', out);
            xmlFree(type);
            free(value);
        }
        free(name);
    }
    if (out != NULL)
        fclose(out);
    if (m->kind == MSG_FAULT) {
        char code[16];
        snprintf(code, sizeof(code), "%d", m->fault_code);
        finding(f, "GetParameterValues of listed parameters answered with fault", code);
    }
    for (size_t i = t->from; i < t->to; i++) {
        if (t->seen[i] == 0)
            finding(f, "asked for, did not come back:", t->names[i]);
    }
}

void tree_take(struct tree_read *t, const struct cpe_msg *m, struct recorder *r, int sn, int mn)
{
    struct findings f = {r, sn, mn, 0};
    t->awaiting = false;
    if (!t->named) {
        t->named = true;
        if (m->kind == MSG_FAULT)
            t->fault = m->fault_code;
        else if (m->kind == MSG_RESPONSE &&
                 strcmp((const char *)m->body_child->name, "GetParameterNamesResponse") == 0)
            take_names(t, m, &f);
        if (t->seen == NULL)
            t->seen = xcalloc(1, sizeof(*t->seen));
    } else {
        take_values(t, m, &f);
    }
    findings_end(&f);
}

void tree_finish(struct tree_read *t, struct recorder *r, int sn, int mn)
{
    size_t values = 0;
    for (size_t i = 0; i < t->n; i++)
        values += t->seen[i] > 0;
    struct strbuf line = STRBUF_INIT;
    sb_printf(&line, "read-tree %s names=%zu parameters=%zu values=%zu batches=%d",
              t->path[0] ? t->path : "%", t->total, t->n, values, t->batches);
    if (t->fault != 0)
        sb_printf(&line, " fault=%d", t->fault);
    record_log(r, sn, mn, "%s", sb_str(&line));
    trace(r, "   %s", sb_str(&line));
    sb_free(&line);
    tree_free(t);
}
