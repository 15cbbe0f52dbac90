#include "files.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <microhttpd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "acs.h"
#include "fileio.h"
#include "pacer.h"
#include "strbuf.h"
#include "upload.h"
#include "xalloc.h"

#define FILES_PREFIX  "/files/"
#define UPLOAD_PREFIX "/upload/"
#define FILE_REALM    "testacs-files"

/* /files/slow/NAME: one chunk per period, about 640 KiB/s, slow enough for a test to kill the
 * CPE in the middle of a few megabytes, fast enough not to drag on. */
#define SLOW_CHUNK     (64u << 10)
#define SLOW_PERIOD_NS 100000000L
#define SHORT_BLOCK    (32u << 10)

/* Nonces are kept by value, not by connection as the ACS does: libmicrohttpd closes a connection
 * whose answer (the 401) came before the body it announced, so a CPE's retry of a PUT comes on a
 * new one. The oldest is forgotten first; a right answer to it gets stale=true. */
#define NONCES 64

struct files {
    struct acs *acs;
    struct auth_conf auth; /* --file-auth..., with the file server's realm */
    uint64_t upload_max;
    char *root;    /* realpath of DIR */
    char *uploads; /* DIR/uploads */
    struct auth_conn nonces[NONCES];
    size_t next_nonce;
    struct pacer *pacer;
};

enum req_kind {
    REQ_ANSWERED, /* the answer is queued, nothing more to log */
    REQ_DOWNLOAD, /* a body is on its way: how it ended is logged */
    REQ_UPLOAD,   /* the body is being stored */
    REQ_PENDING,  /* the answer is ready: sent once the request's body (if any) is in */
};

struct file_req {
    enum req_kind kind;
    char *method;
    char *path;
    unsigned port;
    bool post;
    struct upload *up;
    char *type;                    /* an upload's Content-Type, "-" when none */
    struct MHD_Response *deferred; /* REQ_PENDING: the answer */
    unsigned deferred_status;
    enum req_kind then; /* REQ_PENDING: the kind once it is queued */
};

/* What a path asks for: the file NAME, or a fault. */
enum route_mode { ROUTE_PLAIN, ROUTE_SHORT, ROUTE_SLOW, ROUTE_STATUS };

struct route {
    bool upload;
    enum route_mode mode;
    unsigned code; /* ROUTE_STATUS */
    const char *name;
};

bool files_claims(const char *url)
{
    return strncmp(url, FILES_PREFIX, strlen(FILES_PREFIX)) == 0 ||
           strncmp(url, UPLOAD_PREFIX, strlen(UPLOAD_PREFIX)) == 0;
}

