#!/bin/bash
# cwmpd's private memory (Private_Dirty of /proc/PID/smaps_rollup: pages only this process has
# written), idle as bench/bench_cwmp.sh starts it (two interfaces, the cwmp agent configured, not
# enabled), without and with its 1,250 NAT lines; then idle after a first CWMP session (the agent
# enabled, with the test ACS). Each figure split into the heap, the stacks, other anonymous memory
# (mostly the libraries' .bss), cwmpd's own pages and the libraries' file mappings (what the
# dynamic loader relocates, .data). tests/integration/idle_memory.sh holds cwmpd's part (heap,
# stacks, own pages) under 1.25 MiB.
set -eu
BUILD=${1:?usage: bench_memory.sh BUILDDIR}
CWMPD=$BUILD/agent/cwmpd
TESTACS=$BUILD/tests/acs/testacs
dir=$(mktemp -d "${TMPDIR:-/tmp}/bench_memory.XXXXXX")
cwmpd_pid=
acs_pid=
trap 'kill $cwmpd_pid $acs_pid 2>/dev/null; wait 2>/dev/null; rm -rf "$dir"' EXIT
[ -r /proc/self/smaps_rollup ] || { echo "no /proc/PID/smaps_rollup: nothing to measure"; exit 0; }
# A binary just linked is dirty in the page cache: its pages would count as this process's.
sync "$CWMPD" 2>/dev/null || sync

config() { # NAT_LINES [enable ACS_URL]
    echo "interface Ethernet0/0"
    echo " ip address 198.51.100.2 255.255.255.0"
    echo " cwmp wan"
    echo " cwmp wan default"
    echo "interface Vlan1"
    echo " ip address 10.0.0.1 255.255.0.0"
    for i in $(seq 1 "$1"); do
        echo "ip nat inside source static tcp 10.0.$((i / 250)).$((i % 250 + 1)) 80 198.51.100.2 $((20000 + i))"
    done
    echo "cwmp agent"
    [ "${2:-}" = enable ] && echo " enable"
    echo " management server url ${3:-http://127.0.0.1:9/acs}"
}

start() { # NAT_LINES [enable ACS_URL]
    rm -rf "$dir/state"
    mkdir -p "$dir/state"
    config "$@" >"$dir/state/startup-config"
    # Connection requests on loopback once the agent is enabled (none listens before).
    "$CWMPD" --foreground --state-dir "$dir/state" --socket "$dir/sock" \
        ${2:+--listen 127.0.0.1:0} 2>"$dir/cwmpd.log" &
    cwmpd_pid=$!
    for _ in $(seq 1 100); do [ -S "$dir/sock" ] && break; sleep 0.05; done
}

report() { # LABEL
    sleep 0.3
    awk -v label="$1" -v exe="$CWMPD" '
        /^[0-9a-f]+-[0-9a-f]+ / { name = $6 }
        /^Rss:/ { rss += $2 }
        /^Private_Dirty:/ {
            pd += $2
            if (name == "[heap]") heap += $2
            else if (name == "[stack]") stack += $2
            else if (name == "") anon += $2
            else if (index(exe, name) || name ~ /\/cwmpd$/) own += $2
            else if (name ~ /^\//) libs += $2
            else anon += $2
        }
        END {
            printf "%-56s %10d KiB (RSS %d KiB)\n", label, pd, rss
            printf "  heap %d, stacks %d, other anonymous %d, cwmpd %d, libraries %d KiB\n",
                heap, stack, anon, own, libs
        }' "/proc/$cwmpd_pid/smaps"
    kill "$cwmpd_pid"
    wait "$cwmpd_pid" 2>/dev/null || true
    cwmpd_pid=
}

start 0
report "cwmpd Private_Dirty, idle"
start 1250
report "cwmpd Private_Dirty, idle, 1,250 NAT lines"

"$TESTACS" --listen 127.0.0.1:0 --port-file "$dir/port" --record "$dir/acs" >/dev/null 2>&1 &
acs_pid=$!
for _ in $(seq 1 100); do [ -s "$dir/port" ] && break; sleep 0.05; done
start 1250 enable "http://127.0.0.1:$(cat "$dir/port")/acs"
for _ in $(seq 1 200); do [ "$(cat "$dir/acs/sessions" 2>/dev/null)" = 1 ] && break; sleep 0.05; done
[ "$(cat "$dir/acs/sessions" 2>/dev/null)" = 1 ] || { echo "the session did not end"; exit 1; }
report "cwmpd Private_Dirty, idle after a session, 1,250 NAT lines"
