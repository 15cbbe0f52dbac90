/* The door of config/: the configuration: the store, its IOS rendering, lines through the parser,
 * transactions, configure replace and the archive, the startup-config at start, NAT rules and their
 * hook, passwords and local users, the logging buffer's sink. Other rooms include this header,
 * never the room's others. */
#ifndef CWMP_DOOR_CONFIG_H
#define CWMP_DOOR_CONFIG_H

#include "config_archive.h"
#include "config_lines.h"
#include "config_net.h"
#include "config_render.h"
#include "config_replace.h"
#include "config_startup.h"
#include "config_store.h"
#include "config_txn.h"
#include "config_users.h"
#include "cwmp_agent.h"
#include "log_config.h"
#include "nat_apply.h"
#include "nat_map.h"
#include "passwords.h"

#endif
