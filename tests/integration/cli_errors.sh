#!/bin/bash
# What an operator sees for bad lines, abbreviations, `do`, and output modifiers, through cwmpsh
# reading a script from a pipe and through -c.
. "$(dirname "$0")/lib.sh"

start_cwmpd

# Lines from a pipe: the line is printed, then the caret under it; the status is non-zero.
out=$(cli <<'EOF2'
enable
configure terminal
interface e0/0
ip adress 1.1.1.1 255.0.0.0
ip address
hostname
ntp server 0255.255.1
end
co
xyz
show running-config extra
EOF2
)
rc=$?
[ "$rc" -ne 0 ] || fail "cwmpsh exited 0 after failing lines"
assert_eq "$out" "Enter configuration commands, one per line.  End with CNTL/Z.
ip adress 1.1.1.1 255.0.0.0
     ^
% Invalid input detected at '^' marker.

% Incomplete command.

% Incomplete command.

ntp server 0255.255.1
           ^
% Invalid input detected at '^' marker.

% Ambiguous command:  \"co\"
% Unknown command or computer name, or unable to find computer address
show running-config extra
                    ^
% Invalid input detected at '^' marker." "error output"

# All good lines: status 0.
cli -c enable -c "show clock" >/dev/null || fail "a good -c list exited non-zero"

# Abbreviations.
out=$(cli -c en -c "conf t" -c "int e0/1" -c "desc uplink" -c "do sh run | i ^interface|desc" -c end)
assert_eq "$out" "Enter configuration commands, one per line.  End with CNTL/Z.
interface Ethernet0/0
interface Ethernet0/1
 description uplink" "abbreviated commands"

# Output modifiers on show running-config.
cli -c enable -c "configure terminal" -c "cwmp agent" -c "enable" -c "provision code P1" \
    -c "exit" -c "ntp server 10.0.0.1" -c end >/dev/null || fail "setup failed"
out=$(cli -c enable -c "show running-config | section cwmp")
assert_eq "$out" "cwmp agent
 enable
 provision code P1" "| section"
out=$(cli -c enable -c "show running-config | include ntp|provision")
assert_eq "$out" " provision code P1
ntp server 10.0.0.1" "| include"
out=$(cli -c enable -c "show running-config | begin ^ntp")
assert_eq "$out" "ntp server 10.0.0.1
!
end" "| begin"
out=$(cli -c enable -c "show running-config | count ^interface")
assert_eq "$out" "Number of lines which match regexp = 2" "| count"
out=$(cli -c enable -c "show running-config | exclude ^!|^ |Building|Current|^$")
assert_eq "$out" "hostname Router
interface Ethernet0/0
interface Ethernet0/1
cwmp agent
ntp server 10.0.0.1
end" "| exclude"
out=$(cli -c enable -c "show running-config | include (")
assert_eq "$out" "% Invalid regular expression \"(\"" "bad regular expression"

# do in every configuration mode.
out=$(cli -c enable -c "configure terminal" -c "ip dhcp pool P" -c "do show running-config | include pool")
assert_contains "$out" "ip dhcp pool P"

# A configuration line typed in a sub-mode that belongs to global configuration leaves it.
out=$(cli -c enable -c "configure terminal" -c "cwmp agent" -c "interface Vlan7" -c "shutdown" -c end \
      -c "show running-config | section Vlan7")
assert_contains "$out" "interface Vlan7
 no ip address
 shutdown"
exit 0
