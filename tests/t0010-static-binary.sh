#!/bin/sh
test_description='the shipped binary is static musl and answers --help/--version'
. "$(dirname "$0")/lib.sh"

STATIC=$BUILD/diskmedic

test_expect_success 'file(1) says build/diskmedic is statically linked' '
	file "$STATIC" | tee out &&
	grep -q "statically linked" out
'

test_expect_success '--version names diskmedic' '
	"$STATIC" --version >out && cat out &&
	grep -q "^diskmedic " out
'

test_expect_success '--help and every subcommand --help exit 0 with usage text' '
	"$STATIC" --help | grep -q "usage: diskmedic" &&
	for c in scan fix undo show edit menu; do
		"$STATIC" $c --help >out || { echo "$c --help failed"; exit 1; }
		grep -q "usage: diskmedic $c" out || { echo "$c usage missing"; exit 1; }
	done
'

test_expect_success 'the static binary scans an image like the sanitizer build' '
	truncate -s 8M img &&
	printf "label: dos\nstart=2048, type=c\n" | sfdisk -q img &&
	{ "$STATIC" scan --json img >a.json; a=$?; } &&
	{ "$DISKMEDIC" scan --json img >b.json; b=$?; } &&
	test "$a" = "$b" &&
	python3 -c "import json,sys; a,b=(json.load(open(f)) for f in sys.argv[1:]); sys.exit(a[\"disks\"]!=b[\"disks\"])" a.json b.json
'

test_expect_success 'the man page renders' '
	{ man -l "$SRCDIR/docs/diskmedic.8" >out 2>&1 || groff -man -Tutf8 "$SRCDIR/docs/diskmedic.8" >out 2>&1 || true; } &&
	grep -q "find and fix what keeps" out
'

test_expect_success 'make install puts binary, lab and man page under DESTDIR' '
	make -s -C "$SRCDIR" install PREFIX=/usr DESTDIR="$TRASH/root" >/dev/null &&
	test -x root/usr/sbin/diskmedic &&
	test -x root/usr/bin/diskmedic-lab &&
	test -f root/usr/share/man/man8/diskmedic.8
'

# The installed lab runs from its own copy (helpers, test boot code), not
# from this tree: its images equal the tree'"'"'s byte for byte.
test_expect_success 'the installed diskmedic-lab works away from the source tree' '
	root/usr/bin/diskmedic-lab list >installed.list &&
	"$DISKMEDIC_LAB" list >tree.list &&
	cmp installed.list tree.list &&
	root/usr/bin/diskmedic-lab make geometry-255 inst.img --seed 10 --size 64M >/dev/null &&
	"$DISKMEDIC_LAB" make geometry-255 tree.img --seed 10 --size 64M >/dev/null &&
	same_image inst.img tree.img &&
	grep -qx "vbr_code=nt4" inst.img.lab &&
	root/usr/bin/diskmedic-lab verify inst.img >/dev/null
'

test_done
