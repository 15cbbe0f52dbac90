#!/bin/bash
# Upload to the test ACS's file server: the running-config and the logging buffer, each checked
# byte for byte on the server's side against what cwmpsh shows; a server that wants POST (405 to
# the PUT); a refusal (9011) and wrong credentials (9012). Then the same over HTTPS with Digest
# authentication, and an HTTPS Download verified against the test CA.
. "$(dirname "$0")/cwmp_lib.sh"

command -v openssl >/dev/null || skip "openssl is not installed"
write_device_info
C=1%20Vendor%20Configuration%20File
cat >"$TEST_TMP/script" <<EOF2
session
Upload up-run $C http://127.0.0.1:@PORT@/upload/run.cfg fu fp 0
Upload up-log 2%20Vendor%20Log%20File http://127.0.0.1:@PORT@/upload/log.txt fu fp 0
Upload up-post $C http://127.0.0.1:@PORT@/upload/status/405/post.cfg fu fp 0
Upload up-500 $C http://127.0.0.1:@PORT@/upload/status/500/x.cfg fu fp 0
Upload up-401 $C http://127.0.0.1:@PORT@/upload/y.cfg fu wrong 0
Upload up-ringer 5%20Ringer%20File http://127.0.0.1:@PORT@/upload/z fu fp 0
EOF2
start_acs --script "$TEST_TMP/script" $(schema_args) --files "$TEST_TMP/files" \
    --file-auth digest --file-user fu --file-password fp
start_cwmpd
configure_acs
cli -c enable -c "write memory" >/dev/null
wait_acs_sessions 1 || fail "no first session"
assert_contains "$(acs_log)" "1 08 <- Fault code=9003"
for key_fault in up-run=0 up-log=0 up-post=0 up-500=9011 up-401=9012; do
    wait_acs_log "TransferComplete key=${key_fault%=*} fault=${key_fault#*=}" 20
done
inform=$(cat "$ACS_REC"/2-01-Inform.xml)
assert_contains "$inform" "<EventCode>M Upload</EventCode><CommandKey>up-run</CommandKey>"
assert_contains "$inform" "<EventCode>7 TRANSFER COMPLETE</EventCode>"

# The running-config as show running-config prints it after its two header lines.
cli -c enable -c "show running-config" | tail -n +4 >"$TEST_TMP/running"
cmp "$TEST_TMP/running" "$TEST_TMP/files/uploads/run.cfg" || fail "the uploaded running-config differs"
cmp "$TEST_TMP/running" "$TEST_TMP/files/uploads/post.cfg" || fail "the POSTed running-config differs"
grep -q "file PUT /upload/status/405/post.cfg -> 405" "$ACS_REC/log" || fail "no PUT first"
grep -q "file POST /upload/status/405/post.cfg -> 200" "$ACS_REC/log" || fail "no POST after the 405"
grep -q "file PUT /upload/run.cfg -> 201 bytes=[0-9]* type=text/plain" "$ACS_REC/log" ||
    fail "the upload was not a text/plain PUT"
# The log as it was when it went: the start of show logging's buffer at that moment.
cli -c enable -c "show logging" | sed '1,/^Log Buffer/d' | sed 1d >"$TEST_TMP/logbuf"
size=$(stat -c %s "$TEST_TMP/files/uploads/log.txt")
[ "$size" -gt 0 ] || fail "the uploaded log is empty"
head -c "$size" "$TEST_TMP/logbuf" | cmp - "$TEST_TMP/files/uploads/log.txt" ||
    fail "the uploaded log is not what show logging shows"
assert_contains "$(cat "$TEST_TMP/files/uploads/log.txt")" "%TRANSFER-6-START: upload to http://127.0.0.1:$ACS_PORT/upload/log.txt"
[ ! -e "$TEST_TMP/files/uploads/x.cfg" ] && [ ! -e "$TEST_TMP/files/uploads/y.cfg" ] ||
    fail "a refused upload was stored"
ls -A "$STATE" | grep -q '^\.upload' && fail "a temporary upload file stayed"
acs_no_invalid
stop_acs

# HTTPS: the ACS and its file server behind a certificate of a test CA; Digest authentication.
pki=$TEST_TMP/pki
mkdir -p "$pki"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout "$pki/ca.key" \
    -out "$pki/ca.pem" -days 2 -subj "/CN=cwmpd test ca" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign" \
    2>/dev/null || fail "openssl: CA"
openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout "$pki/acs.key" \
    -out "$pki/acs.csr" -subj "/CN=127.0.0.1" 2>/dev/null || fail "openssl: request"
printf 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' >"$pki/ext"
openssl x509 -req -in "$pki/acs.csr" -CA "$pki/ca.pem" -CAkey "$pki/ca.key" -CAcreateserial \
    -out "$pki/acs.pem" -days 2 -extfile "$pki/ext" 2>/dev/null || fail "openssl: certificate"
head -c 300000 /dev/urandom >"$TEST_TMP/files/web.bin"
cat >"$TEST_TMP/script2" <<EOF2
session
Download tls-dl 2%20Web%20Content https://127.0.0.1:@PORT@/files/web.bin fu fp 300000 % 0
Upload tls-up $C https://127.0.0.1:@PORT@/upload/tls.cfg fu fp 0
EOF2
ACS_REC=$TEST_TMP/acs2
start_acs --script "$TEST_TMP/script2" $(schema_args) --files "$TEST_TMP/files" \
    --file-auth digest --file-user fu --file-password fp \
    --tls-cert "$pki/acs.pem" --tls-key "$pki/acs.key"
cli -c enable -c "configure terminal" -c "ip http client ca-file $pki/ca.pem" -c "cwmp agent" \
    -c "enable download" -c "management server url https://127.0.0.1:$ACS_PORT/acs" \
    -c end >/dev/null
wait_acs_log "TransferComplete key=tls-dl fault=0" 20
wait_acs_log "TransferComplete key=tls-up fault=0" 20
cmp "$TEST_TMP/files/web.bin" "$STATE/flash/web.bin" || fail "the HTTPS download differs"
cli -c enable -c "show running-config" | tail -n +4 | cmp - "$TEST_TMP/files/uploads/tls.cfg" ||
    fail "the HTTPS upload differs"
grep -q "file GET /files/web.bin -> 200" "$ACS_REC/log" || fail "no GET over HTTPS"
acs_no_invalid
stop_acs
exit 0
