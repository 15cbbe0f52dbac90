#include "pager.h"

#include <termios.h>
#include <unistd.h>

#define MORE " --More-- "
/* IOS erases the prompt with 9 backspaces, 8 spaces and 9 backspaces. */
#define ERASE "\b\b\b\b\b\b\b\b\b        \b\b\b\b\b\b\b\b\b"

static void out(struct pager *p, const char *s, size_t len)
{
    while (len > 0) {
        ssize_t n = write(p->out_fd, s, len);
        if (n <= 0)
            return;
        s += n;
        len -= (size_t)n;
    }
}

/* Shows the prompt and waits for one key. The terminal leaves line mode and echo before the prompt
 * appears, so that a key pressed at once is neither echoed nor held until Enter. */
static char prompt_key(struct pager *p)
{
    struct termios saved, raw;
    bool tty = tcgetattr(p->in_fd, &saved) == 0;
    if (tty) {
        raw = saved;
        raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
        raw.c_cc[VMIN] = 1;
        raw.c_cc[VTIME] = 0;
        tcsetattr(p->in_fd, TCSANOW, &raw);
    }
    out(p, MORE, sizeof MORE - 1);
    char c = 'q';
    if (read(p->in_fd, &c, 1) != 1)
        c = 'q';
    if (tty)
        tcsetattr(p->in_fd, TCSANOW, &saved);
    out(p, ERASE, sizeof ERASE - 1);
    return c;
}

void pager_start(struct pager *p, int in_fd, int out_fd, int length)
{
    p->in_fd = in_fd;
    p->out_fd = out_fd;
    p->length = length;
    p->lines = 0;
    p->at_line_start = true;
    p->quit = false;
}

/* Called before the first character of a line: pauses when a screenful has been shown. */
static void maybe_pause(struct pager *p)
{
    if (p->length <= 0 || p->lines < p->length - 1)
        return;
    char c = prompt_key(p);
    if (c == ' ')
        p->lines = 0;
    else if (c == '\r' || c == '\n')
        p->lines = p->length - 2;
    else
        p->quit = true;
}

void pager_write(struct pager *p, const char *data, size_t len)
{
    size_t i = 0;
    while (i < len && !p->quit) {
        if (p->at_line_start) {
            maybe_pause(p);
            if (p->quit)
                return;
            p->at_line_start = false;
        }
        size_t start = i;
        while (i < len && data[i] != '\n')
            i++;
        if (i < len) {
            i++; /* the newline */
            p->lines++;
            p->at_line_start = true;
        }
        out(p, data + start, i - start);
    }
}
