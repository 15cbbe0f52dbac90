#!/bin/bash
# kill -9 at the crash points of file transfers (man cwmpd.8, FILE TRANSFERS and THE DEVICE'S
# LIFE): while a file arrives (the transfer starts again from nothing, three starts at most, then
# 9017), while a configuration file is installed (found installed, or installed again), between
# the end of a transfer and the acknowledgement of its TransferComplete, and around a reboot and
# the reload that applies a configuration file. After every restart: no file is half-installed,
# no .download-* is left over, each completed transfer's TransferComplete is acknowledged exactly
# once, and no event (1 BOOT, M Reboot, M Download, 7 TRANSFER COMPLETE) is lost.
#
# Each part runs on a device of its own (an empty state directory) against a test ACS of its own,
# so that the ACS's session numbers are the part's. Synchronisation is by polling the ACS's log,
# cwmpd's log and flash:, never by a sleep alone.
. "$(dirname "$0")/cwmp_lib.sh"

mkdir -p "$HOOKS" # empty: cwmpd reloads itself, there is no firmware to install
PART=
FILES=

# ---- helpers ----

# poll SECONDS WHAT CMD...: runs CMD every 20 ms until it succeeds; fails after SECONDS.
poll() {
    local tries=$(($1 * 50)) what=$2 i
    shift 2
    for ((i = 0; i < tries; i++)); do
        "$@" && return 0
        sleep 0.02
    done
    fail "$PART: timed out waiting for $what"
}

# count ERE: lines of the ACS's log that match.
count() {
    grep -cE -- "$1" "$ACS_REC/log" 2>/dev/null || true
}
log_has() {
    grep -qE -- "$1" "$ACS_REC/log" 2>/dev/null
}
cwmpd_log_has() {
    grep -qE -- "$1" "$CWMPD_LOG" 2>/dev/null
}

# tc_sent KEY / tc_acked KEY: TransferCompletes the ACS received for KEY, and those of them it
# answered with TransferCompleteResponse.
tc_sent() {
    count "^[0-9]+ [0-9]+ <- TransferComplete key=$1 "
}
tc_acked() {
    awk -v k="key=$1" '$3 == "<-" && $4 == "TransferComplete" && $5 == k { tc[$1 " " $2] = 1 }
        $3 == "->" && $4 == "TransferCompleteResponse" && (($1 " " $2) in tc) { n++ }
        END { print n + 0 }' "$ACS_REC/log"
}
tc_acked_is() {
    [ "$(tc_acked "$1")" = "$2" ]
}

# events S: the event list of session S's Inform as the ACS logged it (1 BOOT,M Reboot(rb-1)...).
events() {
    sed -n "s/^$1 01 <- Inform events=\(.*\) retry=.*/\1/p" "$ACS_REC/log"
}
# completed_sessions: the sessions that ended with 204 (the CPE got every answer), in order.
completed_sessions() {
    sed -n 's/^\([0-9]*\) [0-9]* -> 204 end .*/\1/p' "$ACS_REC/log"
}
# first_session_with TEXT: the first session whose Inform's events contain TEXT.
first_session_with() {
    local s
    for s in $(sed -n 's/^\([0-9]*\) 01 <- Inform .*/\1/p' "$ACS_REC/log"); do
        case ",$(events "$s")," in *",$1,"*) echo "$s"; return 0 ;; esac
    done
    return 1
}
completed_after() { # S: a session after S ended with 204
    [ "$(completed_sessions | tail -n 1)" -gt "$1" ] 2>/dev/null
}
assert_events() { # S EVENT...: session S's Inform has each event
    local s=$1 ev
    shift
    for ev in "$@"; do
        assert_contains ",$(events "$s")," ",$ev," "$PART: events of session $s"
    done
}

