#!/bin/bash
# STUN's timing and the binding's changes (TR-069 Annex G, TR-098's ManagementServer), against a
# STUN server of the test's on the loopback, which answers with whatever mapped address the test
# puts in a file (a NAT gateway that changes the binding, without namespaces or root):
# - the keep-alives come every STUNMaximumKeepAlivePeriod seconds when that is shorter than the
#   default, never closer than STUNMinimumKeepAlivePeriod;
# - a changed binding is announced at once with BINDING-CHANGE (the minimum does not hold it),
#   and only in that request;
# - NATDetected and UDPConnectionRequestAddress follow the answers, and the new address is
#   notified actively, but not sooner than UDPConnectionRequestAddressNotificationLimit seconds
#   after the last notification of it;
# - datagrams that are neither a good answer nor a good request are dropped and counted.
# Needs python3: skips (77) otherwise.
. "$(dirname "$0")/cwmp_lib.sh"

PYTHON=$(command -v python3 || true)
[ -n "$PYTHON" ] || skip "python3 is not installed"

# The server: logs each Binding Request as "SECONDS CHANGE" (CHANGE 1 when it carries
# BINDING-CHANGE) and answers with XOR-MAPPED-ADDRESS from the file "mapped" (IP PORT).
cat >"$TEST_TMP/stunsrv.py" <<'EOF2'
import os, socket, struct, sys, time
d = sys.argv[1]
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", 0))
with open(d + "/stun.port.tmp", "w") as f:
    f.write("%d\n" % s.getsockname()[1])
os.rename(d + "/stun.port.tmp", d + "/stun.port")
log = open(d + "/stun.log", "a")
while True:
    data, peer = s.recvfrom(2048)
    if len(data) < 20 or data[0:2] != b"\x00\x01":
        continue
    at, change = 20, 0
    while at + 4 <= len(data):
        t, n = struct.unpack(">HH", data[at:at + 4])
        change |= t == 0xC002
        at += 4 + (n + 3) // 4 * 4
    log.write("%.3f %d\n" % (time.monotonic(), change))
    log.flush()
    ip, port = open(d + "/mapped").read().split()
    a = struct.unpack(">I", socket.inet_aton(ip))[0] ^ 0x2112A442
    v = struct.pack(">BBHI", 0, 1, int(port) ^ 0x2112, a)
    body = struct.pack(">HH", 0x20, 8) + v
    s.sendto(struct.pack(">HHI", 0x0101, len(body), 0x2112A442) + data[8:20] + body, peer)
EOF2
echo "192.0.2.10 50000" >"$TEST_TMP/mapped"
"$PYTHON" "$TEST_TMP/stunsrv.py" "$TEST_TMP" >>"$TEST_TMP/stunsrv.out" 2>&1 &
CLEANUP_PIDS="$CLEANUP_PIDS $!"
for _ in $(seq 1 100); do
    [ -s "$TEST_TMP/stun.port" ] && break
    sleep 0.05
done
[ -s "$TEST_TMP/stun.port" ] || fail "the STUN server did not start"
STUN_PORT=$(cat "$TEST_TMP/stun.port")

MS=InternetGatewayDevice.ManagementServer
write_device_info
cat >"$TEST_TMP/script" <<EOF2
session
SetParameterAttributes $MS.UDPConnectionRequestAddress true 2 false %
end
EOF2
start_acs --script "$TEST_TMP/script" $(schema_args)
printf 'ip http server\n!\n' >"$STATE/startup-config"
start_cwmpd --listen 127.0.0.1:0
configure_acs "connection request username cr-user" "connection request password 0 cr-pass" \
    "connection request udp notification limit 8"
wait_acs_sessions 1 || fail "no first session"
local_ep=$(cli -c enable -c "show cwmp parameter $MS.UDPConnectionRequestAddress" |
    sed -n 's/^  Value        : //p')
assert_match "$local_ep" '^127\.0\.0\.1:[0-9]+$'
assert_contains "$(cli -c enable -c "show cwmp parameter $MS.NATDetected")" "Value        : false"

# STUN on, keep-alives at most every 2 s, at least 1 s apart.
cli -c enable -c "configure terminal" -c "cwmp agent" -c "stun server 127.0.0.1" \
    -c "stun port $STUN_PORT" -c "stun keepalive minimum 1" -c "stun keepalive maximum 2" -c stun \
    -c end >/dev/null
