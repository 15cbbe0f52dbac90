/* Rendering the store as IOS text. The order of the sections is declared once, in the table at
 * the end (as klish's CONFIG priorities do): a feature's renderer only writes its own lines. */
#include "config_render.h"

#include <arpa/inet.h>
#include <string.h>

#include "config_net.h"
#include "nat_map.h"
#include "passwords.h"
#include "persist.h"
#include "xsd.h"

static const char *ip(struct in_addr a, char *buf)
{
    return inet_ntop(AF_INET, &a, buf, INET_ADDRSTRLEN);
}

/* Passwords are never shown in clear after entry: one typed in clear shows as its type 7. */
void password_render(const struct password *p, struct strbuf *out)
{
    if (p->type7) {
        sb_printf(out, "7 %s", p->type7);
        return;
    }
    char enc[2 + 2 * CWMP_PASSWORD_MAX + 1];
    type7_encode(p->clear, enc, sizeof enc);
    sb_printf(out, "7 %s", enc);
}

static void render_service(const struct config_store *cs, struct strbuf *out)
{
    if (cs->password_encryption)
        sb_puts(out, "service password-encryption\n");
}

static void render_hostname(const struct config_store *cs, struct strbuf *out)
{
    sb_printf(out, "hostname %s\n", cs->hostname);
}

/* IOS shows the buffer's size and level only where they are not the defaults. */
static void render_logging(const struct config_store *cs, struct strbuf *out)
{
    const struct logging_settings *l = &cs->logging;
    if (!l->buffered) {
        sb_puts(out, "no logging buffered\n");
        return;
    }
    bool size = l->buffer_size != LOGGING_BUFFER_DEFAULT_SIZE;
    bool level = l->buffer_level != LOGGING_BUFFER_DEFAULT_LEVEL;
    if (!size && !level)
        return;
    sb_puts(out, "logging buffered");
    if (size)
        sb_printf(out, " %lu", l->buffer_size);
    if (level)
        sb_printf(out, " %s", log_level_name(l->buffer_level));
    sb_putc(out, '\n');
}

/* With the defaults: the buffer's size and level always. */
static void render_logging_all(const struct config_store *cs, struct strbuf *out)
{
    const struct logging_settings *l = &cs->logging;
    if (!l->buffered) {
        sb_puts(out, "no logging buffered\n");
        return;
    }
    sb_printf(out, "logging buffered %lu %s\n", l->buffer_size, log_level_name(l->buffer_level));
}

static void render_dhcp_service_all(const struct config_store *cs, struct strbuf *out)
{
    sb_puts(out, cs->dhcp_service_off ? "no service dhcp\n" : "service dhcp\n");
}

static void render_secret(const struct config_store *cs, struct strbuf *out)
{
    if (cs->enable_secret)
        sb_printf(out, "enable secret %d %s\n", secret_type(cs->enable_secret), cs->enable_secret);
    if (cs->enable_password.clear) {
        sb_puts(out, "enable password ");
        password_render(&cs->enable_password, out);
        sb_putc(out, '\n');
    }
}

/* As IOS: the privilege only when it is not 1, then the credential. An entry without one shows
 * its privilege even when it is 1, so that the line reads back (IOS has no bare `username NAME`).
 */
static void render_users(const struct config_store *cs, struct strbuf *out)
{
    for (size_t i = 0; i < cs->nusers; i++) {
        const struct local_user *u = &cs->users[i];
        bool credential = u->secret || u->password.clear;
        sb_printf(out, "username %s", u->name);
        if (u->privilege != 1 || !credential)
            sb_printf(out, " privilege %d", u->privilege);
        if (u->secret) {
            sb_printf(out, " secret %d %s", secret_type(u->secret), u->secret);
        } else if (u->password.clear) {
            sb_puts(out, " password ");
            password_render(&u->password, out);
        }
        sb_putc(out, '\n');
    }
}

