#!/bin/bash
# terminal monitor: a shell waiting at its prompt shows the log message of another shell leaving
# configuration mode on a line of its own, then draws its prompt again with what was typed.
. "$(dirname "$0")/pty_lib.sh"

start_cwmpd

# Each `run` is another operator configuring through a piped cwmpsh while this one waits.
pty_run monitor <<'EOF'
expect Router>
send enable\r
expect Router#
run printf 'enable\nconfigure terminal\nend\n' | "$CWMPSH" --socket "$SOCK" >/dev/null
send terminal monitor\r
expect Router#
run printf 'enable\nconfigure terminal\nend\n' | "$CWMPSH" --socket "$SOCK" >/dev/null
expect %SYS-5-CONFIG_I: Configured from console by
expect Router#
send show
expect show
run printf 'enable\nconfigure terminal\nexit\n' | "$CWMPSH" --socket "$SOCK" >/dev/null
expect %SYS-5-CONFIG_I: Configured from console by
expect Router#show
send \x15terminal no monitor\r
expect Router#
run printf 'enable\nconfigure terminal\nend\n' | "$CWMPSH" --socket "$SOCK" >/dev/null
send exit\r
expect-exit 0
EOF

# The time stamp and the other shell's line number vary.
user=$(id -un)
assert_eq "$(screen monitor |
    sed -E 's/^\*[A-Z][a-z]{2} [ 1-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-5][0-9]\.[0-9]{3}: /*TIME: /;
            s/ on vty [0-9]+$/ on vty N/')" "$(cat <<EOF
Router>enable
Router#terminal monitor
Router#
*TIME: %SYS-5-CONFIG_I: Configured from console by $user on vty N
Router#show
*TIME: %SYS-5-CONFIG_I: Configured from console by $user on vty N
Router#terminal no monitor
Router#exit
EOF
)"
