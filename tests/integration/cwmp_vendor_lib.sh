# Helpers of the tests of Cisco's vendor RPCs (cwmp_vendor*.sh): X_00000C_SetConfiguration and
# X_00000C_ShowStatus through the test ACS. Sources cwmp_lib.sh.
# shellcheck shell=bash

. "$(dirname "$0")/cwmp_lib.sh"

# settle: until cwmpd is idle with no event queued, so that every session it had a reason for
# (an active notification of the ACS's own change, a new URL...) has ended.
settle() {
    local i out
    for i in $(seq 1 200); do
        out=$(cli -c enable -c "show cwmp session")
        case "$out" in
        *"Session state       : idle"*"Events queued       : none"*) return 0 ;;
        esac
        sleep 0.05
    done
    printf '%s\n' "$out" >&2
    fail "cwmpd did not settle"
}

# sessions: how many sessions the ACS saw end.
sessions() {
    cat "$ACS_REC/sessions"
}

# xml_decode TEXT: TEXT with the escapes of an XML writer undone. (The replacements are quoted:
# bash 5.2 reads a bare & there as the matched text.)
xml_decode() {
    local t=$1
    t=${t//&lt;/"<"}
    t=${t//&gt;/">"}
    t=${t//&quot;/"\""}
    t=${t//&apos;/"'"}
    t=${t//&#13;/$'\r'}
    t=${t//&#10;/$'\n'}
    t=${t//&#9;/$'\t'}
    t=${t//&amp;/"&"}
    printf '%s' "$t"
}

# element FILE NAME [N]: the decoded text of the Nth (default first) <NAME> element of FILE,
# exactly (newlines included); fails when there is none.
element() {
    local body rest i n=${3:-1}
    body=$(cat "$1" && echo x)
    rest=${body%x}
    for ((i = 0; i < n; i++)); do
        case "$rest" in
        *"<$2>"*) rest=${rest#*"<$2>"} ;;
        *) return 1 ;;
        esac
    done
    case "$rest" in
    *"</$2>"*) xml_decode "${rest%%"</$2>"*}" ;;
    *) return 1 ;;
    esac
}

# msg S NN: the file of message NN of session S.
msg() {
    ls "$ACS_REC/$1-$2-"*.xml
}

# count_of TEXT NEEDLE: how many times NEEDLE occurs in TEXT.
count_of() {
    local t=$1 n=0
    while [[ $t == *"$2"* ]]; do
        t=${t#*"$2"}
        n=$((n + 1))
    done
    echo "$n"
}

# assert_status S NN STATUS: message NN of session S is an X_00000C_SetConfigurationResponse
# with that Status.
assert_status() {
    local b
    b=$(body "$1" "$2")
    assert_contains "$b" "<cwmp:X_00000C_SetConfigurationResponse><Status>$3</Status></cwmp:X_00000C_SetConfigurationResponse>" \
        "message $1-$2"
}

# assert_fault S NN CODE [FAULTSTRING-PART]: message NN of session S is a SOAP fault with that
# cwmp FaultCode, and its FaultString holds the part.
assert_fault() {
    local f
    f=$(msg "$1" "$2")
    case "$f" in *-Fault.xml) ;; *) fail "message $1-$2 is not a fault: $f" ;; esac
    assert_eq "$(element "$f" FaultCode)" "$3" "the FaultCode of message $1-$2"
    if [ -n "${4:-}" ]; then
        assert_contains "$(element "$f" FaultString)" "$4" "the FaultString of message $1-$2"
    fi
}

# words FILE: FILE's lines as the words of a script line (percent-encoded), one
# ConfigCommandList element each.
words() {
    local line out=()
    while IFS= read -r line; do
        line=${line//%/%25}
        line=${line// /%20}
        line=${line//\#/%23}
        line=${line//$'\t'/%09}
        [ -n "$line" ] || line=%
        out+=("$line")
    done <"$1"
    echo "${out[*]}"
}

# A startup-config that talks to the ACS at $ACS_URL and takes connection requests (cr/crpw)
# on the loopback port cwmpd is given (start_cwmpd --listen 127.0.0.1:0).
write_startup_with_cr() {
    cat >"$STATE/startup-config" <<EOF2
hostname Router
!
ip http server
!
cwmp agent
 enable
 management server url $ACS_URL
 connection request username cr
 connection request password 0 crpw
 session retry wait 1
!
EOF2
}

# cr_session: asks for a session with a connection request and waits until it (and whatever
# it caused) has ended.
cr_session() {
    local n url code
    n=$(($(sessions) + 1))
    url=$(cli -c enable -c "show cwmp session" | sed -n 's/^  URL *: //p')
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 --digest -u cr:crpw "$url")
    [ "$code" = 200 ] || fail "the connection request to $url was answered $code"
    wait_acs_sessions "$n"
    settle
}
