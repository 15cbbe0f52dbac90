#!/bin/bash
# TAB at the terminal: a unique prefix becomes the whole keyword and a space, an interface type
# takes its number along (e0/0 -> Ethernet0/0), and anything else leaves the line as it is.
. "$(dirname "$0")/pty_lib.sh"

start_cwmpd

# Each TAB is answered before libedit reads the next key, so the keys can follow each other; `?`
# shows the line as TAB left it, Enter runs it.
pty_run complete <<'EOF'
expect Router>
send en\t\r
expect Router#
send co\t?
expect configure  copy\n\n
send \x15conf\tt\t\r
expect Router(config)#
send int e0/0\t\r
expect Router(config-if)#
send exit\r
expect Router(config)#
send interface gi0/0/0\t\r
expect Router(config-if)#
send cwmp \t?
expect WAN interface of the CWMP agent\n\n
send \x15\t?
expect Interface configuration commands:
expect \n\n
send \x15end\r
expect Router#
send exit\r
expect-exit 0
EOF

assert_eq "$(screen complete | sed '/^Interface configuration commands:$/,/^$/d')" "$(cat <<'EOF'
Router>enable
Router#co?
configure  copy

Router#configure terminal
Enter configuration commands, one per line.  End with CNTL/Z.
Router(config)#int Ethernet0/0
Router(config-if)#exit
Router(config)#interface GigabitEthernet0/0/0
Router(config-if)#cwmp ?
  wan  Make this interface a WAN interface of the CWMP agent

Router(config-if)#?
Router(config-if)#end
Router#exit
EOF
)"
