#!/bin/bash
# An ACS on IPv6 loopback: the URL with a bracketed address, the session over it, and the ACS's
# cookie (host-only, for ::1) sent back on every later request.
. "$(dirname "$0")/cwmp_lib.sh"

[ -e /proc/net/if_inet6 ] && grep -q '^00000000000000000000000000000001 ' /proc/net/if_inet6 ||
    skip "no IPv6 loopback address"

write_device_info
cat >"$TEST_TMP/script" <<'EOF2'
session
inform-response
GetParameterValues InternetGatewayDevice.DeviceInfo.SpecVersion
end
EOF2
ACS_REC=$TEST_TMP/acs
"$TESTACS" --listen '[::1]:0' --port-file "$ACS_REC.port" --record "$ACS_REC" \
    --script "$TEST_TMP/script" --cookie netscape $(schema_args) >"$ACS_REC.out" 2>"$ACS_REC.err" &
ACS_PID=$!
CLEANUP_PIDS="$CLEANUP_PIDS $ACS_PID"
for _ in $(seq 1 100); do
    [ -s "$ACS_REC.port" ] && break
    sleep 0.05
done
[ -s "$ACS_REC.port" ] || fail "testacs did not start on ::1"
ACS_PORT=$(cat "$ACS_REC.port")
ACS_URL="http://[::1]:$ACS_PORT/acs"
start_cwmpd
cli -c enable -c "debug ip http cookie" >/dev/null
configure_acs
wait_acs_sessions 1 || fail "no session over IPv6"
log=$(cat "$ACS_REC/log")
assert_contains "$log" "1 03 <- GetParameterValuesResponse"
assert_not_contains "$log" "cookie missing"
assert_contains "$(cat "$ACS_REC/1-03.headers")" "Cookie: session="
assert_contains "$(cat "$CWMPD_LOG")" 'stored "session" for ::1'
assert_contains "$(running_config)" "management server url http://[::1]:$ACS_PORT/acs"
acs_no_invalid
stop_acs
stop_cwmpd
exit 0
