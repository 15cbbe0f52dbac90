/* ACS requests built from a script line: the Body's content, ready to wrap in an envelope. The
 * cwmp prefix is bound by the envelope, so the same body serves every namespace. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "record.h"
#include "script.h"
#include "soap_out.h"
#include "strbuf.h"
#include "xalloc.h"

static void element(struct strbuf *b, const char *name, const char *value)
{
    sb_printf(b, "<%s>", name);
    xml_escape(b, value);
    sb_printf(b, "</%s>", name);
}

static void string_array(struct strbuf *b, const char *name, int n, char **v)
{
    sb_printf(b, "<%s soap-enc:arrayType=\"xsd:string[%d]\">", name, n);
    for (int i = 0; i < n; i++)
        element(b, "string", v[i]);
    sb_printf(b, "</%s>", name);
}

static void names_summary(struct strbuf *s, int n, char **v)
{
    for (int i = 0; i < n; i++) {
        sb_puts(s, i == 0 ? " " : ", ");
        sb_puts(s, v[i][0] == '\0' ? "\"\"" : trace_name(v[i]));
    }
}

typedef const char *builder(int argc, char **argv, struct strbuf *b, struct strbuf *s);

static const char *b_names(int argc, char **argv, struct strbuf *b, struct strbuf *s)
{
    if (argc < 1)
        return "needs at least one NAME";
    string_array(b, "ParameterNames", argc, argv);
    names_summary(s, argc, argv);
    return NULL;
}

static bool is_bool_word(const char *w)
{
    return strcmp(w, "true") == 0 || strcmp(w, "false") == 0 || strcmp(w, "1") == 0 ||
           strcmp(w, "0") == 0;
}

static const char *b_gpn(int argc, char **argv, struct strbuf *b, struct strbuf *s)
{
    if (argc != 2 || !is_bool_word(argv[1]))
        return "needs PATH true|false";
    element(b, "ParameterPath", argv[0]);
    element(b, "NextLevel", argv[1]);
    sb_printf(s, " %s next-level=%s", argv[0][0] == '\0' ? "\"\"" : trace_name(argv[0]), argv[1]);
    return NULL;
}

static const char *b_spv(int argc, char **argv, struct strbuf *b, struct strbuf *s)
{
    if (argc < 4 || (argc - 1) % 3 != 0)
        return "needs KEY NAME TYPE VALUE [NAME TYPE VALUE]...";
    int n = (argc - 1) / 3;
    sb_printf(b, "<ParameterList soap-enc:arrayType=\"cwmp:ParameterValueStruct[%d]\">", n);
    for (int i = 1; i < argc; i += 3) {
        sb_puts(b, "<ParameterValueStruct>");
        element(b, "Name", argv[i]);
        /* `-`: no xsi:type at all, as some ACS UIs send a value they have not read. */
        if (strcmp(argv[i + 1], "-") == 0) {
            sb_puts(b, "<Value>");
        } else {
            sb_puts(b, "<Value xsi:type=\"");
            xml_escape(b, argv[i + 1]);
            sb_puts(b, "\">");
        }
        xml_escape(b, argv[i + 2]);
        sb_puts(b, "</Value></ParameterValueStruct>");
        sb_printf(s, "%s%s=%s", i == 1 ? " " : ", ", trace_name(argv[i]), argv[i + 2]);
    }
    sb_puts(b, "</ParameterList>");
    element(b, "ParameterKey", argv[0]);
    return NULL;
}

