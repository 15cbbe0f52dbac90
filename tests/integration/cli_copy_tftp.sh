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

[ "$(id -u)" = 0 ] || skip "needs root (network namespaces, TFTP's port 69)"
command -v ip >/dev/null || skip "ip (iproute2) is not installed"
DNSMASQ=$(command -v dnsmasq || true)
[ -n "$DNSMASQ" ] || skip "dnsmasq is not installed (Debian: dnsmasq-base)"

NS=cwmpd-tftp-$$
DNSMASQ_PID=
WRQ_PID=
on_exit() {
    local rc=$?
    [ -n "$DNSMASQ_PID" ] && kill "$DNSMASQ_PID" 2>/dev/null && wait "$DNSMASQ_PID" 2>/dev/null
    [ -n "$WRQ_PID" ] && kill "$WRQ_PID" 2>/dev/null && wait "$WRQ_PID" 2>/dev/null
    ip netns del "$NS" 2>/dev/null
    (exit "$rc")
    cleanup
}
trap on_exit EXIT
ip netns add "$NS" 2>/dev/null || skip "cannot create network namespaces"
ip -n "$NS" link set lo up

ROOT=$TEST_TMP/tftp
mkdir -p "$ROOT"
head -c 100000 /dev/urandom >"$ROOT/x.bin"
chmod 755 "$TEST_TMP" "$ROOT"
printf 'hostname R-TFTP\n!\ninterface Ethernet0/1\n description from tftp\n!\nno such command\nend\n' \
    >"$ROOT/r1-confg"
chmod 644 "$ROOT/x.bin" "$ROOT/r1-confg"
ip netns exec "$NS" "$DNSMASQ" --keep-in-foreground --conf-file=/dev/null --port=0 \
    --enable-tftp --tftp-root="$ROOT" --listen-address=127.0.0.1 --bind-interfaces --user=root \
    --pid-file="$TEST_TMP/dnsmasq.pid" --log-facility="$TEST_TMP/dnsmasq.log" &
DNSMASQ_PID=$!

printf '#!/bin/sh\nCWMPD_TFTP_TIMEOUT=2 exec ip netns exec %s %s "$@"\n' "$NS" "$CWMPD" >"$TEST_TMP/cwmpd"
chmod +x "$TEST_TMP/cwmpd"
CWMPD=$TEST_TMP/cwmpd
start_cwmpd
for i in $(seq 1 50); do
    grep -q "TFTP root" "$TEST_TMP/dnsmasq.log" 2>/dev/null && break
    sleep 0.1
done

# timed OUTPUT: the seconds and rate of "N bytes copied in S secs (R bytes/sec)" as S and R.
timed() {
    printf '%s\n' "$1" |
        sed -E 's|^([0-9]+ bytes copied in )[0-9]+\.[0-9]{3} secs \([0-9]+ bytes/sec\)$|\1S secs (R bytes/sec)|'
}

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

# Uploads that a server takes, to a TFTP server that only receives (dnsmasq's only sends).
command -v python3 >/dev/null || { stop_cwmpd; skip "python3 is missing for the upload's part"; }
mkdir -p "$TEST_TMP/up"
ip netns exec "$NS" python3 - "$TEST_TMP/up" >"$TEST_TMP/wrq.log" 2>&1 <<'PY' &
# Receives files (WRQ) on 127.0.0.1:6969 into the directory given, one client at a time, in
# 512-byte blocks (options ignored: the client falls back to RFC 1350's defaults).
import os, socket, struct, sys
root = sys.argv[1]
srv = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
srv.bind(("127.0.0.1", 6969))
print("ready", flush=True)
while True:
    pkt, peer = srv.recvfrom(2048)
    if struct.unpack("!H", pkt[:2])[0] != 2:
        continue
    name = pkt[2:].split(b"\0")[0].decode()
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("127.0.0.1", 0))
    s.settimeout(5)
    s.sendto(struct.pack("!HH", 4, 0), peer)
    data, block = b"", 0
    while True:
        try:
            p, _ = s.recvfrom(4096)
        except socket.timeout:
            break
        op, n = struct.unpack("!HH", p[:4])
        if op != 3:
            break
        if n == (block + 1) & 0xFFFF:
            data += p[4:]
            block = n
        s.sendto(struct.pack("!HH", 4, n), peer)
        if len(p) - 4 < 512:
            with open(os.path.join(root, os.path.basename(name)), "wb") as f:
                f.write(data)
            break
    s.close()
PY
WRQ_PID=$!
for i in $(seq 1 50); do
    grep -q ready "$TEST_TMP/wrq.log" && break
    sleep 0.1
done
grep -q ready "$TEST_TMP/wrq.log" || fail "the TFTP receiver did not start: $(cat "$TEST_TMP/wrq.log")"
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