# A partial download: the size of flash:'s .download-* file, -1 when there is none.
partial_size() {
    local f
    for f in "$STATE"/flash/.download-*; do
        [ -e "$f" ] && { stat -c %s "$f"; return 0; }
    done
    echo -1
}
partial_at_least() {
    [ "$(partial_size)" -ge "$1" ]
}
count_above() { # ERE N
    [ "$(count "$1")" -gt "$2" ]
}
no_leftovers() {
    [ "$(partial_size)" = -1 ] || fail "$PART: a temporary download stayed in flash:"
}
# transfer_field N: field N (1 = "transfer") of the state's transfer line, empty when none.
transfer_field() {
    awk -v n="$1" '$1 == "transfer" { print $n }' "$STATE/cwmp-state"
}
# nothing_owed: the state keeps no transfer (every TransferComplete was acknowledged) and no
# event (every one was delivered).
nothing_owed() {
    if grep -q '^transfer ' "$STATE/cwmp-state"; then
        grep '^transfer ' "$STATE/cwmp-state" >&2
        fail "$PART: a transfer is still kept after its TransferComplete was acknowledged"
    fi
    if grep -q '^event ' "$STATE/cwmp-state"; then
        grep '^event ' "$STATE/cwmp-state" >&2
        fail "$PART: events are still queued after the last session"
    fi
}

# part NAME: a new device (empty state directory, the same identity) and a new test ACS playing
# $TEST_TMP/NAME.script (written by the caller), its file server in $FILES; cwmpd's log of the
# part is $TEST_TMP/NAME.log. The previous part's cwmpd and ACS are stopped cleanly first.
part() {
    end_part
    PART=$1
    rm -rf "$STATE"
    write_device_info
    CWMPD_LOG=$TEST_TMP/$PART.log
    ACS_REC=$TEST_TMP/$PART.acs
    FILES=$TEST_TMP/$PART.files
    mkdir -p "$FILES"
    # shellcheck disable=SC2046
    start_acs --script "$TEST_TMP/$PART.script" $(schema_args) --files "$FILES"
}
end_part() {
    [ -n "$PART" ] || return 0
    stop_cwmpd
    acs_no_invalid
    stop_acs
    PART=
}

