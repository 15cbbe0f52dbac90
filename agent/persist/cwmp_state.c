/* The file is text, one record a line, fields separated by spaces and percent-encoded:
 *
 *   cwmpd-state 1
 *   parameter-key KEY
 *   bootstrap URL
 *   retry-count N
 *   cr-path PATH
 *   event CODE KEY
 *   attr PATH NOTIFICATION SUBSCRIBER EXPLICIT CHANGED [LAST-VALUE]
 *   table PATH NEXT
 *   instance PATH NUMBER KEY
 *   pending-key KEY SHA256
 *   transfer ID KIND ORIGIN STATE ATTEMPTS KEY FILETYPE URL USER PASSWORD TARGET SIZE START-AT
 *            START COMPLETE FAULT FAULT-STRING INSTALL-HASH
 *   scheduled EPOCH KEY
 *   portmap-hash SHA256
 *   portmap RECORD
 *   pending-portmap RECORD
 *
 * KIND is download or upload, ORIGIN acs or cli; times are epochs, - when unknown.
 */
#include "cwmp_state.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "field.h"
#include "fileio.h"
#include "xalloc.h"

#define STATE_FILE_MAX (64u * 1024u * 1024u)

void cwmp_state_init(struct cwmp_state *s)
{
    memset(s, 0, sizeof *s);
}

static void free_attr(struct cwmp_attr *a)
{
    if (a) {
        free(a->last);
        free(a);
    }
}

static void free_table(struct cwmp_table *t)
{
    if (t) {
        strmap_free(&t->by_key);
        free(t);
    }
}

static void transfer_strings_free(struct cwmp_transfer *t)
{
    free(t->url);
    free(t->username);
    free(t->password);
    free(t->target);
    free(t->fault_string);
}

struct cwmp_transfer *cwmp_transfer_new(struct cwmp_state *s)
{
    if (s->ntransfers == MAX_TRANSFERS)
        return NULL;
    struct cwmp_transfer *t = &s->transfers[s->ntransfers++];
    memset(t, 0, sizeof *t);
    if (s->next_transfer_id == 0)
        s->next_transfer_id = 1;
    t->id = s->next_transfer_id++;
    t->state = TRANSFER_QUEUED;
    t->start_time = t->complete_time = LLONG_MIN; /* XSD_TIME_UNKNOWN */
    return t;
}

struct cwmp_transfer *cwmp_transfer_find(struct cwmp_state *s, unsigned id)
{
    for (size_t i = 0; i < s->ntransfers; i++)
        if (s->transfers[i].id == id)
            return &s->transfers[i];
    return NULL;
}

void cwmp_transfer_remove(struct cwmp_state *s, unsigned id)
{
    for (size_t i = 0; i < s->ntransfers; i++)
        if (s->transfers[i].id == id) {
            transfer_strings_free(&s->transfers[i]);
            memmove(&s->transfers[i], &s->transfers[i + 1],
                    (s->ntransfers - i - 1) * sizeof s->transfers[0]);
            s->ntransfers--;
            return;
        }
}

void cwmp_state_free(struct cwmp_state *s)
{
    for (size_t i = 0; i < s->ntransfers; i++)
        transfer_strings_free(&s->transfers[i]);
    size_t pos = 0;
    const char *k;
    void *v;
    while (strmap_next(&s->attrs, &pos, &k, &v))
        free_attr(v);
    strmap_free(&s->attrs);
    pos = 0;
    while (strmap_next(&s->tables, &pos, &k, &v))
        free_table(v);
    strmap_free(&s->tables);
    free(s->bootstrap_url);
    free(s->cr_path);
    cwmp_records_clear(&s->portmaps);
    cwmp_records_clear(&s->pending_portmaps);
    memset(s, 0, sizeof *s);
}

void cwmp_records_clear(struct cwmp_records *r)
{
    for (size_t i = 0; i < r->n; i++)
        free(r->v[i]);
    free(r->v);
    r->v = NULL;
    r->n = 0;
}

void cwmp_records_move(struct cwmp_records *to, struct cwmp_records *from)
{
    cwmp_records_clear(to);
    *to = *from;
    from->v = NULL;
    from->n = 0;
}

static void records_add(struct cwmp_records *r, const char *text)
{
    r->v = xrealloc(r->v, (r->n + 1) * sizeof *r->v);
    r->v[r->n++] = xstrdup(text);
}

