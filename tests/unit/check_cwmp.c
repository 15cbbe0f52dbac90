/* Unit tests of the CWMP pieces: the SOAP codec, the state file, the retry and periodic
 * arithmetic of TR-069, and HTTP authentication. */
#include <check.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cwmp_session.h"
#include "cwmp_state.h"
#include "http_auth.h"
#include "soap.h"
#include "unit.h"
#include "xalloc.h"
#include "xalloc.h"

static const char *env_head =
    "<soap-env:Envelope xmlns:soap-env=\"http://schemas.xmlsoap.org/soap/envelope/\" "
    "xmlns:cwmp=\"urn:dslforum-org:cwmp-1-0\">";

static int parse(const char *xml, struct soap_msg *m, const char **why)
{
    return soap_parse(xml, strlen(xml), SOAP_DEFAULT_MAX_SIZE, SOAP_DEFAULT_MAX_DEPTH, m, why);
}

START_TEST(soap_reads_by_namespace_not_prefix)
{
    const char *xml =
        "<?xml version=\"1.0\"?><E:Envelope xmlns:E=\"http://schemas.xmlsoap.org/soap/envelope/\" "
        "xmlns:X=\"urn:dslforum-org:cwmp-1-1\"><E:Header><X:ID E:mustUnderstand=\"1\"> 42 </X:ID>"
        "<X:HoldRequests>true</X:HoldRequests></E:Header><E:Body><X:GetParameterValues>"
        "<ParameterNames><string>A.</string></ParameterNames></X:GetParameterValues></E:Body>"
        "</E:Envelope>";
    struct soap_msg m;
    const char *why = NULL;
    ck_assert_int_eq(parse(xml, &m, &why), 0);
    ck_assert_int_eq(m.ns, CWMP_NS_1_1);
    ck_assert_str_eq(m.id, "42");
    ck_assert(m.hold_requests);
    ck_assert_str_eq(m.name, "GetParameterValues");
    /* The names are kept as the message is parsed, not as elements of its tree. */
    ck_assert(m.names_read);
    ck_assert_uint_eq(m.names_count, 1);
    ck_assert_str_eq(m.names.buf, "A.");
    ck_assert_ptr_null(soap_first_element(soap_child(m.body, "ParameterNames")));
    soap_msg_free(&m);
}
END_TEST

/* The names of a ParameterNames are what soap_text gave for each element: entities and
 * character references decoded, CDATA and the text of elements inside a name kept, comments
 * not; text between the names dropped; nothing read for other methods or a second list. */
