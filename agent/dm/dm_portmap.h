/* WANIPConnection.{i}.PortMapping.{i} and WANPPPConnection.{i}.PortMapping.{i}: the port mappings
 * (nat_map.h) on the default connection, through AddObject, DeleteObject and SetParameterValues as
 * well as the `ip nat inside source static` command. The definitions sit inside each connection's
 * table (dm_wanconn.c), where TR-098 lists them. */
#ifndef CWMP_DM_PORTMAP_H
#define CWMP_DM_PORTMAP_H

#include "dm_util.h"

void dm_pm_list(struct dm_ctx *c, const struct dm_inst *parent, struct dm_list *out);
int dm_pm_add(struct dm_ctx *c, const struct dm_inst *parent, struct strbuf *key);
int dm_pm_delete(struct dm_ctx *c, const struct dm_inst *in);
int dm_pm_get_count(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out);
int dm_pm_get_enabled(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out);
int dm_pm_set_enabled(struct dm_ctx *c, const struct dm_inst *in, const char *v);
int dm_pm_set_lease(struct dm_ctx *c, const struct dm_inst *in, const char *v);
int dm_pm_set_remote(struct dm_ctx *c, const struct dm_inst *in, const char *v);
int dm_pm_get_external_port(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out);
int dm_pm_set_external_port(struct dm_ctx *c, const struct dm_inst *in, const char *v);
int dm_pm_get_internal_port(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out);
int dm_pm_set_internal_port(struct dm_ctx *c, const struct dm_inst *in, const char *v);
int dm_pm_get_protocol(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out);
int dm_pm_set_protocol(struct dm_ctx *c, const struct dm_inst *in, const char *v);
int dm_pm_get_client(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out);
int dm_pm_set_client(struct dm_ctx *c, const struct dm_inst *in, const char *v);
int dm_pm_get_description(struct dm_ctx *c, const struct dm_inst *in, struct strbuf *out);
int dm_pm_set_description(struct dm_ctx *c, const struct dm_inst *in, const char *v);
int dm_pm_verify_port(struct dm_ctx *c, const struct dm_inst *in);
int dm_pm_verify_protocol(struct dm_ctx *c, const struct dm_inst *in);
int dm_pm_verify_client(struct dm_ctx *c, const struct dm_inst *in);
extern const char *const dm_pm_protocols[];

#define DM_PM_SRC "ip nat inside source static (default connection only)"

/* The definitions below connection prefix P ("...WANIPConnection.{i}."). */
#define DM_PORTMAP_DEFS(P)                                                                         \
    DM_RO(P "PortMappingNumberOfEntries", DMT_UINT, dm_pm_get_count,                               \
          DM_PM_SRC ", with the instances not in force"),                                          \
        {.path = P "PortMapping.",                                                                 \
         .type = DMT_OBJECT,                                                                       \
         .list = dm_pm_list,                                                                       \
         .add = dm_pm_add,                                                                         \
         .del = dm_pm_delete,                                                                      \
         .source = DM_PM_SRC},                                                                     \
        DM_OBJECT(P "PortMapping.{i}.", "ip nat inside source static"),                            \
        DM_RW(P "PortMapping.{i}.PortMappingEnabled", DMT_BOOL, dm_pm_get_enabled,                 \
              dm_pm_set_enabled, "the line is in running-config (false: kept aside)"),             \
        {.path = P "PortMapping.{i}.PortMappingLeaseDuration",                                     \
         .type = DMT_UINT,                                                                         \
         .flags = DMF_WRITABLE,                                                                    \
         .active = DM_NOTIFY_CANDENY,                                                              \
         .get = dm_get_zero,                                                                       \
         .set = dm_pm_set_lease,                                                                   \
         .source = "fixed: 0 (static; other values refused)"},                                     \
        DM_RW(P "PortMapping.{i}.RemoteHost", DMT_STRING, dm_get_empty, dm_pm_set_remote,          \
              "fixed: empty, any remote host (other values refused)"),                             \
        {.path = P "PortMapping.{i}.ExternalPort",                                                 \
         .type = DMT_UINT,                                                                         \
         .flags = DMF_WRITABLE,                                                                    \
         .max = 65535,                                                                             \
         .get = dm_pm_get_external_port,                                                           \
         .set = dm_pm_set_external_port,                                                           \
         .verify = dm_pm_verify_port,                                                              \
         .source = "ip nat inside source static: global port (0: not set)"},                       \
        {.path = P "PortMapping.{i}.InternalPort",                                                 \
         .type = DMT_UINT,                                                                         \
         .flags = DMF_WRITABLE,                                                                    \
         .max = 65535,                                                                             \
         .get = dm_pm_get_internal_port,                                                           \
         .set = dm_pm_set_internal_port,                                                           \
         .source = "ip nat inside source static: local port (0: not set)"},                        \
        {.path = P "PortMapping.{i}.PortMappingProtocol",                                          \
         .type = DMT_STRING,                                                                       \
         .flags = DMF_WRITABLE,                                                                    \
         .values = dm_pm_protocols,                                                                \
         .get = dm_pm_get_protocol,                                                                \
         .set = dm_pm_set_protocol,                                                                \
         .verify = dm_pm_verify_protocol,                                                          \
         .source = "ip nat inside source static: tcp or udp"},                                     \
        {.path = P "PortMapping.{i}.InternalClient",                                               \
         .type = DMT_STRING,                                                                       \
         .flags = DMF_WRITABLE,                                                                    \
         .max = 256,                                                                               \
         .get = dm_pm_get_client,                                                                  \
         .set = dm_pm_set_client,                                                                  \
         .verify = dm_pm_verify_client,                                                            \
         .source = "ip nat inside source static: local address (empty: not set)"},                 \
    {                                                                                              \
        .path = P "PortMapping.{i}.PortMappingDescription", .type = DMT_STRING,                    \
        .flags = DMF_WRITABLE, .max = 256, .get = dm_pm_get_description,                           \
        .set = dm_pm_set_description,                                                              \
        .source = "kept with the instance (IOS lines have no description)"                         \
    }

#endif