# device_up [HOSTNAME]: starts cwmpd on the new device with a startup-config that points it at
# the ACS with downloads enabled (written before the start: a restart must find it, and the
# ACS's first session, which may reboot the device, races nothing).
device_up() {
    {
        [ $# -gt 0 ] && echo "hostname $1"
        printf 'cwmp agent\n enable\n enable download\n management server url %s\n' "$ACS_URL"
        printf ' session retry wait 1\n'
    } >"$STATE/startup-config"
    start_cwmpd
}

# one_more_session CODE: a change of ProvisioningCode (forced active notification) opens a
# session with 4 VALUE CHANGE; waits until it ended.
one_more_session() {
    local before s
    before=$(count "<- Inform events=.*4 VALUE CHANGE")
    cli -c enable -c "configure terminal" -c "cwmp agent" -c "provision code $1" -c end \
        >/dev/null || fail "$PART: could not change the provision code"
    poll 10 "the session of 4 VALUE CHANGE" \
        count_above "<- Inform events=.*4 VALUE CHANGE" "$before"
    s=$(grep -E "<- Inform events=.*4 VALUE CHANGE" "$ACS_REC/log" | tail -n 1 | cut -d' ' -f1)
    wait_acs_log "^$s [0-9]+ -> 204 end" 10
}

# The configuration file the ACS sends: it keeps the device pointed at the ACS (it is all the
# device will have after the reload).
write_new_cfg() {
    cat >"$FILES/new.cfg" <<EOF2
hostname Downloaded
interface Loopback7
 description installed from the ACS
 ip address 10.7.7.7 255.255.255.255
cwmp agent
 enable
 enable download
 management server url $ACS_URL
 session retry wait 1
 provision code $1
EOF2
}

FULL=1000007 # about 1.5 s through /files/slow/ (64 KiB every 100 ms)

# kill_during_download NAME AT ATTEMPT: waits for the ATTEMPT-th GET of /files/slow/NAME, then
# for its temporary file in flash: to hold AT bytes, and kills cwmpd. Checks what the crash left:
# part of the file under a temporary name, nothing under NAME, the transfer under way in the
# state with ATTEMPT starts counted.
kill_during_download() {
    local name=$1 at=$2 attempt=$3 size
    poll 20 "GET number $attempt of $name" count_above "file GET /files/slow/$name -> 200" \
        $((attempt - 1))
    poll 20 "$at bytes of $name in flash:" partial_at_least "$at"
    kill9_cwmpd
    size=$(partial_size)
    [ "$size" -ge "$at" ] && [ "$size" -lt "$FULL" ] ||
        fail "$PART: the kill did not fall while $name arrived (partial file: $size bytes)"
    [ -e "$STATE/flash/$name" ] && fail "$PART: flash:$name exists before its download completed"
    [ "$(transfer_field 5)" = 2 ] && [ "$(transfer_field 6)" = "$attempt" ] ||
        fail "$PART: state after kill $attempt: $(grep '^transfer ' "$STATE/cwmp-state")"
}

# ---- 1. kill -9 while the file arrives ----

# (a) Two kills (just after the first bytes, then past the middle): the third start completes.
cat >"$TEST_TMP/download.script" <<'EOF2'
session
Download dl-1 2%20Web%20Content http://127.0.0.1:@PORT@/files/slow/web.bin % % 1000007 web.bin 0
EOF2
part download
head -c "$FULL" /dev/urandom >"$FILES/web.bin"
device_up
kill_during_download web.bin 1 1
start_cwmpd
kill_during_download web.bin 500000 2
start_cwmpd
poll 20 "the TransferComplete of dl-1 to be acknowledged" tc_acked_is dl-1 1
cmp -s "$FILES/web.bin" "$STATE/flash/web.bin" || fail "$PART: flash:web.bin differs"
no_leftovers
[ "$(count 'file GET /files/slow/web.bin -> 200')" = 3 ] || fail "$PART: not three GETs"
assert_match "$(acs_log)" "<- TransferComplete key=dl-1 fault=0 start=YES complete=YES"
s=$(first_session_with "7 TRANSFER COMPLETE") || fail "$PART: no 7 TRANSFER COMPLETE"
assert_events "$s" "M Download(dl-1)"
one_more_session after-dl-1
[ "$(tc_sent dl-1)" = 1 ] || fail "$PART: dl-1 was reported $(tc_sent dl-1) times"
nothing_owed

# (b) Three kills: the fourth start gives up with 9017, and the file never reaches its name.
cat >"$TEST_TMP/download-limit.script" <<'EOF2'
session
Download dl-2 2%20Web%20Content http://127.0.0.1:@PORT@/files/slow/web2.bin % % 1000007 web2.bin 0
EOF2
part download-limit
head -c "$FULL" /dev/urandom >"$FILES/web2.bin"
device_up
kill_during_download web2.bin 64 1
start_cwmpd
kill_during_download web2.bin 300000 2
start_cwmpd
kill_during_download web2.bin 700000 3
start_cwmpd
poll 20 "the TransferComplete of dl-2 to be acknowledged" tc_acked_is dl-2 1
assert_match "$(acs_log)" "<- TransferComplete key=dl-2 fault=9017 start=YES complete=YES"
assert_contains "$(cat "$ACS_REC"/*-TransferComplete.xml)" "interrupted by restarts too many times"
one_more_session after-dl-2
[ "$(count 'file GET /files/slow/web2.bin -> ')" = 3 ] || fail "$PART: more than three starts"
[ "$(tc_sent dl-2)" = 1 ] || fail "$PART: dl-2 was reported $(tc_sent dl-2) times"
[ -e "$STATE/flash/web2.bin" ] && fail "$PART: flash:web2.bin exists after 9017"
no_leftovers
nothing_owed

# ---- 2. kill -9 during the installation of a configuration file ----
# The installation saves the SHA-256 of the new startup-config in the transfer's record, renames
# the startup-config into place, then records the transfer complete. The crash is made with
# cwmpd stopped: a Download queued for later (DelaySeconds 3600) gives the real record, edited as
# the installation leaves it: STATE 2 (under way), 1 start, started (START-AT, START) a moment
# ago, INSTALL-HASH the new file's; flash:new.cfg is the downloaded file. "renamed": the new
# startup-config is in place; "not-renamed": the old one still is.
for v in renamed not-renamed; do
    cat >"$TEST_TMP/install-$v.script" <<'EOF2'
session
Download cfg-1 3%20Vendor%20Configuration%20File http://127.0.0.1:@PORT@/files/new.cfg % % 0 new.cfg 3600
EOF2
    part install-$v
    write_new_cfg "CFG-$v"
    device_up Before
    wait_acs_sessions 1
    stop_cwmpd
    line=$(grep '^transfer ' "$STATE/cwmp-state")
    # shellcheck disable=SC2086 # the record's fields
    set -- $line
    [ $# = 19 ] && [ "$2" = 1 ] && [ "$3 $4 $5 $6 $7" = "download acs 1 0 cfg-1" ] &&
        [ "$8" = "3%20Vendor%20Configuration%20File" ] && [ "${12}" = new.cfg ] &&
        [ "${16}" = - ] && [ "${19}" = % ] || fail "$PART: the queued Download's record: $line"
    hash=$(sha256sum <"$FILES/new.cfg" | cut -d' ' -f1)
    started=$(($(date +%s) - 2))
    awk -v h="$hash" -v t="$started" \
        '$1 == "transfer" { $5 = 2; $6 = 1; $14 = t; $15 = t; $19 = h } { print }' \
        "$STATE/cwmp-state" >"$TEST_TMP/cwmp-state.new"
    cat "$TEST_TMP/cwmp-state.new" >"$STATE/cwmp-state" # its mode stays
    want="transfer 1 download acs 2 1 cfg-1 3%20Vendor%20Configuration%20File"
    want="$want http://127.0.0.1:$ACS_PORT/files/new.cfg % % new.cfg 0 $started $started - 0 %"
    [ "$(grep '^transfer ' "$STATE/cwmp-state")" = "$want $hash" ] ||
        fail "$PART: the edited record: $(grep '^transfer ' "$STATE/cwmp-state")"
    cp "$FILES/new.cfg" "$STATE/flash/new.cfg"
    if [ "$v" = renamed ]; then
        cp "$FILES/new.cfg" "$STATE/startup-config"
    else
        assert_contains "$(cat "$STATE/startup-config")" "hostname Before"
    fi

    start_cwmpd
    pid=$CWMPD_PID
    poll 20 "the TransferComplete of cfg-1 to be acknowledged" tc_acked_is cfg-1 1
    assert_match "$(acs_log)" "<- TransferComplete key=cfg-1 fault=0 start=YES complete=YES"
    if [ "$v" = renamed ]; then
        # Found installed: reported at once, with the start time of the record; nothing fetched
        # again, no reload (the start applied it).
        log_has "file GET" && fail "$PART: the installed file was downloaded again"
        cwmpd_log_has "SYS-5-RELOAD: Reload requested" &&
            fail "$PART: a reload for a file already applied"
        assert_contains "$(cat "$ACS_REC"/*-TransferComplete.xml)" \
            "<StartTime>$(date -u -d "@$started" +%Y-%m-%dT%H:%M:%SZ)</StartTime>"
        s=$(first_session_with "7 TRANSFER COMPLETE") || fail "$PART: no 7 TRANSFER COMPLETE"
        assert_events "$s" "1 BOOT" "M Download(cfg-1)"
    else
        # Not installed: the transfer runs again (its second start), installs, reloads.
        [ "$(count 'file GET /files/new.cfg -> 200')" = 1 ] || fail "$PART: not one new GET"
        poll 10 "the reload" cwmpd_log_has "SYS-5-RELOAD: Reload requested"
        s=$(first_session_with "7 TRANSFER COMPLETE") || fail "$PART: no 7 TRANSFER COMPLETE"
        assert_events "$s" "1 BOOT" "M Download(cfg-1)"
        [ "$(grep -c 'SYS-5-RELOAD: Reload requested' "$CWMPD_LOG")" = 1 ] ||
            fail "$PART: not one reload"
    fi
    [ "$CWMPD_PID" = "$pid" ] && kill -0 "$pid" || fail "$PART: cwmpd is gone"
    cmp -s "$FILES/new.cfg" "$STATE/startup-config" || fail "$PART: startup-config is not new.cfg"
    running=$(running_config)
    assert_contains "$running" "hostname Downloaded" "$PART: running-config"
    assert_contains "$running" " provision code CFG-$v" "$PART: running-config"
    assert_not_contains "$running" "hostname Before" "$PART: running-config"
    one_more_session "after-$v"
    [ "$(tc_sent cfg-1)" = 1 ] || fail "$PART: cfg-1 was reported $(tc_sent cfg-1) times"
    cmp -s "$FILES/new.cfg" "$STATE/flash/new.cfg" || fail "$PART: flash:new.cfg differs"
    no_leftovers
    nothing_owed
done

# ---- 3. kill -9 between a transfer's end and the acknowledgement of its TransferComplete ----
# Session 2 (the one after the download) drops the connection when the TransferComplete comes,
# and again when cwmpd sends it once more on a new connection (TR-069 A.6 3.4.2: the session goes
# on over a new connection), so that the session fails. cwmpd is killed at the first drop
# ("close"), or once it logged the failed session and waits to retry ("retry-wait"). After the
# restart the TransferComplete comes again, is acknowledged, and never comes back.
for v in close retry-wait; do
    cat >"$TEST_TMP/tc-$v.script" <<'EOF2'
session
Download tc-1 2%20Web%20Content http://127.0.0.1:@PORT@/files/small.bin % % 5000 small.bin 0
session
inform-response
close
close
EOF2
    part tc-$v
    head -c 5000 /dev/urandom >"$FILES/small.bin"
    device_up
    if [ "$v" = close ]; then
        wait_acs_log "^2 [0-9]+ -> close" 20
    else
        poll 10 "the failed session" cwmpd_log_has "CWMP-4-SESSION: session with .* failed"
    fi
    kill9_cwmpd
    [ "$(transfer_field 5)" = 3 ] ||
        fail "$PART: the completed transfer was not kept until acknowledged"
    cmp -s "$FILES/small.bin" "$STATE/flash/small.bin" || fail "$PART: flash:small.bin differs"
    start_cwmpd
    poll 20 "the TransferComplete of tc-1 to be acknowledged" tc_acked_is tc-1 1
    # Acknowledged in the restart's session, which reports it; sent before only in session 2.
    s=$(sed -n 's/^\([0-9]*\) [0-9]* <- TransferComplete key=tc-1 .*/\1/p' "$ACS_REC/log" |
        sort -u | paste -sd' ')
    [ "$s" = "2 3" ] || fail "$PART: tc-1 sent in sessions $s"
    assert_events 3 "1 BOOT" "7 TRANSFER COMPLETE" "M Download(tc-1)"
    [ "$(count '^3 [0-9]+ <- TransferComplete key=tc-1 ')" = 1 ] ||
        fail "$PART: tc-1 sent twice in session 3"
    one_more_session "after-$v"
    [ "$(count '^2 [0-9]+ -> TransferCompleteResponse')" = 0 ] ||
        fail "$PART: session 2 acknowledged"
    [ "$(tc_acked tc-1)" = 1 ] || fail "$PART: tc-1 acknowledged $(tc_acked tc-1) times"
    [ "$(awk '$1 > 3 && $3 == "<-" && $4 == "TransferComplete"' "$ACS_REC/log")" = "" ] ||
        fail "$PART: tc-1 sent after its acknowledgement"
    last=$(completed_sessions | tail -n 1)
    assert_events "$last" "4 VALUE CHANGE"
    assert_not_contains "$(events "$last")" "TRANSFER COMPLETE" "$PART: the last session's events"
    no_leftovers
    nothing_owed
done

# ---- 4. kill -9 around a reboot ----
# (a) A Reboot: kill -9 when the RebootResponse arrives ("response"), when the ACS ended the
# session ("end"), when cwmpd logged the reload ("reload"). Session 2 answers its Inform 1 s
# late, so that an Inform that the reloaded cwmpd sent before the kill is never answered to it.
# The Inform after the restart reports 1 BOOT and M Reboot; M Reboot is delivered exactly once.
for v in response end reload; do
    cat >"$TEST_TMP/reboot-$v.script" <<'EOF2'
session
Reboot rb-1
session
wait 1
inform-response
EOF2
    part reboot-$v
    device_up
    case $v in
    response) wait_acs_log "^1 [0-9]+ <- RebootResponse" 10 ;;
    end) wait_acs_log "^1 [0-9]+ -> 204 end" 10 ;;
    reload) poll 10 "the reload" cwmpd_log_has "SYS-5-RELOAD: Reload requested" ;;
    esac
    kill9_cwmpd
    start_cwmpd
    poll 20 "a completed session after the reboot" completed_after 1
    # Every Inform after the reboot until one was answered reports it.
    for s in $(sed -n 's/^\([0-9]*\) 01 <- Inform .*/\1/p' "$ACS_REC/log"); do
        [ "$s" -ge 2 ] || continue
        assert_events "$s" "1 BOOT" "M Reboot(rb-1)"
        completed_sessions | grep -qx "$s" && break
    done
    delivered=0
    for s in $(completed_sessions); do
        case ",$(events "$s")," in *",M Reboot(rb-1),"*) delivered=$((delivered + 1)) ;; esac
    done
    [ "$delivered" = 1 ] || fail "$PART: M Reboot delivered $delivered times"
    grep -q '^event M%20Reboot' "$STATE/cwmp-state" && fail "$PART: M Reboot still queued"
    one_more_session "after-$v"
    assert_not_contains "$(events "$(completed_sessions | tail -n 1)")" "M Reboot" \
        "$PART: the last session's events"
    nothing_owed
