/* The configuration store rendered as IOS text, in IOS order. */
#ifndef CWMP_CONFIG_RENDER_H
#define CWMP_CONFIG_RENDER_H

#include "config_store.h"
#include "strbuf.h"

/* The configuration from its first `!` to `end`, as startup-config saves it. */
void config_render(const struct config_store *cs, struct strbuf *out);

/* The same with the lines that hold their default, as IOS's show running-config all: at the
 * global level, and inside each block that running-config shows (never a block of its own). */
void config_render_all(const struct config_store *cs, struct strbuf *out);

/* One interface's block, from its `interface` line to its last, as running-config shows it
 * (show running-config interface). */
void config_render_iface(const struct iface *f, struct strbuf *out);

/* How a password appears in running-config: "lab", "0 7", or "7 0822455D0A16". */
void password_render(const struct password *p, struct strbuf *out);

#endif
