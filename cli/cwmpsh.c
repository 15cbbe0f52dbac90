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
#include <time.h>
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
    bool midline;       /* the last output did not end its line */
    bool on_edit_line;  /* the terminal's cursor is on the line being edited (TAB's wait) */
    bool stuck_shown;   /* "% cwmpd is not responding" was printed during the last wait */
    bool gave_up;       /* and the operator gave that request up with Ctrl-C */
    bool abandon_line;  /* Ctrl-C: the line el_gets returns is not run */
    bool below_line;    /* messages were printed under the line being edited */
    char *drawn_prompt; /* the prompt libedit last drew */
    /* Keys typed while a command ran, read to see Ctrl-C or IOS's escape sequence (Ctrl-^ X)
     * among them: the others are typed ahead, and libedit or a question reads them first. */
    struct strbuf typeahead;
    size_t typeahead_off;
    bool escape_started; /* a Ctrl-^ was the last key read: an X after it aborts */
    bool abortable;      /* the reply awaited is a command's, which Ctrl-C may stop */
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

/* One key: what was typed ahead during a command first, then the terminal. */
static ssize_t read_key(struct cwmpsh *sh, char *ch)
{
    if (sh->typeahead_off < sh->typeahead.len) {
        *ch = sh->typeahead.buf[sh->typeahead_off++];
        if (sh->typeahead_off == sh->typeahead.len) {
            sb_reset(&sh->typeahead);
            sh->typeahead_off = 0;
        }
        return 1;
    }
    return read(STDIN_FILENO, ch, 1);
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
    struct cwmpsh *sh = arg;
    write_all(STDOUT_FILENO, data, len);
    if (len > 0)
        sh->midline = data[len - 1] != '\n';
}

static void paged_output(void *arg, const char *data, size_t len)
{
    struct cwmpsh *sh = arg;
    pager_write(&sh->pager, data, len);
    if (len > 0)
        sh->midline = data[len - 1] != '\n';
}

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* --- where libedit left the terminal's cursor --- */

static size_t wide_width(const wchar_t *s, size_t n)
{
    size_t w = 0;
    for (size_t i = 0; i < n; i++) {
        int cw = wcwidth(s[i]);
        w += cw >= 0 ? (size_t)cw : 2; /* libedit shows a control character as ^X */
    }
    return w;
}

static size_t text_width(const char *s)
{
    size_t n = mbstowcs(NULL, s, 0);
    if (n == (size_t)-1)
        return strlen(s);
    wchar_t *w = xmalloc((n + 1) * sizeof *w);
    mbstowcs(w, s, n + 1);
    size_t width = wide_width(w, n);
    free(w);
    return width;
}

/* Takes the terminal's cursor from the edit cursor (or `advanced` columns after it, when
 * something was printed there) to the start of the row under the last row of the prompt and the
 * text, so that what is printed next leaves the line being typed whole on the screen. */
static void go_below_line(struct cwmpsh *sh, EditLine *el, size_t advanced)
{
    const LineInfoW *li = el_wline(el);
    int cols = 0;
    if (el_get(el, EL_GETTC, "co", &cols) != 0 || cols <= 0)
        cols = 80;
    size_t plen = text_width(sh->drawn_prompt ? sh->drawn_prompt : "");
    size_t cur = plen + wide_width(li->buffer, (size_t)(li->cursor - li->buffer)) + advanced;
    size_t end = plen + wide_width(li->buffer, (size_t)(li->lastchar - li->buffer));
    if (end < cur)
        end = cur;
    /* Text that fills a row to the margin leaves the cursor on it until the next character
     * (libedit moves it to the next row itself, what was just printed did not). */
    size_t currow = advanced && cur > 0 ? (cur - 1) / (size_t)cols : cur / (size_t)cols;
    size_t lastrow = end > 0 ? (end - 1) / (size_t)cols : 0;
    say("\r");
    for (size_t down = lastrow + 1 > currow ? lastrow + 1 - currow : 0; down > 0; down--)
        say("\n");
}

