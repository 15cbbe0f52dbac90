/* The CWMP session engine: one session at a time with the ACS of `management server url`, on the
 * agent's loop (libcurl's multi interface through httpclient/): Inform with the queued events,
 * the empty POST, the ACS's requests until it answers 204; retries with the randomised
 * exponential back-off of TR-069; periodic Informs; the notification scan. */
#ifndef CWMP_CWMP_SESSION_H
#define CWMP_CWMP_SESSION_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "strbuf.h"

struct agent;
struct cwmp_engine;

/* The methods cwmpd calls on the ACS, in the order a session sends them. The engine writes each
 * request under its entry's element, so that show cwmp methods lists what is really sent. */
enum cpe_method { CPE_INFORM, CPE_TRANSFER_COMPLETE, CPE_METHOD_COUNT };
struct cpe_method_def {
    const char *name;    /* as show cwmp methods lists it */
    const char *element; /* the SOAP body's element */
};
extern const struct cpe_method_def cpe_methods[CPE_METHOD_COUNT];

struct cwmp_engine *cwmp_engine_new(struct agent *a);
void cwmp_engine_free(struct cwmp_engine *e);

/* A reason to contact the ACS: queues the event (persisted) and starts a session as soon as
 * none runs. key is the command key of "M ..." events, NULL otherwise. */
void cwmp_engine_trigger(struct cwmp_engine *e, const char *code, const char *key);
/* An accepted connection request, once its 200 is out: "6 CONNECTION REQUEST" starts a session
 * now, or, when one is running, one more session after it (however many arrive meanwhile). */
void cwmp_engine_connection_request(struct cwmp_engine *e);
/* Whether a connection request accepted now would merge into a session already due to start
 * for one (false: it would cause a session of its own). */
bool cwmp_engine_cr_merges(const struct cwmp_engine *e);
/* The ScheduleInform requests of the state changed: the timer follows the earliest. */
void cwmp_engine_schedule_changed(struct cwmp_engine *e);
/* Reloads now when no session runs, else as soon as the running one ends (whatever its
 * outcome): a firmware image or a configuration file was installed. */
void cwmp_engine_reboot_when_idle(struct cwmp_engine *e);
/* Sends the TransferCompletes owed: a session now when none runs (a transfer just completed). */
void cwmp_engine_transfer_done(struct cwmp_engine *e);

/* Whether sessions can start at all: the agent is enabled and has an ACS URL. */
bool cwmp_engine_usable(const struct cwmp_engine *e);
/* The ACS URL in use: the configured one, else the one DHCP named (TR-069 §3.1); NULL: none. */
const char *cwmp_engine_url(const struct cwmp_engine *e);
/* The configuration changed (CLI, ACS, startup-config): enable/disable, the URL, periodic
 * settings, the scan interval are read again. */
void cwmp_engine_config_changed(struct cwmp_engine *e);
/* Runs the notification scan now (tests, and after a configuration change). */
void cwmp_engine_scan(struct cwmp_engine *e);

/* What `show cwmp session` prints. */
void cwmp_engine_show(struct cwmp_engine *e, struct strbuf *out);
bool cwmp_engine_busy(const struct cwmp_engine *e);

/* The wait before retry number n (1 for the first retry), in milliseconds, for the minimum wait m
 * (seconds) and multiplier k (thousandths), with r a uniform random number in [0, 1). */
uint64_t cwmp_retry_wait_ms(unsigned n, unsigned m, unsigned k, double r);
/* When the next periodic Inform is due (epoch seconds) after now. */
long long cwmp_next_periodic(long long now, unsigned long interval, long long phase_time,
                             long long enabled_at);

#endif
