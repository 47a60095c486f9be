#!/bin/sh
test_description='4Kn images whose damage removed the 4096 evidence the guess used: a GPT with its primary header zeroed is read from the backup at the last 4096-byte LBA, an MBR disk with both NTFS boot sectors zeroed from its $MFT; 512-byte disks are never taken for 4Kn by these rules. Images made by fdisk -b, mkntfs -s and dd, not the lab'
. "$(dirname "$0")/lib.sh"

ssz() { json_get "$1" "r['disks'][0]['sector_size']"; }
# mkdisk IMG SS LABEL: a 64 MiB image with one partition from 1 MiB to the end
# (NTFS type), partitioned by fdisk in SS-byte sectors.
mkdisk() {
	rm -f "$1" && truncate -s 64M "$1" &&
	printf 'label: %s\nunit: sectors\nsector-size: %s\n\nstart=%s, type=%s\n' "$3" "$2" $((1048576 / $2)) \
		"$([ "$3" = gpt ] && echo EBD0A0A2-B9E5-4433-87C0-68B6B7E4C99C || echo 7)" >"$1.sfdisk" &&
	printf 'I\n%s\nw\n' "$1.sfdisk" | fdisk -b "$2" "$1" >"$1.log" 2>&1 &&
	grep -q 'Script successfully applied' "$1.log"
}
# ntfs IMG SS: mkntfs over the partition's bytes (its size as fdisk -b SS
# lists it), copied in at 1 MiB
ntfs() {
	n=$(fdisk -b "$2" -l "$1" | awk -v d="$1"1 '$1 == d { print $4 }') &&
	rm -f "$1.part" && truncate -s $((n * $2)) "$1.part" &&
	mkntfs -Q -F -s "$2" -p $((1048576 / $2)) -H 255 -S 63 "$1.part" >/dev/null 2>&1 &&
	dd if="$1.part" of="$1" bs=1M seek=1 conv=notrunc status=none && rm -f "$1.part"
}

test_expect_success 'setup: a 4Kn GPT disk with NTFS; fdisk -b 4096 reads it' '
	mkdisk g4k.img 4096 gpt && ntfs g4k.img 4096 &&
	fdisk -b 4096 -l g4k.img | grep -q "^g4k.img1 *256 " &&
	cp g4k.img g4k.orig
'

test_expect_success 'primary GPT header zeroed: fdisk -b 4096 says the backup is OK; diskmedic reads 4096, finds gpt-primary-header-damaged' '
	dd if=/dev/zero of=g4k.img bs=4096 seek=1 count=1 conv=notrunc status=none &&
	fdisk -b 4096 -l g4k.img 2>&1 | grep -qi "primary GPT.*corrupt" &&
	expect_exit 4 "$DISKMEDIC" scan --json g4k.img >g.json &&
	test "$(ssz g.json)" = 4096 &&
	codes g.json | grep -qx gpt-primary-header-damaged
'

test_expect_success 'fix --yes restores the primary header byte-exactly' '
	expect_exit 1 "$DISKMEDIC" fix --yes --undo-dir u g4k.img &&
	same_image g4k.img g4k.orig &&
	expect_exit 0 "$DISKMEDIC" scan g4k.img
'

test_expect_success 'a 4Kn MBR disk with both NTFS boot sectors zeroed: 4096 from $MFT, ntfs-boot-sectors-lost' '
	mkdisk m4k.img 4096 dos && ntfs m4k.img 4096 &&
	fdisk -b 4096 -l m4k.img | grep -q "^m4k.img1 *256 " &&
	last=$(($(stat -c %s m4k.img) / 4096 - 1)) &&
	dd if=/dev/zero of=m4k.img bs=4096 seek=256 count=1 conv=notrunc status=none &&
	dd if=/dev/zero of=m4k.img bs=4096 seek=$last count=1 conv=notrunc status=none &&
	expect_exit 4 "$DISKMEDIC" scan --json m4k.img >m.json &&
	test "$(ssz m.json)" = 4096 &&
	codes m.json | grep -qx ntfs-boot-sectors-lost
'

test_expect_success 'negative: a 512-byte GPT disk, primary intact or zeroed, is read in 512-byte sectors' '
	mkdisk g512.img 512 gpt && ntfs g512.img 512 &&
	expect_exit 0 "$DISKMEDIC" scan --json g512.img >g5.json &&
	test "$(ssz g5.json)" = 512 &&
	dd if=/dev/zero of=g512.img bs=512 seek=1 count=1 conv=notrunc status=none &&
	expect_exit 4 "$DISKMEDIC" scan --json g512.img >g5z.json &&
	test "$(ssz g5z.json)" = 512 &&
	codes g5z.json | grep -qx gpt-primary-header-damaged
'

test_expect_success 'negative: a 512-byte MBR disk holding a valid 4096 GPT header at its last 4 KiB (file data), no protective MBR, stays 512' '
	mkdisk m512.img 512 dos && ntfs m512.img 512 &&
	sz=$(stat -c %s m512.img) &&
	dd if=g4k.orig of=m512.img bs=512 skip=$(($(stat -c %s g4k.orig) / 512 - 8)) seek=$((sz / 512 - 8)) count=1 conv=notrunc status=none &&
	bytes m512.img $((sz - 4096)) 8 | grep -qx 4546492050415254 &&
	expect_exit 0 "$DISKMEDIC" scan --json m512.img >m5.json &&
	test "$(ssz m5.json)" = 512
'

test_expect_success 'negative: the same 512-byte MBR disk with both boot sectors zeroed: its $MFT explains 512, not 4096' '
	dd if=/dev/zero of=m512.img bs=512 seek=2048 count=1 conv=notrunc status=none &&
	dd if=/dev/zero of=m512.img bs=512 seek=$(($(stat -c %s m512.img) / 512 - 1)) count=1 conv=notrunc status=none &&
	expect_exit 4 "$DISKMEDIC" scan --json m512.img >m5z.json &&
	test "$(ssz m5z.json)" = 512 &&
	codes m5z.json | grep -qx ntfs-boot-sectors-lost
'

test_done
