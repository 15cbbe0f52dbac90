#!/bin/bash
# An operator logs in over SSH and lands in cwmpsh: OpenSSH's sshd on 127.0.0.1 (a free port, its
# own throwaway host key and sshd_config in this test's directory), key authentication only, and
# `ForceCommand` running cwmpsh on this test's cwmpd, as contrib/sshd_config.cwmpsh sets it up.
#
# 1. `ssh -tt` (a pseudo-terminal on the server, so cwmpsh is interactive, with libedit): the
#    operator types a short configuration session; the prompts of every mode, the running-config,
#    `show users` (Location: the SSH client's address) and the end of the session are checked.
# 2. `ssh HOST COMMAND`: ForceCommand replaces the client's command by cwmpsh, so the command is
#    never run by any shell; without a terminal cwmpsh reads CLI lines from standard input, which
#    it executes as `cwmpsh < script` would (the command itself is ignored: OpenSSH only hands it
#    to the forced command in SSH_ORIGINAL_COMMAND, which cwmpsh does not read).
#
# 3. A user with a `username NAME privilege 15` entry lands in privileged EXEC, without a question
#    (sshd authenticated it), with and without a terminal; after `no username`, in user EXEC.
#
# Also: contrib/sshd_config.cwmpsh.in, as installed, passes `sshd -t`.
#
# Works as root (PermitRootLogin prohibit-password, privilege separation in /run/sshd) and as an
# ordinary user (sshd then runs unprivileged and can only log that user in; it can hand over a
# pseudo-terminal only to a member of the group tty, so for others part 1 is not run and the test
# reports SKIP once part 2 has passed). Skipped where OpenSSH is not installed.

. "$TESTS_SRCDIR/integration/lib.sh"

SSHD=${SSHD:-/usr/sbin/sshd}
[ -x "$SSHD" ] || SSHD=$(command -v sshd 2>/dev/null) || true
if [ -z "$SSHD" ] || [ ! -x "$SSHD" ]; then
    skip "OpenSSH's sshd not found (install the Debian package openssh-server)"
fi
SSH=$(command -v ssh 2>/dev/null) ||
    skip "OpenSSH's ssh not found (install the Debian package openssh-client)"
SSH_KEYGEN=$(command -v ssh-keygen 2>/dev/null) ||
    skip "ssh-keygen not found (install the Debian package openssh-client)"

ME=$(id -un) || fail "no user name for uid $(id -u)"
# sshd runs the forced command with the user's login shell (`SHELL -c COMMAND`).
LOGIN_SHELL=$(getent passwd "$ME" | cut -d: -f7)
[ -n "$LOGIN_SHELL" ] || LOGIN_SHELL=/bin/sh
"$LOGIN_SHELL" -c 'exit 0' </dev/null >/dev/null 2>&1 ||
    skip "the login shell of $ME ($LOGIN_SHELL) cannot run commands, so sshd cannot run cwmpsh"

# An unprivileged sshd can only hand the pseudo-terminal to the user when it may give it to the
# group tty (sshd chowns it to USER:tty and stops the session when that fails): so the user must
# belong to that group, or there is no such group.
PTY_OK=yes
if [ "$(id -u)" -ne 0 ]; then
    TTY_GID=$(getent group tty | cut -d: -f3)
    if [ -n "$TTY_GID" ]; then
        case " $(id -G) " in
        *" $TTY_GID "*) ;;
        *) PTY_OK=no ;;
        esac
    fi
fi

# Without PAM, sshd refuses an account whose password is locked (`!` in /etc/shadow, as root's
# is on many systems), keys or not; PAM's account check does not, so sshd uses PAM then (only
# root can read /etc/shadow, and an unprivileged sshd cannot use PAM).
USE_PAM=no
if [ "$(id -u)" -eq 0 ]; then
    case "$(getent shadow "$ME" | cut -d: -f2)" in
    '!'*)
        [ -f /etc/pam.d/sshd ] ||
            skip "the account $ME is locked, and sshd has no PAM configuration (/etc/pam.d/sshd)"
        USE_PAM=yes
        ;;
    esac
    getent passwd sshd >/dev/null ||
        skip "sshd's privilege separation user 'sshd' does not exist (openssh-server not set up)"
    # The privilege separation directory; Debian creates it at boot, containers may lack it.
    [ -d /run/sshd ] || mkdir -m 0755 /run/sshd || fail "cannot create /run/sshd"
