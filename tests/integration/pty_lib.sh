# Helpers of the terminal tests (tests/integration/pty_*.sh): cwmpsh as a person uses it, at a
# terminal, driven by tests/ptyrun. Sources lib.sh; run through make check, which sets PTYRUN.

. "$(dirname "$0")/lib.sh"

[ -x "${PTYRUN:-}" ] || skip "ptyrun is not built (run through make check)"

# pty_run NAME [cwmpsh options...]: runs an interactive cwmpsh on this test's cwmpd in a
# pseudo-terminal, following the ptyrun script read from standard input (see tests/ptyrun.c).
# Leaves what the terminal shows in $TEST_TMP/NAME.screen and the bytes cwmpsh printed, carriage
# returns dropped, in $TEST_TMP/NAME.out. The test fails when the script does not go through.
# HOME is the test's directory, so that no ~/.editrc of the person running the tests applies;
# CWMPSH and SOCK are exported for the script's `run` commands.
pty_run() {
    local name=$1
    shift
    cat >"$TEST_TMP/$name.script"
    env -u EDITRC HOME="$TEST_TMP" LC_ALL=C CWMPSH="$CWMPSH" SOCK="$SOCK" \
        "$PTYRUN" -r -t "$TEST_TMP/$name.out" -s "$TEST_TMP/$name.screen" \
        "$TEST_TMP/$name.script" -- "$CWMPSH" --socket "$SOCK" "$@" ||
        fail "the terminal session $name did not go as scripted"
}

# screen NAME: what the terminal of session NAME showed (blanks at the ends of lines, which cannot
# be seen, are not there; transcript has them).
screen() {
    cat "$TEST_TMP/$1.screen"
}

# transcript NAME: the bytes session NAME printed, carriage returns dropped.
transcript() {
    cat "$TEST_TMP/$1.out"
}

# configure LINE...: runs the lines in privileged EXEC through a piped (non-interactive) cwmpsh.
configure() {
    printf '%s\n' enable "$@" | run_lines >/dev/null || fail "cannot configure: $*"
}
