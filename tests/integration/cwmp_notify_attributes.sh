#!/bin/bash
# SetParameterAttributes on a partial path: parameters inside that cannot take the notification
# asked (forced active ones, those that may deny active) keep theirs and the request succeeds, so
# that an ACS can clear every notification; 9009 only for such a parameter named itself.
. "$(dirname "$0")/cwmp_lib.sh"

DI=InternetGatewayDevice.DeviceInfo.
MS=InternetGatewayDevice.ManagementServer.
write_device_info
cat >"$TEST_TMP/script" <<EOF2
session
SetParameterAttributes InternetGatewayDevice. true 0 false %
GetParameterAttributes ${DI}SoftwareVersion ${MS}ConnectionRequestURL
SetParameterAttributes ${DI} true 2 false %
GetParameterAttributes ${DI}UpTime ${DI}HardwareVersion ${DI}ProvisioningCode
SetParameterAttributes ${DI} true 1 false %
GetParameterAttributes ${DI}SoftwareVersion ${DI}Manufacturer ${DI}UpTime
SetParameterAttributes ${DI}UpTime true 2 false %
SetParameterAttributes ${DI}SoftwareVersion true 0 false %
GetParameterAttributes ${DI}SoftwareVersion ${DI}UpTime
end
EOF2
start_acs --script "$TEST_TMP/script" $(schema_args)
start_cwmpd
configure_acs
wait_acs_sessions 1 || fail "no session"

# attr NAME N: a ParameterAttributeStruct's start as cwmpd writes it.
attr() {
    printf '<Name>%s</Name><Notification>%s</Notification>' "$1" "$2"
}
# Every notification cleared, but the forced one; ConnectionRequestURL's default taken away.
assert_contains "$(body 1 03)" "SetParameterAttributesResponse"
gpa=$(body 1 04)
assert_contains "$gpa" "$(attr "${DI}SoftwareVersion" 2)"
assert_contains "$gpa" "$(attr "${MS}ConnectionRequestURL" 0)"
# Active on a subtree: UpTime may deny it and keeps 0.
assert_contains "$(body 1 05)" "SetParameterAttributesResponse"
gpa=$(body 1 06)
assert_contains "$gpa" "$(attr "${DI}UpTime" 0)"
assert_contains "$gpa" "$(attr "${DI}HardwareVersion" 2)"
assert_contains "$gpa" "$(attr "${DI}ProvisioningCode" 2)"
# Passive on a subtree: the forced parameter stays active, UpTime takes passive.
assert_contains "$(body 1 07)" "SetParameterAttributesResponse"
gpa=$(body 1 08)
assert_contains "$gpa" "$(attr "${DI}SoftwareVersion" 2)"
assert_contains "$gpa" "$(attr "${DI}Manufacturer" 1)"
assert_contains "$gpa" "$(attr "${DI}UpTime" 1)"
# Named itself, a parameter that cannot take it: 9009, and nothing changed.
assert_contains "$(body 1 09)" "<FaultCode>9009</FaultCode>"
assert_contains "$(body 1 10)" "<FaultCode>9009</FaultCode>"
gpa=$(body 1 11)
assert_contains "$gpa" "$(attr "${DI}SoftwareVersion" 2)"
assert_contains "$gpa" "$(attr "${DI}UpTime" 1)"
acs_no_invalid
stop_acs
exit 0