/* Asks a question at the terminal and reads the answer, shown only when echo is set (not
 * passwords). The terminal is in character mode without echo before the question appears: an answer
 * typed ahead (or pasted) must never reach the kernel's echo, which would show a password in
 * clear. Ctrl-C or the end of input cancels. */
static char *ask_tty(struct cwmpsh *sh, const char *question, bool echo, bool *cancelled)
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
        ssize_t n = read_key(sh, &ch);
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

/* What the operator types while cwmpd is not responding: Ctrl-C gives the request up, any other
 * key is dropped (it is not replayed at the next prompt). */
static bool operator_gives_up(void)
{
    char keys[256];
    ssize_t n = read(STDIN_FILENO, keys, sizeof keys);
    if (n == 0)
        return true; /* the terminal is gone */
    return n > 0 && memchr(keys, '\x03', (size_t)n) != NULL;
}

/* Keys typed while a command runs (cwmpd answering): Ctrl-C, or IOS's escape sequence Ctrl-^ then
 * X, asks cwmpd to stop it (ping and traceroute stop and print what they have; a command that
 * cannot stop ignores it); every other key is kept for the next line. Returns false when the
 * terminal is gone. */
static bool keys_while_running(struct cwmpsh *sh)
{
    char keys[256];
    ssize_t n = read(STDIN_FILENO, keys, sizeof keys);
    if (n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN))
        return false;
    bool stop = false;
    for (ssize_t i = 0; i < n; i++) {
        char k = keys[i];
        bool escape = sh->escape_started;
        sh->escape_started = k == '\x1e';
        if (k == '\x03' || (escape && (k == 'x' || k == 'X')))
            stop = true;
        else if (!sh->escape_started)
            sb_putc(&sh->typeahead, k);
    }
    if (stop && client_abort(&sh->c) < 0)
        lost(sh);
    return true;
}

/* Waits for the reply of the request just sent. A cwmpd that stays silent, not even answering
 * the liveness probe (its loop is stopped or stuck, not merely busy with a slow command), is
 * reported; at a terminal Ctrl-C then gives the request up and the prompt comes back, elsewhere
 * cwmpsh exits with status 1 rather than hang. Keys typed during such a wait are dropped. */
static void wait_reply(struct cwmpsh *sh, const struct reply_sink *sink, struct reply *r)
{
    bool stuck = false;
    sh->stuck_shown = sh->gave_up = false;
    for (;;) {
        bool keys = sh->el && (stuck || sh->abortable);
        client_wait(&sh->c, sink, r, keys ? STDIN_FILENO : -1);
        if (r->kind == REPLY_STUCK) {
            if (sh->on_edit_line && !sh->stuck_shown)
                go_below_line(sh, sh->el, 0);
            else if (sh->midline)
                say("\n");
            say("% cwmpd is not responding\n");
            /* What was typed during this wait is not the start of the next line either. */
            sb_reset(&sh->typeahead);
            sh->typeahead_off = 0;
            sh->midline = false;
            sh->stuck_shown = stuck = true;
            if (!sh->el)
                exit(1); /* no one to press Ctrl-C: a script must not hang */
            continue;
        }
        if (r->kind == REPLY_KEY && !stuck) {
            if (!keys_while_running(sh))
                sh->abortable = false; /* no terminal left to read: wait for the reply alone */
            continue;
        }
        if (r->kind == REPLY_KEY) {
            if (!operator_gives_up())
                continue;
            client_abandon(&sh->c);
            sh->gave_up = true;
            say("^C\n");
            r->kind = REPLY_ABANDONED;
        }
        break;
    }
    if (stuck && sh->el)
        tcflush(STDIN_FILENO, TCIFLUSH);
}

