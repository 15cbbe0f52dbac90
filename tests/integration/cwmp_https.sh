#!/bin/bash
# HTTPS to the ACS: a test CA made with OpenSSL now, a session that verifies the ACS against it
# (ip http client ca-file), and the sessions refused with a TLS fault when the CA is another, the
# certificate names another host, or the system's store (which does not know the test CA) is used.
. "$(dirname "$0")/cwmp_lib.sh"

command -v openssl >/dev/null || skip "openssl is not installed"

pki=$TEST_TMP/pki
mkdir -p "$pki"
# new_ca NAME: a self-signed CA, NAME.pem and NAME.key.
new_ca() {
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
        -keyout "$pki/$1.key" -out "$pki/$1.pem" -days 2 -subj "/CN=cwmpd test $1" \
        -addext "basicConstraints=critical,CA:TRUE" \
        -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null || fail "openssl: CA $1"
}
# new_server NAME CA SAN: a server certificate for SAN, signed by CA.
new_server() {
    openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
        -keyout "$pki/$1.key" -out "$pki/$1.csr" -subj "/CN=$1" 2>/dev/null ||
        fail "openssl: request $1"
    printf 'subjectAltName=%s\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' "$3" \
        >"$pki/$1.ext"
    openssl x509 -req -in "$pki/$1.csr" -CA "$pki/$2.pem" -CAkey "$pki/$2.key" \
        -CAcreateserial -out "$pki/$1.pem" -days 2 -extfile "$pki/$1.ext" 2>/dev/null ||
        fail "openssl: certificate $1"
}
new_ca ca
new_ca other-ca
new_server acs ca "IP:127.0.0.1,DNS:localhost"
new_server elsewhere ca "DNS:acs.example.net"

write_device_info
start_cwmpd

# https_acs CERT: a test ACS serving HTTPS with CERT, recording into $ACS_REC.
https_acs() {
    start_acs --tls-cert "$pki/$1.pem" --tls-key "$pki/$1.key" $(schema_args)
    ACS_URL=https://127.0.0.1:$ACS_PORT/acs
}

# wait_fault TEXT: until show cwmp session's last fault has TEXT.
wait_fault() {
    local out
    for _ in $(seq 1 100); do
        out=$(cli -c enable -c "show cwmp session")
        case "$out" in *"Last fault          : "*"$1"*) return 0 ;; esac
        sleep 0.1
    done
    printf '%s\n' "$out" >&2
    fail "no session fault with: $1"
}

# The ACS verified against the test CA.
cli -c enable -c "configure terminal" -c "ip http client ca-file $pki/ca.pem" -c end >/dev/null
assert_contains "$(running_config)" "ip http client ca-file $pki/ca.pem"
ACS_REC=$TEST_TMP/acs-good
https_acs acs
configure_acs
wait_acs_sessions 1 || fail "no session over HTTPS"
assert_contains "$(cat "$ACS_REC/log")" "1 01 -> InformResponse"
acs_no_invalid
stop_acs

# Another CA: refused, with a TLS fault and a log line; the ACS saw no request.
cli -c enable -c "configure terminal" -c "ip http client ca-file $pki/other-ca.pem" -c end \
    >/dev/null
ACS_REC=$TEST_TMP/acs-other-ca
https_acs acs
configure_acs
wait_fault "TLS: the server could not be verified"
assert_contains "$(cat "$CWMPD_LOG")" "%CWMP-4-SESSION: session with $ACS_URL failed: TLS:"
[ "$(cat "$ACS_REC/sessions" 2>/dev/null || echo 0)" = 0 ] || fail "a session went through"
stop_acs

# The right CA, but a certificate for another host name.
cli -c enable -c "configure terminal" -c "ip http client ca-file $pki/ca.pem" -c end >/dev/null
ACS_REC=$TEST_TMP/acs-elsewhere
https_acs elsewhere
configure_acs
wait_fault "TLS: the server could not be verified"
assert_match "$(cli -c enable -c 'show cwmp session')" "Last fault .*(name|host)"
[ "$(cat "$ACS_REC/sessions" 2>/dev/null || echo 0)" = 0 ] || fail "a session went through"
stop_acs

# Without a CA file the system's store decides: it does not know the test CA.
cli -c enable -c "configure terminal" -c "no ip http client ca-file" -c end >/dev/null
assert_not_contains "$(running_config)" "ca-file"
ACS_REC=$TEST_TMP/acs-system
https_acs acs
configure_acs
wait_fault "TLS: the server could not be verified"
stop_acs

# A relative path is refused at the prompt.
out=$(cli -c enable -c "configure terminal" -c "ip http client ca-file ca.pem" 2>&1)
assert_contains "$out" "% The CA file must be given as an absolute path"
stop_cwmpd
exit 0
