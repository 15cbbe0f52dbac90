# Helpers of the CWMP integration tests: cwmpd against the test ACS (tests/acs/README.md).
# Sources lib.sh and tests/acs/lib.sh.
# shellcheck shell=bash

. "$(dirname "$0")/lib.sh"
. "$TESTS_SRCDIR/acs/lib.sh"

# The device's identity, fixed so that the ACS sees the same DeviceId every run.
write_device_info() {
    mkdir -p "$STATE"
    cat >"$STATE/device-info" <<'EOF2'
Manufacturer=cwmpd project
ManufacturerOUI=00000C
ProductClass=CPE-TEST
SerialNumber=TEST0001
EOF2
}

# schema_args: --schema when the Broadband Forum schemas are beside the project; without them the
# test goes on, and its schema validation is reported skipped.
schema_args() {
    if [ -f "$SHARED_DIR/spec/cwmp-1-4.xsd" ]; then
        echo "--schema $SHARED_DIR/spec"
    else
        skip_part "schema validation of cwmpd's messages (no ../shared/spec)"
    fi
}

# configure_acs [extra cwmp agent lines...]: points cwmpd at the test ACS and enables it, with
# quick retries for tests.
configure_acs() {
    {
        echo enable
        echo "configure terminal"
        echo "cwmp agent"
        echo "management server url $ACS_URL"
        echo "session retry wait 1"
        for l in "$@"; do echo "$l"; done
        echo enable
        echo end
    } | cli >/dev/null || fail "could not configure the ACS"
}

# acs_no_invalid: every message cwmpd sent passed the ACS's checks (and the schema with --schema).
acs_no_invalid() {
    local n
    n=$(cat "$ACS_REC/invalid" 2>/dev/null || echo 0)
    if [ "$n" != 0 ]; then
        grep INVALID "$ACS_REC/log" >&2
        fail "$n message(s) from cwmpd were invalid"
    fi
}

# body S NN: the recorded body of message NN of session S (any WHAT).
body() {
    cat "$ACS_REC/$1-$2-"*.xml
}

# start_connreq_agent "SERVER LINES" [cwmpd options...]: cwmpd with the given `ip http ...` lines
# and connection-request credentials cr-user / cr-pass, pointed at a started test ACS, after its
# first session; $url is then the ConnectionRequestURL shown by `show cwmp session`. With
# ACS_SCRIPT set, the test ACS plays that script.
start_connreq_agent() {
    local servers=$1
    shift
    write_device_info
    {
        printf '%s\n!\n' "$servers"
        printf 'cwmp agent\n connection request username cr-user\n'
        printf ' connection request password 0 cr-pass\n!\n'
    } >"$STATE/startup-config"
    start_acs ${ACS_SCRIPT:+--script "$ACS_SCRIPT"}
    start_cwmpd --listen 127.0.0.1:0 "$@"
    configure_acs
    wait_acs_sessions 1
    url=$(cli -c enable -c "show cwmp session" | sed -n 's/^  URL *: //p')
    [ -n "$url" ] || fail "no connection request URL"
}
