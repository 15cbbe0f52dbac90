#!/bin/bash
# A Reboot or FactoryReset answered in a session the ACS does not end with 204 (it answers the
# response with an HTTP error): carried out when the session ends all the same, so that the next
# Inform says 1 BOOT with M Reboot, and no reset waits for a later session.
. "$(dirname "$0")/cwmp_lib.sh"

write_device_info
cat >"$TEST_TMP/script" <<'EOF2'
session
Reboot rb-close
http 500
session
FactoryReset
http 503
EOF2
start_acs --script "$TEST_TMP/script" $(schema_args)
cat >"$FACTORY_CONFIG" <<EOF2
hostname Factory
cwmp agent
 enable
 management server url $ACS_URL
 session retry wait 1
EOF2
# Saved before the start: the reload reads it.
cat >"$STATE/startup-config" <<EOF2
hostname Configured
cwmp agent
 enable
 management server url $ACS_URL
 session retry wait 1
EOF2
start_cwmpd
wait_acs_log "1 03 -> 500 end" 15
wait_acs_log "2 01 <- Inform" 15
assert_match "$(acs_log)" "2 01 <- Inform events=(1 BOOT,M Reboot\(rb-close\)|M Reboot\(rb-close\),1 BOOT) retry"
grep -q "%SYS-5-RELOAD: Reload requested" "$CWMPD_LOG" || fail "the Reboot was not carried out"
wait_acs_log "2 03 -> 503 end" 15
wait_acs_log "3 01 <- Inform" 15
assert_match "$(acs_log)" "3 01 <- Inform events=1 BOOT,0 BOOTSTRAP retry=0"
assert_contains "$(running_config)" "hostname Factory"
wait_acs_sessions 3 15 || fail "no session after the factory reset"
acs_no_invalid
stop_acs
exit 0
