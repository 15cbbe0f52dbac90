/* InternetGatewayDevice's own parameters and DeviceInfo. */
#include <string.h>

#include "configuration.h"
#include "core.h"
#include "dm_util.h"
#include "platform.h"

static const struct device_identity *id_of(struct dm_ctx *c)
{
    return &c->agent->id;
}

/* The profiles DeviceSummary names: only those whose every required item TR-098 lists is in
 * the tree with the access it asks (check_dm.c derives that from TR-098's profile tables, so a
 * claim cannot drift from the tree). Baseline:1 is not among them: it asks AddObject and
 * DeleteObject of WANIPConnection, WANPPPConnection and Layer3Forwarding.Forwarding, and
 * PPP credentials, which cwmpd does not have. A new profile is one more entry. */
const char *const dm_profiles[] = {
    "EthernetLAN:1", "EthernetWAN:1", "Time:1",   "IPPing:1",    "TraceRoute:1",
    "Download:1",    "DownloadTCP:1", "Upload:1", "UploadTCP:1", NULL,
};

static int get_summary(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)c;
    (void)in;
    sb_puts(out, "InternetGatewayDevice:1.4[](");
    for (size_t i = 0; dm_profiles[i]; i++)
        sb_printf(out, "%s%s", i ? ", " : "", dm_profiles[i]);
    sb_putc(out, ')');
    return 0;
}

/* LANConfigSecurity.ConfigPassword is the enable secret: written as IOS type 9, read back empty
 * (TR-098 hides it). An empty password is refused: it would be `no enable secret`, leaving
 * privileged mode open, which no ACS should do by clearing a field. */
static int set_config_password(struct dm_ctx *c, const struct dm_inst *in, const char *v)
{
    (void)in;
    char hash[TYPE9_LEN + 1];
    if (!*v || type9_hash(v, hash, sizeof hash) != 0)
        return 9007;
    str_set(&c->store->enable_secret, hash);
    return 0;
}

/* Counts of LAN and WAN interfaces: the same split the LANDevice and WANDevice tables make. */
static int get_lan_count(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)in;
    unsigned n = 0;
    for (size_t i = 0; i < c->store->nifs; i++)
        n += !c->store->ifs[i].cwmp_wan;
    sb_printf(out, "%u", n);
    return 0;
}

static int get_wan_count(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)in;
    unsigned n = 0;
    for (size_t i = 0; i < c->store->nifs; i++)
        n += c->store->ifs[i].cwmp_wan;
    sb_printf(out, "%u", n);
    return 0;
}

#define IDENTITY_GETTER(fn, field)                                                                 \
    static int fn(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)                  \
    {                                                                                              \
        (void)in;                                                                                  \
        sb_puts(out, id_of(c)->field);                                                             \
        return 0;                                                                                  \
    }
IDENTITY_GETTER(get_manufacturer, manufacturer)
IDENTITY_GETTER(get_oui, oui)
IDENTITY_GETTER(get_model, model)
IDENTITY_GETTER(get_description, description)
IDENTITY_GETTER(get_product_class, product_class)
IDENTITY_GETTER(get_serial, serial)
IDENTITY_GETTER(get_hardware, hardware_version)
IDENTITY_GETTER(get_software, software_version)

static int get_spec(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)c;
    (void)in;
    sb_puts(out, "1.0");
    return 0;
}

static int get_provisioning(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)in;
    dm_put_str(out, cwmp_provisioning_code(c->agent, c->store));
    return 0;
}

static int set_provisioning(struct dm_ctx *c, const struct dm_inst *in, const char *v)
{
    (void)in;
    str_set(&c->store->cwmp.provision_code, *v ? v : NULL);
    return 0;
}

static int get_uptime(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)c;
    (void)in;
    sb_printf(out, "%llu", (unsigned long long)platform_uptime());
    return 0;
}

/* DeviceLog is string(32768): the newest whole messages of the logging buffer that fit. */
#define DEVICE_LOG_MAX 32768u

static int get_device_log(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)in;
    struct strbuf text = STRBUF_INIT;
    log_buffer_text(c->agent, &text);
    size_t start = 0;
    if (text.len > DEVICE_LOG_MAX) {
        start = text.len - DEVICE_LOG_MAX;
        const char *nl = memchr(text.buf + start - 1, '\n', text.len - start + 1);
        start = nl ? (size_t)(nl - text.buf) + 1 : text.len;
    }
    if (text.len > start) /* an empty buffer has no memory at all */
        sb_append(out, text.buf + start, text.len - start);
    sb_free(&text);
    return 0;
}

