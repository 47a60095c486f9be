#!/bin/sh
test_description='an active data disk (sfdisk + mkntfs or mkfs.fat, no MBR code, the formatter'"'"'s "not a bootable disk" placeholder in the VBR) is healthy: mbr-boot-code-missing is info, exit 0; real VBR code with empty MBR code stays an error'
. "$(dirname "$0")/lib.sh"

# sev JSON: the severity of mbr-boot-code-missing, or "none"
sev() { json_get "$1" "([f['severity'] for f in r['disks'][0]['findings'] if f['code'] == 'mbr-boot-code-missing'] or ['none'])[0]"; }
ev() { json_get "$1" "[f['evidence'].get('$2') for f in r['disks'][0]['findings'] if f['code'] == 'mbr-boot-code-missing'][0]"; }

# data_disk IMG TYPE: a 64 MiB disk, one active partition at 2048 of TYPE,
# formatted in a file of its own and dd-ed into place (no loop devices).
data_disk() {
	rm -f "$1" part && truncate -s 64M "$1" &&
	printf 'label: dos\nstart=2048, type=%s, bootable\n' "$2" | sfdisk -q "$1" &&
	truncate -s $(((131072 - 2048) * 512)) part &&
	case $2 in
	7) mkntfs -q -F -Q -p 2048 -H 255 -S 63 -L data part >/dev/null 2>&1 ;;
	c) mkfs.fat -F 32 -h 2048 -n DATA part >/dev/null ;;
	esac &&
	dd if=part of="$1" bs=512 seek=2048 conv=notrunc status=none && rm -f part &&
	# as sfdisk leaves it: an active partition and no MBR boot code
	test "$(od -An -tx1 -j 446 -N 1 "$1" | tr -d " ")" = 80 &&
	test "$(od -An -tx1 -v -N 440 "$1" | tr -d " \n" | tr -d 0)" = ""
}

test_expect_success 'setup: sfdisk + mkntfs data disk, active, no MBR code' '
	data_disk ntfs.img 7 && cp --sparse=always ntfs.img ntfs.orig
'

test_expect_success 'NTFS data disk: scan exits 0; mbr-boot-code-missing is info, with the placeholder as evidence' '
	expect_exit 0 "$DISKMEDIC" scan --json ntfs.img >ntfs.json &&
	test "$(sev ntfs.json)" = info &&
	ev ntfs.json vbr_boot_code | grep -q "^nonboot" &&
	expect_exit 0 "$DISKMEDIC" scan ntfs.img >ntfs.txt && grep -q "not meant to boot" ntfs.txt
'

test_expect_success 'NTFS data disk: fix --yes has nothing to do (exit 0) and writes nothing' '
	expect_exit 0 "$DISKMEDIC" fix --yes --undo-dir u1 ntfs.img &&
	same_image ntfs.orig ntfs.img && ! ls u1/*.undo 2>/dev/null
'

test_expect_success 'sfdisk + mkfs.fat (FAT32) data disk, active, no MBR code: scan exits 0, info' '
	data_disk fat.img c &&
	expect_exit 0 "$DISKMEDIC" scan --json fat.img >fat.json &&
	test "$(sev fat.json)" = info
'

test_expect_success 'the same disk with its VBR placeholder overwritten (no longer the formatter'"'"'s): error, exit 4' '
	cp --sparse=always ntfs.orig other.img &&
	head -c 426 /dev/zero | tr "\\000" "\\314" | dd of=other.img bs=1 seek=$((2048 * 512 + 84)) conv=notrunc status=none &&
	expect_exit 4 "$DISKMEDIC" scan --json other.img >other.json &&
	test "$(sev other.json)" = error
'

test_expect_success 'real VBR boot code (the XP-style test loader) with empty MBR code: error, exit 4' '
	"$DISKMEDIC_LAB" make mbr-boot-code-missing boot.img --seed 245 --vbr-code xp >/dev/null &&
	expect_exit 4 "$DISKMEDIC" scan --json boot.img >boot.json &&
	test "$(sev boot.json)" = error &&
	ev boot.json vbr_boot_code | grep -q "^xp"
'

test_done
