#!/bin/bash
# An ACS that sends what no ACS should: entity expansion, a document type, a huge request (past
# `request size limit`), deep nesting, broken XML, a Body with two requests, a request with more
# names than cwmpd answers at once. cwmpd answers
# with a fault or ends the session, keeps serving, and the next session works.
. "$(dirname "$0")/cwmp_lib.sh"

write_device_info
mk() { # mk NAME BODY: an envelope file holding BODY
    printf '<soap-env:Envelope xmlns:soap-env="http://schemas.xmlsoap.org/soap/envelope/" xmlns:cwmp="@NS@"><soap-env:Header><cwmp:ID soap-env:mustUnderstand="1">@ID@</cwmp:ID></soap-env:Header><soap-env:Body>%s</soap-env:Body></soap-env:Envelope>' "$2" >"$TEST_TMP/$1.xml"
}
printf '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]><soap-env:Envelope xmlns:soap-env="http://schemas.xmlsoap.org/soap/envelope/" xmlns:cwmp="@NS@"><soap-env:Body><cwmp:GetParameterValues><ParameterNames><string>&d;</string></ParameterNames></cwmp:GetParameterValues></soap-env:Body></soap-env:Envelope>' >"$TEST_TMP/entities.xml"
deep=$(for i in $(seq 1 200); do printf '<a>'; done; for i in $(seq 1 200); do printf '</a>'; done)
mk deep "<cwmp:GetParameterValues><ParameterNames>$deep</ParameterNames></cwmp:GetParameterValues>"
mk two "<cwmp:GetRPCMethods/><cwmp:GetRPCMethods/>"
printf '<soap-env:Envelope xmlns:soap-env="http://schemas.xmlsoap.org/soap/envelope/"><soap-env:Body><cwmp:Get' >"$TEST_TMP/broken.xml"
huge=$(head -c 9000000 /dev/zero | tr '\0' 'x')
mk huge "<cwmp:GetParameterValues><ParameterNames><string>$huge</string></ParameterNames></cwmp:GetParameterValues>"
mk noargs "<cwmp:SetParameterValues/>"
mk badbool "<cwmp:GetParameterNames><ParameterPath>InternetGatewayDevice.</ParameterPath><NextLevel>maybe</NextLevel></cwmp:GetParameterNames>"
# One name more than cwmpd answers in one request (200,000): refused before any is looked up.
names=$(printf '<string>x</string>%.0s' $(seq 1 200001))
mk many "<cwmp:GetParameterValues><ParameterNames>$names</ParameterNames></cwmp:GetParameterValues>"
{
    for f in entities deep two broken; do
        printf 'session\nraw %s.xml\n' "$f"
    done
    printf 'session\nraw huge.xml\nraw noargs.xml\nraw badbool.xml\nraw many.xml\nGetParameterValues InternetGatewayDevice.DeviceInfo.SpecVersion\nend\n'
} >"$TEST_TMP/script"
start_acs --script "$TEST_TMP/script" $(schema_args)
start_cwmpd
configure_acs "request size limit 8192"
# Each failed session delivered its events: a change of a parameter the ACS always hears about
# (ProvisioningCode) starts the next one.
for i in 1 2 3 4; do
    for _ in $(seq 1 100); do
        [ "$(grep -c '%CWMP-4-SESSION' "$CWMPD_LOG")" -ge "$i" ] && break
        sleep 0.05
    done
    [ "$(grep -c '%CWMP-4-SESSION' "$CWMPD_LOG")" -ge "$i" ] || fail "session $i did not fail"
    cli -c enable -c "configure terminal" -c "cwmp agent" -c "provision code T$i" -c end >/dev/null
done
wait_acs_sessions 5 20 || fail "the sessions did not all end"
# The entity bomb is refused by the parser itself (no expansion) or for its document type.
grep -qE "%CWMP-4-SESSION: .*(document type declaration|not well-formed)" "$CWMPD_LOG" ||
    fail "the entity expansion was not refused"
for reason in "nested too deeply" "exactly one element" "not well-formed"; do
    grep -q "%CWMP-4-SESSION: .*$reason" "$CWMPD_LOG" || fail "no failed session for: $reason"
done
# Malformed requests get faults, and the session goes on; the one past the size limit gets 9004
# with its ID.
assert_contains "$(body 5 03)" "<FaultCode>9004</FaultCode>"
assert_contains "$(body 5 03)" "<cwmp:ID soap-env:mustUnderstand=\"1\">5.1</cwmp:ID>"
assert_contains "$(body 5 04)" "<FaultCode>9003</FaultCode>"
assert_contains "$(body 5 05)" "<FaultCode>9003</FaultCode>"
assert_contains "$(body 5 06)" "<FaultCode>9004</FaultCode>"
assert_contains "$(body 5 07)" "<Value xsi:type=\"xsd:string\">1.0</Value>"
kill -0 "$CWMPD_PID" || fail "cwmpd died"
stop_acs
exit 0
