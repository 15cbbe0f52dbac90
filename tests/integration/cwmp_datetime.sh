#!/bin/bash
# A dateTime reads back as it was set: GenieACS sets PeriodicInformTime with milliseconds and sets
# it again (and so the startup-config) whenever the value read back differs. The milliseconds are
# kept in the DM, in the running-config line and through the startup-config across a restart.
. "$(dirname "$0")/cwmp_lib.sh"

MS=InternetGatewayDevice.ManagementServer
T=1970-01-01T07:23:41.123Z
write_device_info
cat >"$TEST_TMP/script" <<EOF2
session
SetParameterValues k1 $MS.PeriodicInformTime xsd:dateTime $T
GetParameterValues $MS.PeriodicInformTime
end
session
GetParameterValues $MS.PeriodicInformTime
end
EOF2
start_acs --script "$TEST_TMP/script" $(schema_args)
start_cwmpd
configure_acs
wait_acs_sessions 1 || fail "no session"
assert_contains "$(body 1 03)" "<Status>0</Status>"
assert_contains "$(body 1 04)" "<Name>$MS.PeriodicInformTime</Name><Value xsi:type=\"xsd:dateTime\">$T</Value>"
assert_contains "$(running_config)" " periodic inform time $T"
assert_contains "$(cat "$STATE/startup-config")" " periodic inform time $T"

# The startup-config loads back the same.
stop_cwmpd
start_cwmpd
wait_acs_sessions 2 || fail "no session after the restart"
assert_contains "$(body 2 03)" "<Name>$MS.PeriodicInformTime</Name><Value xsi:type=\"xsd:dateTime\">$T</Value>"
assert_contains "$(running_config)" " periodic inform time $T"
acs_no_invalid
stop_acs

# The operator's command keeps the fraction too.
cli -c enable -c "configure terminal" -c "cwmp agent" -c "periodic inform time 2026-11-25T03:00:00.50Z" -c end >/dev/null
assert_contains "$(running_config)" " periodic inform time 2026-11-25T03:00:00.50Z"
exit 0