static void render_dhcp_excluded(const struct config_store *cs, struct strbuf *out)
{
    char a[INET_ADDRSTRLEN], b[INET_ADDRSTRLEN];
    for (size_t i = 0; i < cs->nexcluded; i++) {
        const struct dhcp_excluded *e = &cs->excluded[i];
        sb_printf(out, "ip dhcp excluded-address %s", ip(e->low, a));
        if (e->has_high)
            sb_printf(out, " %s", ip(e->high, b));
        sb_putc(out, '\n');
    }
}

static void pools(const struct config_store *cs, bool all, struct strbuf *out)
{
    char a[INET_ADDRSTRLEN], b[INET_ADDRSTRLEN];
    /* The classes first: the pools' class lines name them. */
    for (size_t i = 0; i < cs->ndhcp_classes; i++)
        sb_printf(out, "%sip dhcp class %s\n", i > 0 ? "!\n" : "", cs->dhcp_classes[i]);
    for (size_t i = 0; i < cs->npools; i++) {
        const struct dhcp_pool *p = &cs->pools[i];
        if (i > 0 || cs->ndhcp_classes)
            sb_puts(out, "!\n");
        sb_printf(out, "ip dhcp pool %s\n", p->name);
        if (p->has_network)
            sb_printf(out, " network %s %s\n", ip(p->network, a), ip(p->mask, b));
        if (p->has_host)
            sb_printf(out, " host %s %s\n", ip(p->host, a), ip(p->host_mask, b));
        if (p->client_len) {
            sb_puts(out, p->client_is_id ? " client-identifier " : " hardware-address ");
            dhcp_hex_text(p->client, p->client_len, out);
            sb_putc(out, '\n');
        }
        if (p->nrouters > 0) {
            sb_puts(out, " default-router");
            for (int r = 0; r < p->nrouters; r++)
                sb_printf(out, " %s", ip(p->routers[r], a));
            sb_putc(out, '\n');
        }
        render_pool_net(p, out); /* dns-server, domain-name */
        if (p->lease == LEASE_INFINITE)
            sb_puts(out, " lease infinite\n");
        else if (p->lease == LEASE_TIME)
            sb_printf(out, " lease %d %d %d\n", p->lease_days, p->lease_hours, p->lease_minutes);
        else if (all)
            sb_printf(out, " lease %d 0 0\n", CMD_DEFAULT_DHCP_LEASE);
        if (p->renew_deny_unknown)
            sb_puts(out, " renew deny unknown\n");
        for (int k = 0; k < p->nclasses; k++) {
            const struct dhcp_pool_class *pc = &p->classes[k];
            sb_printf(out, " class %s\n", pc->name);
            if (pc->has_range)
                sb_printf(out, "  address range %s %s\n", ip(pc->low, a), ip(pc->high, b));
        }
    }
}

static void render_dhcp_pools(const struct config_store *cs, struct strbuf *out)
{
    pools(cs, false, out);
}

static void render_dhcp_pools_all(const struct config_store *cs, struct strbuf *out)
{
    pools(cs, true, out);
}

static void archive(const struct config_store *cs, bool all, struct strbuf *out)
{
    if (!cs->archive.present)
        return;
    sb_puts(out, "archive\n");
    if (cs->archive.path)
        sb_printf(out, " path %s\n", cs->archive.path);
    if (cs->archive.maximum)
        sb_printf(out, " maximum %d\n", cs->archive.maximum);
    else if (all)
        sb_printf(out, " maximum %d\n", ARCHIVE_DEFAULT_MAXIMUM);
    if (cs->archive.write_memory)
        sb_puts(out, " write-memory\n");
    if (cs->archive.time_period)
        sb_printf(out, " time-period %d\n", cs->archive.time_period);
}

static void render_archive(const struct config_store *cs, struct strbuf *out)
{
    archive(cs, false, out);
}

static void render_archive_all(const struct config_store *cs, struct strbuf *out)
{
    archive(cs, true, out);
}

