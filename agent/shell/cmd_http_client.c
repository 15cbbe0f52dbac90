/* The operator's view of the HTTP client layer: its cookies, its connections, the CA file it
 * trusts and `debug ip http cookie`. The layer itself (httpclient/) knows nothing of commands. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "cookie.h"
#include "core.h"
#include "handlers.h"
#include "http_client.h"
#include "http_conn.h"
#include "xalloc.h"

/* ---- show ip http client cookie ---- */

struct cookie_show {
    struct strbuf *out;
    const char *client;
    bool summary;
    size_t shown;
};

static void time_text(long long t, struct strbuf *out)
{
    char buf[64];
    time_t tt = (time_t)t;
    struct tm tm;
    if (!gmtime_r(&tt, &tm) || !strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S UTC", &tm))
        snprintf(buf, sizeof buf, "%lld", t);
    sb_puts(out, buf);
}

static void expiry_text(const struct cookie *k, struct strbuf *out)
{
    if (k->persistent)
        time_text(k->expires, out);
    else
        sb_puts(out, "end of session");
}

static void show_brief(struct cookie_show *s, const struct cookie *k)
{
    struct strbuf exp = STRBUF_INIT;
    expiry_text(k, &exp);
    sb_printf(s->out, "%-10s %-20s %-3d %-24s %-14s %s\n", s->client, k->name, k->version,
              k->domain, k->path, sb_str(&exp));
    sb_free(&exp);
}

static void show_summary(struct cookie_show *s, const struct cookie *k)
{
    struct strbuf *o = s->out;
    sb_printf(o, "%sSession    : %s\n", s->shown ? "\n" : "", s->client);
    sb_printf(o, "Name       : %s\n", k->name);
    sb_printf(o, "Value      : %s\n", k->value);
    sb_printf(o, "Version    : %d (%s)\n", k->version,
              k->version ? "RFC 2965, Set-Cookie2" : "Netscape, Set-Cookie");
    sb_printf(o, "Domain     : %s%s\n", k->domain, k->host_only ? " (this host only)" : "");
    sb_printf(o, "Path       : %s\n", k->path);
    sb_puts(o, "Port       : ");
    if (k->nports == 0) {
        sb_puts(o, "any");
    } else {
        for (size_t i = 0; i < k->nports; i++)
            sb_printf(o, "%s%u", i ? "," : "", k->ports[i]);
    }
    sb_printf(o, "\nSecure     : %s\n", k->secure ? "yes (HTTPS only)" : "no");
    sb_puts(o, "Expires    : ");
    expiry_text(k, o);
    sb_puts(o, "\nReceived   : ");
    time_text(k->created, o);
    sb_printf(o, "\nSent       : %lu time%s\n", k->sent, k->sent == 1 ? "" : "s");
    if (k->comment)
        sb_printf(o, "Comment    : %s\n", k->comment);
    if (k->comment_url)
        sb_printf(o, "CommentURL : %s\n", k->comment_url);
}

static void visit_cookie(void *arg, const struct cookie *k)
{
    struct cookie_show *s = arg;
    if (s->summary)
        show_summary(s, k);
    else
        show_brief(s, k);
    s->shown++;
}

static struct cookie_filter cookie_filter_of(const struct cmd_call *c)
{
    return (struct cookie_filter){.domain = cmd_arg(c, "cookie_domain"),
                                  .name = cmd_arg(c, "cookie_name")};
}

/* The client sessions a `session NAME` filter selects: all of them without one. */
static bool client_selected(const struct cmd_call *c, const struct http_client *h)
{
    const char *want = cmd_arg(c, "session_name");
    return !want || !strcasecmp(want, http_client_name(h));
}

static int show_ip_http_client_cookie(struct cmd_call *c)
{
    struct agent *a = call_agent(c);
    struct cookie_filter f = cookie_filter_of(c);
    struct cookie_show s = {.out = c->out, .summary = cmd_has(c, "summary")};
    struct strbuf body = STRBUF_INIT;
    s.out = &body;
    for (struct http_client *h = http_client_next(&a->http_clients, NULL); h;
         h = http_client_next(&a->http_clients, h)) {
        if (!client_selected(c, h))
            continue;
        s.client = http_client_name(h);
        cookie_jar_foreach(http_client_cookies(h), &f, visit_cookie, &s);
    }
    sb_printf(c->out, "HTTP client cookies: %zu\n", s.shown);
    if (s.shown && !s.summary)
        sb_printf(c->out, "%-10s %-20s %-3s %-24s %-14s %s\n", "Session", "Name", "Ver", "Domain",
                  "Path", "Expires");
    else if (s.shown)
        sb_puts(c->out, "\n");
    sb_append(c->out, body.buf ? body.buf : "", body.len);
    sb_free(&body);
    return 0;
}

static int clear_ip_http_client_cookie(struct cmd_call *c)
{
    struct agent *a = call_agent(c);
    struct cookie_filter f = cookie_filter_of(c);
    for (struct http_client *h = http_client_next(&a->http_clients, NULL); h;
         h = http_client_next(&a->http_clients, h))
        if (client_selected(c, h))
            cookie_jar_clear(http_client_cookies(h), &f);
    return 0;
}

/* ---- show ip http client connection ---- */

struct conn_show {
    struct strbuf *out;
    const char *client;
    size_t shown;
};

static void visit_conn(void *arg, const struct http_conn_info *info)
{
    struct conn_show *s = arg;
    unsigned long secs = (unsigned long)(info->age_ms / 1000u);
    sb_printf(s->out, "%-10s %-24s %-24s %-7s %8lu  %02lu:%02lu:%02lu\n", s->client, info->local,
              info->remote, info->state, info->requests, secs / 3600u, secs / 60u % 60u,
              secs % 60u);
    s->shown++;
}

static int show_ip_http_client_connection(struct cmd_call *c)
{
    struct agent *a = call_agent(c);
    struct strbuf body = STRBUF_INIT;
    struct conn_show s = {.out = &body};
    for (struct http_client *h = http_client_next(&a->http_clients, NULL); h;
         h = http_client_next(&a->http_clients, h)) {
        s.client = http_client_name(h);
        http_client_connections(h, visit_conn, &s);
    }
    sb_printf(c->out, "HTTP client connections: %zu\n", s.shown);
    if (s.shown)
        sb_printf(c->out, "%-10s %-24s %-24s %-7s %8s  %s\n", "Session", "Local", "Remote", "State",
                  "Requests", "Age");
    sb_append(c->out, body.buf ? body.buf : "", body.len);
    sb_free(&body);
    return 0;
}

/* ---- configuration and debugging ---- */

static int ip_http_client_ca_file(struct cmd_call *c)
{
    struct config_store *cs = call_store(c);
    if (c->negate) {
        free(cs->http_ca_file);
        cs->http_ca_file = NULL;
        return 0;
    }
    const char *path = cmd_arg(c, "path");
    if (!path || path[0] != '/')
        return cmd_fail(c, "The CA file must be given as an absolute path");
    free(cs->http_ca_file);
    cs->http_ca_file = xstrdup(path);
    return 0;
}

static void cookie_debug(struct cmd_call *c, bool on)
{
    http_debug_cookies(call_agent(c), on);
    sb_printf(c->out, "HTTP Client Cookie debugging is %s\n", on ? "on" : "off");
}

static int debug_ip_http_cookie(struct cmd_call *c)
{
    cookie_debug(c, !c->negate);
    return 0;
}

static int debug_ip_http_cookie_off(struct cmd_call *c)
{
    cookie_debug(c, false);
    return 0;
}

static const struct cmd_binding table[] = {
    {"show_ip_http_client_cookie", show_ip_http_client_cookie,
     "summary cookie_domain cookie_name session_name"},
    {"clear_ip_http_client_cookie", clear_ip_http_client_cookie,
     "cookie_domain cookie_name session_name"},
    {"show_ip_http_client_connection", show_ip_http_client_connection, ""},
    {"ip_http_client_ca_file", ip_http_client_ca_file, "path"},
    {"debug_ip_http_cookie", debug_ip_http_cookie, ""},
    {"debug_ip_http_cookie_off", debug_ip_http_cookie_off, ""},
};
HANDLER_TABLE(http_client_handlers, table);
