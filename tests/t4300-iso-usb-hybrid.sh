#!/bin/sh
test_description='the hybrid ISO written to a USB stick (usb-storage on xHCI, bootindex=0) boots under BIOS and UEFI, and the stick is left out of the scan'
. "$(dirname "$0")/lib.sh"
. "$SRCDIR/tests/lib-qemu.sh"

stick() {
	echo "-device qemu-xhci,id=xhci" \
	     "-drive file=$ISO,format=raw,if=none,id=stick,readonly=on" \
	     "-device usb-storage,bus=xhci.0,drive=stick,bootindex=0"
}

test_expect_success 'the ISO is built' 'iso_ready'

test_expect_success 'a damaged disk' '
	"$DISKMEDIC_LAB" make mbr-signature-missing a.img --seed 4301 >/dev/null &&
	sha_record a.img >before.sha
'

test_expect_success 'BIOS: boots from the stick; the stick is the boot medium' '
	ISO_MEDIUM=none iso_boot bios "bios" "diskmedic.mode=report diskmedic.after=poweroff" \
		$(stick) -drive file=a.img,format=raw,if=virtio &&
	grep -E "booted from /dev/sd[a-z]" bios/serial.txt &&
	qemu_report bios >bios.json &&
	test "$(report_paths bios.json)" = /dev/vda &&
	sha_check before.sha
'

test_expect_success 'UEFI: boots from the stick; the stick is the boot medium' '
	ISO_MEDIUM=none iso_boot uefi "uefi" "diskmedic.mode=report diskmedic.after=poweroff" \
		$(stick) -drive file=a.img,format=raw,if=virtio &&
	grep -E "booted from /dev/sd[a-z]" uefi/serial.txt &&
	qemu_report uefi >uefi.json &&
	test "$(report_paths uefi.json)" = /dev/vda &&
	sha_check before.sha
'

test_done
