/* Port mappings: the static NAT rules of the configuration store (struct nat_rule), which are
 * both the `ip nat inside source static` lines and the PortMapping.{i} instances of the default
 * WAN connection (TR-098).
 *
 * One rule is one instance. A rule is a line of running-config (and is handed to the nat-apply
 * hook) when it is complete (InternalClient, InternalPort and ExternalPort set), enabled, and has
 * a global address: its own, or for the rules that follow the WAN address (those the ACS makes,
 * and lines typed with that address) the current address of the `cwmp wan default` interface.
 * The others exist for the ACS only. What a line has no room for (those instances, descriptions,
 * registry keys, following the WAN address) is saved with the startup-config as records
 * (nat_map_records) and put back when that startup-config is loaded (nat_map_restore). */
#ifndef CWMP_NAT_MAP_H
#define CWMP_NAT_MAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config_store.h"
#include "strbuf.h"

void nat_rule_free(struct nat_rule *r);
/* A new instance of the ACS's (AddObject) with registry key key: TCP (TR-098 has the CPE choose a
 * protocol), no ports and no client yet, enabled, on the WAN address, extendable as the feature
 * documentation's example. */
struct nat_rule *nat_rule_add(struct config_store *cs, const char *key);
void nat_rule_delete(struct config_store *cs, struct nat_rule *r);
/* A rule's protocol and ExternalPort, changed in its store's index with it. */
void nat_rule_set_proto(struct config_store *cs, struct nat_rule *r, enum nat_proto proto);
void nat_rule_set_port(struct config_store *cs, struct nat_rule *r, uint16_t global_port);

/* The store's index of its rules (struct nat_index), for config_store_clone and
 * config_store_free; nat_index_valid says whether it indexes every rule of nat[] rightly, and
 * nothing else (for tests). */
void nat_index_clone(struct config_store *copy, const struct config_store *cs);
void nat_index_free(struct config_store *cs);
bool nat_index_valid(const struct config_store *cs);

/* InternalClient, InternalPort and ExternalPort are set. */
bool nat_rule_complete(const struct nat_rule *r);
/* The global address the rule forwards from; false when it follows the WAN address and the WAN
 * interface has none (or there is no `cwmp wan default` interface). */
bool nat_rule_global(const struct config_store *cs, const struct nat_rule *r, struct in_addr *g);
/* A line of running-config: complete, enabled, with a global address (given in *g). */
bool nat_rule_active(const struct config_store *cs, const struct nat_rule *r, struct in_addr *g);
/* Another rule with the same protocol, global address and ExternalPort, which IOS calls a similar
 * static entry and TR-098 a duplicate of the table's unique key (RemoteHost is always empty here).
 * Rules without an ExternalPort never conflict. NULL when none. */
struct nat_rule *nat_rule_conflict(struct config_store *cs, const struct nat_rule *r);

/* `ip nat inside source static` as typed or loaded (negate: the `no` form), with the line's
 * values in typed (proto, local, local_port, global, global_port, extendable). Returns 0, or -1
 * with IOS's message (without "% ") in why. */
int nat_static_command(struct config_store *cs, const struct nat_rule *typed, bool negate,
                       struct strbuf *why);

/* The lines of running-config, in the order the rules are kept. */
void nat_render(const struct config_store *cs, struct strbuf *out);

/* The records to save with a startup-config rendered from cs: one text for each rule the line
 * alone does not restore (its number in *n, the texts allocated, free each and *v). */
void nat_map_records(const struct config_store *cs, char ***v, size_t *n);
/* Puts records back once their startup-config is loaded into cs: the data of its lines, matched
 * by their values, and when same_config (the startup-config is the very one they were saved with)
 * the instances that were not lines. Returns how many records no longer fit and were dropped. */
size_t nat_map_restore(struct config_store *cs, char *const *v, size_t n, bool same_config);

#endif
