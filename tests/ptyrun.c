/* ptyrun: runs a program in a pseudo-terminal and follows a script, so that tests can drive
 * cwmpsh as a person at a terminal would (libedit, `?`, TAB, the pager, hidden passwords) and
 * compare exactly what it printed.
 *
 * Usage: ptyrun [-t TRANSCRIPT] [-r] [-s SCREEN] SCRIPT -- PROGRAM [ARG]...
 *   -t FILE  write everything the program printed to FILE (also when the script fails)
 *   -r       drop the carriage returns the terminal adds (both in the transcript and for expect)
 *   -s FILE  write the text as the terminal shows it: the output with the line editor's cursor
 *            movements and erasures applied, every line kept (none scrolls away), blanks at the
 *            ends of lines dropped, so that tests compare what the operator sees rather than how
 *            libedit chose to draw it
 *
 * The program runs on an 80x24 terminal with TERM=xterm.
 *
 * The script has one command per line; empty lines and lines starting with `#` are ignored.
 * TEXT is the rest of the line after one space, with C escapes: \r \n \t \e \b \\ \xNN.
 *   send TEXT       types TEXT
 *   expect TEXT     waits until TEXT appears in the output after the previous match
 *   sleep MS        lets MS milliseconds pass, collecting output
 *   timeout SECONDS the limit of the following expect and wait commands (default 5)
 *   run COMMAND     runs COMMAND (the rest of the line as it is, no escapes) with /bin/sh and
 *                   requires exit status 0: another client acting while the program waits
 *   wait            waits until the program exits
 *   expect-exit N   waits until the program exits, and requires exit status N
 * When the script ends with the program still running, the terminal is hung up.
 *
 * Exit status: 0 when the script ran to its end, 1 when an expectation failed (the output so far
 * is shown on stderr, with control characters escaped), 2 on a usage or system error. */
#include <errno.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "strbuf.h"
#include "xalloc.h"

/* The terminal's size. */
#define COLUMNS 80
#define ROWS    24

enum op { OP_SEND, OP_EXPECT, OP_SLEEP, OP_TIMEOUT, OP_RUN, OP_WAIT, OP_EXPECT_EXIT };

struct step {
    enum op op;
    int lineno;
    struct strbuf text; /* send, expect: the decoded bytes; run: the command */
    double number;      /* sleep (ms), timeout (s), expect-exit (status) */
};

struct run {
    const char *script_name;
    int master;
    pid_t child;
    bool strip_cr;
    bool eof;          /* the terminal was hung up: the program and its children are gone */
    bool exited;       /* the child was reaped */
    int status;        /* its wait status */
    double timeout;    /* seconds */
    struct strbuf out; /* the transcript: what expect searches */
    struct strbuf raw; /* every byte, for the screen */
    size_t mark;       /* where the next expect starts looking */
};

static void usage(FILE *f)
{
    fputs("Usage: ptyrun [-t TRANSCRIPT] [-r] [-s SCREEN] SCRIPT -- PROGRAM [ARG]...\n", f);
}

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Decodes the C escapes of s into out; returns false on an unknown or unfinished escape. */
static bool unescape(const char *s, struct strbuf *out)
{
    while (*s) {
        if (*s != '\\') {
            sb_putc(out, *s++);
            continue;
        }
        s++;
        switch (*s++) {
        case 'r':
            sb_putc(out, '\r');
            break;
        case 'n':
            sb_putc(out, '\n');
            break;
        case 't':
            sb_putc(out, '\t');
            break;
        case 'e':
            sb_putc(out, '\x1b');
            break;
        case 'b':
            sb_putc(out, '\b');
            break;
        case '\\':
            sb_putc(out, '\\');
            break;
        case 'x': {
            int hi = hex_digit(s[0]), lo = hi >= 0 ? hex_digit(s[1]) : -1;
            if (hi < 0)
                return false;
            if (lo < 0) {
                sb_putc(out, (char)hi);
                s += 1;
            } else {
                sb_putc(out, (char)(hi * 16 + lo));
                s += 2;
            }
            break;
        }
        default:
            return false;
        }
    }
    return true;
}

