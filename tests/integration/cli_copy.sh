#!/bin/bash
# copy URL flash:, copy running-config URL and copy startup-config URL from a pipe: what is refused
# at once; the reply that waits for the transfer before the next line runs; copies to a port of
# 127.0.0.1 where nothing listens, which fail with curl's reason; copies to and from the test ACS's
# file server (tests/acs/README.md), which arrive byte for byte; a shell that leaves while its
# copy runs; passwords in URLs never shown, and never used (below).
. "$(dirname "$0")/lib.sh"
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

# refused OUTPUT: OUTPUT with curl's varying reason for the dead port ("... port P after N ms:
# Couldn't connect to server)") cut to "... port P...)", so that the rest compares exactly.
refused() {
    local why="Failed to connect to 127.0.0.1 port $DEAD_PORT"
    printf '%s\n' "$1" | sed -E "s/\(${why//./\\.}([^0-9].*)?\)$/($why...)/"
}

# timed OUTPUT: OUTPUT with the seconds and rate of "N bytes copied in S secs (R bytes/sec)" as S
# and R.
timed() {
    printf '%s\n' "$1" |
        sed -E 's|^([0-9]+ bytes copied in )[0-9]+\.[0-9]{3} secs \([0-9]+ bytes/sec\)$|\1S secs (R bytes/sec)|'
}

DEAD_PORT=$(dead_port) || skip "neither python3 nor perl to find a free port"
DEAD=127.0.0.1:$DEAD_PORT
FILES=$TEST_TMP/files
mkdir -p "$FILES"
head -c 100000 /dev/urandom >"$FILES/x.bin"
start_acs --files "$FILES"
SRV=http://127.0.0.1:$ACS_PORT
start_cwmpd

out=$(printf '%s\n' enable \
    "copy ftp://$DEAD/a.bin flash:" \
    "copy http:///a.bin flash:" \
    "copy http://$DEAD/a.bin flash:../a.bin" \
    "copy http://$DEAD/a.bin http://$DEAD/b" \
    "copy flash:a.bin http://$DEAD/b" \
    "copy running-config scp://$DEAD/r" \
    "copy http://user:s3cret@$DEAD/images/a.bin flash:" \
    "show clock" \
    "copy running-config http://$DEAD/cfg/" \
    "copy startup-config https://$DEAD/r1.cfg" | run_lines) &&
    fail "the failed copies did not fail the script"
clock_line=$(printf '%s\n' "$out" | grep -nE '^\*?[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3} ' | cut -d: -f1)
[ -n "$clock_line" ] || fail "show clock did not run"
assert_eq "$(refused "$(printf '%s\n' "$out" | sed "${clock_line}d")")" "%Error opening ftp://$DEAD/a.bin (Protocol not supported)
%Error opening http:///a.bin (No host name)
%Error opening flash:/../a.bin (Invalid file name)
% Only flash: can be the destination of a copy from a URL
% Copying from flash: is not supported: only from http:, https: and tftp:
%Error opening scp://$DEAD/r (Protocol not supported)
Accessing http://user:*@$DEAD/images/a.bin...
%Error opening http://user:*@$DEAD/images/a.bin (Failed to connect to 127.0.0.1 port $DEAD_PORT...)
%Error opening http://$DEAD/cfg/router-confg (Failed to connect to 127.0.0.1 port $DEAD_PORT...)
%Error opening https://$DEAD/r1.cfg (startup-config is not present)"
# show clock ran only once the copy before it had answered.
assert_eq "$clock_line" 9 "the line of show clock"
assert_not_contains "$out" "s3cret"
assert_not_contains "$(cat "$CWMPD_LOG")" "s3cret"
[ -z "$(ls -A "$STATE/flash")" ] || fail "failed downloads left files in flash: $(ls -A "$STATE/flash")"

# An operator's do runs it from configuration mode (configuration blocks and files refuse it).
out=$(printf '%s\n' enable "configure terminal" "do copy http://$DEAD/a flash:" | run_lines)
assert_eq "$(refused "$out")" "Enter configuration commands, one per line.  End with CNTL/Z.
Accessing http://$DEAD/a...
%Error opening http://$DEAD/a (Failed to connect to 127.0.0.1 port $DEAD_PORT...)"

# A download: flash: has it, byte for byte, under the URL's last segment or the name given.
out=$(printf '%s\n' enable "copy $SRV/files/x.bin flash:" "copy $SRV/files/x.bin flash:z.bin" \
    "dir flash:" | run_lines) || fail "the downloads failed: $out"
assert_eq "$(timed "$out" | sed -n 1,8p)" "Accessing $SRV/files/x.bin...
[OK - 100000 bytes]

100000 bytes copied in S secs (R bytes/sec)
Accessing $SRV/files/x.bin...
[OK - 100000 bytes]

100000 bytes copied in S secs (R bytes/sec)"
assert_match "$out" '^ +1  -rw- +100000  .* x\.bin$' "dir flash:"
assert_match "$out" '^ +2  -rw- +100000  .* z\.bin$' "dir flash:"
cmp "$FILES/x.bin" "$STATE/flash/x.bin" || fail "flash:x.bin is not the file served"
cmp "$FILES/x.bin" "$STATE/flash/z.bin" || fail "flash:z.bin is not the file served"
assert_contains "$(cat "$CWMPD_LOG")" "%TRANSFER-5-DONE: download from $SRV/files/x.bin: 100000 bytes in "

