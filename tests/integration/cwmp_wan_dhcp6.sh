#!/bin/bash
# ACS discovery over DHCPv6 (TR-069 3.1, option 17 under enterprise 3561): dnsmasq on the ISP side
# of a veth pair gives addresses and option 17 (sub-options 1 URL and 2 ProvisioningCode); on the
# CPE side ISC dhclient -6 asks for it. First cwmpd reads the Reply itself (--wan-dhcp, the client's
# script only sets the address), on an interface that appeared after cwmpd started: the ACS gets
# a 0 BOOTSTRAP session, `show cwmp session` says where the URL and code came from; the client's
# Release makes cwmpd forget them. Then the same through
# contrib/cwmpd-dhclient-hook with cwmpd not watching (--wan-dhcp none): the hook hands option 17
# over, and forgets it on the release.
# Needs root, ip netns, dnsmasq and dhclient: skips (77) otherwise.
. "$(dirname "$0")/cwmp_lib.sh"
. "$(dirname "$0")/cwmp_dhcp_lib.sh"

dhcp_require dnsmasq dhclient
dhcp_netns w6

write_device_info
start_acs $(schema_args)

# Option 17: enterprise 3561, then sub-options of two bytes of code and two of length.
hex() { printf '%s' "$1" | od -An -tx1 -v | tr -s ' \n' '::' | sed 's/^://;s/:$//'; }
sub() { # CODE TEXT
    printf '00:%02x:%02x:%02x:%s' "$1" $((${#2} >> 8)) $((${#2} & 255)) "$(hex "$2")"
}
isp_dnsmasq --dhcp-range=2001:db8:51::10,2001:db8:51::50,64,600 \
    --dhcp-option=option6:17,00:00:0d:e9:"$(sub 1 "$ACS_URL")":"$(sub 2 PC-SIX)"

# What the hook's comment asks dhclient.conf for.
sed -n 's/^#   \(.*dhcp6.*\)$/\1/p' "$TESTS_SRCDIR/../contrib/cwmpd-dhclient-hook" >"$TEST_TMP/dhclient6.conf"
grep -q "also request dhcp6.cwmp-vendor" "$TEST_TMP/dhclient6.conf" ||
    fail "the hook's comment names no dhclient.conf lines for DHCPv6"
client() { # up | release SCRIPT
    local flag=
    [ "$1" = release ] && flag=-r
    touch "$TEST_TMP/dhclient6.leases" # dhclient -6 wants its real path
    cpe_link_local
    cpe_dhclient -6 -1 $flag -cf "$TEST_TMP/dhclient6.conf" -lf "$TEST_TMP/dhclient6.leases" \
        -pf "$TEST_TMP/dhclient6.pid" -sf "$2" "$CPE_IF"
}
acs_url() {
    cli -c enable -c "show cwmp session" | grep -E "^(ACS URL|Provisioning code)"
}
wait_url() { # WHAT: until show cwmp session's ACS URL line contains WHAT
    for i in $(seq 1 50); do
        acs_url | grep -q "^ACS URL *: $1" && return 0
        sleep 0.1
    done
    return 1
}
enable_agent() {
    cli -c enable -c "configure terminal" -c "cwmp agent" -c "session retry wait 1" -c enable \
        -c end >/dev/null
}

# 1. cwmpd reads the Reply itself, on an interface that comes after it started (renamed away and
# back), as a PPP or VLAN interface does: it is looked for again until it is there.
ip -n "$CPE" link set "$CPE_IF" down
ip -n "$CPE" link set "$CPE_IF" name w6late
start_cwmpd --wan-dhcp "$CPE_IF"
cli -c enable -c "debug cwmp" >/dev/null
enable_agent
out=$(cli -c enable -c "show cwmp session" | grep "^WAN DHCP")
assert_eq "$out" "WAN DHCP watched    : waiting for $CPE_IF"
ip -n "$CPE" link set w6late name "$CPE_IF"
ip -n "$CPE" link set "$CPE_IF" up
for i in $(seq 1 100); do
    grep -q "the WAN's DHCP watched on 1 interface now" "$CWMPD_LOG" && break
    sleep 0.1
done
assert_contains "$(cat "$CWMPD_LOG")" "CWMP: the WAN's DHCP watched on 1 interface now"
out=$(cli -c enable -c "show cwmp session" | grep "^WAN DHCP")
assert_eq "$out" "WAN DHCP watched    : $CPE_IF"
dhclient_script "$TEST_TMP/script-plain" "" 6
client up "$TEST_TMP/script-plain" || { dhcp_logs; fail "the DHCPv6 client got no lease"; }
wait_acs_sessions 1 15 || { dhcp_logs; fail "no session with the ACS from DHCPv6"; }
assert_contains "$(body 1 01)" "<EventCode>0 BOOTSTRAP</EventCode>"
assert_eq "$(acs_url)" "ACS URL             : $ACS_URL (from DHCP DHCPv6 option 17)
Provisioning code   : PC-SIX (from DHCP DHCPv6 option 17)"
assert_contains "$(cat "$CWMPD_LOG")" \
    "%CWMP-5-ACS_DHCP: ACS URL $ACS_URL learnt from DHCP DHCPv6 option 17"
client release "$TEST_TMP/script-plain"
wait_url "(none)" || fail "the DHCPv6 Release did not end the ACS: $(acs_url)"
assert_eq "$(acs_url)" "ACS URL             : (none)"
stop_cwmpd

# 2. The hook alone.
rm -f "$TEST_TMP/dhclient6.leases"
: >"$CWMPD_LOG"
start_cwmpd --wan-dhcp none
out=$(cli -c enable -c "show cwmp session" | grep "^WAN DHCP")
assert_eq "$out" "WAN DHCP watched    : off"
enable_agent
dhclient_script "$TEST_TMP/script-hook" "$TESTS_SRCDIR/../contrib/cwmpd-dhclient-hook" 6
client up "$TEST_TMP/script-hook" || { dhcp_logs; fail "the DHCPv6 client got no lease"; }
wait_url "$ACS_URL" || { dhcp_logs; fail "the hook did not hand option 17 over: $(acs_url)"; }
assert_eq "$(acs_url)" "ACS URL             : $ACS_URL (from DHCP DHCPv6 option 17)
Provisioning code   : PC-SIX (from DHCP DHCPv6 option 17)"
client release "$TEST_TMP/script-hook"
wait_url "(none)" || fail "the hook did not forget the ACS on the release: $(acs_url)"
acs_no_invalid
stop_cwmpd
