#!/bin/bash
# enable with an enable secret, at the terminal: "Password: " up to three times, the secret never
# shown, then "% Bad secrets".
. "$(dirname "$0")/pty_lib.sh"

start_cwmpd
configure "configure terminal" "enable secret 0 Lab123" end

# The secrets are typed at once after the question, as a paste would: they must still not be
# echoed. The last one is corrected with a backspace; Ctrl-C abandons the question.
pty_run enable <<'EOF'
expect Router>
send enable\r
expect Password:\x20
send Lab123\r
expect Router#
send disable\r
expect Router>
send enable\r
expect Password:\x20
send wrong1\r
expect Password:\x20
send wrong2\r
expect Password:\x20
send Lab1234\r
expect % Bad secrets\n\n
expect Router>
send enable\r
expect Password:\x20
send Lab\x03
expect Router>
send enable\r
expect Password:\x20
send Lab12x\x7f3\r
expect Router#
send exit\r
expect-exit 0
EOF

assert_eq "$(screen enable)" "$(cat <<'EOF'
Router>enable
Password:
Router#disable
Router>enable
Password:
Password:
Password:
% Bad secrets

Router>enable
Password:
Router>enable
Password:
Router#exit
EOF
)"
assert_contains "$(transcript enable)" $'Router>enable\nPassword: \nRouter#' "the transcript"
# Each wrong secret is logged, as IOS does: wrong1, wrong2 and Lab1234.
[ "$(grep -c '%SYS-5-PRIV_AUTH_FAIL: Authentication to Privilege level 15 failed by .* on vty ' \
    "$CWMPD_LOG")" = 3 ] || fail "wrong secrets not logged: $(grep PRIV_AUTH "$CWMPD_LOG")"
for secret in Lab wrong; do
    assert_not_contains "$(transcript enable)" "$secret" "the transcript (a secret was echoed)"
done
