/* The diagnostics engine: the queue of tests (one running per kind), the host's resolution
 * without blocking the loop, and the sockets of ping and traceroute. Each test sends one probe at
 * a time and waits for its answer or its timeout before the next, as IOS does; every step runs
 * from the loop (a timer or the socket's readiness), so that a test of thousands of echoes never
 * recurses and can be cancelled between any two of them. */
#include "diag.h"

#include <arpa/inet.h>
#include <errno.h>
#include <linux/errqueue.h>
#include <netdb.h>
#include <netinet/icmp6.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "diag_pkt.h"
#include "loop.h"
#include "xalloc.h"

/* How often a resolution under way is looked at. */
#define RESOLVE_POLL_MS 10
/* A traceroute hop keeps the first probes only: TR-098's HopRTTimes lists a few, and an
 * operator's `probe 65535` must not make cwmpd grow. */
#define DIAG_HOP_PROBES_KEPT 16

/* A host name being resolved by getaddrinfo_a. It lives apart from its test: a resolution that
 * cannot be cancelled outlives a cancelled test, and glibc writes into it until it ends. */
struct resolve {
    struct gaicb cb;
    struct addrinfo hints;
    struct resolve *next; /* in the engine's orphans */
    char host[];
};

struct diag_lane;

struct diag_job {
    struct diag_lane *lane;
    unsigned id;
    struct diag_params p;
    struct diag_ops ops;
    void *arg;
    struct diag_result r;
    struct diag_job *next; /* in the lane's queue */
    struct resolve *res;
    struct loop_timer *timer;
    int fd;
    bool raw;       /* a raw ICMP socket (the replies of every process reach it) */
    uint16_t ident; /* the echo identifier of a raw socket */
    socklen_t alen; /* of r.address */
    size_t data;    /* ping: ICMP data bytes */
    unsigned n;     /* echoes ended (ping), probes of the current hop ended (traceroute) */
    bool waiting;   /* a probe is out */
    char fail_mark; /* the probe out could not be sent: its mark at its timeout */
    uint64_t sent_us;
    uint16_t seq;     /* ping: the echo out */
    uint32_t serial;  /* traceroute: the probe out */
    bool hop_reached; /* traceroute: the host answered at this hop */
    bool hop_stopped; /* traceroute: an unreachable ends the trace at this hop */
};

struct diag_lane {
    struct diag_engine *e;
    struct diag_job *running;
    struct diag_job *head; /* waiting, in order */
    struct loop_timer *kick;
};

struct diag_engine {
    struct loop *loop;
    unsigned next_id;
    struct diag_lane lanes[DIAG_KINDS];
    struct resolve *orphans;
};

static uint64_t now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

/* --- resolution --- */

static struct resolve *resolve_start(const char *host, int family)
{
    size_t len = strlen(host);
    struct resolve *rs = xcalloc(1, sizeof *rs + len + 1);
    memcpy(rs->host, host, len + 1);
    rs->hints.ai_family = family;
    rs->hints.ai_socktype = SOCK_DGRAM;
    rs->cb.ar_name = rs->host;
    rs->cb.ar_request = &rs->hints;
    struct gaicb *list[1] = {&rs->cb};
    struct sigevent sev = {.sigev_notify = SIGEV_NONE};
    if (getaddrinfo_a(GAI_NOWAIT, list, 1, &sev) != 0) {
        free(rs);
        return NULL;
    }
    return rs;
}

static void resolve_free(struct resolve *rs)
{
    if (rs->cb.ar_result)
        freeaddrinfo(rs->cb.ar_result);
    free(rs);
}

/* Frees the orphans whose resolution ended. */
static void reap_orphans(struct diag_engine *e)
{
    for (struct resolve **pp = &e->orphans; *pp;) {
        struct resolve *rs = *pp;
        if (gai_error(&rs->cb) == EAI_INPROGRESS) {
            pp = &rs->next;
            continue;
        }
        *pp = rs->next;
        resolve_free(rs);
    }
}

