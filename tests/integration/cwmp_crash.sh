#!/bin/bash
# kill -9 at random instants of sessions, many times: no BOOT, BOOTSTRAP or M Reboot is lost, no
# SetParameterValues is half applied, and the ParameterKey always goes with the values it set.
. "$(dirname "$0")/cwmp_lib.sh"

ROUNDS=${CRASH_ROUNDS:-30}
write_device_info
{
    for n in $(seq 1 200); do
        echo session
        echo "SetParameterValues k$n InternetGatewayDevice.DeviceInfo.ProvisioningCode xsd:string v$n InternetGatewayDevice.ManagementServer.PeriodicInformInterval xsd:unsignedInt $((1000 + n))"
        echo "GetParameterValues InternetGatewayDevice.ManagementServer.ParameterKey"
        [ $((n % 4)) = 0 ] && echo "Reboot r$n"
        echo end
    done
} >"$TEST_TMP/script"
start_acs --script "$TEST_TMP/script" $(schema_args)
start_cwmpd
configure_acs
cli -c enable -c "write memory" >/dev/null
kill9_cwmpd

# The invariant of the saved state: the key k<n> with the values v<n> and 1000+<n>, or none yet.
check_consistent() {
    local cfg key n
    cfg=$(cat "$STATE/startup-config")
    key=$(sed -n 's/^parameter-key //p' "$STATE/cwmp-state" 2>/dev/null)
    pending=$(sed -n 's/^pending-key //p' "$STATE/cwmp-state" 2>/dev/null)
    [ "$key" = "%" ] && key=""
    if [ -n "$pending" ]; then
        return 0 # settled at the next start: checked then
    fi
    if [ -z "$key" ]; then
        assert_not_contains "$cfg" "provision code" "startup-config without a key"
        return 0
    fi
    n=${key#k}
    assert_contains "$cfg" " provision code v$n"$'\n' "startup-config of key $key"
    assert_contains "$cfg" " periodic inform interval $((1000 + n))"$'\n' "startup-config of key $key"
}

for round in $(seq 1 "$ROUNDS"); do
    start_cwmpd
    sleep "0.$(printf '%03d' $((RANDOM % 400)))"
    kill9_cwmpd
    check_consistent
done

# A last, undisturbed start settles everything.
before=$(cat "$ACS_REC/sessions")
start_cwmpd
wait_acs_sessions $((before + 1)) 20 || fail "no session after the crashes"
sleep 0.3
stop_cwmpd
check_consistent
# What the crashes cut short while saving is gone: no temporary file piles up.
leftovers=$(ls -A "$STATE" | grep '\.tmp' || true)
[ -z "$leftovers" ] || fail "temporary files of unfinished saves stayed: $leftovers"
key=$(sed -n 's/^parameter-key //p' "$STATE/cwmp-state")
[ -n "$key" ] && [ "$key" != "%" ] || fail "no SetParameterValues ever completed"

# Every Inform reports the start that caused it; BOOTSTRAP is reported until an acknowledged
# Inform carried it, then never again; every Reboot answered is reported as M Reboot later.
bootstrap_done=no
seen_without=no
declare -A reboot_pending=()
for f in $(ls "$ACS_REC"/*-01-Inform.xml | sort -t/ -k1 -V); do
    s=$(basename "$f" | cut -d- -f1)
    inform=$(cat "$f")
    assert_contains "$inform" "<EventCode>1 BOOT</EventCode>" "Inform of session $s"
    if [[ "$inform" == *"0 BOOTSTRAP"* ]]; then
        [ "$seen_without" = no ] || fail "BOOTSTRAP came back in session $s"
        grep -q "^$s 01 -> InformResponse" "$ACS_REC/log" && bootstrap_done=yes
    else
        [ "$bootstrap_done" = yes ] || fail "session $s lost the BOOTSTRAP"
        seen_without=yes
    fi
    for k in "${!reboot_pending[@]}"; do
        if [[ "$inform" == *"<EventCode>M Reboot</EventCode><CommandKey>$k</CommandKey>"* ]]; then
            unset "reboot_pending[$k]"
        fi
    done
    for r in "$ACS_REC/$s"-*-RebootResponse.xml; do
        [ -e "$r" ] || continue
        reboot_pending[r$s]=1 # session s of the script reboots with key r<s>
    done
done
# Reboots answered in the last sessions may not have been reported yet only if cwmpd never
# started again after them; the last start above reported every earlier one.
for k in "${!reboot_pending[@]}"; do
    fail "M Reboot $k was answered but never reported"
done
acs_no_invalid
stop_acs
exit 0
