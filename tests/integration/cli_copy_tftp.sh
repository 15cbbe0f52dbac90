#!/bin/bash
# copy over TFTP (libcurl's tftp://, through the same transfer engine as http:): in a network
# namespace of its own, dnsmasq's TFTP server on the namespace's 127.0.0.1 and cwmpd. A file
# arrives byte for byte with IOS's lines (Loading ... (via IF): and a `!` per 5120 bytes); IOS's
# questions of copy tftp: (the host and file read from the script's next lines, the questions with
# a default not asked); a missing file, an unreachable server (CWMPD_TFTP_TIMEOUT keeps it short)
# and a server that refuses writes (dnsmasq's TFTP is read-only) fail with IOS's reasons; an upload
# to a small write-only TFTP server of python3's prints its `!!`.
# Needs root, ip netns and dnsmasq: skips (77) otherwise (only the upload's part needs python3).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/tftp_lib.sh"

# 100000 bytes: 20 marks of 5120 bytes.
MARKS20=$(printf '!%.0s' $(seq 20))
LOADING="Loading x.bin from 127.0.0.1 (via Loopback0): $MARKS20"

out=$(cli -c enable -c "copy tftp://127.0.0.1/x.bin flash:") || fail "the copy failed: $out"
assert_eq "$(timed "$out")" "Accessing tftp://127.0.0.1/x.bin...
$LOADING
[OK - 100000 bytes]

100000 bytes copied in S secs (R bytes/sec)" "copy tftp://HOST/FILE flash:"
cmp "$ROOT/x.bin" "$STATE/flash/x.bin" || fail "the file differs"
out=$(cli -c enable -c "copy tftp://127.0.0.1/x.bin flash:y.bin") || fail "the copy failed: $out"
cmp "$ROOT/x.bin" "$STATE/flash/y.bin" || fail "the file differs"

# The marks come as the blocks do, before the transfer's end: 8 MiB in lockstep 512-byte blocks
# take a while, during which the output already has its Loading line and some marks.
head -c 8388608 /dev/zero >"$ROOT/big.bin"
chmod 644 "$ROOT/big.bin"
cli -c enable -c "copy tftp://127.0.0.1/big.bin flash:" >"$TEST_TMP/big.out" &
big=$!
for i in $(seq 1 500); do
    grep -q '(via Loopback0): !' "$TEST_TMP/big.out" && break
    sleep 0.01
done
partial=$(cat "$TEST_TMP/big.out")
wait "$big" || fail "the big copy failed: $(cat "$TEST_TMP/big.out")"
assert_contains "$partial" "Loading big.bin from 127.0.0.1 (via Loopback0): !" "the marks as they come"
assert_not_contains "$partial" "[OK" "the marks as they come"
assert_eq "$(timed "$(cat "$TEST_TMP/big.out")")" "Accessing tftp://127.0.0.1/big.bin...
Loading big.bin from 127.0.0.1 (via Loopback0): $(printf '!%.0s' $(seq 1639))
[OK - 8388608 bytes]

8388608 bytes copied in S secs (R bytes/sec)" "8 MiB"
rm -f "$STATE/flash/big.bin"

# copy tftp: flash: from a script: the host and the file, which have no default, are the next
# lines (as the extended ping's questions); the destination's default is taken, not asked.
out=$(printf '%s\n' enable "copy tftp: flash:" 127.0.0.1 x.bin | run_lines) ||
    fail "copy tftp: flash: failed: $out"
assert_eq "$(timed "$out")" "Address or name of remote host []? 
Source filename []? 
Accessing tftp://127.0.0.1/x.bin...
$LOADING
[OK - 100000 bytes]

100000 bytes copied in S secs (R bytes/sec)" "copy tftp: flash:, piped"
out=$(cli -c enable -c "copy tftp: flash:z.bin" -c 127.0.0.1 -c /x.bin) ||
    fail "copy tftp: flash:z.bin failed: $out"
assert_eq "$(timed "$out")" "Address or name of remote host []? 
Source filename []? 
Accessing tftp://127.0.0.1/x.bin...
$LOADING
[OK - 100000 bytes]

100000 bytes copied in S secs (R bytes/sec)" "copy tftp: flash:NAME, from -c"
cmp "$ROOT/x.bin" "$STATE/flash/z.bin" || fail "flash:z.bin differs"
out=$(printf '%s\n' enable "copy tftp: flash:" "" | run_lines) && fail "an empty host passed"
assert_eq "$out" "Address or name of remote host []? 
%Error parsing filename (Invalid argument)" "no host"
out=$(printf '%s\n' enable "copy tftp: flash:" 127.0.0.1 "" | run_lines) &&
    fail "an empty file name passed"
assert_eq "$out" "Address or name of remote host []? 
Source filename []? 
%Error parsing filename (Invalid argument)" "no file name"

