/* ping and traceroute: the operator's face of the diagnostics engine (diag.h). A test takes
 * seconds, so the shell's reply is deferred (shell_defer) while what the engine reports is
 * streamed to the shell as it happens (shell_stream): IOS's marks appear as the replies arrive,
 * and cwmpd's loop, CWMP sessions included, goes on meanwhile. An ABORT from the shell (Ctrl-C)
 * stops the test and prints what it found so far; a shell that goes away cancels it. Without a
 * shell (X_00000C_ShowStatus), the session's agent_defer takes the same text. */
#include <arpa/inet.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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
    struct shell *shell;       /* the operator's, or NULL: */
    struct agent_defer *defer; /* the vendor RPC's */
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
    if (dc->shell)
        shell_stream(dc->shell, text->buf, text->len);
    else
        dc->defer->stream(dc->defer->arg, text->buf, text->len);
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
        sb_printf(&out, "%% Cannot open the %s socket: %s\n",
                  dc->kind == DIAG_PING ? "ICMP" : "UDP", strerror(r->sys_errno));
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
    struct agent_defer *defer = dc->defer;
    free(dc);
    if (sh)
        shell_resume(sh, &out, ok);
    else
        defer->resume(defer->arg, &out, ok);
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

/* The source of the probes: an address (A.B.C.D) or an interface (its IOS name), which the probes
 * leave by. Returns the IOS message when the interface has no Linux interface behind it. */
static const char *set_source(struct diag_params *p, struct diag_call *dc, const char *addr,
                              const char *ifname)
{
    if (addr) {
        dc->source_address = true;
        if (snprintf(p->source, sizeof p->source, "%s", addr) >= (int)sizeof p->source ||
            snprintf(dc->source_shown, sizeof dc->source_shown, "%s", addr) >=
                (int)sizeof dc->source_shown)
            return "Invalid source address- IP address not on any of our up interfaces";
    } else if (ifname) {
        char linux_name[32];
        platform_linux_name(ifname, linux_name, sizeof linux_name);
        if (!linux_name[0] || strlen(linux_name) >= sizeof p->device ||
            if_nametoindex(linux_name) == 0)
            return "Invalid source interface - IP not enabled or interface is down";
        snprintf(p->device, sizeof p->device, "%s", linux_name);
        struct in_addr a, mask;
        if (platform_if_ipv4(ifname, &a, &mask))
            inet_ntop(AF_INET, &a, dc->source_shown, sizeof dc->source_shown);
    }
    return NULL;
}

static unsigned arg_or(struct cmd_call *c, const char *name, unsigned dflt)
{
    return cmd_arg(c, name) ? (unsigned)arg_long(c, name) : dflt;
}

/* Starts the test for the shell (or, without one, the vendor RPC's defer), whose reply then waits
 * for it; takes dc. Returns -1 after printing why when it cannot start. */
static int start_test(struct agent *a, struct shell *sh, struct agent_defer *defer,
                      struct diag_params *p, struct diag_call *dc, const char *host,
                      struct strbuf *out)
{
    if (strlen(host) > DIAG_HOST_MAX) {
        free(dc);
        sb_puts(out, "% Unrecognized host or address, or protocol not running.\n");
        return -1;
    }
    snprintf(p->host, sizeof p->host, "%s", host);
    snprintf(dc->host, sizeof dc->host, "%s", host);
    struct in6_addr scratch;
    dc->named = inet_pton(AF_INET, host, &scratch) != 1 && inet_pton(AF_INET6, host, &scratch) != 1;
    dc->agent = a;
    dc->shell = sh;
    dc->defer = sh ? NULL : defer;
    dc->kind = p->kind;
    dc->count = p->count;
    dc->timeout_s = p->timeout_ms / 1000;
    dc->df = p->df;
    struct strbuf err = STRBUF_INIT;
    dc->id = diag_start(a->diag, p, &ops, dc, &err);
    if (dc->id == 0) {
        sb_printf(out, "%% %s\n", sb_str(&err));
        sb_free(&err);
        free(dc);
        return -1;
    }
    sb_free(&err);
    if (sh) {
        shell_defer(sh, call_gone, dc);
        shell_defer_abortable(sh, call_abort);
    } else {
        defer->deferred = true;
        defer->gone = call_gone;
        defer->abort = call_abort;
        defer->work = dc;
    }
    return 0;
}

/* The tests run for an operator's shell or a vendor RPC of a running cwmpd. */
static struct agent_session *diag_session(struct cmd_call *c, const char *what)
{
    struct agent_session *s = call_session(c);
    if ((!s->shell && !s->defer) || !s->agent->diag) {
        cmd_fail(c, "%s needs a shell of a running cwmpd", what);
        return NULL;
    }
    return s;
}

