/* InternetGatewayDevice.ManagementServer: the `cwmp agent` settings, and the CWMP state. */
#include <string.h>

#include "configuration.h"
#include "connreq.h"
#include "dm_util.h"
#include "http_url.h"
#include "lan.h"

/* The numbers a walk of the LANDevice and Host tables would give, given in the same order (the
 * lists' order) before any is asked for: the paths do not depend on which the ACS read first. */
static void number_in_list_order(struct dm_ctx *c)
{
    const struct lease_table *t = c->agent->leases;
    for (size_t i = 0; i < c->store->nifs; i++) {
        const struct iface *f = &c->store->ifs[i];
        if (f->cwmp_wan)
            continue;
        unsigned lan = cwmp_instance_number(c->state, DM_ROOT "LANDevice.", f->name);
        struct strbuf table = STRBUF_INIT;
        sb_printf(&table, DM_ROOT "LANDevice.%u.Hosts.Host.", lan);
        for (size_t j = 0; j < t->n; j++) {
            if (!lease_bound(&t->v[j]) || strcmp(t->v[j].ifname, f->name) != 0)
                continue;
            char mac[18];
            mac_format(t->v[j].mac, mac);
            cwmp_instance_number(c->state, sb_str(&table), mac);
        }
        sb_free(&table);
    }
}

/* ManageableDevice.{i}.Host: the paths of the Hosts entries of the device's leases,
 * comma-separated. */
#define HOST_LIST_MAX 1024 /* as TR-098 limits it */
static void host_paths(struct dm_ctx *c, const struct tr111_identity *id, struct strbuf *out)
{
    const struct lease_table *t = c->agent->leases;
    size_t start = out->len; /* out may hold other values before this one */
    number_in_list_order(c);
    for (size_t i = 0; i < t->n; i++) {
        const struct lease *l = &t->v[i];
        if (!tr111_manageable(l) || !tr111_same_identity(&l->id, id) || !l->ifname[0])
            continue;
        const struct iface *ifc = config_iface_find(c->store, l->ifname);
        if (!ifc || ifc->cwmp_wan)
            continue;
        char mac[18];
        mac_format(l->mac, mac);
        unsigned lan = cwmp_instance_number(c->state, DM_ROOT "LANDevice.", l->ifname);
        struct strbuf table = STRBUF_INIT, path = STRBUF_INIT;
        sb_printf(&table, DM_ROOT "LANDevice.%u.Hosts.Host.", lan);
        unsigned host = cwmp_instance_number(c->state, sb_str(&table), mac);
        sb_printf(&path, "%s%s%u", out->len > start ? "," : "", sb_str(&table), host);
        if (out->len - start + path.len <= HOST_LIST_MAX)
            sb_append(out, path.buf, path.len);
        sb_free(&table);
        sb_free(&path);
    }
}

static struct cwmp_settings *ms(struct dm_ctx *c)
{
    return &c->store->cwmp;
}

static int get_enable(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)in;
    dm_put_bool(out, ms(c)->enable);
    return 0;
}

static int set_enable(struct dm_ctx *c, const struct dm_inst *in, const char *v)
{
    (void)in;
    ms(c)->enable = dm_bool(v);
    return 0;
}

static int get_url(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)in;
    dm_put_str(out, cwmp_acs_url(c->agent, c->store));
    return 0;
}

static int set_url(struct dm_ctx *c, const struct dm_inst *in, const char *v)
{
    (void)in;
    struct http_url u;
    const char *why;
    if (*v && http_url_parse(v, &u, &why) < 0)
        return 9007;
    str_set(&ms(c)->url, *v ? v : NULL);
    return 0;
}

static int get_username(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)in;
    cwmp_acs_username(c->agent, c->store, out);
    return 0;
}

static int set_username(struct dm_ctx *c, const struct dm_inst *in, const char *v)
{
    (void)in;
    str_set(&ms(c)->username, *v ? v : NULL);
    return 0;
}

static int set_password(struct dm_ctx *c, const struct dm_inst *in, const char *v)
{
    (void)in;
    if (*v)
        password_set(&ms(c)->acs_password, v, NULL);
    else
        password_clear(&ms(c)->acs_password);
    if (c->store->password_encryption)
        password_hide(&ms(c)->acs_password);
    return 0;
}

static int get_periodic_enable(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)in;
    dm_put_bool(out, ms(c)->periodic_enable);
    return 0;
}

