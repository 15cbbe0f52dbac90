/* What the CPE sends: parsed by namespace (never by prefix) into what the session needs, and
 * described for the log and the trace. */
#ifndef TESTACS_SOAP_IN_H
#define TESTACS_SOAP_IN_H

#include <libxml/tree.h>
#include <stdbool.h>
#include <stddef.h>

#include "strbuf.h"

enum msg_kind {
    MSG_EMPTY,    /* the empty POST */
    MSG_BROKEN,   /* not XML, or not a SOAP envelope with a Body child */
    MSG_INFORM,   /* the Inform */
    MSG_REQUEST,  /* another CPE request (TransferComplete, GetRPCMethods...) */
    MSG_RESPONSE, /* a response to an ACS request */
    MSG_FAULT,    /* a SOAP fault */
};

struct cpe_msg {
    enum msg_kind kind;
    xmlDocPtr doc;
    xmlNodePtr body_child;
    char what[80];  /* element local name, "empty", or "invalid" when there is none */
    char *ns;       /* the cwmp namespace it uses, NULL when none */
    char *id;       /* cwmp:ID, NULL when absent */
    char *versions; /* SupportedCWMPVersions, NULL when absent */
    int fault_code; /* the cwmp FaultCode of a fault, 0 when none */
    char error[256];
};

void cpe_msg_parse(struct cpe_msg *m, const char *data, size_t len);
void cpe_msg_free(struct cpe_msg *m);

/* Whether ns is a cwmp namespace, and its minor number (cwmp-1-N → N), -1 when not one. */
int cwmp_ns_minor(const char *ns);

/* Appends the details of the log line (" events=... retry=0"), and the trace line(s). */
void cpe_msg_describe(const struct cpe_msg *m, int verbose, struct strbuf *log,
                      struct strbuf *trace);

/* The text of the first element child named name (any namespace), NULL when missing; free()
 * it. */
char *child_text(xmlNodePtr parent, const char *name);

#endif
