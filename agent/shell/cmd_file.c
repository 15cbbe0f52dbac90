/* The files of flash:: dir and delete, with IOS's questions on a terminal. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ctl_server.h"
#include "handlers.h"
#include "http_url.h"
#include "persist.h"
#include "xalloc.h"

/* IOS reports a failed file operation as "%Error <doing> <file> (<reason>)", without a space
 * after the %. */
static int file_error(struct strbuf *out, const char *doing, const char *file, const char *why)
{
    sb_printf(out, "%%Error %s ", doing);
    if (flash_file_part(file))
        sb_printf(out, "flash:/%s", flash_file_part(file));
    else
        url_display(file, out);
    sb_printf(out, " (%s)\n", why);
    return -1;
}

static int list(struct cmd_call *c, const char *arg)
{
    const char *name = arg ? flash_file_part(arg) : "";
    if (!name)
        return file_error(c->out, "opening", arg, "No such device");
    if (*name && !flash_name_valid(name))
        return file_error(c->out, "opening", arg, "Invalid file name");
    int rc = flash_list(call_agent(c)->flash_dir, name, c->out);
    if (rc < 0)
        return file_error(c->out, "opening", arg ? arg : "flash:", strerror(-rc));
    return 0;
}

static int dir(struct cmd_call *c)
{
    return list(c, cmd_arg(c, "path"));
}

static int remove_file(struct agent *a, const char *name, struct strbuf *out)
{
    struct strbuf file = STRBUF_INIT, path = STRBUF_INIT;
    sb_printf(&file, "flash:%s", name);
    int rc = 0;
    if (!*name) {
        rc = file_error(out, "deleting", sb_str(&file), strerror(EISDIR));
    } else if (!flash_name_valid(name)) {
        rc = file_error(out, "deleting", sb_str(&file), "Invalid file name");
    } else {
        sb_printf(&path, "%s/%s", a->flash_dir, name);
        if (unlink(sb_str(&path)) < 0)
            rc = file_error(out, "deleting", sb_str(&file), strerror(errno));
    }
    sb_free(&file);
    sb_free(&path);
    return rc;
}

static int delete_confirmed(struct shell *sh, const char *text, bool cancelled, struct strbuf *out)
{
    if (cancelled)
        return -1;
    if (!answer_confirms(text))
        return 0;
    return remove_file(sh->as.agent, sh->answer_data, out);
}

/* "Delete filename [NAME]?": Enter keeps the name, another one (with or without flash:) replaces
 * it; then "Delete flash:/NAME? [confirm]". */
static int delete_named(struct shell *sh, const char *text, bool cancelled, struct strbuf *out)
{
    if (cancelled)
        return -1;
    const char *name = sh->answer_data;
    char *typed = xstrndup(text + strspn(text, " \t"), strlen(text));
    for (size_t n = strlen(typed); n > 0 && (typed[n - 1] == ' ' || typed[n - 1] == '\t');)
        typed[--n] = '\0';
    int rc = 0;
    if (*typed) {
        const char *file = flash_file_part(typed);
        name = file ? file : typed;
        if (!file && strchr(typed, ':'))
            rc = file_error(out, "deleting", typed, "No such device");
    }
    if (rc == 0 && (!*name || !flash_name_valid(name))) {
        rc = remove_file(sh->as.agent, name, out); /* says why */
    } else if (rc == 0) {
        struct strbuf q = STRBUF_INIT;
        sb_printf(&q, "Delete flash:/%s? [confirm]", name);
        shell_ask_about(sh, sb_str(&q), true, delete_confirmed, xstrdup(name), free);
        sb_free(&q);
    }
    free(typed);
    return rc;
}

static int delete_file(struct cmd_call *c)
{
    struct agent_session *s = call_session(c);
    const char *arg = cmd_arg(c, "file");
    const char *name = flash_file_part(arg);
    if (!name)
        return file_error(c->out, "deleting", arg, "No such device");
    if (s->shell && s->shell->interactive) {
        struct strbuf q = STRBUF_INIT;
        sb_printf(&q, "Delete filename [%s]? ", name);
        shell_ask_about(s->shell, sb_str(&q), true, delete_named, xstrdup(name), free);
        sb_free(&q);
        return 0;
    }
    return remove_file(s->agent, name, c->out);
}

static const struct cmd_binding table[] = {
    {"dir", dir, "path"},
    {"delete", delete_file, "file"},
};
HANDLER_TABLE(file_handlers, table);
