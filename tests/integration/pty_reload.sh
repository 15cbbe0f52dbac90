#!/bin/bash
# reload at the terminal: "Save? [yes/no]" when running-config differs from startup-config (an
# answer other than yes or no is asked again, no does not save), then "Proceed with reload?
# [confirm]" (n cancels); once confirmed, the session ends and cwmpd comes back with the same
# process id, having saved what yes asked to save.
. "$(dirname "$0")/pty_lib.sh"

start_cwmpd
pid=$CWMPD_PID
configure "configure terminal" "hostname Edge" end

pty_run cancel <<'EOF2'
expect Edge>
send enable\r
expect Edge#
send reload\r
expect Save? [yes/no]:\x20
send maybe\r
expect % Please answer 'yes' or 'no'.\n
expect Save? [yes/no]:\x20
send no\r
expect Proceed with reload? [confirm]
send n\r
expect Edge#
send exit\r
expect-exit 0
EOF2
assert_eq "$(screen cancel)" "Edge>enable
Edge#reload

System configuration has been modified. Save? [yes/no]: maybe
% Please answer 'yes' or 'no'.
System configuration has been modified. Save? [yes/no]: no
Proceed with reload? [confirm]n
Edge#exit"
[ -e "$STATE/startup-config" ] && fail "no saved the configuration"
assert_eq "$(grep -c '%SYS-5-RESTART' "$CWMPD_LOG")" 1 "starts after a cancelled reload"

# yes saves, Enter confirms: the shell ends with the session.
pty_run proceed <<'EOF2'
expect Edge>
send enable\r
expect Edge#
send reload\r
expect Save? [yes/no]:\x20
send yes\r
expect [OK]\n
expect Proceed with reload? [confirm]
send \r
expect-exit 0
EOF2
assert_eq "$(screen proceed)" "Edge>enable
Edge#reload

System configuration has been modified. Save? [yes/no]: yes
Building configuration...
[OK]
Proceed with reload? [confirm]"
wait_restarts 2
[ "$CWMPD_PID" = "$pid" ] && kill -0 "$pid" || fail "cwmpd's process id changed"
assert_contains "$(running_config)" "hostname Edge"
assert_contains "$(cat "$STATE/startup-config")" "hostname Edge"

# A change made meanwhile in another shell is asked about; answered no, the reload loses it.
pty_run saved <<'EOF2'
expect Edge>
send enable\r
expect Edge#
run "$CWMPSH" --socket "$SOCK" -c enable -c "configure terminal" -c "hostname Lost" -c end >/dev/null
send reload\r
expect Save? [yes/no]:\x20
send n\r
expect Proceed with reload? [confirm]
send y\r
expect-exit 0
EOF2
wait_restarts 3
assert_contains "$(running_config)" "hostname Edge"
# Nothing modified: only the confirmation.
pty_run unmodified <<'EOF2'
expect Edge>
send enable\r
expect Edge#
send reload\r
expect Proceed with reload? [confirm]
send no\r
expect Edge#
send exit\r
expect-exit 0
EOF2
assert_eq "$(screen unmodified)" "Edge>enable
Edge#reload
Proceed with reload? [confirm]no
Edge#exit"
assert_eq "$(grep -c '%SYS-5-RESTART' "$CWMPD_LOG")" 3 "starts"
stop_cwmpd
