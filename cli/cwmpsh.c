/* cwmpsh: the operator's shell. A thin client of cwmpd (as in klish 3): it owns line editing,
 * history and paging, and asks cwmpd to execute lines, list help for `?` and complete words, so
 * help and execution come from the one parser in cwmpd. */
#include <errno.h>
#include <getopt.h>
#include <histedit.h>
#include <locale.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <wchar.h>

#include "client.h"
#include "config.h"
#include "pager.h"
#include "xalloc.h"

struct cwmpsh {
    struct client c;
    bool interactive;
    bool failed;
    EditLine *el;
    History *hist;
    struct pager pager;
    char **cmds; /* -c commands, answered questions take the next one */
    int ncmds, next_cmd;
    mbstate_t mb;
};

static void write_all(int fd, const char *s, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, s, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return;
        s += n;
        len -= (size_t)n;
    }
}

static void say(const char *s)
{
    write_all(STDOUT_FILENO, s, strlen(s));
}

static void lost(struct cwmpsh *sh)
{
    say("\n% Connection to cwmpd lost\n");
    if (sh->el)
        el_end(sh->el);
    exit(1);
}

static void plain_output(void *arg, const char *data, size_t len)
{
    (void)arg;
    write_all(STDOUT_FILENO, data, len);
}

static void paged_output(void *arg, const char *data, size_t len)
{
    struct cwmpsh *sh = arg;
    pager_write(&sh->pager, data, len);
}

/* Asks a question at the terminal and reads the answer, shown only when echo is set (not
 * passwords). The terminal is in character mode without echo before the question appears: an answer
 * typed ahead (or pasted) must never reach the kernel's echo, which would show a password in
 * clear. Ctrl-C or the end of input cancels. */
static char *ask_tty(const char *question, bool echo, bool *cancelled)
{
    struct termios saved, raw;
    bool tty = tcgetattr(STDIN_FILENO, &saved) == 0;
    if (tty) {
        raw = saved;
        raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO | ISIG);
        raw.c_cc[VMIN] = 1;
        raw.c_cc[VTIME] = 0;
        tcsetattr(STDIN_FILENO, TCSANOW, &raw);
    }
    say(question);
    struct strbuf line = STRBUF_INIT;
    *cancelled = false;
    for (;;) {
        char ch;
        ssize_t n = read(STDIN_FILENO, &ch, 1);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0 || ch == '\x03') {
            *cancelled = true;
            break;
        }
        if (ch == '\r' || ch == '\n')
            break;
        if (ch == '\x7f' || ch == '\b') {
            if (line.len == 0)
                continue;
            /* One character back, with the continuation bytes of a UTF-8 one. */
            size_t len = line.len - 1;
            while (len > 0 && ((unsigned char)line.buf[len] & 0xC0) == 0x80)
                len--;
            sb_truncate(&line, len);
            if (echo)
                say("\b \b");
        } else if ((unsigned char)ch >= 0x20) {
            sb_putc(&line, ch);
            if (echo)
                write_all(STDOUT_FILENO, &ch, 1);
        }
    }
    if (tty)
        tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    say("\n");
    return sb_detach(&line);
}

