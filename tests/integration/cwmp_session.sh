#!/bin/bash
# A whole CWMP session with the test ACS: Inform with BOOTSTRAP and BOOT, the ACS reading, writing
# and exploring the data model, what the operator sees in running-config afterwards, and every
# message valid against the Broadband Forum schema.
. "$(dirname "$0")/cwmp_lib.sh"

cat >"$TEST_TMP/script" <<'EOF2'
session
inform-response
GetRPCMethods
GetParameterValues InternetGatewayDevice.DeviceInfo.SoftwareVersion InternetGatewayDevice.ManagementServer.
SetParameterValues key-1 InternetGatewayDevice.ManagementServer.PeriodicInformInterval xsd:unsignedInt 300 InternetGatewayDevice.DeviceInfo.ProvisioningCode xsd:string lab%20rack%203
SetParameterValues key-2 InternetGatewayDevice.ManagementServer.PeriodicInformInterval xsd:unsignedInt 0 InternetGatewayDevice.ManagementServer.ParameterKey xsd:string x InternetGatewayDevice.Nowhere xsd:string y InternetGatewayDevice.ManagementServer.URL xsd:boolean 1
GetParameterNames % true
GetParameterNames InternetGatewayDevice.Time. false
GetParameterNames InternetGatewayDevice.DeviceInfo.UpTime true
GetParameterValues InternetGatewayDevice.Nothing.
SetParameterAttributes InternetGatewayDevice.ManagementServer.PeriodicInformInterval true 2 true Subscriber
GetParameterAttributes InternetGatewayDevice.ManagementServer.PeriodicInformInterval InternetGatewayDevice.DeviceInfo.SoftwareVersion
SetParameterAttributes InternetGatewayDevice.DeviceInfo.UpTime true 2 false %
AddObject InternetGatewayDevice.DeviceInfo. key-3
DeleteObject InternetGatewayDevice.LANDevice.77. key-4
raw unknown.xml
end
EOF2
cat >"$TEST_TMP/unknown.xml" <<'EOF2'
<soap-env:Envelope xmlns:soap-env="http://schemas.xmlsoap.org/soap/envelope/" xmlns:cwmp="@NS@"><soap-env:Header><cwmp:ID soap-env:mustUnderstand="1">@ID@</cwmp:ID></soap-env:Header><soap-env:Body><cwmp:FlyToTheMoon><Speed>3</Speed></cwmp:FlyToTheMoon></soap-env:Body></soap-env:Envelope>
EOF2

write_device_info
start_acs --script "$TEST_TMP/script" $(schema_args)
start_cwmpd
configure_acs
wait_acs_sessions 1 || fail "no session"
acs_no_invalid
log=$(cat "$ACS_REC/log")

# The Inform: first contact with this ACS, and a start.
inform=$(body 1 01)
assert_contains "$inform" "<EventCode>0 BOOTSTRAP</EventCode>"
assert_contains "$inform" "<EventCode>1 BOOT</EventCode>"
assert_contains "$inform" "<OUI>00000C</OUI>"
assert_contains "$inform" "<SerialNumber>TEST0001</SerialNumber>"
assert_contains "$inform" "<RetryCount>0</RetryCount>"
assert_contains "$inform" "<MaxEnvelopes>1</MaxEnvelopes>"
assert_contains "$inform" "<Name>InternetGatewayDevice.ManagementServer.ConnectionRequestURL</Name>"
assert_contains "$inform" "<Name>InternetGatewayDevice.DeviceInfo.SpecVersion</Name><Value xsi:type=\"xsd:string\">1.0</Value>"
assert_contains "$inform" "<cwmp:SupportedCWMPVersions soap-env:mustUnderstand=\"0\">1.0,1.1,1.2,1.3,1.4</cwmp:SupportedCWMPVersions>"

# The empty POST: no body, no Content-Type, no SOAPAction.
[ ! -s "$ACS_REC/1-02-empty.xml" ] || fail "the empty POST has a body"
headers=$(cat "$ACS_REC/1-02.headers")
assert_not_contains "$headers" "Content-Type"
assert_not_contains "$headers" "SOAPAction"
assert_contains "$(cat "$ACS_REC/1-03.headers")" "SOAPAction: "
# The headers on the wire, in order: the SOAP ones are the session's, the HTTP layer adds none.
pinned() { sed -e 's/^Host: .*/Host: H/' -e 's/^Content-Length: [1-9][0-9]*$/Content-Length: N/' \
    -e 's|^User-Agent: cwmpd/[0-9][0-9.]*$|User-Agent: cwmpd/V|' "$ACS_REC/$1.headers"; }
soap_headers=$(printf '%s\n' "POST /acs HTTP/1.1" "Host: H" "User-Agent: cwmpd/V" "Accept: */*" \
    'Content-Type: text/xml; charset="utf-8"' "SOAPAction: " "Content-Length: N")
