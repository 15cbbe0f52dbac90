#!/bin/bash
# TR-143's DownloadDiagnostics and UploadDiagnostics from the ACS, session after session: a
# download of 64 MiB requested in a session runs once it ends, and its end opens a session with
# 8 DIAGNOSTICS COMPLETE in which the ACS reads TestBytesReceived (exactly the answer's headers
# and body), the times (well-formed, in order), TotalBytesReceived (the interface's counters, at
# least the test's bytes), while cwmpd's peak memory stays flat; an upload of a TestFileLength
# that the server counts; a 404 for each, a refused connection; values refused; a write that
# cancels a requested test and one that cancels a running download (no DIAGNOSTICS COMPLETE
# follows). The network: namespaces this test creates, nothing of the machine's own touched, no
# packet leaving it. cwmpd and the test ACS run in a CPE namespace (the ACS on its 127.0.0.1),
# whose WAN cpe0 (192.0.2.2/24) is a veth pair with a server namespace (192.0.2.1/24) where a
# small HTTP server answers GET and PUT on port 8080 (nothing listens on port 9).
. "$(dirname "$0")/cwmp_vendor_lib.sh"

command -v ip >/dev/null || skip "no ip"
command -v python3 >/dev/null || skip "python3 is missing (the HTTP server)"
command -v curl >/dev/null || skip "curl is missing"
[ "$(id -u)" = 0 ] || skip "not root: cannot create network namespaces"
CPE=cwmpd-tr143-cpe-$$
SRV=cwmpd-tr143-srv-$$
ip netns add "$CPE" 2>/dev/null || skip "cannot create a network namespace"
trap 'rc=$?; for n in "$CPE" "$SRV"; do ip netns del "$n" 2>/dev/null; done; (exit $rc); cleanup' EXIT
ip netns add "$SRV" || fail "cannot create the server's namespace"
ip -n "$CPE" link add cpe0 type veth peer name srv0 netns "$SRV" 2>/dev/null ||
    skip "cannot create a veth pair between namespaces"
for n in "$CPE" "$SRV"; do ip -n "$n" link set lo up; done
ip -n "$CPE" addr add 192.0.2.2/24 dev cpe0
ip -n "$SRV" addr add 192.0.2.1/24 dev srv0
ip -n "$CPE" link set cpe0 up
ip -n "$SRV" link set srv0 up

# The server: GET /64m is 64 MiB made as it is sent; GET /slow promises 100 MB and trickles it;
# PUT /up reads its body and logs its length; anything else is 404. Its headers are fixed, so
# that the test knows the answer's size to the byte. Each request is logged when it ends.
cat >"$TEST_TMP/server.py" <<'EOF2'
import socketserver, sys, time
LOG = sys.argv[1]
def log(line):
    with open(LOG, "a") as f:
        f.write(line + "\n")
