/* DHCPv4 option 125, V-I Vendor-Specific Information (RFC 3925), as TR-069 Annex F uses it: a LAN
 * device announces its identity to the gateway in its DISCOVER and REQUEST, under enterprise
 * number 3561 (the Broadband Forum), with sub-options 1 ManufacturerOUI, 2 SerialNumber and
 * 3 ProductClass. A parser and nothing else: no I/O, no allocation. */
#ifndef CWMP_DHCP_OPT125_H
#define CWMP_DHCP_OPT125_H

#include <stddef.h>
#include <stdint.h>

#include "strbuf.h"

#define TR111_ENTERPRISE 3561u
#define TR111_OUI_LEN    6
#define TR111_FIELD_MAX  64 /* SerialNumber and ProductClass, as TR-098 limits them */

/* A device's identity, as ManagementServer.ManageableDevice.{i} shows it. */
struct tr111_identity {
    char oui[TR111_OUI_LEN + 1]; /* six upper-case hexadecimal digits */
    char serial[TR111_FIELD_MAX + 1];
    char product_class[TR111_FIELD_MAX + 1]; /* may be empty (sub-option 3 of length 0) */
};

/* Parses the value of option 125 (the bytes after its code and length; several instances of the
 * option in one message are concatenated first, as RFC 3396 says). Returns 1 with *id filled when
 * enterprise 3561 is there and valid; 0 when the option is well formed but carries no 3561 block;
 * -1 when it is malformed, with the reason in why (nothing written to *id that is worth using). The
 * enterprise blocks of others are skipped, and a 3561 block must hold each of sub-options 1, 2 and
 * 3 exactly once (others are ignored): OUI six upper-case hexadecimal digits (TR-098's form; lower
 * case is refused), SerialNumber 1 to 64 bytes and ProductClass 0 to 64 of UTF-8 without control
 * characters. */
int dhcp_opt125_parse(const uint8_t *data, size_t len, struct tr111_identity *id,
                      struct strbuf *why);

/* Whether text is a valid identity field: at most max bytes (min at least), well-formed UTF-8 (no
 * overlong forms, surrogates or code points past U+10FFFF), no C0 or C1 control character nor DEL.
 * Shared with the lease commands and the lease file, which take the same values. */
const char *tr111_text_problem(const uint8_t *s, size_t len, size_t min, size_t max);
/* Checks an OUI and copies it to out; NULL when fine, else what is wrong. */
const char *tr111_oui_problem(const uint8_t *s, size_t len, char out[TR111_OUI_LEN + 1]);

#endif
