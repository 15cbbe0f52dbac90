#!/bin/bash
# X_00000C_SetConfiguration with the three configuration examples of the feature documentation,
# verbatim, as a ConfigCommandBlock and as a ConfigCommandList: Status 0 and what the operator's
# show running-config then shows, the same for both forms; `do` in a block (show allowed, write
# memory refused with FaultCode 5); the methods in GetRPCMethods, show cwmp methods and debug cwmp;
# a new management server url in a block: the session ends with the old ACS and the next one goes
# to the new ACS with 0 BOOTSTRAP. Every message is validated against the Broadband Forum schema.
. "$(dirname "$0")/cwmp_vendor_lib.sh"
command -v curl >/dev/null || skip "curl is missing"

# The examples exactly as IOS-CLI.md gives them.
cat >"$TEST_TMP/ex1.txt" <<'EOF2'
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
EOF2
cat >"$TEST_TMP/ex2.txt" <<'EOF2'
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
cat >"$TEST_TMP/ex3.txt" <<'EOF2'
ip dhcp excluded-address 15.15.15.1
!
ip dhcp pool NET-POOL1
network 15.15.15.0 255.255.255.0
default-router 15.15.15.1
lease 0 0 5
renew deny unknown
end
interface Vlan102
ip address pool NET-POOL1
end
EOF2
printf 'interface Loopback0\n description never saved\ndo write memory\nhostname NotReached\n' \
    >"$TEST_TMP/do-write.txt"
printf 'do show running-config\ndo show running-config | include hostname\n' >"$TEST_TMP/do-show.txt"

# A second ACS, where a block sends cwmpd at the end.
ACS_REC=$TEST_TMP/acs2
start_acs $(schema_args)
ACS2_URL=$ACS_URL ACS2_PID=$ACS_PID ACS2_REC=$ACS_REC

# Examples 1 and 2 point cwmpd at other ACSes: the session puts this one's URL back before it
# ends, so that no session ever leaves the loopback.
back="X_00000C_SetConfiguration rollback running-config back cwmp%20agent management%20server%20url%20http://127.0.0.1:@PORT@/acs"
cat >"$TEST_TMP/script" <<EOF2
# 1: the block forms (on a fresh cwmpd, debug cwmp on).
session
GetRPCMethods
X_00000C_SetConfigurationBlock rollback running-config ex1-block ex1.txt
X_00000C_ShowStatus show%20running-config
$back
X_00000C_SetConfigurationBlock - - ex2-block ex2.txt
X_00000C_ShowStatus show%20running-config
$back
X_00000C_SetConfigurationBlock % % ex3-block ex3.txt
end
# 2: the ACS's changes notified (ProvisioningCode, ConnectionRequestURL), as an operator's are.
session
# 3: an unsaved operator change starts it; do write memory is refused, do show runs.
session
X_00000C_SetConfigurationBlock - - do-write do-write.txt
X_00000C_ShowStatus show%20startup-config show%20running-config%20|%20include%20Loopback
X_00000C_SetConfigurationBlock - - do-show do-show.txt
end
# 4: the list forms (on another fresh cwmpd).
session
X_00000C_SetConfiguration rollback running-config ex1-list $(words "$TEST_TMP/ex1.txt")
X_00000C_ShowStatus show%20running-config
$back
X_00000C_SetConfiguration - - ex2-list $(words "$TEST_TMP/ex2.txt")
X_00000C_ShowStatus show%20running-config
$back
X_00000C_SetConfiguration % % ex3-list $(words "$TEST_TMP/ex3.txt")
end
# 5: notified changes.
session
# 6: a new ACS.
session
X_00000C_SetConfigurationBlock - - to-acs2 to-acs2.txt
X_00000C_ShowStatus show%20running-config%20|%20include%20management%20server%20url
end
EOF2
printf 'cwmp agent\n management server url %s\n' "$ACS2_URL" >"$TEST_TMP/to-acs2.txt"
ACS_REC=$TEST_TMP/acs
start_acs --script "$TEST_TMP/script" $(schema_args)

# ---- the block forms ----
STATE=$TEST_TMP/state-block
write_device_info
start_cwmpd --listen 127.0.0.1:0
assert_eq "$(cli -c enable -c "debug cwmp")" "CWMP debugging is on"
configure_acs
wait_acs_sessions 1
acs_no_invalid

