/* The startup-config at start. */
#ifndef CWMP_CONFIG_STARTUP_H
#define CWMP_CONFIG_STARTUP_H

struct agent;

/* Removes the temporary files an interrupted save left, runs the startup-config's lines through
 * the parser (a bad line is logged and skipped), settles a two-phase save a crash interrupted (the
 * pending ParameterKey and port mappings' records are kept if their startup-config made it to
 * disk) and gives the port mappings back what the startup-config has no room for. Returns 0, or
 * -1 when the startup-config exists but could not be read. */
int config_startup_load(struct agent *a);

#endif
