#!/bin/bash
# The nat-apply hook: run with running-config's static NAT rules at start and whenever they change
# (a command, a new WAN address), the rules file as its argument and on its standard input;
# not when something else changes; cwmpd goes on serving while it runs, changes during a run make
# one more run with the rules of then, and a failure is logged.
. "$(dirname "$0")/lib.sh"

RUNS=$TEST_TMP/runs
mkdir -p "$HOOKS" "$RUNS" "$STATE"
# Each run leaves N.arg (the file it was given), N.stdin, and then the count.
cat >"$HOOKS/nat-apply" <<EOF
#!/bin/bash
n=\$(( \$(cat "$RUNS/count" 2>/dev/null || echo 0) + 1 ))
cat "\$1" >"$RUNS/\$n.arg"
cat >"$RUNS/\$n.stdin"
[ -f "$RUNS/slow" ] && sleep "\$(cat "$RUNS/slow")"
echo "\$n" >"$RUNS/count.tmp" && mv "$RUNS/count.tmp" "$RUNS/count"
exit "\$(cat "$RUNS/status" 2>/dev/null || echo 0)"
EOF
chmod +x "$HOOKS/nat-apply"

runs() {
    cat "$RUNS/count" 2>/dev/null || echo 0
}

# wait_runs N: until N runs have ended (10 s at most).
wait_runs() {
    local i
    for i in $(seq 1 200); do
        [ "$(runs)" -ge "$1" ] && return 0
        sleep 0.05
    done
    fail "only $(runs) of $1 runs of the hook ended"
}

configure() {
    { echo enable; echo "configure terminal"; for l in "$@"; do echo "$l"; done; echo end; } |
        run_lines >/dev/null || fail "configuration refused: $*"
}

R1="ip nat inside source static tcp 15.15.15.2 7547 10.194.145.170 9000 extendable"
cat >"$STATE/startup-config" <<EOF
interface Ethernet0/0
 ip address 10.194.145.170 255.255.255.0
 ip nat outside
 cwmp wan
 cwmp wan default
!
$R1
EOF
export CWMPD_IFMAP="Ethernet0/0=cwmpt-nat0"
start_cwmpd

# At start, with startup-config's rules: the same text as the argument and on standard input.
wait_runs 1
assert_eq "$(cat "$RUNS/1.arg")" "$R1"
assert_eq "$(cat "$RUNS/1.stdin")" "$R1"
assert_eq "$(cat "$STATE/nat-rules")" "$R1"

# Nothing for a change that leaves the rules as they were.
configure "hostname Gateway" "interface Ethernet0/0" "description uplink"
sleep 0.5
[ "$(runs)" = 1 ] || fail "the hook ran for a change of no NAT rule"

# A rule added; the WAN address changed: the rule on it follows.
R2="ip nat inside source static udp 15.15.15.3 53 192.0.2.9 5353"
configure "$R2"
wait_runs 2
assert_eq "$(cat "$RUNS/2.arg")" "$R1
$R2"
configure "interface Ethernet0/0" "ip address 10.194.145.171 255.255.255.0"
wait_runs 3
assert_contains "$(cat "$RUNS/3.arg")" "tcp 15.15.15.2 7547 10.194.145.171 9000 extendable"
assert_contains "$(cat "$RUNS/3.arg")" "$R2"

# A slow hook: cwmpd answers meanwhile; two changes during the run make one more run, with both.
echo 2 >"$RUNS/slow"
configure "no $R2"
for i in $(seq 1 100); do [ -f "$RUNS/4.arg" ] && break; sleep 0.05; done
[ -f "$RUNS/4.arg" ] || fail "the hook did not start"
t0=$(date +%s%N)
cli -c "show clock" >/dev/null || fail "cwmpd does not answer while the hook runs"
configure "ip nat inside source static tcp 15.15.15.4 22 10.194.145.171 2222"
configure "ip nat inside source static tcp 15.15.15.5 80 10.194.145.171 8080"
t1=$(date +%s%N)
[ $(((t1 - t0) / 1000000)) -lt 1500 ] || fail "commands waited for the hook ($(((t1 - t0) / 1000000)) ms)"
[ "$(runs)" -lt 4 ] || fail "the hook's run ended too soon for this test"
rm "$RUNS/slow"
wait_runs 5
assert_eq "$(cat "$RUNS/5.arg")" "ip nat inside source static tcp 15.15.15.2 7547 10.194.145.171 9000 extendable
ip nat inside source static tcp 15.15.15.4 22 10.194.145.171 2222
ip nat inside source static tcp 15.15.15.5 80 10.194.145.171 8080"
sleep 0.5
[ "$(runs)" = 5 ] || fail "more than one run for the changes made during a run"

# A failing hook is logged, and runs again at the next change.
echo 3 >"$RUNS/status"
configure "no ip nat inside source static tcp 15.15.15.5 80 10.194.145.171 8080"
wait_runs 6
for i in $(seq 1 100); do grep -q "NAT-3-APPLY" "$CWMPD_LOG" && break; sleep 0.05; done
assert_contains "$(cat "$CWMPD_LOG")" "%NAT-3-APPLY: nat-apply hook failed (status 3)"
rm "$RUNS/status"
configure "no ip nat inside source static tcp 15.15.15.4 22 10.194.145.171 2222"
wait_runs 7
assert_contains "$(cat "$CWMPD_LOG")" "%NAT-6-APPLY: nat-apply hook applied 1 rule"

# A restart hands the rules again, whatever the system has.
cli -c enable -c "write memory" >/dev/null
stop_cwmpd
start_cwmpd
wait_runs 8
assert_eq "$(cat "$RUNS/8.arg")" "ip nat inside source static tcp 15.15.15.2 7547 10.194.145.171 9000 extendable"
stop_cwmpd
exit 0
