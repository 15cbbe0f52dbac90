/* Binding every handler name of the grammar to its function, and helpers all handlers use. */
#include "handlers.h"

#include <arpa/inet.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "configuration.h"

static const struct handler_table *const tables[] = {
    &system_handlers,      &config_file_handlers, &interface_handlers, &dhcp_handlers,
    &nat_handlers,         &cwmp_handlers,        &terminal_handlers,  &ip_handlers,
    &cwmp_show_handlers,   &http_client_handlers, &logging_handlers,   &file_handlers,
    &copy_handlers,        &reload_handlers,      &lease_handlers,     &verify_handlers,
    &autoinstall_handlers, &archive_handlers,     &users_handlers,     &diag_handlers,
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

bool shell_submode_gone(struct agent_session *s, struct strbuf *out)
{
    struct grammar *g = s->agent->grammar;
    int if_mode = grammar_mode_id(g, "config-if"), pool_mode = grammar_mode_id(g, "dhcp-config");
    for (int i = 1; i < s->cli.depth; i++) {
        const struct mode_frame *f = &s->cli.stack[i];
        if (f->mode == if_mode && !config_iface_find(s->store, f->arg))
            sb_printf(out, "%% Interface %s no longer exists\n", f->arg);
        else if (f->mode == pool_mode && !config_pool_find(s->store, f->arg))
            sb_printf(out, "%% DHCP pool %s no longer exists\n", f->arg);
        else
            continue;
        s->cli.depth = i;
        return true;
    }
    return false;
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

/* long long: ranges reach 4294967295, past a 32-bit CPU's long. */
long long arg_long(const struct cmd_call *c, const char *name)
{
    const char *v = cmd_arg(c, name);
    return v ? strtoll(v, NULL, 10) : 0;
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

int arg_secret(struct cmd_call *c, char **slot)
{
    /* A hash pasted from an IOS configuration is kept as it is, and checked as its type. */
    const char *hash = cmd_arg(c, "hash");
    int type = 9;
    if (!hash && (hash = cmd_arg(c, "md5")))
        type = 5;
    if (!hash && (hash = cmd_arg(c, "pbkdf2")))
        type = 8;
    char computed[TYPE9_LEN + 1];
    if (hash) {
        if (secret_type(hash) != type)
            return cmd_fail(c, "The secret you entered is not a valid type %d secret.", type);
    } else {
        const char *secret = cmd_arg(c, "secret");
        if (strlen(secret) > 256)
            return cmd_fail(c, "Secret longer than 256 characters");
        if (type9_hash(secret, computed, sizeof computed) < 0)
            return cmd_fail(c, "Cannot hash the secret (OpenSSL scrypt failed)");
        hash = computed;
    }
    str_set(slot, hash);
    return 0;
}

int arg_secret_algorithm(struct cmd_call *c, char **slot)
{
    const char *secret = cmd_arg(c, "secret");
    if (strlen(secret) > 256)
        return cmd_fail(c, "Secret longer than 256 characters");
    char hash[TYPE9_LEN + 1];
    int rc;
    if (cmd_has(c, "scrypt"))
        rc = type9_hash(secret, hash, sizeof hash);
    else if (cmd_has(c, "sha256"))
        rc = type8_hash(secret, hash, sizeof hash);
    else
        rc = type5_hash(secret, hash, sizeof hash);
    if (rc < 0)
        return cmd_fail(c, "Cannot hash the secret with this algorithm on this system");
    str_set(slot, hash);
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
