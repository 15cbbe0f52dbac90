#!/bin/bash
# Connection requests over loopback: from the ACS's GET (a new connection, digest challenge and
# answer) to the first byte of the Inform it causes at the test ACS, over 200 requests, one
# session at a time (bench/bench_connreq.c). cwmpd runs with --cr-rate 0: the default limit (10
# sessions a minute) would make this a measure of the limit.
set -eu
BUILD=${1:?usage: bench_connreq.sh BUILDDIR}
COUNT=${2:-200}
CWMPD=$BUILD/agent/cwmpd
CWMPSH=$BUILD/cli/cwmpsh
TESTACS=$BUILD/tests/acs/testacs
dir=$(mktemp -d "${TMPDIR:-/tmp}/bench_connreq.XXXXXX")
cwmpd_pid=
acs_pid=
trap 'kill $cwmpd_pid $acs_pid 2>/dev/null; wait 2>/dev/null; rm -rf "$dir"' EXIT

"$TESTACS" --listen 127.0.0.1:0 --port-file "$dir/port" --record "$dir/acs" >/dev/null 2>&1 &
acs_pid=$!
for _ in $(seq 1 100); do [ -s "$dir/port" ] && break; sleep 0.05; done
port=$(cat "$dir/port")

mkdir -p "$dir/state"
cat >"$dir/state/startup-config" <<CFG
ip http server
!
cwmp agent
 enable
 management server url http://127.0.0.1:$port/acs
 connection request username bench
 connection request password 0 bench-pass
!
CFG
"$CWMPD" --foreground --state-dir "$dir/state" --socket "$dir/sock" --listen 127.0.0.1:0 \
    --cr-rate 0 2>"$dir/cwmpd.log" &
cwmpd_pid=$!
for _ in $(seq 1 200); do [ "$(cat "$dir/acs/sessions" 2>/dev/null)" = 1 ] && break; sleep 0.05; done
[ "$(cat "$dir/acs/sessions" 2>/dev/null)" = 1 ] || { echo "the first session did not end"; exit 1; }
url=$("$CWMPSH" --socket "$dir/sock" -c enable -c "show cwmp session" | sed -n 's/^  URL *: //p')
"$BUILD/bench/bench_connreq" "$url" bench bench-pass "$dir/acs" "$COUNT"