static const char *b_spa(int argc, char **argv, struct strbuf *b, struct strbuf *s)
{
    if (argc < 5 || argc % 5 != 0)
        return "needs NAME NOTIFICATION_CHANGE NOTIFICATION ACCESSLIST_CHANGE ACCESSLIST...";
    sb_printf(b, "<ParameterList soap-enc:arrayType=\"cwmp:SetParameterAttributesStruct[%d]\">",
              argc / 5);
    for (int i = 0; i < argc; i += 5) {
        if (!is_bool_word(argv[i + 1]) || !is_bool_word(argv[i + 3]))
            return "NOTIFICATION_CHANGE and ACCESSLIST_CHANGE are true|false";
        sb_puts(b, "<SetParameterAttributesStruct>");
        element(b, "Name", argv[i]);
        element(b, "NotificationChange", argv[i + 1]);
        element(b, "Notification", argv[i + 2]);
        element(b, "AccessListChange", argv[i + 3]);
        /* The access list is a comma list in the script, an array on the wire. */
        char *list = xstrdup(argv[i + 4]);
        char *items[64];
        int n = 0;
        char *save = NULL;
        for (char *w = strtok_r(list, ",", &save); w != NULL && n < 64;
             w = strtok_r(NULL, ",", &save))
            items[n++] = w;
        string_array(b, "AccessList", n, items);
        free(list);
        sb_puts(b, "</SetParameterAttributesStruct>");
        sb_printf(s, "%s%s notification=%s", i == 0 ? " " : ", ", trace_name(argv[i]), argv[i + 2]);
    }
    sb_puts(b, "</ParameterList>");
    return NULL;
}

static const char *b_object(int argc, char **argv, struct strbuf *b, struct strbuf *s)
{
    if (argc != 2)
        return "needs PATH KEY";
    element(b, "ObjectName", argv[0]);
    element(b, "ParameterKey", argv[1]);
    sb_printf(s, " %s", trace_name(argv[0]));
    return NULL;
}

static const char *b_nothing(int argc, char **argv, struct strbuf *b, struct strbuf *s)
{
    (void)argv, (void)b, (void)s;
    return argc == 0 ? NULL : "takes no argument";
}

static const char *b_schedule(int argc, char **argv, struct strbuf *b, struct strbuf *s)
{
    if (argc != 2)
        return "needs DELAY KEY";
    element(b, "DelaySeconds", argv[0]);
    element(b, "CommandKey", argv[1]);
    sb_printf(s, " in %s s, key=%s", argv[0], argv[1]);
    return NULL;
}

static const char *b_download(int argc, char **argv, struct strbuf *b, struct strbuf *s)
{
    if (argc != 8)
        return "needs KEY FILETYPE URL USER PASS SIZE TARGET DELAY";
    static const char *const names[] = {"CommandKey",     "FileType",    "URL",
                                        "Username",       "Password",    "FileSize",
                                        "TargetFileName", "DelaySeconds"};
    for (int i = 0; i < 8; i++)
        element(b, names[i], argv[i]);
    /* GenieACS always sends both, empty (INTEROP.md). */
    sb_puts(b, "<SuccessURL></SuccessURL><FailureURL></FailureURL>");
    sb_printf(s, " %s from %s", argv[1], argv[2]);
    return NULL;
}

static const char *b_upload(int argc, char **argv, struct strbuf *b, struct strbuf *s)
{
    if (argc != 6)
        return "needs KEY FILETYPE URL USER PASS DELAY";
    static const char *const names[] = {"CommandKey", "FileType", "URL",
                                        "Username",   "Password", "DelaySeconds"};
    for (int i = 0; i < 6; i++)
        element(b, names[i], argv[i]);
    sb_printf(s, " %s to %s", argv[1], argv[2]);
    return NULL;
}

static const char *b_key(int argc, char **argv, struct strbuf *b, struct strbuf *s)
{
    if (argc != 1)
        return "needs KEY";
    element(b, "CommandKey", argv[0]);
    sb_printf(s, " key=%s", argv[0]);
    return NULL;
}

/* `-` leaves an optional element out (ErrorOption, Target, ParameterKey of the vendor RPC). */
static void optional_element(struct strbuf *b, const char *name, const char *value)
{
    if (strcmp(value, "-") != 0)
        element(b, name, value);
}

static int count_lines(const char *text)
{
    int n = 0;
    for (const char *p = text; *p != '\0'; p++) {
        if (*p == '\n' || p[1] == '\0')
            n++;
    }
    return n;
}

/* X_00000C_SetConfiguration: ERROROPTION TARGET KEY, then the block's text when block is set
 * (script.c put the file's content in its place), then the lines of ConfigCommandList. */
