/* The lease table in the agent: DHCP snooping, the lease file, expiry, notification. */
#include "tr111.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core.h"
#include "dhcp_snoop.h"
#include "fileio.h"
#include "loop.h"
#include "xalloc.h"

/* How long an identity seen in a DISCOVER or REQUEST waits for the server's ACK. */
#define PENDING_SECONDS 60
/* The longest the expiry timer sleeps at once (it simply looks again). */
#define EXPIRY_MAX_MS (24ull * 3600 * 1000)
/* What DHCP traffic changes is saved and scanned once per burst, this long after its first
 * packet: a LAN flooding ACKs costs one fsync and one notification scan a quarter second, not
 * one a packet. */
#define SNOOP_SETTLE_MS 250

struct tr111 {
    struct agent *a;
    char *path;                /* STATE_DIR/dhcp-leases */
    struct loop_timer *expiry; /* the next lease to end */
    struct dhcp_snoop *snoop;  /* NULL: snooping off */
    bool explicit_ifs;         /* --dhcp-snoop named the interfaces */
    char **wanted;             /* the Linux interfaces asked for, last time */
    size_t nwanted;
    bool eperm_logged;
    struct loop_timer *settle; /* snooped changes waiting to be saved and scanned */
};

static long long now_epoch(void)
{
    return (long long)time(NULL);
}

static void save(struct agent *a)
{
    struct tr111 *t = a->tr111;
    if (!t)
        return;
    struct strbuf text = STRBUF_INIT;
    lease_table_render(a->leases, &text);
    int rc = file_write_atomic(t->path, text.buf, text.len, 0640);
    if (rc < 0)
        agent_log(a, LOG_ERR, "%%CWMP-3-LEASES: cannot save %s: %s", t->path, strerror(-rc));
    sb_free(&text);
}

static void arm_expiry(struct agent *a);

static void changed(struct agent *a)
{
    save(a);
    arm_expiry(a);
    /* The count and the tables changed now: an ACS that asked for active notification of
     * ManageableDeviceNumberOfEntries hears of it now (the scan applies the limit). */
    agent_values_changed(a);
}

static void on_expiry(struct loop *loop, void *arg)
{
    (void)loop;
    struct agent *a = arg;
    a->tr111->expiry = NULL;
    size_t bound_before = 0, bound_after = 0;
    for (size_t i = 0; i < a->leases->n; i++)
        bound_before += lease_bound(&a->leases->v[i]);
    lease_table_expire(a->leases, now_epoch());
    for (size_t i = 0; i < a->leases->n; i++)
        bound_after += lease_bound(&a->leases->v[i]);
    if (bound_after != bound_before) {
        agent_debug(a, DEBUG_CWMP, "CWMP: %zu DHCP lease%s expired", bound_before - bound_after,
                    bound_before - bound_after == 1 ? "" : "s");
        changed(a);
    } else {
        arm_expiry(a);
    }
}

static void arm_expiry(struct agent *a)
{
    struct tr111 *t = a->tr111;
    if (!t)
        return;
    if (t->expiry) {
        loop_timer_cancel(a->loop, t->expiry);
        t->expiry = NULL;
    }
    long long next = lease_table_next_expiry(a->leases);
    if (next < 0)
        return;
    long long now = now_epoch();
    /* A second past the end: a lease is valid through its last second. */
    uint64_t ms = next > now ? (uint64_t)(next - now) * 1000u + 1000u : 0;
    if (ms > EXPIRY_MAX_MS)
        ms = EXPIRY_MAX_MS;
    t->expiry = loop_timer_add(a->loop, ms, on_expiry, a);
}

