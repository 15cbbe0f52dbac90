#!/bin/bash
# A fault means nothing changed, also when the disk is full: the state directory on a small tmpfs
# (in a mount namespace of the test's own) filled up after cwmpd started; SetParameterValues,
# AddObject, DeleteObject, X_00000C_SetConfiguration (both targets) and SetParameterAttributes get
# fault 9002, and then GetParameterValues reads the old value, the old ParameterKey and the old
# number of port mappings, GetParameterAttributes the old attributes, show running-config and the
# startup-config are as before, and cwmpd still serves.
# With room again, the same change is made. Every message valid against the schema.

# A private mount namespace, so that the tmpfs is seen by this test alone and goes with it.
if [ -z "${CWMP_FULL_DISK_NS:-}" ]; then
    [ "$(id -u)" = 0 ] || { echo "SKIP: not root"; exit 77; }
    command -v unshare >/dev/null || { echo "SKIP: unshare is missing"; exit 77; }
    unshare -m true 2>/dev/null || { echo "SKIP: no mount namespace"; exit 77; }
    CWMP_FULL_DISK_NS=1 exec unshare -m --propagation private bash "$0" "$@"
fi
. "$(dirname "$0")/cwmp_lib.sh"
command -v curl >/dev/null || skip "curl is missing"

mkdir -p "$STATE"
mount -t tmpfs -o size=512k,mode=0700 cwmpd-full-disk "$STATE" 2>/dev/null ||
    skip "cannot mount a tmpfs"
# cwmpd stopped and the tmpfs unmounted before lib.sh's cleanup removes the directory.
full_disk_cleanup() {
    local rc=$?
    if [ -n "$CWMPD_PID" ] && ! try_stop_cwmpd && [ "$rc" -eq 0 ]; then
        rc=1
    fi
    umount "$STATE" 2>/dev/null
    (exit "$rc")
    cleanup
}
trap full_disk_cleanup EXIT

IP1=InternetGatewayDevice.WANDevice.1.WANConnectionDevice.1.WANIPConnection.1.
PM=${IP1}PortMapping.
CODE=InternetGatewayDevice.DeviceInfo.ProvisioningCode
KEY=InternetGatewayDevice.ManagementServer.ParameterKey
COUNT=${IP1}PortMappingNumberOfEntries
PERIOD=InternetGatewayDevice.ManagementServer.PeriodicInformInterval

write_device_info
cat >"$STATE/startup-config" <<'EOF'
hostname Before
!
interface Ethernet0/0
 ip address 10.194.145.170 255.255.255.0
 ip nat outside
 cwmp wan
 cwmp wan default
!
interface Vlan102
 ip address 15.15.15.1 255.255.255.0
 ip nat inside
!
ip nat inside source static tcp 15.15.15.2 7547 10.194.145.170 9000
ip http server
!
cwmp agent
 connection request username cr-user
 connection request password 0 cr-pass
!
end
EOF
cat >"$TEST_TMP/script" <<EOF
session
inform-response
SetParameterValues k1 $CODE xsd:string before
end
session
inform-response
SetParameterValues k2 $CODE xsd:string after
AddObject $PM k3
DeleteObject ${PM}1. k4
X_00000C_SetConfiguration - running-config k5 hostname%20Lost
X_00000C_SetConfiguration - startup-config k6 hostname%20Lost
SetParameterAttributes $PERIOD true 1 true Subscriber
GetParameterValues $CODE $KEY $COUNT
GetParameterAttributes $PERIOD
end
session
inform-response
SetParameterValues k7 $CODE xsd:string after
GetParameterValues $CODE $KEY
end
EOF
start_acs --script "$TEST_TMP/script" $(schema_args)
start_cwmpd --listen 127.0.0.1:0
configure_acs
wait_acs_sessions 1 || fail "no first session"
assert_contains "$(body 1 03)" "<Status>0</Status>" "the first SetParameterValues"

running_before=$(cli -c enable -c "show running-config")
startup_before=$(cat "$STATE/startup-config")
url=$(cli -c enable -c "show cwmp session" | sed -n 's/^  URL *: //p')
[ -n "$url" ] || fail "no connection request URL"

# The disk fills up under the running cwmpd.
dd if=/dev/zero of="$STATE/filler" bs=4k 2>/dev/null
[ "$(df --output=avail "$STATE" | tail -n 1 | tr -d ' ')" = 0 ] || fail "the tmpfs is not full"

curl -s -o /dev/null --max-time 10 --digest -u cr-user:cr-pass "$url" ||
    fail "the connection request was not answered"
wait_acs_sessions 2 20 || fail "no session with the disk full"

# fault_of N: the FaultCode of message N of session 2.
fault_of() {
    body 2 "$1" | sed -n 's|.*<cwmp:Fault><FaultCode>\([0-9]*\)</FaultCode>.*|\1|p'
}
for n in 03 04 05 06 07 08; do
    [ "$(fault_of $n)" = 9002 ] || fail "message $n of the full-disk session: $(body 2 $n)"
done
gpv=$(body 2 09)
assert_contains "$gpv" "<Name>$CODE</Name><Value xsi:type=\"xsd:string\">before</Value>" \
    "the value after the failed SetParameterValues"
assert_contains "$gpv" "<Name>$KEY</Name><Value xsi:type=\"xsd:string\">k1</Value>" \
    "the ParameterKey after the failed changes"
assert_contains "$gpv" "<Name>$COUNT</Name><Value xsi:type=\"xsd:unsignedInt\">1</Value>" \
    "the port mappings after the failed AddObject and DeleteObject"
assert_contains "$(body 2 10)" "<Name>$PERIOD</Name><Notification>0</Notification><AccessList soap-enc:arrayType=\"xsd:string[0]\">" \
    "the attributes after the failed SetParameterAttributes"
assert_eq "$(cli -c enable -c "show running-config")" "$running_before" \
    "show running-config after the failed changes"
rm -f "$STATE/filler"
assert_eq "$(cat "$STATE/startup-config")" "$startup_before" "startup-config after the failed changes"

# With room again, the change is made: it was the disk.
curl -s -o /dev/null --max-time 10 --digest -u cr-user:cr-pass "$url" ||
    fail "the connection request was not answered"
wait_acs_sessions 3 20 || fail "no session after the disk was emptied"
assert_contains "$(body 3 03)" "<Status>0</Status>" "the SetParameterValues with room again"
gpv=$(body 3 04)
assert_contains "$gpv" "<Name>$CODE</Name><Value xsi:type=\"xsd:string\">after</Value>"
assert_contains "$gpv" "<Name>$KEY</Name><Value xsi:type=\"xsd:string\">k7</Value>"
acs_no_invalid
stop_cwmpd
stop_acs
