/* IOS's pager: after a screenful of a command's output, " --More-- " waits for a key (space: the
 * next page, Enter: the next line, q: the rest is dropped). */
#ifndef CWMPSH_PAGER_H
#define CWMPSH_PAGER_H

#include <stdbool.h>
#include <stddef.h>

struct pager {
    int in_fd, out_fd;
    int length; /* lines per screen; 0: no paging */
    int lines;  /* lines shown since the last pause */
    bool at_line_start;
    bool quit;
};

void pager_start(struct pager *p, int in_fd, int out_fd, int length);
void pager_write(struct pager *p, const char *data, size_t len);

#endif
