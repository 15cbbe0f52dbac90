#!/bin/bash
# The man pages: the generated command reference is current and holds every command declared in
# grammar/*.cmd; the hand-written pages document every option and carry the package's version;
# groff renders every page without a warning. Skips (77) when groff is not installed.
. "$TESTS_SRCDIR/integration/lib.sh"

command -v groff >/dev/null 2>&1 || skip "groff is not installed"

# make check exports the programs' paths; the trees are one level above them.
top_builddir=$(cd "$(dirname "$CWMPD")/.." && pwd)
top_srcdir=$(cd "$TESTS_SRCDIR/.." && pwd)
cmddoc=$top_builddir/grammar/cmddoc
reference=$top_builddir/man/cwmpd-commands.7
hand_pages="$top_srcdir/man/cwmpsh.1 $top_srcdir/man/cwmpd.conf.5 $top_srcdir/man/cwmpd.8"

[ -x "$cmddoc" ] || fail "$cmddoc is not built"
[ -f "$reference" ] || fail "$reference is not built"

# render PAGE: the page as plain text on one line, whitespace collapsed, minus signs as ASCII.
render() {
    groff -man -Tutf8 -P-c -P-b -P-u "$1" 2>/dev/null |
        sed -e 's/\xe2\x88\x92/-/g' -e 's/\xe2\x80\x90/-/g' | tr -s ' \t\n' '   '
}

# 1. groff has nothing to say about any page.
for page in $hand_pages "$reference"; do
    warnings=$(groff -man -Tutf8 -ww -z "$page" 2>&1)
    if [ -n "$warnings" ]; then
        printf '%s\n' "$warnings" >&2
        fail "groff warns about $(basename "$page")"
    fi
done

# 2. The built reference is what cmddoc prints now.
"$cmddoc" > "$TEST_TMP/reference.7" || fail "cmddoc failed"
cmp -s "$TEST_TMP/reference.7" "$reference" || fail "$reference is older than the grammar"

# 3. Every command of the .cmd files has one entry (each entry starts with a comment naming its
# definition), and its syntax, as the page shows it, is in the rendered text.
awk '/^cmd[ \t]/ { sub(/^cmd[ \t]+/, ""); sub(/[ \t]+$/, ""); print }' \
    "$top_srcdir"/grammar/*.cmd > "$TEST_TMP/syntaxes"
declared=$(wc -l < "$TEST_TMP/syntaxes")
[ "$declared" -gt 0 ] || fail "no cmd declaration found in $top_srcdir/grammar"
entries=$(grep -c '^\.\\" [a-z_-]*\.cmd:[0-9]*$' "$reference")
[ "$entries" -eq "$declared" ] ||
    fail "grammar/*.cmd declare $declared commands, the reference has $entries entries"
text=$(render "$reference")
missing=0
while IFS= read -r syntax; do
    shown=$(printf '%s\n' "$syntax" | sed 's/\$[A-Za-z0-9_]*//g' | tr -s ' \t' '  ')
    case "$text" in
    *" $shown "*) ;;
    *) echo "not in cwmpd-commands(7): $shown" >&2; missing=$((missing + 1)) ;;
    esac
done < "$TEST_TMP/syntaxes"
[ "$missing" -eq 0 ] || fail "$missing command syntaxes missing from the reference"

# 4. The hand-written pages name every long option that the programs' --help lists, and carry the
# programs' version.
check_options() { # PROGRAM PAGE
    local opt page_text
    page_text=$(render "$2")
    for opt in $("$1" --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
        case "$page_text" in
        *"$opt"*) ;;
        *) fail "$(basename "$2") does not document $opt" ;;
        esac
    done
}
check_options "$CWMPD" "$top_srcdir/man/cwmpd.8"
check_options "$CWMPSH" "$top_srcdir/man/cwmpsh.1"
version=$("$CWMPD" --version | awk '{ print $2 }')
for page in $hand_pages; do
    grep -q "^\.TH .* \"cwmpd $version\" " "$page" ||
        fail "$(basename "$page") does not carry version $version in .TH"
done

# 5. cwmpd.conf(5)'s ORDER OF THE CONFIGURATION names every line that the renderers write (the
# literal start of each line in agent/config/config_render*.c; a value word at its end, as in
# "duplex full", is left to the page's wording).
order=$(render "$top_srcdir/man/cwmpd.conf.5" | sed -e 's/.*ORDER OF THE CONFIGURATION//' -e 's/PASSWORDS.*//')
[ -n "$order" ] || fail "cwmpd.conf(5) has no ORDER OF THE CONFIGURATION section"
lines=$(grep -ho 'sb_\(puts\|printf\)([a-z&]*, " \?[a-z][a-z -]*' \
    "$top_srcdir"/agent/config/config_render*.c | sed -e 's/.*, " \?//' -e 's/ *$//' | sort -u)
[ -n "$lines" ] || fail "no rendered line found in agent/config/config_render*.c"
unlisted=0
while IFS= read -r line; do
    case "$line" in
    *" full" | *" half" | *" infinite" | *" dhcp" | *" pool" | *" md") line=${line% *} ;;
    esac
    case "$order" in
    *"$line"*) ;;
    *) echo "not in cwmpd.conf(5) ORDER: $line" >&2; unlisted=$((unlisted + 1)) ;;
    esac
done <<< "$lines"
[ "$unlisted" -eq 0 ] || fail "$unlisted rendered lines missing from cwmpd.conf(5)'s ORDER list"

echo "PASS: $declared commands in cwmpd-commands(7); 4 pages render without warnings"
