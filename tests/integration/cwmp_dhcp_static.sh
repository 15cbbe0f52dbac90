#!/bin/bash
# DHCP manual bindings as LANHostConfigManagement.DHCPStaticAddress with the test ACS: a binding
# typed in cwmpsh is an instance; AddObject, then Chaddr and Yiaddr, make `ip dhcp pool static-1`
# with `host` (the LAN's mask) and `hardware-address` in running-config; values that cannot be a
# binding of this LAN are refused (9007); DeleteObject removes the pool. Every message valid.
. "$(dirname "$0")/cwmp_objects_lib.sh"

H=InternetGatewayDevice.LANDevice.1.LANHostConfigManagement.
SA=${H}DHCPStaticAddress.
SHOW="X_00000C_ShowStatus show%20running-config%20|%20section%20ip%20dhcp%20pool"

cat >"$TEST_TMP/script" <<EOF
session
inform-response
GetParameterValues ${H}DHCPStaticAddressNumberOfEntries ${SA}
AddObject ${SA} add-1
SetParameterValues key-1 ${SA}2.Chaddr xsd:string 02:00:00:00:00:07 ${SA}2.Yiaddr xsd:string 192.168.1.70
$SHOW
SetParameterValues key-2 ${SA}2.Yiaddr xsd:string 10.0.0.70 ${SA}2.Chaddr xsd:string 02:00:00 ${SA}2.Enable xsd:boolean false
GetParameterValues ${H}DHCPStaticAddressNumberOfEntries ${SA}2.
DeleteObject ${SA}1. del-1
$SHOW
GetParameterValues ${H}DHCPStaticAddressNumberOfEntries
end
EOF

acs_session "interface Ethernet0/1" "ip address 192.168.1.1 255.255.255.0" "exit" \
    "ip dhcp pool LAN" "network 192.168.1.0 255.255.255.0" "exit" \
    "ip dhcp pool PRINTER" "host 192.168.1.60 255.255.255.0" \
    "client-identifier 0102.0000.0000.06"
log=$(acs_log)

# The operator's binding, as the ACS reads it.
gpv=$(body 1 03)
assert_contains "$gpv" "$(value "${H}DHCPStaticAddressNumberOfEntries" unsignedInt 1)"
assert_contains "$gpv" "$(value "${SA}1.Enable" boolean true)"
assert_contains "$gpv" "$(value "${SA}1.Chaddr" string 02:00:00:00:00:06)"
assert_contains "$gpv" "$(value "${SA}1.Yiaddr" string 192.168.1.60)"
# AddObject and the two values: the IOS lines.
assert_contains "$log" "1 04 <- AddObjectResponse instance=2 status=0"
assert_contains "$log" "1 05 <- SetParameterValuesResponse status=0"
assert_contains "$(body 1 06)" "ip dhcp pool LAN
 network 192.168.1.0 255.255.255.0
ip dhcp pool PRINTER
 host 192.168.1.60 255.255.255.0
 client-identifier 0102.0000.0000.06
ip dhcp pool static-1
 host 192.168.1.70 255.255.255.0
 hardware-address 0200.0000.0007
</Response>"
# Outside the LAN, not a MAC address, disabled: each refused, nothing changed.
assert_contains "$log" "1 07 <- Fault code=9003 parameters=3"
spv=$(body 1 07)
for p in Yiaddr Chaddr Enable; do
    assert_contains "$spv" "$(fault_on "${SA}2.$p" 9007)"
done
gpv=$(body 1 08)
assert_contains "$gpv" "$(value "${H}DHCPStaticAddressNumberOfEntries" unsignedInt 2)"
assert_contains "$gpv" "$(value "${SA}2.Yiaddr" string 192.168.1.70)"
assert_contains "$gpv" "$(value "${SA}2.Chaddr" string 02:00:00:00:00:07)"
# DeleteObject: the pool is gone.
assert_contains "$log" "1 09 <- DeleteObjectResponse status=0"
assert_contains "$(body 1 10)" "ip dhcp pool LAN
 network 192.168.1.0 255.255.255.0
ip dhcp pool static-1
 host 192.168.1.70 255.255.255.0
 hardware-address 0200.0000.0007
</Response>"
assert_contains "$(body 1 11)" "$(value "${H}DHCPStaticAddressNumberOfEntries" unsignedInt 1)"
assert_not_contains "$(running_config)" "PRINTER"
stop_acs
