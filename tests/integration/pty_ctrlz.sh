#!/bin/bash
# Ctrl-Z at the terminal: echoed as ^Z, it leaves any configuration mode for privileged EXEC; a
# command typed on the line is run first, as IOS does.
. "$(dirname "$0")/pty_lib.sh"

start_cwmpd

pty_run ctrlz <<'EOF'
expect Router>
send enable\r
expect Router#
send configure terminal\r
expect Router(config)#
send \x1a
expect ^Z\n
expect Router#
send configure terminal\r
expect Router(config)#
send cwmp agent\r
expect Router(config-cwmp)#
send \x1a
expect ^Z\n
expect Router#
send configure terminal\r
expect Router(config)#
send interface Ethernet0/1\r
expect Router(config-if)#
send \x1a
expect ^Z\n
expect Router#
send configure terminal\r
expect Router(config)#
send hostname Zed\x1a
expect ^Z\n
expect Zed#
send exit\r
expect-exit 0
EOF

assert_eq "$(screen ctrlz)" "$(cat <<'EOF'
Router>enable
Router#configure terminal
Enter configuration commands, one per line.  End with CNTL/Z.
Router(config)#^Z
Router#configure terminal
Enter configuration commands, one per line.  End with CNTL/Z.
Router(config)#cwmp agent
Router(config-cwmp)#^Z
Router#configure terminal
Enter configuration commands, one per line.  End with CNTL/Z.
Router(config)#interface Ethernet0/1
Router(config-if)#^Z
Router#configure terminal
Enter configuration commands, one per line.  End with CNTL/Z.
Router(config)#hostname Zed^Z
Zed#exit
EOF
)"