static void resolve_abandon(struct diag_engine *e, struct resolve *rs)
{
    if (gai_cancel(&rs->cb) == EAI_NOTCANCELED) {
        rs->next = e->orphans;
        e->orphans = rs;
        return;
    }
    resolve_free(rs);
}

/* --- the queue --- */

static void run_next(struct loop *loop, void *arg);

static void lane_kick(struct diag_lane *l)
{
    if (!l->running && l->head && !l->kick)
        l->kick = loop_timer_add(l->e->loop, 0, run_next, l);
}

static void job_stop_io(struct diag_job *j)
{
    struct loop *loop = j->lane->e->loop;
    if (j->timer)
        loop_timer_cancel(loop, j->timer);
    j->timer = NULL;
    if (j->fd >= 0) {
        loop_del_fd(loop, j->fd);
        close(j->fd);
        j->fd = -1;
    }
    if (j->res) {
        resolve_abandon(j->lane->e, j->res);
        j->res = NULL;
    }
}

static void job_free(struct diag_job *j)
{
    for (size_t i = 0; i < j->r.nhops; i++)
        free(j->r.hops[i].probes);
    free(j->r.hops);
    free(j);
}

/* The test ends: its client hears of it (unless silent), the next of its kind starts. */
static void finish(struct diag_job *j, enum diag_status status, bool silent)
{
    struct diag_lane *l = j->lane;
    job_stop_io(j);
    if (l->running == j)
        l->running = NULL;
    j->r.status = status;
    if (!silent && j->ops.done)
        j->ops.done(j->arg, &j->r);
    job_free(j);
    lane_kick(l);
}

static void fail_errno(struct diag_job *j, enum diag_status status)
{
    j->r.sys_errno = errno;
    finish(j, status, false);
}

/* --- sockets --- */

static int set_int(int fd, int level, int name, int value)
{
    return setsockopt(fd, level, name, &value, sizeof value);
}

/* The options every probe socket takes: interface, source, DSCP, error queue. */
static int socket_setup(struct diag_job *j, int fd, int family)
{
    const struct diag_params *p = &j->p;
    if (p->device[0] && setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, p->device,
                                   (socklen_t)strlen(p->device) + 1) < 0)
        return -1;
    if (p->source[0]) {
        struct sockaddr_storage ss = {0};
        socklen_t len;
        if (family == AF_INET6) {
            struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&ss;
            s6->sin6_family = AF_INET6;
            len = sizeof *s6;
            if (inet_pton(AF_INET6, p->source, &s6->sin6_addr) != 1) {
                errno = EAFNOSUPPORT;
                return -1;
            }
        } else {
            struct sockaddr_in *s4 = (struct sockaddr_in *)&ss;
            s4->sin_family = AF_INET;
            len = sizeof *s4;
            if (inet_pton(AF_INET, p->source, &s4->sin_addr) != 1) {
                errno = EAFNOSUPPORT;
                return -1;
            }
        }
        if (bind(fd, (struct sockaddr *)&ss, len) < 0)
            return -1;
    }
    return 0;
}

/* DSCP, fragmentation and the error queue: failures here are the kernel's, not the operator's. */
static int socket_options(struct diag_job *j, int fd, int family)
{
    const struct diag_params *p = &j->p;
    int tos = (int)p->dscp << 2;
    bool df = p->kind == DIAG_PING && p->df;
    if (family == AF_INET6)
        return set_int(fd, IPPROTO_IPV6, IPV6_TCLASS, tos) < 0 ||
                       set_int(fd, IPPROTO_IPV6, IPV6_MTU_DISCOVER,
                               df ? IPV6_PMTUDISC_DO : IPV6_PMTUDISC_DONT) < 0 ||
                       set_int(fd, IPPROTO_IPV6, IPV6_RECVERR, 1) < 0
                   ? -1
                   : 0;
    return set_int(fd, IPPROTO_IP, IP_TOS, tos) < 0 ||
                   set_int(fd, IPPROTO_IP, IP_MTU_DISCOVER,
                           df ? IP_PMTUDISC_DO : IP_PMTUDISC_DONT) < 0 ||
                   set_int(fd, IPPROTO_IP, IP_RECVERR, 1) < 0
               ? -1
               : 0;
}

