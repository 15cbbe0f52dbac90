/* The rules testacs holds the CPE to, besides the schema: HTTP headers, namespaces, cookies, and
 * the version the session speaks. Each broken rule is one INVALID line. */
#ifndef TESTACS_CHECK_H
#define TESTACS_CHECK_H

#include <stdbool.h>
#include <stddef.h>

#include "acs.h"
#include "soap_in.h"

/* Content-Type and SOAPAction as TR-069 §3.4.1 wants them for this kind of message; the namespace
 * (known, and the session's once the Inform was answered); the schema with --schema. */
void check_message(struct acs *acs, const struct http_request *rq, struct cpe_msg *m, int sn,
                   int mn);

/* Whether the Cookie header returns the session cookie; why not in why. */
bool check_cookie(const struct acs *acs, const char *header, char *why, size_t len);

struct negotiation {
    const char *answer_ns;  /* the InformResponse's namespace */
    const char *session_ns; /* the namespace of the rest of the session */
    char use_version[8];    /* UseCWMPVersion, "" for none */
};

/* The namespace of CWMP version v ("1.1": cwmp-1-1; 1.2 and later: cwmp-1-2); dflt when v is not
 * one testacs knows. */
const char *ns_of_version(const char *v, const char *dflt);

/* Which namespace the ACS answers the Inform in, and speaks afterwards (README: --cwmp-version). */
void negotiate(const struct acs *acs, const struct cpe_msg *inform, struct negotiation *out);

#endif