static bool parse_number(const char *s, double *v)
{
    char *end;
    errno = 0;
    *v = strtod(s, &end);
    return errno == 0 && end != s && *end == '\0' && *v >= 0;
}

/* Reads and checks the whole script before the program starts, so a typo costs no waiting. */
static struct step *parse_script(const char *path, size_t *nsteps)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "ptyrun: %s: %s\n", path, strerror(errno));
        exit(2);
    }
    enum arg { NONE, TEXT, NUMBER, LINE };
    static const struct {
        const char *name;
        enum op op;
        enum arg arg;
    } ops[] = {
        {"send", OP_SEND, TEXT},
        {"expect", OP_EXPECT, TEXT},
        {"sleep", OP_SLEEP, NUMBER},
        {"timeout", OP_TIMEOUT, NUMBER},
        {"run", OP_RUN, LINE},
        {"wait", OP_WAIT, NONE},
        {"expect-exit", OP_EXPECT_EXIT, NUMBER},
    };
    struct step *steps = NULL;
    size_t n = 0;
    char *line = NULL;
    size_t cap = 0;
    int lineno = 0;
    while (getline(&line, &cap, f) >= 0) {
        lineno++;
        line[strcspn(line, "\n")] = '\0';
        const char *p = line + strspn(line, " \t");
        if (*p == '\0' || *p == '#')
            continue;
        size_t wlen = strcspn(p, " ");
        const char *arg = p[wlen] ? p + wlen + 1 : NULL;
        size_t k;
        for (k = 0; k < sizeof ops / sizeof ops[0]; k++)
            if (strlen(ops[k].name) == wlen && !strncmp(ops[k].name, p, wlen))
                break;
        struct step st = {.lineno = lineno, .text = STRBUF_INIT};
        bool ok = k < sizeof ops / sizeof ops[0];
        if (ok) {
            st.op = ops[k].op;
            switch (ops[k].arg) {
            case NONE:
                ok = !arg;
                break;
            case TEXT:
                ok = arg && unescape(arg, &st.text) && st.text.len > 0;
                break;
            case NUMBER:
                ok = arg && parse_number(arg, &st.number);
                break;
            case LINE:
                ok = arg && *arg;
                if (ok)
                    sb_puts(&st.text, arg);
                break;
            }
        }
        if (!ok) {
            fprintf(stderr, "ptyrun: %s:%d: bad command: %s\n", path, lineno, p);
            exit(2);
        }
        steps = xrealloc(steps, (n + 1) * sizeof *steps);
        steps[n++] = st;
    }
    free(line);
    fclose(f);
    *nsteps = n;
    return steps;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void append_output(struct run *r, const char *data, size_t len)
{
    sb_append(&r->raw, data, len);
    for (size_t i = 0; i < len; i++)
        if (!r->strip_cr || data[i] != '\r')
            sb_putc(&r->out, data[i]);
}

/* Waits up to ms milliseconds (-1: no limit) for output and collects what is there. Returns 1
 * when something was read, 0 when nothing came, -1 once the terminal is hung up. */
static int collect(struct run *r, int ms)
{
    if (r->eof)
        return -1;
    struct pollfd p = {.fd = r->master, .events = POLLIN};
    int n = poll(&p, 1, ms);
    if (n < 0 && errno != EINTR) {
        perror("ptyrun: poll");
        exit(2);
    }
    if (n <= 0)
        return 0;
    char buf[4096];
    ssize_t got = read(r->master, buf, sizeof buf);
    if (got > 0) {
        append_output(r, buf, (size_t)got);
        return 1;
    }
    if (got < 0 && (errno == EINTR || errno == EAGAIN))
        return 0;
    /* Linux reports EIO once every slave descriptor is closed and the data is read. */
    r->eof = true;
    return -1;
}

static int remaining_ms(double deadline)
{
    double left = deadline - now_s();
    return left <= 0 ? 0 : (int)(left * 1000) + 1;
}

/* Shows s with control characters escaped, so that redraws and erasures can be read. */
static void show_escaped(FILE *f, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\n')
            fputs("\\n\n", f);
        else if (c == '\r')
            fputs("\\r", f);
        else if (c == '\t')
            fputs("\\t", f);
        else if (c == '\b')
            fputs("\\b", f);
        else if (c == '\\')
            fputs("\\\\", f);
        else if (c < 0x20 || c >= 0x7f)
            fprintf(f, "\\x%02x", c);
        else
            fputc(c, f);
    }
    if (len == 0 || s[len - 1] != '\n')
        fputc('\n', f);
}