static void on_readable(struct loop *loop, int fd, unsigned events, void *arg);

static int open_socket(struct diag_job *j)
{
    int family = j->r.address.ss_family;
    int fd;
    if (j->p.kind == DIAG_PING) {
        int proto = family == AF_INET6 ? IPPROTO_ICMPV6 : IPPROTO_ICMP;
        fd = socket(family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, proto);
        /* ping_group_range does not include us: a raw socket, when we may have one. */
        if (fd < 0 && (errno == EACCES || errno == EPERM || errno == EPROTONOSUPPORT)) {
            int saved = errno;
            fd = socket(family, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, proto);
            if (fd < 0)
                errno = saved;
            else
                j->raw = true;
        }
    } else {
        fd = socket(family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, IPPROTO_UDP);
    }
    if (fd < 0) {
        fail_errno(j, DIAG_ERR_INIT);
        return -1;
    }
    j->fd = fd;
    if (socket_setup(j, fd, family) < 0) {
        fail_errno(j, DIAG_ERR_SOURCE);
        return -1;
    }
    if (socket_options(j, fd, family) < 0 ||
        loop_add_fd(j->lane->e->loop, fd, LOOP_READ, on_readable, j) < 0) {
        fail_errno(j, DIAG_ERR_INIT);
        return -1;
    }
    return 0;
}

/* --- probes --- */

static void send_probe(struct loop *loop, void *arg);
static void on_timeout(struct loop *loop, void *arg);

/* Schedules the next step from the loop, never from inside the previous one. */
static void next_step(struct diag_job *j, uint64_t ms, loop_timer_cb cb)
{
    if (j->timer)
        loop_timer_cancel(j->lane->e->loop, j->timer);
    j->timer = loop_timer_add(j->lane->e->loop, ms, cb, j);
}

static void new_hop(struct diag_job *j, unsigned ttl)
{
    j->r.hops = xrealloc(j->r.hops, (j->r.nhops + 1) * sizeof *j->r.hops);
    struct diag_hop *h = &j->r.hops[j->r.nhops++];
    memset(h, 0, sizeof *h);
    h->ttl = ttl;
    j->n = 0;
    j->hop_reached = j->hop_stopped = false;
}

/* A probe ended: answered (rtt_us >= 0), lost, or refused with an ICMP error. */
static void probe_end(struct diag_job *j, int64_t rtt_us, char mark,
                      const struct sockaddr_storage *from)
{
    j->waiting = false;
    struct diag_probe pr = {.rtt_us = rtt_us, .mark = mark};
    if (from) {
        pr.has_from = true;
        pr.from = *from;
    }
    if (j->p.kind == DIAG_PING) {
        diag_stats_add(&j->r, mark == '!' ? rtt_us : -1);
        unsigned n = j->n++;
        if (j->ops.probe)
            j->ops.probe(j->arg, &j->r, 0, n, &pr);
        if (j->n >= j->p.count)
            finish(j, DIAG_COMPLETE, false);
        else
            next_step(j, 0, send_probe);
        return;
    }
    size_t hi = j->r.nhops - 1;
    struct diag_hop *h = &j->r.hops[hi];
    if (from) {
        h->has_addr = true;
        h->addr = *from;
    }
    if (h->nprobes < DIAG_HOP_PROBES_KEPT) {
        h->probes = xrealloc(h->probes, (h->nprobes + 1) * sizeof *h->probes);
        h->probes[h->nprobes++] = pr;
    }
    unsigned n = j->n++;
    if (j->ops.probe)
        j->ops.probe(j->arg, &j->r, hi, n, &pr);
    if (j->n < j->p.count) {
        next_step(j, 0, send_probe);
    } else if (j->hop_reached || j->hop_stopped) {
        j->r.reached = j->hop_reached;
        finish(j, DIAG_COMPLETE, false);
    } else if (h->ttl >= j->p.ttl_max) {
        finish(j, DIAG_ERR_MAXHOPS, false);
    } else {
        new_hop(j, h->ttl + 1);
        next_step(j, 0, send_probe);
    }
}