static void iface(const struct iface *f, bool all, struct strbuf *out)
{
    /* Without sb_printf: the lines of thousands of interfaces are rendered at each commit. */
    sb_puts(out, "interface ");
    sb_puts(out, f->name);
    sb_putc(out, '\n');
    if (f->description) {
        sb_puts(out, " description ");
        sb_puts(out, f->description);
        sb_putc(out, '\n');
    }
    switch (f->addr_mode) {
    case IF_ADDR_STATIC:
        sb_puts(out, " ip address ");
        sb_put_ipv4(out, f->addr);
        sb_putc(out, ' ');
        sb_put_ipv4(out, f->mask);
        sb_putc(out, '\n');
        break;
    case IF_ADDR_DHCP:
        sb_puts(out, " ip address dhcp\n");
        break;
    case IF_ADDR_POOL:
        sb_printf(out, " ip address pool %s\n", f->pool);
        break;
    case IF_ADDR_NONE:
        sb_puts(out, " no ip address\n");
        break;
    }
    render_iface_mtu(f, out);
    if (all && !f->ip_mtu)
        sb_printf(out, " ip mtu %d\n", IF_IP_MTU_DEFAULT);
    if (f->nat_inside)
        sb_puts(out, " ip nat inside\n");
    if (f->nat_outside)
        sb_puts(out, " ip nat outside\n");
    if (f->shutdown)
        sb_puts(out, " shutdown\n");
    if (all && iface_is_ethernet(f->name)) {
        /* render_iface_net's lines, auto included, in its order */
        sb_puts(out, f->duplex == IF_DUPLEX_HALF   ? " duplex half\n"
                     : f->duplex == IF_DUPLEX_FULL ? " duplex full\n"
                                                   : " duplex auto\n");
        if (f->speed)
            sb_printf(out, " speed %d\n", f->speed);
        else
            sb_puts(out, " speed auto\n");
    } else {
        render_iface_net(f, out); /* duplex, speed */
    }
    if (f->cwmp_wan && !iface_is_atm(f->name))
        sb_puts(out, " cwmp wan\n");
    else if (!f->cwmp_wan && iface_is_atm(f->name))
        sb_puts(out, " no cwmp wan\n");
    if (f->cwmp_wan_default)
        sb_puts(out, " cwmp wan default\n");
}

void config_render_iface(const struct iface *f, struct strbuf *out)
{
    iface(f, false, out);
}

static void interfaces(const struct config_store *cs, bool all, struct strbuf *out)
{
    for (size_t i = 0; i < cs->nifs; i++) {
        if (i > 0)
            sb_puts(out, "!\n");
        iface(&cs->ifs[i], all, out);
    }
}

static void render_interfaces(const struct config_store *cs, struct strbuf *out)
{
    interfaces(cs, false, out);
}

static void render_interfaces_all(const struct config_store *cs, struct strbuf *out)
{
    interfaces(cs, true, out);
}

static void render_http(const struct config_store *cs, struct strbuf *out)
{
    if (cs->http_server)
        sb_puts(out, "ip http server\n");
    if (cs->http_secure_server)
        sb_puts(out, "ip http secure-server\n");
    if (cs->http_digest == DIGEST_MD5_SESS)
        sb_puts(out, "ip http digest algorithm md5-sess\n");
    if (cs->http_ca_file)
        sb_printf(out, "ip http client ca-file %s\n", cs->http_ca_file);
}

static void render_http_all(const struct config_store *cs, struct strbuf *out)
{
    render_http(cs, out);
    if (cs->http_digest == DIGEST_MD5)
        sb_puts(out, "ip http digest algorithm md5\n");
}

