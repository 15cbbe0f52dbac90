/* The WAN's DHCP watched for ACS discovery and autoinstall (wan_watch.h). */
#include "wan_watch.h"

#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acs_discovery.h"
#include "configuration.h"
#include "core.h"
#include "dhcp_snoop.h"
#include "loop.h"
#include "tr111.h"
#include "wan_dhcp.h"
#include "xalloc.h"

/* The longest a lease timer sleeps at once (it then looks at the deadline again). */
#define EXPIRY_MAX_MS (24ull * 3600 * 1000)
/* The client messages remembered for their Replies: a client has one exchange at a time per
 * interface, a few interfaces at most. */
#define SENT_MAX 8
/* How often interfaces asked for but not there yet are looked for: a WAN interface often comes
 * after cwmpd (PPP, a modem, a VLAN made by the network's scripts). */
#define RETRY_MS 5000

struct lease_end {
    struct loop_timer *timer;
    /* Monotonic milliseconds (loop_now_ms): a CPE's clock often jumps when NTP first sets it,
     * which must not end a lease. 0: none (no lease, or an infinite one). */
    uint64_t deadline;
};

struct wan_watch {
    struct agent *a;
    struct dhcp_snoop *snoop; /* NULL: watching off */
    bool explicit_ifs;        /* --wan-dhcp named the interfaces */
    char **wanted;            /* the Linux interfaces asked for, last time */
    size_t nwanted;
    bool eperm_logged;
    struct loop_timer *retry; /* some wanted interface is not open yet */
    struct lease_end end4, end6;
    struct {
        char ifname[IF_NAMESIZE];
        uint32_t xid;
    } sent[SENT_MAX];
    size_t sent_next;
};

/* Whether what DHCP named came from DHCPv6 (the hook's or ours). */
static bool named_by_v6(const struct agent *a)
{
    return a->acs_dhcp.url && !strcmp(a->acs_dhcp.source, dhcp_acs_source_name(ACS_DHCP_V6_OPT17));
}

/* The lease of one family ended: what that family named is forgotten. */
static void lease_ended(struct agent *a, int family, const char *ifname, const char *why)
{
    if (!a->acs_dhcp.url || named_by_v6(a) != (family == 6))
        return;
    agent_debug(a, DEBUG_CWMP, "CWMP: the DHCP%s lease of %s ended (%s)", family == 6 ? "v6" : "",
                ifname, why);
    acs_discovery_forget(a);
}

static void arm(struct wan_watch *w, struct lease_end *e);

static void expire(struct wan_watch *w, struct lease_end *e)
{
    e->timer = NULL;
    if (e->deadline && loop_now_ms() >= e->deadline) {
        e->deadline = 0;
        lease_ended(w->a, e == &w->end6 ? 6 : 4, "the WAN", "its time ran out");
        return;
    }
    arm(w, e);
}

static void on_expiry4(struct loop *loop, void *arg)
{
    (void)loop;
    struct wan_watch *w = arg;
    expire(w, &w->end4);
}

static void on_expiry6(struct loop *loop, void *arg)
{
    (void)loop;
    struct wan_watch *w = arg;
    expire(w, &w->end6);
}

static void disarm(struct wan_watch *w, struct lease_end *e)
{
    if (e->timer)
        loop_timer_cancel(w->a->loop, e->timer);
    e->timer = NULL;
}

static void arm(struct wan_watch *w, struct lease_end *e)
{
    disarm(w, e);
    if (!e->deadline)
        return;
    uint64_t now = loop_now_ms();
    uint64_t ms = e->deadline > now ? e->deadline - now : 0;
    if (ms > EXPIRY_MAX_MS)
        ms = EXPIRY_MAX_MS;
    e->timer = loop_timer_add(w->a->loop, ms, e == &w->end6 ? on_expiry6 : on_expiry4, w);
}

/* A lease of seconds from now (0xffffffff: for ever). */
static void lease_for(struct wan_watch *w, struct lease_end *e, uint32_t seconds)
{
    /* A second past the end: a lease is valid through its last second. */
    e->deadline = seconds == 0xffffffffu ? 0 : loop_now_ms() + (uint64_t)seconds * 1000u + 1000u;
    arm(w, e);
}

/* What the lease's option names; none: what this family named before is forgotten, as the
 * hooks do. */
static void acs_option(struct agent *a, int family, const char *ifname, bool has,
                       enum acs_dhcp_source src, const uint8_t *raw, size_t len)
{
    if (!has) {
        lease_ended(a, family, ifname, "no ACS in its new lease");
        return;
    }
    struct strbuf why = STRBUF_INIT;
    acs_discovery_learn(a, src, raw, len, &why); /* a refusal is logged there */
    sb_free(&why);
}

