/* The IOS password forms of running-config: type 7 strings (management server password 7 ...)
 * and type 5, 8 and 9 hashes (enable secret N ...), all straight from configuration text.
 *
 * Besides not crashing: a decoded type 7 password is printable text of half the hex digits, and
 * type 7 round-trips (decode(encode(p)) == p) for every printable password. Output buffers are
 * allocated to the exact size the header promises is enough, so that the sanitizers see any byte
 * written past it. Type 9 and 8 hashes are only validated: scrypt and 20,000 rounds of PBKDF2
 * would make the target too slow to find anything; a type 5 hash is checked against a password
 * (crypt(3) reads its salt), and the types agree with the prefixes. The text is also what an
 * operator answers enable's Password: with: an enable password matches exactly itself, not a
 * text one character shorter or longer. */
#include <stdlib.h>
#include <string.h>

#include "config_users.h"
#include "harness.h"
#include "passwords.h"
#include "xalloc.h"

static bool printable(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || *s == 0x7f)
            return false;
    return true;
}

/* Encodes into a buffer of the documented size, decodes that and expects the same text. */
static void check_type7_roundtrip(const char *clear)
{
    size_t len = strlen(clear);
    size_t cap = 2 + 2 * len + 1;
    char *enc = xmalloc(cap);
    type7_encode(clear, enc, cap);
    if (strlen(enc) != 2 + 2 * len)
        fuzz_fail("type7_encode of %zu characters gave %zu", len, strlen(enc));
    char *back = xmalloc(len + 1);
    if (!type7_decode(enc, back, len + 1))
        fuzz_fail("type7_decode refuses what type7_encode wrote: %s", enc);
    if (strcmp(back, clear) != 0)
        fuzz_fail("type 7 does not round-trip: %s -> %s -> %s", clear, enc, back);
    free(back);
    free(enc);
}

static void check_type7_decode(const char *enc)
{
    size_t len = strlen(enc);
    size_t digits = len >= 2 ? len - 2 : 0;
    /* A clear text of half the hex digits, and its terminator. */
    size_t cap = digits / 2 + 1;
    char *out = xmalloc(cap);
    if (type7_decode(enc, out, cap)) {
        if (strlen(out) != digits / 2)
            fuzz_fail("type7_decode of %s gave %zu characters", enc, strlen(out));
        if (!printable(out))
            fuzz_fail("type7_decode of %s gave unprintable text", enc);
        check_type7_roundtrip(out);
    }
    free(out);
    /* Too small a buffer must be refused, not overrun. */
    for (size_t small = 1; small < cap && small <= 4; small++) {
        char *tiny = xmalloc(small);
        if (type7_decode(enc, tiny, small))
            fuzz_fail("type7_decode fit %zu characters into %zu bytes", digits / 2, small);
        free(tiny);
    }
}

static void check_enable_password(const char *typed)
{
    size_t len = strlen(typed);
    struct password p = {.clear = (char *)typed};
    if (!password_matches(&p, typed))
        fuzz_fail("an enable password does not match itself: %s", typed);
    char *longer = xmalloc(len + 2);
    memcpy(longer, typed, len);
    memcpy(longer + len, "x", 2);
    if (password_matches(&p, longer))
        fuzz_fail("an enable password matches a longer text: %s", typed);
    if (len > 0) {
        longer[len - 1] = '\0';
        if (password_matches(&p, longer))
            fuzz_fail("an enable password matches a shorter text: %s", typed);
    }
    free(longer);
    struct password none = {0};
    if (password_matches(&none, typed))
        fuzz_fail("no enable password matches %s", typed);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_cstr(data, size);
    check_type7_decode(s);
    if (printable(s))
        check_type7_roundtrip(s);
    if (type9_valid(s) && (strlen(s) != TYPE9_LEN || strncmp(s, "$9$", 3) != 0))
        fuzz_fail("type9_valid accepts %s", s);
    if (type8_valid(s) && (strlen(s) != TYPE8_LEN || strncmp(s, "$8$", 3) != 0))
        fuzz_fail("type8_valid accepts %s", s);
    int type = secret_type(s);
    if (type != 0 && (s[0] != '$' || s[1] != (type == 5 ? '1' : '0' + type) || s[2] != '$'))
        fuzz_fail("secret_type calls %s type %d", s, type);
    if (type5_valid(s))
        (void)type5_verify("cisco", s);
    check_enable_password(s);
    free(s);
    return 0;
}
