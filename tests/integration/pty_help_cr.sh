#!/bin/bash
# `?` after a complete command that takes nothing more: the list is "  <cr>" alone.
# (A list with no token but <cr> once made cwmpd pass a null pointer to memcpy under UBSan.)
. "$(dirname "$0")/pty_lib.sh"

start_cwmpd

pty_run cr <<'EOF'
expect Router>
send enable\r
expect Router#
send configure terminal ?
expect <cr>\n\n
expect Router#configure terminal 
send \r
expect Router(config)#
send cwmp agent\r
expect Router(config-cwmp)#
send session retry limit 10 ?
expect <cr>\n\n
expect Router(config-cwmp)#session retry limit 10 
send \r
expect Router(config-cwmp)#
send end\r
expect Router#
send exit\r
expect-exit 0
EOF

assert_eq "$(screen cr)" "$(cat <<'EOF'
Router>enable
Router#configure terminal ?
  <cr>

Router#configure terminal
Enter configuration commands, one per line.  End with CNTL/Z.
Router(config)#cwmp agent
Router(config-cwmp)#session retry limit 10 ?
  <cr>

Router(config-cwmp)#session retry limit 10
Router(config-cwmp)#end
Router#exit
EOF
)"
running_config | grep -qx ' session retry limit 10' ||
    fail "session retry limit 10, run after its ?, is not in the running configuration"
