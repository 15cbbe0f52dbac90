#!/bin/bash
# Reboot: answered, the session ends, cwmpd reloads (it executes itself again and reads its
# startup-config: what was not saved is gone), and the next Inform says 1 BOOT and M Reboot with
# the command key.
. "$(dirname "$0")/cwmp_lib.sh"

write_device_info
cat >"$TEST_TMP/script" <<'EOF2'
session
session
Reboot reboot-key-1
EOF2
start_acs --script "$TEST_TMP/script" $(schema_args)
start_cwmpd
configure_acs
cli -c enable -c "write memory" >/dev/null
wait_acs_sessions 1 || fail "no first session"
pid_before=$CWMPD_PID
# An unsaved change, then a reason for a session.
cli -c enable -c "configure terminal" -c "hostname Unsaved" -c "cwmp agent" \
    -c "provision code TRIGGER" -c end >/dev/null
wait_acs_sessions 2 || fail "no second session"
assert_contains "$(body 2 03)" "<cwmp:RebootResponse"
wait_acs_sessions 3 10 || fail "no session after the reboot"
inform=$(body 3 01)
assert_contains "$inform" "<EventCode>1 BOOT</EventCode>"
assert_contains "$inform" "<EventCode>M Reboot</EventCode><CommandKey>reboot-key-1</CommandKey>"
assert_not_contains "$inform" "BOOTSTRAP"
[ "$CWMPD_PID" = "$pid_before" ] && kill -0 "$CWMPD_PID" || fail "cwmpd is gone"
grep -q "%SYS-5-RELOAD: Reload requested. Reload Reason: Reboot RPC from the ACS.$" "$CWMPD_LOG" ||
    fail "the reload was not logged with its reason"
# show version says why the device restarted.
version=$(cli -c "show version")
assert_match "$version" '^System returned to ROM by Reboot RPC at [0-9]{2}:[0-9]{2}:[0-9]{2} '
assert_contains "$version" "Last reload reason: Reboot RPC from the ACS"
assert_contains "$(running_config)" "hostname Router"
assert_not_contains "$(cli -c enable -c 'show cwmp session')" "M Reboot"
acs_no_invalid
stop_acs
exit 0