out=$(cli -c enable -c "copy tftp://127.0.0.1/none.bin flash:") && fail "a missing file copied"
assert_eq "$out" "Accessing tftp://127.0.0.1/none.bin...
%Error opening tftp://127.0.0.1/none.bin (No such file or directory)"
[ -e "$STATE/flash/none.bin" ] && fail "a failed copy left a file"

# Nothing answers at 127.0.0.2 (dnsmasq listens on 127.0.0.1 only): IOS's time-out, after the
# 2 s of CWMPD_TFTP_TIMEOUT.
t0=$(date +%s)
out=$(cli -c enable -c "copy tftp://127.0.0.2/x.bin flash:") && fail "a copy from nowhere passed"
assert_eq "$out" "Accessing tftp://127.0.0.2/x.bin...
%Error opening tftp://127.0.0.2/x.bin (Timed out)" "an unreachable server"
[ $(($(date +%s) - t0)) -le 15 ] || fail "the time-out took $(($(date +%s) - t0)) s"
[ -e "$STATE/flash/x.bin.tmp" ] && fail "a failed copy left a file"

# A configuration merged into running-config, the line it refuses said, and not saved.
out=$(cli -c enable -c "copy tftp://127.0.0.1/r1-confg running-config") &&
    fail "a merge with a bad line passed"
assert_eq "$(timed "$out")" "Accessing tftp://127.0.0.1/r1-confg...
Loading r1-confg from 127.0.0.1 (via Loopback0): !
[OK - 85 bytes]

line 6: no such command
% Invalid input detected at '^' marker.
85 bytes copied in S secs (R bytes/sec)"
rc=$(cli -c enable -c "show running-config")
assert_contains "$rc" "hostname R-TFTP"
assert_contains "$rc" "interface Ethernet0/1
 description from tftp"
assert_contains "$(cat "$CWMPD_LOG")" "%SYS-5-CONFIG_I: Configured from tftp://127.0.0.1/r1-confg"
[ -e "$STATE/startup-config" ] && fail "the merge was saved"
[ -e "$STATE/flash/copy-running-config.tmp" ] && fail "the merged file stayed in flash:"

# copy tftp: running-config asks the same; the destination's default is running-config.
out=$(printf '%s\n' enable "copy tftp: running-config" 127.0.0.1 r1-confg | run_lines) &&
    fail "a merge with a bad line passed"
assert_eq "$(timed "$out")" "Address or name of remote host []? 
Source filename []? 
Accessing tftp://127.0.0.1/r1-confg...
Loading r1-confg from 127.0.0.1 (via Loopback0): !
[OK - 85 bytes]

line 6: no such command
% Invalid input detected at '^' marker.
85 bytes copied in S secs (R bytes/sec)" "copy tftp: running-config"

# copy tftp: startup-config: the file becomes the startup-config as it is; running-config stays.
out=$(printf '%s\n' enable "copy tftp: startup-config" 127.0.0.1 r1-confg | run_lines) ||
    fail "copy tftp: startup-config failed: $out"
assert_eq "$(timed "$out")" "Address or name of remote host []? 
Source filename []? 
Accessing tftp://127.0.0.1/r1-confg...
Loading r1-confg from 127.0.0.1 (via Loopback0): !
[OK - 85 bytes]
[OK]
85 bytes copied in S secs (R bytes/sec)" "copy tftp: startup-config"
cmp "$ROOT/r1-confg" "$STATE/startup-config" || fail "the startup-config is not the file"
[ -e "$STATE/flash/copy-startup-config.tmp" ] && fail "the file stayed in flash:"

out=$(cli -c enable -c "copy running-config tftp://127.0.0.1/r1-confg") && fail "the upload passed"
assert_eq "$out" "%Error opening tftp://127.0.0.1/r1-confg (Illegal TFTP operation)"
# copy running-config tftp: asks the host; the name's default, HOSTNAME-confg, is taken.
out=$(printf '%s\n' enable "copy running-config tftp:" 127.0.0.1 | run_lines) &&
    fail "the upload passed"
assert_eq "$out" "Address or name of remote host []? 
%Error opening tftp://127.0.0.1/r-tftp-confg (Illegal TFTP operation)" "copy running-config tftp:"

# Uploads that a server takes.
tftp_receiver
out=$(cli -c enable -c "copy running-config tftp://127.0.0.1:6969/r1.cfg") ||
    fail "the upload failed: $out"
size=$(wc -c <"$TEST_TMP/up/r1.cfg")
assert_eq "$(timed "$out")" "!!
$size bytes copied in S secs (R bytes/sec)" "copy running-config tftp://HOST/FILE"
out=$(printf '%s\n' enable "copy running-config tftp:" 127.0.0.1:6969 | run_lines) ||
    fail "copy running-config tftp: failed: $out"
assert_eq "$(timed "$out")" "Address or name of remote host []? 
!!
$size bytes copied in S secs (R bytes/sec)" "copy running-config tftp:, piped"
cmp "$TEST_TMP/up/r1.cfg" "$TEST_TMP/up/r-tftp-confg" || fail "the two uploads differ"
stop_cwmpd
