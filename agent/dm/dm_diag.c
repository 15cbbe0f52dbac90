/* The ACS's diagnostics: the state machine every kind shares (dm_diag.h). */
#include "dm_diag.h"

#include <string.h>

#include "diag.h"
#include "platform.h"
#include "xalloc.h"

static const struct dm_diag_kind *const kinds[DM_DIAG_KINDS] = {
    [DM_DIAG_IPPING] = &dm_diag_ipping,
    [DM_DIAG_TRACEROUTE] = &dm_diag_traceroute,
    [DM_DIAG_DOWNLOAD] = &dm_diag_download,
    [DM_DIAG_UPLOAD] = &dm_diag_upload,
};

/* What a SetParameterValues does to a kind, kept aside until it is known to apply whole. */
struct staged {
    void *params;
    bool touched;   /* a test parameter written */
    bool requested; /* DiagnosticsState set to Requested */
};

struct dm_diag {
    struct dm_diag_slot slot[DM_DIAG_KINDS];
    struct staged staged[DM_DIAG_KINDS];
    bool staging;
};

static struct dm_diag *diags(struct agent *a)
{
    if (a->diagdm)
        return a->diagdm;
    struct dm_diag *d = xcalloc(1, sizeof *d);
    for (int k = 0; k < DM_DIAG_KINDS; k++) {
        d->slot[k].kind = kinds[k];
        d->slot[k].agent = a;
        d->slot[k].params = xcalloc(1, kinds[k]->params_size);
        kinds[k]->defaults(d->slot[k].params);
        d->staged[k].params = xcalloc(1, kinds[k]->params_size);
    }
    a->diagdm = d;
    return d;
}

struct dm_diag_slot *dm_diag_slot(struct agent *a, enum dm_diag_kind_id k)
{
    return &diags(a)->slot[k];
}

/* A request's first write copies the parameters in force; later ones change the copy. */
static void stage(struct dm_diag *d)
{
    if (d->staging)
        return;
    d->staging = true;
    for (int k = 0; k < DM_DIAG_KINDS; k++) {
        memcpy(d->staged[k].params, d->slot[k].params, kinds[k]->params_size);
        d->staged[k].touched = d->staged[k].requested = false;
    }
}

void *dm_diag_params(struct agent *a, enum dm_diag_kind_id k)
{
    struct dm_diag *d = diags(a);
    return d->staging ? d->staged[k].params : d->slot[k].params;
}

void dm_diag_touched(struct agent *a, enum dm_diag_kind_id k)
{
    struct dm_diag *d = diags(a);
    stage(d);
    d->staged[k].touched = true;
}

/* Without a word back: the slot is being reset. */
static void cancel(struct agent *a, struct dm_diag_slot *s)
{
    if (!s->run)
        return;
    if (s->kind->engine == DM_DIAG_ENGINE_ICMP && a->diag)
        diag_cancel(a->diag, s->run, false);
    else if (s->kind->engine == DM_DIAG_ENGINE_HTTP && a->diag_http)
        diag_http_cancel(a->diag_http, s->run, false);
}

static void stop(struct agent *a, struct dm_diag_slot *s)
{
    if (s->phase == DM_DIAG_RUNNING)
        cancel(a, s);
    s->run = 0;
    if (s->kind->clear) {
        s->kind->clear(s);
        return;
    }
    free(s->results);
    s->results = NULL;
}

void dm_diag_settle(struct agent *a, bool applied)
{
    struct dm_diag *d = a->diagdm;
    if (!d || !d->staging)
        return;
    d->staging = false;
    if (!applied)
        return;
    for (int k = 0; k < DM_DIAG_KINDS; k++) {
        struct staged *st = &d->staged[k];
        struct dm_diag_slot *s = &d->slot[k];
        memcpy(s->params, st->params, kinds[k]->params_size);
        /* TR-098: a request while a test runs restarts it with the parameters now in force; a
         * parameter written without one stops it and forgets the results. */
        if (st->requested) {
            stop(a, s);
            s->phase = DM_DIAG_REQUESTED;
            s->outcome = NULL;
        } else if (st->touched) {
            stop(a, s);
            s->phase = DM_DIAG_NONE;
            s->outcome = NULL;
        }
    }
}

void dm_diag_kick(struct agent *a)
{
    struct dm_diag *d = a->diagdm;
    if (!d || !a->diag || a->going_down || agent_session_busy(a))
        return;
    for (int k = 0; k < DM_DIAG_KINDS; k++) {
        struct dm_diag_slot *s = &d->slot[k];
        if (s->phase != DM_DIAG_REQUESTED)
            continue;
        s->phase = DM_DIAG_RUNNING;
        const char *error = s->kind->start(a, s);
        if (error)
            dm_diag_ended(a, s, error);
    }
}

void dm_diag_ended(struct agent *a, struct dm_diag_slot *s, const char *outcome)
{
    s->phase = DM_DIAG_ENDED;
    s->outcome = outcome;
    s->run = 0;
    agent_log(a, LOG_INFO, "%%CWMP-6-DIAGNOSTICS: %s ended: %s", s->kind->object, outcome);
    agent_diagnostics_done(a);
}

void dm_diag_free(struct agent *a)
{
    struct dm_diag *d = a->diagdm;
    if (!d)
        return;
    for (int k = 0; k < DM_DIAG_KINDS; k++) {
        stop(a, &d->slot[k]);
        free(d->slot[k].params);
        free(d->staged[k].params);
    }
    free(d);
    a->diagdm = NULL;
}

