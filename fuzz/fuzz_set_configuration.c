/* Cisco's vendor RPCs, X_00000C_SetConfiguration and X_00000C_ShowStatus, with arbitrary arguments.
 *
 * The input is pieces of text separated by lines "%%":
 *
 *   SetConfiguration (any first piece but "ShowStatus"):
 *     METHOD %% ErrorOption %% Target %% ParameterKey %% ConfigCommandBlock %% list element...
 *   ShowStatus:
 *     ShowStatus %% command %% command...
 *
 * A piece "(none)" leaves that argument out; ConfigCommandList is sent when there is a sixth piece
 * (empty when it is "(none)"). Each piece is sent as the element's text: made valid UTF-8 without
 * control characters (soap_clean), XML-escaped, a CR as &#13;. The request envelope is parsed by
 * soap_parse and answered by rpc_dispatch, as the session engine does.
 *
 * Every input starts from the same agent: the running configuration cloned from a fixed one (a few
 * interfaces, a NAT rule, the cwmp agent, an NTP server), the ParameterKey "before", and, when the
 * Target names the startup-config, a startup-config file of a few lines (else none). Besides not
 * crashing or leaking:
 *   - the answer parses back: the method's Response when rpc_dispatch returned 0 (with Status 0,
 *     or 1 for the startup-config), else a Fault with that code, whose
 *     X_00000C_SetConfigurationFault elements name commands that were sent, with a code of
 *     enum cmd_status, one at most unless ErrorOption is continue;
 *   - a fault leaves the ParameterKey as it was; success sets the one sent;
 *   - with ErrorOption rollback (or none, or one not understood) a fault leaves the rendered
 *     running-config byte-identical and the startup-config file as it was;
 *   - the startup-config target never changes the running-config;
 *   - a startup-config written for the running-config target is the rendered running-config, and
 *     a changed running-config survives render -> load -> render;
 *   - ShowStatus changes nothing (running-config, startup-config, key) and answers each command,
 *     by its text, in order. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config_render.h"
#include "fileio.h"
#include "harness.h"
#include "rpc.h"
#include "soap.h"
#include "xalloc.h"

static const char base_config[] = "hostname CPE-1\n"
                                  "interface Loopback0\n"
                                  " description management\n"
                                  " ip address 10.255.255.1 255.255.255.255\n"
                                  "interface Ethernet0/0\n"
                                  " ip address 192.0.2.2 255.255.255.0\n"
                                  " ip nat outside\n"
                                  " cwmp wan\n"
                                  " cwmp wan default\n"
                                  "interface Vlan1\n"
                                  " ip address 192.168.1.1 255.255.255.0\n"
                                  " ip nat inside\n"
                                  "ip nat inside source static tcp 192.168.1.10 80 192.0.2.2 8080\n"
                                  "cwmp agent\n"
                                  " enable\n"
                                  " management server url http://acs.example.com:7547/acs\n"
                                  "ntp server 192.0.2.123\n";

static const char startup_config[] = "hostname CPE-next\n"
                                     "interface Loopback1\n"
                                     " ip address 10.255.255.2 255.255.255.255\n"
                                     "ntp server 192.0.2.124\n";

#define KEY_BEFORE "before"
#define NONE       "(none)"
#define SEPARATOR  "\n%%\n"

static void on_bad_base_line(void *arg, int lineno, const char *line, const char *message)
{
    (void)arg;
    fuzz_fail("the base configuration's line %d is refused: %s\n  %s", lineno, line, message);
}

static struct config_store *base_store(struct agent *a)
{
    static struct config_store *base;
    if (!base) {
        fuzz_agent_reset(a);
        agent_load_config_text(a, base_config, "fuzz", on_bad_base_line, NULL);
        base = a->running;
        a->running = config_store_new();
    }
    return base;
}

/* ---- the input ---- */

struct pieces {
    char **v;
    size_t n;
};

static void split(const char *text, struct pieces *p)
{
    p->v = NULL;
    p->n = 0;
    for (const char *s = text;;) {
        const char *e = strstr(s, SEPARATOR);
        size_t len = e ? (size_t)(e - s) : strlen(s);
        p->v = xrealloc(p->v, (p->n + 1) * sizeof *p->v);
        p->v[p->n++] = xstrndup(s, len);
        if (!e)
            break;
        s = e + strlen(SEPARATOR);
    }
}

static void pieces_free(struct pieces *p)
{
    for (size_t i = 0; i < p->n; i++)
        free(p->v[i]);
    free(p->v);
}

