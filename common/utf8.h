/* UTF-8 as XML and the ACS take it. */
#ifndef CWMP_UTF8_H
#define CWMP_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/* Whether the len bytes at s are well-formed UTF-8 (RFC 3629: no overlong form, no surrogate,
 * nothing above U+10FFFF). */
bool utf8_valid(const char *s, size_t len);

#endif
