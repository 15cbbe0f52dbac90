/* InternetGatewayDevice.LANDevice.{i}: the interfaces without `cwmp wan`. */
#include "dm_util.h"

static void list_lan(struct dm_ctx *c, const struct dm_inst *parent, struct dm_list *out)
{
    (void)parent;
    for (size_t i = 0; i < c->store->nifs; i++)
        if (!c->store->ifs[i].cwmp_wan)
            dm_list_add(out, c->store->ifs[i].name, &c->store->ifs[i]);
}

#define LD "InternetGatewayDevice.LANDevice."

const struct dm_def dm_lan_defs[] = {
    DM_TABLE(LD, list_lan, "interfaces without cwmp wan"),
    DM_OBJECT(LD "{i}.", "interface IFNAME"),
};
const size_t dm_lan_def_count = sizeof dm_lan_defs / sizeof dm_lan_defs[0];
