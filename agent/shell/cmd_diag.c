/* ping and traceroute: the operator's face of the diagnostics engine (diag.h). A test takes
 * seconds, so the shell's reply is deferred (shell_defer) while what the engine reports is
 * streamed to the shell as it happens (shell_stream): IOS's marks appear as the replies arrive,
 * and cwmpd's loop, CWMP sessions included, goes on meanwhile. An ABORT from the shell (Ctrl-C)
 * stops the test and prints what it found so far; a shell that goes away cancels it. */
#include <arpa/inet.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl_server.h"
#include "diag.h"
#include "handlers.h"
#include "platform.h"
#include "xalloc.h"

/* IOS's defaults. */
#define PING_REPEAT   5
#define PING_SIZE     100
#define PING_TIMEOUT  2
#define TRACE_PROBES  3
#define TRACE_TTL_MIN 1
#define TRACE_TTL_MAX 30
#define TRACE_TIMEOUT 3
/* IOS breaks a long row of ping's marks into lines of this many. */
#define MARKS_PER_LINE 70

struct diag_call {
    struct agent *agent;
    struct shell *shell;
    unsigned id;
    enum diag_kind kind;
    bool named; /* the host was a name, not an address */
    char host[DIAG_HOST_MAX + 1];
    bool source_address;                /* source A.B.C.D (else an interface, or none) */
    char source_shown[INET_ADDRSTRLEN]; /* what "Packet sent with a source address of" says */
    bool df;
    unsigned timeout_s;
    unsigned count;
    unsigned column;              /* ping: marks on the current line */
    char shown[INET6_ADDRSTRLEN]; /* traceroute: the address printed last on the hop's line */
    bool mid_line;                /* traceroute: a hop's line is open */
};

static void stream(struct diag_call *dc, const struct strbuf *text)
{
    shell_stream(dc->shell, text->buf, text->len);
}

static void on_started(void *arg, const struct diag_result *r)
{
    struct diag_call *dc = arg;
    struct strbuf out = STRBUF_INIT;
    char addr[INET6_ADDRSTRLEN];
    diag_ios_addr(&r->address, addr);
    sb_puts(&out, "Type escape sequence to abort.\n");
    if (dc->kind == DIAG_PING) {
        sb_printf(&out, "Sending %u, %u-byte ICMP Echos to %s, timeout is %u seconds:\n", dc->count,
                  r->datagram, addr, dc->timeout_s);
        if (dc->source_shown[0] && r->address.ss_family == AF_INET)
            sb_printf(&out, "Packet sent with a source address of %s \n", dc->source_shown);
        if (dc->df)
            sb_puts(&out, "Packet sent with the DF bit set\n");
    } else if (dc->named) {
        sb_printf(&out, "Tracing the route to %s (%s)\n\n", dc->host, addr);
    } else {
        sb_printf(&out, "Tracing the route to %s\n\n", addr);
    }
    stream(dc, &out);
    sb_free(&out);
}

static void on_probe(void *arg, const struct diag_result *r, size_t hop, unsigned n,
                     const struct diag_probe *p)
{
    struct diag_call *dc = arg;
    struct strbuf out = STRBUF_INIT;
    if (dc->kind == DIAG_PING) {
        sb_putc(&out, p->mark);
        if (++dc->column == MARKS_PER_LINE) {
            sb_putc(&out, '\n');
            dc->column = 0;
        }
    } else {
        if (n == 0) {
            sb_printf(&out, "%3u", r->hops[hop].ttl);
            dc->shown[0] = '\0';
            dc->mid_line = true;
        }
        diag_ios_probe(p, dc->shown, &out);
        if (n + 1 == dc->count) {
            sb_putc(&out, '\n');
            dc->mid_line = false;
        }
    }
    stream(dc, &out);
    sb_free(&out);
}

static void on_done(void *arg, const struct diag_result *r)
{
    struct diag_call *dc = arg;
    struct strbuf out = STRBUF_INIT;
    bool ok = true;
    switch (r->status) {
    case DIAG_ERR_RESOLVE:
        sb_puts(&out, "% Unrecognized host or address, or protocol not running.\n");
        ok = false;
        break;
    case DIAG_ERR_SOURCE:
        sb_puts(&out, dc->source_address
                          ? "% Invalid source address- IP address not on any of our up interfaces\n"
                          : "% Invalid source interface - IP not enabled or interface is down\n");
        ok = false;
        break;
    case DIAG_ERR_INIT:
        sb_printf(&out, "%% Cannot open a %s socket: %s\n", dc->kind == DIAG_PING ? "ICMP" : "UDP",
                  strerror(r->sys_errno));
        ok = false;
        break;
    default:
        if (dc->kind == DIAG_PING) {
            if (dc->column > 0)
                sb_putc(&out, '\n');
            diag_ios_success(r, &out);
        } else if (dc->mid_line) {
            sb_putc(&out, '\n');
        }
        break;
    }
    struct shell *sh = dc->shell;
    free(dc);
    shell_resume(sh, &out, ok);
    sb_free(&out);
}

