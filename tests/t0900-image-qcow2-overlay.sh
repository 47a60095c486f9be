#!/bin/sh
test_description='a qcow2 overlay on a healthy base with the NTFS boot sector zeroed in the overlay (seed 004): scanned and fixed through qemu-nbd in the overlay only, the base byte-identical, the result equal to the same fix on a raw copy, and undone'
. "$(dirname "$0")/lib.sh"
. "$SRCDIR/tests/lib-image.sh"
TMPDIR=$TRASH/tmp && mkdir -p "$TMPDIR" && export TMPDIR

# Every test but the last reads the images the first makes with qemu's tools:
# without them, each is a skip naming the tool.
QEMU=TOOL:qemu-img,TOOL:qemu-io,TOOL:qemu-nbd

test_expect_success $QEMU 'an overlay whose NTFS boot sector is zeroed, on a healthy base' '
	"$DISKMEDIC_LAB" make clean base.img --seed 800 &&
	p=$(part_off base.img) &&
	qemu-img convert -f raw -O qcow2 base.img base.qcow2 &&
	qemu-img create -q -f qcow2 -b base.qcow2 -F qcow2 top.qcow2 &&
	qemu-io -f qcow2 -c "write -z $p 512" top.qcow2 &&
	sha base.qcow2 >base.sha &&
	to_raw top.qcow2 damaged.raw &&
	test "$(bytes damaged.raw $p 8)" = 0000000000000000 &&
	test "$(bytes base.img $((p + 3)) 4)" = 4e544653 &&
	cp top.qcow2 top.orig
'

test_expect_success $QEMU 'scan finds ntfs-boot-sector-damaged and names the format and the chain' '
	expect_exit 4 "$DISKMEDIC" scan --json top.qcow2 >scan.json &&
	codes scan.json | grep -qx ntfs-boot-sector-damaged &&
	test "$(json_get scan.json "r[\"disks\"][0][\"image\"][\"format\"]")" = qcow2 &&
	test "$(json_get scan.json "\",\".join(c[\"file\"] for c in r[\"disks\"][0][\"image\"][\"chain\"])")" = top.qcow2,base.qcow2 &&
	test "$(json_get scan.json "\",\".join(c[\"format\"] for c in r[\"disks\"][0][\"image\"][\"chain\"])")" = qcow2,qcow2 &&
	expect_exit 4 "$DISKMEDIC" scan top.qcow2 >scan.txt && grep -q "image: qcow2, read through qemu-nbd; backing chain: base.qcow2 (qcow2)" scan.txt &&
	test "$(sha base.qcow2)" = "$(cat base.sha)" && cmp top.qcow2 top.orig
'

test_expect_success $QEMU 'the same file read as raw would have been a false all-clear' '
	# What diskmedic did before it knew image formats: the qcow2 file itself as a disk.
	test "$(bytes top.qcow2 0 4)" = 514649fb &&
	test "$(bytes top.qcow2 510 2)" != 55aa
'

test_expect_success $QEMU 'fix --yes --only ntfs-boot-sector-damaged restores the boot sector in the overlay; the base stays byte-identical' '
	expect_exit 1 "$DISKMEDIC" fix --yes --only ntfs-boot-sector-damaged --undo-dir undo top.qcow2 &&
	test "$(sha base.qcow2)" = "$(cat base.sha)" &&
	expect_exit 0 "$DISKMEDIC" scan top.qcow2 &&
	set -- undo/*.undo && test $# = 1 &&
	grep -qx "image-format qcow2" "$1" && grep -qx "target top.qcow2" "$1"
'

test_expect_success $QEMU 'qemu-img convert -O raw of the overlay equals the same fix done on a raw copy' '
	cp damaged.raw fixed.raw &&
	expect_exit 1 "$DISKMEDIC" fix --yes --only ntfs-boot-sector-damaged --undo-dir undo-raw fixed.raw &&
	to_raw top.qcow2 overlay.raw &&
	cmp overlay.raw fixed.raw &&
	test "$(bytes overlay.raw $(part_off base.img) 512)" = "$(bytes base.img $(part_off base.img) 512)"
'

test_expect_success $QEMU 'undo puts the overlay back (and still leaves the base alone)' '
	set -- undo/*.undo &&
	expect_exit 0 "$DISKMEDIC" undo --yes "$1" &&
	to_raw top.qcow2 undone.raw &&
	cmp undone.raw damaged.raw &&
	test "$(sha base.qcow2)" = "$(cat base.sha)"
'

test_expect_success $QEMU 'an undo record made through qcow2 is refused on the raw copy, and the reverse' '
	set -- undo/*.undo &&
	expect_exit 8 "$DISKMEDIC" undo --yes --target fixed.raw "$1" 2>err &&
	grep -q "made through qcow2" err &&
	set -- undo-raw/*.undo &&
	expect_exit 8 "$DISKMEDIC" undo --yes --target top.qcow2 "$1" 2>err2 &&
	grep -q "opened as a qcow2 image" err2
'

test_expect_success 'no qemu-nbd is left running, no socket directory left behind' '
	nbd_gone
'
test_done
