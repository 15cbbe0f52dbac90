#!/bin/bash
# Ctrl-D at the terminal, as cwmpsh(1) documents it: inside a line it deletes the character under
# the cursor, at the end of a line that holds something it does nothing, on an empty line in a
# configuration mode it does nothing either (IOS never ends a session there: exit and end leave
# configuration mode), and on an empty line in EXEC it ends cwmpsh (status 0), keeping the running
# configuration.
. "$(dirname "$0")/pty_lib.sh"

start_cwmpd

# "hostnamee Edge" with the cursor moved back onto the second e: Ctrl-D deletes it. The Ctrl-D on
# the empty (config-cwmp) line must leave the session where it is, at the same prompt.
pty_run ctrld <<'EOF'
expect Router>
send enable\r
expect Router#
send configure terminal\r
expect Router(config)#
send hostnamee Edge\x02\x02\x02\x02\x02\x02\x04\r
expect Edge(config)#
send cwmp agent\x04\r
expect Edge(config-cwmp)#
send \x04
sleep 200
send \x04end\r
expect Edge#
send \x04
expect-exit 0
EOF
assert_eq "$(screen ctrld)" "$(cat <<'EOF'
Router>enable
Router#configure terminal
Enter configuration commands, one per line.  End with CNTL/Z.
Router(config)#hostname Edge
Edge(config)#cwmp agent
Edge(config-cwmp)#end
Edge#^D
EOF
)"
assert_contains "$(running_config)" "hostname Edge"
exit 0
