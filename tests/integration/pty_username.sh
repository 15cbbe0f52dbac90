#!/bin/bash
# At a terminal, a user with `username NAME privilege 15 secret ...` lands at Router# without a
# question, as an IOS local user does; a level between shows Router# too, and without the entry
# the next session lands at Router>.
. "$(dirname "$0")/pty_lib.sh"

# cwmpd names a uid without a passwd entry by its number, which an entry can name as well.
ME=$(id -un 2>/dev/null) || ME=$(id -u)
case "$ME" in
*[!A-Za-z0-9._-]*) skip "the user name '$ME' is not one word a username line can hold" ;;
esac

start_cwmpd
configure "configure terminal" "username $ME privilege 15 secret 0 Adm1n" end
pty_run top <<'EOF2'
expect Router#
send show privilege\r
expect Current privilege level is 15
expect Router#
send disable\r
expect Router>
send exit\r
expect-exit 0
EOF2
# The first prompt was the privileged one: no Router> and no Password: before it.
first=$(transcript top | grep -m1 -o 'Router[>#]')
assert_eq "$first" "Router#" "the first prompt of $ME's session"
assert_not_contains "$(transcript top)" "Password:" "$ME's session"

configure "configure terminal" "username $ME privilege 5" end
pty_run mid <<'EOF2'
expect Router#
send show privilege\r
expect Current privilege level is 5
expect Router#
send configure terminal\r
expect % Invalid input detected at '^' marker.
expect Router#
send exit\r
expect-exit 0
EOF2

configure "configure terminal" "no username $ME" end
pty_run plain <<'EOF2'
expect Router>
send show privilege\r
expect Current privilege level is 1
expect Router>
send exit\r
expect-exit 0
EOF2
first=$(transcript plain | grep -m1 -o 'Router[>#]')
assert_eq "$first" "Router>" "the first prompt without the entry"
exit 0
