/* The autoinstall commands: the DHCP client's hook offers the lease's TFTP servers and boot file
 * (cwmp autoinstall), and show autoinstall; the work is transfer/autoinstall.c's. */
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "handlers.h"
#include "transfer.h"

/* For the DHCP client's hook: option 150's addresses (or option 66's name), comma-separated in
 * the order to try, and option 67's file. */
static int cwmp_autoinstall(struct cmd_call *c)
{
    struct agent *a = call_agent(c);
    const char *servers = cmd_arg(c, "server"), *file = cmd_arg(c, "file");
    const char *bad = autoinstall_offer_problem(servers, file);
    if (bad)
        return cmd_fail(c, "%s", bad);
    if (!a->transfer)
        return cmd_fail(c, "Autoinstall needs a running cwmpd");
    autoinstall_offer(a, servers, file);
    return 0;
}

static int show_autoinstall(struct cmd_call *c)
{
    autoinstall_show(call_agent(c), c->out);
    return 0;
}

static const struct cmd_binding table[] = {
    {"cwmp_autoinstall", cwmp_autoinstall, "server file"},
    {"show_autoinstall", show_autoinstall, ""},
};
HANDLER_TABLE(autoinstall_handlers, table);
