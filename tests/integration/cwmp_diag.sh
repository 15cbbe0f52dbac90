#!/bin/bash
# IPPingDiagnostics and TraceRouteDiagnostics from the ACS, session after session: the test
# starts once the session that requested it ends, and its end opens a session with
# 8 DIAGNOSTICS COMPLETE in which the ACS reads the results (exact counts, times within bounds);
# a ping through the WAN interface named by its data-model path, a traceroute with its two hops,
# one that runs out of hops, a name that does not resolve; a refused value and a refused request
# that leave everything as it was; a write that cancels a requested test and one that cancels a
# running test (no DIAGNOSTICS COMPLETE follows either). See cwmp_diag_lib.sh for the network.
. "$(dirname "$0")/cwmp_diag_lib.sh"
command -v curl >/dev/null || skip "curl is missing"

PG=InternetGatewayDevice.IPPingDiagnostics
TR=InternetGatewayDevice.TraceRouteDiagnostics
WANIP=InternetGatewayDevice.WANDevice.1.WANConnectionDevice.1.WANIPConnection.1
U=xsd:unsignedInt
S=xsd:string
write_diag_config
cat >"$TEST_TMP/script" <<EOF2
session
inform-response
GetParameterValues $PG.
SetParameterValues k1 $PG.Host $S 198.51.100.2 $PG.NumberOfRepetitions $U 3 $PG.Timeout $U 1000 $PG.Interface $S $WANIP $PG.DiagnosticsState $S Requested
GetParameterValues $PG.DiagnosticsState
end
session
inform-response
GetParameterValues $PG.
SetParameterValues k2 $TR.Host $S target.example $TR.NumberOfTries $U 1 $TR.Timeout $U 1000 $TR.MaxHopCount $U 5 $TR.DiagnosticsState $S Requested
end
session
inform-response
GetParameterValues $TR.
SetParameterValues k3 $TR.MaxHopCount $U 1 $TR.DiagnosticsState $S Requested
end
session
inform-response
GetParameterValues $TR.
SetParameterValues k4 $PG.Host $S no-such-host.example $PG.DiagnosticsState $S Requested
end
session
inform-response
GetParameterValues $PG.
SetParameterValues k5 $PG.DiagnosticsState $S Complete
SetParameterValues k6 $PG.Host $S % $PG.Timeout $U 500 $PG.DiagnosticsState $S Requested
SetParameterValues k7 $PG.Interface $S InternetGatewayDevice.LANDevice.9.LANHostConfigManagement.IPInterface.1
GetParameterValues $PG.
SetParameterValues k8 $PG.Host $S 198.51.100.2 $PG.DiagnosticsState $S Requested
SetParameterValues k9 $PG.Timeout $U 1000
GetParameterValues $PG.DiagnosticsState
SetParameterValues k10 $PG.Host $S 198.51.100.99 $PG.NumberOfRepetitions $U 4 $PG.DiagnosticsState $S Requested
end
session
inform-response
GetParameterValues $PG.DiagnosticsState
SetParameterValues k11 $PG.DSCP $U 0
GetParameterValues $PG.DiagnosticsState
end
EOF2
start_acs --script "$TEST_TMP/script" $(schema_args)
start_cwmpd --listen 127.0.0.1:0
configure_acs
wait_acs_sessions 1 || fail "no first session"

# Session 1: the defaults (IOS's ping), then the request, still Requested within the session.
assert_eq "$(value 1 03 $PG.DiagnosticsState)" "None" "DiagnosticsState at start"
assert_eq "$(value 1 03 $PG.NumberOfRepetitions)/$(value 1 03 $PG.Timeout)/$(value 1 03 $PG.DataBlockSize)/$(value 1 03 $PG.DSCP)" \
    "5/2000/72/0" "the ping's defaults"
assert_eq "$(value 1 03 $PG.SuccessCount)/$(value 1 03 $PG.AverageResponseTime)" "0/0" \
    "results before any test"
assert_contains "$(body 1 04)" "<Status>0</Status>" "the request"
assert_eq "$(value 1 05 $PG.DiagnosticsState)" "Requested" "DiagnosticsState within the session"

# Session 2: the ping's results.
wait_acs_sessions 2 10
assert_eq "$(events 2)" "8 DIAGNOSTICS COMPLETE" "the events of the session after the ping"
assert_eq "$(value 2 03 $PG.DiagnosticsState)" "Complete" "the ping's state"
assert_eq "$(value 2 03 $PG.Interface)" "$WANIP" "Interface"
assert_eq "$(value 2 03 $PG.SuccessCount)/$(value 2 03 $PG.FailureCount)" "3/0" "the ping's counts"
min=$(value 2 03 $PG.MinimumResponseTime)
avg=$(value 2 03 $PG.AverageResponseTime)
max=$(value 2 03 $PG.MaximumResponseTime)
in_range "$min" 0 100 MinimumResponseTime
in_range "$avg" "$min" "$max" AverageResponseTime
in_range "$max" "$avg" 100 MaximumResponseTime