static void on_timeout(struct loop *loop, void *arg)
{
    (void)loop;
    struct diag_job *j = arg;
    j->timer = NULL;
    if (!j->waiting)
        return;
    char mark = j->fail_mark ? j->fail_mark : j->p.kind == DIAG_PING ? '.' : '*';
    probe_end(j, -1, mark, NULL);
}

/* A probe's destination port: one per probe, so that an error names its probe even without
 * the payload. */
static uint16_t probe_port(uint32_t serial)
{
    return (uint16_t)(DIAG_TRACE_PORT + (serial - 1) % 16384u);
}

static void send_probe(struct loop *loop, void *arg)
{
    (void)loop;
    struct diag_job *j = arg;
    j->timer = NULL;
    int family = j->r.address.ss_family;
    uint8_t buf[DIAG_MAX_SIZE + DIAG_ICMP_HEADER];
    size_t len;
    struct sockaddr_storage to = j->r.address;
    if (j->p.kind == DIAG_PING) {
        j->seq++;
        len = diag_echo_build(buf, sizeof buf, family, j->ident, j->seq, j->data);
    } else {
        unsigned ttl = j->r.hops[j->r.nhops - 1].ttl;
        if (family == AF_INET6)
            set_int(j->fd, IPPROTO_IPV6, IPV6_UNICAST_HOPS, (int)ttl);
        else
            set_int(j->fd, IPPROTO_IP, IP_TTL, (int)ttl);
        j->serial++;
        /* The serial comes back in the ICMP error's quote of the probe: it says which probe the
         * error is about. */
        buf[0] = (uint8_t)(j->serial >> 24);
        buf[1] = (uint8_t)(j->serial >> 16);
        buf[2] = (uint8_t)(j->serial >> 8);
        buf[3] = (uint8_t)j->serial;
        for (len = 4; len < DIAG_TRACE_PAYLOAD; len++)
            buf[len] = len % 2 ? 0xCD : 0xAB;
        uint16_t port = probe_port(j->serial);
        if (family == AF_INET6)
            ((struct sockaddr_in6 *)&to)->sin6_port = htons(port);
        else
            ((struct sockaddr_in *)&to)->sin_port = htons(port);
    }
    j->waiting = true;
    j->fail_mark = 0;
    j->sent_us = now_us();
    uint64_t wait = j->p.timeout_ms;
    if (sendto(j->fd, buf, len, 0, (struct sockaddr *)&to, j->alen) < 0) {
        /* Too big for the path with DF set is known at once (IOS's M); anything else is lost. */
        if (errno == EMSGSIZE) {
            j->fail_mark = j->p.kind == DIAG_PING ? 'M' : 'F';
            wait = 0;
        }
    }
    next_step(j, wait, on_timeout);
}

