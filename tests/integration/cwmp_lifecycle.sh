#!/bin/bash
# The device's life through the test ACS: ScheduleInform (3 SCHEDULED + M ScheduleInform with its
# key, at its time, kept across a restart; 0 refused), a queued Download listed and cancelled
# (CancelTransfer; an unknown key 9003), FactoryReset (the factory configuration, the CWMP state
# forgotten, 0 BOOTSTRAP next), and Reboot through a reboot hook written here (cwmpd leaves, and
# the next start reports 1 BOOT + M Reboot).
. "$(dirname "$0")/cwmp_lib.sh"

write_device_info
mkdir -p "$HOOKS"
cat >"$TEST_TMP/script" <<'EOF2'
session
ScheduleInform 2 sched-1
ScheduleInform 3600 sched-later
raw schedule0.xml
Download dl-later 2%20Web%20Content http://127.0.0.1:@PORT@/files/x % % 0 % 3600
GetQueuedTransfers
CancelTransfer dl-later
GetAllQueuedTransfers
CancelTransfer dl-later
session
ScheduleInform 3 sched-2
session
session
FactoryReset
session
GetParameterValues InternetGatewayDevice.DeviceInfo.ProvisioningCode
wait 3
Reboot rb-1
EOF2
# DelaySeconds 0 is refused with 9003: a raw envelope, the script refuses to send it.
cat >"$TEST_TMP/schedule0.xml" <<'EOF2'
<soap-env:Envelope xmlns:soap-env="http://schemas.xmlsoap.org/soap/envelope/" xmlns:cwmp="@NS@"><soap-env:Header><cwmp:ID soap-env:mustUnderstand="1">@ID@</cwmp:ID></soap-env:Header><soap-env:Body><cwmp:ScheduleInform><DelaySeconds>0</DelaySeconds><CommandKey>zero</CommandKey></cwmp:ScheduleInform></soap-env:Body></soap-env:Envelope>
EOF2
start_acs --script "$TEST_TMP/script" $(schema_args) --files "$TEST_TMP/files"
cat >"$FACTORY_CONFIG" <<EOF2
hostname Factory
cwmp agent
 enable
 management server url $ACS_URL
 session retry wait 1
EOF2
# The reboot hook: it records that it ran (nothing before the FactoryReset reboots).
cat >"$HOOKS/reboot" <<EOF2
#!/bin/sh
echo rebooted >>"$TEST_TMP/rebooted"
EOF2
chmod +x "$HOOKS/reboot"
# Configured before the start, so that the first session is the only one until its ScheduleInform.
cat >"$STATE/startup-config" <<EOF2
hostname Configured
cwmp agent
 enable
 enable download
 management server url $ACS_URL
 session retry wait 1
 provision code BEFORE-RESET
EOF2
start_cwmpd

wait_acs_sessions 1 || fail "no first session"
log=$(acs_log)
assert_contains "$log" "1 05 <- Fault code=9003"
assert_contains "$log" "1 07 <- GetQueuedTransfersResponse transfers=1 keys=dl-later states=1"
assert_contains "$log" "1 08 <- CancelTransferResponse"
assert_contains "$log" "1 09 <- GetAllQueuedTransfersResponse transfers=0"
assert_contains "$log" "1 10 <- Fault code=9003"
assert_contains "$(cli -c enable -c 'show cwmp persistent')" 'CommandKey "sched-later" in'

# Two seconds later: a session of its own for sched-1, and not for sched-later.
wait_acs_sessions 2 10 || fail "no scheduled session"
assert_match "$(acs_log)" "^2 01 <- Inform events=3 SCHEDULED,M ScheduleInform\(sched-1\) retry=0"
assert_not_contains "$(body 2 01)" "sched-later"
# sched-2 is due three seconds after session 2: cwmpd stops and starts meanwhile.
stop_cwmpd
grep -q "^scheduled [0-9]* sched-2$" "$STATE/cwmp-state" || fail "sched-2 is not kept"
start_cwmpd
wait_acs_log "<- Inform events=.*M ScheduleInform\(sched-2\)" 15
[ "$(grep -c 'M ScheduleInform(sched-2)' "$ACS_REC/log")" = 1 ] || fail "sched-2 came twice"

# The session of sched-2 carries the FactoryReset: the factory configuration is installed and
# the device reboots, through the reboot hook (cwmpd runs it and leaves, as the machine would go
# down); at the next start the ACS hears of a new device.
# wait_reboot N: until cwmpd has left after the Nth run of the hook, with status 0.
wait_reboot() {
    for _ in $(seq 1 150); do kill -0 "$CWMPD_PID" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$CWMPD_PID" 2>/dev/null && fail "cwmpd did not leave after the reboot hook"
    wait "$CWMPD_PID"
    local rc=$?
    CWMPD_PID=
    [ "$rc" = 0 ] || fail "cwmpd left with status $rc after the reboot hook"
    [ "$(grep -c rebooted "$TEST_TMP/rebooted" 2>/dev/null)" = "$1" ] ||
        fail "the reboot hook did not run $1 time(s)"
}
wait_acs_log "-> FactoryReset " 15
wait_reboot 1
grep -q "SYS-5-FACTORY_RESET" "$CWMPD_LOG" || fail "the factory reset was not logged"
assert_eq "$(cat "$STATE/startup-config")" "$(cat "$FACTORY_CONFIG")" "startup-config"
start_cwmpd
wait_acs_log "<- Inform events=1 BOOT,0 BOOTSTRAP" 15
running=$(running_config)
assert_contains "$running" "hostname Factory"
assert_not_contains "$running" "BEFORE-RESET"
persistent=$(cli -c enable -c "show cwmp persistent")
assert_contains "$persistent" "Scheduled informs   : none"
assert_contains "$persistent" 'ParameterKey        : ""'

# That session carries a Reboot (three seconds on): the hook again, and the next start reports it.
wait_acs_log "-> Reboot " 15
wait_reboot 2
start_cwmpd
wait_acs_log "<- Inform events=.*M Reboot\(rb-1\)" 15
assert_match "$(acs_log)" "<- Inform events=(1 BOOT,M Reboot\(rb-1\)|M Reboot\(rb-1\),1 BOOT) retry"
acs_no_invalid
stop_acs
exit 0
