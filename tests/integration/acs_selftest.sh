#!/bin/bash
# The test ACS on its own, driven by curl as a hand-made CPE: a scripted session with cookies,
# what it records and logs, digest and Basic authentication, schema validation, version
# negotiation and the steps that bend HTTP (hold, redirect, http, close, wait, wait-for, raw,
# fault); the file server of Download and Upload (auth, fault paths, uploads), the transfer
# RPCs, and read-tree (a whole tree read in batches, as GenieACS reads a device).
. "$(dirname "$0")/lib.sh"
. "$TESTS_SRCDIR/acs/lib.sh"

command -v curl >/dev/null || skip "curl is not installed"
cd "$TEST_TMP" || exit 1

NS12=urn:dslforum-org:cwmp-1-2

# envelope NS ID HEADER-EXTRA BODY: a CPE message in GenieACS's prefixes.
envelope() {
    printf '<?xml version="1.0" encoding="UTF-8"?>\n'
    printf '<soap-env:Envelope xmlns:soap-env="http://schemas.xmlsoap.org/soap/envelope/"'
    printf ' xmlns:soap-enc="http://schemas.xmlsoap.org/soap/encoding/"'
    printf ' xmlns:xsd="http://www.w3.org/2001/XMLSchema"'
    printf ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:cwmp="%s">' "$1"
    printf '<soap-env:Header>'
    [ -n "$2" ] && printf '<cwmp:ID soap-env:mustUnderstand="1">%s</cwmp:ID>' "$2"
    printf '%s</soap-env:Header><soap-env:Body>%s</soap-env:Body></soap-env:Envelope>\n' "$3" "$4"
}

# inform NS ID [OUI] [HEADER-EXTRA]
inform() {
    envelope "$1" "$2" "${4:-}" "<cwmp:Inform><DeviceId><Manufacturer>Cisco</Manufacturer>\
<OUI>${3:-00000C}</OUI><ProductClass>C1111</ProductClass><SerialNumber>XYZ</SerialNumber>\
</DeviceId><Event soap-enc:arrayType=\"cwmp:EventStruct[2]\"><EventStruct><EventCode>0 BOOTSTRAP\
</EventCode><CommandKey></CommandKey></EventStruct><EventStruct><EventCode>1 BOOT</EventCode>\
<CommandKey></CommandKey></EventStruct></Event><MaxEnvelopes>1</MaxEnvelopes>\
<CurrentTime>2026-11-25T10:00:00Z</CurrentTime><RetryCount>0</RetryCount>\
<ParameterList soap-enc:arrayType=\"cwmp:ParameterValueStruct[1]\"><ParameterValueStruct>\
<Name>InternetGatewayDevice.DeviceInfo.SpecVersion</Name><Value xsi:type=\"xsd:string\">1.0\
</Value></ParameterValueStruct></ParameterList></cwmp:Inform>"
}

# gpv_response NS ID [ELEMENT]
gpv_response() {
    local el=${3:-GetParameterValuesResponse}
    envelope "$1" "$2" "" "<cwmp:$el><ParameterList \
soap-enc:arrayType=\"cwmp:ParameterValueStruct[1]\"><ParameterValueStruct>\
<Name>InternetGatewayDevice.DeviceInfo.SoftwareVersion</Name>\
<Value xsi:type=\"xsd:string\">15.9</Value></ParameterValueStruct></ParameterList></cwmp:$el>"
}

# post_soap FILE [curl options...] / post_empty [curl options...]: one POST as a CPE sends it,
# on its own connection; the status is printed, the answer is in resp.h and resp.
post_soap() {
    local file=$1
    shift
    curl -sS -o resp -D resp.h -w '%{http_code}' -H 'Content-Type: text/xml; charset="utf-8"' \
        -H 'SOAPAction;' --data-binary @"$file" "$@" "$ACS_URL"
}
post_empty() {
    curl -sS -o resp -D resp.h -w '%{http_code}' -H 'Content-Type:' --data-binary '' "$@" "$ACS_URL"
}

# id_of FILE: the cwmp:ID of an envelope the ACS sent.
id_of() {
    sed -n 's/.*<cwmp:ID soap-env:mustUnderstand="1">\([^<]*\)<.*/\1/p' "$1"
}

# ---------------------------------------------------------------------------------------------
# 1. A scripted session with a Netscape cookie kept by curl: InformResponse, the scripted
#    request on the empty POST, 204 after its response; the record directory and the log.
cat >s1.txt <<'EOF'
# one session, then the default (InformResponse + 204)
session
inform-response
GetParameterValues InternetGatewayDevice.DeviceInfo.SoftwareVersion
end
EOF
ACS_REC=$TEST_TMP/rec1
start_acs --script s1.txt --cookie netscape
inform $NS12 cpe-1 >inform.xml
[ "$(post_soap inform.xml -c jar -b jar)" = 200 ] || fail "Inform not answered 200"
grep -q '^Content-Type: text/xml; charset="utf-8"' resp.h || fail "InformResponse Content-Type"
grep -qE '^Set-Cookie: session=[0-9a-f]{32}; Path=/' resp.h || fail "no session cookie"
assert_contains "$(cat resp)" '<cwmp:ID soap-env:mustUnderstand="1">cpe-1</cwmp:ID>'
assert_contains "$(cat resp)" "xmlns:cwmp=\"$NS12\""
assert_contains "$(cat resp)" '<cwmp:InformResponse><MaxEnvelopes>1</MaxEnvelopes></cwmp:InformResponse>'
[ "$(post_empty -c jar -b jar)" = 200 ] || fail "empty POST not answered 200"
assert_contains "$(cat resp)" '<cwmp:GetParameterValues><ParameterNames soap-enc:arrayType="xsd:string[1]"><string>InternetGatewayDevice.DeviceInfo.SoftwareVersion</string></ParameterNames></cwmp:GetParameterValues>'
id=$(id_of resp)
[ -n "$id" ] && [ "$id" != cpe-1 ] || fail "the request has no fresh ID: '$id'"
gpv_response $NS12 "$id" >gpvr.xml
[ "$(post_soap gpvr.xml -c jar -b jar)" = 204 ] || fail "the session did not end with 204"
[ ! -s resp ] || fail "204 with a body"
wait_acs_sessions 1
assert_eq "$(cd "$ACS_REC" && ls)" "1-01-Inform.xml
1-01.headers
1-02-empty.xml
1-02.headers
1-03-GetParameterValuesResponse.xml
1-03.headers
arrivals
invalid
log
sessions" "record directory"
# When each request arrived, on the monotonic clock: three POSTs on /acs, in order.
assert_eq "$(sed -E 's/^[0-9]+\.[0-9]{9} //; s/port=[0-9]+$/port/' "$ACS_REC/arrivals")" \
    "POST /acs port
