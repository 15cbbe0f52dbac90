#!/bin/bash
# The ACS reading the whole tree of a CPE, at three sizes: about 1k, 10k and 100k parameters (110,
# 1,250 and 12,500 port mappings, `ip nat inside source static` lines of the startup-config, each
# about 8 parameters). For each size, one cwmpd and one test ACS (tests/acs/testacs), over
# loopback, and one session per read:
#   - by partial path: GetParameterValues InternetGatewayDevice., twice: the first read numbers
#     every instance (the registry of instance numbers and the state file keep them, as TR-069
#     wants numbers that never change), which the memory after it shows; the second is the one
#     measured against the others;
#   - GetParameterNames InternetGatewayDevice. false, alone;
#   - by name as GenieACS reads a device (the test ACS's read-tree step): GetParameterNames, then
#     GetParameterValues naming every parameter, in batches of 32 (GenieACS's default) and in one
#     request. cwmpd's `request size limit` is raised for the one request (below). At 100k each
#     runs only when BENCH_CWMP_FULL=1, or when the same read at 10k took under 2 s (the ACS's
#     clock): today's code spends ~0.7 ms of CPU a name at 10k, in time that grows with the
#     tree: some 10 minutes each at 100k.
#   - an empty session (its only request a ScheduleInform): what every session costs besides
#     its read.
# How each figure is taken:
#   - times: the test ACS's log clock (tests/acs/README.md, t= on the monotonic clock). "answered
#     in": from the first request of the read sent to its last response received; "the session":
#     from the CPE's empty POST (its answer to the InformResponse) to the 204 (the Inform is held
#     meanwhile, below, so it is left out).
#   - CPU: each session's Inform is held by the test ACS (a wait-for step) until this script has
#     read /proc/PID/task/*/schedstat (the first field: nanoseconds on a CPU, exact, summed over
#     the threads) of cwmpd and of the test ACS; a session's figure is the difference up to the next
#     session's held Inform (the next Inform comes from a ScheduleInform 1 of the session, 0-1 s
#     later), so it covers the InformResponse, the read, the 204, what cwmpd does after it and the
#     building of the next Inform; the empty session shows that part alone. utime+stime of
#     /proc/PID/stat (fields 14 and 15, ticks of 10 ms) is printed beside cwmpd's as a check, and
#     schedstat's second field, time runnable but waiting for a CPU, tells how loaded the machine
#     was (the times above include it; the CPU figures do not).
#   - the floor: bench_floor parses the 10k GetParameterValuesResponse that the test ACS recorded
#     (--record) with libxml2's xmlReader, every node read, 21 times: the median; cwmpd's CPU per
#     read is divided by it.
#   - memory: cwmpd's VmRSS (/proc/PID/status) and Private_Dirty (/proc/PID/smaps_rollup) when
#     idle (at the first measured session's held Inform, after the BOOTSTRAP session), after the
#     first read and 2 s after the last read. Peak: VmHWM, reset (write 5 to /proc/PID/clear_refs) at the start of each
#     session and read at its end: the peak during that session alone (when the kernel refuses the
#     reset, the running maximum since cwmpd started, and said so). Each size is a cwmpd of its own.
# Ratios are taken within the run. Takes about 45 s today (the 10k by-name reads are 20 s of it).
set -eu
BUILD=${1:?usage: bench_cwmp.sh BUILDDIR}
CWMPD=$BUILD/agent/cwmpd
CWMPSH=$BUILD/cli/cwmpsh
TESTACS=$BUILD/tests/acs/testacs
FLOOR=$BUILD/bench/bench_floor
# Largest ACS message cwmpd takes, in KB (`request size limit`; its default, 4096, holds about
# 33,000 names by name; the 100k request is about 12 MB).
REQUEST_LIMIT_KB=65536
# A by-name read at 100k runs when the same read at 10k took less than this (ms), or when
# BENCH_CWMP_FULL=1.
FULL_IF_10K_UNDER_MS=2000
top=$(mktemp -d "${TMPDIR:-/tmp}/bench_cwmp.XXXXXX")
cwmpd_pid=
acs_pid=
cleanup()
{
    [ -z "$cwmpd_pid" ] || kill "$cwmpd_pid" 2>/dev/null || true
    [ -z "$acs_pid" ] || kill "$acs_pid" 2>/dev/null || true
    wait 2>/dev/null || true
    rm -rf "$top"
}
trap cleanup EXIT