[ "$(pinned 1-01)" = "$soap_headers" ] || fail "the Inform's headers: $(pinned 1-01)"
[ "$(pinned 1-03)" = "$soap_headers" ] || fail "a response's headers: $(pinned 1-03)"
[ "$(pinned 1-02)" = "$(printf '%s\n' "POST /acs HTTP/1.1" "Host: H" "User-Agent: cwmpd/V" \
    "Accept: */*" "Content-Length: 0")" ] || fail "the empty POST's headers: $(pinned 1-02)"

# GetRPCMethods, GetParameterValues.
assert_contains "$(body 1 03)" "<string>SetParameterAttributes</string>"
gpv=$(body 1 04)
assert_contains "$gpv" "<Name>InternetGatewayDevice.ManagementServer.URL</Name><Value xsi:type=\"xsd:string\">$ACS_URL</Value>"
assert_contains "$gpv" "<Name>InternetGatewayDevice.ManagementServer.Password</Name><Value xsi:type=\"xsd:string\"></Value>"
assert_contains "$gpv" "<Name>InternetGatewayDevice.ManagementServer.CWMPRetryMinimumWaitInterval</Name><Value xsi:type=\"xsd:unsignedInt\">1</Value>"

# SetParameterValues: applied, in running-config and startup-config, with its key.
assert_contains "$(body 1 05)" "<Status>0</Status>"
cfg=$(running_config)
assert_contains "$cfg" " provision code lab rack 3"
assert_contains "$cfg" " periodic inform interval 300"
assert_contains "$(cat "$STATE/startup-config")" " periodic inform interval 300"

# A request with four bad parameters: one fault per parameter, nothing applied.
spv=$(body 1 06)
assert_contains "$spv" "<FaultCode>9003</FaultCode>"
assert_contains "$spv" "<ParameterName>InternetGatewayDevice.ManagementServer.PeriodicInformInterval</ParameterName><FaultCode>9007</FaultCode>"
assert_contains "$spv" "<ParameterName>InternetGatewayDevice.ManagementServer.ParameterKey</ParameterName><FaultCode>9008</FaultCode>"
assert_contains "$spv" "<ParameterName>InternetGatewayDevice.Nowhere</ParameterName><FaultCode>9005</FaultCode>"
assert_contains "$spv" "<ParameterName>InternetGatewayDevice.ManagementServer.URL</ParameterName><FaultCode>9006</FaultCode>"
assert_contains "$(running_config)" " periodic inform interval 300"

# GetParameterNames: the root alone, a subtree, a parameter with NextLevel (9003).
gpn=$(body 1 07)
assert_contains "$gpn" "<Name>InternetGatewayDevice.</Name><Writable>false</Writable>"
assert_contains "$gpn" "cwmp:ParameterInfoStruct[1]"
gpn=$(body 1 08)
assert_contains "$gpn" "<Name>InternetGatewayDevice.Time.</Name>"
assert_contains "$gpn" "<Name>InternetGatewayDevice.Time.NTPServer1</Name><Writable>true</Writable>"
assert_contains "$(body 1 09)" "<FaultCode>9003</FaultCode>"
assert_contains "$(body 1 10)" "<FaultCode>9005</FaultCode>"

# Attributes: set, read back; active notification of a counter is refused (9009).
assert_contains "$(body 1 11)" "SetParameterAttributesResponse"
gpa=$(body 1 12)
assert_contains "$gpa" "<Name>InternetGatewayDevice.ManagementServer.PeriodicInformInterval</Name><Notification>2</Notification><AccessList soap-enc:arrayType=\"xsd:string[1]\"><string>Subscriber</string></AccessList>"
assert_contains "$gpa" "<Name>InternetGatewayDevice.DeviceInfo.SoftwareVersion</Name><Notification>2</Notification>"
assert_contains "$(body 1 13)" "<FaultCode>9009</FaultCode>"

# Objects that are not tables, instances that do not exist, methods that do not exist.
assert_contains "$(body 1 14)" "<FaultCode>9005</FaultCode>"
assert_contains "$(body 1 15)" "<FaultCode>9005</FaultCode>"
assert_contains "$(body 1 16)" "<FaultCode>9000</FaultCode>"
assert_contains "$log" "1 16 -> 204 end"

# The operator's view.
out=$(cli -c enable -c "show cwmp session")
assert_contains "$out" "ACS URL             : $ACS_URL"
assert_contains "$out" "Sessions            : 1 (0 failed)"
assert_contains "$out" "Events queued       : none"
out=$(cli -c enable -c "show cwmp persistent")
assert_contains "$out" "ParameterKey        : key-1"
assert_contains "$out" "Bootstrap done      : $ACS_URL"
assert_contains "$out" "InternetGatewayDevice.ManagementServer.PeriodicInformInterval notification 2, Subscriber"
out=$(cli -c enable -c "show cwmp parameter InternetGatewayDevice.ManagementServer.PeriodicInformInterval")
assert_contains "$out" "  Value        : 300"
assert_contains "$out" "  Notification : 2 (active), access list: Subscriber"

# After a restart: BOOT only, the same key, nothing else pending.
stop_cwmpd
start_cwmpd
wait_acs_sessions 2 || fail "no session after the restart"
inform=$(body 2 01)
assert_contains "$inform" "<EventCode>1 BOOT</EventCode>"
assert_not_contains "$inform" "BOOTSTRAP"
assert_contains "$inform" "<Name>InternetGatewayDevice.ManagementServer.ParameterKey</Name><Value xsi:type=\"xsd:string\">key-1</Value>"
acs_no_invalid
stop_acs
exit 0
