/* The CWMP SOAP codec: parsing what the ACS sends (libxml2, by namespace, never by prefix, with
 * no DTD, no entities, no network, and limits on size and depth) and writing what cwmpd sends
 * (libxml2's text writer). */
#ifndef CWMP_SOAP_H
#define CWMP_SOAP_H

#include <limits.h>
#include <libxml/tree.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "strbuf.h"
#include "xsd.h"

/* The cwmp namespaces. CWMP 1.3 and 1.4 keep the 1.2 namespace, which cwmpd sends; ACSs in the
 * field (GenieACS in its CWMP 1.4 mode) send cwmp-1-3 or cwmp-1-4 all the same: their requests
 * are accepted, and answered in their namespace with their cwmp:ID. */
enum cwmp_ns {
    CWMP_NS_1_0 = 0,
    CWMP_NS_1_1 = 1,
    CWMP_NS_1_2 = 2,
    CWMP_NS_1_3 = 3,
    CWMP_NS_1_4 = 4,
};
#define CWMP_NS_COUNT 5
extern const char *const cwmp_ns_uri[CWMP_NS_COUNT];
#define SOAP_ENV_NS "http://schemas.xmlsoap.org/soap/envelope/"
#define SOAP_ENC_NS "http://schemas.xmlsoap.org/soap/encoding/"

#define SOAP_DEFAULT_MAX_SIZE  (1024u * 1024u)
#define SOAP_DEFAULT_MAX_DEPTH 32

struct soap_msg {
    xmlDocPtr doc;
    int ns;   /* enum cwmp_ns of the message, -1 when it names none */
    char *id; /* cwmp:ID, NULL when absent */
    bool hold_requests;
    char *use_version;        /* UseCWMPVersion header (CWMP 1.4), NULL when absent */
    unsigned session_timeout; /* SessionTimeout header (CWMP 1.3), seconds; 0 when absent */
    /* The first header marked mustUnderstand="1" that cwmpd does not know ("" when none): SOAP
     * 1.1 §4.2.3 wants the message refused with a MustUnderstand fault. */
    char not_understood[128];
    xmlNodePtr body;  /* the Body's single child element */
    bool body_cwmp;   /* it is in a cwmp namespace (a method cwmpd may know) */
    const char *name; /* its local name: Inform, GetParameterValues, Fault... */
    bool fault;
    int fault_code; /* the cwmp FaultCode of a Fault's detail, 0 when none */
    char fault_string[256];
    /* The names of a GetParameterValues' or GetParameterAttributes' ParameterNames, kept as the
     * message is parsed rather than as elements of its tree (an ACS may name every parameter of
     * the device: a hundred thousand elements would take some 600 bytes each there): each
     * name's text (as soap_text would give it) ended by a NUL, names_count of them. names_read:
     * they were (the tree's ParameterNames element is then empty). */
    bool names_read;
    struct strbuf names;
    size_t names_count;
};

/* Parses one envelope. Returns 0, or -1 with a reason in *why (a static string). */
int soap_parse(const char *buf, size_t len, size_t max_size, int max_depth, struct soap_msg *m,
               const char **why);
void soap_msg_free(struct soap_msg *m);

/* Reading arguments, which CWMP sends unqualified: children are found by local name. */
xmlNodePtr soap_child(xmlNodePtr parent, const char *name);
xmlNodePtr soap_next_element(xmlNodePtr node);
xmlNodePtr soap_first_element(xmlNodePtr parent);
/* The text of an element (empty for none); the caller frees it. */
char *soap_text(xmlNodePtr node);
bool soap_is(xmlNodePtr node, const char *name);

/* Writing messages: straight into a buffer, escaping as it goes (no tree, no second copy). A
 * message may hold one stream (soap_stream), a part written only as the message is sent, so
 * that an answer of a hundred thousand parameters never exists whole in memory. */
struct soap_stream_ops {
    /* Appends the stream's next piece to out (a few kilobytes); returns false, appending
     * nothing, once the whole stream was written. */
    bool (*fill)(void *state, struct strbuf *out);
    void (*rewind)(void *state); /* back to the stream's start */
    void (*free)(void *state);
};

