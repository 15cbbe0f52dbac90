#!/bin/bash
# An idle cwmpd's private memory (Private_Dirty of /proc/PID/smaps), for cwmpd started as
# bench/bench_cwmp.sh starts it (two interfaces, `cwmp agent` with a management server URL, not
# enabled), without and with the bench's 1,250 NAT lines: what is cwmpd's (its heap, with what the
# libraries allocate there, its stacks and its own pages) stays under LIMIT_KB. The pages the
# dynamic loader writes in the shared libraries (relocations, .data; about 1.2 MiB with Debian's
# libcurl and what it brings) are printed, not limited: they are the libraries' build's.
. "$(dirname "$0")/lib.sh"

LIMIT_KB=1280

[ -r /proc/self/smaps_rollup ] || skip "no /proc/PID/smaps_rollup (Linux 4.14 or later)"
# The sanitizers keep memory of their own (shadow, quarantine) and valgrind runs its own copy of
# the program: their figures say nothing of cwmpd's.
[ -z "${CWMPD_SANITIZED:-}" ] || skip "a sanitizer build: its shadow memory is counted too"
if LC_ALL=C grep -q -e __asan_init -e __tsan_init -e __msan_init "$CWMPD"; then
    skip "cwmpd is built with a sanitizer: its shadow memory is counted too"
fi
# A binary just linked is still dirty in the page cache, and its pages would count as dirty in
# every process mapping it until written back.
sync "$CWMPD" 2>/dev/null || sync

# idle_private_dirty NAT_LINES: starts cwmpd on a fresh state directory, waits until it idles,
# sets IDLE_KB to its Private_Dirty in kB (and keeps its smaps and maps in $TEST_TMP), stops it.
idle_private_dirty() {
    rm -rf "$STATE"
    mkdir -p "$STATE"
    {
        echo "interface Ethernet0/0"
        echo " ip address 198.51.100.2 255.255.255.0"
        echo " cwmp wan"
        echo " cwmp wan default"
        echo "interface Vlan1"
        echo " ip address 10.0.0.1 255.255.0.0"
        for i in $(seq 1 "$1"); do
            echo "ip nat inside source static tcp 10.0.$((i / 250)).$((i % 250 + 1)) 80" \
                "198.51.100.2 $((20000 + i))"
        done
        echo "cwmp agent"
        echo " management server url http://127.0.0.1:9/acs"
    } >"$STATE/startup-config"
    # Started as the bench starts it: no cwmpsh before the measure (a shell's session would be
    # counted, and freed memory is not always given back).
    "$CWMPD" --foreground --state-dir "$STATE" --socket "$SOCK" --hooks "$HOOKS" \
        --factory-config "$FACTORY_CONFIG" 2>>"$CWMPD_LOG" &
    CWMPD_PID=$!
    local i
    for i in $(seq 1 100); do
        [ -S "$SOCK" ] && break
        kill -0 "$CWMPD_PID" 2>/dev/null || fail "cwmpd exited at start"
        sleep 0.05
    done
    [ -S "$SOCK" ] || fail "cwmpd did not start"
    sleep 0.3
    case $(readlink "/proc/$CWMPD_PID/exe") in
    */cwmpd) ;;
    *) skip "cwmpd runs under another program ($(readlink "/proc/$CWMPD_PID/exe"))" ;;
    esac
    cp "/proc/$CWMPD_PID/smaps" "$TEST_TMP/smaps"
    IDLE_KB=$(awk '/^Private_Dirty:/ { print $2 }' "/proc/$CWMPD_PID/smaps_rollup")
    # cwmpd's part: the heap, the stacks, cwmpd's own mappings; the libraries' file mappings and
    # the anonymous ones beside them (their .bss) apart.
    read -r OWN_KB LIBS_KB <<<"$(awk -v exe="$(readlink "/proc/$CWMPD_PID/exe")" '
        /^[0-9a-f]+-[0-9a-f]+ / { name = $6 }
        /^Private_Dirty:/ {
            if (name == "[heap]" || name == "[stack]" || name == exe) own += $2
            else libs += $2
        }
        END { print own + 0, libs + 0 }' "/proc/$CWMPD_PID/smaps")"
    stop_cwmpd
}

# by_mapping: the smaps kept, summed by file (anonymous mappings as one), largest first.
by_mapping() {
    awk '/^[0-9a-f]+-[0-9a-f]+ / { name = $6 == "" ? "[anonymous]" : $6 }
         /^Private_Dirty:/ { kb[name] += $2 }
         END { for (n in kb) if (kb[n]) printf "  %6d kB %s\n", kb[n], n }' "$TEST_TMP/smaps" |
        sort -rn | head -n 15
}

for nat in 0 1250; do
    idle_private_dirty "$nat"
    [ -n "$IDLE_KB" ] || fail "no Private_Dirty in smaps_rollup"
    echo "idle cwmpd, $nat NAT lines: Private_Dirty $IDLE_KB kB: cwmpd's $OWN_KB kB" \
        "(limit $LIMIT_KB kB), the libraries' $LIBS_KB kB"
    if [ "$OWN_KB" -ge "$LIMIT_KB" ]; then
        echo "Private_Dirty by mapping:" >&2
        by_mapping >&2
        fail "an idle cwmpd ($nat NAT lines) has $OWN_KB kB of its own Private_Dirty," \
            "$LIMIT_KB kB at most"
    fi
done