done

# (b) A configuration file: kill -9 once the file server sent its last byte ("fetched": before,
# during or after the installation), or once cwmpd logged the installation ("installed": the
# reload is due). Whichever: the file ends installed and applied, the first Inform with
# 7 TRANSFER COMPLETE has 1 BOOT and M Download (not M Reboot), one TransferComplete.
for v in fetched installed; do
    cat >"$TEST_TMP/cfg-reload-$v.script" <<'EOF2'
session
Download cfg-2 3%20Vendor%20Configuration%20File http://127.0.0.1:@PORT@/files/new.cfg % % 0 new.cfg 0
session
wait 1
inform-response
EOF2
    part cfg-reload-$v
    write_new_cfg "RELOAD-$v"
    device_up Before
    case $v in
    fetched) wait_acs_log "file GET /files/new.cfg end=ok" 20 ;;
    installed)
        poll 20 "the installation" cwmpd_log_has "TRANSFER-5-CONFIG: flash:new.cfg installed"
        ;;
    esac
    kill9_cwmpd
    for f in "$STATE/startup-config" "$STATE/flash/new.cfg"; do
        [ ! -e "$f" ] || cmp -s "$f" "$FILES/new.cfg" || grep -q "hostname Before" "$f" ||
            fail "$PART: $f is neither the old file nor the new one"
    done
    start_cwmpd
    poll 20 "the TransferComplete of cfg-2 to be acknowledged" tc_acked_is cfg-2 1
    assert_match "$(acs_log)" "<- TransferComplete key=cfg-2 fault=0 start=YES complete=YES"
    s=$(first_session_with "7 TRANSFER COMPLETE") || fail "$PART: no 7 TRANSFER COMPLETE"
    assert_events "$s" "1 BOOT" "M Download(cfg-2)"
    assert_not_contains "$(events "$s")" "M Reboot" "$PART: events of session $s"
    cmp -s "$FILES/new.cfg" "$STATE/startup-config" || fail "$PART: startup-config is not new.cfg"
    running=$(running_config)
    assert_contains "$running" "hostname Downloaded" "$PART: running-config"
    assert_contains "$running" " provision code RELOAD-$v" "$PART: running-config"
    one_more_session "after-$v"
    [ "$(tc_sent cfg-2)" = 1 ] || fail "$PART: cfg-2 was reported $(tc_sent cfg-2) times"
    cmp -s "$FILES/new.cfg" "$STATE/flash/new.cfg" || fail "$PART: flash:new.cfg differs"
    no_leftovers
    nothing_owed
done

end_part
exit 0
