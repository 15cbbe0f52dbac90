#!/bin/bash
# tests/ptyrun itself: what it types, how it draws the screen, and that every broken expectation
# fails (the terminal tests are only as good as this).
. "$(dirname "$0")/pty_lib.sh"

# ptyrun_script NAME: the script on standard input, saved as $TEST_TMP/NAME.script.
ptyrun_script() {
    cat >"$TEST_TMP/$1.script"
}

# Keys arrive as typed, escapes decoded: Ctrl-Z, TAB, a backslash, Ctrl-C, a byte in hex.
ptyrun_script keys <<'EOF'
expect ready
send \x1a\t\\\x03\xfe
expect-exit 0
EOF
"$PTYRUN" -r -t "$TEST_TMP/keys.out" "$TEST_TMP/keys.script" -- \
    sh -c 'stty raw -echo; echo ready; dd bs=1 count=5 2>/dev/null | od -An -tx1' || fail "ptyrun keys"
assert_eq "$(tr -s ' ' <"$TEST_TMP/keys.out")" "$(printf 'ready\n 1a 09 5c 03 fe')" "the bytes received"

# The screen applies carriage returns, backspaces, cursor moves, insertions and erasures; the
# transcript keeps the bytes (without \r under -r).
ptyrun_script draw <<'EOF'
expect done
expect-exit 3
EOF
"$PTYRUN" -r -t "$TEST_TMP/draw.out" -s "$TEST_TMP/draw.screen" "$TEST_TMP/draw.script" -- \
    sh -c 'printf "abc\bX\n12345\r\033[3C\033[K\nxyz\033[2D\033[2@ab\n0123\033[2G\033[2P\ndone   \n"
           exit 3' || fail "ptyrun draw"
assert_eq "$(cat "$TEST_TMP/draw.screen")" "$(printf 'abX\n123\nxabyz\n03\ndone')" "the screen"
assert_eq "$(cat "$TEST_TMP/draw.out")" \
    "$(printf 'abc\bX\n12345\033[3C\033[K\nxyz\033[2D\033[2@ab\n0123\033[2G\033[2P\ndone   ')" \
    "the transcript"

# expect_failure STATUS MESSAGE SCRIPT_NAME PROGRAM...: ptyrun must exit with STATUS and say
# MESSAGE.
expect_failure() {
    local status=$1 message=$2 name=$3 rc=0
    shift 3
    "$PTYRUN" "$TEST_TMP/$name.script" -- "$@" >"$TEST_TMP/$name.err" 2>&1 || rc=$?
    [ "$rc" -eq "$status" ] || fail "ptyrun $name exited with $rc, expected $status"
    assert_contains "$(cat "$TEST_TMP/$name.err")" "$message" "ptyrun $name's message"
}

ptyrun_script timeout <<'EOF'
timeout 0.3
expect hello
expect nothing like this
EOF
expect_failure 1 'timed out waiting for: nothing like this' timeout sh -c 'echo hello; sleep 5'

ptyrun_script exited <<'EOF'
expect never printed
EOF
expect_failure 1 'the program exited before printing: never printed' exited echo bye

ptyrun_script status <<'EOF'
expect-exit 0
EOF
expect_failure 1 'exit status 4, expected 0' status sh -c 'exit 4'

ptyrun_script run <<'EOF'
run false
EOF
expect_failure 1 'the command failed: false' run sleep 5

ptyrun_script syntax <<'EOF'
send bad \q escape
EOF
expect_failure 2 'bad command: send bad \q escape' syntax true
