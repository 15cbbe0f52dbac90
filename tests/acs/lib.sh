# Helpers for tests that talk to the test ACS (tests/acs/README.md); source after
# tests/integration/lib.sh, which provides TEST_TMP, CLEANUP_PIDS, fail and skip.
#
# Environment (set by `make check`, see tests/acs.mk): TESTACS.
# shellcheck shell=bash

: "${TESTACS:?run through make check}"

ACS_PID=
ACS_PORT=
ACS_URL=
ACS_REC=

# start_acs [testacs options...]: starts testacs on 127.0.0.1, a free port, recording into
# $ACS_REC (default $TEST_TMP/acs; set ACS_REC before to use another); sets ACS_PORT, ACS_URL
# (for --path /acs) and ACS_PID. Its standard output is $ACS_REC.out, its errors $ACS_REC.err.
start_acs() {
    ACS_REC=${ACS_REC:-$TEST_TMP/acs}
    local portfile=$ACS_REC.port
    rm -f "$portfile"
    "$TESTACS" --listen 127.0.0.1:0 --port-file "$portfile" --record "$ACS_REC" "$@" \
        >>"$ACS_REC.out" 2>>"$ACS_REC.err" &
    ACS_PID=$!
    CLEANUP_PIDS="$CLEANUP_PIDS $ACS_PID"
    local i
    for i in $(seq 1 200); do
        if [ -s "$portfile" ]; then
            ACS_PORT=$(cat "$portfile")
            ACS_URL=http://127.0.0.1:$ACS_PORT/acs
            return 0
        fi
        kill -0 "$ACS_PID" 2>/dev/null || { cat "$ACS_REC.err" >&2; fail "testacs exited at start"; }
        sleep 0.05
    done
    fail "testacs did not start"
}

# stop_acs: SIGTERM, and fails unless testacs stopped cleanly (status 0, no sanitizer report).
stop_acs() {
    [ -n "$ACS_PID" ] || return 0
    kill "$ACS_PID" 2>/dev/null
    wait "$ACS_PID" 2>/dev/null
    local rc=$?
    ACS_PID=
    if [ "$rc" -ne 0 ]; then
        cat "$ACS_REC.err" >&2
        fail "testacs exited with status $rc"
    fi
    if grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:' "$ACS_REC.err"; then
        cat "$ACS_REC.err" >&2
        fail "a sanitizer reported an error in testacs"
    fi
}

# wait_acs_sessions N [SECONDS]: until N sessions have ended (default: 10 s).
wait_acs_sessions() {
    local want=$1 tries=$(( ${2:-10} * 20 )) i
    for i in $(seq 1 "$tries"); do
        [ "$(cat "$ACS_REC/sessions" 2>/dev/null)" -ge "$want" ] 2>/dev/null && return 0
        sleep 0.05
    done
    fail "only $(cat "$ACS_REC/sessions" 2>/dev/null) of $want sessions ended (log: $ACS_REC/log)"
}

# wait_acs_log REGEX [SECONDS]: until a line of the log matches the extended REGEX (default 10 s).
wait_acs_log() {
    local tries=$(( ${2:-10} * 20 )) i
    for i in $(seq 1 "$tries"); do
        grep -qE -- "$1" "$ACS_REC/log" 2>/dev/null && return 0
        sleep 0.05
    done
    fail "no line of the ACS log matches: $1 (log: $ACS_REC/log)"
}

# acs_log: the log without its timestamps, for exact comparisons.
acs_log() {
    sed 's/ t=[0-9.]*$//' "$ACS_REC/log"
}

# assert_acs_valid: fails when testacs found anything invalid in what it was sent.
assert_acs_valid() {
    local n
    n=$(cat "$ACS_REC/invalid")
    if [ "$n" != 0 ]; then
        grep INVALID "$ACS_REC/log" >&2
        fail "$n invalid messages"
    fi
}