static void flog(struct files *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void flog(struct files *f, const char *fmt, ...)
{
    struct strbuf line = STRBUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    sb_vprintf(&line, fmt, ap);
    va_end(ap);
    const struct session *s = &f->acs->s;
    record_log(&f->acs->rec, s->open ? s->number : 0, 0, "file %s", sb_str(&line));
    trace(&f->acs->rec, "   file %s", sb_str(&line));
    sb_free(&line);
}

static void log_answer(struct files *f, const struct file_req *r, unsigned status,
                       const char *extra)
{
    flog(f, "%s %s -> %u%s port=%u", r->method, r->path, status, extra != NULL ? extra : "",
         r->port);
}

/* Refuses empty components, `.` and `..`: NAME stays inside DIR (symbolic links are checked once
 * resolved, in open_file). 0 when fine, else the status to answer. */
static unsigned check_name(const char *name)
{
    if (*name == '\0')
        return MHD_HTTP_NOT_FOUND;
    for (const char *p = name;;) {
        size_t n = strcspn(p, "/");
        if (n == 0 || (n == 1 && p[0] == '.') || (n == 2 && p[0] == '.' && p[1] == '.'))
            return MHD_HTTP_FORBIDDEN;
        if (p[n] == '\0')
            return 0;
        p += n + 1;
    }
}

static unsigned parse_route(const char *url, struct route *rt)
{
    memset(rt, 0, sizeof(*rt));
    rt->upload = strncmp(url, UPLOAD_PREFIX, strlen(UPLOAD_PREFIX)) == 0;
    const char *rest = url + strlen(rt->upload ? UPLOAD_PREFIX : FILES_PREFIX);
    if (!rt->upload && strncmp(rest, "short/", 6) == 0) {
        rt->mode = ROUTE_SHORT;
        rest += 6;
    } else if (!rt->upload && strncmp(rest, "slow/", 5) == 0) {
        rt->mode = ROUTE_SLOW;
        rest += 5;
    } else if (strncmp(rest, "status/", 7) == 0) {
        rest += 7;
        char *end;
        long code = strtol(rest, &end, 10);
        if (end == rest || *end != '/' || code < 200 || code > 599)
            return MHD_HTTP_BAD_REQUEST;
        rt->mode = ROUTE_STATUS;
        rt->code = (unsigned)code;
        rest = end + 1;
    }
    rt->name = rest;
    return check_name(rest);
}

static struct MHD_Response *empty_response(void)
{
    return MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
}

static bool request_has_body(struct MHD_Connection *c)
{
    const char *cl =
        MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
    return (cl != NULL && strtoull(cl, NULL, 10) > 0) ||
           MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_TRANSFER_ENCODING) !=
               NULL;
}

/* Sends resp once the request's body is in (read and dropped): libmicrohttpd closes the
 * connection after an answer given before that (on the first call of the access handler), and a
 * client already sending its body could lose the answer to a connection reset. The exception is
 * a client waiting for 100 Continue: an error reaches it at once, as from any server, and the
 * connection closes. */
static bool answer_then(struct MHD_Connection *c, struct file_req *r, unsigned status,
                        struct MHD_Response *resp, enum req_kind then)
{
    const char *expect = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_EXPECT);
    if (!request_has_body(c) || expect == NULL || strcasecmp(expect, "100-continue") != 0) {
        r->kind = REQ_PENDING;
        r->deferred = resp;
        r->deferred_status = status;
        r->then = then;
        return true;
    }
    enum MHD_Result ret = MHD_queue_response(c, status, resp);
    MHD_destroy_response(resp);
    r->kind = then;
    return ret == MHD_YES;
}

static bool answer(struct MHD_Connection *c, struct file_req *r, unsigned status,
                   struct MHD_Response *resp)
{
    return answer_then(c, r, status, resp, REQ_ANSWERED);
}

static bool answer_empty(struct files *f, struct MHD_Connection *c, struct file_req *r,
                         unsigned status)
{
    log_answer(f, r, status, NULL);
    return answer(c, r, status, empty_response());
}

/* The request target as sent, without its query: what a digest answer's uri must repeat. */
static char *target_path(const struct file_call *call)
{
    const char *t = call->raw_uri != NULL ? call->raw_uri : call->url;
    return xstrndup(t, strcspn(t, "?"));
}

