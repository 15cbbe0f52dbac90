#!/bin/bash
# A read by name in batches (GenieACS's) during which the operator changes the port mappings: cwmpd
# keeps the tables a session's reads listed from one batch to the next, and must list them again
# once anything else ran. Mapping 10 deleted and mapping 12 moved to another port between batches
# 3 and 4: their batches get fault 9005 (their instances are gone), and every other batch reads
# the values its instance numbers have now (mapping 11 is not read at 10's place, nor 13 at 12's).
. "$(dirname "$0")/cwmp_lib.sh"

PM=InternetGatewayDevice.WANDevice.1.WANConnectionDevice.1.WANIPConnection.1.PortMapping.
cat >"$TEST_TMP/script" <<EOF
session
inform-response
read-tree $PM 8 pause 4 $TEST_TMP/go
GetParameterValues ${PM}
end
EOF

write_device_info
start_acs --script "$TEST_TMP/script" $(schema_args)
start_cwmpd
{
    printf '%s\n' enable "configure terminal" \
        "interface Ethernet0/0" "ip address 10.194.145.170 255.255.255.0" "ip nat outside" \
        "cwmp wan" "cwmp wan default" "exit" \
        "interface Vlan102" "ip address 15.15.15.1 255.255.255.0" "ip nat inside" "exit"
    for i in $(seq 1 20); do
        echo "ip nat inside source static tcp 15.15.15.$((i + 1)) 80 10.194.145.170 $((8000 + i))"
    done
    echo end
} | run_lines >/dev/null || fail "the configuration was refused"
configure_acs
wait_acs_log "read-tree pause before batch 4" 30
# Batches 1 to 3 have read mappings 1 to 3 (8 parameters each): now the operator changes the table.
printf '%s\n' enable "configure terminal" \
    "no ip nat inside source static tcp 15.15.15.11 80 10.194.145.170 8010" \
    "no ip nat inside source static tcp 15.15.15.13 80 10.194.145.170 8012" \
    "ip nat inside source static tcp 15.15.15.13 80 10.194.145.170 9012" end |
    run_lines >/dev/null || fail "the change was refused"
touch "$TEST_TMP/go"
wait_acs_sessions 1 30

log=$(acs_log)
# Exactly the batches of the two instances gone are refused; nothing else is wrong.
faults=$(grep -c 'read-tree: GetParameterValues of listed parameters answered with fault 9005' \
    <<<"$log" || true)
[ "$faults" = 2 ] || { echo "$log" >&2; fail "$faults batches refused, not the 2 of mappings 10 and 12"; }
others=$(grep INVALID <<<"$log" | grep -vc 'fault 9005\|did not come back' || true)
[ "$others" = 0 ] || { grep INVALID <<<"$log" >&2; fail "other findings in the read"; }
# Each number reads its own mapping: 11 is still 8011, 13 to 20 theirs; 10 and 12 are gone.
tree="$ACS_REC/1-tree.txt"
for i in 1 2 3 4 9 11 13 20; do
    grep -q "^${PM}$i.ExternalPort xsd:unsignedInt $((8000 + i))\$" "$tree" ||
        fail "PortMapping.$i.ExternalPort is not $((8000 + i)): $(grep "^${PM}$i.ExternalPort " "$tree")"
done
! grep -q "^${PM}10\.\|^${PM}12\." "$tree" || fail "values read for the mappings gone"
# The table afterwards: the moved mapping is a new instance, 21.
grep -q "<Name>${PM}21.ExternalPort</Name><Value xsi:type=\"xsd:unsignedInt\">9012</Value>" \
    "$ACS_REC"/1-*-GetParameterValuesResponse.xml || fail "the moved mapping is not instance 21"
stop_acs
