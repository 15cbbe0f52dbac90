#!/bin/bash
# Sessions in which the ACS reads the whole tree of a CPE with 1,250 port mappings (about ten
# thousand parameters): one GetParameterValues of InternetGatewayDevice., one GetParameterNames,
# over loopback, timed by the test ACS's clock; cwmpd's idle and peak memory.
set -eu
BUILD=${1:?usage: bench_cwmp.sh BUILDDIR}
CWMPD=$BUILD/agent/cwmpd
CWMPSH=$BUILD/cli/cwmpsh
TESTACS=$BUILD/tests/acs/testacs
dir=$(mktemp -d "${TMPDIR:-/tmp}/bench_cwmp.XXXXXX")
trap 'kill $cwmpd_pid $acs_pid 2>/dev/null; wait 2>/dev/null; rm -rf "$dir"' EXIT
cwmpd_pid=
acs_pid=

cat >"$dir/script" <<'EOF2'
session
GetParameterValues InternetGatewayDevice.
end
session
GetParameterNames InternetGatewayDevice. false
end
EOF2
"$TESTACS" --listen 127.0.0.1:0 --port-file "$dir/port" --script "$dir/script" \
    --record "$dir/acs" >/dev/null 2>&1 &
acs_pid=$!
for _ in $(seq 1 100); do [ -s "$dir/port" ] && break; sleep 0.05; done
port=$(cat "$dir/port")

mkdir -p "$dir/state"
{
    echo "interface Ethernet0/0"
    echo " ip address 198.51.100.2 255.255.255.0"
    echo " cwmp wan"
    echo " cwmp wan default"
    echo "interface Vlan1"
    echo " ip address 10.0.0.1 255.255.0.0"
    for i in $(seq 1 1250); do
        echo "ip nat inside source static tcp 10.0.$((i / 250)).$((i % 250 + 1)) 80 198.51.100.2 $((20000 + i))"
    done
    echo "cwmp agent"
    echo " management server url http://127.0.0.1:$port/acs"
} >"$dir/state/startup-config"
"$CWMPD" --foreground --state-dir "$dir/state" --socket "$dir/sock" 2>"$dir/cwmpd.log" &
cwmpd_pid=$!
for _ in $(seq 1 100); do [ -S "$dir/sock" ] && break; sleep 0.05; done
sleep 0.2
idle=$(awk '/^VmRSS/ {print $2}' "/proc/$cwmpd_pid/status")
"$CWMPSH" --socket "$dir/sock" -c enable -c "configure terminal" -c "cwmp agent" -c enable \
    -c end >/dev/null
for _ in $(seq 1 200); do [ "$(cat "$dir/acs/sessions" 2>/dev/null)" = 1 ] && break; sleep 0.05; done
[ "$(cat "$dir/acs/sessions" 2>/dev/null)" = 1 ] || { echo "the session did not end"; exit 1; }
# The second session: a change the ACS always hears about starts it.
"$CWMPSH" --socket "$dir/sock" -c enable -c "configure terminal" -c "cwmp agent" \
    -c "provision code BENCH" -c end >/dev/null
for _ in $(seq 1 200); do [ "$(cat "$dir/acs/sessions" 2>/dev/null)" = 2 ] && break; sleep 0.05; done
[ "$(cat "$dir/acs/sessions" 2>/dev/null)" = 2 ] || { echo "the second session did not end"; exit 1; }
peak=$(awk '/^VmHWM/ {print $2}' "/proc/$cwmpd_pid/status")

# Times from the ACS's log (t=milliseconds): request sent -> response received.
t() { sed -n "s/^$1.* t=\([0-9.]*\)$/\1/p" "$dir/acs/log" | head -1; }
count() { sed -n "s/^$1.* params=\([0-9]*\).*/\1/p" "$dir/acs/log" | head -1; }
gpv_inform=$(t "1 01 <- Inform")
gpv_out=$(t "1 02 -> GetParameterValues")
gpv_in=$(t "1 03 <- GetParameterValuesResponse")
gpv_end=$(t "1 03 -> 204")
gpn_inform=$(t "2 01 <- Inform")
gpn_out=$(t "2 02 -> GetParameterNames")
gpn_in=$(t "2 03 <- GetParameterNamesResponse")
gpn_end=$(t "2 03 -> 204")
values=$(count "1 03 <- GetParameterValuesResponse")
names=$(count "2 03 <- GetParameterNamesResponse")
awk -v a="$gpv_inform" -v b="$gpv_out" -v c="$gpv_in" -v d="$gpv_end" \
    -v e="$gpn_inform" -v f="$gpn_out" -v g="$gpn_in" -v h="$gpn_end" \
    -v n="$names" -v v="$values" -v idle="$idle" -v peak="$peak" 'BEGIN {
    printf "%-56s %10d values\n", "session: GetParameterValues InternetGatewayDevice.", v
    printf "%-56s %10.1f ms (%.0f parameters/s)\n", "  the request answered in", c - b, v / ((c - b) / 1000)
    printf "%-56s %10.1f ms\n", "  the whole session (Inform to 204)", d - a
    printf "%-56s %10d names\n", "session: GetParameterNames InternetGatewayDevice. false", n
    printf "%-56s %10.1f ms (%.0f names/s)\n", "  the request answered in", g - f, n / ((g - f) / 1000)
    printf "%-56s %10.1f ms\n", "  the whole session (Inform to 204)", h - e
    printf "%-56s %10d KiB\n", "cwmpd resident memory, idle", idle
    printf "%-56s %10d KiB (+%.0f bytes per parameter)\n", "cwmpd peak resident memory", peak, (peak - idle) * 1024 / v
}'
