#!/bin/bash
# Periodic informs (2 PERIODIC) from `periodic inform` in cwmp agent mode, and an ACS that turns
# them off through ManagementServer.PeriodicInformEnable.
. "$(dirname "$0")/cwmp_lib.sh"

write_device_info
cat >"$TEST_TMP/script" <<'EOF2'
session
session
session
SetParameterValues off InternetGatewayDevice.ManagementServer.PeriodicInformEnable xsd:boolean false
EOF2
start_acs --script "$TEST_TMP/script" $(schema_args)
start_cwmpd
configure_acs "periodic inform" "periodic inform interval 1"
wait_acs_sessions 3 10 || fail "no periodic sessions"
log=$(cat "$ACS_REC/log")
assert_contains "$log" "2 01 <- Inform events=2 PERIODIC"
assert_contains "$log" "3 01 <- Inform events=2 PERIODIC"
sleep 2.5
[ "$(cat "$ACS_REC/sessions")" = 3 ] || fail "periodic informs went on after the ACS disabled them"
running_config | grep -qx ' periodic inform' && fail "periodic inform still configured"
assert_contains "$(running_config)" " periodic inform interval 1"
acs_no_invalid
stop_acs
exit 0
