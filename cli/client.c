#include "client.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "xalloc.h"

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* cwmpd showed it is alive, or a new silence starts (a request went out). */
static void heard(struct client *c)
{
    c->quiet_since_ms = now_ms();
    c->probed = false;
    c->stuck_told = false;
}

int client_connect(struct client *c, const char *path, char *why, size_t whylen)
{
    memset(c, 0, sizeof *c);
    c->fd = -1;
    c->term_length = 24;
    c->probe_ms = 5000;
    c->stuck_ms = 10000;
    struct sockaddr_un sun = {.sun_family = AF_UNIX};
    if (strlen(path) >= sizeof sun.sun_path) {
        snprintf(why, whylen, "socket path too long");
        return -1;
    }
    strcpy(sun.sun_path, path);
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0 || connect(fd, (struct sockaddr *)&sun, sizeof sun) < 0) {
        int e = errno;
        snprintf(why, whylen, "%s", strerror(e));
        if (fd >= 0)
            close(fd);
        return -e;
    }
    c->fd = fd;
    return 0;
}

void client_close(struct client *c)
{
    if (c->fd >= 0)
        close(c->fd);
    c->fd = -1;
    sb_free(&c->in);
    free(c->prompt);
    c->prompt = NULL;
}

static int send_all(struct client *c, const struct strbuf *b)
{
    size_t off = 0;
    while (off < b->len) {
        ssize_t n = send(c->fd, b->buf + off, b->len - off, MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        off += (size_t)n;
    }
    return 0;
}

static int finish(struct client *c, struct ctl_writer *w, uint8_t type)
{
    struct strbuf frame = STRBUF_INIT;
    ctl_writer_finish(w, type, &frame);
    int rc = send_all(c, &frame);
    sb_free(&frame);
    if (type != CTL_PING)
        heard(c);
    return rc;
}

int client_hello(struct client *c, uint8_t flags, const char *tty, const char *location)
{
    struct ctl_writer w;
    ctl_writer_init(&w);
    ctl_w_u32(&w, CTL_PROTO_VERSION);
    ctl_w_u8(&w, flags);
    ctl_w_cstr(&w, tty);
    ctl_w_cstr(&w, location);
    return finish(c, &w, CTL_HELLO);
}

int client_send(struct client *c, uint8_t type, const char *line)
{
    struct ctl_writer w;
    ctl_writer_init(&w);
    size_t len = strlen(line);
    if (len > CTL_MAX_LINE)
        len = CTL_MAX_LINE; /* cwmpd refuses longer lines; the parser reports the cut */
    ctl_w_str(&w, line, len);
    return finish(c, &w, type);
}

int client_answer(struct client *c, const char *text, bool cancelled)
{
    struct ctl_writer w;
    ctl_writer_init(&w);
    ctl_w_u8(&w, cancelled);
    size_t len = strlen(text);
    ctl_w_str(&w, text, len > CTL_MAX_LINE ? CTL_MAX_LINE : len);
    return finish(c, &w, CTL_INPUT);
}

/* Handles one frame; returns 1 when it ended the request, 0 to go on, -1 on a protocol error. */
static int handle(struct client *c, const struct ctl_frame *f, const struct reply_sink *sink,
                  struct reply *r)
{
    struct ctl_reader rd;
    ctl_reader_init(&rd, f);
    /* What belongs to an abandoned request: its output is dropped, and its end only ends it. */
    bool dropped = c->abandoned > 0 &&
                   (f->type == CTL_DONE || f->type == CTL_PROMPT || f->type == CTL_COMPLETION);
    if (dropped)
        c->abandoned--;
    switch (f->type) {
    case CTL_PONG:
        return f->len == 0 ? 0 : -1;
    case CTL_OUTPUT:
        if (c->abandoned > 0)
            return 0;
        if (sink && sink->output)
            sink->output(sink->arg, (const char *)f->payload, f->len);
        return 0;
    case CTL_ASYNC:
        if (sink && sink->async)
            sink->async(sink->arg, (const char *)f->payload, f->len);
        return 0;
    case CTL_DONE: {
        uint8_t status = ctl_r_u8(&rd);
        uint16_t length = ctl_r_u16(&rd);
        char *prompt = ctl_r_cstr(&rd, 1024);
        if (!ctl_reader_done(&rd)) {
            free(prompt);
            return -1;
        }
        /* Even an abandoned request's end says the session's state: the mode it left. */
        free(c->prompt);
        c->prompt = prompt;
        c->term_length = length;
        if (status == CTL_STATUS_CLOSE)
            c->closed = true;
        if (dropped)
            return 0;
        r->kind = REPLY_DONE;
        r->status = (enum ctl_status)status;
        return 1;
    }
    case CTL_PROMPT: {
        uint8_t echo = ctl_r_u8(&rd);
        char *q = ctl_r_cstr(&rd, 1024);
        if (!ctl_reader_done(&rd) || dropped) {
            free(q);
            return dropped ? 0 : -1;
        }
        r->kind = REPLY_PROMPT;
        r->echo = echo != 0;
        r->text = q;
        return 1;
    }
    case CTL_COMPLETION: {
        char *t = ctl_r_cstr(&rd, CTL_MAX_LINE);
        if (!ctl_reader_done(&rd) || dropped) {
            free(t);
            return dropped ? 0 : -1;
        }
        r->kind = REPLY_COMPLETION;
        r->text = t;
        return 1;
    }
    default:
        return -1;
    }
}

struct drain_ctx {
    struct client *c;
    const struct reply_sink *sink;
    struct reply *r;
};

static int on_frame(void *arg, const struct ctl_frame *f)
{
    struct drain_ctx *d = arg;
    return handle(d->c, f, d->sink, d->r);
}

/* Processes the whole frames in the buffer; *ended when one ended the request. Handling frames
 * may take the operator's time (the pager's --More--), which is not cwmpd's silence. */
static int drain(struct client *c, const struct reply_sink *sink, struct reply *r, bool *ended)
{
    struct drain_ctx d = {c, sink, r};
    size_t before = c->in.len;
    int rc = ctl_drain(&c->in, on_frame, &d);
    if (c->in.len != before)
        heard(c);
    if (rc > 0)
        *ended = true;
    return rc < 0 ? -1 : 0;
}

static int read_more(struct client *c)
{
    char buf[16384];
    for (;;) {
        ssize_t n = recv(c->fd, buf, sizeof buf, 0);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        sb_append(&c->in, buf, (size_t)n);
        heard(c);
        return 0;
    }
}

static int send_ping(struct client *c)
{
    struct ctl_writer w;
    ctl_writer_init(&w);
    return finish(c, &w, CTL_PING);
}

int client_abort(struct client *c)
{
    struct ctl_writer w;
    ctl_writer_init(&w);
    return finish(c, &w, CTL_ABORT);
}

/* How long poll may sleep before the next probe or the report of silence (-1: no limit). */
static int next_deadline(const struct client *c)
{
    if (c->stuck_ms <= 0)
        return -1;
    int64_t at = c->quiet_since_ms + (c->probed ? c->stuck_ms : c->probe_ms);
    if (c->probed && c->stuck_told)
        return -1;
    int64_t left = at - now_ms();
    return left < 0 ? 0 : left > 60000 ? 60000 : (int)left;
}

void client_wait(struct client *c, const struct reply_sink *sink, struct reply *r, int key_fd)
{
    memset(r, 0, sizeof *r);
    bool ended = false;
    for (;;) {
        if (drain(c, sink, r, &ended) < 0)
            break;
        if (ended)
            return;
        if (c->closed) {
            /* An abandoned `exit` ended the session: nothing will answer what followed. */
            r->kind = REPLY_DONE;
            r->status = CTL_STATUS_CLOSE;
            return;
        }
        if (c->stuck_ms > 0) {
            int64_t quiet = now_ms() - c->quiet_since_ms;
            if (!c->probed && quiet >= c->probe_ms) {
                if (send_ping(c) < 0)
                    break;
                c->probed = true;
            }
            if (!c->stuck_told && quiet >= c->stuck_ms) {
                c->stuck_told = true;
                r->kind = REPLY_STUCK;
                return;
            }
        }
        struct pollfd p[2] = {{.fd = c->fd, .events = POLLIN}, {.fd = key_fd, .events = POLLIN}};
        int n = poll(p, key_fd >= 0 ? 2 : 1, next_deadline(c));
        if (n < 0 && errno != EINTR)
            break;
        if (n <= 0)
            continue;
        if (p[0].revents && read_more(c) < 0)
            break;
        if (key_fd >= 0 && p[1].revents) {
            r->kind = REPLY_KEY;
            return;
        }
    }
    reply_free(r);
    r->kind = REPLY_LOST;
}

void client_abandon(struct client *c)
{
    c->abandoned++;
}

void reply_free(struct reply *r)
{
    free(r->text);
    r->text = NULL;
}

int client_poll_async(struct client *c, const struct reply_sink *sink)
{
    struct pollfd p = {.fd = c->fd, .events = POLLIN};
    while (poll(&p, 1, 0) > 0) {
        if (read_more(c) < 0)
            return -1;
        /* Frames after the end of an (abandoned) reply are handled too. */
        for (;;) {
            size_t before = c->in.len;
            struct reply r = {0};
            bool ended = false;
            if (drain(c, sink, &r, &ended) < 0)
                return -1;
            reply_free(&r);
            if (!ended || c->in.len == before)
                break;
        }
    }
    return 0;
}
