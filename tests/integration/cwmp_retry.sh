#!/bin/bash
# Failed sessions: 8005 to the Inform, HTTP errors, a dead ACS; the retry with RetryCount, the
# retry limit, redirects within a session, and a cookie the ACS requires.
. "$(dirname "$0")/cwmp_lib.sh"

write_device_info
cat >"$TEST_TMP/script" <<'EOF2'
session
inform-response fault 8005
session
http 503
session
redirect http://127.0.0.1:@PORT@/elsewhere
inform-response
GetParameterValues InternetGatewayDevice.DeviceInfo.SpecVersion
end
EOF2
start_acs --script "$TEST_TMP/script" --cookie netscape $(schema_args)
start_cwmpd
configure_acs
wait_acs_sessions 3 20 || fail "the retries did not reach a successful session"
log=$(cat "$ACS_REC/log")
assert_contains "$log" "1 01 <- Inform events=1 BOOT,0 BOOTSTRAP retry=0"
assert_contains "$log" "2 01 <- Inform events=1 BOOT,0 BOOTSTRAP retry=1"
assert_contains "$log" "3 01 <- Inform events=1 BOOT,0 BOOTSTRAP retry=2"
assert_contains "$log" "-> 307"
# The redirected URL served the rest of the session; the configuration keeps the old one.
assert_contains "$(cat "$ACS_REC/3-03.headers")" "POST /elsewhere"
assert_contains "$(running_config)" " management server url $ACS_URL"
# The cookie of the InformResponse came back on every later request.
assert_contains "$(cat "$ACS_REC/3-03.headers")" "Cookie: session="
assert_not_contains "$log" "cookie missing"
out=$(cli -c enable -c "show cwmp session")
assert_contains "$out" "Retry count         : 0"
assert_contains "$out" "Sessions            : 3 (2 failed)"
acs_no_invalid
stop_acs

# A dead ACS and `session retry limit 1`: the retries go on past the limit (the wait no longer
# grows, cwmp_retry_forever.sh times it), and the BOOTSTRAP stays queued.
cli -c enable -c "configure terminal" -c "cwmp agent" -c "session retry limit 1" \
    -c "management server url http://127.0.0.1:9/acs" -c end >/dev/null
for _ in $(seq 1 200); do
    out=$(cli -c enable -c "show cwmp session")
    case "$out" in *"Retry count         : 3"*) break ;; esac
    sleep 0.1
done
assert_contains "$out" "Retry count         : 3 (limit 1)"
assert_contains "$out" "Next contact        : in "
assert_contains "$out" "0 BOOTSTRAP"

# A password in the URL is starred in the failed session's log line (and show cwmp session), as
# copy's messages star it.
cli -c enable -c "configure terminal" -c "cwmp agent" \
    -c "management server url http://acsuser:S3cretPw@127.0.0.1:9/acs" -c end >/dev/null
for _ in $(seq 1 200); do
    grep -q 'CWMP-4-SESSION: session with http://acsuser:' "$CWMPD_LOG" && break
    sleep 0.1
done
assert_contains "$(cat "$CWMPD_LOG")" \
    "%CWMP-4-SESSION: session with http://acsuser:*@127.0.0.1:9/acs failed"
assert_contains "$(cli -c enable -c "show cwmp session")" \
    "ACS URL             : http://acsuser:*@127.0.0.1:9/acs"
assert_not_contains "$(cat "$CWMPD_LOG")" "S3cretPw"
exit 0
