/* AF_PACKET sockets for DHCP, on the loop. */
#include "dhcp_snoop.h"

#include <arpa/inet.h>
#include <errno.h>
#include <linux/filter.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "dhcp_packet.h"
#include "loop.h"
#include "wan_dhcp.h"
#include "xalloc.h"

#define PACKETS_PER_WAKEUP 64 /* then the loop serves others; the rest waits in the socket */

struct watch {
    struct dhcp_snoop *s;
    char name[IF_NAMESIZE];
    uint8_t mac[6];   /* the WAN's: whose leases are this device's */
    unsigned ifindex; /* the interface bound to: another one with the same name is reopened */
    int fd;
};

struct dhcp_snoop {
    struct loop *loop;
    dhcp_snoop_fn fn;
    dhcp_snoop_wan_fn wan_fn; /* set: the WAN side's, DHCPv6 too and the direction told */
    void *arg;
    void (*lost)(void *arg, const char *linux_ifname); /* NULL: a failed socket stays */
    struct watch **w;
    size_t n, cap;
};

static void close_watch(struct dhcp_snoop *s, size_t i);

/* The kernel drops everything but unfragmented IPv4 UDP to port 67 or 68 before it reaches us.
 * The socket is ETH_P_ALL, since only such taps see the packets this machine sends (the ACKs of
 * a local DHCP server); the filter checks the protocol itself. With SOCK_DGRAM it sees the packet
 * from its IPv4 header. */
static const struct sock_filter filter[] = {
    BPF_STMT(BPF_LD | BPF_H | BPF_ABS, (uint32_t)(SKF_AD_OFF + SKF_AD_PROTOCOL)),
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, ETH_P_IP, 0, 8), /* IPv4, else drop */
    BPF_STMT(BPF_LD | BPF_B | BPF_ABS, 9),               /* protocol */
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 17, 0, 6),       /* UDP, else drop */
    BPF_STMT(BPF_LD | BPF_H | BPF_ABS, 6),               /* flags, fragment offset */
    BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, 0x1fff, 4, 0),  /* a later fragment: drop */
    BPF_STMT(BPF_LDX | BPF_B | BPF_MSH, 0),              /* X = IPv4 header length */
    BPF_STMT(BPF_LD | BPF_H | BPF_IND, 2),               /* UDP destination port */
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 67, 2, 0),       /* to a server */
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 68, 1, 0),       /* to a client */
    BPF_STMT(BPF_RET | BPF_K, 0),                        /* drop */
    BPF_STMT(BPF_RET | BPF_K, 65535),                    /* accept */
};

/* The WAN side's: the same for IPv4, and IPv6 UDP to port 546 or 547 (the client's and the
 * server's) without extension headers, which DHCPv6 does not use. */
static const struct sock_filter filter_wan[] = {
    BPF_STMT(BPF_LD | BPF_H | BPF_ABS, (uint32_t)(SKF_AD_OFF + SKF_AD_PROTOCOL)),
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, ETH_P_IP, 0, 9),   /* IPv4, else try IPv6 */
    BPF_STMT(BPF_LD | BPF_B | BPF_ABS, 9),                 /* protocol */
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 17, 0, 13),        /* UDP, else drop */
    BPF_STMT(BPF_LD | BPF_H | BPF_ABS, 6),                 /* flags, fragment offset */
    BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, 0x1fff, 11, 0),   /* a later fragment: drop */
    BPF_STMT(BPF_LDX | BPF_B | BPF_MSH, 0),                /* X = IPv4 header length */
    BPF_STMT(BPF_LD | BPF_H | BPF_IND, 2),                 /* UDP destination port */
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 67, 9, 0),         /* to a server */
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 68, 8, 0),         /* to a client */
    BPF_STMT(BPF_RET | BPF_K, 0),                          /* drop */
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, ETH_P_IPV6, 0, 5), /* IPv6, else drop */
    BPF_STMT(BPF_LD | BPF_B | BPF_ABS, 6),                 /* next header */
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 17, 0, 3),         /* UDP, else drop */
    BPF_STMT(BPF_LD | BPF_H | BPF_ABS, 42),                /* UDP destination port */
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 546, 2, 0),        /* to a client */
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 547, 1, 0),        /* to a server */
    BPF_STMT(BPF_RET | BPF_K, 0),                          /* drop */
    BPF_STMT(BPF_RET | BPF_K, 65535),                      /* accept */
};