fi

SSHDIR="$TEST_TMP/ssh"
mkdir -m 0700 "$SSHDIR"
"$SSH_KEYGEN" -q -t ed25519 -N '' -C "cwmpd test host key" -f "$SSHDIR/host_key" ||
    fail "ssh-keygen could not make the host key"
"$SSH_KEYGEN" -q -t ed25519 -N '' -C "cwmpd test user key" -f "$SSHDIR/user_key" ||
    fail "ssh-keygen could not make the user key"
cp "$SSHDIR/user_key.pub" "$SSHDIR/authorized_keys"

start_cwmpd

# sshd gives cwmpsh none of the test's environment: the sanitizer options of a
# --enable-sanitizers build are handed on with SetEnv, so that cwmpsh's leaks and errors fail the
# test as they would anywhere else.
SAN_ASAN="${ASAN_OPTIONS:+$ASAN_OPTIONS:}fast_unwind_on_malloc=0"
SAN_LSAN="${LSAN_OPTIONS:-}"
SAN_UBSAN="${UBSAN_OPTIONS:-print_stacktrace=1}"

# sshd_config for PORT: only this user, only this key, only cwmpsh, nothing forwarded.
write_sshd_config() {
    cat >"$SSHDIR/sshd_config" <<EOF
ListenAddress 127.0.0.1
Port $1
AddressFamily inet
HostKey $SSHDIR/host_key
PidFile none
AuthorizedKeysFile $SSHDIR/authorized_keys
AllowUsers $ME
AuthenticationMethods publickey
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
HostbasedAuthentication no
GSSAPIAuthentication no
PermitRootLogin prohibit-password
UsePAM $USE_PAM
StrictModes no
PermitTTY yes
DisableForwarding yes
PermitUserRC no
PermitUserEnvironment no
PrintMotd no
PrintLastLog no
LoginGraceTime 30
LogLevel VERBOSE
SetEnv "ASAN_OPTIONS=$SAN_ASAN" "LSAN_OPTIONS=$SAN_LSAN" "UBSAN_OPTIONS=$SAN_UBSAN"
ForceCommand $(printf '%q' "$CWMPSH") --socket $(printf '%q' "$SOCK")
EOF
}

# contrib's sshd_config fragment, as installed, is a valid sshd configuration: this sshd accepts
# it (`sshd -t`) after a configuration like the test's.
FRAGMENT="$TESTS_SRCDIR/../contrib/sshd_config.cwmpsh.in"
[ -r "$FRAGMENT" ] || fail "cannot read $FRAGMENT"
write_sshd_config 22
grep -v '^ForceCommand ' "$SSHDIR/sshd_config" >"$SSHDIR/sshd_config.fragment"
sed "s|@bindir[@]|$(dirname "$CWMPSH")|g" "$FRAGMENT" >>"$SSHDIR/sshd_config.fragment"
grep -q '^Match Group cwmp$' "$SSHDIR/sshd_config.fragment" ||
    fail "contrib/sshd_config.cwmpsh.in has no 'Match Group cwmp' block"
grep -q "^ *ForceCommand $(dirname "$CWMPSH")/cwmpsh\$" "$SSHDIR/sshd_config.fragment" ||
    fail "contrib/sshd_config.cwmpsh.in does not force @bindir@/cwmpsh"
CHECK=$("$SSHD" -t -f "$SSHDIR/sshd_config.fragment" 2>&1) ||
    fail "sshd -t rejects contrib/sshd_config.cwmpsh.in: $CHECK"

# Starts sshd on a free port: a random one is tried, and another when it is taken.
SSHD_LOG="$TEST_TMP/sshd.log"
PORT=
for _ in $(seq 1 20); do
    try=$((20000 + RANDOM % 40000))
    write_sshd_config "$try"
    : >"$SSHD_LOG"
    "$SSHD" -D -e -f "$SSHDIR/sshd_config" 2>>"$SSHD_LOG" &
    SSHD_PID=$!
    CLEANUP_PIDS="$CLEANUP_PIDS $SSHD_PID"
    for _ in $(seq 1 200); do
        grep -q "Server listening on 127.0.0.1 port $try" "$SSHD_LOG" && break
        kill -0 "$SSHD_PID" 2>/dev/null || break
        sleep 0.05
    done
    if grep -q "Server listening on 127.0.0.1 port $try" "$SSHD_LOG"; then
        PORT=$try
        break
    fi
    kill "$SSHD_PID" 2>/dev/null
    wait "$SSHD_PID" 2>/dev/null
    grep -qiE "bind|address already in use" "$SSHD_LOG" && continue
    cat "$SSHD_LOG" >&2
    fail "sshd did not start (its log is above)"
