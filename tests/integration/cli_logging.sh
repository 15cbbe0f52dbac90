#!/bin/bash
# The logging buffer from a pipe: show logging's IOS header and the messages stamped as on the
# console, logging buffered in running-config (only when not the default) and across a restart,
# no logging buffered, clear logging without a question, and IOS's own error transcript for
# `logging` (IOS-CLI.md).
. "$(dirname "$0")/lib.sh"

start_cwmpd
cli -c enable -c "configure terminal" -c "hostname Logged" -c end >/dev/null
out=$(cli -c enable -c "show logging")
assert_contains "$out" "Syslog logging: enabled (0 messages dropped, 0 messages rate-limited, 0 flushes, 0 overruns, xml disabled, filtering disabled)"
assert_contains "$out" $'    Buffer logging:  level informational, '
assert_contains "$out" $'\n\nLog Buffer (8192 bytes):\n\n*'
assert_match "$out" '^\*[A-Z][a-z]{2} [ 1-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-5][0-9]\.[0-9]{3}: %SYS-5-RESTART: cwmpd '
assert_match "$out" '^\*[A-Z][a-z]{2} [ 1-3][0-9] [0-9:]{8}\.[0-9]{3}: %SYS-5-CONFIG_I: Configured from console by [^ ]+ on vty [0-9]+$'
# The buffer holds what the console (standard error with --foreground) printed.
while IFS= read -r line; do
    grep -qxF -- "$line" "$CWMPD_LOG" || fail "not on the console: $line"
done < <(printf '%s\n' "$out" | sed -n '/^Log Buffer/,$p' | grep '^\*')
assert_eq "$(cli -c enable -c "show running-config" | grep -c logging)" 0 "logging lines by default"

# Configured: in running-config, kept across a save and a restart, applied (warnings: no more
# CONFIG_I notices in the buffer).
printf '%s\n' enable "configure terminal" "logging buffered 16384 warnings" end "write memory" |
    run_lines >/dev/null || fail "logging buffered was refused"
assert_contains "$(running_config)" $'hostname Logged\n!\nlogging buffered 16384 warnings\n!\n'
before=$(cli -c enable -c "show logging" | grep -c CONFIG_I)
cli -c enable -c "configure terminal" -c end >/dev/null
out=$(cli -c enable -c "show logging")
assert_eq "$(printf '%s\n' "$out" | grep -c CONFIG_I)" "$before" "CONFIG_I messages at warnings"
assert_contains "$out" "    Buffer logging:  level warnings, "
assert_contains "$out" "Log Buffer (16384 bytes):"
stop_cwmpd
start_cwmpd
assert_contains "$(running_config)" $'\nlogging buffered 16384 warnings\n'
# The buffer is in memory: a restart starts it empty, with what was logged since.
out=$(cli -c enable -c "show logging" | sed -n '/^Log Buffer/,$p')
assert_not_contains "$out" "hostname" # nothing of the first run
assert_eq "$(printf '%s\n' "$out" | grep -c 'SYS-5-RESTART')" 0 "RESTART (a notice) at warnings"

# Off, and back to the defaults.
out=$(printf '%s\n' enable "configure terminal" "no logging buffered" end "show running-config" \
    "show logging" | run_lines) || fail "no logging buffered was refused"
assert_contains "$out" $'hostname Logged\n!\nno logging buffered\n!\n'
assert_contains "$out" "    Buffer logging:  disabled"
assert_not_contains "$out" "Log Buffer"
printf '%s\n' enable "configure terminal" "logging buffered" end | run_lines >/dev/null
assert_eq "$(cli -c enable -c "show running-config" | grep -c logging)" 0 "logging lines by default"

# clear logging from a pipe: no question, the buffer empties.
out=$(printf '%s\n' enable "clear logging" "show logging" | run_lines) || fail "clear logging failed"
assert_not_contains "$out" "[confirm]"
assert_eq "$(printf '%s\n' "$out" | sed -n '/^Log Buffer/,$p')" "Log Buffer (8192 bytes):" \
    "the buffer after clear logging"

# IOS's transcript: the caret under the argument, and an incomplete command.
out=$(printf '%s\n' enable "configure terminal" "logging 0255.255.1" "logging" \
    "logging buffered 4095" | run_lines) && fail "bad logging lines were accepted"
assert_eq "$out" "Enter configuration commands, one per line.  End with CNTL/Z.
logging 0255.255.1
        ^
% Invalid input detected at '^' marker.

% Incomplete command.

logging buffered 4095
                 ^
% Invalid input detected at '^' marker."
stop_cwmpd
