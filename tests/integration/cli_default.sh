#!/bin/bash
# default COMMAND in each configuration mode: the command returns to its default (its `no` form
# runs), default interface IFNAME keeps its own meaning, and commands without a `no` form are not
# offered.
. "$(dirname "$0")/lib.sh"

start_cwmpd

printf '%s\n' enable "configure terminal" "hostname R1" "cwmp agent" "session retry limit 3" \
    "request outstanding 2" "interface Vlan102" "description uplink" \
    "ip address 10.1.2.3 255.255.255.0" "ip dhcp pool P1" "network 10.0.0.0 255.255.255.0" \
    "lease 0 0 5" archive "path flash:cfg" "maximum 4" end | run_lines >/dev/null ||
    fail "could not configure"

# One command of each mode back to its default; the others stay.
out=$(printf '%s\n' enable "configure terminal" "default hostname" "cwmp agent" \
    "default session retry limit" "interface Vlan102" "default ip address" \
    "ip dhcp pool P1" "default lease" archive "def max" end | run_lines)
assert_eq "$out" "Enter configuration commands, one per line.  End with CNTL/Z." \
    "the default lines' output"
assert_eq "$(running_config)" '!
hostname Router
!
ip dhcp pool P1
 network 10.0.0.0 255.255.255.0
!
archive
 path flash:cfg
!
interface Vlan102
 description uplink
 no ip address
!
cwmp agent
 request outstanding 2
!
end' "running-config after default in each mode"

# default never enters a mode: the next line is still the interface's.
out=$(printf '%s\n' enable "configure terminal" "interface Vlan102" "default description" \
    "do show running-config interface Vlan102" | run_lines)
assert_eq "$out" 'Enter configuration commands, one per line.  End with CNTL/Z.
Building configuration...

Current configuration : 39 bytes
!
interface Vlan102
 no ip address
end' "default description"

# default interface IFNAME is the interface's own reset, not `no interface`.
out=$(printf '%s\n' enable "configure terminal" "default interface Vlan102" end | run_lines)
assert_eq "$out" "Enter configuration commands, one per line.  End with CNTL/Z.
Interface Vlan102 set to default configuration" "default interface Vlan102"
assert_contains "$(running_config)" "!
interface Vlan102
 no ip address
!" "Vlan102 after default interface"

# What has no `no` form has no default either (the caret under exit's x: `e` starts `enable`);
# EXEC has no default (`de` starts `debug`).
out=$(printf '%s\n' enable "configure terminal" "default exit" "default bogus" end "default hostname" |
    run_lines)
assert_eq "$out" "Enter configuration commands, one per line.  End with CNTL/Z.
default exit
         ^
% Invalid input detected at '^' marker.

default bogus
        ^
% Invalid input detected at '^' marker.

default hostname
  ^
% Invalid input detected at '^' marker." "default where there is none"
out=$(printf '%s\n' enable "configure terminal" "default" end | run_lines)
assert_contains "$out" "% Incomplete command." "default alone"
echo "PASS: default COMMAND"
