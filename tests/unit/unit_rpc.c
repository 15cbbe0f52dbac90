#include "unit_rpc.h"

#include <check.h>
#include <stdlib.h>

#include "agent.h"
#include "rpc.h"
#include "strbuf.h"

void rpc_answer_free(struct rpc_answer *r)
{
    soap_msg_free(&r->m);
    free(r->xml);
}

void unit_rpc_call(struct agent *a, const char *body, struct rpc_answer *r)
{
    struct strbuf x = STRBUF_INIT;
    sb_printf(&x,
              "<soap-env:Envelope xmlns:soap-env=\"http://schemas.xmlsoap.org/soap/envelope/\" "
              "xmlns:soap-enc=\"http://schemas.xmlsoap.org/soap/encoding/\" "
              "xmlns:cwmp=\"urn:dslforum-org:cwmp-1-0\"><soap-env:Header><cwmp:ID "
              "soap-env:mustUnderstand=\"1\">t1</cwmp:ID></soap-env:Header><soap-env:Body>%s"
              "</soap-env:Body></soap-env:Envelope>",
              body);
    struct soap_msg req;
    const char *why = NULL;
    ck_assert_msg(soap_parse(x.buf, x.len, 16u << 20, SOAP_DEFAULT_MAX_DEPTH, &req, &why) == 0,
                  "request refused: %s", why);
    struct soap_writer w;
    soap_begin(&w, req.ns, req.id, NULL);
    struct rpc_call c = {.agent = a, .req = &req, .w = &w, .ns = req.ns};
    r->fault = rpc_dispatch(&c);
    size_t len;
    r->xml = soap_finish(&w, &len);
    ck_assert_ptr_nonnull(r->xml);
    ck_assert_msg(soap_parse(r->xml, len, 64u << 20, SOAP_DEFAULT_MAX_DEPTH, &r->m, &why) == 0,
                  "answer refused: %s", why);
    ck_assert_int_eq(r->m.fault, r->fault != 0);
    if (r->fault)
        ck_assert_int_eq(r->m.fault_code, r->fault);
    soap_msg_free(&req);
    sb_free(&x);
}
