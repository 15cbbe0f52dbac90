#!/bin/sh
# rooms.sh can fail: on a copy of the sources, an include that goes up, a cycle in the rooms'
# statements, a room that is not in the table and a crowded top of agent/ are each reported.
set -u
src=${srcdir:-.}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
copy() {
    rm -rf "$tmp/t"
    mkdir -p "$tmp/t"
    (cd "$src" && find common grammar httpclient cli agent \( -name '*.[ch]' -o -name README.md -o -name local.mk \) |
        tar -cf - -T -) | tar -xf - -C "$tmp/t" || exit 99
}
expect_failure() { # WHAT PATTERN
    if out=$(sh "$src/tests/arch/rooms.sh" "$tmp/t" 2>&1); then
        echo "FAIL: rooms.sh passed $1" >&2
        exit 1
    fi
    echo "$out" | grep -q "$2" || {
        echo "FAIL: rooms.sh did not say why for $1: $out" >&2
        exit 1
    }
}

copy
sh "$src/tests/arch/rooms.sh" "$tmp/t" >/dev/null || { echo "FAIL: the copy itself fails" >&2; exit 1; }

copy # a room below the CWMP engine includes it
printf '#include "cwmp_session.h"\n' >>"$tmp/t/agent/persist/flash.c"
expect_failure "an include that goes up" "agent/persist/flash.c (persist) includes cwmp_session.h (cwmp)"

copy # a room includes the composition root
printf '#include "agent.h"\n' >>"$tmp/t/agent/dm/dm.c"
expect_failure "an include of the composition root" "agent/dm/dm.c (dm) includes agent.h (agent)"

copy # another room's header that is not its door
printf '#include "dm_util.h"\n' >>"$tmp/t/agent/cwmp/rpc.c"
expect_failure "a header behind a door" "agent/cwmp/rpc.c (cwmp) includes dm_util.h, not dm's door dm.h"

copy # a header the build does not list
printf '/* nothing */\n' >"$tmp/t/agent/dm/dm_extra.h"
expect_failure "a file missing from the build" "agent/dm/dm_extra.h is not in agent/local.mk"

copy # cli/ sees only common/
printf '#include "grammar.h"\n' >>"$tmp/t/cli/pager.c"
expect_failure "cwmpsh including the grammar" "cli/pager.c (cli) includes grammar.h (grammar)"

copy # the statements loop: persist may include cwmp, which may include persist
sed -i 's/^\(| `persist\/` |.*|\) common |$/\1 common cwmp |/' "$tmp/t/agent/README.md"
expect_failure "statements that form a cycle" "cycle"

copy # a new room without a statement
mkdir "$tmp/t/agent/gadget"
printf 'int gadget;\n' >"$tmp/t/agent/gadget/gadget.c"
expect_failure "a room without a row" "agent/gadget/ has no row"
expect_failure "a room without a door" "agent/gadget/ has no door"

copy # the top of agent/ is for the composition root only
for i in 1 2 3 4 5 6 7 8 9 10 11; do printf 'int x%s;\n' $i >"$tmp/t/agent/extra$i.c"; done
expect_failure "a crowded agent/" "only the composition root belongs there"

echo "rooms.sh refuses each of the nine faults"
