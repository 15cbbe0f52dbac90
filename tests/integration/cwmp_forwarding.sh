#!/bin/bash
# Layer3Forwarding.Forwarding is IOS's `ip route` lines, writable, with the test ACS: a route typed
# in cwmpsh is an instance; AddObject, then the destination, mask and next hop make the line in
# running-config (and the instance keeps its number when the line changes); Enable false takes it
# out; a route that exists already is refused (9007); DeleteObject removes the line.
. "$(dirname "$0")/cwmp_objects_lib.sh"

L3=InternetGatewayDevice.Layer3Forwarding.
FW=${L3}Forwarding.
SHOW="X_00000C_ShowStatus show%20running-config%20|%20include%20ip%20route"

cat >"$TEST_TMP/script" <<EOF
session
inform-response
GetParameterValues ${L3}ForwardNumberOfEntries ${FW}1.DestIPAddress
AddObject ${FW} add-1
SetParameterValues key-1 ${FW}2.DestIPAddress xsd:string 10.50.0.0 ${FW}2.DestSubnetMask xsd:string 255.255.0.0 ${FW}2.GatewayIPAddress xsd:string 203.0.113.254 ${FW}2.ForwardingMetric xsd:int 10
$SHOW
SetParameterValues key-2 ${FW}2.DestIPAddress xsd:string 10.60.1.0
SetParameterValues key-3 ${FW}2.DestIPAddress xsd:string 0.0.0.0 ${FW}2.DestSubnetMask xsd:string 0.0.0.0 ${FW}2.GatewayIPAddress xsd:string 203.0.113.1 ${FW}2.ForwardingMetric xsd:int -1
SetParameterValues key-4 ${FW}1.Enable xsd:boolean false
$SHOW
GetParameterValues ${L3}ForwardNumberOfEntries ${FW}1.Status ${FW}2.DestIPAddress ${FW}2.Status
DeleteObject ${FW}2. del-1
DeleteObject ${FW}1. del-2
$SHOW
GetParameterValues ${L3}ForwardNumberOfEntries
end
EOF

acs_session "interface Ethernet0/0" "ip address 203.0.113.2 255.255.255.0" "cwmp wan" "exit" \
    "ip route 0.0.0.0 0.0.0.0 203.0.113.1"
log=$(acs_log)

gpv=$(body 1 03)
assert_contains "$gpv" "$(value "${L3}ForwardNumberOfEntries" unsignedInt 1)"
assert_contains "$gpv" "$(value "${FW}1.DestIPAddress" string 0.0.0.0)"
assert_contains "$log" "1 04 <- AddObjectResponse instance=2 status=0"
assert_contains "$log" "1 05 <- SetParameterValuesResponse status=0"
assert_contains "$(body 1 06)" "<Response>ip route 0.0.0.0 0.0.0.0 203.0.113.1
ip route 10.50.0.0 255.255.0.0 203.0.113.254 10
</Response>"
# A new destination inconsistent with the mask: the line waits aside; a copy of route 1: refused.
assert_contains "$log" "1 07 <- SetParameterValuesResponse status=0"
assert_contains "$log" "1 08 <- Fault code=9003 parameters=1"
assert_contains "$(body 1 08)" "$(fault_on "${FW}2.GatewayIPAddress" 9007)"
assert_contains "$log" "1 09 <- SetParameterValuesResponse status=0"
assert_contains "$(body 1 10)" "<Response></Response>"
gpv=$(body 1 11)
assert_contains "$gpv" "$(value "${L3}ForwardNumberOfEntries" unsignedInt 2)"
assert_contains "$gpv" "$(value "${FW}1.Status" string Disabled)"
assert_contains "$gpv" "$(value "${FW}2.DestIPAddress" string 10.60.1.0)"
assert_contains "$gpv" "$(value "${FW}2.Status" string Error)"
assert_contains "$log" "1 12 <- DeleteObjectResponse status=0"
assert_contains "$log" "1 13 <- DeleteObjectResponse status=0"
assert_contains "$(body 1 15)" "$(value "${L3}ForwardNumberOfEntries" unsignedInt 0)"
assert_not_contains "$(running_config)" "ip route"
stop_acs
