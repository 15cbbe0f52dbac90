# Shared helpers of the integration tests (sourced by every tests/integration/*.sh).
#
# Each test gets its own temporary directory, its own cwmpd (state directory and control socket
# inside that directory) and stops everything it started on exit, whatever happens.
#
# Environment (set by `make check`, see tests/local.mk): CWMPD, CWMPSH, PTYRUN, TESTS_SRCDIR,
# SHARED_DIR.

set -u
: "${CWMPD:?run through make check}" "${CWMPSH:?run through make check}"

TEST_NAME=$(basename "$0" .sh)
TEST_TMP=$(mktemp -d "${TMPDIR:-/tmp}/cwmpd-$TEST_NAME.XXXXXX")
STATE="$TEST_TMP/state"
SOCK="$TEST_TMP/cwmpd.sock"
CWMPD_LOG="$TEST_TMP/cwmpd.log"
CWMPD_PID=
CLEANUP_PIDS=

cleanup() {
    local rc=$?
    # A graceful stop lets the sanitizers report what cwmpd leaked or did wrong.
    if [ -n "$CWMPD_PID" ] && ! try_stop_cwmpd && [ "$rc" -eq 0 ]; then
        rc=1
    fi
    for pid in $CWMPD_PID $CLEANUP_PIDS; do
        kill -9 "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
    done
    if [ "$rc" -ne 0 ] && [ "$rc" -ne 77 ] && [ -f "$CWMPD_LOG" ]; then
        echo "--- cwmpd log ---"
        tail -n 40 "$CWMPD_LOG"
    fi
    if [ -n "${KEEP_TEST_TMP:-}" ]; then
        echo "kept $TEST_TMP"
    else
        rm -rf "$TEST_TMP"
    fi
    exit "$rc"
}
trap cleanup EXIT

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

skip() {
    echo "SKIP: $*"
    exit 77
}

# skip_part WHAT: the check WHAT cannot run here (say what it lacks); the test goes on with the
# rest, and make check reports WHAT as skipped, not passed (tests/driver).
skip_part() {
    echo "SKIP (part): $*" >&2
    if [ -n "${TEST_SKIPPED_PARTS:-}" ]; then
        echo "$*" >>"$TEST_SKIPPED_PARTS"
    fi
}

# start_cwmpd [extra cwmpd options...]: starts cwmpd in the foreground (background job) and waits
# until its control socket answers.
# Hooks and the factory configuration are the test's own (HOOKS, FACTORY_CONFIG), never the
# machine's: a test must not reboot the machine it runs on.
HOOKS="$TEST_TMP/hooks"
FACTORY_CONFIG="$TEST_TMP/factory-config"
start_cwmpd() {
    "$CWMPD" --foreground --state-dir "$STATE" --socket "$SOCK" --hooks "$HOOKS" \
        --factory-config "$FACTORY_CONFIG" "$@" 2>>"$CWMPD_LOG" &
    CWMPD_PID=$!
    local i
    for i in $(seq 1 100); do
        if [ -S "$SOCK" ] && "$CWMPSH" --socket "$SOCK" -c "show clock" >/dev/null 2>&1; then
            return 0
        fi
        kill -0 "$CWMPD_PID" 2>/dev/null || fail "cwmpd exited at start"
        sleep 0.05
    done
    fail "cwmpd did not start"
}

# stop_cwmpd: SIGTERM, waits for the process, and fails unless it stopped cleanly (exit status 0,
# nothing reported by ASan, LeakSanitizer or UBSan in its log).
stop_cwmpd() {
    try_stop_cwmpd || exit 1
}

try_stop_cwmpd() {
    [ -n "$CWMPD_PID" ] || return 0
    kill "$CWMPD_PID" 2>/dev/null
    wait "$CWMPD_PID" 2>/dev/null
    local rc=$?
    CWMPD_PID=
    if [ "$rc" -ne 0 ]; then
        echo "FAIL: cwmpd exited with status $rc" >&2
        return 1
    fi
    if grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:' "$CWMPD_LOG"; then
        echo "FAIL: a sanitizer reported an error in cwmpd (see its log)" >&2
        return 1
    fi
}

# kill9_cwmpd: as a crash would.
kill9_cwmpd() {
    [ -n "$CWMPD_PID" ] || return 0
    kill -9 "$CWMPD_PID" 2>/dev/null
    wait "$CWMPD_PID" 2>/dev/null
    CWMPD_PID=
}

# cli [cwmpsh options...]: cwmpsh on this test's cwmpd.
cli() {
    "$CWMPSH" --socket "$SOCK" "$@"
}

# wait_show COMMAND REGEX [TENTHS]: until the output of the privileged COMMAND has a line matching
# the basic regular expression (10 s, or TENTHS tenths of a second, at most); the caller's
# assertion on the output then says what was wrong.
wait_show() {
    local i
    for i in $(seq 1 "${3:-100}"); do
        cli -c enable -c "$1" | grep -q -- "$2" && return 0
        sleep 0.1
    done
    return 1
}

# wait_restarts N: until cwmpd has logged N starts and answers again (after a reload, which
# executes cwmpd again under the same process id).
wait_restarts() {
    local i
    for i in $(seq 1 200); do
        if [ "$(grep -c '%SYS-5-RESTART' "$CWMPD_LOG")" -ge "$1" ] &&
            cli -c "show clock" >/dev/null 2>&1; then
            return 0
        fi
        kill -0 "$CWMPD_PID" 2>/dev/null || fail "cwmpd is gone"
        sleep 0.05
    done
    fail "cwmpd did not start again"
}

# run_lines: feeds standard input to cwmpsh as lines, as `cwmpsh < script` does; prints the
# output. The exit status is cwmpsh's.
run_lines() {
    "$CWMPSH" --socket "$SOCK"
}

# assert_contains HAYSTACK NEEDLE [what]
assert_contains() {
    case "$1" in
    *"$2"*) ;;
    *) printf 'output was:\n%s\n' "$1" >&2; fail "${3:-output} lacks: $2" ;;
    esac
}

# assert_not_contains HAYSTACK NEEDLE [what]
assert_not_contains() {
    case "$1" in
    *"$2"*) printf 'output was:\n%s\n' "$1" >&2; fail "${3:-output} has: $2" ;;
    *) ;;
    esac
}

# assert_match HAYSTACK REGEX [what]: some line matches the extended regular expression.
assert_match() {
    if ! printf '%s\n' "$1" | grep -Eq -- "$2"; then
        printf 'output was:\n%s\n' "$1" >&2
        fail "${3:-output} has no line matching: $2"
    fi
}

# assert_eq ACTUAL EXPECTED [what]: exact comparison, with a diff on failure.
assert_eq() {
    if [ "$1" != "$2" ]; then
        diff -u <(printf '%s\n' "$2") <(printf '%s\n' "$1") >&2
        fail "${3:-output} differs from the expected text"
    fi
}

# running_config: the configuration part of show running-config (from the first `!`).
running_config() {
    cli -c enable -c "show running-config" | sed -n '/^!$/,$p'
}
