#!/bin/bash
# ping and traceroute through network namespaces this test creates (nothing of the machine's own is
# touched, no packet leaves it): cwmpd runs in a CPE namespace whose WAN (192.0.2.2/24,
# 2001:db8:1::2/64) reaches a router namespace, which forwards to a target namespace
# (198.51.100.2/24, 2001:db8:2::2/64). The IOS output is asserted whole, round-trip times masked:
# replies, losses (echoes to 198.51.100.99 vanish in the router; nft drops every other reply where
# it works), unreachables, a name from the namespace's hosts file and one that does not resolve,
# the source address and interface, the DF bit, IPv6, both ICMP socket kinds (unprivileged and
# raw), the extended ping's dialog, the marks streamed before the end, cwmpd answering other
# shells while a ping runs, a shell going away mid-ping, and the ABORT frame of Ctrl-C.
# Needs root and ip netns; skipped (77) otherwise.
. "$(dirname "$0")/lib.sh"

command -v ip >/dev/null || skip "no ip"
[ "$(id -u)" = 0 ] || skip "not root: cannot create network namespaces"
CPE=cwmpd-diag-cpe-$$
RTR=cwmpd-diag-rtr-$$
TGT=cwmpd-diag-tgt-$$
ip netns add "$CPE" 2>/dev/null || skip "cannot create a network namespace"
trap 'rc=$?; for n in "$CPE" "$RTR" "$TGT"; do ip netns del "$n" 2>/dev/null; done;
      rm -rf "/etc/netns/$CPE"; (exit $rc); cleanup' EXIT
ip netns add "$RTR" || fail "cannot create the router's namespace"
ip netns add "$TGT" || fail "cannot create the target's namespace"

for n in "$CPE" "$RTR" "$TGT"; do
    ip -n "$n" link set lo up
    # Answers at once and every time: the kernel's rate limit of ICMP errors would make the
    # output depend on timing.
    ip netns exec "$n" sysctl -qw net.ipv4.icmp_ratelimit=0 net.ipv6.icmp.ratelimit=0 2>/dev/null
done
ip -n "$CPE" link add cpe0 type veth peer name rtr0 netns "$RTR" 2>/dev/null ||
    skip "cannot create a veth pair between namespaces"
ip -n "$TGT" link add tgt0 type veth peer name rtr1 netns "$RTR" || fail "veth target-router"
ip -n "$CPE" addr add 192.0.2.2/24 dev cpe0
ip -n "$CPE" addr add 2001:db8:1::2/64 dev cpe0 nodad
ip -n "$RTR" addr add 192.0.2.1/24 dev rtr0
ip -n "$RTR" addr add 2001:db8:1::1/64 dev rtr0 nodad
ip -n "$RTR" addr add 198.51.100.1/24 dev rtr1
ip -n "$RTR" addr add 2001:db8:2::1/64 dev rtr1 nodad
ip -n "$TGT" addr add 198.51.100.2/24 dev tgt0
ip -n "$TGT" addr add 2001:db8:2::2/64 dev tgt0 nodad
for l in "$CPE cpe0" "$RTR rtr0" "$RTR rtr1" "$TGT tgt0"; do
    set -- $l
    ip -n "$1" link set "$2" up
done
ip netns exec "$RTR" sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1
ip -n "$CPE" route add default via 192.0.2.1
ip -n "$CPE" -6 route add default via 2001:db8:1::1
ip -n "$TGT" route add default via 198.51.100.1
# A host that never answers, whatever the router's neighbour table says: echoes to it vanish.
ip -n "$RTR" route add blackhole 198.51.100.99/32
# A network behind the target, which the router refuses further down.
ip -n "$RTR" route add 203.0.113.0/24 via 198.51.100.2
ip -n "$TGT" -6 route add default via 2001:db8:2::1
# IPv6 speaks once its link-local addresses have passed duplicate address detection.
for i in $(seq 1 50); do
    tentative=
    for n in "$CPE" "$RTR" "$TGT"; do
        [ -n "$(ip -n "$n" -6 addr show tentative)" ] && tentative=yes
    done
    [ -z "$tentative" ] && break
    sleep 0.1
done
# Unprivileged ICMP sockets refused (the kernel's default): cwmpd, root, takes a raw one.
ip netns exec "$CPE" sysctl -qw net.ipv4.ping_group_range="1 0"

# Names: the target's from the CPE's hosts file; any other fails at once (no name server).
mkdir -p "/etc/netns/$CPE"
printf '198.51.100.2 target.example\n2001:db8:2::2 target6.example\n' >"/etc/netns/$CPE/hosts"
printf 'nameserver 127.0.0.1\noptions timeout:1 attempts:1\n' >"/etc/netns/$CPE/resolv.conf"