/* Single events merge; "M" events (method-caused) are kept once per command key. */
static bool multiple(const char *code)
{
    return code[0] == 'M' && code[1] == ' ';
}

bool cwmp_event_add(struct cwmp_state *s, const char *code, const char *key)
{
    for (size_t i = 0; i < s->nevents; i++)
        if (!strcmp(s->events[i].code, code) &&
            (!multiple(code) || !strcmp(s->events[i].key, key ? key : "")))
            return true;
    if (s->nevents == MAX_EVENTS)
        return false;
    struct cwmp_event *e = &s->events[s->nevents++];
    snprintf(e->code, sizeof e->code, "%s", code);
    snprintf(e->key, sizeof e->key, "%s", key ? key : "");
    return true;
}

bool cwmp_event_has(const struct cwmp_state *s, const char *code)
{
    for (size_t i = 0; i < s->nevents; i++)
        if (!strcmp(s->events[i].code, code))
            return true;
    return false;
}

void cwmp_event_remove(struct cwmp_state *s, const char *code)
{
    size_t kept = 0;
    for (size_t i = 0; i < s->nevents; i++)
        if (strcmp(s->events[i].code, code) != 0)
            s->events[kept++] = s->events[i];
    s->nevents = kept;
}

void cwmp_events_clear(struct cwmp_state *s)
{
    s->nevents = 0;
}

struct cwmp_table *cwmp_table_get(struct cwmp_state *s, const char *table)
{
    struct cwmp_table *t = strmap_get(&s->tables, table);
    if (!t) {
        t = xcalloc(1, sizeof *t);
        t->next = 1;
        strmap_put(&s->tables, table, t);
    }
    return t;
}

unsigned cwmp_instance_number(struct cwmp_state *s, const char *table, const char *key)
{
    struct cwmp_table *t = cwmp_table_get(s, table);
    uintptr_t n = (uintptr_t)strmap_get(&t->by_key, key);
    if (n)
        return (unsigned)n;
    n = t->next++;
    if (t->next == 0)
        t->next = 1; /* after four billion instances numbers wrap; 0 is never one */
    strmap_put(&t->by_key, key, (void *)n);
    return (unsigned)n;
}

unsigned cwmp_instance_next(struct cwmp_state *s, const char *table)
{
    return cwmp_table_get(s, table)->next;
}

void cwmp_instance_alias(struct cwmp_state *s, const char *table, const char *key, unsigned number)
{
    strmap_put(&cwmp_table_get(s, table)->by_key, key, (void *)(uintptr_t)number);
}

unsigned cwmp_instance_find(const struct cwmp_state *s, const char *table, const char *key)
{
    struct cwmp_table *t = strmap_get(&s->tables, table);
    return t ? (unsigned)(uintptr_t)strmap_get(&t->by_key, key) : 0;
}

void cwmp_instance_forget(struct cwmp_state *s, const char *table, const char *key)
{
    struct cwmp_table *t = strmap_get(&s->tables, table);
    if (t)
        strmap_del(&t->by_key, key);
}

struct cwmp_attr *cwmp_attr_find(const struct cwmp_state *s, const char *path)
{
    return strmap_get(&s->attrs, path);
}

struct cwmp_attr *cwmp_attr_get(struct cwmp_state *s, const char *path, int default_notification)
{
    struct cwmp_attr *a = strmap_get(&s->attrs, path);
    if (!a) {
        a = xcalloc(1, sizeof *a);
        a->notification = default_notification;
        strmap_put(&s->attrs, path, a);
    }
    return a;
}