# What the server does not have: its status, and nothing in flash: (no temporary file either).
out=$(printf '%s\n' enable "copy $SRV/files/nope.bin flash:" | run_lines) &&
    fail "the copy of a missing file did not fail"
assert_eq "$out" "Accessing $SRV/files/nope.bin...
%Error opening $SRV/files/nope.bin (HTTP status 404)"
assert_eq "$(ls -A "$STATE/flash")" "x.bin
z.bin" "flash: after the 404"

# Uploads. running-config sends what show running-config shows from its first `!` (its header,
# "Building configuration..." and "Current configuration : N bytes", is not part of it);
# startup-config sends the file saved, what show startup-config shows after "Using N out of M
# bytes". Each is checked against the other's text, so that neither is sent for the other: the
# running configuration is changed after write memory.
printf '%s\n' enable "configure terminal" "hostname Edge-1" "ip dhcp pool POOL1" "lease 0 0 5" end \
    "write memory" "configure terminal" "hostname Edge-2" end | run_lines >/dev/null ||
    fail "could not configure"
out=$(printf '%s\n' enable "copy running-config $SRV/upload/r1.cfg" \
    "copy startup-config $SRV/upload/s1.cfg" "copy running-config $SRV/upload/" | run_lines) ||
    fail "the uploads failed: $out"
running_config >"$TEST_TMP/running"
cli -c enable -c "show startup-config" | sed 1d >"$TEST_TMP/startup"
grep -qx 'hostname Edge-2' "$TEST_TMP/running" || fail "running-config is not the changed one"
grep -qx 'hostname Edge-1' "$TEST_TMP/startup" || fail "startup-config is not the saved one"
cmp "$TEST_TMP/running" "$FILES/uploads/r1.cfg" || fail "the upload of running-config differs"
cmp "$TEST_TMP/startup" "$FILES/uploads/s1.cfg" || fail "the upload of startup-config differs"
# From a pipe, an upload to a directory is named hostname-confg, lowercase.
cmp "$TEST_TMP/running" "$FILES/uploads/edge-2-confg" || fail "the upload to a directory differs"
r=$(wc -c <"$TEST_TMP/running") s=$(wc -c <"$TEST_TMP/startup")
assert_eq "$(timed "$out")" "$r bytes copied in S secs (R bytes/sec)
$s bytes copied in S secs (R bytes/sec)
$r bytes copied in S secs (R bytes/sec)"
assert_contains "$(cli -c enable -c "show running-config")" "Current configuration : $r bytes"
# A server that refuses the upload: its status.
out=$(printf '%s\n' enable "copy running-config $SRV/upload/status/500/r2.cfg" | run_lines) &&
    fail "the refused upload did not fail"
assert_eq "$out" "%Error opening $SRV/upload/status/500/r2.cfg (HTTP status 500)"

# A shell that goes away while its copy runs leaves cwmpd serving the others, and the transfer
# going on to its end: only logged. slow/ sends about 640 KiB/s: this one takes about a second.
head -c 600000 /dev/urandom >"$FILES/slow.bin"
"$CWMPSH" --socket "$SOCK" -c enable -c "copy $SRV/files/slow/slow.bin flash:" \
    >"$TEST_TMP/leaving.out" 2>&1 &
leaving=$!
wait_acs_log "file GET /files/slow/slow.bin -> 200" 5
kill "$leaving" 2>/dev/null
wait "$leaving" 2>/dev/null
assert_not_contains "$(cat "$TEST_TMP/leaving.out")" "copied" "the output of the shell that left"
cli -c enable -c "show clock" >/dev/null || fail "cwmpd does not answer after a shell left"
for _ in $(seq 1 100); do
    grep -q "TRANSFER-5-DONE: download from $SRV/files/slow/slow.bin" "$CWMPD_LOG" && break
    sleep 0.05
done
assert_contains "$(cat "$CWMPD_LOG")" "%TRANSFER-5-DONE: download from $SRV/files/slow/slow.bin: 600000 bytes"
cmp "$FILES/slow.bin" "$STATE/flash/slow.bin" || fail "flash:slow.bin is not the file served"
stop_acs

# Credentials in the URL answer the server's Digest challenge, as on IOS; the password is shown
# (and logged) as *; a wrong one is refused with 401.
ACS_REC=$TEST_TMP/acs-digest
start_acs --files "$FILES" --file-auth digest --file-user u --file-password s3cret
out=$(printf '%s\n' enable "copy http://u:s3cret@127.0.0.1:$ACS_PORT/files/x.bin flash:y.bin" |
    run_lines) || fail "the copy with credentials in its URL failed: $out"
assert_contains "$out" "Accessing http://u:*@127.0.0.1:$ACS_PORT/files/x.bin..."
assert_contains "$out" "[OK - 100000 bytes]"
cmp -s "$FILES/x.bin" "$STATE/flash/y.bin" || fail "flash:y.bin is not the file served"
wait_acs_log "file GET /files/x.bin -> 200"
out=$(printf '%s\n' enable "copy http://u:wrong@127.0.0.1:$ACS_PORT/files/x.bin flash:w.bin" |
    run_lines) && fail "the copy with a wrong password succeeded"
assert_contains "$out" "%Error opening http://u:*@127.0.0.1:$ACS_PORT/files/x.bin (HTTP status 401)"
[ -e "$STATE/flash/w.bin" ] && fail "flash:w.bin was written"
assert_not_contains "$(cat "$CWMPD_LOG")" "s3cret"
stop_acs
stop_cwmpd
