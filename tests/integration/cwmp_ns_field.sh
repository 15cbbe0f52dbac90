#!/bin/bash
# Namespaces of the field: GenieACS in its CWMP 1.4 mode answers the Inform and sends its requests
# in urn:dslforum-org:cwmp-1-3 (others cwmp-1-4), which the schemas do not use. cwmpd executes
# them, echoes their cwmp:ID and answers in their namespace.
. "$(dirname "$0")/cwmp_lib.sh"

write_device_info
cat >"$TEST_TMP/script" <<'EOF2'
session
GetParameterValues InternetGatewayDevice.DeviceInfo.SpecVersion
SetParameterValues ns1 InternetGatewayDevice.DeviceInfo.ProvisioningCode xsd:string FIELD-NS
end
EOF2
first=1
for ns in 1-3 1-4; do
    ACS_REC=$TEST_TMP/acs-$ns
    start_acs --script "$TEST_TMP/script" --cwmp-ns "$ns" $(schema_args)
    if [ $first = 1 ]; then start_cwmpd; first=0; fi
    configure_acs
    wait_acs_sessions 1 || fail "no session with an ACS speaking cwmp-$ns"
    assert_contains "$(acs_log)" "InformResponse ns=urn:dslforum-org:cwmp-$ns"
    # Each answer echoes its request's ID (testacs reports "ID mismatch" otherwise), in its
    # namespace.
    assert_contains "$(body 1 03)" "xmlns:cwmp=\"urn:dslforum-org:cwmp-$ns\""
    assert_contains "$(body 1 03)" '<cwmp:ID soap-env:mustUnderstand="1">1.1</cwmp:ID>'
    assert_contains "$(body 1 03)" "<cwmp:GetParameterValuesResponse>"
    assert_contains "$(body 1 04)" '<cwmp:ID soap-env:mustUnderstand="1">1.2</cwmp:ID>'
    assert_contains "$(body 1 04)" "<Status>0</Status>"
    acs_no_invalid
    stop_acs
done
exit 0
