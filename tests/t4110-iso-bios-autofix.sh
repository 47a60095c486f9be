#!/bin/sh
test_description='the ISO in autofix mode under SeaBIOS repairs the damaged disks, and a host-side scan no longer finds what it fixed'
. "$(dirname "$0")/lib.sh"
. "$SRCDIR/tests/lib-qemu.sh"
. "$SRCDIR/tests/lib-content.sh"

test_expect_success 'the ISO is built' 'iso_ready'

test_expect_success 'damaged disks from the lab, each with a safe fix' '
	"$DISKMEDIC_LAB" make hidden-sectors a.img --seed 4111 >/dev/null &&
	"$DISKMEDIC_LAB" make mbr-signature-missing b.img --seed 4112 >/dev/null &&
	"$DISKMEDIC_LAB" make ntfs-backup-zeroed c.img --seed 4113 >/dev/null &&
	for k in a:hidden-sectors b:mbr-signature-missing c:ntfs-backup-zeroed; do
		expect_exit 4 "$DISKMEDIC" scan --bios none --json ${k%%:*}.img >before.${k%%:*}.json || exit 1
	done
'

test_expect_success 'a healthy exFAT made over an NTFS partition (its NTFS backup boot sector stays)' '
	ntfs_part part.img 268435456 && mkfs.exfat part.img >/dev/null &&
	stale_ntfs_disk d.img part.img && rm -f part.img && sha d.img >d.sha
'

test_expect_success 'a USB-like disk whose FAT partition is labelled DMUNDO keeps the undo records' '
	truncate -s 64M e.img && echo "start=2048, type=c" | sfdisk -q e.img &&
	truncate -s 63M e.part && mkfs.vfat -n DMUNDO -h 2048 e.part >/dev/null &&
	dd if=e.part of=e.img bs=1M seek=1 conv=notrunc status=none && rm -f e.part &&
	cp --sparse=always a.img a.orig
'

test_expect_success 'autofix mode: fixes applied, report printed, powered off' '
	iso_boot vm bios "diskmedic.mode=autofix diskmedic.after=poweroff diskmedic.undo=DMUNDO" \
		-drive file=a.img,format=raw,if=ide,index=0 \
		-drive file=b.img,format=raw,if=virtio \
		-drive file=c.img,format=raw,if=virtio \
		-drive file=d.img,format=raw,if=virtio \
		-drive file=e.img,format=raw,if=virtio &&
	qemu_report vm >report.json &&
	python3 -m json.tool report.json >/dev/null
'

test_expect_success 'host-side scans find none of the problems any more' '
	for k in a:hidden-sectors b:mbr-signature-missing c:ntfs-backup-zeroed; do
		img=${k%%:*}.img kind=${k#*:}
		"$DISKMEDIC" scan --bios none --json $img >after.json; rc=$?
		# 0 or 4 (what is left may be info or other codes); a crash is 86 or more
		[ $rc = 0 ] || [ $rc = 4 ] || { echo "$img: scan exit $rc"; exit 1; }
		codes after.json >after.codes
		for c in $("$DISKMEDIC_LAB" expect $kind); do
			if grep -qx "$c" after.codes; then echo "$img still has $c"; exit 1; fi
		done
	done
'

test_expect_success 'the files on the volumes are intact' '
	"$DISKMEDIC_LAB" verify a.img && "$DISKMEDIC_LAB" verify b.img && "$DISKMEDIC_LAB" verify c.img
'

test_expect_success 'autofix left the exFAT disk byte-identical, and its report names exFAT with a stale NTFS' '
	test "$(sha d.img)" = "$(cat d.sha)" &&
	json_get report.json "[p[\"content\"][\"type\"] + \"/\" + \",\".join(p[\"content\"][\"stale\"]) for d in r[\"disks\"] for p in d[\"partitions\"] if p[\"content\"]]" >types &&
	cat types && grep -q "exfat/ntfs" types
'

test_expect_success 'the DMUNDO disk was not scanned; its partition holds every undo record and both reports' '
	grep -q "undo records go to /dev/vdd1 (label .DMUNDO.)" vm/serial.txt &&
	test "$(json_get report.json "len(r[\"disks\"])")" = 4 &&
	n=$(grep -c "^-----BEGIN DISKMEDIC UNDO RECORD" vm/serial.txt) && test "$n" -ge 3 &&
	mdir -/ -b -i e.img@@1048576 :: >saved && cat saved &&
	test "$(grep -c "\.undo\$" saved)" = "$n" && grep -q "report.json\$" saved
'

test_expect_success 'the serial log alone undoes the repair of the first disk (diskmedic undo --target)' '
	expect_exit 0 "$DISKMEDIC" undo --yes --undo-dir hu --target a.img vm/serial.log &&
	same_image a.img a.orig
'

test_done
