#!/bin/bash
# Leaving the shell at the terminal: exit leaves configuration mode one level at a time, then ends
# cwmpsh with status 0, whatever was mistyped during the session; so does logout.
. "$(dirname "$0")/pty_lib.sh"

start_cwmpd

pty_run exit <<'EOF'
expect Router>
send show foo\r
expect % Invalid input detected at '^' marker.\n\n
expect Router>
send enable\r
expect Router#
send configure terminal\r
expect Router(config)#
send cwmp agent\r
expect Router(config-cwmp)#
send exit\r
expect Router(config)#
send exit\r
expect Router#
send exit\r
expect-exit 0
EOF
assert_eq "$(screen exit)" "$(cat <<'EOF'
Router>show foo
            ^
% Invalid input detected at '^' marker.

Router>enable
Router#configure terminal
Enter configuration commands, one per line.  End with CNTL/Z.
Router(config)#cwmp agent
Router(config-cwmp)#exit
Router(config)#exit
Router#exit
EOF
)"

pty_run logout <<'EOF'
expect Router>
send logout\r
expect-exit 0
EOF
assert_eq "$(screen logout)" "Router>logout"

# A script, unlike a person, learns from the exit status that a line failed.
cli -c "show foo" >/dev/null && fail "cwmpsh -c with a failing command exited with status 0"
exit 0
