#!/bin/bash
# IOS's questions at the terminal for files and the log: delete asks for the name and then
# confirms, clear logging confirms, copy URL flash: asks for the destination name (and whether to
# overwrite) before the transfer, whose reply the shell waits for: from a port of 127.0.0.1 where
# nothing listens (curl's reason), and from the test ACS's file server (tests/acs/README.md).
. "$(dirname "$0")/pty_lib.sh"
. "$TESTS_SRCDIR/acs/lib.sh"

# dead_port: a port of 127.0.0.1 where nothing listens (bound, then closed).
dead_port() {
    python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])' 2>/dev/null ||
        perl -MIO::Socket::INET -e '
            my $s = IO::Socket::INET->new(LocalAddr => "127.0.0.1", LocalPort => 0, Proto => "tcp");
            print $s->sockport, "\n"' 2>/dev/null
}

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

DEAD_PORT=$(dead_port) || skip "neither python3 nor perl to find a free port"
DEAD=127.0.0.1:$DEAD_PORT
FILES=$TEST_TMP/files
mkdir -p "$FILES/images"
head -c 5000 /dev/urandom >"$FILES/images/a.bin"
start_acs --files "$FILES"
SRV=http://127.0.0.1:$ACS_PORT

pty_run copy <<EOF2
expect Router>
send enable\r
expect Router#
send copy http://$DEAD/images/a.bin flash:\r
expect Destination filename [a.bin]?\x20
send \r
expect Do you want to over write? [confirm]
send n\r
expect Router#
send copy http://$DEAD/images/a.bin flash:\r
expect Destination filename [a.bin]?\x20
send c.bin\r
expect port $DEAD_PORT
expect )\n
expect Router#
send copy running-config http://$DEAD/cfg/\r
expect Address or name of remote host [$DEAD]?\x20
send \r
expect Destination filename [router-confg]?\x20
send \r
expect port $DEAD_PORT
expect )\n
expect Router#
send copy $SRV/files/images/a.bin flash:\r
expect Destination filename [a.bin]?\x20
send \r
expect Do you want to over write? [confirm]
send \r
expect bytes/sec)\n
expect Router#
send copy running-config $SRV/upload/\r
expect Address or name of remote host [127.0.0.1:$ACS_PORT]?\x20
send \r
expect Destination filename [router-confg]?\x20
send r1.cfg\r
expect bytes/sec)\n
expect Router#
send exit\r
expect-exit 0
EOF2
# curl's reason for the dead port ("... port P after N ms: Couldn't connect to server)") and the
# time of a copy vary: they are cut. The transcript rather than the screen (without the blanks at
# the ends of lines, as the screen): the screen wraps the error lines, longer than its 80 columns,
# where the length of the port and of curl's text put the break.
why="Failed to connect to 127.0.0.1 port $DEAD_PORT"
assert_eq "$(transcript copy | sed -E -e 's/[[:blank:]]+$//' \
    -e "s/\(${why//./\\.}([^0-9].*)?\)$/($why...)/" \
    -e 's|^([0-9]+ bytes copied in )[0-9]+\.[0-9]{3} secs \([0-9]+ bytes/sec\)$|\1S secs (R bytes/sec)|')" \
    "Router>enable
Router#copy http://$DEAD/images/a.bin flash:
Destination filename [a.bin]?
%Warning: There is a file already existing with this name
Do you want to over write? [confirm]n
Router#copy http://$DEAD/images/a.bin flash:
Destination filename [a.bin]? c.bin
Accessing http://$DEAD/images/a.bin...
%Error opening http://$DEAD/images/a.bin (Failed to connect to 127.0.0.1 port $DEAD_PORT...)
Router#copy running-config http://$DEAD/cfg/
Address or name of remote host [$DEAD]?
Destination filename [router-confg]?
%Error opening http://$DEAD/cfg/router-confg (Failed to connect to 127.0.0.1 port $DEAD_PORT...)
Router#copy $SRV/files/images/a.bin flash:
Destination filename [a.bin]?
%Warning: There is a file already existing with this name
Do you want to over write? [confirm]
Accessing $SRV/files/images/a.bin...
[OK - 5000 bytes]

5000 bytes copied in S secs (R bytes/sec)
Router#copy running-config $SRV/upload/
Address or name of remote host [127.0.0.1:$ACS_PORT]?
Destination filename [router-confg]? r1.cfg
$(wc -c <"$FILES/uploads/r1.cfg") bytes copied in S secs (R bytes/sec)
Router#exit"
[ -e "$STATE/flash/c.bin" ] && fail "the failed download left flash:c.bin"
# Overwriting, once confirmed, replaced the file.
cmp "$FILES/images/a.bin" "$STATE/flash/a.bin" || fail "flash:a.bin is not the file served"
running_config >"$TEST_TMP/running"
cmp "$TEST_TMP/running" "$FILES/uploads/r1.cfg" || fail "the upload of running-config differs"
stop_acs
stop_cwmpd
