#!/bin/bash
# cwmpd.conf(5)'s first example: the commands it shows are typed into cwmpsh, and what
# `write memory` then saves must be, line for line, the file the page shows after them.
. "$(dirname "$0")/lib.sh"

page="$TESTS_SRCDIR/../man/cwmpd.conf.5"
[ -f "$page" ] || fail "$page not found"

# block N: the Nth .nf/.fi block after .SH EXAMPLES, with the roff escapes it uses undone.
block() {
    awk -v want="$1" '
        /^\.SH / { in_ex = ($2 == "EXAMPLES") }
        in_ex && /^\.nf$/ { n++; on = (n == want); next }
        in_ex && /^\.fi$/ { on = 0; next }
        on { print }' "$page" | sed -e 's/\\-/-/g' -e 's/\\&//g' -e "s/\\\\(aq/'/g"
}

typed=$(block 1)
saved=$(block 2)
[ -n "$typed" ] || fail "no commands found in the page's first example"
[ -n "$saved" ] || fail "no saved file found in the page's first example"

start_cwmpd
out=$( (printf 'enable\n'; printf '%s\n' "$typed"; printf 'end\n') | cli) ||
    fail "the example was not accepted: $out"
assert_eq "$out" "Enter configuration commands, one per line.  End with CNTL/Z." "the example's output"
out=$(cli -c enable -c "write memory")
assert_eq "$out" "Building configuration...
[OK]" "write memory"
assert_eq "$(cat "$STATE/startup-config")" "$saved" "the saved file against cwmpd.conf(5)"
exit 0