static void cwmp(const struct config_store *cs, bool all, struct strbuf *out)
{
    const struct cwmp_settings *c = &cs->cwmp;
    struct strbuf body = STRBUF_INIT;
    if (c->enable)
        sb_puts(&body, " enable\n");
    if (c->enable_download)
        sb_puts(&body, " enable download\n");
    else if (all)
        sb_puts(&body, " no enable download\n");
    if (c->acs_password.clear) {
        sb_puts(&body, " management server password ");
        password_render(&c->acs_password, &body);
        sb_putc(&body, '\n');
    }
    if (c->url)
        sb_printf(&body, " management server url %s\n", c->url);
    if (c->provision_code)
        sb_printf(&body, " provision code %s\n", c->provision_code);
    if (c->cr_username)
        sb_printf(&body, " connection request username %s\n", c->cr_username);
    if (c->cr_password.clear) {
        sb_puts(&body, " connection request password ");
        password_render(&c->cr_password, &body);
        sb_putc(&body, '\n');
    }
    if (c->username)
        sb_printf(&body, " management server username %s\n", c->username);
    if (c->periodic_enable)
        sb_puts(&body, " periodic inform\n");
    else if (all)
        sb_puts(&body, " no periodic inform\n");
    if (all || c->periodic_interval != CWMP_DEFAULT_PERIODIC_INTERVAL)
        sb_printf(&body, " periodic inform interval %lu\n", c->periodic_interval);
    if (c->periodic_time != XSD_TIME_UNKNOWN) {
        char t[XSD_DATETIME_LEN];
        xsd_datetime_frac(c->periodic_time, c->periodic_time_frac, t);
        sb_printf(&body, " periodic inform time %s\n", t);
    }
    if (all || c->session_retry_limit != CWMP_DEFAULT_RETRY_LIMIT)
        sb_printf(&body, " session retry limit %d\n", c->session_retry_limit);
    if (all || c->request_outstanding != CWMP_DEFAULT_OUTSTANDING)
        sb_printf(&body, " request outstanding %d\n", c->request_outstanding);
    if (all || c->retry_wait != CWMP_DEFAULT_RETRY_WAIT)
        sb_printf(&body, " session retry wait %u\n", c->retry_wait);
    if (all || c->retry_multiplier != CWMP_DEFAULT_RETRY_MULTIPLIER)
        sb_printf(&body, " session retry multiplier %u\n", c->retry_multiplier);
    if (all || c->notify_interval != CWMP_DEFAULT_NOTIFY_INTERVAL)
        sb_printf(&body, " parameter change notify interval %d\n", c->notify_interval);
    if (all || c->notification_throttle != CWMP_DEFAULT_NOTIFY_THROTTLE)
        sb_printf(&body, " parameter change notify throttle %lu\n", c->notification_throttle);
    if (all || c->manageable_notify_limit != CWMP_DEFAULT_MANAGEABLE_LIMIT)
        sb_printf(&body, " manageable-device notification limit %lu\n", c->manageable_notify_limit);
    if (c->upgrades_managed)
        sb_puts(&body, " upgrades managed\n");
    if (all || c->max_message_kb != CWMP_DEFAULT_MAX_MESSAGE_KB)
        sb_printf(&body, " request size limit %u\n", c->max_message_kb);
    if (c->stun_enable)
        sb_puts(&body, " stun\n");
    else if (all)
        sb_puts(&body, " no stun\n");
    if (c->stun_server)
        sb_printf(&body, " stun server %s\n", c->stun_server);
    if (all || c->stun_port != CWMP_DEFAULT_STUN_PORT)
        sb_printf(&body, " stun port %u\n", c->stun_port);
    if (c->stun_username)
        sb_printf(&body, " stun username %s\n", c->stun_username);
    if (c->stun_password.clear) {
        sb_puts(&body, " stun password ");
        password_render(&c->stun_password, &body);
        sb_putc(&body, '\n');
    }
    if (all || c->stun_min_keepalive != CWMP_DEFAULT_STUN_MIN_KEEPALIVE)
        sb_printf(&body, " stun keepalive minimum %lu\n", c->stun_min_keepalive);
    if (c->stun_max_keepalive >= 0)
        sb_printf(&body, " stun keepalive maximum %ld\n", c->stun_max_keepalive);
    if (all || c->udp_cr_notify_limit != CWMP_DEFAULT_UDP_CR_LIMIT)
        sb_printf(&body, " connection request udp notification limit %lu\n",
                  c->udp_cr_notify_limit);
    if (body.len > 0) {
        sb_puts(out, "cwmp agent\n");
        sb_append(out, body.buf, body.len);
    }
    sb_free(&body);
}

