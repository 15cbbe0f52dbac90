/* The door of core/: what every room may use: the agent's context, the events that go up, logging
 * and its sinks, the device's life, the HTTP debug trace. Other rooms include this header, never
 * the room's others. */
#ifndef CWMP_DOOR_CORE_H
#define CWMP_DOOR_CORE_H

#include "context.h"
#include "events.h"
#include "http_debug.h"
#include "lifecycle.h"
#include "log.h"

#endif