static void seen4(struct wan_watch *w, const char *ifname, const uint8_t mac[6], const uint8_t *p,
                  size_t len)
{
    struct agent *a = w->a;
    struct wan_dhcp4 *m = xcalloc(1, sizeof *m); /* some kilobytes: not on the loop's stack */
    struct strbuf why = STRBUF_INIT;
    if (wan_dhcp4_parse(p, len, m, &why) < 0) {
        agent_debug(a, DEBUG_CWMP, "CWMP: DHCP message on the WAN %s ignored: %s", ifname,
                    sb_str(&why));
        goto out;
    }
    switch (wan_dhcp4_event(m, mac)) {
    case WAN_DHCP_IGNORE:
        break;
    case WAN_DHCP_ACK:
        agent_debug(a, DEBUG_CWMP, "CWMP: DHCP ACK on the WAN %s%s%s", ifname, why.len ? ": " : "",
                    sb_str(&why));
        acs_option(a, 4, ifname, m->has_acs, m->acs_src, m->acs, m->acs_len);
        /* The answer to an INFORM gives no lease: the one running goes on. */
        if (m->m.yiaddr.s_addr && m->m.has_lease)
            lease_for(w, &w->end4, m->m.lease);
        if (m->tftp[0])
            agent_tftp_offered(a, m->tftp, m->bootfile[0] ? m->bootfile : NULL);
        break;
    case WAN_DHCP_END:
        w->end4.deadline = 0;
        disarm(w, &w->end4);
        lease_ended(a, 4, ifname, dhcp_type_name(m->m.type));
        break;
    }
out:
    sb_free(&why);
    free(m);
}

static void seen6(struct wan_watch *w, const char *ifname, bool outgoing, const uint8_t *p,
                  size_t len)
{
    struct agent *a = w->a;
    struct wan_dhcp6 *m = xcalloc(1, sizeof *m);
    struct strbuf why = STRBUF_INIT;
    if (wan_dhcp6_parse(p, len, m, &why) < 0) {
        agent_debug(a, DEBUG_CWMP, "CWMP: DHCPv6 message on the WAN %s ignored: %s", ifname,
                    sb_str(&why));
        goto out;
    }
    if (outgoing) {
        if (!wan_dhcp6_from_client(m->type))
            goto out; /* a DHCPv6 server of this machine: not the WAN's lease */
        snprintf(w->sent[w->sent_next].ifname, IF_NAMESIZE, "%s", ifname);
        w->sent[w->sent_next].xid = m->xid;
        w->sent_next = (w->sent_next + 1) % SENT_MAX;
        if (m->type == DHCP6_RELEASE) {
            w->end6.deadline = 0;
            disarm(w, &w->end6);
            lease_ended(a, 6, ifname, "Release");
        }
        goto out;
    }
    if (m->type != DHCP6_REPLY || m->status_error)
        goto out;
    /* Only the answer to this interface's own request: others' on a shared link are not ours. */
    bool ours = false;
    for (size_t i = 0; i < SENT_MAX && !ours; i++)
        ours =
            w->sent[i].ifname[0] && w->sent[i].xid == m->xid && !strcmp(w->sent[i].ifname, ifname);
    if (!ours)
        goto out;
    agent_debug(a, DEBUG_CWMP, "CWMP: DHCPv6 Reply on the WAN %s", ifname);
    acs_option(a, 6, ifname, m->has_acs, ACS_DHCP_V6_OPT17, m->acs, m->acs_len);
    if (m->has_lifetime)
        lease_for(w, &w->end6, m->valid);
out:
    sb_free(&why);
    free(m);
}

void wan_watch_seen(struct agent *a, const char *ifname, const uint8_t mac[6], int family,
                    bool outgoing, const uint8_t *p, size_t len)
{
    struct wan_watch *w = a->wan_watch;
    if (!w)
        return;
    if (family == 6)
        seen6(w, ifname, outgoing, p, len);
    else
        seen4(w, ifname, mac, p, len); /* either way: its op and chaddr tell whose it is */
}

static void on_dhcp(void *arg, const char *ifname, const uint8_t mac[6], int family, bool outgoing,
                    const uint8_t *p, size_t len)
{
    struct wan_watch *w = arg;
    wan_watch_seen(w->a, ifname, mac, family, outgoing, p, len);
}

static void free_wanted(struct wan_watch *w)
{
    for (size_t i = 0; i < w->nwanted; i++)
        free(w->wanted[i]);
    free(w->wanted);
    w->wanted = NULL;
    w->nwanted = 0;
}

static void open_wanted(struct wan_watch *w, bool first);

static void on_retry(struct loop *loop, void *arg)
{
    (void)loop;
    struct wan_watch *w = arg;
    w->retry = NULL;
    open_wanted(w, false);
}

/* Opens the wanted interfaces that are not open yet; the failures are logged the first time
 * only, and those missing looked for again later. */
