/* The transfer queue and its HTTP side: one transfer at a time, started when due and when no
 * CWMP session runs (a configuration installed mid-session would be overwritten by the session's
 * own changes), its file streamed between flash: and the server by the HTTP layer. */
#include "transfer.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

#include "configuration.h"
#include "core.h"
#include "fileio.h"
#include "http_client.h"
#include "http_url.h"
#include "loop.h"
#include "transfer_int.h"
#include "xalloc.h"

/* Room kept free in flash: beyond a download, so that the state and the configuration can
 * still be saved when a file fills the disk. */
#define FLASH_RESERVE (1024u * 1024u)
/* Starts of one transfer, across restarts, before it is given up: a file that crashes cwmpd
 * must not do so forever. */
#define MAX_ATTEMPTS 3

static struct cwmp_state *state(struct transfer_engine *t)
{
    return &t->a->cwmp;
}

static void save(struct transfer_engine *t)
{
    agent_save_cwmp_state(t->a);
}

const char *transfer_flash_dir(const struct transfer_engine *t)
{
    return t->flash_dir;
}

/* ---- names ---- */

/* A flash: file name: one path segment, printable, not hidden (temporary files start with a
 * dot), not too long. */
static bool good_name(const char *name)
{
    size_t n = strlen(name);
    if (n == 0 || n > 255 || name[0] == '.')
        return false;
    for (const char *p = name; *p; p++)
        if (*p == '/' || (unsigned char)*p < 0x20 || *p == 0x7f)
            return false;
    return true;
}

/* The last segment of a URL's path, or def. */
static char *url_file_name(const char *url, const char *def)
{
    const char *s = strstr(url, "://");
    s = s ? s + 3 : url;
    const char *path = strchr(s, '/');
    if (!path)
        return xstrdup(def);
    size_t end = strcspn(path, "?#");
    const char *last = path;
    for (size_t i = 0; i < end; i++)
        if (path[i] == '/')
            last = path + i + 1;
    size_t len = (size_t)(path + end - last);
    char *name = xstrndup(last, len);
    if (!good_name(name)) {
        free(name);
        return xstrdup(def);
    }
    return name;
}

static bool http_url(const char *url)
{
    return !strncasecmp(url, "http://", 7) || !strncasecmp(url, "https://", 8);
}

/* The operator's copies may also use TFTP, as IOS's do (the ACS's Download stays on HTTP). */
static bool copy_url(const char *url)
{
    return http_url(url) || !strncasecmp(url, "tftp://", 7);
}

/* ---- the queue ---- */

static struct transfer_waiter *waiter(struct transfer_engine *t, unsigned id)
{
    for (size_t i = 0; i < MAX_TRANSFERS; i++)
        if (t->waiters[i].id == id)
            return &t->waiters[i];
    return NULL;
}

static void close_file(struct transfer_engine *t)
{
    if (t->fd >= 0)
        close(t->fd);
    t->fd = -1;
    if (t->tmp_path)
        unlink(t->tmp_path);
    free(t->tmp_path);
    t->tmp_path = NULL;
}

