#!/bin/bash
# The pager at the terminal: after (terminal length - 1) lines, " --More-- "; space shows the next
# page, Enter the next line, q drops the rest; the prompt is erased with 9 backspaces, 8 spaces
# and 9 backspaces. `terminal length 0` turns paging off; the length belongs to the session.
. "$(dirname "$0")/pty_lib.sh"

start_cwmpd

# A configuration long enough for several pages, entered through a piped cwmpsh.
setup=("configure terminal")
for i in $(seq 0 9); do
    setup+=("interface Ethernet0/$i" "description port $i" "exit")
done
configure "${setup[@]}" end

config=$(cli -c enable -c "show running-config")
total=$(printf '%s\n' "$config" | wc -l)
[ "$total" -gt 30 ] || fail "the configuration is too short for the test: $config"
# lines FROM TO: those lines of show running-config's output.
lines() {
    printf '%s\n' "$config" | sed -n "$1,$2p"
}
more=' --More-- '
erase=$'\b\b\b\b\b\b\b\b\b        \b\b\b\b\b\b\b\b\b'

pty_run pages <<'EOF'
expect Router>
send enable\r
expect Router#
send terminal length 5\r
expect Router#
send show running-config\r
expect \x20--More--\x20
send \x20
expect \x20--More--\x20
send \r
expect \x20--More--\x20
send q
expect Router#
send terminal length 0\r
expect Router#
send show running-config\r
expect \nend\n
expect Router#
send exit\r
expect-exit 0
EOF

# Four lines (length 5), space: four more, Enter: one more, q: the prompt at once.
assert_eq "$(transcript pages)" "Router>enable
Router#terminal length 5
Router#show running-config
$(lines 1 4)
$more$erase$(lines 5 8)
$more$erase$(lines 9 9)
$more${erase}Router#terminal length 0
Router#show running-config
$config
Router#exit"

# A new session pages after 23 lines: terminal length 24 is the default, and the length set by
# the other session was its own.
pty_run default <<'EOF'
expect Router>
send enable\r
expect Router#
send show running-config\r
expect \x20--More--\x20
send q
expect Router#
send exit\r
expect-exit 0
EOF
assert_eq "$(transcript default)" "Router>enable
Router#show running-config
$(lines 1 23)
$more${erase}Router#exit"
