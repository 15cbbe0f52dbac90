/* The results of a read (GetParameterValues, GetParameterNames, GetParameterAttributes), kept
 * from the moment the request is answered until the answer is sent: each parameter as its node of
 * the tree, its instance numbers and its value, a few bytes each (against about 150 bytes of XML),
 * in blocks mapped for the request and unmapped after it. The XML is made from them only as the
 * answer goes out (a soap stream): the values are those read once, when the request came, however
 * the tree changes while the answer is sent, and the memory of the largest read is a small
 * multiple of its values' size. */
#ifndef CWMP_RPC_RESULTS_H
#define CWMP_RPC_RESULTS_H

#include <stddef.h>
#include <stdint.h>

#include "dm.h"
#include "soap.h"

enum results_kind {
    RESULTS_VALUES,     /* ParameterValueStruct: name, typed value */
    RESULTS_NAMES,      /* ParameterInfoStruct: name, writable */
    RESULTS_ATTRIBUTES, /* ParameterAttributeStruct: name, notification, access list */
};

struct results;
struct results *results_new(const struct dm *d, enum results_kind kind);
void results_free(struct results *r);
/* One parameter (or object, for names). value: its text as read (VALUES only; cleaned and
 * escaped here); flags: NAMES, writable (0 or 1); ATTRIBUTES, the notification (0 to 2) with
 * RESULTS_SUBSCRIBER. */
#define RESULTS_SUBSCRIBER 4u
void results_add(struct results *r, const struct dm_item *it, const char *value, size_t len,
                 unsigned flags);
size_t results_count(const struct results *r);
/* The exact length of the XML the results make. */
uint64_t results_xml_len(const struct results *r);
/* The stream that writes them (its state: the struct results, then owned by the writer). */
extern const struct soap_stream_ops results_stream;

#endif