static void on_packet(struct loop *loop, int fd, unsigned events, void *arg)
{
    (void)loop;
    (void)events;
    struct watch *w = arg;
    uint8_t buf[2048];
    for (int i = 0; i < PACKETS_PER_WAKEUP; i++) {
        struct sockaddr_ll from;
        socklen_t fromlen = sizeof from;
        ssize_t n = recvfrom(fd, buf, sizeof buf, MSG_DONTWAIT | MSG_TRUNC,
                             (struct sockaddr *)&from, &fromlen);
        if (n < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR || !w->s->lost)
                return; /* nothing more now, or a socket the kernel feeds again once up */
            /* ENETDOWN: the interface went down or away, and this socket may be bound to an
             * index no interface has any more: closed, for the owner to open it again. */
            struct dhcp_snoop *s = w->s;
            char name[IF_NAMESIZE];
            snprintf(name, sizeof name, "%s", w->name);
            for (size_t j = 0; j < s->n; j++)
                if (s->w[j] == w) {
                    close_watch(s, j);
                    break;
                }
            s->lost(s->arg, name);
            return;
        }
        if ((size_t)n > sizeof buf)
            continue; /* larger than any DHCP message we accept: a jumbo frame of something */
        const uint8_t *payload;
        size_t plen;
        unsigned dport;
        struct strbuf why = STRBUF_INIT;
        bool out = fromlen >= sizeof from && from.sll_pkttype == PACKET_OUTGOING;
        if (!w->s->wan_fn) {
            if (dhcp_ipv4_payload(buf, (size_t)n, &payload, &plen, &why) == 0)
                w->s->fn(w->s->arg, w->name, payload, plen);
        } else if ((buf[0] >> 4) == 6) {
            if (dhcp_ipv6_payload(buf, (size_t)n, &payload, &plen, &dport, &why) == 0)
                w->s->wan_fn(w->s->arg, w->name, w->mac, 6, out, payload, plen);
        } else if (dhcp_ipv4_payload(buf, (size_t)n, &payload, &plen, &why) == 0) {
            w->s->wan_fn(w->s->arg, w->name, w->mac, 4, out, payload, plen);
        }
        sb_free(&why);
    }
}

static void reason(struct strbuf *err, const char *name, const char *why)
{
    sb_printf(err, "%s%s: %s", err->len ? "; " : "", name, why);
}

/* Returns 0, -1 on failure, 1 when the interface does not exist (not an error: the
 * configuration may name interfaces this machine lacks, as in tests). */