/* NULL when authorised, else the 401 to send (with its challenge). */
static struct MHD_Response *check_auth(struct files *f, struct MHD_Connection *c,
                                       struct file_req *r, const struct file_call *call)
{
    if (f->auth.mode == AUTH_NONE)
        return NULL;
    const char *authz =
        MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_AUTHORIZATION);
    struct auth_conn unknown = {{0}, {0}, 0}, *slot = &unknown;
    char nonce[sizeof(unknown.nonce)];
    if (auth_digest_nonce(authz, nonce, sizeof(nonce))) {
        for (size_t i = 0; i < NONCES; i++) {
            if (f->nonces[i].nonce[0] != '\0' && strcmp(f->nonces[i].nonce, nonce) == 0)
                slot = &f->nonces[i];
        }
    }
    char *target = target_path(call);
    bool stale;
    const char *why = auth_check(&f->auth, slot, call->method, target, authz, &stale);
    free(target);
    if (why == NULL)
        return NULL;
    if (stale)
        why = "nonce not issued by the file server (or forgotten)";
    flog(f, "auth failed: %s", why);
    struct strbuf challenge = STRBUF_INIT;
    auth_challenge(&f->auth, &f->nonces[f->next_nonce++ % NONCES], stale, &challenge);
    struct MHD_Response *resp = empty_response();
    MHD_add_response_header(resp, MHD_HTTP_HEADER_WWW_AUTHENTICATE, sb_str(&challenge));
    sb_free(&challenge);
    log_answer(f, r, MHD_HTTP_UNAUTHORIZED,
               f->auth.mode == AUTH_BASIC ? " basic" : (stale ? " digest stale" : " digest"));
    return resp;
}

/* Opens DIR/NAME for reading, once resolved (symbolic links included) still inside DIR. 0, or
 * the status to answer. */
