#!/bin/bash
# A change made during a session: a passive one waits for the next Inform (no session of its own
# after this one), an active one starts a session, no sooner than the throttle allows.
. "$(dirname "$0")/cwmp_lib.sh"

PII=InternetGatewayDevice.ManagementServer.PeriodicInformInterval
NTP=InternetGatewayDevice.Time.NTPServer1
write_device_info
cat >"$TEST_TMP/script" <<EOF2
session
SetParameterAttributes $PII true 2 false % $NTP true 1 false %
wait-for passive-made
GetParameterValues $NTP
end
session
wait-for active-made
inform-response
GetParameterValues $PII
end
EOF2
start_acs --script "$TEST_TMP/script" $(schema_args)
start_cwmpd
configure_acs "parameter change notify throttle 3"

# Passive, while the ACS holds its next request.
wait_acs_log '^1 03 <- SetParameterAttributesResponse'
cli -c enable -c "configure terminal" -c "ntp server 192.0.2.1" -c end >/dev/null
touch "$TEST_TMP/passive-made"
wait_acs_sessions 1
sleep 1.5
! grep -q '^2 01 <- Inform' "$ACS_REC/log" || fail "a passive change during a session started a session"

# Active: a session once the throttle allows, which carries the passive change too.
cli -c enable -c "configure terminal" -c "cwmp agent" -c "periodic inform interval 600" \
    -c end >/dev/null
wait_acs_log '^2 01 <- Inform' 5
inform=$(body 2 01)
assert_contains "$inform" "<Name>$PII</Name><Value xsi:type=\"xsd:unsignedInt\">600</Value>"
assert_contains "$inform" "<Name>$NTP</Name><Value xsi:type=\"xsd:string\">192.0.2.1</Value>"
# Active, during the session (the ACS holds the InformResponse): the next session waits out the
# throttle after this one's end.
cli -c enable -c "configure terminal" -c "cwmp agent" -c "periodic inform interval 700" \
    -c end >/dev/null
touch "$TEST_TMP/active-made"
wait_acs_sessions 3 15
assert_contains "$(body 3 01)" "<Name>$PII</Name><Value xsi:type=\"xsd:unsignedInt\">700</Value>"
# log_ms PATTERN: the time (ms) of the ACS log's first line matching the extended PATTERN.
log_ms() {
    grep -E -m1 -- "$1" "$ACS_REC/log" | sed 's/.* t=//'
}
ended=$(log_ms '^2 [0-9]+ -> 204 end')
began=$(log_ms '^3 01 <- Inform')
awk -v a="$ended" -v b="$began" 'BEGIN { exit !(b - a >= 2500) }' ||
    fail "an active change during a session started one ${ended}..${began} ms, within the throttle"
acs_no_invalid
stop_acs
exit 0
