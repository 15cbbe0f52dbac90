/* copy URL flash:[NAME] and copy {running-config|startup-config} URL: the operator's file
 * transfers, run by the transfer engine (transfer.h). A transfer takes time, so the shell's reply
 * is deferred (shell_defer) until the engine calls back; a shell that goes away first detaches
 * its transfer, which goes on. */
#include <arpa/inet.h>
#include <ctype.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "configuration.h"
#include "core.h"
#include "ctl_server.h"
#include "fileio.h"
#include "handlers.h"
#include "http_url.h"
#include "persist.h"
#include "platform.h"
#include "transfer.h"
#include "xalloc.h"

/* What a copy makes of the file. */
enum copy_kind {
    TO_FLASH,   /* copy URL flash:[NAME] */
    TO_RUNNING, /* copy URL running-config: merged, then removed from flash: */
    TO_STARTUP, /* copy URL startup-config: becomes the startup-config, then removed from flash: */
    UPLOAD,     /* copy {running-config|startup-config} URL */
};

/* IOS's questions, in the order asked; each is asked or skipped (copy_proceed). */
enum copy_step {
    STEP_START,
    STEP_HOST,   /* Address or name of remote host [HOST]? */
    STEP_SOURCE, /* Source filename []? */
    STEP_DEST,   /* Destination filename [NAME]? */
    STEP_GO,
};

/* One `!` for every this many bytes: ten TFTP blocks of 512 bytes, as IOS marks a TFTP copy. */
#define MARK_BYTES 5120u

struct copy_job {
    struct agent *agent;
    struct shell *shell; /* whose reply waits, once started */
    enum copy_kind kind;
    enum copy_step step;
    bool upload, startup;
    bool interactive;  /* a terminal: the questions with a default are asked */
    bool bare;         /* only the scheme was typed (tftp:): the host and the file are asked */
    bool name_given;   /* flash:NAME was typed: the source's name is not the default */
    bool merge_failed; /* some lines were refused: why holds them */
    bool tftp;         /* IOS's progress lines and marks */
    char *url;         /* as typed (it may hold a password: shown through url_display) */
    char *name;        /* download: the file of flash:; upload: the URL's last path segment */
    unsigned id;
    bool started; /* transfer_copy_* has returned */
    bool early;   /* the engine called back before that */
    int fault;
    char *why;
    uint64_t bytes;
    double seconds;
    unsigned marks; /* `!` streamed so far (also the "Loading" line of a download) */
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

/* Where a URL's parts are: "http://user@host/dir/name?query" has its host at host ("host", up to
 * path), its last path segment at seg (seg_len bytes, "name"), and what follows the path at rest
 * ("?query"). path is where the path starts (the end of the authority). */
struct url_parts {
    size_t host, path, seg, seg_len, rest;
};

static bool scheme_is(const char *url, size_t len, const char *scheme)
{
    return len == strlen(scheme) && !strncasecmp(url, scheme, len);
}

/* http://, https:// or tftp:// with a host: what the transfer engine fetches from and sends
 * to. */
static const char *url_split(const char *url, struct url_parts *p)
{
    size_t scheme = strcspn(url, ":");
    if (!scheme_is(url, scheme, "http") && !scheme_is(url, scheme, "https") &&
        !scheme_is(url, scheme, "tftp"))
        return "Protocol not supported";
    if (strncmp(url + scheme, "://", 3) != 0)
        return "Invalid URL";
    size_t host = scheme + 3;
    p->path = host + strcspn(url + host, "/?#");
    p->host = host;
    for (size_t i = host; i < p->path; i++)
        if (url[i] == '@')
            p->host = i + 1;
    if (p->path == p->host)
        return "No host name";
    p->rest = p->path + strcspn(url + p->path, "?#");
    p->seg = p->path;
    for (size_t i = p->path; i < p->rest; i++)
        if (url[i] == '/')
            p->seg = i + 1;
    p->seg_len = p->rest - p->seg;
    return NULL;
}

/* Only the scheme ("tftp:"), as IOS's copy tftp: flash: is typed: the rest is asked. */
static bool url_bare(const char *url)
{
    size_t len = strlen(url);
    return len > 1 && url[len - 1] == ':' &&
           (scheme_is(url, len - 1, "tftp") || scheme_is(url, len - 1, "http") ||
            scheme_is(url, len - 1, "https"));
}

static struct copy_job *job_new(struct agent_session *s, const char *url, enum copy_kind kind)
{
    struct copy_job *j = xcalloc(1, sizeof *j);
    j->agent = s->agent;
    j->kind = kind;
    j->upload = kind == UPLOAD;
    j->interactive = s->shell->interactive;
    j->bare = url_bare(url);
    j->tftp = !strncasecmp(url, "tftp:", 5);
    if (j->bare) {
        /* "tftp://" until the host is answered */
        struct strbuf u = STRBUF_INIT;
        sb_append(&u, url, strlen(url) - 1);
        sb_puts(&u, "://");
        j->url = sb_detach(&u);
        j->name = xstrdup("");
    } else {
        struct url_parts p;
        url_split(url, &p); /* checked by the caller */
        j->url = xstrdup(url);
        j->name = xstrndup(url + p.seg, p.seg_len);
    }
    return j;
}

/* The file's path on the server, as IOS names it in "Loading PATH from HOST". */
static void url_path(const char *url, struct strbuf *out)
{
    struct url_parts p;
    if (url_split(url, &p))
        return;
    size_t from = p.path + (url[p.path] == '/');
    sb_append(out, url + from, p.rest - from);
}

/* The interface IOS names for a Linux one: the configured interface it stands for, else the name
 * the usual rules give it (platform_linux_name's, backwards), else the Linux name itself. */
static void ios_interface(const struct agent *a, const char *linux_name, char *out, size_t cap)
{
    const struct config_store *cs = a->running;
    for (size_t i = 0; i < cs->nifs; i++) {
        char ln[32];
        platform_linux_name(cs->ifs[i].name, ln, sizeof ln);
        if (!strcmp(ln, linux_name)) {
            snprintf(out, cap, "%s", cs->ifs[i].name);
            return;
        }
    }
    static const struct {
        const char *linux_prefix, *ios_format;
    } rules[] = {
        {"eth", "Ethernet0/%s"}, {"vlan", "Vlan%s"}, {"ppp", "Dialer%s"}, {"atm", "ATM%s"}};
    if (!strcmp(linux_name, "lo")) {
        snprintf(out, cap, "Loopback0");
        return;
    }
    for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++) {
        size_t n = strlen(rules[i].linux_prefix);
        const char *num = linux_name + n;
        if (!strncmp(linux_name, rules[i].linux_prefix, n) && *num &&
            strspn(num, "0123456789") == strlen(num)) {
            snprintf(out, cap, rules[i].ios_format, num);
            return;
        }
    }
    snprintf(out, cap, "%s", linux_name);
}

