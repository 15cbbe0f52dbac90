#!/bin/bash
# Connection requests (TR-069 §3.2.2): curl --digest as the ACS against cwmpd's server on a free
# loopback port. Only GET on the URL's path with the right digest credentials starts a session
# (6 CONNECTION REQUEST); the answers for everything else; requests during a session make one
# more session, not one each; the URL in the Inform is the one listened on, and a new one is
# notified.
. "$(dirname "$0")/cwmp_lib.sh"
command -v curl >/dev/null || skip "curl is missing"

# code [curl options...] URL: the HTTP status curl ends with (000: no answer).
code() {
    curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$@" || true
}
sessions() {
    cat "$ACS_REC/sessions"
}
# cr_url: the URL show cwmp session gives.
cr_url() {
    cli -c enable -c "show cwmp session" | sed -n 's/^  URL *: //p'
}

write_device_info
cat >"$STATE/startup-config" <<'EOF2'
ip http server
!
cwmp agent
 connection request username cr-user
 connection request password 0 cr-pass
!
EOF2
# Session 4 is held open for 2 s before its InformResponse, while more requests arrive.
cat >"$TEST_TMP/script" <<'EOF2'
session
session
session
session
wait 2
inform-response
EOF2
start_acs $(schema_args) --script "$TEST_TMP/script"
start_cwmpd --listen 127.0.0.1:0

url=$(cr_url)
case "$url" in
http://127.0.0.1:0/* | "") fail "no port in the connection request URL: '$url'" ;;
http://127.0.0.1:[1-9]*/[0-9a-f]*) ;;
*) fail "unexpected connection request URL: $url" ;;
esac
show=$(cli -c enable -c "show cwmp session")
assert_contains "$show" "Connection requests : served"
assert_contains "$show" "  HTTP server       : listening on 127.0.0.1:"
assert_contains "$show" "  HTTPS server      : off (no ip http secure-server)"
# No ACS yet: the request is right but no session can start.
[ "$(code --digest -u cr-user:cr-pass "$url")" = 503 ] || fail "a disabled agent did not answer 503"

configure_acs
wait_acs_sessions 1
inform=$(body 1 01)
assert_contains "$inform" "<Name>InternetGatewayDevice.ManagementServer.ConnectionRequestURL</Name><Value xsi:type=\"xsd:string\">$url</Value>"

# The right credentials: 200 with an empty body, then a session for it.
out=$(curl -s -D "$TEST_TMP/headers" --max-time 10 --digest -u cr-user:cr-pass "$url")
[ -z "$out" ] || fail "the 200 had a body: $out"
grep -q '^HTTP/1.1 200' "$TEST_TMP/headers" || fail "the connection request was not accepted"
grep -qi '^WWW-Authenticate: Digest .*algorithm="\?MD5' "$TEST_TMP/headers" ||
    fail "the challenge is not MD5 digest: $(cat "$TEST_TMP/headers")"
wait_acs_sessions 2
assert_contains "$(body 2 01)" "<EventCode>6 CONNECTION REQUEST</EventCode>"

