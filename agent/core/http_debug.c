#include "http_debug.h"

#include "context.h"
#include "cookie.h"
#include "http_client.h"
#include "log.h"

static const char *const cookie_events[] = {
    [COOKIE_RECEIVED] = "received", [COOKIE_STORED] = "stored",   [COOKIE_REJECTED] = "rejected",
    [COOKIE_SENT] = "sent",         [COOKIE_EXPIRED] = "expired",
};

static void log_cookie(void *arg, const char *client, enum cookie_event ev, const char *message)
{
    struct agent *a = arg;
    agent_debug(a, DEBUG_HTTP_COOKIE, "HTTPC: cookie %s (session %s): %s", cookie_events[ev],
                client, message);
}

void http_debug_attach(struct agent *a, struct http_client *client)
{
    http_client_set_cookie_log(client, log_cookie, a);
}

void http_debug_cookies(struct agent *a, bool on)
{
    if (on)
        a->debug |= DEBUG_HTTP_COOKIE;
    else
        a->debug &= ~DEBUG_HTTP_COOKIE;
}
