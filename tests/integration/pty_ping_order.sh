#!/bin/bash
# ping's options in any order at the terminal: `?` after an option lists only the options not yet
# given, TAB completes among them, and the ping runs with them (IOS's output). Skipped (77) where
# cwmpd can open no ICMP socket (not root, ping_group_range excludes us).
. "$(dirname "$0")/pty_lib.sh"

start_cwmpd
case $(cli -c "ping 127.0.0.1 repeat 1") in
*"Cannot open the ICMP socket"*) skip "no ICMP socket: neither root nor in net.ipv4.ping_group_range" ;;
esac

pty_run order <<'EOF'
expect Router>
send ping 127.0.0.1 size 200 ?
expect <cr>\n\n
expect Router>ping 127.0.0.1 size 200 
send re\t2 r?
expect % Unrecognized command\n
expect Router>ping 127.0.0.1 size 200 repeat 2 r
send \x15ping 127.0.0.1 size 200 re\t2\r
expect Success rate is
expect Router>
send exit\r
expect-exit 0
EOF

mask() {
    sed -E 's#min/avg/max = [0-9]+/[0-9]+/[0-9]+ ms#min/avg/max = N/N/N ms#'
}
assert_eq "$(screen order | mask)" "$(cat <<'EOF'
Router>ping 127.0.0.1 size 200 ?
  df-bit   enable do not fragment bit in IP header
  repeat   specify repeat count
  source   specify source address or name
  timeout  specify timeout interval
  <cr>

Router>ping 127.0.0.1 size 200 repeat 2 r?
% Unrecognized command
Router>ping 127.0.0.1 size 200 repeat 2
Type escape sequence to abort.
Sending 2, 200-byte ICMP Echos to 127.0.0.1, timeout is 2 seconds:
!!
Success rate is 100 percent (2/2), round-trip min/avg/max = N/N/N ms
Router>exit
EOF
)" "ping's options in another order at the terminal"
stop_cwmpd
