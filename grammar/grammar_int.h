/* Internal structures of the grammar engine, shared by its source files only. */
#ifndef CWMP_GRAMMAR_INT_H
#define CWMP_GRAMMAR_INT_H

#include "grammar.h"

enum tok_type {
    TOK_KEYWORD,
    TOK_WORD,   /* any one word */
    TOK_LINE,   /* the rest of the line */
    TOK_RANGE,  /* <lo-hi> */
    TOK_IPV4,   /* A.B.C.D */
    TOK_URL,    /* scheme:... */
    TOK_HOST,   /* a host name (RFC 1123), not an address */
    TOK_IFTYPE, /* an interface type keyword; may be glued to its number (e0/0) */
    TOK_IFNUM,  /* the number after an interface type */
    TOK_LINK,   /* continues in another mode's graph (`do` in configuration modes) */
    TOK_GROUP,  /* an any-order group `[[x] [y z]]` (syntax tokens only, never a node) */
};

/* How well a token matched a word, in the order the engine prefers them. */
enum match_strength {
    MATCH_NONE = 0,
    MATCH_PARTIAL = 1,  /* keyword abbreviated */
    MATCH_GENERIC = 2,  /* WORD, LINE */
    MATCH_SPECIFIC = 3, /* a number in range, an address, a URL, an interface number */
    MATCH_EXACT = 4,    /* keyword typed in full */
};

enum pipe_kind {
    PIPE_NONE = 0,
    PIPE_BAR,
    PIPE_BEGIN,
    PIPE_COUNT,
    PIPE_EXCLUDE,
    PIPE_INCLUDE,
    PIPE_SECTION,
    PIPE_REGEX,
};

struct iftype {
    char *name;   /* canonical spelling: GigabitEthernet */
    char *format; /* number format: <0-15>/<0-15> */
    char *help;
    long long lo[3], hi[3];
    int ncomp;
};

struct syn_expansion;

/* An any-order group: its options, each the expansion of what its brackets hold. Shared by the
 * copies of the token that hold it (refs), as a syntax's sequences are copied by the product of
 * what surrounds the group. */
#define GROUP_MAX_MEMBERS 6
struct syn_group {
    size_t refs;
    size_t n;
    struct syn_expansion *members;
};

/* One token of a syntax string, after parsing. */
struct syn_token {
    enum tok_type type;
    char *text; /* keyword text, or the token as written: WORD, <0-15>, A.B.C.D */
    char *name; /* argument name ($name, or the text) */
    bool named; /* the name was given with $: only such names reach handlers of typed tokens */
    long long lo, hi; /* TOK_RANGE */
    const struct iftype *iftype;
    int link_mode;
    struct syn_group *group; /* TOK_GROUP */
};

struct gnode {
    enum tok_type type;
    char *text; /* as displayed in help: keyword, <0-15>, WORD, or the interface type */
    char *name; /* argument name */
    char *help;
    long long lo, hi;
    const struct iftype *iftype;
    int link_mode; /* TOK_LINK: the mode whose root the path continues at */
    enum pipe_kind pipe;
    bool negate;               /* the `no` keyword at a mode's root */
    int min_priv;              /* lowest privilege of any command through this node */
    const struct cmd_def *end; /* command that may end here */
    /* The command ends here through its `no` form reached by `default` (default COMMAND runs
     * what `no COMMAND` runs): the call is negated though no `no` node is on the path. */
    bool end_negated;
    /* Walked already by the checks of grammar_finalize: an any-order group's node is reached by
     * as many paths as orders of its options, and is checked once. */
    bool priv_done, help_done;
    /* The nodes whose kids it is, while the trees are built: an any-order group's nodes have
     * several (graph.c), and the last of them frees it. */
    unsigned parents;
    struct gnode **kids;
    size_t nkids, capkids;
};

struct help_entry {
    char *token;
    char *help;
};

struct cmd_def {
    char *syntax;
    char *no_syntax;
    char *handler;
    cmd_handler_fn fn;
    char *args; /* the names its binding declared (cmd_binding.args) */
    /* The names of args a handler has read, by the address its code gives them (a literal):
     * cmd_arg checks a name against args once, not at every read. */
    const char **args_seen;
    char **mode_names; /* as written; resolved into modes by grammar_finalize */
    size_t nmode_names;
    int *modes;
    size_t nmodes;
    int privilege;
    char *enters_name;
    int enters;
    char *default_text;
    char *doc;
    bool output;   /* prints: output modifiers (`|`) allowed */
    bool readonly; /* changes nothing: allowed in X_00000C_ShowStatus */
    struct help_entry *help;
    size_t nhelp;
    char *source; /* file:line of the definition */
};

struct mode_def {
    char *name;
    char *prompt;  /* "(config-if)#"; empty for exec */
    char *heading; /* help heading on an empty line */
    char *no_help; /* help of the `no` keyword in this mode, NULL if the mode has none */
    char *parent_name;
    int parent; /* mode whose commands a line falls through to, or -1 */
    bool config;
    struct gnode *root;
};

