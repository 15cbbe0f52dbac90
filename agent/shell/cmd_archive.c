/* The configuration archive and configure replace: the archive's settings (archive, path,
 * maximum, write-memory, time-period), archive config, show archive, and configure replace with
 * IOS's question on a terminal. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "configuration.h"
#include "core.h"
#include "ctl_server.h"
#include "cwmp.h"
#include "fileio.h"
#include "handlers.h"
#include "http_url.h"
#include "persist.h"
#include "xalloc.h"

/* ---- configuration ---- */

static int archive(struct cmd_call *c)
{
    struct archive_settings *ar = &call_store(c)->archive;
    if (c->negate) {
        free(ar->path);
        memset(ar, 0, sizeof *ar);
        return 0;
    }
    ar->present = true;
    return 0;
}

static int archive_path(struct cmd_call *c)
{
    const char *url = cmd_arg(c, "url");
    if (!c->negate && strlen(url) > 255)
        return cmd_fail(c, "Archive path longer than 255 characters");
    str_set(&call_store(c)->archive.path, c->negate ? NULL : url);
    return 0;
}

static int archive_maximum(struct cmd_call *c)
{
    /* 0 is the default, which running-config does not show: typing it is `no maximum`. */
    int copies = c->negate ? 0 : (int)arg_long(c, "copies");
    call_store(c)->archive.maximum = copies == ARCHIVE_DEFAULT_MAXIMUM ? 0 : copies;
    return 0;
}

static int archive_write_memory(struct cmd_call *c)
{
    call_store(c)->archive.write_memory = !c->negate;
    return 0;
}

static int archive_time_period(struct cmd_call *c)
{
    call_store(c)->archive.time_period = c->negate ? 0 : (int)arg_long(c, "minutes");
    return 0;
}

/* ---- archive config, show archive ---- */

static int archive_config(struct cmd_call *c)
{
    return config_archive_save(call_agent(c), c->out) < 0 ? -1 : 0;
}

static int show_archive(struct cmd_call *c)
{
    config_archive_show(call_agent(c), c->out);
    return 0;
}

/* ---- configure replace ---- */

#define REPLACE_QUESTION                                                                           \
    "This will apply all necessary additions and deletions to replace the current running "        \
    "configuration with the contents of the specified configuration file, which is assumed to "    \
    "be a complete configuration, not a partial configuration. Enter Y if you are sure you want "  \
    "to proceed. ? [no]: "

/* What a confirmed replacement needs: the file's text and its name. */
struct replacement {
    char *url;
    char *text;
};

static void replacement_free(void *arg)
{
    struct replacement *r = arg;
    free(r->url);
    free(r->text);
    free(r);
}

static int open_error(struct strbuf *out, const char *url, const char *why)
{
    sb_puts(out, "%Error opening ");
    url_display(url, out);
    sb_printf(out, " (%s)\n", why);
    return -1;
}

/* The file at url read whole; NULL with the error printed. */
static struct replacement *read_replacement(struct agent *a, const char *url, struct strbuf *out)
{
    const char *name = flash_file_part(url);
    if (!name) {
        open_error(out, url, "Only a file of flash: can replace the configuration");
        return NULL;
    }
    if (!*name || !flash_name_valid(name)) {
        open_error(out, url, *name ? "Invalid file name" : strerror(EISDIR));
        return NULL;
    }
    struct strbuf path = STRBUF_INIT;
    sb_printf(&path, "%s/%s", a->flash_dir, name);
    char *text;
    size_t len;
    int rc = file_read_all(sb_str(&path), STARTUP_CONFIG_MAX, &text, &len);
    sb_free(&path);
    if (rc < 0) {
        open_error(out, url, strerror(-rc));
        return NULL;
    }
    struct replacement *r = xcalloc(1, sizeof *r);
    r->url = xstrdup(url);
    r->text = text;
    return r;
}

static int replace(struct agent *a, const struct replacement *r, const char *user, const char *line,
                   struct strbuf *out)
{
    int passes = config_replace(a, r->text, r->url, user, line, out);
    if (passes < 0)
        return -1;
    sb_printf(out, "Total number of passes: %d\nRollback Done\n", passes);
    agent_log(a, LOG_NOTICE, "%%SYS-5-CONFIG_R: Config Replace is Done (%s, by %s on %s)", r->url,
              user, line);
    /* As when an operator leaves configuration mode: what changed is notified now. */
    if (passes > 0 && a->engine)
        cwmp_engine_scan(a->engine);
    return 0;
}

static int replace_answered(struct shell *sh, const char *text, bool cancelled, struct strbuf *out)
{
    if (cancelled)
        return -1;
    bool yes = false;
    /* Only a yes replaces: Enter takes the default, no. */
    if (!answer_yes_no(text, &yes) || !yes)
        return 0;
    return replace(sh->as.agent, sh->answer_data, sh->user, sh->line_name, out);
}

static int configure_replace(struct cmd_call *c)
{
    struct agent_session *s = call_session(c);
    struct replacement *r = read_replacement(s->agent, cmd_arg(c, "url"), c->out);
    if (!r)
        return -1;
    int rc = 0;
    if (cmd_has(c, "force")) {
        rc = replace(s->agent, r, s->user, s->line, c->out);
    } else if (s->shell && s->shell->interactive) {
        shell_ask_about(s->shell, REPLACE_QUESTION, true, replace_answered, r, replacement_free);
        return 0;
    } else {
        /* Piped lines answer as Enter does, and the default here is no. */
        rc = cmd_fail(c, "Configuration not replaced: the default answer is no (add force)");
    }
    replacement_free(r);
    return rc;
}

static const struct cmd_binding table[] = {
    {"archive", archive, ""},
    {"archive_path", archive_path, "url"},
    {"archive_maximum", archive_maximum, "copies"},
    {"archive_write_memory", archive_write_memory, ""},
    {"archive_time_period", archive_time_period, "minutes"},
    {"archive_config", archive_config, ""},
    {"show_archive", show_archive, ""},
    {"configure_replace", configure_replace, "url force"},
};
HANDLER_TABLE(archive_handlers, table);
