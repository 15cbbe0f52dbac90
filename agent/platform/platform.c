/* The Linux backend: /proc and /sys. Everything here degrades to simulated values when the file
 * it reads is absent, so that cwmpd runs anywhere, tests included. */
#include "platform.h"

#include <ctype.h>
#include <dirent.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/utsname.h>

#include "config.h"
#include "strbuf.h"
#include "xalloc.h"

static bool read_line(const char *path, char *buf, size_t cap)
{
    FILE *f = fopen(path, "re");
    if (!f)
        return false;
    bool ok = fgets(buf, (int)cap, f) != NULL;
    fclose(f);
    if (ok)
        buf[strcspn(buf, "\n")] = '\0';
    return ok;
}

uint64_t platform_uptime(void)
{
    char buf[64];
    if (!read_line("/proc/uptime", buf, sizeof buf))
        return 0;
    return (uint64_t)strtod(buf, NULL);
}

/* The first interface with a real MAC address gives the OUI and a serial number when no
 * device-info says otherwise. */
static void first_mac(char out[13])
{
    out[0] = '\0';
    DIR *d = opendir("/sys/class/net");
    if (!d)
        return;
    struct dirent *e;
    char best[13] = "";
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.' || !strcmp(e->d_name, "lo"))
            continue;
        char path[300], mac[32];
        snprintf(path, sizeof path, "/sys/class/net/%s/address", e->d_name);
        if (!read_line(path, mac, sizeof mac) || strlen(mac) != 17 ||
            !strcmp(mac, "00:00:00:00:00:00"))
            continue;
        char hex[13];
        size_t n = 0;
        for (const char *p = mac; *p && n < 12; p++)
            if (isxdigit((unsigned char)*p))
                hex[n++] = (char)toupper((unsigned char)*p);
        hex[n] = '\0';
        if (n == 12 && (!best[0] || strcmp(hex, best) < 0))
            strcpy(best, hex);
    }
    closedir(d);
    strcpy(out, best);
}

static void defaults(struct device_identity *id)
{
    memset(id, 0, sizeof *id);
    char mac[13];
    first_mac(mac);
    snprintf(id->manufacturer, sizeof id->manufacturer, "cwmpd");
    snprintf(id->oui, sizeof id->oui, "%.6s", mac[0] ? mac : "000000");
    snprintf(id->model, sizeof id->model, "cwmpd");
    snprintf(id->description, sizeof id->description, "Linux CPE with the cwmpd TR-069 agent");
    snprintf(id->product_class, sizeof id->product_class, "cwmpd");
    snprintf(id->serial, sizeof id->serial, "%s", mac[0] ? mac : "000000000000");
    struct utsname u;
    snprintf(id->hardware_version, sizeof id->hardware_version, "%s",
             uname(&u) == 0 ? u.machine : "unknown");
    snprintf(id->software_version, sizeof id->software_version, "%s", PACKAGE_VERSION);
}

static bool oui_valid(const char *s)
{
    if (strlen(s) != 6)
        return false;
    for (; *s; s++)
        if (!isxdigit((unsigned char)*s) || islower((unsigned char)*s))
            return false;
    return true;
}

int platform_identity(const char *path, struct device_identity *id, struct strbuf *err)
{
    defaults(id);
    FILE *f = path ? fopen(path, "re") : NULL;
    if (!f)
        return 0;
    static const struct {
        const char *key;
        size_t off, size;
    } fields[] = {
#define F(k, m) {k, offsetof(struct device_identity, m), sizeof(((struct device_identity *)0)->m)}
        F("Manufacturer", manufacturer),
        F("ManufacturerOUI", oui),
        F("ModelName", model),
        F("Description", description),
        F("ProductClass", product_class),
        F("SerialNumber", serial),
        F("HardwareVersion", hardware_version),
#undef F
    };
    char line[512];
    int lineno = 0, rc = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        line[strcspn(line, "\r\n")] = '\0';
        if (!line[0] || line[0] == '#')
            continue;
        char *eq = strchr(line, '=');
        bool known = false;
        if (eq) {
            *eq = '\0';
            for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
                if (strcmp(line, fields[i].key) != 0)
                    continue;
                known = strlen(eq + 1) < fields[i].size &&
                        (strcmp(line, "ManufacturerOUI") != 0 || oui_valid(eq + 1));
                if (known)
                    snprintf((char *)id + fields[i].off, fields[i].size, "%s", eq + 1);
            }
        }
        if (!known) {
            sb_printf(err, "%s line %d is not understood", path, lineno);
            rc = -1;
        }
    }
    fclose(f);
    return rc;
}

