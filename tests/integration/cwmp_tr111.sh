#!/bin/bash
# Device-gateway association over a real DHCP exchange (TR-069 Annex F): in two network
# namespaces of its own joined by a veth pair, a gateway with dnsmasq, cwmpd and the test ACS, and
# a device whose DHCP client sends option 125 (enterprise 3561: OUI, serial number, product
# class). cwmpd watches DHCP on the gateway's end (the LAN interface Ethernet0/1, mapped to it with
# CWMPD_IFMAP), and the ACS, with active notification on ManageableDeviceNumberOfEntries, gets
# 4 VALUE CHANGE when the device gets its lease and when it releases it.
# Needs root, ip netns, dnsmasq, and dhclient or busybox udhcpc (TR111_DHCP_CLIENT=udhcpc to
# prefer it): skips (77) otherwise.
. "$(dirname "$0")/cwmp_lib.sh"

[ "$(id -u)" = 0 ] || skip "needs root (network namespaces, CAP_NET_RAW)"
command -v ip >/dev/null || skip "ip (iproute2) is not installed"
DNSMASQ=$(command -v dnsmasq || true)
[ -n "$DNSMASQ" ] || skip "dnsmasq is not installed (Debian: dnsmasq-base)"
DHCLIENT=$(command -v dhclient || true)
BUSYBOX=$(command -v busybox || true)
# TR111_DHCP_CLIENT=udhcpc tries busybox's client where both are installed.
[ "${TR111_DHCP_CLIENT:-}" = udhcpc ] && DHCLIENT=
if [ -z "$DHCLIENT" ] && ! { [ -n "$BUSYBOX" ] && "$BUSYBOX" --list | grep -qx udhcpc; }; then
    skip "no DHCP client: dhclient (isc-dhcp-client) or busybox udhcpc"
fi

GW=cwmpd-gw-$$
DEV=cwmpd-dev-$$
netns_cleanup() {
    local pid
    for pid in ${NS_PIDS:-}; do
        kill "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
    done
    ip netns del "$DEV" 2>/dev/null
    ip netns del "$GW" 2>/dev/null
}
NS_PIDS=
# Stops what runs in the namespaces and removes them, then lib.sh's cleanup (cwmpd, the ACS, the
# temporary directory) with the test's exit status.
on_exit() {
    local rc=$?
    netns_cleanup
    (exit "$rc")
    cleanup
}
trap on_exit EXIT

ip netns add "$GW" 2>/dev/null || skip "cannot create network namespaces"
ip netns add "$DEV" || skip "cannot create network namespaces"
ip link add tr111gw netns "$GW" type veth peer name tr111dev netns "$DEV" ||
    skip "cannot create a veth pair"
ip -n "$GW" link set lo up
ip -n "$DEV" link set lo up
ip -n "$GW" addr add 192.0.2.1/24 dev tr111gw
ip -n "$GW" link set tr111gw up
ip -n "$DEV" link set tr111dev address 02:00:5e:00:01:11
ip -n "$DEV" link set tr111dev up
DEV_MAC=02:00:5e:00:01:11

# cwmpd and the ACS run in the gateway's namespace (the ACS on its loopback): each program is
# started through a wrapper that enters it, keeping its process id (ip netns exec executes it).
in_gw() { # NAME PROGRAM: writes $TEST_TMP/NAME, which runs PROGRAM in the gateway namespace
    printf '#!/bin/sh\nexec ip netns exec %s %s "$@"\n' "$GW" "$2" >"$TEST_TMP/$1"
    chmod +x "$TEST_TMP/$1"
}
in_gw cwmpd "$CWMPD"
in_gw testacs "$TESTACS"
CWMPD=$TEST_TMP/cwmpd
TESTACS=$TEST_TMP/testacs
export CWMPD_IFMAP=Ethernet0/1=tr111gw

MD=InternetGatewayDevice.ManagementServer.ManageableDevice
COUNT=InternetGatewayDevice.ManagementServer.ManageableDeviceNumberOfEntries
write_device_info
cat >"$TEST_TMP/script" <<EOF2
session
SetParameterAttributes $COUNT true 2 false %
end
session
GetParameterValues $MD. InternetGatewayDevice.LANDevice.1.Hosts.
end
EOF2
start_acs --script "$TEST_TMP/script" $(schema_args)
start_cwmpd
cli -c enable -c "configure terminal" -c "interface Ethernet0/1" \
    -c "ip address 192.0.2.1 255.255.255.0" -c end >/dev/null
configure_acs
cli -c enable -c "debug cwmp" >/dev/null
wait_acs_sessions 1 || fail "no first session"
out=$(cli -c enable -c "show cwmp manageable-devices")
assert_contains "$out" "DHCP snooping          : Ethernet0/1 (tr111gw)"

# The gateway's DHCP server.
ip netns exec "$GW" "$DNSMASQ" --keep-in-foreground --conf-file=/dev/null --port=0 \
    --interface=tr111gw --bind-interfaces --dhcp-range=192.0.2.10,192.0.2.50,600 \
    --dhcp-leasefile="$TEST_TMP/dnsmasq.leases" --pid-file="$TEST_TMP/dnsmasq.pid" \
    --user=root --log-dhcp --log-facility="$TEST_TMP/dnsmasq.log" &