/* The ICMP errors queued on the socket: about the probe out, they end it. */
static void read_errors(struct diag_job *j)
{
    int family = j->r.address.ss_family;
    for (;;) {
        uint8_t data[256];
        char control[512];
        struct sockaddr_storage name;
        struct iovec iov = {data, sizeof data};
        struct msghdr msg = {.msg_name = &name,
                             .msg_namelen = sizeof name,
                             .msg_iov = &iov,
                             .msg_iovlen = 1,
                             .msg_control = control,
                             .msg_controllen = sizeof control};
        ssize_t n = recvmsg(j->fd, &msg, MSG_ERRQUEUE | MSG_DONTWAIT);
        if (n < 0)
            return;
        const struct sock_extended_err *ee = NULL;
        for (struct cmsghdr *c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c))
            if ((c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_RECVERR) ||
                (c->cmsg_level == IPPROTO_IPV6 && c->cmsg_type == IPV6_RECVERR))
                ee = (const struct sock_extended_err *)CMSG_DATA(c);
        if (!ee || !j->waiting)
            continue;
        /* Errors the kernel makes itself (a neighbour that does not answer) are left to the
         * timeout, as IOS shows them: a lost probe. */
        if (ee->ee_origin != SO_EE_ORIGIN_ICMP && ee->ee_origin != SO_EE_ORIGIN_ICMP6)
            continue;
        /* Which probe: the quote of an echo holds its sequence number, a UDP probe's payload its
         * serial. */
        if (j->p.kind == DIAG_PING) {
            if (n < (ssize_t)DIAG_ICMP_HEADER || (uint16_t)(data[6] << 8 | data[7]) != j->seq)
                continue;
        } else {
            /* Routers that quote only the 8 bytes RFC 792 requires leave out the payload; the
             * destination port, which the kernel returns as the message's name, is always
             * there. */
            uint16_t port = name.ss_family == AF_INET6
                                ? ntohs(((struct sockaddr_in6 *)&name)->sin6_port)
                                : ntohs(((struct sockaddr_in *)&name)->sin_port);
            if (port != probe_port(j->serial))
                continue;
            if (n >= 4 && ((uint32_t)data[0] << 24 | (uint32_t)data[1] << 16 |
                           (uint32_t)data[2] << 8 | data[3]) != j->serial)
                continue;
        }
        struct sockaddr_storage from = {0};
        const struct sockaddr *off = SO_EE_OFFENDER(ee);
        bool has_from = off->sa_family == AF_INET || off->sa_family == AF_INET6;
        if (has_from)
            memcpy(&from, off,
                   off->sa_family == AF_INET6 ? sizeof(struct sockaddr_in6)
                                              : sizeof(struct sockaddr_in));
        int64_t rtt = (int64_t)(now_us() - j->sent_us);
        bool trace = j->p.kind == DIAG_TRACE;
        char mark = diag_icmp_mark(family, ee->ee_type, ee->ee_code, trace);
        if (trace) {
            enum diag_icmp_kind k = diag_icmp_classify(family, ee->ee_type, ee->ee_code);
            if (k == DIAG_ICMP_PORT_UNREACH) {
                j->hop_reached = true;
            } else if (k != DIAG_ICMP_TIME_EXCEEDED) {
                j->hop_stopped = true;
                j->r.hops[j->r.nhops - 1].error = ee->ee_type * 256 + ee->ee_code;
            }
        }
        probe_end(j, mark ? -1 : rtt, mark, has_from ? &from : NULL);
        return; /* the job may have ended: nothing more of it here */
    }
}

/* Replies: an echo reply of ours, or (traceroute) a UDP answer from the host itself. */
static void read_replies(struct diag_job *j)
{
    int family = j->r.address.ss_family;
    for (;;) {
        uint8_t buf[DIAG_MAX_SIZE + 64];
        struct sockaddr_storage from = {0};
        socklen_t flen = sizeof from;
        ssize_t n = recvfrom(j->fd, buf, sizeof buf, MSG_DONTWAIT, (struct sockaddr *)&from, &flen);
        if (n < 0)
            return;
        if (!j->waiting)
            continue;
        int64_t rtt = (int64_t)(now_us() - j->sent_us);
        if (j->p.kind == DIAG_TRACE) {
            j->hop_reached = true;
            probe_end(j, rtt, 0, &from);
            return;
        }
        uint16_t id, seq;
        if (!diag_echo_parse(buf, (size_t)n, family, j->raw && family == AF_INET, &id, &seq))
            continue;
        /* An unprivileged ICMP socket sees only its own replies; a raw one sees all. */
        if ((j->raw && id != j->ident) || seq != j->seq)
            continue;
        probe_end(j, rtt, '!', &from);
        return;
    }
}

