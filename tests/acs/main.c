/* testacs: a scripted ACS that records what the CPE sends (tests/acs/README.md). A test tool:
 * nothing of cwmpd depends on it. */
#include <errno.h>
#include <getopt.h>
#include <libxml/parser.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acs.h"
#include "connreq.h"
#include "server.h"
#include "soap_out.h"
#include "xalloc.h"

static void usage(FILE *f)
{
    fprintf(f, "Usage: testacs [options]\n"
               "  --listen ADDR:PORT     where to listen (default 127.0.0.1:7547; port 0 = any)\n"
               "  --port-file FILE       write the port listened on to FILE once listening\n"
               "  --path PATH            the ACS URL's path (default /acs); others get 404\n"
               "  --script FILE          what the ACS does, session by session\n"
               "  --default-script NAME  a built-in script instead: demo\n"
               "  --record DIR           keep every CPE message, its headers, a log and counters\n"
               "  --auth MODE            none, basic, digest or digest-sess (default none)\n"
               "  --user U --password P  the credentials the CPE must give\n"
               "  --realm R              the authentication realm (default testacs)\n"
               "  --digest-qop LIST      the qop the digest challenge offers (default auth)\n"
               "  --cookie MODE          none, netscape or rfc2965 (default none)\n"
               "  --schema DIR           validate every CPE message against DIR's cwmp XSDs\n"
               "  --cwmp-version V       the ACS's own version: 1.0, 1.1, 1.2, 1.3 or 1.4\n"
               "                         (default: answer in the CPE's namespace)\n"
               "  --cwmp-ns 1-3|1-4      speak urn:dslforum-org:cwmp-1-3 or -1-4, as ACSs in\n"
               "                         the field do (GenieACS in its CWMP 1.4 mode)\n"
               "  --tls-cert FILE --tls-key FILE\n"
               "                         serve HTTPS with this PEM certificate and key\n"
               "  --files DIR            serve DIR's files at /files/NAME and store uploads to\n"
               "                         /upload/NAME in DIR/uploads (same port and TLS)\n"
               "  --file-auth MODE       none, basic, digest or digest-sess for those paths\n"
               "  --file-user U --file-password P\n"
               "                         the file server's credentials\n"
               "  --upload-max BYTES     larger uploads get 413 (default 268435456)\n"
               "  -v, --verbose          print a trace of each session (twice: every value)\n"
               "  -h, --help             this help\n");
}

static int parse_choice(const char *opt, const char *arg, const char *const *names, int n)
{
    for (int i = 0; i < n; i++) {
        if (strcmp(arg, names[i]) == 0)
            return i;
    }
    fprintf(stderr, "testacs: %s %s: unknown value\n", opt, arg);
    exit(2);
}

static int parse_version(const char *arg)
{
    static const char *const names[] = {"1.0", "1.1", "1.2", "1.3", "1.4"};
    return 10 + parse_choice("--cwmp-version", arg, names, 5);
}

/* The path of a redirect URL: the script may send the CPE to another path of this server. */
static void add_redirect_paths(struct acs *acs)
{
    for (size_t i = 0; i < acs->script.n; i++) {
        const struct session_script *ss = &acs->script.sessions[i];
        for (size_t j = 0; j < ss->n; j++) {
            if (ss->steps[j].kind != STEP_REDIRECT)
                continue;
            const char *u = strstr(ss->steps[j].body, "://");
            const char *p = u != NULL ? strchr(u + 3, '/') : NULL;
            if (p == NULL)
                continue;
            size_t len = strcspn(p, "?#");
            acs->extra_paths = xrealloc(acs->extra_paths, (acs->nextra_paths + 1) * sizeof(char *));
            acs->extra_paths[acs->nextra_paths++] = xstrndup(p, len);
        }
    }
}

static uint64_t parse_size(const char *opt, const char *arg)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(arg, &end, 10);
    if (errno != 0 || end == arg || *end != '\0' || arg[0] == '-') {
        fprintf(stderr, "testacs: %s %s: not a number of bytes\n", opt, arg);
        exit(2);
    }
    return (uint64_t)v;
}

/* With --schema, the script's own requests are held to the schema too: a test must not pass or
 * fail because the ACS sent what no real ACS would. One that is wrong on purpose goes in a `raw`
 * file, which is sent unchecked. */
