#!/bin/bash
# IOS's questions at the terminal for files and the log: delete asks for the name and then
# confirms, clear logging confirms, copy URL flash: asks for the destination name (and whether to
# overwrite) before the transfer, whose reply the shell waits for (the placeholder engine fails it).
. "$(dirname "$0")/pty_lib.sh"

start_cwmpd
printf 'abc' >"$STATE/flash/a.bin"
printf 'abc' >"$STATE/flash/b.bin"

pty_run delete <<'EOF2'
expect Router>
send enable\r
expect Router#
send delete flash:a.bin\r
expect Delete filename [a.bin]?\x20
send \r
expect Delete flash:/a.bin? [confirm]
send n\r
expect Router#
send delete flash:a.bin\r
expect Delete filename [a.bin]?\x20
send b.bin\r
expect Delete flash:/b.bin? [confirm]
send \r
expect Router#
send delete flash:/nothing\r
expect Delete filename [nothing]?\x20
send \r
expect Delete flash:/nothing? [confirm]
send y\r
expect (No such file or directory)\n
expect Router#
send exit\r
expect-exit 0
EOF2
assert_eq "$(screen delete)" "Router>enable
Router#delete flash:a.bin
Delete filename [a.bin]?
Delete flash:/a.bin? [confirm]n
Router#delete flash:a.bin
Delete filename [a.bin]? b.bin
Delete flash:/b.bin? [confirm]
Router#delete flash:/nothing
Delete filename [nothing]?
Delete flash:/nothing? [confirm]y
%Error deleting flash:/nothing (No such file or directory)
Router#exit"
[ -e "$STATE/flash/a.bin" ] || fail "a.bin was deleted"
[ -e "$STATE/flash/b.bin" ] && fail "b.bin was not deleted"

cli -c enable -c "configure terminal" -c end >/dev/null # a message to clear
pty_run clear <<'EOF2'
expect Router>
send enable\r
expect Router#
send clear logging\r
expect Clear logging buffer [confirm]
send n\r
expect Router#
send show logging | include CONFIG_I\r
expect CONFIG_I
expect Router#
send clear logging\r
expect Clear logging buffer [confirm]
send \r
expect Router#
send show logging | count CONFIG_I\r
expect = 0\n
expect Router#
send exit\r
expect-exit 0
EOF2
assert_contains "$(screen clear)" "Router#clear logging
Clear logging buffer [confirm]n
Router#show logging | include CONFIG_I"
assert_contains "$(screen clear)" "Router#clear logging
Clear logging buffer [confirm]
Router#show logging | count CONFIG_I
Number of lines which match regexp = 0"

pty_run copy <<'EOF2'
expect Router>
send enable\r
expect Router#
send copy http://192.0.2.1/images/a.bin flash:\r
expect Destination filename [a.bin]?\x20
send \r
expect Do you want to over write? [confirm]
send n\r
expect Router#
send copy http://192.0.2.1/images/a.bin flash:\r
expect Destination filename [a.bin]?\x20
send c.bin\r
expect (not implemented)\n
expect Router#
send copy running-config http://192.0.2.1/cfg/\r
expect Destination filename [router-confg]?\x20
send \r
expect (not implemented)\n
expect Router#
send exit\r
expect-exit 0
EOF2
assert_eq "$(screen copy)" "Router>enable
Router#copy http://192.0.2.1/images/a.bin flash:
Destination filename [a.bin]?
%Warning: There is a file already existing with this name
Do you want to over write? [confirm]n
Router#copy http://192.0.2.1/images/a.bin flash:
Destination filename [a.bin]? c.bin
Accessing http://192.0.2.1/images/a.bin...
%Error opening http://192.0.2.1/images/a.bin (not implemented)
Router#copy running-config http://192.0.2.1/cfg/
Destination filename [router-confg]?
%Error opening http://192.0.2.1/cfg/router-confg (not implemented)
Router#exit"
stop_cwmpd
