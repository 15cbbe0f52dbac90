#!/bin/bash
# show version: the uptime in IOS's words, how the previous life of cwmpd ended (first start,
# reload, stop by a signal, crash), kept in the state directory across restarts, and the size of
# the configuration memory and of the startup-config.
. "$(dirname "$0")/lib.sh"

# The lines of show version from the uptime to the reload reason, times replaced by T.
restart_lines() {
    cli -c "show version" | sed -n '/ uptime is /,/^Last reload reason/p' |
        sed -E -e 's/[0-9]{2}:[0-9]{2}:[0-9]{2} [A-Z+0-9-]+ [A-Z][a-z]{2} [A-Z][a-z]{2} [0-9]{2} [0-9]{4}/T/' \
            -e '/^Running on /d'
}

start_cwmpd
assert_eq "$(restart_lines)" "Router uptime is 0 minutes
System returned to ROM by power-on
System restarted at T

Last reload reason: power-on" "show version at the first start"
out=$(cli -c "show version")
assert_contains "$out" "
1024K bytes of non-volatile configuration memory.
startup-config is not present." "show version without a startup-config"
# The lines that were there before stay.
assert_contains "$out" "cwmpd TR-069 Agent Software, Version "
assert_contains "$out" "State directory is $STATE
Startup configuration is $STATE/startup-config
Control socket is $SOCK"

cli -c enable -c "configure terminal" -c "hostname R1" -c end -c "write memory" >/dev/null
size=$(stat -c %s "$STATE/startup-config")
assert_contains "$(cli -c "show version")" "
1024K bytes of non-volatile configuration memory.
startup-config uses $size bytes of it." "show version with a startup-config"

# A reload: the next life says so.
cli -c enable -c reload >/dev/null || fail "reload failed"
wait_restarts 2
assert_eq "$(restart_lines)" "R1 uptime is 0 minutes
System returned to ROM by reload at T
System restarted at T

Last reload reason: Reload Command" "show version after reload"

# A stop by SIGTERM, then a start.
stop_cwmpd
start_cwmpd
assert_eq "$(restart_lines)" "R1 uptime is 0 minutes
System returned to ROM by signal 15 at T
System restarted at T

Last reload reason: Stopped by signal 15" "show version after a stop"

# A crash (SIGKILL: no chance to write anything), then a start.
kill9_cwmpd
start_cwmpd
assert_eq "$(restart_lines)" "R1 uptime is 0 minutes
System returned to ROM by error - cwmpd ended without stopping (crash or kill)
System restarted at T

Last reload reason: Unexpected end of cwmpd" "show version after a crash"
echo "PASS: show version"