fail()
{
    echo "bench_cwmp: $*" >&2
    exit 1
}

# Nanoseconds on a CPU, and nanoseconds runnable but waiting for one, of every thread of PID.
cpu_ns()
{
    local total=0 waited=0 f ns wait rest
    for f in /proc/"$1"/task/*/schedstat; do
        read -r ns wait rest <"$f" || continue
        total=$((total + ns))
        waited=$((waited + wait))
    done
    echo "$total $waited"
}

# utime + stime of PID, in milliseconds (clock ticks of CLK_TCK).
stat_ms()
{
    local line
    read -r line <"/proc/$1/stat"
    line=${line##*) }
    awk -v hz="$HZ" '{print ($12 + $13) * 1000 / hz}' <<<"$line"
}

status_kib() { awk -v k="$2:" '$1 == k {print $2}' "/proc/$1/status"; }
dirty_kib() { awk '$1 == "Private_Dirty:" {print $2}' "/proc/$1/smaps_rollup"; }

HZ=$(getconf CLK_TCK)
# Per session kind (empty, gpv, gpn, tree32, tree1) of the latest size: the read's time (ms, the
# ACS's clock) and cwmpd's CPU (us); and those of the 10k size.
declare -A took cpu took10k cpu10k took_values

kind_label()
{
    case $1 in
    empty) echo "an empty session: ScheduleInform only (empty POST to 204)" ;;
    first) echo "session: GetParameterValues InternetGatewayDevice., the first" ;;
    gpv) echo "session: GetParameterValues InternetGatewayDevice." ;;
    gpn) echo "session: GetParameterNames InternetGatewayDevice. false" ;;
    tree32) echo "session: by name in batches of 32 (read-tree)" ;;
    tree1) echo "session: by name in one request (read-tree)" ;;
    esac
}
line() { printf '%-62s %s\n' "$1" "$2"; }

# The startup-config of a CPE with $1 port mappings: tcp, inside 10.0.x.y port 80 (on Vlan1's
# /16), global the WAN address port 20000+i (unique up to 45535 mappings).
startup_config()
{
    local m=$1 port=$2 i
    [ "$m" -le 45535 ] || fail "too many mappings: $m"
    echo "interface Ethernet0/0"
    echo " ip address 198.51.100.2 255.255.255.0"
    echo " cwmp wan"
    echo " cwmp wan default"
    echo "interface Vlan1"
    echo " ip address 10.0.0.1 255.255.0.0"
    for ((i = 1; i <= m; i++)); do
        echo "ip nat inside source static tcp 10.0.$((i / 250)).$((i % 250 + 1)) 80 198.51.100.2 $((20000 + i))"
    done
    echo "cwmp agent"
    echo " management server url http://127.0.0.1:$port/acs"
    echo " request size limit $REQUEST_LIMIT_KB"
}

wait_sessions()
{
    local want=$1 n
    while :; do
        n=0
        [ -f "$dir/acs/sessions" ] && read -r n <"$dir/acs/sessions"
        [ "$n" -ge "$want" ] && return 0
        kill -0 "$cwmpd_pid" 2>/dev/null || fail "cwmpd died (log: $(tail -3 "$dir/cwmpd.log"))"
        kill -0 "$acs_pid" 2>/dev/null || fail "the test ACS died"
        sleep 0.05
    done
}

# Session $1's Inform is held (its wait-for step is in the log).
wait_held()
{
    local s=$1
    wait_sessions $((s - 1))
    while ! tail -n 4 "$dir/acs/log" | grep -q "^$s [0-9]* wait-for "; do
        kill -0 "$cwmpd_pid" 2>/dev/null || fail "cwmpd died"
        kill -0 "$acs_pid" 2>/dev/null || fail "the test ACS died"
        sleep 0.01
    done
}

# Per session: the figures from the ACS's log: sess_start sess_end req_start req_end gpn_end count
# names batches values. count: parameters of GetParameterValuesResponses (names for a lone
# GetParameterNames).
session_figures()
{
    awk -v s="$1" '$1 == s {
        t = $NF; sub(/^t=/, "", t)
        if ($3 == "<-" && $4 == "empty" && ss == "") ss = t
        if ($3 == "->" && $4 == "204") se = t
        if ($3 == "->" && ($4 == "GetParameterValues" || $4 == "GetParameterNames") && rs == "")
            rs = t
        if ($3 == "<-" && $4 == "GetParameterNamesResponse") {
            ge = t; re = t; split($5, a, "="); names = a[2]
        }
        if ($3 == "<-" && $4 == "GetParameterValuesResponse") {
            re = t; split($5, a, "="); count += a[2]
        }
        if ($3 == "read-tree") {
            for (i = 4; i <= NF; i++) { split($i, a, "="); f[a[1]] = a[2] }
            batches = f["batches"]; values = f["values"]; params = f["parameters"]
        }
    }
    END {
        if (count == 0 && names != "") count = names
        printf "%s %s %s %s %s %d %d %d %d %d\n", ss, se, rs, re, ge == "" ? 0 : ge, count,
            names, batches, values, params
    }' "$dir/acs/log"
}

# One cwmpd with $2 port mappings, the sessions $3... (empty, gpv, gpn, tree32, tree1); prints the
# figures under the heading $1. Leaves, for the later sizes, the read's time of each session kind
# in took_KIND (ms), and in last_gpv_file the recorded GetParameterValuesResponse.
run_size()
{
    local label=$1 mappings=$2
    shift 2
    local kinds=("$@")
    dir=$top/$label
    mkdir -p "$dir/state"
    local s=1 k
    {
        echo "session"
        echo "inform-response"
        echo "ScheduleInform 1 bench"
        echo "end"
        for k in "${kinds[@]}"; do
            [ "${k#skip-}" = "$k" ] || continue
            s=$((s + 1))
            echo "session"
            echo "wait-for go-$s"
            echo "inform-response"
            echo "ScheduleInform 1 bench"
            case $k in
            empty) ;;
            first | gpv) echo "GetParameterValues InternetGatewayDevice." ;;
            gpn) echo "GetParameterNames InternetGatewayDevice. false" ;;
            tree32) echo "read-tree InternetGatewayDevice. 32" ;;
            tree1) echo "read-tree InternetGatewayDevice. 1000000" ;;
            esac
            echo "end"
        done
        s=$((s + 1))
        echo "session"
        echo "wait-for go-$s"
        echo "inform-response"
        echo "end"
    } >"$dir/script"
    local last=$s
    "$TESTACS" --listen 127.0.0.1:0 --port-file "$dir/port" --script "$dir/script" \
        --record "$dir/acs" >"$dir/acs.out" 2>&1 &
    acs_pid=$!
    for _ in $(seq 1 100); do [ -s "$dir/port" ] && break; sleep 0.05; done
    [ -s "$dir/port" ] || fail "the test ACS did not start: $(cat "$dir/acs.out")"
    startup_config "$mappings" "$(cat "$dir/port")" >"$dir/state/startup-config"
    "$CWMPD" --foreground --state-dir "$dir/state" --socket "$dir/sock" 2>"$dir/cwmpd.log" &
    cwmpd_pid=$!
    for _ in $(seq 1 600); do [ -S "$dir/sock" ] && break; sleep 0.05; done
    [ -S "$dir/sock" ] || fail "cwmpd did not start: $(cat "$dir/cwmpd.log")"
    grep -q "%PARSER-" "$dir/cwmpd.log" && fail "startup-config: $(cat "$dir/cwmpd.log")"
    "$CWMPSH" --socket "$dir/sock" -c enable -c "configure terminal" -c "cwmp agent" -c enable \
        -c end >/dev/null

    # Sample at each held Inform: 2 .. last.
    local -a cpu_d wait_d cpu_a stat_d hwm rss0 dirty0 hwm_reset
    local idle_rss idle_dirty
    for ((s = 2; s <= last; s++)); do
        wait_held "$s"
        read -r "cpu_d[s]" "wait_d[s]" <<<"$(cpu_ns "$cwmpd_pid")"
        read -r "cpu_a[s]" _ <<<"$(cpu_ns "$acs_pid")"
        stat_d[s]=$(stat_ms "$cwmpd_pid")
        hwm[s]=$(status_kib "$cwmpd_pid" VmHWM)
        rss0[s]=$(status_kib "$cwmpd_pid" VmRSS)
        dirty0[s]=$(dirty_kib "$cwmpd_pid")
        if [ "$s" = 2 ]; then
            idle_rss=${rss0[s]}
            idle_dirty=$(dirty_kib "$cwmpd_pid")
        fi
        hwm_reset[s]=yes
        echo 5 2>/dev/null >"/proc/$cwmpd_pid/clear_refs" || hwm_reset[s]=no
        touch "$dir/go-$s"
    done
    wait_sessions "$last"
    sleep 2
    local kept_rss kept_dirty
    kept_rss=$(status_kib "$cwmpd_pid" VmRSS)
    kept_dirty=$(dirty_kib "$cwmpd_pid")
    kill "$cwmpd_pid" "$acs_pid"
    wait "$cwmpd_pid" "$acs_pid" 2>/dev/null || true
    cwmpd_pid=
    acs_pid=
    local invalid
    read -r invalid <"$dir/acs/invalid"
    [ "$invalid" = 0 ] ||
        fail "$label: $invalid invalid messages: $(grep INVALID "$dir/acs/log" | head -5)"
    local nmap
    nmap=$(grep -o 'PortMappingNumberOfEntries</Name><Value[^>]*>[0-9]*' \
        "$dir/acs/2-"*-GetParameterValuesResponse.xml | sed 's/.*>//' | head -1)
    [ "$nmap" = "$mappings" ] || fail "$label: $nmap port mappings in the tree, not $mappings"

    line "cwmpd resident memory, idle (after the BOOTSTRAP session)" \
        "$(printf '%10d KiB (Private_Dirty %d KiB)' "$idle_rss" "$idle_dirty")"
    # The figures, session by session (session s's window: held Inform s to held Inform s+1).
    local gpv_count=0 gpv_ms=0 gpv_cpu=0
    s=1
    for k in "${kinds[@]}"; do
        if [ "${k#skip-}" != "$k" ]; then
            k=${k#skip-}
            line "$(kind_label "$k")" "$(awk -v t="${took10k[$k]}" 'BEGIN {
                printf "   skipped (10k took %.1f s; BENCH_CWMP_FULL=1 runs it)", t / 1000 }')"
            continue
        fi
        s=$((s + 1))
        local f
        f=$(session_figures "$s")
        local ss se rs re ge count names batches values params
        read -r ss se rs re ge count names batches values params <<<"$f"
        local cd wd ca sd
        cd=$(((cpu_d[s + 1] - cpu_d[s]) / 1000))
        wd=$(((wait_d[s + 1] - wait_d[s]) / 1000))
        ca=$(((cpu_a[s + 1] - cpu_a[s]) / 1000))
        sd=$(awk -v a="${stat_d[s]}" -v b="${stat_d[s + 1]}" 'BEGIN {printf "%.0f", b - a}')
        local peak_note="during the session"
        [ "${hwm_reset[s]}" = yes ] || peak_note="(running maximum since cwmpd started)"
        local what
        what=$(kind_label "$k")
        if [ "$k" = tree32 ] || [ "$k" = tree1 ]; then
            [ "$values" = "$params" ] || fail "$label: read-tree: $values values of $params"
            [ "$values" = "$gpv_count" ] ||
                fail "$label: read-tree: $values values, by partial path $gpv_count"
            count=$values
        fi
        awk -v what="$what" -v k="$k" -v ss="$ss" -v se="$se" -v rs="$rs" -v re="$re" \
            -v ge="$ge" -v n="$count" -v names="$names" -v b="$batches" -v cd="$cd" -v ca="$ca" \
            -v wd="$wd" \
            -v sd="$sd" -v peak="${hwm[s + 1]}" -v start="${rss0[s]}" -v note="$peak_note" '
        function out(l, v) { printf "%-62s %s\n", l, v }
        BEGIN {
            per = n > 0 ? n : 1
            if (k == "empty") {
                out(what, sprintf("%10.1f ms", se - ss))
            } else {
                unit = k == "gpn" ? "names" : "values"
                out(what, sprintf("%10d %s", n, unit))
                if (k == "tree32" || k == "tree1") {
                    out("  GetParameterNames then GetParameterValues: requests",
                        sprintf("%10d", b + 1))
                    out("  the read answered in (GetParameterNames to the last answer)",
                        sprintf("%10.1f ms (%.0f parameters/s)", re - rs, n / ((re - rs) / 1000)))
                    out("    of which GetParameterNames (" names " names)",
                        sprintf("%10.1f ms", ge - rs))
                } else {
                    out("  the request answered in", sprintf("%10.1f ms (%.0f %s/s)", re - rs,
                        n / ((re - rs) / 1000), unit == "names" ? "names" : "parameters"))
                }
                out("  the whole session (empty POST to 204)", sprintf("%10.1f ms", se - ss))
            }
            label = "  cwmpd CPU (schedstat; /proc/PID/stat: " sd " ms)"
            if (k == "empty")
                out(label, sprintf("%10.1f ms", cd / 1000))
            else
                out(label, sprintf("%10.1f ms (%.2f us a %s)", cd / 1000, cd / per,
                    k == "gpn" ? "name" : "parameter"))
            out("  test ACS CPU (schedstat)", sprintf("%10.1f ms", ca / 1000))
            out("  cwmpd runnable but waiting for a CPU (machine load)",
                sprintf("%10.1f ms", wd / 1000))
            label = "  cwmpd peak resident memory " note
            if (k == "empty")
                out(label, sprintf("%10d KiB (+%d KiB)", peak, peak - start))
            else
                out(label, sprintf("%10d KiB (+%d KiB, %.0f bytes a %s)", peak, peak - start,
                    (peak - start) * 1024 / per, k == "gpn" ? "name" : "parameter"))
        }'
        local ms
        ms=$(awk -v a="$rs" -v b="$re" 'BEGIN {printf "%.1f", b - a}')
        took[$k]=$ms
        cpu[$k]=$cd
        # The GetParameterValues of a by-name read alone: from the GetParameterNamesResponse on.
        took_values[$k]=$(awk -v a="$ge" -v b="$re" 'BEGIN {printf "%.1f", b - a}')
        if [ "$k" = first ]; then
            line "cwmpd resident memory after it (instances numbered, kept)" \
                "$(printf '%10d KiB (Private_Dirty %d KiB)' "${rss0[s + 1]}" "${dirty0[s + 1]}")"
        fi
        if [ "$k" = gpv ]; then
            gpv_count=$count
            gpv_ms=$ms
            gpv_cpu=$cd
            last_gpv_file=$(ls "$dir/acs/$s"-*-GetParameterValuesResponse.xml)
            cp "$last_gpv_file" "$top/gpv-$label.xml"
            last_gpv_file=$top/gpv-$label.xml
        fi
    done
    for k in tree32 tree1; do
        case " ${kinds[*]} " in *" $k "*) ;; *) continue ;; esac
        local t=${took[$k]} c=${cpu[$k]} what
        [ "$k" = tree32 ] && what="by name in batches of 32 / by partial path" ||
            what="by name in one request / by partial path"
        awk -v what="$what" -v t="$t" -v c="$c" -v gt="$gpv_ms" -v gc="$gpv_cpu" 'BEGIN {
            printf "%-62s %10.1f x time, %.1f x cwmpd CPU\n", what, t / gt, c / gc }'
        # Its GetParameterValues alone: the time from the GetParameterNamesResponse on, and cwmpd's
        # CPU without the GetParameterNames session's (both sessions' overhead, the empty
        # session's CPU, taken once).
        awk -v what="  its GetParameterValues alone / by partial path" -v t="${took_values[$k]}" \
            -v c="$c" -v gt="$gpv_ms" -v gc="$gpv_cpu" -v n="${cpu[gpn]}" -v e="${cpu[empty]}" \
            'BEGIN { printf "%-62s %10.1f x time, %.1f x cwmpd CPU\n", what, t / gt,
                (c - n) / (gc - e) }'
    done
    line "cwmpd resident memory 2 s after the last read" \
        "$(printf '%10d KiB (Private_Dirty %d KiB)' "$kept_rss" "$kept_dirty")"
    rm -rf "$dir"
}

line "cwmpd's request size limit (cwmp agent)" \
    "$(printf '%10d KB (default 4096): a 100k-name request is about 12 MB' "$REQUEST_LIMIT_KB")"

echo "-- about 1k parameters (110 port mappings)"
run_size 1k 110 first empty gpv gpn tree32 tree1

echo "-- about 10k parameters (1,250 port mappings)"
run_size 10k 1250 first empty gpv gpn tree32 tree1
for k in gpv tree32 tree1; do
    took10k[$k]=${took[$k]}
    cpu10k[$k]=${cpu[$k]}
done
floor_file=$last_gpv_file
floor=$("$FLOOR" "$floor_file" 21) || fail "bench_floor failed"
floor_params=$(sed -n 's/.*parameters=\([0-9]*\).*/\1/p' <<<"$floor")
floor_ms=$(sed -n 's/.*median_ms=\([0-9.]*\).*/\1/p' <<<"$floor")
floor_rate=$(sed -n 's/.*parameters_per_s=\([0-9]*\).*/\1/p' <<<"$floor")
floor_bytes=$(sed -n 's/.*bytes=\([0-9]*\) .*/\1/p' <<<"$floor")
line "floor: xmlReader over its GetParameterValuesResponse ($((floor_bytes / 1024)) KiB)" \
    "$(printf '%10.1f ms (%d parameters, %d parameters/s; median of 21)' "$floor_ms" \
        "$floor_params" "$floor_rate")"
for k in gpv tree32 tree1; do
    awk -v k="$k" -v c="${cpu10k[$k]}" -v f="$floor_ms" 'BEGIN {
        w = k == "gpv" ? "by partial path" : \
            k == "tree32" ? "by name in batches of 32" : "by name in one request"
        printf "%-62s %10.1f x\n", "  cwmpd CPU / floor, " w, c / 1000 / f }'
done

echo "-- about 100k parameters (12,500 port mappings)"
kinds100k=(first empty gpv gpn)
for k in tree32 tree1; do
    if [ "${BENCH_CWMP_FULL:-0}" = 1 ] ||
        awk -v t="${took10k[$k]}" -v max="$FULL_IF_10K_UNDER_MS" 'BEGIN {exit !(t < max)}'; then
        kinds100k+=("$k")
    else
        kinds100k+=("skip-$k")
    fi
done
run_size 100k 12500 "${kinds100k[@]}"
