# Helpers of the CWMP diagnostics tests: network namespaces this test creates (nothing of the
# machine's own is touched, no packet leaves it). cwmpd and the test ACS both run in a CPE
# namespace (the ACS on its 127.0.0.1), whose WAN cpe0 (192.0.2.2/24) reaches a router namespace
# (192.0.2.1), which forwards to a target namespace (198.51.100.2/24); 198.51.100.99 is a
# blackhole in the router (echoes vanish). Names: target.example from the CPE's hosts file, any
# other fails at once (the name server is 127.0.0.1, where nothing listens). Needs root and
# ip netns; skips (77) otherwise. Sources cwmp_vendor_lib.sh.
# shellcheck shell=bash

. "$(dirname "$0")/cwmp_vendor_lib.sh"

command -v ip >/dev/null || skip "no ip"
[ "$(id -u)" = 0 ] || skip "not root: cannot create network namespaces"
CPE=cwmpd-dd-cpe-$$
RTR=cwmpd-dd-rtr-$$
TGT=cwmpd-dd-tgt-$$
ip netns add "$CPE" 2>/dev/null || skip "cannot create a network namespace"
trap 'rc=$?; for n in "$CPE" "$RTR" "$TGT"; do ip netns del "$n" 2>/dev/null; done;
      rm -rf "/etc/netns/$CPE"; (exit $rc); cleanup' EXIT
ip netns add "$RTR" || fail "cannot create the router's namespace"
ip netns add "$TGT" || fail "cannot create the target's namespace"
for n in "$CPE" "$RTR" "$TGT"; do
    ip -n "$n" link set lo up
    # Every probe answered: the kernel's rate limit of ICMP errors would make hops depend on timing.
    ip netns exec "$n" sysctl -qw net.ipv4.icmp_ratelimit=0 2>/dev/null
done
ip -n "$CPE" link add cpe0 type veth peer name rtr0 netns "$RTR" 2>/dev/null ||
    skip "cannot create a veth pair between namespaces"
ip -n "$TGT" link add tgt0 type veth peer name rtr1 netns "$RTR" || fail "veth target-router"
ip -n "$CPE" addr add 192.0.2.2/24 dev cpe0
ip -n "$RTR" addr add 192.0.2.1/24 dev rtr0
ip -n "$RTR" addr add 198.51.100.1/24 dev rtr1
ip -n "$TGT" addr add 198.51.100.2/24 dev tgt0
for l in "$CPE cpe0" "$RTR rtr0" "$RTR rtr1" "$TGT tgt0"; do
    set -- $l
    ip -n "$1" link set "$2" up
done
ip netns exec "$RTR" sysctl -qw net.ipv4.ip_forward=1
ip -n "$CPE" route add default via 192.0.2.1
ip -n "$TGT" route add default via 198.51.100.1
ip -n "$RTR" route add blackhole 198.51.100.99/32
# The raw socket of a root cwmpd, as on a CPE whose kernel refuses unprivileged ICMP sockets.
ip netns exec "$CPE" sysctl -qw net.ipv4.ping_group_range="1 0"
mkdir -p "/etc/netns/$CPE"
printf '198.51.100.2 target.example\n' >"/etc/netns/$CPE/hosts"
printf 'nameserver 127.0.0.1\noptions timeout:1 attempts:1\n' >"/etc/netns/$CPE/resolv.conf"

for prog in CWMPD TESTACS; do
    cat >"$TEST_TMP/$prog-in-ns" <<EOF2
#!/bin/sh
exec ip netns exec "$CPE" "${!prog}" "\$@"
EOF2
    chmod +x "$TEST_TMP/$prog-in-ns"
done
CWMPD=$TEST_TMP/CWMPD-in-ns
TESTACS=$TEST_TMP/TESTACS-in-ns
export CWMPD_IFMAP="Ethernet0/0=cpe0"

# The CPE's WAN, so that an Interface value has an object to name.
write_diag_config() {
    write_device_info
    cat >"$STATE/startup-config" <<'EOF2'
ip http server
!
interface Ethernet0/0
 ip address 192.0.2.2 255.255.255.0
 cwmp wan default
!
cwmp agent
 connection request username cr-user
 connection request password 0 cr-pass
!
end
EOF2
}

# value S NN NAME: the Value of NAME in the recorded message NN of session S.
value() {
    body "$1" "$2" | tr -d '\n' | grep -o "<Name>$3</Name>[[:space:]]*<Value[^>]*>[^<]*</Value>" |
        sed 's/.*<Value[^>]*>//; s/<\/Value>//'
}

# events S: the events of session S's Inform, as the ACS logged them.
events() {
    sed -n "s/^$1 01 <- Inform events=\(.*\) retry=.*/\1/p" "$ACS_REC/log"
}

# in_range V LO HI WHAT
in_range() {
    [ "$1" -ge "$2" ] 2>/dev/null && [ "$1" -le "$3" ] || fail "$4: $1 not in $2..$3"
}
