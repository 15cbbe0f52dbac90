/* The door of diag/ (other rooms include this header only).
 *
 * The diagnostics engine: ICMP echo (ping) and UDP traceroute, IPv4 and IPv6, on cwmpd's loop.
 * Two clients use it: the operator's `ping` and `traceroute` (shell/cmd_diag.c), and later the
 * ACS's IPPingDiagnostics and TraceRouteDiagnostics. A client hands a test (struct diag_params)
 * and its callbacks to diag_start; the engine queues it (one test of each kind runs at a time, as
 * TR-098 requires, in the order they were asked), resolves the host without blocking the loop
 * (getaddrinfo_a), and reports each probe as it ends and the whole result (struct diag_result:
 * counts, round-trip times, hops) at the end. Nothing here forks a program: echoes go through the
 * kernel's unprivileged ICMP sockets (net.ipv4.ping_group_range), or a raw socket when those are
 * not allowed and cwmpd runs as root; traceroute reads the ICMP errors that its UDP probes raise
 * from the socket's error queue (IP_RECVERR, IPV6_RECVERR). TR-143's download and upload tests
 * (HTTP over libcurl, one at a time) are in diag_http.h, brought by this door. */
#ifndef CWMP_DOOR_DIAG_H
#define CWMP_DOOR_DIAG_H

#include <net/if.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

#include "diag_http.h"
#include "strbuf.h"

struct loop;
struct diag_engine;

enum diag_kind {
    DIAG_PING,
    DIAG_TRACE,
    DIAG_KINDS,
};

/* Bounds of a test, whoever asks. */
#define DIAG_HOST_MAX      255
#define DIAG_MAX_SIZE      18024u   /* IOS's largest datagram */
#define DIAG_MAX_TIMEOUT   3600000u /* ms */
#define DIAG_MAX_TTL       255u
#define DIAG_TRACE_PORT    33434u /* the first destination port of the probes */
#define DIAG_TRACE_PAYLOAD 12u    /* bytes of a probe's payload */

struct diag_params {
    enum diag_kind kind;
    char host[DIAG_HOST_MAX + 1]; /* an address or a name */
    int family;                   /* AF_UNSPEC (the first address found), AF_INET or AF_INET6 */
    char device[IF_NAMESIZE];     /* the Linux interface the probes leave by; "" any */
    char source[64];              /* the source address; "" the kernel's choice */
    unsigned count;               /* ping: echoes; traceroute: probes per hop */
    unsigned size;                /* ping: see size_is_datagram; traceroute: unused */
    /* ping: size counts the IP and ICMP headers (IOS's datagram size) rather than the ICMP data
     * alone (TR-098's DataBlockSize). */
    bool size_is_datagram;
    unsigned timeout_ms; /* per echo or probe */
    unsigned dscp;       /* 0-63 */
    bool df;             /* ping: the IPv4 don't-fragment bit (no local fragmentation in IPv6) */
    unsigned ttl_min, ttl_max; /* traceroute: the first and last hop limits tried */
};

enum diag_status {
    DIAG_RUNNING = 0,
    DIAG_COMPLETE,    /* every echo sent; the trace reached the host or stopped at an error */
    DIAG_CANCELLED,   /* the client cancelled it */
    DIAG_ERR_RESOLVE, /* the host name does not resolve (Error_CannotResolveHostName) */
    DIAG_ERR_SOURCE,  /* the source address or interface cannot be used */
    DIAG_ERR_INIT,    /* no socket (Error_Internal, Error_Other) */
    DIAG_ERR_MAXHOPS, /* traceroute ended at ttl_max without reaching the host */
};

/* One echo or probe, as it ended. */
struct diag_probe {
    int64_t rtt_us; /* -1: no answer (or an error) */
    char mark;      /* IOS's mark: ping '!' '.' 'U' 'Q' 'M' '&' '?'; traceroute 0 (time), '*',
                       'H' 'N' 'P' 'A' 'U' (printed !H ...) */
    bool has_from;
    struct sockaddr_storage from; /* who answered */
};

/* A traceroute hop (hop limit first + index). */
struct diag_hop {
    unsigned ttl;
    bool has_addr;
    struct sockaddr_storage addr; /* the last address that answered at this hop */
    unsigned nprobes;
    struct diag_probe *probes;
    int error; /* the ICMP error that ended the trace here (TR-098's HopErrorCode): 0 or
                  type*256+code */
};

struct diag_result {
    enum diag_status status;
    int sys_errno;                   /* what failed, for DIAG_ERR_SOURCE and DIAG_ERR_INIT */
    struct sockaddr_storage address; /* the host's address, once resolved */
    char address_text[INET6_ADDRSTRLEN];
    unsigned datagram; /* ping: the datagram's size in bytes (IP header included) */
    /* ping */
    unsigned sent, success, failure;
    uint64_t min_us, max_us, sum_us; /* of the answered echoes */
    /* traceroute */
    bool reached;
    size_t nhops;
    struct diag_hop *hops;
};

struct diag_ops {
    /* The host is resolved and the first probe is about to leave (not called on an error before
     * that). */
    void (*started)(void *arg, const struct diag_result *r);
    /* An echo (ping: hop 0) or a probe of hop (index into r->hops) ended. */
    void (*probe)(void *arg, const struct diag_result *r, size_t hop, unsigned n,
                  const struct diag_probe *p);
    /* The test ended (r->status); the result is the engine's and goes after the call. */
    void (*done)(void *arg, const struct diag_result *r);
};

struct diag_engine *diag_engine_new(struct loop *loop);
/* Cancels every test without calling back. */
void diag_engine_free(struct diag_engine *e);

/* Checks the parameters (the reason in err) and queues the test; returns its id (> 0) or 0.
 * Callbacks never run inside diag_start. */
unsigned diag_start(struct diag_engine *e, const struct diag_params *p, const struct diag_ops *ops,
                    void *arg, struct strbuf *err);
/* Stops a test, queued or running. With notify, its done callback runs (status DIAG_CANCELLED,
 * the counts so far) before diag_cancel returns; without, nothing more is called. */
void diag_cancel(struct diag_engine *e, unsigned id, bool notify);
/* The tests of a kind queued behind the running one. */
size_t diag_queued(const struct diag_engine *e, enum diag_kind kind);

/* IOS's text of a result (diag_ios.c), for every client that prints one. */
/* "Success rate is 100 percent (5/5), round-trip min/avg/max = 1/1/4 ms" and its newline; without
 * an answer the part from the comma is left out. */
void diag_ios_success(const struct diag_result *r, struct strbuf *out);
/* One traceroute probe as it goes on its hop's line: the answering address when it differs from
 * the one printed last on the line (*shown: "" at the start of a line), then " 4 msec", " * ", or
 * " !H " and the like. */
void diag_ios_probe(const struct diag_probe *p, char shown[INET6_ADDRSTRLEN], struct strbuf *out);
/* An address as IOS prints it: IPv6 in capitals. */
void diag_ios_addr(const struct sockaddr_storage *ss, char out[INET6_ADDRSTRLEN]);
/* Milliseconds as the results give them: rounded to the nearest. */
unsigned diag_ms(uint64_t us);
/* The text of an address (the port left out). */
void diag_addr_text(const struct sockaddr_storage *ss, char out[INET6_ADDRSTRLEN]);

#endif
