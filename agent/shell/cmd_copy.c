/* copy URL flash:[NAME] and copy {running-config|startup-config} URL: the operator's file
 * transfers, run by the transfer engine (transfer.h). A transfer takes time, so the shell's reply
 * is deferred (shell_defer) until the engine calls back; a shell that goes away first detaches
 * its transfer, which goes on. */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "configuration.h"
#include "core.h"
#include "ctl_server.h"
#include "fileio.h"
#include "handlers.h"
#include "http_url.h"
#include "persist.h"
#include "transfer.h"
#include "xalloc.h"

struct copy_job {
    struct agent *agent;
    struct shell *shell; /* whose reply waits, once started */
    bool upload, startup;
    bool to_running;   /* a download merged into running-config, then removed from flash: */
    bool merge_failed; /* some lines were refused: why holds them */
    char *url;         /* as typed (it may hold a password: shown through url_display) */
    char *name;        /* download: the file of flash:; upload: the URL's last path segment */
    unsigned id;
    bool started; /* transfer_copy_* has returned */
    bool early;   /* the engine called back before that */
    int fault;
    char *why;
    uint64_t bytes;
    double seconds;
};

static void job_free(void *arg)
{
    struct copy_job *j = arg;
    free(j->url);
    free(j->name);
    free(j->why);
    free(j);
}

static int copy_error(struct strbuf *out, const char *url, const char *why)
{
    sb_puts(out, "%Error opening ");
    url_display(url, out);
    sb_printf(out, " (%s)\n", why);
    return -1;
}

/* Where a URL's parts are: "http://host/dir/name?query" has its last path segment at seg (seg_len
 * bytes, "name"), and what follows the path at rest ("?query"). path is where the path starts
 * (the end of the authority). */
struct url_parts {
    size_t path, seg, seg_len, rest;
};

/* http://, https:// or tftp:// with a host: what the transfer engine fetches from and sends
 * to. */
static const char *url_split(const char *url, struct url_parts *p)
{
    size_t scheme = strcspn(url, ":");
    if (!((scheme == 4 && !strncasecmp(url, "http", 4)) ||
          (scheme == 4 && !strncasecmp(url, "tftp", 4)) ||
          (scheme == 5 && !strncasecmp(url, "https", 5))))
        return "Protocol not supported";
    if (strncmp(url + scheme, "://", 3) != 0)
        return "Invalid URL";
    size_t host = scheme + 3;
    p->path = host + strcspn(url + host, "/?#");
    if (p->path == host)
        return "No host name";
    p->rest = p->path + strcspn(url + p->path, "?#");
    p->seg = p->path;
    for (size_t i = p->path; i < p->rest; i++)
        if (url[i] == '/')
            p->seg = i + 1;
    p->seg_len = p->rest - p->seg;
    return NULL;
}

static struct copy_job *job_new(struct agent *a, const char *url, const struct url_parts *p)
{
    struct copy_job *j = xcalloc(1, sizeof *j);
    j->agent = a;
    j->url = xstrdup(url);
    j->name = xstrndup(url + p->seg, p->seg_len);
    return j;
}

static int report(const struct copy_job *j, struct strbuf *out)
{
    if (j->fault) {
        struct strbuf why = STRBUF_INIT;
        if (j->why && *j->why)
            sb_puts(&why, j->why);
        else
            sb_printf(&why, "fault %d", j->fault);
        copy_error(out, j->url, sb_str(&why));
        sb_free(&why);
        return -1;
    }
    if (!j->upload)
        sb_printf(out, "[OK - %llu bytes]\n\n", (unsigned long long)j->bytes);
    if (j->merge_failed)
        sb_puts(out, j->why); /* as IOS, the refused lines once the file is in */
    sb_printf(out, "%llu bytes copied in %.3f secs (%.0f bytes/sec)\n",
              (unsigned long long)j->bytes, j->seconds,
              j->seconds > 0 ? (double)j->bytes / j->seconds : (double)j->bytes);
    return j->merge_failed ? -1 : 0;
}

