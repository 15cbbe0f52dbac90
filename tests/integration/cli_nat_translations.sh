#!/bin/bash
# show ip nat translations: the static rules with their global address of the moment (a rule
# following the cwmp wan default interface shows that interface's current address), then the
# NAT'd entries of the connection-tracking table (here a sample file given in CWMPD_CONNTRACK, in
# /proc/net/nf_conntrack's format and in conntrack -L's), and a line saying so when the table
# cannot be read.
. "$(dirname "$0")/lib.sh"

# Masquerade out (TCP, UDP, ICMP), a port mapping in, and entries NAT did not touch (loopback,
# IPv6), in nf_conntrack's format; the last line is conntrack -L's.
cat >"$TEST_TMP/conntrack" <<'EOF2'
ipv4     2 tcp      6 431999 ESTABLISHED src=192.168.1.10 dst=93.184.216.34 sport=51234 dport=443 src=93.184.216.34 dst=10.194.145.170 sport=443 dport=61000 [ASSURED] mark=0 zone=0 use=2
ipv4     2 udp      17 29 src=192.168.1.11 dst=8.8.8.8 sport=5353 dport=53 src=8.8.8.8 dst=10.194.145.170 sport=53 dport=5353 mark=0 zone=0 use=2
ipv4     2 tcp      6 86399 ESTABLISHED src=198.51.100.7 dst=10.194.145.170 sport=40000 dport=9000 src=15.15.15.2 dst=198.51.100.7 sport=7547 dport=40000 [ASSURED] mark=0 zone=0 use=2
ipv4     2 tcp      6 100 ESTABLISHED src=127.0.0.1 dst=127.0.0.1 sport=40000 dport=22 src=127.0.0.1 dst=127.0.0.1 sport=22 dport=40000 [ASSURED] mark=0 zone=0 use=2
ipv4     2 icmp     1 29 src=192.168.1.12 dst=1.1.1.1 type=8 code=0 id=77 src=1.1.1.1 dst=10.194.145.170 type=0 code=0 id=77 mark=0 zone=0 use=2
ipv6     10 tcp      6 100 ESTABLISHED src=2001:db8::1 dst=2001:db8::2 sport=1 dport=2 src=2001:db8::2 dst=2001:db8::3 sport=2 dport=1 mark=0 zone=0 use=2
udp      17 29 src=192.168.1.13 dst=9.9.9.9 sport=1000 dport=53 src=9.9.9.9 dst=10.194.145.170 sport=53 dport=1024 mark=0 use=1
EOF2
export CWMPD_CONNTRACK="$TEST_TMP/conntrack"
start_cwmpd

header="Pro Inside global         Inside local          Outside local         Outside global"
out=$(cli -c "show ip nat translations")
assert_eq "$out" "$header
tcp 10.194.145.170:61000  192.168.1.10:51234    93.184.216.34:443     93.184.216.34:443
udp 10.194.145.170:5353   192.168.1.11:5353     8.8.8.8:53            8.8.8.8:53
tcp 10.194.145.170:9000   15.15.15.2:7547       198.51.100.7:40000    198.51.100.7:40000
icmp 10.194.145.170:77     192.168.1.12:77       1.1.1.1:77            1.1.1.1:77
udp 10.194.145.170:1024   192.168.1.13:1000     9.9.9.9:53            9.9.9.9:53" \
    "dynamic entries without static rules"

# A rule on the WAN interface's address follows it; one on another address keeps its own.
printf '%s\n' enable "configure terminal" "interface Ethernet0/0" \
    "ip address 10.194.145.170 255.255.255.0" "cwmp wan default" exit \
    "ip nat inside source static tcp 15.15.15.2 7547 10.194.145.170 9000 extendable" \
    "ip nat inside source static udp 15.15.15.3 53 192.0.2.4 5353" end | run_lines >/dev/null ||
    fail "could not configure"
out=$(cli -c "show ip nat translations" | head -3)
assert_eq "$out" "$header
tcp 10.194.145.170:9000   15.15.15.2:7547       ---                   ---
udp 192.0.2.4:5353        15.15.15.3:53         ---                   ---" "the static rules"

printf '%s\n' enable "configure terminal" "interface Ethernet0/0" \
    "ip address 10.194.145.99 255.255.255.0" end | run_lines >/dev/null
out=$(cli -c "show ip nat translations | include ---")
assert_eq "$out" "tcp 10.194.145.99:9000    15.15.15.2:7547       ---                   ---
udp 192.0.2.4:5353        15.15.15.3:53         ---                   ---" \
    "the static rule after the WAN address changed"
cli -c enable -c "write memory" >/dev/null
stop_cwmpd

# No table to read: the static lines, then why there is nothing more.
export CWMPD_CONNTRACK="$TEST_TMP/absent"
start_cwmpd
out=$(cli -c "show ip nat translations")
assert_eq "$out" "$header
tcp 10.194.145.99:9000    15.15.15.2:7547       ---                   ---
udp 192.0.2.4:5353        15.15.15.3:53         ---                   ---
% Dynamic translations not shown: cannot read $TEST_TMP/absent (No such file or directory)" \
    "an unreadable table"
echo "PASS: show ip nat translations"
