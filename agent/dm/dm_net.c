/* Helpers of the LAN, WAN and Layer3Forwarding tables (dm_net.h). */
#include "dm_net.h"

#include <stdlib.h>
#include <string.h>

void dm_put_ip(struct strbuf *out, struct in_addr a)
{
    /* inet_ntop's form, without the printf glibc's makes it with: a tree holds thousands. */
    const unsigned char *b = (const unsigned char *)&a.s_addr;
    for (int i = 0; i < 4; i++) {
        if (i)
            sb_putc(out, '.');
        sb_putu(out, b[i]);
    }
}

void dm_put_ip_list(struct strbuf *out, const struct in_addr *v, size_t n, size_t max)
{
    size_t start = out->len;
    for (size_t i = 0; i < n; i++) {
        char buf[INET_ADDRSTRLEN];
        inet_ntop(AF_INET, &v[i], buf, sizeof buf);
        size_t len = out->len - start, add = strlen(buf) + (i > 0);
        if (max && len + add > max)
            break;
        if (i > 0)
            sb_putc(out, ',');
        sb_puts(out, buf);
    }
}

bool dm_parse_ip(const char *s, struct in_addr *a)
{
    return inet_pton(AF_INET, s, a) == 1;
}

bool dm_parse_mask(const char *s, struct in_addr *m)
{
    return dm_parse_ip(s, m) && mask_contiguous(*m);
}

bool dm_parse_ip_list(const char *s, struct in_addr *v, size_t max, size_t *n)
{
    *n = 0;
    while (*s) {
        while (*s == ' ')
            s++;
        size_t len = strcspn(s, ",");
        char word[INET_ADDRSTRLEN];
        if (len == 0 || len >= sizeof word || *n == max)
            return false;
        memcpy(word, s, len);
        word[len] = '\0';
        if (!dm_parse_ip(word, &v[*n]))
            return false;
        (*n)++;
        s += len;
        if (*s == ',' && !*++s)
            return false; /* a trailing comma */
    }
    return true;
}

struct in_addr dm_natural_mask(struct in_addr a)
{
    uint32_t h = ntohl(a.s_addr);
    struct in_addr m;
    m.s_addr = htonl(h < 0x80000000u ? 0xFF000000u : h < 0xC0000000u ? 0xFFFF0000u : 0xFFFFFF00u);
    return m;
}

bool dm_iface_ipv4(struct dm_ctx *c, const struct iface *f, struct in_addr *addr,
                   struct in_addr *mask)
{
    return config_iface_ipv4(c->store, f, addr, mask);
}

struct dhcp_pool *dm_iface_pool(struct dm_ctx *c, const struct iface *f)
{
    struct config_store *cs = c->store;
    if (f->addr_mode == IF_ADDR_POOL)
        return config_pool_find(cs, f->pool);
    struct in_addr a, m;
    if (!dm_iface_ipv4(c, f, &a, &m))
        return NULL;
    struct dhcp_pool *best = NULL;
    for (size_t i = 0; i < cs->npools; i++) {
        struct dhcp_pool *p = &cs->pools[i];
        if (!p->has_network || (a.s_addr & p->mask.s_addr) != p->network.s_addr)
            continue;
        if (!best || ntohl(p->mask.s_addr) > ntohl(best->mask.s_addr))
            best = p;
    }
    return best;
}

static unsigned number(struct dm_ctx *c, struct strbuf *table, const char *key)
{
    return cwmp_instance_number(c->state, sb_str(table), key);
}

/* The number of f's LANDevice or WANDevice instance. Its side's interfaces are numbered in the
 * order their table lists them first, so that asking for one path before the table was ever
 * listed numbers them as the listing would have. */
static unsigned device_number(struct dm_ctx *c, const struct iface *f, struct strbuf *table)
{
    for (size_t i = 0; i < c->store->nifs; i++)
        if (c->store->ifs[i].cwmp_wan == f->cwmp_wan)
            number(c, table, c->store->ifs[i].name);
    return number(c, table, f->name);
}

void dm_conn_path(struct dm_ctx *c, const struct iface *f, struct strbuf *out)
{
    struct strbuf t = STRBUF_INIT;
    if (f->cwmp_wan) {
        sb_puts(&t, DM_ROOT "WANDevice.");
        unsigned dev = device_number(c, f, &t);
        sb_printf(&t, "%u.WANConnectionDevice.", dev);
        unsigned cd = number(c, &t, f->name);
        const char *kind = iface_is_dialer(f->name) ? "WANPPPConnection" : "WANIPConnection";
        sb_printf(&t, "%u.%s.", cd, kind);
        unsigned conn = number(c, &t, f->name);
        sb_printf(out, "%s%u", sb_str(&t), conn);
    } else {
        sb_puts(&t, DM_ROOT "LANDevice.");
        unsigned dev = device_number(c, f, &t);
        sb_printf(&t, "%u.LANHostConfigManagement.IPInterface.", dev);
        unsigned k = number(c, &t, f->name);
        sb_printf(out, "%s%u", sb_str(&t), k);
    }
    sb_free(&t);
}

void dm_list_iface(struct dm_ctx *c, const struct dm_inst *parent, struct dm_list *out)
{
    (void)c;
    dm_list_add(out, dm_iface(parent)->name, dm_iface(parent));
}

const char *const dm_bitrate_values[] = {"10", "100", "1000", "10000", "Auto", NULL};
const char *const dm_eth_status_values[] = {"Up", "NoLink", "Error", "Disabled", NULL};
const char *const dm_duplex_values[] = {"Half", "Full", "Auto", NULL};

int dm_get_bitrate(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)c;
    const struct iface *f = dm_iface(in);
    if (f->speed)
        sb_printf(out, "%d", f->speed);
    else
        sb_puts(out, "Auto");
    return 0;
}