class H(socketserver.StreamRequestHandler):
    def handle(self):
        line = self.rfile.readline().decode().split()
        length = 0
        while True:
            h = self.rfile.readline()
            if h in (b"\r\n", b"\n", b""):
                break
            k, _, v = h.decode().partition(":")
            if k.strip().lower() == "content-length":
                length = int(v)
        method, path = line[0], line[1]
        w = self.wfile
        if method == "GET" and path == "/64m":
            n = 64 << 20
            w.write(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\nConnection: close\r\n\r\n" % n)
            block = b"x" * 65536
            for _ in range(n // len(block)):
                w.write(block)
            log("GET /64m %d" % n)
        elif method == "GET" and path == "/slow":
            w.write(b"HTTP/1.1 200 OK\r\nContent-Length: 100000000\r\nConnection: close\r\n\r\n")
            sent = 0
            try:
                for _ in range(300):
                    w.write(b"y" * 1000)
                    w.flush()
                    sent += 1000
                    time.sleep(0.05)
                log("GET /slow not stopped")
            except OSError:
                log("GET /slow stopped")
        elif method == "PUT":
            got = 0
            while got < length:
                b = self.rfile.read(min(65536, length - got))
                if not b:
                    break
                got += len(b)
            if path == "/up":
                w.write(b"HTTP/1.1 201 Created\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            else:
                w.write(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            log("PUT %s %d" % (path, got))
        else:
            w.write(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            log("%s %s 404" % (method, path))
class S(socketserver.ThreadingMixIn, socketserver.TCPServer):
    allow_reuse_address = True
    daemon_threads = True
S(("192.0.2.1", 8080), H).serve_forever()
EOF2
ip netns exec "$SRV" python3 "$TEST_TMP/server.py" "$TEST_TMP/server.log" 2>"$TEST_TMP/server.err" &
CLEANUP_PIDS="$CLEANUP_PIDS $!"
for i in $(seq 1 100); do
    ip netns exec "$CPE" curl -s -o /dev/null http://192.0.2.1:8080/ready && break
    sleep 0.05
done
grep -q "GET /ready 404" "$TEST_TMP/server.log" 2>/dev/null || fail "the HTTP server did not start"

for prog in CWMPD TESTACS; do
    cat >"$TEST_TMP/$prog-in-ns" <<EOF2
#!/bin/sh
exec ip netns exec "$CPE" "${!prog}" "\$@"
EOF2
    chmod +x "$TEST_TMP/$prog-in-ns"
done
CWMPD=$TEST_TMP/CWMPD-in-ns
TESTACS=$TEST_TMP/TESTACS-in-ns
export CWMPD_IFMAP="Ethernet0/0=cpe0"
write_device_info
cat >"$STATE/startup-config" <<'EOF2'
ip http server
!
interface Ethernet0/0
 ip address 192.0.2.2 255.255.255.0
 cwmp wan default
!
cwmp agent
 connection request username cr-user
 connection request password 0 cr-pass
!
end
EOF2

# value S NN NAME: the Value of NAME in the recorded message NN of session S.
value() {
    body "$1" "$2" | tr -d '\n' | grep -o "<Name>$3</Name>[[:space:]]*<Value[^>]*>[^<]*</Value>" |
        sed 's/.*<Value[^>]*>//; s/<\/Value>//'
}
events() {
    sed -n "s/^$1 01 <- Inform events=\(.*\) retry=.*/\1/p" "$ACS_REC/log"
}
hwm_kib() {
    sed -n 's/^VmHWM:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$CWMPD_PID/status"
}
# times S NN OBJ: the object's times must be TR-143's form, and ROM <= BOM <= EOM (the form's
# fixed width makes the text's order the times').
TIME_RE='^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}Z$'
check_times() {
    local t prev=
    for t in TCPOpenRequestTime TCPOpenResponseTime ROMTime BOMTime EOMTime; do
        local v
        v=$(value "$1" "$2" "$3.$t")
        [[ $v =~ $TIME_RE ]] || fail "$3.$t is not a TR-143 time: '$v'"
        [[ $v > 2020 ]] || fail "$3.$t is not a time of this test: $v"
        case $t in
        TCPOpenResponseTime | BOMTime | EOMTime)
            [[ $prev > $v ]] && fail "$3: $t $v is before the time read before it, $prev" ;;
        esac
        prev=$v
    done
}

DL=InternetGatewayDevice.DownloadDiagnostics
UL=InternetGatewayDevice.UploadDiagnostics
WANIP=InternetGatewayDevice.WANDevice.1.WANConnectionDevice.1.WANIPConnection.1
U=xsd:unsignedInt
S=xsd:string
H=http://192.0.2.1:8080
cat >"$TEST_TMP/script" <<EOF2
session
inform-response
GetParameterValues $DL.
SetParameterValues k1 $DL.DownloadURL $S $H/64m $DL.Interface $S $WANIP $DL.DSCP $U 10 $DL.EthernetPriority $U 3 $DL.DiagnosticsState $S Requested
GetParameterValues $DL.DiagnosticsState
end
session
inform-response
GetParameterValues $DL.
SetParameterValues k2 $UL.UploadURL $S $H/up $UL.TestFileLength $U 1234567 $UL.DiagnosticsState $S Requested
end
session
inform-response
GetParameterValues $UL.
SetParameterValues k3 $DL.DownloadURL $S $H/missing $DL.DiagnosticsState $S Requested
end
session
inform-response
GetParameterValues $DL.
SetParameterValues k4 $UL.UploadURL $S $H/missing $UL.DiagnosticsState $S Requested
end
session
inform-response
GetParameterValues $UL.
SetParameterValues k5 $DL.DownloadURL $S http://192.0.2.1:9/file $DL.DiagnosticsState $S Requested
end
session
inform-response
GetParameterValues $DL.
SetParameterValues k6 $DL.DownloadURL $S ftp://192.0.2.1/file
SetParameterValues k7 $UL.DiagnosticsState $S Completed
SetParameterValues k8 $UL.UploadURL $S $H/up $UL.EthernetPriority $U 8
SetParameterValues k9 $UL.UploadURL $S % $UL.DiagnosticsState $S Requested
GetParameterValues $DL.DiagnosticsState $DL.DownloadURL $UL.UploadURL $UL.EthernetPriority
SetParameterValues k10 $UL.DiagnosticsState $S Requested
SetParameterValues k11 $UL.DSCP $U 0
GetParameterValues $UL.DiagnosticsState
SetParameterValues k12 $DL.DownloadURL $S $H/slow $DL.DiagnosticsState $S Requested
end
session
inform-response
GetParameterValues $DL.DiagnosticsState
SetParameterValues k13 $DL.DSCP $U 0
GetParameterValues $DL.DiagnosticsState $DL.TestBytesReceived
end
EOF2
start_acs --script "$TEST_TMP/script" $(schema_args)
start_cwmpd --listen 127.0.0.1:0
configure_acs
wait_acs_sessions 1 || fail "no first session"
hwm_before=$(hwm_kib)

# Session 1: the defaults, then the request, still Requested within the session.
assert_eq "$(value 1 03 $DL.DiagnosticsState)/$(value 1 03 $DL.DownloadURL)/$(value 1 03 $DL.DSCP)/$(value 1 03 $DL.EthernetPriority)" \
    "None//0/0" "the download's defaults"
assert_eq "$(value 1 03 $DL.TestBytesReceived)/$(value 1 03 $DL.ROMTime)" "0/0001-01-01T00:00:00Z" \
    "results before any test"
assert_contains "$(body 1 04)" "<Status>0</Status>" "the download's request"
assert_eq "$(value 1 05 $DL.DiagnosticsState)" "Requested" "DiagnosticsState within the session"

# Session 2: the download's results. The answer's headers are the server's fixed three lines.
wait_acs_sessions 2 15
assert_eq "$(events 2)" "8 DIAGNOSTICS COMPLETE" "the events of the session after the download"
assert_eq "$(value 2 03 $DL.DiagnosticsState)" "Completed" "the download's state"
headers=$(printf 'HTTP/1.1 200 OK\r\nContent-Length: 67108864\r\nConnection: close\r\n\r\n' | wc -c)
rx=$(value 2 03 $DL.TestBytesReceived)
assert_eq "$rx" "$((67108864 + headers))" "TestBytesReceived: the answer's headers and body"
total=$(value 2 03 $DL.TotalBytesReceived)
[ "$total" -ge "$rx" ] 2>/dev/null || fail "TotalBytesReceived $total < TestBytesReceived $rx"
[ "$total" -le $((rx + 8 * 1024 * 1024)) ] || fail "TotalBytesReceived $total: far more than the test"
check_times 2 03 $DL
assert_eq "$(value 2 03 $DL.Interface)/$(value 2 03 $DL.DSCP)/$(value 2 03 $DL.EthernetPriority)" \
    "$WANIP/10/3" "the download's parameters, as written"
grep -q "^GET /64m 67108864$" "$TEST_TMP/server.log" || fail "the server did not send the file"
hwm_after=$(hwm_kib)
echo "cwmpd VmHWM: $hwm_before KiB before the download, $hwm_after KiB after"
[ $((hwm_after - hwm_before)) -lt 4096 ] ||
    fail "cwmpd's peak memory grew by $((hwm_after - hwm_before)) KiB over the 64 MiB download"

# Session 3: the upload, counted by the server.
wait_acs_sessions 3 10
assert_eq "$(events 3)" "8 DIAGNOSTICS COMPLETE" "the events of the session after the upload"
assert_eq "$(value 3 03 $UL.DiagnosticsState)" "Completed" "the upload's state"
assert_eq "$(value 3 03 $UL.TestFileLength)" "1234567" "TestFileLength"
grep -q "^PUT /up 1234567$" "$TEST_TMP/server.log" || fail "the server did not get 1234567 bytes"
sent=$(value 3 03 $UL.TotalBytesSent)
[ "$sent" -ge 1234567 ] 2>/dev/null || fail "TotalBytesSent $sent < TestFileLength"
check_times 3 03 $UL

# Sessions 4 to 6: a 404 for each, a refused connection.
wait_acs_sessions 4 10
assert_eq "$(events 4)" "8 DIAGNOSTICS COMPLETE" "the events after the download's 404"
assert_eq "$(value 4 03 $DL.DiagnosticsState)" "Error_TransferFailed" "a download answered 404"
wait_acs_sessions 5 10
assert_eq "$(value 5 03 $UL.DiagnosticsState)" "Error_NoTransferComplete" "an upload answered 404"
grep -q "^PUT /missing 1234567$" "$TEST_TMP/server.log" || fail "the upload of the 404 was not sent"
wait_acs_sessions 6 10
assert_eq "$(value 6 03 $DL.DiagnosticsState)" "Error_InitConnectionFailed" "a refused connection"
assert_eq "$(value 6 03 $DL.ROMTime)/$(value 6 03 $DL.TestBytesReceived)" \
    "0001-01-01T00:00:00Z/0" "no request was sent"

# Session 6 goes on: an ftp: URL, a state other than Requested, a priority out of range, a
# request without a URL are refused and change nothing; a write cancels a requested test.
assert_contains "$(body 6 04)" "<FaultCode>9007</FaultCode>" "an ftp: URL"
assert_contains "$(body 6 05)" "<FaultCode>9007</FaultCode>" "DiagnosticsState Completed"
assert_contains "$(body 6 06)" "<FaultCode>9007</FaultCode>" "EthernetPriority 8"
assert_contains "$(body 6 07)" "<ParameterName>$UL.DiagnosticsState</ParameterName>" \
    "a request without a URL refused"
assert_eq "$(value 6 08 $DL.DiagnosticsState)/$(value 6 08 $DL.DownloadURL)/$(value 6 08 $UL.UploadURL)/$(value 6 08 $UL.EthernetPriority)" \
    "Error_InitConnectionFailed/http://192.0.2.1:9/file/$H/missing/0" "the refused requests changed nothing"
assert_contains "$(body 6 10)" "<Status>0</Status>" "DSCP written"
assert_eq "$(value 6 11 $UL.DiagnosticsState)" "None" "a write cancels a requested test"

# The last request, a download that trickles: a connection request while it runs, whose write
# cancels it (the server sees the connection close), and no session follows.
wait_acs_sessions 6 10
sleep 1
url=$(cli -c enable -c "show cwmp session" | sed -n 's/^  URL *: //p')
ip netns exec "$CPE" curl -s -o /dev/null --max-time 5 --digest -u cr-user:cr-pass "$url" ||
    fail "the connection request was not answered"
wait_acs_sessions 7 10
assert_eq "$(events 7)" "6 CONNECTION REQUEST" "the events of the connection request's session"
assert_eq "$(value 7 03 $DL.DiagnosticsState)" "Requested" "the running download, as the ACS sees it"
assert_eq "$(value 7 05 $DL.DiagnosticsState)/$(value 7 05 $DL.TestBytesReceived)" "None/0" \
    "a write cancels a running download"
for i in $(seq 1 40); do
    grep -q "^GET /slow" "$TEST_TMP/server.log" && break
    sleep 0.05
done
assert_eq "$(grep "^GET /slow" "$TEST_TMP/server.log")" "GET /slow stopped" "the download's connection"
sleep 1
assert_eq "$(cat "$ACS_REC/sessions")" "7" "sessions after the cancelled tests"
assert_eq "$(grep -c 'DIAGNOSTICS: InternetGatewayDevice.\(Download\|Upload\)Diagnostics. ended' "$CWMPD_LOG")" \
    "5" "the TR-143 tests that ended"
# show cwmp map names the new parameters and what backs them.
map=$(cli -c enable -c "show cwmp map")
for p in $DL.TestBytesReceived $DL.TCPOpenResponseTime $UL.TestFileLength $UL.TotalBytesSent \
    InternetGatewayDevice.Capabilities.PerformanceDiagnostic.DownloadTransports; do
    assert_contains "$map" "$p" "show cwmp map"
done
assert_contains "$map" "diagnostics: the last download test's result (TR-143)" "show cwmp map"
acs_no_invalid
stop_cwmpd
stop_acs
