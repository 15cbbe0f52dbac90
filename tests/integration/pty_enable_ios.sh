#!/bin/bash
# enable with secrets pasted from IOS configurations: a type 5 hash (MD5-crypt) and a type 8 one
# (PBKDF2-SHA256), Cisco's examples for "cisco", open enable with that password and no other, and
# running-config keeps each as it was given, with its type.
. "$(dirname "$0")/pty_lib.sh"

start_cwmpd
configure "configure terminal" 'enable secret 5 $1$mERr$hx5rVt7rPNoS4wqbXKX7m0' end
pty_run enable5 <<'EOF2'
expect Router>
send enable\r
expect Password:\x20
send Cisco\r
expect Password:\x20
send cisco\r
expect Router#
send show running-config | include enable\r
expect enable secret 5 $1$mERr$hx5rVt7rPNoS4wqbXKX7m0
expect Router#
send configure terminal\r
expect Router(config)#
send enable secret 8 $8$dsYGNam3K1SIJO$7nv/35M/qr6t.dVc7UY9zrJDWRVqncHub1PE9UlMQFs\r
expect Router(config)#
send end\r
expect Router#
send disable\r
expect Router>
send enable\r
expect Password:\x20
send cisco\r
expect Router#
send show running-config | include enable\r
expect enable secret 8 $8$dsYGNam3K1SIJO$7nv/35M/qr6t.dVc7UY9zrJDWRVqncHub1PE9UlMQFs
expect Router#
send exit\r
expect-exit 0
EOF2
[ "$(grep -c '%SYS-5-PRIV_AUTH_FAIL' "$CWMPD_LOG")" = 1 ] ||
    fail "the wrong password was not the one failure: $(grep PRIV_AUTH "$CWMPD_LOG")"
