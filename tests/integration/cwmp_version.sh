#!/bin/bash
# Version negotiation: cwmpd offers CWMP 1.4 in the cwmp-1-2 namespace and follows what the ACS
# answers: an old cwmp-1-0 ACS, and a 1.4 ACS that names the version with UseCWMPVersion.
. "$(dirname "$0")/cwmp_lib.sh"

write_device_info
cat >"$TEST_TMP/script" <<'EOF2'
session
GetParameterValues InternetGatewayDevice.DeviceInfo.SpecVersion
SetParameterValues v1 InternetGatewayDevice.DeviceInfo.ProvisioningCode xsd:string OLD-ACS
end
EOF2
start_acs --script "$TEST_TMP/script" --cwmp-version 1.0 $(schema_args)
start_cwmpd
configure_acs
wait_acs_sessions 1 || fail "no session with a cwmp-1-0 ACS"
assert_contains "$(body 1 01)" 'xmlns:cwmp="urn:dslforum-org:cwmp-1-2"'
# Answers go in the namespace of the requests: the ACS's.
assert_contains "$(body 1 03)" 'xmlns:cwmp="urn:dslforum-org:cwmp-1-0"'
assert_contains "$(body 1 03)" "<cwmp:GetParameterValuesResponse>"
assert_contains "$(body 1 04)" "<Status>0</Status>"
acs_no_invalid
stop_acs
stop_cwmpd

ACS_REC=$TEST_TMP/acs14
start_acs --script "$TEST_TMP/script" --cwmp-version 1.4 $(schema_args)
start_cwmpd
configure_acs
wait_acs_sessions 1 || fail "no session with a CWMP 1.4 ACS"
assert_contains "$(cat "$ACS_REC/log")" "UseCWMPVersion=1.4"
assert_contains "$(body 1 03)" 'xmlns:cwmp="urn:dslforum-org:cwmp-1-2"'
acs_no_invalid
stop_acs
exit 0