void transfer_finish(struct transfer_engine *t, struct cwmp_transfer *tr, int fault,
                     const char *why)
{
    struct agent *a = t->a;
    close_file(t);
    t->running = 0;
    double secs = (double)(loop_now_ms() - t->started_ms) / 1000.0;
    struct strbuf url = STRBUF_INIT; /* a password in it is not logged */
    url_display(tr->url, &url);
    if (fault)
        agent_log(a, LOG_WARNING, "%%TRANSFER-4-FAILED: %s %s: fault %d, %s",
                  tr->download ? "download from" : "upload to", sb_str(&url), fault, why);
    else
        agent_log(a, LOG_NOTICE, "%%TRANSFER-5-DONE: %s %s: %llu bytes in %.3f s (%.1f MB/s)",
                  tr->download ? "download from" : "upload to", sb_str(&url),
                  (unsigned long long)t->bytes, secs,
                  secs > 0 ? (double)t->bytes / secs / 1e6 : 0.0);
    sb_free(&url);
    if (tr->from_acs) {
        tr->state = TRANSFER_DONE;
        tr->fault = fault;
        free(tr->fault_string);
        tr->fault_string = xstrndup(fault ? why : "", 256);
        tr->complete_time = (long long)time(NULL);
        tr->install_hash[0] = '\0';
        save(t);
        agent_transfer_done(a);
    } else {
        struct transfer_waiter *w = waiter(t, tr->id);
        uint64_t bytes = tr->file_size;
        unsigned id = tr->id;
        cwmp_transfer_remove(state(t), id);
        save(t);
        if (w) {
            struct transfer_waiter copy = *w;
            *w = (struct transfer_waiter){0};
            copy.done(copy.arg, fault, why, bytes, secs);
        }
    }
    transfer_engine_kick(t);
}

/* ---- the HTTP side ---- */

static void on_http_done(void *arg, const struct http_response *r);

static struct cwmp_transfer *running(struct transfer_engine *t)
{
    return t->running ? cwmp_transfer_find(state(t), t->running) : NULL;
}

/* The fault of a failed exchange with the file server. */
static int http_fault(const struct cwmp_transfer *tr, const struct http_response *r,
                      struct strbuf *why)
{
    if (r->status == 0) {
        if (r->too_large && !tr->file_size) {
            sb_puts(why, "not enough space in flash: for the file");
            return 9010;
        }
        sb_puts(why, r->error ? r->error : "no answer");
        if (r->too_large)
            return 9018;
        /* A transfer that began and broke off could not complete; one that never got an
         * answer could not reach the server. */
        if (r->status_seen >= 200 && r->status_seen < 300)
            return tr->download ? 9017 : 9011;
        return 9015;
    }
    sb_printf(why, "HTTP status %ld", r->status);
    if (r->status == 401 || r->status == 407)
        return 9012;
    if (tr->download && (r->status == 404 || r->status == 403 || r->status == 410))
        return 9016;
    return tr->download ? 9010 : 9011;
}

/* The running transfer's bytes so far, to the operator who waits for it. */
static void on_progress(void *arg, uint64_t bytes, const char *peer)
{
    struct transfer_engine *t = arg;
    struct transfer_waiter *w = t->running ? waiter(t, t->running) : NULL;
    if (w && w->progress)
        w->progress(w->arg, bytes, peer);
}

/* How long a TFTP server that does not answer is waited for: libcurl's 30 s by default, about
 * what IOS waits; CWMPD_TFTP_TIMEOUT (seconds) changes it, for tests that must not wait. */
static long tftp_timeout(void)
{
    const char *v = getenv("CWMPD_TFTP_TIMEOUT");
    long s = v ? strtol(v, NULL, 10) : 0;
    return s > 0 && s <= 3600 ? s : 0;
}

static void send_request(struct transfer_engine *t, struct cwmp_transfer *tr, const char *method,
                         uint64_t max_size, uint64_t upload_size)
{
    struct http_request req = {
        .url = tr->url,
        .method = method,
        .sink_fd = tr->download ? t->fd : -1,
        .source_fd = tr->download ? -1 : t->fd,
        .max_size = max_size,
        .upload_size = upload_size,
        .content_type = tr->download ? NULL : "text/plain",
        .user_agent = cwmp_user_agent(),
        /* GenieACS sends empty Username and Password for none (INTEROP). */
        .username = tr->username && *tr->username ? tr->username : NULL,
        .password = tr->password,
        .prefer_md5_sess = t->a->running->http_digest == DIGEST_MD5_SESS,
        .connect_timeout_s = !strncasecmp(tr->url, "tftp:", 5) ? tftp_timeout() : 0,
        .progress = on_progress,
        .progress_arg = t,
    };
    http_client_set_ca_file(t->http, t->a->running->http_ca_file);
    if (http_client_transfer(t->http, &req, on_http_done, t) < 0)
        transfer_finish(t, tr, 9002, "the HTTP client refused the transfer");
}

