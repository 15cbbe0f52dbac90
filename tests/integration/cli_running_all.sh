#!/bin/bash
# show running-config all: running-config with the lines that hold their default, at the global
# level and in the blocks running-config shows; typed again (as a startup-config), they change
# nothing.
. "$(dirname "$0")/lib.sh"

start_cwmpd
printf '%s\n' enable "configure terminal" "cwmp agent" "session retry limit 3" \
    "interface Ethernet0/0" "ip address 10.0.0.1 255.255.255.0" "archive" "path flash:cfg" end |
    run_lines >/dev/null || fail "could not configure"

config='!
service dhcp
!
hostname Router
!
logging buffered 8192 informational
!
archive
 path flash:cfg
 maximum 10
!
interface Ethernet0/0
 ip address 10.0.0.1 255.255.255.0
 ip mtu 1500
 duplex auto
 speed auto
!
ip http digest algorithm md5
!
cwmp agent
 no enable download
 no periodic inform
 periodic inform interval 86400
 session retry limit 3
 request outstanding 5
 session retry wait 5
 session retry multiplier 2000
 parameter change notify interval 60
 parameter change notify throttle 0
 manageable-device notification limit 0
 request size limit 4096
 no stun
 stun port 3478
 stun keepalive minimum 10
 connection request udp notification limit 0
!
end'
bytes=$(printf '%s\n' "$config" | wc -c)
out=$(cli -c enable -c "show running-config all")
assert_eq "$out" "Building configuration...

Current configuration : $bytes bytes
$config" "show running-config all"
out=$(cli -c enable -c "sh run al | section archive")
assert_eq "$out" "archive
 path flash:cfg
 maximum 10" "show running-config all | section archive"
# Not in user EXEC, as running-config.
out=$(cli -c "show running-config all")
assert_contains "$out" "% Invalid input detected at '^' marker." "user EXEC"

# The whole text as a startup-config: after a reload running-config is what it was.
before=$(running_config)
cli -c enable -c "show running-config all" | sed -n '/^!$/,$p' >"$STATE/startup-config"
cli -c enable -c reload >/dev/null
for i in $(seq 1 200); do
    [ "$(grep -c '%SYS-5-RESTART' "$CWMPD_LOG")" -ge 2 ] && cli -c "show clock" >/dev/null 2>&1 &&
        break
    sleep 0.05
done
assert_eq "$(running_config)" "$before" "running-config from show running-config all's text"
assert_not_contains "$(cat "$CWMPD_LOG")" "%PARSER" "errors reading the text"
echo "PASS: show running-config all"
