#!/bin/sh
test_description='a geometry read back from the MBR CHS entries (--bios auto, no EDD) is a guess: vbr-geometry-mismatch is a warning, its fix not safe, and fix --yes changes no byte; measured geometries (user, qemu, EDD) still fix'
. "$(dirname "$0")/lib.sh"

# No EDD: an image file on a host, as the host's own /sys/firmware/edd (if
# any) describes its own disks, not this image.
mkdir -p "$TRASH/noedd"
DISKMEDIC_SYSROOT=$TRASH/noedd
export DISKMEDIC_SYSROOT
finding() { json_get "$1" "[(f['severity'], [x['safe'] for x in f['fixes']]) for f in r['disks'][0]['findings'] if f['code'] == 'vbr-geometry-mismatch']"; }
field() { json_get "$1" "[f$2 for f in r['disks'][0]['findings'] if f['code'] == 'vbr-geometry-mismatch'][0]"; }

# The seed-000 disk (NT4-style CHS boot code, MBR CHS and BPB 255/63) set up
# for the BIOS it boots under (qemu) by diskmedic itself: its BPB now says
# what qemu presents while its MBR CHS entries still say 255/63 (so, under
# qemu's geometry, mbr-chs-inconsistent is left). The MBR's guess and the BPB
# disagree, and the BPB is the one that is right.
test_expect_success 'setup: a disk whose BPB matches its BIOS (qemu) and whose MBR CHS entries say 255/63' '
	"$DISKMEDIC_LAB" make geometry-255 disk.img --size 64M --seed 205 >/dev/null &&
	expect_exit 5 "$DISKMEDIC" fix --yes --bios qemu --only vbr-geometry-mismatch --undo-dir u0 disk.img &&
	expect_exit 4 "$DISKMEDIC" scan --json --bios qemu disk.img >qemu.json &&
	test "$(finding qemu.json)" = "[]" &&
	cp --sparse=always disk.img booting.img && sha disk.img >booting.sha
'

test_expect_success 'scan (--bios auto, no EDD): source mbr-chs; a warning whose only fix is not safe; exit 4' '
	expect_exit 4 "$DISKMEDIC" scan --json disk.img >auto.json &&
	test "$(json_get auto.json "r[\"disks\"][0][\"bios_geometry\"][\"source\"]")" = mbr-chs &&
	test "$(finding auto.json)" = "[('"'"'warning'"'"', [False])]"
'

test_expect_success 'the summary and evidence say the geometry is a guess and how to measure it' '
	field auto.json "[\"summary\"]" >summary && cat summary &&
	grep -q "guess" summary && grep -q -- "--bios qemu" summary && grep -q -- "--bios H/S" summary &&
	grep -q ISO summary &&
	test "$(field auto.json "[\"evidence\"][\"geometry_measured\"]")" = no &&
	field auto.json "[\"evidence\"][\"how_to_measure\"]" | grep -q -- "--bios qemu"
'

test_expect_success 'fix --yes with --bios auto changes no byte (sha256) and writes no undo record; exit 4' '
	expect_exit 4 "$DISKMEDIC" fix --yes --undo-dir u1 disk.img >fix.out &&
	grep -q "left: vbr-geometry-mismatch" fix.out &&
	test "$(sha disk.img)" = "$(cat booting.sha)" && ! ls u1/*.undo 2>/dev/null
'

test_expect_success 'the ISO-style autofix path (menu --mode autofix, --bios auto) changes no byte either' '
	expect_exit 0 "$DISKMEDIC" menu --mode autofix --after poweroff --action-file act --undo-dir u2 disk.img </dev/null >menu.out &&
	grep -q "repairing disk.img" menu.out &&
	test "$(sha disk.img)" = "$(cat booting.sha)" && ! ls u2/*.undo 2>/dev/null
'

test_expect_success 'named with --only, the fix is still applied (the user chose the guess)' '
	expect_exit 1 "$DISKMEDIC" fix --yes --only vbr-geometry-mismatch --undo-dir u3 disk.img &&
	test "$(sha disk.img)" != "$(cat booting.sha)" &&
	expect_exit 0 "$DISKMEDIC" undo --yes --undo-dir u3b u3/*.undo &&
	test "$(sha disk.img)" = "$(cat booting.sha)"
'

test_expect_success 'a measured geometry (--bios 255/63, source user): error, fix safe, fix --yes applies it' '
	expect_exit 4 "$DISKMEDIC" scan --json --bios 255/63 disk.img >user.json &&
	test "$(finding user.json)" = "[('"'"'error'"'"', [True])]" &&
	test "$(field user.json "[\"evidence\"][\"geometry_measured\"]")" = yes &&
	expect_exit 1 "$DISKMEDIC" fix --yes --bios 255/63 --undo-dir u4 disk.img &&
	expect_exit 0 "$DISKMEDIC" scan --bios 255/63 disk.img &&
	cp --sparse=always booting.img disk.img
'

test_expect_success 'a measured geometry (EDD, matched by MBR signature): error, fix safe' '
	sig=$(dd if=disk.img bs=1 skip=440 count=4 status=none | od -An -tx4 | tr -d " ") &&
	mkdir -p edd/sys/firmware/edd/int13_dev80 &&
	echo "0x$sig" >edd/sys/firmware/edd/int13_dev80/mbr_signature &&
	echo 254 >edd/sys/firmware/edd/int13_dev80/legacy_max_head &&
	echo 63 >edd/sys/firmware/edd/int13_dev80/legacy_sectors_per_track &&
	DISKMEDIC_SYSROOT=$TRASH/edd expect_exit 4 "$DISKMEDIC" scan --json disk.img >edd.json &&
	test "$(json_get edd.json "r[\"disks\"][0][\"bios_geometry\"][\"source\"]")" = edd &&
	test "$(finding edd.json)" = "[('"'"'error'"'"', [True])]"
'

test_done
