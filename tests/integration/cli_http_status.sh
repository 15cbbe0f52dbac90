#!/bin/bash
# show ip http server status: the configured state of ip http server and ip http secure-server,
# and the ports of their listeners (bound, or where they would listen).
. "$(dirname "$0")/lib.sh"

start_cwmpd
# Off by default, as on IOS; the ports where they would listen.
out=$(cli -c "show ip http server status")
assert_eq "$out" "HTTP server status: Disabled
HTTP server port: 7547
HTTP server digest algorithm: md5
HTTP secure server capability: Present
HTTP secure server status: Disabled
HTTP secure server port: 7548
HTTP secure server client authentication: Disabled" "show ip http server status, nothing on"
stop_cwmpd

# On, on ports of the kernel's choosing: the ports they are bound to, which show cwmp session
# also gives.
start_cwmpd --listen 127.0.0.1:0
printf '%s\n' enable "configure terminal" "ip http server" "ip http secure-server" end |
    run_lines >/dev/null || fail "could not turn the servers on"
session=$(cli -c enable -c "show cwmp session")
http=$(printf '%s\n' "$session" | sed -n 's/^  HTTP server *: listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p')
https=$(printf '%s\n' "$session" | sed -n 's/^  HTTPS server *: listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p')
[ -n "$http" ] && [ -n "$https" ] && [ "$http" != 0 ] || fail "no listener ports in: $session"
out=$(cli -c "sh ip ht se st")
assert_eq "$out" "HTTP server status: Enabled
HTTP server port: $http
HTTP server digest algorithm: md5
HTTP secure server capability: Present
HTTP secure server status: Enabled
HTTP secure server port: $https
HTTP secure server client authentication: Disabled" "show ip http server status, both on"

printf '%s\n' enable "configure terminal" "no ip http secure-server" end | run_lines >/dev/null
out=$(cli -c "show ip http server status | include status")
assert_eq "$out" "HTTP server status: Enabled
HTTP secure server status: Disabled" "after no ip http secure-server"
echo "PASS: show ip http server status"
