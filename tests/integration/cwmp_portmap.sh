#!/bin/bash
# Port mappings with the test ACS: the feature documentation's example end to end (AddObject, the
# four mandatory parameters, the exact running-config line, read back, deleted), an instance
# missing a mandatory parameter (no line; what the ACS reads), invalid values and a duplicate
# (9007 for each parameter), a rule typed in cwmpsh seen by the ACS, the WAN address changing
# under the rules, and the instances, their numbers and descriptions across restarts. Every
# message valid against the Broadband Forum schema.
. "$(dirname "$0")/cwmp_objects_lib.sh"

IP1=InternetGatewayDevice.WANDevice.1.WANConnectionDevice.1.WANIPConnection.1.
PM=${IP1}PortMapping.
SHOW_NAT="X_00000C_ShowStatus show%20running-config%20|%20include%20ip%20nat%20inside%20source"

cat >"$TEST_TMP/script" <<EOF
session
inform-response
GetParameterValues ${IP1}PortMappingNumberOfEntries ${PM}
AddObject ${PM} add-1
SetParameterValues key-1 ${PM}2.InternalClient xsd:string 15.15.15.2 ${PM}2.ExternalPort xsd:unsignedInt 9000 ${PM}2.InternalPort xsd:unsignedInt 7547 ${PM}2.PortMappingProtocol xsd:string TCP
$SHOW_NAT
GetParameterValues ${PM}2.
AddObject ${PM} add-2
SetParameterValues key-2 ${PM}3.InternalClient xsd:string 15.15.15.4 ${PM}3.InternalPort xsd:unsignedInt 22 ${PM}3.PortMappingDescription xsd:string ssh%20to%20the%20NAS
GetParameterValues ${IP1}PortMappingNumberOfEntries ${PM}3.
SetParameterValues key-3 ${PM}3.ExternalPort xsd:unsignedInt 0 ${PM}3.InternalPort xsd:unsignedInt 65536 ${PM}3.PortMappingProtocol xsd:string SCTP ${PM}3.InternalClient xsd:string 15.15.15 ${PM}3.RemoteHost xsd:string 192.0.2.1 ${PM}3.PortMappingLeaseDuration xsd:unsignedInt 3600
SetParameterValues key-4 ${PM}3.ExternalPort xsd:unsignedInt 9000
SetParameterValues key-5 ${IP1}ExternalIPAddress xsd:string 10.194.145.171
$SHOW_NAT
end
session
inform-response
end
session
inform-response
GetParameterValues ${IP1}PortMappingNumberOfEntries ${PM}
SetParameterValues key-6 ${PM}3.ExternalPort xsd:unsignedInt 2222
SetParameterValues key-7 ${PM}1.ExternalPort xsd:unsignedInt 5354
SetParameterValues key-8 ${PM}2.PortMappingEnabled xsd:boolean false
GetParameterValues ${PM}1.ExternalPort ${PM}2.PortMappingEnabled ${PM}3.ExternalPort
DeleteObject ${PM}3. del-1
GetParameterValues ${IP1}PortMappingNumberOfEntries
end
session
inform-response
GetParameterValues ${PM}
AddObject ${PM} add-3
end
EOF

write_device_info
start_acs --script "$TEST_TMP/script" $(schema_args)
start_cwmpd
# The WAN and LAN interfaces, and a rule typed by the operator, before the agent is enabled.
printf '%s\n' enable "configure terminal" \
    "interface Ethernet0/0" "ip address 10.194.145.170 255.255.255.0" "ip nat outside" \
    "cwmp wan" "cwmp wan default" "exit" \
    "interface Vlan102" "ip address 15.15.15.1 255.255.255.0" "ip nat inside" "exit" \
    "ip nat inside source static udp 15.15.15.3 53 10.194.145.170 5353" end |
    run_lines >/dev/null || fail "the configuration was refused"
configure_acs
wait_acs_sessions 1 || fail "no first session"
acs_no_invalid

# The operator's rule is an instance to the ACS.
gpv=$(body 1 03)
assert_contains "$gpv" "$(value "${IP1}PortMappingNumberOfEntries" unsignedInt 1)"
assert_contains "$gpv" "$(value "${PM}1.ExternalPort" unsignedInt 5353)"
assert_contains "$gpv" "$(value "${PM}1.InternalPort" unsignedInt 53)"
assert_contains "$gpv" "$(value "${PM}1.PortMappingProtocol" string UDP)"
assert_contains "$gpv" "$(value "${PM}1.InternalClient" string 15.15.15.3)"
assert_contains "$gpv" "$(value "${PM}1.PortMappingEnabled" boolean true)"

# The documentation's example: the exact line, read back as set.
log=$(acs_log)
assert_contains "$log" "1 04 <- AddObjectResponse instance=2 status=0"
assert_contains "$log" "1 05 <- SetParameterValuesResponse status=0"
assert_contains "$(body 1 06)" \
    "ip nat inside source static udp 15.15.15.3 53 10.194.145.170 5353
ip nat inside source static tcp 15.15.15.2 7547 10.194.145.170 9000 extendable
</Response>"
gpv=$(body 1 07)
assert_contains "$gpv" "$(value "${PM}2.PortMappingEnabled" boolean true)"
assert_contains "$gpv" "$(value "${PM}2.PortMappingLeaseDuration" unsignedInt 0)"
assert_contains "$gpv" "$(value "${PM}2.RemoteHost" string '')"
assert_contains "$gpv" "$(value "${PM}2.ExternalPort" unsignedInt 9000)"
assert_contains "$gpv" "$(value "${PM}2.InternalPort" unsignedInt 7547)"
assert_contains "$gpv" "$(value "${PM}2.PortMappingProtocol" string TCP)"
assert_contains "$gpv" "$(value "${PM}2.InternalClient" string 15.15.15.2)"
assert_contains "$gpv" "$(value "${PM}2.PortMappingDescription" string '')"

