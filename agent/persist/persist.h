/* The door of persist/: files that survive restarts: the CWMP state, flash:, the logging buffer's
 * ring, the UDP connection requests' replay memory. Other rooms include this header, never the
 * room's others. */
#ifndef CWMP_DOOR_PERSIST_H
#define CWMP_DOOR_PERSIST_H

#include "cwmp_state.h"
#include "flash.h"
#include "log_buffer.h"
#include "restart_record.h"
#include "udp_cr_replay.h"

#endif