static char *read_answer_stream(struct cwmpsh *sh, bool *eof)
{
    *eof = false;
    if (sh->cmds) {
        if (sh->next_cmd < sh->ncmds)
            return xstrdup(sh->cmds[sh->next_cmd++]);
        *eof = true;
        return xstrdup("");
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n = getline(&line, &cap, stdin);
    if (n < 0) {
        free(line);
        *eof = true;
        return xstrdup("");
    }
    line[strcspn(line, "\r\n")] = '\0';
    return line;
}

/* Sends one request and shows its reply, answering cwmpd's questions on the way. */
static enum ctl_status run_request(struct cwmpsh *sh, uint8_t type, const char *line)
{
    struct reply_sink sink = {plain_output, plain_output, sh};
    if (sh->interactive) {
        pager_start(&sh->pager, STDIN_FILENO, STDOUT_FILENO,
                    type == CTL_EXEC ? sh->c.term_length : 0);
        sink.output = paged_output;
    }
    if (client_send(&sh->c, type, line) < 0)
        lost(sh);
    for (;;) {
        struct reply r;
        client_wait(&sh->c, &sink, &r);
        if (r.kind == REPLY_LOST)
            lost(sh);
        if (r.kind == REPLY_DONE)
            return r.status;
        if (r.kind == REPLY_PROMPT) {
            bool eof = false;
            char *answer;
            if (sh->interactive) {
                answer = ask_tty(r.text, r.echo, &eof);
            } else {
                say(r.text);
                answer = read_answer_stream(sh, &eof);
                say("\n");
            }
            if (client_answer(&sh->c, answer, eof) < 0)
                lost(sh);
            free(answer);
        }
        reply_free(&r);
    }
}

static void exec_line(struct cwmpsh *sh, const char *line)
{
    /* A script's exit status says whether all its lines worked; a person's session ends well
     * whatever was mistyped on the way. */
    if (run_request(sh, CTL_EXEC, line) == CTL_STATUS_ERROR && !sh->interactive)
        sh->failed = true;
}

/* --- interactive: libedit --- */

static struct cwmpsh *of(EditLine *el)
{
    void *p = NULL;
    el_get(el, EL_CLIENTDATA, &p);
    return p;
}

static char *prompt_fn(EditLine *el)
{
    struct cwmpsh *sh = of(el);
    return sh->c.prompt ? sh->c.prompt : "";
}

static char *text_before_cursor(EditLine *el)
{
    const LineInfo *li = el_line(el);
    return xstrndup(li->buffer, (size_t)(li->cursor - li->buffer));
}

/* `?`: the help for what is typed so far, then the line is drawn again without the `?`. */
static unsigned char help_fn(EditLine *el, int ch)
{
    (void)ch;
    struct cwmpsh *sh = of(el);
    char *text = text_before_cursor(el);
    say("?\n");
    run_request(sh, CTL_HELP, text);
    free(text);
    return CC_REDISPLAY;
}

/* TAB: cwmpd returns the completed last word, which replaces the typed one. */
static unsigned char complete_fn(EditLine *el, int ch)
{
    (void)ch;
    struct cwmpsh *sh = of(el);
    char *text = text_before_cursor(el);
    if (client_send(&sh->c, CTL_COMPLETE, text) < 0)
        lost(sh);
    struct reply_sink sink = {plain_output, plain_output, sh};
    struct reply r;
    client_wait(&sh->c, &sink, &r);
    if (r.kind == REPLY_LOST)
        lost(sh);
    unsigned char rc = CC_NORM;
    if (r.kind == REPLY_COMPLETION && r.text && *r.text) {
        size_t len = strlen(text), start = len;
        while (start > 0 && text[start - 1] != ' ' && text[start - 1] != '\t')
            start--;
        el_deletestr(el, (int)(len - start));
        el_insertstr(el, r.text);
        rc = CC_REFRESH;
    }
    reply_free(&r);
    free(text);
    return rc;
}

/* Ctrl-Z: back to privileged EXEC from configuration, echoed as ^Z. As on IOS, a command typed on
 * the line is run first. */
static unsigned char ctrl_z_fn(EditLine *el, int ch)
{
    (void)ch;
    struct cwmpsh *sh = of(el);
    const LineInfo *li = el_line(el);
    char *text = xstrndup(li->buffer, (size_t)(li->lastchar - li->buffer));
    el_cursor(el, (int)(li->lastchar - li->cursor));
    el_deletestr(el, (int)strlen(text));
    say("^Z\n");
    if (text[strspn(text, " \t")]) {
        HistEvent ev;
        history(sh->hist, &ev, H_ENTER, text);
        exec_line(sh, text);
    }
    if (!sh->c.closed && sh->c.prompt && strchr(sh->c.prompt, '('))
        run_request(sh, CTL_EXEC, "end");
    free(text);
    return CC_REDISPLAY;
}

/* Ctrl-C abandons the line being typed. */
static unsigned char ctrl_c_fn(EditLine *el, int ch)
{
    (void)ch;
    const LineInfo *li = el_line(el);
    el_deletestr(el, (int)(li->cursor - li->buffer));
    el_set(el, EL_REFRESH);
    say("\n");
    return CC_REDISPLAY;
}

static void async_at_prompt(void *arg, const char *data, size_t len)
{
    (void)arg;
    say("\n");
    write_all(STDOUT_FILENO, data, len);
}

/* libedit's character source: the keyboard, and meanwhile cwmpd's log and debug messages, which
 * are printed above the line being typed, as IOS does. */
static int getc_fn(EditLine *el, wchar_t *wc)
{
    struct cwmpsh *sh = of(el);
    for (;;) {
        struct pollfd p[2] = {{.fd = STDIN_FILENO, .events = POLLIN},
                              {.fd = sh->c.fd, .events = POLLIN}};
        if (poll(p, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        if (p[1].revents) {
            struct reply_sink sink = {NULL, async_at_prompt, sh};
            if (client_poll_async(&sh->c, &sink) < 0)
                lost(sh);
            el_set(el, EL_REFRESH);
        }
        if (p[0].revents) {
            char b;
            ssize_t n = read(STDIN_FILENO, &b, 1);
            if (n <= 0)
                return n == 0 ? 0 : -1;
            size_t r = mbrtowc(wc, &b, 1, &sh->mb);
            if (r == (size_t)-2)
                continue; /* the rest of a multibyte character follows */
            if (r == (size_t)-1) {
                memset(&sh->mb, 0, sizeof sh->mb);
                continue;
            }
            return 1;
        }
    }
}

static void interactive_loop(struct cwmpsh *sh)
{
    sh->el = el_init("cwmpsh", stdin, stdout, stderr);
    sh->hist = history_init();
    HistEvent ev;
    history(sh->hist, &ev, H_SETSIZE, 100);
    history(sh->hist, &ev, H_SETUNIQUE, 1);
    el_set(sh->el, EL_CLIENTDATA, sh);
    el_set(sh->el, EL_EDITOR, "emacs");
    el_set(sh->el, EL_HIST, history, sh->hist);
    el_set(sh->el, EL_PROMPT, prompt_fn);
    el_set(sh->el, EL_GETCFN, getc_fn);
    /* Ctrl-Z and Ctrl-C are keys of the CLI, not signals to the shell. */
    el_set(sh->el, EL_SETTY, "-d", "-isig", NULL);
    /* Between lines too (while a command runs, and at once, before the first prompt): libedit
     * prints the prompt before it leaves line mode, and a line typed in that instant would be
     * echoed twice, by the terminal and by libedit; a Ctrl-Z would stop the shell. */
    el_set(sh->el, EL_SETTY, "-x", "-icanon", "-echo", "-isig", NULL);
    el_set(sh->el, EL_PREP_TERM, 1);
    /* The wide-character interface: libedit keeps these names as given, where el_set's narrow
     * one converts them into copies it never frees (LeakSanitizer reports them). */
    el_wset(sh->el, EL_ADDFN, L"cwmp-help", L"IOS help", help_fn);
    el_wset(sh->el, EL_ADDFN, L"cwmp-complete", L"IOS completion", complete_fn);
    el_wset(sh->el, EL_ADDFN, L"cwmp-end", L"Leave configuration mode", ctrl_z_fn);
    el_wset(sh->el, EL_ADDFN, L"cwmp-abort", L"Abandon the line", ctrl_c_fn);
    el_set(sh->el, EL_BIND, "?", "cwmp-help", NULL);
    el_set(sh->el, EL_BIND, "^I", "cwmp-complete", NULL);
    el_set(sh->el, EL_BIND, "^Z", "cwmp-end", NULL);
    el_set(sh->el, EL_BIND, "^C", "cwmp-abort", NULL);
    el_source(sh->el, NULL); /* the user's ~/.editrc, if any */

    while (!sh->c.closed) {
        int count;
        const char *line = el_gets(sh->el, &count);
        if (!line) {
            say("\n");
            break;
        }
        char *copy = xstrdup(line);
        copy[strcspn(copy, "\r\n")] = '\0';
        if (copy[strspn(copy, " \t")])
            history(sh->hist, &ev, H_ENTER, copy);
        exec_line(sh, copy);
        free(copy);
    }
    history_end(sh->hist);
    el_end(sh->el);
    sh->el = NULL;
}

static void stream_loop(struct cwmpsh *sh)
{
    char *line = NULL;
    size_t cap = 0;
    while (!sh->c.closed && getline(&line, &cap, stdin) >= 0) {
        line[strcspn(line, "\r\n")] = '\0';
        exec_line(sh, line);
    }
    free(line);
}

static void commands_loop(struct cwmpsh *sh)
{
    while (!sh->c.closed && sh->next_cmd < sh->ncmds)
        exec_line(sh, sh->cmds[sh->next_cmd++]);
}

static bool is_console(const char *tty)
{
    return tty && (!strcmp(tty, "console") || !strncmp(tty, "ttyS", 4) ||
                   (!strncmp(tty, "tty", 3) && tty[3] >= '0' && tty[3] <= '9'));
}

/* Where the operator comes from: the SSH client's address when logged in over SSH. */
static void location(char *out, size_t cap)
{
    const char *ssh = getenv("SSH_CLIENT");
    if (!ssh)
        ssh = getenv("SSH_CONNECTION");
    out[0] = '\0';
    if (ssh)
        snprintf(out, cap, "%.*s", (int)strcspn(ssh, " "), ssh);
}

static void usage(FILE *f)
{
    fprintf(f,
            "Usage: cwmpsh [--socket PATH] [-c COMMAND]...\n"
            "  -s, --socket PATH      cwmpd's control socket (default %s)\n"
            "  -c, --command COMMAND  run COMMAND (repeatable, in order) and exit\n"
            "  -h, --help             this help\n"
            "  -V, --version          the version\n",
            CWMPD_DEFAULT_SOCKET);
}

int main(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"socket", required_argument, NULL, 's'},
        {"command", required_argument, NULL, 'c'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };
    setlocale(LC_CTYPE, "");
    struct cwmpsh sh = {0};
    const char *socket_path = getenv("CWMPSH_SOCKET");
    if (!socket_path)
        socket_path = CWMPD_DEFAULT_SOCKET;
    int c;
    while ((c = getopt_long(argc, argv, "s:c:hV", longopts, NULL)) != -1) {
        switch (c) {
        case 's':
            socket_path = optarg;
            break;
        case 'c':
            sh.cmds = xrealloc(sh.cmds, (size_t)(sh.ncmds + 1) * sizeof *sh.cmds);
            sh.cmds[sh.ncmds++] = optarg;
            break;
        case 'h':
            usage(stdout);
            return 0;
        case 'V':
            printf("cwmpsh %s\n", PACKAGE_VERSION);
            return 0;
        default:
            usage(stderr);
            return 2;
        }
    }
    if (optind != argc) {
        usage(stderr);
        return 2;
    }
    char why[256];
    int crc = client_connect(&sh.c, socket_path, why, sizeof why);
    if (crc < 0) {
        /* The socket's mode keeps non-members out before cwmpd can say so itself. */
        if (crc == -EACCES)
            fprintf(stdout,
                    "%% Permission denied: cannot connect to %s (not a member of cwmpd's "
                    "group)\n",
                    socket_path);
        else
            fprintf(stdout, "%% cwmpd is not running (cannot connect to %s: %s)\n", socket_path,
                    why);
        free(sh.cmds);
        return 1;
    }
    sh.interactive = !sh.cmds && isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
    const char *tty = isatty(STDIN_FILENO) ? ttyname(STDIN_FILENO) : NULL;
    if (tty && !strncmp(tty, "/dev/", 5))
        tty += 5;
    char where[128];
    location(where, sizeof where);
    uint8_t flags = (sh.interactive ? CTL_HELLO_INTERACTIVE : 0) |
                    (sh.interactive && is_console(tty) && !where[0] ? CTL_HELLO_CONSOLE : 0);
    /* A refused peer finds cwmpd's reason waiting even when the HELLO could not be sent. */
    client_hello(&sh.c, flags, tty ? tty : "", where);
    struct reply r;
    struct reply_sink hello_sink = {plain_output, plain_output, &sh};
    client_wait(&sh.c, &hello_sink, &r);
    if (r.kind != REPLY_DONE || sh.c.closed) {
        reply_free(&r);
        client_close(&sh.c);
        free(sh.cmds);
        return 1; /* refused: cwmpd said why (permission, all lines busy) */
    }
    if (sh.cmds)
        commands_loop(&sh);
    else if (sh.interactive)
        interactive_loop(&sh);
    else
        stream_loop(&sh);
    client_close(&sh.c);
    free(sh.cmds);
    return sh.failed ? 1 : 0;
}