# Without ExternalPort: no line, but an instance that reads as it was set and counts.
assert_contains "$log" "1 08 <- AddObjectResponse instance=3 status=0"
assert_contains "$log" "1 09 <- SetParameterValuesResponse status=0"
gpv=$(body 1 10)
assert_contains "$gpv" "$(value "${IP1}PortMappingNumberOfEntries" unsignedInt 3)"
assert_contains "$gpv" "$(value "${PM}3.ExternalPort" unsignedInt 0)"
assert_contains "$gpv" "$(value "${PM}3.InternalPort" unsignedInt 22)"
assert_contains "$gpv" "$(value "${PM}3.PortMappingProtocol" string TCP)"
assert_contains "$gpv" "$(value "${PM}3.InternalClient" string 15.15.15.4)"
assert_contains "$gpv" "$(value "${PM}3.PortMappingDescription" string 'ssh to the NAS')"
assert_contains "$gpv" "$(value "${PM}3.PortMappingEnabled" boolean true)"

# Invalid values: one fault each, nothing applied; a second mapping of tcp 9000: refused.
assert_contains "$log" "1 11 <- Fault code=9003 parameters=6"
spv=$(body 1 11)
for p in ExternalPort InternalPort PortMappingProtocol InternalClient RemoteHost \
    PortMappingLeaseDuration; do
    assert_contains "$spv" "$(fault_on "${PM}3.$p" 9007)"
done
assert_contains "$log" "1 12 <- Fault code=9003 parameters=1"
assert_contains "$(body 1 12)" "$(fault_on "${PM}3.ExternalPort" 9007)"

# The WAN address changes: the rules on it follow (and the ConnectionRequestURL, which the next
# session reports).
assert_contains "$log" "1 13 <- SetParameterValuesResponse status=0"
wait_acs_sessions 2 || fail "no session for the ConnectionRequestURL's change"
assert_contains "$(body 2 01)" "<EventCode>4 VALUE CHANGE</EventCode>"
assert_contains "$(body 2 01)" "http://10.194.145.171:7547/"
assert_contains "$(body 1 14)" \
    "ip nat inside source static udp 15.15.15.3 53 10.194.145.171 5353
ip nat inside source static tcp 15.15.15.2 7547 10.194.145.171 9000 extendable
</Response>"
cfg=$(running_config)
assert_contains "$cfg" "!
ip nat inside source static udp 15.15.15.3 53 10.194.145.171 5353
ip nat inside source static tcp 15.15.15.2 7547 10.194.145.171 9000 extendable
!"
assert_not_contains "$cfg" "15.15.15.4"
assert_contains "$(cat "$STATE/startup-config")" \
    "ip nat inside source static tcp 15.15.15.2 7547 10.194.145.171 9000 extendable"

# A restart: the incomplete instance is back with its number and description.
stop_cwmpd
start_cwmpd
wait_acs_sessions 3 || fail "no session after the restart"
gpv=$(body 3 03)
assert_contains "$gpv" "$(value "${IP1}PortMappingNumberOfEntries" unsignedInt 3)"
assert_contains "$gpv" "$(value "${PM}1.ExternalPort" unsignedInt 5353)"
assert_contains "$gpv" "$(value "${PM}2.ExternalPort" unsignedInt 9000)"
assert_contains "$gpv" "$(value "${PM}3.InternalClient" string 15.15.15.4)"
assert_contains "$gpv" "$(value "${PM}3.ExternalPort" unsignedInt 0)"
assert_contains "$gpv" "$(value "${PM}3.PortMappingDescription" string 'ssh to the NAS')"
# Completed, moved, disabled, deleted: each instance keeps its number.
log=$(acs_log)
assert_contains "$log" "3 04 <- SetParameterValuesResponse status=0"
assert_contains "$log" "3 05 <- SetParameterValuesResponse status=0"
assert_contains "$log" "3 06 <- SetParameterValuesResponse status=0"
gpv=$(body 3 07)
assert_contains "$gpv" "$(value "${PM}1.ExternalPort" unsignedInt 5354)"
assert_contains "$gpv" "$(value "${PM}2.PortMappingEnabled" boolean false)"
assert_contains "$gpv" "$(value "${PM}3.ExternalPort" unsignedInt 2222)"
assert_contains "$log" "3 08 <- DeleteObjectResponse status=0"
assert_contains "$(body 3 09)" "$(value "${IP1}PortMappingNumberOfEntries" unsignedInt 2)"
cfg=$(running_config)
assert_contains "$cfg" "!
ip nat inside source static udp 15.15.15.3 53 10.194.145.171 5354
!"
assert_not_contains "$cfg" "15.15.15.2"
assert_not_contains "$cfg" "15.15.15.4"

# Another restart: the disabled instance is still there; numbers are never given twice.
stop_cwmpd
start_cwmpd
wait_acs_sessions 4 || fail "no fourth session"
gpv=$(body 4 03)
assert_contains "$gpv" "$(value "${PM}1.ExternalPort" unsignedInt 5354)"
assert_contains "$gpv" "$(value "${PM}2.PortMappingEnabled" boolean false)"
assert_contains "$gpv" "$(value "${PM}2.InternalClient" string 15.15.15.2)"
assert_not_contains "$gpv" "${PM}3."
assert_contains "$(acs_log)" "4 04 <- AddObjectResponse instance=4 status=0"
acs_no_invalid
stop_acs
exit 0