# Wrong or missing credentials, other methods, other paths: no session.
[ "$(code --digest -u cr-user:wrong "$url")" = 401 ] || fail "a wrong password was not refused"
[ "$(code --digest -u someone:cr-pass "$url")" = 401 ] || fail "a wrong user was not refused"
[ "$(code "$url")" = 401 ] || fail "no credentials was not refused"
[ "$(code --basic -u cr-user:cr-pass "$url")" = 401 ] || fail "Basic credentials were accepted"
[ "$(code --digest -u cr-user:cr-pass -X POST "$url")" = 405 ] || fail "POST was not 405"
[ "$(code --digest -u cr-user:cr-pass -I "$url")" = 405 ] || fail "HEAD was not 405"
[ "$(code --digest -u cr-user:cr-pass "${url}x")" = 404 ] || fail "another path was not 404"
[ "$(code --digest -u cr-user:cr-pass "${url%/*}/")" = 404 ] || fail "/ was not 404"
allow=$(curl -s -o /dev/null -D - -X PUT "$url" | tr -d '\r' | sed -n 's/^Allow: //Ip')
[ "$allow" = GET ] || fail "405 without Allow: GET ($allow)"
sleep 1
[ "$(sessions)" = 2 ] || fail "a refused request started a session"

# A body is ignored.
[ "$(code --digest -u cr-user:cr-pass -X GET --data 'ignored=1' "$url")" = 200 ] ||
    fail "a GET with a body was not accepted"
wait_acs_sessions 3

# Session 4 waits for its InformResponse; three requests meanwhile make one more session.
[ "$(code --digest -u cr-user:cr-pass "$url")" = 200 ] || fail "the request for session 4"
for _ in $(seq 1 100); do
    grep -q '^4 01 <- Inform' "$ACS_REC/log" && break
    sleep 0.05
done
for _ in 1 2 3; do
    [ "$(code --digest -u cr-user:cr-pass "$url")" = 200 ] || fail "a request during a session"
done
wait_acs_sessions 5
assert_contains "$(body 5 01)" "<EventCode>6 CONNECTION REQUEST</EventCode>"
sleep 1
[ "$(sessions)" = 5 ] || fail "requests during a session made $(($(sessions) - 4)) sessions"

show=$(cli -c enable -c "show cwmp session")
assert_contains "$show" "  Accepted (200)    : 6, last "
assert_contains "$show" "  Refused (401)     : 3"
assert_contains "$show" "  Bad (404, 405)    : 5"
assert_contains "$show" "  Limited (503)     : 0, and 1 while no session could start"

# Without a connection request username nothing gets in.
cli -c enable -c "configure terminal" -c "cwmp agent" -c "no connection request username" \
    -c end >/dev/null
[ "$(code --digest -u cr-user:cr-pass "$url")" = 401 ] || fail "accepted without a username set"
assert_contains "$(cli -c enable -c 'show cwmp session')" \
    "Connection requests : refused (no connection request username)"
cli -c enable -c "configure terminal" -c "cwmp agent" -c "connection request username cr-user" \
    -c end >/dev/null

# no ip http server: nothing listens; back on, it serves again, on another port (port 0): a new
# URL, and nothing else changed, that the ACS hears of at once (notified actively by default).
n=$(sessions)
cli -c enable -c "configure terminal" -c "no ip http server" -c end >/dev/null
[ "$(code --digest -u cr-user:cr-pass "$url")" = 000 ] || fail "still listening"
assert_contains "$(cli -c enable -c 'show cwmp session')" \
    "Connection requests : refused (no ip http server or ip http secure-server)"
cli -c enable -c "configure terminal" -c "ip http server" -c end >/dev/null
url=$(cr_url)
notified=
for _ in $(seq 1 100); do
    for f in "$ACS_REC"/*-01-Inform.xml; do
        k=${f##*/}
        [ "${k%%-*}" -gt "$n" ] || continue
        grep -q '4 VALUE CHANGE' "$f" && grep -qF ">$url<" "$f" && notified=$f
    done
    [ -n "$notified" ] && break
    sleep 0.1
done
[ -n "$notified" ] || fail "the new URL $url was not notified"
sleep 0.5
n=$(sessions)
[ "$(code --digest -u cr-user:cr-pass "$url")" = 200 ] || fail "not serving after ip http server"
wait_acs_sessions $((n + 1))

# ip http secure-server: HTTPS on the next port, with a self-signed certificate kept in the state
# directory. The URL stays http:// while the ACS's is and ip http server is on.
cli -c enable -c "configure terminal" -c "ip http secure-server" -c end >/dev/null
show=$(cli -c enable -c "show cwmp session")
hport=$(sed -n 's/^  HTTPS server *: listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p' <<<"$show")
[ -n "$hport" ] || { printf '%s\n' "$show" >&2; fail "no HTTPS listener"; }
[ "$(cr_url)" = "$url" ] || fail "the URL changed with an HTTPS listener beside HTTP"
surl=https://127.0.0.1:$hport/${url##*/}
[ "$(code -k --digest -u cr-user:cr-pass "$surl")" = 200 ] || fail "HTTPS did not accept"
wait_acs_sessions $((n + 2))
[ "$(code -k --digest -u cr-user:wrong "$surl")" = 401 ] || fail "HTTPS accepted a wrong password"
[ "$(code --digest -u cr-user:cr-pass "http://127.0.0.1:$hport/${url##*/}")" = 000 ] ||
    fail "the HTTPS port answered plain HTTP"
[ "$(stat -c %a "$STATE/cr-https-key.pem")" = 600 ] || fail "the key is readable by others"
if command -v openssl >/dev/null; then
    openssl x509 -in "$STATE/cr-https-cert.pem" -noout -subject | grep -q 'cwmpd-00000C-TEST0001' ||
        fail "not the device's certificate"
fi
cert=$(md5sum <"$STATE/cr-https-cert.pem")
# HTTPS alone: the URL becomes https://.
cli -c enable -c "configure terminal" -c "no ip http server" -c end >/dev/null
[ "$(cr_url)" = "$surl" ] || fail "the URL is not the HTTPS one: $(cr_url)"
stop_cwmpd
# The same certificate after a restart.
start_cwmpd --listen 127.0.0.1:0
cli -c enable -c "configure terminal" -c "ip http secure-server" -c end >/dev/null
assert_contains "$(cli -c enable -c 'show cwmp session')" "  HTTPS server      : listening on"
[ "$(md5sum <"$STATE/cr-https-cert.pem")" = "$cert" ] || fail "a new certificate after a restart"
stop_cwmpd

# The address of the cwmp wan default interface (any 127.x.y.z is local): the listener moves
# with it, and the ACS hears of the new URL at once (active notification).
cat >>"$STATE/startup-config" <<'EOF2'
interface Ethernet0/0
 ip address 127.0.0.2 255.0.0.0
 cwmp wan
 cwmp wan default
!
EOF2
n=$(sessions)
start_cwmpd --listen :0
configure_acs
wait_acs_sessions $((n + 1))
url=$(cr_url)
case "$url" in
http://127.0.0.2:[1-9]*/*) ;;
*) fail "not listening on the interface's address: $url" ;;
esac
cli -c enable -c "configure terminal" -c "interface Ethernet0/0" \
    -c "ip address 127.0.0.3 255.0.0.0" -c end >/dev/null
new=$(cr_url)
case "$new" in
http://127.0.0.3:[1-9]*/*) ;;
*) fail "the listener did not follow the address: $new" ;;
esac
[ "$(code --digest -u cr-user:cr-pass "$url")" = 000 ] || fail "still listening on the old address"
wait_acs_sessions $((n + 2))
inform=$(body $((n + 2)) 01)
assert_contains "$inform" "<EventCode>4 VALUE CHANGE</EventCode>"
assert_contains "$inform" "<Value xsi:type=\"xsd:string\">$new</Value>"
[ "$(code --digest -u cr-user:cr-pass "$new")" = 200 ] || fail "the new URL does not serve"
wait_acs_sessions $((n + 3))

grep -q 'cr-pass' "$CWMPD_LOG" && fail "the password is in cwmpd's log"
acs_no_invalid
stop_acs
stop_cwmpd
exit 0
