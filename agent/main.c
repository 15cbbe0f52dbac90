/* cwmpd: the TR-069 agent daemon. */
#include <errno.h>
#include <getopt.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "agent.h"
#include "config.h"
#include "platform.h"

static void usage(FILE *f)
{
    fprintf(f,
            "Usage: cwmpd [--foreground] [--state-dir DIR] [--socket PATH] [--config FILE]\n"
            "             [--listen [ADDR]:PORT] [--cr-rate N/SECONDS] [--hooks DIR]\n"
            "             [--flash-size BYTES] [--session-limit N/SECONDS]\n"
            "             [--factory-config FILE] [--dhcp-snoop IFNAME]... [--wan-dhcp IFNAME]...\n"
            "             [--no-autoinstall]\n"
            "  -f, --foreground     stay in the foreground and log to standard error\n"
            "  -s, --state-dir DIR  state directory (default %s)\n"
            "  -S, --socket PATH    control socket (default %s)\n"
            "  -c, --config FILE    startup-config (default STATE-DIR/startup-config)\n"
            "  -l, --listen [ADDR]:PORT  connection requests over HTTP there, HTTPS on the next\n"
            "                       port (default: ports 7547 and 7548 of the cwmp wan\n"
            "                       default interface, or of every address)\n"
            "      --cr-rate N/S    at most N sessions from connection requests in S seconds\n"
            "                       (default 10/60; 0: no limit)\n"
            "      --hooks DIR      programs acting on the system: reboot, install-firmware,\n"
            "                       nat-apply (default " CWMPD_SYSCONFDIR "/cwmpd/hooks)\n"
            "      --flash-size BYTES  the capacity of flash: (default: its file system's)\n"
            "      --session-limit N/S  a session fails past N requests of the ACS or S seconds\n"
            "                       (default 10000/3600)\n"
            "      --factory-config FILE  startup-config after a FactoryReset\n"
            "                       (default " CWMPD_SYSCONFDIR "/cwmpd/factory-config)\n"
            "      --dhcp-snoop IFNAME  watch DHCP on this Linux interface (repeatable; default:\n"
            "                       the LAN interfaces; none: do not watch)\n"
            "      --wan-dhcp IFNAME  read this Linux interface's own DHCP and DHCPv6 leases for\n"
            "                       the ACS and autoinstall (repeatable; default: the cwmp wan\n"
            "                       interfaces; none: only the DHCP client's hook tells)\n"
            "      --no-autoinstall  without a startup-config, do not fetch one over TFTP\n"
            "  -h, --help           this help\n"
            "  -V, --version        the version\n",
            CWMPD_DEFAULT_STATE_DIR, CWMPD_DEFAULT_SOCKET);
}

/* Detaches from the terminal; the parent exits only once the child reports that it serves
 * (or fails), so that `cwmpd && cwmpsh` works and start-up errors reach the caller. */
static int daemonize(int *ready_fd)
{
    int p[2];
    if (pipe(p) < 0)
        return -1;
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid > 0) {
        close(p[1]);
        char c;
        ssize_t n = read(p[0], &c, 1);
        _exit(n == 1 ? 0 : 1);
    }
    close(p[0]);
    setsid();
    *ready_fd = p[1];
    return 0;
}