static void on_readable(struct loop *loop, int fd, unsigned events, void *arg)
{
    (void)loop;
    (void)fd;
    (void)events;
    struct diag_job *j = arg;
    unsigned id = j->id;
    struct diag_lane *l = j->lane;
    read_replies(j);
    /* The job is gone when the reply was its last. */
    if (l->running && l->running->id == id)
        read_errors(l->running);
}

/* --- starting --- */

static void begin_probes(struct diag_job *j)
{
    int family = j->r.address.ss_family;
    j->alen = family == AF_INET6 ? sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in);
    diag_addr_text(&j->r.address, j->r.address_text);
    if (j->p.kind == DIAG_PING) {
        j->data = diag_echo_data_size(family, j->p.size, j->p.size_is_datagram);
        j->r.datagram = diag_echo_datagram(family, j->data);
    }
    if (open_socket(j) < 0)
        return;
    if (j->p.kind == DIAG_TRACE)
        new_hop(j, j->p.ttl_min);
    if (j->ops.started)
        j->ops.started(j->arg, &j->r);
    next_step(j, 0, send_probe);
}

static bool literal_address(const char *host, int family, struct sockaddr_storage *ss)
{
    struct sockaddr_in *s4 = (struct sockaddr_in *)ss;
    struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)ss;
    memset(ss, 0, sizeof *ss);
    if (family != AF_INET6 && inet_pton(AF_INET, host, &s4->sin_addr) == 1) {
        s4->sin_family = AF_INET;
        return true;
    }
    if (family != AF_INET && inet_pton(AF_INET6, host, &s6->sin6_addr) == 1) {
        s6->sin6_family = AF_INET6;
        return true;
    }
    return false;
}

static void poll_resolve(struct loop *loop, void *arg)
{
    (void)loop;
    struct diag_job *j = arg;
    j->timer = NULL;
    int rc = gai_error(&j->res->cb);
    if (rc == EAI_INPROGRESS) {
        next_step(j, RESOLVE_POLL_MS, poll_resolve);
        return;
    }
    const struct addrinfo *ai = rc == 0 ? j->res->cb.ar_result : NULL;
    for (; ai; ai = ai->ai_next)
        if ((ai->ai_family == AF_INET || ai->ai_family == AF_INET6) &&
            ai->ai_addrlen <= sizeof j->r.address)
            break;
    if (!ai) {
        finish(j, DIAG_ERR_RESOLVE, false);
        return;
    }
    memset(&j->r.address, 0, sizeof j->r.address);
    memcpy(&j->r.address, ai->ai_addr, ai->ai_addrlen);
    resolve_free(j->res);
    j->res = NULL;
    begin_probes(j);
}

static void run_next(struct loop *loop, void *arg)
{
    (void)loop;
    struct diag_lane *l = arg;
    l->kick = NULL;
    reap_orphans(l->e);
    if (l->running || !l->head)
        return;
    struct diag_job *j = l->head;
    l->head = j->next;
    j->next = NULL;
    l->running = j;
    if (literal_address(j->p.host, j->p.family, &j->r.address)) {
        begin_probes(j);
        return;
    }
    j->res = resolve_start(j->p.host, j->p.family);
    if (!j->res) {
        finish(j, DIAG_ERR_RESOLVE, false);
        return;
    }
    next_step(j, 0, poll_resolve);
}

/* --- the interface --- */

struct diag_engine *diag_engine_new(struct loop *loop)
{
    struct diag_engine *e = xcalloc(1, sizeof *e);
    e->loop = loop;
    for (int k = 0; k < DIAG_KINDS; k++)
        e->lanes[k].e = e;
    return e;
}

