#!/bin/sh
test_description='the sector size of an image file: every 512-byte explanation (primary or backup boot sector) before any 4096 one, and 4096 only on a full BPB that says 4096'
. "$(dirname "$0")/lib.sh"

ssz() { json_get "$1" "r['disks'][0]['sector_size']"; }
# put55aa IMG OFF: a 55 AA signature at OFF+510, as a file's data may hold
put55aa() { printf '\125\252' | dd of="$1" bs=1 seek=$(($2 + 510)) conv=notrunc status=none; }
start() { sed -n 's/^part_start=//p' "$1.lab"; }

test_expect_success 'setup: a 512-byte disk whose NTFS primary boot sector is lost (backup intact), 55 AA at the entry start x 4096' '
	"$DISKMEDIC_LAB" make ntfs-primary-zeroed disk.img --seed 255 >/dev/null &&
	test "$(sed -n "s/^sector_size=//p" disk.img.lab)" = 512 &&
	put55aa disk.img $(($(start disk.img) * 4096)) &&
	cp --sparse=always disk.img orig.img
'

test_expect_success 'read in 512-byte sectors: the backup boot sector explains the disk; the damage is found' '
	expect_exit 4 "$DISKMEDIC" scan --json disk.img >r.json &&
	test "$(ssz r.json)" = 512 &&
	codes r.json | grep -qx ntfs-boot-sector-damaged &&
	! codes r.json | grep -qx mbr-partition-beyond-disk
'

test_expect_success 'fix --yes restores the primary from the backup; the files read back' '
	expect_exit 1 "$DISKMEDIC" fix --yes --undo-dir u disk.img &&
	"$DISKMEDIC_LAB" verify disk.img
'

test_expect_success 'no boot sector at all, 55 AA (no BPB) at the entry start x 4096: still 512, not 4096' '
	"$DISKMEDIC_LAB" make ntfs-both-zeroed both.img --seed 255 >/dev/null &&
	put55aa both.img $(($(start both.img) * 4096)) &&
	expect_exit 4 "$DISKMEDIC" scan --json both.img >both.json &&
	test "$(ssz both.json)" = 512
'

test_expect_success 'a 4Kn disk is still read in 4096-byte sectors (its BPB says 4096)' '
	"$DISKMEDIC_LAB" make 4kn k.img --seed 255 >/dev/null &&
	expect_exit 0 "$DISKMEDIC" scan --json k.img >k.json &&
	test "$(ssz k.json)" = 4096
'

test_expect_success 'a 4Kn disk whose primary boot sector is lost: its backup BPB says 4096' '
	"$DISKMEDIC_LAB" make 4kn k2.img --seed 255 >/dev/null &&
	dd if=/dev/zero of=k2.img bs=4096 seek=$(start k2.img) count=1 conv=notrunc status=none &&
	expect_exit 4 "$DISKMEDIC" scan --json k2.img >k2.json &&
	test "$(ssz k2.json)" = 4096 &&
	codes k2.json | grep -qx ntfs-boot-sector-damaged
'

test_done