static void merge_error(void *arg, int lineno, const char *line, const char *message)
{
    struct strbuf *out = arg;
    sb_printf(out, "line %d: %s\n%s\n", lineno, line, message);
}

/* The file the transfer brought: its lines merged into running-config through the parser, as IOS's
 * copy URL running-config does (not saved: the operator or the ACS saves). The file goes. */
static void merge_download(struct copy_job *j)
{
    struct agent *a = j->agent;
    struct strbuf path = STRBUF_INIT, errors = STRBUF_INIT;
    sb_printf(&path, "%s/%s", a->flash_dir, j->name);
    char *text = NULL;
    size_t len;
    int rc = file_read_all(sb_str(&path), STARTUP_CONFIG_MAX, &text, &len);
    unlink(sb_str(&path));
    if (rc < 0) {
        j->fault = 9002;
        free(j->why);
        j->why = xstrdup(strerror(-rc));
    } else {
        struct strbuf url = STRBUF_INIT;
        url_display(j->url, &url);
        int bad = agent_load_config_text(a, text, "copy", merge_error, &errors);
        config_txn_announce(a); /* the transfer's end is no command's */
        if (bad > 0) {
            free(j->why);
            j->why = sb_detach(&errors);
            j->merge_failed = true;
        }
        agent_log(a, LOG_NOTICE, "%%SYS-5-CONFIG_I: Configured from %s", sb_str(&url));
        sb_free(&url);
    }
    free(text);
    sb_free(&errors);
    sb_free(&path);
}

static void copy_done(void *arg, int fault, const char *why, uint64_t bytes, double seconds)
{
    struct copy_job *j = arg;
    j->fault = fault;
    j->why = xstrdup(why ? why : "");
    j->bytes = bytes;
    j->seconds = seconds;
    if (j->to_running && !fault)
        merge_download(j);
    if (!j->started) {
        j->early = true; /* start() reports it */
        return;
    }
    struct strbuf out = STRBUF_INIT;
    int rc = report(j, &out);
    struct shell *sh = j->shell;
    job_free(j);
    shell_resume(sh, &out, rc == 0);
    sb_free(&out);
}

static void copy_cancel(void *arg)
{
    struct copy_job *j = arg;
    transfer_detach(j->agent->transfer, j->id);
    job_free(j);
}

/* Hands the job to the engine; the shell's reply then waits for it. Takes the job. */
static int start(struct shell *sh, struct copy_job *j, struct strbuf *out)
{
    struct transfer_engine *t = j->agent->transfer;
    struct strbuf err = STRBUF_INIT;
    if (j->upload) {
        j->id = transfer_copy_upload(t, j->startup, j->url, copy_done, j, &err);
    } else {
        sb_puts(out, "Accessing ");
        url_display(j->url, out);
        sb_puts(out, "...\n");
        j->id = transfer_copy_download(t, j->url, j->name, copy_done, j, &err);
    }
    j->started = true;
    int rc = 0;
    if (j->id == 0)
        rc = copy_error(out, j->url, err.len ? sb_str(&err) : "refused");
    else if (j->early)
        rc = report(j, out);
    sb_free(&err);
    if (j->id == 0 || j->early) {
        job_free(j);
        return rc;
    }
    j->shell = sh;
    shell_defer(sh, copy_cancel, j);
    return 0;
}

/* The job kept with the question being answered, now the caller's. */
static struct copy_job *take_job(struct shell *sh)
{
    struct copy_job *j = sh->answer_data;
    sh->answer_data = NULL;
    return j;
}

static int overwrite_answered(struct shell *sh, const char *text, bool cancelled,
                              struct strbuf *out)
{
    if (cancelled)
        return -1;
    if (!answer_confirms(text))
        return 0;
    return start(sh, take_job(sh), out);
}

