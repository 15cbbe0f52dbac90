/* A change of the configuration as one transaction: a working copy is changed and checked by the
 * caller, then committed (saved as startup-config with its ParameterKey, then swapped in) or
 * dropped. A fault at any step, the save included, leaves the running configuration, the
 * ParameterKey and the port mappings' records exactly as they were: TR-069 says a fault means
 * nothing changed, and an ACS retries on that promise. */
#ifndef CWMP_CONFIG_TXN_H
#define CWMP_CONFIG_TXN_H

#include <stdbool.h>
#include <stddef.h>

struct agent;
struct config_store;

struct config_txn {
    struct agent *agent;
    struct config_store *working; /* what the change is made on; owned by the transaction */
    bool startup;                 /* the target is startup-config alone: saved, never swapped in */
    /* The commit saves startup-config first (a change the ACS makes, which TR-069 wants to
     * survive a reboot); false for an operator's change of the running configuration, which
     * `write memory` saves when the operator says so (configure replace). */
    bool save;
    /* Given by the caller after begin, when applying changed something outside the configuration
     * (an instance number given): a failed commit calls it before the CWMP state is saved back,
     * so that the file too is as it was. */
    void (*undo)(void *arg);
    void *undo_arg;
};

/* Begins a change of the running configuration: working is a copy of it. */
void config_txn_begin(struct config_txn *t, struct agent *a);
/* Begins a change of the running configuration that its commit does not save: swapped in and
 * announced only, as an operator's lines are. */
void config_txn_begin_unsaved(struct config_txn *t, struct agent *a);
/* Begins a change of the startup-config alone (X_00000C_SetConfiguration's startup target):
 * working is base, which the transaction owns from now on; the running configuration stays. */
void config_txn_begin_startup(struct config_txn *t, struct agent *a, struct config_store *base);
/* Saves working as startup-config with ParameterKey key (config_txn_save), then, for the running
 * target, makes it the running configuration, announcing it (config_txn_announce). Returns 0; or -1
 * when the save failed, everything then as before config_txn_begin (the caller answers 9002). */
int config_txn_commit(struct config_txn *t, const char *key);
/* Frees the working copy; a transaction ended without a commit changed nothing. */
void config_txn_end(struct config_txn *t);

/* What a change does to the working copy (t->working): 0 to commit it, or the caller's error
 * (not -1) to drop it; *keep set with an error commits what applied all the same. */
typedef int (*config_txn_apply_fn)(struct config_txn *t, void *arg, bool *keep);
#define CONFIG_TXN_NOT_SAVED (-1)
/* The one path of every change, begun with config_txn_begin*: apply, then commit (with key, or
 * the ParameterKey as it is when key is NULL or the change failed and is kept) or drop, then
 * end. Returns apply's error, else 0, or CONFIG_TXN_NOT_SAVED when the commit failed (nothing
 * changed then). *committed tells whether the change was made. */
int config_txn_run(struct config_txn *t, const char *key, config_txn_apply_fn apply, void *arg,
                   bool *committed);

/* Runs configuration lines on a transaction's working copy (working) through the parser, as a
 * configuration file's lines (config_lines.h), by user on line where. A line that fails is reported
 * to fail() with its index, the parser's status and its `%` message; the lines stop there unless
 * CONFIG_TXN_GO_ON. With CONFIG_TXN_NO_TAIL, a `no` line the parser refuses whole (invalid or
 * incomplete) is tried again without its last words, down to `no` and one word: IOS's `no`
 * forms ignore the arguments of the line they negate (`no hostname R1`, `no logging buffered
 * 8192`), ours do not all take them. Returns how many lines applied. */
#define CONFIG_TXN_GO_ON   0x1u
#define CONFIG_TXN_NO_TAIL 0x2u
typedef void (*config_txn_fail_fn)(void *arg, size_t index, const char *line, int status,
                                   const char *message);
size_t config_txn_lines(struct agent *a, struct config_store *working, const char *user,
                        const char *where, char *const *lines, size_t n, unsigned flags,
                        config_txn_fail_fn fail, void *arg);

/* The save of a commit, and of `write memory`: cs as startup-config with ParameterKey key, in two
 * phases so that after a crash at any instant the key, the port mappings' records and the
 * startup-config agree: the key and the records are written as pending with the hash of the new
 * startup-config, then the startup-config, then they become current. Returns 0; or a negative
 * errno when the startup-config could not be written, or -EIO when the CWMP state could not be
 * saved before it: then the ParameterKey and the records are as they were. *written tells whether
 * the startup-config was written (a failure after it, of the last CWMP state save, is -EIO too:
 * the pending key then settles at the next start). */
int config_txn_save(struct agent *a, const struct config_store *cs, const char *key, bool *written);

/* What makes a configuration what it is: its text and the port mappings' records. Two
 * configurations with the same fingerprint run the same (nothing to announce). */
struct strbuf;
void config_txn_fingerprint(const struct config_store *cs, struct strbuf *out);

/* Announces the running configuration (agent_config_changed) when its fingerprint differs from
 * the one last announced: a line that changed nothing costs no look by everything that watches
 * the configuration. Returns whether it announced. */
bool config_txn_announce(struct agent *a);
/* What runs now is what the watchers start from: recorded as announced. */
void config_txn_settled(struct agent *a);

/* The SHA-256 of a startup-config's text, in hexadecimal, as the pending save records it. */
void config_txn_hash(const char *text, size_t len, char out[65]);

/* `write memory`: the running configuration saved as startup-config with the current
 * ParameterKey (config_txn_save); err says why it could not be. */
int agent_save_startup(struct agent *a, struct strbuf *err);

#endif
