#include "ctl_server.h"

#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "configuration.h"
#include "core.h"
#include "ctl_proto.h"
#include "cwmp.h"
#include "fileio.h"
#include "handlers.h"
#include "loop.h"
#include "xalloc.h"

/* A shell that stops reading its output is dropped once this much is queued for it. */
#define SHELL_MAX_QUEUED (64u * 1024u * 1024u)
/* What a shell may send while its reply is deferred: cwmpsh sends nothing then, so more than a
 * request or two is a peer that does not follow the protocol. */
#define SHELL_MAX_WAITING (2u * (CTL_HEADER_SIZE + 4u + CTL_MAX_LINE))

struct ctl_server {
    struct agent *agent;
    int fd;
    char *path;
    gid_t group;
    struct shell *shells;
    size_t nshells;
};

static void shell_update_events(struct shell *sh);

struct shell *ctl_server_shells(struct ctl_server *srv)
{
    return srv->shells;
}

static const char *hostname(struct shell *sh)
{
    return sh->as.agent->running->hostname;
}

static void send_done(struct shell *sh, enum ctl_status status)
{
    struct ctl_writer w;
    ctl_writer_init(&w);
    ctl_w_u8(&w, (uint8_t)status);
    ctl_w_u16(&w, (uint16_t)sh->term_length);
    struct strbuf prompt = STRBUF_INIT;
    grammar_prompt(sh->as.agent->grammar, &sh->as.cli, hostname(sh), &prompt);
    ctl_w_str(&w, sb_str(&prompt), prompt.len);
    sb_free(&prompt);
    ctl_writer_finish(&w, CTL_DONE, &sh->out);
}

static void send_output(struct shell *sh, const struct strbuf *text)
{
    if (text->len > 0)
        ctl_put_bytes(&sh->out, CTL_OUTPUT, text->buf, text->len);
}

/* After a command or an answer: the output, then a question, the session's end, or the prompt. */
static void finish_request(struct shell *sh, const struct strbuf *out, enum cmd_status st)
{
    send_output(sh, out);
    if (sh->pending) {
        struct ctl_writer w;
        ctl_writer_init(&w);
        ctl_w_u8(&w, sh->pending_echo);
        ctl_w_cstr(&w, sh->pending_prompt);
        ctl_writer_finish(&w, CTL_PROMPT, &sh->out);
    } else if (sh->as.cli.closing) {
        send_done(sh, CTL_STATUS_CLOSE);
        sh->close_after_flush = true;
    } else {
        send_done(sh, st == CMD_OK ? CTL_STATUS_OK : CTL_STATUS_ERROR);
    }
}

void shell_ask(struct shell *sh, const char *question, bool echo, shell_input_fn fn)
{
    free(sh->pending_prompt);
    sh->pending_prompt = xstrdup(question);
    sh->pending_echo = echo;
    sh->pending = fn;
}

static void drop_data(void **data, void (**free_data)(void *))
{
    if (*data && *free_data)
        (*free_data)(*data);
    *data = NULL;
    *free_data = NULL;
}

void shell_ask_about(struct shell *sh, const char *question, bool echo, shell_input_fn fn,
                     void *data, void (*free_data)(void *))
{
    shell_ask(sh, question, echo, fn);
    drop_data(&sh->pending_data, &sh->pending_data_free);
    sh->pending_data = data;
    sh->pending_data_free = free_data;
}

static void clear_pending(struct shell *sh)
{
    sh->pending = NULL;
    free(sh->pending_prompt);
    sh->pending_prompt = NULL;
    sh->pending_tries = 0;
    drop_data(&sh->pending_data, &sh->pending_data_free);
}

/* Hands the answer (or the abandonment) of the pending question to its callback, with what was
 * kept with the question. The callback may ask again. */
