#!/bin/bash
# ACS discovery and autoinstall through busybox udhcpc and contrib/cwmpd-udhcpc-hook: dnsmasq on
# the ISP side of a veth pair offers option 43 (URL) and option 150 with two TFTP servers (its own
# first, holding the boot file of option 67); on the CPE side udhcpc runs the hook, which hands
# option 43 to cwmpd and option 150 as dotted addresses (udhcpc gives it in hexadecimal). cwmpd,
# started without a startup-config and not watching DHCP itself (--wan-dhcp none), opens a session
# with the ACS, and autoinstall gets both servers and fetches the boot file from the first. The
# release (udhcpc's SIGUSR2, deconfig) makes cwmpd forget the ACS.
# Needs root, ip netns, dnsmasq and busybox: skips (77) otherwise.
. "$(dirname "$0")/cwmp_lib.sh"
. "$(dirname "$0")/cwmp_dhcp_lib.sh"

dhcp_require dnsmasq
BUSYBOX=$(command -v busybox || true)
[ -n "$BUSYBOX" ] || skip "busybox is not installed (Debian: busybox)"
"$BUSYBOX" udhcpc --help >/dev/null 2>&1 || skip "this busybox has no udhcpc"
dhcp_netns ud

write_device_info
start_acs $(schema_args)
start_cwmpd --wan-dhcp none
cli -c enable -c "configure terminal" -c "cwmp agent" -c "session retry wait 1" -c enable -c end \
    >/dev/null

ROOT=$TEST_TMP/tftp
mkdir -p "$ROOT"
printf '%s\n' '!' 'hostname UdhcpcCPE' '!' >"$ROOT/udhcpc.cfg"
chmod 755 "$TEST_TMP" "$ROOT"
chmod 644 "$ROOT/udhcpc.cfg"
isp_dnsmasq --dhcp-range=198.51.100.10,198.51.100.50,600 \
    --dhcp-option=vendor:dslforum.org,1,"$ACS_URL" \
    --dhcp-option=150,198.51.100.1,198.51.100.2 --dhcp-option=67,udhcpc.cfg \
    --enable-tftp --tftp-root="$ROOT"

# The system's script that the hook runs first: it gives the CPE its address.
cat >"$TEST_TMP/default.script" <<'EOF2'
#!/bin/sh
case $1 in
bound | renew)
    ip addr flush dev "$interface"
    ip addr add "$ip/24" dev "$interface"
    ;;
deconfig)
    ip addr flush dev "$interface"
    ;;
esac
EOF2
chmod +x "$TEST_TMP/default.script"
ip netns exec "$CPE" env CWMPSH="$CWMPSH" CWMPD_SOCKET="$SOCK" \
    CWMPD_UDHCPC_SCRIPT="$TEST_TMP/default.script" \
    "$BUSYBOX" udhcpc -f -i "$CPE_IF" -V dslforum.org -O 43 -O 150 -O bootfile \
    -p "$TEST_TMP/udhcpc.pid" -s "$TESTS_SRCDIR/../contrib/cwmpd-udhcpc-hook" \
    >>"$TEST_TMP/udhcpc.log" 2>&1 &
NS_PIDS="$NS_PIDS $!"

wait_acs_sessions 1 15 || { dhcp_logs; fail "no session with the ACS named through udhcpc"; }
assert_contains "$(body 1 01)" "<EventCode>0 BOOTSTRAP</EventCode>"
out=$(cli -c enable -c "show cwmp session" | grep "^ACS URL")
assert_eq "$out" "ACS URL             : $ACS_URL (from DHCP option 43)"

wait_show "show autoinstall" "^Autoinstall *: configured"
out=$(cli -c enable -c "show autoinstall")
assert_eq "$out" "Autoinstall         : configured from tftp://198.51.100.1/ (host file)
TFTP server         : 198.51.100.1,198.51.100.2
Boot file           : udhcpc.cfg"
assert_contains "$(running_config)" "hostname UdhcpcCPE"

# The release: udhcpc runs deconfig.
kill -USR2 "$(cat "$TEST_TMP/udhcpc.pid")"
wait_show "show cwmp session" "^ACS URL *: (none)" 50
out=$(cli -c enable -c "show cwmp session" | grep "^ACS URL")
assert_eq "$out" "ACS URL             : (none)"
acs_no_invalid
stop_cwmpd
