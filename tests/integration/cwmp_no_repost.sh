#!/bin/bash
# The ACS closes the kept-alive connection on a response without answering it: the response is
# sent once (libcurl would send it again on a new connection, and the ACS would receive it
# twice), and the session fails; a Reboot answered that way is carried out all the same.
. "$(dirname "$0")/cwmp_lib.sh"

write_device_info
cat >"$TEST_TMP/script" <<'EOF2'
session
GetParameterValues InternetGatewayDevice.DeviceInfo.SpecVersion
close
session
Reboot rb-close
close
EOF2
start_acs --script "$TEST_TMP/script" $(schema_args)
cat >"$STATE/startup-config" <<EOF2
hostname Configured
cwmp agent
 enable
 management server url $ACS_URL
 session retry wait 1
EOF2
start_cwmpd
wait_acs_log "1 03 -> close" 15
for _ in $(seq 1 100); do
    grep -q '%CWMP-4-SESSION' "$CWMPD_LOG" && break
    sleep 0.05
done
grep -q "%CWMP-4-SESSION: .*the connection closed before the answer came (retry 1)" "$CWMPD_LOG" ||
    fail "the session did not fail"
# The Inform was acknowledged: a change the ACS always hears about starts the next session.
cli -c enable -c "configure terminal" -c "cwmp agent" -c "provision code T1" -c end >/dev/null
wait_acs_log "2 01 <- Inform" 15
assert_eq "$(grep -c '^1 .*<- GetParameterValuesResponse' "$ACS_REC/log")" 1 "GetParameterValuesResponse sent"
wait_acs_log "2 03 -> close" 15
wait_acs_log "3 01 <- Inform" 15
assert_eq "$(grep -c '^2 .*<- RebootResponse' "$ACS_REC/log")" 1 "RebootResponse sent"
# (4 VALUE CHANGE too: the provision code was not saved, the reload took it back.)
inform=$(grep '^3 01 <- Inform' "$ACS_REC/log")
assert_contains "$inform" "1 BOOT"
assert_contains "$inform" "M Reboot(rb-close)"
acs_no_invalid
stop_acs
exit 0