static int answer(struct shell *sh, const char *text, bool cancelled, struct strbuf *out)
{
    shell_input_fn fn = sh->pending;
    sh->pending = NULL;
    sh->answer_data = sh->pending_data;
    sh->answer_data_free = sh->pending_data_free;
    sh->pending_data = NULL;
    sh->pending_data_free = NULL;
    int rc = fn(sh, text, cancelled, out);
    drop_data(&sh->answer_data, &sh->answer_data_free);
    return rc;
}

static void remember(struct shell *sh, const char *line)
{
    const char *p = line;
    while (*p == ' ' || *p == '\t')
        p++;
    size_t len = strlen(p);
    while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t'))
        len--;
    if (len == 0)
        return;
    if (sh->nhistory == SHELL_HISTORY_MAX) {
        free(sh->history[0]);
        memmove(sh->history, sh->history + 1, (SHELL_HISTORY_MAX - 1) * sizeof sh->history[0]);
        sh->nhistory--;
    }
    sh->history[sh->nhistory++] = xstrndup(p, len);
}

static int prompt_length(struct shell *sh)
{
    struct strbuf prompt = STRBUF_INIT;
    grammar_prompt(sh->as.agent->grammar, &sh->as.cli, hostname(sh), &prompt);
    int len = (int)prompt.len;
    sb_free(&prompt);
    return len;
}

static void do_exec(struct shell *sh, const char *line)
{
    struct agent *a = sh->as.agent;
    remember(sh, line);
    bool was_config = grammar_mode_is_config(a->grammar, cli_session_mode(&sh->as.cli));
    struct exec_opts opts = {.caret_column = sh->interactive ? prompt_length(sh) : -1};
    struct strbuf out = STRBUF_INIT;
    enum cmd_status st;
    /* The line was typed for what another shell has since deleted: not run, as it would make
     * that object again; the session is back where the object's mode was entered from. */
    if (line[strspn(line, " \t")] != '\0' && shell_submode_gone(&sh->as, &out)) {
        sh->as.cli.ran_readonly = true;
        st = CMD_FAILED;
    } else {
        st = grammar_execute(a->grammar, &sh->as.cli, line, &out, &opts);
    }
    /* A command that failed may have changed part of what it meant to (a merge with bad
     * lines): its result is looked at too. */
    if (!sh->as.cli.ran_readonly)
        config_txn_announce(a);
    if (was_config && !grammar_mode_is_config(a->grammar, cli_session_mode(&sh->as.cli))) {
        agent_log(a, LOG_NOTICE, "%%SYS-5-CONFIG_I: Configured from console by %s on %s", sh->user,
                  sh->line_name);
        /* The operator is done: what changed is notified now rather than at the next scan. */
        if (a->engine)
            cwmp_engine_scan(a->engine);
    }
    if (sh->deferred)
        send_output(sh, &out);
    else
        finish_request(sh, &out, st);
    sb_free(&out);
}

static void do_help(struct shell *sh, const char *line)
{
    struct strbuf out = STRBUF_INIT;
    /* A shell without a terminal prints the line with its `?` before the help (cwmpsh(1)), so a
     * caret counts from the start of that line, where at a terminal it counts from the prompt. */
    grammar_help(sh->as.agent->grammar, &sh->as.cli, line, sh->interactive ? prompt_length(sh) : 0,
                 &out);
    send_output(sh, &out);
    send_done(sh, CTL_STATUS_OK);
    sb_free(&out);
}

static void do_complete(struct shell *sh, const char *line)
{
    char *c = grammar_complete(sh->as.agent->grammar, &sh->as.cli, line);
    /* The completed line must still be one the shell may send. */
    size_t len = strlen(line), word = len;
    while (word > 0 && line[word - 1] != ' ' && line[word - 1] != '\t')
        word--;
    if (c && len - (len - word) + strlen(c) > CTL_MAX_LINE) {
        free(c);
        c = NULL;
    }
    struct ctl_writer w;
    ctl_writer_init(&w);
    ctl_w_cstr(&w, c ? c : "");
    ctl_writer_finish(&w, CTL_COMPLETION, &sh->out);
    free(c);
}

