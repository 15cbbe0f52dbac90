/* `cwmp agent` mode: the ManagementServer settings in IOS form. */
#include <stdio.h>
#include <string.h>

#include "cwmp.h"
#include "handlers.h"
#include "http_url.h"

static struct cwmp_settings *cwmp(struct cmd_call *c)
{
    return &call_store(c)->cwmp;
}

static int cwmp_agent(struct cmd_call *c)
{
    if (c->negate)
        cwmp_settings_reset(cwmp(c));
    return 0;
}

static int cwmp_enable(struct cmd_call *c)
{
    cwmp(c)->enable = !c->negate;
    return 0;
}

static int cwmp_enable_download(struct cmd_call *c)
{
    cwmp(c)->enable_download = !c->negate;
    return 0;
}

static int cwmp_management_url(struct cmd_call *c)
{
    if (c->negate) {
        str_set(&cwmp(c)->url, NULL);
        return 0;
    }
    const char *url = cmd_arg(c, "url");
    struct http_url parsed;
    const char *why;
    if (strlen(url) > CWMP_URL_MAX)
        return cmd_fail(c, "Invalid URL: longer than %d characters", CWMP_URL_MAX);
    if (http_url_parse(url, &parsed, &why) < 0)
        return cmd_fail(c, "Invalid URL: %s", why);
    str_set(&cwmp(c)->url, url);
    return 0;
}

static int cwmp_management_password(struct cmd_call *c)
{
    if (c->negate) {
        password_clear(&cwmp(c)->acs_password);
        return 0;
    }
    return arg_password(c, &cwmp(c)->acs_password, CWMP_PASSWORD_MAX);
}

static int cwmp_provision_code(struct cmd_call *c)
{
    const char *code = c->negate ? NULL : cmd_arg(c, "code");
    if (code && strlen(code) > PROVISION_CODE_MAX)
        return cmd_fail(c, "Provisioning code longer than %d characters", PROVISION_CODE_MAX);
    str_set(&cwmp(c)->provision_code, code);
    return 0;
}

static int cwmp_connection_username(struct cmd_call *c)
{
    const char *name = c->negate ? NULL : cmd_arg(c, "user");
    if (name && strlen(name) > CWMP_USERNAME_MAX)
        return cmd_fail(c, "Username longer than %d characters", CWMP_USERNAME_MAX);
    str_set(&cwmp(c)->cr_username, name);
    return 0;
}

static int cwmp_connection_password(struct cmd_call *c)
{
    if (c->negate) {
        password_clear(&cwmp(c)->cr_password);
        return 0;
    }
    return arg_password(c, &cwmp(c)->cr_password, CWMP_PASSWORD_MAX);
}

static int cwmp_session_retry_limit(struct cmd_call *c)
{
    cwmp(c)->session_retry_limit =
        c->negate ? CWMP_DEFAULT_RETRY_LIMIT : (int)arg_long(c, "retries");
    return 0;
}

static int cwmp_request_outstanding(struct cmd_call *c)
{
    cwmp(c)->request_outstanding =
        c->negate ? CWMP_DEFAULT_OUTSTANDING : (int)arg_long(c, "requests");
    return 0;
}

static int cwmp_notify_interval(struct cmd_call *c)
{
    cwmp(c)->notify_interval =
        c->negate ? CWMP_DEFAULT_NOTIFY_INTERVAL : (int)arg_long(c, "seconds");
    return 0;
}

static int cwmp_management_username(struct cmd_call *c)
{
    const char *name = c->negate ? NULL : cmd_arg(c, "user");
    if (name && strlen(name) > CWMP_USERNAME_MAX)
        return cmd_fail(c, "Username longer than %d characters", CWMP_USERNAME_MAX);
    str_set(&cwmp(c)->username, name);
    return 0;
}

static int cwmp_periodic_inform(struct cmd_call *c)
{
    cwmp(c)->periodic_enable = !c->negate;
    return 0;
}

static int cwmp_periodic_interval(struct cmd_call *c)
{
    cwmp(c)->periodic_interval =
        c->negate ? CWMP_DEFAULT_PERIODIC_INTERVAL : (unsigned long)arg_long(c, "seconds");
    return 0;
}

static int cwmp_periodic_time(struct cmd_call *c)
{
    if (c->negate) {
        cwmp(c)->periodic_time = XSD_TIME_UNKNOWN;
        cwmp(c)->periodic_time_frac[0] = '\0';
        return 0;
    }
    long long t;
    char frac[XSD_FRAC_MAX + 1];
    if (!xsd_parse_datetime_frac(cmd_arg(c, "datetime"), &t, frac))
        return cmd_fail(c, "Invalid date and time: use the form 2026-11-25T03:00:00Z");
    cwmp(c)->periodic_time = t;
    memcpy(cwmp(c)->periodic_time_frac, frac, sizeof frac);
    return 0;
}

static int cwmp_retry_wait(struct cmd_call *c)
{
    cwmp(c)->retry_wait = c->negate ? CWMP_DEFAULT_RETRY_WAIT : (unsigned)arg_long(c, "seconds");
    return 0;
}

static int cwmp_retry_multiplier(struct cmd_call *c)
{
    cwmp(c)->retry_multiplier =
        c->negate ? CWMP_DEFAULT_RETRY_MULTIPLIER : (unsigned)arg_long(c, "thousandths");
    return 0;
}