static int set_periodic_enable(struct dm_ctx *c, const struct dm_inst *in, const char *v)
{
    (void)in;
    ms(c)->periodic_enable = dm_bool(v);
    return 0;
}

static int get_periodic_interval(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)in;
    sb_printf(out, "%lu", ms(c)->periodic_interval);
    return 0;
}

static int set_periodic_interval(struct dm_ctx *c, const struct dm_inst *in, const char *v)
{
    (void)in;
    ms(c)->periodic_interval = dm_ulong(v);
    return 0;
}

static int get_periodic_time(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)in;
    char t[XSD_DATETIME_LEN];
    xsd_datetime_frac(ms(c)->periodic_time, ms(c)->periodic_time_frac, t);
    sb_puts(out, t);
    return 0;
}

static int set_periodic_time(struct dm_ctx *c, const struct dm_inst *in, const char *v)
{
    (void)in;
    long long t;
    char frac[XSD_FRAC_MAX + 1];
    if (!xsd_parse_datetime_frac(v, &t, frac))
        return 9007;
    ms(c)->periodic_time = t;
    memcpy(ms(c)->periodic_time_frac, frac, sizeof frac);
    return 0;
}

static int get_parameter_key(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)in;
    sb_puts(out, c->state->parameter_key);
    return 0;
}

static int get_cr_url(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)in;
    cr_server_url(c->agent, c->store, out);
    return 0;
}

static int get_cr_username(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)in;
    dm_put_str(out, ms(c)->cr_username);
    return 0;
}

static int set_cr_username(struct dm_ctx *c, const struct dm_inst *in, const char *v)
{
    (void)in;
    str_set(&ms(c)->cr_username, *v ? v : NULL);
    return 0;
}

static int set_cr_password(struct dm_ctx *c, const struct dm_inst *in, const char *v)
{
    (void)in;
    if (*v)
        password_set(&ms(c)->cr_password, v, NULL);
    else
        password_clear(&ms(c)->cr_password);
    if (c->store->password_encryption)
        password_hide(&ms(c)->cr_password);
    return 0;
}

static int get_upgrades(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)in;
    dm_put_bool(out, ms(c)->upgrades_managed);
    return 0;
}

static int set_upgrades(struct dm_ctx *c, const struct dm_inst *in, const char *v)
{
    (void)in;
    ms(c)->upgrades_managed = dm_bool(v);
    return 0;
}

static int get_throttle(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)in;
    sb_printf(out, "%lu", ms(c)->notification_throttle);
    return 0;
}

static int set_throttle(struct dm_ctx *c, const struct dm_inst *in, const char *v)
{
    (void)in;
    ms(c)->notification_throttle = dm_ulong(v);
    return 0;
}

static int get_retry_wait(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)in;
    sb_printf(out, "%u", cwmp_retry_wait_in_use(c->agent, c->store));
    return 0;
}

static int set_retry_wait(struct dm_ctx *c, const struct dm_inst *in, const char *v)
{
    (void)in;
    ms(c)->retry_wait = (unsigned)dm_ulong(v);
    return 0;
}

static int get_retry_multiplier(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)in;
    sb_printf(out, "%u", cwmp_retry_multiplier_in_use(c->agent, c->store));
    return 0;
}

static int set_retry_multiplier(struct dm_ctx *c, const struct dm_inst *in, const char *v)
{
    (void)in;
    ms(c)->retry_multiplier = (unsigned)dm_ulong(v);
    return 0;
}

/* ManageableDevice: one instance per identity (OUI, serial, class: TR-098's unique key) among
 * the bound leases that came with one; a device with several leases (two interfaces, two MACs) is
 * one instance whose Host lists each. */
static void list_devices(struct dm_ctx *c, const struct dm_inst *parent, struct dm_list *out)
{
    (void)parent;
    struct strbuf key = STRBUF_INIT;
    for (size_t i = 0; i < c->agent->leases->n; i++) {
        struct lease *l = &c->agent->leases->v[i];
        if (!tr111_manageable(l))
            continue;
        sb_reset(&key);
        tr111_identity_key(&l->id, &key);
        bool seen = false;
        for (size_t j = 0; j < out->n && !seen; j++)
            seen = !strcmp(out->v[j].key, sb_str(&key));
        if (!seen)
            dm_list_add(out, sb_str(&key), l);
    }
    sb_free(&key);
}

