#!/bin/bash
# Device-gateway association through the lease commands (a DHCP server's lease script), without
# any network: cwmp lease add/delete and contrib/cwmpd-dnsmasq-lease fill the Hosts and
# ManageableDevice tables; the ACS, with active notification on ManageableDeviceNumberOfEntries,
# gets 4 VALUE CHANGE as devices come, go and expire, spaced by the notification limit; the
# table survives a restart; X_00000C_ShowStatus may not change it.
. "$(dirname "$0")/cwmp_lib.sh"

MD=InternetGatewayDevice.ManagementServer.ManageableDevice
COUNT=InternetGatewayDevice.ManagementServer.ManageableDeviceNumberOfEntries

write_device_info
cat >"$TEST_TMP/script" <<EOF2
session
SetParameterAttributes $COUNT true 2 false %
end
session
GetParameterValues $MD. InternetGatewayDevice.LANDevice.1.Hosts.
X_00000C_ShowStatus cwmp%20lease%20delete%2002:00:00:00:00:01
end
EOF2
start_acs --script "$TEST_TMP/script" $(schema_args)
# No watching of DHCP: the machine's own interfaces stay out of this test.
start_cwmpd --dhcp-snoop none
cli -c enable -c "configure terminal" -c "interface Ethernet0/1" -c end >/dev/null
configure_acs
wait_acs_sessions 1 || fail "no first session"
out=$(cli -c enable -c "show cwmp manageable-devices")
assert_contains "$out" "DHCP snooping          : off"
assert_contains "$out" "Manageable devices     : 0"

# A host without identity, as dnsmasq's script reports it (Linux interface name): no
# notification, the count did not change.
CWMPSH=$CWMPSH CWMPD_SOCKET=$SOCK DNSMASQ_INTERFACE=eth1 DNSMASQ_TIME_REMAINING=3600 \
    "$TESTS_SRCDIR/../contrib/cwmpd-dnsmasq-lease" add 02:00:00:00:00:09 192.0.2.19 printer ||
    fail "the lease script failed"
sleep 0.5
[ "$(cat "$ACS_REC/sessions")" = 1 ] || fail "a host without identity was notified"

# A manageable device arrives: a session with 4 VALUE CHANGE and the count.
out=$(cli -c enable -c "cwmp lease add 02:00:00:00:00:01 192.0.2.10 3600 interface Ethernet0/1 device 00D09E STB0001 STB-1000 hostname stb")
assert_eq "$out" "" "cwmp lease add"
wait_acs_sessions 2 5 || fail "the new device was not notified"
inform=$(body 2 01)
assert_contains "$inform" "<EventCode>4 VALUE CHANGE</EventCode>"
assert_contains "$inform" "<Name>$COUNT</Name><Value xsi:type=\"xsd:unsignedInt\">1</Value>"
gpv=$(body 2 03)
assert_contains "$gpv" "<Name>$MD.1.ManufacturerOUI</Name><Value xsi:type=\"xsd:string\">00D09E</Value>"
assert_contains "$gpv" "<Name>$MD.1.SerialNumber</Name><Value xsi:type=\"xsd:string\">STB0001</Value>"
assert_contains "$gpv" "<Name>$MD.1.ProductClass</Name><Value xsi:type=\"xsd:string\">STB-1000</Value>"
assert_contains "$gpv" "<Name>$MD.1.Host</Name><Value xsi:type=\"xsd:string\">InternetGatewayDevice.LANDevice.1.Hosts.Host.2</Value>"
assert_contains "$gpv" "<Name>InternetGatewayDevice.LANDevice.1.Hosts.HostNumberOfEntries</Name><Value xsi:type=\"xsd:unsignedInt\">2</Value>"
assert_contains "$gpv" "<Name>InternetGatewayDevice.LANDevice.1.Hosts.Host.1.HostName</Name><Value xsi:type=\"xsd:string\">printer</Value>"
assert_contains "$gpv" "<Name>InternetGatewayDevice.LANDevice.1.Hosts.Host.2.IPAddress</Name><Value xsi:type=\"xsd:string\">192.0.2.10</Value>"
assert_contains "$gpv" "<Name>InternetGatewayDevice.LANDevice.1.Hosts.Host.2.AddressSource</Name><Value xsi:type=\"xsd:string\">DHCP</Value>"
# ShowStatus runs only what reads: the lease command is refused, the device stays.
assert_match "$(acs_log)" "^2 04 <- Fault code=9"
out=$(cli -c enable -c "show cwmp manageable-devices")
assert_contains "$out" "Manageable devices     : 1"
assert_match "$out" "^00D09E +STB0001 +STB-1000 +02:00:00:00:00:01 +192.0.2.10 +Ethernet0/1 +3[0-9]{3}$"