START_TEST(soap_reads_names_as_it_parses)
{
    static const char head[] =
        "<soap-env:Envelope xmlns:soap-env=\"http://schemas.xmlsoap.org/soap/envelope/\" "
        "xmlns:cwmp=\"urn:dslforum-org:cwmp-1-0\"><soap-env:Body>";
    struct strbuf x = STRBUF_INIT;
    sb_printf(&x,
              "%s<cwmp:GetParameterAttributes><ParameterNames>\n  <string>A&amp;B&#46;</string>\n"
              "  <string><![CDATA[C<D]]></string><string>E<i>F</i>G<!-- no -->H</string>"
              "<string/><x:string xmlns:x=\"urn:other\">I</x:string></ParameterNames>"
              "<ParameterNames><string>J</string></ParameterNames>"
              "</cwmp:GetParameterAttributes></soap-env:Body></soap-env:Envelope>",
              head);
    struct soap_msg m;
    const char *why = NULL;
    ck_assert_int_eq(parse(sb_str(&x), &m, &why), 0);
    ck_assert(m.names_read);
    ck_assert_uint_eq(m.names_count, 5);
    const char *want[] = {"A&B.", "C<D", "EFGH", "", "I"};
    const char *n = m.names.buf;
    for (size_t i = 0; i < 5; i++, n += strlen(n) + 1)
        ck_assert_str_eq(n, want[i]);
    soap_msg_free(&m);
    /* Another method's arrays stay in the tree. */
    sb_reset(&x);
    sb_printf(&x,
              "%s<cwmp:SetParameterAttributes><ParameterNames><string>K</string></ParameterNames>"
              "</cwmp:SetParameterAttributes></soap-env:Body></soap-env:Envelope>",
              head);
    ck_assert_int_eq(parse(sb_str(&x), &m, &why), 0);
    ck_assert(!m.names_read);
    char *t = soap_text(soap_first_element(soap_child(m.body, "ParameterNames")));
    ck_assert_str_eq(t, "K");
    free(t);
    soap_msg_free(&m);
    /* Depth counts inside names too, and a second Body is refused. */
    sb_reset(&x);
    sb_printf(&x, "%s<cwmp:GetParameterValues><ParameterNames><string>", head);
    for (int i = 0; i < 40; i++)
        sb_puts(&x, "<a>");
    for (int i = 0; i < 40; i++)
        sb_puts(&x, "</a>");
    sb_puts(&x, "</string></ParameterNames></cwmp:GetParameterValues></soap-env:Body>"
                "</soap-env:Envelope>");
    ck_assert_int_lt(parse(sb_str(&x), &m, &why), 0);
    ck_assert_str_eq(why, "the message is nested too deeply");
    soap_msg_free(&m);
    sb_reset(&x);
    sb_printf(&x,
              "%s<cwmp:GetParameterValues><ParameterNames><string>A.</string></ParameterNames>"
              "</cwmp:GetParameterValues></soap-env:Body><soap-env:Body><cwmp:GetRPCMethods/>"
              "</soap-env:Body></soap-env:Envelope>",
              head);
    ck_assert_int_lt(parse(sb_str(&x), &m, &why), 0);
    ck_assert_str_eq(why, "the Envelope has more than one Body");
    soap_msg_free(&m);
    /* Not well-formed inside a name: refused as any other. */
    sb_reset(&x);
    sb_printf(&x, "%s<cwmp:GetParameterValues><ParameterNames><string>A<</string>", head);
    ck_assert_int_lt(parse(sb_str(&x), &m, &why), 0);
    ck_assert_str_eq(why, "the message is not well-formed XML");
    soap_msg_free(&m);
    sb_free(&x);
}
END_TEST

START_TEST(soap_reads_faults)
{
    struct strbuf x = STRBUF_INIT;
    sb_printf(&x,
              "%s<soap-env:Body><soap-env:Fault><faultcode>Server</faultcode><faultstring>"
              "CWMP fault</faultstring><detail><cwmp:Fault><FaultCode>8005</FaultCode>"
              "<FaultString>Retry request</FaultString></cwmp:Fault></detail></soap-env:Fault>"
              "</soap-env:Body></soap-env:Envelope>",
              env_head);
    struct soap_msg m;
    const char *why;
    ck_assert_int_eq(parse(sb_str(&x), &m, &why), 0);
    ck_assert(m.fault);
    ck_assert_int_eq(m.fault_code, 8005);
    ck_assert_str_eq(m.fault_string, "Retry request");
    soap_msg_free(&m);
    sb_free(&x);
}
END_TEST

START_TEST(soap_refuses_hostile_messages)
{
    struct soap_msg m;
    const char *why;
    static const char *const bad[] = {
        "",
        "not xml",
        "<a>unclosed",
        "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b "
        "\"&a;&a;&a;&a;\">]>"
        "<soap-env:Envelope xmlns:soap-env=\"http://schemas.xmlsoap.org/soap/envelope/\">"
        "<soap-env:Body><x>&b;</x></soap-env:Body></soap-env:Envelope>",
        "<Envelope><Body><x/></Body></Envelope>",
        "<soap-env:Envelope xmlns:soap-env=\"http://schemas.xmlsoap.org/soap/envelope/\">"
        "</soap-env:Envelope>",
        "<soap-env:Envelope xmlns:soap-env=\"http://schemas.xmlsoap.org/soap/envelope/\">"
        "<soap-env:Body/></soap-env:Envelope>",
        "<soap-env:Envelope xmlns:soap-env=\"http://schemas.xmlsoap.org/soap/envelope/\">"
        "<soap-env:Body><a/><b/></soap-env:Body></soap-env:Envelope>",
        "<?xml version=\"1.0\"?><!DOCTYPE x SYSTEM \"http://example.net/x.dtd\">"
        "<soap-env:Envelope xmlns:soap-env=\"http://schemas.xmlsoap.org/soap/envelope/\">"
        "<soap-env:Body><x/></soap-env:Body></soap-env:Envelope>",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        why = NULL;
        ck_assert_msg(parse(bad[i], &m, &why) < 0, "accepted message %zu", i);
        ck_assert_ptr_nonnull(why);
        soap_msg_free(&m);
    }
    /* Too deep, and too large. */
    struct strbuf x = STRBUF_INIT;
    sb_printf(&x, "%s<soap-env:Body>", env_head);
    for (int i = 0; i < 100; i++)
        sb_puts(&x, "<a>");
    for (int i = 0; i < 100; i++)
        sb_puts(&x, "</a>");
    sb_puts(&x, "</soap-env:Body></soap-env:Envelope>");
    ck_assert_int_lt(parse(sb_str(&x), &m, &why), 0);
    ck_assert_str_eq(why, "the message is nested too deeply");
    soap_msg_free(&m);
    ck_assert_int_lt(soap_parse(sb_str(&x), x.len, 100, 32, &m, &why), 0);
    ck_assert_str_eq(why, "the message is larger than the limit");
    soap_msg_free(&m);
    sb_free(&x);
}
END_TEST

