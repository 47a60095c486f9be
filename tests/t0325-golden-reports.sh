#!/bin/sh
test_description='the reports of every lab kind at a fixed seed, JSON (normalised) and text, equal the
golden ones in tests/expect (as e2fsprogs keeps an expected output per damaged image). A change to a
message or a field shows up here; regenerate on purpose with tests/expect/regen.sh and review the diff'
. "$(dirname "$0")/lib.sh"
. "$SRCDIR/tests/expect/golden.sh"
LAB=$DISKMEDIC_LAB

for k in $("$LAB" list | cut -d" " -f1); do
	test_expect_success "$k: the JSON and text reports equal tests/expect/$k.*" "
		golden_scan $k '$TRASH' '$TRASH/$k' &&
		test_cmp '$SRCDIR/tests/expect/$k.json' '$TRASH/$k.json' &&
		test_cmp '$SRCDIR/tests/expect/$k.txt' '$TRASH/$k.txt' &&
		rm -f '$TRASH/$k.img' '$TRASH/$k.raw.json'
	"
done

test_expect_success 'no golden report is left over from a kind the lab no longer has' '
	"$LAB" list | cut -d" " -f1 | sort >kinds &&
	ls "$SRCDIR/tests/expect" | sed -n "s/\\.json\$//p" | sort >golden &&
	test_cmp kinds golden
'

test_done
