#include "flash.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>

#include "fileio.h"

const char *flash_file_part(const char *arg)
{
    if (strncasecmp(arg, "flash:", 6) != 0)
        return NULL;
    arg += 6;
    return *arg == '/' ? arg + 1 : arg;
}

bool flash_name_valid(const char *name)
{
    size_t len = strlen(name);
    return len > 0 && len <= NAME_MAX && name[0] != '.' && !strchr(name, '/');
}

/* IOS shows a file's type and its owner's rights: -rw-, drwx. */
static void permissions(mode_t m, char out[5])
{
    out[0] = S_ISDIR(m) ? 'd' : S_ISLNK(m) ? 'l' : '-';
    out[1] = m & S_IRUSR ? 'r' : '-';
    out[2] = m & S_IWUSR ? 'w' : '-';
    out[3] = m & S_IXUSR ? 'x' : '-';
    out[4] = '\0';
}

void flash_format_entry(struct strbuf *out, unsigned index, const struct stat *st, const char *name)
{
    char perm[5], date[64];
    permissions(st->st_mode, perm);
    struct tm tm;
    localtime_r(&st->st_mtime, &tm);
    strftime(date, sizeof date, "%b %e %Y %H:%M:%S", &tm);
    long off = tm.tm_gmtoff / 60;
    sb_printf(out, "%5u  %s%12llu  %s %c%02ld:%02ld  %s\n", index, perm,
              (unsigned long long)st->st_size, date, off < 0 ? '-' : '+', labs(off) / 60,
              labs(off) % 60, name);
}

static int visible(const struct dirent *d)
{
    return d->d_name[0] != '.';
}

/* Byte order, whatever the locale: the listing is the same on every device. */
static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

int flash_list(const char *dir, const char *only, struct strbuf *out)
{
    struct dirent **names;
    int n = scandir(dir, &names, visible, by_name);
    if (n < 0)
        return -errno;
    struct statvfs vfs;
    int rc = statvfs(dir, &vfs) < 0 ? -errno : 0;
    struct strbuf lines = STRBUF_INIT, path = STRBUF_INIT;
    bool found = false;
    for (int i = 0; i < n && rc == 0; i++) {
        const char *name = names[i]->d_name;
        if (only && *only && strcmp(name, only) != 0)
            continue;
        sb_reset(&path);
        sb_printf(&path, "%s/%s", dir, name);
        struct stat st;
        /* A file removed while listed is left out. */
        if (lstat(sb_str(&path), &st) == 0) {
            flash_format_entry(&lines, (unsigned)i + 1, &st, name);
            found = true;
        }
    }
    if (rc == 0 && only && *only && !found)
        rc = -ENOENT;
    if (rc == 0) {
        sb_printf(out, "Directory of flash:/%s\n\n", only ? only : "");
        if (lines.len > 0)
            sb_append(out, lines.buf, lines.len);
        else
            sb_puts(out, "No files in directory\n");
        sb_printf(out, "\n%llu bytes total (%llu bytes free)\n",
                  (unsigned long long)vfs.f_blocks * vfs.f_frsize,
                  (unsigned long long)vfs.f_bavail * vfs.f_frsize);
    }
    for (int i = 0; i < n; i++)
        free(names[i]);
    free(names);
    sb_free(&lines);
    sb_free(&path);
    return rc;
}

int flash_dir_create(const char *dir, struct strbuf *err)
{
    struct stat st;
    if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
        return 0;
    int rc = dir_create_all(dir, 0755);
    if (rc == 0 && chmod(dir, 0755) < 0)
        rc = -errno;
    if (rc < 0) {
        sb_printf(err, "cannot create flash directory %s: %s", dir, strerror(-rc));
        return -1;
    }
    return 0;
}
