# Helpers of the tests over real DHCP (ACS discovery, autoinstall): two network namespaces of the
# test's own joined by a veth pair, an ISP side (198.51.100.1/24, 2001:db8:51::1/64) where
# dnsmasq serves DHCP, DHCPv6 and TFTP, and a CPE side where cwmpd, the test ACS (on the CPE's
# loopback) and the DHCP client run. Source after cwmp_lib.sh.
# shellcheck shell=bash

NS_PIDS=
ISP=
CPE=
ISP_IF=
CPE_IF=

# dhcp_require PROGRAM...: skips (77) unless the test runs as root with ip netns and each program
# (dnsmasq, dhclient); sets DNSMASQ and DHCLIENT.
dhcp_require() {
    [ "$(id -u)" = 0 ] || skip "needs root (network namespaces)"
    command -v ip >/dev/null || skip "ip (iproute2) is not installed"
    local p
    for p in "$@"; do
        case $p in
        dnsmasq)
            DNSMASQ=$(command -v dnsmasq || true)
            [ -n "$DNSMASQ" ] || skip "dnsmasq is not installed (Debian: dnsmasq-base)"
            ;;
        dhclient)
            DHCLIENT=$(command -v dhclient || true)
            [ -n "$DHCLIENT" ] || skip "dhclient is not installed (Debian: isc-dhcp-client)"
            ;;
        esac
    done
}

dhcp_on_exit() {
    local rc=$? pid f
    for pid in $NS_PIDS; do
        kill "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
    done
    for f in "$TEST_TMP"/dhclient*.pid; do
        [ -s "$f" ] && kill "$(cat "$f")" 2>/dev/null
    done
    [ -n "$CPE" ] && ip netns del "$CPE" 2>/dev/null
    [ -n "$ISP" ] && ip netns del "$ISP" 2>/dev/null
    (exit "$rc")
    cleanup
}

# dhcp_netns TAG: the two namespaces (cwmpd-TAGisp-PID, cwmpd-TAGcpe-PID) and the veth pair
# (TAGisp, TAGcpe: ISP_IF, CPE_IF), up; IPv6 on the ISP side without duplicate address detection,
# so that its DHCPv6 server answers at once. Then cwmpd and the test ACS run in the CPE's
# namespace, through wrappers that keep their process ids.
dhcp_netns() {
    ISP=cwmpd-$1isp-$$
    CPE=cwmpd-$1cpe-$$
    ISP_IF=$1isp
    CPE_IF=$1cpe
    trap dhcp_on_exit EXIT
    ip netns add "$ISP" 2>/dev/null || { ISP=; skip "cannot create network namespaces"; }
    ip netns add "$CPE" || { CPE=; skip "cannot create network namespaces"; }
    ip link add "$ISP_IF" netns "$ISP" type veth peer name "$CPE_IF" netns "$CPE" ||
        skip "cannot create a veth pair"
    ip -n "$ISP" link set lo up
    ip -n "$CPE" link set lo up
    ip netns exec "$ISP" sysctl -qw "net.ipv6.conf.$ISP_IF.accept_dad=0" 2>/dev/null
    ip netns exec "$CPE" sysctl -qw "net.ipv6.conf.$CPE_IF.accept_dad=0" 2>/dev/null
    ip -n "$ISP" addr add 198.51.100.1/24 dev "$ISP_IF"
    ip -n "$ISP" addr add 2001:db8:51::1/64 dev "$ISP_IF" nodad 2>/dev/null
    ip -n "$ISP" link set "$ISP_IF" up
    ip -n "$CPE" link set "$CPE_IF" up
    local name prog
    for name in cwmpd testacs; do
        prog=$CWMPD
        [ "$name" = testacs ] && prog=$TESTACS
        printf '#!/bin/sh\nexec ip netns exec %s %s "$@"\n' "$CPE" "$prog" >"$TEST_TMP/$name"
        chmod +x "$TEST_TMP/$name"
    done
    CWMPD=$TEST_TMP/cwmpd
    TESTACS=$TEST_TMP/testacs
}

# isp_dnsmasq [dnsmasq options...]: dnsmasq as the ISP's DHCP server on ISP_IF (no DNS), logging
# to $TEST_TMP/dnsmasq.log, in the background until the test ends.
isp_dnsmasq() {
    ip netns exec "$ISP" "$DNSMASQ" --keep-in-foreground --conf-file=/dev/null --port=0 \
        --interface="$ISP_IF" --bind-interfaces \
        --dhcp-leasefile="$TEST_TMP/dnsmasq.leases" --pid-file="$TEST_TMP/dnsmasq.pid" \
        --user=root --log-dhcp --log-facility="$TEST_TMP/dnsmasq.log" "$@" &
    NS_PIDS="$NS_PIDS $!"
}

# cpe_link_local: waits until the CPE's interface has its IPv6 link-local address usable (a
# DHCPv6 client binds to it).
cpe_link_local() {
    local i
    for i in $(seq 1 100); do
        ip -n "$CPE" -6 addr show dev "$CPE_IF" scope link 2>/dev/null | grep -q "inet6" &&
            ! ip -n "$CPE" -6 addr show dev "$CPE_IF" 2>/dev/null | grep -q tentative && return 0
        sleep 0.05
    done
    fail "no IPv6 link-local address on $CPE_IF"
}

# dhclient_script FILE [HOOK] [6]: a dhclient script that gives the CPE its address (its DHCPv6
# address with 6), then (with HOOK) sources the hook as dhclient-script does.
dhclient_script() {
    {
        echo '#!/bin/sh'
        echo 'case $reason in'
        if [ "${3:-}" = 6 ]; then
            echo 'BOUND6 | RENEW6 | REBIND6 | REBOOT6)'
            echo '    [ -n "${new_ip6_address:-}" ] && ip -6 addr replace "$new_ip6_address/64" dev "$interface" nodad'
        else
            echo 'BOUND | RENEW | REBIND | REBOOT)'
            echo '    ip addr flush dev "$interface"'
            echo '    ip addr add "$new_ip_address/24" dev "$interface"'
        fi
        echo '    ;;'
        echo 'esac'
        if [ -n "${2:-}" ]; then
            echo "CWMPSH=$CWMPSH CWMPD_SOCKET=$SOCK"
            echo ". \"$2\""
        fi
        echo 'exit 0'
    } >"$1"
    chmod +x "$1"
}

# cpe_dhclient ARGS...: dhclient in the CPE's namespace, its output in $TEST_TMP/dhclient.log.
cpe_dhclient() {
    ip netns exec "$CPE" "$DHCLIENT" "$@" >>"$TEST_TMP/dhclient.log" 2>&1
}

# dhcp_logs: what the DHCP server and client said, for a failure.
dhcp_logs() {
    cat "$TEST_TMP"/*.log >&2
}
