/* Live addresses of the Linux interfaces behind IOS names: getifaddrs(3) for the address, the
 * kernel's routing table (/proc/net/route) for the default gateway. */
#include <arpa/inet.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>

#include "platform.h"

bool platform_if_ipv4(const char *ios_name, struct in_addr *addr, struct in_addr *mask)
{
    struct if_stats st;
    platform_if_stats(ios_name, &st);
    if (!st.present)
        return false;
    struct ifaddrs *list;
    if (getifaddrs(&list) < 0)
        return false;
    bool found = false;
    for (struct ifaddrs *i = list; i && !found; i = i->ifa_next) {
        if (!i->ifa_addr || i->ifa_addr->sa_family != AF_INET || strcmp(i->ifa_name, st.linux_name))
            continue;
        *addr = ((const struct sockaddr_in *)(const void *)i->ifa_addr)->sin_addr;
        mask->s_addr =
            i->ifa_netmask
                ? ((const struct sockaddr_in *)(const void *)i->ifa_netmask)->sin_addr.s_addr
                : INADDR_BROADCAST;
        found = true;
    }
    freeifaddrs(list);
    return found;
}

bool platform_first_ipv4(struct in_addr *addr)
{
    struct ifaddrs *list;
    if (getifaddrs(&list) < 0)
        return false;
    bool found = false;
    for (struct ifaddrs *i = list; i && !found; i = i->ifa_next) {
        if (!i->ifa_addr || i->ifa_addr->sa_family != AF_INET || !(i->ifa_flags & IFF_UP) ||
            (i->ifa_flags & IFF_LOOPBACK))
            continue;
        *addr = ((const struct sockaddr_in *)(const void *)i->ifa_addr)->sin_addr;
        found = true;
    }
    freeifaddrs(list);
    return found;
}

bool platform_if_gateway(const char *ios_name, struct in_addr *gateway)
{
    struct if_stats st;
    platform_if_stats(ios_name, &st);
    if (!st.present)
        return false;
    FILE *f = fopen("/proc/net/route", "re");
    if (!f)
        return false;
    char line[256], dev[64];
    unsigned dest, gw, flags, mask;
    bool found = false;
    /* Iface Destination Gateway Flags RefCnt Use Metric Mask ..., addresses in host-order hex of
     * the network-order value: they copy straight into s_addr. */
    while (!found && fgets(line, sizeof line, f)) {
        if (sscanf(line, "%63s %x %x %x %*d %*d %*d %x", dev, &dest, &gw, &flags, &mask) != 5)
            continue;
        if (!strcmp(dev, st.linux_name) && dest == 0 && mask == 0 && (flags & 0x2u) && gw) {
            gateway->s_addr = gw;
            found = true;
        }
    }
    fclose(f);
    return found;
}
