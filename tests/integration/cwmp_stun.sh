#!/bin/bash
# UDP connection requests through NAT (TR-111 Part 2, TR-069 Annex G) with real parts, in network
# namespaces of its own: the CPE (cwmpd and the test ACS) behind a router that masquerades with
# nftables, and on the public side coturn (STUN only). cwmpd learns its public address from coturn
# through the NAT (NATDetected, UDPConnectionRequestAddress, notified actively to the ACS), and a
# UDP connection request sent from the STUN server's address to that public address comes through
# the NAT and starts a session with 6 CONNECTION REQUEST; a bad signature, an old timestamp and a
# replayed id are dropped and counted; after cwmpd is killed and started again, the same request
# and an older timestamp are still refused, a fresh request gets in, and a second one is limited
# by --cr-rate. Then coturn asks for message integrity (--secure-stun,
# long-term credentials): after its 401 cwmpd sends the request again with the stun username and
# password, and learns the binding again.
# The requests leave from the STUN server's address and port, as an ACS beside its STUN server
# sends them: Linux's NAT lets in only what comes from where the binding was made (RFC 4787's
# address- and port-dependent filtering), as many home gateways do.
# Needs root, ip netns, nft, coturn's turnserver and python3: skips (77) otherwise.
. "$(dirname "$0")/cwmp_lib.sh"

[ "$(id -u)" = 0 ] || skip "needs root (network namespaces, nftables, a raw socket)"
command -v ip >/dev/null || skip "ip (iproute2) is not installed"
NFT=$(command -v nft || true)
[ -n "$NFT" ] || skip "nft (nftables) is not installed"
TURNSERVER=$(command -v turnserver || true)
[ -n "$TURNSERVER" ] || skip "turnserver is not installed (Debian: coturn)"
PYTHON=$(command -v python3 || true)
[ -n "$PYTHON" ] || skip "python3 is not installed"

CPE=cwmpd-cpe-$$
RTR=cwmpd-rtr-$$
PUB=cwmpd-pub-$$
NS_PIDS=
netns_cleanup() {
    local pid
    for pid in ${NS_PIDS:-}; do
        kill "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
    done
    ip netns del "$CPE" 2>/dev/null
    ip netns del "$RTR" 2>/dev/null
    ip netns del "$PUB" 2>/dev/null
}
on_exit() {
    local rc=$?
    netns_cleanup
    (exit "$rc")
    cleanup
}
trap on_exit EXIT

ip netns add "$CPE" 2>/dev/null || skip "cannot create network namespaces"
ip netns add "$RTR" || skip "cannot create network namespaces"
ip netns add "$PUB" || skip "cannot create network namespaces"
ip link add stuncpe netns "$CPE" type veth peer name stunin netns "$RTR" ||
    skip "cannot create a veth pair"
ip link add stunout netns "$RTR" type veth peer name stunpub netns "$PUB" ||
    skip "cannot create a veth pair"
for ns in "$CPE" "$RTR" "$PUB"; do ip -n "$ns" link set lo up; done
ip -n "$CPE" addr add 10.64.0.2/24 dev stuncpe
ip -n "$CPE" link set stuncpe up
ip -n "$CPE" route add default via 10.64.0.1
ip -n "$RTR" addr add 10.64.0.1/24 dev stunin
ip -n "$RTR" addr add 203.0.113.1/24 dev stunout
ip -n "$RTR" link set stunin up
ip -n "$RTR" link set stunout up
ip -n "$PUB" addr add 203.0.113.2/24 dev stunpub
ip -n "$PUB" link set stunpub up
ip netns exec "$RTR" sysctl -q -w net.ipv4.ip_forward=1
ip netns exec "$RTR" "$NFT" -f - <<'EOF2' || skip "nftables cannot masquerade here"
table ip nat {
    chain postrouting {
        type nat hook postrouting priority srcnat; policy accept;
        oifname "stunout" masquerade
    }
}
EOF2

# coturn as a plain STUN server on the public side.
ip netns exec "$PUB" "$TURNSERVER" --stun-only --listening-ip 203.0.113.2 --listening-port 3478 \
    --no-cli --no-tls --no-dtls --no-software-attribute --simple-log \
    --log-file "$TEST_TMP/turnserver.log" --pidfile "$TEST_TMP/turnserver.pid" \
    >>"$TEST_TMP/turnserver.out" 2>&1 &
NS_PIDS="$NS_PIDS $!"

