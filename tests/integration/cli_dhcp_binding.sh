#!/bin/bash
# show ip dhcp binding: the leases cwmpd has seen, in IOS's columns, by address: an Ethernet
# client identifier (01 and the MAC address in groups of four hex digits), the expiration in local
# time or Infinite, Automatic; leases added by the lease command appear, deleted ones go. A pool's
# manual binding (host and hardware-address or client-identifier) is listed too, as IOS does: its
# hardware address or client identifier as typed, Infinite, Manual, once even when a lease of its
# address was seen; a host alone is no binding.
. "$(dirname "$0")/lib.sh"

export TZ=UTC
mkdir -p "$STATE"
# 4102444800 is 2100-01-01 00:00 UTC.
cat >"$STATE/dhcp-leases" <<'EOF2'
lease 02:00:00:00:00:09 192.0.2.19 4102444800 Vlan1 printer
lease 02:00:00:00:00:0a 192.0.2.5 infinite Vlan1 %
EOF2
start_cwmpd --dhcp-snoop none
cli -c enable -c "configure terminal" -c "interface Vlan1" -c end >/dev/null
header="Bindings from all pools not associated with VRF:
IP address          Client-ID/              Lease expiration        Type
                    Hardware address/
                    User name"
out=$(cli -c "show ip dhcp binding")
assert_eq "$out" "$header
192.0.2.5           0102.0000.0000.0a       Infinite                Automatic
192.0.2.19          0102.0000.0000.09       Jan 01 2100 12:00 AM    Automatic" "the leases loaded"
out=$(cli -c enable -c "cwmp lease add aa:bb:cc:dd:ee:ff 192.0.2.200 infinite interface Vlan1") ||
    fail "the lease was refused: $out"
cli -c enable -c "cwmp lease delete 02:00:00:00:00:09" >/dev/null || fail "the delete failed"
out=$(cli -c "show ip dhcp binding")
assert_eq "$out" "$header
192.0.2.5           0102.0000.0000.0a       Infinite                Automatic
192.0.2.200         01aa.bbcc.ddee.ff       Infinite                Automatic" "after add and delete"
cli -c enable -c "configure terminal" \
    -c "ip dhcp pool printer" -c "host 192.0.2.50 255.255.255.0" -c "hardware-address 0011.2233.4455" \
    -c "ip dhcp pool laptop" -c "host 192.0.2.7 255.255.255.0" -c "client-identifier 0100.1122.3344.66" \
    -c "ip dhcp pool nobody" -c "host 192.0.2.60 255.255.255.0" -c end >/dev/null ||
    fail "the manual bindings were refused"
out=$(cli -c enable -c "cwmp lease add 00:11:22:33:44:55 192.0.2.50 3600 interface Vlan1") ||
    fail "the lease of the manual address was refused: $out"
out=$(cli -c "show ip dhcp binding")
assert_eq "$out" "$header
192.0.2.5           0102.0000.0000.0a       Infinite                Automatic
192.0.2.7           0100.1122.3344.66       Infinite                Manual
192.0.2.50          0011.2233.4455          Infinite                Manual
192.0.2.200         01aa.bbcc.ddee.ff       Infinite                Automatic" "with manual bindings"
cli -c enable -c "configure terminal" -c "no ip dhcp pool laptop" -c end >/dev/null ||
    fail "the pool delete failed"
out=$(cli -c "show ip dhcp binding")
assert_eq "$out" "$header
192.0.2.5           0102.0000.0000.0a       Infinite                Automatic
192.0.2.50          0011.2233.4455          Infinite                Manual
192.0.2.200         01aa.bbcc.ddee.ff       Infinite                Automatic" "a deleted pool's binding goes"
out=$(cli -c "show ip dhcp binding extra")
assert_contains "$out" "% Invalid input detected at '^' marker."
exit 0
