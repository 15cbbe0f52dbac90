#!/bin/bash
# Download through the test ACS's file server (digest authentication with the RPC's Username and
# Password): a configuration file that changes show running-config after the reload it causes,
# a firmware image handed to an install-firmware hook written here, then one the hook refuses.
# Each completion is reported in a session with 1 BOOT, 7 TRANSFER COMPLETE and M Download with
# the command key (never M Reboot), by one TransferComplete with real times, acknowledged once.
. "$(dirname "$0")/cwmp_lib.sh"

write_device_info
mkdir -p "$TEST_TMP/files" "$HOOKS"
cat >"$TEST_TMP/script" <<'EOF2'
session
GetQueuedTransfers
Download cfg-1 3%20Vendor%20Configuration%20File http://127.0.0.1:@PORT@/files/new.cfg fileuser filepass 0 % 0
GetAllQueuedTransfers
session
GetParameterValues InternetGatewayDevice.DeviceInfo.ProvisioningCode
Download fw-1 1%20Firmware%20Upgrade%20Image http://127.0.0.1:@PORT@/files/image.bin fileuser filepass 70000 fw.bin 1
session
Download fw-2 1%20Firmware%20Upgrade%20Image http://127.0.0.1:@PORT@/files/bad.bin fileuser filepass 0 % 0
EOF2
start_acs --script "$TEST_TMP/script" $(schema_args) --files "$TEST_TMP/files" \
    --file-auth digest --file-user fileuser --file-password filepass
# The configuration file keeps the agent pointed at this ACS: it is all the device will have.
cat >"$TEST_TMP/files/new.cfg" <<EOF2
hostname Downloaded
interface Loopback7
 description from the ACS
 ip address 10.7.7.7 255.255.255.255
cwmp agent
 enable
 enable download
 management server url $ACS_URL
 session retry wait 1
 provision code DL-1
EOF2
head -c 70000 /dev/urandom >"$TEST_TMP/files/image.bin"
printf 'not an image' >"$TEST_TMP/files/bad.bin"
cat >"$HOOKS/install-firmware" <<EOF2
#!/bin/sh
# The test's installer: records what it was given; refuses what does not start as image.bin does.
echo "\$1|\$2" >>"$TEST_TMP/installed"
cmp -s "\$1" "$TEST_TMP/files/image.bin" || exit 2
exit 0
EOF2
chmod +x "$HOOKS/install-firmware"

start_cwmpd
pid=$CWMPD_PID
configure_acs "enable download"
cli -c enable -c "write memory" >/dev/null

# Session 1: the Download is answered Status 1 with unknown times and listed as queued.
wait_acs_sessions 1 || fail "no first session"
assert_contains "$(acs_log)" "1 03 <- GetQueuedTransfersResponse transfers=0"
assert_contains "$(body 1 04)" "<Status>1</Status><StartTime>0001-01-01T00:00:00Z</StartTime><CompleteTime>0001-01-01T00:00:00Z</CompleteTime>"
assert_match "$(acs_log)" "1 05 <- GetAllQueuedTransfersResponse transfers=1 keys=cfg-1 states=1 downloads=1"

# The file is fetched once the session is over, checked, installed, and the device reloads.
wait_acs_sessions 2 20 || fail "no session after the configuration download"
inform=$(body 2 01)
assert_contains "$inform" "<EventCode>1 BOOT</EventCode>"
assert_contains "$inform" "<EventCode>7 TRANSFER COMPLETE</EventCode>"
assert_contains "$inform" "<EventCode>M Download</EventCode><CommandKey>cfg-1</CommandKey>"
assert_not_contains "$inform" "M Reboot"
assert_contains "$(acs_log)" "2 02 <- TransferComplete key=cfg-1 fault=0"
tc=$(body 2 02)
assert_not_contains "$tc" "<StartTime>0001-01-01T00:00:00Z</StartTime>" "TransferComplete"
assert_not_contains "$tc" "<CompleteTime>0001-01-01T00:00:00Z</CompleteTime>" "TransferComplete"
[ "$(grep -c 'TransferComplete key=cfg-1' "$ACS_REC/log")" = 1 ] || fail "cfg-1 reported twice"
[ "$CWMPD_PID" = "$pid" ] && kill -0 "$pid" || fail "cwmpd is gone after the reload"
grep -q "TRANSFER-5-CONFIG: flash:new.cfg installed as startup-config" "$CWMPD_LOG" ||
    fail "the installation was not logged"
running=$(running_config)
assert_contains "$running" "hostname Downloaded"
assert_contains "$running" "interface Loopback7"
assert_contains "$running" " provision code DL-1"
assert_contains "$(cli -c enable -c 'show startup-config')" "hostname Downloaded"
cmp -s "$TEST_TMP/files/new.cfg" "$STATE/flash/new.cfg" || fail "flash:new.cfg differs"
ls -a "$STATE/flash" | grep -q '^\.download' && fail "a temporary file stayed in flash:"
grep -q "^transfer .* cfg-1 " "$STATE/cwmp-state" && fail "the acknowledged transfer is still kept"

# Session 2 asked for a firmware image one second later: the hook installs it, the device
# reboots, and the next session reports it.
wait_acs_sessions 3 20 || fail "no session after the firmware download"
inform=$(body 3 01)
assert_contains "$inform" "<EventCode>1 BOOT</EventCode>"
assert_contains "$inform" "<EventCode>M Download</EventCode><CommandKey>fw-1</CommandKey>"
assert_not_contains "$inform" "cfg-1"
assert_contains "$(acs_log)" "3 02 <- TransferComplete key=fw-1 fault=0"
grep -qx "$STATE/flash/fw.bin|1 Firmware Upgrade Image" "$TEST_TMP/installed" ||
    fail "the hook was not given the image: $(cat "$TEST_TMP/installed")"
cmp -s "$TEST_TMP/files/image.bin" "$STATE/flash/fw.bin" || fail "flash:fw.bin differs"
[ "$(grep -c 'SYS-5-RELOAD: Reload requested' "$CWMPD_LOG")" = 2 ] || fail "not two reloads"

# Session 3: the hook refuses the next image (status 2: its signature): 9019, no reboot.
wait_acs_log "TransferComplete key=fw-2 fault=9019" 20
assert_contains "$(cat "$ACS_REC"/*-TransferComplete.xml)" "refused the image (status 2)"
[ "$(grep -c 'SYS-5-RELOAD: Reload requested' "$CWMPD_LOG")" = 2 ] || fail "a refused image rebooted"
assert_not_contains "$(cli -c enable -c 'show cwmp persistent')" "fw-2"
grep -q 'file GET /files/new.cfg -> 200' "$ACS_REC/log" || fail "no authenticated GET"
acs_no_invalid
stop_acs
exit 0
