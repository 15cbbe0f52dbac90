#!/bin/bash
# A Download of a 64 MiB file over loopback from the test ACS's file server: the throughput cwmpd
# reports (%TRANSFER-5-DONE: bytes, seconds, MB/s) and how much its resident memory grew while
# the file went through it (the peak RSS, reset just before the transfer, less the RSS then): the
# file is written to flash: as it arrives, never held in memory.
set -eu
BUILD=${1:?usage: bench_download.sh BUILDDIR}
CWMPD=$BUILD/agent/cwmpd
CWMPSH=$BUILD/cli/cwmpsh
TESTACS=$BUILD/tests/acs/testacs
SIZE=$((64 * 1024 * 1024))
dir=$(mktemp -d "${TMPDIR:-/tmp}/bench_download.XXXXXX")
trap 'kill $cwmpd_pid $acs_pid 2>/dev/null; wait 2>/dev/null; rm -rf "$dir"' EXIT
cwmpd_pid=
acs_pid=

mkdir -p "$dir/files" "$dir/state"
head -c "$SIZE" /dev/urandom >"$dir/files/big.bin"
cat >"$dir/script" <<EOF2
session
Download bench 2%20Web%20Content http://127.0.0.1:@PORT@/files/big.bin % % $SIZE big.bin 2
end
EOF2
"$TESTACS" --listen 127.0.0.1:0 --port-file "$dir/port" --script "$dir/script" \
    --record "$dir/acs" --files "$dir/files" >/dev/null 2>&1 &
acs_pid=$!
for _ in $(seq 1 100); do [ -s "$dir/port" ] && break; sleep 0.05; done
port=$(cat "$dir/port")
printf 'cwmp agent\n enable download\n management server url http://127.0.0.1:%s/acs\n' "$port" \
    >"$dir/state/startup-config"
"$CWMPD" --foreground --state-dir "$dir/state" --socket "$dir/sock" 2>"$dir/cwmpd.log" &
cwmpd_pid=$!
for _ in $(seq 1 100); do [ -S "$dir/sock" ] && break; sleep 0.05; done
sleep 0.2
"$CWMPSH" --socket "$dir/sock" -c enable -c "configure terminal" -c "cwmp agent" -c enable \
    -c end >/dev/null
# The session that asks for the file ends; the transfer starts two seconds after the request.
for _ in $(seq 1 100); do [ "$(cat "$dir/acs/sessions" 2>/dev/null)" = 1 ] && break; sleep 0.02; done
[ "$(cat "$dir/acs/sessions" 2>/dev/null)" = 1 ] || { echo "the session did not end"; exit 1; }
grep -q TRANSFER-6-START "$dir/cwmpd.log" && { echo "the transfer started too early"; exit 1; }
# The peak so far is the start's and the session's; from here on it is the transfer's.
echo 5 >"/proc/$cwmpd_pid/clear_refs"
before=$(awk '/^VmRSS/ {print $2}' "/proc/$cwmpd_pid/status")
for _ in $(seq 1 600); do grep -q 'TRANSFER-5-DONE\|TRANSFER-4-FAILED' "$dir/cwmpd.log" && break; sleep 0.05; done
line=$(grep 'TRANSFER-5-DONE' "$dir/cwmpd.log" || true)
[ -n "$line" ] || { cat "$dir/cwmpd.log"; echo "the download did not complete"; exit 1; }
peak=$(awk '/^VmHWM/ {print $2}' "/proc/$cwmpd_pid/status")
cmp -s "$dir/files/big.bin" "$dir/state/flash/big.bin" || { echo "flash:big.bin differs"; exit 1; }
secs=$(sed -n 's/.* in \([0-9.]*\) s .*/\1/p' <<<"$line")
rate=$(sed -n 's/.*(\([0-9.]*\) MB\/s).*/\1/p' <<<"$line")
printf 'Download of a 64 MiB file over loopback: %s s, %s MB/s\n' "$secs" "$rate"
printf 'cwmpd resident memory: %s KiB before, peak %s KiB during the transfer (+%s KiB)\n' \
    "$before" "$peak" "$((peak - before))"
