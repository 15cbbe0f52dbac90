#!/bin/bash
# Cookies of the ACS: a Netscape cookie and an RFC 2965 cookie that the test ACS requires on every
# later request of the session (403 otherwise), what show ip http client cookie and connection
# print while the session runs, debug ip http cookie, clear ip http client cookie, and the session
# cookies dropped at the session's end.
. "$(dirname "$0")/cwmp_lib.sh"

write_device_info
# The ACS holds its answer to the GetParameterValues response for a while: the time to look.
cat >"$TEST_TMP/script" <<'EOF2'
session
inform-response
GetParameterValues InternetGatewayDevice.DeviceInfo.SpecVersion
wait 2
GetRPCMethods
end
EOF2

# wait_for_wait: until the ACS has received the request it holds its answer to (message 03).
wait_for_wait() {
    for _ in $(seq 1 100); do
        [ -e "$ACS_REC/1-03.headers" ] && return 0
        sleep 0.05
    done
    fail "the session did not reach the ACS's wait"
}

# --- Netscape ---
start_acs --script "$TEST_TMP/script" --cookie netscape $(schema_args)
start_cwmpd
cli -c enable -c "debug ip http cookie" >/dev/null
configure_acs
wait_for_wait
out=$(cli -c enable -c "show ip http client cookie brief")
assert_contains "$out" "HTTP client cookies: 1"
assert_contains "$out" "Session    Name                 Ver Domain"
assert_match "$out" "cwmp +session +0 +127\.0\.0\.1 +/ +end of session"
out=$(cli -c enable -c "show ip http client cookie summary session cwmp")
assert_contains "$out" "Name       : session"
assert_match "$out" "Value      : [0-9a-f]{32}"
assert_contains "$out" "Version    : 0 (Netscape, Set-Cookie)"
assert_contains "$out" "Domain     : 127.0.0.1 (this host only)"
assert_contains "$out" "Expires    : end of session"
assert_match "$out" "Sent       : [12] time"
value=$(printf '%s\n' "$out" | sed -n 's/^Value      : //p')
# The filters select by name, by domain and by client session.
assert_contains "$(cli -c enable -c 'show ip http client cookie brief name session')" "cookies: 1"
assert_contains "$(cli -c enable -c 'show ip http client cookie brief name other')" "cookies: 0"
assert_contains "$(cli -c enable -c 'show ip http client cookie brief domain 127.0.0.1')" "cookies: 1"
assert_contains "$(cli -c enable -c 'show ip http client cookie brief domain .example.com')" \
    "cookies: 0"
assert_contains "$(cli -c enable -c 'show ip http client cookie brief session transfer')" \
    "cookies: 0"
# The one connection of the session, with the request the ACS holds running on it.
out=$(cli -c enable -c "show ip http client connection")
assert_contains "$out" "HTTP client connections: 1"
assert_match "$out" "cwmp +127\.0\.0\.1:[0-9]+ +127\.0\.0\.1:$ACS_PORT +active +[0-9]+ +00:00:0[0-9]"
wait_acs_sessions 1
log=$(cat "$ACS_REC/log")
assert_not_contains "$log" "cookie missing"
for n in 02 03 04; do
    assert_contains "$(cat "$ACS_REC/1-$n.headers")" "Cookie: session=$value"
done
# Netscape cookies go with Cookie2, which says that RFC 2965 is understood.
assert_contains "$(cat "$ACS_REC/1-02.headers")" 'Cookie2: $Version="1"'
# The session's end dropped the session cookie and closed the connection.
assert_contains "$(cli -c enable -c 'show ip http client cookie brief')" "cookies: 0"
assert_contains "$(cli -c enable -c 'show ip http client connection')" "connections: 0"
# debug ip http cookie traced it without ever logging the value.
dbg=$(cat "$CWMPD_LOG")
assert_contains "$dbg" 'HTTPC: cookie received (session cwmp)'
assert_contains "$dbg" 'HTTPC: cookie stored (session cwmp)'
assert_contains "$dbg" 'HTTPC: cookie sent (session cwmp)'
assert_not_contains "$dbg" "$value"
assert_contains "$(cli -c enable -c 'undebug ip http cookie')" "HTTP Client Cookie debugging is off"
acs_no_invalid
stop_acs
stop_cwmpd

# --- RFC 2965 ---
ACS_REC=$TEST_TMP/acs2
: >"$CWMPD_LOG"
start_acs --script "$TEST_TMP/script" --cookie rfc2965 $(schema_args)
start_cwmpd
configure_acs
wait_for_wait
out=$(cli -c enable -c "show ip http client cookie summary")
assert_contains "$out" "Version    : 1 (RFC 2965, Set-Cookie2)"
assert_contains "$out" "Path       : /acs"
assert_match "$out" 'Value      : "[0-9a-f]{32}"'
# clear takes it away: the session goes on without it, and this ACS refuses that.
cli -c enable -c "clear ip http client cookie name session" >/dev/null
assert_contains "$(cli -c enable -c 'show ip http client cookie brief')" "cookies: 0"
for _ in $(seq 1 100); do
    case "$(cli -c enable -c 'show cwmp session')" in *"HTTP status 403"*) break ;; esac
    sleep 0.1
done
h=$(cat "$ACS_REC/1-02.headers")
assert_match "$h" 'Cookie: \$Version="1"; session="[0-9a-f]{32}"; \$Path="/acs"'
assert_not_contains "$h" "Cookie2:"
assert_contains "$(cat "$ACS_REC/log")" "1 04 cookie missing"
out=$(cli -c enable -c "show cwmp session")
assert_contains "$out" "HTTP status 403"
acs_no_invalid
stop_acs
exit 0