bool tr111_iface_name(struct agent *a, const char *name, char out[IFNAME_MAX])
{
    const struct config_store *cs = a->running;
    for (size_t i = 0; i < cs->nifs; i++) {
        if (!strcasecmp(cs->ifs[i].name, name)) {
            snprintf(out, IFNAME_MAX, "%s", cs->ifs[i].name);
            return true;
        }
    }
    for (size_t i = 0; i < cs->nifs; i++) {
        char lx[64];
        platform_linux_name(cs->ifs[i].name, lx, sizeof lx);
        if (lx[0] && !strcmp(lx, name)) {
            snprintf(out, IFNAME_MAX, "%s", cs->ifs[i].name);
            return true;
        }
    }
    return false;
}

bool tr111_same_identity(const struct tr111_identity *x, const struct tr111_identity *y)
{
    return !strcmp(x->oui, y->oui) && !strcmp(x->serial, y->serial) &&
           !strcmp(x->product_class, y->product_class);
}

/* A client's DISCOVER or REQUEST: its identity and host name, kept until the ACK binds them. */
static bool client_seen(struct agent *a, const char *ifname, const struct dhcp_msg *m, char *mac)
{
    if (m->identity_rc < 0)
        agent_debug(a, DEBUG_CWMP, "CWMP: option 125 of %s refused: %s", mac, m->identity_why);
    bool useful = m->identity_rc > 0 || m->hostname[0];
    struct lease *l = useful ? lease_get(a->leases, m->chaddr) : lease_find(a->leases, m->chaddr);
    if (!l)
        return false;
    bool dm = false;
    if (!lease_bound(l)) {
        l->expires = now_epoch() + PENDING_SECONDS;
        if (ifname[0])
            snprintf(l->ifname, sizeof l->ifname, "%s", ifname);
    }
    if (m->identity_rc > 0 && (!l->has_identity || !tr111_same_identity(&l->id, &m->identity))) {
        dm = lease_bound(l);
        l->id = m->identity;
        l->has_identity = true;
        agent_debug(a, DEBUG_CWMP, "CWMP: %s is %s-%s (%s)", mac, l->id.oui, l->id.serial,
                    l->id.product_class);
    }
    if (m->hostname[0] && strcmp(l->hostname, m->hostname) != 0) {
        dm |= lease_bound(l);
        snprintf(l->hostname, sizeof l->hostname, "%s", m->hostname);
    }
    return dm;
}

/* The server's ACK: the address and the lease time. */
static bool server_ack(struct agent *a, const char *ifname, const struct dhcp_msg *m, char *mac)
{
    if (!m->yiaddr.s_addr || !m->has_lease)
        return false; /* the answer to an INFORM: no lease */
    struct lease *l = lease_get(a->leases, m->chaddr);
    if (!l) {
        agent_log(a, LOG_WARNING, "%%CWMP-4-LEASES: %d leases already known; %s ignored",
                  LEASES_MAX, mac);
        return false;
    }
    l->addr = m->yiaddr;
    l->infinite = m->lease == DHCP_LEASE_INFINITE;
    l->expires = now_epoch() + (long long)m->lease;
    if (ifname[0])
        snprintf(l->ifname, sizeof l->ifname, "%s", ifname);
    return true; /* at least the expiry moved: saved */
}

static void on_settle(struct loop *loop, void *arg)
{
    (void)loop;
    struct agent *a = arg;
    a->tr111->settle = NULL;
    changed(a);
}

void tr111_dhcp_seen(struct agent *a, const char *linux_ifname, const struct dhcp_msg *m)
{
    char ifname[IFNAME_MAX] = "", mac[18];
    tr111_iface_name(a, linux_ifname, ifname);
    mac_format(m->chaddr, mac);
    bool dm = false;
    if (m->op == 1 && (m->type == DHCPDISCOVER || m->type == DHCPREQUEST)) {
        dm = client_seen(a, ifname, m, mac);
    } else if (m->op == 1 && (m->type == DHCPRELEASE || m->type == DHCPDECLINE)) {
        struct lease *l = lease_find(a->leases, m->chaddr);
        dm = l && lease_bound(l);
        if (l) {
            agent_debug(a, DEBUG_CWMP, "CWMP: DHCP %s from %s", dhcp_type_name(m->type), mac);
            lease_remove(a->leases, m->chaddr);
        }
    } else if (m->op == 2 && m->type == DHCPACK) {
        dm = server_ack(a, ifname, m, mac);
    } else if (m->op == 2 && m->type == DHCPNAK) {
        struct lease *l = lease_find(a->leases, m->chaddr);
        dm = l && lease_bound(l);
        if (dm)
            lease_remove(a->leases, m->chaddr);
    }
    if (dm && a->tr111 && !a->tr111->settle)
        a->tr111->settle = loop_timer_add(a->loop, SNOOP_SETTLE_MS, on_settle, a);
}

