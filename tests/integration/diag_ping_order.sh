#!/bin/bash
# ping's and traceroute's options in any order, each at most once, as IOS takes them: piped lines
# of cwmpsh, ping on the loopback (skipped where cwmpd can open no ICMP socket). The refusals need
# no network and are checked first.
. "$(dirname "$0")/lib.sh"

start_cwmpd
out=$(printf '%s\n' "ping 127.0.0.1 repeat 2 size 200 repeat 3" \
    "traceroute 127.0.0.1 timeout 1 probe 2 probe 1" "ping 127.0.0.1 df-bit timeout 1 df-bit" |
    run_lines)
assert_eq "$out" "$(cat <<'EOF'
ping 127.0.0.1 repeat 2 size 200 repeat 3
                                 ^
% Invalid input detected at '^' marker.

traceroute 127.0.0.1 timeout 1 probe 2 probe 1
                                       ^
% Invalid input detected at '^' marker.

ping 127.0.0.1 df-bit timeout 1 df-bit
                                ^
% Invalid input detected at '^' marker.
EOF
)" "options given twice"

case $(cli -c "ping 127.0.0.1 repeat 1") in
*"Cannot open the ICMP socket"*) skip "no ICMP socket: neither root nor in net.ipv4.ping_group_range" ;;
esac

mask() {
    sed -E 's#min/avg/max = [0-9]+/[0-9]+/[0-9]+ ms#min/avg/max = N/N/N ms#'
}
out=$(printf '%s\n' "ping 127.0.0.1 size 200 repeat 2" "ping 127.0.0.1 timeout 1 df-bit repeat 1 size 36" |
    run_lines | mask)
assert_eq "$out" "$(cat <<'EOF'
Type escape sequence to abort.
Sending 2, 200-byte ICMP Echos to 127.0.0.1, timeout is 2 seconds:
!!
Success rate is 100 percent (2/2), round-trip min/avg/max = N/N/N ms
Type escape sequence to abort.
Sending 1, 36-byte ICMP Echos to 127.0.0.1, timeout is 1 seconds:
Packet sent with the DF bit set
!
Success rate is 100 percent (1/1), round-trip min/avg/max = N/N/N ms
EOF
)" "ping with its options in another order"
stop_cwmpd
