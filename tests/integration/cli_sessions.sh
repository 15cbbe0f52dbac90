#!/bin/bash
# Several shells at once, a shell killed mid-session, cwmpd going away under a shell, and cwmpsh
# without cwmpd.
. "$(dirname "$0")/lib.sh"

# No cwmpd: one % line, non-zero status.
out=$(cli -c "show clock")
rc=$?
[ "$rc" -ne 0 ] || fail "cwmpsh exited 0 without cwmpd"
[ "$(printf '%s\n' "$out" | wc -l)" -eq 1 ] || fail "more than one line without cwmpd: $out"
assert_contains "$out" "% cwmpd is not running (cannot connect to $SOCK:"

start_cwmpd

# Two shells configuring at once: every line of both applies, one at a time.
{
    echo enable
    echo "configure terminal"
    for i in $(seq 1 200); do
        echo "interface Loopback$i"
        echo "description from shell A number $i"
    done
} >"$TEST_TMP/a.txt"
{
    echo enable
    echo "configure terminal"
    for i in $(seq 1 200); do
        echo "ip nat inside source static tcp 10.0.0.1 $i 192.0.2.1 $((i + 1000))"
    done
} >"$TEST_TMP/b.txt"
cli <"$TEST_TMP/a.txt" >"$TEST_TMP/a.out" &
pa=$!
cli <"$TEST_TMP/b.txt" >"$TEST_TMP/b.out" &
pb=$!
wait $pa || fail "shell A failed: $(cat "$TEST_TMP/a.out")"
wait $pb || fail "shell B failed: $(cat "$TEST_TMP/b.out")"
cfg=$(running_config)
[ "$(printf '%s\n' "$cfg" | grep -c '^interface Loopback')" -eq 200 ] || fail "shell A's interfaces missing"
[ "$(printf '%s\n' "$cfg" | grep -c '^ description from shell A number')" -eq 200 ] || fail "descriptions missing"
[ "$(printf '%s\n' "$cfg" | grep -c '^ip nat inside source static tcp 10.0.0.1 ')" -eq 200 ] \
    || fail "shell B's NAT rules missing"
assert_contains "$cfg" "interface Loopback200
 description from shell A number 200
 no ip address
!"

# A shell killed in the middle of its session: cwmpd keeps serving, what was applied stays.
mkfifo "$TEST_TMP/fifo"
cli <"$TEST_TMP/fifo" >"$TEST_TMP/killed.out" &
pk=$!
CLEANUP_PIDS="$CLEANUP_PIDS $pk"
exec 7>"$TEST_TMP/fifo"
printf 'enable\nconfigure terminal\ninterface Vlan9\ndescription half done\n' >&7
for i in $(seq 1 100); do
    grep -q 'description half done' <(running_config) && break
    sleep 0.05
done
out=$(cli -c enable -c "show users")
[ "$(printf '%s\n' "$out" | grep -c 'vty')" -eq 2 ] || fail "show users did not list two shells: $out"
kill -9 $pk
wait $pk 2>/dev/null
exec 7>&-
for i in $(seq 1 100); do
    out=$(cli -c enable -c "show users")
    [ "$(printf '%s\n' "$out" | grep -c 'vty')" -eq 1 ] && break
    sleep 0.05
done
[ "$(printf '%s\n' "$out" | grep -c 'vty')" -eq 1 ] || fail "the killed shell is still listed: $out"
assert_contains "$(running_config)" "interface Vlan9
 description half done"

# A piped shell inside an interface that another shell deletes: its next line is not run (it
# would make the interface again), it says why, and the shell is in global configuration (a
# line of the interface's mode is then invalid input there).
mkfifo "$TEST_TMP/fifo3"
cli <"$TEST_TMP/fifo3" >"$TEST_TMP/gone.out" &
pg=$!
CLEANUP_PIDS="$CLEANUP_PIDS $pg"
exec 9>"$TEST_TMP/fifo3"
printf 'enable\nconfigure terminal\ninterface Vlan102\ndescription first\n' >&9
for i in $(seq 1 100); do
    grep -q 'description first' <(running_config) && break
    sleep 0.05
done
cli -c enable -c "configure terminal" -c "no interface Vlan102" -c end >/dev/null
printf 'description second\ndescription third\nend\n' >&9
exec 9>&-
wait $pg || true
assert_eq "$(cat "$TEST_TMP/gone.out")" "Enter configuration commands, one per line.  End with CNTL/Z.
% Interface Vlan102 no longer exists
description third
  ^
% Invalid input detected at '^' marker." "the piped shell whose interface was deleted"
assert_not_contains "$(running_config)" "Vlan102" "running-config"

# cwmpd restarting under an attached shell: the shell says so in one line and fails.
mkfifo "$TEST_TMP/fifo2"
cli <"$TEST_TMP/fifo2" >"$TEST_TMP/lost.out" &
pl=$!
CLEANUP_PIDS="$CLEANUP_PIDS $pl"
exec 8>"$TEST_TMP/fifo2"
echo "show clock" >&8
sleep 0.2
stop_cwmpd
start_cwmpd
echo "show clock" >&8
exec 8>&-
wait $pl
rc=$?
[ "$rc" -ne 0 ] || fail "cwmpsh exited 0 after losing cwmpd"
assert_eq "$(tail -n 1 "$TEST_TMP/lost.out")" "% Connection to cwmpd lost" "the shell's last line"
[ "$(grep -c '%' "$TEST_TMP/lost.out")" -eq 1 ] || fail "more than one message: $(cat "$TEST_TMP/lost.out")"
exit 0