static const char *piece(const struct pieces *p, size_t i)
{
    return i < p->n && strcmp(p->v[i], NONE) != 0 ? p->v[i] : NULL;
}

/* Text as element content. */
static void xml_text(struct strbuf *x, const char *s)
{
    struct strbuf c = STRBUF_INIT;
    soap_clean(s, strlen(s), &c);
    for (const char *q = sb_str(&c); *q; q++) {
        switch (*q) {
        case '&':
            sb_puts(x, "&amp;");
            break;
        case '<':
            sb_puts(x, "&lt;");
            break;
        case '>':
            sb_puts(x, "&gt;");
            break;
        case '\r':
            sb_puts(x, "&#13;");
            break;
        default:
            sb_putc(x, *q);
        }
    }
    sb_free(&c);
}

static void element(struct strbuf *x, const char *name, const char *text)
{
    if (!text)
        return;
    sb_printf(x, "<%s>", name);
    xml_text(x, text);
    sb_printf(x, "</%s>", name);
}

static void envelope(struct strbuf *x, const struct pieces *p, bool show)
{
    sb_puts(x, "<soap-env:Envelope xmlns:soap-env=\"http://schemas.xmlsoap.org/soap/envelope/\" "
               "xmlns:soap-enc=\"http://schemas.xmlsoap.org/soap/encoding/\" "
               "xmlns:cwmp=\"urn:dslforum-org:cwmp-1-0\"><soap-env:Header>"
               "<cwmp:ID soap-env:mustUnderstand=\"1\">fuzz</cwmp:ID></soap-env:Header>"
               "<soap-env:Body>");
    size_t first_item = show ? 1 : 5;
    if (show) {
        sb_puts(x, "<cwmp:X_00000C_ShowStatus>");
    } else {
        sb_puts(x, "<cwmp:X_00000C_SetConfiguration>");
        element(x, "ErrorOption", piece(p, 1));
        element(x, "Target", piece(p, 2));
        element(x, "ParameterKey", piece(p, 3));
        element(x, "ConfigCommandBlock", piece(p, 4));
    }
    const char *list = show ? "ExecCommandList" : "ConfigCommandList";
    if (p->n > first_item) {
        size_t n = p->n - first_item;
        bool empty = n == 1 && !piece(p, first_item);
        sb_printf(x, "<%s soap-enc:arrayType=\"xsd:string[%zu]\">", list, empty ? 0 : n);
        for (size_t i = first_item; i < p->n && !empty; i++) {
            sb_puts(x, "<string>");
            xml_text(x, p->v[i]);
            sb_puts(x, "</string>");
        }
        sb_printf(x, "</%s>", list);
    }
    sb_puts(x, show ? "</cwmp:X_00000C_ShowStatus>" : "</cwmp:X_00000C_SetConfiguration>");
    sb_puts(x, "</soap-env:Body></soap-env:Envelope>");
}

/* ---- what is checked ---- */

static char *render(const struct agent *a)
{
    struct strbuf t = STRBUF_INIT;
    config_render(a->running, &t);
    return sb_detach(&t);
}

/* The startup-config file, NULL when there is none. */
static char *startup_text(const struct agent *a)
{
    char *text;
    size_t len;
    return file_read_all(a->startup_path, STARTUP_CONFIG_MAX, &text, &len) == 0 ? text : NULL;
}

static bool same_text(const char *x, const char *y)
{
    return (!x && !y) || (x && y && !strcmp(x, y));
}

/* The text of an argument as the agent reads it from the request, NULL when absent. */
static char *request_arg(const struct soap_msg *req, const char *name)
{
    xmlNodePtr n = soap_child(req->body, name);
    return n ? soap_text(n) : NULL;
}

static char *child_text(xmlNodePtr n, const char *name, const char *out)
{
    xmlNodePtr c = soap_child(n, name);
    if (!c)
        fuzz_fail("no %s in the answer:\n%s", name, out);
    return soap_text(c);
}

/* Whether the command is one the request sent, in its block or its list. */
static bool was_sent(const struct soap_msg *req, const char *command)
{
    char *block = request_arg(req, "ConfigCommandBlock");
    bool found = false;
    if (block) {
        for (char *s = block; !found;) {
            size_t len = strcspn(s, "\n");
            size_t l = len;
            if (l > 0 && s[l - 1] == '\r')
                l--;
            found = strlen(command) == l && !strncmp(s, command, l);
            if (!s[len])
                break;
            s += len + 1;
        }
        free(block);
    }
    xmlNodePtr list = soap_child(req->body, "ConfigCommandList");
    for (xmlNodePtr n = list ? soap_first_element(list) : NULL; n && !found;
         n = soap_next_element(n)) {
        char *t = soap_text(n);
        found = !strcmp(t, command);
        free(t);
    }
    return found;
}

