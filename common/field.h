/* The fields of cwmpd's line-oriented state files (the CWMP state, the DHCP leases): separated by
 * spaces, percent-encoded so that any string fits in one field of one line. */
#ifndef CWMP_FIELD_H
#define CWMP_FIELD_H

#include "strbuf.h"

/* Appends " FIELD": every byte but printable ASCII other than space and % as %XX; the empty
 * string as a lone "%". */
void field_put(struct strbuf *out, const char *s);

/* Decodes a field in place; returns its length, or -1 when it is malformed (a bad escape, or
 * %00: a field never holds a NUL byte). */
long field_decode(char *s);

/* The value of a hexadecimal digit, -1 for anything else. */
int field_hexval(char c);

#endif