# cwmpd and the ACS run in the CPE's namespace (the ACS on its loopback).
in_cpe() { # NAME PROGRAM
    printf '#!/bin/sh\nexec ip netns exec %s %s "$@"\n' "$CPE" "$2" >"$TEST_TMP/$1"
    chmod +x "$TEST_TMP/$1"
}
in_cpe cwmpd "$CWMPD"
in_cpe testacs "$TESTACS"
CWMPD=$TEST_TMP/cwmpd
TESTACS=$TEST_TMP/testacs

MS=InternetGatewayDevice.ManagementServer
write_device_info
cat >"$TEST_TMP/script" <<EOF2
session
SetParameterAttributes $MS.UDPConnectionRequestAddress true 2 false %
end
EOF2
start_acs --script "$TEST_TMP/script" $(schema_args)
start_cwmpd
configure_acs "connection request username cr-user" "connection request password 0 cr-pass"
wait_acs_sessions 1 || fail "no first session"
assert_eq "$(cli -c enable -c "show cwmp parameter $MS.NATDetected" | grep -c true)" 0

# STUN on: cwmpd learns 203.0.113.1:PORT through the NAT and the ACS hears of it.
cli -c enable -c "configure terminal" -c "cwmp agent" -c "stun server 203.0.113.2" -c stun \
    -c end >/dev/null
mapped=
for _ in $(seq 1 100); do
    mapped=$(cli -c enable -c "show cwmp session" | sed -n 's/^  Mapped address    : \([0-9.:]*\), NAT detected$/\1/p')
    [ -n "$mapped" ] && break
    sleep 0.1
done
[ -n "$mapped" ] || { cli -c enable -c "show cwmp session" >&2; cat "$TEST_TMP"/turnserver.* >&2; fail "no mapped address learnt"; }
assert_match "$mapped" '^203\.0\.113\.1:[0-9]+$'
out=$(cli -c enable -c "show cwmp session")
assert_contains "$out" "  Server            : 203.0.113.2 port 3478"
assert_match "$out" "Binding Requests  : [1-9][0-9]* sent, [1-9][0-9]* answered, 0 errors, 0 timeouts"
wait_acs_sessions 2 10 || fail "the new UDPConnectionRequestAddress was not notified"
inform=$(body 2 01)
assert_contains "$inform" "<EventCode>4 VALUE CHANGE</EventCode>"
assert_contains "$inform" "<Name>$MS.UDPConnectionRequestAddress</Name><Value xsi:type=\"xsd:string\">$mapped</Value>"
assert_contains "$(cli -c enable -c "show cwmp parameter $MS.NATDetected")" "true"

# The ACS's side: a signed request from the STUN server's address and port (a raw socket, as
# coturn holds the port), to the public address.
cat >"$TEST_TMP/udpcr.py" <<'EOF2'
import hashlib, hmac, socket, struct, sys
dst, port, ts, ident, user, key = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5], sys.argv[6]
cn = "XTGRWIPC6D3IPXS3"
sig = hmac.new(key.encode(), (ts + ident + user + cn).encode(), hashlib.sha1).hexdigest().upper()
msg = ("GET http://%s:%d?ts=%s&id=%s&un=%s&cn=%s&sig=%s HTTP/1.1\r\nHost: %s:%d\r\n\r\n"
       % (dst, port, ts, ident, user, cn, sig, dst, port)).encode()
s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_UDP)
s.sendto(struct.pack(">HHHH", 3478, port, 8 + len(msg), 0) + msg, (dst, 0))
EOF2
udp_cr() { # TS ID USER KEY
    ip netns exec "$PUB" "$PYTHON" "$TEST_TMP/udpcr.py" "${mapped%:*}" "${mapped##*:}" "$@"
}
ts=$(date +%s)
udp_cr "$ts" 1001 cr-user cr-pass
wait_acs_sessions 3 10 || fail "the UDP connection request started no session"
assert_contains "$(body 3 01)" "<EventCode>6 CONNECTION REQUEST</EventCode>"

# Dropped: a bad signature, an old timestamp, the same id again.
udp_cr $((ts + 1)) 1002 cr-user wrong-pass
udp_cr $((ts - 10)) 1003 cr-user cr-pass
udp_cr $((ts + 2)) 1001 cr-user cr-pass
for _ in $(seq 1 50); do
    out=$(cli -c enable -c "show cwmp session")
    case $out in *"1 bad signature, 1 old timestamp, 1 replayed id"*) break ;; esac
    sleep 0.1
done
assert_contains "$out" "  Accepted          : 1, last "
assert_contains "$out" "  Dropped           : 0 malformed, 0 wrong username, 1 bad signature, 1 old timestamp, 1 replayed id"
sleep 1
assert_eq "$(cat "$ACS_REC/sessions")" 3

