#!/bin/bash
# Two floods of 10,000 requests at the connection-request server from loopback, eight at a time:
# without credentials, on other paths, with other methods and with the right credentials,
# interleaved. cwmpd must go on serving (its shell, then a fresh connection request), its memory
# must stay flat, and the sessions the flood caused must stay within the limit (--cr-rate 4/5
# here: at most 4 sessions in any 5 seconds). Before it, wrong passwords: past 20 in a second,
# every request with credentials gets 503 until the second is over.
. "$(dirname "$0")/cwmp_lib.sh"
command -v curl >/dev/null || skip "curl is missing"
curl --help all 2>/dev/null | grep -q -- '--parallel-max' || skip "curl has no --parallel (7.66 or later)"

ROUNDS=5
KINDS=4
PER_KIND=500 # 5 rounds x 4 kinds x 500 = 10,000 requests a flood, 20,000 in all
LIMIT=4
PERIOD=5

write_device_info
cat >"$STATE/startup-config" <<'EOF2'
ip http server
!
cwmp agent
 connection request username cr-user
 connection request password 0 cr-pass
!
EOF2
# AddressSanitizer keeps freed memory aside (256 MB by default), which would hide whether
# cwmpd's own memory stays flat: a small quarantine keeps the measure meaningful.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=4"
start_acs
start_cwmpd --listen 127.0.0.1:0 --cr-rate "$LIMIT/$PERIOD"
configure_acs
wait_acs_sessions 1
url=$(cli -c enable -c "show cwmp session" | sed -n 's/^  URL *: //p')
[ -n "$url" ] || fail "no connection request URL"

rss() {
    awk '/^VmRSS/ {print $2}' "/proc/$CWMPD_PID/status"
}

# One curl configuration: a group of transfers per kind of request and round, each group with
# its own options (`next` starts a new group). Half of the kinds close their connection after
# each request: the server must also take 10,000 connections.
group() { # url, then curl options, one per line
    local u=$1 i
    shift
    printf '%s\n' "$@"
    echo 'silent'
    echo 'write-out = "%{http_code}\n"'
    echo 'max-time = 20'
    for ((i = 0; i < PER_KIND; i++)); do
        echo "url = \"$u\""
        echo 'output = "/dev/null"'
    done
    echo next
}
{
    for ((r = 0; r < ROUNDS; r++)); do
        group "$url" 'header = "Connection: close"'
        group "${url}x" 'digest' 'user = "cr-user:cr-pass"' 'header = "Connection: close"'
        group "$url" 'digest' 'user = "cr-user:cr-pass"' 'request = "POST"'
        group "$url" 'digest' 'user = "cr-user:cr-pass"'
    done
} >"$TEST_TMP/flood.cfg"

# Guessing: 20 wrong answers in a second are refused (401), then even the right one waits.
for i in $(seq 1 25); do
    echo "url = \"$url\""
    echo 'output = "/dev/null"'
done >"$TEST_TMP/guess.cfg"
curl -s --digest -u cr-user:wrong -w '%{http_code}\n' -K "$TEST_TMP/guess.cfg" >"$TEST_TMP/guess"
[ "$(grep -cx 401 "$TEST_TMP/guess")" = 20 ] || fail "not 20 refusals: $(sort "$TEST_TMP/guess" | uniq -c)"
[ "$(grep -cx 503 "$TEST_TMP/guess")" = 5 ] || fail "not 5 answers 503: $(sort "$TEST_TMP/guess" | uniq -c)"
c=$(curl -s -o /dev/null -w '%{http_code}' --digest -u cr-user:cr-pass "$url")
[ "$c" = 503 ] || fail "the right password got $c right after 20 wrong ones"
sleep 1.1

# Warm up (the first connections size the allocator's pools), then measure.
c=$(curl -s -o /dev/null -w '%{http_code}' --digest -u cr-user:cr-pass "$url")
[ "$c" = 200 ] || fail "the right password got $c a second after the wrong ones"
wait_acs_sessions 2
# flood N: the whole flood, its answers in codes.N; the RSS after it in rss.N.
flood() {
    curl --parallel --parallel-max 8 -K "$TEST_TMP/flood.cfg" >"$TEST_TMP/codes.$1" 2>/dev/null || true
    rss >"$TEST_TMP/rss.$1"
    sort "$TEST_TMP/codes.$1" | uniq -c | sed 's/^/  /'
    local total bad
    total=$(wc -l <"$TEST_TMP/codes.$1")
    [ "$total" = $((ROUNDS * KINDS * PER_KIND)) ] ||
        fail "$total answers for $((ROUNDS * KINDS * PER_KIND)) requests"
    # The second flood may find the session window still full: all its right requests 503.
    [ "$1" != 1 ] || grep -qx 200 "$TEST_TMP/codes.$1" || fail "no right request got in"
    bad=$(grep -cvxE '200|401|404|405|503|000' "$TEST_TMP/codes.$1" || true)
    [ "$bad" = 0 ] || fail "$bad unexpected answers"
}
before=$(rss)
n0=$(cat "$ACS_REC/sessions")
t0=$(date +%s.%N)
flood 1
# Twice: the second shows whether memory grows with requests once every pool (and, under
# AddressSanitizer, its quarantine) has its size.
flood 2
t1=$(date +%s.%N)
after1=$(cat "$TEST_TMP/rss.1")
after=$(cat "$TEST_TMP/rss.2")
total=$((2 * ROUNDS * KINDS * PER_KIND))

# Still serving: the shell, then a fresh connection request (once the window has room).
cli -c "show clock" >/dev/null || fail "cwmpd does not answer its shell after the flood"
sleep 1 # sessions the flood started end
n1=$(cat "$ACS_REC/sessions")
ok=
for _ in $(seq 1 $((PERIOD * 4 + 4))); do
    c=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 --digest -u cr-user:cr-pass "$url")
    [ "$c" = 200 ] && ok=1 && break
    [ "$c" = 503 ] || fail "a fresh connection request got $c"
    sleep 0.5
done
[ -n "$ok" ] || fail "no fresh connection request got in after the flood"
wait_acs_sessions $((n1 + 1))

secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%d", b - a + 1 }')
flood_sessions=$((n1 - n0))
bound=$((LIMIT * (secs / PERIOD + 1)))
echo "flood: $total requests in $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }') s," \
    "$flood_sessions sessions (bound $bound), VmRSS $before -> $after1 -> $after KiB"
[ "$flood_sessions" -le "$bound" ] || fail "$flood_sessions sessions, more than $bound"
[ "$flood_sessions" -ge 1 ] || fail "the flood's right requests started no session"
[ $((after - after1)) -le 1024 ] || fail "VmRSS grew from $after1 to $after KiB in the second flood"
# Sanitizers keep memory of their own (shadow, quarantine): the first flood is only comparable
# without them.
if ! ldd "$CWMPD" 2>/dev/null | grep -q 'lib[at]san'; then
    [ $((after1 - before)) -le 1024 ] || fail "VmRSS grew from $before to $after1 KiB"
fi
assert_contains "$(cli -c enable -c 'show cwmp session')" "  HTTP server       : listening on"

acs_no_invalid
stop_acs
stop_cwmpd
exit 0
