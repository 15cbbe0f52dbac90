/* ACS discovery (TR-069 3.1): the sub-options of DHCPv4 options 43 and 125 and DHCPv6 option 17,
 * which come from whoever answers DHCP on the WAN side. The input is used as each of the three
 * options, and as the text a DHCP client's hook hands over. Besides not crashing: a refused option
 * says why and an accepted one does not; an accepted URL is an http:// or https:// URL of printable
 * ASCII within ManagementServer.URL's 256 bytes, and the numbers are within TR-069's ranges; nothing
 * is left behind from a refused option. */
#include <stdlib.h>
#include <string.h>

#include "dhcp_acs.h"
#include "dhcp_opt125.h"
#include "harness.h"

static void check(enum acs_dhcp_source src, const uint8_t *data, size_t size)
{
    struct acs_dhcp d;
    struct strbuf why = STRBUF_INIT;
    int rc = dhcp_acs_parse(src, data, size, &d, &why);
    const char *name = dhcp_acs_source_name(src);
    if (rc < 0 && !why.len)
        fuzz_fail("%s refused without a reason", name);
    if (rc >= 0 && why.len)
        fuzz_fail("%s accepted with a message: %s", name, sb_str(&why));
    if (rc <= 0 && (d.url[0] || d.has_provisioning_code || d.has_min_wait || d.has_multiplier))
        fuzz_fail("%s: values kept without a URL", name);
    if (rc == 1) {
        size_t n = strnlen(d.url, sizeof d.url);
        if (n == sizeof d.url || n == 0)
            fuzz_fail("%s: URL not terminated or empty", name);
        if (strncmp(d.url, "http://", 7) && strncmp(d.url, "https://", 8))
            fuzz_fail("%s: URL \"%s\" accepted", name, d.url);
        for (size_t i = 0; i < n; i++)
            if ((unsigned char)d.url[i] <= 0x20 || (unsigned char)d.url[i] >= 0x7f)
                fuzz_fail("%s: URL with byte 0x%02x accepted", name, (unsigned char)d.url[i]);
        size_t p = strnlen(d.provisioning_code, sizeof d.provisioning_code);
        if (p == sizeof d.provisioning_code ||
            tr111_text_problem((const uint8_t *)d.provisioning_code, p, 0, ACS_DHCP_PROV_MAX))
            fuzz_fail("%s: provisioning code not clean", name);
        if (d.has_min_wait && (d.min_wait < 1 || d.min_wait > 65535))
            fuzz_fail("%s: CWMPRetryMinimumWaitInterval %u", name, d.min_wait);
        if (d.has_multiplier && (d.multiplier < 1000 || d.multiplier > 65535))
            fuzz_fail("%s: CWMPRetryIntervalMultiplier %u", name, d.multiplier);
    }
    sb_free(&why);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    check(ACS_DHCP_OPT43, data, size);
    check(ACS_DHCP_OPT125, data, size);
    check(ACS_DHCP_V6_OPT17, data, size);
    /* The input as a hook's text. */
    char *text = malloc(size + 1);
    memcpy(text, data, size);
    text[size] = '\0';
    uint8_t out[64];
    long n = dhcp_hex_decode(text, out, sizeof out);
    if (n > (long)sizeof out || n < -1)
        fuzz_fail("hex decode returned %ld", n);
    free(text);
    return 0;
}
