/* What the ACS sends: envelopes in GenieACS's shape (prefixes soap-env, soap-enc, cwmp). */
#ifndef TESTACS_SOAP_OUT_H
#define TESTACS_SOAP_OUT_H

#include <stdbool.h>

#include "strbuf.h"

#define NS_SOAP_ENV    "http://schemas.xmlsoap.org/soap/envelope/"
#define NS_SOAP_ENC    "http://schemas.xmlsoap.org/soap/encoding/"
#define NS_CWMP_PREFIX "urn:dslforum-org:cwmp-1-"

struct envelope {
    const char *ns;           /* the cwmp namespace */
    const char *id;           /* cwmp:ID, NULL for none */
    bool hold;                /* cwmp:HoldRequests true */
    const char *use_version;  /* cwmp:UseCWMPVersion, NULL for none */
    unsigned session_timeout; /* cwmp:SessionTimeout (CWMP 1.3), 0 for none */
};

/* Appends the envelope around body (the Body's content, where the cwmp prefix is bound). */
void soap_envelope(struct strbuf *out, const struct envelope *env, const char *body);

/* Appends the Body content of a SOAP fault carrying a cwmp fault code. */
void soap_fault_body(struct strbuf *out, int code);

/* The FaultString of an ACS fault code. */
const char *acs_fault_string(int code);

/* Appends s as XML character data (also safe inside attribute values). */
void xml_escape(struct strbuf *sb, const char *s);

#endif
