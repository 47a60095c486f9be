#!/bin/sh
test_description='the Makefile rebuilds only what a change touches: one object per source, headers tracked by -MMD'
. "$(dirname "$0")/lib.sh"

# compiles FILE: the objects `make -n` would compile if FILE had changed
# (make -W: "what if", the checkout is not touched). The dependency files
# spell a header as each source included it, so a header is named both ways.
compiles() { make -s -n -C "$SRCDIR" $(for f in "$@"; do printf " -W %s" "$f"; done) build/diskmedic build/diskmedic-asan 2>/dev/null | grep -o ' -c -o [^ ]*' | sort; }

test_expect_success 'setup: both binaries are up to date' '
	make -s -C "$SRCDIR" build/diskmedic build/diskmedic-asan >/dev/null &&
	make -s -n -C "$SRCDIR" build/diskmedic build/diskmedic-asan | { grep -o " -c -o [^ ]*" >got || :; } &&
	test_cmp /dev/null got
'

test_expect_success 'a changed .c file recompiles that one object for each binary' '
	compiles rescue/checks/mbr_chs.c >got &&
	printf " -c -o build/obj/asan/checks/mbr_chs.o\n -c -o build/obj/musl/checks/mbr_chs.o\n" >want &&
	test_cmp want got
'

test_expect_success 'a changed header recompiles the files that include it, not the rest' '
	compiles rescue/fix/context.h rescue/report/../fix/context.h rescue/cmd/../fix/context.h >got &&
	grep -q "obj/asan/fix/context.o" got && grep -q "obj/musl/report/text.o" got &&
	! grep -q "parse/mbr.o" got &&
	test $(wc -l <got) -lt 20
'

# make unit-build (tests/unit/*_test.c against the ASan objects): a changed
# parser recompiles its one ASan object (the tests only relink), a changed
# test recompiles that test.
unit_compiles() { make -s -n -C "$SRCDIR" -W "$1" unit-build 2>/dev/null | grep -o " -c -o [^ ]*" | sort; }

test_expect_success 'unit-build: a changed parser or test recompiles one object' '
	make -s -C "$SRCDIR" unit-build >/dev/null &&
	unit_compiles rescue/parse/mbr.c >got &&
	echo " -c -o build/obj/asan/parse/mbr.o" >want && test_cmp want got &&
	unit_compiles tests/unit/gpt_test.c >got &&
	echo " -c -o build/unit/gpt_test.o" >want && test_cmp want got
'

test_done
