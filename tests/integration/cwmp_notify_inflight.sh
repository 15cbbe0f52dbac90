#!/bin/bash
# A change made while the Inform awaits its response (the ACS runs its provisions first, as
# GenieACS does) is not lost: the acknowledgement delivers only what that Inform carried.
. "$(dirname "$0")/cwmp_lib.sh"

write_device_info
cat >"$TEST_TMP/script" <<'EOF2'
session
SetParameterAttributes InternetGatewayDevice.ManagementServer.PeriodicInformInterval true 2 false % InternetGatewayDevice.Time.NTPServer1 true 1 false %
end
session
wait-for answer-inform
inform-response
end
EOF2
start_acs --script "$TEST_TMP/script" $(schema_args)
start_cwmpd
configure_acs
wait_acs_sessions 1 || fail "no first session"

# Session 2 carries both values; its InformResponse waits.
cli -c enable -c "configure terminal" -c "ntp server 192.0.2.1" -c "cwmp agent" \
    -c "periodic inform interval 600" -c end >/dev/null
wait_acs_log '^2 01 <- Inform'
assert_contains "$(body 2 01)" "<Value xsi:type=\"xsd:unsignedInt\">600</Value>"
# Changed again while the ACS has not answered: the values the Inform carried are stale now.
cli -c enable -c "configure terminal" -c "no ntp server 192.0.2.1" -c "ntp server 192.0.2.2" \
    -c "cwmp agent" -c "periodic inform interval 700" -c end >/dev/null
touch "$TEST_TMP/answer-inform"
wait_acs_sessions 3 10
inform=$(body 3 01)
assert_contains "$inform" "<EventCode>4 VALUE CHANGE</EventCode>"
assert_contains "$inform" "<Name>InternetGatewayDevice.ManagementServer.PeriodicInformInterval</Name><Value xsi:type=\"xsd:unsignedInt\">700</Value>"
assert_contains "$inform" "<Name>InternetGatewayDevice.Time.NTPServer1</Name><Value xsi:type=\"xsd:string\">192.0.2.2</Value>"
acs_no_invalid
stop_acs
exit 0