/* The interface the route to peer leaves by, named as IOS names it ("" when not found): the
 * kernel picks the source address of a UDP socket connected there (no packet is sent), and the
 * interface that holds it is the one. */
static void route_interface(const struct agent *a, const char *peer, char *out, size_t cap)
{
    out[0] = '\0';
    struct sockaddr_storage to = {0};
    struct sockaddr_in *v4 = (struct sockaddr_in *)&to;
    struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)&to;
    socklen_t to_len;
    if (inet_pton(AF_INET, peer, &v4->sin_addr) == 1) {
        v4->sin_family = AF_INET;
        v4->sin_port = htons(69);
        to_len = sizeof *v4;
    } else if (inet_pton(AF_INET6, peer, &v6->sin6_addr) == 1) {
        v6->sin6_family = AF_INET6;
        v6->sin6_port = htons(69);
        to_len = sizeof *v6;
    } else {
        return;
    }
    int fd = socket(to.ss_family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return;
    struct sockaddr_storage local;
    socklen_t local_len = sizeof local;
    bool found = connect(fd, (struct sockaddr *)&to, to_len) == 0 &&
                 getsockname(fd, (struct sockaddr *)&local, &local_len) == 0;
    close(fd);
    struct ifaddrs *ifs;
    if (!found || getifaddrs(&ifs) < 0)
        return;
    char linux_name[IF_NAMESIZE + 1] = "";
    for (struct ifaddrs *i = ifs; i && !linux_name[0]; i = i->ifa_next) {
        if (!i->ifa_addr || i->ifa_addr->sa_family != local.ss_family)
            continue;
        bool same =
            local.ss_family == AF_INET
                ? ((struct sockaddr_in *)i->ifa_addr)->sin_addr.s_addr ==
                      ((struct sockaddr_in *)&local)->sin_addr.s_addr
                : !memcmp(&((struct sockaddr_in6 *)i->ifa_addr)->sin6_addr,
                          &((struct sockaddr_in6 *)&local)->sin6_addr, sizeof(struct in6_addr));
        if (same)
            snprintf(linux_name, sizeof linux_name, "%s", i->ifa_name);
    }
    freeifaddrs(ifs);
    if (linux_name[0])
        ios_interface(a, linux_name, out, cap);
}