static void do_input(struct shell *sh, const char *text, bool cancelled)
{
    struct strbuf out = STRBUF_INIT;
    enum cmd_status st = CMD_OK;
    if (sh->pending) {
        if (answer(sh, text, cancelled, &out) < 0)
            st = CMD_FAILED;
        if (!sh->pending)
            clear_pending(sh);
        /* An answer can change the configuration (a merge confirmed), in part even when it
         * fails. */
        config_txn_announce(sh->as.agent);
    }
    if (sh->deferred)
        send_output(sh, &out);
    else
        finish_request(sh, &out, st);
    sb_free(&out);
}

static int do_hello(struct shell *sh, struct ctl_reader *r)
{
    uint32_t version = ctl_r_u32(r);
    uint8_t flags = ctl_r_u8(r);
    char *tty = ctl_r_cstr(r, 63);
    char *location = ctl_r_cstr(r, 127);
    int rc = -1;
    if (ctl_reader_done(r) && version == CTL_PROTO_VERSION) {
        sh->interactive = flags & CTL_HELLO_INTERACTIVE;
        sh->console = flags & CTL_HELLO_CONSOLE;
        snprintf(sh->tty, sizeof sh->tty, "%s", tty);
        snprintf(sh->location, sizeof sh->location, "%s", location);
        if (sh->console) {
            snprintf(sh->line_name, sizeof sh->line_name, "con 0");
            sh->monitor = true; /* IOS's console always monitors */
        }
        sh->hello_done = true;
        send_done(sh, CTL_STATUS_OK);
        rc = 0;
    }
    free(tty);
    free(location);
    return rc;
}

static void send_pong(struct shell *sh)
{
    struct ctl_writer w;
    ctl_writer_init(&w);
    ctl_writer_finish(&w, CTL_PONG, &sh->out);
}

static int dispatch(struct shell *sh, const struct ctl_frame *f)
{
    struct ctl_reader r;
    ctl_reader_init(&r, f);
    /* A liveness probe says nothing of the operator: it is answered and leaves the idle time. */
    if (f->type == CTL_PING) {
        if (f->len != 0)
            return -1;
        send_pong(sh);
        return 0;
    }
    if (!sh->hello_done)
        return f->type == CTL_HELLO ? do_hello(sh, &r) : -1;
    sh->last_active_ms = loop_now_ms();
    if (f->type == CTL_INPUT) {
        uint8_t cancelled = ctl_r_u8(&r);
        char *text = ctl_r_cstr(&r, CTL_MAX_LINE);
        if (!ctl_reader_done(&r)) {
            free(text);
            return -1;
        }
        do_input(sh, text, cancelled != 0);
        free(text);
        return 0;
    }
    /* An ABORT that crossed the end of its command has nothing left to stop. */
    if (f->type == CTL_ABORT)
        return ctl_reader_done(&r) ? 0 : -1;
    if (f->type != CTL_EXEC && f->type != CTL_HELP && f->type != CTL_COMPLETE)
        return -1;
    char *line = ctl_r_cstr(&r, CTL_MAX_LINE);
    if (!ctl_reader_done(&r)) {
        free(line);
        return -1;
    }
    if (sh->pending) {
        /* A new request abandons an unanswered question. */
        struct strbuf ignored = STRBUF_INIT;
        answer(sh, "", true, &ignored);
        clear_pending(sh);
        sb_free(&ignored);
    }
    if (f->type == CTL_EXEC)
        do_exec(sh, line);
    else if (f->type == CTL_HELP)
        do_help(sh, line);
    else
        do_complete(sh, line);
    free(line);
    return 0;
}

/* A frame of a shell; after `exit` the rest of what it sent is ignored, and after a deferred
 * reply the rest waits for it. */
