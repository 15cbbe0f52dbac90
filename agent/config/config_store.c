#include "config_store.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config_net.h"
#include "config_users.h"
#include "nat_map.h"
#include "passwords.h"
#include "xalloc.h"

void str_set(char **slot, const char *value)
{
    char *copy = value ? xstrdup(value) : NULL;
    free(*slot);
    *slot = copy;
}

void password_set(struct password *p, const char *clear, const char *type7)
{
    str_set(&p->clear, clear);
    str_set(&p->type7, type7);
}

void password_hide(struct password *p)
{
    if (!p->clear || p->type7)
        return;
    char enc[2 + 2 * CWMP_PASSWORD_MAX + 1];
    type7_encode(p->clear, enc, sizeof enc);
    p->type7 = xstrdup(enc);
}

void config_hide_passwords(struct config_store *cs)
{
    password_hide(&cs->cwmp.acs_password);
    password_hide(&cs->cwmp.cr_password);
    password_hide(&cs->cwmp.stun_password);
    password_hide(&cs->enable_password);
    for (size_t i = 0; i < cs->nusers; i++)
        password_hide(&cs->users[i].password);
}

void password_clear(struct password *p)
{
    password_set(p, NULL, NULL);
}

void cwmp_settings_reset(struct cwmp_settings *c)
{
    free(c->url);
    free(c->provision_code);
    free(c->cr_username);
    free(c->username);
    free(c->stun_server);
    free(c->stun_username);
    password_clear(&c->acs_password);
    password_clear(&c->cr_password);
    password_clear(&c->stun_password);
    memset(c, 0, sizeof *c);
    c->session_retry_limit = CWMP_DEFAULT_RETRY_LIMIT;
    c->request_outstanding = CWMP_DEFAULT_OUTSTANDING;
    c->notify_interval = CWMP_DEFAULT_NOTIFY_INTERVAL;
    c->periodic_interval = CWMP_DEFAULT_PERIODIC_INTERVAL;
    c->periodic_time = LLONG_MIN; /* the unknown time: the agent picks the phase */
    c->retry_wait = CWMP_DEFAULT_RETRY_WAIT;
    c->retry_multiplier = CWMP_DEFAULT_RETRY_MULTIPLIER;
    c->max_message_kb = CWMP_DEFAULT_MAX_MESSAGE_KB;
    c->notification_throttle = CWMP_DEFAULT_NOTIFY_THROTTLE;
    c->manageable_notify_limit = CWMP_DEFAULT_MANAGEABLE_LIMIT;
    c->stun_port = CWMP_DEFAULT_STUN_PORT;
    c->stun_min_keepalive = CWMP_DEFAULT_STUN_MIN_KEEPALIVE;
    c->stun_max_keepalive = -1;
    c->udp_cr_notify_limit = CWMP_DEFAULT_UDP_CR_LIMIT;
}

void logging_settings_reset(struct logging_settings *l)
{
    l->buffered = true;
    l->buffer_size = LOGGING_BUFFER_DEFAULT_SIZE;
    l->buffer_level = LOGGING_BUFFER_DEFAULT_LEVEL;
}

struct config_store *config_store_new(void)
{
    struct config_store *cs = xcalloc(1, sizeof *cs);
    strcpy(cs->hostname, CMD_DEFAULT_HOSTNAME_TEXT);
    cwmp_settings_reset(&cs->cwmp);
    logging_settings_reset(&cs->logging);
    return cs;
}

static void iface_free(struct iface *i)
{
    free(i->description);
    free(i->pool);
}

static void pool_free(struct dhcp_pool *p)
{
    free(p->name);
}

void config_store_free(struct config_store *cs)
{
    if (!cs)
        return;
    free(cs->enable_secret);
    password_clear(&cs->enable_password);
    free(cs->http_ca_file);
    cwmp_settings_reset(&cs->cwmp);
    for (size_t i = 0; i < cs->nifs; i++)
        iface_free(&cs->ifs[i]);
    free(cs->ifs);
    free(cs->if_names.slot);
    free(cs->excluded);
    for (size_t i = 0; i < cs->npools; i++)
        pool_free(&cs->pools[i]);
    free(cs->pools);
    for (size_t i = 0; i < cs->nnat; i++)
        nat_rule_free(&cs->nat[i]);
    free(cs->nat);
    nat_index_free(cs);
    free(cs->archive.path);
    config_net_free(cs);
    config_users_free(cs);
    free(cs);
}

static char *dup_or_null(const char *s)
{
    return s ? xstrdup(s) : NULL;
}