START_TEST(soap_writes_clean_text)
{
    struct soap_writer w;
    soap_begin(&w, CWMP_NS_1_2, "id<1>", NULL);
    soap_start(&w, "cwmp:X");
    soap_elem(&w, "A", "a<b>&c \x01 d \xff\xfe é");
    soap_value(&w, "xsd:string", "v");
    soap_end(&w);
    size_t len;
    char *out = soap_finish(&w, &len);
    ck_assert_ptr_nonnull(out);
    ck_assert_ptr_nonnull(
        strstr(out, "<cwmp:ID soap-env:mustUnderstand=\"1\">id&lt;1&gt;</cwmp:ID>"));
    ck_assert_ptr_nonnull(strstr(out, "<A>a&lt;b&gt;&amp;c ? d ?? é</A>"));
    ck_assert_ptr_nonnull(strstr(out, "<Value xsi:type=\"xsd:string\">v</Value>"));
    /* What it writes, it reads. */
    struct soap_msg m;
    const char *why;
    ck_assert_int_eq(soap_parse(out, len, SOAP_DEFAULT_MAX_SIZE, 32, &m, &why), 0);
    ck_assert_str_eq(m.id, "id<1>");
    soap_msg_free(&m);
    free(out);
}
END_TEST

/* The writer's bytes are those libxml2's text writer gave for the same calls (the ACSs in the
 * field have read them for years): its escapes in text and attributes, full end tags, the
 * declaration and the final newline. */
START_TEST(soap_writes_what_libxml2_wrote)
{
    struct soap_writer w;
    soap_begin(&w, CWMP_NS_1_2, "id\"<&>\r\n1", "1.0,1.4");
    soap_start(&w, "cwmp:X");
    soap_attr(&w, "a", "q\"<&>\r\n\t'\xc3\xa9");
    soap_elem(&w, "N", "t\"'<&>\r\n\t\xc3\xa9\x01\xff");
    soap_start(&w, "E");
    soap_end(&w);
    soap_end(&w);
    size_t len;
    char *out = soap_finish(&w, &len);
    ck_assert_ptr_nonnull(out);
    ck_assert_str_eq(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<soap-env:Envelope xmlns:soap-env=\"http://sch"
        "emas.xmlsoap.org/soap/envelope/\" xmlns:soap-enc=\"http://schemas.xmlsoap.org/soap/encodin"
        "g/\" xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" xmlns:xsi=\"http://www.w3.org/2001/XML"
        "Schema-instance\" xmlns:cwmp=\"urn:dslforum-org:cwmp-1-2\"><soap-env:Header><cwmp:ID soap-"
        "env:mustUnderstand=\"1\">id&quot;&lt;&amp;&gt;&#13;\n1</cwmp:ID><cwmp:SupportedCWMPVersion"
        "s soap-env:mustUnderstand=\"0\">1.0,1.4</cwmp:SupportedCWMPVersions></soap-env:Header><soa"
        "p-env:Body><cwmp:X "
        "a=\"q&quot;&lt;&amp;&gt;&#13;&#10;&#9;'\xc3\xa9\"><N>t&quot;'&lt;&amp;&gt;&#13"
        ";\n\t\xc3\xa9?"
        "?</N><E></E></cwmp:X></soap-env:Body></soap-env:Envelope>\n");
    ck_assert_uint_eq(len, strlen(out));
    free(out);
    /* Misuse is a failure, not a malformed message. */
    soap_begin(&w, CWMP_NS_1_2, NULL, NULL);
    soap_elem(&w, "A", "x");
    soap_attr(&w, "late", "1");
    ck_assert_ptr_null(soap_finish(&w, &len));
}
END_TEST

