/* The IOS command grammar and its parser engine.
 *
 * Commands are data: declarative `.cmd` files (see grammar/README.md for the notation) compiled at
 * start-up into one token graph per mode. The engine matches a typed line against the graph with
 * IOS's rules (keywords by unique prefix, typed tokens whole, exact over partial, later tokens
 * settling earlier ties), executes the command's handler, and answers `?` help and TAB completion
 * from the same graph, so help can never disagree with execution.
 *
 * The engine knows nothing of the agent: handlers are bound by name (grammar_bind), and everything
 * a handler needs travels in struct cmd_call. */
#ifndef CWMP_GRAMMAR_H
#define CWMP_GRAMMAR_H

#include <stdbool.h>
#include <stddef.h>

#include "strbuf.h"

struct grammar;
struct cmd_def;
struct gnode;

#define PRIV_USER       1
#define PRIV_PRIVILEGED 15
#define MODE_STACK_MAX  8
#define MODE_ARG_MAX    128
/* Longest line the engine matches; longer lines are invalid input at the limit. */
#define GRAMMAR_MAX_LINE  4096
#define GRAMMAR_MAX_WORDS 128

/* Where a session stands: a stack of modes (exec at the bottom), each with the argument that
 * entered it (the interface name for config-if, the pool name for dhcp-config). */
struct mode_frame {
    int mode;
    char arg[MODE_ARG_MAX];
};

struct cli_session {
    struct mode_frame stack[MODE_STACK_MAX];
    int depth; /* number of frames; stack[depth-1] is the current mode */
    int privilege;
    bool closing; /* set by exit/logout at exec level: the session ends */
    /* The last line executed ran a command flagged `readonly`, or none (an empty line, a
     * comment, an error of the parser): it changed nothing, so nothing need look at the
     * configuration again. */
    bool ran_readonly;
    void *app;    /* the application's per-session data */
};

/* Outcome of executing one line. The numeric values are part of the interface: the vendor RPC
 * X_00000C_SetConfiguration reports them as per-command fault codes. */
enum cmd_status {
    CMD_OK = 0,
    CMD_INVALID = 1,    /* % Invalid input detected at '^' marker. */
    CMD_INCOMPLETE = 2, /* % Incomplete command. */
    CMD_AMBIGUOUS = 3,  /* % Ambiguous command:  "..." */
    CMD_FAILED = 4,     /* the handler refused the command and printed why */
    CMD_FORBIDDEN = 5,  /* not allowed in this context (read-only execution) */
};

/* One matched argument of a command: keywords and typed tokens, in line order. */
struct cmd_arg {
    const char *name;  /* the token's name: keyword text, "WORD", "<0-15>", or a $name */
    const char *value; /* the word as typed (keywords: the full keyword; interfaces: canonical) */
    bool keyword;
};

struct cmd_call {
    struct grammar *grammar;
    struct cli_session *session;
    const struct cmd_def *cmd;
    bool negate;                    /* the `no` form */
    int mode;                       /* the mode the command runs in */
    const struct mode_frame *frame; /* that mode's frame (its argument) */
    const struct cmd_arg *args;
    size_t nargs;
    struct strbuf *out; /* what the command prints */
    void *ctx;          /* the application context given to grammar_bind */
    /* A handler of a command that enters a mode may set the new mode's argument here; it defaults
     * to the value of the command's last typed argument. */
    char enter_arg[MODE_ARG_MAX];
    bool no_enter; /* a handler may refuse to enter the mode while still succeeding */
};

/* Handlers return 0 on success, or -1 after printing a `%` message to call->out. */
typedef int (*cmd_handler_fn)(struct cmd_call *call);

struct cmd_binding {
    const char *name;
    cmd_handler_fn fn;
    /* What the handler reads, space separated: the $names of typed tokens (never their token text,
     * which a range edited in a .cmd file would change) and the keywords it tests. grammar_bind
     * checks each against the syntax of every command bound to the handler, and cmd_arg refuses
     * any other name, so that a .cmd edit cannot silently hand the handler NULL. */
    const char *args;
};

/* Loading and binding. Every function that can fail describes the failure in err. */
struct grammar *grammar_new(void);
void grammar_free(struct grammar *g);
int grammar_load_text(struct grammar *g, const char *source_name, const char *text,
                      struct strbuf *err);
/* Loads the .cmd files compiled into the program (grammar_defs.c). */
int grammar_load_builtin(struct grammar *g, struct strbuf *err);
/* Builds the per-mode graphs; checks that every token has help and no two commands collide. */
int grammar_finalize(struct grammar *g, struct strbuf *err);
/* Binds handler names to functions; every command must end up bound (the engine's own handlers,
 * such as exit and end, are bound already). ctx is handed to every handler. Fails, describing each
 * fault in err, when a binding names a handler no command uses, binds a name bound before, or
 * declares an argument that the syntax (or `no` form) of a command of that handler lacks; the
 * other bindings are made all the same. */
