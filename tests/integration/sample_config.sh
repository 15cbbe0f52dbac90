#!/bin/bash
# contrib/startup-config.sample, the sample installed with the documentation, is a configuration
# cwmpd accepts as a whole: started with --config on it, cwmpd rejects none of its lines (no
# %PARSER-4-BADCFG in its log) and show running-config has each of its settings.

. "$TESTS_SRCDIR/integration/lib.sh"

SAMPLE="$TESTS_SRCDIR/../contrib/startup-config.sample"
[ -r "$SAMPLE" ] || fail "cannot read $SAMPLE"

start_cwmpd --config "$SAMPLE"

LOG=$(cat "$CWMPD_LOG")
assert_contains "$LOG" "%SYS-5-RESTART" "cwmpd's log"
assert_not_contains "$LOG" "%PARSER-4-BADCFG" "cwmpd's log after loading the sample"
assert_not_contains "$LOG" "%PARSER-3-CONFIGNOTREAD" "cwmpd's log after loading the sample"

RUN=$(running_config)
# Each setting of the sample, in the blocks where IOS shows them.
assert_contains "$RUN" "$(printf '!\nservice password-encryption\n!\nhostname CPE1\n!')" \
    "running-config"
assert_contains "$RUN" "$(printf '%s\n' 'interface Ethernet0/0' \
    ' description Uplink to the service provider' ' ip address dhcp' ' cwmp wan' \
    ' cwmp wan default' '!')" "running-config"
assert_contains "$RUN" "$(printf '%s\n' 'interface Vlan102' ' description Customer LAN' \
    ' ip address 192.168.1.1 255.255.255.0' '!')" "running-config"
assert_contains "$RUN" "$(printf 'ip http server\n!')" "running-config"
CWMP=$(printf '%s\n' "$RUN" | sed -n '/^cwmp agent$/,/^!$/p')
[ -n "$CWMP" ] || { printf '%s\n' "$RUN" >&2; fail "running-config has no cwmp agent block"; }
assert_contains "$CWMP" $'\n enable\n' "the cwmp agent block"
assert_contains "$CWMP" " enable download" "the cwmp agent block"
assert_contains "$CWMP" " management server url http://acs.example.net:7547/acs" \
    "the cwmp agent block"
assert_contains "$CWMP" " connection request username cpe-user" "the cwmp agent block"
# service password-encryption: the passwords typed in clear are shown in type 7 form only.
assert_contains "$CWMP" " management server password 7 " "the cwmp agent block"
assert_contains "$CWMP" " connection request password 7 " "the cwmp agent block"
assert_not_contains "$RUN" "change-me" "running-config"
# The commented defaults stay defaults: nothing to show for them.
assert_not_contains "$CWMP" "session retry limit" "the cwmp agent block"
assert_not_contains "$RUN" "ip http digest algorithm" "running-config"

# The hostname is the sample's (show version starts with it). No `write memory` here: it would
# write the running configuration over the --config file, the sample itself.
assert_contains "$(cli -c "show version")" "CPE1 uptime is" "show version"
exit 0
