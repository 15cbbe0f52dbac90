#!/bin/bash
# Notifications: the ACS asks to be told about changes; an operator's change starts a session
# (active) or rides in the next Inform (passive); the ACS's own changes are not notified back.
. "$(dirname "$0")/cwmp_lib.sh"

write_device_info
cat >"$TEST_TMP/script" <<'EOF2'
session
SetParameterAttributes InternetGatewayDevice.ManagementServer.PeriodicInformInterval true 2 false % InternetGatewayDevice.Time. true 1 false %
end
session
SetParameterValues k1 InternetGatewayDevice.ManagementServer.PeriodicInformInterval xsd:unsignedInt 900
end
EOF2
start_acs --script "$TEST_TMP/script" $(schema_args)
start_cwmpd
configure_acs
wait_acs_sessions 1 || fail "no first session"

# Passive first: nothing happens on its own.
cli -c enable -c "configure terminal" -c "ntp server 192.0.2.123" -c end >/dev/null
sleep 0.5
[ "$(cat "$ACS_REC/sessions")" = 1 ] || fail "a passive change started a session"
# Active: the session comes at once, and carries both changes.
cli -c enable -c "configure terminal" -c "cwmp agent" -c "periodic inform interval 600" \
    -c end >/dev/null
wait_acs_sessions 2 5 || fail "an active change did not start a session"
inform=$(body 2 01)
assert_contains "$inform" "<EventCode>4 VALUE CHANGE</EventCode>"
assert_contains "$inform" "<Name>InternetGatewayDevice.ManagementServer.PeriodicInformInterval</Name><Value xsi:type=\"xsd:unsignedInt\">600</Value>"
assert_contains "$inform" "<Name>InternetGatewayDevice.Time.NTPServer1</Name><Value xsi:type=\"xsd:string\">192.0.2.123</Value>"
# Session 2 set the value itself: no notification of that.
sleep 0.5
cli -c enable -c "configure terminal" -c end >/dev/null
sleep 0.5
[ "$(cat "$ACS_REC/sessions")" = 2 ] || fail "the ACS's own change was notified back"
# A forced-active parameter (ProvisioningCode) notifies without being asked.
cli -c enable -c "configure terminal" -c "cwmp agent" -c "provision code NEWCODE" -c end >/dev/null
wait_acs_sessions 3 5 || fail "ProvisioningCode did not notify"
assert_contains "$(body 3 01)" "<Name>InternetGatewayDevice.DeviceInfo.ProvisioningCode</Name><Value xsi:type=\"xsd:string\">NEWCODE</Value>"
acs_no_invalid
stop_acs
exit 0
