#!/bin/sh
test_description='FAT32: zeroed primary boot sector (backup at sector 6 intact) and zeroed backup: found, fixed, fsck.fat agrees, undone byte for byte'
. "$(dirname "$0")/lib.sh"

part_off() { echo $(($(sed -n 's/^part_start=//p' "$1.lab") * $(sed -n 's/^sector_size=//p' "$1.lab"))); }
fs_sectors() { sed -n 's/^fs_sectors=//p' "$1.lab"; }

# fsck_volume IMG: fsck.fat -n on a copy of the volume (it takes no offset)
fsck_volume() {
	dd if="$1" of="$1.part" bs=512 skip=$(($(part_off "$1") / 512)) count=$(fs_sectors "$1") \
		conv=sparse status=none &&
	fsck.fat -n "$1.part"
}

# roundtrip KIND CODE
roundtrip() {
	"$DISKMEDIC_LAB" make "$1" "$1.img" --seed 230 &&
	cp --sparse=always "$1.img" "$1.orig" &&
	expect_exit 4 "$DISKMEDIC" scan --json "$1.img" >"$1.json" &&
	codes "$1.json" | grep -qx "$2" &&
	test "$(json_get "$1.json" "r[\"disks\"][0][\"partitions\"][0][\"filesystem\"]")" = fat32 &&
	expect_exit 1 "$DISKMEDIC" fix --yes --undo-dir "$1.undo" "$1.img" &&
	expect_exit 0 "$DISKMEDIC" scan "$1.img" &&
	p=$(part_off "$1.img") &&
	test "$(bytes "$1.img" $p 512)" = "$(bytes "$1.img" $((p + 6 * 512)) 512)" &&
	test "$(bytes "$1.img" $((p + 510)) 2)" = 55aa &&
	fsck_volume "$1.img" &&
	"$DISKMEDIC_LAB" verify "$1.img"
}

undo_exact() {
	set -- "$1" "$1".undo/*.undo && test $# = 2 &&
	expect_exit 0 "$DISKMEDIC" undo --yes "$2" &&
	test "$(sha "$1.img")" = "$(sha "$1.orig")"
}

test_expect_success 'the lab zeroes the primary boot sector and keeps the backup' '
	"$DISKMEDIC_LAB" make fat32-primary-damaged d.img &&
	p=$(part_off d.img) &&
	test "$(bytes d.img $p 512 | tr -d 0)" = "" &&
	test "$(bytes d.img $((p + 6 * 512 + 82)) 5)" = "$(printf FAT32 | xxd -p)" &&
	! fsck_volume d.img
'

test_expect_success 'primary zeroed: detect, restore from the backup, rescan clean, fsck clean, files intact' '
	roundtrip fat32-primary-damaged fat-boot-sector-damaged
'
test_expect_success 'primary zeroed: undo is exact' 'undo_exact fat32-primary-damaged'

test_expect_success 'backup zeroed: detect, refresh the backup, rescan clean, fsck clean, files intact' '
	roundtrip fat32-backup-damaged fat-backup-boot-sector-damaged
'
test_expect_success 'backup zeroed: undo is exact' 'undo_exact fat32-backup-damaged'

test_expect_success 'a healthy FAT32 disk: no findings, exit 0' '
	"$DISKMEDIC_LAB" make clean clean.img --fs fat32 --seed 230 &&
	expect_exit 0 "$DISKMEDIC" scan --json clean.img >clean.json &&
	test -z "$(codes clean.json)" &&
	fsck_volume clean.img
'

# fix_safe JSON CODE: the safe flags of CODE's fixes.
fix_safe() { json_get "$1" "' '.join(str(x['safe']) for d in r['disks'] for f in d['findings'] if f['code'] == '$2' for x in f['fixes'])"; }

test_expect_success 'a backup boot sector whose FAT is not where it says: found, but its restore needs --only' '
	"$DISKMEDIC_LAB" make fat32-primary-damaged nofat.img --seed 231 >/dev/null &&
	start=$(sed -n "s/^part_start=//p" nofat.img.lab) &&
	rsv=$(od -An -tu2 -j $((start * 512 + 6 * 512 + 14)) -N2 nofat.img | tr -d " ") && test "$rsv" -gt 6 &&
	dd if=/dev/zero of=nofat.img bs=512 seek=$((start + rsv)) count=1 conv=notrunc status=none &&
	before=$(sha nofat.img) &&
	expect_exit 4 "$DISKMEDIC" scan --json nofat.img >nofat.json &&
	test "$(fix_safe nofat.json fat-boot-sector-damaged)" = False &&
	expect_exit 4 "$DISKMEDIC" fix --yes --undo-dir nu nofat.img &&
	test "$(sha nofat.img)" = "$before"
'

test_done