static bool flash_file_exists(struct agent *a, const char *name)
{
    struct strbuf path = STRBUF_INIT;
    sb_printf(&path, "%s/%s", a->flash_dir, name);
    struct stat st;
    bool exists = lstat(sb_str(&path), &st) == 0;
    sb_free(&path);
    return exists;
}

static int name_error(struct strbuf *out, const char *name)
{
    sb_printf(out, "%%Error opening flash:/%s (%s)\n", name,
              *name ? "Invalid file name" : "Is a directory");
    return -1;
}

/* "Destination filename [NAME]?" of a download: Enter keeps NAME, another name (with or without
 * flash:) replaces it. */
static int download_named(struct shell *sh, const char *text, bool cancelled, struct strbuf *out)
{
    if (cancelled)
        return -1;
    struct copy_job *j = sh->answer_data;
    const char *typed = text + strspn(text, " \t");
    if (*typed) {
        const char *name = flash_file_part(typed) ? flash_file_part(typed) : typed;
        free(j->name);
        j->name = xstrndup(name, strcspn(name, " \t"));
    }
    if (!flash_name_valid(j->name))
        return name_error(out, j->name);
    if (flash_file_exists(sh->as.agent, j->name)) {
        sb_puts(out, "%Warning: There is a file already existing with this name\n");
        shell_ask_about(sh, "Do you want to over write? [confirm]", true, overwrite_answered,
                        take_job(sh), job_free);
        return 0;
    }
    return start(sh, take_job(sh), out);
}

/* Copies go through the transfer engine, which only cwmpd serving shells has. */
static struct agent_session *copy_session(struct cmd_call *c)
{
    struct agent_session *s = call_session(c);
    if (!s->shell || !s->agent->transfer) {
        cmd_fail(c, "File transfers need a shell of a running cwmpd");
        return NULL;
    }
    return s;
}

static int copy_download(struct cmd_call *c)
{
    struct agent_session *s = copy_session(c);
    if (!s)
        return -1;
    const char *src = cmd_arg(c, "source"), *dst = cmd_arg(c, "destination");
    if (flash_file_part(src))
        return cmd_fail(c,
                        "Copying from flash: is not supported: only from http:, https: and tftp:");
    const char *name = flash_file_part(dst);
    if (!name)
        return cmd_fail(c, "Only flash: can be the destination of a copy from a URL");
    struct url_parts p;
    const char *why = url_split(src, &p);
    if (why)
        return copy_error(c->out, src, why);
    struct copy_job *j = job_new(s->agent, src, &p);
    if (*name) {
        free(j->name);
        j->name = xstrdup(name);
    }
    if (s->shell->interactive) {
        struct strbuf q = STRBUF_INIT;
        sb_printf(&q, "Destination filename [%s]? ", j->name);
        shell_ask_about(s->shell, sb_str(&q), true, download_named, j, job_free);
        sb_free(&q);
        return 0;
    }
    if (!flash_name_valid(j->name)) {
        name_error(c->out, j->name);
        job_free(j);
        return -1;
    }
    return start(s->shell, j, c->out);
}

/* The file a copy to running-config passes through in flash: while it is fetched. */
#define MERGE_FILE "copy-running-config.tmp"

static int copy_to_running_answered(struct shell *sh, const char *text, bool cancelled,
                                    struct strbuf *out)
{
    if (cancelled)
        return -1;
    const char *typed = text + strspn(text, " \t");
    size_t len = strcspn(typed, " \t");
    if (len && !(len == 14 && !strncmp(typed, "running-config", 14))) {
        sb_puts(out, "% Only running-config can be the destination here\n");
        return -1;
    }
    return start(sh, take_job(sh), out);
}

