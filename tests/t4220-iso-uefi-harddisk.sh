#!/bin/sh
test_description='"boot first hard disk" from the running menu (h): on UEFI /init sets BootNext to the first disk entry of BootOrder after the one we came from, and reboots; on BIOS it explains and returns to the menu'
. "$(dirname "$0")/lib.sh"
. "$SRCDIR/tests/lib-qemu.sh"

test_expect_success 'the ISO is built' 'iso_ready'

test_expect_success 'a clean disk' '
	"$DISKMEDIC_LAB" make clean a.img --seed 4221 >/dev/null
'

test_expect_success 'UEFI: h names the firmware entry it chose; after the restart the firmware loads that entry' '
	QEMU_REBOOT=1 qemu_start vm -m 512 $(ovmf_args vm plain) -cdrom "$ISO" \
		-drive file=a.img,format=raw,if=ide,index=0 &&
	test_when_finished "qemu_stop vm" &&
	boot_grub_iso vm "diskmedic.mode=menu" &&
	qemu_expect vm "Keys: 1-9" 300 &&
	sleep 1 && qemu_send vm h &&
	qemu_expect vm "the firmware will start Boot[0-9A-F]{4} .* next" 60 &&
	tr -d "\r" <vm/serial.log | grep -a "will start" >chosen &&
	! grep -qi -e "DVD" -e "CDROM" -e "PXE" -e "Shell" chosen &&
	num=$(sed -n "s/.*will start \(Boot[0-9A-F]*\) .*/\1/p" chosen) &&
	# The lab disk has no EFI loader, so the firmware fails on it and goes
	# on with BootOrder; what counts is that it went there first.
	qemu_expect vm "BdsDxe: (loading|failed to load) $num " 120 &&
	tr -d "\r" <vm/serial.log | sed -n "/will start/,\$p" | grep -a "BdsDxe: [a-z ]* Boot" | head -n 1 | grep " $num "
'

test_expect_success 'BIOS: h explains, another key returns to the menu, p powers off' '
	qemu_start vm2 -m 256 -cdrom "$ISO" -boot order=d \
		-drive file=a.img,format=raw,if=ide,index=0 &&
	test_when_finished "qemu_stop vm2" &&
	boot_bios_iso vm2 "diskmedic.mode=menu" &&
	qemu_expect vm2 "Keys: 1-9" 300 &&
	sleep 1 && qemu_send vm2 h &&
	qemu_expect vm2 "no way to" 60 &&
	n=$(grep -ac "Keys: 1-9" vm2/serial.log) &&
	sleep 1 && qemu_send vm2 x &&
	i=0 && while [ "$(grep -ac "Keys: 1-9" vm2/serial.log)" -le "$n" ] && [ $i -lt 600 ]; do sleep 0.2; i=$((i + 1)); done &&
	[ "$(grep -ac "Keys: 1-9" vm2/serial.log)" -gt "$n" ] &&
	sleep 1 && qemu_send vm2 p &&
	qemu_wait vm2 120 &&
	grep -aq "reboot: Power down" vm2/serial.log
'

test_done