static unsigned open_file(struct files *f, const char *name, int *fd, uint64_t *size)
{
    struct strbuf path = STRBUF_INIT;
    sb_printf(&path, "%s/%s", f->root, name);
    char *real = realpath(sb_str(&path), NULL);
    sb_free(&path);
    if (real == NULL)
        return errno == EACCES ? MHD_HTTP_FORBIDDEN : MHD_HTTP_NOT_FOUND;
    size_t n = strlen(f->root);
    unsigned status = 0;
    struct stat st;
    if (strncmp(real, f->root, n) != 0 || real[n] != '/')
        status = MHD_HTTP_FORBIDDEN;
    else if ((*fd = open(real, O_RDONLY | O_CLOEXEC)) < 0)
        status = errno == EACCES ? MHD_HTTP_FORBIDDEN : MHD_HTTP_NOT_FOUND;
    else if (fstat(*fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(*fd);
        status = MHD_HTTP_NOT_FOUND; /* a directory is no file to download */
    } else {
        *size = (uint64_t)st.st_size;
    }
    free(real);
    return status;
}

/* One range of "bytes=A-B", "bytes=A-" or "bytes=-N" (several ranges: the whole file, which RFC
 * 9110 allows). Returns 0 for the whole file, 206 with [*from, *to], 416 past the end. */
static unsigned parse_range(const char *h, uint64_t size, uint64_t *from, uint64_t *to)
{
    if (h == NULL || strncasecmp(h, "bytes=", 6) != 0 || strchr(h, ',') != NULL)
        return 0;
    const char *p = h + 6;
    char *end;
    if (*p == '-') {
        uint64_t n = strtoull(p + 1, &end, 10);
        if (end == p + 1 || *end != '\0')
            return 0;
        if (n == 0 || size == 0)
            return MHD_HTTP_RANGE_NOT_SATISFIABLE;
        *from = n < size ? size - n : 0;
        *to = size - 1;
        return MHD_HTTP_PARTIAL_CONTENT;
    }
    uint64_t a = strtoull(p, &end, 10);
    if (end == p || *end != '-')
        return 0;
    p = end + 1;
    uint64_t b = *p == '\0' ? UINT64_MAX : strtoull(p, &end, 10);
    if (*p != '\0' && (end == p || *end != '\0' || b < a))
        return 0;
    if (a >= size)
        return MHD_HTTP_RANGE_NOT_SATISFIABLE;
    *from = a;
    *to = b < size - 1 ? b : size - 1;
    return MHD_HTTP_PARTIAL_CONTENT;
}

/* The body of /files/short/ and /files/slow/, read from the file as it goes. */
struct stream {
    int fd;
    uint64_t limit; /* short: half the file, then the connection is closed */
    bool slow;
    struct pacer *pacer;
    struct MHD_Connection *c;
    struct timespec due; /* slow: when the next chunk may go */
};

static ssize_t stream_read(void *cls, uint64_t pos, char *buf, size_t max)
{
    struct stream *s = cls;
    /* Past the limit: libmicrohttpd closes the connection, the Content-Length unmet. */
    if (pos >= s->limit)
        return MHD_CONTENT_READER_END_WITH_ERROR;
    if (s->slow) {
        struct timespec now;
        clock_gettime(CLOCK_MONOTONIC, &now);
        if (now.tv_sec < s->due.tv_sec ||
            (now.tv_sec == s->due.tv_sec && now.tv_nsec < s->due.tv_nsec))
            return pacer_park(s->pacer, s->c, &s->due) ? 0 : MHD_CONTENT_READER_END_WITH_ERROR;
        if (max > SLOW_CHUNK)
            max = SLOW_CHUNK;
        s->due = now;
        s->due.tv_nsec += SLOW_PERIOD_NS;
        if (s->due.tv_nsec >= 1000000000L) {
            s->due.tv_sec++;
            s->due.tv_nsec -= 1000000000L;
        }
    }
    if (max > s->limit - pos)
        max = (size_t)(s->limit - pos);
    ssize_t n = pread(s->fd, buf, max, (off_t)pos);
    return n > 0 ? n : MHD_CONTENT_READER_END_WITH_ERROR; /* the file shrank */
}

static void stream_free(void *cls)
{
    struct stream *s = cls;
    close(s->fd);
    free(s);
}

static bool serve_download(struct files *f, struct MHD_Connection *c, struct file_req *r,
                           const struct route *rt, bool head)
{
    if (rt->mode == ROUTE_STATUS)
        return answer_empty(f, c, r, rt->code);
    int fd = -1;
    uint64_t size = 0;
    unsigned status = open_file(f, rt->name, &fd, &size);
    if (status != 0)
        return answer_empty(f, c, r, status);
    struct MHD_Response *resp;
    char extra[96];
    uint64_t from = 0, to = 0, len = size;
    status = MHD_HTTP_OK;
    if (rt->mode == ROUTE_PLAIN) {
        const char *range = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_RANGE);
        status = parse_range(range, size, &from, &to);
        if (status == MHD_HTTP_RANGE_NOT_SATISFIABLE) {
            close(fd);
            resp = empty_response();
            snprintf(extra, sizeof(extra), "bytes */%" PRIu64, size);
            MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_RANGE, extra);
            log_answer(f, r, status, NULL);
            return answer(c, r, status, resp);
        }
        if (status == 0)
            status = MHD_HTTP_OK;
        else
            len = to - from + 1;
        /* libmicrohttpd owns fd from here and sends it with sendfile (without TLS). */
        resp = MHD_create_response_from_fd_at_offset64(len, fd, from);
        MHD_add_response_header(resp, MHD_HTTP_HEADER_ACCEPT_RANGES, "bytes");
    } else {
        struct stream *s = xcalloc(1, sizeof(*s));
        s->fd = fd;
        s->slow = rt->mode == ROUTE_SLOW;
        s->limit = s->slow ? size : size / 2;
        s->pacer = f->pacer;
        s->c = c;
        resp = MHD_create_response_from_callback(size, s->slow ? SLOW_CHUNK : SHORT_BLOCK,
                                                 stream_read, s, stream_free);
    }
    if (resp == NULL) {
        close(fd);
        return answer_empty(f, c, r, MHD_HTTP_INTERNAL_SERVER_ERROR);
    }
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, "application/octet-stream");
    int n = snprintf(extra, sizeof(extra), " bytes=%" PRIu64, len);
    if (status == MHD_HTTP_PARTIAL_CONTENT) {
        char cr[80];
        snprintf(cr, sizeof(cr), "bytes %" PRIu64 "-%" PRIu64 "/%" PRIu64, from, to, size);
        MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_RANGE, cr);
        snprintf(extra + n, sizeof(extra) - (size_t)n, " range=%" PRIu64 "-%" PRIu64, from, to);
    }
    log_answer(f, r, status, extra);
    return answer_then(c, r, status, resp, head ? REQ_ANSWERED : REQ_DOWNLOAD);
}