static void render_cwmp(const struct config_store *cs, struct strbuf *out)
{
    cwmp(cs, false, out);
}

/* The block only where running-config shows it: its default lines alone do not make it. */
static void render_cwmp_all(const struct config_store *cs, struct strbuf *out)
{
    struct strbuf plain = STRBUF_INIT;
    cwmp(cs, false, &plain);
    if (plain.len)
        cwmp(cs, true, out);
    sb_free(&plain);
}

static void render_ntp(const struct config_store *cs, struct strbuf *out)
{
    for (size_t i = 0; i < cs->nntp; i++)
        sb_printf(out, "ntp server %s%s\n", cs->ntp[i].host, cs->ntp[i].prefer ? " prefer" : "");
}

static void render_summer_time(const struct config_store *cs, struct strbuf *out)
{
    static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    static const char *const days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    const struct summer_time *st = &cs->summer_time;
    if (!st->set)
        return;
    sb_printf(out, "clock summer-time %s %s", st->zone, st->recurring ? "recurring" : "date");
    if (!st->recurring || !st->us_rules) {
        const struct summer_time_point *pt[2] = {&st->start, &st->end};
        for (int i = 0; i < 2; i++) {
            const struct summer_time_point *p = pt[i];
            if (st->recurring) {
                if (p->week == 5)
                    sb_puts(out, " last");
                else
                    sb_printf(out, " %d", p->week);
                sb_printf(out, " %s %s", days[p->weekday], months[p->month - 1]);
            } else {
                sb_printf(out, " %s %d %d", months[p->month - 1], p->day, p->year);
            }
            sb_printf(out, " %d:%02d", p->hour, p->minute);
        }
        if (st->offset != 60)
            sb_printf(out, " %d", st->offset);
    }
    sb_putc(out, '\n');
}

/* The time zone and its summer time, one section, as IOS shows them. */
static void render_clock(const struct config_store *cs, struct strbuf *out)
{
    const struct timezone_setting *tz = &cs->timezone;
    if (tz->set) {
        sb_printf(out, "clock timezone %s %d", tz->name, tz->hours);
        if (tz->minutes)
            sb_printf(out, " %d", tz->minutes);
        sb_putc(out, '\n');
    }
    render_summer_time(cs, out);
}

/* The order of running-config, top to bottom; a `!` line closes each section that printed. The
 * second renderer, where there is one, is the section's with its default-valued lines (show
 * running-config all). */
typedef void (*render_fn)(const struct config_store *, struct strbuf *);
static const struct {
    render_fn plain, all;
} sections[] = {
    {render_service, NULL},
    {render_dhcp_service, render_dhcp_service_all},
    {render_hostname, NULL},
    {render_logging, render_logging_all},
    {render_secret, NULL},
    {render_clock, NULL},
    {render_dhcp_excluded, NULL},
    {render_dhcp_pools, render_dhcp_pools_all},
    {render_name_servers, NULL},
    {render_users, NULL},
    {render_archive, render_archive_all},
    {render_interfaces, render_interfaces_all},
    {render_http, render_http_all},
    {nat_render, NULL},
    {render_routes, NULL},
    {render_cwmp, render_cwmp_all},
    {render_ntp, NULL},
};

static void render(const struct config_store *cs, bool all, struct strbuf *out)
{
    sb_puts(out, "!\n");
    for (size_t i = 0; i < sizeof sections / sizeof sections[0]; i++) {
        size_t before = out->len;
        render_fn fn = all && sections[i].all ? sections[i].all : sections[i].plain;
        fn(cs, out);
        if (out->len != before)
            sb_puts(out, "!\n");
    }
    sb_puts(out, "end\n");
}

void config_render(const struct config_store *cs, struct strbuf *out)
{
    render(cs, false, out);
}

void config_render_all(const struct config_store *cs, struct strbuf *out)
{
    render(cs, true, out);
}