/* A stream: count pieces of "<i>N</i>", announcing a length (exact or not). */
struct counting {
    int next, count;
    bool rewound;
};

static bool counting_fill(void *state, struct strbuf *out)
{
    struct counting *c = state;
    if (c->next >= c->count)
        return false;
    for (int k = 0; k < 50 && c->next < c->count; k++)
        sb_printf(out, "<i>%d</i>", c->next++);
    return true;
}

static void counting_rewind(void *state)
{
    struct counting *c = state;
    c->next = 0;
    c->rewound = true;
}

static const struct soap_stream_ops counting_ops = {
    .fill = counting_fill,
    .rewind = counting_rewind,
    .free = free,
};

static uint64_t counting_len(int count)
{
    uint64_t len = 0;
    char digits[16];
    for (int i = 0; i < count; i++)
        len += 7 + (uint64_t)snprintf(digits, sizeof digits, "%d", i);
    return len;
}

static struct soap_out *counting_message(int count, int64_t off_by)
{
    struct soap_writer w;
    soap_begin(&w, CWMP_NS_1_0, "s", NULL);
    soap_start(&w, "cwmp:R");
    soap_start(&w, "L");
    struct counting *c = xcalloc(1, sizeof *c);
    c->count = count;
    soap_stream(&w, &counting_ops, c, counting_len(count) + (uint64_t)off_by);
    soap_end(&w);
    soap_elem(&w, "After", "a&b");
    return soap_finish_out(&w);
}

START_TEST(soap_streams_as_it_is_read)
{
    struct soap_out *o = counting_message(5000, 0);
    ck_assert_ptr_nonnull(o);
    uint64_t len = soap_out_len(o);
    char *whole = xmalloc((size_t)len + 1);
    /* Read in odd sizes, twice (a challenge sends it again from its start). */
    for (int pass = 0; pass < 2; pass++) {
        size_t got = 0, step = pass ? 1 : 4093;
        for (size_t n; (n = soap_out_read(o, whole + got, step)) > 0; got += n)
            ck_assert_uint_le(got + n, len);
        ck_assert_uint_eq(got, len);
        whole[got] = '\0';
        ck_assert_ptr_nonnull(strstr(whole, "<L><i>0</i><i>1</i>"));
        ck_assert_ptr_nonnull(strstr(whole, "<i>4999</i></L><After>a&amp;b</After></cwmp:R>"));
        ck_assert_ptr_nonnull(strstr(whole, "</soap-env:Envelope>\n"));
        soap_out_rewind(o);
    }
    struct soap_msg m;
    const char *why;
    ck_assert_int_eq(soap_parse(whole, (size_t)len, 1u << 20, 32, &m, &why), 0);
    soap_msg_free(&m);
    free(whole);
    soap_out_free(o);
    /* A stream that writes another length than it announced is refused whole. */
    struct soap_writer w;
    for (int64_t off = -1; off <= 1; off += 2) {
        soap_begin(&w, CWMP_NS_1_0, NULL, NULL);
        soap_start(&w, "L");
        struct counting *c = xcalloc(1, sizeof *c);
        c->count = 300;
        soap_stream(&w, &counting_ops, c, counting_len(300) + (uint64_t)off);
        size_t n;
        ck_assert_ptr_null(soap_finish(&w, &n));
    }
    /* When sent, the length announced is what goes: never more, and less ends early. */
    o = counting_message(300, -5);
    char buf[65536];
    size_t n = soap_out_read(o, buf, sizeof buf);
    ck_assert_uint_eq(n, soap_out_len(o));
    soap_out_free(o);
    /* A writer abandoned with its stream frees it. */
    soap_begin(&w, CWMP_NS_1_0, NULL, NULL);
    struct counting *c = xcalloc(1, sizeof *c);
    soap_stream(&w, &counting_ops, c, 0);
    soap_abandon(&w);
}
END_TEST