static void check_set_configuration_fault(const struct soap_msg *req, const struct soap_msg *resp,
                                          bool cont, const char *out)
{
    xmlNodePtr detail = soap_child(resp->body, "detail");
    xmlNodePtr f = detail ? soap_child(detail, "Fault") : NULL;
    if (!f)
        fuzz_fail("a fault without cwmp:Fault:\n%s", out);
    size_t count = 0;
    for (xmlNodePtr n = soap_first_element(f); n; n = soap_next_element(n)) {
        if (!soap_is(n, "X_00000C_SetConfigurationFault"))
            continue;
        count++;
        char *cmd = child_text(n, "Command", out), *code = child_text(n, "FaultCode", out);
        int c = atoi(code);
        if (c < CMD_INVALID || c > CMD_FORBIDDEN)
            fuzz_fail("X_00000C_SetConfigurationFault with FaultCode %s:\n%s", code, out);
        if (!was_sent(req, cmd))
            fuzz_fail("X_00000C_SetConfigurationFault names \"%s\", not a command sent:\n%s", cmd,
                      out);
        free(cmd);
        free(code);
    }
    if (count > 1 && !cont)
        fuzz_fail("%zu X_00000C_SetConfigurationFault without ErrorOption continue:\n%s", count,
                  out);
    if (count > 0 && resp->fault_code != 9003)
        fuzz_fail("X_00000C_SetConfigurationFault in a fault %d:\n%s", resp->fault_code, out);
}

static void check_show_status(const struct soap_msg *req, const struct soap_msg *resp,
                              const char *out)
{
    xmlNodePtr sent = soap_child(req->body, "ExecCommandList");
    xmlNodePtr got = soap_child(resp->body, "ExecResponseList");
    if (!sent || !got)
        fuzz_fail("ShowStatus answered without ExecResponseList:\n%s", out);
    xmlNodePtr s = soap_first_element(sent), g = soap_first_element(got);
    for (; s && g; s = soap_next_element(s), g = soap_next_element(g)) {
        char *want = soap_text(s), *cmd = child_text(g, "Command", out);
        if (strcmp(want, cmd) != 0)
            fuzz_fail("ShowStatus answered \"%s\" for \"%s\":\n%s", cmd, want, out);
        free(want);
        free(cmd);
        free(child_text(g, "Response", out));
    }
    if (s || g)
        fuzz_fail("ShowStatus answered %s commands than it was sent:\n%s", s ? "fewer" : "more",
                  out);
}

