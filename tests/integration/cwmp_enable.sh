#!/bin/bash
# `enable` and `no enable` in cwmp agent mode start and stop all CWMP activity, without losing
# what is queued meanwhile; show cwmp map names what backs each parameter.
. "$(dirname "$0")/cwmp_lib.sh"

write_device_info
start_acs $(schema_args)
start_cwmpd
cli -c enable -c "configure terminal" -c "interface Ethernet0/0" \
    -c "ip address 192.0.2.5 255.255.255.0" -c "cwmp wan default" -c "interface Vlan1" \
    -c "ip address 10.1.1.1 255.255.255.0" -c "cwmp agent" -c "management server url $ACS_URL" \
    -c "session retry wait 1" -c end >/dev/null
sleep 1
[ ! -e "$ACS_REC/1-01-Inform.xml" ] || fail "a disabled agent informed"
assert_contains "$(cli -c enable -c 'show cwmp session')" "CWMP agent          : disabled"
cli -c enable -c "configure terminal" -c "cwmp agent" -c enable -c end >/dev/null
wait_acs_sessions 1 || fail "enable did not start a session"
inform=$(body 1 01)
assert_contains "$inform" "<EventCode>0 BOOTSTRAP</EventCode>"
# The default connection's address is forced into the Inform, and only that connection's.
assert_contains "$inform" "<Name>InternetGatewayDevice.WANDevice.1.WANConnectionDevice.1.WANIPConnection.1.ExternalIPAddress</Name><Value xsi:type=\"xsd:string\">192.0.2.5</Value>"
[ "$(grep -o 'ExternalIPAddress' <<<"$inform" | wc -l)" = 1 ] || fail "more than one ExternalIPAddress"
assert_contains "$inform" "<Value xsi:type=\"xsd:string\">http://192.0.2.5:7547/"

# Disabled again: a change is queued, not sent.
cli -c enable -c "configure terminal" -c "cwmp agent" -c "no enable" -c "provision code Q1" \
    -c end >/dev/null
sleep 1
[ "$(cat "$ACS_REC/sessions")" = 1 ] || fail "a disabled agent started a session"
out=$(cli -c enable -c "show cwmp session")
assert_contains "$out" "Events queued       : 4 VALUE CHANGE"
cli -c enable -c "configure terminal" -c "cwmp agent" -c enable -c end >/dev/null
wait_acs_sessions 2 || fail "the queued event was not delivered after enable"
assert_contains "$(body 2 01)" "<EventCode>4 VALUE CHANGE</EventCode>"
assert_contains "$(body 2 01)" "<Value xsi:type=\"xsd:string\">Q1</Value>"

# A URL changed and put back while disabled: the ACS had it already, so there is no BOOTSTRAP,
# and with nothing else to say, no session.
cli -c enable -c "configure terminal" -c "cwmp agent" -c "no enable" \
    -c "management server url http://127.0.0.1:9/elsewhere" -c "management server url $ACS_URL" \
    -c end >/dev/null
assert_contains "$(cli -c enable -c 'show cwmp session')" "Events queued       : 0 BOOTSTRAP"
cli -c enable -c "configure terminal" -c "cwmp agent" -c enable -c end >/dev/null
sleep 1
[ "$(cat "$ACS_REC/sessions")" = 2 ] || fail "a session went out with nothing to say"
assert_contains "$(cli -c enable -c 'show cwmp session')" "Events queued       : none"
# With something to say, it goes without the BOOTSTRAP.
cli -c enable -c "configure terminal" -c "cwmp agent" -c "provision code Q2" -c end >/dev/null
wait_acs_sessions 3 || fail "the change after the URL came back was not delivered"
assert_not_contains "$(body 3 01)" "0 BOOTSTRAP"

map=$(cli -c enable -c "show cwmp map")
assert_contains "$map" "InternetGatewayDevice.ManagementServer.URL"
assert_contains "$map" "cwmp agent: management server url"
methods=$(cli -c enable -c 'show cwmp methods')
assert_contains "$methods" "  GetParameterNames"
# What cwmpd calls on the ACS: the Inform, and the TransferComplete that a transfer owes.
assert_contains "$methods" "Methods cwmpd calls on the ACS:
  Inform
  TransferComplete"
acs_no_invalid
stop_acs
exit 0
