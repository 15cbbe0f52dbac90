/* Binding every handler name of the grammar to its function, and helpers all handlers use. */
#include "handlers.h"

#include <arpa/inet.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "configuration.h"

static const struct handler_table *const tables[] = {
    &system_handlers,    &config_file_handlers, &interface_handlers, &dhcp_handlers,
    &nat_handlers,       &cwmp_handlers,        &terminal_handlers,  &ip_handlers,
    &cwmp_show_handlers, &http_client_handlers, &logging_handlers,   &file_handlers,
    &copy_handlers,      &reload_handlers,      &lease_handlers,     &verify_handlers,
    &diag_handlers,
};

int agent_bind_handlers(struct agent *a, struct strbuf *err)
{
    int rc = 0;
    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++)
        if (grammar_bind(a->grammar, tables[i]->v, tables[i]->n, a, err) < 0)
            rc = -1;
    size_t before = err->len;
    grammar_unbound(a->grammar, err);
    return rc == 0 && err->len == before ? 0 : -1;
}

int cmd_fail(struct cmd_call *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sb_puts(c->out, "% ");
    sb_vprintf(c->out, fmt, ap);
    sb_putc(c->out, '\n');
    va_end(ap);
    return -1;
}

struct in_addr arg_ipv4_nth(const struct cmd_call *c, const char *name, size_t nth)
{
    struct in_addr a = {0};
    const char *v = cmd_arg_nth(c, name, nth);
    if (v)
        inet_pton(AF_INET, v, &a);
    return a;
}

struct in_addr arg_ipv4(const struct cmd_call *c, const char *name)
{
    return arg_ipv4_nth(c, name, 0);
}

long arg_long(const struct cmd_call *c, const char *name)
{
    const char *v = cmd_arg(c, name);
    return v ? strtol(v, NULL, 10) : 0;
}

int arg_password(struct cmd_call *c, struct password *p, size_t max)
{
    const char *clear = cmd_arg(c, "password");
    const char *enc = cmd_arg(c, "encrypted");
    if (enc) {
        char buf[CWMP_PASSWORD_MAX + 1];
        if (!type7_decode(enc, buf, sizeof buf))
            return cmd_fail(c, "Invalid encrypted password: %s", enc);
        password_set(p, buf, enc);
        return 0;
    }
    if (!clear || strlen(clear) > max)
        return cmd_fail(c, "Password longer than %zu characters", max);
    password_set(p, clear, NULL);
    if (call_store(c)->password_encryption)
        password_hide(p);
    return 0;
}

/* The answer without the blanks around it. */
static size_t trimmed(const char *text, const char **start)
{
    while (*text == ' ' || *text == '\t')
        text++;
    size_t len = strlen(text);
    while (len > 0 && (text[len - 1] == ' ' || text[len - 1] == '\t'))
        len--;
    *start = text;
    return len;
}

bool answer_yes_no(const char *text, bool *yes)
{
    const char *p;
    size_t len = trimmed(text, &p);
    if (len == 0)
        return false;
    if (len <= 3 && !strncasecmp(p, "yes", len)) {
        *yes = true;
        return true;
    }
    if (len <= 2 && !strncasecmp(p, "no", len)) {
        *yes = false;
        return true;
    }
    return false;
}

bool answer_confirms(const char *text)
{
    const char *p;
    size_t len = trimmed(text, &p);
    return len == 0 || (len <= 3 && !strncasecmp(p, "yes", len));
}