START_TEST(xsd_datetimes)
{
    char out[32];
    xsd_datetime(XSD_TIME_UNKNOWN, out);
    ck_assert_str_eq(out, "0001-01-01T00:00:00Z");
    xsd_datetime(1764069753, out);
    ck_assert_str_eq(out, "2025-11-25T11:22:33Z");
    long long t;
    ck_assert(xsd_parse_datetime("2025-11-25T11:22:33Z", &t));
    ck_assert_int_eq(t, 1764069753);
    ck_assert(xsd_parse_datetime("2025-11-25T12:22:33.5+01:00", &t));
    ck_assert_int_eq(t, 1764069753);
    ck_assert(xsd_parse_datetime("2025-11-25T11:22:33", &t));
    ck_assert(xsd_parse_datetime("0001-01-01T00:00:00Z", &t));
    ck_assert(t == XSD_TIME_UNKNOWN);
    /* A year before 1000 keeps its four digits, so that it reads back (found by fuzzing). */
    ck_assert(xsd_parse_datetime("0985-01-01T07:23:41Z", &t));
    xsd_datetime(t, out);
    ck_assert_str_eq(out, "0985-01-01T07:23:41Z");
    ck_assert(!xsd_parse_datetime("2025-13-25T11:22:33Z", &t));
    ck_assert(!xsd_parse_datetime("2025-11-25 11:22:33", &t));
    ck_assert(!xsd_parse_datetime("2025-11-25T11:22:33Zjunk", &t));
    ck_assert(!xsd_parse_datetime("", &t));
    bool b;
    ck_assert(xsd_parse_bool("1", &b) && b);
    ck_assert(xsd_parse_bool("false", &b) && !b);
    ck_assert(!xsd_parse_bool("TRUE", &b));
    ck_assert(!xsd_parse_bool("yes", &b));
}
END_TEST

/* A dateTime reads back as it was set, its fraction of a second included (GenieACS sets
 * PeriodicInformTime again whenever it reads back different). */
START_TEST(xsd_datetime_fractions)
{
    char frac[XSD_FRAC_MAX + 1], out[XSD_DATETIME_LEN];
    long long t;
    ck_assert(xsd_parse_datetime_frac("1970-01-01T07:23:41.123Z", &t, frac));
    ck_assert_int_eq(t, 26621);
    ck_assert_str_eq(frac, "123");
    xsd_datetime_frac(t, frac, out);
    ck_assert_str_eq(out, "1970-01-01T07:23:41.123Z");
    ck_assert(xsd_parse_datetime_frac("2025-11-25T12:22:33.50+01:00", &t, frac));
    xsd_datetime_frac(t, frac, out);
    ck_assert_str_eq(out, "2025-11-25T11:22:33.50Z");
    ck_assert(xsd_parse_datetime_frac("2025-11-25T11:22:33.1234567891234Z", &t, frac));
    ck_assert_str_eq(frac, "123456789");
    ck_assert(xsd_parse_datetime_frac("2025-11-25T11:22:33Z", &t, frac));
    ck_assert_str_eq(frac, "");
    xsd_datetime_frac(t, frac, out);
    ck_assert_str_eq(out, "2025-11-25T11:22:33Z");
    ck_assert(xsd_parse_datetime_frac("0001-01-01T00:00:00.000Z", &t, frac));
    ck_assert(t == XSD_TIME_UNKNOWN);
    xsd_datetime_frac(t, frac, out);
    ck_assert_str_eq(out, "0001-01-01T00:00:00Z");
    ck_assert(!xsd_parse_datetime_frac("2025-11-25T11:22:33.Z", &t, frac));
}
END_TEST

/* A table's next instance number read from the file does not depend on the order of its lines,
 * and an instance at the highest number (the numbers wrapped) leaves it to the table line. */
static unsigned next_after_loading(const char *text)
{
    char dir[] = "/tmp/check_cwmp.XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char path[128];
    snprintf(path, sizeof path, "%s/cwmp-state", dir);
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
    struct cwmp_state s;
    struct strbuf err = STRBUF_INIT;
    ck_assert_int_eq(cwmp_state_load(&s, path, &err), 0);
    unsigned next = cwmp_instance_next(&s, "T");
    cwmp_state_free(&s);
    sb_free(&err);
    unlink(path);
    rmdir(dir);
    return next;
}

