/* ACS discovery from DHCP (TR-069 §3.1): the CPE learns its ACS URL, ProvisioningCode and retry
 * parameters from the Broadband Forum's vendor-specific sub-options, carried in DHCPv4 option 43
 * (with vendor class "dslforum.org" in option 60), in DHCPv4 option 125 or in DHCPv6 option 17
 * under enterprise number 3561. A parser and nothing else: no I/O, no allocation. */
#ifndef CWMP_DHCP_ACS_H
#define CWMP_DHCP_ACS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "strbuf.h"

#define ACS_DHCP_URL_MAX  256 /* ManagementServer.URL's size */
#define ACS_DHCP_PROV_MAX 64  /* ManagementServer's ProvisioningCode size */

/* Where the sub-options came from. */
enum acs_dhcp_source { ACS_DHCP_OPT43, ACS_DHCP_OPT125, ACS_DHCP_V6_OPT17 };

/* What DHCP offered. has_*: the sub-option was there (and valid). */
struct acs_dhcp {
    char url[ACS_DHCP_URL_MAX + 1];                /* sub-option 1 */
    char provisioning_code[ACS_DHCP_PROV_MAX + 1]; /* sub-option 2 */
    bool has_provisioning_code;
    unsigned min_wait; /* sub-option 3, CWMPRetryMinimumWaitInterval: 1-65535 */
    bool has_min_wait;
    unsigned multiplier; /* sub-option 4, CWMPRetryIntervalMultiplier: 1000-65535 */
    bool has_multiplier;
};

/* Parses the value of an option (the bytes after its code and length; several instances are
 * concatenated first, as RFC 3396 says). Returns 1 with *out filled when the sub-options carry a
 * URL; 0 when the option is well formed but has none (another vendor's data, no 3561 block);
 * -1 when it is malformed, with the reason in why. Unknown sub-options are skipped; a known one
 * given twice, a URL that is not http:// or https://, text that is not printable ASCII (URL) or
 * clean UTF-8 (ProvisioningCode), and numbers out of TR-069's ranges (given as decimal text, as
 * TR-069 encodes them) are refused: the option comes from whoever answers DHCP. */
int dhcp_acs_parse(enum acs_dhcp_source src, const uint8_t *data, size_t len, struct acs_dhcp *out,
                   struct strbuf *why);

/* The name of a source for messages: "option 43", "option 125", "DHCPv6 option 17". */
const char *dhcp_acs_source_name(enum acs_dhcp_source src);

/* Decodes hexadecimal text (pairs of digits, optionally separated by ':' or ' ', as DHCP clients
 * hand options to their hooks) into out (at most cap bytes). Returns the length, -1 when it is not
 * such text or too long. */
long dhcp_hex_decode(const char *text, uint8_t *out, size_t cap);

#endif
