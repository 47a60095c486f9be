#!/bin/sh
test_description='GPT: zeroed primary header, zeroed backup header, and a backup left behind after the disk grew: found, fixed, sgdisk agrees, undone byte for byte'
. "$(dirname "$0")/lib.sh"

le() { od -An -t "u$3" -j "$2" -N "$3" --endian=little "$1" | tr -d ' '; }
last_lba() { echo $(($(stat -c %s "$1") / 512 - 1)); }

# roundtrip KIND CODE: the whole cycle on a fresh lab image KIND.img.
roundtrip() {
	"$DISKMEDIC_LAB" make "$1" "$1.img" --seed 220 &&
	cp --sparse=always "$1.img" "$1.orig" &&
	expect_exit 4 "$DISKMEDIC" scan --json "$1.img" >"$1.json" &&
	codes "$1.json" | grep -qx "$2" &&
	same_image "$1.orig" "$1.img" &&
	expect_exit 1 "$DISKMEDIC" fix --yes --undo-dir "$1.undo" "$1.img" &&
	expect_exit 0 "$DISKMEDIC" scan "$1.img" &&
	sgdisk -v "$1.img" >"$1.sgdisk" && grep -q "No problems found" "$1.sgdisk" &&
	"$DISKMEDIC_LAB" verify "$1.img"
}

# undo_exact KIND: the fix's one undo record brings back the original sha256
undo_exact() {
	set -- "$1" "$1".undo/*.undo && test $# = 2 &&
	expect_exit 0 "$DISKMEDIC" undo --yes "$2" &&
	test "$(sha "$1.img")" = "$(sha "$1.orig")"
}

test_expect_success 'the lab zeroes only the primary header (LBA 1)' '
	"$DISKMEDIC_LAB" make gpt-primary-zeroed p.img &&
	test "$(bytes p.img 512 512 | tr -d 0)" = "" &&
	test "$(bytes p.img $(($(last_lba p.img) * 512)) 8)" = 4546492050415254
'

test_expect_success 'primary header zeroed: detect, fix, rescan clean, files intact' '
	roundtrip gpt-primary-zeroed gpt-primary-header-damaged &&
	test "$(bytes gpt-primary-zeroed.img 512 8)" = 4546492050415254
'
test_expect_success 'primary header zeroed: undo is exact' 'undo_exact gpt-primary-zeroed'

test_expect_success 'backup header zeroed: detect, fix, rescan clean, files intact' '
	roundtrip gpt-backup-zeroed gpt-backup-header-damaged &&
	test "$(bytes gpt-backup-zeroed.img $(($(last_lba gpt-backup-zeroed.img) * 512)) 8)" = 4546492050415254
'
test_expect_success 'backup header zeroed: undo is exact' 'undo_exact gpt-backup-zeroed'

test_expect_success 'grown disk: the backup is moved to the new last LBA' '
	roundtrip gpt-backup-misplaced gpt-backup-header-damaged &&
	img=gpt-backup-misplaced.img && last=$(last_lba $img) &&
	test "$(le $img 544 8)" = $last &&
	test "$(bytes $img $((last * 512)) 8)" = 4546492050415254 &&
	test "$(le $img $((last * 512 + 24)) 8)" = $last &&
	test "$(le $img $((last * 512 + 32)) 8)" = 1
'
test_expect_success 'grown disk: undo is exact' 'undo_exact gpt-backup-misplaced'

test_expect_success 'a healthy GPT disk: no findings, exit 0' '
	"$DISKMEDIC_LAB" make clean clean.img --table gpt --seed 220 &&
	expect_exit 0 "$DISKMEDIC" scan --json clean.img >clean.json &&
	test -z "$(codes clean.json)"
'

test_done
