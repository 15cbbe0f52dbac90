#!/bin/bash
# ping at the terminal: the marks and the success rate as a person sees them, the prompt after,
# and the extended ping's questions with the answers echoed (Enter keeping the defaults).
# Skipped (77) where cwmpd can open no ICMP socket (not root, ping_group_range excludes us).
. "$(dirname "$0")/pty_lib.sh"

start_cwmpd
case $(cli -c "ping 127.0.0.1 repeat 1") in
*"Cannot open the ICMP socket"*) skip "no ICMP socket: neither root nor in net.ipv4.ping_group_range" ;;
esac

pty_run ping <<'EOF'
expect Router>
send ping 127.0.0.1 repeat 3\r
expect Success rate is
expect Router>
send enable\r
expect Router#
send ping\r
expect Protocol [ip]:\x20
send \r
expect Target IP address:\x20
send 127.0.0.1\r
expect Repeat count [5]:\x20
send 2\r
expect Datagram size [100]:\x20
send \r
expect Timeout in seconds [2]:\x20
send 1\r
expect Extended commands [n]:\x20
send \r
expect Sweep range of sizes [n]:\x20
send \r
expect Success rate is
expect Router#
send exit\r
expect-exit 0
EOF

mask() {
    sed -E 's#min/avg/max = [0-9]+/[0-9]+/[0-9]+ ms#min/avg/max = N/N/N ms#'
}
assert_eq "$(screen ping | mask)" "$(cat <<'EOF'
Router>ping 127.0.0.1 repeat 3
Type escape sequence to abort.
Sending 3, 100-byte ICMP Echos to 127.0.0.1, timeout is 2 seconds:
!!!
Success rate is 100 percent (3/3), round-trip min/avg/max = N/N/N ms
Router>enable
Router#ping
Protocol [ip]:
Target IP address: 127.0.0.1
Repeat count [5]: 2
Datagram size [100]:
Timeout in seconds [2]: 1
Extended commands [n]:
Sweep range of sizes [n]:
Type escape sequence to abort.
Sending 2, 100-byte ICMP Echos to 127.0.0.1, timeout is 1 seconds:
!!
Success rate is 100 percent (2/2), round-trip min/avg/max = N/N/N ms
Router#exit
EOF
)"

# Ctrl-C, and IOS's escape sequence Ctrl-^ X, stop a ping that would run for ever: the marks so far,
# the success rate, and the prompt. Keys typed while it ran are kept for the next line (they are
# typed ahead, as on IOS), not lost.
pty_run abort <<'EOF'
expect Router>
send ping 127.0.0.1 repeat 2147483647 timeout 1\r
expect !!!!!!!!!!
send show priv\x03
expect Success rate is 100 percent
expect Router>
send ilege\r
expect Current privilege level is 1
expect Router>
send ping 127.0.0.1 repeat 2147483647 timeout 1\r
expect !!!!!!!!!!
send \x1ex
expect Success rate is 100 percent
expect Router>
send exit\r
expect-exit 0
EOF
assert_eq "$(screen abort | grep -v '^!*$' | mask | sed -E 's#percent \(([0-9]+)/\1\)#percent (N/N)#')" "$(cat <<'EOF'
Router>ping 127.0.0.1 repeat 2147483647 timeout 1
Type escape sequence to abort.
Sending 2147483647, 100-byte ICMP Echos to 127.0.0.1, timeout is 1 seconds:
Success rate is 100 percent (N/N), round-trip min/avg/max = N/N/N ms
Router>show privilege
Current privilege level is 1
Router>ping 127.0.0.1 repeat 2147483647 timeout 1
Type escape sequence to abort.
Sending 2147483647, 100-byte ICMP Echos to 127.0.0.1, timeout is 1 seconds:
Success rate is 100 percent (N/N), round-trip min/avg/max = N/N/N ms
Router>exit
EOF
)"
