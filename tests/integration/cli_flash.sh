#!/bin/bash
# flash: from a pipe: the directory is made at start, dir lists it as IOS does (dot files, the
# downloads in progress, hidden), delete removes a file at once and refuses names that would leave
# flash:, with IOS's %Error lines and a failing exit status.
. "$(dirname "$0")/lib.sh"

start_cwmpd
[ -d "$STATE/flash" ] || fail "flash: was not created"
assert_eq "$(stat -c %a "$STATE/flash")" 755 "the mode of flash:"
out=$(cli -c enable -c dir)
assert_eq "$(printf '%s\n' "$out" | head -n 4)" "Directory of flash:/

No files in directory"
assert_eq "$(printf '%s\n' "$out" | sed -n 4p)" "" "the line before the sizes"
assert_match "$out" '^[0-9]+ bytes total \([0-9]+ bytes free\)$'

printf 'abc' >"$STATE/flash/b.cfg"
head -c 123456 /dev/zero >"$STATE/flash/a.bin"
printf 'x' >"$STATE/flash/.a.bin.tmp"
touch -d '2026-01-04 01:02:03' "$STATE/flash/a.bin"
touch -d '2026-11-25 14:42:12' "$STATE/flash/b.cfg"
out=$(TZ=UTC cli -c enable -c "dir flash:")
assert_match "$out" '^    1  -rw-      123456  Jan  4 2026 01:02:03 [+-][0-9]{2}:[0-9]{2}  a\.bin$'
assert_match "$out" '^    2  -rw-           3  Nov 25 2026 14:42:12 [+-][0-9]{2}:[0-9]{2}  b\.cfg$'
assert_not_contains "$out" ".a.bin.tmp"
# df's figures for the same file system (the free bytes move with the machine's other users).
total=$(df -B1 --output=size "$STATE/flash" | tail -n 1 | tr -d ' ')
assert_match "$out" "^$total bytes total \\([0-9]+ bytes free\\)$"
assert_eq "$(cli -c enable -c "dir flash:/b.cfg" | head -n 3)" "Directory of flash:/b.cfg

$(printf '%s\n' "$out" | grep ' b\.cfg$')"
# From configuration mode through do, as on IOS.
out=$(printf '%s\n' enable "configure terminal" "do dir" | run_lines) || fail "do dir failed"
assert_contains "$out" "Directory of flash:/"

out=$(printf '%s\n' enable "dir flash:nothing" "dir nvram:" "delete flash:../startup-config" \
    "delete flash:.a.bin.tmp" "delete flash:nothing" "delete flash:/b.cfg" "dir" | run_lines) &&
    fail "the failing lines did not fail the script"
assert_contains "$out" "%Error opening flash:/nothing (No such file or directory)
%Error opening nvram: (No such device)
%Error deleting flash:/../startup-config (Invalid file name)
%Error deleting flash:/.a.bin.tmp (Invalid file name)
%Error deleting flash:/nothing (No such file or directory)
Directory of flash:/
"
[ -e "$STATE/flash/b.cfg" ] && fail "b.cfg was not deleted"
[ -e "$STATE/flash/.a.bin.tmp" ] || fail "the hidden file was deleted"
[ -e "$STATE/startup-config" ] || [ ! -e "$STATE/startup-config" ] # untouched either way
assert_not_contains "$out" "b.cfg"
assert_contains "$out" "  a.bin"
cli -c enable -c "delete flash:a.bin" >/dev/null || fail "delete failed"
[ -e "$STATE/flash/a.bin" ] && fail "a.bin was not deleted"
stop_cwmpd
