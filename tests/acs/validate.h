/* Offline validation of CPE messages against the Broadband Forum's cwmp XSDs (--schema DIR). */
#ifndef TESTACS_VALIDATE_H
#define TESTACS_VALIDATE_H

#include <libxml/tree.h>
#include <stdbool.h>
#include <stddef.h>

struct validator;

/* Loads DIR/catalog.xml and compiles DIR/cwmp-1-4.xsd (the others when a message needs them).
 * Returns NULL with a message on standard error. */
struct validator *validator_new(const char *dir);
void validator_free(struct validator *v);

/* Validates doc, a SOAP envelope in the cwmp namespace ns, against the schema of that namespace,
 * and checks that the Body's child is an element that schema declares (the envelope schema lets
 * any element through). Vendor elements (X_<OUI>_...) are taken out first: the standard schema
 * cannot know them. doc may be changed. Returns true when valid, else false with the first error
 * in reason. */
bool validator_check(struct validator *v, xmlDocPtr doc, const char *ns, char *reason, size_t len);

/* The same check for a request of the ACS: body is the Body's content (rpc.c), validated in an
 * envelope of the cwmp-1-2 namespace against cwmp-1-4.xsd, the superset. */
bool validator_check_request(struct validator *v, const char *body, char *reason, size_t len);

#endif