#define SOAP_MAX_DEPTH 24
struct soap_writer {
    struct strbuf head, tail; /* before and after the stream */
    struct strbuf *cur;       /* where text goes now */
    char names[1024];         /* the open elements' names, each ended by a NUL */
    size_t names_len;
    size_t name_at[SOAP_MAX_DEPTH];
    int depth;
    bool tag_open; /* the last start tag is not closed yet: attributes may follow */
    int ns;
    bool failed;
    const struct soap_stream_ops *stream;
    void *stream_state;
    uint64_t stream_len;
};
/* Starts an envelope in namespace ns with the cwmp:ID id (NULL: no header ID); when
 * supported_versions is not NULL, the CWMP 1.4 SupportedCWMPVersions header is added. */
void soap_begin(struct soap_writer *sw, int ns, const char *id, const char *supported_versions);
void soap_start(struct soap_writer *sw, const char *name);
void soap_end(struct soap_writer *sw);
void soap_attr(struct soap_writer *sw, const char *name, const char *value);
/* An element holding text (cleaned: bytes that are not UTF-8, and control characters XML cannot
 * carry, become '?'). */
void soap_elem(struct soap_writer *sw, const char *name, const char *text);
void soap_elem_len(struct soap_writer *sw, const char *name, const char *text, size_t len);
/* <Value xsi:type="...">text</Value>, as ParameterValueStruct carries it. */
void soap_value(struct soap_writer *sw, const char *xsi_type, const char *text);
void soap_elemf(struct soap_writer *sw, const char *name, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* A SOAP-ENC array: <name soap-enc:arrayType="type[n]">. */
void soap_start_array(struct soap_writer *sw, const char *name, const char *type, size_t n);
/* Puts the stream here, in the element open: len bytes that ops->fill writes as the message is
 * sent (exactly len: the message's Content-Length is known before it is written). The writer
 * owns state from now on (ops->free). One stream a message. */
void soap_stream(struct soap_writer *sw, const struct soap_stream_ops *ops, void *state,
                 uint64_t len);

/* A message ready to send: read in pieces, as many times as needed (each attempt from its
 * start). */
struct soap_out;
/* Ends the envelope; NULL if writing failed (the writer is then freed all the same). */
struct soap_out *soap_finish_out(struct soap_writer *sw);
/* A message already written whole (text, len: taken over). */
struct soap_out *soap_out_text(char *text, size_t len);
uint64_t soap_out_len(const struct soap_out *o);
/* Copies up to size bytes of the message from where the last read stopped; 0 at its end. */
size_t soap_out_read(struct soap_out *o, char *buf, size_t size);
void soap_out_rewind(struct soap_out *o);
void soap_out_free(struct soap_out *o);
/* Ends the envelope and hands the whole text to the caller (who frees it), the stream written
 * out; NULL if writing failed, or the stream did not write the length it announced. */
char *soap_finish(struct soap_writer *sw, size_t *len);
void soap_abandon(struct soap_writer *sw);

/* Text as element content: cleaned as soap_clean does and escaped (& < > " and CR). */
void soap_escape_text(const char *in, size_t len, struct strbuf *out);

/* A cwmp Fault in the Body (call between soap_begin and soap_finish). extra, when not NULL,
 * writes more elements inside cwmp:Fault (SetParameterValuesFault...). */
void soap_fault(struct soap_writer *sw, int code, const char *string,
                void (*extra)(struct soap_writer *sw, void *arg), void *arg);
/* The SOAP MustUnderstand fault (SOAP 1.1 §4.2.3) for a header not understood; no detail, which
 * is for errors of the Body. */
void soap_fault_must_understand(struct soap_writer *sw, const char *header);
/* The standard text of a CWMP fault code. */
const char *cwmp_fault_text(int code);

/* Text as XML may carry it: bytes that are not UTF-8, and control characters, become '?'. */
void soap_clean(const char *in, size_t len, struct strbuf *out);

#endif
