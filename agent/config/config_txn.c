/* Configuration transactions: working copy, apply and verify (the caller's), save, swap. */
#include "config_txn.h"

#include <errno.h>
#include <openssl/sha.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config_lines.h"
#include "config_render.h"
#include "config_store.h"
#include "core.h"
#include "fileio.h"
#include "nat_map.h"
#include "persist.h"
#include "strbuf.h"
#include "xalloc.h"

void config_txn_hash(const char *text, size_t len, char out[65])
{
    unsigned char md[SHA256_DIGEST_LENGTH];
    SHA256((const unsigned char *)text, len, md);
    for (size_t i = 0; i < sizeof md; i++)
        snprintf(out + 2 * i, 3, "%02x", md[i]);
}

void config_txn_fingerprint(const struct config_store *cs, struct strbuf *out)
{
    config_render(cs, out);
    /* The port mappings' records hold what the text cannot: a change of them is a change too. */
    char **records;
    size_t n;
    nat_map_records(cs, &records, &n);
    for (size_t i = 0; i < n; i++) {
        sb_printf(out, "\n%s", records[i]);
        free(records[i]);
    }
    free(records);
}

/* What is announced is kept as a hash (a configuration may be a megabyte): the hash of the
 * rendered text, which a commit has computed already for its save, with the port mappings'
 * records (config_txn_fingerprint's content, hashed in two steps). */
static void fingerprint_hash(const struct config_store *cs, const char text_hash[65], char out[65])
{
    struct strbuf s = STRBUF_INIT;
    sb_puts(&s, text_hash);
    char **records;
    size_t n;
    nat_map_records(cs, &records, &n);
    for (size_t i = 0; i < n; i++) {
        sb_printf(&s, "\n%s", records[i]);
        free(records[i]);
    }
    free(records);
    config_txn_hash(s.buf, s.len, out);
    sb_free(&s);
}

static void running_hash(struct agent *a, char out[65])
{
    struct strbuf text = STRBUF_INIT;
    config_render(a->running, &text);
    char text_hash[65];
    config_txn_hash(text.buf, text.len, text_hash);
    sb_free(&text);
    fingerprint_hash(a->running, text_hash, out);
}

void config_txn_settled(struct agent *a)
{
    running_hash(a, a->config_announced);
}

static bool announce_if_new(struct agent *a, const char now[65])
{
    bool changed = strcmp(a->config_announced, now) != 0;
    if (changed) {
        memcpy(a->config_announced, now, 65);
        agent_config_changed(a);
    }
    return changed;
}

bool config_txn_announce(struct agent *a)
{
    char now[65];
    running_hash(a, now);
    return announce_if_new(a, now);
}

/* text: cs rendered. */
static int save_text(struct agent *a, const struct config_store *cs, const struct strbuf *text,
                     const char *key, bool *written, const struct config_txn *t, char text_hash[65])
{
    struct cwmp_state *st = &a->cwmp;
    *written = false;
    char *new_key = xstrdup(key); /* key may be st->parameter_key itself */
    snprintf(st->pending_key, sizeof st->pending_key, "%s", new_key);
    config_txn_hash(text->buf, text->len, st->pending_hash);
    memcpy(text_hash, st->pending_hash, 65);
    char **records;
    size_t nrecords;
    nat_map_records(cs, &records, &nrecords);
    cwmp_records_clear(&st->pending_portmaps);
    st->pending_portmaps.v = records;
    st->pending_portmaps.n = nrecords;
    int rc = agent_save_cwmp_state(a) < 0 ? -EIO : 0;
    if (rc == 0) {
        rc = file_write_atomic(a->startup_path, text->buf, text->len, 0640);
        if (rc == 0) {
            *written = true;
            cwmp_records_move(&st->portmaps, &st->pending_portmaps);
            strcpy(st->portmaps_hash, st->pending_hash);
            snprintf(st->parameter_key, sizeof st->parameter_key, "%s", new_key);
        }
    }
    /* Unwritten, the pending key goes: if the state file keeps it (this save failing too), it
     * names a startup-config that is not on disk and is dropped at the next start. */
    cwmp_records_clear(&st->pending_portmaps);
    st->pending_key[0] = st->pending_hash[0] = '\0';
    if (rc < 0 && t && t->undo)
        t->undo(t->undo_arg);
    if (agent_save_cwmp_state(a) < 0 && rc == 0)
        rc = -EIO;
    free(new_key);
    return rc;
}

int config_txn_save(struct agent *a, const struct config_store *cs, const char *key, bool *written)
{
    struct strbuf text = STRBUF_INIT;
    config_render(cs, &text);
    char text_hash[65];
    int rc = save_text(a, cs, &text, key, written, NULL, text_hash);
    sb_free(&text);
    return rc;
}

void config_txn_begin(struct config_txn *t, struct agent *a)
{
    t->agent = a;
    t->working = config_store_clone(a->running);
    t->startup = false;
    t->save = true;
    t->undo = NULL;
    t->undo_arg = NULL;
}

void config_txn_begin_unsaved(struct config_txn *t, struct agent *a)
{
    config_txn_begin(t, a);
    t->save = false;
}

