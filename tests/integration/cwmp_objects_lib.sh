# Helpers of the tests where the test ACS adds, writes and deletes the instances of a table that
# the operator's configuration also makes: one session of the ACS's script over what the operator
# typed (cwmp_dhcp_static.sh, cwmp_dhcp_class.sh, cwmp_forwarding.sh), and the pieces of the
# answers to look for (those and cwmp_portmap.sh, whose sessions are several). Sources
# cwmp_lib.sh.
# shellcheck shell=bash

. "$(dirname "$0")/cwmp_lib.sh"

# acs_session LINE...: the test ACS runs "$TEST_TMP/script" once cwmpd has the operator's LINEs
# (typed in configure terminal) and the agent is enabled; every message of the session must be
# valid.
acs_session() {
    write_device_info
    # shellcheck disable=SC2046
    start_acs --script "$TEST_TMP/script" $(schema_args)
    start_cwmpd
    printf '%s\n' enable "configure terminal" "$@" end |
        run_lines >/dev/null || fail "the configuration was refused"
    configure_acs
    wait_acs_sessions 1 20 || fail "no session"
    acs_no_invalid
}

# value NAME TYPE VALUE: a ParameterValueStruct as cwmpd writes it.
value() {
    printf '<Name>%s</Name><Value xsi:type="xsd:%s">%s</Value>' "$1" "$2" "$3"
}

# fault_on NAME CODE: a SetParameterValuesFault of a parameter.
fault_on() {
    printf '<ParameterName>%s</ParameterName><FaultCode>%s</FaultCode>' "$1" "$2"
}