int main(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"foreground", no_argument, NULL, 'f'},
        {"state-dir", required_argument, NULL, 's'},
        {"socket", required_argument, NULL, 'S'},
        {"config", required_argument, NULL, 'c'},
        {"listen", required_argument, NULL, 'l'},
        {"cr-rate", required_argument, NULL, 'R'},
        {"hooks", required_argument, NULL, 'H'},
        {"factory-config", required_argument, NULL, 'F'},
        {"flash-size", required_argument, NULL, 'Z'},
        {"session-limit", required_argument, NULL, 'L'},
        {"dhcp-snoop", required_argument, NULL, 'D'},
        {"wan-dhcp", required_argument, NULL, 'W'},
        {"no-autoinstall", no_argument, NULL, 'A'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };
    struct agent_options opts = {
        .state_dir = CWMPD_DEFAULT_STATE_DIR,
        .socket_path = CWMPD_DEFAULT_SOCKET,
        .hooks_dir = CWMPD_SYSCONFDIR "/cwmpd/hooks",
        .factory_config = CWMPD_SYSCONFDIR "/cwmpd/factory-config",
    };
    /* --dhcp-snoop and --wan-dhcp names point into argv, which outlives the agent. */
    enum { SNOOP_MAX = 64 };
    const char *snoop[SNOOP_MAX];
    opts.dhcp_snoop = snoop;
    const char *wan[SNOOP_MAX];
    opts.wan_dhcp = wan;
    int c;
    while ((c = getopt_long(argc, argv, "fs:S:c:l:hV", longopts, NULL)) != -1) {
        switch (c) {
        case 'f':
            opts.foreground = true;
            break;
        case 's':
            opts.state_dir = optarg;
            break;
        case 'S':
            opts.socket_path = optarg;
            break;
        case 'c':
            opts.config_path = optarg;
            break;
        case 'l':
            opts.cr_listen = optarg;
            break;
        case 'R':
            opts.cr_rate = optarg;
            break;
        case 'H':
            opts.hooks_dir = optarg;
            break;
        case 'F':
            opts.factory_config = optarg;
            break;
        case 'Z': {
            char *end;
            errno = 0;
            opts.flash_size = strtoull(optarg, &end, 10);
            if (errno || end == optarg || *end || optarg[0] == '-') {
                fprintf(stderr, "cwmpd: --flash-size: not a number of bytes: %s\n", optarg);
                return 2;
            }
            break;
        }
        case 'L': {
            unsigned n = 0, s = 0;
            char extra;
            if (sscanf(optarg, "%u/%u%c", &n, &s, &extra) != 2 || !n || !s || optarg[0] == '-') {
                fprintf(stderr, "cwmpd: --session-limit: not N/S (both above 0): %s\n", optarg);
                return 2;
            }
            opts.session_max_requests = n;
            opts.session_max_seconds = s;
            break;
        }
        case 'D':
            if (opts.ndhcp_snoop == SNOOP_MAX || !optarg[0] ||
                (!strcmp(optarg, "none") && opts.ndhcp_snoop) ||
                (opts.ndhcp_snoop && !strcmp(snoop[0], "none"))) {
                fprintf(stderr, "cwmpd: --dhcp-snoop: at most %d interfaces, or none alone\n",
                        SNOOP_MAX);
                return 2;
            }
            snoop[opts.ndhcp_snoop++] = optarg;
            break;
        case 'W':
            if (opts.nwan_dhcp == SNOOP_MAX || !optarg[0] ||
                (!strcmp(optarg, "none") && opts.nwan_dhcp) ||
                (opts.nwan_dhcp && !strcmp(wan[0], "none"))) {
                fprintf(stderr, "cwmpd: --wan-dhcp: at most %d interfaces, or none alone\n",
                        SNOOP_MAX);
                return 2;
            }
            wan[opts.nwan_dhcp++] = optarg;
            break;
        case 'A':
            opts.no_autoinstall = true;
            break;
        case 'h':
            usage(stdout);
            return 0;
        case 'V':
            printf("cwmpd %s\n", PACKAGE_VERSION);
            return 0;
        default:
            usage(stderr);
            return 2;
        }
    }
    if (optind != argc) {
        usage(stderr);
        return 2;
    }
    int ready_fd = -1;
    if (!opts.foreground && daemonize(&ready_fd) < 0) {
        perror("cwmpd: fork");
        return 1;
    }
    umask(027);
    /* A reload executes /proc/self/exe, which would leave the process named "exe" for ps, pgrep
     * and pidof: it keeps the name it was started with. */
    const char *name = strrchr(argv[0], '/');
    prctl(PR_SET_NAME, name ? name + 1 : argv[0], 0, 0, 0);
#ifdef __GLIBC__
    /* One heap for every thread (libcurl resolves names in threads of its own): glibc would give
     * each a heap of its own, whose dirty pages stay after the thread ends. cwmpd's threads
     * hardly allocate at the same time, so sharing costs nothing. */
    mallopt(M_ARENA_MAX, 1);
#endif
    struct agent agent;
    struct strbuf err = STRBUF_INIT;
    if (agent_init(&agent, &opts, &err) < 0) {
        fprintf(stderr, "cwmpd: %s\n", sb_str(&err));
        sb_free(&err);
        agent_fini(&agent);
        return 1;
    }
    sb_free(&err);
#ifdef __GLIBC__
    /* What start-up freed (the startup-config's text, the grammar's scratch) goes back to the
     * kernel: glibc returns only the top of the heap by itself, and cwmpd idles from here. */
    malloc_trim(0);
#endif
    agent.argv = argv;
    if (ready_fd >= 0) {
        if (write(ready_fd, "1", 1) != 1)
            return 1;
        close(ready_fd);
        if (!freopen("/dev/null", "r", stdin) || !freopen("/dev/null", "w", stdout) ||
            !freopen("/dev/null", "w", stderr))
            return 1;
        if (chdir("/") < 0)
            return 1;
    }
    sd_notify_state("READY=1");
    int rc = agent_run(&agent);
    sd_notify_state("STOPPING=1");
    agent_fini(&agent);
    return rc == 0 ? 0 : 1;
}