done
[ -n "$PORT" ] || fail "no free port for sshd after 20 attempts"

# The client trusts exactly this sshd's host key and offers exactly the test's key; no user or
# system ssh configuration, no agent. Usage: ssh_to_router [OPTION...] 127.0.0.1 [COMMAND].
printf '[127.0.0.1]:%s %s\n' "$PORT" "$(cut -d' ' -f1,2 "$SSHDIR/host_key.pub")" \
    >"$SSHDIR/known_hosts"
ssh_to_router() {
    "$SSH" -F /dev/null -p "$PORT" -l "$ME" -i "$SSHDIR/user_key" \
        -o IdentitiesOnly=yes -o IdentityAgent=none -o BatchMode=yes \
        -o PasswordAuthentication=no -o KbdInteractiveAuthentication=no \
        -o UserKnownHostsFile="$SSHDIR/known_hosts" -o GlobalKnownHostsFile=/dev/null \
        -o StrictHostKeyChecking=yes -o ConnectTimeout=20 -o ServerAliveInterval=10 \
        -o LogLevel=ERROR "$@"
}

# The interactive session: ssh's standard input is a FIFO the test writes the typed lines into,
# its output a file the test watches for the prompts.
OUT="$TEST_TMP/ssh.out"
ERR="$TEST_TMP/ssh.err"
FIFO="$TEST_TMP/ssh.in"
SSH_PID=
MARK=0

# screen: all that the session printed so far, without the terminal's carriage returns.
screen() { tr -d '\r' <"$OUT"; }

# since_mark: what the session printed since the last line was typed.
since_mark() { tail -c +$((MARK + 1)) "$OUT" | tr -d '\r'; }

# wait_for TEXT: waits until TEXT appears in what the session printed since the last line typed.
wait_for() {
    for _ in $(seq 1 600); do
        since_mark | grep -qF -- "$1" && return 0
        if ! kill -0 "$SSH_PID" 2>/dev/null; then
            since_mark | grep -qF -- "$1" && return 0
            break
        fi
        sleep 0.05
    done
    printf -- '--- ssh session output ---\n%s\n--- ssh stderr ---\n%s\n--- sshd log ---\n%s\n' \
        "$(screen)" "$(cat "$ERR")" "$(tail -n 30 "$SSHD_LOG")" >&2
    fail "the SSH session did not show '$1'"
}

# type_line LINE: types LINE and Enter at the prompt.
type_line() {
    MARK=$(stat -c %s "$OUT")
    printf '%s\r' "$1" >&3
}

# wait_exit PID: waits (30 s at most) for the ssh client PID to end; its status is in RC.
wait_exit() {
    for _ in $(seq 1 600); do
        kill -0 "$1" 2>/dev/null || break
        sleep 0.05
    done
    kill -0 "$1" 2>/dev/null && return 1
    wait "$1"
    RC=$?
    return 0
}

# no_sanitizer_report TEXT WHAT: cwmpsh (built with --enable-sanitizers) reported no error.
no_sanitizer_report() {
    assert_not_contains "$1" "Sanitizer" "$2"
    assert_not_contains "$1" "runtime error:" "$2"
}

# show_users_self TEXT: the line of show users marked `*` (the session that asked).
show_users_self() {
    printf '%s\n' "$1" | grep '^\*' && return 0
    printf 'show users printed:\n%s\n' "$1" >&2
    fail "show users has no line marked *"
}

