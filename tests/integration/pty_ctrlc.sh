#!/bin/bash
# Ctrl-C at the terminal abandons the line as IOS does: `^C` at the end of what was typed (wherever
# the cursor was), the next prompt on the row below, even when the line wraps over two rows; the
# line is neither run nor recorded in either history (the recall of Ctrl-P, show history).
. "$(dirname "$0")/pty_lib.sh"

start_cwmpd

long="show running-config | include $(printf 'x%.0s' $(seq 1 60))"
pty_run ctrlc <<EOF
expect Router>
send enable\r
expect Router#
send show clock\x02\x02\x02\x03
expect ^C\n
expect Router#
send \x03
expect ^C\n
expect Router#
send \x10\r
expect Router#
send show history\r
expect Router#
send $long\x01\x06\x06\x03
expect ^C\n
expect Router#
send exit\r
expect-exit 0
EOF
assert_eq "$(screen ctrlc)" "$(cat <<EOF
Router>enable
Router#show clock^C
Router#^C
Router#enable
Router#show history
  enable
  enable
  show history
Router#${long:0:73}
${long:73}^C
Router#exit
EOF
)"