static int by_string(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The keys of a map in order, so that the same state always saves to the same text. */
static const char **sorted_keys(const struct strmap *m, size_t *n)
{
    const char **v = xmalloc((strmap_count(m) + 1) * sizeof *v);
    size_t pos = 0, i = 0;
    const char *k;
    void *val;
    while (strmap_next(m, &pos, &k, &val))
        v[i++] = k;
    qsort(v, i, sizeof *v, by_string);
    *n = i;
    return v;
}

static void put_time(struct strbuf *out, long long t)
{
    if (t == LLONG_MIN)
        sb_puts(out, " -");
    else
        sb_printf(out, " %lld", t);
}

static void put_transfer(struct strbuf *out, const struct cwmp_transfer *t)
{
    sb_printf(out, "transfer %u %s %s %d %u", t->id, t->download ? "download" : "upload",
              t->from_acs ? "acs" : "cli", (int)t->state, t->attempts);
    field_put(out, t->command_key);
    field_put(out, t->file_type);
    field_put(out, t->url ? t->url : "");
    field_put(out, t->username ? t->username : "");
    field_put(out, t->password ? t->password : "");
    field_put(out, t->target ? t->target : "");
    sb_printf(out, " %llu %lld", t->file_size, t->start_at);
    put_time(out, t->start_time);
    put_time(out, t->complete_time);
    sb_printf(out, " %d", t->fault);
    field_put(out, t->fault_string ? t->fault_string : "");
    field_put(out, t->install_hash);
    sb_putc(out, '\n');
}

int cwmp_state_save(const struct cwmp_state *s, const char *path, struct strbuf *err)
{
    struct strbuf t = STRBUF_INIT;
    sb_puts(&t, "cwmpd-state 1\n");
    sb_puts(&t, "parameter-key");
    field_put(&t, s->parameter_key);
    sb_putc(&t, '\n');
    if (s->bootstrap_url) {
        sb_puts(&t, "bootstrap");
        field_put(&t, s->bootstrap_url);
        sb_putc(&t, '\n');
    }
    sb_printf(&t, "retry-count %u\n", s->retry_count);
    if (s->pending_hash[0]) {
        sb_puts(&t, "pending-key");
        field_put(&t, s->pending_key);
        field_put(&t, s->pending_hash);
        sb_putc(&t, '\n');
    }
    if (s->cr_path) {
        sb_puts(&t, "cr-path");
        field_put(&t, s->cr_path);
        sb_putc(&t, '\n');
    }
    for (size_t i = 0; i < s->nevents; i++) {
        sb_puts(&t, "event");
        field_put(&t, s->events[i].code);
        field_put(&t, s->events[i].key);
        sb_putc(&t, '\n');
    }
    for (size_t i = 0; i < s->ntransfers; i++)
        put_transfer(&t, &s->transfers[i]);
    for (size_t i = 0; i < s->nscheduled; i++) {
        sb_printf(&t, "scheduled %lld", s->scheduled[i].at);
        field_put(&t, s->scheduled[i].key);
        sb_putc(&t, '\n');
    }
    if (s->portmaps_hash[0]) {
        sb_puts(&t, "portmap-hash");
        field_put(&t, s->portmaps_hash);
        sb_putc(&t, '\n');
    }
    for (size_t i = 0; i < s->portmaps.n; i++) {
        sb_puts(&t, "portmap");
        field_put(&t, s->portmaps.v[i]);
        sb_putc(&t, '\n');
    }
    for (size_t i = 0; i < s->pending_portmaps.n; i++) {
        sb_puts(&t, "pending-portmap");
        field_put(&t, s->pending_portmaps.v[i]);
        sb_putc(&t, '\n');
    }
    size_t n;
    const char **keys = sorted_keys(&s->attrs, &n);
    for (size_t i = 0; i < n; i++) {
        const struct cwmp_attr *a = strmap_get(&s->attrs, keys[i]);
        sb_puts(&t, "attr");
        field_put(&t, keys[i]);
        sb_printf(&t, " %d %d %d %d", a->notification, a->subscriber, a->explicit_set, a->changed);
        if (a->last)
            field_put(&t, a->last);
        sb_putc(&t, '\n');
    }
    free(keys);
    keys = sorted_keys(&s->tables, &n);
    for (size_t i = 0; i < n; i++) {
        const struct cwmp_table *tb = strmap_get(&s->tables, keys[i]);
        sb_puts(&t, "table");
        field_put(&t, keys[i]);
        sb_printf(&t, " %u\n", tb->next);
        size_t ni;
        const char **ikeys = sorted_keys(&tb->by_key, &ni);
        for (size_t j = 0; j < ni; j++) {
            sb_puts(&t, "instance");
            field_put(&t, keys[i]);
            sb_putc(&t, ' ');
            sb_putu(&t, (unsigned)(uintptr_t)strmap_get(&tb->by_key, ikeys[j]));
            field_put(&t, ikeys[j]);
            sb_putc(&t, '\n');
        }
        free(ikeys);
    }
    free(keys);
    int rc = file_write_atomic(path, t.buf, t.len, 0600);
    if (rc < 0)
        sb_printf(err, "cannot write %s: %s", path, strerror(-rc));
    sb_free(&t);
    return rc < 0 ? -1 : 0;
}

#define MAX_FIELDS 20

static int split(char *line, char **f)
{
    int n = 0;
    char *save = NULL;
    for (char *tok = strtok_r(line, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
        if (n == MAX_FIELDS)
            return -1;
        f[n++] = tok;
    }
    return n;
}

static bool number(const char *s, unsigned long max, unsigned long *out)
{
    if (!*s || strlen(s) > 10)
        return false;
    for (const char *p = s; *p; p++)
        if (!isdigit((unsigned char)*p))
            return false;
    unsigned long v = strtoul(s, NULL, 10);
    if (v > max)
        return false;
    *out = v;
    return true;
}

static bool epoch(const char *s, long long *out)
{
    if (!strcmp(s, "-")) {
        *out = LLONG_MIN;
        return true;
    }
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (!*s || *end || errno || v == LLONG_MIN)
        return false;
    *out = v;
    return true;
}

static bool load_transfer(struct cwmp_state *s, char **f)
{
    unsigned long id, state, attempts;
    long long start_at, start, complete, size;
    unsigned long fault;
    if (!number(f[1], 0xffffffffUL, &id) || id == 0 || cwmp_transfer_find(s, (unsigned)id) ||
        (strcmp(f[2], "download") && strcmp(f[2], "upload")) ||
        (strcmp(f[3], "acs") && strcmp(f[3], "cli")) || !number(f[4], 3, &state) || state == 0 ||
        !number(f[5], 1000000, &attempts) || strlen(f[6]) > COMMAND_KEY_MAX ||
        strlen(f[7]) > FILE_TYPE_MAX || !epoch(f[12], &size) || size < 0 ||
        !epoch(f[13], &start_at) || start_at == LLONG_MIN || !epoch(f[14], &start) ||
        !epoch(f[15], &complete) || !number(f[16], 9899, &fault) || strlen(f[18]) > 64)
        return false;
    unsigned saved_next = s->next_transfer_id;
    struct cwmp_transfer *t = cwmp_transfer_new(s);
    if (!t)
        return false;
    s->next_transfer_id = saved_next > id ? saved_next : (unsigned)id + 1;
    t->id = (unsigned)id;
    t->download = !strcmp(f[2], "download");
    t->from_acs = !strcmp(f[3], "acs");
    t->state = (enum transfer_state)state;
    t->attempts = (unsigned)attempts;
    strcpy(t->command_key, f[6]);
    strcpy(t->file_type, f[7]);
    t->url = xstrdup(f[8]);
    t->username = xstrdup(f[9]);
    t->password = xstrdup(f[10]);
    t->target = xstrdup(f[11]);
    t->file_size = (unsigned long long)size;
    t->start_at = start_at;
    t->start_time = start;
    t->complete_time = complete;
    t->fault = (int)fault;
    t->fault_string = xstrdup(f[17]);
    strcpy(t->install_hash, f[18]);
    return true;
}

/* The next instance number of each table read from the file: never below a number in use, nor
 * below what the table line says. Once the highest number possible is in use the numbers have
 * wrapped: the table line, written when they did, says where they go on (1 without one). Done
 * once the whole file is read, from the instances that stayed (a key given twice keeps its last
 * number), so the order of the lines does not matter. */
static void loaded_next(struct cwmp_state *s)
{
    size_t pos = 0;
    const char *name;
    void *v;
    while (strmap_next(&s->tables, &pos, &name, &v)) {
        struct cwmp_table *t = v;
        unsigned max = 0;
        size_t ipos = 0;
        const char *key;
        void *n;
        while (strmap_next(&t->by_key, &ipos, &key, &n))
            if ((uintptr_t)n > max)
                max = (unsigned)(uintptr_t)n;
        unsigned base = t->loaded_next ? t->loaded_next : 1;
        if (max == 0xffffffffU)
            t->next = base;
        else
            t->next = max + 1 > base ? max + 1 : base;
    }
}

static bool load_line(struct cwmp_state *s, char *line)
{
    char *f[MAX_FIELDS];
    int n = split(line, f);
    if (n <= 0)
        return n == 0;
    for (int i = 1; i < n; i++)
        if (field_decode(f[i]) < 0)
            return false;
    unsigned long a, b, c, d, e;
    if (!strcmp(f[0], "cwmpd-state") && n == 2) {
        return !strcmp(f[1], "1");
    } else if (!strcmp(f[0], "parameter-key") && n == 2) {
        if (strlen(f[1]) > PARAMETER_KEY_MAX)
            return false;
        strcpy(s->parameter_key, f[1]);
    } else if (!strcmp(f[0], "bootstrap") && n == 2) {
        free(s->bootstrap_url);
        s->bootstrap_url = xstrdup(f[1]);
    } else if (!strcmp(f[0], "retry-count") && n == 2 && number(f[1], 1000000, &a)) {
        s->retry_count = (unsigned)a;
    } else if (!strcmp(f[0], "pending-key") && n == 3) {
        if (strlen(f[1]) > PARAMETER_KEY_MAX || strlen(f[2]) != 64)
            return false;
        strcpy(s->pending_key, f[1]);
        strcpy(s->pending_hash, f[2]);
    } else if (!strcmp(f[0], "transfer") && n == 19) {
        return load_transfer(s, f);
    } else if (!strcmp(f[0], "scheduled") && n == 3) {
        long long at;
        if (!epoch(f[1], &at) || at == LLONG_MIN || strlen(f[2]) > COMMAND_KEY_MAX ||
            s->nscheduled == MAX_SCHEDULED)
            return false;
        s->scheduled[s->nscheduled].at = at;
        strcpy(s->scheduled[s->nscheduled++].key, f[2]);
    } else if (!strcmp(f[0], "portmap-hash") && n == 2 && strlen(f[1]) == 64) {
        strcpy(s->portmaps_hash, f[1]);
    } else if (!strcmp(f[0], "portmap") && n == 2) {
        records_add(&s->portmaps, f[1]);
    } else if (!strcmp(f[0], "pending-portmap") && n == 2) {
        records_add(&s->pending_portmaps, f[1]);
    } else if (!strcmp(f[0], "cr-path") && n == 2) {
        free(s->cr_path);
        s->cr_path = xstrdup(f[1]);
    } else if (!strcmp(f[0], "event") && n == 3) {
        if (strlen(f[1]) > EVENT_CODE_MAX || strlen(f[2]) > COMMAND_KEY_MAX)
            return false;
        cwmp_event_add(s, f[1], f[2]);
    } else if (!strcmp(f[0], "attr") && (n == 6 || n == 7) && number(f[2], 6, &a) &&
               number(f[3], 1, &b) && number(f[4], 1, &c) && number(f[5], 1, &d)) {
        struct cwmp_attr *at = cwmp_attr_get(s, f[1], (int)a);
        at->notification = (int)a;
        at->subscriber = b;
        at->explicit_set = c;
        at->changed = d;
        free(at->last);
        at->last = n == 7 ? xstrdup(f[6]) : NULL;
    } else if (!strcmp(f[0], "table") && n == 3 && number(f[2], 0xffffffffUL, &e) && e > 0) {
        struct cwmp_table *t = cwmp_table_get(s, f[1]);
        t->loaded_next = (unsigned)e;
    } else if (!strcmp(f[0], "instance") && n == 4 && number(f[2], 0xffffffffUL, &e) && e > 0) {
        struct cwmp_table *t = cwmp_table_get(s, f[1]);
        strmap_put(&t->by_key, f[3], (void *)(uintptr_t)e);
    } else {
        return false;
    }
    return true;
}

int cwmp_state_load(struct cwmp_state *s, const char *path, struct strbuf *err)
{
    cwmp_state_init(s);
    char *text;
    size_t len;
    int rc = file_read_all(path, STATE_FILE_MAX, &text, &len);
    if (rc == -ENOENT)
        return 0;
    if (rc < 0) {
        sb_printf(err, "cannot read %s: %s", path, strerror(-rc));
        return -1;
    }
    int lineno = 0, bad = 0;
    for (char *line = text, *next; line && *line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        lineno++;
        if (!load_line(s, line) && bad++ == 0)
            sb_printf(err, "%s line %d is not understood", path, lineno);
    }
    free(text);
    loaded_next(s);
    return bad ? -1 : 0;
}
