#!/bin/bash
# IOS's dialogs of copy over TFTP at a terminal, each answer typed once its question shows:
# copy tftp: flash: (host, file, destination), copy tftp://HOST/FILE flash: (destination only),
# copy running-config tftp: and tftp://HOST/FILE (host, then destination: Enter keeps the default
# in brackets, a typed answer replaces it), an empty host where nothing is the default, and
# copy tftp: running-config. The `!` marks stream before the transfer's end (the Loading line is
# expected before [OK]). Shares tftp_lib.sh's namespace, dnsmasq and receiver with cli_copy_tftp.
. "$(dirname "$0")/pty_lib.sh"
. "$(dirname "$0")/tftp_lib.sh"
tftp_receiver

pty_run copy <<'EOF'
expect Router>
send enable\r
expect Router#
send copy tftp: flash:\r
expect Address or name of remote host []?\x20
send 127.0.0.1\r
expect Source filename []?\x20
send x.bin\r
expect Destination filename [x.bin]?\x20
send \r
expect (via Loopback0): !
expect bytes/sec)\n
expect Router#
send copy tftp://127.0.0.1/x.bin flash:\r
expect Destination filename [x.bin]?\x20
send w.bin\r
expect bytes/sec)\n
expect Router#
send copy tftp: flash:\r
expect Address or name of remote host []?\x20
send \r
expect (Invalid argument)\n
expect Router#
send copy running-config tftp:\r
expect Address or name of remote host []?\x20
send 127.0.0.1:6969\r
expect Destination filename [router-confg]?\x20
send \r
expect bytes/sec)\n
expect Router#
send copy running-config tftp://127.0.0.9:6969/a.cfg\r
expect Address or name of remote host [127.0.0.9:6969]?\x20
send 127.0.0.1:6969\r
expect Destination filename [a.cfg]?\x20
send b.cfg\r
expect bytes/sec)\n
expect Router#
send copy tftp: running-config\r
expect Address or name of remote host []?\x20
send 127.0.0.1\r
expect Source filename []?\x20
send r1-confg\r
expect Destination filename [running-config]?\x20
send \r
expect bytes/sec)\n
expect R-TFTP#
send exit\r
expect-exit 0
EOF

MARKS20=$(printf '!%.0s' $(seq 20))
size=$(wc -c <"$TEST_TMP/up/router-confg")
assert_eq "$(transcript copy | sed -E -e 's/[[:blank:]]+$//' \
    -e 's|^([0-9]+ bytes copied in )[0-9]+\.[0-9]{3} secs \([0-9]+ bytes/sec\)$|\1S secs (R bytes/sec)|')" \
    "Router>enable
Router#copy tftp: flash:
Address or name of remote host []? 127.0.0.1
Source filename []? x.bin
Destination filename [x.bin]?
Accessing tftp://127.0.0.1/x.bin...
Loading x.bin from 127.0.0.1 (via Loopback0): $MARKS20
[OK - 100000 bytes]

100000 bytes copied in S secs (R bytes/sec)
Router#copy tftp://127.0.0.1/x.bin flash:
Destination filename [x.bin]? w.bin
Accessing tftp://127.0.0.1/x.bin...
Loading x.bin from 127.0.0.1 (via Loopback0): $MARKS20
[OK - 100000 bytes]

100000 bytes copied in S secs (R bytes/sec)
Router#copy tftp: flash:
Address or name of remote host []?
%Error parsing filename (Invalid argument)
Router#copy running-config tftp:
Address or name of remote host []? 127.0.0.1:6969
Destination filename [router-confg]?
!!
$size bytes copied in S secs (R bytes/sec)
Router#copy running-config tftp://127.0.0.9:6969/a.cfg
Address or name of remote host [127.0.0.9:6969]? 127.0.0.1:6969
Destination filename [a.cfg]? b.cfg
!!
$size bytes copied in S secs (R bytes/sec)
Router#copy tftp: running-config
Address or name of remote host []? 127.0.0.1
Source filename []? r1-confg
Destination filename [running-config]?
Accessing tftp://127.0.0.1/r1-confg...
Loading r1-confg from 127.0.0.1 (via Loopback0): !
[OK - 85 bytes]

line 6: no such command
% Invalid input detected at '^' marker.
85 bytes copied in S secs (R bytes/sec)
R-TFTP#exit" "the transcript"
cmp "$TEST_TMP/tftp/x.bin" "$STATE/flash/x.bin" || fail "flash:x.bin differs"
cmp "$TEST_TMP/tftp/x.bin" "$STATE/flash/w.bin" || fail "flash:w.bin differs"
cmp "$TEST_TMP/up/router-confg" "$TEST_TMP/up/b.cfg" || fail "the uploads differ"
[ -e "$TEST_TMP/up/a.cfg" ] && fail "the name replaced was used"
stop_cwmpd
