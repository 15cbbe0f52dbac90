#!/bin/bash
# Idle TCP connections at the connection-request server (issue 12): 17 idle clients from three
# loopback addresses, more than the limits per address (8) and in total (16). The oldest idle
# connection is closed to make room for a new one, idle connections time out, and the listener
# keeps accepting: the ACS's curl --digest gets its 200 while the idle clients hold on, after the
# server closed them, and after they are gone.
. "$(dirname "$0")/cwmp_lib.sh"
command -v curl >/dev/null || skip "curl is missing"
command -v python3 >/dev/null || skip "python3 is missing"

start_connreq_agent "ip http server"
port=${url#http://127.0.0.1:}
port=${port%%/*}
[ -n "$port" ] || fail "no port in '$url'"

# The idle clients: 17 connections (or COUNT), from 127.0.0.1, .2 and .3 in turn (or HOSTS), that
# send nothing for at most SECONDS (python3 binds the source address; bash's /dev/tcp cannot). It
# says "connected" once they all are, then "closed after N s" once the server has closed them all.
cat >"$TEST_TMP/idle.py" <<'EOF2'
import socket, sys, time
held = []
hosts = sys.argv[4].split(",")
for i in range(int(sys.argv[3])):
    s = socket.socket()
    s.bind(("127.0.0." + hosts[i % len(hosts)], 0))
    s.connect(("127.0.0.1", int(sys.argv[1])))
    held.append(s)
print("connected", flush=True)
# Then how long until the server has closed every one of them.
start = time.monotonic()
while held and time.monotonic() - start < float(sys.argv[2]):
    time.sleep(0.1)
    for s in list(held):
        s.setblocking(False)
        try:
            if s.recv(1) == b"":
                held.remove(s)
        except BlockingIOError:
            pass
        except OSError:
            held.remove(s)
if not held:
    print("closed after %d s" % round(time.monotonic() - start), flush=True)
time.sleep(float(sys.argv[2]))
EOF2
idle() { # SECONDS [COUNT HOSTS]: HOSTS the last numbers of the addresses, "1,2,3" by default
    : >"$TEST_TMP/idle"
    python3 "$TEST_TMP/idle.py" "$port" "$1" "${2:-17}" "${3:-1,2,3}" >"$TEST_TMP/idle" &
    IDLE_PID=$!
    for _ in $(seq 1 50); do
        grep -q connected "$TEST_TMP/idle" && return
        sleep 0.1
    done
    fail "the idle clients did not connect"
}
code() {
    curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$@" || true
}

n=$(cat "$ACS_REC/sessions")
idle 30
sleep 0.2
c=$(code --digest -u cr-user:cr-pass "$url")
[ "$c" = 200 ] || fail "with 17 idle connections, the connection request got $c"
wait_acs_sessions $((n + 1))
for _ in $(seq 1 100); do
    grep -q closed "$TEST_TMP/idle" && break
    sleep 0.1
done
grep -q closed "$TEST_TMP/idle" || fail "idle connections were still open after 10 s"
c=$(code --digest -u cr-user:cr-pass "$url")
[ "$c" = 200 ] || fail "after idle connections timed out, the connection request got $c"
wait_acs_sessions $((n + 2))
kill "$IDLE_PID" 2>/dev/null || true
wait "$IDLE_PID" 2>/dev/null || true
sleep 0.5
c=$(code --digest -u cr-user:cr-pass "$url")
[ "$c" = 200 ] || fail "after the idle clients closed, the connection request got $c"
assert_contains "$(cli -c enable -c 'show cwmp session')" "  HTTP server       : listening on"

# The limit per address: 10 idle connections from 127.0.0.2, then a request from there too.
idle 30 10 2
c=$(code --interface 127.0.0.2 --digest -u cr-user:cr-pass "$url")
[ "$c" = 200 ] || fail "with 10 idle connections from its address, the connection request got $c"
kill "$IDLE_PID" 2>/dev/null || true
wait "$IDLE_PID" 2>/dev/null || true

acs_no_invalid
stop_acs
stop_cwmpd
exit 0
