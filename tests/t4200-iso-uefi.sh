#!/bin/sh
test_description='the ISO boots under UEFI (OVMF) through shim and GRUB and scans; with no EDD the report names the geometry source it fell back to'
. "$(dirname "$0")/lib.sh"
. "$SRCDIR/tests/lib-qemu.sh"

src() { python3 -c 'import json,sys
d = json.load(open(sys.argv[1]))["disks"][0]
print((d["bios_geometry"] or {}).get("source"))' "$1"; }

test_expect_success 'the ISO is built' 'iso_ready'

test_expect_success 'a seed-000 disk' '
	"$DISKMEDIC_LAB" make geometry-255 seed.img --seed 4201 >/dev/null &&
	sha_record seed.img >before.sha
'

test_expect_success 'OVMF: GRUB loads the kernel from the ISO9660 tree; the report comes out on serial' '
	iso_boot vm uefi "diskmedic.mode=report diskmedic.after=poweroff" \
		-drive file=seed.img,format=raw,if=ide,index=0 &&
	grep "GNU GRUB" vm/serial.txt &&
	qemu_report vm >report.json &&
	test "$(report_paths report.json)" = /dev/sda &&
	sha_check before.sha
'

test_expect_success 'no EDD under UEFI: the geometry comes from the MBR CHS entries, and says so' '
	test "$(src report.json)" = mbr-chs
'

test_done
