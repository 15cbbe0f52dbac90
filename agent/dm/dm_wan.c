/* InternetGatewayDevice.WANDevice.{i}: one per `cwmp wan` interface, with one
 * WANConnectionDevice holding one connection (dm_wanconn.c). An ATM interface is a DSL access and
 * has WANDSLInterfaceConfig; any other has WANEthernetInterfaceConfig (with its Stats, and
 * WANEthernetLinkConfig in the connection device: TR-098's EthernetWAN profile); never both, as
 * TR-098 and the feature documentation ask. */
#include "dm_net.h"

static void list_wan(struct dm_ctx *c, const struct dm_inst *parent, struct dm_list *out)
{
    (void)parent;
    for (size_t i = 0; i < c->store->nifs; i++)
        if (c->store->ifs[i].cwmp_wan)
            dm_list_add(out, c->store->ifs[i].name, &c->store->ifs[i]);
}

static bool is_dsl(struct dm_ctx *c, const struct dm_inst *in)
{
    (void)c;
    return iface_is_atm(dm_iface(in)->name);
}

static bool is_ethernet(struct dm_ctx *c, const struct dm_inst *in)
{
    return !is_dsl(c, in);
}

static int get_access_type(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    sb_puts(out, is_dsl(c, in) ? "DSL" : "Ethernet");
    return 0;
}

/* The line rate in Mb/s: what the link negotiated, else what `speed` forces; 0 when unknown. */
static uint64_t rate_mbps(struct dm_ctx *c, const struct iface *f)
{
    struct if_stats st;
    dm_if_stats(c, f->name, &st);
    return st.present && st.speed_mbps ? st.speed_mbps : (uint64_t)f->speed;
}

static void put_capped(struct strbuf *out, uint64_t v)
{
    sb_printf(out, "%llu", (unsigned long long)(v > 0xFFFFFFFFu ? 0xFFFFFFFFu : v));
}

static int get_layer1_rate(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    put_capped(out, rate_mbps(c, dm_iface(in)) * 1000000u); /* bits per second */
    return 0;
}

static int get_dsl_rate(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    put_capped(out, rate_mbps(c, dm_iface(in)) * 1000u); /* kbps */
    return 0;
}

/* WANCommonInterfaceConfig.Connection.{i}: the one connection of the interface, named by the
 * path of its connection object and of the connection device that holds it. */
static int get_service_id(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    dm_conn_path(c, dm_iface(in), out);
    return 0;
}

static int get_device_container(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    size_t start = out->len;
    dm_conn_path(c, dm_iface(in), out);
    /* "...WANConnectionDevice.M.WANIPConnection.K" without its last two segments. */
    size_t len = out->len;
    for (int dots = 0; len > start && dots < 2; len--)
        dots += out->buf[len - 1] == '.';
    sb_truncate(out, len);
    return 0;
}

static const char *const link_status_values[] = {"Up", "Down", "Unavailable", NULL};

static int get_link_status(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    const struct iface *f = dm_iface(in);
    struct if_stats st;
    dm_if_stats(c, f->name, &st);
    sb_puts(out, !f->shutdown && st.up ? "Up" : "Down");
    return 0;
}

static int get_dsl_status(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    const struct iface *f = dm_iface(in);
    struct if_stats st;
    dm_if_stats(c, f->name, &st);
    sb_puts(out, f->shutdown ? "Disabled" : st.up ? "Up" : "NoSignal");
    return 0;
}

static int get_ip_count(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)c;
    sb_putc(out, iface_is_dialer(dm_iface(in)->name) ? '0' : '1');
    return 0;
}

static int get_ppp_count(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)c;
    sb_putc(out, iface_is_dialer(dm_iface(in)->name) ? '1' : '0');
    return 0;
}

DM_STAT_GETTER(get_tx_bytes, tx_bytes)
DM_STAT_GETTER(get_rx_bytes, rx_bytes)
DM_STAT_GETTER(get_tx_packets, tx_packets)
DM_STAT_GETTER(get_rx_packets, rx_packets)

#define WD  "InternetGatewayDevice.WANDevice."
#define WC  WD "{i}.WANCommonInterfaceConfig."
#define WE  WD "{i}.WANEthernetInterfaceConfig."
#define WS  WD "{i}.WANDSLInterfaceConfig."
#define WCD WD "{i}.WANConnectionDevice."
#define RATE(p, getter, src)                                                                       \
    {                                                                                              \
        .path = p, .type = DMT_UINT, .active = DM_NOTIFY_CANDENY, .get = getter, .source = src     \
    }

