#include "soap_out.h"

#include <stdio.h>

void xml_escape(struct strbuf *sb, const char *s)
{
    for (; *s != '\0'; s++) {
        switch (*s) {
        case '&':
            sb_puts(sb, "&amp;");
            break;
        case '<':
            sb_puts(sb, "&lt;");
            break;
        case '>':
            sb_puts(sb, "&gt;");
            break;
        case '"':
            sb_puts(sb, "&quot;");
            break;
        case '\'':
            sb_puts(sb, "&apos;");
            break;
        case '\r':
            /* A bare CR would be normalised away by the CPE's parser. */
            sb_puts(sb, "&#13;");
            break;
        default:
            sb_putc(sb, *s);
        }
    }
}

void soap_envelope(struct strbuf *out, const struct envelope *env, const char *body)
{
    /* The XML declaration is kept on purpose: some CPEs choke on it (INTEROP.md), and GenieACS
     * sends it. */
    sb_puts(out,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<soap-env:Envelope xmlns:soap-enc=\"" NS_SOAP_ENC "\" xmlns:soap-env=\"" NS_SOAP_ENV
            "\" xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\""
            " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:cwmp=\"");
    xml_escape(out, env->ns);
    sb_puts(out, "\"><soap-env:Header>");
    if (env->id != NULL) {
        sb_puts(out, "<cwmp:ID soap-env:mustUnderstand=\"1\">");
        xml_escape(out, env->id);
        sb_puts(out, "</cwmp:ID>");
    }
    if (env->hold)
        sb_puts(out, "<cwmp:HoldRequests soap-env:mustUnderstand=\"1\">true</cwmp:HoldRequests>");
    if (env->use_version != NULL) {
        sb_puts(out, "<cwmp:UseCWMPVersion soap-env:mustUnderstand=\"1\">");
        xml_escape(out, env->use_version);
        sb_puts(out, "</cwmp:UseCWMPVersion>");
    }
    if (env->session_timeout != 0)
        sb_printf(out, "<cwmp:SessionTimeout>%u</cwmp:SessionTimeout>", env->session_timeout);
    sb_puts(out, "</soap-env:Header><soap-env:Body>");
    sb_puts(out, body);
    sb_puts(out, "</soap-env:Body></soap-env:Envelope>");
}

const char *acs_fault_string(int code)
{
    switch (code) {
    case 8000:
        return "Method not supported";
    case 8001:
        return "Request denied";
    case 8002:
        return "Internal error";
    case 8003:
        return "Invalid arguments";
    case 8004:
        return "Resources exceeded";
    case 8005:
        return "Retry request";
    case 8006:
        return "ACS version incompatible with CPE";
    default:
        return "Vendor defined fault";
    }
}

void soap_fault_body(struct strbuf *out, int code)
{
    /* 8003 is the caller's mistake; the others are the ACS's condition. */
    sb_printf(out,
              "<soap-env:Fault><faultcode>%s</faultcode><faultstring>CWMP fault</faultstring>"
              "<detail><cwmp:Fault><FaultCode>%d</FaultCode><FaultString>%s</FaultString>"
              "</cwmp:Fault></detail></soap-env:Fault>",
              code == 8003 ? "Client" : "Server", code, acs_fault_string(code));
}