static int run(struct cmd_call *c, struct diag_params *p)
{
    struct agent_session *s = diag_session(c, p->kind == DIAG_PING ? "ping" : "traceroute");
    if (!s)
        return -1;
    struct diag_call *dc = xcalloc(1, sizeof *dc);
    const char *why = set_source(p, dc, cmd_arg(c, "address"), cmd_arg(c, "ifname"));
    if (why) {
        free(dc);
        return cmd_fail(c, "%s", why);
    }
    return start_test(s->agent, s->shell, s->defer, p, dc, cmd_arg(c, "host"), c->out);
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
    return run(c, &p);
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
    return run(c, &p);
}

/* --- the extended ping: `ping` alone asks IOS's questions --- */

enum dialog_step {
    ASK_PROTOCOL,
    ASK_TARGET,
    ASK_REPEAT,
    ASK_SIZE,
    ASK_TIMEOUT,
    ASK_EXTENDED,
    ASK_SOURCE,
    ASK_TOS,
    ASK_DF,
    ASK_SWEEP,
};

struct dialog {
    enum dialog_step step;
    struct diag_params p;
    struct diag_call *dc;
    char *target;
};

static void dialog_free(void *arg)
{
    struct dialog *d = arg;
    free(d->dc);
    free(d->target);
    free(d);
}

static int dialog_answered(struct shell *sh, const char *text, bool cancelled, struct strbuf *out);

static void ask(struct shell *sh, struct dialog *d, enum dialog_step step)
{
    char q[64];
    d->step = step;
    switch (step) {
    case ASK_PROTOCOL:
        snprintf(q, sizeof q, "Protocol [ip]: ");
        break;
    case ASK_TARGET:
        snprintf(q, sizeof q, "Target %s address: ", d->p.family == AF_INET6 ? "IPv6" : "IP");
        break;
    case ASK_REPEAT:
        snprintf(q, sizeof q, "Repeat count [%u]: ", d->p.count);
        break;
    case ASK_SIZE:
        snprintf(q, sizeof q, "Datagram size [%u]: ", d->p.size);
        break;
    case ASK_TIMEOUT:
        snprintf(q, sizeof q, "Timeout in seconds [%u]: ", d->p.timeout_ms / 1000);
        break;
    case ASK_EXTENDED:
        snprintf(q, sizeof q, "Extended commands [n]: ");
        break;
    case ASK_SOURCE:
        snprintf(q, sizeof q, "Source address or interface: ");
        break;
    case ASK_TOS:
        snprintf(q, sizeof q, "Type of service [0]: ");
        break;
    case ASK_DF:
        snprintf(q, sizeof q, "Set DF bit in IP header? [no]: ");
        break;
    case ASK_SWEEP:
        snprintf(q, sizeof q, "Sweep range of sizes [n]: ");
        break;
    }
    shell_ask_about(sh, q, true, dialog_answered, d, dialog_free);
}

/* A number answer: Enter keeps *value; anything else must be a number in [lo, hi]. */
static bool number_answer(const char *text, unsigned long lo, unsigned long hi, unsigned *value,
                          struct strbuf *out)
{
    if (!*text)
        return true;
    char *end;
    unsigned long v = strtoul(text, &end, 10);
    if (*text < '0' || *text > '9' || *end || v < lo || v > hi) {
        sb_printf(out, "%% A decimal number between %lu and %lu.\n", lo, hi);
        return false;
    }
    *value = (unsigned)v;
    return true;
}

/* A yes/no answer, Enter being no; false (and the question asked again) for anything else. */
static bool yes_no_answer(const char *text, bool *yes)
{
    if (!*text) {
        *yes = false;
        return true;
    }
    return answer_yes_no(text, yes);
}

/* The interface the operator named, in its canonical spelling when the configuration has it. */
static const char *interface_named(struct shell *sh, const char *text)
{
    const struct config_store *cs = sh->as.agent->running;
    for (size_t i = 0; i < cs->nifs; i++)
        if (!strcasecmp(cs->ifs[i].name, text))
            return cs->ifs[i].name;
    return text;
}

