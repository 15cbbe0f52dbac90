#!/bin/bash
# ACS discovery over a real DHCP exchange (TR-069 3.1): in two network namespaces of its own joined
# by a veth pair, an ISP side whose dnsmasq offers option 43 (sub-options 1 URL and 2
# ProvisioningCode) to clients of vendor class dslforum.org, and a CPE side with cwmpd, the test
# ACS (on the CPE's loopback, which the URL offered names) and ISC dhclient, whose script sources
# contrib/cwmpd-dhclient-hook as dhclient-script would. cwmpd is enabled with no URL typed: it
# learns the ACS from DHCP, shows it as such, keeps it out of running-config, and opens a session
# with 0 BOOTSTRAP; a typed URL wins over it; the lease's release makes cwmpd forget it.
# Needs root, ip netns, dnsmasq and dhclient: skips (77) otherwise.
. "$(dirname "$0")/cwmp_lib.sh"

[ "$(id -u)" = 0 ] || skip "needs root (network namespaces)"
command -v ip >/dev/null || skip "ip (iproute2) is not installed"
DNSMASQ=$(command -v dnsmasq || true)
[ -n "$DNSMASQ" ] || skip "dnsmasq is not installed (Debian: dnsmasq-base)"
DHCLIENT=$(command -v dhclient || true)
[ -n "$DHCLIENT" ] || skip "dhclient is not installed (Debian: isc-dhcp-client)"

ISP=cwmpd-isp-$$
CPE=cwmpd-cpe-$$
NS_PIDS=
on_exit() {
    local rc=$? pid
    for pid in $NS_PIDS; do
        kill "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
    done
    [ -s "$TEST_TMP/dhclient.pid" ] && kill "$(cat "$TEST_TMP/dhclient.pid")" 2>/dev/null
    ip netns del "$CPE" 2>/dev/null
    ip netns del "$ISP" 2>/dev/null
    (exit "$rc")
    cleanup
}
trap on_exit EXIT

ip netns add "$ISP" 2>/dev/null || skip "cannot create network namespaces"
ip netns add "$CPE" || skip "cannot create network namespaces"
ip link add acsisp netns "$ISP" type veth peer name acscpe netns "$CPE" ||
    skip "cannot create a veth pair"
ip -n "$ISP" link set lo up
ip -n "$CPE" link set lo up
ip -n "$ISP" addr add 198.51.100.1/24 dev acsisp
ip -n "$ISP" link set acsisp up
ip -n "$CPE" link set acscpe up

# cwmpd and the ACS run in the CPE's namespace, through wrappers that keep their process ids.
in_cpe() { # NAME PROGRAM
    printf '#!/bin/sh\nexec ip netns exec %s %s "$@"\n' "$CPE" "$2" >"$TEST_TMP/$1"
    chmod +x "$TEST_TMP/$1"
}
in_cpe cwmpd "$CWMPD"
in_cpe testacs "$TESTACS"
CWMPD=$TEST_TMP/cwmpd
TESTACS=$TEST_TMP/testacs

write_device_info
start_acs $(schema_args)
start_cwmpd
# Enabled, quick retries, and no URL.
cli -c enable -c "configure terminal" -c "cwmp agent" -c "session retry wait 1" -c enable -c end \
    >/dev/null
out=$(cli -c enable -c "show cwmp session" | grep "^ACS URL")
assert_eq "$out" "ACS URL             : (none)"

ip netns exec "$ISP" "$DNSMASQ" --keep-in-foreground --conf-file=/dev/null --port=0 \
    --interface=acsisp --bind-interfaces --dhcp-range=198.51.100.10,198.51.100.50,600 \
    --dhcp-option=vendor:dslforum.org,1,"$ACS_URL" --dhcp-option=vendor:dslforum.org,2,PC-TEST \
    --dhcp-leasefile="$TEST_TMP/dnsmasq.leases" --pid-file="$TEST_TMP/dnsmasq.pid" \
    --user=root --log-dhcp --log-facility="$TEST_TMP/dnsmasq.log" &
NS_PIDS="$NS_PIDS $!"

# The client's script gives the CPE its address, then runs the hook as dhclient-script does.
cat >"$TEST_TMP/client-script" <<EOF2
#!/bin/sh
case \$reason in
BOUND | RENEW | REBIND | REBOOT)
    ip addr flush dev "\$interface"
    ip addr add "\$new_ip_address/24" dev "\$interface"
    ;;
esac
CWMPSH=$CWMPSH CWMPD_SOCKET=$SOCK
. "$TESTS_SRCDIR/../contrib/cwmpd-dhclient-hook"
exit 0
EOF2
chmod +x "$TEST_TMP/client-script"
printf 'send vendor-class-identifier "dslforum.org";\nalso request vendor-encapsulated-options;\n' \
    >"$TEST_TMP/dhclient.conf"
client() { # up | release
    local flag=
    [ "$1" = release ] && flag=-r
    ip netns exec "$CPE" "$DHCLIENT" -4 -1 $flag -cf "$TEST_TMP/dhclient.conf" \
        -lf "$TEST_TMP/dhclient.leases" -pf "$TEST_TMP/dhclient.pid" \
        -sf "$TEST_TMP/client-script" acscpe >>"$TEST_TMP/dhclient.log" 2>&1
}
client up || { cat "$TEST_TMP"/*.log >&2; fail "the DHCP client got no lease"; }

wait_acs_sessions 1 10 || fail "no session with the ACS from DHCP"
inform=$(body 1 01)
assert_contains "$inform" "<EventCode>0 BOOTSTRAP</EventCode>"
out=$(cli -c enable -c "show cwmp session" | grep "^ACS URL")
assert_eq "$out" "ACS URL             : $ACS_URL (from DHCP option 43)"
assert_not_contains "$(running_config)" "$ACS_URL"
assert_not_contains "$(running_config)" "management server url"
assert_contains "$(cat "$CWMPD_LOG")" "%CWMP-5-ACS_DHCP: ACS URL $ACS_URL learnt from DHCP option 43"

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
acs_no_invalid
stop_cwmpd