static int get_md_count(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    struct dm_list l = {0};
    list_devices(c, in, &l);
    sb_printf(out, "%zu", l.n);
    dm_list_free(&l);
    return 0;
}

static unsigned long md_notify_limit(struct dm_ctx *c)
{
    return ms(c)->manageable_notify_limit;
}

static int get_md_limit(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)in;
    sb_printf(out, "%lu", ms(c)->manageable_notify_limit);
    return 0;
}

static int set_md_limit(struct dm_ctx *c, const struct dm_inst *in, const char *v)
{
    (void)in;
    ms(c)->manageable_notify_limit = dm_ulong(v);
    return 0;
}

static const struct lease *md(const struct dm_inst *in)
{
    return in->obj[in->depth - 1];
}

static int get_md_oui(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)c;
    sb_puts(out, md(in)->id.oui);
    return 0;
}

static int get_md_serial(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)c;
    sb_puts(out, md(in)->id.serial);
    return 0;
}

static int get_md_class(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)c;
    sb_puts(out, md(in)->id.product_class);
    return 0;
}

static int get_md_host(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    host_paths(c, &md(in)->id, out);
    return 0;
}

static int get_stun_enable(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)in;
    dm_put_bool(out, ms(c)->stun_enable);
    return 0;
}

static int set_stun_enable(struct dm_ctx *c, const struct dm_inst *in, const char *v)
{
    (void)in;
    ms(c)->stun_enable = dm_bool(v);
    return 0;
}

static int get_stun_server(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)in;
    dm_put_str(out, ms(c)->stun_server);
    return 0;
}

static int set_stun_server(struct dm_ctx *c, const struct dm_inst *in, const char *v)
{
    (void)in;
    /* one word, as `stun server` takes it, so that running-config can say it */
    if (strpbrk(v, " \t\r\n"))
        return 9007;
    str_set(&ms(c)->stun_server, *v ? v : NULL);
    return 0;
}

static int get_stun_port(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)in;
    sb_printf(out, "%u", ms(c)->stun_port);
    return 0;
}

static int set_stun_port(struct dm_ctx *c, const struct dm_inst *in, const char *v)
{
    (void)in;
    ms(c)->stun_port = (unsigned)dm_ulong(v);
    return 0;
}

static int get_stun_username(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)in;
    dm_put_str(out, ms(c)->stun_username);
    return 0;
}

static int set_stun_username(struct dm_ctx *c, const struct dm_inst *in, const char *v)
{
    (void)in;
    if (strpbrk(v, " \t\r\n"))
        return 9007;
    str_set(&ms(c)->stun_username, *v ? v : NULL);
    return 0;
}

static int set_stun_password(struct dm_ctx *c, const struct dm_inst *in, const char *v)
{
    (void)in;
    if (strpbrk(v, " \t\r\n"))
        return 9007;
    if (*v)
        password_set(&ms(c)->stun_password, v, NULL);
    else
        password_clear(&ms(c)->stun_password);
    if (c->store->password_encryption)
        password_hide(&ms(c)->stun_password);
    return 0;
}

static int get_stun_max(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)in;
    sb_printf(out, "%ld", ms(c)->stun_max_keepalive);
    return 0;
}

static int set_stun_max(struct dm_ctx *c, const struct dm_inst *in, const char *v)
{
    (void)in;
    ms(c)->stun_max_keepalive = strtol(v, NULL, 10);
    return 0;
}

static int get_stun_min(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)in;
    sb_printf(out, "%lu", ms(c)->stun_min_keepalive);
    return 0;
}

static int set_stun_min(struct dm_ctx *c, const struct dm_inst *in, const char *v)
{
    (void)in;
    ms(c)->stun_min_keepalive = dm_ulong(v);
    return 0;
}

static int get_nat_detected(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)in;
    dm_put_bool(out, stun_client_nat_detected(c->agent->stun, c->store));
    return 0;
}

static int get_udp_cr_address(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)in;
    stun_client_udp_address(c->agent, c->store, out);
    return 0;
}

static unsigned long udp_cr_notify_limit(struct dm_ctx *c)
{
    return ms(c)->udp_cr_notify_limit;
}

static int get_udp_cr_limit(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)in;
    sb_printf(out, "%lu", ms(c)->udp_cr_notify_limit);
    return 0;
}

static int set_udp_cr_limit(struct dm_ctx *c, const struct dm_inst *in, const char *v)
{
    (void)in;
    ms(c)->udp_cr_notify_limit = dm_ulong(v);
    return 0;
}

