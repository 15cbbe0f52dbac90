#!/bin/bash
# Lenient types: ACS UIs and GenieACS send xsd:string (or xsd:int) for a parameter whose type they
# have not read. A number, boolean or dateTime so given is set when its text is a value of the
# parameter's type; 9006 only when it cannot be, 9007 when it is out of range.
. "$(dirname "$0")/cwmp_lib.sh"

MS=InternetGatewayDevice.ManagementServer
write_device_info
cat >"$TEST_TMP/script" <<EOF2
session
SetParameterValues k1 $MS.PeriodicInformInterval xsd:string 300
SetParameterValues k2 $MS.PeriodicInformEnable xsd:string true $MS.PeriodicInformTime xsd:string 1970-01-01T07:23:41Z $MS.CWMPRetryMinimumWaitInterval xsd:int 5
SetParameterValues k3 $MS.PeriodicInformInterval - 600 $MS.PeriodicInformEnable - 0
SetParameterValues k4 $MS.PeriodicInformInterval xsd:string abc $MS.PeriodicInformEnable xsd:string yes $MS.PeriodicInformTime xsd:string tomorrow $MS.CWMPRetryMinimumWaitInterval xsd:string 1.5
SetParameterValues k5 $MS.PeriodicInformInterval xsd:string 0 $MS.CWMPRetryMinimumWaitInterval xsd:string 70000 $MS.CWMPRetryIntervalMultiplier xsd:int -3
SetParameterValues k6 $MS.URL xsd:int 5
GetParameterValues $MS.PeriodicInformInterval $MS.PeriodicInformTime $MS.CWMPRetryMinimumWaitInterval $MS.ParameterKey
end
EOF2
start_acs --script "$TEST_TMP/script" $(schema_args)
start_cwmpd
configure_acs
wait_acs_sessions 1 || fail "no session"

assert_contains "$(body 1 03)" "<Status>0</Status>"
assert_contains "$(body 1 04)" "<Status>0</Status>"
assert_contains "$(body 1 05)" "<Status>0</Status>"
# Texts that cannot be the parameter's type: 9006, nothing applied.
spv=$(body 1 06)
assert_contains "$spv" "<FaultCode>9003</FaultCode>"
for p in PeriodicInformInterval PeriodicInformEnable PeriodicInformTime CWMPRetryMinimumWaitInterval; do
    assert_contains "$spv" "<ParameterName>$MS.$p</ParameterName><FaultCode>9006</FaultCode>"
done
# Numbers out of range: 9007.
spv=$(body 1 07)
for p in PeriodicInformInterval CWMPRetryMinimumWaitInterval CWMPRetryIntervalMultiplier; do
    assert_contains "$spv" "<ParameterName>$MS.$p</ParameterName><FaultCode>9007</FaultCode>"
done
# A string parameter stays strict: its type is known to every ACS that writes it.
assert_contains "$(body 1 08)" "<ParameterName>$MS.URL</ParameterName><FaultCode>9006</FaultCode>"
gpv=$(body 1 09)
assert_contains "$gpv" "<Name>$MS.PeriodicInformInterval</Name><Value xsi:type=\"xsd:unsignedInt\">600</Value>"
assert_contains "$gpv" "<Name>$MS.PeriodicInformTime</Name><Value xsi:type=\"xsd:dateTime\">1970-01-01T07:23:41Z</Value>"
assert_contains "$gpv" "<Name>$MS.CWMPRetryMinimumWaitInterval</Name><Value xsi:type=\"xsd:unsignedInt\">5</Value>"
assert_contains "$gpv" "<Name>$MS.ParameterKey</Name><Value xsi:type=\"xsd:string\">k3</Value>"
cfg=$(running_config)
assert_contains "$cfg" " periodic inform interval 600"
acs_no_invalid
stop_acs
exit 0