/* The transfer's bytes so far: IOS's "Loading FILE from HOST (via IF): " at a download's first
 * bytes, then a `!` for each MARK_BYTES begun; an upload's first `!` is the server taking the
 * file (its first block is asked for only once the server acknowledged the write). */
static void copy_progress(void *arg, uint64_t bytes, const char *peer)
{
    struct copy_job *j = arg;
    if (!j->shell || bytes == 0)
        return;
    struct strbuf s = STRBUF_INIT;
    if (!j->upload && j->marks == 0) {
        sb_puts(&s, "Loading ");
        url_path(j->url, &s);
        sb_puts(&s, " from ");
        if (*peer) {
            sb_puts(&s, peer);
        } else {
            struct url_parts p;
            url_split(j->url, &p);
            sb_append(&s, j->url + p.host, p.path - p.host);
        }
        char ifname[64];
        route_interface(j->agent, peer, ifname, sizeof ifname);
        if (ifname[0])
            sb_printf(&s, " (via %s)", ifname);
        sb_puts(&s, ": ");
    }
    uint64_t want = (bytes + MARK_BYTES - 1) / MARK_BYTES + (j->upload ? 1 : 0);
    for (; j->marks < want; j->marks++)
        sb_putc(&s, '!');
    if (s.len)
        shell_stream(j->shell, s.buf, s.len);
    sb_free(&s);
}