bool tr111_lease_set(struct agent *a, const struct lease *l)
{
    struct lease *dst = lease_get(a->leases, l->mac);
    if (!dst)
        return false;
    struct lease keep = *dst;
    *dst = *l;
    if (!l->has_identity && keep.has_identity) {
        dst->has_identity = true;
        dst->id = keep.id;
    }
    if (!l->hostname[0])
        memcpy(dst->hostname, keep.hostname, sizeof dst->hostname);
    changed(a);
    return true;
}

bool tr111_lease_delete(struct agent *a, const uint8_t mac[6])
{
    if (!lease_remove(a->leases, mac))
        return false;
    changed(a);
    return true;
}

/* ---- snooping ---- */

static void on_dhcp(void *arg, const char *linux_ifname, const uint8_t *p, size_t len)
{
    struct agent *a = arg;
    struct dhcp_msg m;
    struct strbuf why = STRBUF_INIT;
    if (dhcp_msg_parse(p, len, &m, &why) == 0)
        tr111_dhcp_seen(a, linux_ifname, &m);
    else
        agent_debug(a, DEBUG_CWMP, "CWMP: DHCP message on %s ignored: %s", linux_ifname,
                    sb_str(&why));
    sb_free(&why);
}

static void free_wanted(struct tr111 *t)
{
    for (size_t i = 0; i < t->nwanted; i++)
        free(t->wanted[i]);
    free(t->wanted);
    t->wanted = NULL;
    t->nwanted = 0;
}

static void watch(struct agent *a, char **names, size_t n)
{
    struct tr111 *t = a->tr111;
    bool same = n == t->nwanted;
    for (size_t i = 0; same && i < n; i++)
        same = !strcmp(names[i], t->wanted[i]);
    if (same) {
        for (size_t i = 0; i < n; i++)
            free(names[i]);
        free(names);
        return;
    }
    free_wanted(t);
    t->wanted = names;
    t->nwanted = n;
    if (t->eperm_logged)
        return; /* no privilege: it would only fail again */
    struct strbuf err = STRBUF_INIT;
    int eperm = 0;
    int failed = dhcp_snoop_set(t->snoop, (const char *const *)names, n, &err, &eperm);
    if (eperm) {
        t->eperm_logged = true;
        agent_log(a, LOG_WARNING,
                  "%%CWMP-4-DHCPSNOOP: cannot watch DHCP (no CAP_NET_RAW?): %s; "
                  "leases come only from the cwmp lease commands",
                  sb_str(&err));
    } else if (failed) {
        agent_log(a, LOG_WARNING, "%%CWMP-4-DHCPSNOOP: cannot watch DHCP on %s", sb_str(&err));
    }
    sb_free(&err);
}

void lan_configured_ifnames(struct agent *a, bool wan, char ***names, size_t *n)
{
    const struct config_store *cs = a->running;
    size_t cap = 0;
    *names = NULL;
    *n = 0;
    for (size_t i = 0; i < cs->nifs; i++) {
        if (cs->ifs[i].cwmp_wan != wan)
            continue;
        char lx[64];
        platform_linux_name(cs->ifs[i].name, lx, sizeof lx);
        if (!lx[0] || !strcmp(lx, "lo"))
            continue;
        bool dup = false;
        for (size_t j = 0; j < *n && !dup; j++)
            dup = !strcmp((*names)[j], lx);
        if (dup)
            continue;
        *names = xgrow(*names, &cap, *n + 1, sizeof **names);
        (*names)[(*n)++] = xstrdup(lx);
    }
}

