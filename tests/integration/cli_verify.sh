#!/bin/bash
# The verify commands: show ip interface brief, show interfaces, show running-config interface,
# write terminal, show debugging, show privilege; their values and their errors.
. "$(dirname "$0")/lib.sh"

# Ethernet0/0, 0/1 and Vlan1 have no Linux interface behind them (their state is the simulated
# one: up, a made-up address, no traffic); Loopback0 is lo, whose address and counters are live.
export CWMPD_IFMAP="Ethernet0/0=cwmpnone0,Ethernet0/1=cwmpnone1,Vlan1=cwmpnone2,Loopback0=lo"
start_cwmpd

printf '%s\n' enable "configure terminal" "interface Ethernet0/0" "description uplink" \
    "ip address 10.1.2.3 255.255.255.0" "cwmp wan default" "interface Ethernet0/1" shutdown \
    "interface Vlan1" "ip address dhcp" "interface Loopback0" end | run_lines >/dev/null ||
    fail "could not configure the interfaces"

brief="Interface              IP-Address      OK? Method Status                Protocol
Loopback0              unassigned      YES unset  up                    up
Ethernet0/0            10.1.2.3        YES manual up                    up
Ethernet0/1            unassigned      YES unset  administratively down down
Vlan1                  unassigned      YES DHCP   up                    up"
out=$(cli -c "show ip interface brief")
assert_eq "$out" "$brief" "show ip interface brief in user EXEC"
out=$(cli -c enable -c "sh ip int b")
assert_eq "$out" "$brief" "show ip interface brief abbreviated"

out=$(cli -c "show interfaces Ethernet0/1")
assert_eq "$out" "Ethernet0/1 is administratively down, line protocol is down
  Hardware is Ethernet, address is 0200.f0a4.3e7a (bia 0200.f0a4.3e7a)
  MTU 1500 bytes, BW 100000 Kbit/sec, DLY 100 usec,
     reliability 255/255, txload 1/255, rxload 1/255
  Encapsulation ARPA, loopback not set
  Auto-duplex, Auto-speed
  Input queue: 0/75/0/0 (size/max/drops/flushes); Total output drops: 0
  5 minute input rate 0 bits/sec, 0 packets/sec
  5 minute output rate 0 bits/sec, 0 packets/sec
     0 packets input, 0 bytes, 0 no buffer
     0 input errors, 0 CRC, 0 frame, 0 overrun, 0 ignored
     0 packets output, 0 bytes, 0 underruns
     0 output errors, 0 collisions, 0 interface resets" "show interfaces Ethernet0/1"

out=$(cli -c "show interfaces e0/0")
assert_contains "$out" "Ethernet0/0 is up, line protocol is up
  Hardware is Ethernet, address is "
assert_contains "$out" "  Description: uplink
  Internet address is 10.1.2.3/24
  MTU 1500 bytes,"
out=$(cli -c "show interfaces Vlan1")
assert_contains "$out" "  Hardware is EtherSVI, address is "
assert_contains "$out" "  Internet address will be negotiated using DHCP"

# Live data: lo's hardware address, and its counters read between two readings of the kernel's.
before=$(cat /sys/class/net/lo/statistics/rx_packets)
out=$(cli -c "show interfaces Loopback0")
after=$(cat /sys/class/net/lo/statistics/rx_packets)
assert_contains "$out" "Loopback0 is up, line protocol is up
  Hardware is Loopback, address is 0000.0000.0000 (bia 0000.0000.0000)"
n=$(printf '%s\n' "$out" | sed -n 's/^     \([0-9]*\) packets input, [0-9]* bytes, 0 no buffer$/\1/p')
[ -n "$n" ] && [ "$n" -ge "$before" ] && [ "$n" -le "$after" ] ||
    fail "Loopback0's packets input ($n) not lo's ($before..$after)"

# Without a name: every configured interface, in running-config's order.
out=$(cli -c "show interfaces" | grep ' line protocol is ')
assert_eq "$out" "Loopback0 is up, line protocol is up
Ethernet0/0 is up, line protocol is up
Ethernet0/1 is administratively down, line protocol is down
Vlan1 is up, line protocol is up" "show interfaces"

out=$(cli -c "show interfaces Ethernet0/5")
rc=$?
[ "$rc" -ne 0 ] || fail "show interfaces of an unknown interface exited 0"
assert_eq "$out" "% Interface Ethernet0/5 does not exist" "show interfaces Ethernet0/5"
out=$(cli -c "show interfaces Bogus0")
assert_contains "$out" "% Invalid input detected at '^' marker." "show interfaces Bogus0"

block='!
interface Ethernet0/0
 description uplink
 ip address 10.1.2.3 255.255.255.0
 cwmp wan
 cwmp wan default
end'
out=$(cli -c enable -c "show running-config interface ethernet 0/0")
assert_eq "$out" "Building configuration...

Current configuration : $(printf '%s\n' "$block" | wc -c) bytes
$block" "show running-config interface"
out=$(cli -c enable -c "show running-config interface Ethernet0/7")
rc=$?
[ "$rc" -ne 0 ] || fail "show running-config interface of an unknown interface exited 0"
assert_eq "$out" "% Interface Ethernet0/7 does not exist" "show running-config interface Ethernet0/7"
out=$(cli -c enable -c "show running-config interface")
assert_eq "$out" "% Incomplete command." "show running-config interface without a name"
out=$(cli -c "show running-config interface Ethernet0/0")
assert_contains "$out" "% Invalid input detected at '^' marker." "in user EXEC"

run=$(cli -c enable -c "show running-config")
out=$(cli -c enable -c "write terminal")
assert_eq "$out" "$run" "write terminal"
out=$(cli -c enable -c "wr t | include ^interface")
assert_eq "$out" "interface Loopback0
interface Ethernet0/0
interface Ethernet0/1
interface Vlan1" "write terminal through a pipe"

out=$(cli -c enable -c "show debugging")
assert_eq "$out" "" "show debugging with nothing on"
out=$(cli -c enable -c "debug cwmp" -c "show debugging")
assert_eq "$out" "CWMP debugging is on
CWMP:
  CWMP debugging is on" "show debugging after debug cwmp"
out=$(cli -c enable -c "debug ip http cookie" -c "show debugging")
assert_eq "$out" "HTTP Client Cookie debugging is on
CWMP:
  CWMP debugging is on
HTTP Client:
  HTTP Client Cookie debugging is on" "show debugging after debug ip http cookie"
out=$(cli -c enable -c "no debug cwmp" -c "show debugging")
assert_eq "$out" "CWMP debugging is off
HTTP Client:
  HTTP Client Cookie debugging is on" "show debugging after no debug cwmp"
out=$(cli -c enable -c "undebug all" -c "show debugging")
assert_eq "$out" "All possible debugging has been turned off" "show debugging after undebug all"
out=$(cli -c "show debugging")
assert_contains "$out" "% Invalid input detected at '^' marker." "show debugging in user EXEC"

out=$(cli -c "show privilege")
assert_eq "$out" "Current privilege level is 1" "show privilege in user EXEC"
out=$(printf '%s\n' enable "show privilege" "configure terminal" "do show privilege" | run_lines)
assert_eq "$out" "Current privilege level is 15
Enter configuration commands, one per line.  End with CNTL/Z.
Current privilege level is 15" "show privilege after enable"
out=$(cli -c "show privilege extra")
assert_contains "$out" "% Invalid input detected at '^' marker." "show privilege extra"
exit 0