/* `speed` exists on Ethernet ports only; elsewhere only the value they have (Auto) is accepted. */
int dm_set_bitrate(struct dm_ctx *c, const struct dm_inst *in, const char *v)
{
    (void)c;
    struct iface *f = dm_iface(in);
    int speed = strcmp(v, "Auto") ? atoi(v) : 0;
    if (!iface_is_ethernet(f->name) && speed)
        return 9007;
    f->speed = speed;
    return 0;
}

int dm_get_duplex(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)c;
    int d = dm_iface(in)->duplex;
    sb_puts(out, d == IF_DUPLEX_HALF ? "Half" : d == IF_DUPLEX_FULL ? "Full" : "Auto");
    return 0;
}

int dm_set_duplex(struct dm_ctx *c, const struct dm_inst *in, const char *v)
{
    (void)c;
    struct iface *f = dm_iface(in);
    int d = !strcmp(v, "Half") ? IF_DUPLEX_HALF : !strcmp(v, "Full") ? IF_DUPLEX_FULL : 0;
    if (!iface_is_ethernet(f->name) && d)
        return 9007;
    f->duplex = d;
    return 0;
}

int dm_get_if_enable(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)c;
    dm_put_bool(out, !dm_iface(in)->shutdown);
    return 0;
}

int dm_set_if_enable(struct dm_ctx *c, const struct dm_inst *in, const char *v)
{
    (void)c;
    dm_iface(in)->shutdown = !dm_bool(v);
    return 0;
}

void dm_if_stats(struct dm_ctx *c, const char *ios_name, struct if_stats *st)
{
    char key[64];
    snprintf(key, sizeof key, "if-stats %s", ios_name);
    bool fresh;
    struct if_stats *kept = dm_memo_datum(c, key, sizeof *kept, &fresh);
    if (!kept) {
        platform_if_stats(ios_name, st);
        return;
    }
    if (fresh)
        platform_if_stats(ios_name, kept);
    *st = *kept;
}

int dm_get_if_mac(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    struct if_stats st;
    dm_if_stats(c, dm_iface(in)->name, &st);
    sb_puts(out, st.mac);
    return 0;
}

int dm_get_eth_status(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    const struct iface *f = dm_iface(in);
    struct if_stats st;
    dm_if_stats(c, f->name, &st);
    sb_puts(out, f->shutdown ? "Disabled" : st.up ? "Up" : "NoLink");
    return 0;
}

int dm_put_iface_addr(struct dm_ctx *c, const struct iface *f, struct strbuf *out)
{
    struct in_addr a, m;
    if (dm_iface_ipv4(c, f, &a, &m))
        dm_put_ip(out, a);
    return 0;
}

int dm_put_iface_mask(struct dm_ctx *c, const struct iface *f, struct strbuf *out)
{
    struct in_addr a, m;
    if (dm_iface_ipv4(c, f, &a, &m))
        dm_put_ip(out, m);
    return 0;
}

static int set_static(struct dm_ctx *c, struct iface *f, struct in_addr a, struct in_addr m)
{
    struct strbuf why = STRBUF_INIT;
    bool ok = config_iface_address_ok(c->store, f, a, m, &why);
    sb_free(&why);
    if (!ok)
        return 9007;
    config_iface_set_static(c->store, f, a, m);
    return 0;
}

int dm_set_iface_addr(struct dm_ctx *c, struct iface *f, const char *v, struct in_addr default_mask)
{
    if (!*v) {
        config_iface_set_mode(c->store, f, IF_ADDR_NONE);
        return 0;
    }
    struct in_addr a, cur, m = f->mask;
    if (!dm_parse_ip(v, &a))
        return 9007;
    /* The mask the interface has: its pool's, or the one DHCP gave unless one is waiting. */
    bool derived = f->addr_mode == IF_ADDR_POOL || (f->addr_mode == IF_ADDR_DHCP && !m.s_addr);
    if (derived && !dm_iface_ipv4(c, f, &cur, &m))
        m.s_addr = 0;
    if (!m.s_addr)
        m = default_mask;
    return set_static(c, f, a, m);
}

int dm_set_iface_mask(struct dm_ctx *c, struct iface *f, const char *v)
{
    struct in_addr a, m, old;
    if (!*v)
        return f->addr_mode == IF_ADDR_STATIC ? 9007 : 0;
    if (!dm_parse_mask(v, &m) || !m.s_addr)
        return 9007;
    switch (f->addr_mode) {
    case IF_ADDR_STATIC:
        return set_static(c, f, f->addr, m);
    case IF_ADDR_POOL:
        return dm_iface_ipv4(c, f, &a, &old) ? set_static(c, f, a, m) : 9007;
    case IF_ADDR_DHCP:
    case IF_ADDR_NONE:
        f->mask = m; /* for the address this request may set next (not indexed: not static) */
        return 0;
    }
    return 9007;
}

int dm_set_iface_addressing(struct dm_ctx *c, struct iface *f, const char *v)
{
    if (!strcmp(v, "DHCP")) {
        config_iface_set_mode(c->store, f, IF_ADDR_DHCP);
        return 0;
    }
    if (strcmp(v, "Static") != 0)
        return 9007; /* AutoIP: not something IOS does */
    if (f->addr_mode == IF_ADDR_DHCP)
        config_iface_set_mode(c->store, f, IF_ADDR_NONE);
    return 0;
}

int dm_set_ip_mtu(struct iface *f, const char *v)
{
    unsigned long mtu = dm_ulong(v);
    if (mtu < IF_IP_MTU_MIN || mtu > IF_IP_MTU_MAX)
        return 9007;
    f->ip_mtu = mtu == IF_IP_MTU_DEFAULT ? 0 : (int)mtu;
    return 0;
}