static const char *setconfig(int argc, char **argv, bool block, struct strbuf *b, struct strbuf *s)
{
    int first = block ? 4 : 3;
    if (argc < first + (block ? 0 : 1))
        return block ? "needs ERROROPTION TARGET KEY FILE [LINE...]"
                     : "needs ERROROPTION TARGET KEY LINE...";
    optional_element(b, "ErrorOption", argv[0]);
    optional_element(b, "Target", argv[1]);
    if (block)
        element(b, "ConfigCommandBlock", argv[3]);
    if (argc > first)
        string_array(b, "ConfigCommandList", argc - first, argv + first);
    optional_element(b, "ParameterKey", argv[2]);
    if (block) {
        int n = count_lines(argv[3]);
        sb_printf(s, " block of %d line%s", n, n == 1 ? "" : "s");
    }
    if (argc > first)
        sb_printf(s, "%s%d line%s", block ? " + " : " ", argc - first,
                  argc - first == 1 ? "" : "s");
    const char *target = argv[1];
    if (strcmp(target, "-") == 0)
        target = "(no Target)";
    else if (target[0] == '\0')
        target = "\"\"";
    sb_printf(s, " to %s, key %s", target, strcmp(argv[2], "-") == 0 ? "(none)" : argv[2]);
    return NULL;
}

static const char *b_setconfig(int argc, char **argv, struct strbuf *b, struct strbuf *s)
{
    return setconfig(argc, argv, false, b, s);
}

static const char *b_setconfig_block(int argc, char **argv, struct strbuf *b, struct strbuf *s)
{
    return setconfig(argc, argv, true, b, s);
}

static const char *b_showstatus(int argc, char **argv, struct strbuf *b, struct strbuf *s)
{
    if (argc < 1)
        return "needs at least one CMD";
    string_array(b, "ExecCommandList", argc, argv);
    for (int i = 0; i < argc; i++)
        sb_printf(s, "%s\"%s\"", i == 0 ? " " : ", ", argv[i]);
    return NULL;
}

static const struct {
    const char *method; /* the script's word */
    builder *build;
    const char *wire; /* the element sent, when not the script's word */
} rpcs[] = {
    {"GetRPCMethods", b_nothing, NULL},
    {"GetParameterValues", b_names, NULL},
    {"GetParameterNames", b_gpn, NULL},
    {"SetParameterValues", b_spv, NULL},
    {"GetParameterAttributes", b_names, NULL},
    {"SetParameterAttributes", b_spa, NULL},
    {"AddObject", b_object, NULL},
    {"DeleteObject", b_object, NULL},
    {"Reboot", b_key, NULL},
    {"FactoryReset", b_nothing, NULL},
    {"ScheduleInform", b_schedule, NULL},
    {"Download", b_download, NULL},
    {"Upload", b_upload, NULL},
    {"GetQueuedTransfers", b_nothing, NULL},
    {"GetAllQueuedTransfers", b_nothing, NULL},
    {"CancelTransfer", b_key, NULL},
    {"X_00000C_SetConfiguration", b_setconfig, NULL},
    {"X_00000C_SetConfigurationBlock", b_setconfig_block, "X_00000C_SetConfiguration"},
    {"X_00000C_ShowStatus", b_showstatus, NULL},
};

const char *rpc_build(int argc, char **argv, struct step *st)
{
    for (size_t i = 0; i < sizeof(rpcs) / sizeof(rpcs[0]); i++) {
        if (strcmp(argv[0], rpcs[i].method) != 0)
            continue;
        const char *wire = rpcs[i].wire != NULL ? rpcs[i].wire : rpcs[i].method;
        struct strbuf body = STRBUF_INIT, summary = STRBUF_INIT;
        sb_printf(&body, "<cwmp:%s>", wire);
        sb_puts(&summary, wire);
        const char *why = rpcs[i].build(argc - 1, argv + 1, &body, &summary);
        sb_printf(&body, "</cwmp:%s>", wire);
        if (why != NULL) {
            sb_free(&body);
            sb_free(&summary);
            static char msg[160];
            snprintf(msg, sizeof(msg), "%s %s", rpcs[i].method, why);
            return msg;
        }
        st->method = xstrdup(wire);
        st->body = sb_detach(&body);
        st->summary = sb_detach(&summary);
        return NULL;
    }
    static char unknown[160];
    snprintf(unknown, sizeof(unknown), "unknown step `%.60s` (see tests/acs/README.md)", argv[0]);
    return unknown;
}
