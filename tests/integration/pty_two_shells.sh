#!/bin/bash
# Two shells: a shell inside an interface (or a DHCP pool) that another shell deleted does not
# make it again with its next line: the line is not run, "% Interface NAME no longer exists" is
# printed and the shell is back in global configuration. The same object made again by the other
# shell is configured as usual.
. "$(dirname "$0")/pty_lib.sh"

start_cwmpd
configure "configure terminal" "interface Vlan102" "ip dhcp pool P1"

pty_run two <<'EOF2'
expect Router>
send enable\r
expect Router#
send configure terminal\r
expect Router(config)#
send interface Vlan102\r
expect Router(config-if)#
run printf 'enable\nconfigure terminal\nno interface Vlan102\nend\n' | "$CWMPSH" --socket "$SOCK" >/dev/null
send description made again\r
expect % Interface Vlan102 no longer exists\n
expect Router(config)#
send ip dhcp pool P1\r
expect Router(dhcp-config)#
run printf 'enable\nconfigure terminal\nno ip dhcp pool P1\nend\n' | "$CWMPSH" --socket "$SOCK" >/dev/null
send \r
expect Router(dhcp-config)#
send lease 2\r
expect % DHCP pool P1 no longer exists\n
expect Router(config)#
send interface Vlan103\r
expect Router(config-if)#
run printf 'enable\nconfigure terminal\nno interface Vlan103\ninterface Vlan103\nend\n' | "$CWMPSH" --socket "$SOCK" >/dev/null
send description still here\r
expect Router(config-if)#
send end\r
expect Router#
send exit\r
expect-exit 0
EOF2
assert_eq "$(screen two)" "$(cat <<'EOF2'
Router>enable
Router#configure terminal
Enter configuration commands, one per line.  End with CNTL/Z.
Router(config)#interface Vlan102
Router(config-if)#description made again
% Interface Vlan102 no longer exists
Router(config)#ip dhcp pool P1
Router(dhcp-config)#
Router(dhcp-config)#lease 2
% DHCP pool P1 no longer exists
Router(config)#interface Vlan103
Router(config-if)#description still here
Router(config-if)#end
Router#exit
EOF2
)" "the terminal of the shell whose objects were deleted"
cfg=$(running_config)
assert_not_contains "$cfg" "Vlan102" "running-config"
assert_not_contains "$cfg" "ip dhcp pool P1" "running-config"
assert_contains "$cfg" "interface Vlan103
 description still here" "running-config"
echo "PASS: two shells"