START_TEST(state_next_instance_whatever_the_order)
{
    ck_assert_uint_eq(next_after_loading("instance T 7 a\ntable T 3\n"), 8);
    ck_assert_uint_eq(next_after_loading("table T 3\ninstance T 7 a\n"), 8);
    ck_assert_uint_eq(next_after_loading("table T 30\ninstance T 7 a\n"), 30);
    ck_assert_uint_eq(next_after_loading("instance T 4294967295 k\ninstance T 42949672 x\n"), 1);
    ck_assert_uint_eq(next_after_loading("instance T 42949672 x\ninstance T 4294967295 k\n"), 1);
    ck_assert_uint_eq(
        next_after_loading("table T 42949673\ninstance T 42949672 x\ninstance T 4294967295 k\n"),
        42949673);
    ck_assert_uint_eq(
        next_after_loading("instance T 4294967295 k\ninstance T 42949672 x\ntable T 42949673\n"),
        42949673);
    /* A key given twice keeps its last number, and only that one counts. */
    ck_assert_uint_eq(next_after_loading("instance T 4294967295 k\ninstance T 9672 k\n"), 9673);
}
END_TEST

START_TEST(state_round_trips_and_refuses_garbage)
{
    char dir[] = "/tmp/check_cwmp.XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char path[128];
    snprintf(path, sizeof path, "%s/cwmp-state", dir);
    struct cwmp_state s;
    cwmp_state_init(&s);
    strcpy(s.parameter_key, "key with spaces %");
    s.bootstrap_url = xstrdup("http://acs/x y");
    s.retry_count = 3;
    ck_assert(cwmp_event_add(&s, "1 BOOT", NULL));
    ck_assert(cwmp_event_add(&s, "1 BOOT", NULL)); /* merged */
    ck_assert(cwmp_event_add(&s, "M Reboot", "k1"));
    ck_assert(cwmp_event_add(&s, "M Reboot", "k2")); /* one per command key */
    ck_assert(cwmp_event_add(&s, "M Reboot", "k1"));
    ck_assert_uint_eq(s.nevents, 3);
    struct cwmp_attr *a = cwmp_attr_get(&s, "X.Y", 0);
    a->notification = 2;
    a->subscriber = true;
    a->last = xstrdup("a b\nc");
    ck_assert_uint_eq(cwmp_instance_number(&s, "T.", "eth0"), 1);
    ck_assert_uint_eq(cwmp_instance_number(&s, "T.", "eth1"), 2);
    cwmp_instance_forget(&s, "T.", "eth0");
    ck_assert_uint_eq(cwmp_instance_number(&s, "T.", "eth0"), 3); /* never reused */
    struct strbuf err = STRBUF_INIT;
    ck_assert_int_eq(cwmp_state_save(&s, path, &err), 0);
    struct cwmp_state r;
    ck_assert_int_eq(cwmp_state_load(&r, path, &err), 0);
    ck_assert_str_eq(r.parameter_key, "key with spaces %");
    ck_assert_str_eq(r.bootstrap_url, "http://acs/x y");
    ck_assert_uint_eq(r.retry_count, 3);
    ck_assert_uint_eq(r.nevents, 3);
    ck_assert_str_eq(r.events[2].key, "k2");
    const struct cwmp_attr *ra = cwmp_attr_find(&r, "X.Y");
    ck_assert_ptr_nonnull(ra);
    ck_assert_int_eq(ra->notification, 2);
    ck_assert(ra->subscriber);
    ck_assert_str_eq(ra->last, "a b\nc");
    ck_assert_uint_eq(cwmp_instance_find(&r, "T.", "eth1"), 2);
    ck_assert_uint_eq(cwmp_instance_number(&r, "T.", "new"), 4);
    cwmp_state_free(&r);
    cwmp_state_free(&s);
    /* A file that is not ours is refused as a whole. */
    FILE *f = fopen(path, "w");
    fputs("cwmpd-state 1\nevent %ZZ x\n", f);
    fclose(f);
    ck_assert_int_eq(cwmp_state_load(&r, path, &err), -1);
    cwmp_state_free(&r);
    sb_free(&err);
    char cmd[160];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    ck_assert_int_eq(system(cmd), 0);
}
END_TEST

