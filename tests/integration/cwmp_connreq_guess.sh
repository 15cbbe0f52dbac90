#!/bin/bash
# Wrong credentials are counted per source address (issue 12): someone sending 25 wrong digests
# in a second from 127.0.0.2 gets 401 twenty times then 503, even with the right password, while
# the ACS at 127.0.0.1 still gets its connection request accepted.
. "$(dirname "$0")/cwmp_lib.sh"
command -v curl >/dev/null || skip "curl is missing"
curl -s -o /dev/null --max-time 2 --interface 127.0.0.2 http://127.0.0.1:1/ 2>/dev/null
[ $? = 45 ] && skip "curl cannot bind 127.0.0.2"

start_connreq_agent "ip http server"

for i in $(seq 1 25); do
    echo "url = \"$url\""
    echo 'output = "/dev/null"'
done >"$TEST_TMP/guess.cfg"
t0=$(date +%s%N)
curl -s --interface 127.0.0.2 --digest -u cr-user:wrong -w '%{http_code}\n' -K "$TEST_TMP/guess.cfg" \
    >"$TEST_TMP/guess"
# Within the same second: the guesser is held back, the ACS is not.
c=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 --interface 127.0.0.1 --digest -u cr-user:cr-pass "$url")
[ "$c" = 200 ] || fail "the ACS's connection request got $c after another address's wrong guesses"
g=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 --interface 127.0.0.2 --digest -u cr-user:cr-pass "$url")
t1=$(date +%s%N)
[ "$(head -n 20 "$TEST_TMP/guess" | grep -cx 401)" = 20 ] ||
    fail "the first 20 guesses were not all refused: $(sort "$TEST_TMP/guess" | uniq -c)"
# On a machine slow enough that the guesses took more than the window, the first of them have
# left it: the rest may be 401 again.
if [ $(((t1 - t0) / 1000000)) -lt 1000 ]; then
    [ "$(grep -cx 503 "$TEST_TMP/guess")" = 5 ] || fail "not 5 answers 503: $(sort "$TEST_TMP/guess" | uniq -c)"
    [ "$g" = 503 ] || fail "the guessing address got $g right after its 20 wrong guesses"
else
    echo "the guesses took $(((t1 - t0) / 1000000)) ms: the 503s are not checked"
fi
wait_acs_sessions 2

acs_no_invalid
stop_acs
stop_cwmpd
exit 0
