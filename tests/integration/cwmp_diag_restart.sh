#!/bin/bash
# 8 DIAGNOSTICS COMPLETE is saved with the CWMP state and retried like any event: the ACS refuses
# the session that brings it, cwmpd is killed (SIGKILL) before it tries again, and the first
# session after the restart still carries it, next to 1 BOOT. The results themselves are not kept
# across a restart: DiagnosticsState reads None then, as TR-098 asks of a CPE that has not
# retained them. See cwmp_diag_lib.sh for the network.
. "$(dirname "$0")/cwmp_diag_lib.sh"

PG=InternetGatewayDevice.IPPingDiagnostics
write_diag_config
cat >"$TEST_TMP/script" <<EOF2
session
inform-response
SetParameterValues k1 $PG.Host xsd:string 198.51.100.2 $PG.NumberOfRepetitions xsd:unsignedInt 1 $PG.DiagnosticsState xsd:string Requested
end
session
inform-response fault 8005
session
inform-response
GetParameterValues $PG.DiagnosticsState $PG.SuccessCount
end
EOF2
start_acs --script "$TEST_TMP/script" $(schema_args)
start_cwmpd
configure_acs "session retry wait 3"
wait_acs_sessions 1 || fail "no first session"
assert_contains "$(body 1 03)" "<Status>0</Status>" "the request"
wait_acs_sessions 2 10
assert_eq "$(events 2)" "8 DIAGNOSTICS COMPLETE" "the session the ACS refuses"
grep -q '^event .*DIAGNOSTICS' "$STATE/cwmp-state" || fail "the event is not saved"
kill -9 "$CWMPD_PID"
wait "$CWMPD_PID" 2>/dev/null
CWMPD_PID=
start_cwmpd
wait_acs_sessions 3 10
assert_eq "$(events 3)" "8 DIAGNOSTICS COMPLETE,1 BOOT" "the first session after the restart"
assert_eq "$(value 3 03 $PG.DiagnosticsState)/$(value 3 03 $PG.SuccessCount)" "None/0" \
    "the results after a restart"
acs_no_invalid
stop_cwmpd
stop_acs
