#!/bin/bash
# ping and traceroute through X_00000C_ShowStatus: the request waits for each test (the session
# stays open, the ACS's connection idle) and each Response is what cwmpsh prints for the command,
# round-trip times aside; commands after a test run after it, in order; the extended ping's
# dialog, which has no operator to ask, answers as a ping without a target; the session goes on
# after the waits. A session whose time bound ends during the wait fails as any other, and its
# ping stops (cwmpd restarted with --session-limit .../2). See cwmp_diag_lib.sh for the network.
. "$(dirname "$0")/cwmp_diag_lib.sh"

CMDS=("ping 198.51.100.2 repeat 3 timeout 1" "traceroute 198.51.100.2 probe 1 timeout 1"
    "ping 198.51.100.99 repeat 2 timeout 1" "show cwmp methods" "traceroute target.example probe 2 ttl 1 1 timeout 1"
    "ping no-such-host.example")
words=
for c in "${CMDS[@]}"; do words="$words ${c// /%20}"; done
write_diag_config
cat >"$TEST_TMP/script" <<EOF2
session
inform-response
X_00000C_ShowStatus $words
X_00000C_ShowStatus ping
GetParameterValues InternetGatewayDevice.DeviceInfo.ProvisioningCode
end
session
inform-response
X_00000C_ShowStatus ping%20198.51.100.99%20repeat%2010%20timeout%201
end
EOF2
start_acs --script "$TEST_TMP/script" $(schema_args)
start_cwmpd
configure_acs
wait_acs_sessions 1 15

mask() {
    sed -E 's/[0-9]+ msec/N msec/g; s#min/avg/max = [0-9]+/[0-9]+/[0-9]+ ms#min/avg/max = N/N/N ms#'
}
f=$(msg 1 03)
n=0
for c in "${CMDS[@]}"; do
    n=$((n + 1))
    assert_eq "$(element "$f" Command "$n")" "$c" "command $n"
    got=$(element "$f" Response "$n" | mask)
    want=$(cli -c enable -c "$c" | mask)
    [ -n "$want" ] || fail "nothing to compare for $c"
    assert_eq "$got" "$want" "the Response of $c"
done
assert_contains "$(element "$f" Response 3)" "Success rate is 0 percent (0/2)" "the lost echoes"
assert_eq "$(element "$(msg 1 04)" Response)" "% Incomplete command." "the extended ping's dialog"
assert_contains "$(acs_log)" "1 05 <- GetParameterValuesResponse params=1" "the session after the waits"

# The session's bound ends the wait: the ping stops, and nothing is answered.
stop_cwmpd
start_cwmpd --session-limit 100/2
configure_acs
for i in $(seq 1 100); do
    grep -q "CWMP-4-SESSION: session with .* failed: the session lasted more than 2 s" \
        "$CWMPD_LOG" && break
    sleep 0.1
done
grep -q "failed: the session lasted more than 2 s" "$CWMPD_LOG" ||
    fail "the session's bound did not end it"
assert_eq "$(cli -c "ping 198.51.100.2 repeat 1 timeout 1" | sed -n 3p)" "!" \
    "a ping of the operator's after the stopped one"
assert_eq "$(grep -c "03 <- X_00000C_ShowStatusResponse" "$ACS_REC/log")" "1" \
    "the responses to ShowStatus"
acs_no_invalid
stop_cwmpd
stop_acs
