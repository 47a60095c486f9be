#!/bin/sh
test_description='unit tests of the pure parsers and the geometry sources'
. "$(dirname "$0")/lib.sh"

# The same flags the Makefile uses: sanitizers on, any report fatal.
UNIT_CC=${UNIT_CC:-cc}
UNIT_CFLAGS='-std=gnu11 -Wall -Wextra -Werror -g -fsanitize=address,undefined -fno-sanitize-recover=all'
UNIT_SRCS="$SRCDIR/rescue/parse/*.c $SRCDIR/rescue/geom/*.c"
mkdir -p "$BUILD/unit"

for t in crc32 mbr gpt ntfs_bpb fat_bpb bootcode geometry imgfmt; do
	test_expect_success "unit: $t" "
		$UNIT_CC $UNIT_CFLAGS -I'$SRCDIR/rescue' -o '$BUILD/unit/${t}_test' \
			'$SRCDIR/tests/unit/${t}_test.c' $UNIT_SRCS &&
		'$BUILD/unit/${t}_test'
	"
done

# The writer's fences, with the writer, the undo records and the I/O layer
# they need (not pure, so built apart from the parsers).
test_expect_success 'unit: fence (writer refuses plans into foreign content)' '
	$UNIT_CC $UNIT_CFLAGS -I"$SRCDIR/rescue" -o "$BUILD/unit/fence_test" "$SRCDIR/tests/unit/fence_test.c" \
		"$SRCDIR"/rescue/fix/fence.c "$SRCDIR"/rescue/fix/rules.c "$SRCDIR"/rescue/fix/writer.c "$SRCDIR"/rescue/fix/undo.c \
		"$SRCDIR"/rescue/fix/plan.c "$SRCDIR"/rescue/fix/evidence.c "$SRCDIR"/rescue/io/*.c \
		"$SRCDIR"/rescue/lib/util.c "$SRCDIR"/rescue/lib/sha256.c "$SRCDIR"/rescue/parse/crc32.c \
		"$SRCDIR"/rescue/parse/mbr.c "$SRCDIR"/rescue/parse/gpt.c "$SRCDIR"/rescue/parse/ntfs_bpb.c \
		"$SRCDIR"/rescue/parse/imgfmt.c \
		"$SRCDIR"/rescue/probe/content.c &&
	"$BUILD/unit/fence_test"
'

# The evidence rules: each rule alone turns a proposed fix unsafe.
test_expect_success 'unit: rules (a)-(d) decide which fixes are safe' '
	$UNIT_CC $UNIT_CFLAGS -I"$SRCDIR/rescue" -o "$BUILD/unit/rules_test" "$SRCDIR/tests/unit/rules_test.c" \
		"$SRCDIR"/rescue/fix/rules.c "$SRCDIR"/rescue/fix/plan.c "$SRCDIR"/rescue/lib/util.c \
		"$SRCDIR"/rescue/probe/content.c &&
	"$BUILD/unit/rules_test"
'

# The ISO's binary is static musl: the parsers must build there too.
if command -v musl-gcc >/dev/null 2>&1; then
	test_expect_success 'parsers and geometry build warning-free with musl-gcc -static' '
		for f in $UNIT_SRCS; do
			musl-gcc -std=gnu11 -Wall -Wextra -Werror -O2 -static -c "$f" -o "$TRASH/musl.o" || exit 1
		done
	'
else
	test_skip 'parsers build with musl-gcc -static' 'musl-gcc not installed'
fi
test_done