POST /acs port
POST /acs port" "the arrivals"
sort -n -c "$ACS_REC/arrivals" || fail "arrivals out of order"
cmp -s inform.xml "$ACS_REC/1-01-Inform.xml" || fail "the Inform was not recorded as sent"
[ ! -s "$ACS_REC/1-02-empty.xml" ] || fail "the empty POST recorded with content"
headers=$(cat "$ACS_REC/1-03.headers")
assert_contains "$headers" "POST /acs HTTP/1.1"
assert_contains "$headers" 'Content-Type: text/xml; charset="utf-8"'
assert_contains "$headers" "SOAPAction: "
assert_contains "$headers" "Cookie: session="
port1=$(sed -n 's/^1 01 <- Inform .* port=\([0-9]*\)$/\1/p' <(acs_log))
[ -n "$port1" ] || fail "no client port in the Inform's log line"
assert_eq "$(acs_log | grep -v connect | sed 's/ port=[0-9]*$//; s/cookie=[0-9a-f]*/cookie=C/')" \
"1 01 <- Inform events=0 BOOTSTRAP,1 BOOT retry=0
1 01 -> InformResponse cookie=C
1 02 <- empty
1 02 -> GetParameterValues id=$id
1 03 <- GetParameterValuesResponse params=1
1 03 -> 204 end" "log"
grep -qE '^1 01 <- Inform .* t=[0-9]+\.[0-9]{3}$' "$ACS_REC/log" || fail "no timestamp in the log"
assert_eq "$(cat "$ACS_REC/sessions")" 1 "sessions"
assert_acs_valid

# The script is used up: the next session is InformResponse then 204.
inform $NS12 cpe-2 >inform2.xml
[ "$(post_soap inform2.xml -c jar -b jar)" = 200 ] || fail "second Inform"
[ "$(post_empty -c jar -b jar)" = 204 ] || fail "second session did not end at once"
wait_acs_sessions 2

# 2. The cookie is required on every later POST of the session: 403 and `cookie missing`.
inform $NS12 cpe-3 >inform3.xml
[ "$(post_soap inform3.xml -c jar3)" = 200 ] || fail "third Inform"
[ "$(post_empty)" = 403 ] || fail "an empty POST without the cookie was not refused"
grep -q '^3 02 cookie missing' "$ACS_REC/log" || fail "no 'cookie missing' in the log"
[ "$(post_empty -b jar3)" = 204 ] || fail "the cookie was not accepted after the 403"
wait_acs_sessions 3
assert_acs_valid
stop_acs

# 3. Protocol checks: an answer with the wrong ID, a message outside a session, a response to
#    nothing; and the HTTP rules for the empty POST. Then 404 and 405.
ACS_REC=$TEST_TMP/rec2
start_acs --script s1.txt
[ "$(post_empty)" = 400 ] || fail "an empty POST outside a session was not refused"
post_soap inform.xml >/dev/null
curl -sS -o resp -H 'Content-Type: text/xml' --data-binary '' "$ACS_URL" >/dev/null
gpv_response $NS12 not-the-id >bad-id.xml
[ "$(post_soap bad-id.xml)" = 204 ] || fail "the session did not end"
grep -q '^1 03 INVALID ID mismatch' "$ACS_REC/log" || fail "no ID mismatch in the log"
grep -q '^1 02 INVALID empty POST with Content-Type' "$ACS_REC/log" \
    || fail "Content-Type on the empty POST not flagged"