# A good one after them still gets in.
udp_cr $((ts + 3)) 1004 cr-user cr-pass
wait_acs_sessions 4 10 || fail "a valid request after the dropped ones started no session"
assert_contains "$(body 4 01)" "<EventCode>6 CONNECTION REQUEST</EventCode>"

# What was accepted survives a crash: cwmpd killed (-9) and started again refuses the same
# request (its id) and an older timestamp, and takes a fresh one.
assert_eq "$(sed -n 's/^ts //p' "$STATE/udp-cr-replay")" $((ts + 3))
assert_contains "$(cat "$STATE/udp-cr-replay")" "id 1004"
assert_eq "$(cat "$STATE/stun-binding")" "${mapped%:*} ${mapped##*:}"
cli -c enable -c "write memory" >/dev/null
kill9_cwmpd
start_cwmpd --cr-rate 1/3600
wait_acs_sessions 5 10 || fail "no session after the restart"
# The binding learnt before the restart is still UDPConnectionRequestAddress until an answer
# says otherwise: the ACS is not told the local address, then the public one again.
assert_not_contains "$(body 5 01)" "<Name>$MS.UDPConnectionRequestAddress</Name>"
mapped2=
for _ in $(seq 1 100); do
    mapped2=$(cli -c enable -c "show cwmp session" | sed -n 's/^  Mapped address    : \([0-9.:]*\), NAT detected$/\1/p')
    [ -n "$mapped2" ] && break
    sleep 0.1
done
[ -n "$mapped2" ] || fail "no mapped address learnt after the restart"
mapped=$mapped2
sleep 1
base=$(cat "$ACS_REC/sessions")
assert_eq "$base" 5
udp_cr $((ts + 3)) 1004 cr-user cr-pass
udp_cr $((ts + 2)) 1005 cr-user cr-pass
for _ in $(seq 1 50); do
    out=$(cli -c enable -c "show cwmp session")
    case $out in *"1 old timestamp, 1 replayed id"*) break ;; esac
    sleep 0.1
done
assert_contains "$out" "  Accepted          : 0, last never"
assert_contains "$out" "  Dropped           : 0 malformed, 0 wrong username, 0 bad signature, 1 old timestamp, 1 replayed id"
sleep 1
assert_eq "$(cat "$ACS_REC/sessions")" "$base"
udp_cr $((ts + 4)) 1006 cr-user cr-pass
wait_acs_sessions $((base + 1)) 10 || fail "a fresh request after the restart started no session"
assert_contains "$(body $((base + 1)) 01)" "<EventCode>6 CONNECTION REQUEST</EventCode>"
assert_eq "$(sed -n 's/^ts //p' "$STATE/udp-cr-replay")" $((ts + 4))
# --cr-rate holds for UDP connection requests too: a second one within the hour is limited (and
# still remembered: it was used).
udp_cr $((ts + 5)) 1007 cr-user cr-pass
for _ in $(seq 1 50); do
    out=$(cli -c enable -c "show cwmp session")
    case $out in *"Limited           : 1,"*) break ;; esac
    sleep 0.1
done
assert_contains "$out" "  Accepted          : 1, last "
assert_contains "$out" "  Limited           : 1, and 0 while no session could start"
sleep 1
assert_eq "$(cat "$ACS_REC/sessions")" $((base + 1))
assert_eq "$(sed -n 's/^ts //p' "$STATE/udp-cr-replay")" $((ts + 5))

# A STUN server that wants message integrity (coturn's --secure-stun, long-term credentials):
# its 401 gives the realm and nonce, and the request goes again with MESSAGE-INTEGRITY.
kill "$(cat "$TEST_TMP/turnserver.pid")"
for _ in $(seq 1 50); do
    [ -e "/proc/$(cat "$TEST_TMP/turnserver.pid")" ] || break
    sleep 0.1
done
ip netns exec "$PUB" "$TURNSERVER" --stun-only --secure-stun --lt-cred-mech \
    --user stun-user:stun-pass --realm cwmpd.test --listening-ip 203.0.113.2 \
    --listening-port 3478 --no-cli --no-tls --no-dtls --no-software-attribute --simple-log \
    --log-file "$TEST_TMP/turnserver2.log" --pidfile "$TEST_TMP/turnserver.pid" \
    >>"$TEST_TMP/turnserver.out" 2>&1 &
