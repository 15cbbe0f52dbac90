#!/bin/bash
# Downloads that fail, each with its TransferComplete fault, and none of them changing the
# device: a short (truncated) file 9017, a missing file 9016, wrong credentials 9012, a server
# that is not there 9015, a file of another size than FileSize 9018, a configuration file with a
# line the parser refuses 9018 (the FaultString names it; running- and startup-config unchanged),
# more than flash: can hold 9010 (told by FileSize, or found on the way; cwmpd is given a
# 150,000-byte flash:). Refused at once: an ftp URL (9013), a FileType cwmpd does
# not take (9003), and every Download while `enable download` is off (9001).
. "$(dirname "$0")/cwmp_lib.sh"

write_device_info
mkdir -p "$TEST_TMP/files"
head -c 100000 /dev/urandom >"$TEST_TMP/files/blob.bin"
head -c 200000 /dev/urandom >"$TEST_TMP/files/big.bin"
printf 'hostname Broken\ninterface Loopback9\n ip address 10.9.9.9 255.255.255.0 extra words\n' \
    >"$TEST_TMP/files/bad.cfg"
# A port nothing listens on: bound and closed again.
dead_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 9)
W=2%20Web%20Content
cat >"$TEST_TMP/script" <<EOF2
session
Download short $W http://127.0.0.1:@PORT@/files/short/blob.bin u p 0 % 0
Download missing $W http://127.0.0.1:@PORT@/files/nothing.bin u p 0 % 0
Download badpass $W http://127.0.0.1:@PORT@/files/blob.bin u wrong 0 % 0
Download noserver $W http://127.0.0.1:$dead_port/blob.bin u p 0 % 0
Download size $W http://127.0.0.1:@PORT@/files/blob.bin u p 100001 % 0
Download badcfg 3%20Vendor%20Configuration%20File http://127.0.0.1:@PORT@/files/bad.cfg u p 0 % 0
Download huge $W http://127.0.0.1:@PORT@/files/big.bin u p 200000 % 0
Download nosize $W http://127.0.0.1:@PORT@/files/big.bin u p 0 % 0
Download ftp $W ftp://127.0.0.1/blob.bin u p 0 % 0
Download tone 4%20Tone%20File http://127.0.0.1:@PORT@/files/blob.bin u p 0 % 0
EOF2
start_acs --script "$TEST_TMP/script" $(schema_args) --files "$TEST_TMP/files" \
    --file-auth digest --file-user u --file-password p
start_cwmpd --flash-size 150000
configure_acs "enable download"
cli -c enable -c "write memory" >/dev/null
before_running=$(running_config)
before_startup=$(cli -c enable -c "show startup-config")

wait_acs_sessions 1 || fail "no first session"
log=$(acs_log)
assert_contains "$log" "1 11 <- Fault code=9013"
assert_contains "$log" "1 12 <- Fault code=9003"
for key_fault in short=9017 missing=9016 badpass=9012 noserver=9015 size=9018 badcfg=9018 \
    huge=9010 nosize=9010; do
    wait_acs_log "TransferComplete key=${key_fault%=*} fault=${key_fault#*=}" 30
done
for key in short missing badpass noserver size badcfg huge nosize; do
    [ "$(grep -c "TransferComplete key=$key " "$ACS_REC/log")" = 1 ] || fail "$key not reported once"
done
tcs=$(cat "$ACS_REC"/*-TransferComplete.xml)
assert_contains "$tcs" "line 3 (ip address 10.9.9.9 255.255.255.0 extra words)"
assert_contains "$tcs" "not enough space in flash: (200000 bytes needed"
assert_contains "$tcs" "not enough space in flash: for the file"
assert_contains "$tcs" "100000 bytes received, FileSize is 100001"
assert_eq "$(running_config)" "$before_running" "running-config"
assert_eq "$(cli -c enable -c 'show startup-config')" "$before_startup" "startup-config"
grep -q "SYS-5-RELOAD" "$CWMPD_LOG" && fail "a failed download reloaded the device"
leftovers=$(ls -A "$STATE/flash")
assert_eq "$leftovers" "bad.cfg" "flash: after the failures"
grep -q "^transfer " "$STATE/cwmp-state" && fail "acknowledged transfers are still kept"

# With `no enable download` (the default) every Download is refused, before anything is queued.
cli -c enable -c "configure terminal" -c "cwmp agent" -c "no enable download" -c end >/dev/null
cat >"$TEST_TMP/script2" <<'EOF2'
session
Download off 2%20Web%20Content http://127.0.0.1:@PORT@/files/blob.bin u p 0 % 0
GetAllQueuedTransfers
EOF2
stop_acs
ACS_REC=$TEST_TMP/acs2
start_acs --script "$TEST_TMP/script2" $(schema_args) --files "$TEST_TMP/files"
cli -c enable -c "configure terminal" -c "cwmp agent" -c "management server url $ACS_URL" \
    -c end >/dev/null
wait_acs_sessions 1 || fail "no session with the second ACS"
assert_contains "$(acs_log)" "1 03 <- Fault code=9001"
assert_contains "$(acs_log)" "1 04 <- GetAllQueuedTransfersResponse transfers=0"
assert_contains "$(body 1 03)" "enable download"
acs_no_invalid
stop_acs
exit 0
