/* The door of connreq/: the connection-request server. Other rooms include this header, never the
 * room's others. */
#ifndef CWMP_DOOR_CONNREQ_H
#define CWMP_DOOR_CONNREQ_H

#include "cr_server.h"
#include "stun_client.h"

#endif
