#!/bin/sh
test_description='the ISO boots with Secure Boot enforced (OVMF secboot code, Microsoft keys, q35, SMM): signed shim, GRUB and kernel; signed modules load under lockdown'
. "$(dirname "$0")/lib.sh"
. "$SRCDIR/tests/lib-qemu.sh"

test_expect_success 'the ISO is built' 'iso_ready'

test_expect_success 'a damaged disk' '
	"$DISKMEDIC_LAB" make mbr-signature-missing a.img --seed 4211 >/dev/null &&
	sha_record a.img >before.sha
'

test_expect_success 'Secure Boot on: the kernel says so and is locked down' '
	iso_boot vm secboot "diskmedic.mode=report diskmedic.after=poweroff" \
		-drive file=a.img,format=raw,if=none,id=d0 -device virtio-blk-pci,drive=d0 &&
	grep -E "secureboot: Secure boot enabled" vm/serial.txt &&
	grep -E "Kernel is locked down" vm/serial.txt
'

test_expect_success 'the signed modules loaded (virtio disk found) and the scan ran' '
	qemu_report vm >report.json &&
	test "$(report_paths report.json)" = /dev/vda &&
	report_codes report.json /dev/vda | grep -qx mbr-signature-missing &&
	sha_check before.sha
'

test_done
