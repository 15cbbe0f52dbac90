/* What cwmpd reads from the Linux system it runs on: the device's identity, uptime, and the live
 * state of the interfaces mapped to IOS names. It is also the door of platform/: other rooms
 * include this header, which brings the programs cwmpd runs (spawn.h) and the service manager's
 * notifications (sd_notify.h). */
#ifndef CWMP_PLATFORM_H
#define CWMP_PLATFORM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "conntrack.h"
#include "sd_notify.h"
#include "spawn.h"

/* DeviceInfo's fixed part and the Inform's DeviceId. Read once at start from the state directory's
 * device-info file (KEY=VALUE lines: Manufacturer, ManufacturerOUI, ModelName, Description,
 * ProductClass, SerialNumber, HardwareVersion), with defaults taken from the system. */
struct device_identity {
    char manufacturer[65];
    char oui[7]; /* six upper-case hexadecimal digits */
    char model[65];
    char description[257];
    char product_class[65];
    char serial[65];
    char hardware_version[65];
    char software_version[65];
};

/* Fills id from path (missing file: defaults); returns -1 with a message in err for a bad line. */
struct strbuf;
int platform_identity(const char *path, struct device_identity *id, struct strbuf *err);

/* Seconds since the system started. */
uint64_t platform_uptime(void);

/* Live interface data, for the IOS interface name (mapped to a Linux name, see platform.c). */
struct if_stats {
    bool present; /* a Linux interface backs it */
    bool up;
    char linux_name[32];
    char mac[18];
    uint64_t rx_bytes, tx_bytes, rx_packets, tx_packets, rx_errors, tx_errors, rx_dropped,
        tx_dropped, multicast;
    unsigned speed_mbps; /* 0: unknown */
    bool full_duplex;
};
void platform_if_stats(const char *ios_name, struct if_stats *st);
/* The Linux name of an IOS interface name (EthernetA/B -> ethB, VlanN -> vlanN, ...; the
 * environment's CWMPD_IFMAP first); "" when there is no rule for it. */
void platform_linux_name(const char *ios, char *out, size_t cap);

/* The live IPv4 address and mask of the Linux interface behind an IOS name, and the gateway of its
 * default route (platform_addr.c): what an interface configured by DHCP has obtained. False when
 * there is none. */
struct in_addr;
bool platform_if_ipv4(const char *ios_name, struct in_addr *addr, struct in_addr *mask);
bool platform_if_gateway(const char *ios_name, struct in_addr *gateway);
/* The first IPv4 address of an interface that is up and not loopback; false when none. */
bool platform_first_ipv4(struct in_addr *addr);

#endif
