#!/bin/bash
# Only a real change of the running configuration is announced to what watches it (the CWMP engine,
# the connection-request server, DHCP snooping, the NAT rules): with debug cwmp, each announcement
# is a log line. Reads of the ACS (GetParameterValues, GetParameterAttributes, ShowStatus), a
# SetParameterValues of the value already there, and the operator's show commands and lines that
# change nothing make none; a real change, of the ACS or of the operator, makes exactly one.
. "$(dirname "$0")/cwmp_lib.sh"
command -v curl >/dev/null || skip "curl is missing"

CODE=InternetGatewayDevice.DeviceInfo.ProvisioningCode
write_device_info
cat >"$STATE/startup-config" <<'EOF2'
hostname Before
ip http server
!
cwmp agent
 connection request username cr-user
 connection request password 0 cr-pass
!
end
EOF2
cat >"$TEST_TMP/script" <<EOF2
session
inform-response
end
session
inform-response
GetParameterValues $CODE InternetGatewayDevice.ManagementServer.
GetParameterAttributes $CODE
X_00000C_ShowStatus show%20running-config
SetParameterValues k1 $CODE xsd:string changed
SetParameterValues k2 $CODE xsd:string changed
GetParameterValues $CODE
end
EOF2
start_acs --script "$TEST_TMP/script" $(schema_args)
start_cwmpd --listen 127.0.0.1:0
cli -c enable -c "debug cwmp" >/dev/null
configure_acs
wait_acs_sessions 1 || fail "no first session"

# changes: how many announcements the log shows.
changes() {
    grep -c 'CWMP: the running configuration changed' "$CWMPD_LOG"
}
before=$(changes)
[ "$before" -ge 1 ] || fail "configuring the ACS was not announced"

# The operator: show commands and lines that change nothing.
cli -c enable -c "show running-config" -c "show version" -c "show cwmp session" \
    -c "configure terminal" -c "hostname Before" -c "do show running-config" -c end >/dev/null
assert_eq "$(changes)" "$before" "announcements after lines that changed nothing"

# The ACS: reads, one change, the same value again.
url=$(cli -c enable -c "show cwmp session" | sed -n 's/^  URL *: //p')
curl -s -o /dev/null --max-time 10 --digest -u cr-user:cr-pass "$url" ||
    fail "the connection request was not answered"
wait_acs_sessions 2 20 || fail "no second session"
assert_contains "$(body 2 06)" "<Status>0</Status>" "the first SetParameterValues"
assert_contains "$(body 2 07)" "<Status>0</Status>" "the same value again"
assert_eq "$(changes)" "$((before + 1))" "announcements after the ACS's session"

# The operator's real change: one more.
cli -c enable -c "configure terminal" -c "hostname After" -c end >/dev/null
assert_eq "$(changes)" "$((before + 2))" "announcements after hostname After"
acs_no_invalid
stop_cwmpd
stop_acs
