/* Helpers of the data-model tables (dm_*.c). */
#ifndef CWMP_DM_UTIL_H
#define CWMP_DM_UTIL_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "configuration.h"
#include "core.h"
#include "dm.h"
#include "persist.h"
#include "xsd.h"

/* The schema tables, one per part of InternetGatewayDevice, each defined with its count of rows
 * by the dm_*.c file of its name; dm.c builds the tree from them all. */
extern const struct dm_def dm_device_defs[]; /* the root's own and DeviceInfo */
extern const size_t dm_device_def_count;
extern const struct dm_def dm_mgmt_defs[]; /* ManagementServer */
extern const size_t dm_mgmt_def_count;
extern const struct dm_def dm_time_defs[]; /* Time */
extern const size_t dm_time_def_count;
extern const struct dm_def dm_lan_defs[]; /* LANDevice */
extern const size_t dm_lan_def_count;
extern const struct dm_def dm_lanhost_defs[]; /* LANDevice.{i}.LANHostConfigManagement */
extern const size_t dm_lanhost_def_count;
extern const struct dm_def dm_wan_defs[]; /* WANDevice */
extern const size_t dm_wan_def_count;
extern const struct dm_def dm_wanconn_defs[]; /* WANDevice.{i}.WANConnectionDevice */
extern const size_t dm_wanconn_def_count;
extern const struct dm_def dm_l3_defs[]; /* Layer3Forwarding */
extern const size_t dm_l3_def_count;
extern const struct dm_def dm_diag_defs[]; /* IPPingDiagnostics, TraceRouteDiagnostics */
extern const size_t dm_diag_def_count;
extern const struct dm_def dm_diag_tr143_defs[]; /* DownloadDiagnostics, UploadDiagnostics */
extern const size_t dm_diag_tr143_def_count;

static inline void dm_put_bool(struct strbuf *out, bool v)
{
    sb_puts(out, v ? "true" : "false");
}

static inline void dm_put_str(struct strbuf *out, const char *s)
{
    sb_puts(out, s ? s : "");
}

static inline void dm_put_time(struct strbuf *out, long long epoch)
{
    char t[32];
    xsd_datetime(epoch, t);
    sb_puts(out, t);
}

/* A value dm_check_value has accepted as xsd:boolean. */
static inline bool dm_bool(const char *v)
{
    return v[0] == '1' || v[0] == 't';
}

static inline unsigned long dm_ulong(const char *v)
{
    return strtoul(v, NULL, 10);
}

#define DM_OBJECT(p, src)                                                                          \
    {                                                                                              \
        .path = p, .type = DMT_OBJECT, .source = src                                               \
    }
#define DM_TABLE(p, lister, src)                                                                   \
    {                                                                                              \
        .path = p, .type = DMT_OBJECT, .list = lister, .source = src                               \
    }
#define DM_RO(p, t, getter, src)                                                                   \
    {                                                                                              \
        .path = p, .type = t, .get = getter, .source = src                                         \
    }
#define DM_RW(p, t, getter, setter, src)                                                           \
    {                                                                                              \
        .path = p, .type = t, .flags = DMF_WRITABLE, .get = getter, .set = setter, .source = src   \
    }

#endif
