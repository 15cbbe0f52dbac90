#!/bin/bash
# DHCP classes as LANHostConfigManagement.DHCPConditionalServingPool with the test ACS: a pool's
# class typed in cwmpsh is an instance (its address range MinAddress and MaxAddress); AddObject
# makes `ip dhcp class class-1` and the pool's `class class-1`, MinAddress and MaxAddress its
# `address range`; values the class cannot hold are refused (9007); DeleteObject removes it.
. "$(dirname "$0")/cwmp_objects_lib.sh"

H=InternetGatewayDevice.LANDevice.1.LANHostConfigManagement.
CP=${H}DHCPConditionalServingPool.
SHOW="X_00000C_ShowStatus show%20running-config%20|%20section%20ip%20dhcp"

cat >"$TEST_TMP/script" <<EOF
session
inform-response
GetParameterValues ${H}DHCPConditionalPoolNumberOfEntries ${CP}
AddObject ${CP} add-1
SetParameterValues key-1 ${CP}2.MaxAddress xsd:string 192.168.1.219 ${CP}2.MinAddress xsd:string 192.168.1.200
$SHOW
SetParameterValues key-2 ${CP}2.MinAddress xsd:string 10.0.0.1 ${CP}2.VendorClassID xsd:string MSFT%205.0 ${CP}2.Enable xsd:boolean false
SetParameterValues key-3 ${CP}2.MinAddress xsd:string 192.168.1.230
GetParameterValues ${H}DHCPConditionalPoolNumberOfEntries ${CP}2.
DeleteObject ${CP}1. del-1
$SHOW
end
EOF

acs_session "interface Ethernet0/1" "ip address 192.168.1.1 255.255.255.0" "exit" \
    "ip dhcp class PHONES" "exit" \
    "ip dhcp pool LAN" "network 192.168.1.0 255.255.255.0" \
    "class PHONES" "address range 192.168.1.100 192.168.1.149"
log=$(acs_log)

gpv=$(body 1 03)
assert_contains "$gpv" "$(value "${H}DHCPConditionalPoolNumberOfEntries" unsignedInt 1)"
assert_contains "$gpv" "$(value "${CP}1.Enable" boolean true)"
assert_contains "$gpv" "$(value "${CP}1.MinAddress" string 192.168.1.100)"
assert_contains "$gpv" "$(value "${CP}1.MaxAddress" string 192.168.1.149)"
assert_contains "$gpv" "$(value "${CP}1.VendorClassID" string '')"
assert_contains "$log" "1 04 <- AddObjectResponse instance=2 status=0"
assert_contains "$log" "1 05 <- SetParameterValuesResponse status=0"
assert_contains "$(body 1 06)" "<Response>ip dhcp class PHONES
ip dhcp class class-1
ip dhcp pool LAN
 network 192.168.1.0 255.255.255.0
 class PHONES
  address range 192.168.1.100 192.168.1.149
 class class-1
  address range 192.168.1.200 192.168.1.219
</Response>"
assert_contains "$log" "1 07 <- Fault code=9003 parameters=3"
for p in MinAddress VendorClassID Enable; do
    assert_contains "$(body 1 07)" "$(fault_on "${CP}2.$p" 9007)"
done
# A start above the end: refused once the request is applied.
assert_contains "$log" "1 08 <- Fault code=9003 parameters=1"
assert_contains "$(body 1 08)" "$(fault_on "${CP}2.MinAddress" 9007)"
gpv=$(body 1 09)
assert_contains "$gpv" "$(value "${H}DHCPConditionalPoolNumberOfEntries" unsignedInt 2)"
assert_contains "$gpv" "$(value "${CP}2.MinAddress" string 192.168.1.200)"
assert_contains "$log" "1 10 <- DeleteObjectResponse status=0"
assert_contains "$(body 1 11)" "<Response>ip dhcp class class-1
ip dhcp pool LAN
 network 192.168.1.0 255.255.255.0
 class class-1
  address range 192.168.1.200 192.168.1.219
</Response>"
stop_acs
