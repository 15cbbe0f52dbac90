#!/bin/bash
# The ACS authenticates the CPE: Digest MD5 and MD5-sess on the same connection as the challenge,
# the default username OUI-SerialNumber, a wrong password, and no Basic without TLS.
. "$(dirname "$0")/cwmp_lib.sh"

write_device_info

# Digest MD5 with the default username.
start_acs --auth digest --user 00000C-TEST0001 --password s3cret $(schema_args)
start_cwmpd
configure_acs "management server password s3cret"
wait_acs_sessions 1 || fail "no session with digest"
log=$(cat "$ACS_REC/log")
assert_contains "$log" "1 01 -> 401 digest"
assert_contains "$log" "1 02 -> InformResponse"
assert_contains "$log" "1 01 auth failed: no credentials"
assert_not_contains "$log" "auth failed: wrong"
h=$(cat "$ACS_REC/1-02.headers")
assert_contains "$h" 'Authorization: Digest username="00000C-TEST0001"'
assert_contains "$h" "algorithm=MD5,"
assert_contains "$h" "qop=auth"
# The answer went on the connection that got the challenge.
p1=$(sed -n 's/^1 01 <- Inform.* port=\([0-9]*\).*/\1/p' "$ACS_REC/log")
p2=$(sed -n 's/^1 02 <- Inform.* port=\([0-9]*\).*/\1/p' "$ACS_REC/log")
[ -n "$p1" ] && [ "$p1" = "$p2" ] || fail "the digest answer came on another connection ($p1, $p2)"
# Later requests of the session carry the credentials without a new challenge.
assert_contains "$(cat "$ACS_REC/1-03.headers")" "nc=00000002"
acs_no_invalid
stop_acs
stop_cwmpd

# MD5-sess when the ACS asks for it, and a username set by the operator.
ACS_REC=$TEST_TMP/acs2
start_acs --auth digest-sess --user cpe1 --password other
start_cwmpd
configure_acs "management server username cpe1" "management server password wrong"
for _ in $(seq 1 100); do
    grep -q "auth failed: wrong" "$ACS_REC/log" 2>/dev/null && break
    sleep 0.05
done
assert_contains "$(cat "$ACS_REC/log")" "auth failed: wrong"
out=$(cli -c enable -c "show cwmp session")
assert_contains "$out" "the ACS refused the credentials (HTTP 401)"
assert_contains "$out" "Retry count         : 1"
cli -c enable -c "configure terminal" -c "cwmp agent" -c "management server password 0 other" \
    -c end >/dev/null
wait_acs_sessions 1 10 || fail "no session with digest-sess after the password was corrected"
assert_contains "$(cat "$ACS_REC"/1-*.headers)" "algorithm=MD5-sess"
out=$(cli -c enable -c "show cwmp session")
assert_contains "$out" "Retry count         : 0"
stop_acs
stop_cwmpd

# A nonce that goes stale within the session: the same request goes again with the new nonce,
# its count back at 1, and the session goes on.
ACS_REC=$TEST_TMP/acs-stale
cat >"$TEST_TMP/stale-script" <<'EOF2'
session
inform-response
stale
GetParameterValues InternetGatewayDevice.DeviceInfo.SpecVersion
end
EOF2
start_acs --auth digest --user 00000C-TEST0001 --password s3cret --script "$TEST_TMP/stale-script"
start_cwmpd
cli -c enable -c "debug all" >/dev/null
configure_acs "management server password s3cret"
wait_acs_sessions 1 || fail "no session after a stale nonce"
log=$(cat "$ACS_REC/log")
assert_contains "$log" "1 03 -> 401 digest stale"
assert_contains "$log" "1 04 <- empty"
assert_contains "$log" "1 05 <- GetParameterValuesResponse"
h3=$(cat "$ACS_REC/1-03.headers")
h4=$(cat "$ACS_REC/1-04.headers")
assert_contains "$h3" "nc=00000002"
assert_contains "$h4" "nc=00000001"
n3=$(printf '%s' "$h3" | sed -n 's/.* nonce="\([0-9a-f]*\)".*/\1/p')
n4=$(printf '%s' "$h4" | sed -n 's/.* nonce="\([0-9a-f]*\)".*/\1/p')
[ -n "$n3" ] && [ "$n3" != "$n4" ] || fail "the answer to the stale nonce did not use the new one"
assert_contains "$(cli -c enable -c 'show cwmp session')" "Retry count         : 0"
# No credential reached the log, whatever the debugging.
assert_not_contains "$(cat "$CWMPD_LOG")" "s3cret"
stop_acs
stop_cwmpd

# Basic over plain HTTP would show the password to the path: cwmpd does not answer it.
ACS_REC=$TEST_TMP/acs3
start_acs --auth basic --user 00000C-TEST0001 --password s3cret
start_cwmpd
configure_acs "management server password s3cret"
for _ in $(seq 1 100); do
    grep -q -- "-> 401" "$ACS_REC/log" 2>/dev/null && break
    sleep 0.05
done
sleep 0.3
assert_not_contains "$(cat "$ACS_REC"/*.headers)" "Authorization: Basic"
[ "$(cat "$ACS_REC/sessions" 2>/dev/null || echo 0)" = 0 ] || fail "a session went through"
stop_acs
exit 0
