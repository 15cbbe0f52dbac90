/* InternetGatewayDevice.ManagementServer: the `cwmp agent` settings, and the CWMP state. */
#include <string.h>

#include "cwmp_agent.h"
#include "dm_util.h"
#include "http_url.h"

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
    dm_put_str(out, ms(c)->url);
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
    dm_put_time(out, ms(c)->periodic_time);
    return 0;
}

static int set_periodic_time(struct dm_ctx *c, const struct dm_inst *in, const char *v)
{
    (void)in;
    long long t;
    if (!soap_parse_datetime(v, &t))
        return 9007;
    ms(c)->periodic_time = t;
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
    cwmp_connection_request_url(c->agent, c->store, out);
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
    sb_printf(out, "%u", ms(c)->retry_wait);
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
    sb_printf(out, "%u", ms(c)->retry_multiplier);
    return 0;
}

static int set_retry_multiplier(struct dm_ctx *c, const struct dm_inst *in, const char *v)
{
    (void)in;
    ms(c)->retry_multiplier = (unsigned)dm_ulong(v);
    return 0;
}

#define MS "InternetGatewayDevice.ManagementServer."

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
     .get = dm_get_zero,
     .source = "DHCP option 125 (not learnt in this version)"},
};
const size_t dm_mgmt_def_count = sizeof dm_mgmt_defs / sizeof dm_mgmt_defs[0];
