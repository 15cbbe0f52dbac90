#!/bin/sh
# The architecture, checked: reads every #include "..." of the C sources and fails when a file
# includes what its room's statement does not allow (agent/README.md, the table of rooms), when
# the statements themselves form a cycle, or when a room grows past its size. Run by make check;
# also usable by hand: tests/arch/rooms.sh [SRCDIR].
set -u
top=${1:-${srcdir:-.}}
[ -f "$top/agent/README.md" ] || { echo "rooms: no $top/agent/README.md" >&2; exit 99; }
LC_ALL=C
export LC_ALL

# Every room's "may include" list, from the table rows "| `room/` | what it holds | `door.h` | a b c |".
# The top directories (common, grammar, httpclient, cli) have rows too, without a door.
rules=$(sed -n 's/^| `\([a-z/]*\)` *|[^|]*|[^|]*| *\([a-z ]*\)|.*$/\1 \2/p' "$top/agent/README.md" |
    sed 's#/ # #; s#/$##')
# Each room's door: ROOM HEADER.
doors=$(sed -n 's/^| `\([a-z]*\)\/` *|[^|]*| *`\([a-z_]*\.h\)` *|.*$/\1 \2/p' "$top/agent/README.md")
[ -n "$rules" ] || { echo "rooms: agent/README.md has no table of rooms" >&2; exit 99; }

# The room a source file is in: agent/X/... -> X, agent/file -> agent (the composition root),
# TOP/file -> TOP.
room_of() {
    case $1 in
    agent/*/*) r=${1#agent/}; echo "${r%%/*}" ;;
    agent/*) echo agent ;;
    */*) echo "${1%%/*}" ;;
    *) echo . ;;
    esac
}

files=$(cd "$top" && find common grammar httpclient cli agent -name '*.[ch]' | sort)
# Where each header lives: NAME ROOM (a header is found by its name: names are unique).
index=$(for f in $files; do case $f in *.h) echo "$(basename "$f") $(room_of "$f")" ;; esac; done)
dups=$(echo "$index" | awk '{print $1}' | sort | uniq -d)
status=0
if [ -n "$dups" ]; then
    echo "rooms: header names used twice (a header is found by its name): $dups" >&2
    status=1
fi

allowed() { # ROOM TARGET: may ROOM include from TARGET?
    [ "$1" = "$2" ] && return 0
    [ "$1" = agent ] && return 0 # the composition root wires everything
    echo "$rules" | awk -v r="$1" -v t="$2" '$1 == r { for (i = 2; i <= NF; i++) if ($i == t) f = 1 } END { exit !f }'
}

edges=""
for f in $files; do
    from=$(room_of "$f")
    for h in $(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$top/$f"); do
        to=$(echo "$index" | awk -v h="$(basename "$h")" '$1 == h { print $2; exit }')
        [ -n "$to" ] || continue # generated (config.h) or a system header in quotes
        if ! allowed "$from" "$to"; then
            echo "rooms: $f ($from) includes $h ($to), which $from may not include" >&2
            status=1
        elif [ "$from" != "$to" ]; then
            door=$(echo "$doors" | awk -v t="$to" '$1 == t { print $2 }')
            if [ -n "$door" ] && [ "$(basename "$h")" != "$door" ]; then
                echo "rooms: $f ($from) includes $h, not $to's door $door" >&2
                status=1
            fi
        fi
        [ "$from" = "$to" ] || edges="$edges$from $to
"
    done
done

# The statements must be a one-way graph, so that following them can never loop.
if ! echo "$rules" | awk '{ for (i = 2; i <= NF; i++) print $1, $i }' | tsort >/dev/null 2>&1; then
    echo "rooms: the rooms' statements form a cycle:" >&2
    echo "$rules" | awk '{ for (i = 2; i <= NF; i++) print $1, $i }' | tsort 2>&1 >/dev/null | sed 's/^/  /' >&2
    status=1
fi
# And so must what the code does (this holds when the above does; said apart for a clear message).
if [ -n "$edges" ] && ! printf '%s' "$edges" | sort -u | tsort >/dev/null 2>&1; then
    echo "rooms: the includes between rooms form a cycle" >&2
    status=1
fi

# Sizes: the composition root stays small, and no room outgrows a reader.
n=$(cd "$top" && find agent -maxdepth 1 -name '*.[ch]' | wc -l)
if [ "$n" -gt 12 ]; then
    echo "rooms: agent/ holds $n source files at its top; only the composition root belongs there" >&2
    status=1
fi
for d in "$top"/agent/*/; do
    n=$(find "$d" -maxdepth 1 -name '*.c' | wc -l)
    if [ "$n" -gt 30 ]; then
        echo "rooms: ${d#"$top"/} holds $n source files (30 at most)" >&2
        status=1
    fi
    r=$(basename "$d")
    if ! echo "$rules" | awk -v r="$r" '$1 == r { f = 1 } END { exit !f }'; then
        echo "rooms: agent/$r/ has no row in agent/README.md" >&2
        status=1
    fi
    door=$(echo "$doors" | awk -v r="$r" '$1 == r { print $2 }')
    if [ -z "$door" ] || [ ! -f "$d$door" ]; then
        echo "rooms: agent/$r/ has no door (a header named in its row of agent/README.md)" >&2
        status=1
    fi
done
# Every file of a room is in the build's list (else a distribution of the sources lacks it).
for f in $files; do
    case $f in
    agent/*) grep -qF "$f" "$top/agent/local.mk" || {
        echo "rooms: $f is not in agent/local.mk" >&2
        status=1
    } ;;
    esac
done
[ $status = 0 ] && echo "rooms: $(echo "$files" | wc -w) files, every include as the rooms allow"
exit $status
