/* What reaches cwmpd's UDP connection-request port (TR-111 Part 2): STUN answers and UDP
 * connection requests, from anyone on the path. The input is read as a STUN message and as a UDP
 * connection request, and the request is checked as cwmpd checks it.
 *
 * Besides not crashing: a message parsed has an error code below 800 (a class of three bits, a
 * number below 100), its texts terminated, and a mapped address of an IPv4 or IPv6 family only;
 * a message stun_parse takes is one stun_looks_like takes; a request parsed has its fields
 * terminated and a ts of decimal digits; a request the check accepts once is never accepted
 * again (its id is remembered); MESSAGE-INTEGRITY, when parsed, lies inside the message, and a
 * message that has none never passes the check. */
#include <stdbool.h>
#include <string.h>

#include "harness.h"
#include "stun_msg.h"
#include "udp_cr.h"

static void terminated(const char *s, size_t cap, const char *what)
{
    if (strnlen(s, cap) == cap)
        fuzz_fail("%s not terminated", what);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct stun_answer a;
    if (stun_parse(data, size, &a) == 0) {
        if (!stun_looks_like(data, size))
            fuzz_fail("parsed a message stun_looks_like refuses");
        if (a.error_code >= 800)
            fuzz_fail("error code %u", a.error_code);
        terminated(a.reason, sizeof a.reason, "reason");
        terminated(a.realm, sizeof a.realm, "realm");
        terminated(a.nonce, sizeof a.nonce, "nonce");
        if (a.has_mapped && a.mapped.ss_family != AF_INET && a.mapped.ss_family != AF_INET6)
            fuzz_fail("mapped address of family %d", a.mapped.ss_family);
        if (a.has_integrity && (a.integrity_at < STUN_HEADER_LEN || a.integrity_at + 24 > size))
            fuzz_fail("MESSAGE-INTEGRITY at %zu of %zu bytes", a.integrity_at, size);
        /* The corpus signs with "password" (RFC 5389's way). */
        bool ok = stun_integrity_ok(data, size, &a, (const uint8_t *)"password", 8);
        if (ok && !a.has_integrity)
            fuzz_fail("integrity passed without MESSAGE-INTEGRITY");
    }

    struct udp_cr_request r;
    if (udp_cr_parse((const char *)data, size, &r) == 0) {
        terminated(r.ts, sizeof r.ts, "ts");
        terminated(r.id, sizeof r.id, "id");
        terminated(r.un, sizeof r.un, "un");
        terminated(r.cn, sizeof r.cn, "cn");
        terminated(r.sig, sizeof r.sig, "sig");
        for (const char *p = r.ts; *p; p++)
            if (*p < '0' || *p > '9')
                fuzz_fail("ts \"%s\" accepted", r.ts);
        udp_cr_signature_ok(&r, "password");
    }
    /* With the username and password the input names (when it has them): a valid signature is
     * out of reach of a fuzzer, but every refusal before it is reached. */
    struct udp_cr_replay rp = {0};
    enum udp_cr_verdict v = udp_cr_check(&rp, (const char *)data, size, "acs", "password");
    if (v == UDP_CR_ACCEPT &&
        udp_cr_check(&rp, (const char *)data, size, "acs", "password") == UDP_CR_ACCEPT)
        fuzz_fail("the same request accepted twice");
    return 0;
}