cat >"$TEST_TMP/cwmpd-in-ns" <<EOF
#!/bin/sh
exec ip netns exec "$CPE" "$CWMPD" "\$@"
EOF
chmod +x "$TEST_TMP/cwmpd-in-ns"
CWMPD=$TEST_TMP/cwmpd-in-ns
export CWMPD_IFMAP="Ethernet0/0=cpe0,Ethernet0/1=nosuch0"
mkdir -p "$STATE"
start_cwmpd

# The round-trip times vary: masked.
mask() {
    sed -E 's/[0-9]+ msec/N msec/g; s#min/avg/max = [0-9]+/[0-9]+/[0-9]+ ms#min/avg/max = N/N/N ms#'
}
run() {
    printf '%s\n' "$@" | run_lines | mask
}

# Replies, at privilege 1 as on IOS.
assert_eq "$(run "ping 198.51.100.2")" "Type escape sequence to abort.
Sending 5, 100-byte ICMP Echos to 198.51.100.2, timeout is 2 seconds:
!!!!!
Success rate is 100 percent (5/5), round-trip min/avg/max = N/N/N ms" "ping"

# The extended ping, privileged as on IOS: the questions, then the same ping.
assert_eq "$(run "ping")" "% Incomplete command." "ping alone at privilege 1"
assert_eq "$(run enable ping "" 198.51.100.2 2 "" 1 yes 192.0.2.2 "" "" "")" "Protocol [ip]: 
Target IP address: 
Repeat count [5]: 
Datagram size [100]: 
Timeout in seconds [2]: 
Extended commands [n]: 
Source address or interface: 
Type of service [0]: 
Set DF bit in IP header? [no]: 
Sweep range of sizes [n]: 
Type escape sequence to abort.
Sending 2, 100-byte ICMP Echos to 198.51.100.2, timeout is 1 seconds:
Packet sent with a source address of 192.0.2.2 
!!
Success rate is 100 percent (2/2), round-trip min/avg/max = N/N/N ms" "the extended ping"
assert_eq "$(run enable ping ipv6 2001:db8:2::2 1 "" "" "" "")" "Protocol [ip]: 
Target IPv6 address: 
Repeat count [5]: 
Datagram size [100]: 
Timeout in seconds [2]: 
Extended commands [n]: 
Sweep range of sizes [n]: 
Type escape sequence to abort.
Sending 1, 100-byte ICMP Echos to 2001:DB8:2::2, timeout is 2 seconds:
!
Success rate is 100 percent (1/1), round-trip min/avg/max = N/N/N ms" "the extended ping, IPv6"
assert_eq "$(run enable ping "" 198.51.100.2 0)" "Protocol [ip]: 
Target IP address: 
Repeat count [5]: 
% A decimal number between 1 and 2147483647." "a repeat count out of range"

# No answer: every echo times out.
assert_eq "$(run "ping 198.51.100.99 repeat 2 timeout 1")" "Type escape sequence to abort.
Sending 2, 100-byte ICMP Echos to 198.51.100.99, timeout is 1 seconds:
..
Success rate is 0 percent (0/2)" "ping of an absent host"

# Seventy marks to a line.
out=$(run "ping 198.51.100.2 repeat 72 timeout 1")
assert_eq "$(printf '%s\n' "$out" | sed -n 3,4p)" "$(printf '!%.0s' $(seq 70))
!!" "ping's marks, 70 to a line"
assert_eq "$(printf '%s\n' "$out" | sed -n 5p)" \
    "Success rate is 100 percent (72/72), round-trip min/avg/max = N/N/N ms" "72 echoes"

# Size, DF bit, source address and interface.
assert_eq "$(run "ping 198.51.100.2 repeat 2 size 1600 timeout 1")" "Type escape sequence to abort.
Sending 2, 1600-byte ICMP Echos to 198.51.100.2, timeout is 1 seconds:
!!
Success rate is 100 percent (2/2), round-trip min/avg/max = N/N/N ms" "ping, fragmented"
assert_eq "$(run "ping 198.51.100.2 repeat 2 size 1600 timeout 1 df-bit")" "Type escape sequence to abort.
Sending 2, 1600-byte ICMP Echos to 198.51.100.2, timeout is 1 seconds:
Packet sent with the DF bit set
MM
Success rate is 0 percent (0/2)" "ping, too big with DF"
assert_eq "$(run "ping 198.51.100.2 repeat 1 source 192.0.2.2")" "Type escape sequence to abort.
Sending 1, 100-byte ICMP Echos to 198.51.100.2, timeout is 2 seconds:
Packet sent with a source address of 192.0.2.2 
!
Success rate is 100 percent (1/1), round-trip min/avg/max = N/N/N ms" "ping from an address"
assert_eq "$(run "ping 198.51.100.2 repeat 1 source Ethernet0/0")" "Type escape sequence to abort.
Sending 1, 100-byte ICMP Echos to 198.51.100.2, timeout is 2 seconds:
Packet sent with a source address of 192.0.2.2 
!
Success rate is 100 percent (1/1), round-trip min/avg/max = N/N/N ms" "ping from an interface"
assert_eq "$(run "ping 198.51.100.2 repeat 1 source 203.0.113.9")" \
    "% Invalid source address- IP address not on any of our up interfaces" "a foreign source"
