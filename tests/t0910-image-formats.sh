#!/bin/sh
test_description='seed 000 disk as vmdk, vhdx and vdi: geometry and hidden-sectors findings found and fixed in place through qemu-nbd, equal to the same fix on raw, undone; a streamOptimized vmdk is scanned but refused for writing'
. "$(dirname "$0")/lib.sh"
. "$SRCDIR/tests/lib-image.sh"
TMPDIR=$TRASH/tmp && mkdir -p "$TMPDIR" && export TMPDIR

# Every test but the last reads the images the first makes with qemu's tools:
# without them, each is a skip naming the tool.
QEMU=TOOL:qemu-img,TOOL:qemu-nbd

test_expect_success $QEMU 'the lab geometry-hidden disk (seed 000: 255 heads under a 128/63 BIOS, hidden sectors 63)' '
	"$DISKMEDIC_LAB" make geometry-hidden gh.img --seed 810 &&
	cp --sparse=always gh.img raw-fixed.img &&
	expect_exit 1 "$DISKMEDIC" fix --yes --bios qemu --undo-dir undo-raw raw-fixed.img
'

for f in vmdk vhdx vdi; do
	test_expect_success $QEMU "$f: scan finds vbr-geometry-mismatch and vbr-hidden-sectors-mismatch" '
		qemu-img convert -f raw -O '$f' gh.img gh.'$f' &&
		cp gh.'$f' gh.'$f'.orig &&
		expect_exit 4 "$DISKMEDIC" scan --bios qemu --json gh.'$f' >'$f'.json &&
		codes '$f'.json >'$f'.codes &&
		grep -qx vbr-geometry-mismatch '$f'.codes &&
		grep -qx vbr-hidden-sectors-mismatch '$f'.codes &&
		test "$(json_get '$f'.json "r[\"disks\"][0][\"image\"][\"format\"]")" = '$f' &&
		cmp gh.'$f' gh.'$f'.orig
	'
	test_expect_success $QEMU "$f: fix --yes --bios qemu fixes in place, equal to the raw fix; undo restores" '
		expect_exit 1 "$DISKMEDIC" fix --yes --bios qemu --undo-dir undo-'$f' gh.'$f' &&
		expect_exit 0 "$DISKMEDIC" scan --bios qemu gh.'$f' &&
		to_raw gh.'$f' '$f'-fixed.raw &&
		cmp '$f'-fixed.raw raw-fixed.img &&
		set -- undo-'$f'/*.undo && test $# = 1 &&
		grep -qx "image-format '$f'" "$1" &&
		expect_exit 0 "$DISKMEDIC" undo --yes "$1" &&
		to_raw gh.'$f' '$f'-undone.raw &&
		cmp '$f'-undone.raw gh.img
	'
done

test_expect_success $QEMU 'a streamOptimized vmdk: scanned, but fix refuses to write, saying why and how to convert' '
	qemu-img convert -f raw -O vmdk -o subformat=streamOptimized gh.img so.vmdk &&
	cp so.vmdk so.orig &&
	expect_exit 4 "$DISKMEDIC" scan --bios qemu so.vmdk >so.txt &&
	grep -q "image: vmdk" so.txt &&
	expect_exit 8 "$DISKMEDIC" fix --yes --bios qemu --undo-dir undo-so so.vmdk 2>so.err &&
	grep -q "streamOptimized" so.err &&
	grep -q "qemu-img convert -f vmdk -O raw " so.err &&
	cmp so.vmdk so.orig &&
	! ls undo-so/*.undo 2>/dev/null
'

test_expect_success 'no qemu-nbd is left running, no socket directory left behind' '
	nbd_gone
'
test_done
