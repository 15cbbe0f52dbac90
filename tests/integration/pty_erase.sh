#!/bin/bash
# write erase at a terminal: IOS's question, which n answers by keeping the startup-config and
# Enter (or y) by erasing it; erase startup-config asks the same.
. "$(dirname "$0")/pty_lib.sh"

start_cwmpd
cli -c enable -c "write memory" >/dev/null || fail "write memory failed"
[ -s "$STATE/startup-config" ] || fail "write memory wrote no startup-config"

pty_run erase <<'EOF2'
expect Router>
send enable\r
expect Router#
send write erase\r
expect Continue? [confirm]
send n\r
expect Router#
send show startup-config | include Using\r
expect Using
expect Router#
send erase startup-config\r
expect Continue? [confirm]
send \r
expect complete\n
expect Router#
send show startup-config\r
expect not present\n
expect Router#
send exit\r
expect-exit 0
EOF2
# The question is longer than the 80 columns of the terminal: whole in what cwmpsh printed.
assert_contains "$(transcript erase)" \
    "Erasing the nvram filesystem will remove all configuration files! Continue? [confirm]"
# n: nothing erased, no [OK]; Enter: erased.
screen=$(screen erase | tr -d '\n')
assert_contains "$screen" "Router#write erase"
assert_contains "$screen" "[confirm]nRouter#show startup-config | include UsingUsing "
assert_contains "$screen" "Router#erase startup-config"
assert_contains "$screen" "[confirm][OK]Erase of nvram: completeRouter#show startup-configstartup-config is not presentRouter#exit"
[ -e "$STATE/startup-config" ] && fail "the startup-config is still there"
stop_cwmpd
