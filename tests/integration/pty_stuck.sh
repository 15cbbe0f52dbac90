#!/bin/bash
# cwmpsh never hangs on a stopped cwmpd: after CWMPSH_TIMEOUT seconds without a word from cwmpd
# (not even the answer to its liveness probe) it prints "% cwmpd is not responding"; at the
# terminal Ctrl-C then brings the prompt back, the keys typed meanwhile are not replayed, and
# once cwmpd runs again the next command gets its own answer, never the abandoned one. Piped and
# -c sessions exit with status 1 instead. A command that is merely slow (the delay after a wrong
# enable secret, during which cwmpd's loop answers the probes) is not "not responding".
. "$(dirname "$0")/pty_lib.sh"

start_cwmpd
export CWMPSH_TIMEOUT=1

# "xyz" is typed before the message, "abc" after it: neither may reach the next prompt. Ctrl-Z
# given up does not wait again for its `end`; the command given up still runs when cwmpd comes
# back, and the prompt then shows the mode it left (drawn again in place).
pty_run stuck <<EOF
expect Router>
send enable\r
expect Router#
run kill -STOP $CWMPD_PID
send show running-config\r
send xyz
timeout 10
expect % cwmpd is not responding\n
send abc
sleep 100
send \x03
expect ^C\n
expect Router#
run kill -CONT $CWMPD_PID
send show privilege\r
expect Current privilege level is 15\n
expect Router#
send configure terminal\r
expect Router(config)#
run kill -STOP $CWMPD_PID
send hostname Edge\x1a
expect % cwmpd is not responding\n
send \x03
expect ^C\n
expect Router(config)#
run kill -CONT $CWMPD_PID
expect Edge(config)#
send end\r
expect Edge#
sleep 300
send exit\r
expect-exit 0
EOF
assert_eq "$(screen stuck)" "Router>enable
Router#show running-config
% cwmpd is not responding
^C
Router#show privilege
Current privilege level is 15
Router#configure terminal
Enter configuration commands, one per line.  End with CNTL/Z.
Router(config)#hostname Edge^Z
% cwmpd is not responding
^C
Edge(config)#end
Edge#exit"
assert_not_contains "$(transcript stuck)" "Building configuration" "the terminal (the abandoned reply)"

# TAB and ? ask cwmpd too: given up with Ctrl-C (the line goes with it), or answered late, when
# cwmpd runs again, with the line drawn again under the answer.
pty_run stuck_help <<EOF
expect Edge>
run kill -STOP $CWMPD_PID
send sh\t
timeout 10
expect % cwmpd is not responding\n
send \x03
expect ^C\n
expect Edge>
send show ?
expect % cwmpd is not responding\n
run kill -CONT $CWMPD_PID
expect Edge>show
sleep 300
send \x15exit\r
expect-exit 0
EOF
assert_eq "$(screen stuck_help)" "Edge>sh
% cwmpd is not responding
^C
Edge>show ?
% cwmpd is not responding
  clock       Display the system clock
  history     Display the session command history
  interfaces  Interface status and configuration
  ip          IP information
  privilege   Show current privilege level
  users       Display information about terminal lines
  version     System hardware and software status

Edge>exit"

# Piped: stopped in the middle of a session, and -c at a cwmpd stopped before the session began.
out=$({ printf 'enable\n'; sleep 0.3; kill -STOP "$CWMPD_PID"; printf 'show clock\n'; sleep 3; } |
    "$CWMPSH" --socket "$SOCK")
rc=$?
kill -CONT "$CWMPD_PID"
assert_eq "$rc" 1 "the status of a piped cwmpsh at a stopped cwmpd"
assert_eq "$out" "% cwmpd is not responding"
kill -STOP "$CWMPD_PID"
out=$(cli -c "show clock")
rc=$?
kill -CONT "$CWMPD_PID"
assert_eq "$rc" 1 "the status of cwmpsh -c at a stopped cwmpd"
assert_eq "$out" "% cwmpd is not responding"

# Slow is not stuck: a wrong secret's answer comes a second later, past CWMPSH_TIMEOUT.
configure "configure terminal" "enable secret 0 Pa55" end
out=$(printf 'enable\nwrong\nPa55\nshow privilege\n' | CWMPSH_TIMEOUT=0.4 run_lines)
rc=$?
assert_eq "$rc" 0 "the status of a session with a slow answer"
assert_eq "$out" "Password: 
Password: 
Current privilege level is 15"
exit 0
