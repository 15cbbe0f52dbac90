/* The control socket as a hostile cwmpsh would use it: arbitrary bytes into a shell of cwmpd.
 *
 * The bytes arrive in pieces of varying sizes, as recv() would deliver them, so that frame
 * reassembly is exercised too. cwmpd must never crash, and everything it answers must be frames
 * that the real cwmpsh accepts (cli/client.c): a reply it cannot decode would drop the operator's
 * session. */
#include <stdlib.h>

#include "ctl_proto.h"
#include "ctl_server.h"
#include "harness.h"

/* The limits cwmpsh applies to the strings of cwmpd's replies (cli/client.c). */
#define CLIENT_PROMPT_MAX 1024u

static void check_reply_frame(const struct ctl_frame *f)
{
    struct ctl_reader r;
    ctl_reader_init(&r, f);
    char *s = NULL;
    switch (f->type) {
    case CTL_OUTPUT:
    case CTL_ASYNC:
        return;
    case CTL_PONG: /* the answer to a liveness probe carries nothing */
        if (f->len != 0)
            fuzz_fail("cwmpd sent a PONG with %u bytes of payload", f->len);
        return;
    case CTL_DONE:
        ctl_r_u8(&r);
        ctl_r_u16(&r);
        s = ctl_r_cstr(&r, CLIENT_PROMPT_MAX);
        break;
    case CTL_PROMPT:
        ctl_r_u8(&r);
        s = ctl_r_cstr(&r, CLIENT_PROMPT_MAX);
        break;
    case CTL_COMPLETION:
        s = ctl_r_cstr(&r, CTL_MAX_LINE);
        break;
    default:
        fuzz_fail("cwmpd sent a frame of type %u, which is not a reply", f->type);
    }
    bool done = ctl_reader_done(&r);
    free(s);
    if (!done)
        fuzz_fail("cwmpsh cannot decode cwmpd's reply of type %u (%u bytes of payload)", f->type,
                  f->len);
}

/* Decodes what the shell queued, as cwmpsh would, then drops it as if it had been sent. */
static void drain_replies(struct shell *sh)
{
    if (sh->out.len == 0)
        return; /* the buffer may not even be allocated yet */
    size_t used = 0;
    for (;;) {
        struct ctl_frame f;
        size_t consumed;
        enum ctl_parse_result pr =
            ctl_frame_parse((const uint8_t *)sh->out.buf + used, sh->out.len - used, &f, &consumed);
        if (pr == CTL_PARSE_NEED_MORE)
            break;
        if (pr == CTL_PARSE_ERROR)
            fuzz_fail("cwmpd queued a malformed frame header");
        check_reply_frame(&f);
        used += consumed;
    }
    if (used != sh->out.len)
        fuzz_fail("cwmpd queued %zu bytes that are not a whole frame", sh->out.len - used);
    sb_reset(&sh->out);
}

/* Piece sizes from a small generator seeded by the input's length: deterministic for one input,
 * and from one byte to a few kilobytes. */
static size_t next_piece(uint32_t *state)
{
    *state = *state * 1103515245u + 12345u;
    uint32_t r = *state >> 16;
    switch (r % 4u) {
    case 0:
        return 1;
    case 1:
        return 1 + r % 7u;
    case 2:
        return 1 + r % 64u;
    default:
        return 1 + r % 4096u;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct agent *a = fuzz_agent();
    fuzz_agent_reset(a);
    struct ctl_server *srv = ctl_server_new_detached(a);
    /* As agent_init does, so that show users and log messages reach this server's shells. */
    a->ctl = srv;
    struct shell *sh = shell_new_detached(srv);

    uint32_t state = (uint32_t)size;
    size_t off = 0;
    while (off < size) {
        size_t n = next_piece(&state);
        if (n > size - off)
            n = size - off;
        int rc = shell_receive(sh, data + off, n);
        off += n;
        drain_replies(sh);
        /* cwmpd closes the connection here (ctl_server.c on_shell_io). */
        if (rc < 0 || sh->close_after_flush)
            break;
    }

    shell_free(sh);
    ctl_server_free(srv);
    a->ctl = NULL;
    fuzz_check_render_roundtrip(a);
    return 0;
}