static int open_watch(struct dhcp_snoop *s, const char *name, struct strbuf *err, int *eperm)
{
    unsigned idx = strlen(name) < IF_NAMESIZE ? if_nametoindex(name) : 0;
    if (!idx)
        return 1;
    /* Protocol 0: nothing is received until the filter is on and the socket bound. */
    int fd = socket(AF_PACKET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        if (errno == EPERM || errno == EACCES)
            *eperm = 1;
        reason(err, name, strerror(errno));
        return -1;
    }
    struct sock_fprog prog = {.len = sizeof filter / sizeof filter[0],
                              .filter = (struct sock_filter *)filter};
    if (s->wan_fn)
        prog = (struct sock_fprog){.len = sizeof filter_wan / sizeof filter_wan[0],
                                   .filter = (struct sock_filter *)filter_wan};
    /* The WAN's hardware address tells its own leases from others' (chaddr). */
    struct ifreq ifr;
    memset(&ifr, 0, sizeof ifr);
    snprintf(ifr.ifr_name, sizeof ifr.ifr_name, "%s", name);
    uint8_t mac[6] = {0};
    if (s->wan_fn && ioctl(fd, SIOCGIFHWADDR, &ifr) == 0)
        memcpy(mac, ifr.ifr_hwaddr.sa_data, sizeof mac);
    struct sockaddr_ll sll = {
        .sll_family = AF_PACKET, .sll_protocol = htons(ETH_P_ALL), .sll_ifindex = (int)idx};
    if (setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &prog, sizeof prog) < 0 ||
        bind(fd, (struct sockaddr *)&sll, sizeof sll) < 0) {
        reason(err, name, strerror(errno));
        close(fd);
        return -1;
    }
    struct watch *w = xcalloc(1, sizeof *w);
    w->s = s;
    w->fd = fd;
    memcpy(w->mac, mac, sizeof mac);
    w->ifindex = idx;
    snprintf(w->name, sizeof w->name, "%s", name);
    if (loop_add_fd(s->loop, fd, LOOP_READ, on_packet, w) < 0) {
        reason(err, name, "cannot add it to the loop");
        close(fd);
        free(w);
        return -1;
    }
    s->w = xgrow(s->w, &s->cap, s->n + 1, sizeof *s->w);
    s->w[s->n++] = w;
    return 0;
}

static void close_watch(struct dhcp_snoop *s, size_t i)
{
    struct watch *w = s->w[i];
    loop_del_fd(s->loop, w->fd);
    close(w->fd);
    free(w);
    memmove(&s->w[i], &s->w[i + 1], (s->n - i - 1) * sizeof *s->w);
    s->n--;
}

struct dhcp_snoop *dhcp_snoop_new(struct loop *loop, dhcp_snoop_fn fn, void *arg)
{
    struct dhcp_snoop *s = xcalloc(1, sizeof *s);
    s->loop = loop;
    s->fn = fn;
    s->arg = arg;
    return s;
}

struct dhcp_snoop *dhcp_snoop_new_wan(struct loop *loop, dhcp_snoop_wan_fn fn, void *arg)
{
    struct dhcp_snoop *s = xcalloc(1, sizeof *s);
    s->loop = loop;
    s->wan_fn = fn;
    s->arg = arg;
    return s;
}

void dhcp_snoop_on_lost(struct dhcp_snoop *s, void (*fn)(void *arg, const char *linux_ifname))
{
    s->lost = fn;
}

void dhcp_snoop_free(struct dhcp_snoop *s)
{
    if (!s)
        return;
    while (s->n)
        close_watch(s, s->n - 1);
    free(s->w);
    free(s);
}

int dhcp_snoop_set(struct dhcp_snoop *s, const char *const *names, size_t n, struct strbuf *err,
                   int *eperm)
{
    *eperm = 0;
    for (size_t i = s->n; i-- > 0;) {
        bool wanted = false;
        for (size_t j = 0; j < n && !wanted; j++)
            wanted = !strcmp(s->w[i]->name, names[j]);
        if (!wanted || if_nametoindex(s->w[i]->name) != s->w[i]->ifindex)
            close_watch(s, i); /* not wanted, or gone, or another interface of that name now */
    }
    int failed = 0;
    for (size_t j = 0; j < n; j++) {
        bool have = false;
        for (size_t i = 0; i < s->n && !have; i++)
            have = !strcmp(s->w[i]->name, names[j]);
        if (!have && open_watch(s, names[j], err, eperm) < 0)
            failed++; /* a missing interface is not a failure: nothing to watch there */
    }
    return failed;
}

size_t dhcp_snoop_count(const struct dhcp_snoop *s)
{
    return s ? s->n : 0;
}

const char *dhcp_snoop_name(const struct dhcp_snoop *s, size_t i)
{
    return s->w[i]->name;
}