const struct dm_def dm_device_defs[] = {
    {.path = "InternetGatewayDevice.LANDeviceNumberOfEntries",
     .type = DMT_UINT,
     .get = get_lan_count,
     .source = "interfaces without cwmp wan"},
    {.path = "InternetGatewayDevice.WANDeviceNumberOfEntries",
     .type = DMT_UINT,
     .get = get_wan_count,
     .source = "interfaces with cwmp wan"},
    {.path = "InternetGatewayDevice.DeviceSummary",
     .type = DMT_STRING,
     .flags = DMF_FORCED,
     .max = 1024,
     .get = get_summary,
     .source = "fixed: the profiles cwmpd implements"},
    DM_OBJECT("InternetGatewayDevice.DeviceInfo.", "device identity and state"),
    {.path = "InternetGatewayDevice.DeviceInfo.Manufacturer",
     .type = DMT_STRING,
     .max = 64,
     .get = get_manufacturer,
     .source = "device-info file: Manufacturer"},
    {.path = "InternetGatewayDevice.DeviceInfo.ManufacturerOUI",
     .type = DMT_STRING,
     .max = 6,
     .get = get_oui,
     .source = "device-info file: ManufacturerOUI (default: the first MAC's)"},
    {.path = "InternetGatewayDevice.DeviceInfo.ModelName",
     .type = DMT_STRING,
     .max = 64,
     .get = get_model,
     .source = "device-info file: ModelName"},
    {.path = "InternetGatewayDevice.DeviceInfo.Description",
     .type = DMT_STRING,
     .max = 256,
     .get = get_description,
     .source = "device-info file: Description"},
    {.path = "InternetGatewayDevice.DeviceInfo.ProductClass",
     .type = DMT_STRING,
     .max = 64,
     .get = get_product_class,
     .source = "device-info file: ProductClass"},
    {.path = "InternetGatewayDevice.DeviceInfo.SerialNumber",
     .type = DMT_STRING,
     .max = 64,
     .get = get_serial,
     .source = "device-info file: SerialNumber (default: the first MAC)"},
    {.path = "InternetGatewayDevice.DeviceInfo.HardwareVersion",
     .type = DMT_STRING,
     .flags = DMF_FORCED,
     .max = 64,
     .get = get_hardware,
     .source = "device-info file: HardwareVersion (default: the machine type)"},
    {.path = "InternetGatewayDevice.DeviceInfo.SoftwareVersion",
     .type = DMT_STRING,
     .flags = DMF_FORCED,
     .active = DM_NOTIFY_FORCED,
     .notify = 2,
     .max = 64,
     .get = get_software,
     .source = "show version: the cwmpd version"},
    {.path = "InternetGatewayDevice.DeviceInfo.AdditionalHardwareVersion",
     .type = DMT_STRING,
     .max = 64,
     .get = dm_get_empty,
     .source = "none"},
    {.path = "InternetGatewayDevice.DeviceInfo.ModemFirmwareVersion",
     .type = DMT_STRING,
     .max = 64,
     .get = dm_get_empty,
     .source = "none: no modem (empty)"},
    {.path = "InternetGatewayDevice.DeviceInfo.AdditionalSoftwareVersion",
     .type = DMT_STRING,
     .max = 64,
     .get = dm_get_empty,
     .source = "none"},
    {.path = "InternetGatewayDevice.DeviceInfo.SpecVersion",
     .type = DMT_STRING,
     .flags = DMF_FORCED,
     .max = 16,
     .get = get_spec,
     .source = "fixed: 1.0"},
    {.path = "InternetGatewayDevice.DeviceInfo.ProvisioningCode",
     .type = DMT_STRING,
     .flags = DMF_WRITABLE | DMF_FORCED,
     .active = DM_NOTIFY_FORCED,
     .notify = 2,
     .max = 64,
     .get = get_provisioning,
     .set = set_provisioning,
     .source = "cwmp agent: provision code"},
    {.path = "InternetGatewayDevice.DeviceInfo.UpTime",
     .type = DMT_UINT,
     .active = DM_NOTIFY_CANDENY,
     .get = get_uptime,
     .source = "live: /proc/uptime"},
    {.path = "InternetGatewayDevice.DeviceInfo.DeviceLog",
     .type = DMT_STRING,
     .active = DM_NOTIFY_CANDENY,
     .max = DEVICE_LOG_MAX,
     .get = get_device_log,
     .source = "the logging buffer (show logging)"},
    {.path = "InternetGatewayDevice.DeviceInfo.VendorConfigFileNumberOfEntries",
     .type = DMT_UINT,
     .get = dm_get_zero,
     .source = "none"},
    DM_OBJECT("InternetGatewayDevice.LANConfigSecurity.", "enable secret"),
    {.path = "InternetGatewayDevice.LANConfigSecurity.ConfigPassword",
     .type = DMT_STRING,
     .flags = DMF_WRITABLE | DMF_HIDDEN,
     .max = 64,
     .get = dm_get_empty,
     .set = set_config_password,
     .source = "enable secret (written as type 9, reads empty)"},
};
const size_t dm_device_def_count = sizeof dm_device_defs / sizeof dm_device_defs[0];
