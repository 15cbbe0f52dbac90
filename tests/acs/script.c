#include "script.h"

#include <ctype.h>
#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fileio.h"
#include "strbuf.h"
#include "xalloc.h"

#define SCRIPT_MAX_BYTES (16u << 20)
#define MAX_WORDS        4096

/* The demo of ./scripts/demo: what an ACS typically does with a device it sees for the first
 * time, short enough to read in the trace. */
static const char demo_script[] =
    "session\n"
    "inform-response\n"
    "GetParameterValues InternetGatewayDevice.DeviceInfo. InternetGatewayDevice.ManagementServer.\n"
    "SetParameterValues demo1 InternetGatewayDevice.ManagementServer.PeriodicInformInterval "
    "xsd:unsignedInt 300\n"
    "GetParameterValues InternetGatewayDevice.ManagementServer.PeriodicInformInterval\n"
    "end\n";

bool step_is_modifier(const struct step *st)
{
    return st->kind >= STEP_HOLD;
}

static int hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = tolower(c);
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

/* Decodes a word in place: %XX is a byte, a lone % the empty string. */
static bool percent_decode(char *w)
{
    if (strcmp(w, "%") == 0) {
        w[0] = '\0';
        return true;
    }
    char *out = w;
    for (const char *p = w; *p != '\0'; p++) {
        if (*p != '%') {
            *out++ = *p;
            continue;
        }
        int hi = hexval((unsigned char)p[1]);
        int lo = hi < 0 ? -1 : hexval((unsigned char)p[2]);
        if (lo < 0 || hi * 16 + lo == 0)
            return false; /* %00 would cut the word short */
        *out++ = (char)(hi * 16 + lo);
        p += 2;
    }
    *out = '\0';
    return true;
}

struct parser {
    struct script *out;
    const char *name;
    const char *basedir;
    int line;
    bool in_session_ended; /* `end` seen in the current session */
    char *err;
    size_t errlen;
};

static int perr(struct parser *p, const char *fmt, const char *arg)
{
    char what[512];
    snprintf(what, sizeof(what), fmt, arg);
    snprintf(p->err, p->errlen, "%s:%d: %s", p->name, p->line, what);
    return -1;
}

static struct step *new_step(struct parser *p, enum step_kind kind)
{
    struct session_script *ss = &p->out->sessions[p->out->n - 1];
    ss->steps = xrealloc(ss->steps, (ss->n + 1) * sizeof(*ss->steps));
    struct step *st = &ss->steps[ss->n++];
    memset(st, 0, sizeof(*st));
    st->kind = kind;
    st->line = p->line;
    return st;
}

static bool parse_int(const char *s, long lo, long hi, int *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno != 0 || end == s || *end != '\0' || v < lo || v > hi)
        return false;
    *out = (int)v;
    return true;
}

static int parse_inform_response(struct parser *p, int argc, char **argv, struct step *st)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "hold") == 0) {
            st->hold = true;
        } else if (strcmp(argv[i], "fault") == 0 && i + 1 < argc) {
            if (!parse_int(argv[++i], 8000, 8999, &st->code))
                return perr(p, "fault code %s is not an ACS fault code (8000-8999)", argv[i]);
        } else if (strcmp(argv[i], "use-version") == 0 && i + 1 < argc) {
            const char *v = argv[++i];
            if (strlen(v) >= sizeof(st->use_version))
                return perr(p, "use-version %s: too long", v);
            snprintf(st->use_version, sizeof(st->use_version), "%s", v);
        } else if (strcmp(argv[i], "session-timeout") == 0 && i + 1 < argc) {
            int n;
            if (!parse_int(argv[++i], 1, 86400, &n))
                return perr(p, "session-timeout %s: seconds, 1-86400", argv[i]);
            st->session_timeout = (unsigned)n;
        } else {
            return perr(p,
                        "inform-response: unexpected `%s` (hold, fault CODE, use-version V, "
                        "session-timeout N)",
                        argv[i]);
        }
    }
    return 0;
}

/* Reads a file named in the script, relative to the script's directory. */
static int read_script_file(struct parser *p, const char *step, const char *file, char **out)
{
    struct strbuf path = STRBUF_INIT;
    if (file[0] == '/' || p->basedir == NULL)
        sb_puts(&path, file);
    else
        sb_printf(&path, "%s/%s", p->basedir, file);
    size_t len;
    int rc = file_read_all(sb_str(&path), SCRIPT_MAX_BYTES, out, &len);
    sb_free(&path);
    if (rc < 0) {
        char what[300];
        snprintf(what, sizeof(what), "%s: cannot read %.200s", step, file);
        return perr(p, "%s", what);
    }
    return 0;
}

static int parse_raw(struct parser *p, const char *file, struct step *st)
{
    return read_script_file(p, "raw", file, &st->body);
}

