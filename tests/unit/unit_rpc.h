/* Sending one ACS request through rpc_dispatch, as the session engine does, and reading the
 * answer back with the SOAP parser (the suites of the RPCs share it). */
#ifndef CWMP_TESTS_UNIT_RPC_H
#define CWMP_TESTS_UNIT_RPC_H

#include "soap.h"

struct agent;

struct rpc_answer {
    int fault;
    char *xml;
    struct soap_msg m; /* the answer parsed back */
};

/* body: the Body's content (a method element, XML text) in the cwmp-1-0 namespace. */
void unit_rpc_call(struct agent *a, const char *body, struct rpc_answer *r);
void rpc_answer_free(struct rpc_answer *r);

#endif
