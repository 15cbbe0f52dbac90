/* The control-socket protocol between cwmpsh and cwmpd.
 *
 * A stream of frames over a UNIX stream socket. Each frame is a 5-byte header (one type byte, then
 * the payload length as a 32-bit big-endian integer) followed by the payload. Payload fields are
 * u8, u16 and u32 integers (big-endian) and strings (u32 length, then the bytes, no terminator).
 *
 * The shell sends one request at a time and waits for its terminal reply:
 *   HELLO    u32 version, u8 flags, str tty, str location  -> DONE (with the first prompt)
 *   EXEC     str line                                       -> OUTPUT* then DONE or PROMPT
 *   HELP     str line (text left of the cursor)             -> OUTPUT* then DONE
 *   COMPLETE str line (text left of the cursor)             -> COMPLETION
 *   INPUT    u8 cancelled, str text (answer to a PROMPT)    -> OUTPUT* then DONE or PROMPT
 * and, at any time, even while a request's reply is awaited or deferred:
 *   PING     (no payload)                                   -> PONG, at once
 * PING is how the shell tells a cwmpd whose event loop is stopped or stuck from one that is busy
 * with a slow command (a transfer): the loop answers it without waiting for the request. A PONG
 * is not part of any request's reply.
 *   ABORT    (no payload)                                   -> no reply of its own
 * ABORT is the one frame a shell may send while it waits for a reply: the operator pressed Ctrl-C
 * (or IOS's escape sequence, Ctrl-^ X) during a command that runs on (ping, traceroute), which
 * then ends early with its usual OUTPUT and DONE. An ABORT that arrives after the DONE is ignored.
 * cwmpd may send ASYNC frames (log and debug lines for `terminal monitor`) at any time.
 *   OUTPUT     the bytes of command output
 *   DONE       u8 status, u16 terminal length, str prompt
 *   PROMPT     u8 echo, str question (the shell reads one line and answers with INPUT)
 *   ASYNC      the bytes of one or more complete lines
 *   COMPLETION str text to insert at the cursor (empty: nothing to complete)
 *   PONG       (no payload)
 */
#ifndef CWMP_CTL_PROTO_H
#define CWMP_CTL_PROTO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "strbuf.h"

#define CTL_PROTO_VERSION 1u
#define CTL_HEADER_SIZE   5u
/* The largest payload either side accepts; output larger than this is split into several frames. */
#define CTL_MAX_PAYLOAD (256u * 1024u)
/* The longest command line cwmpd accepts from a shell. */
#define CTL_MAX_LINE 4096u

enum ctl_type {
    CTL_HELLO = 1,
    CTL_EXEC = 2,
    CTL_HELP = 3,
    CTL_COMPLETE = 4,
    CTL_INPUT = 5,
    CTL_PING = 6,
    CTL_ABORT = 7,
    CTL_OUTPUT = 16,
    CTL_DONE = 17,
    CTL_PROMPT = 18,
    CTL_ASYNC = 19,
    CTL_COMPLETION = 20,
    CTL_PONG = 21,
};

/* HELLO flags */
#define CTL_HELLO_INTERACTIVE 0x01u /* a person at a terminal: carets follow the prompt */
#define CTL_HELLO_CONSOLE     0x02u /* the terminal is the system console */

/* DONE status */
enum ctl_status {
    CTL_STATUS_OK = 0,
    CTL_STATUS_ERROR = 1, /* the command failed; the output says why */
    CTL_STATUS_CLOSE = 2, /* the session ended (exit, logout) */
};

struct ctl_frame {
    uint8_t type;
    uint32_t len;
    const uint8_t *payload;
};

enum ctl_parse_result {
    CTL_PARSE_FRAME = 1,
    CTL_PARSE_NEED_MORE = 0,
    CTL_PARSE_ERROR = -1,
};

/* Looks for one whole frame at the start of buf. On CTL_PARSE_FRAME, *frame points into buf and
 * *consumed is the frame's total size. A payload longer than CTL_MAX_PAYLOAD is an error. */
enum ctl_parse_result ctl_frame_parse(const uint8_t *buf, size_t len, struct ctl_frame *frame,
                                      size_t *consumed);
bool ctl_type_known(uint8_t type);

/* Hands each whole frame at the start of in to on_frame, and removes the frames handled. on_frame
 * returns 0 to go on, a positive value to stop after this frame (kept for the caller), or a
 * negative value on a protocol error. Returns the last value on_frame returned (0 when it ran out
 * of whole frames), or -1 when the bytes are not a frame. */
int ctl_drain(struct strbuf *in, int (*on_frame)(void *arg, const struct ctl_frame *f), void *arg);

/* Building frames. */
struct ctl_writer {
    struct strbuf payload;
};
void ctl_writer_init(struct ctl_writer *w);
void ctl_w_u8(struct ctl_writer *w, uint8_t v);
void ctl_w_u16(struct ctl_writer *w, uint16_t v);
void ctl_w_u32(struct ctl_writer *w, uint32_t v);
void ctl_w_str(struct ctl_writer *w, const char *s, size_t len);
void ctl_w_cstr(struct ctl_writer *w, const char *s);
/* Appends the frame to out and releases the writer. */
void ctl_writer_finish(struct ctl_writer *w, uint8_t type, struct strbuf *out);
/* Appends a frame whose payload is raw bytes (OUTPUT, ASYNC), split to respect CTL_MAX_PAYLOAD. */
void ctl_put_bytes(struct strbuf *out, uint8_t type, const char *data, size_t len);

/* Reading payload fields; any overrun sets r->error and yields zeroes. */
struct ctl_reader {
    const uint8_t *p;
    size_t left;
    bool error;
};
void ctl_reader_init(struct ctl_reader *r, const struct ctl_frame *frame);
uint8_t ctl_r_u8(struct ctl_reader *r);
uint16_t ctl_r_u16(struct ctl_reader *r);
uint32_t ctl_r_u32(struct ctl_reader *r);
/* A string field as a newly allocated C string. A string holding a NUL byte or longer than max
 * is an error (returns NULL). */
char *ctl_r_cstr(struct ctl_reader *r, size_t max);
/* True when every byte was read and nothing overran. */
bool ctl_reader_done(const struct ctl_reader *r);

#endif