static int on_frame(void *arg, const struct ctl_frame *f)
{
    struct shell *sh = arg;
    if (sh->close_after_flush)
        return 1;
    int rc = dispatch(sh, f);
    return rc < 0 ? rc : sh->close_after_flush || sh->deferred;
}

/* While a reply is deferred, the requests that came after it wait, but two frames among them act
 * at once (and are taken out): a liveness probe is answered, so that a slow command is not taken
 * for a stuck cwmpd, and an ABORT (Ctrl-C) stops the command that runs on, once. */
static int take_side_frames(struct shell *sh)
{
    struct strbuf kept = STRBUF_INIT;
    size_t off = 0;
    int rc = 0;
    bool abort = false;
    for (;;) {
        struct ctl_frame f;
        size_t used;
        enum ctl_parse_result pr =
            ctl_frame_parse((const uint8_t *)sh->in.buf + off, sh->in.len - off, &f, &used);
        if (pr == CTL_PARSE_ERROR)
            rc = -1;
        if (pr != CTL_PARSE_FRAME)
            break;
        if (f.type == CTL_PING && f.len == 0)
            send_pong(sh);
        else if (f.type == CTL_ABORT && f.len == 0)
            abort = true;
        else
            sb_append(&kept, sh->in.buf + off, used);
        off += used;
    }
    if (off > 0) {
        sb_append(&kept, sh->in.buf + off, sh->in.len - off);
        sb_reset(&sh->in);
        sb_append(&sh->in, kept.buf, kept.len);
    }
    sb_free(&kept);
    if (abort && sh->defer_abort) {
        shell_cancel_fn fn = sh->defer_abort;
        sh->defer_abort = NULL; /* once: a second ABORT finds it stopping */
        fn(sh->defer_arg);
    }
    return rc;
}

int shell_receive(struct shell *sh, const void *data, size_t len)
{
    sb_append(&sh->in, data, len);
    int rc = 0;
    if (sh->deferred && !sh->close_after_flush)
        rc = take_side_frames(sh);
    if (rc == 0 && !sh->deferred)
        rc = ctl_drain(&sh->in, on_frame, sh) < 0 ? -1 : 0;
    /* A request that just deferred may have come with probes or an ABORT behind it. */
    if (rc == 0 && sh->deferred && !sh->close_after_flush)
        rc = take_side_frames(sh);
    if (rc == 0 && sh->deferred && sh->in.len > SHELL_MAX_WAITING)
        rc = -1;
    if (sh->out.len > SHELL_MAX_QUEUED)
        rc = -1;
    return rc;
}

void shell_defer(struct shell *sh, shell_cancel_fn cancel, void *arg)
{
    sh->deferred = true;
    sh->defer_cancel = cancel;
    sh->defer_abort = NULL;
    sh->defer_arg = arg;
}

void shell_defer_abortable(struct shell *sh, shell_cancel_fn abort)
{
    if (sh->deferred)
        sh->defer_abort = abort;
}

void shell_stream(struct shell *sh, const char *text, size_t len)
{
    if (!sh->deferred || len == 0)
        return;
    ctl_put_bytes(&sh->out, CTL_OUTPUT, text, len);
    shell_update_events(sh);
}

static void on_resume(struct loop *loop, void *arg);

void shell_resume(struct shell *sh, const struct strbuf *out, bool ok)
{
    if (!sh->deferred)
        return;
    sh->deferred = false;
    sh->defer_cancel = NULL;
    sh->defer_abort = NULL;
    sh->defer_arg = NULL;
    /* What waited (a copy into running-config) may have changed the configuration. */
    config_txn_announce(sh->srv->agent);
    finish_request(sh, out, ok ? CMD_OK : CMD_FAILED);
    /* The requests that waited run from the loop, not inside the caller (a transfer engine's
     * callback), which a new copy would otherwise re-enter. */
    if (sh->in.len > 0 && !sh->resume_timer)
        sh->resume_timer = loop_timer_add(sh->srv->agent->loop, 0, on_resume, sh);
    shell_update_events(sh);
}