static void *dup_array(const void *src, size_t n, size_t elem, size_t *cap)
{
    *cap = n;
    if (n == 0)
        return NULL;
    void *p = xmalloc(n * elem);
    memcpy(p, src, n * elem);
    return p;
}

struct config_store *config_store_clone(const struct config_store *cs)
{
    struct config_store *c = xmalloc(sizeof *c);
    *c = *cs;
    c->enable_secret = dup_or_null(cs->enable_secret);
    c->enable_password.clear = dup_or_null(cs->enable_password.clear);
    c->enable_password.type7 = dup_or_null(cs->enable_password.type7);
    c->http_ca_file = dup_or_null(cs->http_ca_file);
    c->cwmp.url = dup_or_null(cs->cwmp.url);
    c->cwmp.provision_code = dup_or_null(cs->cwmp.provision_code);
    c->cwmp.cr_username = dup_or_null(cs->cwmp.cr_username);
    c->cwmp.username = dup_or_null(cs->cwmp.username);
    c->cwmp.acs_password.clear = dup_or_null(cs->cwmp.acs_password.clear);
    c->cwmp.acs_password.type7 = dup_or_null(cs->cwmp.acs_password.type7);
    c->cwmp.cr_password.clear = dup_or_null(cs->cwmp.cr_password.clear);
    c->cwmp.cr_password.type7 = dup_or_null(cs->cwmp.cr_password.type7);
    c->cwmp.stun_server = dup_or_null(cs->cwmp.stun_server);
    c->cwmp.stun_username = dup_or_null(cs->cwmp.stun_username);
    c->cwmp.stun_password.clear = dup_or_null(cs->cwmp.stun_password.clear);
    c->cwmp.stun_password.type7 = dup_or_null(cs->cwmp.stun_password.type7);
    c->ifs = dup_array(cs->ifs, cs->nifs, sizeof *cs->ifs, &c->capifs);
    for (size_t i = 0; i < c->nifs; i++) {
        c->ifs[i].description = dup_or_null(cs->ifs[i].description);
        c->ifs[i].pool = dup_or_null(cs->ifs[i].pool);
    }
    /* The same positions: the same table, its own copy. */
    c->if_names.slot =
        dup_array(cs->if_names.slot, cs->if_names.cap, sizeof *cs->if_names.slot, &c->if_names.cap);
    c->excluded = dup_array(cs->excluded, cs->nexcluded, sizeof *cs->excluded, &c->capexcluded);
    c->pools = dup_array(cs->pools, cs->npools, sizeof *cs->pools, &c->cappools);
    for (size_t i = 0; i < c->npools; i++)
        c->pools[i].name = dup_or_null(cs->pools[i].name);
    c->nat = dup_array(cs->nat, cs->nnat, sizeof *cs->nat, &c->capnat);
    for (size_t i = 0; i < c->nnat; i++) {
        c->nat[i].key = dup_or_null(cs->nat[i].key);
        c->nat[i].description = dup_or_null(cs->nat[i].description);
    }
    nat_index_clone(c, cs); /* its own: the copy changes apart from the original */
    c->archive.path = dup_or_null(cs->archive.path);
    config_net_clone(c, cs);
    config_users_clone(c, cs);
    return c;
}

void config_store_swap(struct config_store *a, struct config_store *b)
{
    struct config_store t = *a;
    *a = *b;
    *b = t;
}

/* IOS lists interfaces by type, in this order, then by number. */
static const char *const if_type_order[] = {
    "Loopback", "Ethernet", "FastEthernet", "GigabitEthernet", "ATM", "Serial", "Dialer", "Vlan",
};

static int if_type_rank(const char *name, size_t *alpha)
{
    size_t a = 0;
    while (name[a] && isalpha((unsigned char)name[a]))
        a++;
    *alpha = a;
    for (size_t i = 0; i < sizeof if_type_order / sizeof if_type_order[0]; i++)
        if (strlen(if_type_order[i]) == a && !strncasecmp(name, if_type_order[i], a))
            return (int)i;
    return (int)(sizeof if_type_order / sizeof if_type_order[0]);
}

/* strtol(*p, p, 10), quicker on the few digits that interface numbers are (it was most of a
 * bisection's cost); strtol itself for anything else (signs, spaces, a number past 18 digits). */
static long number(const char **p)
{
    const char *s = *p;
    size_t n = 0;
    while (n <= 18 && s[n] >= '0' && s[n] <= '9')
        n++;
    if (n == 0 || n > 18)
        return strtol(s, (char **)p, 10);
    long v = 0;
    for (size_t i = 0; i < n; i++)
        v = v * 10 + (s[i] - '0');
    *p = s + n;
    return v;
}