assert_eq "$(run "ping 198.51.100.2 repeat 1 source Ethernet0/1")" \
    "% Invalid source interface - IP not enabled or interface is down" "an absent interface"

# Names.
assert_eq "$(run "ping target.example repeat 1")" "Type escape sequence to abort.
Sending 1, 100-byte ICMP Echos to 198.51.100.2, timeout is 2 seconds:
!
Success rate is 100 percent (1/1), round-trip min/avg/max = N/N/N ms" "ping of a name"
assert_eq "$(run "ping nosuch.invalid" "traceroute nosuch.invalid")" \
    "% Unrecognized host or address, or protocol not running.
% Unrecognized host or address, or protocol not running." "a name that does not resolve"

# IPv6, in IOS's capitals.
assert_eq "$(run "ping 2001:db8:2::2 repeat 3")" "Type escape sequence to abort.
Sending 3, 100-byte ICMP Echos to 2001:DB8:2::2, timeout is 2 seconds:
!!!
Success rate is 100 percent (3/3), round-trip min/avg/max = N/N/N ms" "ping IPv6"
assert_eq "$(run "ping target6.example repeat 1 size 48")" "Type escape sequence to abort.
Sending 1, 48-byte ICMP Echos to 2001:DB8:2::2, timeout is 2 seconds:
!
Success rate is 100 percent (1/1), round-trip min/avg/max = N/N/N ms" "ping IPv6 by name"

# Traceroute: the router, then the host.
assert_eq "$(run "traceroute 198.51.100.2 timeout 1")" "Type escape sequence to abort.
Tracing the route to 198.51.100.2

  1 192.0.2.1 N msec N msec N msec
  2 198.51.100.2 N msec N msec N msec" "traceroute"
assert_eq "$(run "traceroute target.example probe 1 timeout 1")" "Type escape sequence to abort.
Tracing the route to target.example (198.51.100.2)

  1 192.0.2.1 N msec
  2 198.51.100.2 N msec" "traceroute of a name"
assert_eq "$(run "traceroute 2001:db8:2::2 probe 2 timeout 1")" "Type escape sequence to abort.
Tracing the route to 2001:DB8:2::2

  1 2001:DB8:1::1 N msec N msec
  2 2001:DB8:2::2 N msec N msec" "traceroute IPv6"
# From hop 2, up to 3: the host at once. An absent host: the router, then nothing up to the limit.
assert_eq "$(run "traceroute 198.51.100.2 probe 1 ttl 2 3 timeout 1")" "Type escape sequence to abort.
Tracing the route to 198.51.100.2

  2 198.51.100.2 N msec" "traceroute from ttl 2"
# (An address never tried: the router's neighbour table has no verdict on it yet.)
assert_eq "$(run "traceroute 198.51.100.98 probe 1 ttl 1 2 timeout 1")" "Type escape sequence to abort.
Tracing the route to 198.51.100.98

  1 192.0.2.1 N msec
  2 * " "traceroute to an absent host"
# A network the router refuses (nft's reject, which the kernel does not rate-limit as it does the
# unreachables of its routes): after the router's own hop, its unreachables end the trace, and
# show as ping's U.
if command -v nft >/dev/null &&
    ip netns exec "$RTR" nft -f - 2>/dev/null <<'EOF'
table inet refuse {
    chain refusing {
        type filter hook forward priority 0;
        ip daddr 203.0.113.0/24 reject with icmp type host-unreachable
    }
}
EOF
then
    assert_eq "$(run "traceroute 203.0.113.5 probe 2 timeout 1" "ping 203.0.113.5 repeat 2 timeout 1")" \
        "Type escape sequence to abort.
Tracing the route to 203.0.113.5

  1 192.0.2.1 N msec N msec
  2 192.0.2.1 !H  !H 
Type escape sequence to abort.
Sending 2, 100-byte ICMP Echos to 203.0.113.5, timeout is 1 seconds:
UU
Success rate is 0 percent (0/2)" "an unreachable network"
else
    skip_part "unreachables: nft does not work in a namespace here"
fi
assert_eq "$(run "traceroute 198.51.100.2 ttl 5 2")" \
    "% Maximum TTL must be greater than or equal to minimum TTL" "ttl the wrong way"