# GetRPCMethods lists both, as does show cwmp methods.
assert_contains "$(body 1 03)" "<string>X_00000C_SetConfiguration</string><string>X_00000C_ShowStatus</string>"
methods=$(cli -c enable -c "show cwmp methods")
assert_contains "$methods" "  X_00000C_SetConfiguration"
assert_contains "$methods" "  X_00000C_ShowStatus"

# Example 1: accepted whole (configure terminal, interface ethernet 0/0), Status 0.
assert_status 1 04 0
cfg1=$(element "$(msg 1 05)" Response)
assert_contains "$cfg1" "interface Ethernet0/0
 no ip address
 cwmp wan
 cwmp wan default
!"
assert_contains "$cfg1" "cwmp agent
 enable
 enable download
 management server password 7 13091610
 management server url http://172.25.117.78:7547/acs
 provision code ABCD
 session retry limit 12
 request outstanding 3
 session retry wait 1
 parameter change notify interval 120
!"
assert_status 1 06 0
# Example 2, `!` lines and all.
assert_status 1 07 0
cfg2=$(element "$(msg 1 08)" Response)
assert_contains "$cfg2" "ip http server
!"
assert_contains "$cfg2" " management server url http://10.1.98.229:7547/acs
 provision code ABCD
 connection request username user1
 connection request password 7 13091610
"
assert_status 1 09 0
# Example 3, with `end` twice: the line after the first continues in global configuration.
assert_status 1 10 0
assert_contains "$(acs_log)" "1 10 -> 204 end"

# What the operator sees once the ACS is done.
wait_acs_sessions 2
settle
assert_eq "$(sessions)" 2 "sessions"
running_config >"$TEST_TMP/final-block"
cfg=$(cat "$TEST_TMP/final-block")
assert_contains "$cfg" "ip dhcp excluded-address 15.15.15.1
!
ip dhcp pool NET-POOL1
 network 15.15.15.0 255.255.255.0
 default-router 15.15.15.1
 lease 0 0 5
 renew deny unknown
!"
assert_contains "$cfg" "interface Vlan102
 ip address pool NET-POOL1
!"
assert_contains "$cfg" "interface Ethernet0/0
 no ip address
 cwmp wan
 cwmp wan default
!"
assert_contains "$cfg" "ip http server
!"
assert_contains "$cfg" "cwmp agent
 enable
 enable download
 management server password 7 13091610
 management server url $ACS_URL
 provision code ABCD
 connection request username user1
 connection request password 7 13091610"
assert_contains "$cfg" " session retry limit 12
 request outstanding 3
 session retry wait 1
 parameter change notify interval 120
!"
# Saved at once, as SetParameterValues would be, with the last key.
cli -c enable -c "show startup-config" | sed -n '/^!$/,$p' >"$TEST_TMP/startup-block"
diff -u "$TEST_TMP/final-block" "$TEST_TMP/startup-block" || fail "the examples were not saved"
assert_contains "$(cli -c enable -c "show cwmp persistent")" 'ParameterKey        : ex3-block'
# The ACS's changes are notified as an operator's would be (cwmpd(8)): session 2.
inform=$(body 2 01)
assert_contains "$inform" "<EventCode>4 VALUE CHANGE</EventCode>"
assert_contains "$inform" "<Name>InternetGatewayDevice.DeviceInfo.ProvisioningCode</Name><Value xsi:type=\"xsd:string\">ABCD</Value>"

# debug cwmp: each arrival and its result.
grep -q 'CWMP: <- X_00000C_SetConfiguration$' "$CWMPD_LOG" || fail "no arrival in the debug log"
grep -q 'CWMP: -> X_00000C_SetConfigurationResponse (15 lines applied to running-config, key "ex1-block")' \
    "$CWMPD_LOG" || fail "no result in the debug log"
grep -q 'CWMP: <- X_00000C_ShowStatus$' "$CWMPD_LOG" || fail "no ShowStatus arrival in the debug log"
grep -qE 'CWMP: -> X_00000C_ShowStatusResponse \(1 commands?, [0-9]+ bytes of output\)' "$CWMPD_LOG" \
    || fail "no ShowStatus result in the debug log"
