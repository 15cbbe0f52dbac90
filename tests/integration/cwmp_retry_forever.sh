#!/bin/bash
# Retries never abandon queued events: past `session retry limit` the wait stops growing and the
# sessions keep coming at the longest wait reached until one succeeds (TR-069 §3.2.1.1 sets no
# end to retries).
. "$(dirname "$0")/cwmp_lib.sh"

write_device_info
{
    for _ in 1 2 3 4 5 6; do
        echo session
        echo "http 503"
    done
    echo session
    echo inform-response
    echo end
} >"$TEST_TMP/script"
start_acs --script "$TEST_TMP/script" $(schema_args)
start_cwmpd
# Limit 1, first wait 1 s, doubling: every retry waits 1-2 s. A wait that kept growing would put
# the seventh session at least 1+2+4+8+16 s after the first.
configure_acs "session retry limit 1"
wait_acs_sessions 7 20 || fail "the retries stopped or slowed down after the limit"
log=$(cat "$ACS_REC/log")
assert_contains "$log" "3 01 <- Inform events=1 BOOT,0 BOOTSTRAP retry=2"
assert_contains "$log" "7 01 <- Inform events=1 BOOT,0 BOOTSTRAP retry=6"
out=$(cli -c enable -c "show cwmp session")
assert_contains "$out" "Retry count         : 0 (limit 1)"
assert_contains "$out" "Sessions            : 7 (6 failed)"
assert_contains "$out" "Events queued       : none"
acs_no_invalid
stop_acs
exit 0
