#!/bin/sh
test_description='a partition that held NTFS and was reformatted (mkfs.exfat, mkfs.ext4, mkfs.vfat, mkfs.xfs,
mkfs.btrfs, mkswap) is identified by libblkid as what it holds now; the NTFS remnants are at most a stale
signature, never damage, and fix --yes writes nothing'
. "$(dirname "$0")/lib.sh"
. "$SRCDIR/tests/lib-content.sh"

# reformat FS: an NTFS partition file of 512 MiB (mkfs.xfs needs 300), then
# FS made over it as an administrator would, on the partition.
reformat() {
	ntfs_part part.img 536870912 || return 1
	case $1 in
	exfat) mkfs.exfat part.img ;;
	ext4) mkfs.ext4 -q -F part.img ;;
	vfat) mkfs.vfat -F 32 -h 2048 part.img ;;
	xfs) mkfs.xfs -q -f part.img ;;
	btrfs) mkfs.btrfs -q -f part.img ;;
	swap) chmod 600 part.img && mkswap part.img ;;
	esac >/dev/null 2>&1
}

# tool:libblkid TYPE:filesystem in the report (fat32, as the contract spells it)
for fs in exfat:exfat:exfat ext4:ext4:ext4 vfat:vfat:fat32 xfs:xfs:xfs btrfs:btrfs:btrfs swap:swap:swap; do
	tool=${fs%%:*} type=${fs#*:} want=${type#*:} type=${type%%:*}
	if ! command -v "mkfs.$tool" >/dev/null 2>&1 && ! command -v "mk$tool" >/dev/null 2>&1; then
		test_skip "$tool over a stale NTFS" "mkfs.$tool missing"
		continue
	fi
	test_expect_success "$tool over a stale NTFS: identified as $type, nothing written" "
		reformat $tool && stale_ntfs_disk disk-$tool.img part.img &&
		content_verdict disk-$tool.img $type $want
	"
done

test_expect_success 'exFAT keeps the NTFS backup boot sector at its end: reported as a stale signature (info)' '
	test "$(part1 disk-exfat.img.json "\",\".join(p[\"content\"][\"stale\"])")" = ntfs &&
	test "$(severities disk-exfat.img.json partition-stale-signature)" = info
'

test_expect_success 'no MBR code and no active entry: a CHS mismatch under a measured geometry is info, not fixed' '
	before=$(sha disk-exfat.img) &&
	"$DISKMEDIC" scan --json --bios 16/63 disk-exfat.img >chs.json &&
	test "$(severities chs.json mbr-chs-inconsistent)" = info &&
	"$DISKMEDIC" fix --yes --bios 16/63 --undo-dir cu disk-exfat.img &&
	test "$(sha disk-exfat.img)" = "$before"
'

test_expect_success 'the NTFS volume itself, not reformatted, is still examined as NTFS' '
	ntfs_part part.img 536870912 && stale_ntfs_disk ntfs.img part.img &&
	"$DISKMEDIC" scan --json ntfs.img >ntfs.json &&
	test "$(part1 ntfs.json "p[\"filesystem\"]")" = ntfs &&
	test "$(part1 ntfs.json "p[\"content\"][\"type\"]")" = ntfs
'

test_expect_success 'an NTFS whose boot sector is zeroed (libblkid finds nothing) is still repaired from its backup' '
	cp --sparse=always ntfs.img lost.img &&
	dd if=/dev/zero of=lost.img bs=512 seek=2048 count=1 conv=notrunc status=none &&
	expect_exit 4 "$DISKMEDIC" scan --json lost.img >lost.json &&
	test "$(part1 lost.json "p[\"content\"]")" = None &&
	codes lost.json | grep -qx ntfs-boot-sector-damaged &&
	expect_exit 1 "$DISKMEDIC" fix --yes --undo-dir u lost.img &&
	same_image ntfs.img lost.img
'

test_done