static void on_resume(struct loop *loop, void *arg)
{
    (void)loop;
    struct shell *sh = arg;
    sh->resume_timer = NULL;
    if (shell_receive(sh, "", 0) < 0 && !sh->close_after_flush) {
        shell_free(sh);
        return;
    }
    shell_update_events(sh);
}

static int lowest_free_vty(struct ctl_server *srv)
{
    for (int v = 0;; v++) {
        bool used = false;
        for (struct shell *s = srv->shells; s; s = s->next)
            if (s->vty == v)
                used = true;
        if (!used)
            return v;
    }
}

static struct shell *shell_alloc(struct ctl_server *srv, int fd)
{
    struct shell *sh = xcalloc(1, sizeof *sh);
    struct agent *a = srv->agent;
    sh->srv = srv;
    sh->fd = fd;
    sh->vty = lowest_free_vty(srv);
    snprintf(sh->line_name, sizeof sh->line_name, "vty %d", sh->vty);
    snprintf(sh->user, sizeof sh->user, "unknown");
    sh->term_length = DEFAULT_TERM_LENGTH;
    sh->last_active_ms = loop_now_ms();
    cli_session_init(&sh->as.cli, a->grammar, PRIV_USER);
    sh->as.cli.app = &sh->as;
    sh->as.agent = a;
    sh->as.shell = sh;
    sh->as.user = sh->user;
    sh->as.store = a->running;
    sh->as.line = sh->line_name;
    sh->next = srv->shells;
    srv->shells = sh;
    srv->nshells++;
    return sh;
}

struct shell *shell_new_detached(struct ctl_server *srv)
{
    return shell_alloc(srv, -1);
}

void shell_free(struct shell *sh)
{
    struct ctl_server *srv = sh->srv;
    for (struct shell **pp = &srv->shells; *pp; pp = &(*pp)->next)
        if (*pp == sh) {
            *pp = sh->next;
            srv->nshells--;
            break;
        }
    if (sh->fd >= 0) {
        loop_del_fd(srv->agent->loop, sh->fd);
        close(sh->fd);
    }
    if (sh->pending) {
        struct strbuf ignored = STRBUF_INIT;
        answer(sh, "", true, &ignored);
        sb_free(&ignored);
    }
    clear_pending(sh);
    if (sh->deferred && sh->defer_cancel)
        sh->defer_cancel(sh->defer_arg);
    if (sh->resume_timer)
        loop_timer_cancel(srv->agent->loop, sh->resume_timer);
    for (int i = 0; i < sh->nhistory; i++)
        free(sh->history[i]);
    sb_free(&sh->in);
    sb_free(&sh->out);
    free(sh);
}

/* Writes what is queued; returns -1 when the peer is gone. */
static int shell_flush(struct shell *sh)
{
    while (sh->out.len > 0) {
        ssize_t n = send(sh->fd, sh->out.buf, sh->out.len, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                break;
            return -1;
        }
        sb_consume(&sh->out, (size_t)n);
    }
    if (sh->out.len == 0 && sh->close_after_flush)
        return -1;
    return 0;
}

bool ctl_server_flush(struct ctl_server *srv)
{
    bool all = true;
    for (struct shell *sh = srv->shells; sh; sh = sh->next) {
        /* A shell whose peer is gone has nothing more to receive. */
        if (sh->fd >= 0 && sh->out.len > 0 && shell_flush(sh) == 0 && sh->out.len > 0)
            all = false;
    }
    return all;
}

static void shell_update_events(struct shell *sh)
{
    if (sh->fd >= 0)
        loop_mod_fd(sh->srv->agent->loop, sh->fd, LOOP_READ | (sh->out.len ? LOOP_WRITE : 0));
}

