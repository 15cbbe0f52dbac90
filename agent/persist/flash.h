/* flash: — the directory STATE_DIR/flash (agent->flash_dir) shown as IOS shows a file system: the
 * file names an operator types, and the listing of dir. The transfer engine downloads into it,
 * under temporary names starting with '.', which are hidden here. */
#ifndef CWMP_FLASH_H
#define CWMP_FLASH_H

#include <stdbool.h>
#include <sys/stat.h>

#include "strbuf.h"

/* The file part of an argument on flash: ("flash:NAME", "flash:/NAME", any case): a pointer to
 * NAME inside arg, empty for the directory itself; NULL when arg is not on flash:. */
const char *flash_file_part(const char *arg);

/* Whether a file of flash: may have this name: not empty, no '/' (flash: has no subdirectories,
 * and no name may lead out of it), not starting with '.' (hidden: unfinished downloads), at most
 * NAME_MAX bytes. */
bool flash_name_valid(const char *name);

/* One line of dir, as IOS prints it:
 * "    1  -rw-        2941  Nov 25 2026 14:42:12 +00:00  config.txt" */
void flash_format_entry(struct strbuf *out, unsigned index, const struct stat *st,
                        const char *name);

/* `dir flash:` (only NULL or "") or `dir flash:NAME` (that file alone): the header, the files in
 * name order (hidden ones left out, numbered as in the whole listing), and the sizes of the file
 * system. Returns 0, or a negative errno (-ENOENT: no such file) with nothing appended. */
int flash_list(const char *dir, const char *only, struct strbuf *out);

/* Makes flash: (STATE_DIR/flash) where it is missing. It is 0755, as a directory of the files the
 * device serves would be; the state directory around it keeps others out. Returns 0, or -1 with
 * err saying why. */
int flash_dir_create(const char *dir, struct strbuf *err);

#endif
