#!/bin/bash
# The ACS answers TransferComplete with a request of its own instead of TransferCompleteResponse
# (real ACSs do): cwmpd answers the request, the session goes on and succeeds, and the
# TransferComplete, never acknowledged, is sent again in the next session.
. "$(dirname "$0")/cwmp_lib.sh"

write_device_info
cat >"$TEST_TMP/script" <<'EOF2'
session
Download missing 2%20Web%20Content http://127.0.0.1:@PORT@/files/nothing.bin % % 0 % 0
session
move-on
GetParameterValues InternetGatewayDevice.DeviceInfo.SpecVersion
end
EOF2
mkdir -p "$TEST_TMP/files"
start_acs --script "$TEST_TMP/script" $(schema_args) --files "$TEST_TMP/files"
start_cwmpd
configure_acs "enable download"
wait_acs_sessions 3 30 || fail "no third session"
log=$(cat "$ACS_REC/log")
assert_contains "$log" "2 02 <- TransferComplete key=missing fault=9016"
assert_contains "$log" "2 02 (TransferComplete not answered)"
assert_contains "$log" "2 03 <- GetParameterValuesResponse"
assert_contains "$log" "2 03 -> 204 end"
assert_contains "$log" "3 02 <- TransferComplete key=missing fault=9016"
assert_contains "$log" "3 02 -> TransferCompleteResponse"
out=$(cli -c enable -c "show cwmp session")
assert_contains "$out" "Sessions            : 3 (0 failed)"
assert_not_contains "$(cli -c enable -c 'show cwmp persistent')" "missing"
acs_no_invalid
stop_acs
exit 0
