#include "events.h"

#include "context.h"

#define NOTICE(name)                                                                               \
    void agent_##name(struct agent *a)                                                             \
    {                                                                                              \
        if (a->events.name)                                                                        \
            a->events.name(a);                                                                     \
    }

NOTICE(config_changed)
NOTICE(values_changed)
NOTICE(connection_request)
NOTICE(transfer_done)
NOTICE(reboot_when_idle)
NOTICE(transfers_kick)
NOTICE(diagnostics_done)
NOTICE(acs_changed)

void agent_tftp_offered(struct agent *a, const char *servers, const char *bootfile)
{
    if (a->events.tftp_offered)
        a->events.tftp_offered(a, servers, bootfile);
}

bool agent_session_busy(const struct agent *a)
{
    return a->events.session_busy && a->events.session_busy(a);
}

bool agent_session_usable(const struct agent *a)
{
    return a->events.session_usable && a->events.session_usable(a);
}

bool agent_cr_merges(const struct agent *a)
{
    return a->events.cr_merges && a->events.cr_merges(a);
}

/* No control server: nothing to wait for. */
bool agent_shells_flushed(const struct agent *a)
{
    return !a->events.shells_flushed || a->events.shells_flushed(a);
}