static int check_script_requests(const struct acs *acs, const char *name)
{
    for (size_t i = 0; i < acs->script.n; i++) {
        const struct session_script *ss = &acs->script.sessions[i];
        for (size_t j = 0; j < ss->n; j++) {
            const struct step *st = &ss->steps[j];
            char reason[600];
            if (st->kind != STEP_REQUEST ||
                validator_check_request(acs->validator, st->body, reason, sizeof(reason)))
                continue;
            fprintf(stderr,
                    "testacs: %s:%d: %s is not valid against the schema (%s); send a request "
                    "that is wrong on purpose with `raw`\n",
                    name, st->line, st->method, reason);
            return -1;
        }
    }
    return 0;
}

struct options {
    const char *listen, *port_file, *script, *builtin, *record, *schema;
    int verbose;
};

static void parse_options(int argc, char **argv, struct options *o, struct acs *acs)
{
    enum {
        O_PORT_FILE = 256,
        O_PATH,
        O_DEFAULT,
        O_USER,
        O_PASS,
        O_REALM,
        O_QOP,
        O_COOKIE,
        O_SCHEMA,
        O_VERSION,
        O_NS,
        O_TLS_CERT,
        O_TLS_KEY,
        O_FILES,
        O_FILE_AUTH,
        O_FILE_USER,
        O_FILE_PASS,
        O_UPLOAD_MAX
    };
    static const struct option longopts[] = {
        {"listen", required_argument, NULL, 'l'},
        {"port-file", required_argument, NULL, O_PORT_FILE},
        {"path", required_argument, NULL, O_PATH},
        {"script", required_argument, NULL, 's'},
        {"default-script", required_argument, NULL, O_DEFAULT},
        {"record", required_argument, NULL, 'r'},
        {"auth", required_argument, NULL, 'a'},
        {"user", required_argument, NULL, O_USER},
        {"password", required_argument, NULL, O_PASS},
        {"realm", required_argument, NULL, O_REALM},
        {"digest-qop", required_argument, NULL, O_QOP},
        {"cookie", required_argument, NULL, O_COOKIE},
        {"schema", required_argument, NULL, O_SCHEMA},
        {"cwmp-version", required_argument, NULL, O_VERSION},
        {"cwmp-ns", required_argument, NULL, O_NS},
        {"tls-cert", required_argument, NULL, O_TLS_CERT},
        {"tls-key", required_argument, NULL, O_TLS_KEY},
        {"files", required_argument, NULL, O_FILES},
        {"file-auth", required_argument, NULL, O_FILE_AUTH},
        {"file-user", required_argument, NULL, O_FILE_USER},
        {"file-password", required_argument, NULL, O_FILE_PASS},
        {"upload-max", required_argument, NULL, O_UPLOAD_MAX},
        {"verbose", no_argument, NULL, 'v'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    static const char *const auth_modes[] = {"none", "basic", "digest", "digest-sess"};
    static const char *const cookie_modes[] = {"none", "netscape", "rfc2965"};
    int c;
    while ((c = getopt_long(argc, argv, "l:s:r:a:vh", longopts, NULL)) != -1) {
        switch (c) {
        case 'l':
            o->listen = optarg;
            break;
        case O_PORT_FILE:
            o->port_file = optarg;
            break;
        case O_PATH:
            acs->path = optarg;
            break;
        case 's':
            o->script = optarg;
            break;
        case O_DEFAULT:
            o->builtin = optarg;
            break;
        case 'r':
            o->record = optarg;
            break;
        case 'a':
            acs->auth.mode = parse_choice("--auth", optarg, auth_modes, 4);
            break;
        case O_USER:
            acs->auth.user = optarg;
            break;
        case O_PASS:
            acs->auth.password = optarg;
            break;
        case O_REALM:
            acs->auth.realm = optarg;
            break;
        case O_QOP:
            acs->auth.qop = optarg;
            break;
        case O_COOKIE:
            acs->cookie = parse_choice("--cookie", optarg, cookie_modes, 3);
            break;
        case O_SCHEMA:
            o->schema = optarg;
            break;
        case O_VERSION:
            acs->version = parse_version(optarg);
            break;
        case O_NS: {
            static const char *const names[] = {"1-3", "1-4"};
            static const char *const uris[] = {NS_CWMP_PREFIX "3", NS_CWMP_PREFIX "4"};
            acs->field_ns = uris[parse_choice("--cwmp-ns", optarg, names, 2)];
            break;
        }
        case O_TLS_CERT:
            acs->tls_cert = optarg;
            break;
        case O_TLS_KEY:
            acs->tls_key = optarg;
            break;
        case O_FILES:
            acs->files.dir = optarg;
            break;
        case O_FILE_AUTH:
            acs->files.auth.mode = parse_choice("--file-auth", optarg, auth_modes, 4);
            break;
        case O_FILE_USER:
            acs->files.auth.user = optarg;
            break;
        case O_FILE_PASS:
            acs->files.auth.password = optarg;
            break;
        case O_UPLOAD_MAX:
            acs->files.upload_max = parse_size("--upload-max", optarg);
            break;
        case 'v':
            o->verbose++;
            break;
        case 'h':
            usage(stdout);
            exit(0);
        default:
            usage(stderr);
            exit(2);
        }
    }
    if (optind < argc || (o->script != NULL && o->builtin != NULL) || acs->path[0] != '/') {
        usage(stderr);
        exit(2);
    }
    if ((acs->tls_cert == NULL) != (acs->tls_key == NULL)) {
        fprintf(stderr, "testacs: --tls-cert and --tls-key go together\n");
        exit(2);
    }
    if (acs->auth.mode != AUTH_NONE && (acs->auth.user == NULL || acs->auth.password == NULL)) {
        fprintf(stderr, "testacs: --auth needs --user and --password\n");
        exit(2);
    }
    const struct auth_conf *fa = &acs->files.auth;
    if (fa->mode != AUTH_NONE && (fa->user == NULL || fa->password == NULL)) {
        fprintf(stderr, "testacs: --file-auth needs --file-user and --file-password\n");
        exit(2);
    }
    if (acs->files.dir == NULL && (fa->mode != AUTH_NONE || fa->user != NULL)) {
        fprintf(stderr, "testacs: --file-auth, --file-user and --file-password need --files\n");
        exit(2);
    }
}

static int write_port_file(const char *path, unsigned port)
{
    char text[16];
    int n = snprintf(text, sizeof(text), "%u\n", port);
    return write_file_atomic(path, text, (size_t)n);
}

int main(int argc, char **argv)
{
    struct acs acs = {.path = "/acs",
                      .auth = {.realm = "testacs", .qop = "auth"},
                      .files = {.upload_max = FILES_UPLOAD_MAX_DEFAULT}};
    struct options o = {.listen = "127.0.0.1:7547"};
    parse_options(argc, argv, &o, &acs);
    char err[600];
    if ((o.script != NULL && script_load(o.script, &acs.script, err, sizeof(err)) != 0) ||
        (o.builtin != NULL && script_builtin(o.builtin, &acs.script, err, sizeof(err)) != 0)) {
        fprintf(stderr, "testacs: %s\n", err);
        return 2;
    }
    add_redirect_paths(&acs);
    xmlInitParser();
    int rc = 1;
    struct server srv;
    bool started = false;
    if (o.schema != NULL && (acs.validator = validator_new(o.schema)) == NULL)
        goto out;
    if (acs.validator != NULL &&
        check_script_requests(&acs, o.script != NULL ? o.script : o.builtin) != 0) {
        rc = 2;
        goto out;
    }
    if (recorder_open(&acs.rec, o.record, o.verbose) != 0)
        goto out;
    /* The signals are taken by sigwait below, never by libmicrohttpd's thread. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);
    if (server_start(&srv, &acs, o.listen) != 0)
        goto out;
    started = true;
    if (o.port_file != NULL && write_port_file(o.port_file, acs.port) != 0)
        goto out;
    const char *colon = strrchr(o.listen, ':');
    const char *scheme = acs.tls_cert != NULL ? "https" : "http";
    trace(&acs.rec, "testacs: ACS at %s://%.*s:%u%s", scheme, (int)(colon - o.listen), o.listen,
          acs.port, acs.path);
    if (acs.files.dir != NULL)
        trace(&acs.rec, "testacs: files of %s at %s://%.*s:%u/files/, uploads to /upload/",
              acs.files.dir, scheme, (int)(colon - o.listen), o.listen, acs.port);
    int sig;
    sigwait(&stop, &sig);
    trace(&acs.rec, "testacs: stopping (%s)", sig == SIGINT ? "SIGINT" : "SIGTERM");
    rc = 0;
out:
    if (started)
        server_stop(&srv);
    connreq_wait(3);
    recorder_close(&acs.rec);
    validator_free(acs.validator);
    tree_free(&acs.s.tree);
    script_free(&acs.script);
    for (size_t i = 0; i < acs.nextra_paths; i++)
        free(acs.extra_paths[i]);
    free(acs.extra_paths);
    xmlCleanupParser();
    return rc;
}
