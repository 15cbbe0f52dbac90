#!/bin/bash
# X_00000C_SetConfiguration when lines fail and arguments are wrong: rollback of a 2,001-line
# block whose last line fails (show running-config and the startup-config byte-identical before
# and after, one X_00000C_SetConfigurationFault, the ParameterKey kept), rollback as the default,
# stop (what applied stays), continue (one fault element per failing line, block before list),
# the startup-config target (Status 1, running-config untouched, applied after a restart), the
# limits of the arguments (fault 9003 naming the argument) and of the number of lines. Sessions are
# asked for with connection requests; every message is validated against the schema.
. "$(dirname "$0")/cwmp_vendor_lib.sh"
command -v curl >/dev/null || skip "curl is missing"

# 2,000 static NAT rules, then one whose global port is out of range.
for i in $(seq 1 2000); do
    echo "ip nat inside source static tcp 10.0.$((i / 250)).$((i % 250 + 1)) 80 192.0.2.1 $((10000 + i)) extendable"
done >"$TEST_TMP/long.txt"
bad_last="ip nat inside source static tcp 10.9.9.9 80 192.0.2.1 65536 extendable"
echo "$bad_last" >>"$TEST_TMP/long.txt"
printf 'hostname Partial\nntp server bogus!!\n' >"$TEST_TMP/partial.txt"
# continue: ambiguous, incomplete, refused by the handler, invalid; good lines between.
cat >"$TEST_TMP/cont.txt" <<'EOF2'
hostname Cont
i
ntp server 192.0.2.11
hostname
cwmp agent
management server url ftp://192.0.2.1/acs
parameter change notify interval 90
ntp server bogus!!
interface Loopback1
 description continued
EOF2
: >"$TEST_TMP/empty.txt"
for i in $(seq 1 100000); do echo '!'; done >"$TEST_TMP/max.txt"
{ cat "$TEST_TMP/max.txt"; echo '!'; } >"$TEST_TMP/over.txt"

long64=$(printf 'r%.0s' $(seq 1 64))
long65=$(printf 'r%.0s' $(seq 1 65))
key32=$(printf 'k%.0s' $(seq 1 32))
key33=$(printf 'k%.0s' $(seq 1 33))
# A description of the longest kind (240), indented to make a 256-character command.
desc256="%20%20%20%20description%20$(printf 'x%.0s' $(seq 1 240))"
desc257="${desc256}x"
gpv_key="GetParameterValues InternetGatewayDevice.ManagementServer.ParameterKey"
cat >"$TEST_TMP/script" <<EOF2
# 1: boot; a first key.
session
X_00000C_SetConfiguration - - key-0 hostname%20Start
end
# 2: rollback (explicit, absent, empty).
session
X_00000C_SetConfigurationBlock rollback running-config long-1 long.txt
X_00000C_SetConfigurationBlock - - long-2 partial.txt
X_00000C_SetConfigurationBlock % % long-3 partial.txt
$gpv_key
end
# 3: stop.
session
X_00000C_SetConfiguration stop running-config stop-1 hostname%20StopA ntp%20server%20192.0.2.10 ntp%20server%20bogus!! hostname%20StopB
end
# 4: continue, the block then the list; the key is still the one of session 1.
session
$gpv_key
X_00000C_SetConfigurationBlock continue running-config cont-1 cont.txt ntp%20server%20bogus2!! hostname%20ContList
end
# 5: the startup-config target.
session
$gpv_key
X_00000C_SetConfiguration rollback startup-config start-1 hostname%20FromStartup ntp%20server%20192.0.2.12
X_00000C_SetConfiguration - startup-config start-2 hostname%20Never ntp%20server%20bogus!!
$gpv_key
end
# 6: after the restart: wrong arguments, nothing applied, the key kept; then the limits.
session
X_00000C_SetConfiguration $long65 running-config arg-1 hostname%20Arg1
X_00000C_SetConfiguration rollback $long65 arg-2 hostname%20Arg2
X_00000C_SetConfiguration rollback running-config arg-3 interface%20Loopback3 $desc257
X_00000C_SetConfiguration rollback running-config arg-4 hostname%0AArg4
X_00000C_SetConfiguration bogus running-config arg-5 hostname%20Arg5
X_00000C_SetConfiguration rollback bogus arg-6 hostname%20Arg6
X_00000C_SetConfiguration rollback running-config - hostname%20Arg7
X_00000C_SetConfiguration rollback running-config $key33 hostname%20Arg8
X_00000C_SetConfigurationBlock rollback running-config arg-9 empty.txt
X_00000C_SetConfiguration $long64 running-config arg-10 hostname%20Arg10
$gpv_key
X_00000C_SetConfiguration RollBack Running-Config $key32 interface%20Loopback3 $desc256
X_00000C_SetConfigurationBlock - - max-1 max.txt
X_00000C_SetConfigurationBlock - - max-2 over.txt
end
EOF2