static void on_shell_io(struct loop *loop, int fd, unsigned events, void *arg)
{
    (void)loop;
    (void)fd;
    struct shell *sh = arg;
    if (events & LOOP_READ) {
        char buf[16384];
        ssize_t n = recv(sh->fd, buf, sizeof buf, MSG_DONTWAIT);
        if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR && errno != EWOULDBLOCK)) {
            shell_free(sh);
            return;
        }
        if (n > 0 && shell_receive(sh, buf, (size_t)n) < 0 && !sh->close_after_flush) {
            shell_free(sh);
            return;
        }
    }
    if (shell_flush(sh) < 0) {
        shell_free(sh);
        return;
    }
    shell_update_events(sh);
}

void shell_identify(struct shell *sh, uid_t uid)
{
    sh->uid = uid;
    char pwbuf[1024];
    struct passwd *pw = NULL, pwd;
    if (getpwuid_r(uid, &pwd, pwbuf, sizeof pwbuf, &pw) == 0 && pw)
        snprintf(sh->user, sizeof sh->user, "%s", pw->pw_name);
    else
        snprintf(sh->user, sizeof sh->user, "%u", (unsigned)uid);
    /* The kernel vouches for the peer's user, and sshd (or the system's login) authenticated it:
     * a `username` entry of that name gives the session its level, without a question. */
    const struct local_user *u = config_user_find(sh->as.agent->running, sh->user);
    sh->as.cli.privilege = u ? u->privilege : PRIV_USER;
}

/* Root, cwmpd's own user, and members of the socket's group may connect. The group is read from
 * the socket file at each connection, so that an administrator's chgrp takes effect at once. */
static bool peer_allowed(struct ctl_server *srv, int fd, struct ucred *cred)
{
    socklen_t len = sizeof *cred;
    if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, cred, &len) < 0)
        return false;
    gid_t group = srv->group;
    struct stat st;
    if (srv->path && stat(srv->path, &st) == 0)
        group = st.st_gid;
    if (cred->uid == 0 || cred->uid == geteuid() || cred->gid == group)
        return true;
    gid_t groups[256];
    len = sizeof groups;
    if (getsockopt(fd, SOL_SOCKET, SO_PEERGROUPS, groups, &len) == 0)
        for (size_t i = 0; i < len / sizeof groups[0]; i++)
            if (groups[i] == group)
                return true;
    return false;
}

static void refuse(int fd, const char *why)
{
    struct strbuf out = STRBUF_INIT;
    ctl_put_bytes(&out, CTL_OUTPUT, why, strlen(why));
    struct ctl_writer w;
    ctl_writer_init(&w);
    ctl_w_u8(&w, CTL_STATUS_CLOSE);
    ctl_w_u16(&w, 0);
    ctl_w_cstr(&w, "");
    ctl_writer_finish(&w, CTL_DONE, &out);
    if (send(fd, out.buf, out.len, MSG_NOSIGNAL | MSG_DONTWAIT) < 0) {
        /* the peer will see the connection close either way */
    }
    sb_free(&out);
    close(fd);
}

static void on_accept(struct loop *loop, int lfd, unsigned events, void *arg)
{
    (void)events;
    struct ctl_server *srv = arg;
    int fd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0)
        return;
    struct ucred cred;
    if (!peer_allowed(srv, fd, &cred)) {
        agent_log(srv->agent, LOG_WARNING,
                  "%%CWMP-4-DENIED: control connection from uid %u refused", (unsigned)cred.uid);
        refuse(fd, "% Permission denied: not a member of cwmpd's group\n");
        return;
    }
    if (srv->nshells >= CTL_MAX_SHELLS) {
        refuse(fd, "% All lines are busy\n");
        return;
    }
    struct shell *sh = shell_alloc(srv, fd);
    shell_identify(sh, cred.uid);
    if (loop_add_fd(loop, fd, LOOP_READ, on_shell_io, sh) < 0)
        shell_free(sh);
}

