/* The WAN side's DHCP (wan_dhcp.h), which whoever answers DHCP on the WAN writes: the input is
 * read as a DHCPv4 message, as a DHCPv6 message, and as IPv4 and IPv6 packets whose UDP payload is
 * read in turn. Besides not crashing: a refused message says why; what an accepted one gives is
 * within its bounds: the ACS option no longer than kept, a DHCPv6 one under enterprise 3561, the
 * TFTP servers and boot file printable text without spaces, option 150's as dotted addresses;
 * a payload lies inside the packet. */
#include <string.h>

#include "harness.h"
#include "wan_dhcp.h"

static void check_text(const char *s, size_t cap, const char *what)
{
    size_t n = strnlen(s, cap);
    if (n == cap)
        fuzz_fail("%s not terminated", what);
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] <= 0x20 || (unsigned char)s[i] >= 0x7f)
            fuzz_fail("%s with byte 0x%02x", what, (unsigned char)s[i]);
}

static void v4(const uint8_t *p, size_t len)
{
    static struct wan_dhcp4 w;
    struct strbuf why = STRBUF_INIT;
    int rc = wan_dhcp4_parse(p, len, &w, &why);
    if (rc < 0 && !why.len)
        fuzz_fail("DHCPv4 message refused without a reason");
    if (rc == 0) {
        if (w.acs_len > sizeof w.acs || (!w.has_acs && w.acs_len))
            fuzz_fail("ACS option of %zu bytes", w.acs_len);
        check_text(w.tftp, sizeof w.tftp, "TFTP servers");
        check_text(w.bootfile, sizeof w.bootfile, "boot file");
        static const uint8_t mac[6] = {2, 0, 0, 0, 0, 1};
        enum wan_dhcp_event e = wan_dhcp4_event(&w, mac);
        if (e != WAN_DHCP_IGNORE && memcmp(w.m.chaddr, mac, 6) != 0)
            fuzz_fail("another device's message taken as this one's");
    }
    sb_free(&why);
}

static void v6(const uint8_t *p, size_t len)
{
    static struct wan_dhcp6 w;
    struct strbuf why = STRBUF_INIT;
    int rc = wan_dhcp6_parse(p, len, &w, &why);
    if (rc < 0 && !why.len)
        fuzz_fail("DHCPv6 message refused without a reason");
    if (rc == 0 && w.has_acs) {
        if (w.acs_len < 4 || w.acs_len > sizeof w.acs)
            fuzz_fail("DHCPv6 option 17 of %zu bytes", w.acs_len);
        if (memcmp(w.acs, "\x00\x00\x0d\xe9", 4) != 0)
            fuzz_fail("DHCPv6 option 17 of another enterprise kept");
    }
    sb_free(&why);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    v4(data, size);
    v6(data, size);
    const uint8_t *payload;
    size_t plen;
    unsigned dport;
    struct strbuf why = STRBUF_INIT;
    if (dhcp_ipv6_payload(data, size, &payload, &plen, &dport, &why) == 0) {
        if (payload < data || payload + plen > data + size)
            fuzz_fail("IPv6 payload outside the packet");
        v6(payload, plen);
    } else if (!why.len) {
        fuzz_fail("IPv6 packet refused without a reason");
    }
    sb_reset(&why);
    if (dhcp_ipv4_payload(data, size, &payload, &plen, &why) == 0) {
        if (payload < data || payload + plen > data + size)
            fuzz_fail("IPv4 payload outside the packet");
        v4(payload, plen);
    }
    sb_free(&why);
    return 0;
}
