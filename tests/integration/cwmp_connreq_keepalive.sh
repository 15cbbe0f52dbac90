#!/bin/bash
# GenieACS's connection-request client (issue 12, ../shared/INTEROP.md): a new keep-alive
# connection for every request, digest over it (the 401, then the retry on the same connection),
# and the connection left open afterwards. A burst of 12 such requests within 2 s from one address
# must all be answered, and the server closes each connection after its final answer
# (Connection: close) while keeping it open across the challenge.
. "$(dirname "$0")/cwmp_lib.sh"
command -v python3 >/dev/null || skip "python3 is missing"

start_connreq_agent "ip http server" --cr-rate 0

# For each of 12 requests: "STATUS CONNECTION-HEADER-OF-THE-CHALLENGE CONNECTION-HEADER closed|open",
# the last field saying whether the server closed the connection within 3 s of the answer.
cat >"$TEST_TMP/genie.py" <<'EOF2'
import hashlib, http.client, os, re, select, sys, time, urllib.parse
u = urllib.parse.urlparse(sys.argv[1])
user, password = "cr-user", "cr-pass"
md5 = lambda t: hashlib.md5(t.encode()).hexdigest()
held = []
for i in range(12):
    c = http.client.HTTPConnection(u.hostname, u.port, timeout=5)
    try:
        c.request("GET", u.path)
        r = c.getresponse()
        r.read()
        first = r.getheader("Connection", "-")
        ch = dict(re.findall(r'(\w+)="?([^",]*)"?', r.getheader("WWW-Authenticate", "")))
        cnonce = os.urandom(8).hex()
        ha1 = md5("%s:%s:%s" % (user, ch["realm"], password))
        ha2 = md5("GET:%s" % u.path)
        resp = md5("%s:%s:00000001:%s:auth:%s" % (ha1, ch["nonce"], cnonce, ha2))
        auth = ('Digest username="%s", realm="%s", nonce="%s", uri="%s", algorithm=MD5, '
                'response="%s", qop=auth, nc=00000001, cnonce="%s", opaque="%s"'
                % (user, ch["realm"], ch["nonce"], u.path, resp, cnonce, ch.get("opaque", "")))
        c.request("GET", u.path, headers={"Authorization": auth})
        sock = c.sock.dup()  # http.client closes its own on Connection: close
        r = c.getresponse()
        r.read()
        ready, _, _ = select.select([sock], [], [], 3.0)
        closed = "closed" if ready and sock.recv(1) == b"" else "open"
        print(r.status, first, r.getheader("Connection", "-"), closed, flush=True)
        held.append(sock)  # left open, as GenieACS does
    except Exception as e:
        print("error", type(e).__name__, flush=True)
    time.sleep(0.05)
EOF2
python3 "$TEST_TMP/genie.py" "$url" >"$TEST_TMP/burst" 2>&1
cat "$TEST_TMP/burst"
[ "$(wc -l <"$TEST_TMP/burst")" = 12 ] || fail "not 12 answers"
grep -q error "$TEST_TMP/burst" && fail "requests of the burst failed"
[ "$(grep -c '^200 ' "$TEST_TMP/burst")" = 12 ] || fail "not every request was accepted"
grep -qv ' - close closed$' "$TEST_TMP/burst" &&
    fail "a connection was kept open after the answer, or closed across the challenge"
wait_acs_sessions 2

acs_no_invalid
stop_acs
stop_cwmpd
exit 0