static int iface_cmp(const char *a, const char *b)
{
    size_t aa, ab;
    int ra = if_type_rank(a, &aa), rb = if_type_rank(b, &ab);
    if (ra != rb)
        return ra - rb;
    int c = strncasecmp(a, b, aa < ab ? aa : ab);
    if (c || aa != ab)
        return c ? c : (int)aa - (int)ab;
    const char *pa = a + aa, *pb = b + ab;
    while (*pa && *pb) {
        long na = number(&pa), nb = number(&pb);
        if (na != nb)
            return na < nb ? -1 : 1;
        if (*pa == '/')
            pa++;
        if (*pb == '/')
            pb++;
    }
    return (int)(*pa != '\0') - (int)(*pb != '\0');
}

bool iface_is_atm(const char *name)
{
    return strncasecmp(name, "ATM", 3) == 0;
}

/* Interfaces are kept sorted in IOS order, so a name is found (or its place) by bisection:
 * configurations with thousands of interfaces load in linear-logarithmic time. */
static size_t iface_lower_bound(const struct config_store *cs, const char *name)
{
    /* Interfaces are mostly made in order (a configuration is written so): after the last. */
    if (cs->nifs == 0 || iface_cmp(cs->ifs[cs->nifs - 1].name, name) < 0)
        return cs->nifs;
    size_t lo = 0, hi = cs->nifs;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (iface_cmp(cs->ifs[mid].name, name) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* ---- if_names (struct if_names) ---- */

static uint32_t name_hash(const char *s)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

/* The slot that holds the interface of this name, or the empty one that ends its probe. */
static size_t names_probe(const struct config_store *cs, const char *name, uint32_t h)
{
    const struct if_names *x = &cs->if_names;
    size_t mask = x->cap - 1, i = h & mask;
    while (x->slot[i].pos &&
           (x->slot[i].hash != h || strcmp(cs->ifs[x->slot[i].pos - 1].name, name) != 0))
        i = (i + 1) & mask;
    return i;
}

static void names_put(struct config_store *cs, size_t pos)
{
    uint32_t h = name_hash(cs->ifs[pos].name);
    size_t i = names_probe(cs, cs->ifs[pos].name, h);
    cs->if_names.slot[i] = (struct if_slot){(uint32_t)pos + 1, h};
}

/* Room for one more at most three quarters full: every interface put again when it grows. */
static void names_room(struct config_store *cs)
{
    struct if_names *x = &cs->if_names;
    if ((x->used + 1) * 4 <= x->cap * 3)
        return;
    free(x->slot);
    x->cap = x->cap ? x->cap * 2 : 16;
    x->slot = xcalloc(x->cap, sizeof *x->slot);
    x->used = 0;
    for (size_t i = 0; i < cs->nifs; i++)
        names_put(cs, i);
    x->used = cs->nifs;
}

/* The interfaces at from and after moved by delta (one place, either way). */
static void names_shift(struct config_store *cs, size_t from, int delta)
{
    struct if_names *x = &cs->if_names;
    for (size_t i = 0; i < x->cap; i++)
        if (x->slot[i].pos > from)
            x->slot[i].pos = (uint32_t)((int)x->slot[i].pos + delta);
}

/* Takes the slot out, moving back the ones after it whose probe passed it (no tombstones). */
static void names_remove(struct config_store *cs, size_t i)
{
    struct if_names *x = &cs->if_names;
    size_t mask = x->cap - 1;
    for (size_t j = (i + 1) & mask; x->slot[j].pos; j = (j + 1) & mask) {
        size_t home = x->slot[j].hash & mask;
        /* j's entry may move to i when i lies on its probe from home to j. */
        bool on_probe = i <= j ? home <= i || home > j : home <= i && home > j;
        if (on_probe) {
            x->slot[i] = x->slot[j];
            i = j;
        }
    }
    x->slot[i] = (struct if_slot){0, 0};
    x->used--;
}

/* By the name as stored (what a sub-mode's lines and the data model use), else by IOS order: a
 * name spelled otherwise ("loopback0", "Loopback00") is the same interface. Names are unique in
 * IOS order, so both find the same one. */
static size_t iface_at(const struct config_store *cs, const char *name, bool *found)
{
    if (cs->if_names.cap) {
        size_t i = names_probe(cs, name, name_hash(name));
        if (cs->if_names.slot[i].pos) {
            *found = true;
            return cs->if_names.slot[i].pos - 1;
        }
    }
    size_t at = iface_lower_bound(cs, name);
    *found = at < cs->nifs && iface_cmp(cs->ifs[at].name, name) == 0;
    return at;
}

struct iface *config_iface_find(struct config_store *cs, const char *name)
{
    bool found;
    size_t at = iface_at(cs, name, &found);
    return found ? &cs->ifs[at] : NULL;
}

struct iface *config_iface_get(struct config_store *cs, const char *name)
{
    bool found;
    size_t at = iface_at(cs, name, &found);
    if (found)
        return &cs->ifs[at];
    names_room(cs);
    cs->ifs = xgrow(cs->ifs, &cs->capifs, cs->nifs + 1, sizeof *cs->ifs);
    memmove(&cs->ifs[at + 1], &cs->ifs[at], (cs->nifs - at) * sizeof *cs->ifs);
    if (at < cs->nifs) { /* those after it moved (not when it comes last, as mostly) */
        names_shift(cs, at, +1);
        config_subnets_moved(cs, at, +1);
    }
    cs->nifs++;
    struct iface *f = &cs->ifs[at];
    memset(f, 0, sizeof *f);
    memcpy(f->name, name, strnlen(name, sizeof f->name - 1)); /* snprintf's "%s", cheaper */
    f->cwmp_wan = iface_is_atm(name);
    names_put(cs, at);
    cs->if_names.used++;
    return f;
}

void config_iface_delete(struct config_store *cs, const char *name)
{
    struct iface *f = config_iface_find(cs, name);
    if (!f)
        return;
    size_t at = (size_t)(f - cs->ifs);
    if (f->cwmp_wan_default)
        cs->wan_default[0] = '\0';
    config_iface_set_mode(cs, f, IF_ADDR_NONE); /* out of the subnets' index */
    names_remove(cs, names_probe(cs, f->name, name_hash(f->name)));
    iface_free(f);
    memmove(&cs->ifs[at], &cs->ifs[at + 1], (cs->nifs - at - 1) * sizeof *cs->ifs);
    cs->nifs--;
    if (at < cs->nifs) {
        names_shift(cs, at + 1, -1);
        config_subnets_moved(cs, at + 1, -1);
    }
}

bool config_if_names_valid(const struct config_store *cs)
{
    const struct if_names *x = &cs->if_names;
    size_t used = 0;
    for (size_t i = 0; i < x->cap; i++) {
        uint32_t pos = x->slot[i].pos;
        if (!pos)
            continue;
        used++;
        if (pos > cs->nifs || x->slot[i].hash != name_hash(cs->ifs[pos - 1].name))
            return false;
    }
    if (used != cs->nifs || x->used != cs->nifs || (cs->nifs && x->used * 4 > x->cap * 3))
        return false;
    for (size_t i = 0; i < cs->nifs; i++) {
        size_t at = names_probe(cs, cs->ifs[i].name, name_hash(cs->ifs[i].name));
        if (x->slot[at].pos != i + 1)
            return false;
    }
    return true;
}

void config_wan_set_default(struct config_store *cs, struct iface *f)
{
    struct iface *old = cs->wan_default[0] ? config_iface_find(cs, cs->wan_default) : NULL;
    if (old)
        old->cwmp_wan_default = false; /* the previous default stays a WAN interface */
    f->cwmp_wan_default = true;
    snprintf(cs->wan_default, sizeof cs->wan_default, "%s", f->name);
}

void config_wan_clear_default(struct config_store *cs, struct iface *f)
{
    if (f->cwmp_wan_default)
        cs->wan_default[0] = '\0';
    f->cwmp_wan_default = false;
}

struct dhcp_pool *config_pool_find(struct config_store *cs, const char *name)
{
    for (size_t i = 0; i < cs->npools; i++)
        if (!strcmp(cs->pools[i].name, name))
            return &cs->pools[i];
    return NULL;
}

struct dhcp_pool *config_pool_get(struct config_store *cs, const char *name)
{
    struct dhcp_pool *p = config_pool_find(cs, name);
    if (p)
        return p;
    cs->pools = xgrow(cs->pools, &cs->cappools, cs->npools + 1, sizeof *cs->pools);
    p = &cs->pools[cs->npools++];
    memset(p, 0, sizeof *p);
    p->name = xstrdup(name);
    return p;
}

void config_pool_delete(struct config_store *cs, const char *name)
{
    struct dhcp_pool *p = config_pool_find(cs, name);
    if (!p)
        return;
    size_t at = (size_t)(p - cs->pools);
    pool_free(p);
    memmove(&cs->pools[at], &cs->pools[at + 1], (cs->npools - at - 1) * sizeof *cs->pools);
    cs->npools--;
}