int dm_diag_get_state(struct dm_ctx *c, enum dm_diag_kind_id k, struct strbuf *out)
{
    const struct dm_diag_slot *s = dm_diag_slot(c->agent, k);
    switch (s->phase) {
    case DM_DIAG_NONE:
        sb_puts(out, "None");
        break;
    case DM_DIAG_REQUESTED:
    case DM_DIAG_RUNNING:
        sb_puts(out, "Requested");
        break;
    case DM_DIAG_ENDED:
        sb_puts(out, s->outcome);
        break;
    }
    return 0;
}

int dm_diag_set_state(struct dm_ctx *c, enum dm_diag_kind_id k, const char *v)
{
    /* The other values are the CPE's to give (TR-098: "When writing, the only allowed value is
     * Requested"). */
    if (strcmp(v, "Requested") != 0)
        return 9007;
    struct dm_diag *d = diags(c->agent);
    stage(d);
    d->staged[k].requested = true;
    return 0;
}

int dm_diag_verify_state(struct dm_ctx *c, enum dm_diag_kind_id k)
{
    struct dm_diag *d = diags(c->agent);
    if (d->staging && d->staged[k].requested &&
        !((const char *)d->staged[k].params)[kinds[k]->required])
        return 9007;
    return 0;
}

int dm_diag_get_text(struct dm_ctx *c, enum dm_diag_kind_id k, size_t field, struct strbuf *out)
{
    sb_puts(out, (const char *)dm_diag_params(c->agent, k) + field);
    return 0;
}

int dm_diag_set_text(struct dm_ctx *c, enum dm_diag_kind_id k, size_t field, size_t cap,
                     const char *v)
{
    dm_diag_touched(c->agent, k);
    snprintf((char *)dm_diag_params(c->agent, k) + field, cap, "%s", v);
    return 0;
}

int dm_diag_get_uint(struct dm_ctx *c, enum dm_diag_kind_id k, size_t field, struct strbuf *out)
{
    unsigned u;
    memcpy(&u, (const char *)dm_diag_params(c->agent, k) + field, sizeof u);
    sb_printf(out, "%u", u);
    return 0;
}

int dm_diag_set_uint(struct dm_ctx *c, enum dm_diag_kind_id k, size_t field, unsigned long max,
                     const char *v)
{
    unsigned long n = dm_ulong(v); /* the type's range is checked before */
    if (max && n > max)
        return 9007;
    dm_diag_touched(c->agent, k);
    unsigned u = (unsigned)n;
    memcpy((char *)dm_diag_params(c->agent, k) + field, &u, sizeof u);
    return 0;
}

int dm_diag_set_iface(struct dm_ctx *c, enum dm_diag_kind_id k, size_t field, size_t cap,
                      const char *v)
{
    char linux_name[IF_NAMESIZE];
    if (!dm_diag_interface(c, v, linux_name, sizeof linux_name))
        return 9007;
    return dm_diag_set_text(c, k, field, cap, v);
}

const void *dm_diag_results(struct dm_ctx *c, enum dm_diag_kind_id k, const void *none)
{
    const struct dm_diag_slot *s = dm_diag_slot(c->agent, k);
    return s->phase == DM_DIAG_ENDED && s->results ? s->results : none;
}

bool dm_diag_device(struct agent *a, const char *iface, char *linux_name, size_t cap)
{
    struct dm_ctx c = {.agent = a, .store = a->running, .state = &a->cwmp};
    return dm_diag_interface(&c, iface, linux_name, cap);
}

bool dm_diag_started(struct agent *a, struct dm_diag_slot *s, struct strbuf *err)
{
    if (!s->run)
        agent_log(a, LOG_WARNING, "%%CWMP-4-DIAGNOSTICS: %s not started: %s", s->kind->object,
                  sb_str(err));
    sb_free(err);
    return s->run != 0;
}

/* The interface objects an Interface value may name: TR-098 says "the full hierarchical
 * parameter name" of a WAN connection or a LAN IPInterface. */
static const char *const iface_patterns[] = {
    "InternetGatewayDevice.LANDevice.{i}.LANHostConfigManagement.IPInterface.{i}.",
    "InternetGatewayDevice.WANDevice.{i}.WANConnectionDevice.{i}.WANIPConnection.{i}.",
    "InternetGatewayDevice.WANDevice.{i}.WANConnectionDevice.{i}.WANPPPConnection.{i}.",
};

bool dm_diag_interface(struct dm_ctx *c, const char *path, char *linux_name, size_t cap)
{
    linux_name[0] = '\0';
    if (!*path)
        return true;
    size_t len = strlen(path);
    if (len + 1 > DM_PATH_MAX)
        return false;
    char obj[DM_PATH_MAX + 1];
    snprintf(obj, sizeof obj, "%s%s", path, path[len - 1] == '.' ? "" : ".");
    struct dm_lookup l;
    if (dm_lookup(c->agent->dm, c, obj, &l) != 0)
        return false;
    bool ok = false;
    for (size_t i = 0; i < sizeof iface_patterns / sizeof iface_patterns[0]; i++)
        if (!strcmp(l.it.node->pattern, iface_patterns[i]) && l.it.inst.key[0]) {
            platform_linux_name(l.it.inst.key[0], linux_name, cap);
            ok = linux_name[0] != '\0';
        }
    dm_lookup_release(&l);
    return ok;
}
