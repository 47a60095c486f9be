#!/bin/sh
test_description='interactive use over serial: the keys a person would press (the finding'"'"'s number, y to apply, b b to reboot without saving the undo record) fix the seed disk in the booted ISO'
. "$(dirname "$0")/lib.sh"
. "$SRCDIR/tests/lib-qemu.sh"

part_off() { echo $(($(sed -n "s/^part_start=//p" "$1.lab") * $(sed -n "s/^sector_size=//p" "$1.lab"))); }

test_expect_success 'the ISO is built' 'iso_ready'

test_expect_success 'a seed-000 disk' '
	"$DISKMEDIC_LAB" make geometry-255 seed.img --seed 4511 >/dev/null
'

test_expect_success 'menu: 1 opens the finding, y applies, b reboots' '
	qemu_start vm -m 256 -cdrom "$ISO" -boot order=d \
		-drive file=seed.img,format=raw,if=ide,index=0 &&
	test_when_finished "qemu_stop vm" &&
	boot_bios_iso vm "diskmedic.mode=menu" &&
	qemu_expect vm "Keys: 1-9" 300 &&
	grep -a "\[1\] ERROR *vbr-geometry-mismatch" vm/serial.log &&
	sleep 1 && qemu_send vm 1 &&
	qemu_expect vm "Press y to apply this fix" 60 &&
	qemu_send vm y &&
	n=$(grep -ac "Keys: 1-9" vm/serial.log) &&
	i=0 && while [ "$(grep -ac "Keys: 1-9" vm/serial.log)" -le "$n" ] && [ $i -lt 600 ]; do sleep 0.2; i=$((i + 1)); done &&
	[ "$(grep -ac "Keys: 1-9" vm/serial.log)" -gt "$n" ] &&
	sleep 1 && qemu_send vm b &&
	# The undo record is only in RAM: the menu asks once more before rebooting.
	qemu_expect vm "undo records are in RAM" 60 && qemu_send vm b &&
	qemu_wait vm 120
'

test_expect_success 'the host sees BPB heads 128 in both boot sectors; files intact' '
	p=$(part_off seed.img) &&
	test "$(bytes seed.img $((p + 26)) 2)" = 8000 &&
	{ "$DISKMEDIC" scan --bios qemu --json seed.img >after.json; test $? -lt 8; } &&
	! codes after.json | grep -qx vbr-geometry-mismatch &&
	"$DISKMEDIC_LAB" verify seed.img
'

test_done
