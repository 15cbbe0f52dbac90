#!/bin/bash
# The breadth of the data model against a real gateway's tree (../shared/fixtures/
# igd-huawei-bm632w.csv, GenieACS's simulator data): the standard parameters of its core objects
# (DeviceInfo, ManagementServer, Time, Layer3Forwarding, LANDevice, WANDevice; no WLAN, no
# WiMAX, no vendor X_ names, and only names TR-098 defines when ../shared/spec is there), with
# their instance numbers made {i}, against the names cwmpd's GetParameterNames lists, read as
# GenieACS reads a device, with a DHCP lease known on the LAN, a manual binding and a class.
# At least 95% must be there.
# Then one GetParameterValues of every concrete name of the fixture that cwmpd lists succeeds:
# an ACS dashboard made for that gateway reads cwmpd in one request.
. "$(dirname "$0")/cwmp_lib.sh"

FIXTURE=${SHARED_DIR:-}/fixtures/igd-huawei-bm632w.csv
XML=${SHARED_DIR:-}/spec/tr-098-1-8-0-full.xml
[ -n "${SHARED_DIR:-}" ] && [ -f "$FIXTURE" ] || skip "no ../shared/fixtures/igd-huawei-bm632w.csv"

IGD=InternetGatewayDevice.
normalise() { sed -E 's/\.[0-9]+\./.{i}./g; s/\.[0-9]+\./.{i}./g'; }

# The fixture's standard core parameters, concrete and as patterns.
cut -d, -f1,2 "$FIXTURE" | awk -F, '$2 == "false" { print $1 }' |
    grep -E "^${IGD//./\\.}(DeviceInfo|ManagementServer|Time|Layer3Forwarding|LANDevice|WANDevice)\." |
    grep -v -e 'X_' -e 'WLAN' -e 'WiMAX' >"$TEST_TMP/fixture-names"
if [ -f "$XML" ]; then
    # TR-098's parameter patterns: each <parameter name=...> under the <object name=...> it is in.
    tr '\n' ' ' <"$XML" | sed 's/</\n</g' |
        awk '/^<object / && match($0, / name="[^"]*"/) { obj = substr($0, RSTART + 7, RLENGTH - 8) }
             /^<parameter / && match($0, / name="[^"]*"/) { print obj substr($0, RSTART + 7, RLENGTH - 8) }' |
        sort -u >"$TEST_TMP/tr098"
    [ "$(wc -l <"$TEST_TMP/tr098")" -gt 1000 ] || fail "TR-098's parameters were not read"
    normalise <"$TEST_TMP/fixture-names" | sort -u | comm -12 - "$TEST_TMP/tr098" >"$TEST_TMP/want"
else
    skip_part "the fixture's names filtered by TR-098 (no ../shared/spec)"
    normalise <"$TEST_TMP/fixture-names" | sort -u >"$TEST_TMP/want"
fi
total=$(wc -l <"$TEST_TMP/want")
[ "$total" -gt 100 ] || fail "only $total standard core parameters in the fixture"

cat >"$TEST_TMP/script" <<EOF
session
inform-response
read-tree $IGD 1000
end
EOF
write_device_info
start_acs --script "$TEST_TMP/script" $(schema_args)
start_cwmpd
printf '%s\n' enable "configure terminal" \
    "interface Ethernet0/0" "ip address 203.0.113.2 255.255.255.0" "ip nat outside" \
    "cwmp wan" "cwmp wan default" "exit" \
    "interface Ethernet0/1" "ip address 192.168.1.1 255.255.255.0" "ip nat inside" "exit" \
    "ip dhcp class PHONES" "exit" \
    "ip dhcp pool LAN" "network 192.168.1.0 255.255.255.0" "default-router 192.168.1.1" \
    "class PHONES" "address range 192.168.1.100 192.168.1.149" "exit" "exit" \
    "ip dhcp pool PC1" "host 192.168.1.50 255.255.255.0" "hardware-address 0200.0000.0050" "exit" \
    "ip route 0.0.0.0 0.0.0.0 Ethernet0/0 203.0.113.1" \
    "ntp server 192.0.2.123" end |
    run_lines >/dev/null || fail "the configuration was refused"
cli -c enable -c "cwmp lease add 02:00:00:00:00:01 192.168.1.20 3600 interface Ethernet0/1 hostname pc1" \
    >/dev/null || fail "the lease was refused"
configure_acs
wait_acs_sessions 1 30
acs_no_invalid
stop_acs

# What GetParameterNames listed (the values read: one line per parameter).
cut -d' ' -f1 "$ACS_REC/1-tree.txt" | sort -u >"$TEST_TMP/names"
normalise <"$TEST_TMP/names" | sort -u >"$TEST_TMP/ours"
found=$(comm -12 "$TEST_TMP/want" "$TEST_TMP/ours" | wc -l)
pct=$((found * 1000 / total))
echo "standard core parameters of the fixture present: $found of $total ($((pct / 10)).$((pct % 10))%)"
echo "missing:"
comm -23 "$TEST_TMP/want" "$TEST_TMP/ours" | sed 's/^/  /'
[ "$pct" -ge 950 ] || fail "only $found of $total ($((pct / 10)).$((pct % 10))%), not 95%"

# One GetParameterValues of every concrete fixture name cwmpd lists (any, vendor ones aside).
cut -d, -f1,2 "$FIXTURE" | awk -F, '$2 == "false" { print $1 }' | grep "^$IGD" | sort -u |
    comm -12 - "$TEST_TMP/names" >"$TEST_TMP/claimed"
n=$(wc -l <"$TEST_TMP/claimed")
[ "$n" -gt 80 ] || fail "only $n of the fixture's names are listed by cwmpd"
{
    echo session
    echo inform-response
    echo "GetParameterValues $(paste -sd' ' "$TEST_TMP/claimed")"
    echo end
} >"$TEST_TMP/script2"
ACS_REC=$TEST_TMP/acs2
start_acs --script "$TEST_TMP/script2" $(schema_args)
configure_acs
wait_acs_sessions 1 30
acs_no_invalid
log=$(cat "$ACS_REC/log")
assert_contains "$log" "<- GetParameterValuesResponse params=$n " "one answer with every value"
for name in "${IGD}DeviceSummary" "${IGD}LANDevice.1.Hosts.Host.1.IPAddress"; do
    grep -qx "$name" "$TEST_TMP/claimed" || [ "$name" = "${IGD}DeviceSummary" ] ||
        fail "$name is not among the names read"
done
grep -q "<Name>${IGD}LANDevice.1.Hosts.Host.1.IPAddress</Name>" "$ACS_REC"/1-*GetParameterValuesResponse*.xml ||
    fail "the lease's host was not read"
grep -A1 "<Name>${IGD}LANDevice.1.Hosts.Host.1.IPAddress</Name>" "$ACS_REC"/1-*GetParameterValuesResponse*.xml |
    grep -q '>192.168.1.20<' || fail "the lease's address was not read"
stop_acs