# 1. An interactive login with a terminal.
interactive_login() {
    mkfifo "$FIFO"
    : >"$OUT"
    TERM=vt100 ssh_to_router -tt 127.0.0.1 <"$FIFO" >"$OUT" 2>"$ERR" &
    SSH_PID=$!
    CLEANUP_PIDS="$CLEANUP_PIDS $SSH_PID"
    exec 3>"$FIFO"

    wait_for "Router>"
    type_line "enable"
    wait_for "Router#"
    type_line "configure terminal"
    wait_for "Router(config)#"
    type_line "cwmp agent"
    wait_for "Router(config-cwmp)#"
    type_line "management server url http://127.0.0.1:7547/acs"
    wait_for "Router(config-cwmp)#"
    type_line "end"
    wait_for "Router#"
    type_line "show running-config"
    wait_for "Router#"
    local running users self session last
    running=$(since_mark)
    type_line "show users"
    wait_for "Router#"
    users=$(since_mark)
    type_line "exit"

    # exit in privileged EXEC ends the session: cwmpsh exits, and with it the SSH session.
    if ! wait_exit "$SSH_PID"; then
        printf -- '--- ssh session output ---\n%s\n' "$(screen)" >&2
        fail "the SSH session did not end after exit"
    fi
    exec 3>&-
    session=$(screen)
    if [ "$RC" -ne 0 ]; then
        printf '%s\n--- ssh stderr ---\n%s\n' "$session" "$(cat "$ERR")" >&2
        fail "ssh -tt exited with status $RC"
    fi
    grep -q "Accepted publickey for $ME from 127.0.0.1" "$SSHD_LOG" ||
        fail "sshd did not log a public key login of $ME from 127.0.0.1"

    # The prompt of each mode, followed by the line typed there (libedit echoes it).
    assert_contains "$session" "Router>enable" "the session"
    assert_contains "$session" "Router#configure terminal" "the session"
    assert_contains "$session" "Enter configuration commands, one per line.  End with CNTL/Z." \
        "the session"
    assert_contains "$session" "Router(config)#cwmp agent" "the session"
    assert_contains "$session" \
        "Router(config-cwmp)#management server url http://127.0.0.1:7547/acs" "the session"
    assert_contains "$session" "Router(config-cwmp)#end" "the session"
    assert_contains "$session" "Router#show running-config" "the session"
    assert_contains "$session" "Router#show users" "the session"
    assert_contains "$session" "Router#exit" "the session"
    assert_not_contains "$session" "% Invalid input" "the session"
    assert_not_contains "$session" "% Connection to cwmpd lost" "the session"
    assert_not_contains "$session" "% cwmpd is not running" "the session"
    no_sanitizer_report "$session" "the session"
    # The session ends right after exit: no prompt follows it.
    last=$(printf '%s\n' "$session" | grep -v '^[[:space:]]*$' | tail -n 1)
    case "$last" in
    *"Router#exit") ;;
    *) printf '%s\n' "$session" >&2; fail "the session went on after exit: '$last'" ;;
    esac

    assert_contains "$running" "Building configuration..." "show running-config"
    assert_contains "$running" \
        "$(printf 'cwmp agent\n management server url http://127.0.0.1:7547/acs\n!\nend')" \
        "show running-config"

    # show users: this session's line (marked `*`) has the user and, as Location, the SSH client's
    # address.
    assert_contains "$users" "Line       User       Host(s)              Idle       Location" \
        "show users"
    self=$(show_users_self "$users") || exit 1
    assert_contains "$self" " $ME" "this session's line in show users"
    case "$self" in
    *" 127.0.0.1") ;;
    *) printf '%s\n' "$users" >&2; fail "this session's Location is not 127.0.0.1: '$self'" ;;
    esac

    # cwmpd agrees: the configuration is there, and the SSH session is gone from its lines.
    assert_contains "$(running_config)" " management server url http://127.0.0.1:7547/acs" \
        "running-config after the SSH session"
    local left
    for _ in $(seq 1 100); do
        left=$(cli -c "show users")
        case "$left" in *127.0.0.1*) sleep 0.05 ;; *) break ;; esac
    done
    assert_not_contains "$left" "127.0.0.1" "show users after the SSH session ended"
}

