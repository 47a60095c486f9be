#!/bin/sh
test_description='PID 1 survives the menu dying (Ctrl-C over serial kills diskmedic): /init says so and starts the menu again'
. "$(dirname "$0")/lib.sh"
. "$SRCDIR/tests/lib-qemu.sh"

test_expect_success 'the ISO is built' 'iso_ready'

test_expect_success 'a clean disk' '
	"$DISKMEDIC_LAB" make clean a.img --seed 4521 >/dev/null
'

test_expect_success 'Ctrl-C kills the menu; /init starts it again; p powers off' '
	qemu_start vm -m 256 -cdrom "$ISO" -boot order=d \
		-drive file=a.img,format=raw,if=virtio &&
	test_when_finished "qemu_stop vm" &&
	boot_bios_iso vm "diskmedic.mode=menu" &&
	qemu_expect vm "Keys: 1-9" 300 &&
	n=$(grep -ac "Keys: 1-9" vm/serial.log) &&
	sleep 1 && qemu_send vm "\\003" &&
	qemu_expect vm "the menu ended unexpectedly" 60 &&
	i=0 && while [ "$(grep -ac "Keys: 1-9" vm/serial.log)" -le "$n" ] && [ $i -lt 600 ]; do sleep 0.2; i=$((i + 1)); done &&
	[ "$(grep -ac "Keys: 1-9" vm/serial.log)" -gt "$n" ] &&
	sleep 1 && qemu_send vm p &&
	qemu_wait vm 120 &&
	! grep -aq "Kernel panic" vm/serial.log &&
	grep -aq "reboot: Power down" vm/serial.log
'

test_done