struct grammar {
    struct mode_def *modes;
    size_t nmodes, capmodes;
    struct iftype *iftypes;
    size_t niftypes, capiftypes;
    struct cmd_def *cmds;
    size_t ncmds, capcmds;
    struct help_entry *pipes; /* help of |, begin, count, exclude, include, section, LINE */
    size_t npipes, cappipes;
    bool finalized;
    void *frozen; /* the modes' trees once finalized, in one block (graph.c) */
    void *ctx;
};

/* Syntax strings (syntax.c). A syntax expands into every token sequence it allows. */
struct syn_seq {
    struct syn_token *tok;
    size_t n;
};
struct syn_expansion {
    struct syn_seq *seq;
    size_t n, cap;
};
int syntax_expand(const struct grammar *g, const char *syntax, struct syn_expansion *out,
                  struct strbuf *err);
void syntax_expansion_free(struct syn_expansion *e);
const struct iftype *grammar_iftype(const struct grammar *g, const char *name);
int iftype_parse_format(struct iftype *t, struct strbuf *err);

/* Token matching (tokens.c). */
struct input_word {
    const char *text; /* NUL-terminated copy */
    size_t len;
    size_t start; /* offset in the line */
};
struct input {
    char *line;                             /* the line, truncated to GRAMMAR_MAX_LINE */
    struct input_word w[GRAMMAR_MAX_WORDS]; /* the first n only are set */
    char *storage;                          /* the words' copies, after the line in one block */
    size_t n;
    bool trailing_space; /* the line ends in whitespace (or is empty) */
    bool too_many_words;
    /* The block of a line of usual length: every line of a configuration goes through here, and
     * a malloc for each costs as much as matching it. A struct input is therefore not copied. */
    char small[256];
};
struct pos {
    size_t wi;  /* word index */
    size_t off; /* offset inside the word (after a glued interface type) */
};
int input_split(struct input *in, const char *line);
void input_free(struct input *in);

/* Tries one token at pos. On a match, *next is where the following token starts and the strength
 * is returned; otherwise MATCH_NONE and *accepted says how many characters of the word the token
 * accepted before failing (for the caret). */
enum match_strength token_match(const struct gnode *n, const struct input *in, struct pos at,
                                struct pos *next, size_t *accepted);
/* Could the token accept a word that begins with `partial` (help and completion)? */
bool token_could_match(const struct gnode *n, const char *partial, size_t len);
/* Numbers are long long: 64 bits on every CPU, as ranges reach 4294967295 (a 32-bit long would
 * not hold them on ARM or MIPS CPEs). */
bool parse_long(const char *s, size_t len, long long *out);
bool parse_ipv4(const char *s, size_t len, unsigned char out[4]);
/* Canonical value of an interface number typed after type t ("0/0"). */
bool ifnum_parse(const struct iftype *t, const char *s, size_t len, char *canon, size_t cap);

/* Graph building (graph.c). A finalized grammar's trees are one block (g->frozen), which
 * grammar_free frees whole: gnode_free is for trees still being built. */
struct gnode *gnode_new(enum tok_type type, const char *text, const char *name);
void gnode_free(struct gnode *n);
void gnode_add_kid(struct gnode *parent, struct gnode *kid);

/* Matching (matcher.c). */
struct path_step {
    const struct gnode *node;
    struct pos from, to;
    enum match_strength strength;
};
#define PATH_MAX_STEPS (GRAMMAR_MAX_WORDS * 2 + 8)
struct match_path {
    struct path_step *steps;
    size_t n;
    const struct gnode *last;
};
struct match_result {
    struct match_path *paths; /* paths that consumed the whole input */
    size_t npaths, cap;
    size_t caret;   /* furthest character any token accepted */
    bool truncated; /* too many paths: treated as ambiguous */
};
/* Matches every word of the input in a mode at a privilege. */
void match_input(const struct grammar *g, int mode, int privilege, const struct input *in,
                 struct match_result *r);
void match_result_free(struct match_result *r);
/* Keeps only the best paths by strength, token by token. */
void match_filter_best(struct match_result *r);
/* True when the kept paths disagree on a keyword they only abbreviated. */
bool match_abbrev_ambiguous(const struct match_result *r);
/* The children of a node, following a link into another mode's root. */
void gnode_children(const struct grammar *g, const struct gnode *n, struct gnode *const **kids,
                    size_t *nkids);
bool node_visible(const struct gnode *n, int privilege);
bool node_ends(const struct gnode *n, int privilege);

/* Output modifiers (pipe.c). Applies modifier kind with a regex to text; returns 0, or -1 with a
 * `%` message in out when the expression is invalid. */
int pipe_apply(enum pipe_kind kind, const char *regex, const char *text, size_t len,
               struct strbuf *out);

/* Whether a space-separated list of names (cmd_binding.args) holds this one (graph.c). */
bool args_list_has(const char *list, const char *name);
#define ARGS_SEEN_MAX 16

/* Handlers the engine provides itself (builtin.c). */
extern const struct cmd_binding grammar_builtin_handlers[];
extern const size_t grammar_builtin_handler_count;

/* The embedded definition files (grammar_defs.c, generated at build time). */
struct grammar_source {
    const char *name;
    const char *text;
};
extern const struct grammar_source grammar_sources[];
extern const size_t grammar_source_count;

#endif