/* Sends one request and shows its reply, answering cwmpd's questions on the way. */
static enum ctl_status await_request(struct cwmpsh *sh, uint8_t type, const char *line)
{
    struct reply_sink sink = {plain_output, plain_output, sh};
    if (sh->interactive) {
        pager_start(&sh->pager, STDIN_FILENO, STDOUT_FILENO,
                    type == CTL_EXEC ? sh->c.term_length : 0);
        sink.output = paged_output;
    }
    if (client_send(&sh->c, type, line) < 0)
        lost(sh);
    sh->abortable = type == CTL_EXEC;
    sh->escape_started = false;
    for (;;) {
        struct reply r;
        wait_reply(sh, &sink, &r);
        if (r.kind == REPLY_LOST)
            lost(sh);
        if (r.kind == REPLY_ABANDONED)
            return CTL_STATUS_ERROR;
        if (r.kind == REPLY_DONE)
            return r.status;
        if (r.kind == REPLY_PROMPT) {
            bool eof = false;
            char *answer;
            if (sh->interactive) {
                answer = ask_tty(sh, r.text, r.echo, &eof);
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

static enum ctl_status run_request(struct cwmpsh *sh, uint8_t type, const char *line)
{
    enum ctl_status st = await_request(sh, type, line);
    sh->abortable = false;
    return st;
}

/* Without a terminal, a line whose last character (blanks aside) is `?` asks for help, as the key
 * does at a terminal: the line is shown as typed, then the help for the text before the `?`, and
 * the line does not run. Ctrl-V (a 0x16 byte) before that `?` makes it part of the line, as at a
 * terminal. Returns true when the line was a help request. */
static bool help_line(struct cwmpsh *sh, const char *line, char **literal)
{
    size_t n = strlen(line);
    while (n > 0 && (line[n - 1] == ' ' || line[n - 1] == '\t'))
        n--;
    *literal = NULL;
    if (n == 0 || line[n - 1] != '?')
        return false;
    if (n >= 2 && line[n - 2] == '\x16') {
        *literal = xstrdup(line);
        memmove(*literal + n - 2, *literal + n - 1, strlen(*literal + n - 1) + 1);
        return false;
    }
    write_all(STDOUT_FILENO, line, n);
    say("\n");
    sh->midline = false;
    char *text = xstrndup(line, n - 1);
    run_request(sh, CTL_HELP, text);
    free(text);
    return true;
}

static void exec_line(struct cwmpsh *sh, const char *line)
{
    char *literal = NULL;
    if (!sh->interactive && help_line(sh, line, &literal))
        return;
    /* A script's exit status says whether all its lines worked; a person's session ends well
     * whatever was mistyped on the way. */
    if (run_request(sh, CTL_EXEC, literal ? literal : line) == CTL_STATUS_ERROR && !sh->interactive)
        sh->failed = true;
    free(literal);
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
    const char *p = sh->c.prompt ? sh->c.prompt : "";
    /* What is on the screen, for the cursor's arithmetic and to see a prompt change. */
    if (!sh->drawn_prompt || strcmp(sh->drawn_prompt, p) != 0) {
        free(sh->drawn_prompt);
        sh->drawn_prompt = xstrdup(p);
    }
    return sh->drawn_prompt;
}

static char *text_before_cursor(EditLine *el)
{
    const LineInfo *li = el_line(el);
    return xstrndup(li->buffer, (size_t)(li->cursor - li->buffer));
}

/* Empties the line being edited (Ctrl-C during a wait gives up the line too). */
static void clear_line(EditLine *el)
{
    const LineInfoW *li = el_wline(el);
    el_cursor(el, (int)(li->lastchar - li->cursor));
    li = el_wline(el);
    el_deletestr(el, (int)(li->lastchar - li->buffer));
}

/* `?`: the help for what is typed so far, then the line is drawn again without the `?`. The line
 * stays on the screen with its `?`, the help goes under it. */
static unsigned char help_fn(EditLine *el, int ch)
{
    (void)ch;
    struct cwmpsh *sh = of(el);
    char *text = text_before_cursor(el);
    say("?");
    go_below_line(sh, el, 1);
    sh->midline = false;
    run_request(sh, CTL_HELP, text);
    if (sh->gave_up)
        clear_line(el);
    free(text);
    el_set(el, EL_REFRESH);
    return CC_NORM;
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
    sh->on_edit_line = true;
    wait_reply(sh, &sink, &r);
    sh->on_edit_line = false;
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
    if (r.kind == REPLY_ABANDONED)
        clear_line(el);
    if (sh->stuck_shown) {
        /* The message went under the line: the line is drawn again under it. */
        el_set(el, EL_REFRESH);
        rc = CC_NORM;
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
    sh->midline = false;
    sh->gave_up = false;
    if (text[strspn(text, " \t")]) {
        HistEvent ev;
        history(sh->hist, &ev, H_ENTER, text);
        exec_line(sh, text);
    }
    /* A command given up on (cwmpd not responding) is not followed by another wait. */
    if (!sh->gave_up && !sh->c.closed && sh->c.prompt && strchr(sh->c.prompt, '('))
        run_request(sh, CTL_EXEC, "end");
    free(text);
    return CC_REDISPLAY;
}

/* Ctrl-C abandons the line: `^C` at its end, and the next prompt on the row below, as IOS does.
 * libedit draws the `^C` and ends the line; the loop then neither runs it nor records it. */
static unsigned char ctrl_c_fn(EditLine *el, int ch)
{
    (void)ch;
    struct cwmpsh *sh = of(el);
    const LineInfoW *li = el_wline(el);
    el_cursor(el, (int)(li->lastchar - li->cursor));
    el_insertstr(el, "^C");
    sh->abandon_line = true;
    el_push(el, "\r");
    return CC_REFRESH;
}

/* Ctrl-D: deletes the character under the cursor; at the end of a line, nothing. On an empty line
 * it ends the session from EXEC only: in a configuration mode, as on IOS, it does nothing (exit
 * and end leave configuration mode). */
static unsigned char ctrl_d_fn(EditLine *el, int ch)
{
    (void)ch;
    struct cwmpsh *sh = of(el);
    const LineInfoW *li = el_wline(el);
    if (li->cursor < li->lastchar) {
        el_cursor(el, 1);
        el_deletestr(el, 1);
        return CC_REFRESH;
    }
    if (li->lastchar > li->buffer || (sh->c.prompt && strchr(sh->c.prompt, '(')))
        return CC_NORM;
    say("^D");
    return CC_EOF;
}

/* The messages of a burst go under the line being typed, each on its own line; the line is drawn
 * again once, after the burst. */
static void async_at_prompt(void *arg, const char *data, size_t len)
{
    struct cwmpsh *sh = arg;
    if (len == 0)
        return;
    if (!sh->below_line) {
        go_below_line(sh, sh->el, 0);
        sh->below_line = true;
    }
    write_all(STDOUT_FILENO, data, len);
    if (data[len - 1] != '\n')
        say("\n");
}

/* A burst ends when cwmpd has been quiet this long, when the operator types, or after at most
 * BURST_MAX_MS (a flood of debug lines must not keep the prompt away). */
#define BURST_QUIET_MS 50
#define BURST_MAX_MS   500

/* What cwmpd sent while the operator is at the prompt: log and debug messages (`terminal
 * monitor`), and the end of a request given up on. */
static void show_messages(struct cwmpsh *sh, EditLine *el)
{
    struct reply_sink sink = {NULL, async_at_prompt, sh};
    sh->below_line = false;
    int64_t start = now_ms();
    for (;;) {
        if (client_poll_async(&sh->c, &sink) < 0)
            lost(sh);
        int64_t left = BURST_MAX_MS - (now_ms() - start);
        if (left <= 0)
            break;
        struct pollfd p[2] = {{.fd = sh->c.fd, .events = POLLIN},
                              {.fd = STDIN_FILENO, .events = POLLIN}};
        int n = poll(p, 2, left < BURST_QUIET_MS ? (int)left : BURST_QUIET_MS);
        if (n <= 0 || p[1].revents)
            break;
    }
    const char *prompt = sh->c.prompt ? sh->c.prompt : "";
    if (sh->below_line) {
        el_set(el, EL_REFRESH);
    } else if (sh->drawn_prompt && strcmp(sh->drawn_prompt, prompt) != 0) {
        /* A request given up on changed the mode: the line is drawn again where it is. */
        const LineInfoW *li = el_wline(el);
        int cols = 0;
        if (el_get(el, EL_GETTC, "co", &cols) != 0 || cols <= 0)
            cols = 80;
        size_t row = (text_width(sh->drawn_prompt) +
                      wide_width(li->buffer, (size_t)(li->cursor - li->buffer))) /
                     (size_t)cols;
        char up[32];
        if (row > 0) {
            snprintf(up, sizeof up, "\x1b[%zuA", row);
            say(up);
        }
        say("\r\x1b[J");
        el_set(el, EL_REFRESH);
    }
    sh->below_line = false;
}

/* libedit's character source: the keyboard, and meanwhile cwmpd's log and debug messages, which
 * are printed under the line being typed, as IOS does. */
static int getc_fn(EditLine *el, wchar_t *wc)
{
    struct cwmpsh *sh = of(el);
    for (;;) {
        /* Keys typed ahead while a command ran come first; the terminal is watched only then. */
        if (sh->typeahead_off == sh->typeahead.len) {
            struct pollfd p[2] = {{.fd = STDIN_FILENO, .events = POLLIN},
                                  {.fd = sh->c.fd, .events = POLLIN}};
            if (poll(p, 2, -1) < 0) {
                if (errno == EINTR)
                    continue;
                return -1;
            }
            if (p[1].revents) {
                show_messages(sh, el);
                continue; /* a key that came meanwhile is read on the freshly drawn line */
            }
            if (!p[0].revents)
                continue;
        }
        char b;
        ssize_t n = read_key(sh, &b);
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
    el_wset(sh->el, EL_ADDFN, L"cwmp-delete", L"Delete a character or end the session", ctrl_d_fn);
    el_set(sh->el, EL_BIND, "?", "cwmp-help", NULL);
    el_set(sh->el, EL_BIND, "^I", "cwmp-complete", NULL);
    el_set(sh->el, EL_BIND, "^Z", "cwmp-end", NULL);
    el_set(sh->el, EL_BIND, "^C", "cwmp-abort", NULL);
    el_set(sh->el, EL_BIND, "^D", "cwmp-delete", NULL);
    el_source(sh->el, NULL); /* the user's ~/.editrc, if any */

    while (!sh->c.closed) {
        int count;
        const char *line = el_gets(sh->el, &count);
        if (!line) {
            say("\n");
            break;
        }
        if (sh->abandon_line) {
            sh->abandon_line = false;
            continue;
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
    free(sh->drawn_prompt);
    sh->drawn_prompt = NULL;
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

/* CWMPSH_TIMEOUT: the seconds cwmpd may stay silent before "% cwmpd is not responding" (a
 * fraction allowed, 0 for no limit); the liveness probe goes out after half of it. */
static void response_timeout(struct client *c)
{
    const char *v = getenv("CWMPSH_TIMEOUT");
    if (!v || !*v)
        return;
    char *end;
    double s = strtod(v, &end);
    if (*end || !(s >= 0) || s > 86400)
        return; /* not a number of seconds: the default stays */
    c->stuck_ms = (int)(s * 1000);
    c->probe_ms = c->stuck_ms / 2;
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
    response_timeout(&sh.c);
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
    wait_reply(&sh, &hello_sink, &r);
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
    sb_free(&sh.typeahead);
    free(sh.cmds);
    return sh.failed ? 1 : 0;
}