static const struct diag_ops ops = {on_started, on_probe, on_done};

/* The shell went away: the test stops, nothing more is said. */
static void call_gone(void *arg)
{
    struct diag_call *dc = arg;
    diag_cancel(dc->agent->diag, dc->id, false);
    free(dc);
}

/* Ctrl-C: the test stops and its result so far is printed (on_done). */
static void call_abort(void *arg)
{
    struct diag_call *dc = arg;
    diag_cancel(dc->agent->diag, dc->id, true);
}

/* source IFNAME|A.B.C.D, shared by both commands. */
static int read_source(struct cmd_call *c, struct diag_params *p, struct diag_call *dc)
{
    const char *addr = cmd_arg(c, "address"), *ifname = cmd_arg(c, "ifname");
    if (addr) {
        snprintf(p->source, sizeof p->source, "%s", addr);
        snprintf(dc->source_shown, sizeof dc->source_shown, "%s", addr);
        dc->source_address = true;
    } else if (ifname) {
        char linux_name[32];
        platform_linux_name(ifname, linux_name, sizeof linux_name);
        if (!linux_name[0] || strlen(linux_name) >= sizeof p->device ||
            if_nametoindex(linux_name) == 0)
            return cmd_fail(c, "Invalid source interface - IP not enabled or interface is down");
        snprintf(p->device, sizeof p->device, "%s", linux_name);
        struct in_addr a, mask;
        if (platform_if_ipv4(ifname, &a, &mask))
            inet_ntop(AF_INET, &a, dc->source_shown, sizeof dc->source_shown);
    }
    return 0;
}

static unsigned arg_or(struct cmd_call *c, const char *name, unsigned dflt)
{
    return cmd_arg(c, name) ? (unsigned)arg_long(c, name) : dflt;
}

static int run(struct cmd_call *c, struct diag_params *p, struct diag_call *dc)
{
    struct agent_session *s = call_session(c);
    struct agent *a = s->agent;
    if (!s->shell || !a->diag) {
        free(dc);
        return cmd_fail(c, "%s needs a shell of a running cwmpd",
                        p->kind == DIAG_PING ? "ping" : "traceroute");
    }
    const char *host = cmd_arg(c, "host");
    if (strlen(host) > DIAG_HOST_MAX) {
        free(dc);
        return cmd_fail(c, "Unrecognized host or address, or protocol not running.");
    }
    snprintf(p->host, sizeof p->host, "%s", host);
    snprintf(dc->host, sizeof dc->host, "%s", host);
    struct in6_addr scratch;
    dc->named = inet_pton(AF_INET, host, &scratch) != 1 && inet_pton(AF_INET6, host, &scratch) != 1;
    if (read_source(c, p, dc) < 0) {
        free(dc);
        return -1;
    }
    dc->agent = a;
    dc->shell = s->shell;
    dc->kind = p->kind;
    dc->count = p->count;
    dc->timeout_s = p->timeout_ms / 1000;
    dc->df = p->df;
    struct strbuf err = STRBUF_INIT;
    dc->id = diag_start(a->diag, p, &ops, dc, &err);
    if (dc->id == 0) {
        cmd_fail(c, "%s", sb_str(&err));
        sb_free(&err);
        free(dc);
        return -1;
    }
    sb_free(&err);
    shell_defer(s->shell, call_gone, dc);
    shell_defer_abortable(s->shell, call_abort);
    return 0;
}

static int ping(struct cmd_call *c)
{
    struct diag_params p = {
        .kind = DIAG_PING,
        .family = AF_UNSPEC,
        .count = arg_or(c, "count", PING_REPEAT),
        .size = arg_or(c, "size", PING_SIZE),
        .size_is_datagram = true,
        .timeout_ms = arg_or(c, "timeout", PING_TIMEOUT) * 1000u,
        .df = cmd_has(c, "df-bit"),
    };
    return run(c, &p, xcalloc(1, sizeof(struct diag_call)));
}

static int traceroute(struct cmd_call *c)
{
    struct diag_params p = {
        .kind = DIAG_TRACE,
        .family = AF_UNSPEC,
        .count = arg_or(c, "count", TRACE_PROBES),
        .timeout_ms = arg_or(c, "timeout", TRACE_TIMEOUT) * 1000u,
        .ttl_min = arg_or(c, "min_ttl", TRACE_TTL_MIN),
        .ttl_max = arg_or(c, "max_ttl", TRACE_TTL_MAX),
    };
    if (p.ttl_min > p.ttl_max)
        return cmd_fail(c, "Maximum TTL must be greater than or equal to minimum TTL");
    return run(c, &p, xcalloc(1, sizeof(struct diag_call)));
}

static const struct cmd_binding table[] = {
    {"ping", ping, "host count size timeout ifname address df-bit"},
    {"traceroute", traceroute, "host count min_ttl max_ttl timeout ifname address"},
};
HANDLER_TABLE(diag_handlers, table);
