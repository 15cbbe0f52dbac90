#!/bin/bash
# ACS discovery and autoinstall without a DHCP client hook (TR-069 3.1): cwmpd, started without a
# startup-config and with --wan-dhcp on the CPE's side of a veth pair, reads the DHCP that ISC
# dhclient (whose script only sets the address) gets from dnsmasq: option 43 (URL, ProvisioningCode
# "PC-WAN", CWMPRetryMinimumWaitInterval 30, CWMPRetryIntervalMultiplier 3000) names the ACS, which
# gets a 0 BOOTSTRAP session and reads the values in use with GetParameterValues; options 150 and
# 67 start autoinstall, which fetches the boot file from dnsmasq's TFTP server and merges it.
# `show cwmp session` shows DHCP's values; a typed `provision code` wins over DHCP's (in show and
# in the Informs its change opens). The client's release (dhclient -r) makes cwmpd forget the ACS.
# Needs root, ip netns, dnsmasq and dhclient: skips (77) otherwise.
. "$(dirname "$0")/cwmp_lib.sh"
. "$(dirname "$0")/cwmp_dhcp_lib.sh"

dhcp_require dnsmasq dhclient
dhcp_netns wd

MS=InternetGatewayDevice.ManagementServer
write_device_info
cat >"$TEST_TMP/script" <<EOF2
session
inform-response
GetParameterValues InternetGatewayDevice.DeviceInfo.ProvisioningCode $MS.URL $MS.CWMPRetryMinimumWaitInterval $MS.CWMPRetryIntervalMultiplier
end
EOF2
start_acs --script "$TEST_TMP/script" $(schema_args)
start_cwmpd --wan-dhcp "$CPE_IF"
[ -e "$STATE/startup-config" ] && fail "a startup-config to start with"
# Enabled, and nothing else: the URL, the code and the retry values are DHCP's to give.
cli -c enable -c "debug cwmp" -c "configure terminal" -c "cwmp agent" -c enable -c end >/dev/null
out=$(cli -c enable -c "show cwmp session" | grep -E "^(ACS URL|WAN DHCP)")
assert_eq "$out" "ACS URL             : (none)
WAN DHCP watched    : $CPE_IF"

# The TFTP server's boot file: a host name, so that the merge shows.
ROOT=$TEST_TMP/tftp
mkdir -p "$ROOT"
printf '%s\n' '!' 'hostname WanCPE' '!' >"$ROOT/wan-cpe.cfg"
chmod 755 "$TEST_TMP" "$ROOT"
chmod 644 "$ROOT/wan-cpe.cfg"

# The retry values as text, as TR-069 encodes them (in hexadecimal: dnsmasq would make numbers
# of them).
isp_dnsmasq --dhcp-range=198.51.100.10,198.51.100.50,600 \
    --dhcp-option=vendor:dslforum.org,1,"$ACS_URL" --dhcp-option=vendor:dslforum.org,2,PC-WAN \
    --dhcp-option=vendor:dslforum.org,3,33:30 --dhcp-option=vendor:dslforum.org,4,33:30:30:30 \
    --dhcp-option=150,198.51.100.1 --dhcp-option=67,wan-cpe.cfg \
    --enable-tftp --tftp-root="$ROOT"

# No hook: the script only gives the CPE its address.
dhclient_script "$TEST_TMP/client-script"
cat >"$TEST_TMP/dhclient.conf" <<'EOF2'
option tftp-server-address code 150 = array of ip-address;
send vendor-class-identifier "dslforum.org";
also request vendor-encapsulated-options, tftp-server-address, bootfile-name;
EOF2
client() { # up | release
    local flag=
    [ "$1" = release ] && flag=-r
    cpe_dhclient -4 -1 $flag -cf "$TEST_TMP/dhclient.conf" -lf "$TEST_TMP/dhclient.leases" \
        -pf "$TEST_TMP/dhclient.pid" -sf "$TEST_TMP/client-script" "$CPE_IF"
}
client up || { dhcp_logs; fail "the DHCP client got no lease"; }

wait_acs_sessions 1 15 || { dhcp_logs; fail "no session with the ACS from the WAN's DHCP"; }
assert_contains "$(body 1 01)" "<EventCode>0 BOOTSTRAP</EventCode>"
assert_contains "$(body 1 01)" 'ProvisioningCode</Name><Value xsi:type="xsd:string">PC-WAN<'
gpv=$(cat "$ACS_REC"/1-*.xml | tr -d '\n')
value() { # NAME: its value in the GetParameterValuesResponse
    printf '%s' "$gpv" | sed -n "s|.*<Name>$1</Name><Value[^>]*>\([^<]*\)</Value>.*|\1|p"
}
assert_eq "$(value InternetGatewayDevice.DeviceInfo.ProvisioningCode)" "PC-WAN"
assert_eq "$(value $MS.URL)" "$ACS_URL"
assert_eq "$(value $MS.CWMPRetryMinimumWaitInterval)" "30"
assert_eq "$(value $MS.CWMPRetryIntervalMultiplier)" "3000"