/* IOS names map to Linux ones: EthernetA/B -> ethB (A 0), GigabitEthernetA/B/C -> ethC,
 * VlanN -> vlanN, DialerN -> pppN, ATMN -> atmN, Loopback0 -> lo; an environment variable
 * CWMPD_IFMAP ("Ethernet0/0=enp1s0,Vlan1=br0") overrides, for systems named otherwise. */
void platform_linux_name(const char *ios, char *out, size_t cap)
{
    out[0] = '\0';
    const char *map = getenv("CWMPD_IFMAP");
    if (map) {
        size_t ilen = strlen(ios);
        for (const char *p = map; *p;) {
            size_t len = strcspn(p, ",");
            if (len > ilen && p[ilen] == '=' && !strncasecmp(p, ios, ilen)) {
                snprintf(out, cap, "%.*s", (int)(len - ilen - 1), p + ilen + 1);
                return;
            }
            p += len + (p[len] == ',');
        }
    }
    size_t a = 0;
    while (isalpha((unsigned char)ios[a]))
        a++;
    const char *num = ios + a, *last = strrchr(num, '/');
    last = last ? last + 1 : num;
    if (!strncasecmp(ios, "Ethernet", a) || !strncasecmp(ios, "FastEthernet", a) ||
        !strncasecmp(ios, "GigabitEthernet", a))
        snprintf(out, cap, "eth%s", last);
    else if (!strncasecmp(ios, "Vlan", a))
        snprintf(out, cap, "vlan%s", num);
    else if (!strncasecmp(ios, "Dialer", a))
        snprintf(out, cap, "ppp%s", num);
    else if (!strncasecmp(ios, "ATM", a))
        snprintf(out, cap, "atm%s", num);
    else if (!strncasecmp(ios, "Loopback", a) && !strcmp(num, "0"))
        snprintf(out, cap, "lo");
}

static uint64_t stat_u64(const char *dev, const char *what)
{
    char path[160], buf[64];
    snprintf(path, sizeof path, "/sys/class/net/%s/statistics/%s", dev, what);
    return read_line(path, buf, sizeof buf) ? strtoull(buf, NULL, 10) : 0;
}

/* A MAC address made up from the name, stable, locally administered, when no interface backs it. */
static void simulated_mac(const char *ios, char out[18])
{
    unsigned h = 2166136261u;
    for (const char *p = ios; *p; p++)
        h = (h ^ (unsigned char)*p) * 16777619u;
    snprintf(out, 18, "02:00:%02X:%02X:%02X:%02X", h >> 24 & 0xff, h >> 16 & 0xff, h >> 8 & 0xff,
             h & 0xff);
}

void platform_if_stats(const char *ios_name, struct if_stats *st)
{
    memset(st, 0, sizeof *st);
    platform_linux_name(ios_name, st->linux_name, sizeof st->linux_name);
    char path[160], buf[64];
    snprintf(path, sizeof path, "/sys/class/net/%s/address", st->linux_name);
    if (!st->linux_name[0] || !read_line(path, st->mac, sizeof st->mac)) {
        simulated_mac(ios_name, st->mac);
        st->up = true;
        return;
    }
    for (char *p = st->mac; *p; p++)
        *p = (char)toupper((unsigned char)*p);
    st->present = true;
    snprintf(path, sizeof path, "/sys/class/net/%s/operstate", st->linux_name);
    st->up = read_line(path, buf, sizeof buf) && (!strcmp(buf, "up") || !strcmp(buf, "unknown"));
    snprintf(path, sizeof path, "/sys/class/net/%s/speed", st->linux_name);
    if (read_line(path, buf, sizeof buf) && atoi(buf) > 0)
        st->speed_mbps = (unsigned)atoi(buf);
    snprintf(path, sizeof path, "/sys/class/net/%s/duplex", st->linux_name);
    st->full_duplex = read_line(path, buf, sizeof buf) && !strcmp(buf, "full");
    st->rx_bytes = stat_u64(st->linux_name, "rx_bytes");
    st->tx_bytes = stat_u64(st->linux_name, "tx_bytes");
    st->rx_packets = stat_u64(st->linux_name, "rx_packets");
    st->tx_packets = stat_u64(st->linux_name, "tx_packets");
    st->rx_errors = stat_u64(st->linux_name, "rx_errors");
    st->tx_errors = stat_u64(st->linux_name, "tx_errors");
    st->rx_dropped = stat_u64(st->linux_name, "rx_dropped");
    st->tx_dropped = stat_u64(st->linux_name, "tx_dropped");
    st->multicast = stat_u64(st->linux_name, "multicast");
}
