#!/bin/sh
test_description='lost partition tables: libblkid names what the sector scan cannot (exFAT, btrfs, XFS, swap) and what an old remnant now holds'
. "$(dirname "$0")/lib.sh"
. "$SRCDIR/tests/lib-content.sh"

table() { sfdisk -d "$1" | grep -E '^[^ ]+ : ' | sed "s|^$1||"; }
zero_mbr() { dd if=/dev/zero of="$1" bs=512 count=1 conv=notrunc status=none; }
# put DISK FILE LBA: FILE dd-ed into DISK at LBA, holes kept.
put() { dd if="$2" of="$1" bs=512 seek="$3" conv=notrunc,sparse status=none; }

# A 600 MiB disk: NTFS, btrfs, XFS (mkfs.xfs wants 300 MiB) and swap,
# each made in a file of its own by its own mkfs and dd-ed into place.
test_expect_success 'setup: MBR disk with NTFS, btrfs, XFS and swap' '
	truncate -s 600M five.img &&
	printf "label: dos\nstart=2048, size=60M, type=7\nsize=120M, type=83\nsize=320M, type=83\nsize=32M, type=82\n" |
		sfdisk -q five.img &&
	sfdisk -d five.img | sed -n "s/.*start= *\([0-9]*\), size= *\([0-9]*\).*/\1 \2/p" >layout &&
	test $(wc -l <layout) = 4 &&
	n=0 && while read start size; do
		n=$((n + 1)) && rm -f p && truncate -s $((size * 512)) p &&
		case $n in
		1) mkntfs -q -Q -F -p "$start" -H 255 -S 63 p >/dev/null 2>&1 ;;
		2) mkfs.btrfs -q -L BTR p >/dev/null ;;
		3) mkfs.xfs -q -L XFS p ;;
		4) mkswap -L SWP p >/dev/null ;;
		esac && put five.img p "$start" || return 1
	done <layout && rm -f p &&
	table five.img >five.table && test $(wc -l <five.table) = 4
'

test_expect_success 'the intact disk: the search lists all four, libblkid names each' '
	expect_exit 0 "$DISKMEDIC" search --json five.img >s.json &&
	json_get s.json "\" \".join(v[\"filesystem\"] for v in r[\"volumes\"] if v[\"chosen\"])" >got &&
	echo "ntfs btrfs xfs swap" >want && test_cmp want got &&
	json_get s.json "\" \".join(str(v[\"content\"]) for v in r[\"volumes\"] if v[\"chosen\"])" >got &&
	echo "ntfs btrfs xfs swap" >want && test_cmp want got
'

test_expect_success 'MBR zeroed: fix rebuilds all four entries with their types; each volume is intact' '
	cp --sparse=always five.img lost.img && zero_mbr lost.img && cp --sparse=always lost.img lost.orig &&
	expect_exit 4 "$DISKMEDIC" scan --json lost.img >r.json &&
	codes r.json | grep -qx mbr-partition-table-lost &&
	expect_exit 4 "$DISKMEDIC" scan lost.img >out &&
	for t in "0x07  ntfs" "0x83  btrfs" "0x83  xfs" "0x82  swap"; do grep -q "$t " out || return 1; done &&
	expect_exit 1 "$DISKMEDIC" fix --yes --only mbr-partition-table-lost --undo-dir undo lost.img >/dev/null &&
	table lost.img | sed "s/, bootable//" >got && sed "s/, bootable//" five.table >want && test_cmp want got &&
	cmp -i 512 lost.img lost.orig &&
	set -- undo/*.undo && expect_exit 0 "$DISKMEDIC" undo --yes "$1" >/dev/null && same_image lost.img lost.orig
'

test_expect_success 'MBR zeroed: the deep search finds the same four' '
	expect_exit 4 "$DISKMEDIC" search --deep --json lost.orig >d.json &&
	json_get d.json "\" \".join(v[\"filesystem\"] for v in r[\"volumes\"] if v[\"chosen\"])" >got &&
	echo "ntfs btrfs xfs swap" >want && test_cmp want got
'

test_expect_success_with qemu-img 'the same lost table in a qcow2: libblkid reads through qemu-nbd' '
	qemu-img convert -O qcow2 lost.orig lost.qcow2 &&
	expect_exit 4 "$DISKMEDIC" search --json lost.qcow2 >q.json &&
	json_get q.json "\" \".join(v[\"filesystem\"] for v in r[\"volumes\"] if v[\"chosen\"])" >got &&
	echo "ntfs btrfs xfs swap" >want && test_cmp want got
'

# NTFS reformatted as exFAT: the old NTFS backup boot sector at the end is
# what the sector scan finds; libblkid says exFAT lives there now.
test_expect_success 'table lost over an exFAT that was NTFS: rebuilt for exFAT, exFAT untouched' '
	ntfs_part old 64M && mkfs.exfat -L NOW old >/dev/null &&
	stale_ntfs_disk ex.img old && table ex.img >ex.table &&
	cmp -n 67108864 -i 1048576:0 ex.img old &&
	zero_mbr ex.img && cp ex.img ex.orig &&
	expect_exit 4 "$DISKMEDIC" scan ex.img >out &&
	grep -q "0x07  exfat  libblkid finds exfat at 2048" out &&
	grep -q "not used: ntfs at 2048, 131072 sectors (a remnant: libblkid finds exfat live there)" out &&
	expect_exit 1 "$DISKMEDIC" fix --yes --undo-dir undo2 ex.img >/dev/null &&
	table ex.img | sed "s/, bootable//" >got && sed "s/, bootable//" ex.table >want && test_cmp want got &&
	cmp -n 67108864 -i 1048576:0 ex.img old &&
	cmp -n 446 ex.img ex.orig
'

# btrfs with an exFAT boot region written over its first sectors, over an
# NTFS whose backup boot sector survives at the end: libblkid's "ambivalent".
test_expect_success 'a volume where libblkid finds two live signatures is never put into a table' '
	ntfs_part amb 120M && mkfs.btrfs -q -f amb >/dev/null &&
	rm -f exf && truncate -s 120M exf && mkfs.exfat exf >/dev/null &&
	dd if=exf of=amb bs=512 count=24 conv=notrunc status=none &&
	stale_ntfs_disk amb.img amb && zero_mbr amb.img && cp amb.img amb.orig &&
	"$DISKMEDIC" search --json amb.img >a.json &&
	json_get a.json "[v[\"filesystem\"] for v in r[\"volumes\"] if v[\"chosen\"]]" >got &&
	echo "[]" >want && test_cmp want got &&
	expect_exit 0 "$DISKMEDIC" fix --yes amb.img >/dev/null && same_image amb.img amb.orig
'

test_done
