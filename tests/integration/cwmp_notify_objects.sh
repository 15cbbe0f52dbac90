#!/bin/bash
# The ACS's own AddObject and DeleteObject are not notified back to it: a table's NumberOfEntries
# with active notification neither starts a session nor rides in the next Inform.
. "$(dirname "$0")/cwmp_lib.sh"

IP1=InternetGatewayDevice.WANDevice.1.WANConnectionDevice.1.WANIPConnection.1.
PM=${IP1}PortMapping.
PII=InternetGatewayDevice.ManagementServer.PeriodicInformInterval

write_device_info
cat >"$TEST_TMP/script" <<EOF2
session
SetParameterAttributes ${IP1}PortMappingNumberOfEntries true 2 false % $PII true 2 false %
AddObject ${PM} add-1
end
session
DeleteObject ${PM}1. del-1
end
EOF2
start_acs --script "$TEST_TMP/script" $(schema_args)
start_cwmpd
printf '%s\n' enable "configure terminal" \
    "interface Ethernet0/0" "ip address 10.194.145.170 255.255.255.0" "ip nat outside" \
    "cwmp wan" "cwmp wan default" "exit" \
    "interface Vlan102" "ip address 15.15.15.1 255.255.255.0" "ip nat inside" "exit" end |
    run_lines >/dev/null || fail "the configuration was refused"
configure_acs
wait_acs_sessions 1 || fail "no first session"
assert_contains "$(acs_log)" "AddObjectResponse instance=1 status=0"

# scan_now: the operator leaves configuration mode, which runs the notification scan.
scan_now() {
    cli -c enable -c "configure terminal" -c end >/dev/null
}
scan_now
sleep 1
[ "$(cat "$ACS_REC/sessions")" = 1 ] || fail "the ACS's AddObject was notified back"
cli -c enable -c "configure terminal" -c "cwmp agent" -c "periodic inform interval 600" \
    -c end >/dev/null
wait_acs_sessions 2 5
assert_not_contains "$(body 2 01)" "PortMappingNumberOfEntries"
assert_contains "$(acs_log)" "<- DeleteObjectResponse"
scan_now
sleep 1
[ "$(cat "$ACS_REC/sessions")" = 2 ] || fail "the ACS's DeleteObject was notified back"
cli -c enable -c "configure terminal" -c "cwmp agent" -c "periodic inform interval 700" \
    -c end >/dev/null
wait_acs_sessions 3 5
inform=$(body 3 01)
assert_contains "$inform" "<Name>$PII</Name><Value xsi:type=\"xsd:unsignedInt\">700</Value>"
assert_not_contains "$inform" "PortMappingNumberOfEntries"
acs_no_invalid
stop_acs
exit 0
