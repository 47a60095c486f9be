#!/bin/sh
test_description='undo refuses a disk whose fixed bytes changed since (unless --force), a different disk, a tampered record, and a second run'
. "$(dirname "$0")/lib.sh"

part_off() { echo $(($(sed -n 's/^part_start=//p' disk.img.lab) * $(sed -n 's/^sector_size=//p' disk.img.lab))); }
poke() { printf "$3" | dd of="$1" bs=1 seek="$2" conv=notrunc status=none; }

test_expect_success 'setup: a hidden-sectors disk, fixed, with its undo record' '
	"$DISKMEDIC_LAB" make hidden-sectors disk.img --seed 270 &&
	cp --sparse=always disk.img orig.img &&
	expect_exit 1 "$DISKMEDIC" fix --yes --undo-dir undo disk.img &&
	set -- undo/*.undo && test $# = 1 && cp "$1" record.undo &&
	cp --sparse=always disk.img fixed.img
'

test_expect_success 'after-bytes changed since the fix: undo refuses (exit 8), writes nothing' '
	poke disk.img $(($(part_off) + 28)) "\\177" &&
	cp --sparse=always disk.img changed.img &&
	expect_exit 8 "$DISKMEDIC" undo --yes --undo-dir u2 record.undo &&
	same_image changed.img disk.img
'

test_expect_success 'the same with --force restores the bytes from before the fix' '
	expect_exit 0 "$DISKMEDIC" undo --yes --force --undo-dir u3 record.undo &&
	test "$(sha disk.img)" = "$(sha orig.img)"
'

test_expect_success 'a second undo of the same record is refused: the disk no longer holds the after-bytes' '
	expect_exit 8 "$DISKMEDIC" undo --yes --undo-dir u4 record.undo &&
	test "$(sha disk.img)" = "$(sha orig.img)"
'

test_expect_success 'a different disk at the same path (new disk id in the MBR) is refused' '
	cp --sparse=always fixed.img disk.img &&
	poke disk.img 440 "\\001\\002\\003\\004" &&
	cp --sparse=always disk.img other.img &&
	expect_exit 8 "$DISKMEDIC" undo --yes --undo-dir u5 record.undo &&
	same_image other.img disk.img
'

test_expect_success 'a tampered undo record (a before-value edited) is refused' '
	cp --sparse=always fixed.img disk.img &&
	sed "s/^\\(change [0-9]* [0-9]* \\)3f/\\17f/" record.undo >tampered.undo &&
	! cmp -s record.undo tampered.undo &&
	expect_exit 8 "$DISKMEDIC" undo --yes --undo-dir u6 tampered.undo &&
	same_image fixed.img disk.img
'

test_expect_success 'without --yes and nobody to ask, undo declines (exit 4) and writes nothing' '
	cp --sparse=always fixed.img disk.img &&
	expect_exit 4 "$DISKMEDIC" undo --undo-dir u7 record.undo </dev/null &&
	same_image fixed.img disk.img
'

test_expect_success 'the untampered record still works on the fixed disk' '
	expect_exit 0 "$DISKMEDIC" undo --yes --undo-dir u8 record.undo &&
	test "$(sha disk.img)" = "$(sha orig.img)"
'

test_done