wait_acs_sessions 2 10 || fail "the mapped address was not notified"
t_notified=$(date +%s)
inform=$(body 2 01)
assert_contains "$inform" "<EventCode>4 VALUE CHANGE</EventCode>"
assert_contains "$inform" "<Name>$MS.UDPConnectionRequestAddress</Name><Value xsi:type=\"xsd:string\">192.0.2.10:50000</Value>"
assert_contains "$(cli -c enable -c "show cwmp parameter $MS.NATDetected")" "Value        : true"
out=$(cli -c enable -c "show cwmp session")
assert_contains "$out" "  Mapped address    : 192.0.2.10:50000, NAT detected"
assert_contains "$out" "  Keep-alive period : 2 s"

# The binding changes: the next keep-alive's answer says so, a request with BINDING-CHANGE
# follows at once, and the parameter has the new value; its notification waits for the limit.
sleep 3
echo "192.0.2.11 50001" >"$TEST_TMP/mapped"
for _ in $(seq 1 60); do
    case $(cli -c enable -c "show cwmp session") in *"Mapped address    : 192.0.2.11:50001"*) break ;; esac
    sleep 0.1
done
assert_contains "$(cli -c enable -c "show cwmp parameter $MS.UDPConnectionRequestAddress")" \
    "Value        : 192.0.2.11:50001"
sleep 0.5
assert_eq "$(cat "$ACS_REC/sessions")" 2
wait_acs_sessions 3 15 || fail "the new address was never notified"
t_second=$(date +%s)
[ $((t_second - t_notified)) -ge 6 ] ||
    fail "notified $((t_second - t_notified)) s after the last notification, under the limit of 8"
assert_contains "$(body 3 01)" "<Name>$MS.UDPConnectionRequestAddress</Name><Value xsi:type=\"xsd:string\">192.0.2.11:50001</Value>"

# The keep-alives as the server saw them: BINDING-CHANGE in exactly one request, which came
# less than a second after the one before (the minimum does not hold it back); every other gap
# within [1, 2.5] s (the maximum, and the answer's time).
sleep 3
"$PYTHON" - "$TEST_TMP/stun.log" <<'EOF2' || fail "keep-alive timing (log: $(tr '\n' ' ' <"$TEST_TMP/stun.log"))"
import sys
rows = [(float(t), int(c)) for t, c in (l.split() for l in open(sys.argv[1]))]
changes = [i for i, (_, c) in enumerate(rows) if c]
assert len(changes) == 1, "BINDING-CHANGE in %d requests" % len(changes)
i = changes[0]
assert i > 0 and rows[i][0] - rows[i - 1][0] < 0.5, "BINDING-CHANGE was not sent at once"
gaps = [rows[k][0] - rows[k - 1][0] for k in range(1, len(rows)) if k != i]
assert len(gaps) >= 4, "only %d keep-alives" % len(gaps)
# the one after BINDING-CHANGE follows its answer, the rest follow each other
bad = [g for g in gaps if not 1.0 <= g <= 2.5]
assert not bad, "gaps out of [1, 2.5]: %s" % bad
EOF2

# Junk on the port: a STUN-looking datagram that is not STUN, an answer to no request from
# another port, and a UDP connection request that is not one; each dropped and counted, no
# session.
port=${local_ep##*:}
"$PYTHON" - "$port" <<'EOF2'
import socket, struct, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
dst = ("127.0.0.1", int(sys.argv[1]))
# a header whose one attribute runs past the end
s.sendto(struct.pack(">HHI", 0x0101, 4, 0x2112A442) + b"x" * 12 + struct.pack(">HH", 0x20, 8), dst)
# a well-formed answer, but from here and to no transaction
v = struct.pack(">BBHI", 0, 1, 1 ^ 0x2112, 0xC6336401 ^ 0x2112A442)
s.sendto(struct.pack(">HHI", 0x0101, 12, 0x2112A442) + b"y" * 12 + struct.pack(">HH", 0x20, 8) + v, dst)
s.sendto(b"GET / HTTP/1.1\r\n\r\n", dst)
EOF2
for _ in $(seq 1 50); do
    out=$(cli -c enable -c "show cwmp session")
    case $out in *"Dropped           : 1 malformed"*) break ;; esac
    sleep 0.1
done
assert_contains "$out" "  Answers dropped   : 1 malformed, 1 stale or foreign, 0 failed integrity"
assert_contains "$out" "  Dropped           : 1 malformed, 0 wrong username, 0 bad signature, 0 old timestamp, 0 replayed id"
assert_contains "$out" "  Mapped address    : 192.0.2.11:50001, NAT detected"
sleep 0.5
assert_eq "$(cat "$ACS_REC/sessions")" 3

acs_no_invalid
stop_acs
stop_cwmpd
exit 0
