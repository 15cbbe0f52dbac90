#!/bin/bash
# The test ACS's own connection-request client, which does what GenieACS's does (a new keep-alive
# connection per request, digest MD5 qop=auth, the connection left idle 2 s after the answer,
# shared/INTEROP.md): each session's script asks for a connection request once it has ended, and
# cwmpd answers 200 and comes back with 6 CONNECTION REQUEST, three times in a row, although the
# earlier requests' connections are still open and idle.
. "$(dirname "$0")/cwmp_lib.sh"

ACS_SCRIPT=$TEST_TMP/script.txt
for i in 1 2 3; do
    printf 'session\nconnection-request cr-user cr-pass\n'
done >"$ACS_SCRIPT"

t0=$(date +%s%N)
start_connreq_agent "ip http server"
wait_acs_sessions 4 10
t1=$(date +%s%N)
# All within a few seconds (each request is answered at once, its connection left idle).
[ $(((t1 - t0) / 1000000)) -lt 8000 ] || fail "4 sessions took $(((t1 - t0) / 1000000)) ms"
for s in 2 3 4; do
    assert_contains "$(body $s 01)" "<EventCode>6 CONNECTION REQUEST</EventCode>"
done
for s in 1 2 3; do
    grep -q "^$s -- connection-request 200" "$ACS_REC/log" ||
        fail "no 200 for the connection request after session $s: $(grep connection-request "$ACS_REC/log")"
done
[ "$(grep -c 'connection-request' "$ACS_REC/log")" = 3 ] ||
    fail "not 3 connection requests: $(grep connection-request "$ACS_REC/log")"

acs_no_invalid
stop_acs
stop_cwmpd
exit 0
