#!/bin/bash
# Autoinstall over several TFTP servers, with retries: in the TFTP tests' network namespace
# (tftp_lib.sh: cwmpd started without a startup-config, its TFTP wait cut to 2 s), no TFTP server
# at 127.0.0.3, two dnsmasq TFTP servers (127.0.0.2 with no file at all, 127.0.0.1 whose
# router-confg arrives late). The DHCP client's hook offers the three servers, in option 150's
# order: the silent one is left after its first file, the first round finds nothing on the
# others and says when it tries again; the file put on the last server meanwhile is found by the
# second round, merged, not saved.
# Offers that cannot go into a tftp:// URL are refused with IOS's "%" line.
# Needs root, ip netns and dnsmasq: skips (77) otherwise.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/tftp_lib.sh"

# The second server, with no file at all.
mkdir -p "$TEST_TMP/tftp2"
chmod 755 "$TEST_TMP/tftp2"
ip netns exec "$NS" "$DNSMASQ" --keep-in-foreground --conf-file=/dev/null --port=0 \
    --enable-tftp --tftp-root="$TEST_TMP/tftp2" --listen-address=127.0.0.2 --bind-interfaces \
    --user=root --pid-file="$TEST_TMP/dnsmasq2.pid" --log-facility="$TEST_TMP/dnsmasq2.log" &
EXTRA_PIDS=$!
for i in $(seq 1 50); do
    grep -q "TFTP root" "$TEST_TMP/dnsmasq2.log" 2>/dev/null && break
    sleep 0.1
done
[ -e "$STATE/startup-config" ] && fail "a startup-config to start with"

# What cannot go into a tftp:// URL is refused, and autoinstall still waits.
out=$(cli -c enable -c "cwmp autoinstall tftp-server 127.0.0.1/x")
assert_eq "$out" "% Invalid TFTP server"
out=$(cli -c enable -c "cwmp autoinstall tftp-server 127.0.0.1,,127.0.0.2")
assert_eq "$out" "% Invalid TFTP server"
out=$(cli -c enable -c "cwmp autoinstall tftp-server 127.0.0.1 bootfile ../etc/passwd")
assert_eq "$out" "% Invalid boot file name"
out=$(cli -c enable -c "show autoinstall")
assert_eq "$out" "Autoinstall         : waiting for a DHCP lease with a TFTP server"

# Round 1: neither server has a file.
out=$(cli -c enable -c "cwmp autoinstall tftp-server 127.0.0.3,127.0.0.2,127.0.0.1")
assert_eq "$out" ""
for i in $(seq 1 150); do
    out=$(cli -c enable -c "show autoinstall")
    case $out in *"round 1 of 3"*) break ;; esac
    sleep 0.1
done
assert_eq "$out" "Autoinstall         : no configuration file found (round 1 of 3); trying again in 10 seconds
TFTP server         : 127.0.0.3,127.0.0.2,127.0.0.1"
log=$(cli -c enable -c "show logging")
assert_match "$log" "%AUTOINSTALL-4-NO_SERVER: tftp://127.0.0.3/ does not answer \\(Timed out\\)"
[ "$(printf '%s\n' "$log" | grep -c 'NO_SERVER')" = 1 ] || fail "the silent server was asked again"
# Both servers were asked for every file, in IOS's order.
for n in 1 2; do
    log=$TEST_TMP/dnsmasq.log
    [ "$n" = 2 ] && log=$TEST_TMP/dnsmasq2.log
    for f in network-confg cisconet.cfg router-confg ciscortr.cfg; do
        grep -q "file .*/$f not found" "$log" ||
            fail "server 127.0.0.$n was not asked for $f: $(cat "$log")"
    done
done

# The file arrives on the second server before round 2.
printf 'hostname R-LATE\n!\ninterface Ethernet0/1\n description from round 2\n!\nend\n' \
    >"$ROOT/router-confg"
chmod 644 "$ROOT/router-confg"
for i in $(seq 1 200); do
    out=$(cli -c enable -c "show autoinstall")
    case $out in *configured*) break ;; esac
    sleep 0.1
done
assert_eq "$out" "Autoinstall         : configured from tftp://127.0.0.1/ (host file)
TFTP server         : 127.0.0.3,127.0.0.2,127.0.0.1"
out=$(cli -c enable -c "show running-config" | grep -E '^hostname|description')
assert_eq "$out" "hostname R-LATE
 description from round 2"
[ -e "$STATE/startup-config" ] && fail "autoinstall saved the configuration"
log=$(cli -c enable -c "show logging")
assert_match "$log" "%AUTOINSTALL-4-RETRY: no configuration file found \\(round 1 of 3\\)"
assert_match "$log" "%SYS-5-CONFIG_I: Configured from tftp://127.0.0.1/router-confg by autoinstall"

# It ran once: a renewal's offer does nothing.
out=$(cli -c enable -c "cwmp autoinstall tftp-server 127.0.0.2")
assert_eq "$out" ""
out=$(cli -c enable -c "show autoinstall" | head -1)
assert_eq "$out" "Autoinstall         : configured from tftp://127.0.0.1/ (host file)"
stop_cwmpd
