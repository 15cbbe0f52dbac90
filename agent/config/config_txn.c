/* Configuration transactions: working copy, apply and verify (the caller's), save, swap. */
#include "config_txn.h"

#include <errno.h>
#include <openssl/sha.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
                     const char *key, bool *written, const struct config_txn *t,
                     char text_hash[65])
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
    t->undo = NULL;
    t->undo_arg = NULL;
}

void config_txn_begin_startup(struct config_txn *t, struct agent *a, struct config_store *base)
{
    t->agent = a;
    t->working = base;
    t->startup = true;
    t->undo = NULL;
    t->undo_arg = NULL;
}

int config_txn_commit(struct config_txn *t, const char *key)
{
    struct agent *a = t->agent;
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

int agent_save_startup(struct agent *a, struct strbuf *err)
{
    bool written;
    int rc = config_txn_save(a, a->running, a->cwmp.parameter_key, &written);
    if (rc < 0)
        sb_printf(err, "%s", rc == -EIO ? "cannot save the CWMP state" : strerror(-rc));
    return rc;
}
