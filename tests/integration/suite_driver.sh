#!/bin/bash
# The test driver (tests/driver): a test's exit status becomes its result, and each part a test
# could not run is a SKIP of its own rather than part of a PASS; the tests that need ../shared
# report what they skip without it: the schema validation of the CWMP tests (schema_args) and
# check_dm's TR-098 conformance and profiles.
. "$(dirname "$0")/lib.sh"

DRIVER="$TESTS_SRCDIR/driver"
BUILD=$(dirname "$(dirname "$CWMPD")")

# drive NAME SCRIPT: runs the bash script SCRIPT through the driver as test NAME; prints what the
# driver printed, then the .trs.
drive() {
    printf '%s\n' "$2" >"$TEST_TMP/$1.sh"
    sh "$DRIVER" --test-name "$1" --log-file "$TEST_TMP/$1.log" --trs-file "$TEST_TMP/$1.trs" \
        --color-tests no --expect-failure no --enable-hard-errors yes -- bash "$TEST_TMP/$1.sh" \
        || fail "the driver failed for $1"
    cat "$TEST_TMP/$1.trs"
}

# The exit status decides, as with automake's own driver.
assert_eq "$(drive pass 'exit 0')" "PASS: pass
:test-result: PASS
:global-test-result: PASS
:recheck: no
:copy-in-global-log: no"
assert_eq "$(drive skipped 'exit 77')" "SKIP: skipped
:test-result: SKIP
:global-test-result: SKIP
:recheck: no
:copy-in-global-log: yes"
assert_contains "$(drive failed 'exit 3')" "FAIL: failed
:test-result: FAIL
:global-test-result: FAIL
:recheck: yes"
assert_contains "$(drive hard 'exit 99')" ":test-result: ERROR"
assert_contains "$(cat "$TEST_TMP/failed.log")" "FAIL failed (exit status: 3)"

# Parts skipped: one SKIP each (the same part named twice is one), besides the test's own result,
# from any directory the test is in.
out=$(drive parts 'cd /; echo "schema check" >>"$TEST_SKIPPED_PARTS"
echo "other check" >>"$TEST_SKIPPED_PARTS"; echo "schema check" >>"$TEST_SKIPPED_PARTS"; exit 0')
assert_eq "$out" "PASS: parts
SKIP: parts: other check
SKIP: parts: schema check
:test-result: PASS
:test-result: SKIP
:test-result: SKIP
:global-test-result: PASS
:recheck: no
:copy-in-global-log: yes"
assert_contains "$(cat "$TEST_TMP/parts.log")" "SKIP parts: schema check"
[ ! -e "$TEST_TMP/parts.skipped" ] || fail "the list of skipped parts was left behind"
# A failing test keeps its parts skipped too; a test skipped as a whole has no parts.
assert_contains "$(drive partfail 'echo "a check" >>"$TEST_SKIPPED_PARTS"; exit 1')" \
    ":test-result: FAIL
:test-result: SKIP"
assert_eq "$(drive partskip 'echo "a check" >>"$TEST_SKIPPED_PARTS"; exit 77' | grep -c SKIP)" 3

# What the tests that need ../shared report without it.
nowhere=$TEST_TMP/no-shared
assert_contains "$(drive schema "SHARED_DIR=$nowhere; . '$TESTS_SRCDIR/integration/lib.sh'
. '$TESTS_SRCDIR/integration/cwmp_lib.sh'; args=\$(schema_args); [ -z \"\$args\" ]")" \
    "SKIP: schema: schema validation of cwmpd's messages (no ../shared/spec)
:test-result: PASS
:test-result: SKIP"
if [ -x "$BUILD/tests/unit/check_dm" ]; then
    assert_contains "$(drive dm "SHARED_DIR=$nowhere '$BUILD/tests/unit/check_dm'")" \
        "PASS: dm
SKIP: dm: TR-098 conformance of the data model (no ../shared/spec)
SKIP: dm: TR-098 profiles of DeviceSummary (no ../shared/spec)
:test-result: PASS
:test-result: SKIP
:test-result: SKIP"
else
    skip_part "check_dm's report (check_dm not built)"
fi
exit 0