void ctl_server_broadcast(struct ctl_server *srv, const char *text, size_t len)
{
    for (struct shell *sh = srv->shells; sh; sh = sh->next) {
        if (!sh->monitor || !sh->hello_done)
            continue;
        /* A monitoring shell that does not read loses messages rather than growing cwmpd. */
        if (sh->out.len > SHELL_MAX_QUEUED)
            continue;
        ctl_put_bytes(&sh->out, CTL_ASYNC, text, len);
        shell_update_events(sh);
    }
}

/* Binds the socket, replacing a stale one but never a live cwmpd's. */
static int bind_socket(struct ctl_server *srv, const char *path, struct strbuf *err)
{
    struct sockaddr_un sun = {.sun_family = AF_UNIX};
    if (strlen(path) >= sizeof sun.sun_path) {
        sb_printf(err, "socket path too long: %s", path);
        return -1;
    }
    strcpy(sun.sun_path, path);
    /* A directory cwmpd creates for its socket is open to all (0755, whatever the umask): the
     * socket's own mode and group decide who may connect. */
    char *dir = xstrdup(path);
    char *slash = strrchr(dir, '/');
    struct stat st;
    if (slash && slash != dir) {
        *slash = '\0';
        if (stat(dir, &st) < 0 && dir_create_all(dir, 0755) == 0)
            chmod(dir, 0755);
    }
    free(dir);
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        sb_printf(err, "socket: %s", strerror(errno));
        return -1;
    }
    if (connect(fd, (struct sockaddr *)&sun, sizeof sun) == 0 || errno == EAGAIN) {
        sb_printf(err, "another cwmpd is already serving %s", path);
        close(fd);
        return -1;
    }
    close(fd);
    unlink(path);
    fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        sb_printf(err, "socket: %s", strerror(errno));
        return -1;
    }
    mode_t old = umask(0117);
    int rc = bind(fd, (struct sockaddr *)&sun, sizeof sun);
    umask(old);
    if (rc < 0 || listen(fd, 16) < 0) {
        sb_printf(err, "cannot listen on %s: %s", path, strerror(errno));
        close(fd);
        return -1;
    }
    /* The group "cwmp", when it exists, is the operators' group (see cwmpd(8)). */
    struct group *gr = getgrnam("cwmp");
    if (gr && chown(path, (uid_t)-1, gr->gr_gid) == 0)
        srv->group = gr->gr_gid;
    else
        srv->group = getegid();
    chmod(path, 0660);
    return fd;
}

static void monitor_sink(void *ctx, int priority, const char *line, size_t len)
{
    (void)priority; /* a monitoring shell sees every message, as the console does */
    ctl_server_broadcast(ctx, line, len);
}

struct ctl_server *ctl_server_new_detached(struct agent *a)
{
    struct ctl_server *srv = xcalloc(1, sizeof *srv);
    srv->agent = a;
    srv->fd = -1;
    log_sink_add(a, monitor_sink, srv);
    return srv;
}

struct ctl_server *ctl_server_new(struct agent *a, const char *path, struct strbuf *err)
{
    struct ctl_server *srv = ctl_server_new_detached(a);
    srv->fd = bind_socket(srv, path, err);
    if (srv->fd < 0 || loop_add_fd(a->loop, srv->fd, LOOP_READ, on_accept, srv) < 0) {
        if (srv->fd >= 0) {
            close(srv->fd);
            unlink(path);
        }
        log_sink_remove(a, monitor_sink, srv);
        free(srv);
        return NULL;
    }
    srv->path = xstrdup(path);
    return srv;
}

void ctl_server_free(struct ctl_server *srv)
{
    if (!srv)
        return;
    while (srv->shells) {
        struct shell *sh = srv->shells;
        if (sh->fd >= 0)
            shell_flush(sh);
        shell_free(sh);
    }
    if (srv->fd >= 0) {
        loop_del_fd(srv->agent->loop, srv->fd);
        close(srv->fd);
        unlink(srv->path);
    }
    log_sink_remove(srv->agent, monitor_sink, srv);
    free(srv->path);
    free(srv);
}