static int cwmp_notify_throttle(struct cmd_call *c)
{
    cwmp(c)->notification_throttle =
        c->negate ? CWMP_DEFAULT_NOTIFY_THROTTLE : (unsigned long)arg_long(c, "seconds");
    return 0;
}

static int cwmp_manageable_notify_limit(struct cmd_call *c)
{
    cwmp(c)->manageable_notify_limit =
        c->negate ? CWMP_DEFAULT_MANAGEABLE_LIMIT : (unsigned long)arg_long(c, "seconds");
    return 0;
}

static int cwmp_upgrades_managed(struct cmd_call *c)
{
    cwmp(c)->upgrades_managed = !c->negate;
    return 0;
}

static int cwmp_request_size_limit(struct cmd_call *c)
{
    cwmp(c)->max_message_kb =
        c->negate ? CWMP_DEFAULT_MAX_MESSAGE_KB : (unsigned)arg_long(c, "kilobytes");
    return 0;
}

static int cwmp_stun(struct cmd_call *c)
{
    cwmp(c)->stun_enable = !c->negate;
    return 0;
}

static int cwmp_stun_server(struct cmd_call *c)
{
    const char *host = c->negate ? NULL : cmd_arg(c, "host");
    if (host && strlen(host) > CWMP_STUN_HOST_MAX)
        return cmd_fail(c, "Host name longer than %d characters", CWMP_STUN_HOST_MAX);
    str_set(&cwmp(c)->stun_server, host);
    return 0;
}

static int cwmp_stun_port(struct cmd_call *c)
{
    cwmp(c)->stun_port = c->negate ? CWMP_DEFAULT_STUN_PORT : (unsigned)arg_long(c, "port");
    return 0;
}

static int cwmp_stun_username(struct cmd_call *c)
{
    const char *name = c->negate ? NULL : cmd_arg(c, "user");
    if (name && strlen(name) > CWMP_USERNAME_MAX)
        return cmd_fail(c, "Username longer than %d characters", CWMP_USERNAME_MAX);
    str_set(&cwmp(c)->stun_username, name);
    return 0;
}

static int cwmp_stun_password(struct cmd_call *c)
{
    if (c->negate) {
        password_clear(&cwmp(c)->stun_password);
        return 0;
    }
    return arg_password(c, &cwmp(c)->stun_password, CWMP_PASSWORD_MAX);
}

static int cwmp_stun_keepalive_min(struct cmd_call *c)
{
    cwmp(c)->stun_min_keepalive =
        c->negate ? CWMP_DEFAULT_STUN_MIN_KEEPALIVE : (unsigned long)arg_long(c, "seconds");
    return 0;
}

static int cwmp_stun_keepalive_max(struct cmd_call *c)
{
    cwmp(c)->stun_max_keepalive = c->negate ? -1 : arg_long(c, "seconds");
    return 0;
}

static int cwmp_udp_cr_notify_limit(struct cmd_call *c)
{
    cwmp(c)->udp_cr_notify_limit =
        c->negate ? CWMP_DEFAULT_UDP_CR_LIMIT : (unsigned long)arg_long(c, "seconds");
    return 0;
}

static const struct cmd_binding table[] = {
    {"cwmp_agent", cwmp_agent, ""},
    {"cwmp_enable", cwmp_enable, ""},
    {"cwmp_enable_download", cwmp_enable_download, ""},
    {"cwmp_management_url", cwmp_management_url, "url"},
    {"cwmp_management_password", cwmp_management_password, "password encrypted"},
    {"cwmp_provision_code", cwmp_provision_code, "code"},
    {"cwmp_connection_username", cwmp_connection_username, "user"},
    {"cwmp_connection_password", cwmp_connection_password, "password encrypted"},
    {"cwmp_session_retry_limit", cwmp_session_retry_limit, "retries"},
    {"cwmp_request_outstanding", cwmp_request_outstanding, "requests"},
    {"cwmp_notify_interval", cwmp_notify_interval, "seconds"},
    {"cwmp_management_username", cwmp_management_username, "user"},
    {"cwmp_periodic_inform", cwmp_periodic_inform, ""},
    {"cwmp_periodic_interval", cwmp_periodic_interval, "seconds"},
    {"cwmp_periodic_time", cwmp_periodic_time, "datetime"},
    {"cwmp_retry_wait", cwmp_retry_wait, "seconds"},
    {"cwmp_retry_multiplier", cwmp_retry_multiplier, "thousandths"},
    {"cwmp_notify_throttle", cwmp_notify_throttle, "seconds"},
    {"cwmp_upgrades_managed", cwmp_upgrades_managed, ""},
    {"cwmp_manageable_notify_limit", cwmp_manageable_notify_limit, "seconds"},
    {"cwmp_request_size_limit", cwmp_request_size_limit, "kilobytes"},
    {"cwmp_stun", cwmp_stun, ""},
    {"cwmp_stun_server", cwmp_stun_server, "host"},
    {"cwmp_stun_port", cwmp_stun_port, "port"},
    {"cwmp_stun_username", cwmp_stun_username, "user"},
    {"cwmp_stun_password", cwmp_stun_password, "password encrypted"},
    {"cwmp_stun_keepalive_min", cwmp_stun_keepalive_min, "seconds"},
    {"cwmp_stun_keepalive_max", cwmp_stun_keepalive_max, "seconds"},
    {"cwmp_udp_cr_notify_limit", cwmp_udp_cr_notify_limit, "seconds"},
};
HANDLER_TABLE(cwmp_handlers, table);
