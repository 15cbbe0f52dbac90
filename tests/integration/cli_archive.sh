#!/bin/bash
# The configuration archive and configure replace from a pipe and from -c: show archive and
# archive config without a path; archive config and write memory (write-memory) saving
# flash:config-N, the oldest deleted past maximum while the numbers go on, show archive's IOS
# layout; configure replace of an archived copy (force) giving back that configuration exactly,
# with IOS's "Total number of passes" and "Rollback Done"; without force from a pipe, the default
# answer (no); a missing file, a file with a bad line and a file off flash: changing nothing.
. "$(dirname "$0")/lib.sh"

start_cwmpd
out=$(cli -c enable -c "show archive") || fail "show archive failed: $out"
assert_eq "$out" " Archive feature not enabled"
out=$(cli -c enable -c "archive config") && fail "archive config without a path succeeded"
assert_eq "$out" "% No archive path specified"

printf '%s\n' enable "configure terminal" archive "path flash:config" "maximum 3" write-memory \
    end | run_lines >/dev/null || fail "could not configure the archive"
out=$(cli -c enable -c "show archive") || fail "show archive failed: $out"
assert_eq "$out" "The maximum archive configurations allowed is 3.
There are currently 0 archive configurations saved.
The next archive file will be named flash:config-1
 Archive #  Name
   1
   2
   3"
# write memory archives too (write-memory); archive config prints nothing.
out=$(cli -c enable -c "write memory" -c "archive config") || fail "write memory failed: $out"
assert_eq "$out" "Building configuration...
[OK]"
first=$(running_config)
assert_eq "$(cat "$STATE/flash/config-1")" "$first" "flash:config-1"
printf '%s\n' enable "configure terminal" "hostname Edge-1" "interface Ethernet0/1" \
    "description lan side" "ip address 192.168.7.1 255.255.255.0" "ntp server 192.0.2.5" \
    "cwmp agent" "session retry limit 4" end "archive config" | run_lines >/dev/null ||
    fail "could not change the configuration"
second=$(running_config)
assert_eq "$(cat "$STATE/flash/config-3")" "$second" "flash:config-3"
# A fourth copy deletes the first; the numbers go on.
out=$(cli -c enable -c "archive config" -c "show archive") || fail "archive config failed: $out"
assert_eq "$out" "The maximum archive configurations allowed is 3.
There are currently 3 archive configurations saved.
The next archive file will be named flash:config-5
 Archive #  Name
   1        flash:config-2
   2        flash:config-3
   3        flash:config-4 <- Most Recent"
[ -e "$STATE/flash/config-1" ] && fail "flash:config-1 was not deleted"
assert_eq "$(ls "$STATE/flash")" "config-2
config-3
config-4" "the files of flash:"

# configure replace: the first configuration back, exactly.
out=$(cli -c enable -c "configure replace flash:config-2 force") ||
    fail "configure replace failed: $out"
assert_eq "$out" "Total number of passes: 1
Rollback Done"
assert_eq "$(running_config)" "$first" "running-config after configure replace"
for _ in $(seq 1 100); do
    grep -q "CONFIG_R" "$CWMPD_LOG" && break
    sleep 0.05
done
assert_contains "$(cat "$CWMPD_LOG")" "%SYS-5-CONFIG_R: Config Replace is Done (flash:config-2"
# And forward again; the same file twice: nothing to do.
out=$(cli -c enable -c "configure replace flash:config-4 force" \
    -c "configure replace flash:config-4 force") || fail "configure replace failed: $out"
assert_eq "$out" "Total number of passes: 1
Rollback Done
Total number of passes: 0
Rollback Done"
assert_eq "$(running_config)" "$second" "running-config after the second replace"
# Not saved: the startup-config is what write memory saved.
assert_not_contains "$(cat "$STATE/startup-config")" "Edge-1" "the startup-config"

# From a pipe without force: the default answer, no; nothing changes.
out=$(printf '%s\n' enable "configure replace flash:config-2" | run_lines) &&
    fail "configure replace without force succeeded from a pipe"
assert_eq "$out" "% Configuration not replaced: the default answer is no (add force)"
assert_eq "$(running_config)" "$second" "running-config after an unconfirmed replace"

# Files that cannot replace it: nothing changes.
out=$(cli -c enable -c "configure replace flash:nosuch force") &&
    fail "configure replace of a missing file succeeded"
assert_eq "$out" "%Error opening flash:nosuch (No such file or directory)"
printf '%s\n' "hostname Other" "interface Ethernet0/2" " ip adress 10.0.0.1 255.0.0.0" \
    >"$STATE/flash/bad"
out=$(cli -c enable -c "configure replace flash:bad force") &&
    fail "configure replace of a bad file succeeded"
assert_eq "$out" "%Error in flash:bad line 3: ip adress 10.0.0.1 255.0.0.0
% Invalid input detected at '^' marker."
out=$(cli -c enable -c "configure replace http://192.0.2.1/cfg force") &&
    fail "configure replace of an http: file succeeded"
assert_eq "$out" "%Error opening http://192.0.2.1/cfg (Only a file of flash: can replace the configuration)"
assert_eq "$(running_config)" "$second" "running-config after refused replacements"

# A path off flash: is kept, and archiving to it refused.
printf '%s\n' enable "configure terminal" archive "path tftp://192.0.2.1/cfg" end |
    run_lines >/dev/null || fail "could not set a tftp: path"
out=$(cli -c enable -c "archive config") && fail "archive config to tftp: succeeded"
assert_eq "$out" "%Error opening tftp://192.0.2.1/cfg-1 (Only flash: can hold the archive)"

# Privileged only, as IOS.
out=$(printf '%s\n' "archive config" | run_lines) && fail "archive config ran in user EXEC"
assert_contains "$out" "% Invalid input detected at '^' marker."
out=$(printf '%s\n' "configure replace flash:config-2 force" | run_lines) &&
    fail "configure replace ran in user EXEC"
assert_contains "$out" "% Invalid input detected at '^' marker."
assert_eq "$(running_config)" "${second/path flash:config/path tftp:\/\/192.0.2.1\/cfg}" \
    "running-config after user EXEC"
stop_cwmpd