static int report(const struct copy_job *j, struct strbuf *out)
{
    if (j->marks)
        sb_putc(out, '\n'); /* the marks' line ends */
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
        sb_printf(out, "[OK - %llu bytes]\n%s", (unsigned long long)j->bytes,
                  j->kind == TO_STARTUP ? "[OK]\n" : "\n");
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

/* The file a copy to running-config or startup-config passes through in flash: while it is
 * fetched. */
#define MERGE_FILE   "copy-running-config.tmp"
#define STARTUP_FILE "copy-startup-config.tmp"

/* The file the transfer brought: its lines merged into running-config through the parser, as IOS's
 * copy URL running-config does (not saved: the operator or the ACS saves); or, for startup-config,
 * the file as it is (IOS does not check it either: the next start reads it). The file goes. */
static void install_download(struct copy_job *j)
{
    struct agent *a = j->agent;
    struct strbuf path = STRBUF_INIT, errors = STRBUF_INIT;
    sb_printf(&path, "%s/%s", a->flash_dir, j->name);
    char *text = NULL;
    size_t len;
    int rc = file_read_all(sb_str(&path), STARTUP_CONFIG_MAX, &text, &len);
    unlink(sb_str(&path));
    if (rc == 0 && j->kind == TO_STARTUP)
        rc = file_write_atomic(a->startup_path, text, len, 0640);
    if (rc < 0) {
        j->fault = 9002;
        free(j->why);
        j->why = xstrdup(strerror(-rc));
    } else if (j->kind == TO_RUNNING) {
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
    if ((j->kind == TO_RUNNING || j->kind == TO_STARTUP) && !fault)
        install_download(j);
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
    if (j->tftp)
        transfer_copy_progress(t, j->id, copy_progress);
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

/* The URL with another host (and port), its user and what follows kept; a bare scheme's URL
 * ("tftp://") gets its host and an empty path. */
static void set_host(struct copy_job *j, const char *host)
{
    struct strbuf u = STRBUF_INIT;
    struct url_parts p;
    if (url_split(j->url, &p)) {
        sb_printf(&u, "%s%s/", j->url, host);
    } else {
        sb_append(&u, j->url, p.host);
        sb_puts(&u, host);
        sb_puts(&u, j->url + p.path);
    }
    free(j->url);
    j->url = sb_detach(&u);
}

/* The URL with the path the operator answered (without its leading slash). */
static void set_path(struct copy_job *j, const char *path)
{
    struct url_parts p;
    url_split(j->url, &p); /* the host was set */
    struct strbuf u = STRBUF_INIT;
    sb_append(&u, j->url, p.path);
    sb_putc(&u, '/');
    sb_puts(&u, path);
    free(j->url);
    j->url = sb_detach(&u);
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

/* IOS's answer to a host or a file name it cannot take (empty where nothing is the default). */
static int parse_error(struct strbuf *out)
{
    sb_puts(out, "%Error parsing filename (Invalid argument)\n");
    return -1;
}

static int copy_answered(struct shell *sh, const char *text, bool cancelled, struct strbuf *out);

/* Asks the question of j->step; the answer continues the copy. */
static int ask(struct shell *sh, struct copy_job *j)
{
    struct strbuf q = STRBUF_INIT;
    struct url_parts p;
    switch (j->step) {
    case STEP_HOST:
        sb_puts(&q, "Address or name of remote host [");
        if (!url_split(j->url, &p))
            sb_append(&q, j->url + p.host, p.path - p.host);
        sb_puts(&q, "]? ");
        break;
    case STEP_SOURCE:
        sb_puts(&q, "Source filename []? ");
        break;
    default:
        sb_printf(&q, "Destination filename [%s]? ",
                  j->kind == TO_RUNNING   ? "running-config"
                  : j->kind == TO_STARTUP ? "startup-config"
                                          : j->name);
        break;
    }
    shell_ask_about(sh, sb_str(&q), true, copy_answered, j, job_free);
    sb_free(&q);
    return 0;
}

/* Everything answered: the name checked (and an existing file's overwrite asked on a terminal),
 * then the transfer. */
static int go(struct shell *sh, struct copy_job *j, struct strbuf *out)
{
    if (j->kind == UPLOAD) {
        if (!*j->name) {
            free(j->name);
            j->name = default_config_name(sh->as.agent->running);
        }
        rename_upload(j, j->name);
    } else if (j->kind == TO_FLASH) {
        if (!flash_name_valid(j->name)) {
            name_error(out, j->name);
            job_free(j);
            return -1;
        }
        if (j->interactive && flash_file_exists(sh->as.agent, j->name)) {
            sb_puts(out, "%Warning: There is a file already existing with this name\n");
            shell_ask_about(sh, "Do you want to over write? [confirm]", true, overwrite_answered, j,
                            job_free);
            return 0;
        }
    }
    return start(sh, j, out);
}

/* The next question the copy needs, or the transfer. A bare scheme asks its host and (for a
 * download) its file, from a terminal or a script alike: they have no default. The questions
 * with a default (the host of a URL sent, the destination) are asked on a terminal only: a script
 * takes the default, as IOS with `file prompt quiet`. Takes the job. */
static int proceed(struct shell *sh, struct copy_job *j, struct strbuf *out)
{
    for (;;) {
        j->step++;
        switch (j->step) {
        case STEP_START:
            break;
        case STEP_HOST:
            if (j->bare || (j->kind == UPLOAD && j->interactive))
                return ask(sh, j);
            break;
        case STEP_SOURCE:
            if (j->bare && j->kind != UPLOAD)
                return ask(sh, j);
            break;
        case STEP_DEST:
            if (j->interactive)
                return ask(sh, j);
            break;
        case STEP_GO:
            return go(sh, j, out);
        }
    }
}

/* Whether a destination answered names the configuration dest ("running-config"), or nothing. */
static bool config_dest(const char *typed, size_t len, const char *dest)
{
    return !len || (len == strlen(dest) && !strncmp(typed, dest, len));
}

static int copy_answered(struct shell *sh, const char *text, bool cancelled, struct strbuf *out)
{
    if (cancelled)
        return -1;
    struct copy_job *j = take_job(sh);
    const char *typed = text + strspn(text, " \t");
    size_t len = strlen(typed);
    while (len && (typed[len - 1] == ' ' || typed[len - 1] == '\t'))
        len--;
    size_t word = strcspn(typed, " \t");
    char *answer = xstrndup(typed, len);
    int rc = 0;
    switch (j->step) {
    case STEP_HOST:
        if (len && (word != len || strpbrk(answer, "/?#@")))
            rc = parse_error(out);
        else if (len)
            set_host(j, answer);
        else if (j->bare)
            rc = parse_error(out); /* no host to keep */
        break;
    case STEP_SOURCE: {
        const char *path = answer + strspn(answer, "/");
        if (!*path || word != len) {
            rc = parse_error(out);
            break;
        }
        set_path(j, path);
        if (!j->name_given) {
            const char *base = strrchr(path, '/');
            free(j->name);
            j->name = xstrdup(base ? base + 1 : path);
        }
        break;
    }
    case STEP_DEST:
        if (j->kind == TO_RUNNING || j->kind == TO_STARTUP) {
            const char *dest = j->kind == TO_RUNNING ? "running-config" : "startup-config";
            if (!config_dest(typed, word, dest)) {
                sb_printf(out, "%% Only %s can be the destination here\n", dest);
                rc = -1;
            }
        } else if (word) {
            /* Another name: with or without flash: for a download, the URL's last segment for
             * an upload. */
            char *name = xstrndup(typed, word);
            const char *part = j->kind == TO_FLASH ? flash_file_part(name) : NULL;
            free(j->name);
            j->name = xstrdup(part ? part : name);
            free(name);
        }
        break;
    default:
        break;
    }
    free(answer);
    if (rc < 0) {
        job_free(j);
        return rc;
    }
    return proceed(sh, j, out);
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

/* The source of a download: a URL the engine takes, or a bare scheme to ask about. */
static int check_source(struct cmd_call *c, const char *src)
{
    if (flash_file_part(src))
        return cmd_fail(c,
                        "Copying from flash: is not supported: only from http:, https: and tftp:");
    struct url_parts p;
    const char *why = url_bare(src) ? NULL : url_split(src, &p);
    return why ? copy_error(c->out, src, why) : 0;
}

static int copy_download(struct cmd_call *c)
{
    struct agent_session *s = copy_session(c);
    if (!s)
        return -1;
    const char *src = cmd_arg(c, "source"), *dst = cmd_arg(c, "destination");
    if (flash_file_part(src))
        return check_source(c, src);
    const char *name = flash_file_part(dst);
    if (!name)
        return cmd_fail(c, "Only flash: can be the destination of a copy from a URL");
    if (check_source(c, src) < 0)
        return -1;
    struct copy_job *j = job_new(s, src, TO_FLASH);
    if (*name) {
        free(j->name);
        j->name = xstrdup(name);
        j->name_given = true;
    }
    return proceed(s->shell, j, c->out);
}

/* copy URL running-config: the file fetched, then its lines merged into the running one; copy URL
 * startup-config: the file fetched becomes the startup-config. */
static int download_config(struct cmd_call *c, enum copy_kind kind)
{
    struct agent_session *s = copy_session(c);
    if (!s)
        return -1;
    const char *src = cmd_arg(c, "source");
    if (check_source(c, src) < 0)
        return -1;
    struct copy_job *j = job_new(s, src, kind);
    free(j->name);
    j->name = xstrdup(kind == TO_RUNNING ? MERGE_FILE : STARTUP_FILE);
    j->name_given = true;
    return proceed(s->shell, j, c->out);
}

static int copy_download_running(struct cmd_call *c)
{
    return download_config(c, TO_RUNNING);
}

static int copy_download_startup(struct cmd_call *c)
{
    return download_config(c, TO_STARTUP);
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
    const char *why = url_bare(url) ? NULL : url_split(url, &p);
    if (why)
        return copy_error(c->out, url, why);
    struct copy_job *j = job_new(s, url, UPLOAD);
    j->startup = startup;
    if (!*j->name) {
        free(j->name);
        j->name = default_config_name(s->agent->running);
    }
    return proceed(s->shell, j, c->out);
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
    {"copy_download_startup", copy_download_startup, "source"},
    {"copy_upload", copy_upload, "destination"},
    {"copy_upload_startup", copy_upload_startup, "destination"},
};
HANDLER_TABLE(copy_handlers, table);