void config_txn_begin_startup(struct config_txn *t, struct agent *a, struct config_store *base)
{
    t->agent = a;
    t->working = base;
    t->startup = true;
    t->save = true;
    t->undo = NULL;
    t->undo_arg = NULL;
}

int config_txn_commit(struct config_txn *t, const char *key)
{
    struct agent *a = t->agent;
    if (!t->save) {
        config_store_swap(a->running, t->working);
        config_txn_announce(a);
        return 0;
    }
    bool written;
    struct strbuf text = STRBUF_INIT;
    config_render(t->working, &text);
    char text_hash[65];
    int rc = save_text(a, t->working, &text, key, &written, t, text_hash);
    sb_free(&text);
    if (rc < 0 && rc != -EIO)
        agent_log(a, LOG_ERR, "%%CWMP-3-SAVE: cannot save startup-config: %s", strerror(-rc));
    /* The last state save failing after the startup-config went to disk does not undo it: the
     * pending key settles at the next start, so the change is made. */
    if (!written)
        return -1;
    if (t->startup)
        return 0;
    /* What runs now is what was saved: its fingerprint needs no second rendering. */
    char now[65];
    fingerprint_hash(t->working, text_hash, now);
    config_store_swap(a->running, t->working);
    announce_if_new(a, now);
    return 0;
}

void config_txn_end(struct config_txn *t)
{
    config_store_free(t->working);
    t->working = NULL;
}

int config_txn_run(struct config_txn *t, const char *key, config_txn_apply_fn apply, void *arg,
                   bool *committed)
{
    struct agent *a = t->agent;
    bool keep = false;
    *committed = false;
    int err = apply(t, arg, &keep);
    if (!err || keep) {
        /* A change kept after a failure keeps the ParameterKey it had. */
        if (config_txn_commit(t, err || !key ? a->cwmp.parameter_key : key) == 0)
            *committed = true;
        else if (!err)
            err = CONFIG_TXN_NOT_SAVED;
    }
    config_txn_end(t);
    return err;
}

/* line starts with `no` and a word. */
static bool is_no_line(const char *line)
{
    line += strspn(line, " \t");
    return !strncasecmp(line, "no", 2) && (line[2] == ' ' || line[2] == '\t');
}

/* The length of line without its last word (and the blanks before it); 0 when that leaves
 * less than `no` and one word. */
static size_t without_last_word(const char *line, size_t len)
{
    while (len > 0 && (line[len - 1] == ' ' || line[len - 1] == '\t'))
        len--;
    while (len > 0 && line[len - 1] != ' ' && line[len - 1] != '\t')
        len--;
    while (len > 0 && (line[len - 1] == ' ' || line[len - 1] == '\t'))
        len--;
    /* `no` and at least one word are left. */
    size_t lead = strspn(line, " \t");
    return len > lead + 3 ? len : 0;
}

static enum cmd_status run_no_tail(struct config_lines *cl, const char *line, enum cmd_status st)
{
    struct strbuf shorter = STRBUF_INIT;
    size_t len = strlen(line);
    while ((st == CMD_INVALID || st == CMD_INCOMPLETE) && (len = without_last_word(line, len))) {
        sb_reset(&shorter);
        sb_append(&shorter, line, len);
        enum cmd_status s2 = config_lines_run(cl, sb_str(&shorter));
        /* Only what the parser refused is shortened: a command that ran and failed says why. */
        if (s2 != CMD_INVALID && s2 != CMD_INCOMPLETE)
            st = s2;
    }
    sb_free(&shorter);
    return st;
}

size_t config_txn_lines(struct agent *a, struct config_store *working, const char *user,
                        const char *where, char *const *lines, size_t n, unsigned flags,
                        config_txn_fail_fn fail, void *arg)
{
    struct config_lines cl;
    config_lines_begin(&cl, a, working, user, where);
    size_t applied = 0;
    struct strbuf message = STRBUF_INIT;
    for (size_t i = 0; i < n; i++) {
        enum cmd_status st = config_lines_run(&cl, lines[i]);
        if (st != CMD_OK && (flags & CONFIG_TXN_NO_TAIL) && is_no_line(lines[i])) {
            /* The whole line's message is the one worth reporting. */
            sb_reset(&message);
            sb_puts(&message, sb_str(&cl.message));
            st = run_no_tail(&cl, lines[i], st);
            if (st != CMD_OK) {
                sb_reset(&cl.message);
                sb_puts(&cl.message, sb_str(&message));
            }
        }
        if (st == CMD_OK) {
            applied++;
            continue;
        }
        if (fail)
            fail(arg, i, lines[i], (int)st, sb_str(&cl.message));
        if (!(flags & CONFIG_TXN_GO_ON))
            break;
    }
    sb_free(&message);
    config_lines_end(&cl);
    return applied;
}

int agent_save_startup(struct agent *a, struct strbuf *err)
{
    bool written;
    int rc = config_txn_save(a, a->running, a->cwmp.parameter_key, &written);
    if (rc < 0)
        sb_printf(err, "%s", rc == -EIO ? "cannot save the CWMP state" : strerror(-rc));
    return rc;
}
