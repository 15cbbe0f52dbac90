#!/bin/bash
# `?` at the terminal: the IOS help lists (heading on an empty line, two-space indent, aligned help
# column, an empty line after the list) and the line drawn again without the `?`.
. "$(dirname "$0")/pty_lib.sh"

# check_list SCREEN PROMPT HEADING: checks the list that `?` on an empty line printed after PROMPT
# on the screen: the heading, one keyword a line, sorted, two spaces before it, the help texts in
# one column two spaces after the longest keyword, then an empty line and the prompt again. Sets
# LIST to the keyword lines.
check_list() {
    local block
    block=$(printf '%s\n' "$1" | sed -n "/^$2?\$/,/^\$/p")
    [ "$(printf '%s\n' "$block" | sed -n 2p)" = "$3" ] ||
        fail "$2? does not start with the heading '$3': $block"
    LIST=$(printf '%s\n' "$block" | sed '1,2d;/^$/d')
    printf '%s\n' "$LIST" | awk '
        /^  [^ ]/ {
            n++
            len[n] = length($1)
            if (len[n] > max) max = len[n]
            rest = substr($0, 3 + len[n])
            match(rest, /^ +/)
            col[n] = 2 + len[n] + RLENGTH
            next
        }
        { bad = 1 }
        END {
            if (bad || n == 0) exit 1
            for (i = 1; i <= n; i++) if (col[i] != max + 4) exit 1
        }' || fail "the list of $2? is not laid out as IOS does: $block"
    printf '%s\n' "$LIST" | awk '{ print $1 }' | LC_ALL=C sort -c ||
        fail "the list of $2? is not sorted: $block"
    # An empty line, then the prompt drawn again.
    local after
    after=$(printf '%s\n' "$1" | sed -n "/^$2?\$/,\${/^\$/{n;p;q}}")
    case "$after" in
    "$2"*) ;;
    *) fail "$2? is not followed by an empty line and the prompt: $block" ;;
    esac
}

start_cwmpd

pty_run help <<'EOF'
expect Router>
send ?
expect Exec commands:
expect \n\n
expect Router>
send enable\r
expect Router#
send ?
expect Exec commands:
expect \n\n
expect Router#
send exit\r
expect-exit 0
EOF

check_list "$(screen help)" 'Router>' 'Exec commands:'
for line in '  enable +Turn on privileged commands' '  exit +Exit from the EXEC' \
    '  show +Show running system information' '  terminal +Set terminal line parameters'; do
    printf '%s\n' "$LIST" | grep -qxE -- "$line" || fail "Router>? lacks: $line"
done
assert_not_contains "$LIST" "configure" "Router>? (privileged commands are not shown to a user)"

check_list "$(screen help)" 'Router#' 'Exec commands:'
for line in '  configure +Enter configuration mode' '  copy +Copy from one file to another' \
    '  disable +Turn off privileged commands'; do
    printf '%s\n' "$LIST" | grep -qxE -- "$line" || fail "Router#? lacks: $line"
done
# The prompt is drawn again on the line after the list's empty line, with nothing typed on it.
assert_eq "$(screen help | tail -n 3)" "$(printf '\nRouter#exit\n')" "the end of the screen"

pty_run words <<'EOF'
expect Router>
send enable\r
expect Router#
send co?
expect configure  copy\n\n
expect Router#co
send nfigure ?
expect Configure from the terminal\n\n
expect Router#configure 
send terminal\r
expect Router(config)#
send cwmp agent\r
expect Router(config-cwmp)#
send session retry limit ?
expect Session retry count\n\n
expect Router(config-cwmp)#session retry limit 
send \x15end\r
expect Router#
send show running-config ?
expect <cr>\n\n
expect Router#show running-config 
send | ?
expect section  Filter a section of output\n\n
expect Router#show running-config | 
send \x15xyz?
expect % Unrecognized command\n
expect Router#xyz
send \x15exit\r
expect-exit 0
EOF

assert_eq "$(screen words)" "$(cat <<'EOF'
Router>enable
Router#co?
configure  copy

Router#configure ?
  replace   Replace the running-config with a new config file
  terminal  Configure from the terminal

Router#configure terminal
Enter configuration commands, one per line.  End with CNTL/Z.
Router(config)#cwmp agent
Router(config-cwmp)#session retry limit ?
  <0-15>  Session retry count

Router(config-cwmp)#end
Router#show running-config ?
  all        Configuration with defaults
  interface  Show interface configuration
  |          Output modifiers
  <cr>

Router#show running-config | ?
  begin    Begin with the line that matches
  count    Count number of lines which match regexp
  exclude  Exclude lines that match
  include  Include lines that match
  section  Filter a section of output

Router#xyz?
% Unrecognized command
Router#exit
EOF
)"
