#!/bin/bash
# README.md's usage lines are the programs' own: the synopsis of `cwmpd --help` and `cwmpsh --help`,
# word for word, every long option that either lists is named, and cwmpd is said to install in
# sbin/ and cwmpsh in bin/, where the Makefiles put them.
. "$TESTS_SRCDIR/integration/lib.sh"

top_srcdir=$(cd "$TESTS_SRCDIR/.." && pwd)
readme=$top_srcdir/README.md

# synopsis: the Usage: lines of a --help (the first line and its indented continuations), with
# the indentation and the "Usage: " dropped and spaces collapsed.
synopsis() {
    awk 'NR == 1 { sub(/^Usage: /, ""); print; next }
         /^ +\[/ { print; next }
         { exit }' | sed -e 's/^ *//' -e 's/  */ /g'
}
want=$( ("$CWMPD" --help | synopsis; "$CWMPSH" --help | synopsis) | tr '\n' ' ')
# The README's first code block after "## Using it" holding cwmpd's synopsis.
have=$(awk '/^## Using it/ { on = 1; next }
            on && /^```/ { if (inside) exit; inside = 1; next }
            inside { print }' "$readme" | sed -e 's/^ *//' -e 's/  */ /g' | tr '\n' ' ')
assert_eq "$have" "$want" "README.md's usage lines against --help"

for opt in $( ("$CWMPD" --help; "$CWMPSH" --help) | grep -o -- '--[a-z][a-z-]*' | sort -u); do
    grep -q -- "$opt" "$readme" || fail "README.md does not name $opt"
done

grep -q '^sbin_PROGRAMS += agent/cwmpd$' "$top_srcdir/agent/local.mk" ||
    fail "cwmpd is no longer an sbin program: update README.md and this test"
grep -q '^bin_PROGRAMS += cli/cwmpsh$' "$top_srcdir/cli/local.mk" ||
    fail "cwmpsh is no longer a bin program: update README.md and this test"
grep -q 'sbin/cwmpd' "$readme" || fail "README.md does not say that cwmpd installs in sbin/"
grep -q 'bin/cwmpsh' "$readme" || fail "README.md does not say that cwmpsh installs in bin/"
if grep -q '/usr/bin/cwmpd' "$readme"; then
    fail "README.md puts cwmpd in bin/"
fi
echo "PASS: README.md's usage is that of --help"