int grammar_bind(struct grammar *g, const struct cmd_binding *table, size_t n, void *ctx,
                 struct strbuf *err);
/* Names of handlers that no binding provided, one per line; empty when all are bound. */
void grammar_unbound(const struct grammar *g, struct strbuf *out);

/* Modes. */
int grammar_mode_id(const struct grammar *g, const char *name);
const char *grammar_mode_name(const struct grammar *g, int mode);
bool grammar_mode_is_config(const struct grammar *g, int mode);
int grammar_exec_mode(const struct grammar *g);
int grammar_config_mode(const struct grammar *g);

/* Sessions. */
void cli_session_init(struct cli_session *s, const struct grammar *g, int privilege);
int cli_session_mode(const struct cli_session *s);
const struct mode_frame *cli_session_frame(const struct cli_session *s);
/* Pushes a mode; fails (returns -1) when the stack is full. */
int cli_session_push(struct cli_session *s, int mode, const char *arg);
/* Leaves every mode above exec. */
void cli_session_to_exec(struct cli_session *s);
/* Appends the IOS prompt: hostname, then ">" or "#" or "(config-if)#" and so on. */
void grammar_prompt(const struct grammar *g, const struct cli_session *s, const char *hostname,
                    struct strbuf *out);

/* Execution. */
struct exec_opts {
    /* The column of the line's first character on the operator's screen (the prompt's length), for
     * the caret of an invalid-input error; -1 when the line is not on the screen (a pipe, a file, a
     * vendor RPC): the error then shows the line first and the caret under it. */
    int caret_column;
    /* Only commands flagged `readonly` may run (X_00000C_ShowStatus). */
    bool readonly_only;
    /* Lines come from a configuration file or block: `!` comments, and the single-word EXEC
     * "unknown command" message does not apply. */
    bool from_file;
    /* EXEC commands reached from configuration mode through `do` may only read (a block of
     * configuration lines must not save, reload or clear anything on its way). */
    bool do_readonly_only;
    /* Parse and check only: a command that may run returns CMD_OK without running (no handler,
     * no change of mode). X_00000C_ShowStatus checks a whole request before it runs any of it. */
    bool check_only;
};
enum cmd_status grammar_execute(struct grammar *g, struct cli_session *s, const char *line,
                                struct strbuf *out, const struct exec_opts *opts);

/* `?` help for the text left of the cursor, formatted as IOS prints it (ending with the empty line
 * before the line is redrawn). caret_column as in exec_opts. */
void grammar_help(struct grammar *g, const struct cli_session *s, const char *line,
                  int caret_column, struct strbuf *out);
/* TAB: the replacement for the last word of the line (keyword completed, then a space), or NULL
 * when there is nothing unique to complete. The caller frees it. */
char *grammar_complete(struct grammar *g, const struct cli_session *s, const char *line);

/* Formats a parse error as IOS prints it. */
void grammar_format_error(struct strbuf *out, enum cmd_status status, const char *line,
                          size_t caret, int caret_column);

/* Arguments of a call, by the names the binding declared (cmd_binding.args): a name it did not
 * declare is a bug of the handler, which gets NULL (and an abort unless NDEBUG). */
const char *cmd_arg(const struct cmd_call *call, const char *name);
bool cmd_has(const struct cmd_call *call, const char *name);
/* The nth (0-based) argument with this name, for commands with repeated tokens. */
const char *cmd_arg_nth(const struct cmd_call *call, const char *name, size_t nth);
/* The value of the last typed (non-keyword) argument, or NULL. */
const char *cmd_last_value(const struct cmd_call *call);

/* Command definitions, for documentation and tests. */
size_t grammar_command_count(const struct grammar *g);
const struct cmd_def *grammar_command(const struct grammar *g, size_t i);
const char *cmd_def_syntax(const struct cmd_def *c);
const char *cmd_def_no_syntax(const struct cmd_def *c); /* NULL: no `no` form */
const char *cmd_def_handler(const struct cmd_def *c);
const char *cmd_def_default(const struct cmd_def *c);
const char *cmd_def_doc(const struct cmd_def *c);
const char *cmd_def_source(const struct cmd_def *c);
int cmd_def_privilege(const struct cmd_def *c);
int cmd_def_enters(const struct cmd_def *c); /* mode id, or -1 */
bool cmd_def_in_mode(const struct cmd_def *c, int mode);
bool cmd_def_readonly(const struct cmd_def *c);
bool cmd_def_output(const struct cmd_def *c);
size_t grammar_mode_count(const struct grammar *g);
const char *grammar_mode_heading(const struct grammar *g, int mode);
const char *grammar_mode_prompt(const struct grammar *g, int mode);
/* The help of each token of a command's syntax, "TOKEN  help" one per line. */
void cmd_def_token_help(const struct grammar *g, const struct cmd_def *c, struct strbuf *out);

/* Writes the command reference man page (roff) generated from the loaded definitions. */
void grammar_write_manpage(const struct grammar *g, const char *version, struct strbuf *out);

#endif
