#!/bin/bash
# A word typed after a complete command gets the caret under it, as IOS puts it under the first
# character no candidate accepts, for commands with and without output modifiers.
. "$(dirname "$0")/pty_lib.sh"

start_cwmpd

pty_run extra <<'EOF'
expect Router>
send enable\r
expect Router#
send terminal length 5 6\r
expect Router#
send conf t\r
expect Router(config)#
send hostname a b\r
expect Router(config)#
send interface Ethernet0/0\r
expect Router(config-if)#
send ip address 10.0.0.1 255.0.0.0 9\r
expect Router(config-if)#
send no shutdown 5\r
expect Router(config-if)#
send end\r
expect Router#
send exit\r
expect-exit 0
EOF

assert_eq "$(screen extra)" "$(cat <<'EOF'
Router>enable
Router#terminal length 5 6
                         ^
% Invalid input detected at '^' marker.

Router#conf t
Enter configuration commands, one per line.  End with CNTL/Z.
Router(config)#hostname a b
                          ^
% Invalid input detected at '^' marker.

Router(config)#interface Ethernet0/0
Router(config-if)#ip address 10.0.0.1 255.0.0.0 9
                                                ^
% Invalid input detected at '^' marker.

Router(config-if)#no shutdown 5
                              ^
% Invalid input detected at '^' marker.

Router(config-if)#end
Router#exit
EOF
)"