/* --- the screen: an xterm reduced to what line editors print, with unlimited scrollback --- */

struct screen {
    struct strbuf *lines;
    size_t nlines;
    size_t row, col;
};

static struct strbuf *screen_line(struct screen *s)
{
    while (s->nlines <= s->row) {
        s->lines = xrealloc(s->lines, (s->nlines + 1) * sizeof *s->lines);
        sb_init(&s->lines[s->nlines++]);
    }
    return &s->lines[s->row];
}

static void screen_put(struct screen *s, char c)
{
    if (s->col >= COLUMNS) { /* the terminal wraps long lines */
        s->row++;
        s->col = 0;
    }
    struct strbuf *l = screen_line(s);
    if (l->len < s->col)
        sb_pad(l, ' ', s->col - l->len);
    if (l->len == s->col)
        sb_putc(l, c);
    else
        l->buf[s->col] = c;
    s->col++;
}

static void screen_put_visible(struct screen *s, const char *text, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c < 0x20 || c == 0x7f) {
            screen_put(s, '^');
            screen_put(s, c == 0x7f ? '?' : (char)(c + '@'));
        } else {
            screen_put(s, (char)c);
        }
    }
}

/* Applies the control sequence ESC [ params final; returns false for one it does not know. */
static bool screen_csi(struct screen *s, const char *params, char final)
{
    bool plain = params[strspn(params, "0123456789")] == '\0';
    size_t n = (size_t)atoi(params), by = n ? n : 1;
    if (!plain)
        return false;
    switch (final) {
    case 'A':
        s->row = s->row > by ? s->row - by : 0;
        return true;
    case 'B':
        s->row += by;
        return true;
    case 'C':
        s->col = s->col + by < COLUMNS ? s->col + by : COLUMNS - 1;
        return true;
    case 'D':
        s->col = s->col > by ? s->col - by : 0;
        return true;
    case 'G':
        s->col = by - 1 < COLUMNS ? by - 1 : COLUMNS - 1;
        return true;
    case '@': { /* insert blanks at the cursor, pushing the rest of the line right */
        struct strbuf *l = screen_line(s);
        if (l->len > s->col) {
            char *tail = xstrndup(l->buf + s->col, l->len - s->col);
            sb_truncate(l, s->col);
            sb_pad(l, ' ', by);
            sb_puts(l, tail);
            free(tail);
            if (l->len > COLUMNS)
                sb_truncate(l, COLUMNS);
        }
        return true;
    }
    case 'P': { /* delete characters at the cursor, pulling the rest of the line left */
        struct strbuf *l = screen_line(s);
        if (l->len > s->col) {
            size_t n_del = by < l->len - s->col ? by : l->len - s->col;
            memmove(l->buf + s->col, l->buf + s->col + n_del, l->len - s->col - n_del);
            sb_truncate(l, l->len - n_del);
        }
        return true;
    }
    case 'K':
    case 'J':
        if (n != 0)
            return false;
        if (screen_line(s)->len > s->col)
            sb_truncate(screen_line(s), s->col);
        while (final == 'J' && s->nlines > s->row + 1)
            sb_free(&s->lines[--s->nlines]);
        return true;
    default:
        return false;
    }
}

/* Draws the output on the screen. Sequences it does not know are shown as text (^[[...), so a
 * test sees them instead of a silently wrong screen. */
