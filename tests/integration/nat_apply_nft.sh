#!/bin/bash
# contrib/hooks/nat-apply, the nftables example of the nat-apply hook, driven by cwmpd in a network
# namespace this test creates (nothing of the machine's own is touched): running-config's rules
# become DNAT and SNAT rules of the table ip cwmpd_nat, follow the WAN address that the interface
# has (as DHCP would change it), and go when the line goes. Needs root, ip and a usable nft;
# skipped (77) otherwise.
. "$(dirname "$0")/lib.sh"

command -v nft >/dev/null || skip "no nft"
command -v ip >/dev/null || skip "no ip"
[ "$(id -u)" = 0 ] || skip "not root: cannot create a network namespace"
NS=cwmpd-nat-$$
ip netns add "$NS" 2>/dev/null || skip "cannot create a network namespace"
trap 'rc=$?; ip netns del "$NS" 2>/dev/null; (exit $rc); cleanup' EXIT
ip netns exec "$NS" nft list ruleset >/dev/null 2>&1 || skip "nft does not work in a namespace"

# The WAN interface: a veth pair inside the namespace (dummy interfaces need a module that kernels
# of containers often lack).
ip -n "$NS" link set lo up
ip -n "$NS" link add wan0 type veth peer name wan0-peer 2>/dev/null ||
    skip "cannot create a veth pair in the namespace"
ip -n "$NS" link set wan0-peer up
ip -n "$NS" link set wan0 up
ip -n "$NS" addr add 10.194.145.170/24 dev wan0 || fail "cannot address wan0"

mkdir -p "$HOOKS" "$STATE"
ln -s "$TESTS_SRCDIR/../contrib/hooks/nat-apply" "$HOOKS/nat-apply"
# cwmpd itself runs in the namespace: the WAN interface's address is what it finds there, and the
# hook it starts works on the namespace's ruleset. Its control socket is a file, reached from here.
cat >"$TEST_TMP/cwmpd-in-ns" <<EOF
#!/bin/sh
exec ip netns exec "$NS" "$CWMPD" "\$@"
EOF
chmod +x "$TEST_TMP/cwmpd-in-ns"
CWMPD=$TEST_TMP/cwmpd-in-ns

cat >"$STATE/startup-config" <<'EOF'
interface Ethernet0/0
 ip address dhcp
 ip nat outside
 cwmp wan
 cwmp wan default
!
interface Vlan102
 ip address 15.15.15.1 255.255.255.0
 ip nat inside
!
ip nat inside source static tcp 15.15.15.2 7547 10.194.145.170 9000 extendable
EOF
export CWMPD_IFMAP="Ethernet0/0=wan0,Vlan102=cwmpt-lan0"

ruleset() {
    ip netns exec "$NS" nft list table ip cwmpd_nat 2>/dev/null
}

# wait_ruleset present|absent TEXT [SECONDS]
wait_ruleset() {
    local i tries=$(( ${3:-10} * 10 ))
    for i in $(seq 1 "$tries"); do
        case $(ruleset) in
        *"$2"*) [ "$1" = present ] && return 0 ;;
        *) [ "$1" = absent ] && return 0 ;;
        esac
        sleep 0.1
    done
    ruleset >&2
    fail "the ruleset does not have $1: $2"
}

start_cwmpd
wait_ruleset present "ip daddr 10.194.145.170 tcp dport 9000 dnat to 15.15.15.2:7547"
wait_ruleset present "ip saddr 15.15.15.2 tcp sport 7547 snat to 10.194.145.170:9000"

printf '%s\n' enable "configure terminal" \
    "ip nat inside source static udp 15.15.15.3 53 10.194.145.170 5353" end | run_lines >/dev/null
wait_ruleset present "ip daddr 10.194.145.170 udp dport 5353 dnat to 15.15.15.3:53"

# The address changes as DHCP would change it, with no command: the rules follow within the
# recheck period (10 s).
ip -n "$NS" addr flush dev wan0
ip -n "$NS" addr add 10.194.145.171/24 dev wan0
wait_ruleset present "ip daddr 10.194.145.171 tcp dport 9000 dnat to 15.15.15.2:7547" 15
wait_ruleset present "ip daddr 10.194.145.171 udp dport 5353 dnat to 15.15.15.3:53"
assert_not_contains "$(ruleset)" "10.194.145.170"
assert_contains "$(running_config)" \
    "ip nat inside source static udp 15.15.15.3 53 10.194.145.171 5353"

printf '%s\n' enable "configure terminal" \
    "no ip nat inside source static udp 15.15.15.3 53 10.194.145.171 5353" end |
    run_lines >/dev/null
wait_ruleset absent "udp dport 5353"
assert_contains "$(ruleset)" "ip daddr 10.194.145.171 tcp dport 9000 dnat to 15.15.15.2:7547"
grep -q "NAT-3-APPLY" "$CWMPD_LOG" && fail "a run of the hook failed"
stop_cwmpd
exit 0
