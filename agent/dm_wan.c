/* InternetGatewayDevice.WANDevice.{i}: the interfaces with `cwmp wan`. */
#include "dm_util.h"

static void list_wan(struct dm_ctx *c, const struct dm_inst *parent, struct dm_list *out)
{
    (void)parent;
    for (size_t i = 0; i < c->store->nifs; i++)
        if (c->store->ifs[i].cwmp_wan)
            dm_list_add(out, c->store->ifs[i].name, &c->store->ifs[i]);
}

#define WD "InternetGatewayDevice.WANDevice."

const struct dm_def dm_wan_defs[] = {
    DM_TABLE(WD, list_wan, "interfaces with cwmp wan"),
    DM_OBJECT(WD "{i}.", "interface IFNAME with cwmp wan"),
};
const size_t dm_wan_def_count = sizeof dm_wan_defs / sizeof dm_wan_defs[0];
