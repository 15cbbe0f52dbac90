#!/bin/bash
# DHCP manual bindings typed in cwmpsh, as IOS has them: an `ip dhcp pool` with `host ADDRESS
# [MASK]` (the class mask without one) and `hardware-address` or `client-identifier` in dotted
# hexadecimal (each replaces the other); a pool holds a network or a binding, not both; bad
# addresses and identifiers get the `%` message; the no forms remove; the lines survive a save and
# a restart.
. "$(dirname "$0")/lib.sh"

start_cwmpd
out=$(printf '%s\n' enable "configure terminal" \
    "ip dhcp pool PC1" "host 192.168.1.50 255.255.255.0" "hardware-address 0200.0000.0050" \
    "network 192.168.1.0 255.255.255.0" "exit" \
    "ip dhcp pool PC2" "host 10.1.2.3" "client-identifier 0102.0000.0000.51" \
    "hardware-address 02:00" "hardware-address 0200.0000.00" "host 10.0.0.0" \
    "host 192.168.1.9 255.0.255.0" "exit" \
    "ip dhcp pool LAN" "network 192.168.1.0 255.255.255.0" "host 192.168.1.9" \
    "client-identifier 01" "exit" \
    "ip dhcp pool PC3" "host 172.16.0.9" "hardware-address 0200.0000.0052" \
    "client-identifier 0102.0000.0000.52" "exit" end | run_lines 2>&1)
assert_eq "$out" "Enter configuration commands, one per line.  End with CNTL/Z.
% A manual binding is configured in this pool: remove it before network
% Invalid hardware address 02:00
% Invalid hardware address 0200.0000.00
% Invalid host address 10.0.0.0
% Bad mask 0xFF00FF00
% A network is configured in this pool: remove it before host
% A network is configured in this pool: remove it before client-identifier" "the errors"
want="ip dhcp pool PC1
 host 192.168.1.50 255.255.255.0
 hardware-address 0200.0000.0050
ip dhcp pool PC2
 host 10.1.2.3 255.0.0.0
 client-identifier 0102.0000.0000.51
ip dhcp pool LAN
 network 192.168.1.0 255.255.255.0
ip dhcp pool PC3
 host 172.16.0.9 255.255.0.0
 client-identifier 0102.0000.0000.52"
assert_eq "$(cli -c enable -c "show running-config | section ip dhcp pool")" "$want" "the pools"

# Saved and read again at start.
cli -c enable -c "write memory" >/dev/null || fail "write memory failed"
stop_cwmpd
start_cwmpd
assert_eq "$(cli -c enable -c "show running-config | section ip dhcp pool")" "$want" \
    "the pools after a restart"

# The no forms.
printf '%s\n' enable "configure terminal" "ip dhcp pool PC1" "no hardware-address" "exit" \
    "ip dhcp pool PC2" "no host" "no client-identifier" end | run_lines >/dev/null ||
    fail "the no forms were refused"
assert_eq "$(cli -c enable -c "show running-config | section ip dhcp pool PC")" \
    "ip dhcp pool PC1
 host 192.168.1.50 255.255.255.0
ip dhcp pool PC2
ip dhcp pool PC3
 host 172.16.0.9 255.255.0.0
 client-identifier 0102.0000.0000.52" "after the no forms"
# show cwmp map names the commands behind DHCPStaticAddress.
map=$(cli -c enable -c "terminal length 0" -c "show cwmp map")
assert_contains "$map" "LANHostConfigManagement.DHCPStaticAddress.{i}.Yiaddr ip dhcp pool: host (with the LAN's mask)"
assert_contains "$map" "LANHostConfigManagement.DHCPStaticAddress.{i}.Chaddr ip dhcp pool: hardware-address"
exit 0
