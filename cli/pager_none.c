/* cwmpsh without its pager (./configure --disable-pager): every line is written at once, as IOS
 * does after `terminal length 0`; a CPE's operators who use only scripts or a scrolling terminal
 * need no --More--. */
#include "pager.h"

#include <unistd.h>

void pager_start(struct pager *p, int in_fd, int out_fd, int length)
{
    (void)length;
    p->in_fd = in_fd;
    p->out_fd = out_fd;
    p->length = 0;
    p->lines = 0;
    p->at_line_start = true;
    p->quit = false;
}

void pager_write(struct pager *p, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t n = write(p->out_fd, data, len);
        if (n <= 0)
            return;
        data += n;
        len -= (size_t)n;
    }
}