write_device_info
start_acs --script "$TEST_TMP/script" $(schema_args)
write_startup_with_cr
start_cwmpd --listen 127.0.0.1:0 --cr-rate 0
wait_acs_sessions 1
settle
assert_status 1 03 0

# ---- rollback ----
cli -c enable -c "show running-config" >"$TEST_TMP/running-before"
cp "$STATE/startup-config" "$TEST_TMP/startup-before"
cr_session
acs_no_invalid
f=$(msg 2 03)
assert_fault 2 03 9003 "command 2001 \"$bad_last\""
assert_eq "$(count_of "$(cat "$f")" "<cwmp:X_00000C_SetConfigurationFault>")" 1 "fault elements"
assert_contains "$(cat "$f")" "<cwmp:X_00000C_SetConfigurationFault><Command>$bad_last</Command><FaultCode>1</FaultCode></cwmp:X_00000C_SetConfigurationFault>"
# Without ErrorOption, or with an empty one: rollback too.
for nn in 04 05; do
    assert_fault 2 $nn 9003 'command 2 "ntp server bogus!!"'
    assert_contains "$(body 2 $nn)" "<Command>ntp server bogus!!</Command><FaultCode>1</FaultCode>"
done
assert_contains "$(body 2 06)" "<Name>InternetGatewayDevice.ManagementServer.ParameterKey</Name><Value xsi:type=\"xsd:string\">key-0</Value>"
cli -c enable -c "show running-config" >"$TEST_TMP/running-after"
cmp "$TEST_TMP/running-before" "$TEST_TMP/running-after" || {
    diff -u "$TEST_TMP/running-before" "$TEST_TMP/running-after" | head -20
    fail "a rolled-back block changed running-config"
}
cmp "$TEST_TMP/startup-before" "$STATE/startup-config" || fail "a rolled-back block changed startup-config"
assert_contains "$(cli -c enable -c "show cwmp persistent")" "ParameterKey        : key-0"
grep -q '%CWMP-5-CONFIG: X_00000C_SetConfiguration of 2001 lines to running-config rolled back at line 2001' \
    "$CWMPD_LOG" || fail "the rollback was not logged"

# ---- stop: the lines before the failing one stay, and are saved; the key stays ----
cr_session
acs_no_invalid
f=$(msg 3 03)
assert_fault 3 03 9003 'command 3 "ntp server bogus!!"'
assert_eq "$(count_of "$(cat "$f")" "<cwmp:X_00000C_SetConfigurationFault>")" 1 "fault elements"
assert_contains "$(cat "$f")" "<Command>ntp server bogus!!</Command><FaultCode>1</FaultCode>"
cfg=$(running_config)
assert_contains "$cfg" "hostname StopA"
assert_contains "$cfg" "ntp server 192.0.2.10"
assert_not_contains "$cfg" "StopB"
assert_contains "$(cat "$STATE/startup-config")" "hostname StopA"
assert_contains "$(cli -c enable -c "show cwmp persistent")" "ParameterKey        : key-0"

# ---- continue: every line runs, one fault element per failing line, in order ----
cr_session
acs_no_invalid
assert_contains "$(body 4 03)" "<Value xsi:type=\"xsd:string\">key-0</Value>"
f=$(msg 4 04)
assert_fault 4 04 9003 'command 2 "i"'
assert_eq "$(count_of "$(cat "$f")" "<cwmp:X_00000C_SetConfigurationFault>")" 5 "fault elements"
assert_contains "$(cat "$f")" "<cwmp:X_00000C_SetConfigurationFault><Command>i</Command><FaultCode>3</FaultCode></cwmp:X_00000C_SetConfigurationFault><cwmp:X_00000C_SetConfigurationFault><Command>hostname</Command><FaultCode>2</FaultCode></cwmp:X_00000C_SetConfigurationFault><cwmp:X_00000C_SetConfigurationFault><Command>management server url ftp://192.0.2.1/acs</Command><FaultCode>4</FaultCode></cwmp:X_00000C_SetConfigurationFault><cwmp:X_00000C_SetConfigurationFault><Command>ntp server bogus!!</Command><FaultCode>1</FaultCode></cwmp:X_00000C_SetConfigurationFault><cwmp:X_00000C_SetConfigurationFault><Command>ntp server bogus2!!</Command><FaultCode>1</FaultCode></cwmp:X_00000C_SetConfigurationFault></cwmp:Fault>"
cfg=$(running_config)
# The list ran after the block: its hostname is the last one.
assert_contains "$cfg" "hostname ContList"
assert_contains "$cfg" "ntp server 192.0.2.11"
assert_contains "$cfg" "interface Loopback1
 description continued"
