#!/bin/bash
# A terminal session as an IOS operator lives it, compared screen for screen: debug and log
# messages arrive while a command is half typed (the cursor moved back into it), each on a line of
# its own with no blank line between them, and the prompt with the half-typed line comes back once,
# after the whole burst, the cursor where it was; Ctrl-C abandons a line (^C, a new prompt on the
# next row); Ctrl-D on an empty line of a configuration mode does nothing (and deletes a character
# inside a line); in EXEC it ends the session.
. "$(dirname "$0")/pty_lib.sh"

command -v pgrep >/dev/null || skip "pgrep is not installed"
start_cwmpd

# The burst: this cwmpsh is stopped while another operator configures through a piped cwmpsh, so
# that every message is waiting when it runs again, as when they come faster than it reads. The
# shell that `run` starts is, like cwmpsh, a child of ptyrun.
shell_pid='$(pgrep -P "$PPID" -x cwmpsh)'
pty_run session <<EOF
expect Router>
send enable\r
expect Router#
send terminal monitor\r
expect Router#
send debug cwmp\r
expect Router#
send show privlege\x02\x02\x02\x02
run kill -STOP $shell_pid
run printf 'enable\nconfigure terminal\ncwmp agent\nsession retry limit 3\nrequest outstanding 2\nend\n' | "\$CWMPSH" --socket "\$SOCK" >/dev/null
run kill -CONT $shell_pid
expect %SYS-5-CONFIG_I
expect Router#show privlege
sleep 100
send i\r
expect Current privilege level is 15\n
expect Router#
send configure termin\x03
expect ^C\n
expect Router#
send configure terminal\r
expect Router(config)#
send \x04
sleep 200
send \x04hostnamee Edge\x02\x02\x02\x02\x02\x02\x04\r
expect Edge(config)#
send end\r
expect Edge#
send \x04
expect-exit 0
EOF
user=$(id -un)
assert_eq "$(screen session |
    sed -E 's/^\*[A-Z][a-z]{2} [ 1-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-5][0-9]\.[0-9]{3}: /*TIME: /;
            s/ on vty [0-9]+$/ on vty N/')" "$(cat <<EOF
Router>enable
Router#terminal monitor
Router#debug cwmp
CWMP debugging is on
Router#show privlege
*TIME: CWMP: the running configuration changed (change 1)
*TIME: CWMP: the running configuration changed (change 2)
*TIME: %SYS-5-CONFIG_I: Configured from console by $user on vty N
Router#show privilege
Current privilege level is 15
Router#configure termin^C
Router#configure terminal
Enter configuration commands, one per line.  End with CNTL/Z.
Router(config)#hostname Edge
*TIME: CWMP: the running configuration changed (change 3)
Edge(config)#end
*TIME: %SYS-5-CONFIG_I: Configured from console by $user on vty N
Edge#^D
EOF
)"
# The half-typed line is drawn again once, after the burst, not after each message.
assert_eq "$(transcript session | grep -c 'Router#show privlege')" 2 \
    "the times the half-typed line was drawn"
exit 0
