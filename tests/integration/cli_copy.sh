#!/bin/bash
# copy URL flash: and copy running-config URL from a pipe, against the placeholder transfer engine
# (every transfer fails with "not implemented" a moment later): what is refused at once, the reply
# that waits for the transfer before the next line runs, and passwords in URLs never shown.
. "$(dirname "$0")/lib.sh"

start_cwmpd
out=$(printf '%s\n' enable \
    "copy ftp://192.0.2.1/a.bin flash:" \
    "copy http:///a.bin flash:" \
    "copy http://192.0.2.1/a.bin flash:../a.bin" \
    "copy http://192.0.2.1/a.bin http://192.0.2.2/b" \
    "copy flash:a.bin http://192.0.2.2/b" \
    "copy running-config tftp://192.0.2.1/r" \
    "copy http://user:s3cret@192.0.2.1/images/a.bin flash:" \
    "show clock" \
    "copy running-config http://192.0.2.1/cfg/" \
    "copy startup-config https://192.0.2.1/r1.cfg" | run_lines) &&
    fail "the failed copies did not fail the script"
clock_line=$(printf '%s\n' "$out" | grep -nE '^\*?[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3} ' | cut -d: -f1)
[ -n "$clock_line" ] || fail "show clock did not run"
assert_eq "$(printf '%s\n' "$out" | sed "${clock_line}d")" "%Error opening ftp://192.0.2.1/a.bin (Protocol not supported)
%Error opening http:///a.bin (No host name)
%Error opening flash:/../a.bin (Invalid file name)
% Only flash: can be the destination of a copy from a URL
% Copying from flash: is not supported: only from http: and https:
%Error opening tftp://192.0.2.1/r (Protocol not supported)
Accessing http://user:*@192.0.2.1/images/a.bin...
%Error opening http://user:*@192.0.2.1/images/a.bin (not implemented)
%Error opening http://192.0.2.1/cfg/router-confg (not implemented)
%Error opening https://192.0.2.1/r1.cfg (not implemented)"
# show clock ran only once the copy before it had answered.
assert_eq "$clock_line" 9 "the line of show clock"
assert_not_contains "$out" "s3cret"
assert_not_contains "$(cat "$CWMPD_LOG")" "s3cret"

# An operator's do runs it from configuration mode (configuration blocks and files refuse it).
out=$(printf '%s\n' enable "configure terminal" "do copy http://192.0.2.1/a flash:" | run_lines)
assert_contains "$out" $'Accessing http://192.0.2.1/a...\n%Error opening http://192.0.2.1/a (not implemented)'
# A shell that goes away while its copy runs leaves cwmpd serving the others.
cli -c enable -c "copy http://192.0.2.1/slow.bin flash:" >/dev/null &
sleep 0.005
kill $! 2>/dev/null
wait $! 2>/dev/null
cli -c enable -c "show clock" >/dev/null || fail "cwmpd does not answer after a shell left"
stop_cwmpd
