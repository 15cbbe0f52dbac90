#!/bin/bash
# clock summer-time typed in cwmpsh, as IOS has it: the date form (months by name, an offset in
# minutes), the recurring form with its rules (a week 1-4 or last) or without (the United States'
# rules, shown as `recurring` alone), each replacing the other, after clock timezone in
# running-config; bad words get the `%` message; `no clock summer-time` removes it; saved and read
# again at start.
. "$(dirname "$0")/lib.sh"

start_cwmpd
section() { cli -c enable -c "show running-config | include ^clock"; }
out=$(printf '%s\n' enable "configure terminal" "clock timezone CET 1" \
    "clock summer-time CEST recurring last Sun Mar 2:00 last Sun Oct 3:00" \
    "clock summer-time X recurring 6 Sun Mar 2:00 last Sun Oct 3:00" \
    "clock summer-time X recurring 1 Sun Foo 2:00 last Sun Oct 3:00" \
    "clock summer-time X recurring 1 Someday Mar 2:00 last Sun Oct 3:00" \
    "clock summer-time X date Mar 1 2027 25:00 Oct 1 2027 2:00" end | run_lines 2>&1)
assert_eq "$out" "Enter configuration commands, one per line.  End with CNTL/Z.
% Invalid week: 1 to 4 or last
% Invalid month
% Invalid day of the week
% Invalid time: hh:mm" "the errors"
assert_eq "$(section)" "clock timezone CET 1
clock summer-time CEST recurring last Sun Mar 2:00 last Sun Oct 3:00" "recurring"
printf '%s\n' enable "configure terminal" \
    "clock summer-time PDT date Apr 6 2027 2:00 October 26 2027 2:00 30" end | run_lines >/dev/null
assert_eq "$(section)" "clock timezone CET 1
clock summer-time PDT date Apr 6 2027 2:00 Oct 26 2027 2:00 30" "the date form"
cli -c enable -c "write memory" >/dev/null || fail "write memory failed"
stop_cwmpd
start_cwmpd
assert_eq "$(section)" "clock timezone CET 1
clock summer-time PDT date Apr 6 2027 2:00 Oct 26 2027 2:00 30" "after a restart"
printf '%s\n' enable "configure terminal" "clock summer-time EDT recurring" end | run_lines >/dev/null
assert_eq "$(section)" "clock timezone CET 1
clock summer-time EDT recurring" "the default rules"
printf '%s\n' enable "configure terminal" "no clock summer-time" end | run_lines >/dev/null
assert_eq "$(section)" "clock timezone CET 1" "removed"
# show cwmp map names the command behind daylight saving.
map=$(cli -c enable -c "terminal length 0" -c "show cwmp map")
assert_contains "$map" "InternetGatewayDevice.Time.DaylightSavingsStart                          clock summer-time: start"
assert_contains "$map" "InternetGatewayDevice.Time.DaylightSavingsUsed                           clock summer-time: configured"
exit 0
