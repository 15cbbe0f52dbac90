#!/bin/bash
# Local users and the enable password, through piped cwmpsh: a shell of the Unix user that has a
# `username` entry starts at that entry's level (15: privileged EXEC at once), a level between
# runs only its level's commands, no entry is level 1 again; the entries and the enable password
# are saved as IOS shows them (never in clear) and hold after a restart; enable checks the
# password when there is no secret ("% Bad passwords"), and the secret wins over it.
. "$(dirname "$0")/lib.sh"

# cwmpd names a uid without a passwd entry by its number, which an entry can name as well.
ME=$(id -un 2>/dev/null) || ME=$(id -u)
case "$ME" in
*[!A-Za-z0-9._-]*) skip "the user name '$ME' is not one word a username line can hold" ;;
esac

start_cwmpd

out=$(cli -c "show privilege")
assert_eq "$out" "Current privilege level is 1" "show privilege before any username entry"

cli -c enable -c "configure terminal" -c "username $ME privilege 15 secret x" \
    -c "username other privilege 15 secret y" -c end >/dev/null ||
    fail "could not configure the username entries"
out=$(printf 'show privilege\nshow running-config | include ^username\n' | cli)
rc=$?
[ "$rc" -eq 0 ] || fail "cwmpsh exited $rc at level 15: $out"
assert_match "$out" "^Current privilege level is 15\$" "a shell of $ME"
assert_match "$out" "^username $ME privilege 15 secret 9 \\\$9\\\$[./0-9A-Za-z]{14}\\\$[./0-9A-Za-z]{43}\$" \
    "the username line"
assert_match "$out" '^username other privilege 15 secret 9 \$9\$' "the other username line"
[ "$(printf '%s\n' "$out" | wc -l)" -eq 3 ] || fail "unexpected lines: $out"

# A level between 1 and 15: the commands of level 1, with the privileged prompt's level.
cli -c "configure terminal" -c "username $ME privilege 7" -c end >/dev/null ||
    fail "could not change the level"
out=$(printf 'show privilege\nshow running-config\n' | cli)
assert_eq "$out" "Current privilege level is 7
show running-config
     ^
% Invalid input detected at '^' marker." "a shell at level 7"
# The privilege line changed only the level: the secret is still there.
out=$(cli -c enable -c "show running-config | include ^username $ME ")
assert_match "$out" "^username $ME privilege 7 secret 9 \\\$9\\\$" "the merged username line"

# The enable password, saved hidden; the entry and the password hold after a restart.
cli -c enable -c "configure terminal" -c "username $ME privilege 15" -c "enable password 0 Leg4cy" \
    -c end -c "write memory" >/dev/null || fail "could not set the enable password"
grep -q Leg4cy "$STATE/startup-config" && fail "the enable password was saved in clear"
assert_match "$(cat "$STATE/startup-config")" '^enable password 7 [0-9][0-9]([0-9A-F][0-9A-F]){6}$' \
    "the saved enable password"
assert_match "$(cat "$STATE/startup-config")" "^username $ME privilege 15 secret 9 " \
    "the saved username line"
stop_cwmpd
start_cwmpd
out=$(cli -c "show privilege")
assert_eq "$out" "Current privilege level is 15" "show privilege after a restart"

# No entry: a new shell starts at level 1, and enable asks for the enable password.
cli -c "configure terminal" -c "no username $ME" -c end >/dev/null || fail "no username failed"
out=$(cli -c "show privilege")
assert_eq "$out" "Current privilege level is 1" "show privilege after no username"
out=$(printf 'enable\nLeg4cy\nshow privilege\n' | cli)
assert_eq "$out" "Password: 
Current privilege level is 15" "enable with the enable password"
out=$(printf 'enable\nx\ny\nz\n' | cli)
[ $? -ne 0 ] || fail "cwmpsh exited 0 after refused passwords"
assert_eq "$out" "Password: 
Password: 
Password: 
% Bad passwords" "enable with wrong passwords"

# With a secret as well, the secret wins; the same value as the secret gets IOS's warning.
out=$(printf 'enable\nLeg4cy\nconfigure terminal\nenable secret 0 N3w\nenable password N3w\nend\n' | cli)
assert_eq "$out" "Password: 
Enter configuration commands, one per line.  End with CNTL/Z.
The enable password you have chosen is the same as your enable secret.
This is not recommended.  Re-enter the enable password." "enable password equal to the secret"
out=$(printf 'enable\nLeg4cy\nN3w\nshow privilege\n' | cli)
assert_eq "$out" "Password: 
Password: 
Current privilege level is 15" "the secret wins over the enable password"

# A user cannot have both a password and a secret: IOS's words, and nothing changes.
out=$(printf 'enable\nN3w\nconfigure terminal\nusername ro password 7 0822455D0A16\nusername ro secret 0 z\nend\nshow running-config | include ^username\n' | cli)
[ $? -ne 0 ] || fail "cwmpsh exited 0 after a refused username line"
assert_eq "$out" "Password: 
Enter configuration commands, one per line.  End with CNTL/Z.
ERROR: Can not have both a user password and a user secret.
Please choose one or the other.
username other privilege 15 secret 9 $(cli -c enable -c N3w -c 'show running-config | include ^username other' | sed -n 's/.*secret 9 //p')
username ro password 7 0822455D0A16" "username with both a password and a secret"
exit 0