grep -q '^0 01 INVALID empty outside a session' "$ACS_REC/log" || fail "stray POST not flagged"
assert_eq "$(cat "$ACS_REC/invalid")" 3 "invalid count"
[ "$(curl -sS -o /dev/null -w '%{http_code}' --data-binary '' "http://127.0.0.1:$ACS_PORT/other")" = 404 ] \
    || fail "another path was served"
[ "$(curl -sS -o /dev/null -w '%{http_code}' "$ACS_URL")" = 405 ] || fail "GET was served"
stop_acs

# 4. Digest authentication (curl keeps the connection across the challenge, as a CPE must).
for alg in digest digest-sess; do
    ACS_REC=$TEST_TMP/rec-$alg
    start_acs --auth $alg --user 00000C-XYZ --password s3cret
    [ "$(post_soap inform.xml --digest -u 00000C-XYZ:wrong)" = 401 ] \
        || fail "$alg: a wrong password was let in"
    want='qop="auth", nonce="[0-9a-f]{32}", opaque="[0-9a-f]{32}", algorithm=MD5'
    [ $alg = digest-sess ] && want="$want-sess"
    grep -qE "^WWW-Authenticate: Digest realm=\"testacs\", $want" resp.h \
        || { cat resp.h; fail "$alg: challenge"; }
    grep -q 'auth failed: wrong password' "$ACS_REC/log" || fail "$alg: failure not logged"
    [ "$(post_soap inform.xml --digest -u 00000C-XYZ:s3cret)" = 200 ] || fail "$alg: refused"
    # The Inform re-sent after a 401 belongs to the session the refused one opened (1-01), as
    # does curl's probe (1-02, an empty POST without credentials).
    grep -q '^Authorization: Digest username="00000C-XYZ"' "$ACS_REC"/1-03.headers \
        || fail "$alg: Authorization not recorded"
    # The probe and the retry came on one connection.
    probe=$(acs_log | sed -n 's/^1 02 <- empty port=\([0-9]*\)$/\1/p')
    retry=$(acs_log | sed -n 's/^1 03 <- Inform .* port=\([0-9]*\)$/\1/p')
    [ -n "$probe" ] && [ "$probe" = "$retry" ] || fail "$alg: the retry came on another connection"
    [ "$(post_empty --digest -u 00000C-XYZ:s3cret)" = 204 ] || fail "$alg: empty POST"
    [ "$(post_empty)" = 401 ] || fail "$alg: no credentials let in"
    stop_acs
done
ACS_REC=$TEST_TMP/rec-basic
start_acs --auth basic --user cpe --password pw
[ "$(post_soap inform.xml -u cpe:nope)" = 401 ] || fail "basic: a wrong password was let in"
grep -q '^WWW-Authenticate: Basic realm="testacs"' resp.h || fail "basic: challenge"
[ "$(post_soap inform.xml -u cpe:pw)" = 200 ] || fail "basic: refused"
stop_acs

# 5. Schema validation against the Broadband Forum XSDs, when ../shared is there.
if [ -f "$SHARED_DIR/spec/cwmp-1-4.xsd" ]; then
    ACS_REC=$TEST_TMP/rec-schema
    start_acs --schema "$SHARED_DIR/spec" --script s1.txt
    [ "$(post_soap inform.xml)" = 200 ] || fail "schema: Inform"
    assert_eq "$(cat "$ACS_REC/invalid")" 0 "a valid Inform counted as invalid"
    post_empty >/dev/null
    gpv_response $NS12 "$(id_of resp)" GetParameterValueResponse >misspelt.xml
    [ "$(post_soap misspelt.xml)" = 204 ] || fail "schema: the session did not end"
    # Two findings (undeclared, and not the response to GetParameterValues), one message.
    grep -q "^1 03 INVALID cwmp-1-4.xsd: .*No matching global declaration" "$ACS_REC/log" \
        || fail "schema: a misspelt method was not caught"
    inform $NS12 cpe-4 00000c >lower-oui.xml
    post_soap lower-oui.xml >/dev/null
    grep -q "^2 01 INVALID cwmp-1-4.xsd: .*'00000c' is not accepted by the pattern" \
        "$ACS_REC/log" || fail "schema: a lower-case OUI was not caught"
    # An Inform in the 1.0 namespace is checked against cwmp-1-0.xsd.
    inform urn:dslforum-org:cwmp-1-0 cpe-5 >inform10.xml
    post_soap inform10.xml >/dev/null
    assert_eq "$(grep -c '^1 03 INVALID' "$ACS_REC/log")" 2 "findings in the misspelt response"
    assert_eq "$(cat "$ACS_REC/invalid")" 2 "invalid count with --schema"
    grep -q "^3 01 INVALID" "$ACS_REC/log" && fail "schema: the 1.0 Inform was found invalid"
    stop_acs
else
    skip_part "the ACS's schema validation (no ../shared/spec)"
fi

# 6. Version negotiation: a 1.0 ACS answers in its namespace; a 1.4 ACS adds UseCWMPVersion.
ACS_REC=$TEST_TMP/rec-v10
start_acs --cwmp-version 1.0
post_soap inform.xml >/dev/null
assert_contains "$(cat resp)" 'xmlns:cwmp="urn:dslforum-org:cwmp-1-0"'
post_empty >/dev/null
stop_acs
ACS_REC=$TEST_TMP/rec-v14
start_acs --cwmp-version 1.4
inform $NS12 v14 00000C \
    '<cwmp:SupportedCWMPVersions soap-env:mustUnderstand="0">1.0,1.1,1.2,1.3,1.4</cwmp:SupportedCWMPVersions>' \
    >inform14.xml
post_soap inform14.xml >/dev/null
assert_contains "$(cat resp)" '<cwmp:UseCWMPVersion soap-env:mustUnderstand="1">1.4</cwmp:UseCWMPVersion>'
assert_contains "$(cat resp)" "xmlns:cwmp=\"$NS12\""
post_empty >/dev/null
stop_acs

# 7. Steps that bend HTTP, an RFC 2965 cookie, a fault to the Inform, and a raw envelope.
cat >raw.xml <<'EOF'
<soap-env:Envelope xmlns:soap-env="http://schemas.xmlsoap.org/soap/envelope/" xmlns:cwmp="@NS@"><soap-env:Header><cwmp:ID soap-env:mustUnderstand="1">@ID@</cwmp:ID></soap-env:Header><soap-env:Body><cwmp:GetRPCMethods/></soap-env:Body></soap-env:Envelope>
EOF
cat >s7.txt <<'EOF'
session
redirect http://127.0.0.1:@PORT@/acs/moved
inform-response hold
fault 8005
http 503
session
inform-response fault 8005
session
close
session
wait 0.3
inform-response
raw raw.xml
GetParameterNames InternetGatewayDevice. true
session
wait-for go
inform-response
EOF
ACS_REC=$TEST_TMP/rec-steps
start_acs --script s7.txt --cookie rfc2965
[ "$(post_soap inform.xml)" = 307 ] || fail "redirect"
grep -q "^Location: http://127.0.0.1:$ACS_PORT/acs/moved" resp.h || fail "redirect Location"
moved=$(curl -sS -o resp -D resp.h -w '%{http_code}' -H 'Content-Type: text/xml' -H 'SOAPAction;' \
    --data-binary @inform.xml "$ACS_URL/moved")
[ "$moved" = 200 ] || fail "the redirected Inform was not answered"
assert_contains "$(cat resp)" '<cwmp:HoldRequests soap-env:mustUnderstand="1">true</cwmp:HoldRequests>'
cookie=$(sed -n 's/^Set-Cookie2: session="\([0-9a-f]*\)"; Version="1"; Path="\/acs"\r$/\1/p' resp.h)
[ -n "$cookie" ] || { cat resp.h; fail "no Set-Cookie2"; }
[ "$(post_empty -H "Cookie: session=\"$cookie\"")" = 403 ] || fail "RFC 2965 cookie without \$Version"
c2965="\$Version=\"1\"; session=\"$cookie\"; \$Path=\"/acs\""
envelope $NS12 tc-1 "" '<cwmp:TransferComplete><CommandKey>k</CommandKey><FaultStruct><FaultCode>0</FaultCode><FaultString></FaultString></FaultStruct><StartTime>2026-11-25T10:00:00Z</StartTime><CompleteTime>2026-11-25T10:00:01Z</CompleteTime></cwmp:TransferComplete>' >tc.xml
post_soap tc.xml -H "Cookie: $c2965" >/dev/null
assert_contains "$(cat resp)" '<FaultCode>8005</FaultCode>'
grep -q '^1 .. INVALID request TransferComplete while HoldRequests is true' "$ACS_REC/log" \
    || fail "a request under HoldRequests was not flagged"
[ "$(post_empty -H "Cookie: $c2965")" = 503 ] || fail "http 503"
wait_acs_sessions 1
# Session 2: a fault to the Inform ends it.
[ "$(post_soap inform.xml)" = 200 ] || fail "fault to the Inform"
assert_contains "$(cat resp)" '<faultstring>CWMP fault</faultstring><detail><cwmp:Fault><FaultCode>8005</FaultCode>'
wait_acs_sessions 2
# Session 3: the connection is closed without an answer.
post_soap inform.xml >/dev/null 2>&1 && fail "close: the Inform was answered"
wait_acs_sessions 3
# Session 4: a delayed InformResponse, then the raw envelope with its placeholders filled in.
start=$(date +%s%N)
[ "$(post_soap inform.xml)" = 200 ] || fail "wait"
[ $(( ($(date +%s%N) - start) / 1000000 )) -ge 300 ] || fail "the answer was not delayed"
cookie=$(sed -n 's/^Set-Cookie2: session="\([0-9a-f]*\)".*/\1/p' resp.h)
c2965="\$Version=\"1\"; session=\"$cookie\"; \$Path=\"/acs\""
post_empty -H "Cookie: $c2965" >/dev/null
assert_contains "$(cat resp)" "xmlns:cwmp=\"$NS12\"><soap-env:Header><cwmp:ID soap-env:mustUnderstand=\"1\">4.1</cwmp:ID>"
envelope $NS12 4.1 "" '<cwmp:GetRPCMethodsResponse><MethodList soap-enc:arrayType="xsd:string[1]"><string>Inform</string></MethodList></cwmp:GetRPCMethodsResponse>' >rpcm.xml
post_soap rpcm.xml -H "Cookie: $c2965" >/dev/null
assert_contains "$(cat resp)" '<cwmp:GetParameterNames><ParameterPath>InternetGatewayDevice.</ParameterPath><NextLevel>true</NextLevel></cwmp:GetParameterNames>'
# Session 5: the InformResponse waits for the file go (the CPE gave up on session 4).
curl -sS -o resp5 -w '%{http_code}' -H 'Content-Type: text/xml; charset="utf-8"' -H 'SOAPAction;' \
    --data-binary @inform.xml "$ACS_URL" >code5 &
held=$!
wait_acs_log '^5 01 wait-for \./go'
sleep 0.3
[ -s code5 ] && fail "wait-for: answered before the file was there"
touch go
wait "$held" || fail "wait-for: the Inform was not answered"
[ "$(cat code5)" = 200 ] || fail "wait-for: status $(cat code5)"
assert_contains "$(cat resp5)" "<cwmp:InformResponse>"
stop_acs
assert_eq "$(acs_log | grep -E '^[0-9]+ [0-9]+ (->|wait|INVALID)' | sed 's/cookie=[0-9a-f]*/cookie=C/')" \
"1 01 -> 307 http://127.0.0.1:$ACS_PORT/acs/moved
1 02 -> InformResponse hold cookie=C
1 03 -> 403
1 04 INVALID request TransferComplete while HoldRequests is true
1 04 -> Fault 8005
1 05 -> 503 end
2 01 -> Fault 8005 end
3 01 -> close end
4 01 wait 0.3
4 01 -> InformResponse cookie=C
4 02 -> raw GetRPCMethods id=4.1
4 03 -> GetParameterNames id=4.2
5 01 wait-for ./go
5 01 -> InformResponse cookie=C" "log of the steps"

# 8. The demo script and the trace a newcomer reads.
ACS_REC=$TEST_TMP/rec-demo
start_acs --default-script demo --verbose
post_soap inform.xml >/dev/null
post_empty >/dev/null
assert_contains "$(cat resp)" '<string>InternetGatewayDevice.DeviceInfo.</string><string>InternetGatewayDevice.ManagementServer.</string>'
stop_acs
assert_contains "$(cat "$ACS_REC.out")" "== session 1 (client port"
assert_contains "$(cat "$ACS_REC.out")" "<- Inform (0 BOOTSTRAP, 1 BOOT) from 00000C-XYZ"
assert_contains "$(cat "$ACS_REC.out")" "-> GetParameterValues DeviceInfo., ManagementServer."

# 9. A broken script is refused with its line number.
printf 'session\nGetParameterNames InternetGatewayDevice. maybe\n' >bad.txt
out=$("$TESTACS" --script bad.txt 2>&1) && fail "a broken script was accepted"
assert_contains "$out" "bad.txt:2: GetParameterNames needs PATH true|false"
printf 'session\nX_00000C_SetConfigurationBlock rollback running-config k nowhere.txt\n' >bad.txt
out=$("$TESTACS" --script bad.txt 2>&1) && fail "a block from a missing file was accepted"
assert_contains "$out" "bad.txt:2: X_00000C_SetConfigurationBlock: cannot read nowhere.txt"
printf 'session\nX_00000C_SetConfigurationBlock rollback running-config k\n' >bad.txt
out=$("$TESTACS" --script bad.txt 2>&1) && fail "a block without its FILE was accepted"
assert_contains "$out" "bad.txt:2: X_00000C_SetConfigurationBlock needs ERROROPTION TARGET KEY FILE [LINE...]"

# 10. Cisco's vendor RPCs: the block form (the file's content escaped, found in the script's
#     directory), `-` to leave an element out, `%` to send it empty, @PORT@ in a request's words;
#     what the log and the trace say of their responses and faults; the vendor elements set aside
#     by the schema check.
mkdir -p sub
printf 'interface Ethernet0/0\n description a<b & "c"\nend\n' >sub/block.txt
cat >sub/s10.txt <<'EOF'
session
X_00000C_SetConfigurationBlock - % key-1 block.txt extra%20line
X_00000C_SetConfiguration stop startup-config - management%20server%20url%20http://127.0.0.1:@PORT@/acs
X_00000C_ShowStatus show%20version show%20bogus
end
EOF
ACS_REC=$TEST_TMP/rec-vendor
if [ -f "$SHARED_DIR/spec/cwmp-1-4.xsd" ]; then
    start_acs --script sub/s10.txt --verbose --schema "$SHARED_DIR/spec"
else
    skip_part "the schema validation of the vendor RPCs (no ../shared/spec)"
    start_acs --script sub/s10.txt --verbose
fi
post_soap inform.xml >/dev/null
post_empty >/dev/null
assert_contains "$(cat resp)" '<soap-env:Body><cwmp:X_00000C_SetConfiguration><Target></Target><ConfigCommandBlock>interface Ethernet0/0
 description a&lt;b &amp; &quot;c&quot;
end
</ConfigCommandBlock><ConfigCommandList soap-enc:arrayType="xsd:string[1]"><string>extra line</string></ConfigCommandList><ParameterKey>key-1</ParameterKey></cwmp:X_00000C_SetConfiguration></soap-env:Body>'
envelope $NS12 "$(id_of resp)" "" '<soap-env:Fault><faultcode>Client</faultcode><faultstring>CWMP fault</faultstring><detail><cwmp:Fault><FaultCode>9003</FaultCode><FaultString>Invalid arguments</FaultString><cwmp:X_00000C_SetConfigurationFault><Command>interface Ethernet0/0</Command><FaultCode>4</FaultCode></cwmp:X_00000C_SetConfigurationFault><cwmp:X_00000C_SetConfigurationFault><Command>extra line</Command><FaultCode>1</FaultCode></cwmp:X_00000C_SetConfigurationFault></cwmp:Fault></detail></soap-env:Fault>' >vfault.xml
post_soap vfault.xml >/dev/null
assert_contains "$(cat resp)" "<cwmp:X_00000C_SetConfiguration><ErrorOption>stop</ErrorOption><Target>startup-config</Target><ConfigCommandList soap-enc:arrayType=\"xsd:string[1]\"><string>management server url http://127.0.0.1:$ACS_PORT/acs</string></ConfigCommandList></cwmp:X_00000C_SetConfiguration>"
envelope $NS12 "$(id_of resp)" "" '<cwmp:X_00000C_SetConfigurationResponse><Status>1</Status></cwmp:X_00000C_SetConfigurationResponse>' >vstatus.xml
post_soap vstatus.xml >/dev/null
assert_contains "$(cat resp)" '<cwmp:X_00000C_ShowStatus><ExecCommandList soap-enc:arrayType="xsd:string[2]"><string>show version</string><string>show bogus</string></ExecCommandList></cwmp:X_00000C_ShowStatus>'
envelope $NS12 "$(id_of resp)" "" '<cwmp:X_00000C_ShowStatusResponse><ExecResponseList soap-enc:arrayType="cwmp:ExecResponseStruct[2]"><ExecResponseStruct><Command>show version</Command><Response>v &lt;1&gt;
</Response></ExecResponseStruct><ExecResponseStruct><Command>show bogus</Command><Response>% Invalid
</Response></ExecResponseStruct></ExecResponseList></cwmp:X_00000C_ShowStatusResponse>' >vshow.xml
[ "$(post_soap vshow.xml)" = 204 ] || fail "vendor: the session did not end"
stop_acs
assert_eq "$(acs_log | grep -E '^1 0[2-5] ' | sed 's/ port=[0-9]*$//')" \
"1 02 <- empty
1 02 -> X_00000C_SetConfiguration id=1.1
1 03 <- Fault code=9003 commands=2 codes=4,1
1 03 -> X_00000C_SetConfiguration id=1.2
1 04 <- X_00000C_SetConfigurationResponse status=1
1 04 -> X_00000C_ShowStatus id=1.3
1 05 <- X_00000C_ShowStatusResponse commands=2 bytes=16
1 05 -> 204 end" "log of the vendor RPCs"
assert_acs_valid
trace=$(cat "$ACS_REC.out")
assert_contains "$trace" "-> X_00000C_SetConfiguration block of 3 lines + 1 line to \"\", key key-1"
assert_contains "$trace" "<- Fault: 9003 Invalid arguments
     interface Ethernet0/0: 4
     extra line: 1"
assert_contains "$trace" "-> X_00000C_SetConfiguration 1 line to startup-config, key (none)"
assert_contains "$trace" "<- X_00000C_ShowStatusResponse: 2 commands, 16 bytes of output
     show version: 6 bytes
     show bogus: 10 bytes"

# 11. The file server (--files): downloads with digest, HEAD, a range, 404, the fault paths
#     (short, status), paths leaving DIR refused; uploads by PUT and POST byte for byte, the 405
#     that sends a CPE to POST, 413 past --upload-max (at once to a client waiting for 100
#     Continue, after the body to one that sends it straight away).
mkdir -p files/sub outside
head -c 300001 /dev/urandom >files/fw.bin
printf 'hostname lab\n' >files/sub/cfg.txt
echo secret >outside/secret.txt
ln -s ../outside/secret.txt files/link.txt
ACS_REC=$TEST_TMP/rec-files
start_acs --files files --file-auth digest --file-user fu --file-password fp --upload-max 400000
FILES=http://127.0.0.1:$ACS_PORT/files
UPLOAD=http://127.0.0.1:$ACS_PORT/upload
# fget PATH [curl options...]: GET (or what the options say) of /files/PATH with the right
# credentials; the status is printed, the body is in got, the headers in got.h.
fget() {
    local path=$1
    shift
    curl -sS -m 30 -o got -D got.h -w '%{http_code}' --digest -u fu:fp "$@" "$FILES/$path"
}
# fput PATH FILE [curl options...]: PUT of FILE to /upload/PATH.
fput() {
    local path=$1 file=$2
    shift 2
    curl -sS -m 30 -o /dev/null -D got.h -w '%{http_code}' --digest -u fu:fp -T "$file" "$@" \
        "$UPLOAD/$path"
}
[ "$(fget fw.bin)" = 200 ] || fail "files: GET with digest"
cmp -s got files/fw.bin || fail "files: the download is not the file"
grep -q '^Content-Length: 300001' got.h || fail "files: Content-Length"
[ "$(curl -sS -o /dev/null -w '%{http_code}' "$FILES/fw.bin")" = 401 ] \
    || fail "files: no credentials let in"
[ "$(fget fw.bin -u fu:wrong)" = 401 ] || fail "files: a wrong password let in"
grep -q '^WWW-Authenticate: Digest realm="testacs-files", qop="auth", nonce="[0-9a-f]*"' got.h \
    || { cat got.h; fail "files: challenge"; }
[ "$(fget fw.bin -I)" = 200 ] || fail "files: HEAD"
grep -q '^Content-Length: 300001' got.h || fail "files: HEAD's Content-Length"
[ "$(fget fw.bin -r 10-19)" = 206 ] || fail "files: range"
grep -q '^Content-Range: bytes 10-19/300001' got.h || fail "files: Content-Range"
cmp -s got <(tail -c +11 files/fw.bin | head -c 10) || fail "files: the range's bytes"
[ "$(fget sub/cfg.txt)" = 200 ] && cmp -s got files/sub/cfg.txt || fail "files: a subdirectory"
[ "$(fget nothing.bin)" = 404 ] || fail "files: a missing file"
[ "$(fget sub)" = 404 ] || fail "files: a directory"
# Truncated: the headers of the whole file, half of it, the connection closed (curl: 18).
code=$(fget short/fw.bin)
rc=$?
[ "$code" = 200 ] && [ $rc = 18 ] || fail "files: short answered $code, curl $rc"
grep -q '^Content-Length: 300001' got.h || fail "files: short's Content-Length"
cmp -s got <(head -c 150000 files/fw.bin) || fail "files: short did not send the first half"
[ "$(fget status/500/fw.bin)" = 500 ] && [ ! -s got ] || fail "files: status 500"
[ "$(fget status/401/fw.bin)" = 401 ] || fail "files: status 401"
# (got.h has the challenge of curl's first try, then the headers of the injected 401.)
awk '/^HTTP\//{h=""} {h=h $0 "\n"} END{printf "%s", h}' got.h | grep -q '^WWW-Authenticate' \
    && fail "files: status 401 came with a challenge"
[ "$(fget status/42/fw.bin)" = 400 ] || fail "files: a bad status code"
# Paths that leave DIR: `..` as sent, `..` percent-encoded, a symbolic link.
[ "$(fget ../outside/secret.txt --path-as-is)" = 403 ] || fail "files: .. let through"
[ "$(fget %2e%2e/outside/secret.txt)" = 403 ] || fail "files: %2e%2e let through"
[ "$(fget link.txt)" = 403 ] || fail "files: a link out of DIR followed"
[ "$(fput ../evil.txt files/sub/cfg.txt --path-as-is)" = 403 ] || fail "upload: .. let through"
[ ! -e evil.txt ] && [ ! -e files/evil.txt ] || fail "upload: stored outside DIR/uploads"
[ "$(curl -sS -o /dev/null -w '%{http_code}' --digest -u fu:fp -X DELETE "$FILES/fw.bin")" = 405 ] \
    || fail "files: DELETE"
# Uploads: PUT new (201), PUT again (204), POST (200) with its Content-Type; byte for byte.
[ "$(fput fw-up.bin files/fw.bin)" = 201 ] || fail "upload: PUT"
cmp -s files/uploads/fw-up.bin files/fw.bin || fail "upload: PUT not stored byte for byte"
[ "$(fput fw-up.bin files/sub/cfg.txt -H 'Expect:')" = 204 ] || fail "upload: PUT replacing"
cmp -s files/uploads/fw-up.bin files/sub/cfg.txt || fail "upload: the replacement"
[ "$(curl -sS -o /dev/null -w '%{http_code}' --digest -u fu:fp -H 'Content-Type: text/plain' \
    --data-binary @files/fw.bin "$UPLOAD/dir/posted.bin")" = 200 ] || fail "upload: POST"
cmp -s files/uploads/dir/posted.bin files/fw.bin || fail "upload: POST not stored byte for byte"
# /upload/status/405/: PUT refused with Allow: POST, the POST then stored as NAME.
[ "$(fput status/405/cfg.txt files/sub/cfg.txt)" = 405 ] || fail "upload: status 405"
grep -q '^Allow: POST' got.h || fail "upload: 405 without Allow: POST"
[ ! -e files/uploads/cfg.txt ] || fail "upload: stored after a 405"
[ "$(curl -sS -o /dev/null -w '%{http_code}' --digest -u fu:fp --data-binary @files/sub/cfg.txt \
    "$UPLOAD/status/405/cfg.txt")" = 200 ] || fail "upload: POST after a 405"
cmp -s files/uploads/cfg.txt files/sub/cfg.txt || fail "upload: POST after a 405 not stored"
[ "$(fput status/500/x.bin files/fw.bin)" = 500 ] || fail "upload: status 500"
head -c 400001 /dev/zero >big.bin
[ "$(fput big.bin big.bin -H 'Expect: 100-continue')" = 413 ] || fail "upload: 413 at once"
[ "$(fput big.bin big.bin -H 'Expect:')" = 413 ] || fail "upload: 413 after the body"
ls -A files/uploads | grep -q '^\.\|big' && fail "upload: a refused upload left a file"
[ "$(fget uploads/fw-up.bin)" = 200 ] || fail "files: an upload is served back"
stop_acs
# The file lines of the log, but for curl's first try of each request, without credentials.
assert_eq "$(acs_log | sed -n 's/^0 -- file //p' | sed 's/ port=[0-9]*$//' \
    | grep -v 'auth failed: no credentials\|-> 401 digest$' | head -28)" \
"GET /files/fw.bin -> 200 bytes=300001
GET /files/fw.bin end=ok
auth failed: wrong password (digest response does not match)
HEAD /files/fw.bin -> 200 bytes=300001
GET /files/fw.bin -> 206 bytes=10 range=10-19
GET /files/fw.bin end=ok
GET /files/sub/cfg.txt -> 200 bytes=13
GET /files/sub/cfg.txt end=ok
GET /files/nothing.bin -> 404
GET /files/sub -> 404
GET /files/short/fw.bin -> 200 bytes=300001
GET /files/short/fw.bin end=error
GET /files/status/500/fw.bin -> 500
GET /files/status/401/fw.bin -> 401
GET /files/status/42/fw.bin -> 400
GET /files/../outside/secret.txt -> 403
GET /files/../outside/secret.txt -> 403
GET /files/link.txt -> 403
PUT /upload/../evil.txt -> 403
DELETE /files/fw.bin -> 405
PUT /upload/fw-up.bin -> 201 bytes=300001 type=-
PUT /upload/fw-up.bin -> 204 bytes=13 type=-
POST /upload/dir/posted.bin -> 200 bytes=300001 type=text/plain
PUT /upload/status/405/cfg.txt -> 405
POST /upload/status/405/cfg.txt -> 200 bytes=13 type=application/x-www-form-urlencoded
PUT /upload/status/500/x.bin -> 500
PUT /upload/big.bin -> 413 bytes=400001
PUT /upload/big.bin -> 413 bytes=400001" "the file server's log"
grep -q '^0 -- file GET /files/fw.bin -> 401 digest port=[0-9]* t=' "$ACS_REC/log" \
    || fail "files: 401 not logged"

# 12. Basic authentication, 413 for a chunked upload that grows past --upload-max, HTTPS on the
#     ACS's port, a slow download that leaves the ACS free and does not keep testacs from
#     stopping, 64 MiB each way without testacs growing.
ACS_REC=$TEST_TMP/rec-files2
start_acs --files files --file-auth basic --file-user fu --file-password 'p w' --upload-max 400000
FILES=http://127.0.0.1:$ACS_PORT/files
[ "$(curl -sS -o got -w '%{http_code}' -u 'fu:p w' "$FILES/fw.bin")" = 200 ] || fail "basic: GET"
cmp -s got files/fw.bin || fail "basic: the download"
[ "$(curl -sS -o /dev/null -D got.h -w '%{http_code}' -u fu:pw "$FILES/fw.bin")" = 401 ] \
    || fail "basic: a wrong password let in"
grep -q '^WWW-Authenticate: Basic realm="testacs-files"' got.h || fail "basic: challenge"
[ "$(curl -sS -o /dev/null -w '%{http_code}' -u 'fu:p w' -T files/fw.bin \
    "http://127.0.0.1:$ACS_PORT/upload/basic.bin")" = 201 ] || fail "basic: PUT"
cmp -s files/uploads/basic.bin files/fw.bin || fail "basic: the upload"
[ "$(curl -sS -o /dev/null -w '%{http_code}' -u 'fu:p w' -H 'Expect:' \
    -H 'Transfer-Encoding: chunked' -T big.bin "http://127.0.0.1:$ACS_PORT/upload/chunked.bin")" \
    = 413 ] || fail "upload: 413 after a chunked body"
ls -A files/uploads | grep -q '^\.\|chunked' && fail "upload: a chunked 413 left a file"
stop_acs
grep -q 'file PUT /upload/chunked.bin -> 413 bytes=400001 type=- port=' "$ACS_REC/log" \
    || fail "upload: chunked 413 not logged"
grep -q ' -- file auth failed: wrong password t=' "$ACS_REC/log" || fail "basic: failure not logged"
if command -v openssl >/dev/null; then
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout tls.key \
        -out tls.pem -days 2 -subj /CN=127.0.0.1 2>/dev/null || fail "openssl"
    ACS_REC=$TEST_TMP/rec-files-tls
    start_acs --files files --tls-cert tls.pem --tls-key tls.key
    [ "$(curl -sS -k -o got -w '%{http_code}' "https://127.0.0.1:$ACS_PORT/files/fw.bin")" = 200 ] \
        || fail "https: GET"
    cmp -s got files/fw.bin || fail "https: the download"
    [ "$(curl -sS -k -o /dev/null -w '%{http_code}' -T files/fw.bin \
        "https://127.0.0.1:$ACS_PORT/upload/tls.bin")" = 201 ] || fail "https: PUT"
    cmp -s files/uploads/tls.bin files/fw.bin || fail "https: the upload"
    stop_acs
fi
ACS_REC=$TEST_TMP/rec-files3
start_acs --files files
FILES=http://127.0.0.1:$ACS_PORT/files
# 300001 bytes at 64 KiB per 100 ms: five chunks, at least 0.4 s.
start=$(date +%s%N)
[ "$(curl -sS -o got -w '%{http_code}' "$FILES/slow/fw.bin")" = 200 ] || fail "slow: GET"
[ $((($(date +%s%N) - start) / 1000000)) -ge 400 ] || fail "slow: not slow"
cmp -s got files/fw.bin || fail "slow: the download"
# While a slow download runs, the ACS answers at once; testacs stops cleanly in its middle.
head -c 6000000 /dev/urandom >files/slow.bin
curl -sS -o slow.part "$FILES/slow/slow.bin" 2>/dev/null &
slow=$!
CLEANUP_PIDS="$CLEANUP_PIDS $slow"
for _ in $(seq 1 100); do
    grep -q 'file GET /files/slow/slow.bin -> 200' "$ACS_REC/log" && break
    sleep 0.02
done
start=$(date +%s%N)
[ "$(post_soap inform.xml)" = 200 ] || fail "slow: the ACS did not answer during a slow download"
# (the download takes 9 s; 2 s leaves room for a loaded machine)
[ $((($(date +%s%N) - start) / 1000000)) -lt 2000 ] || fail "slow: the ACS waited for the download"
post_empty >/dev/null
sleep 0.3
size=$(stat -c %s slow.part)
[ "$size" -gt 0 ] && [ "$size" -lt 6000000 ] || fail "slow: $size bytes before the stop"
# 64 MiB down and up: streamed, testacs's peak memory does not follow.
truncate -s 64M files/big.bin
hwm() { sed -n 's/^VmHWM:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$ACS_PID/status"; }
before=$(hwm)
[ "$(curl -sS -o /dev/null -w '%{http_code} %{size_download}' "$FILES/big.bin")" = "200 67108864" ] \
    || fail "64 MiB download"
[ "$(curl -sS -o /dev/null -w '%{http_code}' -T files/big.bin \
    "http://127.0.0.1:$ACS_PORT/upload/big.bin")" = 201 ] || fail "64 MiB upload"
cmp -s files/big.bin files/uploads/big.bin || fail "64 MiB upload not stored as sent"
after=$(hwm)
[ $((after - before)) -lt 16384 ] || fail "testacs grew by $((after - before)) kB for 64 MiB each way"
stop_acs
wait "$slow" 2>/dev/null && fail "slow: the download completed although testacs stopped"
# (shutdown, or error when the stop woke the parked connection first)
grep -qE 'file GET /files/slow/slow.bin end=(shutdown|error) ' "$ACS_REC/log" \
    || fail "slow: end not logged"

# 13. The transfer RPCs, `%` for an empty Username and Password, the CPE's answers in the log,
#     and TransferComplete answered 8005 once, then its connection closed: the CPE's resends.
cat >s13.txt <<'EOF'
session
Download dl-1 1%20Firmware%20Upgrade%20Image http://127.0.0.1:@PORT@/files/fw.bin % % 300001 % 0
Upload ul%201 3%20Vendor%20Configuration%20File%202 http://127.0.0.1:@PORT@/upload/cfg u p 5
GetQueuedTransfers
GetAllQueuedTransfers
CancelTransfer dl-1
end
session
inform-response
fault 8005
session
inform-response
close
EOF
ACS_REC=$TEST_TMP/rec-transfers
if [ -f "$SHARED_DIR/spec/cwmp-1-4.xsd" ]; then
    start_acs --script s13.txt --schema "$SHARED_DIR/spec"
else
    skip_part "the schema validation of the transfer RPCs (no ../shared/spec)"
    start_acs --script s13.txt
fi
# respond ELEMENT CONTENT: the CPE's answer to the request in resp; the next one lands in resp.
respond() {
    envelope $NS12 "$(id_of resp)" "" "<cwmp:$1>$2</cwmp:$1>" >answer.xml
    post_soap answer.xml >/dev/null
}
UNKNOWN='<StartTime>0001-01-01T00:00:00Z</StartTime><CompleteTime>0001-01-01T00:00:00Z</CompleteTime>'
KNOWN='<StartTime>2026-11-25T10:00:00Z</StartTime><CompleteTime>2026-11-25T10:00:02Z</CompleteTime>'
post_soap inform.xml >/dev/null
post_empty >/dev/null
assert_contains "$(cat resp)" "<cwmp:Download><CommandKey>dl-1</CommandKey><FileType>1 Firmware Upgrade Image</FileType><URL>http://127.0.0.1:$ACS_PORT/files/fw.bin</URL><Username></Username><Password></Password><FileSize>300001</FileSize><TargetFileName></TargetFileName><DelaySeconds>0</DelaySeconds><SuccessURL></SuccessURL><FailureURL></FailureURL></cwmp:Download>"
respond DownloadResponse "<Status>1</Status>$UNKNOWN"
assert_contains "$(cat resp)" "<cwmp:Upload><CommandKey>ul 1</CommandKey><FileType>3 Vendor Configuration File 2</FileType><URL>http://127.0.0.1:$ACS_PORT/upload/cfg</URL><Username>u</Username><Password>p</Password><DelaySeconds>5</DelaySeconds></cwmp:Upload>"
respond UploadResponse "<Status>0</Status>$KNOWN"
assert_contains "$(cat resp)" "<soap-env:Body><cwmp:GetQueuedTransfers></cwmp:GetQueuedTransfers></soap-env:Body>"
respond GetQueuedTransfersResponse '<TransferList soap-enc:arrayType="cwmp:QueuedTransferStruct[2]"><QueuedTransferStruct><CommandKey>dl-1</CommandKey><State>2</State></QueuedTransferStruct><QueuedTransferStruct><CommandKey>ul 1</CommandKey><State>1</State></QueuedTransferStruct></TransferList>'
assert_contains "$(cat resp)" "<soap-env:Body><cwmp:GetAllQueuedTransfers></cwmp:GetAllQueuedTransfers></soap-env:Body>"
respond GetAllQueuedTransfersResponse '<TransferList soap-enc:arrayType="cwmp:AllQueuedTransferStruct[2]"><AllQueuedTransferStruct><CommandKey>dl-1</CommandKey><State>2</State><IsDownload>true</IsDownload><FileType>1 Firmware Upgrade Image</FileType><FileSize>300001</FileSize><TargetFileName></TargetFileName></AllQueuedTransferStruct><AllQueuedTransferStruct><CommandKey></CommandKey><State>1</State><IsDownload>0</IsDownload><FileType>3 Vendor Configuration File 2</FileType><FileSize>0</FileSize><TargetFileName>a,b</TargetFileName></AllQueuedTransferStruct></TransferList>'
assert_contains "$(cat resp)" "<cwmp:CancelTransfer><CommandKey>dl-1</CommandKey></cwmp:CancelTransfer>"
respond CancelTransferResponse ""
[ ! -s resp ] || fail "transfers: the session did not end"
tc() { # tc ID FAULTCODE COMPLETETIME
    envelope $NS12 "$1" "" "<cwmp:TransferComplete><CommandKey>dl-1</CommandKey><FaultStruct>\
<FaultCode>$2</FaultCode><FaultString></FaultString></FaultStruct>\
<StartTime>2026-11-25T10:00:00Z</StartTime><CompleteTime>$3</CompleteTime></cwmp:TransferComplete>"
}
tc tc-1 0 2026-11-25T10:00:02Z >tc.xml
tc tc-2 9010 0001-01-01T00:00:00Z >tc2.xml
# Session 2: 8005 to the TransferComplete, its response to the one sent again.
post_soap inform.xml >/dev/null
post_soap tc.xml >/dev/null
assert_contains "$(cat resp)" '<FaultCode>8005</FaultCode><FaultString>Retry request</FaultString>'
post_soap tc.xml >/dev/null
assert_contains "$(cat resp)" '<cwmp:TransferCompleteResponse></cwmp:TransferCompleteResponse>'
[ "$(post_empty)" = 204 ] || fail "transfers: session 2 did not end"
# Session 3: the connection closed on the TransferComplete; session 4 takes it.
post_soap inform.xml >/dev/null
post_soap tc2.xml >/dev/null 2>&1 && fail "transfers: close: the TransferComplete was answered"
post_soap inform.xml >/dev/null
post_soap tc2.xml >/dev/null
assert_contains "$(cat resp)" '<cwmp:TransferCompleteResponse></cwmp:TransferCompleteResponse>'
[ "$(post_empty)" = 204 ] || fail "transfers: session 4 did not end"
wait_acs_sessions 4
assert_acs_valid
stop_acs
assert_eq "$(acs_log | grep -E '^[0-9]+ ([0-9]+ (<-|->)|-- abandoned)' | grep -v Inform \
    | sed 's/ port=[0-9]*$//')" \
"1 02 <- empty
1 02 -> Download id=1.1
1 03 <- DownloadResponse status=1 start=UNKNOWN complete=UNKNOWN
1 03 -> Upload id=1.2
1 04 <- UploadResponse status=0 start=YES complete=YES
1 04 -> GetQueuedTransfers id=1.3
1 05 <- GetQueuedTransfersResponse transfers=2 keys=dl-1,ul%201 states=2,1
1 05 -> GetAllQueuedTransfers id=1.4
1 06 <- GetAllQueuedTransfersResponse transfers=2 keys=dl-1, states=2,1 downloads=1,0 types=1%20Firmware%20Upgrade%20Image,3%20Vendor%20Configuration%20File%202 sizes=300001,0 targets=,a%2Cb
1 06 -> CancelTransfer id=1.5
1 07 <- CancelTransferResponse
1 07 -> 204 end
2 02 <- TransferComplete key=dl-1 fault=0 start=YES complete=YES
2 02 -> Fault 8005
2 03 <- TransferComplete key=dl-1 fault=0 start=YES complete=YES
2 03 -> TransferCompleteResponse
2 04 <- empty
2 04 -> 204 end
3 02 <- TransferComplete key=dl-1 fault=9010 start=YES complete=UNKNOWN
3 02 -> close
3 -- abandoned
4 02 <- TransferComplete key=dl-1 fault=9010 start=YES complete=UNKNOWN
4 02 -> TransferCompleteResponse
4 03 <- empty
4 03 -> 204 end" "log of the transfer RPCs"
# A request the schema refuses is a script error with --schema.
if [ -f "$SHARED_DIR/spec/cwmp-1-4.xsd" ]; then
    printf 'session\nUpload k Firmware http://x/upload/a u p 0\n' >bad.txt
    out=$("$TESTACS" --schema "$SHARED_DIR/spec" --script bad.txt 2>&1) \
        && fail "an invalid Upload was accepted"
    assert_contains "$out" "bad.txt:2: Upload is not valid against the schema"
else
    skip_part "the schema validation of script requests (no ../shared/spec)"
fi
printf 'session\nUpload k 1%%20Vendor%%20Log%%20File http://x/upload/a u p\n' >bad.txt
out=$("$TESTACS" --script bad.txt 2>&1) && fail "an Upload without DELAY was accepted"
assert_contains "$out" "bad.txt:2: Upload needs KEY FILETYPE URL USER PASS DELAY"
# 14. read-tree, as GenieACS reads a device: GetParameterNames with NextLevel 0, then the
#     parameters it listed (not the objects) in batches of 2; a batch answered right, one with a
#     value twice, one not asked for and one missing (INVALID each); the summary and the values.
cat >s14.txt <<'EOF'
session
inform-response
read-tree InternetGatewayDevice.DeviceInfo. 2
end
EOF
DI=InternetGatewayDevice.DeviceInfo.
# pvs NAME...: ParameterValueStructs, each value its name's last letter.
pvs() {
    local n
    for n in "$@"; do
        printf '<ParameterValueStruct><Name>%s</Name><Value xsi:type="xsd:string">%s</Value></ParameterValueStruct>' \
            "$n" "${n: -1}"
    done
}
pis() {
    local n
    for n in "$@"; do
        printf '<ParameterInfoStruct><Name>%s</Name><Writable>0</Writable></ParameterInfoStruct>' "$n"
    done
}
ACS_REC=$TEST_TMP/rec-tree
start_acs --script s14.txt
post_soap inform.xml >/dev/null
post_empty >/dev/null
assert_contains "$(cat resp)" "<cwmp:GetParameterNames><ParameterPath>$DI</ParameterPath><NextLevel>0</NextLevel></cwmp:GetParameterNames>"
envelope $NS12 1.1 "" "<cwmp:GetParameterNamesResponse><ParameterList soap-enc:arrayType=\"cwmp:ParameterInfoStruct[6]\">$(pis $DI ${DI}A ${DI}B ${DI}X. ${DI}X.C ${DI}D)</ParameterList></cwmp:GetParameterNamesResponse>" >gpn.xml
post_soap gpn.xml >/dev/null
assert_contains "$(cat resp)" "<cwmp:GetParameterValues><ParameterNames soap-enc:arrayType=\"xsd:string[2]\"><string>${DI}A</string><string>${DI}B</string></ParameterNames></cwmp:GetParameterValues>"
envelope $NS12 1.2 "" "<cwmp:GetParameterValuesResponse><ParameterList>$(pvs ${DI}B ${DI}A)</ParameterList></cwmp:GetParameterValuesResponse>" >gpv1.xml
post_soap gpv1.xml >/dev/null
assert_contains "$(cat resp)" "<string>${DI}X.C</string><string>${DI}D</string></ParameterNames>"
envelope $NS12 1.3 "" "<cwmp:GetParameterValuesResponse><ParameterList>$(pvs ${DI}X.C ${DI}X.C ${DI}E)</ParameterList></cwmp:GetParameterValuesResponse>" >gpv2.xml
[ "$(post_soap gpv2.xml)" = 204 ] || fail "read-tree: the session did not end after the last batch"
stop_acs
assert_eq "$(acs_log | grep -E '^1 0[2-5] (->|INVALID|read-tree)')" \
"1 02 -> GetParameterNames id=1.1
1 03 -> GetParameterValues id=1.2 names=2
1 04 -> GetParameterValues id=1.3 names=2
1 05 INVALID read-tree: came back twice: ${DI}X.C
1 05 INVALID read-tree: a value of a name not asked for in this request: ${DI}E
1 05 INVALID read-tree: asked for, did not come back: ${DI}D
1 05 read-tree $DI names=6 parameters=4 values=3 batches=2
1 05 -> 204 end" "read-tree's log"
[ "$(cat "$ACS_REC/invalid")" = 1 ] || fail "read-tree: the bad batch was not counted as invalid"
assert_eq "$(cat "$ACS_REC/1-tree.txt")" "${DI}B xsd:string B
${DI}A xsd:string A
${DI}X.C xsd:string C" "read-tree's values"
printf 'session\nread-tree\n' >bad.txt
out=$("$TESTACS" --script bad.txt 2>&1) && fail "read-tree without PATH was accepted"
assert_contains "$out" "bad.txt:2: read-tree needs PATH [BATCH [pause N FILE]]"
printf 'session\nread-tree X. 8 pause 2\n' >bad.txt
out=$("$TESTACS" --script bad.txt 2>&1) && fail "read-tree's pause without FILE was accepted"
assert_contains "$out" "bad.txt:2: read-tree needs PATH [BATCH [pause N FILE]]"
printf 'session\nread-tree X. 8 wait 2 f\n' >bad.txt
out=$("$TESTACS" --script bad.txt 2>&1) && fail "read-tree with another word than pause was accepted"

# 15. connection-request: once the session has ended, a GET to the Inform's ConnectionRequestURL
# (here the ACS's own URL, which answers a GET with 405), its status logged; none without a URL.
printf 'session\nconnection-request u p\nsession\nconnection-request\n' >s15.txt
sed "s|<ParameterList soap-enc:arrayType=\"cwmp:ParameterValueStruct\[1\]\">|&<ParameterValueStruct><Name>InternetGatewayDevice.ManagementServer.ConnectionRequestURL</Name><Value xsi:type=\"xsd:string\">@URL@</Value></ParameterValueStruct>|" inform.xml >inform-cr.xml
ACS_REC=$TEST_TMP/rec-cr
start_acs --script s15.txt
sed -i "s|@URL@|$ACS_URL|" inform-cr.xml
post_soap inform-cr.xml >/dev/null
[ "$(post_empty)" = 204 ] || fail "connection-request: the session did not end"
wait_acs_log '^1 -- connection-request 405' 5
post_soap inform.xml >/dev/null
[ "$(post_empty)" = 204 ] || fail "connection-request: session 2 did not end"
wait_acs_log '^2 -- connection-request: no ConnectionRequestURL' 5
stop_acs
printf 'session\nconnection-request u\n' >bad.txt
out=$("$TESTACS" --script bad.txt 2>&1) && fail "connection-request with a user and no password was accepted"
assert_contains "$out" "bad.txt:2: connection-request takes no argument or USER PASS"

exit 0