# The same through the kernel's unprivileged ICMP sockets.
ip netns exec "$CPE" sysctl -qw net.ipv4.ping_group_range="0 2147483647"
assert_eq "$(run "ping 198.51.100.2 repeat 2" "ping 2001:db8:2::2 repeat 2")" "Type escape sequence to abort.
Sending 2, 100-byte ICMP Echos to 198.51.100.2, timeout is 2 seconds:
!!
Success rate is 100 percent (2/2), round-trip min/avg/max = N/N/N ms
Type escape sequence to abort.
Sending 2, 100-byte ICMP Echos to 2001:DB8:2::2, timeout is 2 seconds:
!!
Success rate is 100 percent (2/2), round-trip min/avg/max = N/N/N ms" "ping through ICMP sockets"

# A lost reply among others: the target drops every other echo reply it sends.
if command -v nft >/dev/null &&
    ip netns exec "$TGT" nft -f - 2>/dev/null <<'EOF'
table inet lossy {
    chain out {
        type filter hook output priority 0;
        icmp type echo-reply numgen inc mod 2 1 drop
    }
}
EOF
then
    assert_eq "$(run "ping 198.51.100.2 repeat 4 timeout 1")" "Type escape sequence to abort.
Sending 4, 100-byte ICMP Echos to 198.51.100.2, timeout is 1 seconds:
!.!.
Success rate is 50 percent (2/4), round-trip min/avg/max = N/N/N ms" "ping with every other reply lost"
    ip netns exec "$TGT" nft delete table inet lossy
else
    skip_part "a lost reply among others: nft does not work in a namespace here"
fi

# The marks reach the shell as the echoes end, and cwmpd answers other shells meanwhile.
printf 'ping 198.51.100.99 repeat 2 timeout 1\n' | run_lines >"$TEST_TMP/slow" &
slow=$!
sleep 1.5
assert_contains "$(cat "$TEST_TMP/slow")" "timeout is 1 seconds:
." "the output half-way"
assert_not_contains "$(cat "$TEST_TMP/slow")" "Success rate" "the output half-way"
start=$(date +%s%N)
assert_contains "$(cli -c "show clock")" ":" "show clock during a ping"
[ $(( ($(date +%s%N) - start) / 1000000 )) -lt 1000 ] || fail "another shell waited for the ping"
wait "$slow"
assert_contains "$(cat "$TEST_TMP/slow")" "Success rate is 0 percent (0/2)" "the slow ping's end"

# A shell that goes away mid-ping stops it: the next ping starts at once, not behind it.
"$CWMPSH" --socket "$SOCK" -c "ping 198.51.100.99 repeat 100 timeout 1" >/dev/null &
gone=$!
sleep 0.5
kill "$gone"
wait "$gone" 2>/dev/null
start=$(date +%s%N)
assert_eq "$(run "ping 198.51.100.2 repeat 1")" "Type escape sequence to abort.
Sending 1, 100-byte ICMP Echos to 198.51.100.2, timeout is 2 seconds:
!
Success rate is 100 percent (1/1), round-trip min/avg/max = N/N/N ms" "a ping after a shell went away"
[ $(( ($(date +%s%N) - start) / 1000000 )) -lt 1500 ] || fail "the next ping waited for a gone shell's"

# Ctrl-C: the shell sends ABORT; the ping stops and prints what it has.
if command -v python3 >/dev/null; then
    out=$(python3 - "$SOCK" <<'EOF'
import socket, struct, sys, time
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.connect(sys.argv[1])
def frame(t, payload=b""):
    return struct.pack(">BI", t, len(payload)) + payload
def string(b):
    return struct.pack(">I", len(b)) + b
def read_frame():
    head = b""
    while len(head) < 5:
        head += s.recv(5 - len(head))
    t, n = struct.unpack(">BI", head)
    body = b""
    while len(body) < n:
        body += s.recv(n - len(body))
    return t, body
s.sendall(frame(1, struct.pack(">IB", 1, 0) + string(b"") + string(b"")))
while read_frame()[0] != 17:
    pass
s.sendall(frame(2, string(b"ping 198.51.100.99 repeat 100 timeout 1")))
out = b""
while out.partition(b"seconds:\n")[2].count(b".") < 2:
    t, body = read_frame()
    out += body
s.sendall(frame(7))  # ABORT
start = time.time()
while True:
    t, body = read_frame()
    if t == 17:
        break
    out += body
sys.stdout.write(out.decode())
sys.stdout.write("stopped in %s\n" % ("time" if time.time() - start < 1 else "too long"))
EOF
)
    assert_eq "$out" "Type escape sequence to abort.
Sending 100, 100-byte ICMP Echos to 198.51.100.99, timeout is 1 seconds:
..
Success rate is 0 percent (0/2)
stopped in time" "a ping aborted"
else
    skip_part "Ctrl-C's ABORT: no python3 to speak the control protocol"
fi

stop_cwmpd