/* The bytes the files of flash: take, for a capacity given with --flash-size. */
static uint64_t flash_used(const char *dir)
{
    DIR *d = opendir(dir);
    uint64_t used = 0;
    if (!d)
        return 0;
    for (struct dirent *e; (e = readdir(d));) {
        struct stat st;
        if (fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode))
            used += (uint64_t)st.st_size;
    }
    closedir(d);
    return used;
}

static void start_download(struct transfer_engine *t, struct cwmp_transfer *tr)
{
    if (!tr->target || !*tr->target) {
        free(tr->target);
        tr->target = url_file_name(tr->url, !strcmp(tr->file_type, FT_CONFIG)     ? "config.txt"
                                            : !strcmp(tr->file_type, FT_FIRMWARE) ? "image.bin"
                                                                                  : "download");
        save(t);
    }
    struct statvfs vfs;
    if (statvfs(t->flash_dir, &vfs) < 0) {
        transfer_finish(t, tr, 9010, "flash: is not available");
        return;
    }
    uint64_t free_bytes = (uint64_t)vfs.f_bavail * vfs.f_frsize;
    uint64_t room = free_bytes > FLASH_RESERVE ? free_bytes - FLASH_RESERVE : 0;
    if (t->a->flash_size) {
        uint64_t used = flash_used(t->flash_dir);
        uint64_t left = t->a->flash_size > used ? t->a->flash_size - used : 0;
        room = left < room ? left : room;
    }
    if (tr->file_size > room) {
        char why[128];
        snprintf(why, sizeof why, "not enough space in flash: (%llu bytes needed, %llu free)",
                 (unsigned long long)tr->file_size, (unsigned long long)room);
        transfer_finish(t, tr, 9010, why);
        return;
    }
    struct strbuf p = STRBUF_INIT;
    sb_printf(&p, "%s/.download-%u", t->flash_dir, tr->id);
    t->tmp_path = sb_detach(&p);
    t->fd = open(t->tmp_path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (t->fd < 0) {
        transfer_finish(t, tr, 9010, "cannot create the file in flash:");
        return;
    }
    /* With a FileSize, a byte more is already wrong (corrupt); without, the space is the limit. */
    send_request(t, tr, "GET", tr->file_size ? tr->file_size : room, 0);
}

/* The text an upload sends. */
static int upload_text(struct transfer_engine *t, const struct cwmp_transfer *tr,
                       struct strbuf *out)
{
    if (!strcmp(tr->file_type, FT_UP_CONFIG)) {
        config_render(t->a->running, out);
        return 0;
    }
    if (!strcmp(tr->file_type, FT_UP_LOG)) {
        log_buffer_text(t->a, out);
        return 0;
    }
    if (!strcmp(tr->file_type, FT_UP_STARTUP)) {
        char *text;
        size_t len;
        int rc = file_read_all(t->a->startup_path, STARTUP_CONFIG_MAX, &text, &len);
        if (rc == 0) {
            sb_append(out, text, len);
            free(text);
        }
        return rc;
    }
    return -1;
}

static void start_upload(struct transfer_engine *t, struct cwmp_transfer *tr)
{
    struct strbuf text = STRBUF_INIT;
    int rc = upload_text(t, tr, &text);
    if (rc < 0) {
        sb_free(&text);
        transfer_finish(t, tr, 9011,
                        rc == -ENOENT ? "startup-config is not present"
                                      : "cannot read the file to upload");
        return;
    }
    /* Sent from a file, as a download is received into one: the HTTP layer streams both. */
    struct strbuf p = STRBUF_INIT;
    sb_printf(&p, "%s/.upload-%u", t->a->state_dir, tr->id);
    t->tmp_path = sb_detach(&p);
    t->fd = open(t->tmp_path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    size_t len = text.len;
    bool ok = t->fd >= 0 && write(t->fd, text.buf, len) == (ssize_t)len;
    sb_free(&text);
    if (!ok) {
        transfer_finish(t, tr, 9011, "cannot write the file to upload");
        return;
    }
    tr->file_size = len;
    send_request(t, tr, t->post_fallback ? "POST" : "PUT", 0, len);
}

static void download_done(struct transfer_engine *t, struct cwmp_transfer *tr,
                          const struct http_response *r)
{
    if (tr->file_size && r->bytes != tr->file_size) {
        char why[128];
        snprintf(why, sizeof why, "%llu bytes received, FileSize is %llu",
                 (unsigned long long)r->bytes, tr->file_size);
        transfer_finish(t, tr, 9018, why);
        return;
    }
    /* Whole and on disk before it takes the file's name: a crash leaves the old file or the new
     * one, never half of one. */
    struct strbuf dest = STRBUF_INIT;
    sb_printf(&dest, "%s/%s", t->flash_dir, tr->target);
    if (fsync(t->fd) < 0 || rename(t->tmp_path, sb_str(&dest)) < 0) {
        sb_free(&dest);
        transfer_finish(t, tr, 9010, "cannot write the file in flash:");
        return;
    }
    file_sync_parent(sb_str(&dest));
    free(t->tmp_path);
    t->tmp_path = NULL;
    close(t->fd);
    t->fd = -1;
    if (!tr->from_acs) {
        tr->file_size = r->bytes;
        transfer_finish(t, tr, 0, "");
    } else if (agent_session_busy(t->a)) {
        t->pending_install = sb_detach(&dest); /* the session's end kicks the engine */
    } else {
        transfer_install(t, tr, sb_str(&dest));
    }
    sb_free(&dest);
}

static void on_http_done(void *arg, const struct http_response *r)
{
    struct transfer_engine *t = arg;
    struct cwmp_transfer *tr = running(t);
    if (!tr)
        return;
    t->bytes = r->bytes;
    if (!tr->download && r->status == 405 && !t->post_fallback) {
        /* A server that takes uploads only as POST says so with 405: once more, as POST. */
        t->post_fallback = true;
        close_file(t);
        start_upload(t, tr);
        return;
    }
    if (r->status < 200 || r->status > 299) {
        struct strbuf why = STRBUF_INIT;
        int fault = http_fault(tr, r, &why);
        transfer_finish(t, tr, fault, sb_str(&why));
        sb_free(&why);
        return;
    }
    if (tr->download)
        download_done(t, tr, r);
    else
        transfer_finish(t, tr, 0, "");
}

/* ---- running the queue ---- */

static void on_timer(struct loop *loop, void *arg)
{
    (void)loop;
    struct transfer_engine *t = arg;
    t->timer = NULL;
    transfer_engine_kick(t);
}

static void run(struct transfer_engine *t, struct cwmp_transfer *tr)
{
    t->running = tr->id;
    t->started_ms = loop_now_ms();
    t->post_fallback = false;
    t->bytes = 0;
    if (tr->state == TRANSFER_RUNNING && tr->install_hash[0] && transfer_install_settled(t, tr)) {
        /* A restart came between the startup-config and the record of it: it was installed,
         * and the restart applied it. */
        transfer_finish(t, tr, 0, "");
        return;
    }
    tr->install_hash[0] = '\0';
    tr->state = TRANSFER_RUNNING;
    tr->attempts++;
    tr->start_time = (long long)time(NULL);
    save(t);
    if (tr->attempts > MAX_ATTEMPTS) {
        transfer_finish(t, tr, tr->download ? 9017 : 9011,
                        "interrupted by restarts too many times");
        return;
    }
    struct strbuf url = STRBUF_INIT;
    url_display(tr->url, &url);
    agent_log(t->a, LOG_INFO, "%%TRANSFER-6-START: %s %s",
              tr->download ? "download from" : "upload to", sb_str(&url));
    sb_free(&url);
    if (tr->download)
        start_download(t, tr);
    else
        start_upload(t, tr);
}

void transfer_engine_kick(struct transfer_engine *t)
{
    /* Nothing new while cwmpd goes down (agent.h); the next start takes it up. */
    if (!t || t->a->going_down)
        return;
    bool busy = agent_session_busy(t->a);
    if (t->running) {
        struct cwmp_transfer *tr = running(t);
        if (t->pending_install && tr && !busy) {
            char *path = t->pending_install;
            t->pending_install = NULL;
            transfer_install(t, tr, path);
            free(path);
        }
        return;
    }
    if (t->timer) {
        loop_timer_cancel(t->a->loop, t->timer);
        t->timer = NULL;
    }
    /* Not while a session runs: it would race the session's own changes to the configuration.
     * The session's end kicks again. */
    if (busy)
        return;
    struct cwmp_state *st = state(t);
    long long now = (long long)time(NULL), next = LLONG_MAX;
    struct cwmp_transfer *due = NULL;
    for (size_t i = 0; i < st->ntransfers; i++) {
        struct cwmp_transfer *tr = &st->transfers[i];
        if (tr->state == TRANSFER_DONE)
            continue;
        if (tr->start_at <= now && (!due || tr->start_at < due->start_at))
            due = tr;
        else if (tr->start_at > now && tr->start_at < next)
            next = tr->start_at;
    }
    if (due) {
        run(t, due);
        return;
    }
    if (next != LLONG_MAX)
        t->timer = loop_timer_add(t->a->loop, (uint64_t)(next - now) * 1000u, on_timer, t);
}

/* ---- the operator's copies ---- */

static unsigned copy_start(struct transfer_engine *t, struct cwmp_transfer *tr,
                           transfer_done_fn done, void *arg)
{
    for (size_t i = 0; i < MAX_TRANSFERS; i++)
        if (!t->waiters[i].id) {
            t->waiters[i] = (struct transfer_waiter){tr->id, done, arg, NULL};
            break;
        }
    tr->start_at = 0; /* ahead of anything the ACS queued for later */
    save(t);
    unsigned id = tr->id;
    transfer_engine_kick(t);
    return id;
}

static struct cwmp_transfer *copy_new(struct transfer_engine *t, const char *url,
                                      struct strbuf *err)
{
    if (!copy_url(url)) {
        sb_puts(err, "Invalid URL: only http://, https:// and tftp://");
        return NULL;
    }
    struct cwmp_transfer *tr = cwmp_transfer_new(state(t));
    if (!tr) {
        sb_puts(err, "Too many transfers queued");
        return NULL;
    }
    tr->url = xstrdup(url);
    /* As on IOS, the credentials of an operator's copy are those of its URL; they are answered
     * to a challenge (Digest, or Basic over HTTPS), never sent unasked. */
    http_url_credentials(url, &tr->username, &tr->password);
    if (!tr->username)
        tr->username = xstrdup("");
    if (!tr->password)
        tr->password = xstrdup("");
    return tr;
}

unsigned transfer_copy_download(struct transfer_engine *t, const char *url, const char *name,
                                transfer_done_fn done, void *arg, struct strbuf *err)
{
    if (name && *name && !good_name(name)) {
        sb_puts(err, "Invalid file name");
        return 0;
    }
    struct cwmp_transfer *tr = copy_new(t, url, err);
    if (!tr)
        return 0;
    tr->download = true;
    snprintf(tr->file_type, sizeof tr->file_type, "%s", FT_WEB);
    tr->target = name && *name ? xstrdup(name) : url_file_name(url, "download");
    return copy_start(t, tr, done, arg);
}

unsigned transfer_copy_upload(struct transfer_engine *t, bool startup, const char *url,
                              transfer_done_fn done, void *arg, struct strbuf *err)
{
    struct cwmp_transfer *tr = copy_new(t, url, err);
    if (!tr)
        return 0;
    snprintf(tr->file_type, sizeof tr->file_type, "%s", startup ? FT_UP_STARTUP : FT_UP_CONFIG);
    return copy_start(t, tr, done, arg);
}

void transfer_copy_progress(struct transfer_engine *t, unsigned id, transfer_progress_fn fn)
{
    struct transfer_waiter *w = waiter(t, id);
    if (w)
        w->progress = fn;
}

void transfer_detach(struct transfer_engine *t, unsigned id)
{
    struct transfer_waiter *w = waiter(t, id);
    if (w)
        *w = (struct transfer_waiter){0};
}

/* ---- show cwmp persistent ---- */

void transfer_show(const struct cwmp_state *st, struct strbuf *out)
{
    static const char *const states[] = {"", "queued", "in progress", "completed"};
    long long now = (long long)time(NULL);
    sb_puts(out, "Pending transfers   :");
    for (size_t i = 0; i < st->ntransfers; i++) {
        const struct cwmp_transfer *tr = &st->transfers[i];
        sb_printf(out, "\n  %u %s from %s, CommandKey \"%s\", %s", tr->id,
                  tr->download ? "Download" : "Upload", tr->from_acs ? "the ACS" : "the CLI",
                  tr->command_key, states[tr->state]);
        if (tr->state == TRANSFER_DONE)
            sb_printf(out, " (fault %d%s%s), TransferComplete owed", tr->fault,
                      tr->fault ? ": " : "", tr->fault ? tr->fault_string : "");
        else if (tr->state == TRANSFER_QUEUED && tr->start_at > now)
            sb_printf(out, ", starts in %lld s", tr->start_at - now);
        if (tr->attempts > 1)
            sb_printf(out, ", attempt %u", tr->attempts);
        sb_printf(out, "\n    %s: ", tr->file_type);
        url_display(tr->url ? tr->url : "", out);
        sb_printf(out, "%s%s", tr->download && tr->target && *tr->target ? " -> flash:" : "",
                  tr->download && tr->target ? tr->target : "");
    }
    sb_puts(out, st->ntransfers ? "\n" : " none\n");
    sb_puts(out, "Scheduled informs   :");
    for (size_t i = 0; i < st->nscheduled; i++)
        sb_printf(out, "\n  CommandKey \"%s\" in %lld s", st->scheduled[i].key,
                  st->scheduled[i].at > now ? st->scheduled[i].at - now : 0);
    sb_puts(out, st->nscheduled ? "\n" : " none\n");
}

/* ---- life ---- */

/* Temporary files of transfers a restart interrupted: their transfers start again from nothing. */
static void remove_leftovers(struct transfer_engine *t)
{
    dir_remove_prefixed(t->flash_dir, ".download-");
    dir_remove_prefixed(t->a->state_dir, ".upload-");
}

struct transfer_engine *transfer_engine_new(struct agent *a)
{
    struct transfer_engine *t = xcalloc(1, sizeof *t);
    t->a = a;
    t->fd = -1;
    t->flash_dir = xstrdup(a->flash_dir); /* made by agent_init_core */
    t->http = http_client_new(a->loop, "transfer", &a->http_clients);
    http_debug_attach(a, t->http);
    remove_leftovers(t);
    /* An operator's copy dies with the shell that waited for it. */
    struct cwmp_state *st = state(t);
    for (size_t i = st->ntransfers; i-- > 0;)
        if (!st->transfers[i].from_acs && st->transfers[i].state != TRANSFER_DONE)
            cwmp_transfer_remove(st, st->transfers[i].id);
    return t;
}

void transfer_engine_free(struct transfer_engine *t)
{
    if (!t)
        return;
    if (t->timer)
        loop_timer_cancel(t->a->loop, t->timer);
    transfer_install_abort(t);
    http_client_free(t->http);
    close_file(t);
    free(t->pending_install);
    free(t->flash_dir);
    free(t);
}
