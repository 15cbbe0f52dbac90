# What the TFTP tests share (sourced after lib.sh or pty_lib.sh): a network namespace of their
# own, dnsmasq's TFTP server on its 127.0.0.1 serving $ROOT (x.bin, 100000 random bytes, and
# r1-confg, a configuration with a line the parser refuses), cwmpd started in it with a TFTP
# time-out of 2 s (CWMPD_TFTP_TIMEOUT), and tftp_receiver, a TFTP server that only receives
# (dnsmasq's only sends) on 127.0.0.1:6969 into $TEST_TMP/up. A test that starts other servers
# in the namespace puts their process ids in EXTRA_PIDS: they are stopped at the end. Needs root,
# ip netns and dnsmasq: skips (77) otherwise.

[ "$(id -u)" = 0 ] || skip "needs root (network namespaces, TFTP's port 69)"
command -v ip >/dev/null || skip "ip (iproute2) is not installed"
DNSMASQ=$(command -v dnsmasq || true)
[ -n "$DNSMASQ" ] || skip "dnsmasq is not installed (Debian: dnsmasq-base)"

NS=cwmpd-tftp-$$
DNSMASQ_PID=
WRQ_PID=
EXTRA_PIDS=
on_exit() {
    local rc=$? pid
    for pid in $EXTRA_PIDS; do
        kill "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
    done
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

# tftp_receiver: starts the receiving server (python3's; skips the rest of the test without it).
tftp_receiver() {
    command -v python3 >/dev/null || { stop_cwmpd; skip "python3 is missing for the uploads"; }
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
    local i
    for i in $(seq 1 50); do
        grep -q ready "$TEST_TMP/wrq.log" && return 0
        sleep 0.1
    done
    fail "the TFTP receiver did not start: $(cat "$TEST_TMP/wrq.log")"
}
