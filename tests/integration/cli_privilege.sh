#!/bin/bash
# User EXEC and privileged EXEC: what each sees, the enable secret, disable.
. "$(dirname "$0")/lib.sh"

start_cwmpd

out=$(cli -c "show running-config")
assert_eq "$out" "show running-config
     ^
% Invalid input detected at '^' marker." "privileged command in user EXEC"

out=$(cli -c "show version")
assert_contains "$out" "cwmpd TR-069 Agent Software, Version"

# Without a secret enable goes straight to privileged EXEC.
cli -c enable -c "configure terminal" -c "enable secret 0 Op3rat0r" -c end -c "write memory" \
    >/dev/null || fail "could not set the enable secret"
grep -q '^enable secret 9 ' "$STATE/startup-config" || fail "the secret was not saved"
grep -q Op3rat0r "$STATE/startup-config" && fail "the secret was saved in clear"
# In -c mode an answer to a question is the next -c argument.
out=$(cli -c enable -c Op3rat0r -c "show running-config | include secret")
case "$out" in
'Password: '?'enable secret 9 $9$'*) ;;
*) fail "enable secret not shown as type 9: $out" ;;
esac

# With a secret, the next line of the script is the answer.
out=$(printf 'enable\nOp3rat0r\nshow running-config | include hostname\n' | cli)
assert_eq "$out" "Password: 
hostname Router" "enable with the right secret"

out=$(printf 'enable\nx\ny\nz\nshow running-config\n' | cli)
rc=$?
[ "$rc" -ne 0 ] || fail "cwmpsh exited 0 after refused commands"
assert_contains "$out" "% Bad secrets"
assert_contains "$out" "% Invalid input detected at '^' marker."

out=$(cli -c enable -c "Op3rat0r" -c disable -c "show running-config")
assert_contains "$out" "% Invalid input detected at '^' marker."
exit 0
