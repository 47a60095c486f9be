#!/bin/sh
test_description='unit tests of the pure parsers and the geometry sources'
. "$(dirname "$0")/lib.sh"

# The programs come from the Makefile (make unit-build: every
# tests/unit/*_test.c linked against the ASan build's objects, no source
# lists to keep up to date); each one is a test of its own here, so each
# can fail on its own. controller_test is t0812's lookup program, not run here.
UNIT_SRCS="$SRCDIR/rescue/parse/*.c $SRCDIR/rescue/geom/*.c"

test_expect_success 'make unit-build builds a program for every tests/unit/*_test.c' '
	make -s -C "$SRCDIR" unit-build &&
	for c in "$SRCDIR"/tests/unit/*_test.c; do
		t=$(basename "$c" .c) &&
		test -x "$BUILD/unit/$t" || return 1
	done
'

for c in "$SRCDIR"/tests/unit/*_test.c; do
	t=$(basename "$c" .c)
	case $t in controller_test) continue ;; esac
	test_expect_success "unit: ${t%_test}" "'$BUILD/unit/$t'"
done

# The ISO's binary is static musl: the parsers must build there too.
if command -v musl-gcc >/dev/null 2>&1; then
	test_expect_success 'parsers and geometry build warning-free with musl-gcc -static' '
		for f in $UNIT_SRCS; do
			musl-gcc -std=gnu11 -Wall -Wextra -Werror -O2 -static -c "$f" -o "$TRASH/musl.o" || return 1
		done
	'
else
	test_skip 'parsers build with musl-gcc -static' 'musl-gcc not installed'
fi
test_done
