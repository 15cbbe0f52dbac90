/* A WWW-Authenticate value as an ACS (or whatever answers at its URL) sends it: the challenge
 * parser of the HTTP client, and the Authorization header cwmpd answers it with.
 *
 * Besides not crashing: a challenge that parses is Basic or Digest (with a nonce), its fields are
 * terminated inside their arrays, and answering it gives one header line of the challenge's
 * scheme. That line never holds a raw CR or LF, whatever the challenge's quoted strings carry: the
 * realm, nonce and opaque are echoed into a request header, and a line break there is a header
 * injection by the server into cwmpd's next request. A Digest answer read back with the same
 * parser gives the realm, nonce, opaque and algorithm of the challenge: the quoting is exact. */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "http_auth.h"

#define AUTH_PREFIX "Authorization: "

static void check_terminated(const struct http_challenge *ch, const char *in)
{
    if (strnlen(ch->realm, sizeof ch->realm) == sizeof ch->realm ||
        strnlen(ch->nonce, sizeof ch->nonce) == sizeof ch->nonce ||
        strnlen(ch->opaque, sizeof ch->opaque) == sizeof ch->opaque)
        fuzz_fail("http_challenge_parse left a field unterminated for %s", in);
}

/* The header's parameters, read back with the challenge parser: "Digest username=..., ...". */
static void check_digest_echo(const struct http_challenge *ch, const char *header)
{
    struct http_challenge back;
    if (http_challenge_parse(header + strlen(AUTH_PREFIX), &back) < 0)
        fuzz_fail("the Digest answer does not read back:\n%s", header);
    if (strcmp(back.realm, ch->realm) != 0 || strcmp(back.nonce, ch->nonce) != 0 ||
        strcmp(back.opaque, ch->opaque) != 0 || back.md5_sess != ch->md5_sess)
        fuzz_fail("the Digest answer does not echo the challenge:\n%s\nrealm \"%s\" nonce \"%s\" "
                  "opaque \"%s\" md5-sess %d",
                  header, ch->realm, ch->nonce, ch->opaque, ch->md5_sess);
}

static void answer(const struct http_challenge *ch, const char *in)
{
    struct http_auth_state st;
    http_auth_start(&st, ch);
    /* Twice: the second request of a session answers the same challenge with the next nc. */
    for (int i = 0; i < 2; i++) {
        struct strbuf h = STRBUF_INIT;
        http_auth_header(&st, "POST", "/acs", "000000-cwmpd-000000000000", "pass\"word\\", &h);
        if (strlen(sb_str(&h)) != h.len)
            fuzz_fail("the Authorization header holds a NUL byte for %s", in);
        if (strpbrk(sb_str(&h), "\r\n"))
            fuzz_fail("header injection: the answer to %s holds a raw CR or LF:\n%s", in,
                      sb_str(&h));
        const char *scheme =
            ch->scheme == HTTP_AUTH_BASIC ? AUTH_PREFIX "Basic " : AUTH_PREFIX "Digest ";
        if (strncmp(sb_str(&h), scheme, strlen(scheme)) != 0)
            fuzz_fail("the answer to %s is not %s...:\n%s", in, scheme, sb_str(&h));
        if (ch->scheme == HTTP_AUTH_DIGEST)
            check_digest_echo(ch, sb_str(&h));
        sb_free(&h);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *in = fuzz_cstr(data, size);
    struct http_challenge ch;
    if (http_challenge_parse(in, &ch) == 0) {
        check_terminated(&ch, in);
        if (ch.scheme != HTTP_AUTH_BASIC && ch.scheme != HTTP_AUTH_DIGEST)
            fuzz_fail("http_challenge_parse accepted %s with scheme %d", in, (int)ch.scheme);
        if (ch.scheme == HTTP_AUTH_DIGEST && !ch.nonce[0])
            fuzz_fail("http_challenge_parse accepted a Digest challenge without a nonce: %s", in);
        answer(&ch, in);
    }
    free(in);
    return 0;
}