static void check_answer(const struct soap_msg *req, int fault, bool show, bool startup, bool cont,
                         const char *out, size_t len)
{
    struct soap_msg resp;
    const char *why = NULL;
    if (soap_parse(out, len, SOAP_DEFAULT_MAX_SIZE * 64, SOAP_DEFAULT_MAX_DEPTH, &resp, &why) < 0)
        fuzz_fail("cwmpd cannot parse its own answer (%s):\n%s", why, out);
    if (!resp.id || strcmp(resp.id, "fuzz") != 0)
        fuzz_fail("the answer does not carry the request's cwmp:ID:\n%s", out);
    if (fault) {
        if (!resp.fault || resp.fault_code != fault)
            fuzz_fail("rpc_dispatch returned fault %d, the answer is %s (code %d):\n%s", fault,
                      resp.name, resp.fault_code, out);
        if (!show)
            check_set_configuration_fault(req, &resp, cont, out);
    } else if (show) {
        if (resp.fault || strcmp(resp.name, "X_00000C_ShowStatusResponse") != 0)
            fuzz_fail("ShowStatus without a fault answered %s:\n%s", resp.name, out);
        check_show_status(req, &resp, out);
    } else {
        if (resp.fault || strcmp(resp.name, "X_00000C_SetConfigurationResponse") != 0)
            fuzz_fail("SetConfiguration without a fault answered %s:\n%s", resp.name, out);
        char *status = child_text(resp.body, "Status", out);
        if (strcmp(status, startup ? "1" : "0") != 0)
            fuzz_fail("Status %s for the %s:\n%s", status,
                      startup ? "startup-config" : "running-config", out);
        free(status);
    }
    soap_msg_free(&resp);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct agent *a = fuzz_agent();
    struct config_store *base = base_store(a);
    fuzz_agent_reset(a);
    config_store_free(a->running);
    a->running = config_store_clone(base);
    snprintf(a->cwmp.parameter_key, sizeof a->cwmp.parameter_key, "%s", KEY_BEFORE);

    char *input = fuzz_cstr(data, size);
    struct pieces p;
    split(input, &p);
    free(input);
    bool show = !strcmp(p.v[0], "ShowStatus");
    struct strbuf x = STRBUF_INIT;
    envelope(&x, &p, show);
    pieces_free(&p);
    struct soap_msg req;
    const char *why = NULL;
    if (soap_parse(x.buf, x.len, SOAP_DEFAULT_MAX_SIZE * 64, SOAP_DEFAULT_MAX_DEPTH, &req, &why) <
        0)
        fuzz_fail("the request built from the input does not parse (%s):\n%s", why, sb_str(&x));
    sb_free(&x);

    /* ErrorOption and Target as the agent reads them. */
    char *eo = show ? NULL : request_arg(&req, "ErrorOption");
    char *target = show ? NULL : request_arg(&req, "Target");
    bool stop = eo && !strcasecmp(eo, "stop"), cont = eo && !strcasecmp(eo, "continue");
    bool startup = target && !strcasecmp(target, "startup-config");
    free(eo);
    free(target);
    if (startup &&
        file_write_atomic(a->startup_path, startup_config, strlen(startup_config), 0640) < 0)
        fuzz_fail("cannot write %s", a->startup_path);

    char *running_before = render(a), *startup_before = startup_text(a);
    struct config_store *store_before = a->running;
    struct soap_writer w;
    soap_begin(&w, req.ns, req.id, NULL);
    struct rpc_call call = {.agent = a, .req = &req, .w = &w, .ns = req.ns};
    int fault = rpc_dispatch(&call);
    if (strnlen(call.summary, sizeof call.summary) == sizeof call.summary)
        fuzz_fail("rpc_dispatch left the summary unterminated");
    size_t len = 0;
    char *out = soap_finish(&w, &len);
    if (!out)
        fuzz_fail("no answer could be written (fault %d)", fault);
    if (strlen(out) != len)
        fuzz_fail("the answer holds a NUL byte");
    check_answer(&req, fault, show, startup, cont, out, len);

    char *running_after = render(a), *startup_after = startup_text(a);
    bool running_same = !strcmp(running_before, running_after);
    if (a->running != store_before)
        fuzz_fail("the running configuration's store was replaced, not changed in place");
    if (fault && strcmp(a->cwmp.parameter_key, KEY_BEFORE) != 0)
        fuzz_fail("fault %d changed the ParameterKey to \"%s\"", fault, a->cwmp.parameter_key);
    if (!fault && !show) {
        char *key = request_arg(&req, "ParameterKey");
        if (!key || strcmp(a->cwmp.parameter_key, key) != 0)
            fuzz_fail("SetConfiguration applied with the ParameterKey \"%s\" left it \"%s\"",
                      key ? key : "(none)", a->cwmp.parameter_key);
        free(key);
    }
    if (show || (fault && !stop && !cont) || startup) {
        if (!running_same)
            fuzz_fail("%s changed the running configuration (fault %d)\n--- before:\n%s--- "
                      "after:\n%s",
                      show      ? "ShowStatus"
                      : startup ? "SetConfiguration of the startup-config"
                                : "a rolled back SetConfiguration",
                      fault, running_before, running_after);
    }
    if (show || (fault && !stop && !cont)) {
        if (!same_text(startup_before, startup_after))
            fuzz_fail("%s (fault %d) changed the startup-config:\n%s",
                      show ? "ShowStatus" : "a rolled back SetConfiguration", fault,
                      startup_after ? startup_after : "(removed)");
    }
    if (!startup && !same_text(startup_before, startup_after) &&
        (!startup_after || strcmp(startup_after, running_after) != 0))
        fuzz_fail("the startup-config saved is not the running configuration\n--- running:\n%s"
                  "--- startup-config:\n%s",
                  running_after, startup_after ? startup_after : "(removed)");
    if (!running_same)
        fuzz_check_render_roundtrip(a);

    free(running_before);
    free(running_after);
    free(startup_before);
    free(startup_after);
    free(out);
    soap_msg_free(&req);
    return 0;
}