assert_contains "$cfg" " parameter change notify interval 90"
assert_not_contains "$cfg" "ftp://"
assert_contains "$(cat "$STATE/startup-config")" "hostname ContList"
assert_contains "$(cli -c enable -c "show cwmp persistent")" "ParameterKey        : key-0"

# ---- the startup-config target ----
cli -c enable -c "show running-config" >"$TEST_TMP/running-before"
cr_session
acs_no_invalid
assert_contains "$(body 5 03)" "<Value xsi:type=\"xsd:string\">key-0</Value>"
assert_status 5 04 1
assert_fault 5 05 9003 'command 2 "ntp server bogus!!"'
# Success sets the key, the rolled-back fault after it does not touch it.
assert_contains "$(body 5 06)" "<Value xsi:type=\"xsd:string\">start-1</Value>"
cli -c enable -c "show running-config" >"$TEST_TMP/running-after"
cmp "$TEST_TMP/running-before" "$TEST_TMP/running-after" || fail "the startup-config target changed running-config"
startup=$(cli -c enable -c "show startup-config")
assert_contains "$startup" "hostname FromStartup"
assert_contains "$startup" "ntp server 192.0.2.12"
assert_contains "$startup" "ntp server 192.0.2.11"
assert_not_contains "$startup" "Never"
assert_contains "$(cli -c enable -c "show cwmp persistent")" "ParameterKey        : start-1"
# After a restart the device runs it.
stop_cwmpd
start_cwmpd --listen 127.0.0.1:0 --cr-rate 0
wait_acs_sessions 6
settle
acs_no_invalid
cfg=$(running_config)
assert_contains "$cfg" "hostname FromStartup"
assert_contains "$cfg" "ntp server 192.0.2.12"

# ---- wrong arguments: 9003 naming the argument, nothing applied ----
assert_fault 6 03 9003 "ErrorOption is longer than 64 characters"
assert_fault 6 04 9003 "Target is longer than 64 characters"
assert_fault 6 05 9003 "ConfigCommandList element 2 is longer than 256 characters"
assert_fault 6 06 9003 "ConfigCommandList element 1 holds more than one line"
assert_fault 6 07 9003 "ErrorOption bogus is not rollback, stop or continue"
assert_fault 6 08 9003 "Target bogus is not running-config or startup-config"
assert_fault 6 09 9003 "ParameterKey is missing"
assert_fault 6 10 9003 "ParameterKey is missing or longer than 32 characters"
assert_fault 6 11 9003 "neither ConfigCommandBlock nor ConfigCommandList has a command"
# 64 characters are allowed: this one is refused for what it says.
assert_fault 6 12 9003 "ErrorOption $long64 is not rollback"
for nn in 03 04 05 06 07 08 09 10 11 12; do
    assert_not_contains "$(body 6 $nn)" "X_00000C_SetConfigurationFault" "message 6-$nn"
done
assert_contains "$(body 6 13)" "<Value xsi:type=\"xsd:string\">start-1</Value>"
# At the limits: a 32-character key, a 256-character command, arguments in any case.
assert_status 6 14 0
# At most 100,000 lines a request.
assert_status 6 15 0
assert_fault 6 16 9003 "more than 100000 lines in ConfigCommandBlock"
cfg=$(running_config)
assert_contains "$cfg" "hostname FromStartup"
assert_not_contains "$cfg" "Arg"
assert_contains "$cfg" "interface Loopback3
 description $(printf 'x%.0s' $(seq 1 240))
"
assert_contains "$(cli -c enable -c "show cwmp persistent")" "ParameterKey        : max-1"
stop_cwmpd
stop_acs
exit 0