#define MS        "InternetGatewayDevice.ManagementServer."
#define MD        MS "ManageableDevice."
#define MD_SOURCE "DHCP option 125 of a LAN device (snooped, or cwmp lease add)"

const struct dm_def dm_mgmt_defs[] = {
    DM_OBJECT(MS, "cwmp agent"),
    {.path = MS "EnableCWMP",
     .type = DMT_BOOL,
     .flags = DMF_WRITABLE,
     .get = get_enable,
     .set = set_enable,
     .source = "cwmp agent: enable"},
    {.path = MS "URL",
     .type = DMT_STRING,
     .flags = DMF_WRITABLE,
     .max = 256,
     .get = get_url,
     .set = set_url,
     .source = "cwmp agent: management server url"},
    {.path = MS "Username",
     .type = DMT_STRING,
     .flags = DMF_WRITABLE,
     .max = 256,
     .get = get_username,
     .set = set_username,
     .source = "cwmp agent: management server username (default OUI-SerialNumber)"},
    {.path = MS "Password",
     .type = DMT_STRING,
     .flags = DMF_WRITABLE | DMF_HIDDEN,
     .max = 256,
     .get = dm_get_empty,
     .set = set_password,
     .source = "cwmp agent: management server password"},
    {.path = MS "PeriodicInformEnable",
     .type = DMT_BOOL,
     .flags = DMF_WRITABLE,
     .get = get_periodic_enable,
     .set = set_periodic_enable,
     .source = "cwmp agent: periodic inform"},
    {.path = MS "PeriodicInformInterval",
     .type = DMT_UINT,
     .flags = DMF_WRITABLE,
     .min = 1,
     .max = 4294967295LL,
     .get = get_periodic_interval,
     .set = set_periodic_interval,
     .source = "cwmp agent: periodic inform interval"},
    {.path = MS "PeriodicInformTime",
     .type = DMT_DATETIME,
     .flags = DMF_WRITABLE,
     .get = get_periodic_time,
     .set = set_periodic_time,
     .source = "cwmp agent: periodic inform time"},
    {.path = MS "ParameterKey",
     .type = DMT_STRING,
     .flags = DMF_FORCED,
     .active = DM_NOTIFY_CANDENY,
     .max = 32,
     .get = get_parameter_key,
     .source = "CWMP state: the key of the last successful Set/Add/Delete"},
    {.path = MS "ConnectionRequestURL",
     .type = DMT_STRING,
     .flags = DMF_FORCED,
     .active = DM_NOTIFY_FORCE_DEFAULT,
     .notify = 2,
     .max = 256,
     .get = get_cr_url,
     .source = "where the connection-request server listens (ip http server): the cwmp wan "
               "default interface's address, port 7547, a random path"},
    {.path = MS "ConnectionRequestUsername",
     .type = DMT_STRING,
     .flags = DMF_WRITABLE,
     .max = 256,
     .get = get_cr_username,
     .set = set_cr_username,
     .source = "cwmp agent: connection request username"},
    {.path = MS "ConnectionRequestPassword",
     .type = DMT_STRING,
     .flags = DMF_WRITABLE | DMF_HIDDEN,
     .max = 256,
     .get = dm_get_empty,
     .set = set_cr_password,
     .source = "cwmp agent: connection request password"},
    {.path = MS "UpgradesManaged",
     .type = DMT_BOOL,
     .flags = DMF_WRITABLE,
     .get = get_upgrades,
     .set = set_upgrades,
     .source = "cwmp agent: upgrades managed"},
    {.path = MS "DefaultActiveNotificationThrottle",
     .type = DMT_UINT,
     .flags = DMF_WRITABLE,
     .get = get_throttle,
     .set = set_throttle,
     .source = "cwmp agent: parameter change notify throttle"},
    {.path = MS "CWMPRetryMinimumWaitInterval",
     .type = DMT_UINT,
     .flags = DMF_WRITABLE,
     .min = 1,
     .max = 65535,
     .get = get_retry_wait,
     .set = set_retry_wait,
     .source = "cwmp agent: session retry wait"},
    {.path = MS "CWMPRetryIntervalMultiplier",
     .type = DMT_UINT,
     .flags = DMF_WRITABLE,
     .min = 1000,
     .max = 65535,
     .get = get_retry_multiplier,
     .set = set_retry_multiplier,
     .source = "cwmp agent: session retry multiplier"},
    {.path = MS "ManageableDeviceNumberOfEntries",
     .type = DMT_UINT,
     .get = get_md_count,
     .notify_limit = md_notify_limit,
     .source = "live: devices that gave their identity in DHCP option 125, with a valid lease"},
    {.path = MS "ManageableDeviceNotificationLimit",
     .type = DMT_UINT,
     .flags = DMF_WRITABLE,
     .get = get_md_limit,
     .set = set_md_limit,
     .source = "cwmp agent: manageable-device notification limit"},
    {.path = MS "UDPConnectionRequestAddress",
     .type = DMT_STRING,
     .max = 256,
     .get = get_udp_cr_address,
     .notify_limit = udp_cr_notify_limit,
     .source = "live: the public host:port STUN learnt (stun), else the connection-request "
               "server's address and port"},
    {.path = MS "UDPConnectionRequestAddressNotificationLimit",
     .type = DMT_UINT,
     .flags = DMF_WRITABLE,
     .get = get_udp_cr_limit,
     .set = set_udp_cr_limit,
     .source = "cwmp agent: connection request udp notification limit"},
    {.path = MS "STUNEnable",
     .type = DMT_BOOL,
     .flags = DMF_WRITABLE,
     .get = get_stun_enable,
     .set = set_stun_enable,
     .source = "cwmp agent: stun"},
    {.path = MS "STUNServerAddress",
     .type = DMT_STRING,
     .flags = DMF_WRITABLE,
     .max = 256,
     .get = get_stun_server,
     .set = set_stun_server,
     .source = "cwmp agent: stun server (empty: the ACS URL's host)"},
    {.path = MS "STUNServerPort",
     .type = DMT_UINT,
     .flags = DMF_WRITABLE,
     .min = 0,
     .max = 65535,
     .get = get_stun_port,
     .set = set_stun_port,
     .source = "cwmp agent: stun port"},
    {.path = MS "STUNUsername",
     .type = DMT_STRING,
     .flags = DMF_WRITABLE,
     .max = 256,
     .get = get_stun_username,
     .set = set_stun_username,
     .source = "cwmp agent: stun username"},
    {.path = MS "STUNPassword",
     .type = DMT_STRING,
     .flags = DMF_WRITABLE | DMF_HIDDEN,
     .max = 256,
     .get = dm_get_empty,
     .set = set_stun_password,
     .source = "cwmp agent: stun password"},
    {.path = MS "STUNMaximumKeepAlivePeriod",
     .type = DMT_INT,
     .flags = DMF_WRITABLE,
     .min = -1,
     .max = 2147483647LL,
     .get = get_stun_max,
     .set = set_stun_max,
     .source = "cwmp agent: stun keepalive maximum (-1: none)"},
    {.path = MS "STUNMinimumKeepAlivePeriod",
     .type = DMT_UINT,
     .flags = DMF_WRITABLE,
     .get = get_stun_min,
     .set = set_stun_min,
     .source = "cwmp agent: stun keepalive minimum"},
    {.path = MS "NATDetected",
     .type = DMT_BOOL,
     .get = get_nat_detected,
     .source = "live: the last Binding Response's mapped address differs from the local one"},
    DM_TABLE(MD, list_devices, MD_SOURCE),
    DM_OBJECT(MD "{i}.", MD_SOURCE),
    {.path = MD "{i}.ManufacturerOUI",
     .type = DMT_STRING,
     .active = DM_NOTIFY_CANDENY,
     .max = 6,
     .get = get_md_oui,
     .source = "option 125, sub-option 1"},
    {.path = MD "{i}.SerialNumber",
     .type = DMT_STRING,
     .active = DM_NOTIFY_CANDENY,
     .max = 64,
     .get = get_md_serial,
     .source = "option 125, sub-option 2"},
    {.path = MD "{i}.ProductClass",
     .type = DMT_STRING,
     .active = DM_NOTIFY_CANDENY,
     .max = 64,
     .get = get_md_class,
     .source = "option 125, sub-option 3"},
    {.path = MD "{i}.Host",
     .type = DMT_STRING,
     .max = 1024,
     .get = get_md_host,
     .source = "the LANDevice.{i}.Hosts.Host.{i} entries of its leases"},
};
const size_t dm_mgmt_def_count = sizeof dm_mgmt_defs / sizeof dm_mgmt_defs[0];
