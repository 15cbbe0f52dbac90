/* The door of lan/: the LAN: DHCP leases and TR-111 device-gateway association. Other rooms
 * include this header, never the room's others. */
#ifndef CWMP_DOOR_LAN_H
#define CWMP_DOOR_LAN_H

#include "acs_discovery.h"
#include "dhcp_acs.h"
#include "lease_table.h"
#include "tr111.h"
#include "wan_watch.h"

#endif