grep -q '%CWMP-5-CONFIG: Configured from CWMP by the ACS: 11 of 11 lines applied to running-config, key "ex3-block"' \
    "$CWMPD_LOG" || fail "example 3 not logged"

# ---- do in a block ----
# An operator's change, not saved, starts session 3 (ProvisioningCode is notified actively).
cli -c enable -c "configure terminal" -c "cwmp agent" -c "provision code UNSAVED" -c end >/dev/null
wait_acs_sessions 3
settle
assert_eq "$(sessions)" 3 "sessions"
acs_no_invalid
f=$(msg 3 03)
assert_fault 3 03 9003 'command 3 "do write memory"'
assert_eq "$(count_of "$(cat "$f")" "<cwmp:X_00000C_SetConfigurationFault>")" 1 "fault elements"
assert_contains "$(cat "$f")" "<cwmp:X_00000C_SetConfigurationFault><Command>do write memory</Command><FaultCode>5</FaultCode></cwmp:X_00000C_SetConfigurationFault>"
grep -q 'CWMP: -> X_00000C_SetConfiguration (fault 9003 (Invalid arguments: command 3 "do write memory"' \
    "$CWMPD_LOG" || fail "the fault is not in the debug log"
# Neither saved (the startup-config the ACS then read is the one before) nor applied.
saved=$(element "$(msg 3 04)" Response 1)
assert_contains "$saved" " provision code ABCD"
assert_not_contains "$saved" "UNSAVED"
assert_eq "$(element "$(msg 3 04)" Response 2)" "" "Loopback0 in running-config"
assert_eq "$(element "$(msg 3 04)" Command 2)" "show running-config | include Loopback"
assert_status 3 05 0
cfg=$(running_config)
assert_contains "$cfg" " provision code UNSAVED"
assert_not_contains "$cfg" "Loopback0"
assert_not_contains "$cfg" "NotReached"
stop_cwmpd

# ---- the list forms, on a fresh cwmpd: the same results ----
STATE=$TEST_TMP/state-list
write_device_info
start_cwmpd --listen 127.0.0.1:0
configure_acs
wait_acs_sessions 5
settle
assert_eq "$(sessions)" 5 "sessions"
acs_no_invalid
assert_status 4 03 0
assert_status 4 05 0
assert_status 4 06 0
assert_status 4 08 0
assert_status 4 09 0
assert_eq "$(element "$(msg 4 04)" Response)" "$cfg1" "running-config after example 1 as a list"
assert_eq "$(element "$(msg 4 07)" Response)" "$cfg2" "running-config after example 2 as a list"
running_config >"$TEST_TMP/final-list"
diff -u "$TEST_TMP/final-block" "$TEST_TMP/final-list" || fail "the list forms configured otherwise"
assert_contains "$(cli -c enable -c "show cwmp persistent")" 'ParameterKey        : ex3-list'

# ---- management server url in a block ----
# The session that changes it ends normally with this ACS (its ShowStatus already sees the new
# URL); the next goes to the new ACS, 0 BOOTSTRAP.
cli -c enable -c "configure terminal" -c "cwmp agent" -c "provision code TO-ACS2" -c end >/dev/null
wait_acs_sessions 6
assert_status 6 03 0
assert_eq "$(element "$(msg 6 04)" Response)" " management server url $ACS2_URL" "ShowStatus"
assert_contains "$(acs_log)" "6 04 -> 204 end"
ACS1_REC=$ACS_REC ACS1_PID=$ACS_PID
ACS_REC=$ACS2_REC ACS_PID=$ACS2_PID
wait_acs_sessions 1
inform=$(body 1 01)
assert_contains "$inform" "<EventCode>0 BOOTSTRAP</EventCode>"
assert_contains "$inform" "<Name>InternetGatewayDevice.DeviceInfo.ProvisioningCode</Name><Value xsi:type=\"xsd:string\">TO-ACS2</Value>"
settle
acs_no_invalid
stop_acs
ACS_REC=$ACS1_REC ACS_PID=$ACS1_PID
assert_eq "$(sessions)" 6 "sessions with the first ACS"
acs_no_invalid
stop_cwmpd
stop_acs
exit 0
