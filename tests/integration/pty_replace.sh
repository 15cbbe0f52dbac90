#!/bin/bash
# configure replace at a terminal: IOS's question, whose default (Enter) and n keep the running
# configuration and y replaces it, then "Total number of passes" and "Rollback Done"; force does
# not ask. archive config and show archive as an operator types them.
. "$(dirname "$0")/pty_lib.sh"

start_cwmpd
configure "configure terminal" archive "path flash:config" end "archive config" \
    "configure terminal" "hostname Edge-1" "interface Ethernet0/1" "description lan" end

pty_run replace <<'EOF2'
expect Edge-1>
send enable\r
expect Edge-1#
send configure replace flash:config-1\r
expect ? [no]:\x20
send \r
expect Edge-1#
send configure replace flash:config-1\r
expect ? [no]:\x20
send n\r
expect Edge-1#
send configure replace flash:config-1\r
expect ? [no]:\x20
send y\r
expect Rollback Done\n
expect Router#
send archive config\r
expect Router#
send show archive\r
expect Most Recent
expect Router#
send configure replace flash:config-1 force\r
expect Rollback Done\n
expect Router#
send exit\r
expect-exit 0
EOF2
question="This will apply all necessary additions and deletions to replace the current running \
configuration with the contents of the specified configuration file, which is assumed to be a \
complete configuration, not a partial configuration. Enter Y if you are sure you want to \
proceed. ? [no]: "
# The question is longer than the terminal's 80 columns: whole in what cwmpsh printed.
out=$(transcript replace)
assert_contains "$out" "Edge-1#configure replace flash:config-1
$question
Edge-1#configure replace flash:config-1
${question}n
Edge-1#configure replace flash:config-1
${question}y
Total number of passes: 1
Rollback Done
Router#archive config
Router#show archive
The maximum archive configurations allowed is 10.
There are currently 2 archive configurations saved.
The next archive file will be named flash:config-3
 Archive #  Name
   1        flash:config-1
   2        flash:config-2 <- Most Recent
   3
   4
   5
   6
   7
   8
   9
   10
Router#configure replace flash:config-1 force
Total number of passes: 0
Rollback Done
Router#exit" "the transcript"
assert_not_contains "$(running_config)" "Edge-1" "running-config after the replacement"
assert_not_contains "$(running_config)" "description lan" "running-config after the replacement"
stop_cwmpd
