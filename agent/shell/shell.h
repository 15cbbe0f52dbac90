/* The door of shell/: the control server and the command handlers. Other rooms include this
 * header, never the room's others. */
#ifndef CWMP_DOOR_SHELL_H
#define CWMP_DOOR_SHELL_H

#include "ctl_server.h"
#include "handlers.h"

#endif
