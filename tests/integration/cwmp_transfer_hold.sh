#!/bin/bash
# HoldRequests and a refused TransferComplete: while the ACS's InformResponse holds requests, the
# TransferComplete waits (the empty POST goes instead) and comes in a later session with its events
# again; a fault other than 8005 leaves it for a later session too; once acknowledged it is never
# sent again.
. "$(dirname "$0")/cwmp_lib.sh"

write_device_info
mkdir -p "$TEST_TMP/files"
printf 'web content\n' >"$TEST_TMP/files/page.html"
cat >"$TEST_TMP/script" <<'EOF2'
session
Download web-1 2%20Web%20Content http://127.0.0.1:@PORT@/files/page.html % % 12 % 0
session
inform-response hold
session
fault 8002
session
EOF2
start_acs --script "$TEST_TMP/script" $(schema_args) --files "$TEST_TMP/files"
cat >"$STATE/startup-config" <<EOF2
cwmp agent
 enable
 enable download
 management server url $ACS_URL
 session retry wait 1
EOF2
start_cwmpd

# Session 2: held, so no TransferComplete, but its events are in the Inform.
wait_acs_sessions 2 20 || fail "no session after the download"
assert_contains "$(body 2 01)" "<EventCode>M Download</EventCode><CommandKey>web-1</CommandKey>"
assert_contains "$(acs_log)" "2 02 <- empty"
assert_not_contains "$(grep '^2 ' "$ACS_REC/log")" "TransferComplete"
# Session 3 comes by itself (the TransferComplete is owed): the ACS refuses it with 8002.
wait_acs_log "^3 02 <- TransferComplete key=web-1 fault=0" 20
assert_contains "$(body 3 01)" "<EventCode>7 TRANSFER COMPLETE</EventCode>"
assert_contains "$(acs_log)" "3 02 -> Fault 8002"
assert_contains "$(acs_log)" "3 03 <- empty"
# Session 4: acknowledged at last.
wait_acs_log "^4 02 -> TransferCompleteResponse" 20
assert_contains "$(body 4 01)" "<EventCode>M Download</EventCode><CommandKey>web-1</CommandKey>"
# A later session carries neither the events nor the request.
cli -c enable -c "configure terminal" -c "cwmp agent" -c "provision code AFTER" -c end >/dev/null
wait_acs_sessions 5 20 || fail "no fifth session"
assert_not_contains "$(body 5 01)" "web-1"
[ "$(grep -c 'TransferComplete key=web-1' "$ACS_REC/log")" = 2 ] || fail "not sent exactly twice"
cmp -s "$TEST_TMP/files/page.html" "$STATE/flash/page.html" || fail "flash:page.html differs"
acs_no_invalid
stop_acs
exit 0
