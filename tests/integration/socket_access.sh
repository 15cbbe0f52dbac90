#!/bin/bash
# Who may use the control socket: root, cwmpd's own user, members of the socket's group.
. "$(dirname "$0")/lib.sh"

start_cwmpd
mode=$(stat -c %a "$SOCK")
[ "$mode" = 660 ] || fail "control socket mode is $mode, not 660"

[ "$(id -u)" -eq 0 ] || skip "the other users' side needs root to switch users"
command -v setpriv >/dev/null || skip "setpriv (util-linux) is not installed"
nobody_gid=$(getent group nogroup | cut -d: -f3)
[ -n "$nobody_gid" ] || skip "no group nogroup"
chmod 755 "$TEST_TMP"

as_nobody() {
    setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"
}

# The file system keeps others out first...
out=$(as_nobody "$CWMPSH" --socket "$SOCK" -c "show clock")
[ $? -ne 0 ] || fail "nobody could use cwmpd"
assert_eq "$out" "% Permission denied: cannot connect to $SOCK (not a member of cwmpd's group)" \
    "refusal by the socket's mode"

# ...and cwmpd itself checks the peer's credentials even when the file is open to all.
chmod 666 "$SOCK"
out=$(as_nobody "$CWMPSH" --socket "$SOCK" -c "show clock")
[ $? -ne 0 ] || fail "nobody could use cwmpd through an open socket file"
assert_eq "$out" "% Permission denied: not a member of cwmpd's group" "refusal"
grep -q '%CWMP-4-DENIED: control connection from uid' "$CWMPD_LOG" || fail "refusal not logged"

# A member of the socket's group is let in (the group is read at each connection).
chmod 660 "$SOCK"
chgrp nogroup "$SOCK"
out=$(as_nobody "$CWMPSH" --socket "$SOCK" -c "show clock") || fail "a member of the socket's group was refused: $out"
[[ "$out" =~ ^\*?[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}\  ]] || fail "show clock gave: $out"
exit 0
