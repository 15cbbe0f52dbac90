#!/bin/bash
# copy running-config startup-config at the terminal asks for the destination first (Enter takes
# the default shown in brackets, a typed name is echoed); write memory does not ask.
. "$(dirname "$0")/pty_lib.sh"

start_cwmpd
configure "configure terminal" "interface Ethernet0/3" "description uplink" end

pty_run copy <<'EOF'
expect Router>
send enable\r
expect Router#
send copy running-config startup-config\r
expect Destination filename [startup-config]?\x20
send \r
expect [OK]\n
expect Router#
send copy running-config startup-config\r
expect Destination filename [startup-config]?\x20
send startup-config\r
expect [OK]\n
expect Router#
send write memory\r
expect [OK]\n
expect Router#
send exit\r
expect-exit 0
EOF

assert_eq "$(screen copy)" "$(cat <<'EOF'
Router>enable
Router#copy running-config startup-config
Destination filename [startup-config]?
Building configuration...
[OK]
Router#copy running-config startup-config
Destination filename [startup-config]? startup-config
Building configuration...
[OK]
Router#write memory
Building configuration...
[OK]
Router#exit
EOF
)"
assert_contains "$(transcript copy)" \
    $'Router#copy running-config startup-config\nDestination filename [startup-config]? \nBuilding' \
    "the transcript"
startup=$(cli -c enable -c "show startup-config")
assert_contains "$startup" $'interface Ethernet0/3\n description uplink\n' "show startup-config"
