#!/bin/bash
# cwmpd read whole as GenieACS reads a device (shared/INTEROP.md): GetParameterNames of the root
# with NextLevel false, then GetParameterValues of every parameter it listed, in batches of 32
# (GenieACS's default) and of 1000, in the same session; every name asked for comes back exactly
# once with a value, the session ends with 204, every message valid. Then a value of a type the
# ACS has not read, sent as xsd:string, as GenieACS sends it.
. "$(dirname "$0")/cwmp_lib.sh"

IGD=InternetGatewayDevice.
cat >"$TEST_TMP/script" <<EOF
session
inform-response
read-tree $IGD
read-tree $IGD 1000
SetParameterValues genie-1 ${IGD}ManagementServer.PeriodicInformInterval xsd:string 3600
GetParameterValues ${IGD}ManagementServer.PeriodicInformInterval
end
EOF

write_device_info
start_acs --script "$TEST_TMP/script" $(schema_args)
start_cwmpd
# LAN and WAN interfaces and a few port mappings, as in cwmp_portmap.sh.
printf '%s\n' enable "configure terminal" \
    "interface Ethernet0/0" "ip address 10.194.145.170 255.255.255.0" "ip nat outside" \
    "cwmp wan" "cwmp wan default" "exit" \
    "interface Vlan102" "ip address 15.15.15.1 255.255.255.0" "ip nat inside" "exit" \
    "interface Vlan103" "ip address 15.15.16.1 255.255.255.0" "ip nat inside" "exit" \
    "ip nat inside source static udp 15.15.15.3 53 10.194.145.170 5353" \
    "ip nat inside source static tcp 15.15.15.4 22 10.194.145.170 2222" \
    "ip nat inside source static tcp 15.15.16.5 80 10.194.145.170 8080" end |
    run_lines >/dev/null || fail "the configuration was refused"
configure_acs
wait_acs_sessions 1 30
acs_no_invalid

log=$(acs_log)
params=$(sed -n 's/.* read-tree .* parameters=\([0-9]*\) .*/\1/p' <<<"$log" | head -1)
[ "${params:-0}" -gt 100 ] || { echo "$log" >&2; fail "too few parameters read: ${params:-none}"; }
b32=$(( (params + 31) / 32 ))
b1000=$(( (params + 999) / 1000 ))
# One summary per read: every parameter listed came back once with a value.
assert_eq "$(grep -o "read-tree $IGD names=[0-9]* .*" <<<"$log" | sed 's/names=[0-9]* //')" \
"read-tree $IGD parameters=$params values=$params batches=$b32
read-tree $IGD parameters=$params values=$params batches=$b1000" "the reads' summaries"
# The batches: as many as needed, of the size asked for (the last one the rest).
n=$(grep -c ' -> GetParameterValues id=.* names=' <<<"$log")
[ "$n" = $((b32 + b1000)) ] || fail "$n GetParameterValues for $params parameters, not $b32 + $b1000"
[ "$(grep -c ' -> GetParameterValues id=.* names=32$' <<<"$log")" = $((params / 32)) ] ||
    fail "not every batch of the first read has 32 names"
# The values received, as the responses count them: each parameter twice (two reads).
got=$(grep -A1 ' -> GetParameterValues id=.* names=' <<<"$log" |
    sed -n 's/.*<- GetParameterValuesResponse params=\([0-9]*\) .*/\1/p' | paste -sd+ | bc)
[ "$got" = $((2 * params)) ] || fail "values received: $got, not 2 x $params"
# What was read is recorded, one line per value.
[ "$(wc -l <"$ACS_REC/1-tree.txt")" = $((2 * params)) ] || fail "1-tree.txt lacks values"
grep -q "^${IGD}WANDevice.1.WANConnectionDevice.1.WANIPConnection.1.ExternalIPAddress xsd:string 10.194.145.170\$" \
    "$ACS_REC/1-tree.txt" || fail "the WAN address was not read"
grep -q "PortMapping.3.ExternalPort xsd:unsignedInt 8080\$" "$ACS_REC/1-tree.txt" ||
    fail "the third port mapping was not read"
# A value of a type the ACS has not read, sent as xsd:string, is taken; the session ends with 204.
grep -q '<- SetParameterValuesResponse status=0' <<<"$log" ||
    fail "xsd:string for an unsignedInt was refused"
assert_eq "$(grep -- ' -> ' <<<"$log" | tail -1 | cut -d' ' -f3-)" "-> 204 end" "the session's end"
stop_acs
