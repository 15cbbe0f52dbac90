#!/bin/bash
# reload from a pipe: no question, the session ends with the reply (cwmpsh exits 0 and ignores
# the lines after it), cwmpd executes itself again with the same process id and reads its
# startup-config (what was not saved is gone), and the logging buffer starts again with what was
# logged since. The reload is logged with who asked.
. "$(dirname "$0")/lib.sh"

start_cwmpd
pid=$CWMPD_PID
printf '%s\n' enable "configure terminal" "hostname Saved" end "write memory" \
    "configure terminal" "hostname Unsaved" end | run_lines >/dev/null
out=$(printf '%s\n' enable reload "show version" "configure terminal" "hostname After" |
    run_lines) || fail "reload from a pipe failed"
assert_eq "$out" "" "the output of reload"
wait_restarts 2
[ "$CWMPD_PID" = "$pid" ] && kill -0 "$pid" || fail "cwmpd's process id changed"
assert_eq "$(ps -o comm= -p "$pid")" cwmpd "the process after the reload"
grep -qE '%SYS-5-RELOAD: Reload requested by [^ ]+ on vty 0\. Reload Reason: Reload Command\.$' \
    "$CWMPD_LOG" || fail "the reload was not logged with who asked"
running=$(running_config)
assert_contains "$running" "hostname Saved"
assert_not_contains "$running" "After" # the lines after reload were not run
logbuf=$(cli -c enable -c "show logging" | sed -n '/^Log Buffer/,$p')
assert_eq "$(printf '%s\n' "$logbuf" | grep -c '%SYS-5-RESTART')" 1 "RESTART messages in the buffer"
assert_not_contains "$logbuf" "CONFIG_I" # logged before the reload

# -c: the same, and commands after reload are not run.
cli -c enable -c reload -c "configure terminal" -c "hostname Never" || fail "cwmpsh -c reload failed"
wait_restarts 3
[ "$CWMPD_PID" = "$pid" ] || fail "cwmpd's process id changed"
assert_contains "$(running_config)" "hostname Saved"

# Only in privileged EXEC: in user EXEC the word is no command, and IOS takes it for a host.
out=$(cli -c reload) && fail "reload ran in user EXEC"
assert_eq "$out" "% Unknown command or computer name, or unable to find computer address"
[ "$(grep -c '%SYS-5-RESTART' "$CWMPD_LOG")" = 3 ] || fail "cwmpd reloaded from user EXEC"
stop_cwmpd