static void open_wanted(struct wan_watch *w, bool first)
{
    struct agent *a = w->a;
    if (w->eperm_logged)
        return; /* no privilege: it would only fail again */
    struct strbuf err = STRBUF_INIT;
    int eperm = 0;
    size_t before = dhcp_snoop_count(w->snoop);
    int failed = dhcp_snoop_set(w->snoop, (const char *const *)w->wanted, w->nwanted, &err, &eperm);
    /* Asked for by name, a failure is worth a warning; by default (the cwmp wan interfaces) the
     * DHCP client's hook may be all there is, as on an unprivileged cwmpd. */
    int level = w->explicit_ifs ? LOG_WARNING : LOG_DEBUG;
    if (eperm) {
        w->eperm_logged = true;
        agent_log(a, level,
                  "%%CWMP-4-DHCPSNOOP: cannot watch the WAN's DHCP (no CAP_NET_RAW?): %s; "
                  "the ACS comes only from the DHCP client's hook",
                  sb_str(&err));
    } else if (failed && first) {
        agent_log(a, level, "%%CWMP-4-DHCPSNOOP: cannot watch the WAN's DHCP on %s", sb_str(&err));
    }
    sb_free(&err);
    if (!first && dhcp_snoop_count(w->snoop) > before)
        agent_debug(a, DEBUG_CWMP, "CWMP: the WAN's DHCP watched on %zu interface%s now",
                    dhcp_snoop_count(w->snoop), dhcp_snoop_count(w->snoop) == 1 ? "" : "s");
    bool missing = false;
    for (size_t i = 0; i < w->nwanted && !missing; i++) {
        bool open = false;
        for (size_t j = 0; j < dhcp_snoop_count(w->snoop) && !open; j++)
            open = !strcmp(dhcp_snoop_name(w->snoop, j), w->wanted[i]);
        missing = !open;
    }
    if (missing && !eperm && !w->retry)
        w->retry = loop_timer_add(a->loop, RETRY_MS, on_retry, w);
}

/* An interface went down or away: looked for again, as one not there yet is. */
static void on_lost(void *arg, const char *ifname)
{
    struct wan_watch *w = arg;
    agent_debug(w->a, DEBUG_CWMP,
                "CWMP: the WAN's DHCP on %s is lost (down or gone); looked for again", ifname);
    if (!w->retry)
        w->retry = loop_timer_add(w->a->loop, RETRY_MS, on_retry, w);
}

void wan_watch_show(const struct agent *a, struct strbuf *out)
{
    const struct wan_watch *w = a->wan_watch;
    if (!w || !w->snoop) {
        sb_puts(out, "off");
        return;
    }
    if (w->eperm_logged) {
        sb_puts(out, "not permitted (cwmpd lacks CAP_NET_RAW)");
        return;
    }
    size_t n = dhcp_snoop_count(w->snoop);
    lan_snooped_ifnames(a, w->snoop, out);
    /* What was asked for but is not there (yet): looked for every RETRY_MS. */
    bool first_missing = true;
    for (size_t i = 0; i < w->nwanted; i++) {
        bool open = false;
        for (size_t j = 0; j < n && !open; j++)
            open = !strcmp(dhcp_snoop_name(w->snoop, j), w->wanted[i]);
        if (open)
            continue;
        sb_printf(out, "%s%s", first_missing ? (n ? "; waiting for " : "waiting for ") : ", ",
                  w->wanted[i]);
        first_missing = false;
    }
    if (!n && !w->nwanted)
        sb_puts(out, "no cwmp wan interface");
}

static void watch(struct wan_watch *w, char **names, size_t n)
{
    bool same = n == w->nwanted;
    for (size_t i = 0; same && i < n; i++)
        same = !strcmp(names[i], w->wanted[i]);
    if (same) {
        for (size_t i = 0; i < n; i++)
            free(names[i]);
        free(names);
        return;
    }
    free_wanted(w);
    w->wanted = names;
    w->nwanted = n;
    open_wanted(w, true);
}

void wan_watch_config_changed(struct agent *a)
{
    struct wan_watch *w = a->wan_watch;
    if (!w || !w->snoop || w->explicit_ifs)
        return;
    char **names;
    size_t n;
    lan_configured_ifnames(a, true, &names, &n);
    watch(w, names, n);
}

void wan_watch_start(struct agent *a, const char *const *names, size_t n)
{
    struct wan_watch *w = xcalloc(1, sizeof *w);
    a->wan_watch = w;
    w->a = a;
    if (n == 1 && !strcmp(names[0], "none"))
        return;
    w->snoop = dhcp_snoop_new_wan(a->loop, on_dhcp, w);
    if (!w->snoop)
        return; /* built without snooping */
    dhcp_snoop_on_lost(w->snoop, on_lost);
    if (n) {
        w->explicit_ifs = true;
        char **copy = xcalloc(n, sizeof *copy);
        for (size_t i = 0; i < n; i++)
            copy[i] = xstrdup(names[i]);
        watch(w, copy, n);
    } else {
        wan_watch_config_changed(a);
    }
}

void wan_watch_stop(struct agent *a)
{
    struct wan_watch *w = a->wan_watch;
    if (!w)
        return;
    disarm(w, &w->end4);
    disarm(w, &w->end6);
    if (w->retry)
        loop_timer_cancel(a->loop, w->retry);
    dhcp_snoop_free(w->snoop);
    free_wanted(w);
    free(w);
    a->wan_watch = NULL;
}