NS_PIDS="$NS_PIDS $!"
sleep 1
cli -c enable -c "configure terminal" -c "cwmp agent" -c "no stun" -c "stun username stun-user" \
    -c "stun password 0 stun-pass" -c stun -c end >/dev/null
for _ in $(seq 1 100); do
    out=$(cli -c enable -c "show cwmp session")
    case $out in *"with message integrity"*"Mapped address    : $mapped, NAT detected"*) break ;; esac
    sleep 0.1
done
assert_contains "$out" "  Server            : 203.0.113.2 port 3478, with message integrity"
assert_contains "$out" "  Mapped address    : $mapped, NAT detected"
assert_match "$out" "Binding Requests  : [0-9]+ sent, [0-9]+ answered, 1 errors, 0 timeouts"
# coturn's answers carry MESSAGE-INTEGRITY, which cwmpd checks: none failed.
assert_contains "$out" ", 0 failed integrity"

# Forged answers: a STUN server of the test's (port 3479) asks for credentials, then answers the
# request that carries them three times: with another address signed by a wrong key, with
# another address and no MESSAGE-INTEGRITY, and rightly, with another address appended after
# its MESSAGE-INTEGRITY. Only the right one is believed, and only what it signs.
cat >"$TEST_TMP/fakestun.py" <<'EOF2'
import hashlib, hmac, socket, struct, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("203.0.113.2", 3479))
open(sys.argv[1], "w").close()
def attr(t, v):
    return struct.pack(">HH", t, len(v)) + v + b"\0" * ((4 - len(v) % 4) % 4)
def xaddr(ip, port):
    a = struct.unpack(">I", socket.inet_aton(ip))[0] ^ 0x2112A442
    return attr(0x20, struct.pack(">BBHI", 0, 1, port ^ 0x2112, a))
def msg(t, tid, attrs):
    body = b"".join(attrs)
    return struct.pack(">HHI", t, len(body), 0x2112A442) + tid + body
def signed(tid, attrs, key, after=()):
    head = msg(0x0101, tid, attrs)
    head = head[:2] + struct.pack(">H", len(head) - 20 + 24) + head[4:]
    mac = hmac.new(key, head, hashlib.sha1).digest()
    return msg(0x0101, tid, list(attrs) + [attr(0x08, mac)] + list(after))
key = hashlib.md5(b"stun-user:fake.test:stun-pass").digest()
while True:
    data, peer = s.recvfrom(2048)
    tid = data[8:20]
    if b"\x00\x08\x00\x14" not in data[20:]:
        err = attr(0x09, b"\0\0\x04\x01Unauthorized")
        s.sendto(msg(0x0111, tid, [err, attr(0x14, b"fake.test"), attr(0x15, b"n1")]), peer)
        continue
    evil = xaddr("198.51.100.99", 1)
    s.sendto(signed(tid, [evil], b"wrong key"), peer)
    s.sendto(msg(0x0101, tid, [evil]), peer)
    s.sendto(signed(tid, [xaddr(peer[0], peer[1])], key, [evil]), peer)
EOF2
ip netns exec "$PUB" "$PYTHON" "$TEST_TMP/fakestun.py" "$TEST_TMP/fakestun.ready" \
    >>"$TEST_TMP/fakestun.out" 2>&1 &
NS_PIDS="$NS_PIDS $!"
for _ in $(seq 1 50); do
    [ -e "$TEST_TMP/fakestun.ready" ] && break
    sleep 0.1
done
cli -c enable -c "configure terminal" -c "cwmp agent" -c "no stun" -c "stun port 3479" -c stun \
    -c end >/dev/null
for _ in $(seq 1 100); do
    out=$(cli -c enable -c "show cwmp session")
    case $out in *"port 3479, with message integrity"*"Mapped address    : "*"NAT detected"*) break ;; esac
    sleep 0.1
done
assert_contains "$out" "  Server            : 203.0.113.2 port 3479, with message integrity"
assert_contains "$out" "  Mapped address    : $mapped, NAT detected"
assert_contains "$out" ", 2 failed integrity"
assert_contains "$(cli -c enable -c "show cwmp parameter $MS.UDPConnectionRequestAddress")" \
    "Value        : $mapped"

# STUN off: no NAT any more, the local address again.
cli -c enable -c "configure terminal" -c "cwmp agent" -c "no stun" -c end >/dev/null
assert_contains "$(cli -c enable -c "show cwmp parameter $MS.NATDetected")" "false"
assert_contains "$(cli -c enable -c "show cwmp session")" "STUN: disabled"

acs_no_invalid
stop_acs
stop_cwmpd
exit 0