# Session 3: the traceroute's hops.
wait_acs_sessions 3 10
assert_eq "$(events 3)" "8 DIAGNOSTICS COMPLETE" "the events of the session after the traceroute"
assert_eq "$(value 3 03 $TR.DiagnosticsState)" "Complete" "the traceroute's state"
assert_eq "$(value 3 03 $TR.RouteHopsNumberOfEntries)" "2" "RouteHopsNumberOfEntries"
hops=$(for h in 1 2; do
    for p in HopHost HopHostAddress HopErrorCode; do
        echo "$h $p $(value 3 03 $TR.RouteHops.$h.$p)"
    done
done)
assert_eq "$hops" "1 HopHost 192.0.2.1
1 HopHostAddress 192.0.2.1
1 HopErrorCode 0
2 HopHost 198.51.100.2
2 HopHostAddress 198.51.100.2
2 HopErrorCode 0" "the hops"
in_range "$(value 3 03 $TR.RouteHops.1.HopRTTimes)" 0 100 "hop 1's HopRTTimes"
in_range "$(value 3 03 $TR.RouteHops.2.HopRTTimes)" 0 100 "hop 2's HopRTTimes"
in_range "$(value 3 03 $TR.ResponseTime)" 0 100 ResponseTime

# Session 4: one hop allowed, the host two away; the hop seen stays readable.
wait_acs_sessions 4 10
assert_eq "$(events 4)" "8 DIAGNOSTICS COMPLETE" "the events after the short traceroute"
assert_eq "$(value 4 03 $TR.DiagnosticsState)" "Error_MaxHopCountExceeded" "one hop too few"
assert_eq "$(value 4 03 $TR.RouteHopsNumberOfEntries)/$(value 4 03 $TR.RouteHops.1.HopHost)" \
    "1/192.0.2.1" "the hop before the limit"
assert_eq "$(value 4 03 $TR.ResponseTime)" "0" "ResponseTime of a route not determined"

# Session 5: the name that does not resolve; then what is refused changes nothing, and a write
# cancels a requested test.
wait_acs_sessions 5 10
assert_eq "$(events 5)" "8 DIAGNOSTICS COMPLETE" "the events after the unresolvable name"
assert_eq "$(value 5 03 $PG.DiagnosticsState)" "Error_CannotResolveHostName" "the unresolvable name"
assert_contains "$(body 5 04)" "<FaultCode>9007</FaultCode>" "DiagnosticsState Complete refused"
assert_contains "$(body 5 05)" "<ParameterName>$PG.DiagnosticsState</ParameterName>" \
    "a request without a Host refused"
assert_contains "$(body 5 06)" "<FaultCode>9007</FaultCode>" "an Interface that names nothing"
assert_eq "$(value 5 07 $PG.DiagnosticsState)/$(value 5 07 $PG.Host)/$(value 5 07 $PG.Timeout)" \
    "Error_CannotResolveHostName/no-such-host.example/1000" "the refused requests changed nothing"
assert_contains "$(body 5 09)" "<Status>0</Status>" "Timeout written"
assert_eq "$(value 5 10 $PG.DiagnosticsState)" "None" "a write cancels a requested test"

# The last request: 4 echoes into the blackhole, 1 s each. A connection request while it runs:
# the write of session 6 cancels it, and no session follows.
sleep 1
url=$(cli -c enable -c "show cwmp session" | sed -n 's/^  URL *: //p')
ip netns exec "$CPE" curl -s -o /dev/null --max-time 5 --digest -u cr-user:cr-pass "$url" ||
    fail "the connection request was not answered"
wait_acs_sessions 6 10
assert_eq "$(events 6)" "6 CONNECTION REQUEST" "the events of the connection request's session"
assert_eq "$(value 6 03 $PG.DiagnosticsState)" "Requested" "the running test, as the ACS sees it"
assert_eq "$(value 6 05 $PG.DiagnosticsState)" "None" "a write cancels a running test"
sleep 4
assert_eq "$(cat "$ACS_REC/sessions")" "6" "sessions after the cancelled tests"
assert_eq "$(grep -c 'DIAGNOSTICS: InternetGatewayDevice.IPPingDiagnostics. ended' "$CWMPD_LOG")" \
    "2" "the ping tests that ended"
acs_no_invalid
stop_cwmpd
stop_acs
