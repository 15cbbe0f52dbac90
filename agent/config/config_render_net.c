/* Rendering of the configuration declared in config_net.h. The sections table of config_render.c
 * places the sections; the lines inside pool and interface blocks are called from their blocks. */
#include <arpa/inet.h>

#include "config_net.h"

size_t ipv4_text(struct in_addr a, char *p)
{
    const unsigned char *b = (const unsigned char *)&a.s_addr; /* network order: a first */
    char *start = p;
    for (int i = 0; i < 4; i++) {
        unsigned v = b[i];
        if (i)
            *p++ = '.';
        if (v >= 100)
            *p++ = (char)('0' + v / 100);
        if (v >= 10)
            *p++ = (char)('0' + v / 10 % 10);
        *p++ = (char)('0' + v % 10);
    }
    *p = '\0';
    return (size_t)(p - start);
}

void sb_put_ipv4(struct strbuf *out, struct in_addr a)
{
    char text[INET_ADDRSTRLEN];
    sb_append(out, text, ipv4_text(a, text));
}

static const char *ip(struct in_addr a, char *buf)
{
    return inet_ntop(AF_INET, &a, buf, INET_ADDRSTRLEN);
}

void render_dhcp_service(const struct config_store *cs, struct strbuf *out)
{
    if (cs->dhcp_service_off)
        sb_puts(out, "no service dhcp\n");
}

void render_name_servers(const struct config_store *cs, struct strbuf *out)
{
    char a[INET_ADDRSTRLEN];
    if (!cs->nname_servers)
        return;
    sb_puts(out, "ip name-server");
    for (size_t i = 0; i < cs->nname_servers; i++)
        sb_printf(out, " %s", ip(cs->name_servers[i], a));
    sb_putc(out, '\n');
}

void render_routes(const struct config_store *cs, struct strbuf *out)
{
    for (size_t i = 0; i < cs->nroutes; i++) {
        const struct ip_route *r = &cs->routes[i];
        sb_puts(out, "ip route ");
        config_route_key(r, out);
        if (r->distance)
            sb_printf(out, " %d", r->distance);
        sb_putc(out, '\n');
    }
}

void render_pool_net(const struct dhcp_pool *p, struct strbuf *out)
{
    char a[INET_ADDRSTRLEN];
    if (p->ndns > 0) {
        sb_puts(out, " dns-server");
        for (int i = 0; i < p->ndns; i++)
            sb_printf(out, " %s", ip(p->dns[i], a));
        sb_putc(out, '\n');
    }
    if (p->domain[0])
        sb_printf(out, " domain-name %s\n", p->domain);
}

/* After the address, as IOS places it. */
void render_iface_mtu(const struct iface *f, struct strbuf *out)
{
    if (f->ip_mtu)
        sb_printf(out, " ip mtu %d\n", f->ip_mtu);
}

void render_iface_net(const struct iface *f, struct strbuf *out)
{
    if (f->duplex == IF_DUPLEX_HALF)
        sb_puts(out, " duplex half\n");
    else if (f->duplex == IF_DUPLEX_FULL)
        sb_puts(out, " duplex full\n");
    if (f->speed)
        sb_printf(out, " speed %d\n", f->speed);
}