static int dialog_answered(struct shell *sh, const char *raw, bool cancelled, struct strbuf *out)
{
    if (cancelled)
        return -1;
    struct dialog *d = sh->answer_data;
    /* The answer without the spaces around it. */
    char text[256];
    const char *b = raw + strspn(raw, " \t");
    size_t len = strlen(b);
    while (len > 0 && (b[len - 1] == ' ' || b[len - 1] == '\t'))
        len--;
    snprintf(text, sizeof text, "%.*s", (int)(len < sizeof text ? len : sizeof text - 1), b);
    unsigned v;
    bool yes;
    switch (d->step) {
    case ASK_PROTOCOL:
        if (!*text || !strcasecmp(text, "ip")) {
            d->p.family = AF_INET;
        } else if (!strcasecmp(text, "ipv6")) {
            d->p.family = AF_INET6;
        } else {
            sb_printf(out, "%% Unknown protocol - \"%s\", type \"ping ?\" for help\n", text);
            return -1;
        }
        ask(sh, d, ASK_TARGET);
        break;
    case ASK_TARGET:
        if (!*text || strchr(text, ' ')) {
            sb_puts(out, "% Bad IP address or host name\n");
            return -1;
        }
        d->target = xstrdup(text);
        ask(sh, d, ASK_REPEAT);
        break;
    case ASK_REPEAT:
        if (!number_answer(text, 1, 2147483647, &d->p.count, out))
            return -1;
        ask(sh, d, ASK_SIZE);
        break;
    case ASK_SIZE:
        if (!number_answer(text, 36, DIAG_MAX_SIZE, &d->p.size, out))
            return -1;
        ask(sh, d, ASK_TIMEOUT);
        break;
    case ASK_TIMEOUT:
        v = d->p.timeout_ms / 1000;
        if (!number_answer(text, 0, 3600, &v, out))
            return -1;
        d->p.timeout_ms = v * 1000;
        ask(sh, d, ASK_EXTENDED);
        break;
    case ASK_EXTENDED:
        if (!yes_no_answer(text, &yes))
            ask(sh, d, ASK_EXTENDED);
        else
            ask(sh, d, yes ? ASK_SOURCE : ASK_SWEEP);
        break;
    case ASK_SOURCE:
        if (*text) {
            struct in_addr a;
            const char *why = inet_pton(AF_INET, text, &a) == 1
                                  ? set_source(&d->p, d->dc, text, NULL)
                                  : set_source(&d->p, d->dc, NULL, interface_named(sh, text));
            if (why) {
                sb_printf(out, "%% %s\n", why);
                return -1;
            }
        }
        ask(sh, d, ASK_TOS);
        break;
    case ASK_TOS:
        v = 0;
        if (!number_answer(text, 0, 255, &v, out))
            return -1;
        d->p.dscp = v >> 2; /* the type of service's DSCP part; the ECN bits are the kernel's */
        ask(sh, d, ASK_DF);
        break;
    case ASK_DF:
        if (!yes_no_answer(text, &yes)) {
            ask(sh, d, ASK_DF);
            break;
        }
        d->p.df = yes;
        ask(sh, d, ASK_SWEEP);
        break;
    case ASK_SWEEP:
        if (!yes_no_answer(text, &yes)) {
            ask(sh, d, ASK_SWEEP);
            break;
        }
        if (yes) {
            sb_puts(out, "% Sweeping a range of sizes is not supported\n");
            return -1;
        }
        sh->answer_data = NULL; /* the dialog is done: its parts go on in the test */
        struct diag_call *dc = d->dc;
        d->dc = NULL;
        int rc = start_test(sh->as.agent, sh, NULL, &d->p, dc, d->target, out);
        dialog_free(d);
        return rc;
    }
    /* Asked again: the next question took the dialog. */
    sh->answer_data = NULL;
    return 0;
}

static int ping_dialog(struct cmd_call *c)
{
    struct agent_session *s = diag_session(c, "ping");
    if (!s)
        return -1;
    /* The dialog asks an operator; a vendor RPC has none to ask, and gets what a ping without a
     * target gets where it cannot ask. */
    if (!s->shell)
        return cmd_fail(c, "Incomplete command.");
    struct dialog *d = xcalloc(1, sizeof *d);
    d->dc = xcalloc(1, sizeof *d->dc);
    d->p = (struct diag_params){
        .kind = DIAG_PING,
        .count = PING_REPEAT,
        .size = PING_SIZE,
        .size_is_datagram = true,
        .timeout_ms = PING_TIMEOUT * 1000u,
    };
    ask(s->shell, d, ASK_PROTOCOL);
    return 0;
}

static const struct cmd_binding table[] = {
    {"ping", ping, "host count size timeout ifname address df-bit"},
    {"ping_dialog", ping_dialog, ""},
    {"traceroute", traceroute, "host count min_ttl max_ttl timeout ifname address"},
};
HANDLER_TABLE(diag_handlers, table);
