/* The lease file of the state directory (dhcp-leases, lease_table.h), read at start.
 *
 * Besides not crashing: a refused file says why and leaves the table empty; an accepted one
 * renders to text that loads again, without error, to the same text (and so the same leases). */
#include <string.h>

#include "harness.h"
#include "lease_table.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct lease_table t = {0};
    struct strbuf why = STRBUF_INIT;
    /* A fixed "now", so that an input means the same every run. */
    const long long now = 1700000000;
    int rc = lease_table_parse(&t, (const char *)data, size, now, &why);
    if (rc < 0) {
        if (!why.len)
            fuzz_fail("lease file refused without a reason");
        if (t.n)
            fuzz_fail("a refused lease file left %zu leases", t.n);
    } else {
        struct strbuf text = STRBUF_INIT, again = STRBUF_INIT;
        lease_table_render(&t, &text);
        struct lease_table u = {0};
        sb_reset(&why);
        if (lease_table_parse(&u, text.buf, text.len, now, &why) < 0)
            fuzz_fail("the saved lease file does not load: %s\n%s", sb_str(&why), sb_str(&text));
        lease_table_render(&u, &again);
        if (strcmp(sb_str(&text), sb_str(&again)) != 0)
            fuzz_fail("the lease file changes on a round trip:\n%s---\n%s", sb_str(&text),
                      sb_str(&again));
        lease_table_free(&u);
        sb_free(&text);
        sb_free(&again);
    }
    lease_table_free(&t);
    sb_free(&why);
    return 0;
}
