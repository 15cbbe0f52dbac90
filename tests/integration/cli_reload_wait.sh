#!/bin/bash
# A reload gives the shells up to a second to take their output before cwmpd executes itself
# again, and it waits on the loop: a shell that does not read (its cwmpsh writes into a full
# pipe) delays the exec, not the others, which are answered meanwhile.
. "$(dirname "$0")/lib.sh"

ANSWER_MS=100
[ -n "${CWMPD_SANITIZED:-}" ] && ANSWER_MS=400

# A running-config of about 900 KB: more than a socket and a pipe hold.
mkdir -p "$STATE"
for i in $(seq 1 8000); do
    printf 'interface Loopback%d\n description a loopback with a description long enough %d\n' "$i" "$i"
done >"$STATE/startup-config"
start_cwmpd
pid=$CWMPD_PID

# The shell that does not read: its reader sleeps.
# shellcheck disable=SC2216 # not reading is the point
(cli -c enable -c "show running-config" 2>/dev/null | sleep 5) &
stalled=$!
CLEANUP_PIDS="$CLEANUP_PIDS $stalled"
sleep 0.5

cli -c enable -c reload >/dev/null || fail "reload refused"
# Up to three tries (a loaded machine may delay one; a loop that waits fails them all).
best=999999
for _ in 1 2 3; do
    t0=$(date +%s%N)
    out=$(timeout 10 "$CWMPSH" --socket "$SOCK" -c "show clock" 2>&1)
    t1=$(date +%s%N)
    assert_match "$out" "^\*?[0-9]{2}:[0-9]{2}:[0-9]{2}" "show clock"
    ms=$(((t1 - t0) / 1000000))
    [ "$ms" -lt "$best" ] && best=$ms
    [ "$best" -lt "$ANSWER_MS" ] && break # before the exec ends the window
done
[ "$best" -lt "$ANSWER_MS" ] || fail "show clock took $best ms while the reload waited for a shell"

# The reload happens all the same, within its second, in the same process.
for _ in $(seq 1 100); do
    [ "$(grep -c '%SYS-5-RESTART' "$CWMPD_LOG")" = 2 ] && break
    sleep 0.05
done
[ "$(grep -c '%SYS-5-RESTART' "$CWMPD_LOG")" = 2 ] || fail "cwmpd did not reload"
[ "$CWMPD_PID" = "$pid" ] && kill -0 "$pid" || fail "cwmpd is gone"
wait "$stalled" 2>/dev/null
stop_cwmpd
exit 0
