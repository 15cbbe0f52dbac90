/* Configuration lines run as lines of a file: the startup-config, and the blocks an ACS sends
 * with X_00000C_SetConfiguration. One session of their own, at privileged level, changing the store
 * it was given (the running configuration, or a copy that becomes it only if everything applied).
 */
#ifndef CWMP_CONFIG_LINES_H
#define CWMP_CONFIG_LINES_H

#include "core.h"
#include "grammar.h"
#include "strbuf.h"

struct config_lines {
    struct agent_session s;
    int config_mode;
    struct strbuf out;     /* the last line's output */
    struct strbuf message; /* its first `%` line when it failed */
};

void config_lines_begin(struct config_lines *cl, struct agent *a, struct config_store *store,
                        const char *user, const char *line);
/* Runs one line. Each line starts in global configuration at the least: `end` and `exit` close a
 * mode, they do not leave configuring, and `configure terminal` (as typed from EXEC, in any
 * abbreviation) returns to global configuration. `!` lines are comments; `do` runs only EXEC
 * commands that read. On failure cl->message holds the `%` line that says why. */
enum cmd_status config_lines_run(struct config_lines *cl, const char *line);
void config_lines_end(struct config_lines *cl);

/* Splits text at its newlines (a CR before one is dropped) and calls fn for each line with its
 * number from 1; stops when fn returns false. */
typedef bool (*config_text_fn)(void *arg, size_t lineno, const char *line);
void config_text_each_line(const char *text, config_text_fn fn, void *arg);

/* Runs one line as the given session would, with the IOS error texts for lines that are not on
 * an operator's screen. */
enum cmd_status agent_exec_line(struct agent *a, struct agent_session *s, const char *line,
                                struct strbuf *out);

/* Loads IOS configuration text through the parser, line by line, as a configuration file: every
 * line starts from global configuration mode or the sub-mode the previous line entered; a bad line
 * is reported with its number through report() and skipped. Returns the number of bad lines. */
typedef void (*config_error_fn)(void *arg, int lineno, const char *line, const char *message);
int agent_load_config_text(struct agent *a, const char *text, const char *user,
                           config_error_fn report, void *arg);

#endif
