/* What the command handlers of every feature share, and their tables. */
#ifndef CWMP_HANDLERS_H
#define CWMP_HANDLERS_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stdint.h>

#include "configuration.h"
#include "core.h"
#include "grammar.h"

static inline struct agent_session *call_session(const struct cmd_call *c)
{
    return c->session->app;
}

static inline struct agent *call_agent(const struct cmd_call *c)
{
    return call_session(c)->agent;
}

static inline struct config_store *call_store(const struct cmd_call *c)
{
    return call_session(c)->store;
}

/* Prints "% <message>" and returns -1, the handler's failure. */
int cmd_fail(struct cmd_call *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The named argument as an address or a number (the grammar has validated its form). */
struct in_addr arg_ipv4(const struct cmd_call *c, const char *name);
struct in_addr arg_ipv4_nth(const struct cmd_call *c, const char *name, size_t nth);
long long arg_long(const struct cmd_call *c, const char *name);
/* A password given as {0 WORD$password | 7 WORD$encrypted | WORD$password}. */
int arg_password(struct cmd_call *c, struct password *p, size_t max);
/* A secret given as {0 LINE$secret | 5 WORD$md5 | 8 WORD$pbkdf2 | 9 WORD$hash | LINE$secret}
 * into *slot: a hash is kept as given when it is a valid one of its type, a clear secret as its
 * type 9 hash. */
int arg_secret(struct cmd_call *c, char **slot);
/* A clear secret given as `algorithm-type {md5|sha256|scrypt} secret LINE$secret` into *slot: its
 * type 5, 8 or 9 hash. */
int arg_secret_algorithm(struct cmd_call *c, char **slot);

/* The operator's answer to IOS's "[yes/no]" questions: a prefix of yes or no, in any case (false
 * for anything else, which IOS asks again). */
bool answer_yes_no(const char *text, bool *yes);
/* The answer to a "[confirm]" question: Enter, or a prefix of yes. */
bool answer_confirms(const char *text);

/* Another session may delete what a sub-mode of this one configures (no interface, no ip dhcp
 * pool): a line typed there would create it again. Before each line of an operator's shell: when
 * the interface or pool of a frame is gone, the session leaves that frame and those above it,
 * "% Interface NAME no longer exists" (or "% DHCP pool NAME ...") is written to out, and true is
 * returned: the line is not run. */
bool shell_submode_gone(struct agent_session *s, struct strbuf *out);

/* An uptime in IOS's words ("2 days, 3 hours, 4 minutes"), for show version. */
void uptime_text(uint64_t seconds, struct strbuf *out);

/* write memory: "Building configuration..." then "[OK]" or the error (cmd_config_file.c). */
int config_write_startup(struct agent *a, struct strbuf *out);

struct handler_table {
    const struct cmd_binding *v;
    size_t n;
};
#define HANDLER_TABLE(name, array)                                                                 \
    const struct handler_table name = {array, sizeof array / sizeof array[0]}

extern const struct handler_table system_handlers;
extern const struct handler_table config_file_handlers;
extern const struct handler_table interface_handlers;
extern const struct handler_table dhcp_handlers;
extern const struct handler_table nat_handlers;
extern const struct handler_table cwmp_handlers;
extern const struct handler_table terminal_handlers;
extern const struct handler_table cwmp_show_handlers;
extern const struct handler_table ip_handlers;
extern const struct handler_table http_client_handlers;
extern const struct handler_table logging_handlers;
extern const struct handler_table file_handlers;
extern const struct handler_table copy_handlers;
extern const struct handler_table reload_handlers;
extern const struct handler_table lease_handlers;
extern const struct handler_table autoinstall_handlers;
extern const struct handler_table verify_handlers;
extern const struct handler_table archive_handlers;
extern const struct handler_table users_handlers;
extern const struct handler_table diag_handlers;

/* The handler table of every agent command (handlers.c). */
int agent_bind_handlers(struct agent *a, struct strbuf *err);

#endif