void tr111_config_changed(struct agent *a)
{
    struct tr111 *t = a->tr111;
    if (!t || !t->snoop || t->explicit_ifs)
        return;
    char **names;
    size_t n;
    lan_configured_ifnames(a, false, &names, &n);
    watch(a, names, n);
}

void tr111_start(struct agent *a, const char *const *dhcp_snoop, size_t ndhcp_snoop)
{
    struct tr111 *t = xcalloc(1, sizeof *t);
    a->tr111 = t;
    t->a = a;
    struct strbuf p = STRBUF_INIT;
    sb_printf(&p, "%s/%s", a->state_dir, TR111_LEASE_FILE);
    t->path = sb_detach(&p);
    char *text;
    size_t len;
    int rc = file_read_all(t->path, LEASE_FILE_MAX, &text, &len);
    if (rc == 0) {
        struct strbuf why = STRBUF_INIT;
        if (lease_table_parse(a->leases, text, len, now_epoch(), &why) < 0)
            agent_log(a, LOG_ERR, "%%CWMP-3-LEASES: %s: %s; starting with no leases", t->path,
                      sb_str(&why));
        sb_free(&why);
        free(text);
    } else if (rc != -ENOENT) {
        agent_log(a, LOG_ERR, "%%CWMP-3-LEASES: cannot read %s: %s", t->path, strerror(-rc));
    }
    arm_expiry(a);
    bool off = ndhcp_snoop == 1 && !strcmp(dhcp_snoop[0], "none");
    if (off)
        return;
    t->snoop = dhcp_snoop_new(a->loop, on_dhcp, a);
    if (ndhcp_snoop) {
        t->explicit_ifs = true;
        char **names = xcalloc(ndhcp_snoop, sizeof *names);
        for (size_t i = 0; i < ndhcp_snoop; i++)
            names[i] = xstrdup(dhcp_snoop[i]);
        watch(a, names, ndhcp_snoop);
    } else {
        tr111_config_changed(a);
    }
}

void tr111_stop(struct agent *a)
{
    struct tr111 *t = a->tr111;
    if (!t)
        return;
    if (t->expiry)
        loop_timer_cancel(a->loop, t->expiry);
    if (t->settle) {
        loop_timer_cancel(a->loop, t->settle);
        save(a); /* what the last burst changed */
    }
    dhcp_snoop_free(t->snoop);
    free_wanted(t);
    free(t->path);
    free(t);
    a->tr111 = NULL;
}

bool tr111_snooping(const struct agent *a, struct strbuf *out)
{
    const struct tr111 *t = a->tr111;
    if (!t || !t->snoop) {
        sb_puts(out, "off");
        return false;
    }
    if (t->eperm_logged) {
        sb_puts(out, "not permitted (cwmpd lacks CAP_NET_RAW)");
        return false;
    }
    size_t n = dhcp_snoop_count(t->snoop);
    if (n == 0) {
        sb_puts(out, t->nwanted ? "no interface could be opened" : "no LAN interface to watch");
        return false;
    }
    lan_snooped_ifnames(a, t->snoop, out);
    return true;
}

void lan_snooped_ifnames(const struct agent *a, const struct dhcp_snoop *s, struct strbuf *out)
{
    size_t n = dhcp_snoop_count(s);
    for (size_t i = 0; i < n; i++) {
        const char *lx = dhcp_snoop_name(s, i);
        char ios[IFNAME_MAX];
        if (i)
            sb_puts(out, ", ");
        if (tr111_iface_name((struct agent *)a, lx, ios) && strcmp(ios, lx) != 0)
            sb_printf(out, "%s (%s)", ios, lx);
        else
            sb_puts(out, lx);
    }
}
