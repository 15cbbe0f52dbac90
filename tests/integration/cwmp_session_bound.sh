#!/bin/bash
# A session the ACS never ends (it answers every message with a request) is bounded: past
# --session-limit's requests or seconds it fails cleanly and is retried.
. "$(dirname "$0")/cwmp_lib.sh"

write_device_info
# A Download that fails at once leaves a TransferComplete owed; the ACS holds requests in the
# sessions that never end, so that it stays owed and the failed sessions are retried.
cat >"$TEST_TMP/script" <<'EOF2'
session
Download missing 2%20Web%20Content http://127.0.0.1:@PORT@/files/nothing.bin % % 0 % 0
end
session
inform-response hold
GetParameterValues InternetGatewayDevice.DeviceInfo.SpecVersion
again
session
inform-response hold
wait 1
GetParameterValues InternetGatewayDevice.DeviceInfo.SpecVersion
again
EOF2
mkdir -p "$TEST_TMP/files"
start_acs --script "$TEST_TMP/script" $(schema_args) --files "$TEST_TMP/files"
start_cwmpd --session-limit 30/4
configure_acs "enable download"
# Session 2 fails on its 31st request, session 3 (a request a second) after 4 s; session 4 ends.
wait_acs_sessions 4 40 || fail "the sessions that never end were not given up"
log=$(cat "$ACS_REC/log")
assert_contains "$log" "2 -- abandoned"
assert_contains "$log" "3 -- abandoned"
assert_contains "$log" "4 01 <- Inform events=M Download(missing),7 TRANSFER COMPLETE retry=2"
assert_contains "$log" "4 02 <- TransferComplete key=missing fault=9016"
n2=$(grep -c "^2 .* <- GetParameterValuesResponse" "$ACS_REC/log")
n3=$(grep -c "^3 .* <- GetParameterValuesResponse" "$ACS_REC/log")
assert_eq "$n2" 30 "requests answered in session 2"
[ "$n3" -ge 2 ] && [ "$n3" -le 4 ] || fail "session 3 answered $n3 requests in 4 s at one a second"
assert_contains "$(cat "$CWMPD_LOG")" "the ACS did not end the session after 30 requests (retry 1)"
assert_contains "$(cat "$CWMPD_LOG")" "the session lasted more than 4 s (retry 2)"
out=$(cli -c enable -c "show cwmp session")
assert_contains "$out" "Sessions            : 4 (2 failed)"
assert_contains "$out" "Events queued       : none"
acs_no_invalid
stop_acs
stop_cwmpd
exit 0
