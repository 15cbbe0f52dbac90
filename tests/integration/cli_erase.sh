#!/bin/bash
# write erase and erase startup-config from a pipe and from -c: the default answer of IOS's
# [confirm] (go on), [OK] and "Erase of nvram: complete", %SYS-7-NV_BLOCK_INIT logged, the
# startup-config gone (show startup-config: "startup-config is not present") while the running
# configuration and the CWMP state stay; a restart then starts without it. default interface: the
# interface's lines gone, the interface kept, in its place; one that is not configured refused.
. "$(dirname "$0")/lib.sh"

start_cwmpd
printf '%s\n' enable "configure terminal" "hostname Edge-1" "interface Loopback3" \
    "description keep me" "interface Ethernet0/1" "description lan side" \
    "ip address 192.168.7.1 255.255.255.0" "ip nat inside" "ip mtu 1400" shutdown \
    "interface Ethernet0/2" "description after" end "write memory" | run_lines >/dev/null ||
    fail "could not configure"
[ -s "$STATE/startup-config" ] || fail "write memory wrote no startup-config"
before=$(running_config)
state_before=$(ls "$STATE")

# From a pipe: no question, the erase done.
out=$(printf '%s\n' enable "write erase" "show startup-config" | run_lines) ||
    fail "write erase failed: $out"
assert_eq "$out" "[OK]
Erase of nvram: complete
startup-config is not present"
[ -e "$STATE/startup-config" ] && fail "write erase left the startup-config"
assert_eq "$(running_config)" "$before" "running-config after write erase"
for _ in $(seq 1 100); do
    grep -q "NV_BLOCK_INIT" "$CWMPD_LOG" && break
    sleep 0.05
done
assert_contains "$(cat "$CWMPD_LOG")" "%SYS-7-NV_BLOCK_INIT: Initialized the geometry of nvram"
# Only the startup-config went: the CWMP state's files stay.
assert_eq "$(ls "$STATE")" "$(printf '%s\n' "$state_before" | grep -vx startup-config)" \
    "the state directory after write erase"

# Erasing what is not there is done too; erase startup-config from -c is the same command.
out=$(cli -c enable -c "erase startup-config") || fail "erase startup-config failed: $out"
assert_eq "$out" "[OK]
Erase of nvram: complete"
out=$(cli -c enable -c "write memory" -c "erase startup-c" -c "show startup-config") ||
    fail "erase after write memory failed: $out"
assert_eq "$out" "Building configuration...
[OK]
[OK]
Erase of nvram: complete
startup-config is not present"

# Privileged only, as IOS: user EXEC does not know it.
out=$(printf '%s\n' "write erase" | run_lines) && fail "write erase ran in user EXEC"
assert_contains "$out" "% Invalid input detected at '^' marker."
cli -c enable -c "write memory" >/dev/null || fail "write memory failed"
out=$(printf '%s\n' "erase startup-config" | run_lines) &&
    fail "erase startup-config ran in user EXEC"
[ -s "$STATE/startup-config" ] || fail "user EXEC erased the startup-config"

# A restart after an erase starts from the defaults.
cli -c enable -c "write erase" >/dev/null || fail "write erase failed"
stop_cwmpd
start_cwmpd
assert_not_contains "$(running_config)" "hostname Edge-1" "running-config after the restart"
assert_not_contains "$(running_config)" "lan side" "running-config after the restart"

# default interface: the interface back to a new one's configuration, kept where it was.
printf '%s\n' enable "configure terminal" "interface Ethernet0/1" "description lan side" \
    "ip address 192.168.7.1 255.255.255.0" "ip nat inside" "ip mtu 1400" shutdown \
    "interface Ethernet0/2" "description after" "interface Loopback3" "description virtual" end |
    run_lines >/dev/null || fail "could not configure the interfaces"
order() {
    grep -E '^interface (Ethernet0/[12]|Loopback3)$'
}
order_before=$(running_config | order)
out=$(printf '%s\n' enable "configure terminal" "default interface ethernet 0/1" |
    run_lines) || fail "default interface failed: $out"
assert_eq "$out" "Enter configuration commands, one per line.  End with CNTL/Z.
Interface Ethernet0/1 set to default configuration"
rc=$(running_config)
assert_contains "$rc" "interface Ethernet0/1"
for line in "description lan side" "ip address 192.168.7.1 255.255.255.0" "ip nat inside" \
    "ip mtu 1400" " shutdown"; do
    assert_not_contains "$rc" "$line" "running-config after default interface"
done
assert_contains "$rc" " description after"
# The interfaces are in the same order as before.
assert_eq "$(printf '%s\n' "$rc" | order)" "$order_before" "the interfaces' order"
# The address is free again: another interface may take the subnet.
out=$(printf '%s\n' enable "configure terminal" "interface Ethernet0/2" \
    "ip address 192.168.7.2 255.255.255.0" | run_lines) ||
    fail "the subnet of the defaulted interface is still taken: $out"

# A virtual interface stays too (no interface removes it); from a sub-mode it falls through.
out=$(printf '%s\n' enable "configure terminal" "interface Ethernet0/2" \
    "default interface Loopback3" | run_lines) || fail "default interface Loopback3 failed: $out"
assert_contains "$out" "Interface Loopback3 set to default configuration"
rc=$(running_config)
assert_contains "$rc" "interface Loopback3"
assert_not_contains "$rc" "description virtual"

# One that is not configured: refused, nothing created.
out=$(printf '%s\n' enable "configure terminal" "default interface Loopback9" | run_lines) &&
    fail "default interface of a missing interface succeeded"
assert_eq "$out" "Enter configuration commands, one per line.  End with CNTL/Z.
% Interface Loopback9 does not exist"
assert_not_contains "$(running_config)" "Loopback9"
stop_cwmpd
