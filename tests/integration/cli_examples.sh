#!/bin/bash
# The three configuration examples of the TR-069 agent's feature documentation, typed into cwmpsh
# line for line: accepted, shown in running-config, saved, and still there after cwmpd restarts.
. "$(dirname "$0")/lib.sh"

start_cwmpd

out=$(cli <<'EOF2'
enable
configure terminal
cwmp agent
management server url http://172.25.117.78:7547/acs
management server password 0 lab
provision code ABCD
exit
interface ethernet 0/0
cwmp wan
cwmp wan default
exit
cwmp agent
enable download
session retry limit 12
request outstanding 3
parameter change notify interval 120
end
EOF2
) || fail "example 1 was not accepted: $out"
assert_eq "$out" "Enter configuration commands, one per line.  End with CNTL/Z." "example 1 output"

# Example 2 is an autoinstall configuration file: typed after configure terminal.
out=$( (printf 'enable\nconfigure terminal\n'; cat <<'EOF2'
!
cwmp agent
enable
enable download
management server password lab
management server url http://10.1.98.229:7547/acs
connection request username user1
connection request password lab
!
ip http server
!
EOF2
) | cli) || fail "example 2 was not accepted: $out"

out=$(cli <<'EOF2'
enable
configure terminal
ip dhcp excluded-address 15.15.15.1
!
ip dhcp pool NET-POOL1
network 15.15.15.0 255.255.255.0
default-router 15.15.15.1
lease 0 0 5
renew deny unknown
end
configure terminal
interface Vlan102
ip address pool NET-POOL1
end
EOF2
) || fail "example 3 was not accepted: $out"

expected='!
hostname Router
!
ip dhcp excluded-address 15.15.15.1
!
ip dhcp pool NET-POOL1
 network 15.15.15.0 255.255.255.0
 default-router 15.15.15.1
 lease 0 0 5
 renew deny unknown
!
interface Ethernet0/0
 no ip address
 cwmp wan
 cwmp wan default
!
interface Vlan102
 ip address pool NET-POOL1
!
ip http server
!
cwmp agent
 enable
 enable download
 management server password 7 13091610
 management server url http://10.1.98.229:7547/acs
 provision code ABCD
 connection request username user1
 connection request password 7 13091610
 session retry limit 12
 request outstanding 3
 parameter change notify interval 120
!
end'
assert_eq "$(running_config)" "$expected" "running-config"

full=$(cli -c enable -c "show running-config")
assert_contains "$full" "Building configuration...

Current configuration : $(( $(printf '%s\n' "$expected" | wc -c) )) bytes
!"

out=$(cli -c enable -c "write memory")
assert_eq "$out" "Building configuration...
[OK]" "write memory"
assert_eq "$(cat "$STATE/startup-config")" "$expected" "startup-config file"

stop_cwmpd
start_cwmpd
assert_eq "$(running_config)" "$expected" "running-config after a restart"
if grep -q 'PARSER-4-BADCFG' "$CWMPD_LOG"; then
    fail "startup-config had rejected lines"
fi
out=$(cli -c enable -c "show startup-config")
assert_contains "$out" "Using $(( $(printf '%s\n' "$expected" | wc -c) )) out of 1048576 bytes"

# copy running-config startup-config writes the same file (no question off a terminal).
cli -c enable -c "configure terminal" -c "hostname Edge" >/dev/null
out=$(cli -c enable -c "copy running-config startup-config")
assert_eq "$out" "Building configuration...
[OK]" "copy running-config startup-config"
assert_contains "$(cat "$STATE/startup-config")" "hostname Edge"
exit 0
