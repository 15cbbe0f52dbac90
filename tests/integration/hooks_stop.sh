#!/bin/bash
# Hooks never hold cwmpd: while a slow reboot hook, a slow install-firmware hook (a firmware
# Download through the test ACS) or a slow nat-apply hook runs, cwmpsh is answered at once; and
# SIGTERM to cwmpd meanwhile stops the hook (SIGTERM to its process group, SIGKILL after the
# grace period: these hooks ignore SIGTERM and leave a grandchild), so that cwmpd has left within
# 3 s with nothing of the hook left.
. "$(dirname "$0")/cwmp_lib.sh"

# How long cwmpsh may take for `show clock`: 50 ms, more only in the sanitizer build (where every
# program starts slower), which sets CWMPD_SANITIZED.
ANSWER_MS=50
[ -n "${CWMPD_SANITIZED:-}" ] && ANSWER_MS=300

write_device_info
mkdir -p "$HOOKS" "$TEST_TMP/files"

# slow_hook NAME: a hook that ignores SIGTERM, starts a grandchild that ignores it too (a
# background job of a shell inherits the ignored signal), records both, and sleeps.
slow_hook() {
    cat >"$HOOKS/$1" <<EOF
#!/bin/sh
trap '' TERM
sleep 60 &
echo "\$\$ \$!" >"$TEST_TMP/$1.pids.tmp" && mv "$TEST_TMP/$1.pids.tmp" "$TEST_TMP/$1.pids"
sleep 60
EOF
    chmod +x "$HOOKS/$1"
}

# wait_hook NAME: until the hook has started; its pids go to the test's cleanup in any case.
wait_hook() {
    for _ in $(seq 1 200); do
        [ -f "$TEST_TMP/$1.pids" ] && break
        sleep 0.05
    done
    [ -f "$TEST_TMP/$1.pids" ] || fail "the $1 hook did not start"
    CLEANUP_PIDS="$CLEANUP_PIDS $(cat "$TEST_TMP/$1.pids")"
}

# answers_quickly WHAT: cwmpsh's `show clock` takes less than ANSWER_MS, in one of three tries
# (a loaded machine may delay one; a cwmpd that waits for the hook fails all three).
answers_quickly() {
    local best=999999 t0 t1 ms _
    for _ in 1 2 3; do
        t0=$(date +%s%N)
        timeout 10 "$CWMPSH" --socket "$SOCK" -c "show clock" >/dev/null ||
            fail "cwmpd did not answer while $1"
        t1=$(date +%s%N)
        ms=$(((t1 - t0) / 1000000))
        [ "$ms" -lt "$best" ] && best=$ms
        [ "$best" -lt "$ANSWER_MS" ] && break
    done
    [ "$best" -lt "$ANSWER_MS" ] || fail "show clock took $best ms while $1"
}

# hook_processes NAME: the processes left of the hook's process group (the hook leads it), and
# its grandchild wherever it went; zombies are gone already.
hook_processes() {
    local hook grandchild
    read -r hook grandchild <"$TEST_TMP/$1.pids"
    ps -e -o pid=,pgid=,stat= | awk -v g="$hook" -v c="$grandchild" \
        '($2 == g || $1 == c || $1 == g) && $3 !~ /^Z/ { print $1 }'
}

# stop_within_3s NAME: SIGTERM to cwmpd; within 3 s it has left, cleanly, and nothing of the hook
# is left (what got SIGKILL may take a moment more than cwmpd to be gone).
stop_within_3s() {
    [ -n "$(hook_processes "$1")" ] || fail "the $1 hook is not running before the stop"
    local t0 t1 left
    t0=$(date +%s%N)
    kill "$CWMPD_PID"
    for _ in $(seq 1 300); do
        left=$(hook_processes "$1")
        ! kill -0 "$CWMPD_PID" 2>/dev/null && [ -z "$left" ] && break
        sleep 0.01
    done
    t1=$(date +%s%N)
    kill -0 "$CWMPD_PID" 2>/dev/null && fail "cwmpd still runs 3 s after SIGTERM (the $1 hook)"
    [ -z "$left" ] || fail "processes of the $1 hook are left 3 s after SIGTERM: $left"
    wait "$CWMPD_PID"
    local rc=$?
    CWMPD_PID=
    [ "$rc" = 0 ] || fail "cwmpd left with status $rc"
    echo "$1: cwmpd and its hook gone $(((t1 - t0) / 1000000)) ms after SIGTERM"
}

# 1. The reboot hook (`reload`: the same path as the ACS's Reboot).
slow_hook reboot
start_cwmpd
cli -c enable -c reload >/dev/null
wait_hook reboot
answers_quickly "the reboot hook runs"
stop_within_3s reboot
rm "$HOOKS/reboot"

# 2. The install-firmware hook, given the image of a Download.
slow_hook install-firmware
cat >"$TEST_TMP/script" <<'EOF2'
session
Download fw-1 1%20Firmware%20Upgrade%20Image http://127.0.0.1:@PORT@/files/image.bin % % 0 fw.bin 0
EOF2
head -c 10000 /dev/urandom >"$TEST_TMP/files/image.bin"
start_acs --script "$TEST_TMP/script" --files "$TEST_TMP/files"
start_cwmpd
configure_acs "enable download"
wait_hook install-firmware
answers_quickly "the install-firmware hook runs"
stop_within_3s install-firmware
stop_acs
rm "$HOOKS/install-firmware"

# 3. The nat-apply hook, at start with startup-config's rule.
slow_hook nat-apply
cat >"$STATE/startup-config" <<'EOF2'
ip nat inside source static tcp 192.168.1.2 22 192.0.2.1 2222
EOF2
start_cwmpd
wait_hook nat-apply
answers_quickly "the nat-apply hook runs"
stop_within_3s nat-apply
exit 0
