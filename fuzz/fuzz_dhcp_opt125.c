/* DHCP option 125 (TR-069 Annex F identity) and the DHCP message around it: what any device of the
 * LAN can send to cwmpd's snooper.
 *
 * The input is used three ways: as the value of option 125; as the options field of a DHCP
 * REQUEST (after a fixed BOOTP header and the magic cookie), so that option framing, overload and
 * long-option concatenation are reached; and as a whole UDP payload. Besides not crashing: a
 * refused option says why and an accepted one does not; an accepted identity is what
 * ManageableDevice may show (OUI six upper-case hexadecimal digits, a serial number of 1 to 64
 * bytes and a product class of at most 64, clean UTF-8, terminated); a message's host name is
 * clean text too. */
#include <stdlib.h>
#include <string.h>

#include "dhcp_opt125.h"
#include "dhcp_packet.h"
#include "harness.h"

static void check_identity(const struct tr111_identity *id, const char *where)
{
    if (strnlen(id->oui, sizeof id->oui) != 6 ||
        tr111_oui_problem((const uint8_t *)id->oui, 6, (char[7]){0}))
        fuzz_fail("%s: OUI \"%.7s\" is not six upper-case hexadecimal digits", where, id->oui);
    size_t s = strnlen(id->serial, sizeof id->serial),
           c = strnlen(id->product_class, sizeof id->product_class);
    if (s == sizeof id->serial || c == sizeof id->product_class)
        fuzz_fail("%s: a field is not terminated", where);
    if (tr111_text_problem((const uint8_t *)id->serial, s, 1, TR111_FIELD_MAX))
        fuzz_fail("%s: serial number \"%s\" accepted", where, id->serial);
    if (tr111_text_problem((const uint8_t *)id->product_class, c, 0, TR111_FIELD_MAX))
        fuzz_fail("%s: product class \"%s\" accepted", where, id->product_class);
}

static void check_msg(const uint8_t *p, size_t len, const char *where)
{
    struct dhcp_msg m;
    struct strbuf why = STRBUF_INIT;
    int rc = dhcp_msg_parse(p, len, &m, &why);
    if (rc < 0 && !why.len)
        fuzz_fail("%s: message refused without a reason", where);
    if (rc == 0) {
        if (m.identity_rc == 1)
            check_identity(&m.identity, where);
        if (m.identity_rc < 0 && !m.identity_why[0])
            fuzz_fail("%s: option 125 refused without a reason", where);
        size_t h = strnlen(m.hostname, sizeof m.hostname);
        if (h == sizeof m.hostname || tr111_text_problem((const uint8_t *)m.hostname, h, 0, 64))
            fuzz_fail("%s: host name not clean", where);
        if (m.client_id_len > sizeof m.client_id)
            fuzz_fail("%s: client identifier length %zu", where, m.client_id_len);
    }
    sb_free(&why);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct tr111_identity id;
    struct strbuf why = STRBUF_INIT;
    int rc = dhcp_opt125_parse(data, size, &id, &why);
    if (rc < 0 && !why.len)
        fuzz_fail("option 125 refused without a reason");
    if (rc >= 0 && why.len)
        fuzz_fail("option 125 accepted with a message: %s", sb_str(&why));
    if (rc == 1)
        check_identity(&id, "option 125");
    sb_free(&why);

    /* The input as the options of a REQUEST from 02:00:00:00:00:01. */
    size_t len = 240 + size;
    uint8_t *msg = calloc(1, len);
    msg[0] = 1;
    msg[1] = 1;
    msg[2] = 6;
    msg[28] = 2;
    msg[33] = 1;
    memcpy(msg + 236, "\x63\x82\x53\x63", 4);
    if (size)
        memcpy(msg + 240, data, size);
    check_msg(msg, len, "options");
    free(msg);

    check_msg(data, size, "message");
    const uint8_t *payload;
    size_t plen;
    struct strbuf w = STRBUF_INIT;
    if (dhcp_ipv4_payload(data, size, &payload, &plen, &w) == 0) {
        if (payload < data || payload + plen > data + size)
            fuzz_fail("UDP payload outside the packet");
        check_msg(payload, plen, "packet");
    } else if (!w.len) {
        fuzz_fail("IPv4 packet refused without a reason");
    }
    sb_free(&w);
    return 0;
}
