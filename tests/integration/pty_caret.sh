#!/bin/bash
# Errors at the terminal: the line is not printed again (it is on the screen as typed), the caret
# sits under the first character no command accepts, counted from the start of the prompt, and
# the IOS messages follow with their empty lines.
. "$(dirname "$0")/pty_lib.sh"

start_cwmpd

pty_run caret <<'EOF'
expect Router>
send show foo\r
expect Router>
send enable\r
expect Router#
send show clock x\r
expect Router#
send shw\r
expect Router#
send conf t\r
expect Router(config)#
send ntp server 0255.255.1\r
expect Router(config)#
send e\r
expect Router(config)#
send hostname\r
expect Router(config)#
send interface Ethernet0/0\r
expect Router(config-if)#
send ip adress\r
expect Router(config-if)#
send exit\r
expect Router(config)#
send cwmp agent\r
expect Router(config-cwmp)#
send session retry limit 16\r
expect Router(config-cwmp)#
send end\r
expect Router#
send exit\r
expect-exit 0
EOF

assert_eq "$(screen caret)" "$(cat <<'EOF'
Router>show foo
            ^
% Invalid input detected at '^' marker.

Router>enable
Router#show clock x
                  ^
% Invalid input detected at '^' marker.

Router#shw
% Unknown command or computer name, or unable to find computer address
Router#conf t
Enter configuration commands, one per line.  End with CNTL/Z.
Router(config)#ntp server 0255.255.1
                          ^
% Invalid input detected at '^' marker.

Router(config)#e
% Ambiguous command:  "e"
Router(config)#hostname
% Incomplete command.

Router(config)#interface Ethernet0/0
Router(config-if)#ip adress
                       ^
% Invalid input detected at '^' marker.

Router(config-if)#exit
Router(config)#cwmp agent
Router(config-cwmp)#session retry limit 16
                                        ^
% Invalid input detected at '^' marker.

Router(config-cwmp)#end
Router#exit
EOF
)"
