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
        sb_puts(b, "<Value xsi:type=\"");
        xml_escape(b, argv[i + 1]);
        sb_puts(b, "\">");
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

static const char *b_reboot(int argc, char **argv, struct strbuf *b, struct strbuf *s)
{
    if (argc != 1)
        return "needs KEY";
    element(b, "CommandKey", argv[0]);
    sb_printf(s, " key=%s", argv[0]);
    return NULL;
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

static const char *b_setconfig(int argc, char **argv, struct strbuf *b, struct strbuf *s)
{
    if (argc < 4)
        return "needs ERROROPTION TARGET KEY LINE...";
    element(b, "ErrorOption", argv[0]);
    element(b, "Target", argv[1]);
    string_array(b, "ConfigCommandList", argc - 3, argv + 3);
    element(b, "ParameterKey", argv[2]);
    sb_printf(s, " %d line%s to %s", argc - 3, argc == 4 ? "" : "s", argv[1]);
    return NULL;
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
    const char *method;
    builder *build;
} rpcs[] = {
    {"GetRPCMethods", b_nothing},
    {"GetParameterValues", b_names},
    {"GetParameterNames", b_gpn},
    {"SetParameterValues", b_spv},
    {"GetParameterAttributes", b_names},
    {"SetParameterAttributes", b_spa},
    {"AddObject", b_object},
    {"DeleteObject", b_object},
    {"Reboot", b_reboot},
    {"FactoryReset", b_nothing},
    {"ScheduleInform", b_schedule},
    {"Download", b_download},
    {"X_00000C_SetConfiguration", b_setconfig},
    {"X_00000C_ShowStatus", b_showstatus},
};

const char *rpc_build(int argc, char **argv, struct step *st)
{
    for (size_t i = 0; i < sizeof(rpcs) / sizeof(rpcs[0]); i++) {
        if (strcmp(argv[0], rpcs[i].method) != 0)
            continue;
        struct strbuf body = STRBUF_INIT, summary = STRBUF_INIT;
        sb_printf(&body, "<cwmp:%s>", rpcs[i].method);
        sb_puts(&summary, rpcs[i].method);
        const char *why = rpcs[i].build(argc - 1, argv + 1, &body, &summary);
        sb_printf(&body, "</cwmp:%s>", rpcs[i].method);
        if (why != NULL) {
            sb_free(&body);
            sb_free(&summary);
            static char msg[160];
            snprintf(msg, sizeof(msg), "%s %s", rpcs[i].method, why);
            return msg;
        }
        st->method = xstrdup(rpcs[i].method);
        st->body = sb_detach(&body);
        st->summary = sb_detach(&summary);
        return NULL;
    }
    static char unknown[160];
    snprintf(unknown, sizeof(unknown), "unknown step `%.60s` (see tests/acs/README.md)", argv[0]);
    return unknown;
}