# The table survives a restart: the same devices, no new notification of the count.
cli -c enable -c "write memory" >/dev/null
stop_cwmpd
grep -q "^lease 02:00:00:00:00:01 192.0.2.10 [0-9]* Ethernet0/1 stb 00D09E STB0001 STB-1000$" \
    "$STATE/dhcp-leases" || fail "the lease file lacks the device"
start_cwmpd --dhcp-snoop none
wait_acs_sessions 3 5 || fail "no session after the restart"
assert_not_contains "$(body 3 01)" "4 VALUE CHANGE"
out=$(cli -c enable -c "show cwmp parameter $MD.1.SerialNumber")
assert_contains "$out" "Value        : STB0001"

# It goes (its DHCP RELEASE): 0.
cli -c enable -c "cwmp lease delete 0200.0000.0001" >/dev/null
wait_acs_sessions 4 5 || fail "the device's departure was not notified"
assert_contains "$(body 4 01)" "<Name>$COUNT</Name><Value xsi:type=\"xsd:unsignedInt\">0</Value>"
out=$(cli -c enable -c "cwmp lease delete 02:00:00:00:00:01")
assert_eq "$out" "% No lease for 02:00:00:00:00:01" "a second delete"
# The lease script's del: quiet whether cwmpd knew the lease or not.
CWMPSH=$CWMPSH CWMPD_SOCKET=$SOCK "$TESTS_SRCDIR/../contrib/cwmpd-dnsmasq-lease" del \
    02:00:00:00:00:09 192.0.2.19 || fail "the lease script's del failed"
assert_contains "$(cli -c enable -c "show cwmp manageable-devices")" "DHCP leases            : 0"

# A lease that ends: the device goes by itself.
cli -c enable -c "cwmp lease add 02:00:00:00:00:02 192.0.2.11 2 device 00D09E STB0002" >/dev/null
wait_acs_sessions 5 5 || fail "the second device was not notified"
assert_contains "$(body 5 01)" "<Name>$COUNT</Name><Value xsi:type=\"xsd:unsignedInt\">1</Value>"
wait_acs_sessions 6 8 || fail "the expiry was not notified"
assert_contains "$(body 6 01)" "<Name>$COUNT</Name><Value xsi:type=\"xsd:unsignedInt\">0</Value>"

# ManageableDeviceNotificationLimit: a change within 3 s of the last one notified waits.
cli -c enable -c "configure terminal" -c "cwmp agent" \
    -c "manageable-device notification limit 3" -c end >/dev/null
assert_contains "$(running_config)" " manageable-device notification limit 3"
cli -c enable -c "cwmp lease add 02:00:00:00:00:03 192.0.2.12 600 device 00D09E STB0003" >/dev/null
wait_acs_sessions 7 5 || fail "the third device was not notified"
assert_contains "$(body 7 01)" "<Name>$COUNT</Name><Value xsi:type=\"xsd:unsignedInt\">1</Value>"
cli -c enable -c "cwmp lease add 02:00:00:00:00:04 192.0.2.13 600 device 00D09E STB0004" >/dev/null
sleep 1
[ "$(cat "$ACS_REC/sessions")" = 7 ] || fail "a change within the notification limit went at once"
wait_acs_sessions 8 6 || fail "the held change never went"
assert_contains "$(body 8 01)" "<Name>$COUNT</Name><Value xsi:type=\"xsd:unsignedInt\">2</Value>"

# The pool of IOS-CLI.md's example 3 (renew deny unknown) is kept and shown as entered.
cli -c enable -c "configure terminal" -c "ip dhcp pool NET-POOL1" \
    -c "network 15.15.15.0 255.255.255.0" -c "renew deny unknown" -c end >/dev/null
assert_contains "$(running_config)" " renew deny unknown"

acs_no_invalid
stop_acs
exit 0
