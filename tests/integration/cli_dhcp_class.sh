#!/bin/bash
# DHCP classes typed in cwmpsh, as IOS has them: `ip dhcp class NAME` (its own mode), a pool's
# `class NAME` (a mode below the pool's) with `address range LOW HIGH` inside the pool's network;
# a class must exist before a pool names it; `no ip dhcp class` takes it out of every pool; the
# lines (classes before pools) survive a save and a restart.
. "$(dirname "$0")/lib.sh"

start_cwmpd
out=$(printf '%s\n' enable "configure terminal" "ip dhcp class PHONES" "exit" \
    "ip dhcp class CAMS" "exit" \
    "ip dhcp pool LAN" "network 192.168.1.0 255.255.255.0" "class NOPE" "class PHONES" \
    "address range 192.168.1.100 192.168.1.149" "address range 10.0.0.1 10.0.0.2" \
    "address range 192.168.1.9 192.168.1.8" "exit" "class CAMS" "exit" "exit" \
    "ip dhcp pool GUEST" "network 10.1.0.0 255.255.0.0" "class CAMS" end | run_lines 2>&1)
assert_eq "$out" "Enter configuration commands, one per line.  End with CNTL/Z.
% Class NOPE does not exist
% Address range is not in the pool's network
% Incorrect address range: the high address is below the low one" "the errors"
want="ip dhcp class PHONES
!
ip dhcp class CAMS
!
ip dhcp pool LAN
 network 192.168.1.0 255.255.255.0
 class PHONES
  address range 192.168.1.100 192.168.1.149
 class CAMS
!
ip dhcp pool GUEST
 network 10.1.0.0 255.255.0.0
 class CAMS
!"
cfg=$(running_config)
assert_contains "$cfg" "$want"
cli -c enable -c "write memory" >/dev/null || fail "write memory failed"
stop_cwmpd
start_cwmpd
assert_contains "$(running_config)" "$want"
printf '%s\n' enable "configure terminal" "no ip dhcp class CAMS" "ip dhcp pool LAN" \
    "class PHONES" "no address range" end | run_lines >/dev/null || fail "the no forms"
assert_contains "$(running_config)" "!
ip dhcp class PHONES
!
ip dhcp pool LAN
 network 192.168.1.0 255.255.255.0
 class PHONES
!
ip dhcp pool GUEST
 network 10.1.0.0 255.255.0.0
!"
out=$(printf '%s\n' enable "configure terminal" "no ip dhcp class CAMS" end | run_lines 2>&1)
assert_contains "$out" "% Class CAMS does not exist"
# show cwmp map names the commands behind DHCPConditionalServingPool.
map=$(cli -c enable -c "terminal length 0" -c "show cwmp map")
assert_contains "$map" "DHCPConditionalServingPool.{i}.MinAddress class: address range start"
assert_contains "$map" "DHCPConditionalServingPool.{i}.MaxAddress class: address range end"
exit 0