/* The steps that change how the next POST is answered. */
static int parse_modifier(struct parser *p, int argc, char **argv)
{
    const char *w = argv[0];
    if (strcmp(w, "hold") == 0 && argc == 1) {
        new_step(p, STEP_HOLD);
    } else if (strcmp(w, "close") == 0 && argc == 1) {
        new_step(p, STEP_CLOSE);
    } else if (strcmp(w, "stale") == 0 && argc == 1) {
        new_step(p, STEP_STALE);
    } else if (strcmp(w, "move-on") == 0 && argc == 1) {
        new_step(p, STEP_MOVE_ON);
    } else if (strcmp(w, "fault") == 0 && argc == 2) {
        struct step *st = new_step(p, STEP_FAULT);
        if (!parse_int(argv[1], 8000, 8999, &st->code))
            return perr(p, "fault code %s is not an ACS fault code (8000-8999)", argv[1]);
    } else if (strcmp(w, "http") == 0 && argc == 2) {
        struct step *st = new_step(p, STEP_HTTP);
        if (!parse_int(argv[1], 100, 599, &st->code))
            return perr(p, "http: %s is not an HTTP status", argv[1]);
    } else if (strcmp(w, "redirect") == 0 && argc == 2) {
        struct step *st = new_step(p, STEP_REDIRECT);
        st->body = xstrdup(argv[1]);
    } else if (strcmp(w, "wait-for") == 0 && argc == 2) {
        struct step *st = new_step(p, STEP_WAIT_FOR);
        struct strbuf path = STRBUF_INIT;
        if (argv[1][0] == '/' || p->basedir == NULL)
            sb_puts(&path, argv[1]);
        else
            sb_printf(&path, "%s/%s", p->basedir, argv[1]);
        st->body = sb_detach(&path);
    } else if (strcmp(w, "wait") == 0 && argc == 2) {
        struct step *st = new_step(p, STEP_WAIT);
        char *end;
        st->seconds = strtod(argv[1], &end);
        if (end == argv[1] || *end != '\0' || !(st->seconds >= 0 && st->seconds <= 3600))
            return perr(p, "wait: %s is not a number of seconds (0-3600)", argv[1]);
    } else {
        return 1;
    }
    return 0;
}

static bool only_modifiers_so_far(const struct parser *p)
{
    const struct session_script *ss = &p->out->sessions[p->out->n - 1];
    for (size_t i = 0; i < ss->n; i++) {
        if (!step_is_modifier(&ss->steps[i]))
            return false;
    }
    return true;
}

static int parse_step(struct parser *p, int argc, char **argv)
{
    if (strcmp(argv[0], "session") == 0) {
        if (argc != 1)
            return perr(p, "session takes no argument%s", "");
        p->out->sessions = xrealloc(p->out->sessions, (p->out->n + 1) * sizeof(*p->out->sessions));
        p->out->sessions[p->out->n++] = (struct session_script){NULL, 0, false, NULL, NULL};
        p->in_session_ended = false;
        return 0;
    }
    if (p->out->n == 0)
        return perr(p, "`%s` before the first `session`", argv[0]);
    if (p->in_session_ended)
        return perr(p, "`%s` after `end` (start the next session with `session`)", argv[0]);
    if (strcmp(argv[0], "connection-request") == 0) {
        if (argc != 1 && argc != 3)
            return perr(p, "connection-request takes no argument or USER PASS%s", "");
        struct session_script *ss = &p->out->sessions[p->out->n - 1];
        ss->connreq = true;
        free(ss->cr_user);
        free(ss->cr_pass);
        ss->cr_user = argc == 3 ? xstrdup(argv[1]) : NULL;
        ss->cr_pass = argc == 3 ? xstrdup(argv[2]) : NULL;
        return 0;
    }
    int rc = parse_modifier(p, argc, argv);
    if (rc <= 0)
        return rc;
    if (strcmp(argv[0], "inform-response") == 0) {
        if (!only_modifiers_so_far(p))
            return perr(p, "inform-response must come first in its session%s", "");
        return parse_inform_response(p, argc, argv, new_step(p, STEP_INFORM_RESPONSE));
    }
    if (strcmp(argv[0], "end") == 0 && argc == 1) {
        new_step(p, STEP_END);
        p->in_session_ended = true;
        return 0;
    }
    if (strcmp(argv[0], "again") == 0 && argc == 1) {
        const struct session_script *ss = &p->out->sessions[p->out->n - 1];
        bool request = false;
        for (size_t i = 0; i < ss->n; i++)
            request |= ss->steps[i].kind == STEP_REQUEST || ss->steps[i].kind == STEP_RAW ||
                       ss->steps[i].kind == STEP_READ_TREE;
        if (!request)
            return perr(p, "`again` without a request before it in its session%s", "");
        new_step(p, STEP_AGAIN);
        p->in_session_ended = true;
        return 0;
    }
    if (strcmp(argv[0], "read-tree") == 0) {
        int batch = 32, pause = 0;
        if (argc < 2 || argc == 4 || argc > 6 ||
            (argc >= 3 && !parse_int(argv[2], 1, 1000000, &batch)) ||
            (argc >= 5 &&
             (strcmp(argv[3], "pause") != 0 || !parse_int(argv[4], 1, 1000000, &pause))) ||
            (argc == 5))
            return perr(p,
                        "read-tree needs PATH [BATCH [pause N FILE]] (BATCH: 1-1000000 names a "
                        "request; N: the batch to wait for FILE before)%s",
                        "");
        struct step *st = new_step(p, STEP_READ_TREE);
        st->body = xstrdup(argv[1]);
        st->code = batch;
        st->pause_batch = pause;
        st->pause_file = argc == 6 ? xstrdup(argv[5]) : NULL;
        return 0;
    }
    if (strcmp(argv[0], "raw") == 0 && argc == 2)
        return parse_raw(p, argv[1], new_step(p, STEP_RAW));
    /* The block form of X_00000C_SetConfiguration: its FILE's content is the block. */
    char *block = NULL;
    if (strcmp(argv[0], "X_00000C_SetConfigurationBlock") == 0 && argc >= 5) {
        if (read_script_file(p, argv[0], argv[4], &block) < 0)
            return -1;
        argv[4] = block;
    }
    const char *why = rpc_build(argc, argv, new_step(p, STEP_REQUEST));
    free(block);
    if (why != NULL)
        return perr(p, "%s", why);
    return 0;
}

