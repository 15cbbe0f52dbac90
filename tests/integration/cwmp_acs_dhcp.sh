#!/bin/bash
# ACS discovery over a real DHCP exchange (TR-069 3.1): in two network namespaces of its own joined
# by a veth pair, an ISP side whose dnsmasq offers option 43 (sub-options 1 URL and 2
# ProvisioningCode) to clients of vendor class dslforum.org, and a CPE side with cwmpd, the test
# ACS (on the CPE's loopback, which the URL offered names) and ISC dhclient, whose script sources
# contrib/cwmpd-dhclient-hook as dhclient-script would, while cwmpd reads the same DHCP itself
# (--wan-dhcp): learning the option twice makes one log line, and forgetting it twice one. cwmpd
# is enabled with no URL typed: it learns the ACS from DHCP, shows it as such, keeps it out of
# running-config, and opens a session with 0 BOOTSTRAP; a typed URL wins over it; the lease's
# release makes cwmpd forget it.
# Needs root, ip netns, dnsmasq and dhclient: skips (77) otherwise.
. "$(dirname "$0")/cwmp_lib.sh"
. "$(dirname "$0")/cwmp_dhcp_lib.sh"

dhcp_require dnsmasq dhclient
dhcp_netns acs

write_device_info
start_acs $(schema_args)
# cwmpd reads the WAN's DHCP too: the hook and cwmpd both tell it the option.
start_cwmpd --wan-dhcp "$CPE_IF"
# Enabled, quick retries, and no URL.
cli -c enable -c "configure terminal" -c "cwmp agent" -c "session retry wait 1" -c enable -c end \
    >/dev/null
out=$(cli -c enable -c "show cwmp session" | grep "^ACS URL")
assert_eq "$out" "ACS URL             : (none)"

isp_dnsmasq --dhcp-range=198.51.100.10,198.51.100.50,600 \
    --dhcp-option=vendor:dslforum.org,1,"$ACS_URL" --dhcp-option=vendor:dslforum.org,2,PC-TEST

# The client's script gives the CPE its address, then runs the hook as dhclient-script does.
dhclient_script "$TEST_TMP/client-script" "$TESTS_SRCDIR/../contrib/cwmpd-dhclient-hook"
printf 'send vendor-class-identifier "dslforum.org";\nalso request vendor-encapsulated-options;\n' \
    >"$TEST_TMP/dhclient.conf"
client() { # up | release
    local flag=
    [ "$1" = release ] && flag=-r
    cpe_dhclient -4 -1 $flag -cf "$TEST_TMP/dhclient.conf" \
        -lf "$TEST_TMP/dhclient.leases" -pf "$TEST_TMP/dhclient.pid" \
        -sf "$TEST_TMP/client-script" "$CPE_IF"
}
client up || { dhcp_logs; fail "the DHCP client got no lease"; }

wait_acs_sessions 1 10 || fail "no session with the ACS from DHCP"
inform=$(body 1 01)
assert_contains "$inform" "<EventCode>0 BOOTSTRAP</EventCode>"
out=$(cli -c enable -c "show cwmp session" | grep "^ACS URL")
assert_eq "$out" "ACS URL             : $ACS_URL (from DHCP option 43)"
assert_not_contains "$(running_config)" "$ACS_URL"
assert_not_contains "$(running_config)" "management server url"
assert_contains "$(cat "$CWMPD_LOG")" "%CWMP-5-ACS_DHCP: ACS URL $ACS_URL learnt from DHCP option 43"
assert_eq "$(grep -c "learnt from DHCP" "$CWMPD_LOG")" "1"

# A typed URL wins; without it, DHCP's comes back.
typed=http://127.0.0.1:$ACS_PORT/typed
cli -c enable -c "configure terminal" -c "cwmp agent" -c "management server url $typed" -c end \
    >/dev/null
out=$(cli -c enable -c "show cwmp session" | grep "^ACS URL")
assert_eq "$out" "ACS URL             : $typed"
cli -c enable -c "configure terminal" -c "cwmp agent" -c "no management server url" -c end \
    >/dev/null
out=$(cli -c enable -c "show cwmp session" | grep "^ACS URL")
assert_eq "$out" "ACS URL             : $ACS_URL (from DHCP option 43)"

# The release ends it.
client release
out=$(cli -c enable -c "show cwmp session" | grep "^ACS URL")
assert_eq "$out" "ACS URL             : (none)"
assert_eq "$(grep -c "learnt from DHCP is forgotten" "$CWMPD_LOG")" "1"
acs_no_invalid
stop_cwmpd
