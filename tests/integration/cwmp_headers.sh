#!/bin/bash
# SOAP headers and namespaces the ACS may send: a header marked mustUnderstand="1" that cwmpd does
# not know gets the SOAP MustUnderstand fault (SOAP 1.1 §4.2.3) and the request is not executed;
# a method element in a foreign namespace is not executed; UseCWMPVersion names the version of
# the session (one not offered fails it) and SessionTimeout how long cwmpd waits for the ACS.
. "$(dirname "$0")/cwmp_lib.sh"

ENV='<soap-env:Envelope xmlns:soap-env="http://schemas.xmlsoap.org/soap/envelope/" xmlns:soap-enc="http://schemas.xmlsoap.org/soap/encoding/" xmlns:cwmp="@NS@">'
GPV='<cwmp:GetParameterValues><ParameterNames soap-enc:arrayType="xsd:string[1]"><string>InternetGatewayDevice.DeviceInfo.ProvisioningCode</string></ParameterNames></cwmp:GetParameterValues>'
for mu in 1 0; do
    cat >"$TEST_TMP/trace-$mu.xml" <<EOF2
$ENV<soap-env:Header><cwmp:ID soap-env:mustUnderstand="1">@ID@</cwmp:ID><x:Trace xmlns:x="urn:example:trace" soap-env:mustUnderstand="$mu">on</x:Trace></soap-env:Header><soap-env:Body>$GPV</soap-env:Body></soap-env:Envelope>
EOF2
done
# A Reboot of another namespace, and no cwmp:ID: nothing names a cwmp namespace but the session.
cat >"$TEST_TMP/foreign.xml" <<EOF2
$ENV<soap-env:Body><o:Reboot xmlns:o="urn:example:other"><CommandKey>foreign</CommandKey></o:Reboot></soap-env:Body></soap-env:Envelope>
EOF2
cat >"$TEST_TMP/script" <<'EOF2'
session
raw trace-1.xml
raw trace-0.xml
raw foreign.xml
ScheduleInform 1 s1
end
session
inform-response use-version 1.1
ScheduleInform 1 s2
raw foreign.xml
end
session
inform-response use-version 1.5
session
inform-response session-timeout 30
wait 40
GetParameterValues InternetGatewayDevice.DeviceInfo.ProvisioningCode
end
EOF2
write_device_info
start_acs --script "$TEST_TMP/script" --cwmp-version 1.4 $(schema_args)
start_cwmpd
configure_acs
wait_acs_sessions 2 || fail "no second session"

# Not understood: the SOAP fault, no GetParameterValuesResponse.
b=$(body 1 03)
assert_contains "$b" '<faultcode>soap-env:MustUnderstand</faultcode>'
assert_contains "$b" '<cwmp:ID soap-env:mustUnderstand="1">'
assert_not_contains "$b" "GetParameterValuesResponse"
# mustUnderstand="0": an unknown header is ignored.
assert_contains "$(body 1 04)" "<cwmp:GetParameterValuesResponse>"
# A foreign method: fault 9000, no reboot.
assert_contains "$(body 1 05)" "<FaultCode>9000</FaultCode>"
assert_contains "$(body 1 05)" 'xmlns:cwmp="urn:dslforum-org:cwmp-1-2"'
assert_not_contains "$(cat "$CWMPD_LOG")" "RELOAD"
# UseCWMPVersion 1.1: the session speaks cwmp-1-1, also where the request names no namespace.
assert_contains "$(body 2 04)" 'xmlns:cwmp="urn:dslforum-org:cwmp-1-1"'
assert_contains "$(body 2 04)" "<FaultCode>9000</FaultCode>"

# A version cwmpd did not offer fails the session; SessionTimeout 30 fails the retry after 30 s
# without an answer (cwmpd waits 60 s otherwise, and the answer comes at 40 s).
wait_acs_sessions 3 || fail "no session after UseCWMPVersion 1.5"
assert_contains "$(cat "$CWMPD_LOG")" "asked for CWMP version 1.5, which cwmpd did not offer"
assert_contains "$(acs_log)" "SessionTimeout=30"
for i in $(seq 1 500); do
    grep -q "timed out after 3[0-9][0-9][0-9][0-9] milliseconds" "$CWMPD_LOG" && break
    sleep 0.1
done
assert_contains "$(cat "$CWMPD_LOG")" "timed out after 3"
assert_not_contains "$(ls "$ACS_REC")" "4-03-GetParameterValuesResponse"
acs_no_invalid
stop_acs
exit 0