START_TEST(retry_waits_follow_tr069)
{
    /* m=5, k=2000: retry n waits between 5*2^(n-1) and 5*2^n seconds, n capped at 10. */
    ck_assert_uint_eq(cwmp_retry_wait_ms(1, 5, 2000, 0.0), 5000);
    ck_assert_uint_eq(cwmp_retry_wait_ms(1, 5, 2000, 0.999999), 9999);
    ck_assert_uint_eq(cwmp_retry_wait_ms(2, 5, 2000, 0.0), 10000);
    ck_assert_uint_eq(cwmp_retry_wait_ms(4, 5, 2000, 0.5), 60000);
    ck_assert_uint_eq(cwmp_retry_wait_ms(10, 5, 2000, 0.0), 2560000);
    ck_assert_uint_eq(cwmp_retry_wait_ms(25, 5, 2000, 0.0), 2560000);
    ck_assert_uint_eq(cwmp_retry_wait_ms(2, 1, 1000, 0.5), 1000);
}
END_TEST

START_TEST(periodic_informs_keep_their_phase)
{
    /* With PeriodicInformTime: the instants Time + k * Interval, even in the future. */
    ck_assert_int_eq(cwmp_next_periodic(1050, 300, 100, 0), 1300);
    ck_assert_int_eq(cwmp_next_periodic(1000, 300, 1200, 0), 1200);
    ck_assert_int_eq(cwmp_next_periodic(1000, 300, 100100, 0), 1100);
    ck_assert_int_eq(cwmp_next_periodic(1000, 300, 1000, 0), 1300); /* strictly after now */
    /* Without one, the phase is when periodic informs were enabled. */
    ck_assert_int_eq(cwmp_next_periodic(1000, 60, XSD_TIME_UNKNOWN, 950), 1010);
}
END_TEST

START_TEST(digest_matches_rfc2617)
{
    char r[33];
    /* RFC 2617 section 3.5. */
    http_digest_response("Mufasa", "testrealm@host.com", "Circle Of Life", false,
                         "dcd98b7102dd2f0e8b11d0f600bfb0c093", "00000001", "0a4f113b", "auth",
                         "GET", "/dir/index.html", r);
    ck_assert_str_eq(r, "6629fae49393a05397450978507c4ef1");
    /* Without qop (RFC 2069 compatibility). */
    http_digest_response("Mufasa", "testrealm@host.com", "Circle Of Life", false,
                         "dcd98b7102dd2f0e8b11d0f600bfb0c093", "", "", "", "GET", "/dir/index.html",
                         r);
    ck_assert_str_eq(r, "670fd8c2df070c60b045671b8b24ff02");
    /* MD5-sess: HA1 = MD5(MD5(user:realm:pass):nonce:cnonce). */
    http_digest_response("Mufasa", "testrealm@host.com", "Circle Of Life", true,
                         "dcd98b7102dd2f0e8b11d0f600bfb0c093", "00000001", "0a4f113b", "auth",
                         "GET", "/dir/index.html", r);
    /* Worked independently: HA1 939e7578ed9e3c518a452acee763bce9, then the session key. */
    ck_assert_str_eq(r, "8e3825c57e897f5a0dec6c2d4e5059d0");
}
END_TEST