static void render(const char *out, size_t len, struct strbuf *text)
{
    struct screen s = {0};
    for (size_t i = 0; i < len; i++) {
        char c = out[i];
        if (c == '\x1b' && i + 1 < len && out[i + 1] == '[') {
            size_t start = i, p = i + 2;
            while (p < len && ((out[p] >= '0' && out[p] <= '?') || out[p] == ';'))
                p++;
            if (p < len) {
                char *params = xstrndup(out + i + 2, p - (i + 2));
                if (!screen_csi(&s, params, out[p]))
                    screen_put_visible(&s, out + start, p + 1 - start);
                free(params);
                i = p;
                continue;
            }
        }
        switch (c) {
        case '\r':
            s.col = 0;
            break;
        case '\n':
            s.row++;
            screen_line(&s);
            break;
        case '\b':
            if (s.col > 0)
                s.col--;
            break;
        case '\t':
            s.col = (s.col / 8 + 1) * 8 < COLUMNS ? (s.col / 8 + 1) * 8 : COLUMNS - 1;
            break;
        case '\0': /* padding */
        case '\a': /* the bell is heard, not seen */
            break;
        default:
            screen_put_visible(&s, &c, 1);
        }
    }
    for (size_t i = 0; i < s.nlines; i++) {
        /* Blanks at the end of a line cannot be seen (nor told from a cursor moved past). */
        size_t shown = s.lines[i].len;
        while (shown > 0 && s.lines[i].buf[shown - 1] == ' ')
            shown--;
        sb_append(text, s.lines[i].buf ? s.lines[i].buf : "", shown);
        sb_putc(text, '\n');
        sb_free(&s.lines[i]);
    }
    free(s.lines);
}

static void write_file(const char *path, const struct strbuf *content)
{
    FILE *f = fopen(path, "w");
    if (!f || fwrite(sb_str(content), 1, content->len, f) != content->len || fclose(f) != 0) {
        fprintf(stderr, "ptyrun: cannot write %s\n", path);
        exit(2);
    }
}

static void failed(const struct run *r, const struct step *st, const char *what)
{
    fprintf(stderr, "ptyrun: %s:%d: %s", r->script_name, st->lineno, what);
    if (st->op == OP_EXPECT || st->op == OP_RUN) {
        fputs(": ", stderr);
        show_escaped(stderr, st->text.buf, st->text.len);
    } else {
        fputc('\n', stderr);
    }
    fputs("--- output before the failure (the part after the last match follows \"-----\") ---\n",
          stderr);
    show_escaped(stderr, r->out.buf ? r->out.buf : "", r->mark);
    fputs("-----\n", stderr);
    show_escaped(stderr, r->out.buf ? r->out.buf + r->mark : "", r->out.len - r->mark);
    fputs("--- end ---\n", stderr);
}

static bool do_expect(struct run *r, const struct step *st)
{
    double deadline = now_s() + r->timeout;
    for (;;) {
        if (r->out.len >= r->mark + st->text.len) {
            const char *at =
                memmem(r->out.buf + r->mark, r->out.len - r->mark, st->text.buf, st->text.len);
            if (at) {
                r->mark = (size_t)(at - r->out.buf) + st->text.len;
                return true;
            }
        }
        int ms = remaining_ms(deadline);
        if (ms == 0) {
            failed(r, st, "timed out waiting for");
            return false;
        }
        if (collect(r, ms) < 0) {
            failed(r, st, "the program exited before printing");
            return false;
        }
    }
}

static void do_sleep(struct run *r, double ms)
{
    double deadline = now_s() + ms / 1000;
    int left;
    while ((left = remaining_ms(deadline)) > 0)
        if (collect(r, left) < 0)
            usleep((useconds_t)left * 1000u);
}

static bool do_send(struct run *r, const struct step *st)
{
    const char *p = st->text.buf;
    size_t left = st->text.len;
    while (left > 0) {
        ssize_t n = write(r->master, p, left);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            failed(r, st, "cannot send: the program is gone");
            return false;
        }
        p += n;
        left -= (size_t)n;
    }
    return true;
}

static bool do_run(struct run *r, const struct step *st)
{
    fflush(NULL);
    int status = system(st->text.buf);
    if (status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0)
        return true;
    failed(r, st, "the command failed");
    return false;
}

/* Collects the output until the program exits. */
static bool do_wait(struct run *r, const struct step *st)
{
    double deadline = now_s() + r->timeout;
    while (!r->exited) {
        if (waitpid(r->child, &r->status, WNOHANG) == r->child) {
            r->exited = true;
            break;
        }
        int ms = remaining_ms(deadline);
        if (ms == 0) {
            failed(r, st, "timed out waiting for the program to exit");
            return false;
        }
        /* Short polls: the terminal may stay open after the exit (a child of the program). */
        if (collect(r, ms < 20 ? ms : 20) < 0)
            usleep(5000);
    }
    /* The last output may still be on its way through the terminal; a quiet pause ends it when
     * something else keeps the terminal open. */
    while (collect(r, 200) > 0)
        ;
    return true;
}

