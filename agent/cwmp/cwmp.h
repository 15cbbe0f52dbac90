/* The door of cwmp/: the CWMP engine: sessions, the RPCs, the SOAP codec. Other rooms include this
 * header, never the room's others. */
#ifndef CWMP_DOOR_CWMP_H
#define CWMP_DOOR_CWMP_H

#include "cwmp_inform.h"
#include "cwmp_session.h"
#include "rpc.h"
#include "soap.h"

#endif