const struct dm_def dm_wan_defs[] = {
    DM_TABLE(WD, list_wan, "interfaces with cwmp wan"),
    DM_OBJECT(WD "{i}.", "interface IFNAME with cwmp wan"),
    DM_RO(WD "{i}.WANConnectionNumberOfEntries", DMT_UINT, dm_get_one, "fixed: the interface"),

    DM_OBJECT(WC, "interface IFNAME"),
    DM_RW(WC "EnabledForInternet", DMT_BOOL, dm_get_if_enable, dm_set_if_enable,
          "interface: no shutdown"),
    DM_RO(WC "WANAccessType", DMT_STRING, get_access_type, "interface type: ATM is DSL"),
    DM_RO(WC "Layer1UpstreamMaxBitRate", DMT_UINT, get_layer1_rate,
          "live: link speed (else speed), bit/s"),
    DM_RO(WC "Layer1DownstreamMaxBitRate", DMT_UINT, get_layer1_rate,
          "live: link speed (else speed), bit/s"),
    DM_RO(WC "PhysicalLinkStatus", DMT_STRING, get_link_status,
          "interface: shutdown, live link state"),
    DM_COUNTER(WC "TotalBytesSent", get_tx_bytes),
    DM_COUNTER(WC "TotalBytesReceived", get_rx_bytes),
    DM_COUNTER(WC "TotalPacketsSent", get_tx_packets),
    DM_COUNTER(WC "TotalPacketsReceived", get_rx_packets),
    {.path = WC "WANAccessProvider",
     .type = DMT_STRING,
     .max = 256,
     .get = dm_get_empty,
     .source = "none: unknown (empty)"},
    {.path = WC "MaximumActiveConnections",
     .type = DMT_UINT,
     .active = DM_NOTIFY_CANDENY,
     .get = dm_get_one,
     .source = "fixed: one connection"},
    DM_RO(WC "NumberOfActiveConnections", DMT_UINT, dm_get_one, "fixed: the interface"),
    DM_TABLE(WC "Connection.", dm_list_iface, "the interface's connection"),
    DM_OBJECT(WC "Connection.{i}.", "interface IFNAME"),
    {.path = WC "Connection.{i}.ActiveConnectionDeviceContainer",
     .type = DMT_STRING,
     .max = 256,
     .get = get_device_container,
     .source = "the WANConnectionDevice of the interface"},
    {.path = WC "Connection.{i}.ActiveConnectionServiceID",
     .type = DMT_STRING,
     .max = 256,
     .get = get_service_id,
     .source = "the interface's WANIPConnection (WANPPPConnection for a Dialer)"},

    {.path = WE, .type = DMT_OBJECT, .present = is_ethernet, .source = "a non-ATM interface"},
    DM_ETHERNET_CONFIG(WE),
    DM_OBJECT(WE "Stats.", "live: interface counters"),
    DM_COUNTER(WE "Stats.BytesSent", get_tx_bytes),
    DM_COUNTER(WE "Stats.BytesReceived", get_rx_bytes),
    DM_COUNTER(WE "Stats.PacketsSent", get_tx_packets),
    DM_COUNTER(WE "Stats.PacketsReceived", get_rx_packets),

    {.path = WS, .type = DMT_OBJECT, .present = is_dsl, .source = "an ATM interface"},
    DM_RW(WS "Enable", DMT_BOOL, dm_get_if_enable, dm_set_if_enable, "interface: no shutdown"),
    DM_RO(WS "Status", DMT_STRING, get_dsl_status, "interface: shutdown, live link state"),
    RATE(WS "UpstreamCurrRate", get_dsl_rate, "live: link speed (else speed), kbps"),
    RATE(WS "DownstreamCurrRate", get_dsl_rate, "live: link speed (else speed), kbps"),
    RATE(WS "UpstreamMaxRate", get_dsl_rate, "live: link speed (else speed), kbps"),
    RATE(WS "DownstreamMaxRate", get_dsl_rate, "live: link speed (else speed), kbps"),

    DM_TABLE(WCD, dm_list_iface, "the interface"),
    DM_OBJECT(WCD "{i}.", "interface IFNAME"),
    DM_RO(WCD "{i}.WANIPConnectionNumberOfEntries", DMT_UINT, get_ip_count,
          "1 unless a Dialer interface"),
    DM_RO(WCD "{i}.WANPPPConnectionNumberOfEntries", DMT_UINT, get_ppp_count,
          "1 for a Dialer interface"),
    {.path = WCD "{i}.WANEthernetLinkConfig.",
     .type = DMT_OBJECT,
     .present = is_ethernet,
     .source = "a non-ATM interface"},
    {.path = WCD "{i}.WANEthernetLinkConfig.EthernetLinkStatus",
     .type = DMT_STRING,
     .values = link_status_values,
     .get = get_link_status,
     .source = "interface: shutdown, live link state"},
};
const size_t dm_wan_def_count = sizeof dm_wan_defs / sizeof dm_wan_defs[0];