static bool begin_upload(struct files *f, struct MHD_Connection *c, struct file_req *r,
                         const struct route *rt)
{
    /* A 405 is what a server that takes only POST answers to PUT: POST is then stored. */
    if (rt->mode == ROUTE_STATUS && !(rt->code == MHD_HTTP_METHOD_NOT_ALLOWED && r->post)) {
        struct MHD_Response *resp = empty_response();
        if (rt->code == MHD_HTTP_METHOD_NOT_ALLOWED)
            MHD_add_response_header(resp, MHD_HTTP_HEADER_ALLOW, "POST");
        log_answer(f, r, rt->code, NULL);
        return answer(c, r, rt->code, resp);
    }
    const char *cl =
        MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
    if (cl != NULL && strtoull(cl, NULL, 10) > f->upload_max) {
        char extra[48];
        snprintf(extra, sizeof(extra), " bytes=%s", cl);
        log_answer(f, r, MHD_HTTP_CONTENT_TOO_LARGE, extra);
        return answer(c, r, MHD_HTTP_CONTENT_TOO_LARGE, empty_response());
    }
    r->up = upload_open(f->uploads, rt->name, f->upload_max);
    if (r->up == NULL) {
        flog(f, "error: cannot store uploads/%s: %s", rt->name, strerror(errno));
        return answer_empty(f, c, r, MHD_HTTP_INTERNAL_SERVER_ERROR);
    }
    const char *type =
        MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
    r->type = xstrdup(type != NULL ? type : "-");
    r->kind = REQ_UPLOAD;
    return true;
}

/* The whole body is in: in place, and answered as a WebDAV server answers a PUT (201 created,
 * 204 replaced) or a form handler a POST (200). */
static bool finish_upload(struct files *f, struct MHD_Connection *c, struct file_req *r)
{
    struct upload *u = r->up;
    unsigned status;
    int err = u->error;
    if (u->too_big)
        status = MHD_HTTP_CONTENT_TOO_LARGE;
    else if (err == 0 && (err = upload_commit(u)) == 0)
        status = r->post ? MHD_HTTP_OK : u->existed ? MHD_HTTP_NO_CONTENT : MHD_HTTP_CREATED;
    else
        status = MHD_HTTP_INTERNAL_SERVER_ERROR;
    if (err != 0 && !u->too_big)
        flog(f, "error: cannot store %s: %s", u->dest, strerror(err));
    struct strbuf extra = STRBUF_INIT;
    sb_printf(&extra, " bytes=%" PRIu64 " type=%s", u->bytes, r->type);
    log_answer(f, r, status, sb_str(&extra));
    sb_free(&extra);
    upload_free(u);
    r->up = NULL;
    r->kind = REQ_ANSWERED;
    struct MHD_Response *resp = empty_response();
    enum MHD_Result ret = MHD_queue_response(c, status, resp);
    MHD_destroy_response(resp);
    return ret == MHD_YES;
}

static bool first_call(struct files *f, struct MHD_Connection *c, struct file_req *r,
                       const struct file_call *call)
{
    struct route rt;
    unsigned refused = parse_route(call->url, &rt);
    if (refused != 0)
        return answer_empty(f, c, r, refused);
    struct MHD_Response *challenge = check_auth(f, c, r, call);
    if (challenge != NULL)
        return answer(c, r, MHD_HTTP_UNAUTHORIZED, challenge);
    bool head = strcmp(call->method, "HEAD") == 0;
    bool ok = rt.upload ? strcmp(call->method, "PUT") == 0 || r->post
                        : strcmp(call->method, "GET") == 0 || head;
    if (!ok) {
        struct MHD_Response *resp = empty_response();
        MHD_add_response_header(resp, MHD_HTTP_HEADER_ALLOW, rt.upload ? "PUT, POST" : "GET, HEAD");
        log_answer(f, r, MHD_HTTP_METHOD_NOT_ALLOWED, NULL);
        return answer(c, r, MHD_HTTP_METHOD_NOT_ALLOWED, resp);
    }
    return rt.upload ? begin_upload(f, c, r, &rt) : serve_download(f, c, r, &rt, head);
}

