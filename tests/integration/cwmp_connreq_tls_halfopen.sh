#!/bin/bash
# A half-open TLS handshake at the HTTPS connection-request listener (issue 12): a client sends
# the first 3 bytes of a ClientHello (16 03 01) and nothing more. cwmpd waits on the socket: its
# CPU time (utime + stime in /proc/PID/stat) stays low while the client holds the connection, the
# server closes it after its idle timeout, and a connection request over HTTPS still gets in.
. "$(dirname "$0")/cwmp_lib.sh"
command -v curl >/dev/null || skip "curl is missing"
command -v python3 >/dev/null || skip "python3 is missing"

start_connreq_agent "ip http secure-server"
case "$url" in https://127.0.0.1:[1-9]*/*) ;; *) fail "unexpected URL '$url'" ;; esac
port=${url#https://127.0.0.1:}
port=${port%%/*}

# utime + stime of cwmpd, in clock ticks.
cpu() {
    awk '{ print $14 + $15 }' "/proc/$CWMPD_PID/stat"
}
hz=$(getconf CLK_TCK)

cat >"$TEST_TMP/half.py" <<'EOF2'
import socket, sys, time
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
s.sendall(b"\x16\x03\x01")
print("sent", flush=True)
s.settimeout(float(sys.argv[2]))
start = time.monotonic()
try:
    while s.recv(4096):
        pass
    print("closed after %d s" % round(time.monotonic() - start), flush=True)
except socket.timeout:
    print("still open", flush=True)
EOF2
python3 "$TEST_TMP/half.py" "$port" 15 >"$TEST_TMP/half" &
half=$!
for _ in $(seq 1 50); do
    grep -q sent "$TEST_TMP/half" && break
    sleep 0.1
done
grep -q sent "$TEST_TMP/half" || fail "the half-open client did not connect"
c0=$(cpu)
sleep 3
c1=$(cpu)
used=$((c1 - c0))
echo "cwmpd used $used ticks ($hz a second) in 3 s of a half-open handshake"
# Waiting costs nothing; a spin costs about 3 s. A third of a second leaves room for sanitizers
# and a loaded machine.
[ "$used" -le $((hz / 3)) ] || fail "cwmpd used $used ticks of CPU in 3 s of a half-open handshake"
wait "$half" || true
grep -q "closed after" "$TEST_TMP/half" || fail "the half-open connection was not closed: $(cat "$TEST_TMP/half")"
c=$(curl -sk -o /dev/null -w '%{http_code}' --max-time 10 --digest -u cr-user:cr-pass "$url" || true)
[ "$c" = 200 ] || fail "after the half-open handshake, the connection request got $c"
wait_acs_sessions 2

acs_no_invalid
stop_acs
stop_cwmpd
exit 0
