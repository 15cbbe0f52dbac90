#!/bin/bash
# copy over TFTP (libcurl's tftp://, through the same transfer engine as http:): in a network
# namespace of its own, dnsmasq's TFTP server on the namespace's 127.0.0.1 and cwmpd. A file
# arrives byte for byte with IOS's lines; a missing file and a server that refuses writes
# (dnsmasq's TFTP is read-only) fail with IOS's reasons.
# Needs root, ip netns and dnsmasq: skips (77) otherwise.
. "$(dirname "$0")/lib.sh"

[ "$(id -u)" = 0 ] || skip "needs root (network namespaces, TFTP's port 69)"
command -v ip >/dev/null || skip "ip (iproute2) is not installed"
DNSMASQ=$(command -v dnsmasq || true)
[ -n "$DNSMASQ" ] || skip "dnsmasq is not installed (Debian: dnsmasq-base)"

NS=cwmpd-tftp-$$
DNSMASQ_PID=
on_exit() {
    local rc=$?
    [ -n "$DNSMASQ_PID" ] && kill "$DNSMASQ_PID" 2>/dev/null && wait "$DNSMASQ_PID" 2>/dev/null
    ip netns del "$NS" 2>/dev/null
    (exit "$rc")
    cleanup
}
trap on_exit EXIT
ip netns add "$NS" 2>/dev/null || skip "cannot create network namespaces"
ip -n "$NS" link set lo up

ROOT=$TEST_TMP/tftp
mkdir -p "$ROOT"
head -c 100000 /dev/urandom >"$ROOT/x.bin"
chmod 755 "$TEST_TMP" "$ROOT"
printf 'hostname R-TFTP\n!\ninterface Ethernet0/1\n description from tftp\n!\nno such command\nend\n' \
    >"$ROOT/r1-confg"
chmod 644 "$ROOT/x.bin" "$ROOT/r1-confg"
ip netns exec "$NS" "$DNSMASQ" --keep-in-foreground --conf-file=/dev/null --port=0 \
    --enable-tftp --tftp-root="$ROOT" --listen-address=127.0.0.1 --bind-interfaces --user=root \
    --pid-file="$TEST_TMP/dnsmasq.pid" --log-facility="$TEST_TMP/dnsmasq.log" &
DNSMASQ_PID=$!

printf '#!/bin/sh\nexec ip netns exec %s %s "$@"\n' "$NS" "$CWMPD" >"$TEST_TMP/cwmpd"
chmod +x "$TEST_TMP/cwmpd"
CWMPD=$TEST_TMP/cwmpd
start_cwmpd
for i in $(seq 1 50); do
    grep -q "TFTP root" "$TEST_TMP/dnsmasq.log" 2>/dev/null && break
    sleep 0.1
done

# timed OUTPUT: the seconds and rate of "N bytes copied in S secs (R bytes/sec)" as S and R.
timed() {
    printf '%s\n' "$1" |
        sed -E 's|^([0-9]+ bytes copied in )[0-9]+\.[0-9]{3} secs \([0-9]+ bytes/sec\)$|\1S secs (R bytes/sec)|'
}

out=$(cli -c enable -c "copy tftp://127.0.0.1/x.bin flash:") || fail "the copy failed: $out"
assert_eq "$(timed "$out")" "Accessing tftp://127.0.0.1/x.bin...
[OK - 100000 bytes]

100000 bytes copied in S secs (R bytes/sec)"
cmp "$ROOT/x.bin" "$STATE/flash/x.bin" || fail "the file differs"
out=$(cli -c enable -c "copy tftp://127.0.0.1/x.bin flash:y.bin") || fail "the copy failed: $out"
cmp "$ROOT/x.bin" "$STATE/flash/y.bin" || fail "the file differs"

out=$(cli -c enable -c "copy tftp://127.0.0.1/none.bin flash:") && fail "a missing file copied"
assert_eq "$out" "Accessing tftp://127.0.0.1/none.bin...
%Error opening tftp://127.0.0.1/none.bin (No such file or directory)"
[ -e "$STATE/flash/none.bin" ] && fail "a failed copy left a file"

# A configuration merged into running-config, the line it refuses said, and not saved.
out=$(cli -c enable -c "copy tftp://127.0.0.1/r1-confg running-config") &&
    fail "a merge with a bad line passed"
assert_eq "$(timed "$out")" "Accessing tftp://127.0.0.1/r1-confg...
[OK - 85 bytes]

line 6: no such command
% Invalid input detected at '^' marker.
85 bytes copied in S secs (R bytes/sec)"
rc=$(cli -c enable -c "show running-config")
assert_contains "$rc" "hostname R-TFTP"
assert_contains "$rc" "interface Ethernet0/1
 description from tftp"
assert_contains "$(cat "$CWMPD_LOG")" "%SYS-5-CONFIG_I: Configured from tftp://127.0.0.1/r1-confg"
[ -e "$STATE/startup-config" ] && fail "the merge was saved"
[ -e "$STATE/flash/copy-running-config.tmp" ] && fail "the merged file stayed in flash:"

out=$(cli -c enable -c "copy running-config tftp://127.0.0.1/r1-confg") && fail "the upload passed"
assert_eq "$out" "%Error opening tftp://127.0.0.1/r1-confg (Illegal TFTP operation)"
stop_cwmpd
