/* InternetGatewayDevice.Layer3Forwarding. */
#include "dm_util.h"

static int get_zero(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out)
{
    (void)c;
    (void)in;
    sb_putc(out, '0');
    return 0;
}

#define L3 "InternetGatewayDevice.Layer3Forwarding."

const struct dm_def dm_l3_defs[] = {
    DM_OBJECT(L3, "routing"),
    DM_RO(L3 "ForwardNumberOfEntries", DMT_UINT, get_zero, "ip route lines"),
};
const size_t dm_l3_def_count = sizeof dm_l3_defs / sizeof dm_l3_defs[0];
