/* DHCP snooping left out (./configure --disable-tr111-snoop): for a CPE whose DHCP server tells
 * cwmpd its leases through the cwmp lease commands (contrib/cwmpd-dnsmasq-lease), the AF_PACKET
 * sockets and their BPF filter are dead weight. TR-111 stays: `show cwmp session` says snooping
 * is off, and an interface asked for with --dhcp-snoop is logged as not watched. */
#include "dhcp_snoop.h"

struct dhcp_snoop *dhcp_snoop_new(struct loop *loop, dhcp_snoop_fn fn, void *arg)
{
    (void)loop;
    (void)fn;
    (void)arg;
    return NULL;
}

struct dhcp_snoop *dhcp_snoop_new_wan(struct loop *loop, dhcp_snoop_wan_fn fn, void *arg)
{
    (void)loop;
    (void)fn;
    (void)arg;
    return NULL;
}

void dhcp_snoop_free(struct dhcp_snoop *s)
{
    (void)s;
}

void dhcp_snoop_on_lost(struct dhcp_snoop *s, void (*fn)(void *arg, const char *linux_ifname))
{
    (void)s;
    (void)fn;
}

int dhcp_snoop_set(struct dhcp_snoop *s, const char *const *names, size_t n, struct strbuf *err,
                   int *eperm)
{
    (void)s;
    (void)names;
    *eperm = 0;
    if (n)
        sb_puts(err, "this cwmpd is built without DHCP snooping");
    return (int)n;
}

size_t dhcp_snoop_count(const struct dhcp_snoop *s)
{
    (void)s;
    return 0;
}

const char *dhcp_snoop_name(const struct dhcp_snoop *s, size_t i)
{
    (void)s;
    (void)i;
    return "";
}
