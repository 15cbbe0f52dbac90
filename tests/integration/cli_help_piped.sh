#!/bin/bash
# `?` without a terminal (lines from a pipe, -c): a line that ends with `?` (blanks aside) prints
# the help a terminal would, after the line as read, and does not run; a `?` inside a line (a
# URL's query) is an ordinary character, and a Ctrl-V before a final `?` makes it one too.
. "$(dirname "$0")/lib.sh"

start_cwmpd

out=$(printf '%s\n' enable 'terminal length ?' 'co?' 'show foo ?' 'xyz?' 'terminal length ?   ' |
    run_lines)
rc=$?
assert_eq "$rc" 0 "the status of a script of help requests"
assert_eq "$out" "terminal length ?
  <0-512>  Number of lines on screen (0 for no pausing)

co?
configure  copy

show foo ?
     ^
% Invalid input detected at '^' marker.

xyz?
% Unrecognized command
terminal length ?
  <0-512>  Number of lines on screen (0 for no pausing)"

# On an empty line (of a configuration mode here), the heading comes first; nothing ran: the
# mode is the same and running-config unchanged.
out=$(cli -c enable -c "configure terminal" -c "?" -c "hostname ?" -c "do show privilege")
assert_eq "$?" 0 "the status of -c with help requests"
assert_contains "$out" "?
Configure commands:
"
assert_contains "$out" "hostname ?
  WORD  This system's network name

Current privilege level is 15"
assert_eq "$(running_config)" "!
hostname Router
!
end" "running-config after help requests"

# A URL's `?` is part of the URL; a Ctrl-V before a final `?` runs the line with a `?`.
printf '%s\n' enable "configure terminal" "cwmp agent" \
    "management server url http://acs.example.net/acs?id=7" end | run_lines >/dev/null ||
    fail "a URL with a query was refused"
assert_contains "$(running_config)" " management server url http://acs.example.net/acs?id=7"
out=$(printf 'enable\nconfigure terminal\ncwmp agent\nprovision code WHY\x16?\nend\n' | run_lines)
assert_eq "$?" 0 "the status of a line ending in a literal ?"
assert_eq "$out" "Enter configuration commands, one per line.  End with CNTL/Z."
assert_contains "$(running_config)" " provision code WHY?"
exit 0