/* copy URL running-config: the file fetched, then its lines merged into the running one. */
static int copy_download_running(struct cmd_call *c)
{
    struct agent_session *s = copy_session(c);
    if (!s)
        return -1;
    const char *src = cmd_arg(c, "source");
    struct url_parts p;
    const char *why = url_split(src, &p);
    if (why)
        return copy_error(c->out, src, why);
    struct copy_job *j = job_new(s->agent, src, &p);
    free(j->name);
    j->name = xstrdup(MERGE_FILE);
    j->to_running = true;
    if (s->shell->interactive) {
        shell_ask_about(s->shell, "Destination filename [running-config]? ", true,
                        copy_to_running_answered, j, job_free);
        return 0;
    }
    return start(s->shell, j, c->out);
}

/* Gives an upload's URL the last path segment name, keeping what follows the path. */
static void rename_upload(struct copy_job *j, const char *name)
{
    struct url_parts p;
    url_split(j->url, &p); /* checked when the job was made */
    if (p.seg_len == strlen(name) && !strncmp(j->url + p.seg, name, p.seg_len))
        return;
    struct strbuf u = STRBUF_INIT;
    sb_append(&u, j->url, p.seg);
    if (p.seg == p.path)
        sb_putc(&u, '/'); /* "http://host": the path starts here */
    sb_puts(&u, name);
    sb_puts(&u, j->url + p.rest);
    free(j->url);
    j->url = sb_detach(&u);
}

/* "Destination filename [NAME]?" of an upload: Enter keeps NAME, another name replaces the last
 * part of the URL's path. */
static int upload_named(struct shell *sh, const char *text, bool cancelled, struct strbuf *out)
{
    if (cancelled)
        return -1;
    struct copy_job *j = sh->answer_data;
    const char *typed = text + strspn(text, " \t");
    size_t len = strcspn(typed, " \t");
    if (len > 0) {
        free(j->name);
        j->name = xstrndup(typed, len);
    }
    rename_upload(j, j->name);
    return start(sh, take_job(sh), out);
}

/* IOS names a configuration sent without a file name after the host: router-confg. */
static char *default_config_name(const struct config_store *cs)
{
    struct strbuf n = STRBUF_INIT;
    for (const char *p = cs->hostname; *p; p++)
        sb_putc(&n, (char)tolower((unsigned char)*p));
    sb_puts(&n, "-confg");
    return sb_detach(&n);
}

static int upload(struct cmd_call *c, bool startup)
{
    struct agent_session *s = copy_session(c);
    if (!s)
        return -1;
    const char *url = cmd_arg(c, "destination");
    if (flash_file_part(url))
        return cmd_fail(c, "Copying to flash: is not supported: only to http:, https: and tftp:");
    struct url_parts p;
    const char *why = url_split(url, &p);
    if (why)
        return copy_error(c->out, url, why);
    struct copy_job *j = job_new(s->agent, url, &p);
    j->upload = true;
    j->startup = startup;
    if (!*j->name) {
        free(j->name);
        j->name = default_config_name(s->agent->running);
    }
    if (s->shell->interactive) {
        struct strbuf q = STRBUF_INIT;
        sb_printf(&q, "Destination filename [%s]? ", j->name);
        shell_ask_about(s->shell, sb_str(&q), true, upload_named, j, job_free);
        sb_free(&q);
        return 0;
    }
    rename_upload(j, j->name);
    return start(s->shell, j, c->out);
}

/* Two handlers, for the same name has to be read from the syntax of every command of a handler. */
static int copy_upload(struct cmd_call *c)
{
    return upload(c, false);
}

static int copy_upload_startup(struct cmd_call *c)
{
    return upload(c, true);
}

static const struct cmd_binding table[] = {
    {"copy_download", copy_download, "source destination"},
    {"copy_download_running", copy_download_running, "source"},
    {"copy_upload", copy_upload, "destination"},
    {"copy_upload_startup", copy_upload_startup, "destination"},
};
HANDLER_TABLE(copy_handlers, table);
