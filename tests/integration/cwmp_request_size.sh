#!/bin/bash
# request size limit: by default a GetParameterValues of 20,000 names in one request (1.2 MB,
# what GenieACS sends to read a 10,000-parameter device by name) is answered; a request past the
# limit gets fault 9004 with its ID, and the session goes on.
. "$(dirname "$0")/cwmp_lib.sh"

write_device_info
mk() { # mk NAME BODY: an envelope file holding BODY
    printf '<soap-env:Envelope xmlns:soap-env="http://schemas.xmlsoap.org/soap/envelope/" xmlns:cwmp="@NS@"><soap-env:Header><cwmp:ID soap-env:mustUnderstand="1">@ID@</cwmp:ID></soap-env:Header><soap-env:Body>%s</soap-env:Body></soap-env:Envelope>' "$2" >"$TEST_TMP/$1.xml"
}
names() { # names N: N names of GetParameterValues
    local n=$1
    printf '<ParameterNames soap-enc:arrayType="xsd:string[%d]" xmlns:soap-enc="http://schemas.xmlsoap.org/soap/encoding/">' "$n"
    yes '<string>InternetGatewayDevice.DeviceInfo.SpecVersion</string>' | head -n "$n" | tr -d '\n'
    printf '</ParameterNames>'
}
mk big "<cwmp:GetParameterValues>$(names 20000)</cwmp:GetParameterValues>"
mk small "<cwmp:GetParameterValues>$(names 400)</cwmp:GetParameterValues>"
[ "$(stat -c %s "$TEST_TMP/big.xml")" -gt 1200000 ] || fail "the big request is not 1.2 MB"
cat >"$TEST_TMP/script" <<'EOF2'
session
raw big.xml
end
session
raw small.xml
GetParameterValues InternetGatewayDevice.DeviceInfo.SpecVersion
end
EOF2
start_acs --script "$TEST_TMP/script" $(schema_args)
start_cwmpd
configure_acs
wait_acs_sessions 1 30 || fail "no first session"
assert_contains "$(acs_log)" "1 03 <- GetParameterValuesResponse params=20000"
# 400 names (24 KB) past a 16 KB limit: 9004 with the request's ID, and the next request answered.
cli -c enable -c "configure terminal" -c "cwmp agent" -c "request size limit 16" \
    -c "provision code T1" -c end >/dev/null
wait_acs_sessions 2 20 || fail "no second session"
assert_contains "$(body 2 03)" "<FaultCode>9004</FaultCode>"
assert_contains "$(acs_log)" "2 03 <- Fault code=9004"
assert_contains "$(acs_log)" "2 04 <- GetParameterValuesResponse params=1"
assert_contains "$(acs_log)" "2 04 -> 204 end"
out=$(cli -c enable -c "show cwmp session")
assert_contains "$out" "Sessions            : 2 (0 failed)"
acs_no_invalid
stop_acs
exit 0