void diag_engine_free(struct diag_engine *e)
{
    if (!e)
        return;
    for (int k = 0; k < DIAG_KINDS; k++) {
        struct diag_lane *l = &e->lanes[k];
        if (l->kick)
            loop_timer_cancel(e->loop, l->kick);
        l->kick = NULL;
        while (l->head) {
            struct diag_job *j = l->head;
            l->head = j->next;
            job_free(j);
        }
        if (l->running) {
            struct diag_job *j = l->running;
            l->running = NULL;
            job_stop_io(j);
            job_free(j);
        }
    }
    /* Resolutions still under way are waited for a little: glibc writes into them. One that
     * does not end is left to the process's end rather than freed under glibc's feet. */
    for (int i = 0; i < 50 && e->orphans; i++) {
        reap_orphans(e);
        if (e->orphans) {
            const struct gaicb *list[1] = {&e->orphans->cb};
            struct timespec ts = {0, 100 * 1000 * 1000};
            gai_suspend(list, 1, &ts);
        }
    }
    reap_orphans(e);
    free(e);
}

static int check_params(const struct diag_params *p, struct strbuf *err)
{
    if (p->kind != DIAG_PING && p->kind != DIAG_TRACE)
        return sb_puts(err, "unknown test"), -1;
    if (!p->host[0] || strnlen(p->host, sizeof p->host) >= sizeof p->host)
        return sb_puts(err, "no host"), -1;
    if (p->family != AF_UNSPEC && p->family != AF_INET && p->family != AF_INET6)
        return sb_puts(err, "unknown address family"), -1;
    if (p->count == 0 || (p->kind == DIAG_TRACE && p->count > 65535))
        return sb_puts(err, "count out of range"), -1;
    if (p->kind == DIAG_PING && p->size > DIAG_MAX_SIZE)
        return sb_puts(err, "size out of range"), -1;
    if (p->timeout_ms > DIAG_MAX_TIMEOUT)
        return sb_puts(err, "timeout out of range"), -1;
    if (p->dscp > 63)
        return sb_puts(err, "DSCP out of range"), -1;
    if (p->kind == DIAG_TRACE &&
        (p->ttl_min < 1 || p->ttl_min > p->ttl_max || p->ttl_max > DIAG_MAX_TTL))
        return sb_puts(err, "hop limits out of range"), -1;
    if (strnlen(p->device, sizeof p->device) >= sizeof p->device ||
        strnlen(p->source, sizeof p->source) >= sizeof p->source)
        return sb_puts(err, "source too long"), -1;
    return 0;
}

unsigned diag_start(struct diag_engine *e, const struct diag_params *p, const struct diag_ops *ops,
                    void *arg, struct strbuf *err)
{
    if (check_params(p, err) < 0)
        return 0;
    struct diag_job *j = xcalloc(1, sizeof *j);
    struct diag_lane *l = &e->lanes[p->kind];
    j->lane = l;
    if (++e->next_id == 0)
        e->next_id = 1;
    j->id = e->next_id;
    j->p = *p;
    j->ops = *ops;
    j->arg = arg;
    j->fd = -1;
    j->r.status = DIAG_RUNNING;
    j->ident = (uint16_t)((unsigned)getpid() ^ (j->id * 0x9e37u));
    struct diag_job **pp = &l->head;
    while (*pp)
        pp = &(*pp)->next;
    *pp = j;
    lane_kick(l);
    return j->id;
}

void diag_cancel(struct diag_engine *e, unsigned id, bool notify)
{
    for (int k = 0; k < DIAG_KINDS; k++) {
        struct diag_lane *l = &e->lanes[k];
        if (l->running && l->running->id == id) {
            struct diag_job *j = l->running;
            finish(j, DIAG_CANCELLED, !notify);
            return;
        }
        for (struct diag_job **pp = &l->head; *pp; pp = &(*pp)->next)
            if ((*pp)->id == id) {
                struct diag_job *j = *pp;
                *pp = j->next;
                /* finish() frees it and starts the next (nothing, it was only queued) */
                finish(j, DIAG_CANCELLED, !notify);
                return;
            }
    }
}

size_t diag_queued(const struct diag_engine *e, enum diag_kind kind)
{
    size_t n = 0;
    if (kind < DIAG_KINDS)
        for (const struct diag_job *j = e->lanes[kind].head; j; j = j->next)
            n++;
    return n;
}
