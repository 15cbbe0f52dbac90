#!/bin/bash
# startup-config: loaded at start through the parser (bad lines logged with their number and
# skipped), saved atomically: a kill -9 at any instant of `write memory` leaves the old file or the
# new one, never a torn one.
. "$(dirname "$0")/lib.sh"

mkdir -p "$STATE"
cat >"$STATE/startup-config" <<'EOF2'
!
hostname Loaded
!
ip adress 10.0.0.1
interface Ethernet0/0
 description first
 ip address 10.1.1.1 255.255.0.255
!
ntp server 10.0.0.1
end
EOF2
start_cwmpd
grep -qF '%PARSER-4-BADCFG: startup-config line 4: "ip adress 10.0.0.1": % Invalid input detected' "$CWMPD_LOG" \
    || fail "line 4 was not reported"
grep -qF '%PARSER-4-BADCFG: startup-config line 7: "ip address 10.1.1.1 255.255.0.255": % Bad mask 0xFFFF00FF for address 10.1.1.1' \
    "$CWMPD_LOG" || fail "line 7 was not reported"
grep -q '%PARSER-4-BADCFG: 2 lines of startup-config skipped' "$CWMPD_LOG" \
    || fail "no summary of skipped lines"
assert_eq "$(running_config)" '!
hostname Loaded
!
interface Ethernet0/0
 description first
 no ip address
!
ntp server 10.0.0.1
!
end' "running-config from a startup-config with bad lines"
stop_cwmpd

# --config names another startup-config.
printf 'hostname Elsewhere\n' >"$TEST_TMP/other.cfg"
start_cwmpd --config "$TEST_TMP/other.cfg"
assert_contains "$(running_config)" "hostname Elsewhere"
cli -c enable -c "configure terminal" -c "hostname Saved" -c end -c "write memory" >/dev/null
assert_contains "$(cat "$TEST_TMP/other.cfg")" "hostname Saved"
stop_cwmpd

# A large configuration, so that writing it takes a while.
{
    echo enable
    echo "configure terminal"
    for i in $(seq 1 1500); do
        echo "interface Loopback$i"
        echo "description loopback number $i of a long configuration"
    done
    echo end
    echo "write memory"
} >"$TEST_TMP/big.txt"
start_cwmpd
cli <"$TEST_TMP/big.txt" >/dev/null || fail "could not build the large configuration"
stop_cwmpd

for i in $(seq 1 25); do
    start_cwmpd
    before=$(cat "$STATE/startup-config")
    cli -c enable -c "configure terminal" -c "hostname Round$i" -c end >/dev/null
    after=$(running_config)
    [ "$before" != "$after" ] || fail "round $i: nothing changed"
    cli -c enable -c "write memory" >/dev/null 2>&1 &
    writer=$!
    # Somewhere between not yet started and long finished.
    sleep "0.0$((RANDOM % 10))$((RANDOM % 10))"
    kill9_cwmpd
    wait $writer 2>/dev/null
    now=$(cat "$STATE/startup-config")
    if [ "$now" != "$before" ] && [ "$now" != "$after" ]; then
        fail "round $i: startup-config is neither the old nor the new configuration"
    fi
done

# The next start cleans up after a crash and loads what was saved, whole.
log_from=$(( $(wc -l <"$CWMPD_LOG") + 1 ))
start_cwmpd
saved=$(cat "$STATE/startup-config")
assert_eq "$(running_config)" "$saved" "running-config after crashes"
leftover=$(find "$STATE" -name 'startup-config.tmp*' | wc -l)
[ "$leftover" -eq 0 ] || fail "temporary files left after restart: $(ls "$STATE")"
if tail -n +"$log_from" "$CWMPD_LOG" | grep -q 'PARSER-4-BADCFG'; then
    fail "a saved configuration had rejected lines"
fi
exit 0