bool files_request(struct files *f, struct MHD_Connection *c, struct file_req **req,
                   const struct file_call *call)
{
    struct file_req *r = *req;
    if (r == NULL) {
        r = xcalloc(1, sizeof(*r));
        r->method = xstrdup(call->method);
        r->path = xstrdup(call->url);
        r->port = call->port;
        r->post = strcmp(call->method, "POST") == 0;
        *req = r;
        return first_call(f, c, r, call);
    }
    if (*call->size > 0) {
        if (r->kind == REQ_UPLOAD)
            upload_write(r->up, call->data, *call->size);
        *call->size = 0; /* REQ_PENDING: dropped */
        return true;
    }
    if (r->kind == REQ_UPLOAD)
        return finish_upload(f, c, r);
    if (r->kind == REQ_PENDING) {
        enum MHD_Result ret = MHD_queue_response(c, r->deferred_status, r->deferred);
        MHD_destroy_response(r->deferred);
        r->deferred = NULL;
        r->kind = r->then;
        return ret == MHD_YES;
    }
    return true;
}

void files_request_done(struct files *f, struct file_req *r, int how)
{
    if (r == NULL)
        return;
    /* libmicrohttpd's termination codes, in order. */
    static const char *const ends[] = {"ok",       "error",      "timeout",
                                       "shutdown", "read-error", "client-abort"};
    const char *end = how >= 0 && how < 6 ? ends[how] : "?";
    if (r->kind == REQ_DOWNLOAD)
        flog(f, "%s %s end=%s port=%u", r->method, r->path, end, r->port);
    else if (r->kind == REQ_UPLOAD)
        flog(f, "%s %s end=%s bytes=%" PRIu64 " port=%u (not stored)", r->method, r->path, end,
             r->up->bytes, r->port);
    upload_free(r->up);
    if (r->deferred != NULL)
        MHD_destroy_response(r->deferred);
    free(r->method);
    free(r->path);
    free(r->type);
    free(r);
}

struct files *files_new(struct acs *acs)
{
    const struct files_conf *conf = &acs->files;
    struct strbuf uploads = STRBUF_INIT;
    sb_printf(&uploads, "%s/uploads", conf->dir);
    int rc = dir_create_all(sb_str(&uploads), 0755);
    if (rc < 0) {
        fprintf(stderr, "testacs: cannot create %s: %s\n", sb_str(&uploads), strerror(-rc));
        sb_free(&uploads);
        return NULL;
    }
    struct files *f = xcalloc(1, sizeof(*f));
    f->acs = acs;
    f->auth = conf->auth;
    f->auth.realm = FILE_REALM;
    f->auth.qop = acs->auth.qop;
    f->upload_max = conf->upload_max;
    f->root = realpath(conf->dir, NULL);
    f->uploads = sb_detach(&uploads);
    f->pacer = pacer_new();
    if (f->root == NULL || f->pacer == NULL) {
        if (f->root == NULL)
            fprintf(stderr, "testacs: --files %s: %s\n", conf->dir, strerror(errno));
        files_free(f);
        return NULL;
    }
    return f;
}

void files_stop(struct files *f)
{
    if (f != NULL && f->pacer != NULL)
        pacer_stop(f->pacer);
}

void files_free(struct files *f)
{
    if (f == NULL)
        return;
    pacer_free(f->pacer);
    free(f->root);
    free(f->uploads);
    free(f);
}
