#!/bin/bash
# X_00000C_ShowStatus: each Response is exactly what cwmpsh prints for the command (pipes
# included, no paging), several commands answer in order, an invalid command answers with the IOS
# % message, anything that is not a show command (configure terminal, write memory, reload, copy,
# clear, debug, terminal length) fails the whole request with 9001 and changes nothing, the
# arguments are checked (9003), and the output of a request is bounded at 4 MiB. Sessions are
# asked for with connection requests; every message is validated against the schema.
. "$(dirname "$0")/cwmp_vendor_lib.sh"
command -v curl >/dev/null || skip "curl is missing"

for i in $(seq 1 2000); do
    echo "ip nat inside source static tcp 10.0.$((i / 250)).$((i % 250 + 1)) 80 192.0.2.1 $((10000 + i)) extendable"
done >"$TEST_TMP/nat.txt"
cat >"$TEST_TMP/empty-list.xml" <<'EOF2'
<soap-env:Envelope xmlns:soap-env="http://schemas.xmlsoap.org/soap/envelope/" xmlns:soap-enc="http://schemas.xmlsoap.org/soap/encoding/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:cwmp="@NS@"><soap-env:Header><cwmp:ID soap-env:mustUnderstand="1">@ID@</cwmp:ID></soap-env:Header><soap-env:Body><cwmp:X_00000C_ShowStatus><ExecCommandList soap-enc:arrayType="xsd:string[0]"></ExecCommandList></cwmp:X_00000C_ShowStatus></soap-env:Body></soap-env:Envelope>
EOF2
enc() { # percent-encodes the spaces and | of a command
    local c=${1// /%20}
    echo "${c//|/%7C}"
}
run30=
for i in $(seq 1 30); do run30="$run30 show%20running-config"; done
long=$(printf 'x%.0s' $(seq 1 252)) # show + 252: 257 characters
cat >"$TEST_TMP/script" <<EOF2
# 1: boot.
session
# 2: reads, then what is refused.
session
X_00000C_ShowStatus $(enc "show running-config | include cwmp")
X_00000C_ShowStatus show%20running-config $(enc "show running-config | include hostname") show%20cwmp%20methods show%20bogus $(enc "show startup-config | include cwmp agent") $(enc "show running-config | count cwmp") $(enc "show ip http client cookie brief") show%20cwmp%20map
X_00000C_ShowStatus configure%20terminal
X_00000C_ShowStatus write%20memory
X_00000C_ShowStatus reload
X_00000C_ShowStatus clear%20ip%20http%20client%20cookie
X_00000C_ShowStatus debug%20cwmp
X_00000C_ShowStatus copy%20running-config%20startup-config
X_00000C_ShowStatus terminal%20length%200
X_00000C_ShowStatus show%20version write%20memory
X_00000C_ShowStatus show%20$long
X_00000C_ShowStatus show%0Aversion
raw empty-list.xml
end
# 3: debug cwmp was refused: nothing of this session in the debug log.
session
# 4: the 4 MiB bound.
session
X_00000C_SetConfigurationBlock - - nat nat.txt
X_00000C_ShowStatus $run30
X_00000C_ShowStatus $run30 write%20memory
end
EOF2

write_device_info
start_acs --script "$TEST_TMP/script" $(schema_args)
write_startup_with_cr
start_cwmpd --listen 127.0.0.1:0 --cr-rate 0
wait_acs_sessions 1
settle
# An operator's change, not saved: what write memory and copy would save.
cli -c enable -c "configure terminal" -c "hostname Unsaved" -c end >/dev/null
cli -c enable -c "show running-config" >"$TEST_TMP/running-before"
cp "$STATE/startup-config" "$TEST_TMP/startup-before"
cr_session
acs_no_invalid

# One command with a pipe: what cwmpsh prints, to the byte.
f=$(msg 2 03)
assert_eq "$(element "$f" Command)" "show running-config | include cwmp"
element "$f" Response >"$TEST_TMP/response"
cli -c enable -c "show running-config | include cwmp" >"$TEST_TMP/cwmpsh"
[ -s "$TEST_TMP/cwmpsh" ] || fail "nothing to compare"
cmp "$TEST_TMP/response" "$TEST_TMP/cwmpsh" || {
    diff -u "$TEST_TMP/cwmpsh" "$TEST_TMP/response"
    fail "the Response differs from cwmpsh's output"
}
assert_contains "$(acs_log)" "2 03 <- X_00000C_ShowStatusResponse commands=1 bytes=$(wc -c <"$TEST_TMP/cwmpsh")"

# Several commands, answered in order, each as cwmpsh prints it (no paging).
f=$(msg 2 04)
assert_contains "$(cat "$f")" '<ExecResponseList soap-enc:arrayType="cwmp:ExecResponseStruct[8]">'
n=0
for cmd in "show running-config" "show running-config | include hostname" "show cwmp methods" \
    "show bogus" "show startup-config | include cwmp agent" "show running-config | count cwmp" \
    "show ip http client cookie brief" "show cwmp map"; do
    n=$((n + 1))
    assert_eq "$(element "$f" Command $n)" "$cmd" "Command $n"
    element "$f" Response $n >"$TEST_TMP/response"
    if [ "$cmd" = "show bogus" ]; then
        assert_eq "$(cat "$TEST_TMP/response")" "show bogus
     ^
% Invalid input detected at '^' marker." "the Response of an invalid command"
        continue
    fi
    cli -c enable -c "$cmd" >"$TEST_TMP/cwmpsh"
    cmp "$TEST_TMP/response" "$TEST_TMP/cwmpsh" || {
        diff -u "$TEST_TMP/cwmpsh" "$TEST_TMP/response"
        fail "the Response to $cmd differs from cwmpsh's output"
    }
done
assert_contains "$(element "$f" Response 2)" "hostname Unsaved"
assert_contains "$(element "$f" Response 6)" "Number of lines which match regexp = "

# Anything that is not a show command: 9001 for the whole request, nothing done.
nn=4
for cmd in "configure terminal" "write memory" "reload" "clear ip http client cookie" \
    "debug cwmp" "copy running-config startup-config" "terminal length 0" "write memory"; do
    nn=$((nn + 1))
    assert_fault 2 "$(printf %02d $nn)" 9001 "\"$cmd\" is not a command that only reads"
    assert_not_contains "$(body 2 "$(printf %02d $nn)")" "ExecResponse"
done
cli -c enable -c "show running-config" >"$TEST_TMP/running-after"
cmp "$TEST_TMP/running-before" "$TEST_TMP/running-after" || fail "ShowStatus changed running-config"
cmp "$TEST_TMP/startup-before" "$STATE/startup-config" || fail "ShowStatus saved the configuration"
assert_not_contains "$(cat "$CWMPD_LOG")" "%SYS-5-RELOAD"
kill -0 "$CWMPD_PID" || fail "cwmpd is gone"
# The arguments: one command per element, of at most 256 characters, at least one.
assert_fault 2 13 9003 "ExecCommandList element 1 is longer than 256 characters"
assert_fault 2 14 9003 "ExecCommandList element 1 holds more than one line"
assert_fault 2 15 9003 "ExecCommandList is empty"
# debug cwmp did not turn debugging on: the next session leaves no debug line.
cr_session
acs_no_invalid
assert_not_contains "$(cat "$CWMPD_LOG")" "CWMP: session 3"

# ---- at most 4 MiB of output a request ----
cr_session
acs_no_invalid
assert_status 4 03 0
size=$(cli -c enable -c "show running-config" | wc -c)
limit=4194304
full=$((limit / size))
[ "$full" -lt 30 ] || fail "show running-config is too small ($size bytes) to reach the limit"
# The command that crosses the limit is cut there and says so; those after it do not run.
truncated=$'\n% Output truncated: the output limit of 4194304 bytes was reached\n'
notrun=$'% Not run: the output limit of 4194304 bytes was reached\n'
want=$((limit + ${#truncated} + (30 - full - 1) * ${#notrun}))
assert_contains "$(acs_log)" "4 04 <- X_00000C_ShowStatusResponse commands=30 bytes=$want"
f=$(msg 4 04)
assert_eq "$(grep -c '^% Output truncated: the output limit of 4194304 bytes was reached$' "$f")" 1
assert_eq "$(grep -c '<Response>% Not run: the output limit of 4194304 bytes was reached$' "$f")" $((30 - full - 1))
# A command that may not run is refused whatever came before it.
assert_fault 4 05 9001 '"write memory" is not a command that only reads'
stop_cwmpd
stop_acs
exit 0