out=$(cli -c enable -c "show cwmp session" | grep -E "^(ACS URL|Provisioning code|Retry wait)")
assert_eq "$out" "ACS URL             : $ACS_URL (from DHCP option 43)
Provisioning code   : PC-WAN (from DHCP option 43)
Retry wait          : 30 s, multiplier 3000 (from DHCP option 43)"
log=$(cat "$CWMPD_LOG")
assert_contains "$log" "%CWMP-5-ACS_DHCP: ACS URL $ACS_URL learnt from DHCP option 43"
assert_not_contains "$(running_config)" "$ACS_URL"

# Autoinstall: the network files are not there, the boot file is.
wait_show "show autoinstall" "^Autoinstall *: configured"
out=$(cli -c enable -c "show autoinstall")
assert_eq "$out" "Autoinstall         : configured from tftp://198.51.100.1/ (host file)
TFTP server         : 198.51.100.1
Boot file           : wan-cpe.cfg"
assert_contains "$(cat "$CWMPD_LOG")" \
    "%SYS-5-CONFIG_I: Configured from tftp://198.51.100.1/wan-cpe.cfg by autoinstall"
assert_contains "$(running_config)" "hostname WanCPE"

# A typed ProvisioningCode wins over DHCP's; without it, DHCP's is back. ProvisioningCode is
# forced into every Inform and notified actively: each change opens a session that carries it.
sessions() { ls "$ACS_REC"/*-01-Inform.xml 2>/dev/null | wc -l; }
informed() { # AFTER CODE: a session numbered above AFTER carried ProvisioningCode CODE
    local i f n
    for i in $(seq 1 100); do
        for f in "$ACS_REC"/*-01-Inform.xml; do
            n=${f##*/}
            n=${n%%-*}
            [ "$n" -gt "$1" ] &&
                grep -q "ProvisioningCode</Name><Value xsi:type=\"xsd:string\">$2<" "$f" && return 0
        done
        sleep 0.1
    done
    return 1
}
before=$(sessions)
cli -c enable -c "configure terminal" -c "cwmp agent" -c "provision code TYPED" -c end >/dev/null
out=$(cli -c enable -c "show cwmp session" | grep -c "^Provisioning code")
assert_eq "$out" "0"
informed "$before" TYPED || fail "no Inform with the typed ProvisioningCode"
before=$(sessions)
cli -c enable -c "configure terminal" -c "cwmp agent" -c "no provision code" -c end >/dev/null
out=$(cli -c enable -c "show cwmp session" | grep "^Provisioning code")
assert_eq "$out" "Provisioning code   : PC-WAN (from DHCP option 43)"
informed "$before" PC-WAN || fail "no Inform with DHCP's ProvisioningCode back"

# The release ends it: cwmpd saw the client's DHCPRELEASE.
client release
wait_show "show cwmp session" "^ACS URL *: (none)" 50
out=$(cli -c enable -c "show cwmp session" | grep -E "^(ACS URL|Provisioning code|Retry wait)")
assert_eq "$out" "ACS URL             : (none)"
assert_contains "$(cat "$CWMPD_LOG")" "%CWMP-5-ACS_DHCP: the ACS URL learnt from DHCP is forgotten"

# The link goes down and up (a cable, a modem's restart): the watching socket failed with it, and
# the interface is watched again within the 5 s it is looked for; the next lease is read.
ip -n "$CPE" link set "$CPE_IF" down
wait_show "show cwmp session" "^WAN DHCP watched    : waiting for" 50
out=$(cli -c enable -c "show cwmp session" | grep "^WAN DHCP")
assert_eq "$out" "WAN DHCP watched    : waiting for $CPE_IF"
ip -n "$CPE" link set "$CPE_IF" up
wait_show "show cwmp session" "^WAN DHCP watched    : $CPE_IF\$" 80
out=$(cli -c enable -c "show cwmp session" | grep "^WAN DHCP")
assert_eq "$out" "WAN DHCP watched    : $CPE_IF"
client up || { dhcp_logs; fail "the DHCP client got no lease after the link came back"; }
wait_show "show cwmp session" "^ACS URL *: http" 50
out=$(cli -c enable -c "show cwmp session" | grep "^ACS URL")
assert_eq "$out" "ACS URL             : $ACS_URL (from DHCP option 43)"
acs_no_invalid
stop_cwmpd
