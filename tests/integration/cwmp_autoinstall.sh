#!/bin/bash
# Autoinstall over real DHCP and TFTP: in two network namespaces of its own joined by a veth pair,
# an ISP side whose dnsmasq is the DHCP server (options 150 and 66: its TFTP server, and option 43
# naming another ACS) and the TFTP server holding router-confg, the feature documentation's
# autoinstall example (IOS-CLI.md, Example 2) with the test ACS's URL; and a CPE side with cwmpd
# started without a startup-config, the test ACS (on the CPE's loopback) and ISC dhclient, whose
# script sources contrib/cwmpd-dhclient-hook. With no line typed, cwmpd fetches network-confg
# (absent), cisconet.cfg (absent), then router-confg, merges it, and opens a session with the
# ACS it names (the configured URL wins over option 43's); nothing is saved.
# Needs root, ip netns, dnsmasq and dhclient: skips (77) otherwise.
. "$(dirname "$0")/cwmp_lib.sh"
. "$(dirname "$0")/cwmp_dhcp_lib.sh"

dhcp_require dnsmasq dhclient
dhcp_netns ai

write_device_info
start_acs $(schema_args)
start_cwmpd
[ -e "$STATE/startup-config" ] && fail "a startup-config to start with"
out=$(cli -c enable -c "show autoinstall")
assert_eq "$out" "Autoinstall         : waiting for a DHCP lease with a TFTP server"

# The TFTP server's files: Example 2, with the test ACS's URL.
ROOT=$TEST_TMP/tftp
mkdir -p "$ROOT"
sed -n '/^### Example 2/,/^### Example 3/p' "$SHARED_DIR/IOS-CLI.md" 2>/dev/null |
    sed -n '/^```$/,/^```$/p' | sed '1d;$d' >"$ROOT/router-confg"
[ -s "$ROOT/router-confg" ] || printf '%s\n' '!' 'cwmp agent' 'enable' 'enable download' \
    'management server password lab' 'management server url http://10.1.98.229:7547/acs' \
    'connection request username user1' 'connection request password lab' '!' \
    'ip http server' '!' >"$ROOT/router-confg"
sed -i "s|http://10.1.98.229:7547/acs|$ACS_URL|" "$ROOT/router-confg"
grep -q "management server url $ACS_URL" "$ROOT/router-confg" || fail "Example 2 has no URL"
chmod 755 "$TEST_TMP" "$ROOT"
chmod 644 "$ROOT/router-confg"

isp_dnsmasq --dhcp-range=198.51.100.10,198.51.100.50,600 \
    --dhcp-option=150,198.51.100.1 --dhcp-option=66,198.51.100.1 \
    --dhcp-option=vendor:dslforum.org,1,http://127.0.0.1:9/from-dhcp \
    --enable-tftp --tftp-root="$ROOT"

dhclient_script "$TEST_TMP/client-script" "$TESTS_SRCDIR/../contrib/cwmpd-dhclient-hook"
cat >"$TEST_TMP/dhclient.conf" <<'EOF2'
option tftp-server-address code 150 = array of ip-address;
send vendor-class-identifier "dslforum.org";
also request vendor-encapsulated-options, tftp-server-address, tftp-server-name, bootfile-name;
EOF2
cpe_dhclient -4 -1 -cf "$TEST_TMP/dhclient.conf" \
    -lf "$TEST_TMP/dhclient.leases" -pf "$TEST_TMP/dhclient.pid" \
    -sf "$TEST_TMP/client-script" "$CPE_IF" ||
    { dhcp_logs; fail "the DHCP client got no lease"; }

wait_acs_sessions 1 15 || fail "no session with the ACS of the autoinstalled configuration"
inform=$(body 1 01)
assert_contains "$inform" "<EventCode>0 BOOTSTRAP</EventCode>"
out=$(cli -c enable -c "show autoinstall")
assert_eq "$out" "Autoinstall         : configured from tftp://198.51.100.1/ (host file)
TFTP server         : 198.51.100.1"
out=$(cli -c enable -c "show cwmp session" | grep "^ACS URL")
assert_eq "$out" "ACS URL             : $ACS_URL"
rc=$(running_config)
assert_contains "$rc" "management server url $ACS_URL"
assert_contains "$rc" "connection request username user1"
assert_contains "$rc" "ip http server"
log=$(cat "$CWMPD_LOG")
assert_contains "$log" "%SYS-5-CONFIG_I: Configured from tftp://198.51.100.1/router-confg by autoinstall"
assert_contains "$log" "%AUTOINSTALL-5-DONE: configured from tftp://198.51.100.1/ (host file); not saved"
grep -q "network-confg not found" "$TEST_TMP/dnsmasq.log" || fail "network-confg was not asked for first"
[ -e "$STATE/startup-config" ] && fail "autoinstall saved the configuration"
acs_no_invalid
stop_cwmpd