START_TEST(challenges_are_parsed_and_picked)
{
    struct http_challenge ch[4];
    ck_assert_int_eq(http_challenge_parse("Digest realm=\"acs\", nonce=\"abc\", "
                                          "qop=\"auth,auth-int\", opaque=\"o\\\"q\", "
                                          "algorithm=MD5",
                                          &ch[0]),
                     0);
    ck_assert_int_eq(ch[0].scheme, HTTP_AUTH_DIGEST);
    ck_assert_str_eq(ch[0].realm, "acs");
    ck_assert_str_eq(ch[0].opaque, "o\"q");
    ck_assert(ch[0].qop_auth && !ch[0].md5_sess && !ch[0].unsupported);
    ck_assert_int_eq(
        http_challenge_parse("Digest realm=acs,nonce=n2,algorithm=MD5-sess,qop=auth", &ch[1]), 0);
    ck_assert(ch[1].md5_sess);
    ck_assert_int_eq(http_challenge_parse("Basic realm=\"acs\"", &ch[2]), 0);
    ck_assert_int_eq(
        http_challenge_parse("Digest realm=\"a\", nonce=\"n\", algorithm=SHA-256", &ch[3]), 0);
    ck_assert(ch[3].unsupported);
    /* Digest before Basic; the preferred algorithm when both are offered. */
    ck_assert_int_eq(http_challenge_pick(ch, 3, true, false), 0);
    ck_assert_int_eq(http_challenge_pick(ch, 3, true, true), 1);
    ck_assert_int_eq(http_challenge_pick(ch + 2, 1, false, false), -1); /* Basic without TLS */
    ck_assert_int_eq(http_challenge_pick(ch + 2, 1, true, false), 0);
    ck_assert_int_eq(http_challenge_pick(ch + 3, 1, true, false), -1);
    static const char *const hostile[] = {
        "",          "Digest",        "Digest realm",       "Digest realm=\"unterminated",
        "Digest =x", "Negotiate abc", "Digest realm=\"a\"", "Digest nonce=\"n\", qop=\"auth-int\"",
    };
    for (size_t i = 0; i < sizeof hostile / sizeof hostile[0]; i++) {
        struct http_challenge x;
        int rc = http_challenge_parse(hostile[i], &x);
        ck_assert_msg(rc < 0 || x.unsupported, "accepted \"%s\"", hostile[i]);
    }
    struct strbuf big = STRBUF_INIT;
    sb_puts(&big, "Digest realm=\"");
    sb_pad(&big, 'r', 5000);
    sb_puts(&big, "\", nonce=\"n\"");
    struct http_challenge x;
    ck_assert_int_lt(http_challenge_parse(sb_str(&big), &x), 0);
    sb_free(&big);
}
END_TEST

START_TEST(authorization_headers)
{
    struct http_challenge ch;
    ck_assert_int_eq(http_challenge_parse("Digest realm=\"r\", nonce=\"n\", qop=\"auth\", "
                                          "opaque=\"o\"",
                                          &ch),
                     0);
    struct http_auth_state st = {0};
    http_auth_start(&st, &ch);
    struct strbuf h = STRBUF_INIT;
    http_auth_header(&st, "POST", "/acs", "00000C-TEST0001", "pw", &h);
    ck_assert_ptr_nonnull(strstr(sb_str(&h), "Authorization: Digest username=\"00000C-TEST0001\""));
    ck_assert_ptr_nonnull(strstr(sb_str(&h), "nc=00000001"));
    ck_assert_ptr_nonnull(strstr(sb_str(&h), "opaque=\"o\""));
    sb_reset(&h);
    http_auth_header(&st, "POST", "/acs", "u", "pw", &h);
    ck_assert_ptr_nonnull(strstr(sb_str(&h), "nc=00000002")); /* the count goes on */
    sb_reset(&h);
    ck_assert_int_eq(http_challenge_parse("Basic realm=\"r\"", &ch), 0);
    http_auth_start(&st, &ch);
    http_auth_header(&st, "POST", "/acs", "Aladdin", "open sesame", &h);
    ck_assert_str_eq(sb_str(&h), "Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
    sb_free(&h);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("cwmp");
    TCase *tc = tcase_create("cwmp");
    tcase_add_test(tc, soap_reads_by_namespace_not_prefix);
    tcase_add_test(tc, soap_reads_faults);
    tcase_add_test(tc, soap_reads_names_as_it_parses);
    tcase_add_test(tc, soap_refuses_hostile_messages);
    tcase_add_test(tc, soap_writes_clean_text);
    tcase_add_test(tc, soap_writes_what_libxml2_wrote);
    tcase_add_test(tc, soap_streams_as_it_is_read);
    tcase_add_test(tc, xsd_datetimes);
    tcase_add_test(tc, xsd_datetime_fractions);
    tcase_add_test(tc, state_round_trips_and_refuses_garbage);
    tcase_add_test(tc, state_next_instance_whatever_the_order);
    tcase_add_test(tc, retry_waits_follow_tr069);
    tcase_add_test(tc, periodic_informs_keep_their_phase);
    tcase_add_test(tc, digest_matches_rfc2617);
    tcase_add_test(tc, challenges_are_parsed_and_picked);
    tcase_add_test(tc, authorization_headers);
    suite_add_tcase(s, tc);
    return unit_run(s);
}