# 2. A command given to ssh is not run: ForceCommand runs cwmpsh instead, which, without a
# terminal, executes the lines of its standard input in user EXEC.
command_login() {
    local marker="INJECTED-$$" out
    printf 'show users\nshow running-config\n' |
        ssh_to_router -T 127.0.0.1 "echo $marker; id; show version" >"$TEST_TMP/ssh2.out" 2>&1 &
    local pid=$!
    CLEANUP_PIDS="$CLEANUP_PIDS $pid"
    wait_exit "$pid" || fail "ssh with a command did not end"
    out=$(tr -d '\r' <"$TEST_TMP/ssh2.out")
    # cwmpsh's exit status comes back through ssh: 1, as a line failed (show running-config).
    if [ "$RC" -ne 1 ]; then
        printf '%s\n' "$out" >&2
        fail "ssh with a command exited with status $RC, not cwmpsh's 1"
    fi
    assert_not_contains "$out" "$marker" "ssh with a command"
    assert_not_contains "$out" "uid=" "ssh with a command"
    assert_contains "$out" "Line       User       Host(s)              Idle       Location" \
        "ssh with a command"
    local self
    self=$(show_users_self "$out") || exit 1
    case "$self" in
    *" 127.0.0.1") ;;
    *)
        printf '%s\n' "$out" >&2
        fail "Location over ssh without a terminal is not 127.0.0.1: '$self'"
        ;;
    esac
    # User EXEC: show running-config needs enable, so the second line is refused.
    local refused
    refused=$(printf '%s\n' 'show running-config' '     ^' \
        "% Invalid input detected at '^' marker.")
    assert_contains "$out" "$refused" "ssh with a command"
    assert_not_contains "$out" "Building configuration" "ssh with a command"
    no_sanitizer_report "$out" "ssh with a command"
}

# 3. A user with a `username` entry gets its level at login, without a question: sshd has
# authenticated it. Without a terminal the lines run at level 15 (show running-config works); with
# one the first prompt is Router#. After `no username` the next login is at level 1 again.
level_login() {
    cli -c enable -c "configure terminal" -c "username $ME privilege 15 secret 0 Adm1n" -c end \
        >/dev/null || fail "could not configure the username entry"
    local out pid
    printf 'show privilege\nshow running-config | include ^username\n' |
        ssh_to_router -T 127.0.0.1 >"$TEST_TMP/ssh3.out" 2>&1 &
    pid=$!
    CLEANUP_PIDS="$CLEANUP_PIDS $pid"
    wait_exit "$pid" || fail "ssh of a user with a username entry did not end"
    out=$(tr -d '\r' <"$TEST_TMP/ssh3.out")
    if [ "$RC" -ne 0 ]; then
        printf '%s\n' "$out" >&2
        fail "ssh of a user with a username entry exited with status $RC"
    fi
    assert_match "$out" "^Current privilege level is 15\$" "ssh of a user with a username entry"
    assert_match "$out" "^username $ME privilege 15 secret 9 \\\$9\\\$" \
        "ssh of a user with a username entry"
    assert_not_contains "$out" "Password:" "ssh of a user with a username entry"
    no_sanitizer_report "$out" "ssh of a user with a username entry"

    if [ "$PTY_OK" = yes ]; then
        mkfifo "$FIFO.3"
        : >"$OUT"
        MARK=0
        TERM=vt100 ssh_to_router -tt 127.0.0.1 <"$FIFO.3" >"$OUT" 2>"$ERR" &
        SSH_PID=$!
        CLEANUP_PIDS="$CLEANUP_PIDS $SSH_PID"
        exec 3>"$FIFO.3"
        wait_for "Router#"
        type_line "show privilege"
        wait_for "Current privilege level is 15"
        type_line "exit"
        wait_exit "$SSH_PID" || fail "the SSH session of a user at level 15 did not end after exit"
        exec 3>&-
        local first
        first=$(screen | grep -m1 -o 'Router[>#]')
        assert_eq "$first" "Router#" "the first prompt of an SSH login at level 15"
        assert_not_contains "$(screen)" "Password:" "the SSH login at level 15"
    fi

    cli -c "configure terminal" -c "no username $ME" -c end >/dev/null ||
        fail "no username failed"
    printf 'show privilege\n' | ssh_to_router -T 127.0.0.1 >"$TEST_TMP/ssh4.out" 2>&1 &
    pid=$!
    CLEANUP_PIDS="$CLEANUP_PIDS $pid"
    wait_exit "$pid" || fail "ssh after no username did not end"
    out=$(tr -d '\r' <"$TEST_TMP/ssh4.out")
    assert_eq "$out" "Current privilege level is 1" "ssh after no username"
}

if [ "$PTY_OK" = yes ]; then
    interactive_login
fi
command_login
level_login

stop_cwmpd
kill "$SSHD_PID" 2>/dev/null
wait "$SSHD_PID" 2>/dev/null
[ "$PTY_OK" = yes ] ||
    skip "the login without a terminal passed; the interactive one (ssh -tt) was not tried:" \
        "an unprivileged sshd needs $ME in the group tty to hand over a pseudo-terminal" \
        "(run the test as root, or add $ME to tty)"
exit 0