NS_PIDS="$NS_PIDS $!"

# The device: option 125 = enterprise 3561, sub-options 1 OUI, 2 serial, 3 product class.
hex() { printf '%s' "$1" | od -An -tx1 | tr -d ' \n'; }
sub() { printf '%02x%02x%s' "$1" "${#2}" "$(hex "$2")"; }
data=$(sub 1 00D09E)$(sub 2 STB-TR111-0001)$(sub 3 STB-1000)
opt125=00000de9$(printf '%02x' $((${#data} / 2)))$data
# The client's script gives the device its address (a RELEASE goes to the server from it), and
# nothing else: the namespace shares this machine's /etc.
cat >"$TEST_TMP/client-script" <<'EOF2'
#!/bin/sh
case ${reason:-$1} in
BOUND | RENEW | REBIND | REBOOT | bound | renew)
    ip addr flush dev "$interface"
    ip addr add "${new_ip_address:-$ip}/24" dev "$interface"
    ;;
esac
exit 0
EOF2
chmod +x "$TEST_TMP/client-script"
if [ -n "$DHCLIENT" ]; then
    colons=$(printf '%s' "$opt125" | sed 's/../&:/g; s/:$//')
    printf 'send vivso %s;\nsend host-name "stb-1";\n' "$colons" >"$TEST_TMP/dhclient.conf"
    client() { # up | release
        local flag=
        [ "$1" = release ] && flag=-r
        ip netns exec "$DEV" "$DHCLIENT" -4 -1 $flag -cf "$TEST_TMP/dhclient.conf" \
            -lf "$TEST_TMP/dhclient.leases" -pf "$TEST_TMP/dhclient.pid" \
            -sf "$TEST_TMP/client-script" tr111dev >>"$TEST_TMP/dhclient.log" 2>&1
    }
else
    client() {
        if [ "$1" = up ]; then
            # In the foreground (a background job), releasing on SIGUSR2.
            ip netns exec "$DEV" "$BUSYBOX" udhcpc -f -i tr111dev -t 5 -T 1 \
                -s "$TEST_TMP/client-script" -x "0x7d:$opt125" -x hostname:stb-1 \
                >>"$TEST_TMP/udhcpc.log" 2>&1 &
            UDHCPC_PID=$!
            NS_PIDS="$NS_PIDS $UDHCPC_PID"
            local i
            for i in $(seq 1 100); do
                ip -n "$DEV" -4 addr show dev tr111dev | grep -q inet && return 0
                sleep 0.1
            done
            return 1
        else
            kill -USR2 "$UDHCPC_PID"
        fi
    }
fi

client up || { cat "$TEST_TMP"/*.log >&2; fail "the DHCP client got no lease"; }
[ -n "$DHCLIENT" ] && [ -s "$TEST_TMP/dhclient.pid" ] && NS_PIDS="$NS_PIDS $(cat "$TEST_TMP/dhclient.pid")"
wait_acs_sessions 2 10 || fail "the device's arrival was not notified"
inform=$(body 2 01)
assert_contains "$inform" "<EventCode>4 VALUE CHANGE</EventCode>"
assert_contains "$inform" "<Name>$COUNT</Name><Value xsi:type=\"xsd:unsignedInt\">1</Value>"
gpv=$(body 2 03)
assert_contains "$gpv" "<Name>$MD.1.ManufacturerOUI</Name><Value xsi:type=\"xsd:string\">00D09E</Value>"
assert_contains "$gpv" "<Name>$MD.1.SerialNumber</Name><Value xsi:type=\"xsd:string\">STB-TR111-0001</Value>"
assert_contains "$gpv" "<Name>$MD.1.ProductClass</Name><Value xsi:type=\"xsd:string\">STB-1000</Value>"
assert_contains "$gpv" "<Name>$MD.1.Host</Name><Value xsi:type=\"xsd:string\">InternetGatewayDevice.LANDevice.1.Hosts.Host.1</Value>"
assert_contains "$gpv" "<Name>InternetGatewayDevice.LANDevice.1.Hosts.Host.1.MACAddress</Name><Value xsi:type=\"xsd:string\">$DEV_MAC</Value>"
assert_match "$gpv" "<Name>InternetGatewayDevice.LANDevice.1.Hosts.Host.1.IPAddress</Name><Value xsi:type=\"xsd:string\">192.0.2.[1-5][0-9]</Value>"
assert_contains "$gpv" "<Name>InternetGatewayDevice.LANDevice.1.Hosts.Host.1.HostName</Name><Value xsi:type=\"xsd:string\">stb-1</Value>"
out=$(cli -c enable -c "show cwmp manageable-devices")
assert_match "$out" "^00D09E +STB-TR111-0001 +STB-1000 +$DEV_MAC +192\.0\.2\.[0-9]+ +Ethernet0/1 +[0-9]+$"

# The device releases its lease: it goes.
client release || fail "the DHCP client could not release"
wait_acs_sessions 3 10 || fail "the device's departure was not notified"
assert_contains "$(body 3 01)" "<Name>$COUNT</Name><Value xsi:type=\"xsd:unsignedInt\">0</Value>"
assert_contains "$(cli -c enable -c "show cwmp manageable-devices")" "DHCP leases            : 0"

acs_no_invalid
stop_acs
exit 0
