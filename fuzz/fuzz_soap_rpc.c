/* An ACS message, as the CWMP engine receives it in a session: soap_parse, then, for a request,
 * rpc_dispatch answering it into a writer begun as cwmp_session.c's answer_request begins it (the
 * message's namespace, else the session's; its cwmp:ID).
 *
 * Besides not crashing: a message refused says why; an answer is always written (the engine has
 * nothing else to send), cwmpd's own parser reads it back, and it is the one the ACS waits for:
 * the same cwmp:ID (or none when the request had none), the request's namespace, the method's
 * Response when rpc_dispatch returned 0, else a Fault with the code it returned.
 *
 * Every input starts from the same agent: a running configuration cloned from a fixed one (a LAN
 * and a WAN interface, so that the tables have instances, the cwmp agent, NTP servers), no
 * startup-config and an empty CWMP state. SetParameterValues, AddObject and DeleteObject save both
 * files, and Reboot saves its event, in the temporary state directory; Reboot itself only sets a
 * flag of the call, which the engine would act on. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "rpc.h"
#include "soap.h"

/* The session's namespace when a message names none: what cwmpd informs in first. */
#define SESSION_NS CWMP_NS_1_2

static const char base_config[] = "hostname CPE-1\n"
                                  "interface Loopback0\n"
                                  " ip address 10.255.255.1 255.255.255.255\n"
                                  "interface Ethernet0/0\n"
                                  " ip address 192.0.2.2 255.255.255.0\n"
                                  " cwmp wan\n"
                                  " cwmp wan default\n"
                                  "interface Vlan1\n"
                                  " ip address 192.168.1.1 255.255.255.0\n"
                                  "cwmp agent\n"
                                  " enable\n"
                                  " enable download\n"
                                  " management server url http://acs.example.com:7547/acs\n"
                                  " management server password 7 0822455D0A16\n"
                                  " periodic inform\n"
                                  "ntp server 192.0.2.123\n";

static void on_bad_base_line(void *arg, int lineno, const char *line, const char *message)
{
    (void)arg;
    fuzz_fail("the base configuration's line %d is refused: %s\n  %s", lineno, line, message);
}

/* The configuration every input starts from, parsed once (the grammar would cost more than the
 * RPC itself). */
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

static void check_answer(const struct soap_msg *req, int ns, int fault, const char *out, size_t len)
{
    struct soap_msg resp;
    const char *why = NULL;
    if (soap_parse(out, len, SOAP_DEFAULT_MAX_SIZE * 64, SOAP_DEFAULT_MAX_DEPTH, &resp, &why) < 0)
        fuzz_fail("cwmpd cannot parse its own answer to %s (%s):\n%s", req->name, why, out);
    if ((req->id == NULL) != (resp.id == NULL) || (req->id && strcmp(req->id, resp.id) != 0))
        fuzz_fail("the answer to %s carries cwmp:ID %s%s%s, the request %s%s%s:\n%s", req->name,
                  resp.id ? "\"" : "", resp.id ? resp.id : "(none)", resp.id ? "\"" : "",
                  req->id ? "\"" : "", req->id ? req->id : "(none)", req->id ? "\"" : "", out);
    if (resp.ns >= 0 && resp.ns != ns)
        fuzz_fail("the answer to %s is in %s, the session in %s:\n%s", req->name,
                  cwmp_ns_uri[resp.ns], cwmp_ns_uri[ns], out);
    if (fault) {
        if (!resp.fault || resp.fault_code != fault)
            fuzz_fail("rpc_dispatch returned fault %d for %s, the answer is %s (code %d):\n%s",
                      fault, req->name, resp.name, resp.fault_code, out);
    } else {
        size_t n = strlen(req->name);
        if (resp.fault || strncmp(resp.name, req->name, n) != 0 ||
            strcmp(resp.name + n, "Response") != 0)
            fuzz_fail("rpc_dispatch returned no fault for %s, the answer is %s:\n%s", req->name,
                      resp.name, out);
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

    struct soap_msg m;
    const char *why = NULL;
    if (soap_parse((const char *)data, size, SOAP_DEFAULT_MAX_SIZE, SOAP_DEFAULT_MAX_DEPTH, &m,
                   &why) < 0) {
        if (!why || !*why)
            fuzz_fail("soap_parse refused a message without a reason");
        soap_msg_free(&m);
        return 0;
    }
    /* A Fault from the ACS ends the session: nothing is answered. */
    if (m.fault) {
        soap_msg_free(&m);
        return 0;
    }
    int ns = m.ns >= 0 ? m.ns : SESSION_NS;
    struct soap_writer w;
    soap_begin(&w, ns, m.id, NULL);
    struct rpc_call call = {.agent = a, .req = &m, .w = &w, .ns = ns};
    int fault = rpc_dispatch(&call);
    if (strnlen(call.summary, sizeof call.summary) == sizeof call.summary)
        fuzz_fail("rpc_dispatch left the summary of %s unterminated", m.name);
    size_t len = 0;
    char *out = soap_finish(&w, &len);
    if (!out)
        fuzz_fail("no answer could be written to %s (fault %d)", m.name, fault);
    if (strlen(out) != len)
        fuzz_fail("the answer to %s holds a NUL byte", m.name);
    check_answer(&m, ns, fault, out, len);
    free(out);
    soap_msg_free(&m);
    return 0;
}