/* Splits a line into words, stopping at a `#` that starts a word. */
static int split_words(char *line, char **argv, int max)
{
    int argc = 0;
    char *save = NULL;
    for (char *w = strtok_r(line, " \t\r", &save); w != NULL; w = strtok_r(NULL, " \t\r", &save)) {
        if (w[0] == '#' || argc == max)
            break;
        argv[argc++] = w;
    }
    return argc;
}

static int parse_text(const char *text, const char *name, const char *basedir, struct script *out,
                      char *err, size_t errlen)
{
    memset(out, 0, sizeof(*out));
    struct parser p = {out, name, basedir, 0, false, err, errlen};
    char *copy = xstrdup(text);
    char **argv = xmalloc(MAX_WORDS * sizeof(*argv));
    char *save = NULL;
    int rc = 0;
    /* strtok_r would merge blank lines and shift the numbers: split on each newline instead. */
    for (char *line = copy; rc == 0 && line != NULL; line = save) {
        save = strchr(line, '\n');
        if (save != NULL)
            *save++ = '\0';
        p.line++;
        int argc = split_words(line, argv, MAX_WORDS);
        if (argc == MAX_WORDS) {
            rc = perr(&p, "more than %s words on a line", "4095");
            break;
        }
        for (int i = 0; rc == 0 && i < argc; i++) {
            if (!percent_decode(argv[i]))
                rc = perr(&p, "bad percent-encoding in `%s`", argv[i]);
        }
        if (rc == 0 && argc > 0)
            rc = parse_step(&p, argc, argv);
    }
    free(argv);
    free(copy);
    if (rc != 0)
        script_free(out);
    return rc;
}

int script_load(const char *path, struct script *out, char *err, size_t errlen)
{
    char *text;
    size_t len;
    int rc = file_read_all(path, SCRIPT_MAX_BYTES, &text, &len);
    if (rc < 0) {
        snprintf(err, errlen, "%s: %s", path, strerror(-rc));
        return -1;
    }
    char *dircopy = xstrdup(path);
    rc = parse_text(text, path, dirname(dircopy), out, err, errlen);
    free(dircopy);
    free(text);
    return rc;
}

int script_builtin(const char *name, struct script *out, char *err, size_t errlen)
{
    if (strcmp(name, "demo") != 0) {
        snprintf(err, errlen, "no built-in script named %s (there is: demo)", name);
        return -1;
    }
    return parse_text(demo_script, "demo", NULL, out, err, errlen);
}

void script_free(struct script *s)
{
    for (size_t i = 0; i < s->n; i++) {
        struct session_script *ss = &s->sessions[i];
        for (size_t j = 0; j < ss->n; j++) {
            free(ss->steps[j].method);
            free(ss->steps[j].body);
            free(ss->steps[j].summary);
            free(ss->steps[j].pause_file);
        }
        free(ss->steps);
        free(ss->cr_user);
        free(ss->cr_pass);
    }
    free(s->sessions);
    memset(s, 0, sizeof(*s));
}