static bool do_expect_exit(struct run *r, const struct step *st)
{
    if (!r->exited && !do_wait(r, st))
        return false;
    int want = (int)st->number;
    if (WIFEXITED(r->status) && WEXITSTATUS(r->status) == want)
        return true;
    char what[96];
    if (WIFEXITED(r->status))
        snprintf(what, sizeof what, "exit status %d, expected %d", WEXITSTATUS(r->status), want);
    else
        snprintf(what, sizeof what, "killed by signal %d, expected exit status %d",
                 WTERMSIG(r->status), want);
    failed(r, st, what);
    return false;
}

/* The script is over: hang up on a program still running, as closing a terminal window does. */
static void hang_up(struct run *r)
{
    close(r->master);
    r->master = -1;
    if (r->exited)
        return;
    for (int i = 0; i < 100; i++) {
        if (waitpid(r->child, &r->status, WNOHANG) == r->child)
            return;
        usleep(10000);
    }
    kill(r->child, SIGKILL);
    waitpid(r->child, &r->status, 0);
}

static pid_t spawn(char **argv, int *master)
{
    struct winsize ws = {.ws_row = ROWS, .ws_col = COLUMNS};
    /* A fixed terminal type, so that what libedit prints does not depend on who runs the tests. */
    setenv("TERM", "xterm", 1);
    fflush(NULL);
    pid_t pid = forkpty(master, NULL, NULL, &ws);
    if (pid < 0) {
        perror("ptyrun: forkpty");
        exit(2);
    }
    if (pid == 0) {
        execvp(argv[0], argv);
        fprintf(stderr, "ptyrun: %s: %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    return pid;
}

int main(int argc, char **argv)
{
    const char *transcript = NULL, *screen = NULL;
    bool strip_cr = false;
    int c;
    while ((c = getopt(argc, argv, "+t:rs:h")) != -1) {
        switch (c) {
        case 't':
            transcript = optarg;
            break;
        case 'r':
            strip_cr = true;
            break;
        case 's':
            screen = optarg;
            break;
        case 'h':
            usage(stdout);
            return 0;
        default:
            usage(stderr);
            return 2;
        }
    }
    if (argc - optind < 3 || strcmp(argv[optind + 1], "--") != 0) {
        usage(stderr);
        return 2;
    }
    size_t nsteps;
    struct step *steps = parse_script(argv[optind], &nsteps);
    struct run r = {
        .script_name = argv[optind],
        .strip_cr = strip_cr,
        .timeout = 5,
        .out = STRBUF_INIT,
        .raw = STRBUF_INIT,
    };
    r.child = spawn(argv + optind + 2, &r.master);

    bool ok = true;
    for (size_t i = 0; ok && i < nsteps; i++) {
        const struct step *st = &steps[i];
        switch (st->op) {
        case OP_SEND:
            ok = do_send(&r, st);
            break;
        case OP_EXPECT:
            ok = do_expect(&r, st);
            break;
        case OP_SLEEP:
            do_sleep(&r, st->number);
            break;
        case OP_TIMEOUT:
            r.timeout = st->number;
            break;
        case OP_RUN:
            ok = do_run(&r, st);
            break;
        case OP_WAIT:
            ok = do_wait(&r, st);
            break;
        case OP_EXPECT_EXIT:
            ok = do_expect_exit(&r, st);
            break;
        }
    }
    hang_up(&r);
    if (transcript)
        write_file(transcript, &r.out);
    if (screen) {
        struct strbuf text = STRBUF_INIT;
        render(r.raw.buf, r.raw.len, &text);
        write_file(screen, &text);
        sb_free(&text);
    }
    for (size_t i = 0; i < nsteps; i++)
        sb_free(&steps[i].text);
    free(steps);
    sb_free(&r.out);
    sb_free(&r.raw);
    return ok ? 0 : 1;
}
